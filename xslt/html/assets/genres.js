/* teikit reading edition, edition genres (loaded only by documents that need it): the
   witness switch of a critical apparatus (?wit=ID in the URL), zones of page images lit up
   with the text they hold, and the page-image panel folded away on narrow screens. Works
   alongside edition.js, which keeps its own parameters in the URL and leaves this one be.
   No network, no inline handlers, no markup from strings. */
(function () {
  "use strict";

  var doc = document;

  /* ---- The witness switch: the text as one witness reads it ---- */

  function currentWitness(select) {
    var wit = new URLSearchParams(window.location.search).get("wit") || "";
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === wit) {
        return wit;
      }
    }
    return "";
  }

  function showWitness(wit) {
    var apps = doc.querySelectorAll(".app");
    var missing = 0;
    for (var i = 0; i < apps.length; i++) {
      var readings = apps[i].querySelectorAll(":scope > [data-wit]");
      var chosen = readings[0];
      var found = false;
      if (wit) {
        for (var j = 0; j < readings.length; j++) {
          if ((" " + readings[j].getAttribute("data-wit") + " ").indexOf(" " + wit + " ") >= 0) {
            chosen = readings[j];
            found = true;
            break;
          }
        }
        if (!found) {
          missing++;
        }
      }
      for (var k = 0; k < readings.length; k++) {
        readings[k].hidden = readings[k] !== chosen;
      }
      apps[i].classList.toggle("unattested", Boolean(wit) && !found);
      apps[i].classList.toggle("witness-reading", Boolean(wit) && found && chosen !== readings[0]);
    }
    doc.documentElement.classList.toggle("witness-shown", Boolean(wit));
    return missing;
  }

  function saveWitness(wit) {
    var params = new URLSearchParams(window.location.search);
    if (wit) {
      params.set("wit", wit);
    } else {
      params.delete("wit");
    }
    var q = params.toString();
    try {
      window.history.replaceState(window.history.state, "", window.location.pathname + (q ? "?" + q : "") + window.location.hash);
    } catch (e) {
      /* some browsers refuse history changes on file: pages */
    }
  }

  function setupWitnesses() {
    var select = doc.getElementById("witness-select");
    if (!select) {
      return;
    }
    var status = doc.getElementById("witness-status");
    function apply(wit) {
      var missing = showWitness(wit);
      if (status) {
        var label = wit ? select.options[select.selectedIndex].textContent : "";
        status.textContent = wit ? "Showing the " + label.replace(/^witness /, "readings of witness ") +
          (missing ? "; " + missing + " passage" + (missing === 1 ? "" : "s") + " where it is not recorded show the edition's text (marked)." : ".") : "";
      }
    }
    select.value = currentWitness(select);
    apply(select.value);
    select.addEventListener("change", function () {
      apply(select.value);
      saveWitness(select.value);
    });
  }

  /* ---- Facsimiles: zones lit up with their text, and the other way round ---- */

  function setupZones() {
    var linked = doc.querySelectorAll("[data-facs]");
    function zonesOf(el) {
      var ids = (el.getAttribute("data-facs") || "").split(/\s+/);
      var out = [];
      for (var i = 0; i < ids.length; i++) {
        var z = ids[i] ? doc.getElementById(ids[i]) : null;
        if (z) {
          out.push(z);
        }
      }
      return out;
    }
    function light(el, on) {
      var zones = zonesOf(el);
      for (var i = 0; i < zones.length; i++) {
        zones[i].classList.toggle("active", on);
      }
      el.classList.toggle("facs-active", on);
    }
    for (var i = 0; i < linked.length; i++) {
      ["mouseenter", "focusin"].forEach(function (type) {
        linked[i].addEventListener(type, function () {
          light(this, true);
        });
      });
      ["mouseleave", "focusout"].forEach(function (type) {
        linked[i].addEventListener(type, function () {
          light(this, false);
        });
      });
    }
    var zones = doc.querySelectorAll(".zone[data-text]");
    for (var j = 0; j < zones.length; j++) {
      zones[j].addEventListener("mouseenter", function () {
        var t = doc.getElementById(this.getAttribute("data-text"));
        if (t) {
          t.classList.add("facs-active");
        }
        this.classList.add("active");
      });
      zones[j].addEventListener("mouseleave", function () {
        var t = doc.getElementById(this.getAttribute("data-text"));
        if (t) {
          t.classList.remove("facs-active");
        }
        this.classList.remove("active");
      });
    }
  }

  /* On a narrow screen the page images start folded (a details element, open without
     scripts so that nothing is hidden then). */
  function setupPanel() {
    var panels = doc.querySelectorAll("details.facs-panel");
    if (panels.length && window.matchMedia("(max-width: 60rem)").matches) {
      for (var i = 0; i < panels.length; i++) {
        panels[i].open = false;
      }
    }
  }

  /* On a wide screen, the panel of page images follows the reading: when a page break
     with an image comes into view, its page is scrolled into the panel. */
  function setupPages() {
    var panel = doc.querySelector("details.facs-panel");
    var breaks = doc.querySelectorAll("a.pb-facs[data-surface]");
    if (!panel || !breaks.length || !("IntersectionObserver" in window)) {
      return;
    }
    var wide = window.matchMedia("(min-width: 60rem)");
    var observer = new IntersectionObserver(function (entries) {
      if (!wide.matches) {
        return;
      }
      for (var i = 0; i < entries.length; i++) {
        if (entries[i].isIntersecting) {
          var figure = doc.getElementById(entries[i].target.getAttribute("data-surface"));
          if (figure) {
            panel.scrollTop = Math.max(0, figure.offsetTop - 8);
          }
        }
      }
    }, { rootMargin: "0px 0px -70% 0px" });
    for (var j = 0; j < breaks.length; j++) {
      observer.observe(breaks[j]);
    }
  }

  function init() {
    setupWitnesses();
    setupZones();
    setupPanel();
    setupPages();
  }

  if (doc.readyState === "loading") {
    doc.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
