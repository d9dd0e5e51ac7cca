/*
 * The language switcher keeps what the reader is looking at: the address's query
 * (`?from=…&to=…&view=…` on the compare page, `?date=…` on the "in force on" page, `?on=`)
 * and the section in view: the address's fragment, or, when the reader scrolled there,
 * the last heading above the top of the screen (below the header and the status line).
 * Every language has the same pages, sections and anchors, so the switch goes straight
 * there (Material's own handler, which looks the page up in the sitemap, would drop the
 * query).
 */
(function () {
  "use strict";
  // The heading the reader is reading under: the address's own section while it is still
  // at the top of the screen, else the last heading whose top is above the line where the
  // sticky header and status line end (a link leaves its heading just below it).
  function sectionInView() {
    var top = 0;
    document.querySelectorAll("header.md-header, .ps-status").forEach(function (bar) {
      top = Math.max(top, bar.getBoundingClientRect().bottom);
    });
    var line = top + 24;
    var linked = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    if (linked && Math.abs(linked.getBoundingClientRect().top - top) < 24) return linked.id;
    var found = "";
    document.querySelectorAll("article :is(h2, h3, h4, h5, h6)[id]").forEach(function (heading) {
      if (heading.getBoundingClientRect().top <= line) found = heading.id;
    });
    return found;
  }

  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest(".md-select a[hreflang]") : null;
    if (!link) return;
    var url = new URL(link.getAttribute("href"), window.location.href);
    if (!url.search) url.search = window.location.search;
    if (!url.hash) {
      var section = window.scrollY > 0 ? sectionInView() : "";
      url.hash = section ? "#" + section : window.location.hash;
    }
    link.setAttribute("href", url.href);
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    event.stopPropagation();
    window.location.assign(url.href);
  }, true);
}());
