"""The explorer page in headless Chromium (Debian's /usr/bin/chromium driven by Playwright).

Every page is opened from its file:// URL with the network cut: any other request is aborted
and recorded, and every console error or page error is recorded; each test asserts both
lists are empty. The page's Content-Security-Policy forbids eval, so waiting is done by
polling ``page.evaluate`` (Playwright's wait_for_function evaluates strings).
"""

from __future__ import annotations

import random
import time
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from conftest import first_article

from kg.cli_render import render
from kg.export.graphml import graphml_bytes
from kg.export.html import html_page
from kg.graph import TYPE_COLORS, ArticleInfo, KnowledgeGraph, build_graph, node_size
from kg.model import Mention, Relation

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
#: The issue's bound for drawing the 3,000-node / 10,000-edge graph.
BIG_PAGE_SECONDS = 5.0


# ---------- harness ----------

@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail("Debian's Chromium is missing: run `make browser` (apt-get install chromium fonts-noto-cjk)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield b
        b.close()


class Opened:
    """A page opened offline, with what it tried to fetch and the errors it logged."""

    def __init__(self, browser, path: Path, init_script: str = "", viewport=(1400, 900)):
        self.url = path.resolve().as_uri()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        self.page = self.context.new_page()
        if init_script:
            self.page.add_init_script(init_script)
        self.page.route("**/*", self._route)
        self.page.on("console", lambda m: self.errors.append(f"console: {m.text}") if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))

    def _route(self, route):
        if route.request.url == self.url:
            route.continue_()
        else:
            self.requests.append(route.request.url)
            route.abort()

    def open(self, timeout: float = 20.0) -> float:
        """Load the page and wait until the network is drawn; the seconds it took."""
        t0 = time.perf_counter()
        self.page.goto(self.url, wait_until="commit")
        self.wait("window.kg && kg.ready && network.body.data.nodes.length === kg.data.nodes.length", timeout)
        return time.perf_counter() - t0

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def wait(self, expression: str, timeout: float = 10.0, arg=None) -> None:
        end = time.perf_counter() + timeout
        while not self.page.evaluate(expression, arg):
            if time.perf_counter() > end:
                raise AssertionError(f"timed out waiting for {expression}")
            time.sleep(0.02)

    def settle(self) -> None:
        """Wait until vis-network has finished any zoom animation."""
        self.wait("!kg.animating")

    def click_canvas(self, x: float, y: float) -> None:
        """A real mouse click at canvas coordinates (x, y)."""
        box = self.page.locator("#mynetwork").bounding_box()
        dom = self.js("([x, y]) => network.canvasToDOM({x, y})", [x, y])
        self.page.mouse.click(box["x"] + dom["x"], box["y"] + dom["y"])

    def details_text(self) -> str:
        return self.js("document.getElementById('kg-details').textContent")

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def opened(browser):
    pages: list[Opened] = []

    def make(path: Path, **kw) -> Opened:
        o = Opened(browser, path, **kw)
        pages.append(o)
        return o

    yield make
    for o in pages:
        o.close()


def assert_clean(o: Opened) -> None:
    assert o.requests == [], f"requests left the file: {o.requests}"
    assert o.errors == [], f"console errors: {o.errors}"


# ---------- hand-made graphs (no model) ----------

T2 = "Googleはカイロス・パワーと提携した。トヨタは2024年に東京で発表した。"


def small_kg() -> KnowledgeGraph:
    info, mentions, relations, spans = first_article()
    arts = [info, ArticleInfo("a2", "記事2", "2024-06-03", "", T2)]
    mentions = mentions + [
        Mention("a2", 0, 6, "Google", "company", "グーグル", "dict", 0),
        Mention("a2", 7, 15, "カイロス・パワー", "company", "カイロス・パワー", "dict", 0),
        Mention("a2", 20, 23, "トヨタ", "company", "トヨタ", "dict", 1),
        Mention("a2", 30, 32, "東京", "place", "東京", "dict", 1),
    ]
    relations = relations + [Relation("a2", (0, 6), (7, 15), "提携する", 0, 19, "frame", 0.9, "partner")]
    spans = {**spans, ("a2", 0): (0, 19), ("a2", 1): (19, len(T2))}
    return build_graph(arts, mentions, relations, spans)


