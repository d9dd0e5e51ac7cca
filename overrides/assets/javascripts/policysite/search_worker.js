/*
 * The site's search, in the worker Material's search box talks to (overrides/main.html
 * names it in place of Material's own; the messages are Material's: setup -> ready,
 * query -> result, and a result is grouped by page as Material's is).
 *
 * What it does that Material's worker does not: the index and the query go through the
 * same stemmers (Kazakh: lunr.kk.js; Russian: lunr-languages' Snowball stemmer that
 * Material ships; English: lunr's Porter stemmer), and each query stem is matched as a
 * prefix of the indexed stems. So "безопасности" finds what "безопасность" finds,
 * "деректерін" what "деректер" finds, and a word being typed still finds what it
 * begins. Material's worker adds a wildcard to every word, which skips stemming the
 * query, and stems nothing in the index.
 *
 * Every language's texts hold words of both scripts ("файлы cookie", "IP-адрес",
 * "Email", getxkz.com, dates; "Русский" on an English page), so each index keeps every
 * letter and digit of any script, and stems each word as its script's language, as
 * lunr.multiLanguage does: Latin words as English (stop words, Porter) on every site,
 * Cyrillic words as the page's language (Kazakh or Russian; on the English site, as
 * written). lunr-languages' Russian trimmer kept Cyrillic letters only, so the Russian
 * search found no "cookie", "email", "IP" nor any number.
 *
 * Hits are marked (<mark>) in titles and texts, and each hit's terms (the stems found)
 * go to the page it links to (`?h=`), where Material marks them; a page listed only for
 * its sections gets their terms, never an empty `?h=`.
 */
/* global lunr, importScripts */
"use strict";

var SETUP = 0;
var READY = 1;
var QUERY = 2;
var RESULT = 3;

var search = null;

importScripts("../vendor/lunr.min.js", "../lunr/min/lunr.stemmer.support.min.js");

// lunr's trimmer and lunr-languages' keep only their own script's letters.
function lettersAndDigits(token) {
  return token.update(function (word) {
    return word.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
  });
}
lunr.Pipeline.registerFunction(lettersAndDigits, "trimmer-letters-digits");

// The steps each word of the index and of the query goes through, in order. The stemmers
// run one after the other, as in lunr.multiLanguage: each leaves the other script's
// words as they are (Porter's rules end in Latin letters, the Snowball and Kazakh ones in
// Cyrillic letters).
function analyser(lang) {
  var english = [lunr.stopWordFilter, lunr.stemmer];
  if (lang === "en") return [lettersAndDigits].concat(english);
  if (lang === "kk") {
    importScripts("lunr.kk.js");
    return [lettersAndDigits].concat(english, [lunr.kk.stemmer]);
  }
  importScripts("../lunr/min/lunr." + lang + ".min.js");
  var language = lunr[lang];
  return [lettersAndDigits, language.stopWordFilter].concat(english, [language.stemmer]);
}

var ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', "#39": "'", nbsp: " " };

function plain(html) {
  return String(html || "")
    .replace(/<[^>]*>/g, " ")
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, function (_, name) {
      return ENTITIES[name];
    });
}

function Search(data) {
  var config = data.config;
  var steps = analyser((config.lang || ["en"])[0]);
  var separator = new RegExp(config.separator || "[\\s\\-]+");
  var fields = config.fields || { title: { boost: 1000 }, text: { boost: 1 } };
  this.docs = new Map(
    data.docs.map(function (doc) {
      return [doc.location, doc];
    }),
  );
  // Each word as the index holds it: trimmed, stemmed; "" for a stop word.
  var words = new lunr.Pipeline();
  words.add.apply(words, steps);
  var cache = new Map();
  this.stem = function (word) {
    var lower = word.toLowerCase();
    if (!cache.has(lower)) cache.set(lower, words.runString(lower)[0] || "");
    return cache.get(lower);
  };
  this.separator = separator;
  this.index = lunr(function () {
    lunr.tokenizer.separator = separator;
    this.pipeline.reset();
    this.searchPipeline.reset();
    this.pipeline.add.apply(this.pipeline, steps);
    this.b(0);
    this.ref("location");
    for (var name of ["title", "text"]) {
      this.field(name, { boost: (fields[name] || {}).boost || 1 });
    }
    for (var doc of data.docs) {
      this.add(
        { location: doc.location, title: plain(doc.title), text: plain(doc.text) },
        { boost: doc.boost || 1 },
      );
    }
  });
}

