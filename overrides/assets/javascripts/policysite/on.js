/*
 * The version in force on a date: `?date=YYYY-MM-DD` goes to the version that
 * applied that day (the latest one effective on or before it), or says that none
 * did yet, or that the policy had been withdrawn (a version's `ended`). The versions come
 * from the form's data-versions attribute.
 */
(function () {
  "use strict";
  var form = document.querySelector("form.ps-on");
  var result = document.getElementById("ps-on-result");
  if (!form || !result) return;
  var versions = JSON.parse(form.dataset.versions);
  var strings = JSON.parse(form.dataset.strings);
  var date = new URLSearchParams(window.location.search).get("date");
  if (!date) return;
  form.elements.date.value = date;

  // A date as the site writes it, from its dates of the 28th of each month of 2000.
  function written(iso) {
    var parts = iso.split("-");
    return strings.months[Number(parts[1]) - 1]
      .replace("28", String(Number(parts[2]))).replace("2000", String(Number(parts[0])));
  }

  function say(text) {
    var p = document.createElement("p");
    p.className = "ps-on__answer";
    p.textContent = text;
    result.replaceChildren(p);
  }

  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || isNaN(Date.parse(date))) {
    say(strings.invalid);
    return;
  }
  var found = null;
  versions.forEach(function (version) {
    if (version.effective <= date) found = version;
  });
  if (found === null) {
    say(strings.none.replace("{date}", written(date)).replace("{first}", written(versions[0].effective)));
    return;
  }
  if (found.ended && date >= found.ended) {
    // The policy was withdrawn while this version was in force, or before its day.
    say(strings.withdrawn.replace("{date}", written(date)).replace("{withdrawn}", written(found.ended)));
    return;
  }
  say(strings.found.replace("{date}", written(date)).replace("{version}", found.label));
  window.location.replace(found.url + "?on=" + encodeURIComponent(date));
}());
