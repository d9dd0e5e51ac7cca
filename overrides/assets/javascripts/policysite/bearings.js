/*
 * The status line's height, for the stylesheet that keeps a section a link leads to just
 * below it (--ps-status-height, policysite.css): the line wraps to more lines on a phone
 * and in longer languages. A page opened at a section is put there again once the height
 * is known.
 */
(function () {
  "use strict";
  var root = document.documentElement;
  var status = document.querySelector(".ps-status");
  if (!status) {
    root.style.setProperty("--ps-status-height", "0px");
    return;
  }
  function measure() {
    root.style.setProperty("--ps-status-height", status.offsetHeight + "px");
  }
  measure();
  if (window.ResizeObserver) new ResizeObserver(measure).observe(status);
  var id = decodeURIComponent(window.location.hash.slice(1));
  var target = id ? document.getElementById(id) : null;
  if (target) target.scrollIntoView();
}());
