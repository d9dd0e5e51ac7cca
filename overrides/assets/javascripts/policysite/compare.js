/*
 * Compare any two versions of a policy in the browser.
 *
 * Reads the sections of the two versions named in the URL (`?from=<id>&to=<id>`)
 * from the addresses the form names (`data-url-*`), aligns their sections by
 * lineage id and marks each section's change kinds and word-level redline, in
 * the markup of the static changes pages (the redline's is copied from the
 * page's `.ps-redline-prototypes`). The rules follow
 * policysite/compare/changes.py and policysite/compare/redline.py: keep the two in step.
 */
(function () {
  "use strict";

  var KINDS = ["added", "removed", "modified", "renamed", "renumbered", "moved", "unchanged"];
  // Python's \w: letters, digits and the underscore (Kazakh letters are letters).
  var TOKEN = /[\p{L}\p{N}_]+|\s+|[^\p{L}\p{N}_\s]/gu;
  var MIN_STEM = 3;

  var form = document.querySelector("form.ps-compare");
  var result = document.getElementById("ps-compare-result");
  var prototypes = document.querySelector(".ps-redline-prototypes");
  if (!form || !result || !prototypes || typeof Diff === "undefined") return;
  var strings = JSON.parse(form.dataset.strings);
  var lang = document.documentElement.lang || "en";
  var plurals = new Intl.PluralRules(lang);

  function t(key, values) {
    var entry = strings[key];
    if (entry && typeof entry === "object") {
      entry = entry[plurals.select(values.count)] || entry.other;
    }
    return String(entry).replace(/\{(\w+)\}/g, function (_, name) {
      return values && name in values ? values[name] : "";
    });
  }

  function normalize(text) {
    return text.replace(/\s+/g, " ").trim();
  }

  function tokenize(text) {
    return text.match(TOKEN) || [];
  }

  function isWordStart(token) {
    return /^[\p{L}\p{N}_]/u.test(token);
  }

  function tokenKind(token) {
    if (/^\s+$/.test(token)) return "space";
    return isWordStart(token) ? "word" : "mark";
  }

  function commonPrefix(a, b) {
    var n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n++;
    return n;
  }

  // A replaced word keeps its stem: only the differing part is marked.
  function replaceWord(oldWord, newWord, out) {
    var a = Array.from(oldWord), b = Array.from(newWord);
    var prefix = commonPrefix(a, b);
    if (prefix < MIN_STEM || prefix * 2 < Math.min(a.length, b.length) || !/^[\p{L}\p{N}]/u.test(oldWord)) {
      out.push(["delete", oldWord], ["insert", newWord]);
      return;
    }
    var suffix = commonPrefix(a.slice(prefix).reverse(), b.slice(prefix).reverse());
    out.push(["equal", a.slice(0, prefix).join("")]);
    out.push(["delete", a.slice(prefix, a.length - suffix).join("")]);
    out.push(["insert", b.slice(prefix, b.length - suffix).join("")]);
    if (suffix) out.push(["equal", a.slice(a.length - suffix).join("")]);
  }

  // Word by word where the runs align and most replaced words keep their stem;
  // a reworded phrase reads better struck out whole.
  function replaceRun(oldTokens, newTokens, out) {
    var aligned = oldTokens.length === newTokens.length && oldTokens.every(function (token, i) {
      return tokenKind(token) === tokenKind(newTokens[i]);
    });
    var words = 0, stems = 0;
    oldTokens.forEach(function (token, i) {
      if (i < newTokens.length && token !== newTokens[i] && tokenKind(token) === "word") {
        words++;
        if (commonPrefix(Array.from(token), Array.from(newTokens[i])) >= MIN_STEM) stems++;
      }
    });
    if (!aligned || (words > 1 && stems * 2 < words)) {
      out.push(["delete", oldTokens.join("")], ["insert", newTokens.join("")]);
      return;
    }
    oldTokens.forEach(function (token, i) {
      if (token === newTokens[i]) out.push(["equal", token]);
      else replaceWord(token, newTokens[i], out);
    });
  }

  // Changes separated only by spaces are one change (as redline.py's _runs does).
  function runs(parts) {
    var merged = [];
    parts.forEach(function (part) {
      var n = merged.length;
      var spaceBetween = n >= 2 && !merged[n - 1].added && !merged[n - 1].removed &&
        merged[n - 1].value.every(function (token) { return /^\s+$/.test(token); });
      if ((part.added || part.removed) && spaceBetween && (merged[n - 2].added || merged[n - 2].removed)) {
        var space = merged.pop().value;
        var removed = [], added = [];
        while (merged.length && (merged[merged.length - 1].added || merged[merged.length - 1].removed)) {
          var last = merged.pop();
          (last.removed ? removed : added).unshift.apply(last.removed ? removed : added, last.value);
        }
        removed = removed.concat(space, part.removed ? part.value : []);
        added = added.concat(space, part.added ? part.value : []);
        merged.push({ removed: true, value: removed }, { added: true, value: added });
      } else {
        merged.push(part);
      }
    });
    return merged;
  }

  function redline(oldText, newText) {
    var parts = runs(Diff.diffArrays(tokenize(oldText), tokenize(newText)));
    var out = [];
    for (var i = 0; i < parts.length; i++) {
      var part = parts[i], next = parts[i + 1];
      if (part.removed && next && next.added) {
        replaceRun(part.value, next.value, out);
        i++;
      } else if (part.removed) {
        out.push(["delete", part.value.join("")]);
      } else if (part.added) {
        out.push(["insert", part.value.join("")]);
      } else {
        out.push(["equal", part.value.join("")]);
      }
    }
    var merged = [];
    out.forEach(function (piece) {
      if (!piece[1]) return;
      var last = merged[merged.length - 1];
      if (last && last[0] === piece[0]) last[1] += piece[1];
      else merged.push([piece[0], piece[1]]);
    });
    return merged;
  }

  function heading(section) {
    return [section.number, section.title].filter(Boolean).join(" ");
  }

  // Sections both versions share that left the longest subsequence kept in order;
  // ties keep the section that comes first in the old order (as changes.py does).
  function movedSections(oldOrder, newOrder) {
    var a = oldOrder.filter(function (id) { return newOrder.indexOf(id) >= 0; });
    var b = newOrder.filter(function (id) { return oldOrder.indexOf(id) >= 0; });
    var longest = [];
    for (var i = a.length; i >= 0; i--) {
      longest[i] = [];
      for (var j = b.length; j >= 0; j--) {
        if (i === a.length || j === b.length) longest[i][j] = 0;
        else if (a[i] === b[j]) longest[i][j] = longest[i + 1][j + 1] + 1;
        else longest[i][j] = Math.max(longest[i + 1][j], longest[i][j + 1]);
      }
    }
    var kept = new Set();
    i = 0;
    j = 0;
    while (i < a.length && j < b.length) {
      if (a[i] === b[j]) { kept.add(a[i]); i++; j++; }
      else if (longest[i][j + 1] >= longest[i + 1][j]) j++;
      else i++;
    }
    return new Set(a.filter(function (id) { return !kept.has(id); }));
  }

  function readingOrder(oldOrder, newOrder) {
    var order = newOrder.slice();
    var insertAt = 0;
    oldOrder.forEach(function (id) {
      if (newOrder.indexOf(id) >= 0) {
        insertAt = order.indexOf(id) + 1;
      } else {
        order.splice(insertAt, 0, id);
        insertAt++;
      }
    });
    return order;
  }

  function compareVersions(oldData, newData) {
    var before = new Map(oldData.sections.map(function (s) { return [s.lineage, s]; }));
    var after = new Map(newData.sections.map(function (s) { return [s.lineage, s]; }));
    var oldOrder = oldData.sections.map(function (s) { return s.lineage; });
    var newOrder = newData.sections.map(function (s) { return s.lineage; });
    var moved = movedSections(oldOrder, newOrder);
    return readingOrder(oldOrder, newOrder).map(function (id) {
      var a = before.get(id), b = after.get(id), kinds = [];
      if (!a) kinds.push("added");
      if (!b) kinds.push("removed");
      if (a && b) {
        if (normalize(a.text) !== normalize(b.text)) kinds.push("modified");
        if (normalize(a.title) !== normalize(b.title)) kinds.push("renamed");
        if (a.number !== b.number) kinds.push("renumbered");
        if (moved.has(id)) kinds.push("moved");
      }
      if (!kinds.length) kinds.push("unchanged");
      var textChanged = kinds.indexOf("modified") >= 0 || !a || !b;
      return {
        lineage: id, kinds: kinds, old: a, new: b,
        redline: textChanged ? redline(a ? a.text : "", b ? b.text : "") : null
      };
    });
  }

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  function renderPieces(pieces, parent) {
    pieces.forEach(function (piece) {
      var op = piece[0], text = piece[1];
      if (op === "equal") {
        parent.appendChild(document.createTextNode(text));
        return;
      }
      // A copy of the page's own redline markup (its screen-reader words included), with the text.
      var node = prototypes.querySelector(op === "delete" ? "del" : "ins").cloneNode(true);
      node.insertBefore(document.createTextNode(text), node.lastChild);
      parent.appendChild(node);
    });
  }

  function renderChange(change, lang) {
    var section = change.new || change.old;
    var attributes = { class: "ps-change", id: change.lineage, "data-lineage": change.lineage,
                       "data-kinds": change.kinds.join(" ") };
    if (lang) attributes.lang = lang;
    var title = el("h2", { class: "ps-change__heading" });
    if (change.kinds.indexOf("renamed") >= 0) {
      if (change.new.number) title.appendChild(document.createTextNode(change.new.number + " "));
      renderPieces(redline(change.old.title, change.new.title), title);
    } else {
      title.textContent = heading(section);
    }
    var meta = el("p", { class: "ps-change__meta" });
    change.kinds.forEach(function (kind) {
      meta.appendChild(el("span", { class: "ps-kind ps-kind--" + kind }, [t("kind." + kind)]));
      meta.appendChild(document.createTextNode(" "));
    });
    if (change.old && change.new && (change.kinds.indexOf("renumbered") >= 0 || change.kinds.indexOf("renamed") >= 0)) {
      meta.appendChild(el("span", { class: "ps-change__was" }, [t("changes.was") + " " + heading(change.old)]));
      meta.appendChild(document.createTextNode(" "));
    }
    meta.appendChild(el("a", { class: "ps-change__timeline", href: address("timeline", { lineage: change.lineage }) },
                        [t("section.history")]));
    var node = el("section", attributes, [title, meta]);
    if (change.redline) {
      var body = el("div", { class: "ps-redline" });
      renderPieces(change.redline, body);
      node.appendChild(body);
    }
    return node;
  }

  function render(oldData, newData) {
    var changes = compareVersions(oldData, newData);
    var counts = {};
    changes.forEach(function (c) { c.kinds.forEach(function (k) { counts[k] = (counts[k] || 0) + 1; }); });
    var summary = KINDS.filter(function (k) { return k !== "unchanged" && counts[k]; })
      .map(function (k) { return t("kind." + k) + ": " + counts[k]; }).join(" · ");
    var shownLang = newData.lang !== lang ? newData.lang : "";
    result.replaceChildren(el("p", { class: "ps-counts" }, [
      el("strong", {}, [t("changes.summary")]), " " + (summary || t("changes.none"))
    ]));
    if (shownLang) result.appendChild(el("p", { class: "ps-note" }, [t("in_original")]));
    var unchanged = [];
    changes.forEach(function (change) {
      if (change.kinds[0] === "unchanged") unchanged.push(change);
      else result.appendChild(renderChange(change, shownLang));
    });
    if (unchanged.length) {
      var list = el("ul");
      unchanged.forEach(function (change) {
        list.appendChild(el("li", { "data-lineage": change.lineage, "data-kinds": "unchanged" }, [
          el("a", { href: address("version", { version: newData.version }) + "#" + change.lineage }, [heading(change.new) || change.lineage])
        ]));
      });
      result.appendChild(el("details", { class: "ps-unchanged" }, [
        el("summary", {}, [t("changes.unchanged", { count: unchanged.length })]), list
      ]));
    }
  }

  // The page names every address the script asks for (policysite/addresses.py owns them),
  // with {version} or {lineage} to fill in.
  function address(name, values) {
    return form.getAttribute("data-url-" + name).replace(/\{(\w+)\}/g, function (_, key) {
      return encodeURIComponent(values[key]);
    });
  }

  function load(id, which) {
    return fetch(address(which || "sections", { version: id })).then(function (response) {
      if (!response.ok) throw new Error(id + ": HTTP " + response.status);
      return response.json();
    });
  }

  // Both versions in one language: the reader's where both are translated, else
  // the authoritative text's (as the static changes pages do).
  function loadPair(fromId, toId) {
    return Promise.all([load(fromId), load(toId)]).then(function (data) {
      if (data[0].lang === data[1].lang) return data;
      return Promise.all([load(fromId, "original-sections"), load(toId, "original-sections")]);
    });
  }

  function show(fromId, toId) {
    form.elements.from.value = fromId;
    form.elements.to.value = toId;
    if (fromId === toId) {
      result.replaceChildren(el("p", {}, [t("compare.same")]));
      return Promise.resolve();
    }
    result.setAttribute("aria-busy", "true");
    return loadPair(fromId, toId).then(function (data) {
      render(data[0], data[1]);
    }).catch(function (error) {
      result.replaceChildren(el("p", { class: "ps-error" }, [t("compare.error", { error: error.message })]));
    }).finally(function () {
      result.removeAttribute("aria-busy");
    });
  }

  var params = new URLSearchParams(window.location.search);
  var known = Array.from(form.elements.from.options).map(function (o) { return o.value; });
  var fromId = known.indexOf(params.get("from")) >= 0 ? params.get("from") : form.elements.from.value;
  var toId = known.indexOf(params.get("to")) >= 0 ? params.get("to") : form.elements.to.value;
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var query = "?from=" + encodeURIComponent(form.elements.from.value) +
                "&to=" + encodeURIComponent(form.elements.to.value);
    window.history.pushState(null, "", query);
    show(form.elements.from.value, form.elements.to.value);
  });
  window.addEventListener("popstate", function () {
    var p = new URLSearchParams(window.location.search);
    show(p.get("from") || fromId, p.get("to") || toId);
  });
  show(fromId, toId);
}());
