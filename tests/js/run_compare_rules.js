// The compare page's rules (overrides/assets/javascripts/policysite/compare_rules.js) run
// under node on the vectors tests/test_compare_rules_js.py made: reads them from the JSON
// file named first, prints the script's results as JSON on stdout, in the shape the test
// gives the build's. diff-match-patch is the vendored file the page loads.
"use strict";

const fs = require("fs");
const path = require("path");
const vm = require("vm");

const scripts = path.join(__dirname, "..", "..", "overrides", "assets", "javascripts");
const library = path.join(scripts, "vendor", "diff_match_patch.js");
// A plain script, as the page loads it: its `var`s become globals.
vm.runInThisContext(fs.readFileSync(library, "utf8"), { filename: library });
const makeRules = require(path.join(scripts, "policysite", "compare_rules.js"));

const input = JSON.parse(fs.readFileSync(process.argv[2], "utf8"));
const rules = makeRules(input.rules, globalThis);

function blockChanges(changes, olds, news) {
  return changes.map((c) => [
    c.op,
    c.old ? olds.indexOf(c.old) : -1,
    c.new ? news.indexOf(c.new) : -1,
    c.pieces || null,
    Boolean(c.rewritten),
  ]);
}

// The code points a class of the rules matches, as [first, last] ranges (surrogates left out).
function classRanges(body) {
  const pattern = new RegExp("^[" + body + "]$", "u");
  const ranges = [];
  for (let code = 0; code <= 0x10ffff; code++) {
    if (code >= 0xd800 && code < 0xe000) continue;
    if (!pattern.test(String.fromCodePoint(code))) continue;
    const last = ranges[ranges.length - 1];
    if (last && last[1] === code - 1) last[1] = code;
    else ranges.push([code, code]);
  }
  return ranges;
}

const v = input.vectors;
const output = {
  classes: Object.fromEntries(v.classes.map((name) => [name, classRanges(input.rules[name])])),
  texts: v.texts.map((text) => ({
    tokens: rules.tokenize(text),
    normalized: rules.normalize(text),
    spaced: rules.spaced(text),
    lines: rules.lines(text),
  })),
  words: v.words.map(([a, b]) => rules.words(a, b)),
  redline: v.redline.map(([a, b]) => rules.redline(a, b)),
  blocks: v.blocks.map(([a, b]) => {
    const changes = rules.compareBlocks(a, b);
    return { changes: blockChanges(changes, a, b), folds: rules.folds(changes) };
  }),
  versions: v.versions.map(([a, b]) =>
    rules.compareVersions(a, b).map((c) => {
      const section = c.new || c.old;
      return {
        lineage: c.lineage,
        kinds: c.kinds,
        blocks: c.blocks && blockChanges(c.blocks, c.old ? c.old.blocks : [], c.new ? c.new.blocks : []),
        folds: c.blocks && rules.folds(c.blocks),
        renamed: c.renamed && [c.renamed.number, c.renamed.pieces],
        was: c.was,
        heading: rules.heading(section),
        formatting: c.kinds.includes("formatted") && c.old && c.new ? rules.formattingChanges(c.old, c.new) : null,
      };
    })
  ),
  formatting: v.formatting.map(([a, b]) => rules.formattingChanges(a, b)),
  sources: v.sources.map(([languages, pairs]) => pairs.map(([from, to]) => rules.source(languages, from, to))),
};
process.stdout.write(JSON.stringify(output));
