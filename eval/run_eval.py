#!/usr/bin/env python3
"""`make eval`: fresh builds scored against the gold annotations.

Prints, one JSON object a line:
  seed      -- ../shared/seeds scored with score_kg.py against seed_gold.json
  corpus    -- our own sample corpus (without the seed) against eval/corpus_gold.json
  holdout*  -- eval/holdout*/articles (written blind to the extractor) against their gold.json
  stockmark -- Stockmark NER scored with score_ner.py (per type): the dev split (the NER head is
               trained on 90 % of it), its held-out 10 % (the head never saw it: the figure to tune
               on) and the test split (for reporting only)

Usage: run_eval.py [--shared DIR] [--work DIR] [--only seed,corpus,holdouts,stockmark-dev,stockmark-heldout,stockmark-test] [--jobs N]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
from train_ner import held_out  # noqa: E402  (the same 10 % the NER head is selected on)

KG = [sys.executable, "-m", "kg"]


def run(cmd: list[str]) -> str:
    proc = subprocess.run(cmd, capture_output=True, text=True)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr)
        raise SystemExit(f"failed: {' '.join(cmd)}")
    return proc.stdout


KEEP = False


def build(inputs: list[str], out: Path, jobs: int | None) -> float:
    if out.exists() and not KEEP:
        shutil.rmtree(out)
    t0 = time.perf_counter()
    run([*KG, "build", *inputs, "-o", str(out), "--quiet", *(["--jobs", str(jobs)] if jobs else [])])
    return time.perf_counter() - t0


def score_kg(shared: Path, graph: Path, gold: Path, brief: bool) -> dict:
    out = run([sys.executable, str(shared / "eval" / "score_kg.py"), str(graph), str(gold),
               *(["--brief"] if brief else [])])
    return json.loads(out)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--shared", default=str(ROOT.parent / "shared"))
    ap.add_argument("--work", default=str(ROOT / ".eval"))
    ap.add_argument("--only", default="seed,corpus,holdouts,stockmark-dev,stockmark-heldout,stockmark-test",
                    help="comma-separated: seed, corpus, holdouts (every eval/holdout*/) or one by name, "
                         "stockmark-dev, stockmark-heldout, stockmark-test")
    ap.add_argument("--jobs", type=int, default=None)
    ap.add_argument("--details", action="store_true", help="also print missed and false entities/relations")
    ap.add_argument("--keep", action="store_true",
                    help="reuse earlier builds in --work (development: only what changed is redone)")
    args = ap.parse_args()
    global KEEP
    KEEP = args.keep
    shared, work = Path(args.shared), Path(args.work)
    work.mkdir(parents=True, exist_ok=True)
    only = set(args.only.split(","))

    if "seed" in only:
        secs = build([str(shared / "seeds")], work / "seed", args.jobs)
        res = score_kg(shared, work / "seed" / "graph.graphml", shared / "eval" / "seed_gold.json", not args.details)
        print(json.dumps({"eval": "seed", "seconds": round(secs, 1), **res}, ensure_ascii=False))

    if "corpus" in only:
        inputs = sorted(str(p) for p in (ROOT / "corpus").iterdir() if p.is_dir())
        secs = build(inputs, work / "corpus", args.jobs)
        res = score_kg(shared, work / "corpus" / "graph.graphml", ROOT / "eval" / "corpus_gold.json",
                       not args.details)
        print(json.dumps({"eval": "corpus", "seconds": round(secs, 1), **res}, ensure_ascii=False))

    # hold-out sets written blind to the extractor: eval/holdout*/articles + gold.json
    for hold in sorted(p for p in (ROOT / "eval").glob("holdout*") if (p / "gold.json").exists()):
        if hold.name not in only and "holdouts" not in only:
            continue
        secs = build([str(hold / "articles")], work / hold.name, args.jobs)
        res = score_kg(shared, work / hold.name / "graph.graphml", hold / "gold.json", not args.details)
        print(json.dumps({"eval": hold.name, "seconds": round(secs, 1), **res}, ensure_ascii=False))

    for split in ("dev", "heldout", "test"):
        if f"stockmark-{split}" not in only:
            continue
        gold = shared / "eval" / "stockmark" / f"ner_{'dev' if split == 'heldout' else split}.jsonl"
        src = work / f"stockmark-{split}-input"
        src.mkdir(exist_ok=True)
        if split == "heldout":  # the records train_ner.py keeps out of training
            held = work / "ner_heldout.jsonl"
            held.write_text("".join(line for line in open(gold, encoding="utf-8")
                                    if held_out(json.loads(line)["id"])), encoding="utf-8")
            gold = held
        with open(src / f"{split}.jsonl", "w", encoding="utf-8") as fh:
            for line in open(gold, encoding="utf-8"):
                rec = json.loads(line)
                fh.write(json.dumps({"id": rec["id"], "text": rec["text"]}, ensure_ascii=False) + "\n")
        out = work / f"stockmark-{split}"
        secs = build([str(src)], out, args.jobs)
        res = json.loads(run([sys.executable, str(shared / "eval" / "score_ner.py"), str(gold),
                              str(out / "mentions.jsonl"), "--per-type"]))
        print(json.dumps({"eval": f"stockmark-{split}", "seconds": round(secs, 1), **res}, ensure_ascii=False))


if __name__ == "__main__":
    main()
