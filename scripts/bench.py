#!/usr/bin/env python3
"""`make bench`: kg's throughput against GiNZA's own, on the same texts.

The corpus is generated from the Stockmark dev sentences (CC BY-SA 3.0): articles of a few
paragraphs, each paragraph a distinct combination of sentences, so that nothing is shared
and every character is analysed. Two sizes (S and L) show that memory does not grow with
the corpus. Printed, one line each:

  raw nlp.pipe (ja_ginza, one process, model load included)
  kg build --jobs 1 (cold), kg build on all cores (cold), an unchanged rebuild
  throughput ratios against raw nlp.pipe, and peak memory (VmHWM) per process

Usage: bench.py [--shared ../shared] [--small 60000] [--large 300000] [--work .bench]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def make_corpus(sentences: list[str], chars: int, out: Path, seed: int) -> int:
    """Write JSON Lines articles of distinct paragraphs until ``chars`` characters."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    total = 0
    n = 0
    with open(out / "bench.jsonl", "w", encoding="utf-8") as fh:
        while total < chars:
            paragraphs = []
            for _ in range(rng.randint(3, 6)):
                paragraphs.append("".join(rng.sample(sentences, rng.randint(3, 8))))
            text = "\n\n".join(paragraphs)
            fh.write(json.dumps({"id": f"a{n:05d}", "text": text, "date": f"2025-{1 + n % 12:02d}-01"},
                                ensure_ascii=False) + "\n")
            total += len(text)
            n += 1
    return total


class PeakMemory:
    """Samples VmHWM (peak resident memory) of a process tree while it runs."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak: dict[int, tuple[str, int]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _tree(self) -> list[int]:
        pids = [self.pid]
        out = []
        while pids:
            p = pids.pop()
            out.append(p)
            try:
                children = Path(f"/proc/{p}/task/{p}/children").read_text().split()
            except OSError:
                continue
            pids.extend(int(c) for c in children)
        return out

    def _run(self) -> None:
        while not self._stop.is_set():
            for p in self._tree():
                try:
                    status = Path(f"/proc/{p}/status").read_text()
                    cmd = Path(f"/proc/{p}/cmdline").read_bytes().replace(b"\0", b" ").decode()[:60]
                except OSError:
                    continue
                for line in status.splitlines():
                    if line.startswith("VmHWM:"):
                        kb = int(line.split()[1])
                        if kb > self.peak.get(p, ("", 0))[1]:
                            self.peak[p] = (cmd, kb)
            self._stop.wait(0.2)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()

    def max_mb(self) -> float:
        return max((kb for _, kb in self.peak.values()), default=0) / 1024


def timed(cmd: list[str]) -> tuple[float, PeakMemory]:
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with PeakMemory(proc.pid) as mem:
        out, err = proc.communicate()
    secs = time.perf_counter() - t0
    if proc.returncode != 0:
        sys.stderr.write(err)
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return secs, mem


RAW = """
import json, sys, time
import spacy
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
paragraphs = [p for t in texts for p in t.split("\\n\\n") if p.strip()]
nlp = spacy.load("ja_ginza")
for _ in nlp.pipe(paragraphs, batch_size=8):
    pass
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--small", type=int, default=60000, help="characters of the small corpus")
    ap.add_argument("--large", type=int, default=300000, help="characters of the large corpus (~10x the sample)")
    ap.add_argument("--work", default=str(ROOT / ".bench"))
    args = ap.parse_args()
    work = Path(args.work)
    if work.exists():
        shutil.rmtree(work)
    sentences = [json.loads(line)["text"] for line in open(Path(args.shared) / "eval/stockmark/ner_dev.jsonl",
                                                              encoding="utf-8")]
    kg = [sys.executable, "-m", "kg", "build", "--quiet"]
    cores = len(os.sched_getaffinity(0))
    results = {}
    for name, size in (("S", args.small), ("L", args.large)):
        corpus = work / f"corpus-{name}"
        chars = make_corpus(sentences, size, corpus, seed=len(name))
        raw, raw_mem = timed([sys.executable, "-c", RAW, str(corpus / "bench.jsonl")])
        one, one_mem = timed([*kg, str(corpus), "-o", str(work / f"out-{name}-1"), "--jobs", "1"])
        allc, all_mem = timed([*kg, str(corpus), "-o", str(work / f"out-{name}-all")])
        again, _ = timed([*kg, str(corpus), "-o", str(work / f"out-{name}-all")])
        results[name] = {
            "chars": chars,
            "raw_nlp_pipe_s": round(raw, 1),
            "kg_jobs1_s": round(one, 1),
            f"kg_jobs{cores}_s": round(allc, 1),
            "unchanged_rebuild_s": round(again, 2),
            "raw_chars_per_s": round(chars / raw),
            "jobs1_vs_raw": round(raw / one, 3),
            f"jobs{cores}_vs_raw": round(raw / allc, 3),
            "rebuild_vs_cold": round(again / allc, 3),
            "peak_mb_raw": round(raw_mem.max_mb()),
            "peak_mb_per_process_jobs1": round(one_mem.max_mb()),
            f"peak_mb_per_process_jobs{cores}": round(all_mem.max_mb()),
            "processes_jobs_all": len(all_mem.peak),
        }
        print(json.dumps({"size": name, **results[name]}, ensure_ascii=False), flush=True)
    s, l_ = results["S"], results["L"]
    print(json.dumps({"memory_growth_L_over_S": round(l_[f"peak_mb_per_process_jobs{cores}"]
                                                      / max(1, s[f"peak_mb_per_process_jobs{cores}"]), 3)}))


if __name__ == "__main__":
    main()
