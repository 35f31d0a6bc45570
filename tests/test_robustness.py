"""Hostile input end to end: every bad input named with its reason, every good article kept,
safe GraphML/GEXF/HTML, article ids never paths. Plus fast unit tests of each case (no model).

The corpus is generated at test time (binary, encodings, links, pipes) by :func:`make_hostile_corpus`.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pytest
from lxml import etree

from kg.corpus import decode, read_file, read_inputs
from kg.errors import InputError
from kg.model import Article, Skipped

ROOT = Path(__file__).resolve().parent.parent
IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0
#: Characters XML 1.0 forbids.
XML_FORBIDDEN = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
PWN = "<img src=x onerror=\"window.__pwned=(window.__pwned||0)+1\">"

def long_paragraph(min_bytes: int = 200_000) -> str:
    """One paragraph of distinct sentences (no two chunks alike: the cache cannot shortcut it).

    Few distinct entities (numbers without units are no amounts): the graph stays small.
    """
    firms = ["トヨタ自動車", "ソニーグループ", "日立製作所", "東芝", "富士通", "キヤノン"]
    parts, i, size = [], 0, 0
    while size < min_bytes:
        s = f"第{i}回の会合で{firms[i % len(firms)]}は新しい計画を説明した。"
        parts.append(s)
        size += len(s.encode("utf-8"))
        i += 1
    parts.append("最後に日本製鉄が新しい高炉の計画を公表した。")
    return "".join(parts)


def make_hostile_corpus(root: Path, *, big: bool = True) -> tuple[Path, dict[str, str], dict[str, str]]:
    """Every case of issue 8 in one folder.

    Returns the folder, good (article id -> a dictionary entity its text names, which must be
    in mentions.jsonl) and bad (input, relative to the folder -> what kg must say about it).
    """
    c = root / "hostile"
    (c / "sub").mkdir(parents=True)
    good: dict[str, str] = {}
    bad: dict[str, str] = {}
    w = lambda name, data: (c / name).write_bytes(data)  # noqa: E731

    def _good(name: str, entity: str) -> str:
        good[name] = entity
        return name

    # ---- good articles, each naming a dictionary entity
    w(_good("utf8.md", "トヨタ自動車"),
      "---\ntitle: 普通の記事\ndate: 2025-01-15\ntags: [自動車]\n---\n\nトヨタ自動車は新しい電池工場を建設すると発表した。\n"
      .encode())
    w(_good("sjis.txt", "ソニーグループ"), "ソニーグループは半導体の新工場を熊本に建設すると発表した。\n".encode("cp932"))
    w(_good("eucjp.txt", "日立製作所"), "日立製作所は鉄道事業を強化すると発表した。\n".encode("euc_jp"))
    w(_good("utf16.txt", "富士通"), "富士通は量子コンピューターの開発を進めると発表した。\r\n".encode("utf-16"))
    w(_good("utf16_nobom.txt", "東芝"), "東芝はHDDの新製品を発表した。\n".encode("utf-16-le"))
    w(_good("crlf.md", "キヤノン"),
      "---\r\ntitle: 改行がCRLF\r\ndate: 2025-03-01\r\n---\r\n\r\nキヤノンはカメラの新製品を発表した。\r\n次の段落です。\r\n".encode())
    w(_good("bom.md", "任天堂"), b"\xef\xbb\xbf" + "任天堂は新しいゲーム機を発表した。\n".encode())
    w(_good("control.txt", "パナソニック"),
      "パナソニック\x01は\x0b電池\x1fの\x7f増産を\x08発表した。\u202e逆向き\u202c。👨‍👩‍👧\n".encode())
    w(_good("bad_date.md", "ホンダ"), "---\ntitle: 日付が変\ndate: 2025-02-30\n---\nホンダは新型車を発表した。\n".encode())
    w(_good("broken_yaml.md", "デンソー"), "---\ntitle: [閉じていない\ndate: 2025-01-01\n---\nデンソーは新しい部品を発表した。\n"
      .encode())
    w(_good("list_yaml.md", "三菱重工業"), "---\n- a\n- b\n---\n三菱重工業は新しいロケットを発表した。\n".encode())
    w(_good("page.html", "京セラ"), (
        "<!DOCTYPE html><html><head><title>京セラの発表 <script>window.__pwned=1</script></title>"
        "<script>window.__pwned = 1; document.write('スクリプトの文章');</script>"
        "<style>p { color: red }</style></head><body>"
        "<nav><a href='/'>ホーム</a> メニューの日産自動車</nav><header>ヘッダー</header>"
        "<article><h1>京セラの発表</h1><p>京セラは新しいセラミック部品を発表した。&lt;img src=x onerror=alert(1)&gt;</p>"
        "<script>window.__pwned = 2</script><p onclick=\"window.__pwned=3\">本文の二段落目です。</p></article>"
        "<footer>フッター</footer><aside>広告のソフトバンク</aside></body></html>").encode())
    lines = [
        json.dumps({"id": "feed-1", "text": f"セブン&アイはローソンと提携する{PWN}</script><script>window.__pwned=5"
                                            "</script>と発表した。",
                    "title": f"題名{PWN}", "date": "2025-04-01", "url": "javascript:window.__pwned=6"},
                   ensure_ascii=False),
        "{not json",
        json.dumps({"id": "feed-3", "title": "本文がない"}, ensure_ascii=False),
        json.dumps({"id": "feed-4", "text": 42}),
        "",
        json.dumps({"id": "../../escape", "text": "三井物産は../../の先へ進むと発表した。"}, ensure_ascii=False),
        json.dumps({"id": "/etc/passwd", "text": "伊藤忠商事は新しい事業を発表した。"}, ensure_ascii=False),
        # a raw U+2028 inside a JSON string is valid JSON: the line must not be split there
        json.dumps({"id": "feed-8", "text": "住友商事は\u2028新しい事業を発表した。"}, ensure_ascii=False),
        json.dumps({"id": "feed-9", "text": "丸紅は\ud800新しい事業を発表した。"}),  # a lone surrogate escape
        json.dumps({"id": "feed-10", "text": "ブリヂストンは\u0000新しい\u001bタイヤを発表した。"}),  # NUL, ESC
    ]
    for aid, ent in (("feed-1", "セブン&アイ"), ("../../escape", "三井物産"), ("/etc/passwd", "伊藤忠商事"),
                     ("feed-8", "住友商事"), ("feed-9", "丸紅"), ("feed-10", "ブリヂストン")):
        good[aid] = ent
    w("feed.jsonl", ("\n".join(lines) + "\n").encode())
    bad.update({"feed.jsonl:2": "line 2 is not JSON", "feed.jsonl:3": 'line 3 has no "text" field',
                "feed.jsonl:4": 'line 4 has a "text" that is not a string'})
    if big:
        w(_good("sub/long.txt", "日本製鉄"), long_paragraph().encode())

    # ---- bad inputs
    w("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00")
    bad["binary.txt"] = "binary file (contains NUL bytes)"
    w("latin1.txt", "Café résumé naïve - déjà vu".encode("latin-1"))
    bad["latin1.txt"] = "not valid UTF-8 (bad byte 0xe9 at offset 3) and not Shift_JIS (CP932) or EUC-JP"
    w("empty.md", b"")
    bad["empty.md"] = "empty file"
    w("blank.txt", b" \n\t\r\n")
    bad["blank.txt"] = "empty file"
    w("image.png", b"\x89PNG\r\n")
    bad["image.png"] = "unsupported file type '.png'"
    os.mkfifo(c / "pipe.txt")
    bad["pipe.txt"] = "not a regular file (a named pipe)"
    os.symlink("loop.md", c / "loop.md")
    bad["loop.md"] = "symbolic link loop"
    os.symlink("nowhere.md", c / "dangling.md")
    bad["dangling.md"] = "broken symbolic link"
    os.symlink("..", c / "sub" / "up")
    bad["sub/up"] = "symbolic link loop"
    if not IS_ROOT:  # root reads any file: chmod cannot make one unreadable
        w("secret.txt", "読めないファイル。".encode())
        os.chmod(c / "secret.txt", 0)
        bad["secret.txt"] = "cannot be read (permission denied)"
    return c, good, bad


# ------------------------------------------------------------------ fast unit tests (no model)

def read_all(*paths):
    arts, skipped = [], []
    for item in read_inputs([str(p) for p in paths]):
        (skipped if isinstance(item, Skipped) else arts).append(item)
    return arts, skipped


@pytest.fixture
def hostile(tmp_path):
    corpus, good, bad = make_hostile_corpus(tmp_path, big=False)
    yield corpus, good, bad
    if (corpus / "secret.txt").exists():
        os.chmod(corpus / "secret.txt", 0o600)


def where(skipped: Skipped, corpus: Path) -> str:
    """A skipped input relative to the corpus: ``name`` or ``feed.jsonl:LINE``."""
    path, sep, line = skipped.path.rpartition(".jsonl:")
    if sep:
        return f"{os.path.relpath(path + '.jsonl', corpus)}:{line}"
    return os.path.relpath(skipped.path, corpus)


def test_every_bad_input_is_skipped_with_its_reason_and_every_good_one_read(hostile):
    corpus, good, bad = hostile
    arts, skipped = read_all(corpus)
    assert {a.id for a in arts} == set(good)
    reasons = {where(s, corpus): s.reason for s in skipped}
    assert set(reasons) == set(bad)
    for name, reason in bad.items():
        assert reason in reasons[name], (name, reasons[name])
    assert all("\n" not in s.reason and "\n" not in s.path for s in skipped)


def test_good_articles_decode_to_the_same_text(hostile):
    arts = {a.id: a for a in read_all(hostile[0])[0]}
    assert arts["sjis.txt"].text == "ソニーグループは半導体の新工場を熊本に建設すると発表した。\n"
    assert arts["utf16.txt"].text == "富士通は量子コンピューターの開発を進めると発表した。\r\n"
    assert arts["utf16_nobom.txt"].text.startswith("東芝は")
    assert arts["bom.md"].text.startswith("任天堂")  # the BOM is dropped
    assert arts["crlf.md"].title == "改行がCRLF" and arts["crlf.md"].date == "2025-03-01"
    # the title is read as the article's first chunk (a headline says who did what)
    assert [c.text for c in arts["crlf.md"].chunks] == ["改行がCRLF", "キヤノンはカメラの新製品を発表した。", "次の段落です。"]
    assert arts["feed-8"].text == "住友商事は\u2028新しい事業を発表した。"
    assert arts["feed-9"].text == "丸紅は\ufffd新しい事業を発表した。" and arts["feed-9"].warnings


def test_bad_front_matter_and_dates_warn_and_keep_the_body(hostile):
    arts = {a.id: a for a in read_all(hostile[0])[0]}
    bad_date = arts["bad_date.md"]
    assert bad_date.date == "" and bad_date.title == "日付が変"
    assert bad_date.warnings == ("date ignored: '2025-02-30' is not a real date (day is out of range for month); "
                                 "the article is kept without a date",)
    assert [c.text for c in bad_date.chunks] == ["日付が変", "ホンダは新型車を発表した。"]
    broken = arts["broken_yaml.md"]
    assert broken.title == "" and len(broken.warnings) == 1
    assert re.match(r"front matter is not valid YAML \(.+ at line \d+\); its metadata was ignored", broken.warnings[0])
    assert [c.text for c in broken.chunks] == ["デンソーは新しい部品を発表した。"]
    assert arts["list_yaml.md"].warnings == ("front matter is not a YAML mapping; its metadata was ignored",)
    assert [c.text for c in arts["list_yaml.md"].chunks] == ["三菱重工業は新しいロケットを発表した。"]


def test_html_scripts_navigation_and_handlers_are_not_text(hostile):
    (art,) = [a for a in read_all(hostile[0])[0] if a.id == "page.html"]
    text = " ".join(c.text for c in art.chunks)
    assert "京セラは新しいセラミック部品を発表した。<img src=x onerror=alert(1)>" in text  # an entity ref is text
    assert "本文の二段落目です。" in text
    for junk in ("__pwned", "スクリプト", "メニュー", "ホーム", "日産", "ヘッダー", "フッター", "広告", "color"):
        assert junk not in text
    assert art.title.startswith("京セラの発表")


@pytest.mark.parametrize("data, reason", [
    (b"\x00\x01\x02\x03" * 50, "binary file"),
    (bytes(range(1, 32)) * 20, "binary file (mostly control characters)"),
    ("Größe".encode("latin-1"), "not valid UTF-8"),
    (b"\xef\xbb\xbf\xff\xff", "starts with a utf-8 byte-order mark but is not valid utf-8"),
    (b"\xff\xfe\x00\xd8", "byte-order mark but is not valid utf-16-le"),
])
def test_undecodable_bytes_are_named(data, reason):
    with pytest.raises(InputError, match=re.escape(reason)):
        decode(data)


def test_a_folder_named_like_a_file_and_a_pipe_are_not_read(tmp_path):
    (tmp_path / "dir.md").mkdir()
    os.mkfifo(tmp_path / "p.md")
    (reason_dir,) = read_file(tmp_path / "dir.md", "dir.md")
    (reason_pipe,) = read_file(tmp_path / "p.md", "p.md")  # would block forever if opened for reading
    assert reason_dir.reason == "not a regular file (a folder)"
    assert reason_pipe.reason == "not a regular file (a named pipe)"


def _read_as_nobody(path: Path) -> list[tuple[str, str]]:
    """read_file in a forked child that gave up root (root reads any file whatever its mode)."""
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        try:
            os.close(r)
            os.setgroups([])
            os.setgid(65534)
            os.setuid(65534)
            items = [(type(i).__name__, getattr(i, "reason", "")) for i in read_file(path, path.name)]
            os.write(w, json.dumps(items).encode())
        finally:
            os._exit(0)
    os.close(w)
    with os.fdopen(r, "rb") as fh:
        data = fh.read()
    os.waitpid(pid, 0)
    return [tuple(i) for i in json.loads(data)]


def test_unreadable_file_is_named():
    import tempfile

    with tempfile.TemporaryDirectory() as d:
        os.chmod(d, 0o755)  # (pytest's tmp_path is private to its user)
        p = Path(d) / "secret.md"
        p.write_text("本文。", encoding="utf-8")
        p.chmod(0)
        try:
            items = _read_as_nobody(p) if IS_ROOT else [(type(i).__name__, getattr(i, "reason", ""))
                                                        for i in read_file(p, p.name)]
        finally:
            p.chmod(0o600)
    assert items == [("Skipped", "cannot be read (permission denied)")]


def test_symlink_loops_are_named_and_never_followed(tmp_path):
    c = tmp_path / "c"
    (c / "a" / "b").mkdir(parents=True)
    (c / "a" / "b" / "x.txt").write_text("本文。", encoding="utf-8")
    os.symlink("../..", c / "a" / "b" / "back")  # a folder loop
    os.symlink("two.md", c / "one.md")
    os.symlink("one.md", c / "two.md")  # a two-link loop
    os.symlink(str(c / "a"), c / "again")  # a link to a folder read anyway
    arts, skipped = read_all(c, c / "one.md")
    assert [a.id for a in arts] == ["a/b/x.txt"]
    reasons = {os.path.relpath(s.path, c): s.reason for s in skipped}
    assert reasons["a/b/back"].startswith("symbolic link loop")
    assert reasons["one.md"].startswith("symbolic link loop")
    assert reasons["two.md"].startswith("symbolic link loop")
    assert reasons["again"].startswith("symbolic link to a folder already read")


def test_file_names_with_control_characters_and_bad_bytes_are_shown_safely(tmp_path):
    c = tmp_path / "c"
    c.mkdir()
    (c / "evil\x1b[31mname\n.txt").write_text("本文です。", encoding="utf-8")
    (c / os.fsdecode("sjis名前".encode("cp932") + b".txt")).write_text("本文です。", encoding="utf-8")
    (c / "bin\x07.txt").write_bytes(b"\x00")
    arts, skipped = read_all(c)
    assert sorted(a.id for a in arts) == ["evil\x1b[31mname\n.txt", "sjis名前.txt"]  # ids are the real names
    (s,) = skipped
    assert s.path.endswith("bin\\x07.txt") and "\x07" not in s.path  # shown escaped, on one line


def test_duplicate_ids_keep_the_first_and_never_replace_it_in_the_store(tmp_path):
    from kg.store import Store

    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "x.md").write_text("最初。", encoding="utf-8")
    (tmp_path / "b" / "x.md").write_text("二つ目。", encoding="utf-8")
    arts, skipped = read_all(tmp_path / "a" / "x.md", tmp_path / "b" / "x.md")
    assert [a.text for a in arts] == ["最初。"]
    (dup,) = skipped
    assert "duplicate article id 'x.md'" in dup.reason and dup.article_id == ""
    with Store(tmp_path / "kg.sqlite") as store:
        store.save_article(arts[0], chunk_keys=[], fingerprint="f", extraction="e", sentences=[], mentions=[],
                           relations=[])
        store.save_skipped(dup)
        assert [a.id for a in store.articles()] == ["x.md"]
        assert [(p[0], p[2]) for p in store.problems()] == [(dup.path, "skipped")]


def test_deeply_nested_or_huge_json_lines_are_named(tmp_path):
    p = tmp_path / "f.jsonl"
    p.write_text("[" * 100_000 + "\n" + '{"id": "n", "text": ' + "9" * 5000 + "}\n"
                 + json.dumps({"id": "ok", "text": "本文。"}) + "\n", encoding="utf-8")
    items = list(read_file(p, "f.jsonl"))
    assert [type(i).__name__ for i in items] == ["Skipped", "Skipped", "Article"]
    assert items[0].reason.startswith("line 1 is not")
    assert items[1].reason.startswith("line 2 is not")


def test_yaml_that_would_crash_the_loader_only_warns(tmp_path):
    for name, front in [("deep.md", "title: " + "[" * 5000 + "]" * 5000),
                        ("tag.md", "title: !!python/object/apply:os.system ['echo pwned']"),
                        ("bomb.md", "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\ntitle: &t [*c, *c, *c]\ntags: *t"),
                        ("date.md", "date: 2024-13-45T99:99:99"),
                        ("types.md", "title: {a: 1}\ntags: [[1, 2], {x: y}, true]\nurl: [1, 2]\nauthor: null")]:
        (tmp_path / name).write_text(f"---\n{front}\n---\n本文です。\n", encoding="utf-8")
        (art,) = read_file(tmp_path / name, name)
        assert isinstance(art, Article), name
        assert [c.text for c in art.chunks] == ["本文です。"], name
        assert all("\n" not in w for w in art.warnings)
    assert not (tmp_path / "pwned").exists()


# ------------------------------------------------------------------ end to end (model)

@pytest.fixture(scope="module")
def hostile_build(tmp_path_factory):
    """The hostile corpus (with the 200 KB paragraph) built once through the real command line."""
    base = tmp_path_factory.mktemp("hostile")
    corpus, good, bad = make_hostile_corpus(base)
    out = base / "out"
    proc = subprocess.run([sys.executable, "-m", "kg", "build", str(corpus), "-o", str(out), "--jobs", "2"],
                          capture_output=True, text=True, timeout=900, cwd=base)
    yield corpus, out, proc, good, bad
    if (corpus / "secret.txt").exists():
        os.chmod(corpus / "secret.txt", 0o600)


def jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.model
@pytest.mark.slow
def test_hostile_corpus_builds_names_every_bad_input_and_keeps_every_good_article(hostile_build):
    corpus, out, proc, good, bad = hostile_build
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    lines = proc.stderr.splitlines()
    for where, reason in bad.items():
        shown = str(corpus / where)
        assert any(line.startswith(f"kg: skipped {shown}: ") and reason in line for line in lines), (where, reason)
    for name, warning in [("bad_date.md", "date ignored: '2025-02-30' is not a real date"),
                          ("broken_yaml.md", "front matter is not valid YAML"),
                          ("list_yaml.md", "front matter is not a YAML mapping")]:
        assert any(line.startswith(f"kg: warning: {corpus / name}: {warning}") for line in lines), name
    m = re.search(r"kg: (\d+) analysed, (\d+) reused, (\d+) skipped", proc.stdout)
    assert m and int(m.group(1)) == len(good) and int(m.group(3)) == len(bad), proc.stdout

    mentions = jsonl(out / "mentions.jsonl")
    found = {(r["article"], r["text"]) for r in mentions}
    for aid, entity in good.items():
        assert (aid, entity) in found, (aid, entity)
    # the 200 KB paragraph was analysed whole: mentions from its first to its last sentence
    long_rows = [r for r in mentions if r["article"] == "sub/long.txt"]
    text = (corpus / "sub" / "long.txt").read_text(encoding="utf-8")
    assert len(text.encode()) > 200_000
    assert min(r["start"] for r in long_rows) < 100 and max(r["end"] for r in long_rows) > len(text) - 30
    assert len({r["text"] for r in long_rows}) >= 6

    with sqlite3.connect(out / "kg.sqlite") as db:
        status = dict(db.execute("SELECT id, status FROM articles"))
        dates = dict(db.execute("SELECT id, date FROM articles"))
    assert all(status[aid] == "ok" for aid in good)
    assert dates["bad_date.md"] == "" and dates["crlf.md"] == "2025-03-01"
    assert sum(1 for s in status.values() if s == "skipped") == len(bad)


@pytest.mark.model
@pytest.mark.slow
def test_hostile_graph_files_are_valid_xml_for_every_reader(hostile_build):
    import igraph

    _, out, proc, _, _ = hostile_build
    assert proc.returncode == 0
    for name in ("graph.graphml", "graph.gexf"):
        blob = (out / name).read_bytes()
        assert not XML_FORBIDDEN.search(blob.decode("utf-8")), name
        etree.fromstring(blob)
    g = nx.read_graphml(out / "graph.graphml")
    nx.read_gexf(out / "graph.gexf", version="1.3")
    ig = igraph.Graph.Read_GraphML(str(out / "graph.graphml"))
    assert ig.vcount() == g.number_of_nodes() > 10
    ids = set(g.nodes)
    for r in jsonl(out / "mentions.jsonl"):  # the contract: `entity` is the node's id in the GraphML
        assert r["entity"] in ids, r


@pytest.mark.model
@pytest.mark.slow
def test_article_ids_never_become_paths(hostile_build):
    corpus, out, proc, _, _ = hostile_build
    assert proc.returncode == 0
    base = corpus.parent
    made = sorted(p.relative_to(base).as_posix() for p in base.rglob("*") if not p.is_relative_to(corpus))
    assert set(made) <= {"out", "out/graph.graphml", "out/graph.gexf", "out/graph.html", "out/mentions.jsonl",
                         "out/relations.jsonl", "out/kg.sqlite", "out/kg.sqlite-wal", "out/kg.sqlite-shm",
                         "out/.kg.lock"}, made
    assert not (base.parent / "escape").exists()
    articles = {r["article"] for r in jsonl(out / "mentions.jsonl")}
    assert {"../../escape", "/etc/passwd"} <= articles


@pytest.mark.model
@pytest.mark.browser
@pytest.mark.slow
def test_graph_html_runs_nothing_from_the_articles(hostile_build):
    from playwright.sync_api import sync_playwright

    _, out, proc, _, _ = hostile_build
    assert proc.returncode == 0
    page_html = (out / "graph.html").read_text(encoding="utf-8")
    assert "javascript:window.__pwned" not in page_html  # the article's javascript: URL was dropped
    assert "</script><script>window.__pwned" not in page_html  # cannot close the data element
    requests, dialogs, errors = [], [], []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path="/usr/bin/chromium",
                                     args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"])
        try:
            page = browser.new_page()
            page.on("request", lambda r: requests.append(r.url))
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto((out / "graph.html").as_uri())
            page.wait_for_function("window.kg !== undefined", timeout=60_000)
            # show every node and every edge: all titles, evidence sentences and names reach the DOM
            shown = page.evaluate("""() => {
                const data = JSON.parse(document.getElementById('kg-data').textContent);
                const texts = [];
                for (const n of data.nodes) { window.kg.showNode(n.id); texts.push(document.getElementById('kg-details').textContent); }
                for (const e of data.edges) { window.kg.showEdge(e.id); texts.push(document.getElementById('kg-details').textContent); }
                const box = document.getElementById('kg-search');
                box.value = '<img src=x onerror=window.__pwned=9>';
                box.dispatchEvent(new Event('input', {bubbles: true}));
                box.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true}));
                return texts.join('\\n');
            }""")
            # a sentinel image that fails to load after all the above: once its error event has
            # fired, the error event of any image the page injected from article text has fired too
            page.evaluate("""() => { const img = document.createElement('img');
                img.addEventListener('error', () => { window.__sentinel = 1; });
                img.src = 'x-sentinel-missing.png'; document.body.appendChild(img); }""")
            page.wait_for_function("window.__sentinel === 1", timeout=10_000)
            pwned = page.evaluate("window.__pwned")
            bad_links = page.evaluate("""() => Array.from(document.querySelectorAll('a[href]'))
                .map(a => a.getAttribute('href')).filter(h => !/^(https?:|#)/i.test(h))""")
            injected = page.evaluate("document.querySelectorAll('#kg-details img, #kg-details script').length")
        finally:
            browser.close()
    assert pwned is None
    assert not dialogs and not errors, (dialogs, errors)
    assert not bad_links, bad_links
    assert injected == 0
    assert "onerror" in shown  # the payload is on the page, as text
    assert all(u.startswith(("file:", "data:", "about:", "blob:")) for u in requests), requests


def test_a_skipped_file_and_an_article_never_share_a_store_row(tmp_path):
    (tmp_path / "a.jsonl").write_text(json.dumps({"id": "b.txt", "text": "本文。"}) + "\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00binary")
    (tmp_path / "c.txt").write_bytes(b"\x00binary")
    (tmp_path / "d.jsonl").write_text(json.dumps({"id": "c.txt", "text": "本文。"}) + "\n", encoding="utf-8")
    items = list(read_inputs([str(tmp_path)]))
    keys = [i.id if isinstance(i, Article) else (i.article_id or i.path) for i in items]
    assert len(keys) == len(set(keys)) == 4
    assert [type(i).__name__ for i in items] == ["Article", "Skipped", "Skipped", "Skipped"]
    assert items[1].article_id == "" and "binary" in items[1].reason  # b.txt: its id belongs to a.jsonl's article
    assert items[2].article_id == "c.txt"  # c.txt came first: the id is its
    assert "duplicate article id 'c.txt'" in items[3].reason


def test_an_article_that_fails_analysis_is_recorded_and_the_build_goes_on(tmp_path):
    """A damaged cached analysis makes one article fail; the other is built (no model needed)."""
    from click.testing import CliRunner

    from kg.cli import main
    from kg.extract import Resources
    from kg.nlp import NlpConfig, fit_chunks
    from kg.settings import Settings
    from kg.store import Store

    corpus, out = tmp_path / "c", tmp_path / "out"
    corpus.mkdir()
    (corpus / "good.txt").write_text("良い記事です。", encoding="utf-8")
    (corpus / "bad.txt").write_text("壊れた記事です。", encoding="utf-8")
    res = Resources.load()
    fingerprint = NlpConfig(model=Settings().model, patterns=res.span_ruler_patterns(),
                            patterns_digest=res.patterns_digest, batch_size=Settings().batch_size).fingerprint
    arts = {a.id: a for a in read_inputs([str(corpus)])}
    out.mkdir()
    with Store(out / "kg.sqlite") as store:
        for aid, analysis in (("good.txt", {"format": 4, "sents": []}), ("bad.txt", {"format": 4, "sents": "bogus"})):
            for chunk in fit_chunks(arts[aid].chunks):
                store.put_chunk(chunk.key, fingerprint, analysis)
    result = CliRunner().invoke(main, ["build", str(corpus), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert re.search(r"kg: skipped .*bad\.txt: analysis failed \(TypeError: .+\); recorded as an error, the next "
                     r"build tries it again\n", result.stderr), result.stderr
    assert "1 analysed, 0 reused, 1 skipped" in result.stdout
    with Store(out / "kg.sqlite") as store:
        assert [a.id for a in store.articles()] == ["good.txt"]
        (problem,) = store.problems()
        assert problem[0] == "bad.txt" and problem[2] == "error"
        # the failed article's analysis is not kept (pruned: no stored article uses it)
        assert not any(store.has_chunk(c.key, fingerprint) for c in fit_chunks(arts["bad.txt"].chunks))
        for chunk in fit_chunks(arts["bad.txt"].chunks):  # damage it again (else the model would redo it)
            store.put_chunk(chunk.key, fingerprint, {"format": 4, "sents": "bogus"})
    assert (out / "graph.graphml").exists()
    again = CliRunner().invoke(main, ["build", str(corpus), "-o", str(out)])
    assert again.exit_code == 0 and "0 analysed, 1 reused, 1 skipped" in again.stdout  # it was tried again


def test_a_rule_failing_on_one_sentence_loses_that_sentence_only(monkeypatch, caplog):
    """A relation rule's slip on one odd parse (a ValueError deep in a repair) must not cost the article: the other
    sentences keep their relations and the failure is reported with where it happened."""
    import kg.extract.relations as R
    from kg.model import Mention, Relation, Sentence

    text = "A社は出資した。B社は買収した。"
    sents = [Sentence(0, 0, 8, text[:8], ()), Sentence(1, 8, 16, text[8:], ())]
    ms = [Mention("a", 0, 2, "A社", "company", "A社", "dict", 0), Mention("a", 8, 10, "B社", "company", "B社", "dict", 1)]
    good = Relation("a", (8, 10), (8, 10), "買収する", 8, 16, "frame")

    def fake(article, sent, mentions, disc):
        if sent.index == 0:
            raise ValueError("max() arg is an empty sequence")
        return [good]

    monkeypatch.setattr(R, "sentence_relations", fake)
    with caplog.at_level("WARNING", logger="kg.extract"):
        got = R.extract_relations(Article("a", text), sents, ms, None)
    assert got == [good]
    assert "a: no relations read from the sentence at 0-8 (ValueError" in caplog.text
