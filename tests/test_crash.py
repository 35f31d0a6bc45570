"""Crash safety and concurrency: SIGKILL at any moment loses nothing and breaks nothing; two
builds into one OUTDIR never interleave. Builds run as real ``kg build`` processes.

No sleeps: every wait polls a condition with a deadline.
"""

from __future__ import annotations

import os
import re
import select
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from kg.cli import main
from kg.errors import KgError
from kg.fsutil import WriteError, remove_stale_temporaries, write_all_atomic, write_atomic
from kg.lock import OutdirLock

ROOT = Path(__file__).resolve().parent.parent
OUTPUTS = ("graph.graphml", "graph.gexf", "graph.html", "mentions.jsonl", "relations.jsonl")
FIRMS = ["トヨタ自動車", "ソニーグループ", "日立製作所", "東芝", "富士通", "キヤノン", "任天堂", "ホンダ", "デンソー",
         "三菱重工業", "京セラ", "三井物産", "伊藤忠商事", "住友商事", "丸紅", "日本製鉄", "パナソニック"]
DEALS = ["提携", "協業", "合弁会社の設立", "共同研究"]
N_ARTICLES = 16


def write_article(corpus: Path, i: int) -> None:
    paras = []
    for j in range(3):
        sents = []
        for k in range(6):
            a = FIRMS[(i * 7 + j * 3 + k) % len(FIRMS)]
            b = FIRMS[(i * 5 + j + k * 2 + 1) % len(FIRMS)]
            if a == b:
                b = FIRMS[(FIRMS.index(a) + 1) % len(FIRMS)]
            sents.append(f"{a}は{b}と{DEALS[(i + k) % len(DEALS)]}について{i * 100 + j * 10 + k + 1}億円規模で合意した。")
        paras.append("".join(sents))
    body = "\n\n".join(paras)
    (corpus / f"article_{i:02d}.md").write_text(
        f"---\ntitle: 記事{i}\ndate: 2025-01-{i + 1:02d}\n---\n\n{body}\n", encoding="utf-8")


def make_corpus(path: Path, n: int = N_ARTICLES) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        write_article(path, i)
    return path


