/* teikit reading edition: highlighting and reading switches (state kept in the URL), note
   popovers, and a "cite this" panel for permalinks. Everything works without this file:
   note references are jump links, the reading chosen at build time shows, permalinks are
   plain links. No network, no inline handlers (the pages' Content-Security-Policy forbids
   them); the DOM is built with textContent and cloned nodes, never from strings. */
(function () {
  "use strict";

  var doc = document;
  var root = doc.documentElement;
  var KINDS = ["pers", "place", "org", "date", "corr"];
  var STORE = "teikit-state";

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
  }

  function setupTools(state) {
    var tools = doc.getElementById("tools");
    if (!tools) {
      return;
    }
    tools.hidden = false;
    var boxes = tools.querySelectorAll('input[name="hl"]');
    var radios = tools.querySelectorAll('input[name="reading"]');
    var reading = state.reading || defaultReading();
    var i;
    for (i = 0; i < boxes.length; i++) {
      boxes[i].checked = state.hl.indexOf(boxes[i].value) >= 0;
    }
    for (i = 0; i < radios.length; i++) {
      radios[i].checked = radios[i].value === reading;
    }
    tools.addEventListener("change", function () {
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

  /* ---- Note popovers ---- */

  var popover = null;
  var popoverRef = null;

  function closePopover(restoreFocus) {
    if (!popover) {
      return;
    }
    popover.remove();
    popover = null;
    if (popoverRef) {
      popoverRef.setAttribute("aria-expanded", "false");
      if (restoreFocus) {
        popoverRef.focus();
      }
    }
    popoverRef = null;
  }

  function stripIds(node) {
    if (node.removeAttribute) {
      node.removeAttribute("id");
    }
    var all = node.querySelectorAll ? node.querySelectorAll("[id]") : [];
    for (var i = 0; i < all.length; i++) {
      all[i].removeAttribute("id");
    }
  }

  /* A dialog of class `cls`, labelled by its first paragraph (class and id `cls`-title). */
  function makeDialog(cls, heading) {
    var box = doc.createElement("div");
    box.className = cls;
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-labelledby", cls + "-title");
    box.tabIndex = -1;
    var title = doc.createElement("p");
    title.className = cls + "-title";
    title.id = cls + "-title";
    title.textContent = heading;
    box.appendChild(title);
    return box;
  }

  function openPopover(ref) {
    var id = ref.getAttribute("href").slice(1);
    var note = doc.getElementById(id);
    if (!note) {
      return false;
    }
    closePopover(false);
    var box = makeDialog("note-popover", ref.getAttribute("data-popover-title") || "Note " + ref.textContent);
    box.id = "note-popover";

    var body = doc.createElement("div");
    body.className = "note-popover-body";
    for (var i = 0; i < note.childNodes.length; i++) {
      var copy = note.childNodes[i].cloneNode(true);
      stripIds(copy);
      if (copy.querySelectorAll) {
        var drop = copy.querySelectorAll(".backlink, .permalink");
        for (var j = 0; j < drop.length; j++) {
          drop[j].remove();
        }
      }
      body.appendChild(copy);
    }
    box.appendChild(body);

    var actions = doc.createElement("p");
    actions.className = "note-popover-actions";
    var go = doc.createElement("a");
    go.href = "#" + id;
    go.textContent = "Go to the note";
    go.addEventListener("click", function () {
      closePopover(false);
    });
    actions.appendChild(go);
    var close = doc.createElement("button");
    close.type = "button";
    close.className = "note-popover-close";
    close.textContent = "Close";
    close.addEventListener("click", function () {
      closePopover(true);
    });
    actions.appendChild(close);
    box.appendChild(actions);

    /* Placed under the reference, inside the viewport (CSSOM, which the CSP allows). */
    doc.body.appendChild(box);
    var r = ref.getBoundingClientRect();
    var width = box.offsetWidth;
    var left = Math.max(8, Math.min(r.left + window.scrollX - 16, window.scrollX + doc.documentElement.clientWidth - width - 8));
    box.style.left = Math.round(left) + "px";
    box.style.top = Math.round(r.bottom + window.scrollY + 6) + "px";
    popover = box;
    popoverRef = ref;
    ref.setAttribute("aria-expanded", "true");
    box.focus({ preventScroll: true });
    return true;
  }

  function setupNotes() {
    var refs = doc.querySelectorAll('a[role="doc-noteref"]');
    for (var i = 0; i < refs.length; i++) {
      refs[i].setAttribute("aria-haspopup", "dialog");
      refs[i].setAttribute("aria-expanded", "false");
      refs[i].addEventListener("click", function (ev) {
        if (ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) {
          return;
        }
        if (popoverRef === this) {
          ev.preventDefault();
          closePopover(true);
          return;
        }
        if (openPopover(this)) {
          ev.preventDefault();
        }
      });
    }
    doc.addEventListener("keydown", function (ev) {
      if (ev.key === "Escape") {
        if (popover) {
          closePopover(true);
        }
        if (citePanel) {
          closeCite(true);
        }
      }
    });
    doc.addEventListener("click", function (ev) {
      if (popover && !popover.contains(ev.target) && ev.target.closest && !ev.target.closest('a[role="doc-noteref"]')) {
        closePopover(false);
      }
    });
  }

  /* ---- "Cite this": a panel offered when a permalink is followed ---- */

  var citePanel = null;
  var citeFrom = null;

  function pageAddress(hash) {
    var loc = window.location;
    return loc.protocol + "//" + loc.host + loc.pathname + (hash || "");
  }

  function closeCite(restoreFocus) {
    if (!citePanel) {
      return;
    }
    citePanel.remove();
    citePanel = null;
    if (restoreFocus && citeFrom) {
      citeFrom.focus();
    }
    citeFrom = null;
  }

  function openCite(link) {
    closeCite(false);
    var base = doc.body.getAttribute("data-cite") || doc.title;
    var where = (link.getAttribute("aria-label") || "").replace(/^Permalink:\s*/, "");
    var url = pageAddress(link.getAttribute("href"));
    var text = base + (where ? ", " + where : "") + ", " + url;

    var panel = makeDialog("cite-panel", "Cite this passage");
    var out = doc.createElement("p");
    out.className = "cite-panel-text";
    out.textContent = text;
    panel.appendChild(out);
    var actions = doc.createElement("p");
    actions.className = "cite-panel-actions";
    var copy = doc.createElement("button");
    copy.type = "button";
    copy.textContent = "Copy citation";
    var status = doc.createElement("span");
    status.setAttribute("role", "status");
    status.className = "cite-panel-status";
    copy.addEventListener("click", function () {
      var done = function () {
        status.textContent = "Copied.";
      };
      var fail = function () {
        var range = doc.createRange();
        range.selectNodeContents(out);
        var sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
        status.textContent = "Selected: press Ctrl+C (or ⌘C) to copy.";
      };
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(text).then(done, fail);
      } else {
        fail();
      }
    });
    actions.appendChild(copy);
    var close = doc.createElement("button");
    close.type = "button";
    close.textContent = "Close";
    close.addEventListener("click", function () {
      closeCite(true);
    });
    actions.appendChild(close);
    actions.appendChild(status);
    panel.appendChild(actions);
    doc.body.appendChild(panel);
    citePanel = panel;
    citeFrom = link;
    panel.focus({ preventScroll: true });
  }

  function setupCite() {
    doc.addEventListener("click", function (ev) {
      var link = ev.target.closest ? ev.target.closest("a.permalink") : null;
      if (!link || ev.ctrlKey || ev.metaKey || ev.shiftKey || ev.altKey) {
        return;
      }
      window.setTimeout(function () {
        openCite(link);
      }, 0);
    });
    /* The about page's citation gets this page's address. */
    var url = doc.querySelector(".cite-url");
    if (url && /^https?:$/.test(window.location.protocol)) {
      var index = pageAddress("").replace(/[^/]*$/, "");
      url.textContent = ", " + index;
    }
  }

  function init() {
    root.classList.add("js");
    var state = readState();
    applyState(state);
    setupTools(state);
    carryState(state);
    setupNotes();
    setupCite();
  }

  if (doc.readyState === "loading") {
    doc.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
