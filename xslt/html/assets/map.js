/* teikit reading edition: the zoomable map of map.html, drawn by the vendored Leaflet
   (vendor/leaflet.js) over the land of land.js (Natural Earth 1:110m, made at build time by
   xslt/html/data/make_land.py): no tiles, no network. The places are read from the page's
   table (data-lat, data-lon, data-weight: mentions in the text, data-imprints: mentions as a
   place of publication), in two layers the reader can show or hide: the places the text is
   about, and the places of publication of the works cited. The drawings made at build time
   stay in the page for readers without scripts; they are hidden once this map is drawn. */
(function () {
  "use strict";

  var doc = document;

  /* A colour of the style sheet (a custom property, which may be light-dark()), as rgb(). */
  function css(name) {
    var probe = doc.createElement("span");
    probe.style.color = "var(" + name + ")";
    doc.body.appendChild(probe);
    var value = window.getComputedStyle(probe).color;
    probe.remove();
    return value;
  }

  function init() {
    var el = doc.getElementById("map-live");
    var L = window.L;
    if (!el || !L || !window.teikitLand) {
      return;
    }
    var wrap = el.closest(".map-live-wrap");
    wrap.hidden = false;
    var statics = doc.querySelectorAll(".map-static");
    for (var i = 0; i < statics.length; i++) {
      statics[i].hidden = true;
    }
    var map = L.map(el, {
      zoomSnap: 0.25,
      minZoom: 1,
      maxZoom: 9,
      maxBounds: [[-85, -200], [85, 200]],
      worldCopyJump: false,
      attributionControl: true,
      zoomControl: false
    });
    L.control.zoom({ zoomInTitle: el.getAttribute("data-zoom-in"), zoomOutTitle: el.getAttribute("data-zoom-out") }).addTo(map);
    map.attributionControl.setPrefix(false);
    map.attributionControl.addAttribution("Natural Earth");
    var rings = window.teikitLand.map(function (flat) {
      var ring = [];
      for (var k = 0; k < flat.length; k += 2) {
        ring.push([flat[k], flat[k + 1]]);
      }
      return ring;
    });
    var land = L.polygon(rings, {
      interactive: false,
      fillRule: "evenodd",
      color: css("--coast"),
      weight: 0.8,
      fillColor: css("--land"),
      fillOpacity: 1
    }).addTo(map);

    var layers = { text: L.layerGroup().addTo(map), imprint: L.layerGroup().addTo(map) };
    var textBounds = [];
    var all = [];
    var byId = {};
    var rows = doc.querySelectorAll("tr.place-row");
    for (i = 0; i < rows.length; i++) {
      var row = rows[i];
      var link = row.querySelector("a");
      var lat = parseFloat(row.getAttribute("data-lat"));
      var lon = parseFloat(row.getAttribute("data-lon"));
      var weight = parseInt(row.getAttribute("data-weight"), 10) || 0;
      var imprints = parseInt(row.getAttribute("data-imprints"), 10) || 0;
      var name = link.textContent;
      var href = link.getAttribute("href");
      var kind = weight > 0 ? "text" : "imprint";
      var marker = L.circleMarker([lat, lon], {
        radius: Math.min(5 + Math.sqrt(kind === "text" ? weight : imprints), 16),
        color: css("--paper"),
        weight: 1.5,
        fillColor: kind === "text" ? css("--point") : css("--point-imprint"),
        fillOpacity: 0.85,
        className: "map-point map-point-" + kind
      });
      marker.bindTooltip(name, { direction: "right", offset: [8, 0] });
      marker.on("click", (function (h) {
        return function () {
          window.location.href = h;
        };
      })(href));
      marker.addTo(layers[kind]);
      all.push([lat, lon]);
      if (kind === "text") {
        textBounds.push([lat, lon]);
      }
      byId[href.split("#")[1]] = marker;
    }
    var start = textBounds.length ? textBounds : all;
    if (start.length) {
      map.fitBounds(start, { padding: [24, 24], maxZoom: 6 });
    } else {
      map.fitBounds(land.getBounds());
    }
    var boxes = wrap.querySelectorAll('input[name="layer"]');
    for (i = 0; i < boxes.length; i++) {
      boxes[i].addEventListener("change", function (ev) {
        var layer = layers[ev.target.value];
        if (ev.target.checked) {
          layer.addTo(map);
        } else {
          layer.remove();
        }
      });
    }
    /* map.html#map-<place>: that place, its name shown */
    var hash = decodeURIComponent(window.location.hash.slice(1));
    if (hash.indexOf("map-") === 0 && byId[hash.slice(4)]) {
      var m = byId[hash.slice(4)];
      map.setView(m.getLatLng(), 5);
      m.openTooltip();
      el.scrollIntoView({ block: "center" });
    }
  }

  if (doc.readyState === "loading") {
    doc.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
