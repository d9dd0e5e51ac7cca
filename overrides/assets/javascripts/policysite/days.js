/*
 * Days as the site writes them, for the page scripts (asked.js, on.js, as_of.js):
 * `written` writes an ISO day from the page's own dates of the 28th of each month of
 * 2000 (Strings.date_samples), and `fill` fills a catalog string's `{placeholders}` as
 * policysite/render/strings.py does: a value that ends in a period ("1 июня 2025 г.")
 * takes the place of the sentence's own, so no sentence ends in "г..".
 */
(function () {
  "use strict";
  function written(iso, months) {
    var parts = iso.split("-");
    return months[Number(parts[1]) - 1]
      .replace("28", String(Number(parts[2]))).replace("2000", String(Number(parts[0])));
  }

  function fill(text, values) {
    return text.replace(/\{(\w+)\}(\.(?!\.))?/g, function (whole, name, period) {
      if (!(name in values)) return whole;
      var value = String(values[name]);
      return period && value.slice(-1) !== "." ? value + period : value;
    });
  }

  window.policysite = window.policysite || {};
  window.policysite.days = { written: written, fill: fill };
}());
