/* kg explorer: search, legend, filters and details over a vis-network graph.
 * Every string that comes from articles is inserted with textContent, never as HTML. */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  var hiddenTypes = {};
  var filters = { relation: true, cooccurrence: true, label: "", minWeight: 1, from: "", to: "" };

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  /* Search key: NFKC, lower case, katakana folded to hiragana, spaces and middle dots removed. */
  function fold(s) {
    s = String(s || "").normalize("NFKC").toLowerCase();
    s = s.replace(/[\u30a1-\u30f6]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0x60); });
    return s.replace(/[\s\u30fb\uff65・=]/g, "");
  }

  DATA.nodes.forEach(function (n) {
    n.title = undefined; /* no HTML tooltips */
    n.searchKeys = [fold(n.label)].concat(String(n.aliases || "").split(" | ").filter(Boolean).map(fold));
  });
  DATA.edges.forEach(function (e) { e.title = undefined; });

  var nodes = new vis.DataSet(DATA.nodes);
  var edges = new vis.DataSet(DATA.edges);
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return !hiddenTypes[n.type]; } });
  var edgeView = new vis.DataView(edges, { filter: edgeVisible });

  function edgeVisible(e) {
    if (e.kind === "relation" && !filters.relation) return false;
    if (e.kind === "cooccurrence" && !filters.cooccurrence) return false;
    if (filters.label && e.relation !== filters.label) return false;
    if ((e.weight || 1) < filters.minWeight) return false;
    var first = e.date || "", last = e.latest || e.date || "";
    if (filters.from && last && last < filters.from) return false;
    if (filters.to && first && first > filters.to) return false;
    return true;
  }

  var container = document.getElementById("mynetwork");
  var big = DATA.nodes.length > 600;
  var options = {
    nodes: { shape: "dot", font: { size: 14, face: "Noto Sans CJK JP, sans-serif" }, scaling: { label: { enabled: true, min: 10, max: 28, drawThreshold: 6 } } },
    edges: { smooth: false, color: { inherit: "from", opacity: 0.6 }, font: { size: 11, align: "middle" },
             scaling: { min: 1, max: 6 } },
    physics: { enabled: !big, stabilization: { enabled: true, iterations: 150, fit: true },
               barnesHut: { gravitationalConstant: -6000, springLength: 140 } },
    interaction: { hover: true, tooltipDelay: 200, hideEdgesOnDrag: big, hideEdgesOnZoom: big },
    layout: { improvedLayout: false }
  };
  /* global on purpose: the page stays scriptable, as with pyvis */
  window.network = new vis.Network(container, { nodes: nodeView, edges: edgeView }, options);
  window.kg = { data: DATA, nodes: nodes, edges: edges, nodeView: nodeView, edgeView: edgeView };
  network.once("stabilizationIterationsDone", function () { network.setOptions({ physics: { enabled: false } }); });

  document.getElementById("kg-title").textContent = DATA.title || "kg";
  document.getElementById("kg-stats").textContent =
    DATA.shown_nodes + " nodes · " + DATA.shown_edges + " edges";
  if (DATA.omitted_nodes > 0) {
    var om = document.getElementById("kg-omitted");
    om.hidden = false;
    om.textContent = "Showing the " + DATA.shown_nodes + " most mentioned of " + DATA.total_nodes +
      " nodes; " + DATA.omitted_nodes + " left out (see graph.graphml for all).";
  }

  /* legend */
  var counts = {};
  DATA.nodes.forEach(function (n) { counts[n.type] = (counts[n.type] || 0) + 1; });
  var legend = document.getElementById("kg-legend");
  DATA.types.forEach(function (t) {
    var li = el("li");
    li.dataset.type = t.type;
    var sw = el("span", "", "swatch");
    sw.style.background = t.color;
    li.appendChild(sw);
    li.appendChild(el("span", t.name + " " + t.type));
    li.appendChild(el("span", counts[t.type] || 0, "count"));
    li.title = "click to hide or show " + t.type;
    li.addEventListener("click", function () {
      hiddenTypes[t.type] = !hiddenTypes[t.type];
      li.classList.toggle("off", !!hiddenTypes[t.type]);
      nodeView.refresh();
    });
    legend.appendChild(li);
  });

  /* filters */
  var relSelect = document.getElementById("kg-relation");
  var labels = {};
  DATA.edges.forEach(function (e) { if (e.kind === "relation" && e.relation) labels[e.relation] = (labels[e.relation] || 0) + 1; });
  Object.keys(labels).sort().forEach(function (l) {
    var o = el("option", l + " (" + labels[l] + ")");
    o.value = l;
    relSelect.appendChild(o);
  });
  function bind(id, ev, fn) { document.getElementById(id).addEventListener(ev, function (e) { fn(e.target); edgeView.refresh(); }); }
  bind("kg-show-relation", "change", function (t) { filters.relation = t.checked; });
  bind("kg-show-cooccurrence", "change", function (t) { filters.cooccurrence = t.checked; });
  bind("kg-relation", "change", function (t) { filters.label = t.value; });
  bind("kg-min-weight", "input", function (t) { filters.minWeight = parseInt(t.value, 10) || 1; });
  bind("kg-date-from", "change", function (t) { filters.from = t.value; });
  bind("kg-date-to", "change", function (t) { filters.to = t.value; });

  /* search */
  var search = document.getElementById("kg-search");
  var result = document.getElementById("kg-search-result");
  function findNodes(q) {
    var k = fold(q);
    if (!k) return [];
    var exact = [], partial = [];
    DATA.nodes.forEach(function (n) {
      if (n.searchKeys.indexOf(k) >= 0) exact.push(n.id);
      else if (n.searchKeys.some(function (s) { return s.indexOf(k) >= 0; })) partial.push(n.id);
    });
    return exact.length ? exact : partial;
  }
  search.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter" || ev.isComposing) return;
    var ids = findNodes(search.value).filter(function (id) { return nodeView.get(id); });
    result.textContent = ids.length ? ids.length + " match" + (ids.length > 1 ? "es" : "") : "no match";
    if (!ids.length) return;
    network.selectNodes(ids, true);
    network.fit({ nodes: ids.concat(network.getConnectedNodes(ids[0])), animation: false });
    showNode(ids[0]);
  });

  /* details */
  var details = document.getElementById("kg-details");
  function clear() { while (details.firstChild) details.removeChild(details.firstChild); }
  function row(dl, k, v) { if (v === "" || v === undefined || v === null) return; dl.appendChild(el("dt", k)); dl.appendChild(el("dd", v)); }
  function showNode(id) {
    var n = nodes.get(id);
    if (!n) return;
    clear();
    details.appendChild(el("h2", n.label));
    var dl = el("dl");
    row(dl, "type", n.type);
    row(dl, "aliases", n.aliases);
    row(dl, "mentions", n.mentions);
    row(dl, "articles", n.articles);
    row(dl, "first seen", n.first_seen);
    row(dl, "last seen", n.last_seen);
    details.appendChild(dl);
    var rels = edges.get({ filter: function (e) { return e.kind === "relation" && (e.from === id || e.to === id); } });
    if (rels.length) {
      details.appendChild(el("h2", "relations"));
      var ul = el("ul", null, "rels");
      rels.forEach(function (e) {
        var a = nodes.get(e.from), b = nodes.get(e.to);
        ul.appendChild(el("li", (a ? a.label : e.from) + " —" + e.relation + "→ " + (b ? b.label : e.to) + " (" + e.weight + ")"));
      });
      details.appendChild(ul);
    }
  }
  function showEdge(id) {
    var e = edges.get(id);
    if (!e) return;
    var a = nodes.get(e.from), b = nodes.get(e.to);
    clear();
    details.appendChild(el("h2", (a ? a.label : e.from) + " → " + (b ? b.label : e.to)));
    var dl = el("dl");
    row(dl, "kind", e.kind);
    row(dl, "relation", e.relation);
    row(dl, "weight", e.weight);
    if (e.amount_value) row(dl, "amount", e.amount_value + " " + (e.amount_unit || ""));
    row(dl, "date", e.date);
    row(dl, "modality", e.modality);
    details.appendChild(dl);
    details.appendChild(el("h2", "evidence"));
    (e.evidence || []).forEach(function (ev) {
      var box = el("div", null, "evidence-item");
      box.appendChild(el("div", ev.text, "evidence"));
      var meta = el("div", null, "meta");
      meta.appendChild(document.createTextNode([ev.title || ev.article, ev.date].filter(Boolean).join(" · ")));
      if (ev.url && /^https?:\/\//i.test(ev.url)) {
        meta.appendChild(document.createTextNode(" · "));
        var link = el("a", "link");
        link.href = ev.url;
        link.target = "_blank";
        link.rel = "noopener noreferrer";
        meta.appendChild(link);
      }
      box.appendChild(meta);
      details.appendChild(box);
    });
  }
  network.on("click", function (p) {
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showEdge(p.edges[0]);
  });
})();
