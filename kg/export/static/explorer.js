/* kg explorer: search, legend, filters, highlight and details over a vis-network graph.
 *
 * Every string that comes from articles (names, titles, sentences) is inserted with
 * textContent / createTextNode, never as HTML. Tooltips are plain strings, which vis-network
 * inserts as text. Work per interaction is linear in the graph's size (no O(n²) loops), and
 * big graphs use the precomputed layout without physics, straight edges and no edge labels.
 */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  var BIG = DATA.nodes.length > 800 || DATA.edges.length > 2500;
  var DIM_NODE = 0.12;
  var DIM_EDGE = 0.05;
  var TEXT = "#1f2933";
  var DIM_TEXT = "rgba(31,41,51,0.07)";
  var REL_COLOR = BIG ? "#8a949e" : "#56616b";
  var EDGE_TEXT = "#3e4c59";
  var CO_COLOR = "#a9b1b9";
  var FONT = "Noto Sans CJK JP, Hiragino Sans, Yu Gothic, Meiryo, sans-serif";

  /* ---------- small helpers ---------- */

  function $(id) { return document.getElementById(id); }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  function clearEl(e) { while (e.firstChild) e.removeChild(e.firstChild); }

  function splitAliases(s) { return String(s || "").split(" | ").filter(Boolean); }

  /* Search key: NFKC (full/half width), lower case, katakana folded to hiragana,
   * spaces, middle dots and similar separators removed. */
  function fold(s) {
    s = String(s || "").normalize("NFKC").toLowerCase();
    s = s.replace(/[\u30a1-\u30f6]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0x60); });
    return s.replace(/[\s\u30fb\uff65\u00b7=\-_.,・]/g, "");
  }

  function num(x) { return Number(x).toLocaleString("en-US"); }

  function isHttp(url) { return typeof url === "string" && /^https?:\/\//i.test(url); }

  function typeInfo(t) { return TYPES[t] || { type: t, name: t || "(none)", color: "#969696" }; }

  function dateRange(a, b) {
    if (!a && !b) return "";
    if (!b || a === b) return a || b;
    return a + " – " + b;
  }

  /* 14000000000 -> "14,000,000,000 (140億)"; -0.8 -> "-0.8" */
  function formatAmount(value, unit) {
    var x = Number(value);
    if (value === "" || !isFinite(x)) return [value, unit].filter(Boolean).join(" ");
    var s = x.toLocaleString("ja-JP", { maximumFractionDigits: 4 });
    var ax = Math.abs(x), ja = "";
    if (ax >= 1e12) ja = (x / 1e12).toLocaleString("ja-JP", { maximumFractionDigits: 2 }) + "兆";
    else if (ax >= 1e8) ja = (x / 1e8).toLocaleString("ja-JP", { maximumFractionDigits: 2 }) + "億";
    else if (ax >= 1e4) ja = (x / 1e4).toLocaleString("ja-JP", { maximumFractionDigits: 2 }) + "万";
    return s + (unit ? " " + unit : "") + (ja ? " (" + ja + (unit ? " " + unit : "") + ")" : "");
  }

  /* ---------- data ---------- */

  var TYPES = {};
  DATA.types.forEach(function (t) { TYPES[t.type] = t; });

  var nodeById = new Map();
  var edgeById = new Map();
  var adjacency = new Map(); /* node id -> edge ids */

  DATA.nodes.forEach(function (n) {
    var info = typeInfo(n.type);
    n.searchKeys = [fold(n.label)].concat(splitAliases(n.aliases).map(fold));
    n.baseFont = { size: Math.round(9 + 0.6 * Math.min(n.size || 10, 60)), face: FONT, color: TEXT,
                   strokeWidth: 3, strokeColor: "#ffffff" };
    n.font = n.baseFont;
    n.title = n.label + " — " + info.name + "\n" + n.mentions + " mentions · " + n.articles + " articles";
    nodeById.set(n.id, n);
    adjacency.set(n.id, []);
  });

  var pairCount = new Map();
  DATA.edges.forEach(function (e) {
    var rel = e.kind === "relation";
    var a = nodeById.get(e.from), b = nodeById.get(e.to);
    e.baseColor = { color: rel ? REL_COLOR : CO_COLOR, highlight: "#e15759", hover: rel ? "#2f3a44" : "#8d969e",
                    opacity: rel ? (BIG ? 0.5 : 0.9) : (BIG ? 0.3 : 0.6), inherit: false };
    e.color = e.baseColor;
    if (!rel || BIG) e.label = undefined;
    e.dashes = !rel && !BIG;
    e.title = (a ? a.label : e.from) + (rel ? " —" + e.relation + "→ " : " — 共起 — ") + (b ? b.label : e.to) +
      " (" + e.weight + ")";
    edgeById.set(e.id, e);
    if (adjacency.has(e.from)) adjacency.get(e.from).push(e.id);
    if (e.to !== e.from && adjacency.has(e.to)) adjacency.get(e.to).push(e.id);
  });

  /* Parallel edges of a pair get distinct curves so that none hides another; relations
   * come first and stay straight, co-occurrences bend around them. */
  if (!BIG) {
    ["relation", "cooccurrence"].forEach(function (kind) {
      DATA.edges.forEach(function (e) {
        if ((e.kind === "relation") !== (kind === "relation")) return;
        var key = e.from < e.to ? e.from + "\u0000" + e.to : e.to + "\u0000" + e.from;
        var k = pairCount.get(key) || 0;
        pairCount.set(key, k + 1);
        /* curvedCW bends relative to the edge's direction: normalise so that k=1 and k=2 go opposite ways */
        var cw = (k % 2 === 1) === (e.from < e.to);
        e.smooth = k === 0 ? false : { enabled: true, type: cw ? "curvedCW" : "curvedCCW", roundness: 0.3 * Math.ceil(k / 2) };
      });
    });
  }

  /* ---------- filters ---------- */

  var state = { hiddenTypes: new Set(), relation: true, cooccurrence: true, label: "", minWeight: 1,
                from: "", to: "", hideIsolated: false };
  var visibleNodes = new Set(nodeById.keys());
  var visibleEdges = new Set(edgeById.keys());

  function nodePasses(n) {
    if (state.hiddenTypes.has(n.type)) return false;
    if (state.from && n.last_seen && n.last_seen < state.from) return false;
    if (state.to && n.first_seen && n.first_seen > state.to) return false;
    return true;
  }

  function edgePasses(e) {
    if (e.kind === "relation" ? !state.relation : !state.cooccurrence) return false;
    if (state.label && e.relation !== state.label) return false;
    if ((e.weight || 1) < state.minWeight) return false;
    var first = e.date || "", last = e.latest || e.date || "";
    if (state.from && last && last < state.from) return false;
    if (state.to && first && first > state.to) return false;
    return true;
  }

  function computeVisible() {
    var vn = new Set(), ve = new Set();
    nodeById.forEach(function (n, id) { if (nodePasses(n)) vn.add(id); });
    edgeById.forEach(function (e, id) { if (vn.has(e.from) && vn.has(e.to) && edgePasses(e)) ve.add(id); });
    if (state.hideIsolated) {
      var linked = new Set();
      ve.forEach(function (id) { var e = edgeById.get(id); linked.add(e.from); linked.add(e.to); });
      vn = linked;
    }
    visibleNodes = vn;
    visibleEdges = ve;
  }

  var nodes = new vis.DataSet(DATA.nodes);
  var edges = new vis.DataSet(DATA.edges);
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return visibleNodes.has(n.id); } });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return visibleEdges.has(e.id); } });

  /* ---------- the network ---------- */

  /* Big graphs are drawn at the precomputed positions, without physics. Smaller ones start
   * from them (when given) and relax for a bounded number of iterations, then stay still. */
  var physics = false;
  if (!BIG || !DATA.layout) {
    physics = { enabled: true, solver: "barnesHut",
                barnesHut: { gravitationalConstant: -5000, centralGravity: 0.3, springLength: 110,
                             springConstant: 0.04, damping: 0.12, avoidOverlap: 0.1 },
                stabilization: { enabled: true, iterations: BIG ? 60 : 200, updateInterval: 50, fit: true } };
  }
  var options = {
    autoResize: true,
    nodes: {
      shape: "dot", borderWidth: 1, borderWidthSelected: 3,
      font: { size: 14, face: FONT, color: TEXT },
      scaling: { label: { enabled: false, drawThreshold: 7, maxVisible: 22 } },
      color: { border: "#ffffff" }
    },
    edges: {
      smooth: false, selectionWidth: 2, hoverWidth: 0.5,
      arrows: { to: { scaleFactor: 0.5 } },
      font: { size: 11, face: FONT, align: "middle", color: EDGE_TEXT, strokeWidth: 3, strokeColor: "#ffffff" },
      scaling: { min: BIG ? 0.5 : 1, max: BIG ? 3 : 6, label: { enabled: false, drawThreshold: 7 } }
    },
    physics: physics,
    layout: { improvedLayout: false, randomSeed: 7 },
    interaction: { hover: !BIG, tooltipDelay: 250, hideEdgesOnDrag: BIG, hideEdgesOnZoom: BIG,
                   multiselect: true, navigationButtons: false, keyboard: false }
  };

  var container = $("mynetwork");
  /* global on purpose: the page stays scriptable, as with pyvis */
  var network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);
  window.network = network;
  var kg = {
    data: DATA, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView, state: state,
    ready: false, readyAt: null, big: BIG, animating: false
  };
  window.kg = kg;
  if (physics) {
    network.once("stabilizationIterationsDone", function () { network.setOptions({ physics: { enabled: false } }); });
  }
  network.on("animationFinished", function () { kg.animating = false; });
  network.once("afterDrawing", function () {
    kg.ready = true;
    kg.readyAt = performance.now();
    document.body.setAttribute("data-ready", "1");
    if (DATA.nodes.length) $("kg-loading").hidden = true;
    else $("kg-loading").textContent = "This graph has no nodes.";
  });

  /* ---------- header, stats, what was left out ---------- */

  $("kg-title").textContent = DATA.title || "kg";
  $("kg-stats").textContent = num(DATA.shown_nodes) + " nodes · " + num(DATA.shown_edges) + " edges" +
    (DATA.omitted_nodes > 0 ? " (of " + num(DATA.total_nodes) + " · " + num(DATA.total_edges) + ")" : "");

  function updateVisibleCount() {
    var hidden = nodeById.size - visibleNodes.size;
    $("kg-visible").textContent = "showing " + num(visibleNodes.size) + " nodes · " + num(visibleEdges.size) + " edges" +
      (hidden ? " · " + num(hidden) + " nodes hidden by filters" : "");
  }

  if (DATA.omitted_nodes > 0) {
    $("kg-omitted").hidden = false;
    var why = DATA.max_nodes ? " (--max-nodes " + DATA.max_nodes + ")" : "";
    var byType = Object.keys(DATA.omitted_types).map(function (t) {
      return typeInfo(t).name + " " + num(DATA.omitted_types[t]);
    }).join(", ");
    $("kg-omitted-text").textContent = "This page draws the " + num(DATA.shown_nodes) + " most mentioned of " +
      num(DATA.total_nodes) + " nodes" + why + ". Left out: " + num(DATA.omitted_nodes) + " nodes (" + byType +
      ") and " + num(DATA.omitted_edges) + " edges; the GraphML has them all. The most mentioned left out:";
    var ol = $("kg-omitted-list");
    DATA.omitted_top.forEach(function (o) { ol.appendChild(el("li", o.label + " (" + o.mentions + ")")); });
  }

  /* ---------- legend ---------- */

  var legend = $("kg-legend");
  var legendItems = [];
  DATA.types.forEach(function (t) {
    if (!t.count) return;
    var li = el("li");
    li.setAttribute("data-type", t.type);
    li.setAttribute("role", "button");
    li.setAttribute("aria-pressed", "true");
    li.tabIndex = 0;
    var sw = el("span", "", "swatch");
    sw.style.background = t.color;
    li.appendChild(sw);
    li.appendChild(el("span", t.name, "name"));
    li.appendChild(el("span", t.type, "en"));
    li.appendChild(el("span", t.count, "count"));
    li.title = "Hide or show " + t.name + " (" + t.type + ")";
    function toggle() {
      if (state.hiddenTypes.has(t.type)) state.hiddenTypes.delete(t.type);
      else state.hiddenTypes.add(t.type);
      syncLegend();
      applyFilters();
    }
    li.addEventListener("click", toggle);
    li.addEventListener("keydown", function (ev) { if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); toggle(); } });
    legend.appendChild(li);
    legendItems.push(li);
  });
  function syncLegend() {
    legendItems.forEach(function (li) {
      var off = state.hiddenTypes.has(li.getAttribute("data-type"));
      li.classList.toggle("off", off);
      li.setAttribute("aria-pressed", off ? "false" : "true");
    });
  }
  $("kg-legend-all").addEventListener("click", function () { state.hiddenTypes.clear(); syncLegend(); applyFilters(); });

  /* ---------- filter controls ---------- */

  var relSelect = $("kg-relation");
  var labelCounts = new Map();
  var maxWeight = 1, minDate = "", maxDate = "";
  DATA.edges.forEach(function (e) {
    if (e.kind === "relation" && e.relation) labelCounts.set(e.relation, (labelCounts.get(e.relation) || 0) + 1);
    if (e.weight > maxWeight) maxWeight = e.weight;
    var d1 = e.date || "", d2 = e.latest || e.date || "";
    if (d1 && (!minDate || d1 < minDate)) minDate = d1;
    if (d2 && d2 > maxDate) maxDate = d2;
  });
  Array.from(labelCounts.keys()).sort(function (a, b) {
    return labelCounts.get(b) - labelCounts.get(a) || (a < b ? -1 : a > b ? 1 : 0);
  }).forEach(function (l) {
    var o = el("option", l + " (" + labelCounts.get(l) + ")");
    o.value = l;
    relSelect.appendChild(o);
  });
  var weightInput = $("kg-min-weight");
  weightInput.max = String(maxWeight);
  [$("kg-date-from"), $("kg-date-to")].forEach(function (inp) {
    if (/^\d{4}-\d{2}-\d{2}$/.test(minDate)) inp.min = minDate;
    if (/^\d{4}-\d{2}-\d{2}$/.test(maxDate)) inp.max = maxDate;
  });
  if (!minDate) $("kg-date-from").disabled = $("kg-date-to").disabled = true;

  function readControls() {
    state.relation = $("kg-show-relation").checked;
    state.cooccurrence = $("kg-show-cooccurrence").checked;
    state.label = relSelect.value;
    state.minWeight = parseInt(weightInput.value, 10) || 1;
    $("kg-min-weight-out").textContent = String(state.minWeight);
    state.from = $("kg-date-from").value;
    state.to = $("kg-date-to").value;
    state.hideIsolated = $("kg-hide-isolated").checked;
  }

  var filterTimer = null;
  function applyFilters() {
    clearTimeout(filterTimer);
    filterTimer = null;
    computeVisible();
    nodeView.refresh();
    edgeView.refresh();
    if (focusIds) {
      highlight(focusIds.filter(function (id) { return visibleNodes.has(id); }), false,
                focusEdges && focusEdges.filter(function (id) { return visibleEdges.has(id); }));
    }
    updateVisibleCount();
  }
  kg.applyFilters = applyFilters;

  [["kg-show-relation", "change"], ["kg-show-cooccurrence", "change"], ["kg-relation", "change"],
   ["kg-date-from", "change"], ["kg-date-to", "change"], ["kg-hide-isolated", "change"]].forEach(function (p) {
    $(p[0]).addEventListener(p[1], function () { readControls(); applyFilters(); });
  });
  weightInput.addEventListener("input", function () {
    readControls();
    clearTimeout(filterTimer);
    filterTimer = setTimeout(applyFilters, BIG ? 150 : 30);
  });
  $("kg-filters-reset").addEventListener("click", function () {
    $("kg-show-relation").checked = $("kg-show-cooccurrence").checked = true;
    relSelect.value = "";
    weightInput.value = "1";
    $("kg-date-from").value = $("kg-date-to").value = "";
    $("kg-hide-isolated").checked = false;
    readControls();
    applyFilters();
  });

  /* ---------- highlight a neighbourhood (dim the rest) ---------- */

  var focusIds = null, focusEdges = null;

  /* Dim every drawn node and edge that is not lit (null: light everything). This sets the
   * drawing options of vis-network's node and edge objects and redraws once: going through
   * DataSet.update would re-parse every item's options (about 1 s on 3,000 nodes and
   * 10,000 edges); this takes a few ms. Items that come back through a filter are drawn from
   * their data, so applyFilters paints again. */
  function paint(litNodes, litEdges) {
    var body = network.body;
    Object.keys(body.nodes).forEach(function (id) {
      var node = body.nodes[id], n = nodeById.get(id);
      if (!n) return;
      var on = !litNodes || litNodes.has(id);
      node.options.opacity = on ? 1 : DIM_NODE;
      var f = node.labelModule && node.labelModule.fontOptions;
      if (f && f.color !== (on ? TEXT : DIM_TEXT)) {
        f.color = on ? TEXT : DIM_TEXT;
        f.strokeWidth = on ? n.baseFont.strokeWidth : 0;
        node.labelModule.labelDirty = true; /* the label caches its colours until then */
      }
    });
    Object.keys(body.edges).forEach(function (id) {
      var edge = body.edges[id], e = edgeById.get(id);
      if (!e || !edge.options.color) return;
      var on = !litEdges || litEdges.has(id);
      edge.options.color.opacity = on ? e.baseColor.opacity : DIM_EDGE;
      var f = edge.labelModule && edge.labelModule.fontOptions;
      if (f && f.color !== (on ? EDGE_TEXT : DIM_TEXT)) {
        f.color = on ? EDGE_TEXT : DIM_TEXT;
        edge.labelModule.labelDirty = true;
      }
    });
    network.redraw();
  }

  /* Light up `ids` and their visible neighbours (or, with `edgeIds`, just those edges and
   * their ends) and dim everything else; optionally zoom to what is lit. */
  function highlight(ids, fit, edgeIds) {
    if (!ids.length) { unhighlight(); return; }
    focusIds = ids.slice();
    focusEdges = edgeIds ? edgeIds.slice() : null;
    var near = new Set(ids), nearEdges = new Set();
    if (edgeIds) {
      edgeIds.forEach(function (eid) { nearEdges.add(eid); });
    } else {
      ids.forEach(function (id) {
        (adjacency.get(id) || []).forEach(function (eid) {
          if (!visibleEdges.has(eid)) return;
          var e = edgeById.get(eid);
          nearEdges.add(eid);
          near.add(e.from);
          near.add(e.to);
        });
      });
    }
    paint(near, nearEdges);
    document.body.classList.add("kg-focused");
    if (fit) {
      var shown = Array.from(near).filter(function (id) { return visibleNodes.has(id); });
      if (shown.length) {
        kg.animating = !BIG;
        network.fit({ nodes: shown, maxZoomLevel: 1,
                      animation: BIG ? false : { duration: 350, easingFunction: "easeInOutQuad" } });
      }
    }
  }

  function unhighlight() {
    if (!focusIds) return;
    focusIds = focusEdges = null;
    paint(null, null);
    document.body.classList.remove("kg-focused");
  }

  function selectNodes(ids, fit) {
    ids = ids.filter(function (id) { return visibleNodes.has(id); });
    if (!ids.length) return;
    network.selectNodes(ids, false);
    highlight(ids, fit !== false);
    showNode(ids[0], ids.length);
  }

  function selectEdge(id, fit) {
    var e = edgeById.get(id);
    if (!e) return;
    if (visibleEdges.has(id)) network.setSelection({ nodes: [], edges: [id] }, { unselectAll: true, highlightEdges: false });
    highlight([e.from, e.to].filter(function (n) { return visibleNodes.has(n); }), fit,
              visibleEdges.has(id) ? [id] : []);
    showEdge(id);
  }

  function reset() {
    searchInput.value = "";
    searchResult.textContent = "";
    hideSuggest();
    network.unselectAll();
    unhighlight();
    showHint();
  }

  kg.selectNodes = selectNodes;
  kg.selectEdge = selectEdge;
  kg.showNode = showNode;
  kg.showEdge = showEdge;
  kg.reset = reset;
  kg.highlight = highlight;
  kg.fold = fold;

  /* ---------- search ---------- */

  var searchInput = $("kg-search");
  var searchResult = $("kg-search-result");
  var suggest = $("kg-suggest");
  var suggestIds = [];
  var active = -1;

  /* Matches of a query, best first: exact name or alias, then prefix, then substring. */
  function findNodes(q) {
    var k = fold(q);
    if (!k) return { exact: [], all: [] };
    var exact = [], prefix = [], part = [];
    DATA.nodes.forEach(function (n) {
      var keys = n.searchKeys, best = 0;
      for (var i = 0; i < keys.length; i++) {
        var key = keys[i];
        if (key === k) { best = 3; break; }
        var at = key.indexOf(k);
        if (at === 0) best = Math.max(best, 2);
        else if (at > 0) best = Math.max(best, 1);
      }
      if (best === 3) exact.push(n);
      else if (best === 2) prefix.push(n);
      else if (best === 1) part.push(n);
    });
    function byMentions(a, b) { return (b.mentions - a.mentions) || (a.label < b.label ? -1 : 1); }
    exact.sort(byMentions); prefix.sort(byMentions); part.sort(byMentions);
    var ids = function (list) { return list.map(function (n) { return n.id; }); };
    return { exact: ids(exact), all: ids(exact.concat(prefix, part)) };
  }
  kg.findNodes = findNodes;

  function hideSuggest() { suggest.hidden = true; active = -1; suggestIds = []; }

  function renderSuggest() {
    clearEl(suggest);
    var m = findNodes(searchInput.value);
    suggestIds = m.all.slice(0, 12);
    active = -1;
    if (!suggestIds.length) { suggest.hidden = true; return; }
    suggestIds.forEach(function (id, i) {
      var n = nodeById.get(id), info = typeInfo(n.type);
      var li = el("li", null, visibleNodes.has(id) ? "" : "hidden-node");
      li.setAttribute("role", "option");
      var sw = el("span", "", "swatch");
      sw.style.background = n.color;
      li.appendChild(sw);
      li.appendChild(el("span", n.label, "name"));
      var alias = splitAliases(n.aliases).find(function (a) { return fold(a).indexOf(fold(searchInput.value)) >= 0; });
      if (alias && fold(n.label).indexOf(fold(searchInput.value)) < 0) li.appendChild(el("span", "= " + alias, "alias"));
      li.appendChild(el("span", info.name + " · " + n.mentions, "meta"));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); chooseSuggestion(i); });
      suggest.appendChild(li);
    });
    if (m.all.length > suggestIds.length) suggest.appendChild(el("li", "… " + (m.all.length - suggestIds.length) + " more (Enter selects all)", "more"));
    suggest.hidden = false;
  }

  function moveActive(delta) {
    if (!suggestIds.length) return;
    active = (active + delta + suggestIds.length) % suggestIds.length;
    Array.prototype.forEach.call(suggest.children, function (li, i) { li.classList.toggle("active", i === active); });
  }

  function chooseSuggestion(i) {
    var id = suggestIds[i];
    hideSuggest();
    if (!visibleNodes.has(id)) { searchResult.textContent = "hidden by filters"; return; }
    searchResult.textContent = "1 match";
    selectNodes([id], true);
  }

  function runSearch() {
    var m = findNodes(searchInput.value);
    var ids = (m.exact.length ? m.exact : m.all);
    var shown = ids.filter(function (id) { return visibleNodes.has(id); }).slice(0, 100);
    var hidden = ids.length - ids.filter(function (id) { return visibleNodes.has(id); }).length;
    hideSuggest();
    if (!ids.length) { searchResult.textContent = "no match"; return; }
    searchResult.textContent = shown.length + " match" + (shown.length === 1 ? "" : "es") +
      (hidden ? " (" + hidden + " hidden by filters)" : "");
    if (shown.length) selectNodes(shown, true);
  }

  var suggestTimer = null;
  searchInput.addEventListener("input", function () {
    if (!searchInput.value) { reset(); return; }
    clearTimeout(suggestTimer);
    suggestTimer = setTimeout(renderSuggest, BIG ? 120 : 40);
  });
  searchInput.addEventListener("keydown", function (ev) {
    if (ev.isComposing || ev.keyCode === 229) return; /* Japanese IME: Enter confirms the conversion */
    if (ev.key === "ArrowDown") { ev.preventDefault(); if (suggest.hidden) renderSuggest(); moveActive(1); }
    else if (ev.key === "ArrowUp") { ev.preventDefault(); moveActive(-1); }
    else if (ev.key === "Enter") {
      ev.preventDefault();
      clearTimeout(suggestTimer);
      if (active >= 0) chooseSuggestion(active); else runSearch();
    } else if (ev.key === "Escape") { ev.preventDefault(); reset(); searchInput.blur(); }
  });
  searchInput.addEventListener("blur", function () { setTimeout(hideSuggest, 150); });

  document.addEventListener("keydown", function (ev) {
    var t = ev.target, typing = t && (t.tagName === "INPUT" || t.tagName === "SELECT" || t.tagName === "TEXTAREA");
    if (ev.key === "Escape" && !typing) reset();
    else if (ev.key === "/" && !typing) { ev.preventDefault(); searchInput.focus(); searchInput.select(); }
  });
  $("kg-reset").addEventListener("click", reset);
  $("kg-fit").addEventListener("click", function () {
    kg.animating = !BIG;
    network.fit({ animation: BIG ? false : { duration: 300 } });
  });

  /* ---------- details panel ---------- */

  var details = $("kg-details");

  function showHint() {
    clearEl(details);
    details.appendChild(el("h2", "Details"));
    details.appendChild(el("p", "Click a node to see its names, articles and relations; click an edge to read the sentences that support it.", "kg-hint"));
    var top = DATA.nodes.slice().sort(function (a, b) { return b.mentions - a.mentions; }).slice(0, 12);
    if (top.length) {
      details.appendChild(el("h3", "Most mentioned"));
      var ul = el("ul", null, "kg-list");
      top.forEach(function (n) { ul.appendChild(nodeItem(n.id, " " + n.mentions)); });
      details.appendChild(ul);
    }
  }

  function row(dl, k, v) {
    if (v === "" || v === undefined || v === null) return;
    dl.appendChild(el("dt", k));
    var dd = el("dd");
    if (v instanceof Node) dd.appendChild(v); else dd.textContent = String(v);
    dl.appendChild(dd);
  }

  function nodeLink(id) {
    var n = nodeById.get(id);
    var a = el("button", n ? n.label : id, "kg-link kg-node-link");
    a.type = "button";
    if (n) a.style.setProperty("--swatch", n.color);
    a.addEventListener("click", function () { selectNodes([id], true); });
    return a;
  }

  function nodeItem(id, suffix) {
    var li = el("li");
    li.appendChild(nodeLink(id));
    if (suffix) li.appendChild(el("span", suffix, "meta"));
    return li;
  }

  function articleLine(id, date) {
    var a = DATA.articles[id] || {};
    var wrap = el("span", null, "kg-article");
    wrap.appendChild(el("span", a.title || id || "(article)", "title"));
    var d = date || a.date;
    if (d) wrap.appendChild(el("span", d, "date"));
    if (isHttp(a.url)) {
      var link = el("a", "open ↗");
      link.href = a.url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      wrap.appendChild(link);
    }
    if (a.title && id) wrap.title = id;
    return wrap;
  }

  function showNode(id, count) {
    var n = nodeById.get(id);
    if (!n) return;
    var info = typeInfo(n.type);
    clearEl(details);
    var h = el("h2", n.label, "kg-entity");
    h.style.setProperty("--swatch", n.color);
    details.appendChild(h);
    if (count > 1) details.appendChild(el("p", (count - 1) + " more match" + (count > 2 ? "es" : "") + " selected", "kg-hint"));
    var dl = el("dl");
    row(dl, "type", info.name + " (" + n.type + ")");
    row(dl, "aliases", splitAliases(n.aliases).join("、"));
    if (n.amount_value) row(dl, "value", formatAmount(n.amount_value, n.amount_unit));
    row(dl, "mentions", n.mentions);
    row(dl, "articles", n.articles);
    row(dl, "seen", dateRange(n.first_seen, n.last_seen));
    row(dl, "edges", (adjacency.get(id) || []).length);
    details.appendChild(dl);

    var rels = [], cos = [];
    (adjacency.get(id) || []).forEach(function (eid) {
      var e = edgeById.get(eid);
      (e.kind === "relation" ? rels : cos).push(e);
    });
    rels.sort(function (a, b) { return b.weight - a.weight || (a.relation < b.relation ? -1 : 1); });
    cos.sort(function (a, b) { return b.weight - a.weight; });
    if (rels.length) {
      details.appendChild(el("h3", "Relations (" + rels.length + ")"));
      var ul = el("ul", null, "kg-list kg-rels");
      rels.forEach(function (e) {
        var li = el("li");
        var other = e.from === id ? e.to : e.from;
        var btn = el("button", null, "kg-link kg-rel");
        btn.type = "button";
        var o = nodeById.get(other);
        btn.appendChild(document.createTextNode(e.from === id
          ? "→ " + e.relation + " → " + (o ? o.label : other)
          : "← " + e.relation + " ← " + (o ? o.label : other)));
        btn.title = "show the evidence";
        btn.addEventListener("click", function () { selectEdge(e.id, true); });
        li.appendChild(btn);
        if (e.weight > 1) li.appendChild(el("span", " ×" + e.weight, "meta"));
        if (!visibleEdges.has(e.id)) li.classList.add("hidden-edge");
        ul.appendChild(li);
      });
      details.appendChild(ul);
    }
    if (cos.length) {
      details.appendChild(el("h3", "Named together with (" + cos.length + ")"));
      var cul = el("ul", null, "kg-list kg-chips");
      cos.slice(0, 30).forEach(function (e) {
        var other = e.from === id ? e.to : e.from;
        var li = nodeItem(other, e.weight > 1 ? " ×" + e.weight : "");
        var why = el("button", "文", "kg-link kg-why");
        why.type = "button";
        why.title = "the sentences that name both";
        why.addEventListener("click", function () { selectEdge(e.id, true); });
        li.appendChild(why);
        cul.appendChild(li);
      });
      if (cos.length > 30) cul.appendChild(el("li", "… " + (cos.length - 30) + " more", "meta"));
      details.appendChild(cul);
    }
    if (n.article_ids && n.article_ids.length) {
      details.appendChild(el("h3", "Articles"));
      var aul = el("ul", null, "kg-list kg-articles");
      n.article_ids.forEach(function (a) { var li = el("li"); li.appendChild(articleLine(a)); aul.appendChild(li); });
      details.appendChild(aul);
    }
  }

  /* A sentence as text nodes, with the names of the edge's two entities in <mark>. */
  function markedSentence(text, names) {
    var box = el("blockquote", null, "evidence");
    var ranges = [];
    names.forEach(function (name) {
      if (!name) return;
      var at = text.indexOf(name);
      while (at >= 0) { ranges.push([at, at + name.length]); at = text.indexOf(name, at + name.length); }
    });
    ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var pos = 0;
    ranges.forEach(function (r) {
      if (r[0] < pos) return;
      if (r[0] > pos) box.appendChild(document.createTextNode(text.slice(pos, r[0])));
      box.appendChild(el("mark", text.slice(r[0], r[1])));
      pos = r[1];
    });
    if (pos < text.length) box.appendChild(document.createTextNode(text.slice(pos)));
    return box;
  }

  function showEdge(id) {
    var e = edgeById.get(id);
    if (!e) return;
    var a = nodeById.get(e.from), b = nodeById.get(e.to);
    var rel = e.kind === "relation";
    clearEl(details);
    var h = el("h2", null, "kg-edge-title");
    h.appendChild(nodeLink(e.from));
    h.appendChild(el("span", rel ? " —" + e.relation + "→ " : " — 共起 — ", "kg-rel-name"));
    h.appendChild(nodeLink(e.to));
    details.appendChild(h);
    var dl = el("dl");
    row(dl, "kind", rel ? "relation" : "co-occurrence (named in one sentence)");
    if (rel) row(dl, "relation", e.relation);
    row(dl, "weight", e.weight + (e.weight === 1 ? " mention" : " mentions"));
    if (e.amount_value) row(dl, "amount", formatAmount(e.amount_value, e.amount_unit));
    row(dl, "date", dateRange(e.date, e.latest));
    row(dl, "modality", e.modality);
    var cited = new Set((e.evidence || []).map(function (ev) { return ev.article; }));
    if (e.sources && e.sources.some(function (s) { return !cited.has(s); })) {
      var src = el("span");
      e.sources.forEach(function (s, i) {
        if (i) src.appendChild(document.createTextNode(", "));
        var t = DATA.articles[s] && DATA.articles[s].title;
        src.appendChild(el("span", t || s));
      });
      row(dl, "sources", src);
    }
    details.appendChild(dl);
    var evs = e.evidence || [];
    details.appendChild(el("h3", "Evidence" + (e.evidence_total > evs.length ? " (" + evs.length + " of " + e.evidence_total + ")" : "")));
    if (!evs.length) details.appendChild(el("p", "No sentence stored for this edge.", "kg-hint"));
    var names = [];
    [a, b].forEach(function (n) { if (n) names.push.apply(names, [n.label].concat(splitAliases(n.aliases))); });
    names = names.filter(function (s) { return s.length > 0; });
    evs.forEach(function (ev) {
      var box = el("div", null, "evidence-item");
      box.appendChild(markedSentence(String(ev.text || ""), names));
      var meta = el("div", null, "meta");
      if (ev.article || ev.date) meta.appendChild(articleLine(ev.article, ev.date));
      box.appendChild(meta);
      details.appendChild(box);
    });
  }

  network.on("click", function (p) {
    hideSuggest();
    if (p.nodes.length) { highlight(p.nodes.slice(0, 1), false); showNode(p.nodes[0]); }
    else if (p.edges.length) { selectEdge(p.edges[0], false); }
    else { unhighlight(); showHint(); }
  });
  network.on("doubleClick", function (p) {
    if (p.nodes.length) selectNodes(p.nodes.slice(0, 1), true);
  });

  computeVisible();
  updateVisibleCount();
  showHint();
})();
