/*
 * Changes side by side. On a changes page or the compare page, `?view=split` lays each
 * section's redline out as a table: the older version's text (deletions marked) beside
 * the newer one's (insertions marked), block by block, each column headed by its
 * version. On a narrow screen the two sides of each block stack, each named, under a note
 * that says why (policysite.css); on a wide one the columns take the page's whole width.
 * The choice is kept in the address; the compare page calls `apply` after each render.
 */
(function () {
  "use strict";
  var switcher = document.querySelector(".ps-view");
  if (!switcher) return;

  function view() {
    return new URLSearchParams(window.location.search).get("view") === "split" ? "split" : "inline";
  }

  // A block as one side reads it: the other side's marks taken out.
  function side(block, drop) {
    var copy = block.cloneNode(true);
    copy.querySelectorAll(drop).forEach(function (node) { node.remove(); });
    // A link or emphasis left empty (its text was all the other side's) goes too.
    copy.querySelectorAll("a, strong, em, code, s, sup, sub, .ps-img").forEach(function (node) {
      if (!node.textContent.trim()) node.remove();
    });
    return copy;
  }

  function split(redline) {
    var table = document.createElement("table");
    table.className = "ps-split";
    var head = table.createTHead().insertRow();
    [switcher.dataset.old, switcher.dataset.new].forEach(function (label) {
      var cell = document.createElement("th");
      cell.scope = "col";
      cell.textContent = label;
      head.appendChild(cell);
    });
    var body = table.createTBody();
    Array.from(redline.children).forEach(function (block) {
      var row = body.insertRow();
      var before = row.insertCell(), after = row.insertCell();
      before.dataset.side = switcher.dataset.oldShort;
      after.dataset.side = switcher.dataset.newShort;
      if (!block.matches(".ps-b--insert")) before.appendChild(side(block, "ins"));
      if (!block.matches(".ps-b--delete")) after.appendChild(side(block, "del"));
    });
    return table;
  }

  function apply(root) {
    var chosen = view();
    (root || document).querySelectorAll(".ps-redline").forEach(function (redline) {
      var next = redline.nextElementSibling;
      if (next && next.matches("table.ps-split")) next.remove();
      if (chosen === "split") redline.after(split(redline));
    });
    document.body.classList.toggle("ps-split-view", chosen === "split");
    var note = document.querySelector(".ps-split-note");
    if (chosen === "split" && !note) {
      note = document.createElement("p");
      note.className = "ps-split-note";
      note.textContent = switcher.dataset.narrow;
      switcher.after(note);
    } else if (chosen !== "split" && note) {
      note.remove();
    }
    switcher.querySelectorAll("a[data-view]").forEach(function (link) {
      var params = new URLSearchParams(window.location.search);
      params.set("view", link.dataset.view);
      link.setAttribute("href", "?" + params.toString() + window.location.hash);
      if (link.dataset.view === chosen) link.setAttribute("aria-current", "true");
      else link.removeAttribute("aria-current");
    });
  }

  switcher.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest("a[data-view]") : null;
    if (!link) return;
    event.preventDefault();
    window.history.replaceState(null, "", link.getAttribute("href"));
    apply();
  });
  window.policysiteRedline = { apply: apply };
  apply();
}());
