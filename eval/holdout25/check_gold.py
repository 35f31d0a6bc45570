#!/usr/bin/env python3
"""Sanity check for eval/holdout25 (written by the helper that wrote the set)."""
import html, json, re, sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ART = HERE / "articles"

def article_texts():
    out = {}
    for p in sorted(ART.iterdir()):
        raw = p.read_text(encoding="utf-8")
        if p.suffix == ".html":
            body = re.search(r"<article>(.*?)</article>", raw, re.S).group(1)
            out[p.name] = html.unescape(re.sub(r"<[^>]+>", "", body))
        elif p.suffix == ".jsonl":
            recs = [json.loads(l) for l in raw.splitlines() if l.strip()]
            for rec in recs:
                assert set(rec) == {"id", "title", "date", "text"}, rec.keys()
            out[p.name] = "\n".join(r["title"] + "\n" + r["text"] for r in recs)
        elif raw.startswith("---"):
            fm, body = raw.split("---", 2)[1:]
            assert "title:" in fm and "date:" in fm
            out[p.name] = body
        else:
            out[p.name] = raw
    return out

NEGATED = [  # unordered pairs that must NOT appear among the relations
    ("秋津化成", "白鷺セラミックス"),
    ("パナソニック エナジー", "エコプロ"),
    ("KDDI", "ソフトバンク"),
    ("楽天モバイル", "ソフトバンク"),
    ("ネフロビア", "グラナイト・バイオ"),
    ("ミナギ・アンモニア", "丸紅"),
]
BOILERPLATE = ["武田薬品工業", "第一三共", "中外製薬", "エーザイ", "アステラス製薬",
               "小野薬品工業", "日本製薬工業協会"]

def main():
    errors = []
    gold = json.load(open(HERE / "gold.json", encoding="utf-8"))
    texts = article_texts()
    alltext = "\n".join(texts.values())
    for name, t in texts.items():
        n = len("".join(t.split()))
        print(f"{name}: {n} chars without whitespace")
        if not 650 <= n <= 850:
            errors.append(f"length {name} {n}")
    names = {}
    seen = {}
    allowed_types = set(gold["types"])
    for ent in gold["entities"]:
        assert set(ent) <= {"name", "aliases", "types", "optional"}, ent
        if ent["name"] in names:
            errors.append("duplicate entity " + ent["name"])
        names[ent["name"]] = ent
        for s in [ent["name"]] + ent.get("aliases", []):
            if s in seen:
                errors.append(f"surface form {s} used twice")
            seen[s] = ent["name"]
            if s not in alltext:
                errors.append("not in any article: " + s)
        for ty in ent["types"]:
            if ty not in allowed_types:
                errors.append(f"bad type {ty} for {ent['name']}")
    pairs = set()
    for rel in gold["relations"]:
        assert set(rel) <= {"head", "tail", "keyword", "optional"}, rel
        for k in ("head", "tail"):
            if rel[k] not in names:
                errors.append(f"relation {k} not an entity: {rel[k]}")
        if rel["head"] == rel["tail"]:
            errors.append("self relation " + rel["head"])
        pairs.add(frozenset((rel["head"], rel["tail"])))
    dup = {}
    for rel in gold["relations"]:
        key = (rel["head"], rel["tail"], rel["keyword"])
        if key in dup:
            errors.append(f"duplicate relation {key}")
        dup[key] = 1
    for a, b in NEGATED:
        for x in (a, b):
            if x not in names:
                errors.append("negated-pair member not an entity: " + x)
        if frozenset((a, b)) in pairs:
            errors.append(f"negated pair present: {a} - {b}")
    gold_strings = set(seen)
    for bp in BOILERPLATE:
        if bp in alltext:
            errors.append("boilerplate name in article text: " + bp)
        if any(bp in s for s in gold_strings):
            errors.append("boilerplate name in gold: " + bp)
    html_raw = (ART / "pharma_press_release.html").read_text(encoding="utf-8")
    for bp in BOILERPLATE:
        if bp not in html_raw:
            errors.append("boilerplate name missing from the HTML page: " + bp)
    for tag in ("<nav>", "<aside>", "<footer>", "<style>", "<script>", "<article>"):
        if tag not in html_raw:
            errors.append("HTML lacks " + tag)

    # per-article sizes: an entity belongs to each article where a surface form occurs;
    # a relation to each article where both ends occur.
    def occurs(ent, t):
        return any(s in t for s in [ent["name"]] + ent.get("aliases", []))
    print()
    print("article | entities (req) | relations (req)")
    for fname, t in texts.items():
        ents = [e for e in gold["entities"] if occurs(e, t)]
        rels = [r for r in gold["relations"] if occurs(names[r["head"]], t) and occurs(names[r["tail"]], t)]
        print(f"{fname} | {len(ents)} ({sum(not e.get('optional') for e in ents)}) | "
              f"{len(rels)} ({sum(not r.get('optional') for r in rels)})")
    ne = len(gold["entities"]); nre = sum(not e.get("optional") for e in gold["entities"])
    nr = len(gold["relations"]); nrr = sum(not r.get("optional") for r in gold["relations"])
    print(f"total: entities {ne} ({nre} required), relations {nr} ({nrr} required)")
    print()
    if errors:
        print("ERRORS:")
        for e in errors:
            print("  " + e)
        sys.exit(1)
    print("OK: gold parses; all names/aliases occur in article text; relation ends are entities; "
          "no negated pair among relations; no boilerplate name in articles or gold")

main()
