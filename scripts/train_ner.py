#!/usr/bin/env python3
"""Train kg's named-entity head (``kg_ner``) on the Stockmark NER dev split.

The head is spaCy's transition-based NER over its own copy of ja_ginza's tok2vec: the copy
starts from GiNZA's weights and is fine-tuned with the head (GiNZA's own tok2vec, which the
parser and GiNZA's NER read, is left as it is). The weights are stored in half precision
(about 15 MB); the copy's architecture goes beside them in config.json. Labels are kg's
types (Stockmark's 法人名 -> company, 政治的組織名 -> agency, その他の組織名 -> organization,
地名 -> place, 施設名 -> facility, 製品名 -> product, 人名 -> person, イベント名 -> event).

Data: Stockmark Inc., "ner-wikipedia-dataset" (CC BY-SA 3.0), dev split only; 10 % of it
(by a hash of the sentence id) is held out to pick the best epoch. The test split is never
read. Deterministic: the same data and seed give the same weights.

Usage: train_ner.py --data ../shared/eval/stockmark/ner_dev.jsonl --out kg/data/ner [--epochs 28]
(about 70 s an epoch on one core)
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import shutil
import time
from pathlib import Path

STOCKMARK_TO_KG = {
    "法人名": "company", "政治的組織名": "agency", "その他の組織名": "organization", "地名": "place",
    "施設名": "facility", "製品名": "product", "人名": "person", "イベント名": "event",
}


#: the share of the dev split kept out of training to pick the epoch (and scored by `make eval`)
HELD_OUT_PERCENT = 10


def held_out(rec_id: str, percent: int = HELD_OUT_PERCENT) -> bool:
    return int(hashlib.sha256(rec_id.encode()).hexdigest()[:8], 16) % 100 < percent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, help="Stockmark-format JSONL (the dev split)")
    ap.add_argument("--out", default="kg/data/ner")
    ap.add_argument("--epochs", type=int, default=28)
    ap.add_argument("--holdout", type=int, default=HELD_OUT_PERCENT, help="percent held out for model selection")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--hidden", type=int, default=None, help="hidden width of the head (default: kg.nlp's)")
    ap.add_argument("--dropout", type=float, default=0.2)
    args = ap.parse_args()

    import spacy
    from spacy.training import Example
    from spacy.util import fix_random_seed, minibatch

    from kg.nlp import EXCLUDED_COMPONENTS, KG_NER_HEAD, KG_NER_NAME, half_precision

    fix_random_seed(args.seed)
    rng = random.Random(args.seed)
    nlp = spacy.load("ja_ginza", exclude=list(EXCLUDED_COMPONENTS))
    tok2vec = nlp.get_pipe("tok2vec")

    recs = [json.loads(line) for line in open(args.data, encoding="utf-8")]
    t0 = time.perf_counter()
    train, dev = [], []
    skipped = 0
    docs = [nlp.make_doc(r["text"]) for r in recs]
    for rec, doc in zip(recs, docs, strict=True):
        ref = nlp.make_doc(rec["text"])
        spans, missing = [], []
        for e in rec["entities"]:
            sp = ref.char_span(e["start"], e["end"], label=STOCKMARK_TO_KG[e["type"]])
            if sp is None:  # boundary inside a token: leave those tokens unannotated
                skipped += 1
                wide = ref.char_span(e["start"], e["end"], alignment_mode="expand")
                if wide is not None:
                    missing.append(wide)
            else:
                spans.append(sp)
        spans = spacy.util.filter_spans(spans)
        missing = [m for m in missing if not any(m.start < s.end and s.start < m.end for s in spans)]
        ref.set_ents(spans, missing=spacy.util.filter_spans(missing), default="outside")
        (dev if held_out(rec["id"], args.holdout) else train).append(Example(doc, ref))
    print(f"{len(train)} train / {len(dev)} held-out sentences; {skipped} misaligned spans left out; "
          f"read in {time.perf_counter() - t0:.0f} s", flush=True)

    head = dict(KG_NER_HEAD, tok2vec=nlp.config.interpolate()["components"]["tok2vec"]["model"])
    if args.hidden:
        head["hidden_width"] = args.hidden
    config = {"model": head}
    ner = nlp.add_pipe("ner", name=KG_NER_NAME, config=config)
    ner.initialize(lambda: train, nlp=nlp)
    ner.model.get_ref("tok2vec").layers[0].from_bytes(tok2vec.model.to_bytes())  # start from GiNZA's weights
    optimizer = ner.create_optimizer()

    def evaluate() -> float:
        tp = npred = ngold = 0
        preds = [eg.predicted.copy() for eg in dev]
        for doc, eg in zip(ner.pipe(preds), dev, strict=True):
            p = {(e.start_char, e.end_char, e.label_) for e in doc.ents}
            g = {(e.start_char, e.end_char, e.label_) for e in eg.reference.ents}
            tp += len(p & g)
            npred += len(p)
            ngold += len(g)
        prec, rec = tp / max(npred, 1), tp / max(ngold, 1)
        return 0.0 if not tp else 2 * prec * rec / (prec + rec)

    out = Path(args.out)
    best, best_epoch = -1.0, -1
    tmp = out.parent / (out.name + ".tmp")
    for epoch in range(args.epochs):
        rng.shuffle(train)
        losses: dict = {}
        for batch in minibatch(train, size=args.batch):
            ner.update(batch, sgd=optimizer, losses=losses, drop=args.dropout)
        f1 = evaluate()
        print(f"{time.perf_counter() - t0:5.0f} s epoch {epoch:2d} loss {losses.get(KG_NER_NAME, 0):9.1f} held-out typed F1 {f1:.4f}", flush=True)
        if f1 > best:
            best, best_epoch = f1, epoch
            if tmp.exists():
                shutil.rmtree(tmp)
            with ner.model.use_params(optimizer.averages):
                ner.to_disk(tmp, exclude=["vocab"])
            (tmp / "model").write_bytes(half_precision((tmp / "model").read_bytes()))
            (tmp / "config.json").write_text(json.dumps(config, indent=1) + "\n", encoding="utf-8")
    if out.exists():
        shutil.rmtree(out)
    tmp.rename(out)
    (out / "TRAINING.json").write_text(json.dumps({
        "data": "Stockmark ner-wikipedia-dataset v2.0, dev split (CC BY-SA 3.0)",
        "sentences_train": len(train), "sentences_heldout": len(dev), "best_epoch": best_epoch,
        "heldout_typed_f1": round(best, 4), "seed": args.seed, "epochs": args.epochs,
    }, indent=1) + "\n", encoding="utf-8")
    print(f"best held-out typed F1 {best:.4f} at epoch {best_epoch}; saved to {out} "
          f"({time.perf_counter() - t0:.0f} s)")


if __name__ == "__main__":
    main()
