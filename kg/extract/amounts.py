"""Amounts: money, percentages, multiples and quantities, found in text and normalised.

``140億ドル`` -> 1.4e10 USD; ``約10兆円`` -> 1e13 JPY (approx); ``8割増`` -> +80 % (change);
``最大69億ドル`` -> 6.9e9 USD (bound max); ``100万キロワット`` -> 1e6 kW.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass

_KANJI_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
                 "壱": 1, "弐": 2, "参": 3, "两": 2, "兩": 2}
_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
_BIG_UNITS = {"万": 1e4, "億": 1e8, "兆": 1e12, "京": 1e16}

CURRENCIES = {
    "ドル": "USD", "米ドル": "USD", "円": "JPY", "ユーロ": "EUR", "元": "CNY", "人民元": "CNY", "ウォン": "KRW",
    "ポンド": "GBP", "ルピー": "INR", "豪ドル": "AUD", "カナダドル": "CAD", "スイスフラン": "CHF", "香港ドル": "HKD",
    "台湾ドル": "TWD", "ルーブル": "RUB", "レアル": "BRL", "バーツ": "THB",
}
#: quantity unit -> (normalised unit, factor)
QUANTITIES = {
    "キロワット": ("kW", 1), "kW": ("kW", 1), "KW": ("kW", 1),
    "メガワット": ("W", 1e6), "MW": ("W", 1e6), "ギガワット": ("W", 1e9), "GW": ("W", 1e9),
    "テラワット": ("W", 1e12), "ワット": ("W", 1),
    "キロワット時": ("kWh", 1), "kWh": ("kWh", 1), "メガワット時": ("kWh", 1e3), "MWh": ("kWh", 1e3),
    "ギガワット時": ("kWh", 1e6), "GWh": ("kWh", 1e6), "テラワット時": ("kWh", 1e9), "TWh": ("kWh", 1e9),
    "トン": ("t", 1), "キロトン": ("t", 1e3), "バレル": ("bbl", 1), "立方メートル": ("m3", 1),
    "キロメートル": ("km", 1), "km": ("km", 1), "ヘクタール": ("ha", 1), "平方メートル": ("m2", 1),
    "台": ("units", 1), "基": ("units", 1), "人": ("people", 1), "件": ("cases", 1),
    "ギガバイト": ("GB", 1), "テラバイト": ("TB", 1), "ペタバイト": ("PB", 1),
}
#: quantity units that are amounts only with a big-number multiplier or a clear context
_WEAK_QUANTITIES = {"台", "基", "人", "件"}

_NUM = r"[0-9０-９][0-9０-９,，.．]*+|[〇零一二三四五六七八九十百千壱弐参两兩]++"  # possessive: no backtracking
_MULT = r"[万億兆京千]"
# a number with big-unit multipliers: 1兆2000億, 4兆5000, 5千万, 三千億, 1.5
_NUMBER = rf"(?:(?:{_NUM}){_MULT}?)+"
# a range 4〜5割, 100～200億円: the amount is its upper end
_RANGE = rf"(?:(?P<low>{_NUMBER})\s?[〜～~]\s?)?"
_CUR = "|".join(sorted(CURRENCIES, key=len, reverse=True))
_QTY = "|".join(sorted((re.escape(q) for q in QUANTITIES), key=len, reverse=True))
#: words before a number that are not part of the amount's text but tell how to read it
_CONTEXT = r"(?P<context>(?:前年同期比|前年同月比|前年度比|前年比|前期比|同|計|総額|合計|年間|累計)\s?)?"
_PREFIX = _CONTEXT + r"(?P<prefix>約|およそ|凡そ|最大|最高|最低|最小|上限|下限|少なくとも)?"
_SUFFIX = r"(?P<suffix>以上|以下|超|強|弱|程度|前後|余り|あまり|近く|未満)?"

AMOUNT_RE = re.compile(
    rf"{_PREFIX}{_RANGE}(?P<number>{_NUMBER})\s?"
    rf"(?:(?P<currency>{_CUR})|(?P<percent>%|％|パーセント)|(?P<wari>割)(?P<wbu>[0-9０-９一二三四五六七八九]分)?"
    rf"|(?P<times>倍)|(?P<bun>分の)(?P<numer>[0-9０-９]+|[一二三四五六七八九])|(?P<qty>{_QTY}))"
    rf"(?:(?P<change>増|減|上昇|低下|増加|減少|アップ|ダウン)(?![らりるれろっやえ]))?{_SUFFIX}"
)


@dataclass(frozen=True, slots=True)
class Amount:
    text: str
    start: int
    end: int
    value: float
    unit: str
    approx: bool = False
    bound: str | None = None  # "max" or "min"
    change: bool | None = None
    kind: str = "money"  # money, percent, multiple, quantity

    def attrs(self) -> tuple[tuple[str, str], ...]:
        out = [("value", _fmt(self.value)), ("unit", self.unit), ("kind", self.kind)]
        if self.approx:
            out.append(("approx", "true"))
        if self.bound:
            out.append(("bound", self.bound))
        if self.change:
            out.append(("change", "true"))
        return tuple(out)


def _fmt(v: float) -> str:
    return str(int(v)) if float(v).is_integer() and abs(v) < 1e18 else repr(float(v))


def parse_number(text: str) -> float:
    """``1兆2000億`` -> 1.2e12, ``5千万`` -> 5e7, ``三千億`` -> 3e11, ``1,200`` -> 1200."""
    t = unicodedata.normalize("NFKC", text).replace(",", "")
    total = 0.0
    section = 0.0  # the part below the next big unit (万, 億, ...)
    cur: float | None = None
    for tok in re.findall(r"[0-9.]+|[〇零一二三四五六七八九壱弐参两兩]|[十百千]|[万億兆京]", t):
        if tok[0].isdigit() or tok[0] == ".":
            cur = float(tok)
        elif tok in _KANJI_DIGITS:
            cur = (cur or 0) * 10 + _KANJI_DIGITS[tok]
        elif tok in _SMALL_UNITS:
            section += (cur if cur is not None else 1) * _SMALL_UNITS[tok]
            cur = None
        else:
            section += cur or 0
            total += (section or 1) * _BIG_UNITS[tok]
            section, cur = 0.0, None
    return total + section + (cur or 0)


def parse_amount(text: str, start: int = 0) -> Amount | None:
    """Parse one amount expression (the whole of ``text``); None if it is not one."""
    m = AMOUNT_RE.fullmatch(text)
    if not m:
        return None
    return _from_match(m, text, start)


def _from_match(m: re.Match, text: str, offset: int) -> Amount | None:
    try:
        value = _parse_number_safe(m.group("number"))
    except ValueError:
        return None
    prefix, suffix = m.group("prefix") or "", m.group("suffix") or ""
    approx = bool(m.group("low")) or prefix in ("約", "およそ", "凡そ") or suffix in ("程度", "前後", "余り", "あまり", "近く", "強", "弱")
    bound = None
    if prefix in ("最大", "最高", "上限") or suffix in ("以下", "未満"):
        bound = "max"
    elif prefix in ("最低", "最小", "下限", "少なくとも") or suffix in ("以上", "超"):
        bound = "min"
    change_word = m.group("change") or ""
    change = True if change_word else None
    if m.group("currency"):
        unit, kind = CURRENCIES[m.group("currency")], "money"
    elif m.group("percent"):
        unit, kind = "%", "percent"
    elif m.group("wari"):
        value *= 10
        if m.group("wbu"):
            value += _parse_number_safe(m.group("wbu")[:-1])
        unit, kind = "%", "percent"
    elif m.group("times"):
        unit, kind = "x", "multiple"
    elif m.group("bun"):  # 3分の1: a share, as a percentage
        if not value:
            return None
        value = _parse_number_safe(m.group("numer")) / value * 100
        unit, kind = "%", "percent"
    else:
        q = m.group("qty")
        unit, factor = QUANTITIES[q]
        value *= factor
        kind = "quantity"
    if change and change_word in ("減", "低下", "減少", "ダウン"):
        value = -value
    s, e = m.span()
    if m.group("context"):
        s = m.end("context")  # 前年同期比8割増 -> 8割増 (the comparison stays implicit in 'change')
    return Amount(text[s:e], offset + s, offset + e, value, unit, approx, bound, change, kind)


def _parse_number_safe(s: str) -> float:
    try:
        return parse_number(s)
    except ValueError as exc:  # "1.2.3"
        raise ValueError(s) from exc


def find_amounts(text: str, offset: int = 0) -> Iterator[Amount]:
    """Every amount expression in ``text`` (offsets shifted by ``offset``)."""
    for m in AMOUNT_RE.finditer(text):
        # a number glued to a preceding digit or letter is part of something else (型番, 2024年)
        if m.start() > 0 and re.match(r"[0-9０-９A-Za-zＡ-Ｚａ-ｚ.]", text[m.start() - 1]):
            continue
        if m.start() > 0 and text[m.start() - 1] == "数" and not m.group("prefix"):
            continue  # 数百億円, 数千台: a vague figure, no amount to state
        qty = m.group("qty")
        if qty in _WEAK_QUANTITIES and not re.search(r"[万億兆]", m.group("number")):
            continue
        if text[m.end():m.end() + 1] in ("系", "素", "論", "的", "化", "管") and m.group(0).endswith("元"):
            continue  # 三元系正極材, 二元論, 一元化, 一元管理: a word, not yuan
        a = _from_match(m, text, offset)
        if a is not None and a.value == a.value:
            yield a
