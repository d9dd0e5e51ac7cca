/*
 * Compare any two versions of a policy in the browser.
 *
 * Reads the sections of the two versions named in the URL (`?from=<id>&to=<id>`; `current`
 * names the version in force, `data-current`, so a version's page can link to it and
 * settle; without a pair, the pickers' default: the text in force and the one before it)
 * from the addresses the form names (`data-url-*`), in the texts the build would compare
 * them in (`data-languages`), and shows each section's change kinds and the redline of
 * its text as readers see it, in the markup of the static changes pages
 * (render/blocks.py; the marks' is copied from the page's `.ps-redline-prototypes`).
 * What changed is worked out by compare_rules.js, with the rules the build compares by
 * (`data-rules`, policysite/compare/rules.py): this file only fetches and draws.
 */
(function () {
  "use strict";

  var form = document.querySelector("form.ps-compare");
  var result = document.getElementById("ps-compare-result");
  var prototypes = document.querySelector(".ps-redline-prototypes");
  if (!form || !result || !prototypes || typeof diff_match_patch === "undefined" ||
      typeof policysiteCompareRules === "undefined") return;
  var strings = JSON.parse(form.dataset.strings);
  var pageRules = JSON.parse(form.dataset.rules);
  var languages = JSON.parse(form.dataset.languages);
  var rules = policysiteCompareRules(pageRules, window);
  var markup = pageRules.markup;
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
    var edges = rules.spaced(text), lead = edges[0], core = edges[1], trail = edges[2];
    if (!core) {
      if (op === "insert") parent.appendChild(document.createTextNode(text));
      return;
    }
    if (lead) parent.appendChild(document.createTextNode(lead));
    // A copy of the page's own redline markup (its screen-reader words included), with the text.
    var node = prototypes.querySelector(op === "delete" ? "del" : "ins").cloneNode(true);
    node.insertBefore(document.createTextNode(core), node.lastChild);
    parent.appendChild(node);
    if (trail) parent.appendChild(document.createTextNode(trail));
  }

  // One block as render/blocks.py's _block writes it (`unlinked`: its links as their text
  // alone, as in a heading inside a link).
  function renderBlock(change, unlinked) {
    var block = change.new || change.old;
    var classes = "ps-b ps-b--" + block.kind + (block.depth ? " ps-depth-" + Math.min(block.depth, markup.deepest) : "") +
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
        if (markup.wrappers.indexOf(mark) >= 0) wrapper = el(mark);
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
      parent.appendChild(document.createTextNode(rules.heading(section) || t("timeline.preamble")));
      return;
    }
    var block = { kind: "h", depth: 0, marker: "", runs: section.heading };
    var node = renderBlock({ op: "equal", old: block, new: block }, unlinked);
    while (node.firstChild) parent.appendChild(node.firstChild);
  }

  // What a "formatted" section changed, in words (render/parts.py's formatting_text).
  function describe(change) {
    if (change.kind === "formatting") return t("formatting.only");
    if (change.kind === "image") return t("formatting.image", change);
    if (!change.old) return t("formatting.link_added", change);
    if (!change.new) return t("formatting.link_removed", change);
    return t(change.text ? "formatting.link" : "formatting.link_empty", change);
  }

  // A section's redline as render/blocks.py's redline_html writes it.
  function renderBlocks(changes, parent) {
    if (changes.some(function (change) { return change.rewritten; })) {
      parent.appendChild(el("p", { class: "ps-change__rewritten" }, [t("changes.rewritten")]));
    }
    var folded = {};
    rules.folds(changes).forEach(function (fold) { folded[fold[0]] = fold[1]; });
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
    if (change.renamed) {
      if (change.renamed.number) title.appendChild(document.createTextNode(change.renamed.number + " "));
      change.renamed.pieces.forEach(function (piece) { renderPiece(piece, title); });
    } else {
      renderHeading(section, title);
    }
    var meta = el("p", { class: "ps-change__meta" });
    change.kinds.forEach(function (kind) {
      meta.appendChild(el("span", { class: "ps-kind ps-kind--" + kind }, [t("kind." + kind)]));
      meta.appendChild(document.createTextNode(" "));
    });
    if (change.was !== null) {
      meta.appendChild(el("span", { class: "ps-change__was" }, [t("changes.was") + " " + change.was]));
      meta.appendChild(document.createTextNode(" "));
    }
    meta.appendChild(el("a", { class: "ps-change__timeline", href: address("timeline", { lineage: change.lineage }) },
                        [t("section.history")]));
    var node = el("section", attributes, [title, meta]);
    if (change.kinds.indexOf("formatted") >= 0 && change.old && change.new) {
      node.appendChild(el("ul", { class: "ps-change__formatting" }, rules.formattingChanges(change.old, change.new)
        .map(function (found) { return el("li", {}, [describe(found)]); })));
    }
    if (change.blocks && change.blocks.length) {
      var body = el("div", { class: "ps-redline" });
      renderBlocks(change.blocks, body);
      node.appendChild(body);
    }
    return node;
  }

  // The two versions compared, each with its status and a link to its page.
  function pairHeading() {
    var list = el("ul", { class: "ps-compare-pair" });
    [["compare.pair.from", form.elements.from], ["compare.pair.to", form.elements.to]].forEach(function (side) {
      var option = side[1].selectedOptions[0];
      list.appendChild(el("li", { "data-version": option.value }, [
        el("span", { class: "ps-compare-pair__side" }, [t(side[0]) + ": "]),
        el("a", { href: option.dataset.url }, [option.textContent]),
        " · ", el("span", { class: "ps-compare-pair__status" }, [option.dataset.status])
      ]));
    });
    return list;
  }

  function render(oldData, newData) {
    links = Object.assign({}, oldData.links || {}, newData.links || {});
    versionPage = address("version", { version: newData.version });
    var changes = rules.compareVersions(oldData.sections, newData.sections);
    var counts = {};
    changes.forEach(function (c) { c.kinds.forEach(function (k) { counts[k] = (counts[k] || 0) + 1; }); });
    var summary = rules.kinds.filter(function (k) { return k !== "unchanged" && counts[k]; })
      .map(function (k) { return t("kind." + k) + ": " + counts[k]; }).join(" · ");
    var shownLang = newData.lang !== lang ? newData.lang : "";
    result.replaceChildren(pairHeading(), el("p", { class: "ps-counts" }, [
      el("strong", {}, [t("changes.summary")]), " " + (summary || t("changes.none"))
    ]));
    if (shownLang) {
      var foreign = [oldData.version, newData.version].map(function (id) {
        return languages.versions[id] !== lang;
      });
      var side = foreign[0] && foreign[1] ? "both" : foreign[0] ? "older" : "newer";
      result.appendChild(el("p", { class: "ps-note" }, [t("in_original." + side)]));
    }
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

  function load(url, what) {
    return fetch(url).then(function (response) {
      if (!response.ok) throw new Error(what + ": HTTP " + response.status);
      return response.json();
    });
  }

  // The texts each source names: the page's own, or the authoritative ones; each
  // section's text (its blocks) is kept once, by its digest, beside the timelines.
  var SECTIONS = { read: "sections", original: "original-sections" };
  var TEXTS = { read: "section-text", original: "original-section-text" };

  // Both versions in the texts the static changes pages would compare them in, each
  // section with its blocks as compare_rules.js reads them (sections_json.py's
  // section_data). A section both versions have in the same text changes nothing that its
  // blocks would show: only the texts they do not share are fetched.
  function loadPair(fromId, toId) {
    var source = rules.source(languages, fromId, toId);
    var versions = [fromId, toId].map(function (id) {
      return load(address(SECTIONS[source], { version: id }), id);
    });
    return Promise.all(versions).then(function (pair) {
      var digests = pair.map(function (data) {
        return new Map(data.sections.map(function (s) { return [s.lineage, s.blocks]; }));
      });
      var texts = new Map();
      pair.forEach(function (data, side) {
        data.sections.forEach(function (s) {
          if (digests[1 - side].get(s.lineage) === s.blocks) return;
          if (!texts.has(s.blocks)) {
            texts.set(s.blocks, load(address(TEXTS[source], { digest: s.blocks }), s.blocks));
          }
        });
      });
      var digestOrder = Array.from(texts.keys());
      return Promise.all(digestOrder.map(function (d) { return texts.get(d); })).then(function (found) {
        var blocks = new Map(digestOrder.map(function (d, i) { return [d, found[i]]; }));
        return pair.map(function (data) {
          var sections = data.sections.map(function (s) {
            return Object.assign({}, s, { blocks: blocks.get(s.blocks) || [] });
          });
          return Object.assign({}, data, { sections: sections });
        });
      });
    });
  }

  // Each choice of a pair; a comparison still loading when the reader chose another is
  // not shown over it.
  var choice = 0;

  function show(fromId, toId, note) {
    var mine = ++choice;
    form.elements.from.value = fromId;
    form.elements.to.value = toId;
    if (fromId === toId) {
      result.removeAttribute("aria-busy");
      result.replaceChildren(el("p", {}, [t("compare.same")]));
      return Promise.resolve();
    }
    result.setAttribute("aria-busy", "true");
    performance.mark("ps-compare-start");
    return loadPair(fromId, toId).then(function (data) {
      if (mine !== choice) return;
      render(data[0], data[1]);
      var switcher = document.querySelector(".ps-view");
      if (switcher) {
        [["old", form.elements.from], ["new", form.elements.to]].forEach(function (side) {
          var option = side[1].selectedOptions[0];
          switcher.dataset[side[0]] = option.textContent + " · " + option.dataset.status;
        });
      }
      if (window.policysiteRedline) window.policysiteRedline.apply(result);
      performance.measure("ps-compare", "ps-compare-start");  // the benchmark reads it
      if (note) result.insertBefore(el("p", { class: "ps-note", role: "status" }, [note]), result.firstChild);
    }).catch(function (error) {
      if (mine !== choice) return;
      result.replaceChildren(el("p", { class: "ps-error" }, [t("compare.error", { error: error.message })]));
    }).finally(function () {
      if (mine === choice) result.removeAttribute("aria-busy");
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
    var named = fromId === "current" || toId === "current";
    if (fromId === "current") fromId = form.dataset.current || fromId;
    if (toId === "current") toId = form.dataset.current || toId;
    // A version's page asked for "the text in force": the pair in its order, said plainly.
    if (named && fromId > toId) {
      var earlier = toId;
      toId = fromId;
      fromId = earlier;
    }
    // The address always names the pair on the screen, so it can be copied as it is.
    if (params.get("from") !== fromId || params.get("to") !== toId) {
      if (fromId <= toId || named) window.history.replaceState(null, "", query(fromId, toId));
    }
    var unknown = [fromId, toId].filter(function (id) { return known.indexOf(id) < 0; });
    if (unknown.length) {
      choice++;
      result.removeAttribute("aria-busy");
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
  window.policysiteCompare = { words: rules.words, compareBlocks: rules.compareBlocks };
  fromAddress();
}());
