/*
 * The language switcher keeps what the reader is looking at: the address's query
 * (`?from=…&to=…` on the compare page, `?date=…` on the "in force on" page) and its
 * fragment (a section). Every language has the same pages, sections and anchors, so
 * the switch goes straight there (Material's own handler, which looks the page up in
 * the sitemap, would drop the query).
 */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest(".md-select a[hreflang]") : null;
    if (!link) return;
    var url = new URL(link.getAttribute("href"), window.location.href);
    if (!url.search) url.search = window.location.search;
    if (!url.hash) url.hash = window.location.hash;
    link.setAttribute("href", url.href);
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    event.stopPropagation();
    window.location.assign(url.href);
  }, true);
}());
