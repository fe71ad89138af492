/* teikit reading edition: full-text search over the index made at build time
   (search-index.js: window.teikitSearchIndex = [[href, label, text], ...]).
   Words must all occur; "quoted phrases" must occur as written. Case, accents and the
   kind of quotation mark or apostrophe are ignored. No network, no server. */
(function () {
  "use strict";

  var doc = document;

  /* Lower case, accents off, curly quotes and dashes made plain; one char in, one out,
     so that offsets found in the folded text are offsets in the original. */
  function fold(s) {
    var out = "";
    for (var i = 0; i < s.length; i++) {
      var c = s.charAt(i);
      var f = c.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
      if (/[\u2018\u2019\u02bc\u0060\u00b4]/.test(c)) {
        f = "'";
      } else if (/[\u201c\u201d\u201e\u00ab\u00bb]/.test(c)) {
        f = '"';
      } else if (/[\u2010-\u2015]/.test(c)) {
        f = "-";
      } else if (/\s/.test(c)) {
        f = " ";
      }
      out += f.length === 1 ? f : c.toLowerCase().charAt(0);
    }
    return out;
  }

  /* Query to needles: "a phrase" stays whole; other words stand alone. */
  function parse(query) {
    var needles = [];
    var re = /"([^"]*)"|(\S+)/g;
    var m;
    var q = fold(query);
    while ((m = re.exec(q)) !== null) {
      var n = (m[1] !== undefined ? m[1] : m[2]).replace(/\s+/g, " ").trim();
      n = n.replace(/^[^\w']+|[^\w']+$/g, function (x) {
        return m[1] !== undefined ? x : "";
      });
      if (n) {
        needles.push(n);
      }
    }
    return needles;
  }

  function escapeRe(s) {
    return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  var folded = null;

  function search(index, needles) {
    if (!folded) {
      folded = index.map(function (r) {
        return fold(r[2]);
      });
    }
    var res = needles.map(function (n) {
      return new RegExp("(^|[^\\w])" + escapeRe(n), "g");
    });
    var hits = [];
    for (var i = 0; i < index.length; i++) {
      var text = folded[i];
      var score = 0;
      var first = -1;
      var ok = true;
      for (var j = 0; j < res.length && ok; j++) {
        res[j].lastIndex = 0;
        var count = 0;
        var m;
        while ((m = res[j].exec(text)) !== null) {
          var at = m.index + m[1].length;
          if (first < 0 || at < first) {
            first = at;
          }
          count++;
          if (m[0].length === 0) {
            res[j].lastIndex++;
          }
        }
        if (count === 0) {
          ok = false;
        }
        score += count;
      }
      if (ok) {
        hits.push({ i: i, score: score, first: first });
      }
    }
    return hits;
  }

  /* A stretch of text around the first hit, needles marked. */
  function snippet(text, needles, first) {
    var start = Math.max(0, first - 90);
    var end = Math.min(text.length, first + 160);
    if (start > 0) {
      var sp = text.indexOf(" ", start);
      start = sp >= 0 && sp < first ? sp + 1 : start;
    }
    var part = text.slice(start, end);
    var fpart = fold(part);
    var marks = [];
    needles.forEach(function (n) {
      var re = new RegExp("(^|[^\\w])" + escapeRe(n), "g");
      var m;
      while ((m = re.exec(fpart)) !== null) {
        var at = m.index + m[1].length;
        marks.push([at, at + n.length]);
        if (m[0].length === 0) {
          re.lastIndex++;
        }
      }
    });
    marks.sort(function (a, b) {
      return a[0] - b[0];
    });
    var frag = doc.createDocumentFragment();
    if (start > 0) {
      frag.appendChild(doc.createTextNode("… "));
    }
    var pos = 0;
    marks.forEach(function (mk) {
      if (mk[0] < pos) {
        return;
      }
      frag.appendChild(doc.createTextNode(part.slice(pos, mk[0])));
      var mark = doc.createElement("mark");
      mark.textContent = part.slice(mk[0], mk[1]);
      frag.appendChild(mark);
      pos = mk[1];
    });
    frag.appendChild(doc.createTextNode(part.slice(pos)));
    if (end < text.length) {
      frag.appendChild(doc.createTextNode(" …"));
    }
    return frag;
  }

  function run(index, query, status, list) {
    while (list.firstChild) {
      list.removeChild(list.firstChild);
    }
    var needles = parse(query);
    if (!needles.length) {
      status.textContent = "";
      return;
    }
    var hits = search(index, needles);
    hits.sort(function (a, b) {
      return b.score - a.score || a.i - b.i;
    });
    var shown = hits.slice(0, 200);
    status.textContent =
      hits.length === 0
        ? "No passage or note contains " + needles.map(function (n) { return "“" + n + "”"; }).join(" and ") + "."
        : hits.length + (hits.length === 1 ? " result" : " results") +
          (hits.length > shown.length ? " (the first " + shown.length + " shown)" : "") + ".";
    shown.forEach(function (h) {
      var rec = index[h.i];
      var li = doc.createElement("li");
      var a = doc.createElement("a");
      a.href = rec[0];
      a.textContent = rec[1];
      li.appendChild(a);
      var count = doc.createElement("span");
      count.className = "hits";
      count.textContent = " (" + h.score + (h.score === 1 ? " match)" : " matches)");
      li.appendChild(count);
      var p = doc.createElement("p");
      p.appendChild(snippet(rec[2], needles, h.first));
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
    if (!Array.isArray(index)) {
      status.textContent = "The search index (search-index.js) is missing.";
      return;
    }
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
