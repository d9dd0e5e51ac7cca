/*
 * The version in force on a date: `?date=YYYY-MM-DD` goes to the version that
 * applied that day (the latest one effective on or before it), or says that none
 * did yet, or that the policy had been withdrawn (a version's `ended`). A day after the
 * one the site was built for is answered as scheduled then ("will be in force"). The
 * versions come from the form's data-versions attribute.
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
  var days = window.policysite.days;

  function written(iso) {
    return days.written(iso, strings.months);
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
    say(days.fill(strings.none, { date: written(date), first: written(versions[0].effective) }));
    return;
  }
  if (found.ended && date >= found.ended) {
    // The policy was withdrawn while this version was in force, or before its day.
    say(days.fill(strings.withdrawn, { date: written(date), withdrawn: written(found.ended) }));
    return;
  }
  var answer = date > strings.built ? strings.found_ahead : strings.found;
  say(days.fill(answer, { date: written(date), version: found.label }));
  window.location.replace(found.url + "?on=" + encodeURIComponent(date));
}());