@pytest.fixture
def small_page(tmp_path) -> Path:
    path = tmp_path / "small.html"
    path.write_text(html_page(small_kg(), title="small"), encoding="utf-8")
    return path


def relation_edge(o: Opened, relation: str) -> dict:
    return o.js("(r) => kg.data.edges.find(e => e.relation === r)", relation)


# ---------- the sample corpus (the one page built with the model) ----------

@pytest.mark.model
def test_sample_page_draws_every_node_and_edge_offline(sample_build, opened):
    _, out, _ = sample_build
    g = nx.read_graphml(out / "graph.graphml", force_multigraph=True)
    o = opened(out / "graph.html")
    o.open()
    o.settle()
    drawn = o.js("""() => ({
        nodes: network.body.data.nodes.getIds(), edges: network.body.data.edges.length,
        nodeObjects: Object.keys(network.body.nodes).length, edgeIds: network.body.data.edges.getIds(),
        shown: kg.data.shown_nodes, omitted: kg.data.omitted_nodes })""")
    print(f"\nsample page: {len(drawn['nodes'])} nodes, {drawn['edges']} edges drawn "
          f"(GraphML: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges)")
    assert g.number_of_nodes() > 50 and g.number_of_edges() > 50
    assert sorted(drawn["nodes"]) == sorted(g.nodes)
    assert drawn["nodeObjects"] == g.number_of_nodes()
    assert drawn["edges"] == g.number_of_edges()
    assert sorted(drawn["edgeIds"]) == sorted(str(k) for *_, k in g.edges(keys=True))
    assert drawn["omitted"] == 0
    # the most mentioned entity is found by name and selected
    top = max(g.nodes, key=lambda n: (g.nodes[n]["mentions"], n))
    o.page.fill("#kg-search", g.nodes[top]["label"])
    o.page.press("#kg-search", "Enter")
    assert o.js("network.getSelectedNodes()")[0] == top
    assert o.js("document.querySelector('#kg-details h2').textContent") == g.nodes[top]["label"]
    assert_clean(o)


# ---------- search, legend, filters, details ----------

def test_search_is_kana_and_width_insensitive_and_highlights_the_neighbourhood(small_page, opened):
    o = opened(small_page)
    o.open()
    # hiragana finds katakana; Enter selects and shows the details
    o.page.fill("#kg-search", "ぐーぐる")
    o.wait("!document.getElementById('kg-suggest').hidden")
    assert o.js("document.querySelector('#kg-suggest .name').textContent") == "グーグル"
    o.page.press("#kg-search", "Enter")
    assert o.js("network.getSelectedNodes()") == ["グーグル"]
    assert o.js("document.querySelector('#kg-details h2').textContent") == "グーグル"
    assert "1 match" in o.js("document.getElementById('kg-search-result').textContent")
    # neighbours stay lit, the rest is dimmed
    opacity = o.js("() => Object.fromEntries(Object.entries(network.body.nodes).map(([k, n]) => [k, n.options.opacity]))")
    assert opacity["グーグル"] == 1 and opacity["カイロス・パワー"] == 1
    assert opacity["東京"] < 0.5 and opacity["マイクロソフト"] < 0.5
    # Escape resets selection and highlight
    o.page.press("#kg-search", "Escape")
    assert o.js("network.getSelectedNodes()") == []
    assert o.js("Object.values(network.body.nodes).every(n => n.options.opacity === 1)")
    assert o.js("document.getElementById('kg-search').value") == ""
    # a full-width alias (Ｇｏｏｇｌｅ -> Google) finds the same node; clearing the box resets
    o.page.fill("#kg-search", "ＧＯＯＧＬＥ")
    o.page.press("#kg-search", "Enter")
    assert o.js("network.getSelectedNodes()") == ["グーグル"]
    o.page.fill("#kg-search", "")
    assert o.js("network.getSelectedNodes()") == []
    assert o.js("Object.values(network.body.nodes).every(n => n.options.opacity === 1)")
    # no match says so
    o.page.fill("#kg-search", "存在しない名前")
    o.page.press("#kg-search", "Enter")
    assert o.js("document.getElementById('kg-search-result').textContent") == "no match"
    assert o.js("network.getSelectedNodes()") == []
    assert_clean(o)


