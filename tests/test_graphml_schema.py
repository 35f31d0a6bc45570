"""GraphML output against the rules of the GraphML schema (graphml.xsd 1.0) and the contract.

:func:`graphml_problems` lists every broken rule of a document: well-formed XML 1.0 in
UTF-8; unique key ids that are XML name tokens; ``for`` and ``attr.type`` from the sets the
schema allows; keys before the graph; ``edgedefault`` set; unique node and edge ids; every
``data`` referring to a declared key whose ``for`` matches its element, with a value of the
key's type; every edge's source and target an existing node. (Node ids are entity names, as
the contract wants them to match ``mentions.jsonl``; they are not restricted to name tokens.)
"""

from __future__ import annotations

import io
import math
import re

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from kg.export.graphml import GraphMLError, graphml_bytes
from kg.export.xmltext import xml_safe

NS = "http://graphml.graphdrawing.org/xmlns"
G = f"{{{NS}}}"
KEY_FOR = {"all", "graph", "node", "edge", "hyperedge", "port", "endpoint"}
ATTR_TYPES = {"boolean", "int", "long", "float", "double", "string"}
EDGEDEFAULT = {"directed", "undirected"}
_NMTOKEN = re.compile(
    "^[-.0-9:A-Z_a-z\u00b7\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u037d\u037f-\u1fff\u200c\u200d\u203f\u2040"
    "\u2070-\u218f\u2c00-\u2fef\u3001-\ud7ff\uf900-\ufdcf\ufdf0-\ufffd\U00010000-\U000effff]+$"
)
_XSD_FLOAT = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$|^-?INF$|^NaN$")


def _value_ok(text: str, t: str) -> bool:
    if t in ("int", "long"):
        return re.fullmatch(r"[+-]?\d+", text) is not None
    if t in ("float", "double"):
        return _XSD_FLOAT.match(text) is not None
    if t == "boolean":
        return text in ("true", "false", "1", "0")
    return True


def graphml_problems(blob: bytes) -> list[str]:
    """Every rule of the GraphML schema (and of the contract's key ids) that ``blob`` breaks."""
    problems: list[str] = []
    head = blob[:100]
    if not head.startswith(b'<?xml version="1.0" encoding="UTF-8"?>'):
        problems.append(f"no XML 1.0 / UTF-8 declaration: {head[:60]!r}")
    try:
        blob.decode("utf-8", errors="strict")
    except UnicodeDecodeError as exc:
        return [f"not UTF-8: {exc}"]
    try:
        root = etree.fromstring(blob, etree.XMLParser(resolve_entities=False, no_network=True, recover=False))
    except etree.XMLSyntaxError as exc:
        return [f"not well-formed XML: {exc}"]
    if root.tag != f"{G}graphml":
        return [f"root element is {root.tag}, not graphml"]

    children = [c for c in root if isinstance(c.tag, str)]
    tags = [c.tag for c in children]
    if f"{G}graph" in tags and f"{G}key" in tags[tags.index(f"{G}graph"):]:
        problems.append("a <key> after the <graph>: the schema wants keys first")
    keys: dict[str, tuple[str, str]] = {}
    for k in root.findall(f"{G}key"):
        kid, kfor, name, ktype = k.get("id"), k.get("for", "all"), k.get("attr.name"), k.get("attr.type")
        if not kid or not _NMTOKEN.match(kid):
            problems.append(f"key id {kid!r} is not an XML name token")
        if kid in keys:
            problems.append(f"key id {kid!r} declared twice")
        if kfor not in KEY_FOR:
            problems.append(f"key {kid!r}: for={kfor!r} not in {sorted(KEY_FOR)}")
        if ktype not in ATTR_TYPES:
            problems.append(f"key {kid!r}: attr.type={ktype!r} not in {sorted(ATTR_TYPES)}")
        if name is None or not _NMTOKEN.match(name):
            problems.append(f"key {kid!r}: attr.name {name!r} is not an XML name token")
        elif name != kid:
            problems.append(f"key {kid!r}: id differs from attr.name {name!r} (the contract names keys after attributes)")
        keys[kid] = (kfor, ktype or "string")

    graphs = root.findall(f"{G}graph")
    if not graphs:
        problems.append("no <graph>")
    node_ids: set[str] = set()
    edge_ids: set[str] = set()
    for graph in graphs:
        if graph.get("edgedefault") not in EDGEDEFAULT:
            problems.append(f"graph edgedefault={graph.get('edgedefault')!r} not in {sorted(EDGEDEFAULT)}")
        for node in graph.iter(f"{G}node"):
            nid = node.get("id")
            if nid is None:
                problems.append("a node without id")
            elif nid in node_ids:
                problems.append(f"node id {nid!r} twice")
            node_ids.add(nid)
    for graph in graphs:
        for edge in graph.iter(f"{G}edge"):
            eid = edge.get("id")
            if eid is not None:
                if eid in edge_ids:
                    problems.append(f"edge id {eid!r} twice")
                edge_ids.add(eid)
            for end in ("source", "target"):
                if edge.get(end) not in node_ids:
                    problems.append(f"edge {eid!r}: {end} {edge.get(end)!r} is not a node")
    for data in root.iter(f"{G}data"):
        key = data.get("key")
        owner = data.getparent().tag.removeprefix(G)
        if key not in keys:
            problems.append(f"<data key={key!r}> on a {owner}: no such key")
            continue
        kfor, ktype = keys[key]
        if kfor not in ("all", owner):
            problems.append(f"<data key={key!r}> on a {owner}, but the key is for {kfor}")
        if len(data):
            problems.append(f"<data key={key!r}> has child elements")
        if not _value_ok(data.text or "", ktype):
            problems.append(f"<data key={key!r}> value {data.text!r} is not a {ktype}")
    return problems


