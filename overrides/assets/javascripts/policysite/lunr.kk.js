/*
 * Kazakh for lunr: a trimmer that keeps every Cyrillic letter, and a light stemmer that
 * strips the inflections a policy's nouns take (case, possessive, plural), so that
 * "деректерін", "деректерді", "деректер" and "дерек" index and search as one word.
 *
 * A suffix goes only when at least MIN letters stay. Kazakh voices a final к, қ, п
 * before a vowel (құпиялылық -> құпиялылығы); a stem's last г, ғ, б is written back as
 * к, қ, п, and a last ы or і is dropped, so that a word and its inflected forms end alike
 * (пайдаланушы, пайдаланушылардың -> пайдалануш); this is done again until nothing more
 * goes, so that stemming a stem changes nothing (the query's stem is the index's). Derivation (-лық, -шы, -сыз) and
 * verbs are left as they are: the search matches stems as prefixes, which covers them.
 *
 * The same function stems the index and the query (search_worker.js).
 */
(function (root) {
  "use strict";

  var MIN = 3;
  var VOWEL_I = /[ыі]$/;
  // Endings in д, т follow a consonant, endings in н a vowel (у and и count with the
  // consonants here, as in пайдалануды): саясат-ты, but саясаты is саясат-ы.
  var CONSONANT = /[^аәеоөұүыіэяё]$/;
  var VOWEL = /[аәеоөұүыіэяё]$/;

  // Longest first within each group: the first that fits is taken.
  var CASE = [
    // after a third-person possessive (-ы, -і): саясатында, саясатынан, сайтына, саясатын
    { ending: ["ндағы", "ндегі", "нда", "нде", "нан", "нен", "на", "не", "н"], after: VOWEL_I },
    { ending: ["дағы", "дегі", "тағы", "тегі"], after: CONSONANT },
    { ending: ["ның", "нің"], after: VOWEL },
    { ending: ["дың", "дің", "тың", "тің"], after: CONSONANT },
    { ending: ["дан", "ден", "тан", "тен"], after: CONSONANT },
    { ending: ["мен", "бен", "пен"] },
    { ending: ["ға", "ге"] },
    { ending: ["қа", "ке"], after: CONSONANT },
    { ending: ["ны", "ні"], after: VOWEL },
    { ending: ["ды", "ді", "ты", "ті"], after: CONSONANT },
    { ending: ["да", "де", "та", "те"], after: CONSONANT },
  ];
  var POSSESSIVE = [
    { ending: ["ымыз", "іміз", "ыңыз", "іңіз", "мыз", "міз", "ңыз", "ңіз"] },
    { ending: ["сы", "сі", "ы", "і"] },
  ];
  var PLURAL = [{ ending: ["лар", "лер", "дар", "дер", "тар", "тер"] }];
  var VOICED = { г: "к", ғ: "қ", б: "п" };

  function strip(word, groups) {
    for (var g = 0; g < groups.length; g++) {
      var group = groups[g];
      for (var e = 0; e < group.ending.length; e++) {
        var ending = group.ending[e];
        var rest = word.slice(0, -ending.length);
        if (
          word.length - ending.length >= MIN &&
          word.endsWith(ending) &&
          (!group.after || group.after.test(rest))
        ) {
          return rest;
        }
      }
    }
    return word;
  }

  function once(word) {
    var stem = strip(strip(strip(word, CASE), POSSESSIVE), PLURAL);
    if (stem.length > MIN && VOWEL_I.test(stem)) stem = stem.slice(0, -1);
    var last = stem.charAt(stem.length - 1);
    return VOICED[last] ? stem.slice(0, -1) + VOICED[last] : stem;
  }

  // Until nothing more goes: a word and its inflected forms then reach the same stem
  // even when the word itself ends like an inflection (мәтін, мәтінінің -> мәт).
  function stemWord(word) {
    for (var i = 0; i < 4; i++) {
      var next = once(word);
      if (next === word) break;
      word = next;
    }
    return word;
  }

  function install(lunr) {
    lunr.kk = function () {
      this.pipeline.reset();
      this.pipeline.add(lunr.kk.trimmer, lunr.kk.stemmer);
      if (this.searchPipeline) {
        this.searchPipeline.reset();
        this.searchPipeline.add(lunr.kk.stemmer);
      }
    };
    lunr.kk.stemWord = stemWord;
    lunr.kk.trimmer = function (token) {
      return token.update(function (s) {
        return s.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu, "");
      });
    };
    lunr.kk.stemmer = function (token) {
      return token.update(stemWord);
    };
    lunr.Pipeline.registerFunction(lunr.kk.trimmer, "trimmer-kk");
    lunr.Pipeline.registerFunction(lunr.kk.stemmer, "stemmer-kk");
  }

  if (root.lunr) install(root.lunr);
  root.policysiteKazakhStem = stemWord;
})(typeof self !== "undefined" ? self : this);
