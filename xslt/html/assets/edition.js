/* teikit reading edition: reading settings (highlighting and reading kept in the URL; colours
   and text size kept in this browser), annotation popovers and margin notes, name cards,
   arrival on a mention or a search hit, and a "cite this" panel for permalinks.

   Everything works without this file: note references are jump links, the reading chosen at
   build time shows, permalinks are plain links, the colours follow the system. No network, no
   inline handlers (the pages' Content-Security-Policy forbids them); the DOM is built with
   textContent and cloned nodes, never from strings. Every word shown comes from the page's
   label catalogue (body data-labels, made at build time from xslt/common/labels.xml).

   Annotations (notes here; other kinds such as apparatus entries register themselves) share
   one design: on wide screens the annotation stands in the margin beside its marker; the
   marker opens it as a dialog placed where it fits (a bottom sheet on phones), which keeps
   the keyboard focus until it is closed. To add a kind:

     window.teikit.annotations.register("a.app-ref", function (marker) {
       return { title: "…", nodes: [cloned nodes], href: "#app-3" };   // or null
     });

   (see docs/annotations.md). */
(function () {
  "use strict";

  var doc = document;
  var root = doc.documentElement;
  var KINDS = ["pers", "place", "org", "date", "corr"];
  var STORE = "teikit-state";
  var PREFS = "teikit-prefs";
  var SIZES = [0.875, 1, 1.125, 1.25, 1.5];
  var WIDE = "(min-width: 84rem)";
  var PHONE = "(max-width: 40rem)";

  var labels = {};
  try {
    labels = JSON.parse(doc.body.getAttribute("data-labels") || "{}");
  } catch (e) {
    labels = {};
  }

  /* A label, {1} {2} ... filled in; "key.one"/"key.other" by count where a count is given. */
  function L(key, args, count) {
    var k = key;
    if (count !== undefined) {
      k = key + (count === 1 && labels[key + ".one"] ? ".one" : ".other");
    }
    var s = labels[k] || labels[key] || k;
    (args || []).forEach(function (a, i) {
      s = s.split("{" + (i + 1) + "}").join(String(a));
    });
    return count !== undefined ? s.split("{n}").join(String(count)) : s;
  }

  /* ---- State: ?hl=pers,place&reading=source, else what this tab last chose ---- */

  function readState() {
    var params = new URLSearchParams(window.location.search);
    var state = { hl: [], reading: null };
    var stored = null;
    try {
      stored = JSON.parse(window.sessionStorage.getItem(STORE) || "null");
    } catch (e) {
      stored = null;
    }
    if (params.has("hl") || params.has("reading")) {
      state.hl = (params.get("hl") || "").split(",").filter(function (k) {
        return KINDS.indexOf(k) >= 0;
      });
      state.reading = params.get("reading");
    } else if (stored) {
      state.hl = (stored.hl || []).filter(function (k) {
        return KINDS.indexOf(k) >= 0;
      });
      state.reading = stored.reading || null;
    }
    if (state.reading !== "source" && state.reading !== "edited") {
      state.reading = null;
    }
    return state;
  }

  /* Parameters other scripts keep in the URL (genres.js: ?wit=) are left as they are. */
  function stateQuery(state) {
    var params = new URLSearchParams(window.location.search);
    params.delete("hl");
    params.delete("reading");
    if (state.hl.length) {
      params.set("hl", state.hl.join(","));
    }
    if (state.reading) {
      params.set("reading", state.reading);
    }
    var q = params.toString();
    return q ? "?" + q : "";
  }

  function saveState(state) {
    try {
      window.sessionStorage.setItem(STORE, JSON.stringify(state));
    } catch (e) {
      /* storage may be off: the URL still carries the state */
    }
    var url = window.location.pathname + stateQuery(state) + window.location.hash;
    try {
      window.history.replaceState(window.history.state, "", url);
    } catch (e) {
      /* some browsers refuse history changes on file: pages */
    }
  }

  function defaultReading() {
    var checked = doc.querySelector('input[name="reading"][checked]');
    return checked ? checked.value : "edited";
  }

  /* Names are links to their entries; they are in the Tab order only while their kind is
     highlighted, so that the keyboard reaches notes and paragraphs without passing every name. */
  function nameFocus(state) {
    var names = doc.querySelectorAll("main a.name");
    for (var i = 0; i < names.length; i++) {
      var kind = names[i].classList.contains("pers") ? "pers" : names[i].classList.contains("place") ? "place" : "org";
      if (state.hl.indexOf(kind) >= 0) {
        names[i].removeAttribute("tabindex");
      } else {
        names[i].setAttribute("tabindex", "-1");
      }
    }
  }

  function applyState(state) {
    KINDS.forEach(function (k) {
      root.classList.toggle("hl-" + k, state.hl.indexOf(k) >= 0);
    });
    var reading = state.reading || defaultReading();
    var spans = doc.querySelectorAll("[data-reading]");
    for (var i = 0; i < spans.length; i++) {
      spans[i].hidden = spans[i].getAttribute("data-reading") !== reading;
    }
    root.classList.toggle("reading-source", reading === "source");
    nameFocus(state);
  }

  /* ---- Preferences of this browser: colours and text size ---- */

  function readPrefs() {
    var prefs = null;
    try {
      prefs = JSON.parse(window.localStorage.getItem(PREFS) || "null");
    } catch (e) {
      prefs = null;
    }
    prefs = prefs || {};
    if (["auto", "light", "dark"].indexOf(prefs.theme) < 0) {
      prefs.theme = "auto";
    }
    if (typeof prefs.size !== "number" || prefs.size < 0 || prefs.size >= SIZES.length) {
      prefs.size = 1;
    }
    return prefs;
  }

  function applyPrefs(prefs) {
    root.classList.toggle("theme-dark", prefs.theme === "dark");
    root.classList.toggle("theme-light", prefs.theme === "light");
    for (var i = 0; i < SIZES.length; i++) {
      root.classList.toggle("size-" + i, i === prefs.size && i !== 1);
    }
  }

  function savePrefs(prefs) {
    try {
      window.localStorage.setItem(PREFS, JSON.stringify(prefs));
    } catch (e) {
      /* storage may be off: the choice lasts for this page */
    }
  }

  function setupTools(state, prefs) {
    var tools = doc.getElementById("tools");
    if (!tools) {
      return;
    }
    tools.hidden = false;
    var boxes = tools.querySelectorAll('input[name="hl"]');
    var radios = tools.querySelectorAll('input[name="reading"]');
    var themes = tools.querySelectorAll('input[name="theme"]');
    var reading = state.reading || defaultReading();
    var i;
    for (i = 0; i < boxes.length; i++) {
      boxes[i].checked = state.hl.indexOf(boxes[i].value) >= 0;
    }
    for (i = 0; i < radios.length; i++) {
      radios[i].checked = radios[i].value === reading;
    }
    for (i = 0; i < themes.length; i++) {
      themes[i].checked = themes[i].value === prefs.theme;
    }
    tools.addEventListener("change", function (ev) {
      if (ev.target.name === "theme") {
        prefs.theme = ev.target.value;
        applyPrefs(prefs);
        savePrefs(prefs);
        return;
      }
      var next = { hl: [], reading: null };
      for (var j = 0; j < boxes.length; j++) {
        if (boxes[j].checked) {
          next.hl.push(boxes[j].value);
        }
      }
      for (j = 0; j < radios.length; j++) {
        if (radios[j].checked && radios[j].value !== defaultReading()) {
          next.reading = radios[j].value;
        }
      }
      state.hl = next.hl;
      state.reading = next.reading;
      applyState(state);
      saveState(state);
    });
    tools.addEventListener("click", function (ev) {
      var b = ev.target.closest ? ev.target.closest("button") : null;
      if (!b) {
        return;
      }
      var step = b.classList.contains("size-up") ? 1 : b.classList.contains("size-down") ? -1 : 0;
      prefs.size = Math.max(0, Math.min(SIZES.length - 1, prefs.size + step));
      applyPrefs(prefs);
      savePrefs(prefs);
      layoutMargin();
    });
    /* An open menu closes when the other opens, on Escape, and on a click elsewhere. */
    var menus = doc.querySelectorAll("details.menu");
    doc.addEventListener("click", function (ev) {
      for (var k = 0; k < menus.length; k++) {
        if (menus[k].open && !menus[k].contains(ev.target)) {
          menus[k].open = false;
        }
      }
    });
    doc.addEventListener("keydown", function (ev) {
      if (ev.key !== "Escape") {
        return;
      }
      for (var k = 0; k < menus.length; k++) {
        if (menus[k].open) {
          menus[k].open = false;
          menus[k].querySelector("summary").focus();
        }
      }
    });
  }

  /* Links to the edition's other pages carry the state along. */
  function carryState(state) {
    doc.addEventListener("click", function (ev) {
      var a = ev.target.closest ? ev.target.closest("a[href]") : null;
      if (!a) {
        return;
      }
      var href = a.getAttribute("href");
      var m = /^([A-Za-z0-9_.-]+\.html)(#.*)?$/.exec(href || "");
      var q = stateQuery(state);
      if (m && q) {
        a.setAttribute("href", m[1] + q + (m[2] || ""));
        window.setTimeout(function () {
          a.setAttribute("href", href);
        }, 0);
      }
    });
  }

  /* ---- Dialogs: placed where they fit, holding the focus until closed ---- */

  var FOCUSABLE = 'a[href]:not([tabindex="-1"]), button:not([disabled]), input:not([disabled]), select, textarea, [tabindex="0"]';
  var dialog = null;

  function stripIds(node) {
    if (node.removeAttribute) {
      node.removeAttribute("id");
    }
    var all = node.querySelectorAll ? node.querySelectorAll("[id]") : [];
    for (var i = 0; i < all.length; i++) {
      all[i].removeAttribute("id");
    }
  }

  /* Copies of an element's children without ids, back-links or permalinks. */
  function copyContent(el) {
    var out = [];
    for (var i = 0; i < el.childNodes.length; i++) {
      var copy = el.childNodes[i].cloneNode(true);
      /* (the way back to the text is the marker itself) */
      if (copy.matches && copy.matches(".backlink, .permalink")) {
        continue;
      }
      stripIds(copy);
      if (copy.querySelectorAll) {
        var drop = copy.querySelectorAll(".backlink, .permalink");
        for (var j = 0; j < drop.length; j++) {
          drop[j].remove();
        }
      }
      out.push(copy);
    }
    return out;
  }

  function closeDialog(restoreFocus) {
    if (!dialog) {
      return;
    }
    var d = dialog;
    dialog = null;
    d.box.remove();
    if (d.from) {
      d.from.setAttribute("aria-expanded", "false");
      if (restoreFocus) {
        d.from.focus({ preventScroll: true });
      }
    }
  }

  /* A box beside `from`: below it when it fits, else above, else where there is more room,
     its height capped to that room; on phones a sheet at the bottom of the screen. */
  function place(box, from) {
    var vw = root.clientWidth;
    var vh = window.innerHeight;
    if (window.matchMedia(PHONE).matches) {
      box.classList.add("sheet");
      return;
    }
    var r = from.getBoundingClientRect();
    var gap = 8;
    box.style.maxHeight = "";
    var h = box.offsetHeight;
    var below = vh - r.bottom - gap * 2;
    var above = r.top - gap * 2;
    var top;
    if (h <= below) {
      top = r.bottom + gap;
    } else if (h <= above) {
      top = r.top - gap - h;
    } else if (below >= above) {
      box.style.maxHeight = Math.max(120, below) + "px";
      top = r.bottom + gap;
    } else {
      box.style.maxHeight = Math.max(120, above) + "px";
      top = r.top - gap - Math.min(h, Math.max(120, above));
    }
    var w = box.offsetWidth;
    var left = root.dir === "rtl" ? r.right - w + 16 : r.left - 16;
    left = Math.max(gap, Math.min(left, vw - w - gap));
    box.style.left = Math.round(left) + "px";
    box.style.top = Math.round(Math.max(gap, top)) + "px";
  }

  /* Opens a dialog of class `cls` titled `title` holding `nodes`, from the element `from`. */
  function openDialog(cls, title, nodes, from, actions) {
    closeDialog(false);
    var box = doc.createElement("div");
    box.className = "dialog " + cls;
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-modal", "true");
    box.setAttribute("aria-labelledby", "dialog-title");
    box.tabIndex = -1;
    var head = doc.createElement("p");
    head.className = "dialog-title";
    head.id = "dialog-title";
    head.textContent = title;
    box.appendChild(head);
    var body = doc.createElement("div");
    body.className = "dialog-body";
    nodes.forEach(function (n) {
      body.appendChild(n);
    });
    box.appendChild(body);
    var bar = doc.createElement("p");
    bar.className = "dialog-actions";
    (actions || []).forEach(function (a) {
      bar.appendChild(a);
    });
    var close = doc.createElement("button");
    close.type = "button";
    close.className = "dialog-close";
    close.textContent = L("close");
    close.addEventListener("click", function () {
      closeDialog(true);
    });
    bar.appendChild(close);
    box.appendChild(bar);
    doc.body.appendChild(box);
    place(box, from);
    dialog = { box: box, from: from };
    if (from) {
      from.setAttribute("aria-expanded", "true");
    }
    /* A link followed from the dialog closes it (in-page links scroll to their target). */
    body.addEventListener("click", function (ev) {
      var a = ev.target.closest ? ev.target.closest("a[href]") : null;
      if (a && !ev.defaultPrevented) {
        closeDialog(false);
      }
    });
    box.focus({ preventScroll: true });
    return box;
  }

  function trapFocus(ev) {
    if (!dialog || ev.key !== "Tab") {
      return;
    }
    var items = Array.prototype.filter.call(dialog.box.querySelectorAll(FOCUSABLE), function (el) {
      return el.offsetParent !== null || el === doc.activeElement;
    });
    if (!items.length) {
      ev.preventDefault();
      return;
    }
    var first = items[0];
    var last = items[items.length - 1];
    var inside = dialog.box.contains(doc.activeElement);
    if (ev.shiftKey && (doc.activeElement === first || doc.activeElement === dialog.box || !inside)) {
      ev.preventDefault();
      last.focus();
    } else if (!ev.shiftKey && (doc.activeElement === last || !inside)) {
      ev.preventDefault();
      first.focus();
    }
  }

  function setupDialogs() {
    doc.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape" && dialog) {
        closeDialog(true);
      }
      trapFocus(ev);
    });
    doc.addEventListener("focusin", function (ev) {
      if (dialog && !dialog.box.contains(ev.target)) {
        dialog.box.focus({ preventScroll: true });
      }
    });
    doc.addEventListener("click", function (ev) {
      if (dialog && !dialog.box.contains(ev.target) && ev.target !== dialog.from && !(dialog.from && dialog.from.contains(ev.target))) {
        closeDialog(false);
      }
    });
    window.addEventListener("resize", function () {
      if (dialog && dialog.from && !dialog.box.classList.contains("sheet")) {
        place(dialog.box, dialog.from);
      }
    });
  }

  /* ---- Annotations: popovers and margin notes ---- */

  var kinds = [];

  function register(selector, resolve) {
    kinds.push({ selector: selector, resolve: resolve });
    var markers = doc.querySelectorAll(selector);
    for (var i = 0; i < markers.length; i++) {
      markers[i].setAttribute("aria-haspopup", "dialog");
      markers[i].setAttribute("aria-expanded", "false");
    }
    layoutMargin();
  }

  function kindOf(el) {
    for (var i = 0; i < kinds.length; i++) {
      var m = el.closest ? el.closest(kinds[i].selector) : null;
      if (m) {
        return { kind: kinds[i], marker: m };
      }
    }
    return null;
  }

  function openAnnotation(found) {
    var a = found.kind.resolve(found.marker);
    if (!a) {
      return false;
    }
    var actions = [];
    if (a.href) {
      var go = doc.createElement("a");
      go.href = a.href;
      go.textContent = a.goLabel || L("note.go");
      go.addEventListener("click", function () {
        closeDialog(false);
      });
      actions.push(go);
    }
    openDialog("annotation note-popover", a.title, a.nodes, found.marker, actions);
    return true;
  }

  function setupAnnotations() {
    doc.addEventListener("click", function (ev) {
      if (ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) {
        return;
      }
      var found = kindOf(ev.target);
      if (!found || (dialog && dialog.box.contains(found.marker))) {
        return;
      }
      if (dialog && dialog.from === found.marker) {
        ev.preventDefault();
        closeDialog(true);
        return;
      }
      if (openAnnotation(found)) {
        ev.preventDefault();
      }
    });
    register('main a[role="doc-noteref"]', function (marker) {
      var id = marker.getAttribute("href").slice(1);
      var note = doc.getElementById(id);
      if (!note) {
        return null;
      }
      /* (an apparatus marker names its own title: data-popover-title) */
      var title = marker.getAttribute("data-popover-title") || L("note.label", [marker.textContent]);
      return { title: title, nodes: copyContent(note), href: "#" + id };
    });
    window.addEventListener("resize", layoutMargin);
    if (window.ResizeObserver) {
      var main = doc.querySelector("main");
      if (main) {
        new ResizeObserver(function () {
          layoutMargin();
        }).observe(main);
      }
    }
  }

  /* Margin notes, on screens wide enough: each annotation of the text beside its marker, the
     next one below it when they would overlap. They repeat what the markers open, so they
     are hidden from assistive technology and out of the Tab order. */
  var margin = null;
  var marginPending = false;

  function layoutMargin() {
    if (marginPending) {
      return;
    }
    marginPending = true;
    window.requestAnimationFrame(function () {
      marginPending = false;
      buildMargin();
    });
  }

  function buildMargin() {
    var article = doc.querySelector("main article.text");
    if (margin) {
      margin.remove();
      margin = null;
    }
    if (!article || !window.matchMedia(WIDE).matches) {
      root.classList.remove("with-margin-notes");
      return;
    }
    root.classList.add("with-margin-notes");
    margin = doc.createElement("div");
    margin.className = "margin-notes";
    margin.setAttribute("aria-hidden", "true");
    article.appendChild(margin);
    var base = article.getBoundingClientRect().top;
    var bottom = 0;
    kinds.forEach(function (k) {
      var markers = article.querySelectorAll(k.selector);
      for (var i = 0; i < markers.length; i++) {
        var m = markers[i];
        if (m.closest(".endnotes, .notes, .margin-notes") || m.offsetParent === null) {
          continue;
        }
        var a = k.resolve(m);
        if (!a) {
          continue;
        }
        var box = doc.createElement("aside");
        box.className = "margin-note";
        var label = doc.createElement("span");
        label.className = "margin-note-label";
        label.textContent = m.textContent;
        box.appendChild(label);
        a.nodes.forEach(function (n) {
          box.appendChild(n);
        });
        var links = box.querySelectorAll("a, button, input");
        for (var j = 0; j < links.length; j++) {
          links[j].setAttribute("tabindex", "-1");
        }
        margin.appendChild(box);
        var top = Math.max(m.getBoundingClientRect().top - base - 4, bottom + 8);
        box.style.top = Math.round(top) + "px";
        bottom = top + box.offsetHeight;
        bindPair(m, box);
      }
    });
  }

  function bindPair(marker, box) {
    var on = function () {
      box.classList.add("is-active");
    };
    var off = function () {
      box.classList.remove("is-active");
    };
    marker.addEventListener("mouseenter", on);
    marker.addEventListener("mouseleave", off);
    marker.addEventListener("focus", on);
    marker.addEventListener("blur", off);
  }

  /* ---- Name cards: an entry's summary when a name has the pointer or the focus ---- */

  var card = null;
  var cardTimer = 0;

  function hideCard() {
    window.clearTimeout(cardTimer);
    if (card) {
      if (card.from) {
        card.from.removeAttribute("aria-describedby");
      }
      card.box.remove();
      card = null;
    }
  }

  function showCard(a) {
    var entries = window.teikitEntries;
    var e = entries && entries[a.getAttribute("data-entry")];
    if (!e || (card && card.from === a)) {
      return;
    }
    hideCard();
    var box = doc.createElement("div");
    box.className = "name-card";
    box.id = "name-card";
    box.setAttribute("role", "tooltip");
    var name = doc.createElement("p");
    name.className = "name-card-name";
    name.textContent = e.n;
    box.appendChild(name);
    ["d", "t"].forEach(function (k) {
      if (e[k]) {
        var p = doc.createElement("p");
        p.className = "name-card-" + k;
        p.textContent = e[k];
        box.appendChild(p);
      }
    });
    if (e.i && e.i.length) {
      var ids = doc.createElement("p");
      ids.className = "name-card-ids";
      ids.textContent = e.i.join(" · ");
      box.appendChild(ids);
    }
    var count = doc.createElement("p");
    count.className = "name-card-count";
    count.textContent = L("mentions.card", [e.m]);
    box.appendChild(count);
    doc.body.appendChild(box);
    place(box, a);
    box.classList.remove("sheet");
    a.setAttribute("aria-describedby", "name-card");
    card = { box: box, from: a };
  }

  function setupCards() {
    var pick = function (ev) {
      return ev.target.closest ? ev.target.closest("main a[data-entry]") : null;
    };
    doc.addEventListener("mouseover", function (ev) {
      var a = pick(ev);
      if (a) {
        window.clearTimeout(cardTimer);
        cardTimer = window.setTimeout(function () {
          showCard(a);
        }, 250);
      }
    });
    doc.addEventListener("mouseout", function (ev) {
      if (pick(ev)) {
        window.clearTimeout(cardTimer);
        cardTimer = window.setTimeout(hideCard, 200);
      }
    });
    doc.addEventListener("focusin", function (ev) {
      var a = pick(ev);
      if (a) {
        showCard(a);
      } else {
        hideCard();
      }
    });
    doc.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") {
        hideCard();
      }
    });
    window.addEventListener("scroll", hideCard, { passive: true });
  }

  /* ---- Arrival: the mention or passage an address names, highlighted; search words marked ---- */

  /* Letters that do not decompose into a base letter and a mark. */
  var FOLD = { "ł": "l", "đ": "d", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i", "ħ": "h", "þ": "th", "ð": "d", "ς": "σ", "ŀ": "l" };

  /* Text folded for matching (lower case, marks off, FOLD applied, any space a space), with
     map[i] the offset in the text of folded character i. */
  function fold(text) {
    var out = "";
    var map = [];
    for (var i = 0; i < text.length; i++) {
      var c = text.charAt(i);
      var code = c.charCodeAt(0);
      if (code >= 0xd800 && code < 0xdc00 && i + 1 < text.length) {
        c = text.slice(i, i + 2);
      }
      var f = c.toLowerCase();
      f = FOLD[f] || f.normalize("NFKD").replace(/\p{M}/gu, "");
      if (/\s/.test(f)) {
        f = " ";
      }
      for (var j = 0; j < f.length; j++) {
        out += f.charAt(j);
        map.push(i);
      }
      i += c.length - 1;
    }
    return { folded: out, map: map };
  }

  /* Marks the first run of `words` (folded, whole words) within `el`; returns the mark. */
  function markWords(el, words) {
    var needle = fold(words).folded.replace(/\s+/g, " ").trim();
    if (!needle) {
      return null;
    }
    var walker = doc.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    var nodes = [];
    var text = "";
    var n;
    while ((n = walker.nextNode())) {
      if (n.parentNode.closest(".permalink, [hidden], .noteref")) {
        continue;
      }
      nodes.push({ node: n, start: text.length });
      text += n.nodeValue;
    }
    var f = fold(text);
    var re = new RegExp("(?<![\\p{L}\\p{N}])" + needle.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/ /g, "[^\\p{L}\\p{N}]+"), "u");
    var m = re.exec(f.folded);
    if (!m) {
      return null;
    }
    var from = f.map[m.index];
    var to = m.index + m[0].length >= f.map.length ? text.length : f.map[m.index + m[0].length];
    /* each text node's part of the hit in a mark of its own (elements are not split) */
    var marks = [];
    nodes.forEach(function (x) {
      var end = x.start + x.node.nodeValue.length;
      var a = Math.max(from, x.start);
      var b = Math.min(to, end);
      if (a >= b) {
        return;
      }
      var part = x.node.splitText(a - x.start);
      part.splitText(b - a);
      var mark = doc.createElement("mark");
      mark.className = marks.length ? "find-hit-more" : "find-hit";
      part.parentNode.insertBefore(mark, part);
      mark.appendChild(part);
      marks.push(mark);
    });
    return marks[0] || null;
  }

  function arrive() {
    var old = doc.querySelectorAll(".arrived");
    for (var i = 0; i < old.length; i++) {
      old[i].classList.remove("arrived");
    }
    var id = decodeURIComponent(window.location.hash.slice(1));
    var target = id ? doc.getElementById(id) : null;
    if (!target) {
      return;
    }
    var find = new URLSearchParams(window.location.search).get("find");
    var hit = find ? markWords(target, find) : null;
    var el = hit || target;
    el.classList.add("arrived");
    if (hit) {
      hit.tabIndex = -1;
      hit.setAttribute("aria-label", L("search.find", [hit.textContent]));
    }
    var inline = window.getComputedStyle(el).display.indexOf("inline") === 0;
    window.requestAnimationFrame(function () {
      el.scrollIntoView({ block: inline ? "center" : "start" });
      if (hit) {
        hit.focus({ preventScroll: true });
      }
    });
    /* (the browser may set the focus of a newly loaded page after the first frame: the hit
       takes it again once the page has loaded, unless the reader has moved on) */
    if (hit && doc.readyState !== "complete") {
      window.addEventListener("load", function () {
        if (doc.activeElement === doc.body || doc.activeElement === null) {
          hit.focus({ preventScroll: true });
        }
      }, { once: true });
    }
  }

  /* ---- "Cite this": a panel offered when a passage's permalink is followed ---- */

  var STYLES = [
    ["chicago", "Chicago"],
    ["mla", "MLA"],
    ["apa", "APA"],
    ["bibtex", "BibTeX"],
    ["ris", "RIS"],
    ["csl", "CSL-JSON"]
  ];

  /* The edition's citation template of a style, filled in (xslt/html/citation.xsl). */
  function fillCitation(style, values) {
    var t = doc.body.getAttribute("data-cite-" + style) || "";
    var esc = function (v, key) {
      if (style === "csl") {
        return JSON.stringify(v).slice(1, -1);
      }
      if (style === "bibtex") {
        return v.replace(key === "url" ? /([{}\\])/g : /([{}\\&%$#_])/g, "\\$1");
      }
      return v;
    };
    var put = function (s) {
      return s.replace(/\{(passage|url|accessed-iso|accessed|reading)\}/g, function (_, k) {
        return esc(values[k] || "", k);
      });
    };
    var out = t.replace(/\[\[([\s\S]*?)\]\]/g, function (_, part) {
      var keys = part.match(/\{(passage|url|accessed-iso|accessed|reading)\}/g) || [];
      var ok = keys.every(function (k) {
        return values[k.slice(1, -1)];
      });
      return ok ? put(part) : "";
    });
    out = put(out).replace(/\n\s*\n/g, "\n");
    return out.indexOf("\n") >= 0 ? out : out.replace(/\s+/g, " ").trim();
  }

  function addressOf(link, state) {
    var frag = link.getAttribute("href");
    var page = doc.body.getAttribute("data-page") || "index.html";
    var q = state.reading === "source" ? "?reading=source" : "";
    var base = doc.body.getAttribute("data-base-url");
    if (base) {
      return base + page + q + frag;
    }
    var loc = window.location;
    if (/^https?:$/.test(loc.protocol)) {
      return loc.protocol + "//" + loc.host + loc.pathname + q + frag;
    }
    return "";
  }

  var citeStyle = "chicago";

  function openCite(link, state) {
    var now = new Date();
    var values = {
      passage: link.getAttribute("data-passage") || "",
      url: addressOf(link, state),
      accessed: now.toLocaleDateString(root.lang || "en", { year: "numeric", month: "long", day: "numeric" }),
      "accessed-iso": now.toISOString().slice(0, 10),
      reading: state.reading === "source" ? L("cite.term.source-reading") : ""
    };
    var group = doc.createElement("div");
    group.className = "cite-styles";
    group.setAttribute("role", "radiogroup");
    group.setAttribute("aria-label", L("cite.style"));
    var out = doc.createElement("pre");
    out.className = "cite-panel-text";
    var show = function () {
      out.textContent = fillCitation(citeStyle, values);
    };
    STYLES.forEach(function (s) {
      var label = doc.createElement("label");
      var input = doc.createElement("input");
      input.type = "radio";
      input.name = "cite-style";
      input.value = s[0];
      input.checked = s[0] === citeStyle;
      input.addEventListener("change", function () {
        citeStyle = s[0];
        show();
      });
      label.appendChild(input);
      label.appendChild(doc.createTextNode(" " + s[1]));
      group.appendChild(label);
    });
    show();
    var copy = doc.createElement("button");
    copy.type = "button";
    copy.textContent = L("cite.copy");
    var status = doc.createElement("span");
    status.setAttribute("role", "status");
    status.className = "cite-panel-status";
    copy.addEventListener("click", function () {
      var done = function () {
        status.textContent = L("cite.copied");
      };
      var fail = function () {
        var range = doc.createRange();
        range.selectNodeContents(out);
        var sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
        status.textContent = L("cite.select");
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(out.textContent).then(done, fail);
      } else {
        fail();
      }
    });
    var box = openDialog("cite-panel", L("cite.passage") + (values.passage ? ": " + values.passage : ""), [group, out], link, [copy, status]);
    return box;
  }

  function setupCite(state) {
    doc.addEventListener("click", function (ev) {
      var link = ev.target.closest ? ev.target.closest("a.permalink[data-passage]") : null;
      if (!link || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey || (dialog && dialog.box.contains(link))) {
        return;
      }
      window.setTimeout(function () {
        openCite(link, state);
      }, 0);
    });
  }

  function init() {
    root.classList.add("js");
    var state = readState();
    var prefs = readPrefs();
    applyPrefs(prefs);
    applyState(state);
    setupTools(state, prefs);
    carryState(state);
    setupDialogs();
    setupAnnotations();
    setupCards();
    setupCite(state);
    arrive();
    window.addEventListener("hashchange", arrive);
  }

  window.teikit = {
    label: L,
    fold: fold,
    annotations: { register: register, copyContent: copyContent },
    openDialog: openDialog,
    closeDialog: closeDialog
  };

  if (doc.readyState === "loading") {
    doc.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