# --------------------------------------------------------------------------- the checker itself


def test_the_checker_finds_broken_documents():
    good = (b'<?xml version="1.0" encoding="UTF-8"?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
            b'<key id="w" for="edge" attr.name="w" attr.type="int"/><graph edgedefault="directed">'
            b'<node id="a"/><node id="b"/><edge source="a" target="b"><data key="w">3</data></edge></graph></graphml>')
    assert graphml_problems(good) == []
    broken = {
        b'attr.type="int"': b'attr.type="integer"',
        b'for="edge"': b'for="link"',
        b'target="b"': b'target="c"',
        b'<data key="w">3': b'<data key="v">3',
        b'edgedefault="directed"': b"",
        b">3<": b">three<",
        b'<node id="b"/>': b'<node id="a"/>',
        b"</graph>": b"</graph><key/>",
        b'<node id="a"/>': b'<node id="a">\x01</node>',
    }
    for old, new in broken.items():
        assert graphml_problems(good.replace(old, new)), new
    assert graphml_problems(good.replace(b'for="edge"', b'for="node"'))  # data on an edge, key for nodes
    assert graphml_problems(good.replace(b"<graph ", b'<key id="w" for="node" attr.name="w" attr.type="int"/><graph '))


# --------------------------------------------------------------------------- kg's GraphML


def hostile_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    nasty = 'A&B <"社">\x00\x01\x0b\x1f\ufffe\uffff\ud800 ]]> \r\n\t end 😀'
    g.add_node(nasty, label=nasty, type="company", aliases="x | y", mentions=1, articles=1, r=1, g=2, b=3,
               size=10.0, x=0.0, y=-1.5, community=0, pagerank=0.5, degree=1, flag=True)
    g.add_node("東京 都", label="東京都", type="place", aliases="", mentions=2, articles=1, r=1, g=2, b=3,
               size=12, x=1, y=2, community=1, pagerank=0.5, degree=1, flag=False)
    g.add_edge(nasty, "東京 都", key="r&1", kind="relation", edgelabel="<支援>", relation="支援する", weight=2,
               evidence=nasty, sources="a.md | b.md", confidence=0.25)
    return g


def test_kg_graphml_keeps_every_rule_even_with_hostile_text():
    blob = graphml_bytes(hostile_graph())
    assert graphml_problems(blob) == []
    g = nx.read_graphml(io.BytesIO(blob))
    nasty = 'A&B <"社">\x00\x01\x0b\x1f\ufffe\uffff\ud800 ]]> \r\n\t end 😀'
    safe = xml_safe(nasty)
    assert safe in g and g.nodes[safe]["label"] == safe  # CR and tab survive; forbidden characters do not
    assert "\r\n\t" in safe and "\x01" not in safe and "\ud800" not in safe
    assert g.nodes["東京 都"]["size"] == 12.0 and isinstance(g.nodes["東京 都"]["size"], float)  # contract: float
    assert g.nodes["東京 都"]["flag"] is False
    (_, _, d), = g.edges(data=True)
    assert d["evidence"] == safe and d["edgelabel"] == "<支援>"