def test_legend_click_hides_and_shows_a_type(small_page, opened):
    o = opened(small_page)
    o.open()
    count = "(t) => network.body.data.nodes.get({filter: n => n.type === t}).length"
    assert o.js(count, "company") == 4
    assert o.js("document.querySelector('#kg-legend li[data-type=company] .count').textContent") == "4"
    o.page.click("#kg-legend li[data-type=company]")
    assert o.js(count, "company") == 0
    assert o.js("Object.keys(network.body.nodes).sort()") == sorted(["140億ドル @a1", "東京"])
    assert o.js(count, "place") == 1
    assert o.js("document.querySelector('#kg-legend li[data-type=company]').classList.contains('off')")
    assert "4 nodes hidden" in o.js("document.getElementById('kg-visible').textContent")
    o.page.click("#kg-legend li[data-type=company]")
    assert o.js(count, "company") == 4
    assert o.js("network.body.data.edges.length") == o.js("kg.data.edges.length")
    assert_clean(o)


def test_filters_by_kind_label_weight_and_date(small_page, opened):
    o = opened(small_page)
    o.open()
    kinds = "() => network.body.data.edges.get().map(e => e.kind + ':' + e.relation).sort()"
    total = o.js("kg.data.edges.length")
    o.page.uncheck("#kg-show-cooccurrence")
    assert o.js(kinds) == ["relation:投じる", "relation:提携する", "relation:支援する"]
    o.page.select_option("#kg-relation", "支援する")
    assert o.js(kinds) == ["relation:支援する"]
    o.page.check("#kg-hide-isolated")
    assert sorted(o.js("network.body.data.nodes.getIds()")) == ["カイロス・パワー", "グーグル"]
    o.page.click("#kg-filters-reset")
    assert o.js("network.body.data.edges.length") == total
    # minimum weight: only the co-occurrence named in both articles has weight 2
    o.js("() => { const w = document.getElementById('kg-min-weight'); w.value = '2'; "
         "w.dispatchEvent(new Event('input')); }")
    o.wait("network.body.data.edges.length === 1")
    assert o.js("network.body.data.edges.get()[0].weight") == 2
    o.page.click("#kg-filters-reset")
    # article dates: a1 is 2025-01-02, a2 is 2024-06-03
    o.page.fill("#kg-date-from", "2025-01-01")
    o.page.dispatch_event("#kg-date-from", "change")
    rels = o.js("() => network.body.data.edges.get({filter: e => e.kind === 'relation'}).map(e => e.relation).sort()")
    assert rels == ["投じる", "支援する"]
    assert "東京" not in o.js("network.body.data.nodes.getIds()")
    assert_clean(o)


