/*
 * The day the reader asked for. The "in force on" tool opens the version of that day
 * with `?on=YYYY-MM-DD`; the version page then says how the version stands on that day,
 * in the page's language. Every answer the page can give was written when the site was
 * built, by the function that writes its status line (policysite/render/standing.py),
 * each for a stretch of days: this script only finds the stretch and writes the day.
 */
(function () {
  "use strict";
  var box = document.querySelector(".ps-asked");
  var day = new URLSearchParams(window.location.search).get("on");
  if (!box || !day || !/^\d{4}-\d{2}-\d{2}$/.test(day) || isNaN(Date.parse(day))) return;
  var days = window.policysite.days;
  var text = "";
  JSON.parse(box.dataset.spans).forEach(function (span) {
    if (span[0] <= day) text = span[1];
  });
  var answer = document.createElement("p");
  answer.textContent = days.fill(text, { date: days.written(day, JSON.parse(box.dataset.months)) });
  box.replaceChildren(answer);
  box.setAttribute("role", "status");
  box.hidden = false;
}());
