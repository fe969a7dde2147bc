/* warta web UI: table rows as links, and the charts (Cytoscape.js network, ECharts timeline and map).
   Chart data comes from <script type="application/json"> blocks in the page; nothing is fetched. */
(function () {
  "use strict";
  var QUAD = { 1: "#2e7d32", 2: "#1565c0", 3: "#ef6c00", 4: "#c62828" };
  var warta = (window.warta = { charts: {}, cy: null });

  function data(el) {
    var src = document.getElementById(el.getAttribute("data-json"));
    return src ? JSON.parse(src.textContent) : null;
  }
  function entityHref(id) { return "/entities/" + id.split("/").map(encodeURIComponent).join("/"); }
  function eventHref(id) { return "/events/" + encodeURIComponent(id) + "#evidence"; }
  function esc(s) {
    return String(s == null ? "" : s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function rows() {
    document.querySelectorAll("tr.event-row[data-href]").forEach(function (tr) {
      tr.addEventListener("click", function (ev) {
        if (ev.target.closest("a")) return;
        window.location.href = tr.getAttribute("data-href");
      });
    });
  }

  function network(el) {
    var g = data(el);
    if (!g || typeof cytoscape === "undefined") return;
    var maxEv = Math.max.apply(null, g.nodes.map(function (n) { return n.events || 1; }).concat([1]));
    var maxC = Math.max.apply(null, g.edges.map(function (e) { return e.count; }).concat([1]));
    var focus = el.getAttribute("data-focus");
    var elements = g.nodes.map(function (n) {
      return { group: "nodes", data: { id: n.id, label: n.label + (n.code ? " (" + n.code + ")" : ""), entity: n.entity_id || "",
        size: 18 + 30 * Math.sqrt((n.events || 1) / maxEv), focus: n.id === focus ? 1 : 0 } };
    }).concat(g.edges.map(function (e) {
      return { group: "edges", data: { id: e.id, source: e.source, target: e.target, count: e.count,
        width: 1 + 7 * e.count / maxC, color: QUAD[e.main_quad] || "#999",
        label: Object.keys(e.types).map(function (t) { return t + " " + e.types[t]; }).join(", ") } };
    }));
    var cy = cytoscape({
      container: el, elements: elements, wheelSensitivity: 0.3,
      style: [
        { selector: "node", style: { "background-color": "#12263a", label: "data(label)", width: "data(size)", height: "data(size)",
          "font-size": 10, "text-valign": "bottom", "text-margin-y": 3, color: "#1d232a", "text-wrap": "ellipsis", "text-max-width": 140 } },
        { selector: "node[focus = 1]", style: { "background-color": "#ffb300" } },
        { selector: "node[entity != '']", style: { "border-width": 2, "border-color": "#0b5cad" } },
        { selector: "edge", style: { width: "data(width)", "line-color": "data(color)", "target-arrow-color": "data(color)",
          "target-arrow-shape": "triangle", "curve-style": "bezier", opacity: 0.8 } },
        { selector: "edge:selected", style: { label: "data(label)", "font-size": 9, "text-background-color": "#fff", "text-background-opacity": 1 } }
      ],
      // force-directed: linked actors pull together, the rest spread out (a ring of 150 said nothing)
      layout: { name: "cose", animate: false, padding: 30, randomize: false, nodeRepulsion: function () { return 12000; },
        idealEdgeLength: function () { return 90; }, nodeOverlap: 20, componentSpacing: 80 }
    });
    warta.layout = "cose";
    cy.on("tap", "node", function (ev) {
      var id = ev.target.data("entity");
      if (id) window.location.href = entityHref(id);
    });
    warta.cy = cy;
    warta.charts.network = cy;
  }

  function timeline(el) {
    var t = data(el);
    if (!t || typeof echarts === "undefined") return;
    var types = [];
    t.events.forEach(function (e) { if (e.day && types.indexOf(e.type) < 0) types.push(e.type); });
    types.sort();
    var points = t.events.filter(function (e) { return e.day; }).map(function (e) {
      return { value: [e.day, e.type], id: e.id, e: e, itemStyle: { color: QUAD[e.quad_code] || "#666" } };
    });
    var chart = echarts.init(el, null, { renderer: "canvas" });
    chart.setOption({
      animation: false,
      grid: [{ left: 90, right: 20, top: 20, height: "52%" }, { left: 90, right: 20, top: "70%", bottom: 30 }],
      tooltip: { trigger: "item", confine: true, formatter: function (p) {
        if (p.seriesIndex === 0) { var e = p.data.e;
          return "<b>" + esc(e.type) + "</b> " + esc(e.date) + "<br>" + esc(e.actor.join(", ")) + " → " + esc(e.recipient.join(", ")) +
            "<br><span style='white-space:normal;display:inline-block;max-width:22rem'>" + esc(e.sentence) + "</span>"; }
        return esc(p.name) + ": " + esc(p.value) + " event(s)"; } },
      xAxis: [{ type: "time", gridIndex: 0, min: function (v) { return v.min - Math.max((v.max - v.min) * 0.05, 864e5 * 15); },
               max: function (v) { return v.max + Math.max((v.max - v.min) * 0.05, 864e5 * 15); } }, { type: "category", gridIndex: 1, data: t.series.map(function (s) { return s.period; }) }],
      yAxis: [{ type: "category", gridIndex: 0, data: types }, { type: "value", gridIndex: 1, minInterval: 1 }],
      series: [
        { name: "events", type: "scatter", xAxisIndex: 0, yAxisIndex: 0, symbolSize: 12, data: points },
        { name: "count", type: "bar", xAxisIndex: 1, yAxisIndex: 1, data: t.series.map(function (s) { return s.total; }), itemStyle: { color: "#0b5cad" } }
      ]
    });
    chart.on("click", function (p) { if (p.seriesIndex === 0 && p.data && p.data.id) window.location.href = eventHref(p.data.id); });
    warta.charts.timeline = chart;
  }

  var QUAD_NAMES = { 1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict", 4: "material conflict", 0: "other" };

  /* The map: country outlines (world-atlas, vendored; no tiles, works offline) and one point per
     place and type, coloured by quad class, sized by the number of events; a click lists the
     place's events. Without the outlines (or topojson-client) the points go on plain axes. */
  function map(el) {
    var pts = data(el);
    if (!pts || typeof echarts === "undefined") return;
    var chart = echarts.init(el, null, { renderer: "canvas" });
    var maxN = Math.max.apply(null, pts.map(function (d) { return d.count; }).concat([1]));
    function draw(geo) {
      var byQuad = {};
      pts.forEach(function (d) {
        var q = d.quad || 0;
        (byQuad[q] = byQuad[q] || []).push({ name: d.place || d.country || "?", value: [d.lon, d.lat, d.count], d: d });
      });
      var series = Object.keys(byQuad).sort().map(function (q) {
        return { name: QUAD_NAMES[q], type: "scatter", coordinateSystem: geo ? "geo" : "cartesian2d", data: byQuad[q],
                 symbolSize: function (v) { return 7 + 23 * Math.sqrt(v[2] / maxN); },
                 itemStyle: { color: QUAD[q] || "#666", opacity: 0.75, borderColor: "#fff", borderWidth: 0.5 } };
      });
      var opt = { animation: false, legend: { top: 0 }, series: series,
        tooltip: { trigger: "item", formatter: function (p) { var d = p.data.d;
          return esc(d.place || "?") + " " + esc(d.country || "") + "<br>" + esc(d.type) + ": " + d.count +
                 " event(s), latest " + esc(d.date || "?"); } } };
      if (geo) {
        var lons = pts.map(function (d) { return d.lon; }), lats = pts.map(function (d) { return d.lat; });
        var w = Math.max(Math.min.apply(null, lons) - 4, -180), e = Math.min(Math.max.apply(null, lons) + 4, 180);
        var s = Math.max(Math.min.apply(null, lats) - 4, -85), n = Math.min(Math.max.apply(null, lats) + 4, 85);
        opt.geo = { map: "warta-world", roam: true, boundingCoords: [[w, n], [e, s]], top: 30, bottom: 10,
                    itemStyle: { areaColor: "#eef1f4", borderColor: "#9aa5b1", borderWidth: 0.5 },
                    emphasis: { disabled: true }, select: { disabled: true } };
      } else {
        opt.grid = { left: 50, right: 20, top: 30, bottom: 40 };
        opt.xAxis = { type: "value", min: -180, max: 180, name: "lon" };
        opt.yAxis = { type: "value", min: -90, max: 90, name: "lat" };
      }
      chart.setOption(opt);
      chart.on("click", function (p) { if (p.data && p.data.d) placeEvents(p.data.d); });
      warta.charts.map = chart;
    }
    if (typeof topojson === "undefined" || !window.fetch) { draw(false); return; }
    fetch("/static/vendor/world-countries-50m.json").then(function (r) { return r.json(); }).then(function (topo) {
      echarts.registerMap("warta-world", topojson.feature(topo, topo.objects.countries));
      draw(true);
    }).catch(function () { draw(false); });
  }

  /* The events at one map point, with their evidence sentences, under the map. */
  function placeEvents(d) {
    var box = document.getElementById("map-events");
    if (!box) { window.location.href = eventHref(d.id); return; }
    var params = new URLSearchParams(window.location.search);
    params.set("lat", d.lat); params.set("lon", d.lon); params.set("type", d.type); params.set("limit", "50");
    box.textContent = "…";
    fetch("/api/places/events?" + params.toString()).then(function (r) { return r.json(); }).then(function (page) {
      var items = page;
      var html = "<h2>" + esc(d.place || d.country || "?") + " — " + esc(d.type) + " (" + d.count + ")</h2><ul class=\"place-events\">";
      items.forEach(function (e) {
        html += "<li><a href=\"" + eventHref(e.id) + "\">" + esc(e.date || "?") + "</a> " +
                esc(((e.text_info || {}).sentence) || "") + "</li>";
      });
      box.innerHTML = html + "</ul>";
    }).catch(function (err) { box.textContent = "The events could not be listed: " + err; });
  }

  function init() {
    rows();
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var kind = el.getAttribute("data-chart");
      try {
        if (kind === "network") network(el);
        else if (kind === "timeline") timeline(el);
        else if (kind === "map") map(el);
      } catch (err) { el.textContent = "This chart could not be drawn: " + err; }
    });
    window.addEventListener("resize", function () {
      Object.keys(warta.charts).forEach(function (k) { var c = warta.charts[k]; if (c && c.resize) c.resize(); });
    });
    var ev = document.getElementById("evidence") || document.querySelector("mark.hl-evidence");
    if (ev && ev.scrollIntoView && window.location.pathname.indexOf("/events/") === 0) ev.scrollIntoView({ block: "center" });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init); else init();
})();