def test_edge_click_shows_its_evidence(small_page, opened):
    o = opened(small_page)
    o.open()
    o.settle()
    e = relation_edge(o, "投じる")
    # zoom onto the edge, then click the middle of it with the mouse
    o.js("(ids) => network.fit({nodes: ids, animation: false})", [e["from"], e["to"]])
    pos = o.js("(ids) => network.getPositions(ids)", [e["from"], e["to"]])
    mx = (pos[e["from"]]["x"] + pos[e["to"]]["x"]) / 2
    my = (pos[e["from"]]["y"] + pos[e["to"]]["y"]) / 2
    dom = o.js("([x, y]) => network.canvasToDOM({x, y})", [mx, my])
    assert o.js("(p) => network.getEdgeAt(p)", dom) == e["id"]
    assert o.js("(p) => network.getNodeAt(p)", dom) is None
    o.click_canvas(mx, my)
    assert o.js("network.getSelectedEdges()") == [e["id"]]
    text = o.details_text()
    assert "マイクロソフトは140億ドルを投じる計画だ。" in text
    assert "記事1" in text and "2025-01-02" in text
    assert "14,000,000,000 USD (140億 USD)" in text and "plan" in text
    marks = o.js("Array.from(document.querySelectorAll('#kg-details mark')).map(m => m.textContent)")
    assert marks == ["マイクロソフト", "140億ドル"]
    link = o.js("""() => { const a = document.querySelector('#kg-details a');
                           return a && {href: a.href, rel: a.rel, target: a.target}; }""")
    assert link == {"href": "https://example.com/1", "rel": "noopener noreferrer", "target": "_blank"}
    # a relation listed on a node is clickable and leads to the same evidence
    o.page.fill("#kg-search", "マイクロソフト")
    o.page.press("#kg-search", "Enter")
    o.page.click("#kg-details button.kg-rel")
    assert "マイクロソフトは140億ドルを投じる計画だ。" in o.details_text()
    assert o.js("network.getSelectedEdges()") == [e["id"]]
    assert_clean(o)


def test_node_click_shows_its_details(small_page, opened):
    o = opened(small_page)
    o.open()
    o.settle()
    o.js("network.fit({nodes: ['東京'], animation: false})")
    pos = o.js("network.getPositions(['東京'])")["東京"]
    o.click_canvas(pos["x"], pos["y"])
    assert o.js("network.getSelectedNodes()") == ["東京"]
    text = o.details_text()
    assert "東京" in text and "地名" in text and "トヨタ" in text and "記事2" in text
    # clicking empty canvas clears the panel and the highlight
    o.js("network.moveTo({position: {x: 100000, y: 100000}, scale: 1})")
    o.click_canvas(100000, 100000)
    assert "Click a node" in o.details_text()
    assert_clean(o)


def test_page_says_what_max_nodes_left_out(tmp_path, opened):
    path = tmp_path / "cut.html"
    path.write_text(html_page(small_kg(), max_nodes=2), encoding="utf-8")
    o = opened(path)
    o.open()
    assert sorted(o.js("network.body.data.nodes.getIds()")) == ["カイロス・パワー", "グーグル"]
    assert o.js("document.getElementById('kg-omitted').hidden") is False
    text = o.js("document.getElementById('kg-omitted').textContent")
    assert "the 2 most mentioned of 6 nodes (--max-nodes 2)" in text
    assert "Left out: 4 nodes (企業 2, 金額・数量 1, 地名 1)" in text
    listed = o.js("Array.from(document.querySelectorAll('#kg-omitted-list li')).map(li => li.textContent)")
    assert len(listed) == 4 and "マイクロソフト (1)" in listed
    assert "of 6" in o.js("document.getElementById('kg-stats').textContent")
    assert_clean(o)


# ---------- safety ----------

EVIL_SCRIPT = "<script>window.__pwned = 'script'</script>"
EVIL_IMG = "<img src=x onerror=\"window.__pwned = 'img'\">"
EVIL_B = "<b>太字</b>"
TRAP = """
window.__pwnedLog = [];
Object.defineProperty(window, '__pwned', {
  configurable: false,
  get() { return undefined; },
  set(v) { window.__pwnedLog.push(String(v)); },
});
"""


