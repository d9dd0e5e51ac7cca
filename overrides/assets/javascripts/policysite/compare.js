/*
 * Compare any two versions of a policy in the browser.
 *
 * Reads the sections of the two versions named in the URL (`?from=<id>&to=<id>`)
 * from the addresses the form names (`data-url-*`), aligns their sections by
 * lineage id and marks each section's change kinds and its redline of the text
 * as readers see it (blocks from sections.json, aligned, then word by word), in
 * the markup of the static changes pages (the marks' is copied from the page's
 * `.ps-redline-prototypes`). The rules follow policysite/compare/changes.py,
 * policysite/compare/matching.py (diff-match-patch), policysite/compare/redline.py,
 * policysite/compare/blocks.py and policysite/render/blocks.py: keep them in step.
 */
(function () {
  "use strict";

  var KINDS = ["added", "removed", "modified", "formatted", "renamed", "renumbered", "moved", "unchanged"];
  // Python's \w: letters, digits and the underscore (Kazakh letters are letters).
  var TOKEN = /[\p{L}\p{N}_]+|\s+|[^\p{L}\p{N}_\s]/gu;
  var MIN_STEM = 3;
  // compare/redline.py and compare/blocks.py
  var WORD_LIMIT = 5000, MIN_LIKENESS = 40, PAIRING_LIMIT = 2500, FOLD_AT = 2, CONTEXT_CHARS = 200;

  var form = document.querySelector("form.ps-compare");
  var result = document.getElementById("ps-compare-result");
  var prototypes = document.querySelector(".ps-redline-prototypes");
  if (!form || !result || !prototypes || typeof diff_match_patch === "undefined") return;
  var strings = JSON.parse(form.dataset.strings);
  var lang = document.documentElement.lang || "en";
  var plurals = new Intl.PluralRules(lang);

  function t(key, values) {
    var entry = strings[key];
    if (entry === undefined) {
      console.error("policysite: no string " + key);  // the browser tests fail on this
      return key;
    }
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
  function replaceWord(oldToken, newToken, out) {
    var oldWord = oldToken[0], newWord = newToken[0], style = oldToken[1];
    var a = Array.from(oldWord), b = Array.from(newWord);
    var prefix = commonPrefix(a, b);
    if (style !== newToken[1] || prefix < MIN_STEM || prefix * 2 < Math.min(a.length, b.length) ||
        !/^\p{L}/u.test(oldWord)) {
      out.push(["delete", oldWord, style], ["insert", newWord, newToken[1]]);
      return;
    }
    var suffix = commonPrefix(a.slice(prefix).reverse(), b.slice(prefix).reverse());
    out.push(["equal", a.slice(0, prefix).join(""), style]);
    out.push(["delete", a.slice(prefix, a.length - suffix).join(""), style]);
    out.push(["insert", b.slice(prefix, b.length - suffix).join(""), style]);
    if (suffix) out.push(["equal", a.slice(a.length - suffix).join(""), style]);
  }

  function pushAll(out, op, tokens) {
    tokens.forEach(function (token) { out.push([op, token[0], token[1]]); });
  }

  // Word by word where the runs align and most replaced words keep their stem;
  // a reworded phrase reads better struck out whole.
  function replaceRun(oldTokens, newTokens, out) {
    var aligned = oldTokens.length === newTokens.length && oldTokens.every(function (token, i) {
      return tokenKind(token[0]) === tokenKind(newTokens[i][0]);
    });
    var words = 0, stems = 0;
    oldTokens.forEach(function (token, i) {
      var other = newTokens[i];
      if (other && key(token) !== key(other) && tokenKind(token[0]) === "word") {
        words++;
        if (token[1] === other[1] && commonPrefix(Array.from(token[0]), Array.from(other[0])) >= MIN_STEM) stems++;
      }
    });
    if (!aligned || (words > 1 && stems * 2 < words)) {
      pushAll(out, "delete", oldTokens);
      pushAll(out, "insert", newTokens);
      return;
    }
    oldTokens.forEach(function (token, i) {
      if (key(token) === key(newTokens[i])) out.push(["equal", token[0], token[1]]);
      else replaceWord(token, newTokens[i], out);
    });
  }

  function key(token) {
    return token[1] ? token[0] + "\u0000" + token[1] : token[0];
  }

  function styledTokens(runs) {
    var out = [];
    runs.forEach(function (run) {
      tokenize(run[0]).forEach(function (token) { out.push([token, run[1]]); });
    });
    return out;
  }

  // Which items two sequences keep, as policysite/compare/matching.py does it: Google's
  // diff-match-patch with no time limit, each distinct item one character, numbered in
  // order of first appearance (from U+0100, surrogates skipped).
  var dmp = new diff_match_patch();
  dmp.Diff_Timeout = 0;

  function encode(a, b) {
    var numbers = new Map();
    function char(item) {
      if (!numbers.has(item)) numbers.set(item, numbers.size);
      var number = numbers.get(item) + 0x100;
      return String.fromCharCode(number >= 0xD800 ? number + 0x800 : number);
    }
    return [a.map(char).join(""), b.map(char).join("")];
  }

  function diffItems(a, b) {
    var texts = encode(a, b);
    return dmp.diff_main(texts[0], texts[1], false);
  }

  // Equal, delete, insert and replace runs, as matching.py's `opcodes`.
  function opcodes(a, b) {
    var codes = [], i = 0, j = 0;
    diffItems(a, b).forEach(function (part) {
      var op = part[0], n = part[1].length;
      if (op === DIFF_EQUAL) {
        codes.push(["equal", i, i + n, j, j + n]);
        i += n;
        j += n;
        return;
      }
      var di = op === DIFF_DELETE ? n : 0, dj = op === DIFF_DELETE ? 0 : n;
      var last = codes[codes.length - 1];
      if (last && last[0] !== "equal") {
        codes.pop();
        codes.push(["replace", last[1], i + di, last[3], j + dj]);
      } else {
        codes.push([op === DIFF_DELETE ? "delete" : "insert", i, i + di, j, j + dj]);
      }
      i += di;
      j += dj;
    });
    return codes;
  }

  // How many items the two keep in common (matching.py's `common`).
  function common(a, b) {
    return diffItems(a, b).reduce(function (n, part) { return part[0] === DIFF_EQUAL ? n + part[1].length : n; }, 0);
  }

  // Changes separated only by spaces are one change (as redline.py's _runs does).
  function runs(ops, a) {
    var out = [];
    ops.forEach(function (op) {
      var n = out.length;
      if (n >= 2 && op[0] !== "equal" && out[n - 1][0] === "equal" && out[n - 2][0] !== "equal" &&
          a.slice(out[n - 1][1], out[n - 1][2]).every(function (token) { return /^\s+$/.test(token[0]); })) {
        out.pop();
        var first = out.pop();
        out.push(["replace", first[1], op[2], first[3], op[4]]);
      } else {
        out.push(op);
      }
    });
    return out;
  }

  function mergePieces(out) {
    var merged = [];
    out.forEach(function (piece) {
      if (!piece[1]) return;
      var last = merged[merged.length - 1];
      if (last && last[0] === piece[0] && last[2] === piece[2]) last[1] += piece[1];
      else merged.push([piece[0], piece[1], piece[2]]);
    });
    return merged;
  }

  // Two token lists ([text, style]) word by word: pieces [op, text, style].
  function words(a, b) {
    var out = [];
    runs(opcodes(a.map(key), b.map(key)), a).forEach(function (op) {
      if (op[0] === "equal") pushAll(out, "equal", a.slice(op[1], op[2]));
      else if (op[0] === "delete") pushAll(out, "delete", a.slice(op[1], op[2]));
      else if (op[0] === "insert") pushAll(out, "insert", b.slice(op[3], op[4]));
      else replaceRun(a.slice(op[1], op[2]), b.slice(op[3], op[4]), out);
    });
    return mergePieces(out);
  }

  function redline(oldText, newText) {
    var plain = function (text) { return tokenize(text).map(function (token) { return [token, ""]; }); };
    return words(plain(oldText), plain(newText));
  }

  // Blocks, as compare/blocks.py aligns them.
  function blockKey(block) {
    if (!block.key) {
      var text = block.runs.map(function (run) { return run[0] + "\u0000" + run[1]; }).join("\u0001");
      block.key = block.kind + "\u0002" + block.depth + (block.quote ? "q" : "") + "\u0002" +
        text.split(/\s+/).filter(Boolean).join(" ");
      block.tokens = styledTokens(block.runs);
      block.wordKeys = block.tokens.filter(function (token) { return !/^\s+$/.test(token[0]); })
        .map(function (token) { return token[0] + "\u0000" + token[1]; });
    }
    return block.key;
  }

  function likeness(a, b) {
    var x = a.wordKeys, y = b.wordKeys;
    if (!x.length || !y.length || (a.kind === "tr") !== (b.kind === "tr")) return 0;
    return Math.floor(200 * common(x, y) / (x.length + y.length));
  }

  function changedBlock(a, b) {
    if (a.tokens.length > WORD_LIMIT || b.tokens.length > WORD_LIMIT) {
      var whole = [];
      a.runs.forEach(function (run) { whole.push(["delete", run[0], run[1]]); });
      b.runs.forEach(function (run) { whole.push(["insert", run[0], run[1]]); });
      return { op: "change", old: a, new: b, pieces: whole.filter(function (p) { return p[1]; }), rewritten: true };
    }
    return { op: "change", old: a, new: b, pieces: words(a.tokens, b.tokens) };
  }

  function pair(olds, news) {
    var m = olds.length, n = news.length, out = [], i, j;
    if (m * n > PAIRING_LIMIT) {
      olds.forEach(function (x) { out.push({ op: "delete", old: x }); });
      news.forEach(function (y) { out.push({ op: "insert", new: y }); });
      return out;
    }
    var score = olds.map(function (x) { return news.map(function (y) { return likeness(x, y); }); });
    var best = [];
    for (i = m; i >= 0; i--) {
      best[i] = [];
      for (j = n; j >= 0; j--) {
        if (i === m || j === n) { best[i][j] = 0; continue; }
        var paired = score[i][j] >= MIN_LIKENESS ? score[i][j] + best[i + 1][j + 1] : -1;
        best[i][j] = Math.max(paired, best[i + 1][j], best[i][j + 1]);
      }
    }
    i = 0;
    j = 0;
    while (i < m || j < n) {
      if (i < m && j < n && score[i][j] >= MIN_LIKENESS && best[i][j] === score[i][j] + best[i + 1][j + 1]) {
        out.push(changedBlock(olds[i], news[j]));
        i++;
        j++;
      } else if (i < m && (j === n || best[i][j] === best[i + 1][j])) {
        out.push({ op: "delete", old: olds[i] });
        i++;
      } else {
        out.push({ op: "insert", new: news[j] });
        j++;
      }
    }
    return out;
  }

  function compareBlocks(olds, news) {
    var out = [];
    opcodes(olds.map(blockKey), news.map(blockKey)).forEach(function (op) {
      var k;
      if (op[0] === "equal") for (k = 0; k < op[2] - op[1]; k++) out.push({ op: "equal", old: olds[op[1] + k], new: news[op[3] + k] });
      else if (op[0] === "delete") for (k = op[1]; k < op[2]; k++) out.push({ op: "delete", old: olds[k] });
      else if (op[0] === "insert") for (k = op[3]; k < op[4]; k++) out.push({ op: "insert", new: news[k] });
      else out = out.concat(pair(olds.slice(op[1], op[2]), news.slice(op[3], op[4])));
    });
    return out;
  }

  function blockLength(change) {
    var block = change.new || change.old;
    return block.runs.reduce(function (n, run) { return n + Array.from(run[0]).length; }, 0);
  }

  // Runs of unchanged blocks to fold, as compare/blocks.py's `folds`: {start: end}.
  function folds(changes) {
    var found = {}, start = null;
    for (var index = 0; index <= changes.length; index++) {
      var change = changes[index];
      if (change && change.op === "equal") {
        if (start === null) start = index;
        continue;
      }
      if (start !== null) {
        var first = start, last = index;
        if (first > 0 && blockLength(changes[first]) <= CONTEXT_CHARS) first++;
        if (change && last > first && blockLength(changes[last - 1]) <= CONTEXT_CHARS) last--;
        if (last - first >= FOLD_AT || (last - first === 1 && blockLength(changes[first]) > CONTEXT_CHARS)) {
          found[first] = last;
        }
        start = null;
      }
    }
    return found;
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
        // The words the same, the formatting not: "formatted", as the build says
        // (policysite/compare/changes.py).
        var renamed = normalize(a.title) !== normalize(b.title);
        if (a.digest !== b.digest) kinds.push(a.words === b.words ? "formatted" : "modified");
        var styled = JSON.stringify(a.heading || []) !== JSON.stringify(b.heading || []);
        if (styled && !renamed && a.number === b.number && kinds.indexOf("formatted") < 0) {
          kinds.push("formatted");
        }
        if (renamed) kinds.push("renamed");
        if (a.number !== b.number) kinds.push("renumbered");
        if (moved.has(id)) kinds.push("moved");
      }
      if (!kinds.length) kinds.push("unchanged");
      // A redline where the text changed, or where a change of formatting marks something
      // (render/parts.py's section_fragment).
      var textChanged = kinds.indexOf("modified") >= 0 || !a || !b;
      var blocks = null;
      if (textChanged || kinds.indexOf("formatted") >= 0) {
        blocks = compareBlocks(a ? a.blocks : [], b ? b.blocks : []);
        if (!textChanged && blocks.every(function (change) { return change.op === "equal"; })) blocks = null;
      }
      return { lineage: id, kinds: kinds, old: a, new: b, blocks: blocks };
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



  // One piece: a mark never covers the spaces around its words (render/blocks.py's _piece).
  function renderPiece(piece, parent) {
    var op = piece[0], text = piece[1];
    if (op === "equal") {
      parent.appendChild(document.createTextNode(text));
      return;
    }
    var core = text.trim();
    if (!core) {
      if (op === "insert") parent.appendChild(document.createTextNode(text));
      return;
    }
    var lead = text.slice(0, text.length - text.trimStart().length);
    var trail = text.slice(text.trimEnd().length);
    if (lead) parent.appendChild(document.createTextNode(lead));
    // A copy of the page's own redline markup (its screen-reader words included), with the text.
    var node = prototypes.querySelector(op === "delete" ? "del" : "ins").cloneNode(true);
    node.insertBefore(document.createTextNode(core), node.lastChild);
    parent.appendChild(node);
    if (trail) parent.appendChild(document.createTextNode(trail));
  }

  var WRAPPERS = ["strong", "em", "s", "code", "sup", "sub"];

  // One block as render/blocks.py's _block writes it (`unlinked`: its links as their text
  // alone, as in a heading inside a link).
  function renderBlock(change, unlinked) {
    var block = change.new || change.old;
    var classes = "ps-b ps-b--" + block.kind + (block.depth ? " ps-depth-" + Math.min(block.depth, 6) : "") +
      (block.quote ? " ps-b--quote" : "") + (change.op !== "equal" ? " ps-b--" + change.op : "");
    var node = el("div", { class: classes });
    if (block.marker) node.append(el("span", { class: "ps-b__marker" }, [block.marker]), " ");
    if (block.kind === "hr") {
      node.append("―――");
      return node;
    }
    var target = node;
    if (block.kind === "tr") {
      target = el("span", { class: "ps-cell" });
      node.appendChild(target);
    }
    var pieces = change.pieces || block.runs.map(function (run) { return [change.op, run[0], run[1]]; });
    var groups = [];
    pieces.forEach(function (piece) {
      var last = groups[groups.length - 1];
      if (last && last[0][2] === piece[2]) last.push(piece);
      else groups.push([piece]);
    });
    groups.forEach(function (group) {
      var marks = group[0][2] ? group[0][2].split(" ") : [];
      var kept = group.filter(function (piece) { return piece[0] !== "delete"; });
      if (marks.indexOf("td") >= 0 || marks.indexOf("th") >= 0) {
        kept.forEach(function () {
          target = el("span", { class: "ps-cell" });
          node.appendChild(target);
        });
        return;
      }
      if (marks.indexOf("br") >= 0) {
        kept.forEach(function () { target.appendChild(el("br")); });
        return;
      }
      var inner = document.createDocumentFragment();
      group.forEach(function (piece) { renderPiece(piece, inner); });
      for (var k = marks.length - 1; k >= 0; k--) {
        var mark = marks[k], wrapper = null;
        if (WRAPPERS.indexOf(mark) >= 0) wrapper = el(mark);
        else if (mark.indexOf("a=") === 0) wrapper = unlinked ? el("span") : linkTo(mark.slice(2));
        else if (mark === "img") wrapper = el("span", { class: "ps-img" });
        if (wrapper) {
          wrapper.appendChild(inner);
          inner = wrapper;
        }
      }
      target.appendChild(inner);
    });
    return node;
  }

  // Where a text's link leads from this page (render/anchors.py's TextLinks): a section on
  // its version's page, another policy's page, or nowhere (its text alone); the versions'
  // sections.json say where each relative link leads.
  var links = {}, versionPage = "";

  function linkTo(href) {
    if (!(href in links)) return el("a", { href: href });
    var target = links[href];
    if (target === null) return el("span", { class: "ps-dead-link" });
    if (target.section) return el("a", { href: versionPage + "#" + target.section });
    return el("a", { href: target.url });
  }

  // A heading as its author wrote it: its formatted runs (sections.json's "heading"), or
  // its text; the preamble, which has none, by name (render/parts.py's section_fragment).
  function renderHeading(section, parent, unlinked) {
    if (!section.heading) {
      parent.appendChild(document.createTextNode(heading(section) || t("timeline.preamble")));
      return;
    }
    var block = { kind: "h", depth: 0, marker: "", runs: section.heading };
    var node = renderBlock({ op: "equal", old: block, new: block }, unlinked);
    while (node.firstChild) parent.appendChild(node.firstChild);
  }

  // Counter(items) - Counter(minus), its elements: each item as often as `items` has it
  // more than `minus`, in order of first appearance.
  function surplus(items, minus) {
    var order = [], counts = new Map();
    items.forEach(function (item) {
      var k = JSON.stringify(item);
      if (!counts.has(k)) {
        order.push(k);
        counts.set(k, 0);
      }
      counts.set(k, counts.get(k) + 1);
    });
    minus.forEach(function (item) {
      var k = JSON.stringify(item);
      if (counts.has(k)) counts.set(k, counts.get(k) - 1);
    });
    var out = [];
    order.forEach(function (k) {
      for (var n = counts.get(k); n > 0; n--) out.push(JSON.parse(k));
    });
    return out;
  }

  // What a "formatted" section changed, in words (policysite/compare/text.py's
  // formatting_changes, its links and images counted as Counters, and render/parts.py's
  // formatting_text).
  function formattingChanges(a, b) {
    var said = [];
    ["link", "image"].forEach(function (kind) {
      var old = (a.targets || {})[kind] || [], now = (b.targets || {})[kind] || [];
      var came = surplus(now, old);
      surplus(old, now).forEach(function (x) {
        var at = came.findIndex(function (y) { return y[0] === x[0]; });
        var partner = at >= 0 ? came.splice(at, 1)[0] : null;
        said.push(describe(kind, x[0], x[1], partner ? partner[1] : ""));
      });
      came.forEach(function (y) { said.push(describe(kind, y[0], "", y[1])); });
    });
    return said.length ? said : [t("formatting.only")];
  }

  function describe(kind, text, old, now) {
    var values = { text: text, old: old, new: now };
    if (kind === "image") return t("formatting.image", values);
    if (!old) return t("formatting.link_added", values);
    if (!now) return t("formatting.link_removed", values);
    return t(text ? "formatting.link" : "formatting.link_empty", values);
  }

  // A section's redline as render/blocks.py's redline_html writes it.
  function renderBlocks(changes, parent) {
    if (changes.some(function (change) { return change.rewritten; })) {
      parent.appendChild(el("p", { class: "ps-change__rewritten" }, [t("changes.rewritten")]));
    }
    var folded = folds(changes);
    for (var index = 0; index < changes.length; index++) {
      if (index in folded) {
        var end = folded[index];
        var details = el("details", { class: "ps-fold" }, [
          el("summary", {}, [t("redline.folded", { count: end - index })])
        ]);
        for (var k = index; k < end; k++) details.appendChild(renderBlock(changes[k]));
        parent.appendChild(details);
        index = end - 1;
      } else {
        parent.appendChild(renderBlock(changes[index]));
      }
    }
  }

  function renderChange(change, lang) {
    var section = change.new || change.old;
    var attributes = { class: "ps-change", id: change.lineage, "data-lineage": change.lineage,
                       "data-kinds": change.kinds.join(" ") };
    if (lang) attributes.lang = lang;
    var title = el("h2", { class: "ps-change__heading" });
    if (change.kinds.indexOf("renamed") >= 0) {
      if (change.new.number) title.appendChild(document.createTextNode(change.new.number + " "));
      redline(change.old.title, change.new.title).forEach(function (piece) { renderPiece(piece, title); });
    } else {
      renderHeading(section, title);
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
    if (change.kinds.indexOf("formatted") >= 0 && change.old && change.new) {
      node.appendChild(el("ul", { class: "ps-change__formatting" }, formattingChanges(change.old, change.new)
        .map(function (said) { return el("li", {}, [said]); })));
    }
    if (change.blocks && change.blocks.length) {
      var body = el("div", { class: "ps-redline" });
      renderBlocks(change.blocks, body);
      node.appendChild(body);
    }
    return node;
  }

  function render(oldData, newData) {
    links = Object.assign({}, oldData.links || {}, newData.links || {});
    versionPage = address("version", { version: newData.version });
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
        var link = el("a", { href: address("version", { version: newData.version }) + "#" + change.lineage });
        renderHeading(change.new, link, true);
        list.appendChild(el("li", { "data-lineage": change.lineage, "data-kinds": "unchanged" }, [link]));
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

  function show(fromId, toId, note) {
    form.elements.from.value = fromId;
    form.elements.to.value = toId;
    if (fromId === toId) {
      result.replaceChildren(el("p", {}, [t("compare.same")]));
      return Promise.resolve();
    }
    result.setAttribute("aria-busy", "true");
    performance.mark("ps-compare-start");
    return loadPair(fromId, toId).then(function (data) {
      render(data[0], data[1]);
      var switcher = document.querySelector(".ps-view");
      if (switcher) {
        switcher.dataset.old = form.elements.from.selectedOptions[0].textContent;
        switcher.dataset.new = form.elements.to.selectedOptions[0].textContent;
      }
      if (window.policysiteRedline) window.policysiteRedline.apply(result);
      performance.measure("ps-compare", "ps-compare-start");  // the benchmark reads it
      if (note) result.insertBefore(el("p", { class: "ps-note", role: "status" }, [note]), result.firstChild);
    }).catch(function (error) {
      result.replaceChildren(el("p", { class: "ps-error" }, [t("compare.error", { error: error.message })]));
    }).finally(function () {
      result.removeAttribute("aria-busy");
    });
  }

  function query(fromId, toId) {
    var params = new URLSearchParams(window.location.search);
    params.set("from", fromId);
    params.set("to", toId);
    return "?" + params.toString() + window.location.hash;
  }

  var known = Array.from(form.elements.from.options).map(function (o) { return o.value; });

  // The pair an address asks for: an unknown version is named, not replaced silently;
  // a later version given first is swapped, with a note (ids are ISO dates).
  function fromAddress() {
    var params = new URLSearchParams(window.location.search);
    var fromId = params.get("from") || form.elements.from.value;
    var toId = params.get("to") || form.elements.to.value;
    var unknown = [fromId, toId].filter(function (id) { return known.indexOf(id) < 0; });
    if (unknown.length) {
      result.replaceChildren(el("p", { class: "ps-error", role: "alert" }, [
        t("compare.unknown", { version: unknown.join(", ") })
      ]));
      return;
    }
    if (fromId > toId) {
      window.history.replaceState(null, "", query(toId, fromId));
      show(toId, fromId, t("compare.swapped"));
      return;
    }
    show(fromId, toId);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    window.history.pushState(null, "", query(form.elements.from.value, form.elements.to.value));
    fromAddress();
  });
  // The address follows the pickers, so a copied address shows what is on the screen.
  form.addEventListener("change", function () {
    window.history.replaceState(null, "", query(form.elements.from.value, form.elements.to.value));
    fromAddress();
  });
  window.addEventListener("popstate", fromAddress);
  // For the tests, which check mark for mark that this script and the build agree.
  window.policysiteCompare = { words: words, compareBlocks: compareBlocks };
  fromAddress();
}());
