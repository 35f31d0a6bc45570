"""Property-based tests (Hypothesis): readers, offset maps, normalisers and exports never
break on hostile text: random bytes and encodings, surrogates, control characters, RTL
marks, emoji. No model."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import tempfile
import time
from pathlib import Path

import networkx as nx
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st
from lxml import etree

from kg.corpus import (
    decode,
    html_article,
    markdown_chunks,
    normalize_date,
    printable,
    read_file,
    split_front_matter,
)
from kg.errors import InputError
from kg.export.gexf import gexf_bytes
from kg.export.graphml import graphml_bytes
from kg.export.xmltext import xml_safe
from kg.extract.amounts import find_amounts, parse_amount
from kg.model import Article, Chunk, Skipped
from kg.nlp import fit_chunks

#: Every code point, surrogates and control characters included.
ANY_CHAR = st.characters(exclude_categories=())
ANY_TEXT = st.text(ANY_CHAR, max_size=80)
#: Characters that make trouble: controls XML forbids, surrogates, BOM, non-characters,
#: bidi controls, zero-width joiners, emoji, line separators, half-width kana.
NASTY = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\ud800", "\udfff", "\ufeff", "\ufffe",
         "\uffff", "\u202e", "\u200f", "\u2066", "\u200d", "\u2028", "\u2029", "\r", "\r\n", "\t", "😀", "👨‍👩‍👧",
         "🇯🇵", "\U0010ffff", "ｶﾞ", "&", "<", ">", '"', "'", "]]>", "&amp;", "&#1;", "\\"]
NASTY_TEXT = st.lists(st.one_of(st.sampled_from(NASTY), st.text(ANY_CHAR, max_size=6),
                                st.text(alphabet="トヨタ自動車はソニー。、「」ABC 123", max_size=8)),
                      max_size=20).map("".join)
JAPANESE = st.text(alphabet=st.sampled_from(list("あいうえおかがきくけこさしすせそたちつてとなにぬねのはばぱまみむめもやゆよらりるれろわをん"
                                                 "アイウエオカガキクケコサシスセソタチツテトナニヌネノハバパマミムメモヤユヨラリルレロワヲン"
                                                 "日本東京電力自動車政府経済産業省研究所半導体発表支援出資工場一二三十百千万億円"
                                                 "。、「」（）・ー")), min_size=8, max_size=60)
XML_FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def assert_chunks_map_back(text: str, chunks) -> None:
    """Every character of every chunk is the same character of the article text (or an entity ref)."""
    for chunk in chunks:
        for i, ch in enumerate(chunk.text):
            a, b = chunk.to_article(i, i + 1)
            assert 0 <= a < b <= len(text)
            original = text[a:b]
            if b - a == 1:
                assert original == ch, (chunk.text, i)
            else:  # a character reference such as &amp;
                assert original.startswith("&"), original


# ------------------------------------------------------------------ decoding and reading files

@settings(max_examples=400, deadline=None)
@given(st.binary(max_size=300))
@example(b"\xef\xbb\xbf")
@example(b"\xff\xfe\x00\xd8")  # UTF-16 BOM, then a lone surrogate
@example(b"\x80\x81\xfe\xffgarbage")
def test_decode_random_bytes_gives_clean_text_or_a_named_reason(data):
    try:
        text, enc = decode(data)
    except InputError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert isinstance(text, str) and enc
    assert not re.search("[\ud800-\udfff]", text)  # storable, writable as UTF-8


TEXT_NO_CONTROLS = st.text(st.characters(exclude_categories=("Cs", "Cc")), max_size=100).filter(
    lambda t: not t.startswith("\ufeff"))


@settings(max_examples=200, deadline=None)
@given(TEXT_NO_CONTROLS, st.sampled_from([("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16-le", b"\xff\xfe"),
                                          ("utf-16-be", b"\xfe\xff"), ("utf-32-le", b"\xff\xfe\x00\x00"),
                                          ("utf-32-be", b"\x00\x00\xfe\xff")]))
def test_unicode_encodings_with_or_without_bom_round_trip(text, how):
    encoding, bom = how
    assume(not (bom == b"" and text == ""))
    assert decode(bom + text.encode(encoding))[0] == text


@settings(max_examples=200, deadline=None)
@given(JAPANESE, st.sampled_from(["cp932", "euc_jp", "utf-16-le", "utf-16-be"]), st.sampled_from(["", "\n", "\r\n"]))
def test_japanese_in_legacy_and_bomless_encodings_round_trips(body, encoding, newline):
    text = f"# 見出し{newline}{body}{newline}ABC 2025{newline}"
    assert decode(text.encode(encoding)) == (text, encoding)


@pytest.mark.parametrize("suffix", [".md", ".txt", ".html", ".jsonl"])
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.one_of(st.binary(max_size=200), NASTY_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")),
                      NASTY_TEXT.map(lambda t: ("---\ntitle: " + t + "\ndate: " + t[:12] + "\n---\n" + t)
                                     .encode("utf-8", "surrogatepass"))))
def test_read_file_never_raises_and_articles_map_back(suffix, data):
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / f"random{suffix}"
        p.write_bytes(data)
        items = list(read_file(p, p.name))
    assert items
    for item in items:
        assert isinstance(item, Article | Skipped)
        if isinstance(item, Skipped):
            assert item.reason and "\n" not in item.reason
            continue
        for s in (item.id, item.text, item.title, item.date, item.url, item.author, *item.tags, *item.warnings):
            assert not re.search("[\ud800-\udfff]", s), s  # never reaches SQLite or UTF-8 outputs
        assert_chunks_map_back(item.text, item.chunks)
        if item.date:
            dt.date.fromisoformat(item.date)


# ------------------------------------------------------------------ offset maps

@settings(max_examples=300, deadline=None)
@given(NASTY_TEXT, st.booleans())
def test_markdown_and_plain_chunks_map_back_on_nasty_text(text, markdown):
    assert_chunks_map_back(text, markdown_chunks(text, 0, markdown=markdown))


HTML_PARTS = st.one_of(
    NASTY_TEXT,
    st.sampled_from(["<p>", "</p>", "<br/>", "<article>", "</article>", "<main>", "<nav>", "</nav>", "<script>",
                     "</script>", "<style>", "<!--", "-->", "<![CDATA[", "]]>", "<!DOCTYPE html>", "<?xml ?>",
                     "&amp;", "&#x41;", "&#0;", "&#xd800;", "&#99999999;", "&bogus;", "&", "<img src=x onerror=y>",
                     "<a href='", "<![if !IE]>", "<title>", "</title>", "<meta name=date content='2025-02-30'>",
                     "<time datetime='x'>", "</", "<", "\n"]),
)


@settings(max_examples=300, deadline=None)
@given(st.lists(HTML_PARTS, max_size=25).map("".join))
def test_html_reader_never_raises_and_maps_back(page):
    chunks, meta = html_article(page)
    assert_chunks_map_back(page, chunks)
    assert all(isinstance(v, str) for v in meta.values())


@settings(max_examples=200, deadline=None)
@given(NASTY_TEXT, st.integers(min_value=4, max_value=40))
def test_fit_chunks_keeps_every_character_and_the_offsets(text, max_bytes):
    chunks = markdown_chunks(text, 0, markdown=False)
    pieces = fit_chunks(chunks, max_bytes=max_bytes)
    for p in pieces:
        assert len(p.text.encode("utf-8", "surrogatepass")) <= max(max_bytes, 4)
    assert_chunks_map_back(text, pieces)
    # nothing lost but white space between pieces
    assert re.sub(r"\s", "", "".join(p.text for p in pieces)) == re.sub(r"\s", "", "".join(c.text for c in chunks))


def test_fit_chunks_cuts_a_200kb_paragraph_below_sudachis_limit():
    text = "".join(f"第{i}期に東京電力は{i}億円を投じた。" for i in range(9000))
    assert len(text.encode("utf-8")) > 200_000
    chunk = markdown_chunks(text, 0, markdown=False)
    assert len(chunk) == 1  # one paragraph
    t0 = time.perf_counter()
    pieces = fit_chunks(chunk)
    assert time.perf_counter() - t0 < 5
    assert len(pieces) >= 5
    assert all(len(p.text.encode("utf-8")) < 49149 for p in pieces)
    assert "".join(p.text for p in pieces) == text
    assert pieces[-1].to_article(0, len(pieces[-1].text)) == (len(text) - len(pieces[-1].text), len(text))


# ------------------------------------------------------------------ normalisers

DATEISH = st.one_of(
    ANY_TEXT, NASTY_TEXT, st.integers(), st.floats(allow_nan=True), st.none(), st.booleans(), st.dates(),
    st.datetimes(), st.lists(st.integers(), max_size=3), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2),
    st.builds(lambda y, m, d, sep: f"{y:04d}{sep}{m}{sep}{d}", st.integers(0, 9999), st.integers(0, 99),
              st.integers(0, 99), st.sampled_from(["-", "/", ".", "年"])),
)


@settings(max_examples=400, deadline=None)
@given(DATEISH)
@example("2025-02-30")
@example("０２０２５年２月３０日")
@example("0000-01-01")
@example("٢٠٢٥-٠٢-٠١")
def test_normalize_date_returns_an_iso_date_or_raises_value_error(value):
    try:
        out = normalize_date(value)
    except ValueError as exc:
        assert str(exc) and "\n" not in str(exc)
        return
    assert out == "" or dt.date.fromisoformat(out).isoformat() == out


def test_impossible_dates_are_named():
    with pytest.raises(ValueError, match=r"'2025-02-30' is not a real date \(day is out of range"):
        normalize_date("2025-02-30")


AMOUNT_TEXT = st.lists(
    st.one_of(st.sampled_from(["1", "0", "9", "１", "２", ",", ".", "，", "．", "万", "億", "兆", "京", "千", "百", "十",
                               "一", "三", "〇", "円", "ドル", "米ドル", "%", "％", "割", "分", "倍", "増", "減", "約",
                               "最大", "以上", "〜", "～", "~", " ", "前年同期比", "キロワット", "台", "人", "kW", "MW"]),
              st.text(ANY_CHAR, max_size=3)),
    max_size=12,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(AMOUNT_TEXT, st.integers(min_value=0, max_value=1000))
@example("1兆2000億円", 0)
def test_amounts_never_raise_and_offsets_slice_the_text(text, offset):
    for a in find_amounts(text, offset):
        assert text[a.start - offset:a.end - offset] == a.text
        assert a.value == a.value  # not NaN
        assert a.unit
    parsed = parse_amount(text, offset)
    if parsed is not None:
        assert text[parsed.start - offset:parsed.end - offset] == parsed.text


def test_amounts_take_linear_time_on_long_digit_runs():
    for run in ("1" * 21 + "x", "一" * 21 + "x", "1," * 21 + "x", "1" * 21 + "円"):
        t0 = time.perf_counter()
        list(find_amounts(run))
        parse_amount(run)
        assert time.perf_counter() - t0 < 0.25, f"{run[:8]}... took {time.perf_counter() - t0:.1f} s"


@settings(max_examples=200, deadline=None)
@given(NASTY_TEXT)
def test_front_matter_never_raises(value):
    for text in (f"---\n{value}\n---\nbody", f"---\ntitle: {value}\ndate: {value}\ntags: [{value}]\n---\n本文"):
        meta, body, warnings = split_front_matter(text)
        assert isinstance(meta, dict) and 0 <= body <= len(text)
        assert all("\n" not in w for w in warnings)


@settings(max_examples=200, deadline=None)
@given(ANY_TEXT)
def test_printable_is_one_safe_line(text):
    out = printable(text)
    assert not re.search("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]", out)
    out.encode("utf-8")


# ------------------------------------------------------------------ exports

LABEL = st.one_of(ANY_TEXT, NASTY_TEXT)


@st.composite
def graphs(draw):
    g = nx.MultiDiGraph()
    n = draw(st.integers(min_value=1, max_value=6))
    for i in range(n):
        g.add_node(f"n{i} {draw(st.text(st.characters(exclude_categories=('Cs', 'Cc')), max_size=6))}",
                   label=draw(LABEL), type=draw(st.sampled_from(["company", "person", "amount"])),
                   aliases=draw(LABEL), mentions=draw(st.integers(0, 10**6)), articles=1, r=1, g=2, b=3,
                   size=round(draw(st.floats(0, 100)), 2), x=round(draw(st.floats(-1e6, 1e6)), 2), y=0.0, first_seen="")
    nodes = list(g.nodes)
    for k in range(draw(st.integers(0, 6))):
        u, v = draw(st.sampled_from(nodes)), draw(st.sampled_from(nodes))
        g.add_edge(u, v, key=f"r{k}", kind="relation", edgelabel=draw(LABEL), relation=draw(LABEL),
                   weight=draw(st.integers(1, 50)), evidence=draw(LABEL), sources=draw(LABEL))
    return g


def _gexf_attr(el, name):
    for av in el.iter("{http://gexf.net/1.3}attvalue"):
        if av.get("for") == name:
            return av.get("value")
    return None


@settings(max_examples=60, deadline=None)
@given(graphs(), LABEL)
def test_graphml_and_gexf_parse_and_round_trip_text_minus_forbidden_characters(g, description):
    import igraph

    graphml = graphml_bytes(g)
    gexf = gexf_bytes(g, {}, {}, description=description)
    for blob in (graphml, gexf):
        blob.decode("utf-8")  # strict UTF-8: no surrogate made it through
        etree.fromstring(blob)  # well-formed XML 1.0 (raises on any forbidden character)
    back = nx.read_graphml(io.BytesIO(graphml), force_multigraph=True)
    assert back.number_of_nodes() == g.number_of_nodes() and back.number_of_edges() == g.number_of_edges()
    for node, data in g.nodes(data=True):
        got = back.nodes[xml_safe(node)]
        for k in ("label", "aliases"):
            assert got.get(k, "") == xml_safe(data[k]), k
        assert got["mentions"] == data["mentions"]
    for u, v, key, data in g.edges(keys=True, data=True):
        got = back.edges[xml_safe(u), xml_safe(v), key]
        for k in ("edgelabel", "evidence", "sources"):
            assert got.get(k, "") == xml_safe(data[k]), k
    gx = etree.fromstring(gexf)
    gexf_nodes = {el.get("id"): el for el in gx.iter("{http://gexf.net/1.3}node")}
    for node, data in g.nodes(data=True):
        el = gexf_nodes[xml_safe(node)]
        assert el.get("label") == xml_safe(data["label"])
        assert _gexf_attr(el, "aliases") == xml_safe(data["aliases"])
    # the description (kg's --title) is element text; carriage returns are written as &#13; and survive
    expected = xml_safe(description)
    assert (gx.findtext("{http://gexf.net/1.3}meta/{http://gexf.net/1.3}description") or "") == expected
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "g.graphml")
        Path(path).write_bytes(graphml)
        ig = igraph.Graph.Read_GraphML(path)
    assert ig.vcount() == g.number_of_nodes() and ig.ecount() == g.number_of_edges()


@settings(max_examples=300, deadline=None)
@given(ANY_TEXT)
def test_xml_safe_leaves_only_characters_xml_allows(text):
    out = xml_safe(text)
    assert len(out) == len(text)
    assert not XML_FORBIDDEN.search(out)
    etree.fromstring(f"<a>{out.replace('&', '&amp;').replace('<', '&lt;')}</a>".encode())


def test_chunk_offsets_of_a_character_reference():
    text = "A&amp;B"
    (chunk,), _ = html_article(f"<p>{text}</p>")
    assert isinstance(chunk, Chunk) and chunk.text == "A&B"
    assert chunk.to_article(1, 2) == (4, 9)
