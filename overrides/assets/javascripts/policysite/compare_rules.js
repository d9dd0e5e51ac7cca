/*
 * The compare page's rules: which sections changed and how, how their blocks align, which
 * words are marked, what folds, what a heading shows, and which texts a pair of versions
 * is compared in, as the build works them out for the static changes pages
 * (policysite/compare/changes.py, blocks.py, redline.py, matching.py with
 * diff-match-patch, analysis.py's compared_as_read, render/blocks.py's spaced).
 *
 * Nothing here is a copy: every limit, character class and kind comes from `rules`, which
 * policysite/compare/rules.py makes from those modules and the page carries (the compare
 * form's data-rules); the language of a pair from `languages` (its data-languages).
 * tests/test_compare_rules_js.py runs this file under node (tests/js/run_compare_rules.js)
 * on random texts, blocks and versions and fails where it differs from the build.
 *
 * No page and no DOM: in the browser the file defines `policysiteCompareRules`, under node
 * it is the module's export. Either is called as
 * `policysiteCompareRules(rules, library)`, `library` holding diff-match-patch's globals
 * (`diff_match_patch`, `DIFF_DELETE`, `DIFF_INSERT`, `DIFF_EQUAL`: `window` in the
 * browser), and gives the rules' functions.
 */
(function (root, factory) {
  "use strict";
  if (typeof module === "object" && module.exports) module.exports = factory;
  else root.policysiteCompareRules = factory;
}(this, function (rules, library) {
  "use strict";

  var SPACE = "[" + rules.space + "]";
  var TOKEN = new RegExp(rules.token, "gu");
  var LINE = new RegExp(rules.line, "gu");
  var SPACES = new RegExp(SPACE + "+", "u");
  var SPACE_RUNS = new RegExp(SPACE + "+", "gu");
  var ONE_SPACE = new RegExp("^" + SPACE + "$", "u");
  var ONLY_SPACES = new RegExp("^" + SPACE + "+$", "u");
  var WORD_START = new RegExp("^[" + rules.word + "]", "u");
  var LETTER_START = new RegExp("^[" + rules.letter + "]", "u");
  var DIFF_DELETE = library.DIFF_DELETE, DIFF_EQUAL = library.DIFF_EQUAL;

  // Whitespace at the edges: what Python's str.strip() leaves (whitespace is never a
  // surrogate, so a code unit at a time will do).
  function spaced(text) {
    var start = 0, end = text.length;
    while (start < end && ONE_SPACE.test(text[start])) start++;
    while (end > start && ONE_SPACE.test(text[end - 1])) end--;
    if (start === end) return [text, "", ""];
    return [text.slice(0, start), text.slice(start, end), text.slice(end)];
  }

  // lineage.py's normalize: whitespace folded.
  function normalize(text) {
    return spaced(text.replace(SPACE_RUNS, " "))[1];
  }

  function tokenize(text) {
    return text.match(TOKEN) || [];
  }

  // str.splitlines(keepends=True).
  function lines(text) {
    return text.match(LINE) || [];
  }

  function isSpace(text) {
    return ONLY_SPACES.test(text);
  }

  function tokenKind(token) {
    if (isSpace(token)) return "space";
    return WORD_START.test(token) ? "word" : "mark";
  }

  function commonPrefix(a, b) {
    var n = 0;
    while (n < a.length && n < b.length && a[n] === b[n]) n++;
    return n;
  }

  // Which items two sequences keep, as matching.py does it: diff-match-patch with no time
  // limit, each distinct item one character, numbered in order of first appearance.
  var dmp = new library.diff_match_patch();
  dmp.Diff_Timeout = 0;
  var skipFrom = rules.surrogates[0], skipBy = rules.surrogates[1] - rules.surrogates[0];

  function encode(a, b) {
    var numbers = new Map();
    function char(item) {
      if (!numbers.has(item)) numbers.set(item, numbers.size);
      var number = numbers.get(item) + rules.first_char;
      return String.fromCharCode(number >= skipFrom ? number + skipBy : number);
    }
    return [a.map(char).join(""), b.map(char).join("")];
  }

  function diffItems(a, b) {
    var texts = encode(a, b);
    return dmp.diff_main(texts[0], texts[1], false);
  }

  // Equal, delete, insert and replace runs (matching.py's `opcodes`).
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

  // Tokens are [text, style]; what the diff compares (redline.py's _key).
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

  function pushAll(out, op, tokens) {
    tokens.forEach(function (token) { out.push([op, token[0], token[1]]); });
  }

  // A replaced word keeps its stem: only the differing part is marked (redline.py's
  // _replace_word).
  function replaceWord(oldToken, newToken, out) {
    var oldWord = oldToken[0], newWord = newToken[0], style = oldToken[1];
    var a = Array.from(oldWord), b = Array.from(newWord);
    var prefix = commonPrefix(a, b);
    if (style !== newToken[1] || prefix < rules.min_stem || prefix * 2 < Math.min(a.length, b.length) ||
        !LETTER_START.test(oldWord)) {
      out.push(["delete", oldWord, style], ["insert", newWord, newToken[1]]);
      return;
    }
    var suffix = commonPrefix(a.slice(prefix).reverse(), b.slice(prefix).reverse());
    out.push(["equal", a.slice(0, prefix).join(""), style]);
    out.push(["delete", a.slice(prefix, a.length - suffix).join(""), style]);
    out.push(["insert", b.slice(prefix, b.length - suffix).join(""), style]);
    if (suffix) out.push(["equal", a.slice(a.length - suffix).join(""), style]);
  }

  // Word by word where the runs align and most replaced words keep their stem; a reworded
  // phrase reads better struck out whole (redline.py's _replace).
  function replaceRun(oldTokens, newTokens, out) {
    var aligned = oldTokens.length === newTokens.length && oldTokens.every(function (token, i) {
      return tokenKind(token[0]) === tokenKind(newTokens[i][0]);
    });
    var words = 0, stems = 0;
    oldTokens.forEach(function (token, i) {
      var other = newTokens[i];
      if (other && key(token) !== key(other) && tokenKind(token[0]) === "word") {
        words++;
        if (token[1] === other[1] && commonPrefix(Array.from(token[0]), Array.from(other[0])) >= rules.min_stem) stems++;
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

  // Changes separated only by spaces are one change (redline.py's _runs).
  function runs(ops, a) {
    var out = [];
    ops.forEach(function (op) {
      var n = out.length;
      if (n >= 2 && op[0] !== "equal" && out[n - 1][0] === "equal" && out[n - 2][0] !== "equal" &&
          a.slice(out[n - 1][1], out[n - 1][2]).every(function (token) { return isSpace(token[0]); })) {
        out.pop();
        var first = out.pop();
        out.push(["replace", first[1], op[2], first[3], op[4]]);
      } else {
        out.push(op);
      }
    });
    return out;
  }

  // Empty pieces dropped, neighbours of one kind and formatting joined (redline.py's _merge).
  function merge(pieces) {
    var merged = [];
    pieces.forEach(function (piece) {
      if (!piece[1]) return;
      var last = merged[merged.length - 1];
      if (last && last[0] === piece[0] && last[2] === piece[2]) last[1] += piece[1];
      else merged.push([piece[0], piece[1], piece[2]]);
    });
    return merged;
  }

  // Two token lists ([text, style]) word by word: pieces [op, text, style] (redline.py's words).
  function words(a, b) {
    var out = [];
    runs(opcodes(a.map(key), b.map(key)), a).forEach(function (op) {
      if (op[0] === "equal") pushAll(out, "equal", a.slice(op[1], op[2]));
      else if (op[0] === "delete") pushAll(out, "delete", a.slice(op[1], op[2]));
      else if (op[0] === "insert") pushAll(out, "insert", b.slice(op[3], op[4]));
      else replaceRun(a.slice(op[1], op[2]), b.slice(op[3], op[4]), out);
    });
    return merge(out);
  }

  function plain(tokens) {
    return tokens.map(function (token) { return [token, ""]; });
  }

  // Two plain texts (a heading's titles): redline.py's redline, line by line first past
  // the word limit.
  function redline(oldText, newText) {
    var a = tokenize(oldText), b = tokenize(newText);
    if (a.length <= rules.word_limit && b.length <= rules.word_limit) return words(plain(a), plain(b));
    var oldLines = lines(oldText), newLines = lines(newText), pieces = [];
    opcodes(oldLines, newLines).forEach(function (op) {
      var before = oldLines.slice(op[1], op[2]).join(""), after = newLines.slice(op[3], op[4]).join("");
      if (op[0] === "equal") {
        pieces.push(["equal", before, ""]);
        return;
      }
      var x = tokenize(before), y = tokenize(after);
      if (before && after && x.length <= rules.word_limit && y.length <= rules.word_limit) {
        pieces = pieces.concat(words(plain(x), plain(y)));
      } else {
        pieces.push(["delete", before, ""], ["insert", after, ""]);
      }
    });
    return merge(pieces);
  }

  // What blocks.py's Block works out of a block of sections.json, once per block.
  var derived = new WeakMap();

  function blockData(block) {
    var found = derived.get(block);
    if (!found) {
      var text = block.runs.map(function (run) { return run[0] + "\u0000" + run[1]; }).join("\u0001");
      var tokens = styledTokens(block.runs);
      found = {
        key: block.kind + "\u0002" + block.depth + (block.quote ? "q" : "") + "\u0002" +
          text.split(SPACES).filter(Boolean).join(" "),
        tokens: tokens,
        wordKeys: tokens.filter(function (token) { return !isSpace(token[0]); })
          .map(function (token) { return token[0] + "\u0000" + token[1]; }),
        length: block.runs.reduce(function (n, run) { return n + Array.from(run[0]).length; }, 0)
      };
      derived.set(block, found);
    }
    return found;
  }

  function likeness(a, b) {
    var x = blockData(a).wordKeys, y = blockData(b).wordKeys;
    if (!x.length || !y.length || (a.kind === "tr") !== (b.kind === "tr")) return 0;
    return Math.floor(200 * common(x, y) / (x.length + y.length));
  }

  function changedBlock(a, b) {
    var x = blockData(a).tokens, y = blockData(b).tokens;
    if (x.length > rules.word_limit || y.length > rules.word_limit) {
      var whole = [];
      a.runs.forEach(function (run) { whole.push(["delete", run[0], run[1]]); });
      b.runs.forEach(function (run) { whole.push(["insert", run[0], run[1]]); });
      return { op: "change", old: a, new: b, pieces: whole.filter(function (p) { return p[1]; }), rewritten: true };
    }
    return { op: "change", old: a, new: b, pieces: words(x, y) };
  }

  // A run of changed blocks, each old one paired in order with the new one it most
  // resembles (blocks.py's _pair).
  function pair(olds, news) {
    var m = olds.length, n = news.length, out = [], i, j;
    if (m * n > rules.pairing_limit) {
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
        var paired = score[i][j] >= rules.min_likeness ? score[i][j] + best[i + 1][j + 1] : -1;
        best[i][j] = Math.max(paired, best[i + 1][j], best[i][j + 1]);
      }
    }
    i = 0;
    j = 0;
    while (i < m || j < n) {
      if (i < m && j < n && score[i][j] >= rules.min_likeness && best[i][j] === score[i][j] + best[i + 1][j + 1]) {
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

  // Every block of two lists in reading order: equal, deleted, inserted or changed with
  // its pieces (blocks.py's compare_blocks).
  function compareBlocks(olds, news) {
    var out = [];
    opcodes(olds.map(function (b) { return blockData(b).key; }), news.map(function (b) { return blockData(b).key; }))
      .forEach(function (op) {
        var k;
        if (op[0] === "equal") for (k = 0; k < op[2] - op[1]; k++) out.push({ op: "equal", old: olds[op[1] + k], new: news[op[3] + k] });
        else if (op[0] === "delete") for (k = op[1]; k < op[2]; k++) out.push({ op: "delete", old: olds[k] });
        else if (op[0] === "insert") for (k = op[3]; k < op[4]; k++) out.push({ op: "insert", new: news[k] });
        else out = out.concat(pair(olds.slice(op[1], op[2]), news.slice(op[3], op[4])));
      });
    return out;
  }

  function shownLength(change) {
    return blockData(change.new || change.old).length;
  }

  // The runs of unchanged blocks to fold, [start, end] each (blocks.py's folds).
  function folds(changes) {
    var found = [], start = null;
    for (var index = 0; index <= changes.length; index++) {
      var change = changes[index];
      if (change && change.op === "equal") {
        if (start === null) start = index;
        continue;
      }
      if (start !== null) {
        var first = start, last = index;
        if (first > 0 && shownLength(changes[first]) <= rules.context_chars) first++;
        if (change && last > first && shownLength(changes[last - 1]) <= rules.context_chars) last--;
        if (last - first >= rules.fold_at || (last - first === 1 && shownLength(changes[first]) > rules.context_chars)) {
          found.push([first, last]);
        }
        start = null;
      }
    }
    return found;
  }

  // Number and title as plain text (sections.py's Section.heading).
  function heading(section) {
    return [section.number, section.title].filter(Boolean).join(" ");
  }

  // Sections both versions share that left the longest subsequence kept in order; ties
  // keep the section that comes first in the old order (changes.py's moved_sections).
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

  // The new version's order, each removed section after the one that preceded it
  // (changes.py's _reading_order).
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

  // Each section's change between two versions' sections (sections.json's "sections"), in
  // reading order (changes.py's compare): its kinds; its blocks where the changes page
  // shows a redline (render/parts.py's section_fragment: a text changed, or a formatting
  // change that marks something); where it was renamed, the new number and the title's
  // redline; where renamed or renumbered, the heading it had.
  function compareVersions(oldSections, newSections) {
    var before = new Map(oldSections.map(function (s) { return [s.lineage, s]; }));
    var after = new Map(newSections.map(function (s) { return [s.lineage, s]; }));
    var oldOrder = oldSections.map(function (s) { return s.lineage; });
    var newOrder = newSections.map(function (s) { return s.lineage; });
    var moved = movedSections(oldOrder, newOrder);
    return readingOrder(oldOrder, newOrder).map(function (id) {
      var a = before.get(id), b = after.get(id), found = new Set();
      if (!a) found.add("added");
      if (!b) found.add("removed");
      if (a && b) {
        // The words the same, the formatting not: "formatted".
        if (a.digest !== b.digest) found.add(a.words === b.words ? "formatted" : "modified");
        var renamed = normalize(a.title) !== normalize(b.title);
        var renumbered = a.number !== b.number;
        if (renamed) found.add("renamed");
        if (renumbered) found.add("renumbered");
        if (!renamed && !renumbered && JSON.stringify(a.heading || []) !== JSON.stringify(b.heading || [])) {
          found.add("formatted");
        }
        if (moved.has(id)) found.add("moved");
      }
      if (!found.size) found.add("unchanged");
      var kinds = rules.kinds.filter(function (kind) { return found.has(kind); });
      var textChanged = rules.text_kinds.some(function (kind) { return found.has(kind); });
      var blocks = null;
      if (textChanged || (a && b && found.has("formatted"))) {
        blocks = compareBlocks(a ? a.blocks : [], b ? b.blocks : []);
        if (!textChanged && blocks.every(function (change) { return change.op === "equal"; })) blocks = null;
      }
      return {
        lineage: id, kinds: kinds, old: a, new: b, blocks: blocks,
        renamed: a && b && found.has("renamed") ? { number: b.number, pieces: redline(a.title, b.title) } : null,
        was: a && b && (found.has("renamed") || found.has("renumbered")) ? heading(a) : null
      };
    });
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

  // What changed that the words do not show, between two sections (sections.json's
  // "targets": [text, target] of each link and image, heading first), as text.py's
  // formatting_changes: {kind, text, old, new} each.
  function formattingChanges(a, b) {
    var said = [];
    ["link", "image"].forEach(function (kind) {
      var old = (a.targets || {})[kind] || [], now = (b.targets || {})[kind] || [];
      var came = surplus(now, old);
      surplus(old, now).forEach(function (x) {
        var at = came.findIndex(function (y) { return y[0] === x[0]; });
        var partner = at >= 0 ? came.splice(at, 1)[0] : null;
        said.push({ kind: kind, text: x[0], old: x[1], new: partner ? partner[1] : "" });
      });
      came.forEach(function (y) { said.push({ kind: kind, text: y[0], old: "", new: y[1] }); });
    });
    return said.length ? said : [{ kind: "formatting", text: "", old: "", new: "" }];
  }

  // Which texts a pair of versions is compared in: "read" (as the page reads them) or
  // "original" (the authoritative texts), as analysis.py's compared_as_read decided for
  // the languages of this page's versions (data-languages).
  function source(languages, fromId, toId) {
    return languages.pairs[languages.versions[fromId] + " " + languages.versions[toId]];
  }

  return {
    kinds: rules.kinds,
    normalize: normalize,
    tokenize: tokenize,
    lines: lines,
    spaced: spaced,
    words: words,
    redline: redline,
    compareBlocks: compareBlocks,
    folds: folds,
    heading: heading,
    compareVersions: compareVersions,
    formattingChanges: formattingChanges,
    source: source
  };
}));
