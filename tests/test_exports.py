"""Graph building and the export formats, on a small hand-made corpus (no model)."""

from __future__ import annotations

import io
import json
import xml.etree.ElementTree as ET

import networkx as nx
import pytest

from kg.export.gexf import gexf_bytes
from kg.export.graphml import GraphMLError, graphml_bytes
from kg.export.html import html_page, safe_json
from kg.graph import TYPE_COLORS, ArticleInfo, build_graph
from kg.model import Mention, Relation
from kg.outputs import timeline

T1 = "グーグルはカイロス・パワーを支援する。マイクロソフトは140億ドルを投じた。"
T2 = "Google\x01はカイロス・パワーと提携。<script>alert(1)</script>"

NODE_CONTRACT = {"label": str, "type": str, "aliases": str, "mentions": int, "articles": int, "r": int, "g": int,
                 "b": int, "size": float, "x": float, "y": float}
EDGE_CONTRACT = {"kind": str, "edgelabel": str, "relation": str, "weight": int, "evidence": str, "sources": str}
GRAPHML_NS = "{http://graphml.graphdrawing.org/xmlns}"


def small_graph():
    arts = [ArticleInfo("a1", "記事1", "2025-01-02", "https://example.com/1", T1),
            ArticleInfo("a2", "記事<b>2</b>", "2025-02-03", "", T2)]
    mentions = [
        Mention("a1", 0, 4, "グーグル", "company", "グーグル", "dict", 0),
        Mention("a1", 5, 13, "カイロス・パワー", "company", "カイロス・パワー", "ginza:Company", 0),
        Mention("a1", 19, 26, "マイクロソフト", "company", "マイクロソフト", "dict", 1),
        Mention("a1", 27, 33, "140億ドル", "amount", "140億ドル", "rule", 1, (("value", "14000000000.0"), ("unit", "USD"))),
        Mention("a2", 0, 7, "Google\x01", "company", "グーグル", "dict", 0),
        Mention("a2", 8, 16, "カイロス・パワー", "person", "カイロス・パワー", "ginza:Person", 0),
    ]
    relations = [
        Relation("a1", (0, 4), (5, 13), "支援する", 0, 19, "frame", 0.9, "object"),
        Relation("a1", (19, 26), (27, 33), "投じる", 19, 38, "frame", 0.8, "object", (("amount_value", "1.4e10"),)),
        Relation("a2", (0, 7), (8, 16), "提携する", 0, len(T2), "frame", 0.9, "partner"),
    ]
    spans = {("a1", 0): (0, 19), ("a1", 1): (19, 38), ("a2", 0): (0, len(T2))}
    return build_graph(arts, mentions, relations, spans)


def test_same_name_in_two_articles_is_one_node_with_aliases():
    kg = small_graph()
    g = kg.graph
    google = g.nodes["グーグル"]
    assert google["type"] == "company"
    assert google["mentions"] == 2 and google["articles"] == 2
    assert "Google\x01" in google["aliases"] or "Google" in google["aliases"]
    kairos = g.nodes["カイロス・パワー"]
    assert kairos["type"] == "company"  # one type per entity, decided over its mentions


def test_relation_and_cooccurrence_edges():
    g = small_graph().graph
    rel = [(u, v, d) for u, v, d in g.edges(data=True) if d["kind"] == "relation"]
    assert {(u, d["relation"], v) for u, v, d in rel} == {
        ("グーグル", "支援する", "カイロス・パワー"),
        ("グーグル", "提携する", "カイロス・パワー"),
        ("マイクロソフト", "投じる", "140億ドル @a1"),
    }
    co = [d for *_, d in g.edges(data=True) if d["kind"] == "cooccurrence"]
    assert all(d["edgelabel"] == "共起" for d in co)
    assert {d["weight"] for d in co} >= {2}  # グーグル–カイロス・パワー in two sentences