def evil_kg() -> KnowledgeGraph:
    name_a = EVIL_B + "社"
    name_b = "<img src=y onerror=\"window.__pwned='name'\">"
    text = f"{name_a}は{name_b}を買収した。{EVIL_SCRIPT}{EVIL_IMG}{EVIL_B}"
    a_end = len(name_a)
    b_start = a_end + 1
    b_end = b_start + len(name_b)
    arts = [ArticleInfo("evil.md", f"{EVIL_B}{EVIL_SCRIPT}{EVIL_IMG}", "2025-03-04",
                        "javascript:window.__pwned='link'", text)]
    mentions = [Mention("evil.md", 0, a_end, name_a, "company", name_a, "dict", 0),
                Mention("evil.md", b_start, b_end, name_b, "company", name_b, "dict", 0)]
    relations = [Relation("evil.md", (0, a_end), (b_start, b_end), "買収する", 0, len(text), "frame", 0.9, "object")]
    return build_graph(arts, mentions, relations, {("evil.md", 0): (0, len(text))})


def test_markup_in_articles_and_names_is_shown_as_text_and_never_runs(tmp_path, opened):
    kg = evil_kg()
    path = tmp_path / "evil.html"
    path.write_text(html_page(kg, title=EVIL_SCRIPT + EVIL_IMG), encoding="utf-8")
    o = opened(path, init_script=TRAP)
    o.open()
    o.settle()
    name_a, name_b = EVIL_B + "社", next(n for n in kg.graph.nodes if n.startswith("<img"))
    assert o.js("document.title") == EVIL_SCRIPT + EVIL_IMG
    assert o.js("document.getElementById('kg-title').textContent") == EVIL_SCRIPT + EVIL_IMG
    # search suggestions and the node's details
    o.page.fill("#kg-search", "<b>太字")
    o.wait("!document.getElementById('kg-suggest').hidden")
    assert o.js("document.querySelector('#kg-suggest .name').textContent") == name_a
    o.page.press("#kg-search", "Enter")
    assert o.js("network.getSelectedNodes()") == [name_a]
    assert o.js("document.querySelector('#kg-details h2').textContent") == name_a
    assert name_b in o.details_text()  # its relation, as text
    # the edge's evidence, article title and (refused) link
    o.page.click("#kg-details button.kg-rel")
    text = o.details_text()
    assert EVIL_SCRIPT in text and EVIL_IMG in text and EVIL_B in text
    assert f"{EVIL_B}{EVIL_SCRIPT}{EVIL_IMG}" in text  # the title
    # the hover tooltip is text too
    pos = o.js("(id) => network.getPositions([id])[id]", name_b)
    box = o.page.locator("#mynetwork").bounding_box()
    dom = o.js("([x, y]) => network.canvasToDOM({x, y})", [pos["x"], pos["y"]])
    o.page.mouse.move(box["x"] + dom["x"], box["y"] + dom["y"])
    o.wait("(() => { const t = document.querySelector('div.vis-tooltip'); "
           "return t && t.style.visibility !== 'hidden' && t.textContent.length > 0; })()")
    assert o.js("document.querySelector('div.vis-tooltip').textContent").startswith(name_b)
    # nothing from the articles became markup, nothing ran, nothing was fetched
    injected = o.js("""() => ['#kg-top', '#kg-side', '#kg-details', '#kg-suggest', 'div.vis-tooltip']
        .map(s => document.querySelector(s)).filter(Boolean)
        .flatMap(root => Array.from(root.querySelectorAll('b, img, script, iframe'))).length""")
    assert injected == 0
    assert o.js("document.querySelectorAll('script').length") == 3
    assert o.js("Array.from(document.querySelectorAll('a')).filter(a => !/^https?:/.test(a.href)).length") == 0
    assert o.js("window.__pwnedLog") == []
    assert_clean(o)


