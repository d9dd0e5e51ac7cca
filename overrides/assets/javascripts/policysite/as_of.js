/*
 * "Statuses as of <day>": the statuses on a page were decided on the day the site was
 * built for. When the reader's clock (in the site's time zone) has reached the next
 * scheduled change, or is more than three days past that day, say that the statuses
 * may be out of date, and why: in one short line that opens to the reason, so it does
 * not push the text off a phone's first screen. The countdowns to an upcoming version
 * ("in 53 days") are counted again on the reader's clock. Without this script the day
 * still shows.
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
  var plurals = new Intl.PluralRules(document.documentElement.lang || "en");
  document.querySelectorAll(".ps-countdown[data-effective]").forEach(function (countdown) {
    var left = Math.round((Date.parse(countdown.dataset.effective) - Date.parse(today)) / 86400000);
    if (left <= 0) return;  // taken effect: the warning below says the page is out of date
    var forms = JSON.parse(countdown.dataset.forms);
    var form = typeof forms === "string" ? forms : forms[plurals.select(left)] || forms.other;
    countdown.textContent = form.replace("{count}", String(left));
  });
  var next = line.dataset.nextChange;
  var days = (Date.parse(today) - Date.parse(line.dataset.asOf)) / 86400000;
  var changed = next && today >= next;
  var message = changed ? line.dataset.staleChange : days > STALE_DAYS ? line.dataset.staleDays : "";
  if (!message) return;
  var warning = document.createElement("details");
  warning.className = "ps-as-of__warning";
  warning.setAttribute("role", "status");
  var summary = document.createElement("summary");
  // The line names the day a change was due, which is what the reader must check.
  summary.textContent = changed ? line.dataset.staleShortChange : line.dataset.staleShort;
  var reason = document.createElement("p");
  reason.textContent = message;
  warning.append(summary, reason);
  // Open where there is room for the reason; a tap opens it on a phone.
  warning.open = window.matchMedia("(min-width: 45em)").matches;
  line.after(warning);
  line.classList.add("ps-as-of--stale");  // on a phone the warning says the day instead
}());
