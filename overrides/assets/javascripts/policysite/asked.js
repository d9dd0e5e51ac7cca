/*
 * The day the reader asked for. The "in force on" tool opens the version of that day
 * with `?on=YYYY-MM-DD`; the version page then says the day, with the version's period
 * (policysite/render/templates/asked.html.j2), in the page's language: the day is
 * written from the page's own dates of the 28th of each month of 2000.
 */
(function () {
  "use strict";
  var box = document.querySelector(".ps-asked");
  var day = new URLSearchParams(window.location.search).get("on");
  if (!box || !day || !/^\d{4}-\d{2}-\d{2}$/.test(day) || isNaN(Date.parse(day))) return;
  var parts = day.split("-");
  var shown = JSON.parse(box.dataset.months)[Number(parts[1]) - 1]
    .replace("28", String(Number(parts[2]))).replace("2000", String(Number(parts[0])));
  var end = box.dataset.end;
  var inside = day >= box.dataset.effective && (!end || day <= end);
  // A version whose end is still to come is in force "since" its day.
  var text = !inside ? box.dataset.outside : box.dataset.in || box.dataset.since;
  var answer = document.createElement("p");
  answer.textContent = text.replace("{date}", shown);
  box.replaceChildren(answer);
  box.setAttribute("role", "status");
  box.hidden = false;
}());