def test_the_network_guard_sees_requests(tmp_path, opened):
    """The harness itself: a page that fetches something is caught (so empty lists mean something)."""
    path = tmp_path / "leaky.html"
    path.write_text("<!DOCTYPE html><title>x</title><img src='https://example.com/x.png'>"
                    "<script>console.error('boom'); window.kg = {ready: true, data: {nodes: []}};"
                    "window.network = {body: {data: {nodes: {length: 0}}}};</script>", encoding="utf-8")
    o = opened(path)
    o.open()
    o.page.wait_for_timeout(200)
    assert o.requests == ["https://example.com/x.png"]
    assert any("boom" in e for e in o.errors)


# ---------- scale ----------

def synthetic_graph(n_nodes: int = 3000, n_edges: int = 10000, seed: int = 5) -> nx.MultiDiGraph:
    """A contract-shaped graph: clustered positions, every type, relations and co-occurrences."""
    rnd = random.Random(seed)
    types = list(TYPE_COLORS)
    centres = [(rnd.uniform(-2500, 2500), rnd.uniform(-2500, 2500)) for _ in range(40)]
    g = nx.MultiDiGraph()
    for i in range(n_nodes):
        t = types[i % len(types)]
        mentions = max(1, int(rnd.paretovariate(1.5)))
        cx, cy = centres[i % len(centres)]
        r, gr, b = TYPE_COLORS[t]
        g.add_node(f"n{i}", label=f"エンティティ{i}", type=t, aliases=f"Entity {i}", mentions=mentions,
                   articles=min(mentions, 5), r=r, g=gr, b=b, size=node_size(mentions),
                   x=round(cx + rnd.gauss(0, 150), 2), y=round(cy + rnd.gauss(0, 150), 2))
    for j in range(n_edges):
        u = rnd.randrange(n_nodes)
        v = (u + 40 * rnd.randrange(1, 8)) % n_nodes if rnd.random() < 0.8 else rnd.randrange(n_nodes)
        if u == v:
            v = (v + 1) % n_nodes
        rel = j % 4 == 0
        g.add_edge(f"n{u}", f"n{v}", key=f"e{j}", kind="relation" if rel else "cooccurrence",
                   edgelabel="出資する" if rel else "共起", relation="出資する" if rel else "",
                   weight=1 + rnd.randrange(5), evidence=f"エンティティ{u}はエンティティ{v}に出資した。",
                   sources=f"a{j % 500}.md")
    return g


@pytest.mark.slow
def test_big_graph_is_drawn_and_usable_within_bound(tmp_path, opened):
    g = synthetic_graph()
    src = tmp_path / "big.graphml"
    src.write_bytes(graphml_bytes(g))
    out = tmp_path / "big.html"
    t0 = time.perf_counter()
    result = CliRunner().invoke(render, [str(src), "-o", str(out)])
    render_s = time.perf_counter() - t0
    assert result.exit_code == 0, result.output

    o = opened(out)
    seconds = o.open(timeout=30)
    in_page = o.js("kg.readyAt") / 1000
    counts = o.js("[network.body.data.nodes.length, Object.keys(network.body.nodes).length, "
                  "network.body.data.edges.length, kg.big, !!network.physics.options.enabled]")
    # usable: a search selects and highlights, a legend click hides a type
    t1 = time.perf_counter()
    o.page.fill("#kg-search", "エンティティ1234")
    o.page.press("#kg-search", "Enter")
    search_s = time.perf_counter() - t1
    selected = o.js("network.getSelectedNodes()")
    t2 = time.perf_counter()
    o.page.click("#kg-legend li[data-type=amount]")
    legend_s = time.perf_counter() - t2
    amounts = o.js("network.body.data.nodes.get({filter: n => n.type === 'amount'}).length")
    print(f"\n3,000 nodes / 10,000 edges: kg render {render_s:.2f} s; drawn in Chromium in {seconds:.2f} s "
          f"(in-page {in_page:.2f} s); search {search_s:.2f} s; legend click {legend_s:.2f} s")
    assert counts == [3000, 3000, 10000, True, False]
    assert selected == ["n1234"]
    assert amounts == 0
    assert seconds < BIG_PAGE_SECONDS
    assert_clean(o)
