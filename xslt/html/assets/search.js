/* teikit reading edition: full-text search over the passages and notes made at build time
   (search-index.js: window.teikitSearchIndex = [[href, label, text], ...]), indexed in the
   browser by MiniSearch (vendor/minisearch.js, see vendor/README.md). No network, no server.

   Words are found in any alphabet (Unicode letters and digits; case, accents and letters such
   as ł, ø, ß folded: edition.js's teikit.fold). All words must occur; the last may be the
   beginning of a word. "Quoted phrases" must occur as whole words, together and in order.
   Results are ranked (BM25), shown with a stretch of context, the hits marked; a result's
   link lands on the first hit in the passage (edition.js marks it). */
(function () {
  "use strict";

  var doc = document;
  var L = window.teikit.label;
  var fold = window.teikit.fold;
  var WORD = "[\\p{L}\\p{N}\\p{M}]";

  /* The query: phrases (in straight or curly double quotes) and single words, folded. */
  function parse(query) {
    var out = { phrases: [], words: [] };
    var re = /["\u201c\u201d\u201e\u00ab\u00bb]([^"\u201c\u201d\u201e\u00ab\u00bb]*)["\u201c\u201d\u201e\u00ab\u00bb]?|(\S+)/g;
    var m;
    while ((m = re.exec(query)) !== null) {
      var words = tokens(m[1] !== undefined ? m[1] : m[2]);
      if (!words.length) {
        continue;
      }
      if (m[1] !== undefined && words.length > 1) {
        out.phrases.push(words);
      } else {
        out.words = out.words.concat(words);
      }
    }
    return out;
  }

  function tokens(s) {
    return fold(s).folded.split(new RegExp("[^\\p{L}\\p{N}\\p{M}]+", "u")).filter(Boolean);
  }

  function escapeRe(s) {
    return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  /* Regular expressions for the hits in folded text: each phrase whole, each word whole (the
     last word of the query as a beginning too). */
  function patterns(q) {
    var res = q.phrases.map(function (p) {
      return "(?<!" + WORD + ")" + p.map(escapeRe).join("[^\\p{L}\\p{N}]+") + "(?!" + WORD + ")";
    });
    q.words.forEach(function (w, i) {
      var last = i === q.words.length - 1 && q.phrases.length === 0;
      res.push("(?<!" + WORD + ")" + escapeRe(w) + (last ? "" : "(?!" + WORD + ")"));
    });
    return res.map(function (r) {
      return new RegExp(r, "gu");
    });
  }

  function hitsIn(folded, res) {
    var hits = [];
    res.forEach(function (re) {
      re.lastIndex = 0;
      var m;
      while ((m = re.exec(folded)) !== null) {
        hits.push([m.index, m.index + m[0].length]);
        if (m[0].length === 0) {
          re.lastIndex++;
        }
      }
    });
    return hits.sort(function (a, b) {
      return a[0] - b[0];
    });
  }

  var engine = null;

  function build(index) {
    /* global MiniSearch */
    engine = new MiniSearch({
      fields: ["text"],
      idField: "id",
      processTerm: function (term) {
        var t = fold(term).folded;
        return t || null;
      },
      tokenize: function (text) {
        return text.split(new RegExp("[^\\p{L}\\p{N}\\p{M}]+", "u")).filter(Boolean);
      },
      searchOptions: { combineWith: "AND" }
    });
    engine.addAll(
      index.map(function (r, i) {
        return { id: i, text: r[2] };
      })
    );
  }

  function search(index, q) {
    var terms = q.words.concat.apply(q.words, q.phrases);
    var lastPrefix = q.phrases.length === 0 ? q.words[q.words.length - 1] : null;
    var found = engine.search(terms.join(" "), {
      combineWith: "AND",
      prefix: function (term, i, all) {
        return term === lastPrefix && i === all.length - 1;
      }
    });
    var res = patterns(q);
    var out = [];
    found.forEach(function (r) {
      var f = fold(index[r.id][2]);
      var hits = hitsIn(f.folded, res);
      /* every phrase must occur as a phrase */
      var ok = q.phrases.every(function (p, k) {
        res[k].lastIndex = 0;
        return res[k].test(f.folded);
      });
      if (ok && hits.length) {
        out.push({ i: r.id, score: r.score, hits: hits, fold: f });
      }
    });
    return out;
  }

  /* The original text between folded offsets a and b. */
  function original(f, text, a, b) {
    return text.slice(f.map[a], b >= f.map.length ? text.length : f.map[b]);
  }

  function snippet(text, hit) {
    var f = hit.fold;
    var first = hit.hits[0][0];
    var start = Math.max(0, first - 90);
    var end = Math.min(f.folded.length, first + 170);
    var frag = doc.createDocumentFragment();
    if (start > 0) {
      var sp = f.folded.indexOf(" ", start);
      start = sp >= 0 && sp < first ? sp + 1 : start;
      frag.appendChild(doc.createTextNode("… "));
    }
    var pos = start;
    hit.hits.forEach(function (h) {
      if (h[0] < pos || h[1] > end) {
        return;
      }
      frag.appendChild(doc.createTextNode(original(f, text, pos, h[0])));
      var mark = doc.createElement("mark");
      mark.textContent = original(f, text, h[0], h[1]);
      frag.appendChild(mark);
      pos = h[1];
    });
    frag.appendChild(doc.createTextNode(original(f, text, pos, end)));
    if (end < f.folded.length) {
      frag.appendChild(doc.createTextNode(" …"));
    }
    return frag;
  }

  function run(index, query, status, list) {
    while (list.firstChild) {
      list.removeChild(list.firstChild);
    }
    var q = parse(query);
    if (!q.words.length && !q.phrases.length) {
      status.textContent = "";
      return;
    }
    var hits = search(index, q);
    var shown = hits.slice(0, 200);
    if (!hits.length) {
      var asked = q.phrases.map(function (p) {
        return p.join(" ");
      }).concat(q.words).map(function (n) {
        return "“" + n + "”";
      });
      status.textContent = L("search.status.none", [asked.join(" " + L("search.and") + " ")]);
    } else if (hits.length > shown.length) {
      status.textContent = L("search.status.more", [shown.length], hits.length);
    } else {
      status.textContent = L("search.status", [], hits.length);
    }
    shown.forEach(function (h) {
      var rec = index[h.i];
      var li = doc.createElement("li");
      var a = doc.createElement("a");
      var first = original(h.fold, rec[2], h.hits[0][0], h.hits[0][1]);
      var parts = rec[0].split("#");
      a.href = parts[0] + "?find=" + encodeURIComponent(first) + (parts[1] ? "#" + parts[1] : "");
      a.textContent = rec[1];
      li.appendChild(a);
      var count = doc.createElement("span");
      count.className = "hits";
      count.textContent = " (" + L("search.matches", [], h.hits.length) + ")";
      li.appendChild(count);
      var p = doc.createElement("p");
      p.appendChild(snippet(rec[2], h));
      li.appendChild(p);
      list.appendChild(li);
    });
  }

  function init() {
    var index = window.teikitSearchIndex;
    var form = doc.getElementById("search-form");
    var input = doc.getElementById("search-q");
    var status = doc.getElementById("search-status");
    var list = doc.getElementById("search-results");
    if (!form || !input || !status || !list) {
      return;
    }
    if (!Array.isArray(index) || typeof MiniSearch !== "function") {
      status.textContent = L("search.missing");
      return;
    }
    build(index);
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var q = input.value;
      try {
        var params = new URLSearchParams(window.location.search);
        if (q) {
          params.set("q", q);
        } else {
          params.delete("q");
        }
        var s = params.toString();
        window.history.replaceState(null, "", window.location.pathname + (s ? "?" + s : ""));
      } catch (e) {
        /* file: pages may refuse history changes; the search still runs */
      }
      run(index, q, status, list);
    });
    var initial = new URLSearchParams(window.location.search).get("q");
    if (initial) {
      input.value = initial;
      run(index, initial, status, list);
    }
  }

  if (doc.readyState === "loading") {
    doc.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
