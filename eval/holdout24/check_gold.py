#!/usr/bin/env python3
"""Sanity check for eval/holdout24/gold.json (run from any directory)."""
import json, re, unicodedata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ART = HERE / "articles"
NEGATED = [("錦江デバイス", "UMC"), ("翠光バッテリー", "LGエナジーソリューション"),
           ("ユイネクスト", "KDDI"), ("蓬莱製薬", "セルトリオン"),
           ("電源開発", "奥羽ジオパワー"), ("九州電力", "大野川揚水発電所")]
BOILERPLATE = ["日本ガイシ", "GSユアサ", "住友金属鉱山", "東レ", "村田製作所", "旭化成", "マクセル"]


def article_text(p):
    s = p.read_text(encoding="utf-8")
    if p.suffix == ".html":
        return re.search(r"<article>(.*?)</article>", s, re.S).group(1)
    if p.suffix == ".jsonl":
        return "\n".join(json.loads(l)["title"] + "\n" + json.loads(l)["text"] for l in s.splitlines() if l.strip())
    if p.suffix == ".md" and s.startswith("---"):
        return s.split("---", 2)[2]
    return s


def norm(s):
    return "".join(unicodedata.normalize("NFKC", s).lower().split())


texts = {p.name: article_text(p) for p in sorted(ART.iterdir())}
raw = {p.name: p.read_text(encoding="utf-8") for p in sorted(ART.iterdir())}
gold = json.loads((HERE / "gold.json").read_text(encoding="utf-8"))
errors = []
names = {e["name"] for e in gold["entities"]}
seen = {}
for e in gold["entities"]:
    for t in e["types"]:
        if t not in gold["types"]:
            errors.append(f"bad type {t} for {e['name']}")
    for s in [e["name"]] + e.get("aliases", []):
        if not any(s in t for t in texts.values()):
            errors.append(f"not in any article text: {s}")
        k = norm(s)
        if k in seen and seen[k] != e["name"]:
            errors.append(f"surface form {s} shared by {seen[k]} and {e['name']}")
        seen[k] = e["name"]
pairs = set()
for r in gold["relations"]:
    for x in (r["head"], r["tail"]):
        if x not in names:
            errors.append(f"relation end not an entity: {x}")
    pairs.add(frozenset((r["head"], r["tail"])))
for h, t in NEGATED:
    if frozenset((h, t)) in pairs:
        errors.append(f"negated pair in gold: {h} - {t}")
    if h not in names or t not in names:
        errors.append(f"negated pair names an unknown entity: {h} - {t}")
gold_strings = json.dumps(gold, ensure_ascii=False)
html = [n for n in raw if n.endswith(".html")]
for b in BOILERPLATE:
    if any(b in t for t in texts.values()):
        errors.append(f"boilerplate name in article text: {b}")
    if b in gold_strings:
        errors.append(f"boilerplate name in gold: {b}")
    if not any(b in raw[n] for n in html):
        errors.append(f"boilerplate name missing from HTML page: {b}")
req_e = sum(1 for e in gold["entities"] if not e.get("optional"))
req_r = sum(1 for r in gold["relations"] if not r.get("optional"))
for n, t in texts.items():
    plain = re.sub(r"<[^>]+>", "", t) if n.endswith(".html") else t
    length = len(re.sub(r"\s", "", plain))
    print(f"{n}: {length} chars without whitespace")
print(f"entities {len(gold['entities'])} (required {req_e}), relations {len(gold['relations'])} (required {req_r})")
print("errors:", len(errors))
for x in errors:
    print("  ", x)
