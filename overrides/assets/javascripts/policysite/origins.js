/*
 * "Changed since …" on a version's "since when" page: the reader picks a version (or
 * gives a day, `?since=2025-01-01`), and every part of the text whose wording dates from
 * that day or earlier folds behind a button, so what is left is what changed after it.
 * A heading stays in view while any part of its section does. The choice is kept in the
 * address (`?since=<version>`); without this script the form stays hidden and the page
 * shows every part with its mark.
 */
(function () {
  "use strict";
  var form = document.querySelector("form.ps-since");
  if (!form) return;
  var select = form.querySelector("select");
  var status = form.querySelector(".ps-since__status");
  var DAY = /^\d{4}-\d{2}-\d{2}$/;
  form.hidden = false;

  // The day chosen and the version the list shows for it (a day that names no version:
  // the last version on or before it; a day after the newest: the newest), or null for
  // the whole text (nothing chosen, a day before every version, not a day at all).
  function chosen(value) {
    if (!value) return null;
    var options = Array.from(select.options).filter(function (o) { return o.dataset.effective; });
    var named = options.find(function (o) { return o.value === value; });
    if (named) return { day: named.dataset.effective, value: value };
    if (!DAY.test(value)) return null;
    var before = options.filter(function (o) { return o.dataset.effective <= value; });
    if (!before.length) return null;
    before.sort(function (a, b) { return a.dataset.effective < b.dataset.effective ? 1 : -1; });
    // Past the newest version before this one, only this version's own wording is newer.
    var day = before[0] === options[0] ? before[0].dataset.effective : value;
    return { day: day, value: before[0].value };
  }

  function clear() {
    document.querySelectorAll(".ps-since__fold").forEach(function (button) { button.remove(); });
    document.querySelectorAll(".ps-origins .ps-origin").forEach(function (part) { part.hidden = false; });
  }

  function fold(run) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "ps-since__fold";
    button.textContent = form.dataset.show.replace("{count}", String(run.length));
    // In the page's language, also inside an untranslated (Kazakh) text.
    button.lang = document.documentElement.lang;
    run[0].before(button);
    button.addEventListener("click", function () {
      run.forEach(function (part) { part.hidden = false; });
      button.remove();
      run[0].tabIndex = -1; // the keyboard goes on from the text shown, not the page's top
      run[0].focus();
    });
  }

  function apply(value) {
    clear();
    var found = chosen(value);
    select.value = found ? found.value : "";
    status.textContent = "";
    if (!found) {
      if (value) remember(""); // it names nothing the page can fold
      return;
    }
    var parts = [], shown = 0, total = 0;
    document.querySelectorAll(".ps-origins__section").forEach(function (section) {
      var blocks = Array.from(section.querySelectorAll(".ps-origin:not(.ps-origin--heading)"));
      var newer = blocks.some(function (part) { return part.dataset.effective > found.day; });
      section.querySelectorAll(".ps-origin").forEach(function (part) {
        // The heading of a section with newer text stays, as where that text is.
        var keep = part.dataset.effective > found.day ||
          (newer && part.classList.contains("ps-origin--heading"));
        total += 1;
        if (keep) shown += 1;
        parts.push([part, keep]);
      });
    });
    var run = [];
    parts.forEach(function (pair) {
      if (pair[1]) {
        if (run.length) fold(run);
        run = [];
      } else {
        pair[0].hidden = true;
        run.push(pair[0]);
      }
    });
    if (run.length) fold(run);
    status.textContent = form.dataset.shown
      .replace("{shown}", String(shown)).replace("{total}", String(total));
  }

  // The choice in the address (`?since=`), or none.
  function remember(value) {
    var params = new URLSearchParams(window.location.search);
    if (value) params.set("since", value);
    else params.delete("since");
    var query = params.toString();
    window.history.replaceState(null, "", (query ? "?" + query : window.location.pathname) + window.location.hash);
  }

  function choose(value) {
    remember(value);
    apply(value);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    choose(select.value);
  });
  select.addEventListener("change", function () { choose(select.value); });
  apply(new URLSearchParams(window.location.search).get("since") || "");
})();
