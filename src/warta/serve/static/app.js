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
     place's events. Points closer than CLUSTER_PX on the screen merge into one grey group that
     shows its number of events (see cluster()); zooming in splits it again, a click zooms in on
     it and lists its places. Without the outlines (or topojson-client) the points go on plain axes. */
  var CLUSTER_PX = 36;
  function map(el) {
    var pts = data(el);
    if (!pts || typeof echarts === "undefined") return;
    var chart = echarts.init(el, null, { renderer: "canvas" });
    var maxN = Math.max.apply(null, pts.map(function (d) { return d.count; }).concat([1]));
    var total = pts.reduce(function (n, d) { return n + d.count; }, 0);
    var quads = Object.keys(pts.reduce(function (o, d) { o[d.quad || 0] = 1; return o; }, {})).sort();
    var state = { zoom: null, finder: null, markers: [] };
    function series(groups) {
      var byQuad = {}, clusters = [];
      quads.forEach(function (q) { byQuad[q] = []; });
      groups.forEach(function (g) {
        if (g.length === 1) {
          var d = g[0];
          byQuad[d.quad || 0].push({ name: d.place || d.country || "?", value: [d.lon, d.lat, d.count], d: d });
          return;
        }
        var n = 0, lon = 0, lat = 0;
        g.forEach(function (d) { n += d.count; lon += d.lon * d.count; lat += d.lat * d.count; });
        clusters.push({ name: g.length + " places", value: [lon / n, lat / n, n], members: g,
                        label: { show: true, formatter: String(n) } });
      });
      var cs = state.finder.geoIndex === 0 ? "geo" : "cartesian2d";
      var out = quads.map(function (q) {
        return { id: "quad-" + q, name: QUAD_NAMES[q], type: "scatter", coordinateSystem: cs, data: byQuad[q],
                 symbolSize: function (v) { return 7 + 23 * Math.sqrt(v[2] / maxN); },
                 itemStyle: { color: QUAD[q] || "#666", opacity: 0.75, borderColor: "#fff", borderWidth: 0.5 } };
      });
      out.push({ id: "clusters", name: "groups of nearby places", type: "scatter", coordinateSystem: cs, data: clusters,
                 symbolSize: function (v) { return 20 + 22 * Math.sqrt(v[2] / Math.max(total, 1)); }, z: 3,
                 label: { position: "inside", color: "#fff", fontWeight: "bold", fontSize: 11 },
                 itemStyle: { color: "#455a64", opacity: 0.88, borderColor: "#fff", borderWidth: 1.5 } });
      state.markers = out.map(function (s) { return s.data; }).reduce(function (a, b) { return a.concat(b); }, []);
      return out;
    }
    function recluster(force) {
      var geo = (chart.getOption().geo || [])[0];
      var zoom = geo ? geo.zoom : 1;
      if (!force && zoom === state.zoom) return;  // panning moves every point alike: the groups stay
      state.zoom = zoom;
      chart.setOption({ series: series(cluster(pts, function (d) { return chart.convertToPixel(state.finder, [d.lon, d.lat]); })) },
                      { replaceMerge: ["series"] });
    }
    function draw(geo) {
      var opt = { animation: false, legend: { top: 0 }, series: [],
        tooltip: { trigger: "item", formatter: function (p) { return p.data.members ? groupTip(p.data.members) : pointTip(p.data.d); } } };
      if (geo) {
        var lons = pts.map(function (d) { return d.lon; }), lats = pts.map(function (d) { return d.lat; });
        var w = Math.max(Math.min.apply(null, lons) - 4, -180), e = Math.min(Math.max.apply(null, lons) + 4, 180);
        var s = Math.max(Math.min.apply(null, lats) - 4, -85), n = Math.min(Math.max.apply(null, lats) + 4, 85);
        opt.geo = { map: "warta-world", roam: true, boundingCoords: [[w, n], [e, s]], top: 30, bottom: 10,
                    itemStyle: { areaColor: "#eef1f4", borderColor: "#9aa5b1", borderWidth: 0.5 },
                    emphasis: { disabled: true }, select: { disabled: true } };
        state.finder = { geoIndex: 0 };
      } else {
        opt.grid = { left: 50, right: 20, top: 30, bottom: 40 };
        opt.xAxis = { type: "value", min: -180, max: 180, name: "lon" };
        opt.yAxis = { type: "value", min: -90, max: 90, name: "lat" };
        state.finder = { gridIndex: 0 };
      }
      chart.setOption(opt);
      recluster(true);
      chart.on("georoam", function () { recluster(false); });
      chart.on("click", function (p) {
        if (!p.data) return;
        if (p.data.d) placeEvents(p.data.d);
        else if (p.data.members) openGroup(p.data);
      });
      warta.charts.map = chart;
      warta.mapMarkers = function () { return state.markers; };
    }
    function openGroup(g) {
      var m = g.members;
      var one = m.every(function (d) { return d.lat === m[0].lat && d.lon === m[0].lon; });
      if (one) {  // one place with several types: no zoom splits it
        placeEvents({ lat: m[0].lat, lon: m[0].lon, place: m[0].place, country: m[0].country, count: g.value[2] });
        return;
      }
      listPlaces(m);
      if (state.finder.geoIndex === 0) {
        chart.setOption({ geo: { center: [g.value[0], g.value[1]], zoom: (state.zoom || 1) * 2.5 } });
        recluster(true);
      }
    }
    if (typeof topojson === "undefined" || !window.fetch) { draw(false); return; }
    fetch("/static/vendor/world-countries-50m.json").then(function (r) { return r.json(); }).then(function (topo) {
      echarts.registerMap("warta-world", topojson.feature(topo, topo.objects.countries));
      draw(true);
    }).catch(function () { draw(false); });
  }

  /* Greedy grouping, the same for the same points and zoom: the places with the most events first,
     each takes every not yet grouped point within CLUSTER_PX pixels of it (found through a grid of
     CLUSTER_PX cells, so the work grows with the number of points, not its square). */
  function cluster(pts, pixel) {
    var xy = pts.map(pixel), grid = {};
    function key(i, j) { return i + ":" + j; }
    xy.forEach(function (p, k) {
      var c = key(Math.floor(p[0] / CLUSTER_PX), Math.floor(p[1] / CLUSTER_PX));
      (grid[c] = grid[c] || []).push(k);
    });
    var order = pts.map(function (_, k) { return k; }).sort(function (a, b) { return pts[b].count - pts[a].count || a - b; });
    var taken = {}, groups = [];
    order.forEach(function (k) {
      if (taken[k]) return;
      taken[k] = true;
      var g = [pts[k]], ci = Math.floor(xy[k][0] / CLUSTER_PX), cj = Math.floor(xy[k][1] / CLUSTER_PX);
      for (var di = -1; di <= 1; di++) for (var dj = -1; dj <= 1; dj++) {
        (grid[key(ci + di, cj + dj)] || []).forEach(function (o) {
          if (!taken[o] && Math.hypot(xy[o][0] - xy[k][0], xy[o][1] - xy[k][1]) <= CLUSTER_PX) { taken[o] = true; g.push(pts[o]); }
        });
      }
      groups.push(g);
    });
    return groups;
  }
  warta.cluster = cluster;

  function pointTip(d) {
    return esc(d.place || "?") + " " + esc(d.country || "") + "<br>" + esc(d.type) + ": " + d.count +
           " event(s), latest " + esc(d.date || "?");
  }
  function groupTip(m) {
    var places = {}, n = 0;
    m.forEach(function (d) { var k = d.place || d.country || "?"; places[k] = (places[k] || 0) + d.count; n += d.count; });
    var names = Object.keys(places).sort(function (a, b) { return places[b] - places[a] || (a < b ? -1 : 1); });
    return n + " event(s) at " + names.length + " place(s):<br>" + names.slice(0, 8).map(function (k) {
      return esc(k) + " " + places[k]; }).join("<br>") + (names.length > 8 ? "<br>…" : "");
  }

  /* A group's places under the map, each with a link that lists its events. */
  function listPlaces(m) {
    var box = document.getElementById("map-events");
    if (!box) return;
    var n = m.reduce(function (s, d) { return s + d.count; }, 0);
    var html = "<h2>" + n + " event(s) at " + m.length + " point(s)</h2><ul class=\"place-list\">";
    m.forEach(function (d, i) {
      html += "<li><a href=\"#map-events\" data-i=\"" + i + "\">" + esc(d.place || d.country || "?") + "</a> " +
              esc(d.type) + " (" + d.count + ")</li>";
    });
    box.innerHTML = html + "</ul>";
    box.querySelectorAll("a[data-i]").forEach(function (a) {
      a.addEventListener("click", function (ev) { ev.preventDefault(); placeEvents(m[+a.getAttribute("data-i")]); });
    });
  }

  /* The events at one map point (of one type, or all when d.type is absent), with their
     evidence sentences, under the map. */
  function placeEvents(d) {
    var box = document.getElementById("map-events");
    if (!box) { window.location.href = eventHref(d.id); return; }
    var params = new URLSearchParams(window.location.search);
    params.set("lat", d.lat); params.set("lon", d.lon); params.set("limit", "50");
    if (d.type) params.set("type", d.type);
    box.textContent = "…";
    fetch("/api/places/events?" + params.toString()).then(function (r) { return r.json(); }).then(function (page) {
      var items = page;
      var html = "<h2>" + esc(d.place || d.country || "?") + (d.type ? " — " + esc(d.type) : "") + " (" + d.count + ")</h2><ul class=\"place-events\">";
      items.forEach(function (e) {
        html += "<li><a href=\"" + eventHref(e.id) + "\">" + esc(e.date || "?") + "</a> " +
                esc(((e.text_info || {}).sentence) || "") + "</li>";
      });
      box.innerHTML = html + "</ul>";
    }).catch(function (err) { box.textContent = "The events could not be listed: " + err; });
  }
  warta.placeEvents = placeEvents;

  /* Indonesia's provinces coloured by their number of events (a choropleth), on approximate
     outlines built by scripts/build_provinces.py from GeoNames places (vendored, offline). */
  function provinces(el) {
    var rows = data(el);
    if (!rows || typeof echarts === "undefined" || !window.fetch) return;
    var chart = echarts.init(el, null, { renderer: "canvas" });
    var max = Math.max.apply(null, rows.map(function (r) { return r.count; }).concat([1]));
    fetch("/static/vendor/indonesia-provinces.json").then(function (r) { return r.json(); }).then(function (geo) {
      echarts.registerMap("warta-idn", geo);
      chart.setOption({
        animation: false,
        tooltip: { trigger: "item", formatter: function (p) {
          return esc(p.name) + ": " + (p.data ? p.data.value : 0) + " event(s)"; } },
        visualMap: { type: "continuous", min: 0, max: max, left: 10, bottom: 10, calculable: false, text: [String(max), "0"],
                     inRange: { color: ["#eef1f4", "#9ecae1", "#3182bd", "#08306b"] } },
        series: [{ name: "events", type: "map", map: "warta-idn", roam: true, top: 10, bottom: 10,
                   itemStyle: { borderColor: "#fff", borderWidth: 0.6 }, emphasis: { label: { show: true } },
                   select: { disabled: true },
                   data: rows.map(function (r) { return { name: r.name, value: r.count, code: r.code }; }) }]
      });
      warta.charts.provinces = chart;
    }).catch(function (err) { el.textContent = "The province outlines could not be loaded: " + err; });
  }

  function init() {
    rows();
    document.querySelectorAll("[data-chart]").forEach(function (el) {
      var kind = el.getAttribute("data-chart");
      try {
        if (kind === "network") network(el);
        else if (kind === "timeline") timeline(el);
        else if (kind === "map") map(el);
        else if (kind === "provinces") provinces(el);
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
