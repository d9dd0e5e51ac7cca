/*
 * "Statuses as of <day>": the statuses on a page were decided on the day the site was
 * built for. When the reader's clock (in the site's time zone) has reached the next
 * scheduled change, or is more than three days past that day, say that the statuses
 * may be out of date, and why. Without this script the day still shows.
 */
(function () {
  "use strict";
  var STALE_DAYS = 3;
  var line = document.querySelector(".ps-as-of");
  if (!line) return;
  var today;
  try {
    today = new Intl.DateTimeFormat("en-CA", { timeZone: line.dataset.zone, year: "numeric", month: "2-digit", day: "2-digit" })
      .format(new Date());
  } catch (error) {
    today = new Date().toISOString().slice(0, 10);
  }
  var next = line.dataset.nextChange;
  var days = (Date.parse(today) - Date.parse(line.dataset.asOf)) / 86400000;
  var message = next && today >= next ? line.dataset.staleChange
    : days > STALE_DAYS ? line.dataset.staleDays : "";
  if (!message) return;
  var warning = document.createElement("p");
  warning.className = "ps-as-of__warning";
  warning.setAttribute("role", "status");
  warning.textContent = message;
  line.after(warning);
}());