def test_golden_corpus_exports_keep_every_rule(tmp_path):
    from click.testing import CliRunner
    from test_export_cmd import golden_store

    from kg.cli_export import export

    out = golden_store(tmp_path / "out")
    for args in ([], ["--types", "company"], ["--since", "2025-03-01"], ["--kind", "relation", "--drop-isolated"],
                 ["--since", "2030-01-01"]):
        res = CliRunner().invoke(export, ["--from", str(out), "-f", "graphml", "-o", "-", *args])
        assert res.exit_code == 0, res.output
        assert graphml_problems(res.stdout_bytes) == [], args


@pytest.mark.parametrize("value, match", [
    (["x"], "list"), ({"a": 1}, "dict"), (None, "None"), (math.nan, "finite"), (math.inf, "finite"),
    (b"bytes", "bytes"),
])
def test_values_graphml_cannot_hold_are_refused(value, match):
    g = nx.MultiDiGraph()
    g.add_node("a", label="a", extra=value)
    with pytest.raises(GraphMLError, match=match):
        graphml_bytes(g)


def test_contract_types_are_enforced_and_names_must_be_name_tokens():
    g = nx.MultiDiGraph()
    g.add_node("a", label="a", mentions="3")
    with pytest.raises(GraphMLError, match="mentions.*int"):
        graphml_bytes(g)
    g = nx.MultiDiGraph()
    g.add_node("a", label="a", size=3)  # an int size is written as the contract's float
    assert b'attr.name="size" attr.type="float"' in graphml_bytes(g)
    assert b'<data key="size">3.0</data>' in graphml_bytes(g)
    g = nx.MultiDiGraph()
    g.add_node("a", **{"has space": 1})
    with pytest.raises(GraphMLError, match="name token"):
        graphml_bytes(g)
    g = nx.MultiDiGraph()
    g.add_node("a", weight=1)
    g.add_edge("a", "a", weight=2)
    with pytest.raises(GraphMLError, match="share names"):
        graphml_bytes(g)


def test_ids_that_collide_once_made_xml_safe_are_refused():
    g = nx.MultiDiGraph()
    g.add_node("a\x01")
    g.add_node("a\x02")
    with pytest.raises(GraphMLError, match="same id|twice|both have"):
        graphml_bytes(g)


_text = st.text(st.characters(codec=None, blacklist_categories=()), max_size=12)
_node = st.tuples(_text, _text, _text, st.integers(-2**62, 2**62), st.floats(allow_nan=False, allow_infinity=False),
                  st.booleans())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(nodes=st.lists(_node, min_size=1, max_size=6, unique_by=lambda t: xml_safe(t[0])),
       edges=st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5), _text), max_size=8))
def test_any_text_gives_a_valid_document_that_reads_back(nodes, edges):
    g = nx.MultiDiGraph()
    for node_id, label, text, i, f, flag in nodes:
        g.add_node(node_id, label=label, text=text, count=i, share=f, flag=flag)
    ids = [n[0] for n in nodes]
    for i, (a, b, ev) in enumerate(edges):
        g.add_edge(ids[a % len(ids)], ids[b % len(ids)], key=f"e{i}", kind="relation", evidence=ev, weight=i)
    blob = graphml_bytes(g)
    assert graphml_problems(blob) == []
    back = nx.read_graphml(io.BytesIO(blob), force_multigraph=True)
    assert back.number_of_nodes() == g.number_of_nodes() and back.number_of_edges() == g.number_of_edges()
    for node_id, label, text, i, f, flag in nodes:
        d = back.nodes[xml_safe(node_id)]
        assert d.get("label", "") == xml_safe(label) and d.get("text", "") == xml_safe(text)
        assert (d["count"], d["share"], d["flag"]) == (i, f, flag)
    for (a, b, ev), (u, v, d) in zip(edges, sorted(back.edges(data=True), key=lambda e: e[2]["weight"]),
                                     strict=True):
        assert (u, v) == (xml_safe(ids[a % len(ids)]), xml_safe(ids[b % len(ids)]))
        assert d.get("evidence", "") == xml_safe(ev)


@pytest.mark.model
def test_sample_corpus_graphml_keeps_every_rule(sample_build):
    _, out, _ = sample_build
    assert graphml_problems((out / "graph.graphml").read_bytes()) == []