def kg_process(*args: str, cwd: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "kg", "build", *args], cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def wait_for(condition, timeout: float, what: str, proc: subprocess.Popen | None = None, interval: float = 0.02):
    """Poll ``condition`` until it returns a true value; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        if proc is not None and proc.poll() is not None:
            out, err = proc.communicate()
            pytest.fail(f"the build ended (status {proc.returncode}) before {what}:\n{err}")
        time.sleep(interval)
    pytest.fail(f"timed out after {timeout} s waiting for {what}")


def stored_ok(out: Path) -> int:
    """Articles committed to the store (0 while it does not exist yet)."""
    db_path = out / "kg.sqlite"
    if not db_path.exists():
        return 0
    try:
        db = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True, timeout=0.5)
        try:
            return db.execute("SELECT count(*) FROM articles WHERE status = 'ok'").fetchone()[0]
        finally:
            db.close()
    except sqlite3.Error:
        return 0


def outputs(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS if (out / name).exists()}


def temporaries(out: Path) -> list[str]:
    return sorted(n for n in os.listdir(out) if n.endswith(".tmp"))


@pytest.fixture(scope="module")
def clean(tmp_path_factory):
    """The crash corpus and its uninterrupted build from scratch (in process: shares the session's model)."""
    from kg.build import run_build
    from kg.settings import Settings

    base = tmp_path_factory.mktemp("crash")
    corpus = make_corpus(base / "corpus")
    out = base / "clean"
    summary = run_build(Settings(inputs=(str(corpus),), outdir=out, jobs=1))
    assert summary.analysed == N_ARTICLES and summary.relations > 0
    return corpus, out


# ------------------------------------------------------------------ SIGKILL mid-build (model)

@pytest.mark.model
@pytest.mark.slow
def test_sigkill_mid_build_keeps_previous_outputs_and_the_next_build_equals_a_clean_one(clean, tmp_path):
    from kg.build import run_build
    from kg.settings import Settings

    ref_corpus, ref_out = clean
    corpus, out = tmp_path / "corpus", tmp_path / "out"
    # the previous state: a build of the first three articles
    corpus.mkdir()
    for i in range(3):
        shutil.copy(ref_corpus / f"article_{i:02d}.md", corpus)
    run_build(Settings(inputs=(str(corpus),), outdir=out, jobs=1))
    previous = outputs(out)
    assert set(previous) == set(OUTPUTS) and stored_ok(out) == 3
    for p in ref_corpus.iterdir():
        shutil.copy(p, corpus)

    proc = kg_process(str(corpus), "-o", str(out), "--jobs", "1", cwd=tmp_path)
    try:
        wait_for(lambda: stored_ok(out) >= 4, 300, "a new article was stored", proc)
        os.kill(proc.pid, signal.SIGKILL)
    finally:
        proc.kill()
        proc.communicate()
    assert proc.returncode == -signal.SIGKILL
    stored = stored_ok(out)
    assert 4 <= stored < N_ARTICLES, f"killed too late to test anything ({stored} stored)"
    assert outputs(out) == previous  # the killed build never touched the outputs
    # a temporary file a writer killed while writing would leave, and one that is not kg's
    (out / ".graph.graphml.k1ll3d_x.tmp").write_bytes(b"<half")
    (out / ".my-notes.tmp").write_bytes(b"mine")

    res = CliRunner().invoke(main, ["build", str(corpus), "-o", str(out), "--jobs", "1"])
    assert res.exit_code == 0, res.output
    m = re.search(r"kg: (\d+) analysed, (\d+) reused", res.output)
    assert m and (int(m.group(1)), int(m.group(2))) == (N_ARTICLES - stored, stored), res.output
    assert outputs(out) == outputs(ref_out)  # byte-identical to the uninterrupted build
    assert temporaries(out) == [".my-notes.tmp"]


# ------------------------------------------------------------------ two builds at once (model)

@pytest.mark.model
@pytest.mark.slow
def test_two_builds_into_one_outdir_take_turns_and_equal_a_clean_build(clean, tmp_path):
    corpus, ref_out = clean
    out = tmp_path / "out"
    a = kg_process(str(corpus), "-o", str(out), "--jobs", "2", cwd=tmp_path)
    b = kg_process(str(corpus), "-o", str(out), "--jobs", "2", cwd=tmp_path)
    try:
        results = {p.pid: p.communicate(timeout=600) for p in (a, b)}
    finally:
        for p in (a, b):
            p.kill()
            p.communicate()
    assert a.returncode == 0 and b.returncode == 0, results
    waited = [pid for pid, (_, err) in results.items() if "waiting for another kg build" in err]
    assert len(waited) == 1, results
    other = b.pid if waited[0] == a.pid else a.pid
    assert re.search(rf"waiting for another kg build \(pid {other} on \S+ since [\d\- :]+\) writing to ",
                     results[waited[0]][1])
    assert f" 0 analysed, {N_ARTICLES} reused" in results[waited[0]][0]  # it found the other's work
    assert f"{N_ARTICLES} analysed, 0 reused" in results[other][0]
    assert outputs(out) == outputs(ref_out)
    assert temporaries(out) == []


# ------------------------------------------------------------------ SIGKILL while writing outputs (no model)

@pytest.mark.model  # for the clean build it starts from; the killed builds themselves never load the model
def test_sigkill_while_writing_outputs_leaves_every_file_whole(clean, tmp_path):
    corpus, ref_out = clean
    out = tmp_path / "out"
    shutil.copytree(ref_out, out)
    reference = outputs(ref_out)
    titles = {f"kg — {N_ARTICLES} articles"}
    caught = 0
    for round_no, name in enumerate(OUTPUTS):
        title = f"round {round_no}"
        titles.add(title)
        before = set(temporaries(out))  # a killed round may have left one: wait for a new one
        proc = kg_process(str(corpus), "-o", str(out), "--title", title, cwd=tmp_path)
        try:
            # busy-poll (no sleep) for the temporary file of this round's output: kill its writer mid-write
            deadline = time.monotonic() + 120
            while proc.poll() is None and time.monotonic() < deadline:
                if any(t.startswith(f".{name}.") for t in set(temporaries(out)) - before):
                    os.kill(proc.pid, signal.SIGKILL)
                    break
        finally:
            proc.kill()
            proc.communicate()
        caught += proc.returncode == -signal.SIGKILL and bool(set(temporaries(out)) - before)
        # whatever the moment: each file is the old one or the new one, never a mix or a part
        now = outputs(out)
        assert set(now) == set(OUTPUTS)
        for fixed in ("graph.graphml", "mentions.jsonl", "relations.jsonl"):
            assert now[fixed] == reference[fixed], fixed
        description = etree.fromstring(now["graph.gexf"]).findtext("{http://gexf.net/1.3}meta/"
                                                                  "{http://gexf.net/1.3}description")
        assert description in titles
        assert now["graph.html"].rstrip().endswith(b"</html>")
    assert caught >= 1, "no round was killed while writing"
    assert temporaries(out)  # the killed writers left their temporaries ...
    res = CliRunner().invoke(main, ["build", str(corpus), "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert " 0 analysed" in res.output
    assert temporaries(out) == []  # ... which the next build removed
    assert outputs(out) == reference


# ------------------------------------------------------------------ the lock (no model)

def test_no_wait_fails_at_once_naming_the_other_build(tmp_path):
    (tmp_path / "a.md").write_text("トヨタ自動車は発表した。", encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    with OutdirLock(out):
        t0 = time.monotonic()
        proc = subprocess.run([sys.executable, "-m", "kg", "build", str(tmp_path / "a.md"), "-o", str(out),
                               "--no-wait"], capture_output=True, text=True, timeout=120)
        assert time.monotonic() - t0 < 60
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert re.fullmatch(rf"kg: error: another kg build \(pid {os.getpid()} on {re.escape(socket.gethostname())} "
                        rf"since [\d\- :]+\) is writing to {re.escape(str(out))}; wait for it to finish or use "
                        r"another output directory\n", proc.stderr), proc.stderr
    assert not (out / "kg.sqlite").exists()


def test_lock_text_left_by_a_killed_build_blocks_nothing(tmp_path):
    (tmp_path / ".kg.lock").write_text(f"pid 999999999 on {socket.gethostname()} since 2020-01-01 00:00:00\n")
    with OutdirLock(tmp_path, wait=False):
        text = (tmp_path / ".kg.lock").read_text()
        assert text.startswith(f"pid {os.getpid()} on ")
    assert (tmp_path / ".kg.lock").read_text() == ""


def test_a_second_lock_in_the_same_process_is_refused(tmp_path):
    with OutdirLock(tmp_path):
        with pytest.raises(KgError, match=rf"another kg build \(pid {os.getpid()} "):
            with OutdirLock(tmp_path, wait=False):
                pass
    with OutdirLock(tmp_path, wait=False):
        pass


HOLDER = textwrap.dedent("""
    import multiprocessing as mp, os, sys, time
    from pathlib import Path
    from kg.lock import OutdirLock

    with OutdirLock(Path(sys.argv[1])):
        pool = mp.get_context("fork").Pool(1)
        pool.apply_async(time.sleep, (600,))
        child = pool._pool[0].pid
        print(child, flush=True)
        time.sleep(600)
""")


def read_line(proc: subprocess.Popen, timeout: float) -> str:
    ready, _, _ = select.select([proc.stdout], [], [], timeout)
    if not ready:
        proc.kill()
        pytest.fail(f"no output within {timeout} s")
    return proc.stdout.readline()


def test_workers_orphaned_by_a_killed_build_do_not_hold_the_lock(tmp_path):
    proc = subprocess.Popen([sys.executable, "-c", HOLDER, str(tmp_path)], stdout=subprocess.PIPE, text=True,
                            cwd=ROOT)
    child = None
    try:
        child = int(read_line(proc, 60))
        with pytest.raises(KgError):
            with OutdirLock(tmp_path, wait=False):
                pass
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=60)
        os.kill(child, 0)  # the forked worker lives on, an orphan
        with OutdirLock(tmp_path, wait=False):  # ... yet the lock is free
            pass
    finally:
        proc.kill()
        proc.wait()
        if child:
            try:
                os.kill(child, signal.SIGKILL)
            except ProcessLookupError:
                pass


# ------------------------------------------------------------------ atomic writes (no model)

def test_failed_write_keeps_the_old_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "graph.graphml"
    target.write_bytes(b"old")
    (tmp_path / "graph.html").mkdir()  # cannot be replaced by a file
    with pytest.raises(WriteError, match=r"cannot write .*graph\.html: Is a directory; the previous file"):
        write_all_atomic({target: b"new", tmp_path / "graph.html": b"<html>"})
    assert temporaries(tmp_path) == []
    write_atomic(target, "新しい")
    assert target.read_text(encoding="utf-8") == "新しい"
    assert temporaries(tmp_path) == []


def test_only_kgs_own_stale_temporaries_are_removed(tmp_path):
    names = [".graph.html.abc_123.tmp", ".mentions.jsonl.x9y8z7w6.tmp", ".graph.html.tmp", "graph.html.tmp",
             ".other.abc.tmp", ".graph.htmlx.abc.tmp"]
    for n in names:
        (tmp_path / n).write_bytes(b"x")
    removed = remove_stale_temporaries(tmp_path, OUTPUTS)
    assert removed == [".graph.html.abc_123.tmp", ".mentions.jsonl.x9y8z7w6.tmp"]
    assert temporaries(tmp_path) == sorted(set(names) - set(removed))


def test_store_commits_each_article_where_other_readers_see_it(tmp_path):
    from kg.model import Article
    from kg.store import Store

    with Store(tmp_path / "kg.sqlite") as store:
        assert store.db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        store.save_article(Article("a", "本文。"), chunk_keys=[], fingerprint="f", extraction="e", sentences=[],
                           mentions=[], relations=[])
        assert stored_ok(tmp_path) == 1  # committed: visible to another connection at once
        store.save_failed("b", "b.md", "analysis failed (ValueError: x)")
        assert [(p[0], p[2], p[3]) for p in store.problems()] == [("b", "error", "analysis failed (ValueError: x)")]
