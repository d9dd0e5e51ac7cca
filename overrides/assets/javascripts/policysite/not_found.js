/*
 * The page for an address the site does not have (policysite/render/not_found.py). Every
 * language has its own 404.html, each in its language throughout; a static host serves
 * the root one for every address it lacks. When the address names another language
 * (`/ru/…`), that language's page is fetched and written in place of this one, the
 * address unchanged (this page stays hidden meanwhile, and shows if the fetch fails).
 * The page then links to the history of the policy the address names.
 *
 * Loaded in the head, before the page is drawn: its settings are its own attributes.
 */
(function () {
  "use strict";
  var data = document.currentScript.dataset;
  var pages = JSON.parse(data.pages);
  var base = data.base;
  var here = window.location.pathname;
  var parts = (here.indexOf(base) === 0 ? here.slice(base.length) : "").split("/").filter(Boolean);
  var lang = data.root;
  if (parts.length && parts[0] !== data.root && Object.prototype.hasOwnProperty.call(pages, parts[0])) {
    lang = parts.shift();
  }
  var rest = parts.join("/") + "/";
  var policy = JSON.parse(data.policies).filter(function (id) {
    return rest.indexOf(id + "/") === 0;
  })[0];

  function whenParsed(then) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", then);
    } else {
      then();
    }
  }

  function linkHistory() {
    var link = document.querySelector(".ps-not-found [data-history]");
    if (!link || !policy) return;
    link.href = link.getAttribute("href") + policy + "/history/";
    link.parentNode.hidden = false;
  }

  if (lang === data.lang) {
    whenParsed(linkHistory);
    return;
  }
  var root = document.documentElement;
  root.classList.add("ps-not-found--elsewhere");
  fetch(pages[lang], { credentials: "same-origin" })
    .then(function (response) {
      if (!response.ok) throw new Error(pages[lang] + ": " + response.status);
      return response.text();
    })
    .then(function (page) {
      // Once this page is parsed, and outside any of its events: the page written in its
      // place runs its own scripts (this one among them, which then finds its language).
      whenParsed(function () {
        window.setTimeout(function () {
          document.open();
          document.write(page);
          document.close();
        }, 0);
      });
    })
    .catch(function () {
      root.classList.remove("ps-not-found--elsewhere");
      whenParsed(linkHistory);
    });
}());