// The query's words, each with its stem ("" when the index leaves the word out).
Search.prototype.terms = function (query) {
  var self = this;
  return query
    .replace(/[*+^~:"]/g, " ")
    .split(/\s+/)
    .flatMap(function (part) {
      return part.split(self.separator);
    })
    .filter(Boolean)
    .map(function (word) {
      return { word: word, stem: self.stem(word) };
    });
};

// `html` with each word whose stem begins with one of `stems` in <mark>.
Search.prototype.mark = function (html, stems) {
  var self = this;
  return String(html || "").replace(
    /(<[^>]*>|&[#\w]+;)|([\p{L}\p{N}]+)/gu,
    function (all, skipped, word) {
      if (skipped) return skipped;
      var stem = self.stem(word);
      var found =
        stem &&
        stems.some(function (s) {
          return stem.startsWith(s);
        });
      return found ? "<mark>" + word + "</mark>" : word;
    },
  );
};

Search.prototype.query = function (query) {
  var self = this;
  var terms = this.terms(query).filter(function (t) {
    return t.stem;
  });
  if (!terms.length) return { items: [] };
  var stems = Array.from(
    new Set(
      terms.map(function (t) {
        return t.stem;
      }),
    ),
  );
  var hits = this.index.query(function (q) {
    for (var stem of stems) {
      // The whole stem first, then any longer one it begins.
      q.term(stem, { usePipeline: false, boost: 10 });
      q.term(stem, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING });
    }
  });
  var found = hits
    .map(function (hit) {
      var doc = self.docs.get(hit.ref);
      var indexed = Object.keys(hit.matchData.metadata);
      var marks = {};
      var count = 0;
      for (var t of terms) {
        var here = indexed.some(function (k) {
          return k.startsWith(t.stem);
        });
        marks[here ? t.stem : t.word] = here;
        if (here) count += 1;
      }
      var page = !doc.location.includes("#");
      var weight = (page ? 1 : 0) + count / terms.length;
      return Object.assign({}, doc, {
        title: self.mark(doc.title, stems),
        text: self.mark(doc.text, stems),
        score: hit.score * (1 + weight * weight),
        terms: marks,
      });
    })
    .sort(function (a, b) {
      return b.score - a.score;
    });
  var groups = new Map();
  for (var item of found) {
    var address = item.location.split("#")[0];
    if (!groups.has(address)) groups.set(address, []);
    groups.get(address).push(item);
  }
  var items = [];
  for (var [location, group] of groups) {
    var page = this.docs.get(location);
    if (page && !group.some((item) => item.location === location)) {
      // Listed for its sections: it takes their terms, so its link marks them too.
      let sectionTerms = {};
      for (const section of group) {
        for (const [term, here] of Object.entries(section.terms)) if (here) sectionTerms[term] = true;
      }
      group.push(Object.assign({}, page, { score: 0, terms: sectionTerms }));
    }
    items.push(group);
  }
  return { items: items };
};

addEventListener("message", function (event) {
  var message = event.data;
  if (message.type === SETUP) {
    search = new Search(message.data);
    postMessage({ type: READY });
  } else if (message.type === QUERY) {
    var result = { items: [] };
    try {
      result = search ? search.query(message.data) : result;
    } catch (error) {
      console.warn("Search failed for " + JSON.stringify(message.data), error);
    }
    postMessage({ type: RESULT, data: result });
  }
});
