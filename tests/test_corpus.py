"""Corpus reader: formats, encodings, front matter, markup offsets (no model)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.corpus import decode, html_article, markdown_chunks, normalize_date, read_inputs, split_front_matter
from kg.model import Article, Skipped

JA = "米エネルギー省（DOE）は、アイダホ国立研究所など4つの敷地を選定した。グーグルはカイロス・パワーを支援する。"


def read_all(*paths) -> tuple[list[Article], list[Skipped]]:
    arts, skipped = [], []
    for item in read_inputs([str(p) for p in paths]):
        (skipped if isinstance(item, Skipped) else arts).append(item)
    return arts, skipped


def chunk_texts(article: Article) -> list[str]:
    return [c.text for c in article.chunks]


def assert_chunks_map_back(article: Article) -> None:
    """Every character of every chunk maps to the same character of the article text."""
    for chunk in article.chunks:
        for i, ch in enumerate(chunk.text):
            a, b = chunk.to_article(i, i + 1)
            original = article.text[a:b]
            if b - a == 1:
                assert original == ch, (chunk.text, i)
            else:  # a character reference such as &amp;
                assert original.startswith("&") and original.endswith(";"), original


# ------------------------------------------------------------------ encodings

@pytest.mark.parametrize(
    "encoding, bom",
    [
        ("utf-8", b""),
        ("utf-8", b"\xef\xbb\xbf"),
        ("cp932", b""),
        ("euc_jp", b""),
        ("utf-16-le", b"\xff\xfe"),
        ("utf-16-be", b"\xfe\xff"),
    ],
)
def test_decode_detects_japanese_encodings(encoding, bom):
    text, _ = decode(bom + JA.encode(encoding))
    assert text == JA


def test_decode_short_shift_jis_and_euc_are_not_confused():
    for word in ["経済産業省", "東京電力ホールディングス", "ソフトバンク", "全固体電池の量産"]:
        assert decode(word.encode("cp932"))[0] == word
        assert decode(word.encode("euc_jp"))[0] == word


def test_decode_rejects_binary():
    with pytest.raises(Exception, match="binary"):
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")


def test_bom_is_dropped_and_file_read(tmp_path):
    p = tmp_path / "bom.txt"
    p.write_bytes(b"\xef\xbb\xbf" + JA.encode())
    (art,), _ = read_all(p)
    assert art.text == JA
    assert art.id == "bom.txt"


@pytest.mark.parametrize("encoding", ["cp932", "euc_jp", "utf-16"])
def test_files_in_legacy_encodings_are_read(tmp_path, encoding):
    p = tmp_path / f"a_{encoding}.txt"
    p.write_bytes(JA.encode(encoding))
    (art,), skipped = read_all(p)
    assert not skipped
    assert art.text == JA
    assert chunk_texts(art) == [JA]


# ------------------------------------------------------------------ front matter and Markdown

MD = """---
title: "SMRの行方"
date: 2025-09-21 04:35:59 +0000
tags: ["原子力", "AI"]
author: 編集部
url: https://example.com/smr
---

# 見出し：**小型モジュール炉**の現在