def test_contract_attribute_names_and_types_round_trip():
    kg = small_graph()
    data = graphml_bytes(kg.graph)
    g = nx.read_graphml(io.BytesIO(data))
    for n, d in g.nodes(data=True):
        for k, t in NODE_CONTRACT.items():
            assert isinstance(d[k], t), (n, k, d[k])
        assert d["type"] in TYPE_COLORS
        assert (d["r"], d["g"], d["b"]) == TYPE_COLORS[d["type"]]
    for *_, d in g.edges(data=True):
        for k, t in EDGE_CONTRACT.items():
            assert isinstance(d[k], t), (k, d[k])


def test_graphml_key_ids_are_attribute_names_and_unique():
    root = ET.fromstring(graphml_bytes(small_graph().graph))
    keys = root.findall(f"{GRAPHML_NS}key")
    ids = [k.get("id") for k in keys]
    assert len(ids) == len(set(ids))
    for k in keys:
        assert k.get("id") == k.get("attr.name")
        assert k.get("for") in ("node", "edge")
        assert k.get("attr.type") in ("boolean", "int", "long", "float", "double", "string")
    declared = set(ids)
    node_ids = {n.get("id") for n in root.iter(f"{GRAPHML_NS}node")}
    for d in root.iter(f"{GRAPHML_NS}data"):
        assert d.get("key") in declared
    for e in root.iter(f"{GRAPHML_NS}edge"):
        assert e.get("source") in node_ids and e.get("target") in node_ids


def test_xml_forbidden_characters_never_reach_graphml_or_gexf():
    kg = small_graph()
    nd, ed = timeline(kg)
    for blob in (graphml_bytes(kg.graph), gexf_bytes(kg.graph, nd, ed)):
        assert b"\x01" not in blob
        ET.fromstring(blob)  # well-formed


def test_graphml_refuses_lists_and_none():
    g = nx.MultiDiGraph()
    g.add_node("a", label="a", tags=["x"])
    with pytest.raises(GraphMLError, match="list"):
        graphml_bytes(g)
    g = nx.MultiDiGraph()
    g.add_node("a", label=None)
    with pytest.raises(GraphMLError):
        graphml_bytes(g)


def test_output_is_deterministic():
    a, b = small_graph(), small_graph()
    assert graphml_bytes(a.graph) == graphml_bytes(b.graph)
    assert gexf_bytes(a.graph, *timeline(a)) == gexf_bytes(b.graph, *timeline(b))
    assert html_page(a) == html_page(b)


def test_gexf_reads_back_with_viz_and_spells():
    kg = small_graph()
    g = nx.read_gexf(io.BytesIO(gexf_bytes(kg.graph, *timeline(kg))), version="1.3")
    assert g.number_of_nodes() == kg.graph.number_of_nodes()
    google = g.nodes["グーグル"]
    assert google["viz"]["color"]["r"] == TYPE_COLORS["company"][0]
    assert google["viz"]["size"] > 0 and "position" in google["viz"]
    assert sorted(s[0] for s in google["spells"]) == ["2025-01-02", "2025-02-03"]


def test_html_keeps_article_text_out_of_markup():
    kg = small_graph()
    page = html_page(kg)
    assert "<script>alert(1)</script>" not in page
    assert "記事<b>2</b>" not in page
    blob = page.split('<script type="application/json" id="kg-data">', 1)[1].split("</script>", 1)[0]
    data = json.loads(blob)
    texts = [ev["text"] for e in data["edges"] for ev in e["evidence"]]
    assert any("<script>alert(1)</script>" in t for t in texts)  # kept as data, inserted as text
    assert {n["label"] for n in data["nodes"]} >= {"グーグル", "カイロス・パワー"}


def test_safe_json_cannot_close_the_script_element():
    s = safe_json({"t": "</script><script>alert(1)</script>&<!--"})
    assert "<" not in s and ">" not in s and "&" not in s
    assert json.loads(s)["t"] == "</script><script>alert(1)</script>&<!--"


def test_max_nodes_keeps_the_most_mentioned_and_says_so():
    page = html_page(small_graph(), max_nodes=2)
    blob = page.split('id="kg-data">', 1)[1].split("</script>", 1)[0]
    data = json.loads(blob)
    assert data["shown_nodes"] == 2 and data["omitted_nodes"] == data["total_nodes"] - 2
    assert {n["id"] for n in data["nodes"]} == {"グーグル", "カイロス・パワー"}