グーグルは**カイロス・パワー**を[支援](https://example.com/a)すると発表した。
この計画は2030年に始まる。

- 米エネルギー省（DOE）が4つの敷地を選定した。
- `コード`は*強調*される。

1.  **次世代エネルギー源への投資加速**:
    SMRが注目されている。

| 企業 | 金額 |
|---|---|
| マイクロソフト | 140億ドル |

```
print("コードは解析しない")
```
"""


def test_front_matter_becomes_attributes_and_is_not_prose(tmp_path):
    p = tmp_path / "post.md"
    p.write_text(MD, encoding="utf-8")
    (art,), _ = read_all(p)
    assert art.title == "SMRの行方"
    assert art.date == "2025-09-21"
    assert art.tags == ("原子力", "AI")
    assert art.author == "編集部"
    assert art.url == "https://example.com/smr"
    texts = chunk_texts(art)
    assert not any("title" in t or "tags" in t for t in texts)


def test_markdown_markup_is_not_taken_as_words(tmp_path):
    p = tmp_path / "post.md"
    p.write_text(MD, encoding="utf-8")
    (art,), _ = read_all(p)
    texts = chunk_texts(art)
    assert "見出し：小型モジュール炉の現在" in texts
    assert "グーグルはカイロス・パワーを支援すると発表した。" in texts
    assert "この計画は2030年に始まる。" in texts
    assert "米エネルギー省（DOE）が4つの敷地を選定した。" in texts
    assert "コードは強調される。" in texts
    assert "次世代エネルギー源への投資加速:" in texts
    assert "SMRが注目されている。" in texts
    assert "マイクロソフト" in texts and "140億ドル" in texts
    joined = "".join(texts)
    for markup in ("**", "](", "https://", "# ", "- ", "|", "```", "print("):
        assert markup not in joined, markup
    assert_chunks_map_back(art)


def test_offsets_point_into_original_file_text(tmp_path):
    p = tmp_path / "post.md"
    p.write_text(MD, encoding="utf-8")
    (art,), _ = read_all(p)
    chunk = next(c for c in art.chunks if c.text.startswith("グーグルは"))
    i = chunk.text.index("カイロス・パワー")
    a, b = chunk.to_article(i, i + len("カイロス・パワー"))
    assert art.text[a:b] == "カイロス・パワー"
    j = chunk.text.index("支援")
    a, b = chunk.to_article(i, j + 2)  # spans a removed markup run: original slice keeps it
    assert art.text[a:b] == "カイロス・パワー**を[支援"


def test_broken_front_matter_warns_and_body_is_read(tmp_path):
    p = tmp_path / "broken.md"
    p.write_text("---\ntitle: [unclosed\ndate: 2025-01-01\n---\n本文はトヨタ自動車について。\n", encoding="utf-8")
    (art,), _ = read_all(p)
    assert art.warnings and "YAML" in art.warnings[0]
    assert chunk_texts(art) == ["本文はトヨタ自動車について。"]


def test_front_matter_in_txt_is_honoured(tmp_path):
    p = tmp_path / "post.txt"
    p.write_text("---\ntitle: T\ndate: 2024/3/5\n---\n\n**本文**です。\n", encoding="utf-8")
    (art,), _ = read_all(p)
    assert art.title == "T" and art.date == "2024-03-05"
    assert chunk_texts(art) == ["T", "本文です。"]  # the title is text too, where it stands in the file


def test_front_matter_title_is_a_chunk_at_its_place_unless_the_body_repeats_it(tmp_path):
    p = tmp_path / "a.md"
    text = '---\ntitle: "ローム、独シェフラーと供給契約"\ndate: 2026-11-14\n---\n\nロームは14日、契約を結んだ。\n'
    p.write_text(text, encoding="utf-8")
    (art,), _ = read_all(p)
    first = art.chunks[0]
    start, end = first.to_article(0, len(first.text))
    assert art.text[start:end] == "ローム、独シェフラーと供給契約"
    q = tmp_path / "b.md"
    q.write_text("---\ntitle: 見出し\n---\n\n# 見出し\n\n本文です。\n", encoding="utf-8")
    (art,), _ = read_all(q)
    assert chunk_texts(art) == ["見出し", "本文です。"]  # the body's own heading, not the title twice


@pytest.mark.parametrize(
    "value, expected",
    [("2025-09-21 04:35:59 +0000", "2025-09-21"), ("2024/3/5", "2024-03-05"), ("2023年12月1日", "2023-12-01"),
     ("２０２４年１月２日", "2024-01-02"), ("", "")],
)
def test_normalize_date(value, expected):
    assert normalize_date(value) == expected


def test_impossible_date_is_rejected():
    with pytest.raises(ValueError):
        normalize_date("2025-02-30")


def test_plain_text_paragraphs_and_wrapped_lines():
    text = "見出し\n本文の一行目はここで折り返されていて、\n二行目に続く。\n\n次の段落。"
    chunks = markdown_chunks(text, 0, markdown=False)
    assert [c.text for c in chunks] == ["見出し", "本文の一行目はここで折り返されていて、二行目に続く。", "次の段落。"]


def test_an_indented_line_opens_a_paragraph_under_a_long_headline():
    # a headline of over 20 characters with no 。, then body paragraphs indented with U+3000 and no blank line
    text = ("住友金属鉱山、豪リチウム鉱山と10年の引き取り契約　マクセルは試作ライン稼働\n"
            "\u3000住友金属鉱山は2日、契約を結んだと発表した。\n\u3000同社の幹部は述べた。")
    chunks = markdown_chunks(text, 0, markdown=False)
    assert [c.text for c in chunks] == ["住友金属鉱山、豪リチウム鉱山と10年の引き取り契約　マクセルは試作ライン稼働",
                                        "住友金属鉱山は2日、契約を結んだと発表した。", "同社の幹部は述べた。"]


def test_crlf_lines_are_handled(tmp_path):
    p = tmp_path / "crlf.txt"
    p.write_bytes("一段落目。\r\n\r\n二段落目。\r\n".encode())
    (art,), _ = read_all(p)
    assert chunk_texts(art) == ["一段落目。", "二段落目。"]
    assert_chunks_map_back(art)


def test_split_front_matter_without_front_matter():
    assert split_front_matter("本文だけ") == ({}, 0, [])


# ------------------------------------------------------------------ HTML

HTML = """<!DOCTYPE html>
<html><head><meta charset="utf-8"><title>記事タイトル</title>
<meta property="article:published_time" content="2025-03-04T09:00:00+09:00">
<style>p { color: red; }</style>
<script>var x = "スクリプトの文字列";</script></head>
<body>
<nav><a href="/">ホーム</a><a href="/news">ニュース一覧</a></nav>
<header><p>サイトヘッダー</p></header>
<article>
  <h1>ラピダスが&amp;2ナノ量産へ</h1>
  <p>ラピダスは北海道千歳市で
     2ナノ半導体の試作を始めた。<b>経済産業省</b>が支援する。</p>
  <ul><li>投資額は約5兆円。</li><li>IBMと提携。</li></ul>
</article>
<aside><a href="/x">関連記事：別の話</a></aside>
<footer>© 2025 Example</footer>
</body></html>
"""


def test_html_main_text_only():
    chunks, meta = html_article(HTML)
    texts = [c.text for c in chunks]
    assert texts == [
        "ラピダスが&2ナノ量産へ",
        "ラピダスは北海道千歳市で2ナノ半導体の試作を始めた。経済産業省が支援する。",
        "投資額は約5兆円。",
        "IBMと提携。",
    ]
    assert meta["title"] == "記事タイトル"
    assert meta["date"].startswith("2025-03-04")


def test_html_offsets_and_entities(tmp_path):
    p = tmp_path / "page.html"
    p.write_text(HTML, encoding="utf-8")
    (art,), _ = read_all(p)
    assert art.date == "2025-03-04" and art.title == "記事タイトル"
    assert_chunks_map_back(art)
    c = art.chunks[0]
    a, b = c.to_article(c.text.index("&"), c.text.index("&") + 1)
    assert art.text[a:b] == "&amp;"
    joined = "".join(chunk_texts(art))
    for hidden in ("スクリプト", "color", "ホーム", "サイトヘッダー", "関連記事", "©"):
        assert hidden not in joined


def test_html_without_article_element_reads_body_minus_navigation():
    page = "<html><body><nav>メニュー</nav><div><p>本文の段落です。</p></div><footer>フッター</footer></body></html>"
    chunks, _ = html_article(page)
    assert [c.text for c in chunks] == ["本文の段落です。"]


# ------------------------------------------------------------------ JSON Lines and folders

def test_jsonl_articles_and_bad_lines(tmp_path):
    p = tmp_path / "feed.jsonl"
    lines = [
        json.dumps({"id": "a1", "text": "トヨタ自動車は電池工場を建設する。", "title": "T1", "date": "2025-01-02",
                    "url": "https://example.com/1", "source": "wire"}, ensure_ascii=False),
        "{not json",
        json.dumps({"id": "a2"}),
        json.dumps({"id": "a3", "text": 42}),
        "",
        json.dumps({"id": 7, "text": "ソニーグループの発表。"}, ensure_ascii=False),
    ]
    p.write_text("\n".join(lines) + "\n", encoding="utf-8")
    arts, skipped = read_all(p)
    assert [a.id for a in arts] == ["a1", "7"]
    a1 = arts[0]
    assert (a1.title, a1.date, a1.url, a1.source) == ("T1", "2025-01-02", "https://example.com/1", "wire")
    assert a1.text == "トヨタ自動車は電池工場を建設する。"
    reasons = [s.reason for s in skipped]
    assert reasons[0].startswith("line 2 is not JSON")
    assert reasons[1] == 'line 3 has no "text" field'
    assert reasons[2] == 'line 4 has a "text" that is not a string'


def test_directories_are_walked_recursively_in_stable_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "deep").mkdir(parents=True)
    (tmp_path / "b" / "z.txt").write_text("Z社の話。", encoding="utf-8")
    (tmp_path / "a" / "deep" / "y.md").write_text("Y社の話。", encoding="utf-8")
    (tmp_path / "a" / "x.html").write_text("<p>X社の話。</p>", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("隠し。", encoding="utf-8")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    arts, skipped = read_all(tmp_path)
    assert [a.id for a in arts] == ["a/deep/y.md", "a/x.html", "b/z.txt"]
    assert [a.format for a in arts] == ["markdown", "html", "txt"]
    assert len(skipped) == 1 and "unsupported file type" in skipped[0].reason


def test_article_id_of_a_file_input_is_its_name(tmp_path):
    p = tmp_path / "sub" / "one.txt"
    p.parent.mkdir()
    p.write_text("本文。", encoding="utf-8")
    (art,), _ = read_all(p)
    assert art.id == "one.txt"


def test_empty_and_missing_inputs_are_skipped_with_reasons(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    arts, skipped = read_all(tmp_path / "empty.txt", tmp_path / "nope.md")
    assert not arts
    assert [s.reason for s in skipped] == ["empty file", "no such file or directory"]


def test_content_hash_changes_with_text_and_metadata():
    a = Article("x", "本文", title="A")
    assert a.sha256 == Article("x", "本文", title="A").sha256
    assert a.sha256 != Article("x", "本文。", title="A").sha256
    assert a.sha256 != Article("x", "本文", title="B").sha256


# ------------------------------------------------------------------ properties

_md_text = st.lists(
    st.one_of(
        st.text(alphabet="あいうカタカナ漢字ABC。、「」（）", min_size=1, max_size=12),
        st.sampled_from(["**", "*", "`", "[リンク](https://e.com/x)", "\n", "\n\n", "# ", "- ", "1. ", "| a | b |",
                         "\r\n", "\\*", "<b>", "</b>", "&amp;", "---\n"]),
    ),
    max_size=40,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(_md_text)
def test_markdown_chunks_always_map_back(text):
    art = Article("p", text, chunks=markdown_chunks(text, 0, markdown=True))
    assert_chunks_map_back(art)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_plain_chunks_map_back_for_any_unicode(text):
    art = Article("p", text, chunks=markdown_chunks(text, 0, markdown=False))
    assert_chunks_map_back(art)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(st.text(alphabet="本文テキスト。ABC &;<>", min_size=1, max_size=10),
                          st.sampled_from(["<p>", "</p>", "<br>", "&amp;", "&#x41;", "&lt;", "<script>x</script>",
                                           "<nav>n</nav>", "\n"])), max_size=30).map("".join))
def test_html_chunks_map_back(text):
    chunks, _ = html_article(text)
    assert_chunks_map_back(Article("h", text, chunks=chunks))
