"""Typed entity mentions: dictionaries, word-form rules, amounts and two NER models, weighed.

Candidates come from several sources, each a plain function over a sentence's tokens:

* ``dict``     kg's dictionaries (spaCy span_ruler matches), canonical names included;
* ``amount``   money, percentages, multiples, quantities (:mod:`kg.extract.amounts`);
* ``acronym``  a name and the acronym it defines: 小型モジュール炉（SMR）;
* ``bracket``  a product named in 「」 after a category noun: 大規模言語モデル「tsuzumi」;
* ``suffix``   a noun run ending with a telling word: 〜ホールディングス, 〜省, 〜大学, 〜発電所, 〜県;
* ``tech``     a noun compound with a technical head: 全固体電池, 画像生成AI;
* ``kgner``    kg's NER head trained on Stockmark (organisation, person, place, ... spans);
* ``ginza``    GiNZA's extended named entities through the ENE map.

Model spans are cleaned (descriptors, country prefixes, honorifics and particles dropped;
names joined across ・), typed by dictionaries and suffixes before the model's label, and
kept only when they look like names. Overlaps are settled by source priority, then length.
A GiNZA label is evidence, not truth.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from kg.extract.amounts import find_amounts
from kg.extract.resources import Resources, fold, nfkc
from kg.model import Article, Mention, Sentence, SpanTag, Token

#: Priority of each source when candidates overlap (higher wins).
PRIORITY = {"named": 20, "latin-kana": 61, "dict": 60, "amount": 55, "acronym": 50, "bracket": 45, "enum": 42, "suffix": 40, "title": 35, "descriptor": 35, "prefix": 33, "slot": 31,
            "kgner": 30, "ginza": 30, "tech": 25, "coord": 20}

_KATAKANA = re.compile(r"^[\u30a0-\u30ffー・ｰ-ﾟ]+$")
_LATIN = re.compile(r"[A-Za-zＡ-Ｚａ-ｚ]")
_ACRONYM = re.compile(r"^[A-Z][A-Za-z0-9&\-.]{1,11}$")
_OPEN = {"（", "("}
_CLOSE = {"）", ")"}
_CONTENT_POS = {"NOUN", "PROPN", "NUM"}
_BAD_EDGE_POS = {"ADP", "AUX", "PUNCT", "SCONJ", "CCONJ", "PART", "SPACE", "DET", "VERB", "ADV"}
#: 同社, 両社, 各社, 同省, 同工場, 3省: references and counts, never names (issue: reference resolution)
REFERENCE_RE = re.compile(r"^(?:[米英中韓独仏蘭豪印露伊加台](?:社|企業|会社)$|"  # 米社: a US company, no name
                          r"(?:同|両|各|当|本|自|他|貴|弊|[0-9０-９一二三四五六七八九十]+)(?:社|省|庁|行|工場|グループ|氏|国|"
                          r"市|県|州|大学|機構|政府|当局|製品|技術|事業|拠点|施設|局|企業|会社|チーム)$)")
#: single-kanji country prefixes Sudachi may glue to the name after them (米ゼネラル)
GLUED_COUNTRIES = "米英中韓独仏蘭豪印露伊加台"
#: a company's rank or age: 大手, 新興 … describe a company and never name one
RANK_WORDS = ("大手", "最大手", "新興", "中堅", "老舗")
#: words that say what a kind of thing is used for or where it comes from, not which technology it is:
#: 車載|電池, 使用済み|電池, 標準|治療, 基幹|ロケット, 日本製|半導体 (先端, 次世代, 小型 may open one: 先端パッケージング)
USE_WORDS = ("車載", "使用済み", "商業", "商用", "基幹", "標準", "混合", "日本製", "国産", "既存", "従来", "汎用")
#: words that open no technology's name: a company's rank (大手|半導体), a country (米|半導体) or a use (車載|電池)
_TECH_NOT_OPENING = frozenset(GLUED_COUNTRIES) | set(RANK_WORDS) | set(USE_WORDS) | {"首位", "同業", "競合"}
#: words that open a place's span without being part of it (西部ラジャスタン州 -> ラジャスタン州)
PLACE_HEADS = ("西部", "東部", "南部", "北部", "中部", "北東部", "北西部", "南東部", "南西部", "中西部", "東南部", "西南部")
#: words that end a place name's span without being part of it (日本国内 -> 日本)
PLACE_TAILS = ("国内", "国外", "全土", "全域", "各地", "周辺", "近郊", "以外", "内", "沖", "側", "全体")
#: "within" glued to a place in one word: 日本国内, 東京都内, 北海道内; alone (道内, 県内) it names no place
_INSIDE_TAILS = ("国内", "国外", "内", "外")
_INSIDE_ALONE = re.compile(r"^[都道府県市町村区][内外]$")


def _inside_tail(text: str, res: Resources) -> str:
    """The 'within' glued to a known place (日本|国内, 北海道|内, 東京都|内), the whole text when it names no place
    (道内), else ''."""
    if _INSIDE_ALONE.match(text):
        return text
    for tail in _INSIDE_TAILS:
        e = res.by_surface.get(fold(text[:-len(tail)])) if text.endswith(tail) and len(text) > len(tail) else None
        if e is not None and e.type == "place":
            return tail
    return ""
#: marks that join the parts of one name: 三菱UFJ・モルガン, プライムプラネットエナジー＆ソリューションズ
NAME_JOINTS = ("・", "･", "＆", "&")
#: words glued after a name that say where from or around it: never part of any name
NAME_TAILS = {"出身", "産", "近郊", "周辺", "付近", "一帯", "向け"}
#: Japanese newspapers gloss a company's seat as 東京・港 (港区), 大阪・北 (北区): a ward, not a place node
_WARD_GLOSS = re.compile(r"^(?:東京|大阪|名古屋|京都|横浜|神戸|福岡|札幌|仙台|広島|川崎|さいたま|千葉)・[^・]{1,4}$")
_DATE_WORDS = re.compile(r"^(?:[0-9０-９一二三四五六七八九十〇]+(?:年|月|日|期|年度|時|分|世紀|年代)(?:[春夏秋冬初末中]|前半|後半)?"
                         r"|[上下]期|今年|昨年|来年)$")
#: what 〜勢 ("the … players": 中国勢, 海外勢) groups companies by, besides a place
_GROUP_STEMS = ("海外", "欧米", "外資", "国内", "地元", "新興", "国産", "大手")


@dataclass(slots=True)
class Candidate:
    sentence: int
    start: int  # token index, inclusive
    end: int  # token index, exclusive
    type: str
    name: str
    source: str
    detail: str = ""
    char_start: int | None = None  # for amounts, which need not align with tokens
    char_end: int | None = None
    attrs: dict[str, str] = field(default_factory=dict)
    dotted: bool = False  # the span joins words with ・

    @property
    def length(self) -> int:
        return self.end - self.start


# ------------------------------------------------------------------ token helpers

_LATIN_EDGE = re.compile(r"[A-Za-z0-9Ａ-Ｚａ-ｚ０-９&.+\-]")


def _text(toks: tuple[Token, ...], a: int, b: int) -> str:
    """The tokens' text; Latin words written apart stay apart (KDDI Digital Life, not KDDIDigitalLife)."""
    out = []
    for k in range(a, b):
        if (k > a and toks[k].start > toks[k - 1].end and _LATIN_EDGE.match(toks[k].text[:1])
                and _LATIN_EDGE.match(toks[k - 1].text[-1:])):
            out.append(" ")
        out.append(toks[k].text)
    return "".join(out)


def _surface(sent: Sentence, a: int, b: int) -> str:
    """The name as written (spaces kept: Project Natick), NFKC-normalised."""
    toks = sent.tokens
    return nfkc(sent.text[toks[a].start - sent.start : toks[b - 1].end - sent.start]).strip()


def is_proper(t: Token) -> bool:
    """Looks like part of a name: a proper noun, Latin letters, or katakana Sudachi does not know."""
    if "固有名詞" in t.tag or t.oov:
        return True
    if _LATIN.search(t.text) and t.pos in _CONTENT_POS | {"SYM", "X"}:
        return True
    return False


def _is_katakana(t: Token) -> bool:
    return bool(_KATAKANA.match(t.text)) and t.text not in ("・", "ー")


def _noun_like(t: Token) -> bool:
    return (t.pos in _CONTENT_POS or t.tag.startswith("名詞") or (t.pos == "SYM" and t.text in "・&＆-－")
            or t.tag.startswith("接尾辞-名詞"))


def _namelike(t: Token) -> bool:
    """A word a name can be made of: a proper noun, katakana or Latin (not a common kanji word)."""
    return is_proper(t) or _is_katakana(t) or bool(_LATIN.search(t.text))


def widen_middle_dot(toks: tuple[Token, ...], a: int, b: int) -> tuple[int, int]:
    """Never split a name at ・ or ＆: extend across it to katakana or Latin neighbours."""
    def joinable(t: Token) -> bool:  # (not a kanji personal name: 羽田孜・杉山憲夫 lists two people)
        return _is_katakana(t) or bool(_LATIN.search(t.text)) or "固有名詞" in t.tag and "人名" not in t.tag
    while a >= 2 and toks[a - 1].text in NAME_JOINTS and joinable(toks[a - 2]) and joinable(toks[a]):
        a -= 2
    while b + 1 < len(toks) and toks[b].text in NAME_JOINTS and joinable(toks[b + 1]) and joinable(toks[b - 1]):
        b += 2
    return a, b


def widen_katakana(toks: tuple[Token, ...], a: int, res: Resources) -> int:
    """A name does not start inside a run of katakana: ロック|クリフ・エナジー (the model's span began at
    クリフ) starts at ロック, unless the katakana before is a word that describes (メーカー, スタートアップ)."""
    while (a > 0 and _is_katakana(toks[a]) and _is_katakana(toks[a - 1]) and toks[a - 1].end == toks[a].start
           and not {nfkc(toks[a - 1].text)} & (res.rules.descriptors | res.rules.generic | res.rules.stopmods)):
        a -= 1
    return a


#: a kanji numeral, which may be part of a given name (真一, 健二, 十一)
_KANJI_NUMERAL = re.compile(r"^[一二三四五六七八九十]+$")


def split_president(toks: tuple[Token, ...], i: int) -> bool:
    """社|長 at ``i``: Sudachi reads 滝野十一社長 as 十一社 (eleven companies) and 長, hiding the title 社長."""
    return i + 1 < len(toks) and toks[i].text == "社" and toks[i + 1].text == "長"


def _bad_edge(t: Token) -> bool:
    """A token that cannot start or end a name. Sudachi's proper nouns count as names whatever part of
    speech the tagger guessed (三菱UFJ信託銀行 came out as PUNCT)."""
    return t.pos in _BAD_EDGE_POS and not t.tag.startswith("名詞-固有名詞") and not (
        t.tag.startswith("名詞") and _KATAKANA.match(t.text) and t.text not in ("・", "ー")) and not (  # カナエバイオ as ADV
        t.pos == "VERB" and t.tag.startswith("名詞-普通名詞-一般"))  # 北辰|リソテック: a noun to Sudachi, no verb


def _after_place_heads(toks: tuple[Token, ...], a: int, b: int) -> int:
    """西部|ラジャスタン州: the start of a place past the direction words before it."""
    while a < b - 1 and toks[a].text in PLACE_HEADS:
        a += 1
    return a


def trim(toks: tuple[Token, ...], a: int, b: int, res: Resources, etype: str) -> tuple[int, int]:
    """Drop particles, punctuation and (for people) titles at the edges of a span."""
    rules = res.rules
    while a < b and (_bad_edge(toks[a]) or toks[a].text in "「『（(【・、"):
        a += 1
    while b > a and (_bad_edge(toks[b - 1]) or toks[b - 1].text in "」』）)】・、"):
        if toks[b - 1].text == "." and re.search(r"[A-Z]\.[A-Z]$", _text(toks, a, b - 1)):
            break  # ispace U.S.: the last period belongs to the abbreviation
        b -= 1
    while b > a + 1 and nfkc(toks[b - 1].text) in NAME_TAILS:
        b -= 1  # SiFive|出身, 常陽|産, ボーリンググリーン|近郊: what follows a name is not part of it
    if etype in ("person", "company", "organization", "agency", ""):
        titled = False
        while b > a + 1 and (toks[b - 1].text in rules.titles or titled and toks[b - 1].text in TITLE_PREFIXES):
            titled = True  # (小西哲之|名誉|教授: the word that makes a title of a title goes with it)
            b -= 1
    if etype == "place":
        while b > a + 1 and toks[b - 1].text in PLACE_TAILS:
            b -= 1
        a = _after_place_heads(toks, a, b)
    # a parenthetical is its own mention (本田技研工業（ホンダ）); a bracket ends a name
    for k in range(a + 1, b):
        if toks[k].text in _OPEN or toks[k].text in "」』）)】":
            b = k
            break
    return a, b


COMPANY_DESCRIPTORS = ("大手", "企業", "会社", "メーカー", "スタートアップ", "ベンチャー", "新興", "同業", "競合",
                       "子会社", "親会社", "傘下", "ファンド", "商社", "ライバル", "最大手", "老舗", "中堅", "事業者", "法人",
                       # kinds of business that name what follows: 総合スーパーのイトーヨーカ堂
                       "スーパー", "コンビニ", "百貨店", "ドラッグストア", "専門店", "チェーン", "通販", "証券",
                       "損保", "生保", "航空会社", "海運", "ゼネコン", "バイオ")


#: words that end a name glued to them: Xホールディングス|傘下, X自動車|社長
RUN_BREAKERS = {"傘下", "子会社", "親会社", "社長", "会長", "創業者", "CEO", "最高経営責任者", "幹部", "首脳", "株",
                "株式", "系", "側", "陣営", "連合"}


def company_descriptor_before(toks: tuple[Token, ...], a: int, res: Resources) -> bool:
    """The tokens just before ``a`` describe a company (石油大手, 新興企業, 同業, 子会社)."""
    for k in (a - 1, a - 2):
        if k >= 0:
            w = toks[k].text
            if any(w.endswith(d) for d in COMPANY_DESCRIPTORS):
                return True
            if toks[k].pos not in ("NOUN", "PROPN"):
                return False
    return False


def strip_descriptors(toks: tuple[Token, ...], a: int, b: int, res: Resources) -> tuple[int, int]:
    """石油大手シェブロン -> シェブロン; 新興企業カイロス・パワー -> カイロス・パワー."""
    desc = res.rules.descriptors
    cut = a
    for i in range(a, b - 1):
        t = toks[i]
        if t.text in desc or t.lemma in desc or (t.text.endswith("大手") and len(t.text) > 2):
            cut = i + 1
        elif i + 1 < b and toks[i].text + toks[i + 1].text in desc:
            cut = i + 2
    if cut < b and any(_namelike(t) for t in toks[cut:b]):
        return cut, b
    return a, b


def strip_industry(toks: tuple[Token, ...], a: int, b: int, res: Resources) -> int:
    """米アナログ半導体ノースリッジ -> ノースリッジ: an industry word (a known technology term) glued before a
    katakana or Latin name in a company's slot is the company's kind, not its name (headlines write this)."""
    for k in range(b - 1, a, -1):
        entry = res.by_surface.get(fold(_text(toks, a, k)))
        # (not after a digit or Latin, nor across a space: 5G JAPAN is a name of its own)
        if entry is not None and entry.type == "technology" and not _LATIN.search(toks[k - 1].text[-1]) \
                and not toks[k - 1].text[-1].isdigit() and toks[k].start == toks[k - 1].end:
            rest = toks[k:b]
            if all(_is_katakana(t) or _LATIN.search(t.text) or t.text in NAME_JOINTS for t in rest) and \
                    len(_text(toks, k, b)) >= 3:
                return k
            return a
    return a


def strip_country(toks: tuple[Token, ...], a: int, b: int, res: Resources, etype: str
                  ) -> tuple[int, int, str]:
    """米OpenAI -> OpenAI (country 米国). Agencies keep theirs: 米財務省 is not 財務省."""
    if etype in ("agency", "place", "amount", "technology", "event") or b - a < 2:
        return a, b, ""
    first = toks[a].text
    country = res.rules.countries.get(first)
    if country:
        rest = toks[a + 1 : b]
        if rest and rest[0].pos != "ADP" and (is_proper(rest[0]) or _is_katakana(rest[0]) or len(rest) > 1):
            return a + 1, b, country
    return a, b, ""


def looks_like_name(toks: tuple[Token, ...], a: int, b: int, etype: str, res: Resources,
                    agreed: bool = False) -> bool:
    """A model span is kept only if it could be a name of its type.

    ``agreed``: both NER models found an entity here. A lone model's word that Sudachi knows as
    a common noun (サプライチェーン, クリエイティブ) or a bare Latin word (END) is not enough.
    """
    span = toks[a:b]
    text = _text(toks, a, b)
    if not agreed and not any(is_proper(t) for t in span) and not any(t.text in ("・", "･") for t in span):
        return False
    if not agreed and len(span) == 1 and span[0].text.isascii() and span[0].text.isupper() and etype == "person":
        return False
    if not text.strip() or len(nfkc(text).strip()) < 2:
        return False  # 米, 英: country prefixes, kept as attributes
    if _DATE_WORDS.match(nfkc(text)) or REFERENCE_RE.match(nfkc(text)):
        return False
    if nfkc(text).endswith("勢") and (nfkc(text)[:-1] in _GROUP_STEMS or (
            (e := res.by_surface.get(fold(nfkc(text)[:-1]))) is not None and e.type == "place")):
        return False  # 中国勢, 海外勢: the companies of a place or kind, not one named
    if span[0].pos in ("SYM", "PUNCT") and span[0].text not in "「『“\"(（[［【<＜〈《":
        return False  # ---END---: a separator, not a name (a bracket may open one)
    if any(t.text in ("：", ":") for t in span):
        return False  # 成長のフロンティア：電力 (a heading's colon): two phrases, no name
    if len(span) == 1 and re.fullmatch(r"[a-z]{1,3}", nfkc(text)):
        return False  # nm, kg: a unit
    if nfkc(text).endswith("子") and b < len(toks) and toks[b].text.startswith("会社") and len(nfkc(text)) == 2:
        return False  # 英子|会社, 米子|会社: a country prefix and 子会社, not a name
    if etype in ("company", "organization") and nfkc(span[-1].text) in ("市場", "業界", "分野"):
        return False  # CDMO市場: a market or a field, not a company
    if all(t.pos in ("NUM", "SYM", "PUNCT") for t in span):
        return False
    if re.search(r"[0-9]", nfkc(text)) and nfkc(text).endswith(("級", "クラス")):
        return False  # 耐圧1200ボルト級, 2ナノ級: a grade or a size, not a product's name
    if span[0].text in res.rules.stopmods:
        return False
    if etype in ("person", "place", "company", "organization", "agency"):
        return True
    # products, facilities, events, technologies from a model: need something proper
    return any(is_proper(t) for t in span) or bool(_LATIN.search(text))


# ------------------------------------------------------------------ candidate sources

def _latin_word(t: Token) -> bool:
    return bool(re.fullmatch(r"[A-Za-z0-9Ａ-Ｚａ-ｚ０-９.+\-]+", t.text))


def widen_latin(toks: tuple[Token, ...], a: int, b: int, limit: int) -> int:
    """Extend a Latin name over the Latin words and numbers after it (CES 2025, GeForce RTX 50)."""
    while b < limit and _latin_word(toks[b]) and _latin_word(toks[b - 1]):
        b += 1
    return b


def ginza_spans(sent: Sentence) -> list[tuple[int, int, str]]:
    """GiNZA's entities as (start, end, ENE label) token ranges, read from the tokens' IOB tags."""
    out = []
    start = None
    label = ""
    for t in (*sent.tokens, None):
        if start is not None and (t is None or t.ent_iob != "I"):
            out.append((start, t.i if t else len(sent.tokens), label))
            start = None
        if t is not None and t.ent_iob == "B":
            start, label = t.i, t.ent_type
    return out


def _model_cover(sent: Sentence) -> list[tuple[int, int]]:
    return [(sp.start, sp.end) for sp in sent.ner] + [(a, b) for a, b, _ in ginza_spans(sent)]


def _text_spans(sent: Sentence, res: Resources) -> tuple[SpanTag, ...]:
    """Dictionary names on token boundaries that the span_ruler missed because Sudachi cut them otherwise in this
    sentence than on their own (仁川市でも|フォト|レジスト)."""
    toks = sent.tokens
    if not toks:
        return ()
    first = {t.start - sent.start: t.i for t in toks}
    last = {t.end - sent.start: t.i + 1 for t in toks}
    known = {(sp.start, sp.end) for sp in sent.spans}
    out = []
    for a, b, e in res.text_matches(sent.text, set(first)):
        span = (first[a], last.get(b, -1))
        if span[1] > span[0] + 1 and span not in known:  # (a one-token name is the span_ruler's already)
            out.append(SpanTag(span[0], span[1], e.type, e.canonical))
            known.add(span)
    return tuple(out)


def dictionary_candidates(sent: Sentence, res: Resources) -> list[Candidate]:
    out = []
    toks = sent.tokens
    cover = _model_cover(sent)
    for sp in sent.spans + _text_spans(sent, res):
        a, b = sp.start, sp.end
        # a short dictionary word glued into a longer noun compound is not this entity
        # (アマゾン in アマゾン川 is one token anyway; 東京 in 東京電力 is a longer match)
        text = _text(toks, a, b)
        if len(text) == 1:
            continue  # single-kanji countries are prefixes (米DOE), kept as attributes
        if (sp.label in ("company", "organization") and a > 0 and _is_katakana(toks[a - 1])
                and toks[a - 1].end == toks[a].start and toks[a - 1].text not in ("・", "･") and _is_katakana(toks[a])):
            continue  # ナトリウム|イオン: the tail of a katakana compound, not the retailer
        name = sp.id or nfkc(text)
        wa, wb = widen_middle_dot(toks, a, b)
        if (wa, wb) != (a, b) and res.by_surface.get(fold(_text(toks, wa, wb))) is not None:
            a, b = wa, wb  # インフィニオン|・テクノロジーズ: the dictionary knows the whole name, written with a dot
        if sp.label in ("event", "product") and _latin_word(toks[b - 1]):
            limit = max((e for s_, e in cover if s_ <= a < e), default=b)
            wide = widen_latin(toks, a, b, limit)
            if wide > b:
                b, name = wide, nfkc(_text(toks, a, wide)) if not sp.id else sp.id + " " + nfkc(
                    " ".join(t.text for t in toks[sp.end:wide]))
        if sp.label == "place" and b < len(toks) and toks[b].text == "市" and toks[b].start == toks[b - 1].end:
            b += 1  # 仁川|市, 深圳|市: the city written with its suffix is the dictionary's city
        out.append(Candidate(sent.index, a, b, sp.label, name, "dict"))
    for t in toks:  # 日本国内, 東京都内: one word to Sudachi, a known place and 'within'
        inside = _inside_tail(nfkc(t.text), res) if len(t.text) > 2 else ""
        if inside and inside != nfkc(t.text):
            c = Candidate(sent.index, t.i, t.i + 1, "place", res.by_surface[fold(nfkc(t.text)[:-len(inside)])].canonical,
                          "dict")
            c.char_start, c.char_end = t.start, t.end - len(inside)
            out.append(c)
    return out


def amount_candidates(sent: Sentence) -> list[Candidate]:
    out = []
    toks = sent.tokens
    if not toks:
        return out
    for am in find_amounts(sent.text, sent.start):
        after = sent.text[am.end - sent.start:am.end - sent.start + 3]
        if am.value == 1 and after.startswith(("あたり", "当たり")):
            continue  # 1キロワット時あたり20円: the unit a price is per, not an amount of anything
        # token range covering the amount (for overlaps with other candidates)
        a = next((t.i for t in toks if t.end > am.start), len(toks) - 1)
        b = next((t.i + 1 for t in reversed(toks) if t.start < am.end), a + 1)
        c = Candidate(sent.index, a, max(b, a + 1), "amount", nfkc(am.text), "amount",
                      char_start=am.start, char_end=am.end, attrs=dict(am.attrs()))
        out.append(c)
    return out


def _noun_run_before(toks: tuple[Token, ...], end: int, res: Resources, adjectives: bool = False) -> int:
    """Start of the noun run (names, compounds, ・) that ends just before token ``end``.

    With ``adjectives``, adjectival nouns and prefixes join the run (動的ワークロードスケジューラー).
    """
    def joins(t: Token) -> bool:
        if _noun_like(t):
            return True
        return adjectives and (t.tag.startswith("形状詞") or t.tag.startswith("接頭辞"))

    a = end
    while a > 0 and joins(toks[a - 1]) and toks[a - 1].text not in res.rules.stopmods:
        a -= 1
    while a < end - 1 and (toks[a].tag.startswith("接尾辞") or toks[a].text in ("・", "･")):
        a += 1  # 次世代|型原子力発電所: a run never starts with a suffix
    if a > 0 and toks[a - 1].text in _ITEM_MARKS:
        # ■洋上風力 西海リニューアブルズは: a round-up item's heading word, then a space, then the name
        a = next((k for k in range(a + 1, end) if toks[k - 1].end < toks[k].start), a)
    return a


#: marks that open a round-up's item, followed by a heading word and a space (■洋上風力 X社は…)
_ITEM_MARKS = ("■", "□", "◆", "◇", "●", "○", "▼", "▲", "▽", "△", "◎", "★", "☆")


def acronym_candidates(sent: Sentence, res: Resources) -> list[Candidate]:
    """``長い名前（略称）`` and ``略称（長い名前）``: both become mentions, linked as one entity."""
    out = []
    toks = sent.tokens
    for i, t in enumerate(toks):
        if t.text not in _OPEN:
            continue
        j = next((k for k in range(i + 1, min(i + 12, len(toks))) if toks[k].text in _CLOSE), None)
        if j is None or j == i + 1 or i == 0:
            continue
        inner = _text(toks, i + 1, j)
        if nfkc(inner) in res.rules.titles or nfkc(inner).upper() in ("CEO", "CFO", "COO", "CTO", "CIO"):
            continue
        if _ACRONYM.match(nfkc(inner)):
            a = _noun_run_before(toks, i, res, adjectives=True)
            if a >= i:
                continue
            a, b = widen_middle_dot(toks, a, i)
            a, b = trim(toks, a, b, res, "")
            a, b = strip_descriptors(toks, a, b, res)  # (AI)開発企業コヒア(Cohere): the name after its kind
            if a >= b:
                continue
            long_text = _text(toks, a, b)
            long_c = Candidate(sent.index, a, b, "", nfkc(long_text), "acronym", "long")
            short_c = Candidate(sent.index, i + 1, j, "", nfkc(inner), "acronym", "short")
            long_c.attrs["pair"] = f"{toks[i + 1].start}-{toks[j - 1].end}"
            short_c.attrs["pair"] = f"{toks[a].start}-{toks[b - 1].end}"
            kind = KINDS_AFTER_BRACKETS.get(nfkc(toks[j + 1].text)) if j + 1 < len(toks) else None
            if kind == "technology":  # 空間分割多重（SDM）技術: the kind written after the pair
                long_c.type = short_c.type = kind
            out += [long_c, short_c]
        elif (_ACRONYM.match(nfkc(toks[i - 1].text)) and all(_noun_like(x) for x in toks[i + 1 : j])
              and not (i >= 2 and _latin_word(toks[i - 2]))):
            # DOE（米エネルギー省）, but not OCC（横浜市）: where a company is is not its long name; not Space
            # Compass（スペースコンパス）: a name of Latin words with its reading
            entry = res.by_surface.get(fold(nfkc(inner)))
            if (entry is not None and entry.type == "place") or res.rules.suffix_type(nfkc(inner)) == "place":
                continue
            a, b = i + 1, j
            short_c = Candidate(sent.index, i - 1, i, "", nfkc(toks[i - 1].text), "acronym", "short")
            long_c = Candidate(sent.index, a, b, "", nfkc(_text(toks, a, b)), "acronym", "long")
            long_c.attrs["pair"] = f"{toks[i - 1].start}-{toks[i - 1].end}"
            short_c.attrs["pair"] = f"{toks[a].start}-{toks[b - 1].end}"
            out += [short_c, long_c]
    return out


#: kinds written right after a bracketed name: 「クローズドループ」技術, 「アクア」ブランド
KINDS_AFTER_BRACKETS = {"技術": "technology", "方式": "technology", "工法": "technology", "ブランド": "product",
                        "シリーズ": "product"}
#: category nouns before a bracketed name that make it a body, not a product: 企業連合「X」, 合弁会社「Y」
BODIES_BEFORE_BRACKETS = {"連合": "organization", "コンソーシアム": "organization", "協議会": "organization",
                          "団体": "organization", "新団体": "organization", "組織": "organization",
                          "協会": "organization", "企業連合": "organization", "アライアンス": "organization",
                          "会社": "company", "新会社": "company", "合弁会社": "company", "子会社": "company",
                          "事業会社": "company", "持ち株会社": "company"}


def _company_word(t: Token, res: Resources) -> bool:
    """A token that is a company's name in the dictionary (what follows its の in brackets is its product)."""
    entry = res.by_surface.get(fold(nfkc(t.text)))
    return entry is not None and entry.type == "company"


#: kinds of thing a name in brackets after の is one of: サブブランドの「ワイモバイル」, 商品名の「X」
_NAMED_KINDS = ("ブランド", "商品名", "製品名", "ブランド名", "サービス名", "愛称", "名称")


def _name_part(x: Token) -> bool:
    """A token a name in brackets after a clause may be made of: Latin, katakana, a joint or a proper noun."""
    return _latin_word(x) or _is_katakana(x) or x.text in ("・", "-") or "固有名詞" in x.tag


#: acts whose clause names what they make: Aが開発した「X」
_DEVELOPING = ("開発", "共同開発", "製造", "生産", "発明", "量産", "実用化")


def _developing_clause(toks: tuple[Token, ...], p: int) -> bool:
    """The clause ending at token ``p`` (…開発した) is one of developing or making something."""
    while p > 0 and toks[p].pos == "AUX":
        p -= 1
    return nfkc(toks[p].lemma) in _DEVELOPING or nfkc(toks[p].text) in _DEVELOPING


def bracket_candidates(sent: Sentence, res: Resources) -> list[Candidate]:
    """大規模言語モデル「tsuzumi」, 新薬「ゾコーバ」: a name in 「」 right after a category noun."""
    out = []
    toks = sent.tokens
    for i, t in enumerate(toks):
        if t.text not in ("「", "『") or i == 0:
            continue
        j = next((k for k in range(i + 1, min(i + 15, len(toks))) if toks[k].text in ("」", "』")), None)
        if j is None or j == i + 1:
            continue
        p = i - 1
        if toks[p].text in _CLOSE:  # 燃料電池車（FCV）「ミライ」: the category noun before its gloss
            p = next((k - 1 for k in range(p - 1, max(p - 12, 0), -1) if toks[k].text in _OPEN), p)
        prev = toks[p]
        inner = toks[i + 1 : j]
        # チェコの「ピルスナー・ウルケル」: after の only a foreign-looking name is one
        after_no = prev.text == "の" and (any(x.text in ("・", "･") for x in inner) or all(_latin_word(x) for x in inner)
                                         or p >= 1 and nfkc(toks[p - 1].text).endswith(_NAMED_KINDS)  # サブブランドの「X」
                                         or p >= 1 and _company_word(toks[p - 1], res))  # 日本通信の「日本通信SIM」
        paren = next((k for k in range(i + 2, j) if toks[k].text in _OPEN), None)
        if paren is not None and toks[j - 1].text in _CLOSE:
            j = paren  # 「Olive（オリーブ）」: the reading in parentheses is not part of the name
            inner = toks[i + 1 : j]
        suffix_noun = prev.tag.startswith("接尾辞-名詞") and nfkc(prev.text) not in res.rules.titles  # 専用機「747-8F」
        close = next((k for k in range(j, min(j + 6, len(toks))) if toks[k].text in ("」", "』")), None)
        kind_after = KINDS_AFTER_BRACKETS.get(nfkc(toks[close + 1].text)) if close is not None and close + 1 < len(
            toks) else None  # 「クローズドループ」技術: the kind comes after the name
        # 味の素ファインテクノが供給する「ABF（…）」: a Latin or katakana name right after a clause names its thing
        clause = (prev.pos in ("AUX", "VERB") and "連体形" in prev.inflection
                  and prev.lemma not in ("だ", "な", "ない"))  # (新たな「ゴールドラッシュ」: an adjective's)
        after_clause = clause and (
            len(inner) <= 4 and all(_name_part(x) or x.pos == "NUM" for x in inner)
            and any(_latin_word(x) or x.oov or x.text in NAME_JOINTS or "固有名詞" in x.tag for x in inner)
            # a name (KDDIが運営する「テレハウス大阪堂島」), not a common katakana word (新たな「ゴールドラッシュ」)
            or 2 <= len(inner) <= 5 and all(_name_part(x) for x in inner[:-1])
            and res.rules.suffix_type(_surface(sent, i + 1, j)) in ("facility", "event")
            # (東北大学と共同開発した「多孔質ナノシリコン」: what a clause of developing names is its product)
            or _developing_clause(toks, p) and len(inner) <= 6
            and all(x.pos in ("NOUN", "PROPN", "NUM") or x.tag.startswith("名詞") or _name_part(x) for x in inner))
        # (同社が開発する「ブルーガム鉱山」: katakana words and the ending of a site's name)
        if not after_no and not kind_after and not after_clause and (
                (prev.pos not in ("NOUN", "PROPN") and not prev.tag.startswith("名詞") and not suffix_noun)
                or (prev.tag.startswith("接尾辞") and not suffix_noun)
                or prev.text in res.rules.stopmods):
            continue
        if any(x.pos in ("VERB", "AUX", "ADP") and not x.tag.startswith("名詞") or x.text in "、。，．" for x in inner):
            continue  # (テレハウス, a noun the tagger calls AUX, is no verb)
        text = _surface(sent, i + 1, j)
        if len(text) > 30:
            continue
        # the category noun says what the name is: 新工場「千歳ブルワリー」 is a facility, 国際会議「X」 an event
        kind = res.rules.suffix_type("_" + prev.text)
        if nfkc(prev.text).endswith(("ビル", "ホテル", "店", "店舗", "施設", "マンション", "倉庫", "棟", "研究棟")):
            kind = "facility"  # 木造高層ビル「Port Plus」 (as name endings these words mislead: エクソンモービル)
        etype = kind if kind in ("facility", "event") else BODIES_BEFORE_BRACKETS.get(nfkc(prev.text), "product")
        if kind_after and not (prev.pos in ("NOUN", "PROPN") or prev.tag.startswith("名詞")):
            etype = kind_after
        if after_clause and etype == "product" and res.rules.suffix_type(text) in ("facility", "event"):
            etype = res.rules.suffix_type(text)  # …に開いた「ニンテンドーミュージアム」: the name's own ending says
        # (after a clause nothing says what the name is: a weak guess that other evidence overrides)
        out.append(Candidate(sent.index, i + 1, j, etype, text, "named" if after_clause and not after_no
                             and not kind_after else "bracket", prev.text))
    return out


#: company suffixes that name a site when a place name is all that comes before them
_SITE_SUFFIXES = ("製作所", "事業所", "事業場", "製鉄所", "研究所")


def _unit_after(toks: tuple[Token, ...], b: int) -> int:
    """志賀原子力発電所2号機: a unit number glued after a plant's name is part of the unit's name."""
    if (b + 1 < len(toks) and toks[b].pos == "NUM" and toks[b + 1].text in ("号機", "号炉")
            and toks[b - 1].end == toks[b].start):
        return b + 2
    return b


def _edition_before(toks: tuple[Token, ...], a: int) -> int:
    """2012年ロンドンオリンピック, 第36回東京モーターショー: the year or the edition glued before an event's name
    is part of it."""
    if a >= 2 and toks[a - 1].text == "年" and toks[a - 2].pos == "NUM" and toks[a - 1].end == toks[a].start:
        return a - 2
    if (a >= 3 and toks[a - 1].text == "回" and toks[a - 2].pos == "NUM" and toks[a - 3].text == "第"
            and toks[a - 1].end == toks[a].start):
        return a - 3
    return a


#: Chinese and Taiwanese corporate words: the name before them is often no word Sudachi knows as a name
_CHINESE_CORPORATE = ("集団", "科技", "控股", "有限公司", "股份")
#: a word written in kanji only
_KANJI = re.compile(r"^[\u4e00-\u9fff]+$")


#: a field or a line of business: a noun run ending with one names no company (X事業, Y分野)
_FIELD_WORDS = ("事業", "部門", "分野", "市場", "領域", "業界")


def suffix_candidates(sent: Sentence, res: Resources) -> list[Candidate]:
    """Noun runs ending with a telling word: 東京電力ホールディングス, アイダホ国立研究所, 熊本工場."""
    out = []
    toks = sent.tokens
    rules = res.rules
    for i, t in enumerate(toks):
        if not _noun_like(t):
            continue
        nxt = nfkc(toks[i + 1].text) if i + 1 < len(toks) else ""
        if (i + 1 < len(toks) and _noun_like(toks[i + 1]) and nxt != "・"
                and nxt not in rules.titles and nxt not in RUN_BREAKERS):
            # only at the end of a noun run; a role or title after it ends the run (セイノーホールディングス|傘下)
            continue
        a = _noun_run_before(toks, i + 1, res)
        if a > i or nfkc(t.text) in _FIELD_WORDS:
            continue  # (エナジー・ソリューションズ|事業: a business line, not a company)
        a, b = widen_middle_dot(toks, a, i + 1)
        if b < len(toks) and nfkc(toks[b].text) in _FIELD_WORDS:
            continue  # (nor when the run reaches it across a ・)
        a, b = strip_descriptors(toks, a, b, res)
        a, b = trim(toks, a, b, res, "")
        if a >= b:
            continue
        etype = rules.suffix_type(nfkc(_text(toks, a, b)))
        if etype is None:
            continue
        if (etype == "facility" and a > 0 and toks[a - 1].text == "新" and toks[a - 1].end == toks[a].start
                and "地名" in toks[a].tag):
            a -= 1  # 新豊根発電所: 新 glued to a place name is part of the plant's name (新工場 is not a name)
        if etype == "place" and b < len(toks) and nfkc(toks[b].text) in ("氏", "さん", "君", "様"):
            continue  # 藤村氏, 中村さん: a surname ending in 村/町, not a village
        if etype == "place":
            a = _after_place_heads(toks, a, b)
        a, b, _country = strip_country(toks, a, b, res, etype)
        text = nfkc(_text(toks, a, b))
        if rules.suffix_type(text) is None:
            continue
        suffix = next(s for s, _ in rules.suffixes if text.endswith(s))
        head = text[: -len(suffix)]
        if not head or _DATE_WORDS.match(head) or re.fullmatch(r"[0-9０-９]+", head):
            continue
        last = toks[b - 1]
        if (nfkc(last.text) != suffix and not nfkc(last.text).endswith(suffix)
                and not any(nfkc(_text(toks, b - n, b)) == suffix for n in (2, 3) if b - n >= a)):
            continue  # the suffix cuts a word: a coincidence (市場 is not 〜市); 通信|所 is 〜通信所
        # the part before the suffix must name something: a proper noun, katakana or Latin word
        glued = nfkc(last.text) != suffix
        named = (glued and "固有名詞" in last.tag) or any(is_proper(x) or (x.oov and _is_katakana(x))
                                                          for x in toks[a : b - 1]) or (
            etype == "facility" and b + 1 < len(toks) and toks[b].text in _OPEN and "地名" in toks[b + 1].tag
            and b - a <= 3) or (  # 北上工場（岩手県北上市）: a plant glossed with where it is
            _corporate_word_end(text, res) and all(_is_katakana(x) or x.text in "・･" for x in toks[a:b - 1]))
        # (ハヤテ・バイオロジクス: a katakana word before a corporate word names a company, known word or not)
        if not named and suffix in _CHINESE_CORPORATE and not head.endswith(("者", "家", "員", "人", "企業")):
            # 貝|特|瑞|新|材料|集団, 遠景|科技|集団: a Chinese name read as single kanji or with a corporate word
            # (新 inside it is no prefix of a common noun here)
            while a > 0 and toks[a - 1].pos in ("NOUN", "PROPN") and _KANJI.match(toks[a - 1].text):
                a -= 1
            text = nfkc(_text(toks, a, b))
            head = text[: -len(suffix)]
            named = sum(1 for x in toks[a:b - 1] if len(x.text) == 1 and _KANJI.match(x.text)) >= 2 or any(
                w in head for w in _CHINESE_CORPORATE)
        if not named or head in rules.stopmods or head in rules.generic_heads:
            continue
        if b < len(toks) and nfkc(toks[b].text) in ("相", "大臣"):
            continue  # 齋藤健経済産業|相: a minister's title, not a company ending in 産業
        if suffix in _SITE_SUFFIXES and all("地名" in x.tag for x in toks[a : b - 1]):
            etype = "facility"  # 群馬製作所 is a works of a company, 日立製作所 a company
        out.append(Candidate(sent.index, a, b, etype, text, "suffix", suffix))
    return out


#: counters and category nouns that type the items of an enumeration (A、B、Cの3社)
ENUM_COUNTERS = {"社": "company", "行": "company", "カ国": "place", "か国": "place", "ヵ国": "place", "ヶ国": "place",
                 "州": "place", "県": "place", "都市": "place", "大学": "organization", "機関": "organization",
                 "団体": "organization", "省庁": "agency", "省": "agency"}
ENUM_CATEGORIES = {
    "敷地": "facility", "施設": "facility", "拠点": "facility", "工場": "facility", "発電所": "facility",
    "候補地": "facility", "原発": "facility", "空港": "facility", "港": "facility", "サイト": "facility",
    "研究所": "organization", "機関": "organization", "大学": "organization", "団体": "organization",
    "企業": "company", "会社": "company", "メーカー": "company", "銀行": "company", "社": "company",
    "地域": "place", "都市": "place", "国": "place", "州": "place", "県": "place", "市": "place",
    "省庁": "agency", "官庁": "agency",
}
_ITEM_SEPARATORS = {"、", "，", ",", "と", "や", "及び", "および"}


def enumeration_candidates(sent: Sentence, res: Resources) -> list[Candidate]:
    """Items of an enumeration typed by its category: A、B、Cという4つの敷地 / A、B、Cの3社."""
    out = []
    toks = sent.tokens
    n = len(toks)
    for i, t in enumerate(toks):
        if t.pos != "NUM":
            continue
        # NUM + counter (+ の + category noun)
        if i + 1 >= n:
            continue
        counter = nfkc(toks[i + 1].text)
        etype = ENUM_COUNTERS.get(counter)
        # the category noun may follow after の and adjectives: 4つの広大な敷地
        for k in range(i + 2, min(i + 7, n)):
            word = nfkc(toks[k].text)
            if word in ENUM_CATEGORIES:
                etype = ENUM_CATEGORIES[word]
                break
            if not (word == "の" or toks[k].pos in ("ADJ", "AUX") or toks[k].tag.startswith("形状詞")):
                break
        if etype is None:
            continue
        # what links the items to the count: という / の / など(の) / ら
        j = i - 1
        if j >= 1 and toks[j].text == "いう" and toks[j - 1].text == "と":
            j -= 2
        elif j >= 0 and toks[j].text in ("の", "ら"):
            j -= 1
            if j >= 0 and toks[j].text == "など":
                j -= 1
        else:
            continue
        items: list[tuple[int, int]] = []
        end = j + 1
        while end > 0:
            a = end
            while a > 0 and _noun_like(toks[a - 1]) and toks[a - 1].text not in _ITEM_SEPARATORS:
                a -= 1
            if a == end:
                break
            items.append((a, end))
            if a >= 1 and toks[a - 1].text in _ITEM_SEPARATORS:
                end = a - 1
            else:
                break
        if len(items) < 2:
            continue
        for a, b in reversed(items):
            a, b = widen_middle_dot(toks, a, b)
            a, b = strip_descriptors(toks, a, b, res)
            a, b = trim(toks, a, b, res, etype)
            if a >= b or toks[a].text in res.rules.stopmods:
                continue
            text = nfkc(_text(toks, a, b))
            if len(text) < 2 or _DATE_WORDS.match(text) or any(x.pos == "NUM" for x in toks[a:b]):
                continue
            if etype in ("company", "organization", "agency") and not any(
                    _namelike(x) for x in toks[a:b]):
                continue  # …を厳しくしたため、日米欧の3社: a clause's ため is no member of the three
            entry = res.by_surface.get(fold(text))
            out.append(Candidate(sent.index, a, b, entry.type if entry else etype,
                                 entry.canonical if entry else text, "enum", counter))
    return out


def _common_words(run: tuple[Token, ...]) -> bool:
    """Words that say what a company does, not what it is called: a Latin word and an act (AI活用, IT強化), common
    nouns opened by an act (撤退リスク). (Sudachi knows some katakana names as common nouns, ソディオン, and
    有機米デザイン ends in a katakana act: neither shape is taken.)"""
    def kanji_act(x: Token) -> bool:
        return "サ変" in x.tag and x.tag.startswith("名詞-普通") and not x.oov and not _is_katakana(x)

    return ((len(run) == 2 and _latin_word(run[0]) and kanji_act(run[1]))
            or (kanji_act(run[0]) and all(x.tag.startswith("名詞-普通") and not x.oov for x in run)))


#: common katakana words for what a company offers (大手のサブブランド, 大手のサービス)
_KINDS_OF_OFFER = ("ブランド", "サービス", "チェーン", "プラットフォーム", "ビジネス", "プラン", "アプリ")


def descriptor_candidates(sent: Sentence, res: Resources) -> list[Candidate]:
    """カプセル大手のクオリカプス, 新興企業のオクロ: a name after a company descriptor and の."""
    out = []
    toks = sent.tokens
    for i in range(1, len(toks) - 1):
        spinoff = toks[i - 1].text == "発" and i >= 2 and toks[i - 2].text.endswith(("大学", "研究所", "大学院"))
        if not toks[i - 1].text.endswith(COMPANY_DESCRIPTORS) and not spinoff:
            continue  # (京都大学発のソディオン: a university's spin-off is a company)
        if toks[i].text == "の":
            a = i + 1
        elif toks[i].text == "、" and i + 1 < len(toks) and not spinoff and toks[i - 1].text.endswith(COMPANY_DESCRIPTORS):
            a = i + 1  # 中国の新興製薬会社、蘇州瑞康生物医薬: the name after the description and its comma
        elif toks[i].text == "で" and i + 1 < len(toks) and toks[i + 1].text == "ある":
            a = i + 2  # 子会社である積水ソーラーフィルム
        elif toks[i - 1].text.endswith(("会社", "法人", "企業")) and (
                re.match(r"[A-Za-zＡ-Ｚａ-ｚ]", toks[i].text)
                or (_is_katakana(toks[i]) and i + 1 < len(toks) and toks[i + 1].text in ("・", "･"))):
            a = i  # 合弁会社OREX SAI, 電力会社エナジー・ノースウエスト: a foreign name right after its kind
        elif (toks[i - 1].text.endswith(("会社", "企業")) and i >= 2 and toks[i - 2].pos in ("NOUN", "PROPN")
              and _katakana_name_run(toks, i, res) > i):
            a = i  # 調査会社オムディアによると, バイオ企業カナエバイオ（東京・文京）, 米子会社ニットーアビシアが
        else:
            continue
        b = a
        while b < len(toks) and toks[b].text != "とも" and (_noun_like(toks[b]) or (
                toks[b].text == "." and b > a and _latin_word(toks[b - 1]) and len(toks[b - 1].text) <= 3)):
            b += 1  # ispace U.S. (not Xとも: a particle Sudachi may read as a suffix noun)
        # 傘下の投資会社JICキャピタル: a second descriptor inside the run goes too
        cut = max((k + 1 for k in range(a, b - 1) if toks[k].text.endswith(COMPANY_DESCRIPTORS)), default=a)
        if any(is_proper(x) or _latin_word(x) or _is_katakana(x) for x in toks[cut:b]):
            a = cut  # 衛星通信会社ワンウェブ -> ワンウェブ
        if _text(toks, a, b).endswith(COMPANY_DESCRIPTORS):
            continue  # 傘下の電池メーカー、AESCジャパン: a description, the name comes after
        a, b = widen_middle_dot(toks, a, b)
        a, b, _ = strip_country(toks, a, b, res, "company")
        a, b = trim(toks, a, b, res, "company")
        seated = toks[i].text == "の" and _seat_gloss(toks, b, res) and b - a >= 2  # 共同出資会社の大雪地熱開発（札幌市）
        if a >= b or b - a > 5 or not seated and not any(is_proper(x) or _is_katakana(x) or _latin_word(x)
                                                          for x in toks[a:b]):
            continue
        if toks[a].text in res.rules.stopmods or (any(x.pos == "NUM" for x in toks[a:b]) and not re.match(
                r"[0-9]+[A-Za-z][A-Za-z0-9 &.\-]*$", nfkc(_surface(sent, a, b)))):
            continue  # (a figure is no name, but 5G JAPAN, 3M are)
        if b < len(toks) and toks[b].text in ("「", "『"):
            continue  # 傘下の住宅ブランド「X」: the category before a name in brackets
        if b - a == 1 and nfkc(toks[a].text).endswith(_KINDS_OF_OFFER):
            continue  # 大手のサブブランド: a kind of offer, not a name
        if _common_words(toks[a:b]):
            continue  # 通信会社のアンテナ, 事業者の撤退リスク, 顧客企業のAI活用: what a company has or does
        if toks[i].text == "、" and any("サ変" in x.tag and x.tag.startswith("名詞-普通") for x in toks[a:b]):
            continue  # 電力・ガス大手、LNG調達と…: after the comma, an act, not a name
        text = nfkc(_text(toks, a, b))
        entry = res.by_surface.get(fold(text))
        out.append(Candidate(sent.index, a, b, entry.type if entry else "company",
                             entry.canonical if entry else text, "descriptor", toks[i - 1].text))
    return out


def _seat_gloss(toks: tuple[Token, ...], i: int, res: Resources) -> bool:
    """（東京・千代田）, （名古屋市）, （モントリオール）, （本社：…）: the gloss opened at ``i`` names a seat (a ward or
    a place)."""
    if i >= len(toks) or toks[i].text not in _OPEN:
        return False
    if i + 2 < len(toks) and nfkc(toks[i + 1].text) in ("本社", "本店", "本社所在地") and nfkc(toks[i + 2].text) == ":":
        return True  # a press release's （本社：東京都千代田区、代表取締役社長：…、以下「当社」）
    close = next((k for k in range(i + 2, min(i + 6, len(toks))) if toks[k].text in _CLOSE), None)
    if close is None:
        return False
    if close == i + 3 and all("地名" in x.tag for x in toks[i + 1:close]):
        return True  # （マサチューセッツ州ケンブリッジ）: a state and its city
    gloss = nfkc(_text(toks, i + 1, close))
    seat = res.by_surface.get(fold(gloss))
    return bool(_WARD_GLOSS.match(gloss)) or (seat is not None and seat.type == "place"
                                              or res.rules.suffix_type(gloss) == "place")


#: the corporate forms written before or after a company's name (株式会社X, X株式会社): no part of the name
CORPORATE_FORMS = ("株式会社", "有限会社", "合同会社")
_FORM_AFTER = re.compile(r"(?<=.{2})(?:" + "|".join(CORPORATE_FORMS) + ")$")


def seat_candidates(sent: Sentence, res: Resources) -> list[Candidate]:
    """ブルーキュービット（東京・千代田）: a name right before a newspaper's gloss of a company's seat is a company's."""
    out = []
    toks = sent.tokens
    for i in range(1, len(toks) - 4):
        # 東都タクシーホールディングス株式会社（以下「東都タクシー」）: a press release defines a short name for a
        # company it writes with its corporate form
        defined = toks[i].text in _OPEN and nfkc(toks[i + 1].text) == "以下" and toks[i + 2].text in ("「", "『")
        if not (defined or _seat_gloss(toks, i, res)):
            continue  # (or a city: ミナトパワーデバイス（名古屋市）, ノーザン・フェライト（モントリオール）; a plant's
            # name glossed with its place keeps its suffix's type, which outranks this guess)
        a = _noun_run_before(toks, i, res)
        a, b = widen_middle_dot(toks, a, i)
        a, b = strip_descriptors(toks, a, b, res)
        a, b, _ = strip_country(toks, a, b, res, "company")
        a, b = trim(toks, a, b, res, "company")
        if b - a > 1 and nfkc(toks[a].text) in CORPORATE_FORMS:
            a += 1  # 株式会社ジーノミクス・ラボ（本社：…）: the name after the corporate form written first
        if a >= b or b - a > 6 or toks[a].text in res.rules.stopmods:
            continue
        # 瑞光化学株式会社（本社：…）: a press release's own corporate form and gloss make a name of common words
        released = b - a > 1 and nfkc(toks[b - 1].text) in CORPORATE_FORMS and nfkc(toks[i + 1].text) in ("本社", "以下")
        if defined and not released:
            continue
        if not (released or any(_namelike(x) for x in toks[a:b])) or any(x.pos == "NUM" for x in toks[a:b]):
            continue
        text = nfkc(_text(toks, a, b))
        entry = res.by_surface.get(fold(text))
        if entry is not None and entry.type not in ("company", "organization"):
            continue
        name = entry.canonical if entry else _FORM_AFTER.sub("", text)
        out.append(Candidate(sent.index, a, b, entry.type if entry else "company", name, "descriptor", "seat"))
        # (ミナトケミカル株式会社（本社：…）: the company is named without its corporate form, which stays a surface)
    return out


#: what a sentence may end by calling its topic: Xは、…の開発会社だ
_COMPANY_PREDICATES = ("会社", "企業", "メーカー", "スタートアップ", "新興")


def copula_candidates(sent: Sentence, res: Resources) -> list[Candidate]:
    """グリッドバンク・ジャパンは、…が創業した蓄電池の開発会社だ: the topic a sentence calls a company is one."""
    toks = sent.tokens
    end = len(toks)
    while end > 0 and toks[end - 1].pos in ("PUNCT", "SYM", "SPACE"):
        end -= 1
    if end < 4 or nfkc(toks[end - 1].text) not in ("だ", "である", "です") and not (
            toks[end - 1].text == "ある" and toks[end - 2].text == "で"):
        return []
    last = end - (3 if toks[end - 1].text == "ある" else 2)
    if not nfkc(toks[last].text).endswith(_COMPANY_PREDICATES):
        return []
    k = next((j for j in range(1, min(8, last)) if toks[j].text == "は"), None)
    if k is None or not _noun_like(toks[k - 1]):
        return []
    a = _noun_run_before(toks, k, res)
    a, b = widen_middle_dot(toks, a, k)
    a, b, _ = strip_country(toks, a, b, res, "company")
    a, b = trim(toks, a, b, res, "company")
    if a != 0 or a >= b or b - a > 6 or toks[a].text in res.rules.stopmods:
        return []  # (only the sentence's own opening: …の子会社Xは is another shape)
    if not any(is_proper(x) or _is_katakana(x) or _latin_word(x) for x in toks[a:b]) or any(
            x.pos == "NUM" for x in toks[a:b]):
        return []
    text = nfkc(_text(toks, a, b))
    entry = res.by_surface.get(fold(text))
    if REFERENCE_RE.match(text) or entry is not None and entry.type != "company":
        return []
    return [Candidate(sent.index, a, b, "company", entry.canonical if entry else text, "descriptor", "copula")]


def state_city_candidates(sent: Sentence, res: Resources) -> list[Candidate]:
    """カンザス州デソト, ケベック州ベカンクール: a katakana name glued to a state or province (or after its の) is a
    city in it."""
    out = []
    toks = sent.tokens
    for i in range(len(toks) - 1):
        entry = res.by_surface.get(fold(nfkc(toks[i].text)))
        if entry is None or entry.type != "place" or not nfkc(toks[i].text).endswith(("州", "省")):
            continue
        a = i + 1
        if (i + 2 < len(toks) and toks[i + 1].text == "の" and _is_katakana(toks[i + 2])
                and (toks[i + 2].oov or "固有名詞" in toks[i + 2].tag)  # (not ケベック州のスタートアップ)
                and (i + 3 >= len(toks) or toks[i + 3].text in ("に", "で", "へ", "から", "の", "、"))
                and res.by_surface.get(fold(nfkc(toks[i + 2].text))) is None):
            a = i + 2  # ケベック州の|ベカンクールに建設: a katakana word right after a state and の names a place in it
        b = a
        while b < len(toks) and (b == a > i + 1 or toks[b - 1].end == toks[b].start) and (
                _is_katakana(toks[b]) or toks[b].text in ("・", "･")):
            b += 1  # (glued to the state, or starting after its の)
        if b - a >= 1 and _is_katakana(toks[b - 1]) and len(_text(toks, a, b)) >= 3:
            out.append(Candidate(sent.index, a, b, "place", nfkc(_text(toks, a, b)), "suffix", "州"))
    return out


def offshore_candidates(sent: Sentence) -> list[Candidate]:
    """秋田県沖, 九州西部沖, (北海道)松前沖: the sea off a place is a place (where wind farms and CCS sites are)."""
    out = []
    toks = sent.tokens
    for i in range(1, len(toks)):
        if toks[i].text != "沖" or toks[i - 1].end != toks[i].start:
            continue
        a = i - 1
        if toks[a].text in PLACE_HEADS and a > 0 and toks[a - 1].end == toks[a].start:
            a -= 1  # 九州|西部|沖
        if "地名" not in toks[a].tag:
            continue
        out.append(Candidate(sent.index, a, i + 1, "place", nfkc(_text(toks, a, i + 1)), "suffix", "沖"))
    return out


def nationality_candidates(sent: Sentence, res: Resources) -> list[Candidate]:
    """日本人, イギリス人: Sudachi reads a nationality as one word; the country in it is a place."""
    out = []
    for i, t in enumerate(sent.tokens):
        if len(t.text) < 3 or not t.text.endswith("人") or not t.tag.startswith("名詞-普通名詞"):
            continue
        entry = res.by_surface.get(fold(nfkc(t.text[:-1])))
        if entry is not None and entry.type == "place":
            out.append(Candidate(sent.index, i, i + 1, "place", entry.canonical, "nationality", "人",
                                 char_start=t.start, char_end=t.end - 1))
    return out


def _katakana_name_run(toks: tuple[Token, ...], i: int, res: Resources) -> int:
    """The end of a katakana name starting at ``i`` that a particle, a comma or a parenthesis closes, or ``i``
    when there is none (カウンター|ポイントによると; not a word kg knows as something else)."""
    b = i
    while b < len(toks) and _is_katakana(toks[b]) and (b == i or toks[b - 1].end == toks[b].start):
        b += 1
    if b == i or b >= len(toks) or len(_text(toks, i, b)) < 3:
        return i
    if not (toks[b].pos in ("ADP", "PUNCT") or toks[b].text in _OPEN):
        return i
    entry = res.by_surface.get(fold(nfkc(_text(toks, i, b))))
    return b if entry is None or entry.type in ("company", "organization") else i


def prefix_candidates(sent: Sentence, res: Resources) -> list[Candidate]:
    """米アルティウム, 独フォルクスワーゲン: a foreign name right after a one-kanji country prefix."""
    out = []
    toks = sent.tokens
    for i in range(len(toks) - 1):
        if toks[i].text not in GLUED_COUNTRIES or len(toks[i].text) != 1:
            continue
        a = i + 1
        # 米新興企業インプリア, 米半導体大手マイクロン: descriptors between the country and the name
        while a < len(toks) - 1 and (toks[a].text in res.rules.descriptors
                                     or any(toks[a].text.endswith(d) for d in COMPANY_DESCRIPTORS)):
            a += 1
        b = a
        while b < len(toks) and (_is_katakana(toks[b]) or _latin_word(toks[b]) or toks[b].text in "・･&＆"
                                 or (b > a and toks[b].pos in ("NOUN", "PROPN") and toks[b].tag.startswith("名詞"))):
            b += 1
        a, b = widen_middle_dot(toks, a, b)
        a, b = trim(toks, a, b, res, "company")
        if a >= b or not (_is_katakana(toks[a]) or _latin_word(toks[a])):
            continue
        text = _surface(sent, a, b)
        if len(text) < 2:
            continue
        entry = res.by_surface.get(fold(text))
        etype = entry.type if entry else (res.rules.suffix_type(text) or "company")
        if etype in ("place", "technology"):
            continue
        c = Candidate(sent.index, a, b, etype, entry.canonical if entry else text, "prefix", toks[i].text)
        c.attrs["country"] = res.rules.countries.get(toks[i].text, "")
        out.append(c)
    return out


#: words that make a title of a title (特任教授, 名誉会長, 代表取締役社長): never part of the name before them
TITLE_PREFIXES = {"特任", "名誉", "客員", "特別", "主任", "上席", "上級", "シニア", "チーフ", "専務", "常務", "執行", "副", "元", "前", "現", "代表取締役",
                  "取締役", "筆頭", "最高", "首席", "准", "社外"}


#: what comes before 相/大臣 in a minister's title (経済産業相, 財務大臣)
MINISTRY_STEMS = {"経済産業", "経産", "財務", "外務", "外", "防衛", "厚生労働", "厚労", "国土交通", "国交", "文部科学", "文科",
                  "総務", "法務", "農林水産", "農水", "環境", "デジタル", "内閣府", "経済再生", "経済安全保障", "復興",
                  "国家公安委員長", "官房", "商務", "エネルギー", "国務", "財務・金融", "金融", "内務", "司法"}


#: titles only a company gives: an ownerless one (三浦拓也社長は) is an executive of the company the text is on
#: executive officers' titles (also a person's titles and role words for relations)
EXECUTIVE_TITLES = {"執行役", "上級執行役員", "常務執行役員", "専務執行役員"}
CORPORATE_TITLES = {"社長", "会長", "CEO", "最高経営責任者", "副社長", "本部長", "事業本部長", "事業部長", "部長",
                    "執行役員", "専務", "常務", "工場長", "社長CEO", "社長兼最高経営責任者", "取締役", "代表取締役",
                    "CTO", "CFO", "COO", "会長兼社長", "会長兼CEO", "社長兼CEO", "最高財務責任者", "最高技術責任者",
                    "最高執行責任者", "頭取"} | EXECUTIVE_TITLES
#: titles after which X<title>の…氏 makes X a company (not the titles of a unit: 熊本工場長, 営業部長)
_COMPANY_TITLES = (CORPORATE_TITLES - {"本部長", "事業本部長", "事業部長", "部長", "工場長"}) | {"創業者", "共同創業者"}


_INITIAL = re.compile(r"^[A-Z]\.?$")


def title_candidates(sent: Sentence, res: Resources) -> list[Candidate]:
    """A name before a title or honorific is a person: ジェンスン・フアンCEO, 孫正義会長, 三部敏宏氏."""
    out = []
    toks = sent.tokens
    for i, t in enumerate(toks):
        if i == 0 or nfkc(t.text) not in res.rules.titles:
            continue
        end = i
        if i >= 3 and toks[i - 1].text in _CLOSE:  # 張忠謀（モリス・チャン）氏: the name before its reading
            end = next((j for j in range(i - 2, max(i - 12, 0), -1) if toks[j].text in _OPEN), i)
        a = end
        while a > 0 and _noun_like(toks[a - 1]) and nfkc(toks[a - 1].text) not in res.rules.titles:
            a -= 1
        b = end
        while b > a and nfkc(toks[b - 1].text) in TITLE_PREFIXES:
            b -= 1  # 宮坂力|特任|教授: the title's own prefix is not part of the name
        if nfkc(t.text) in ("相", "大臣", "長官"):
            for n in (3, 2, 1):  # 齋藤健|経済|産業|相
                if b - n > a and nfkc(_text(toks, b - n, b)) in MINISTRY_STEMS:
                    b -= n
                    break
        a, b = widen_middle_dot(toks, a, b)
        a, b = strip_descriptors(toks, a, b, res)
        a, b, _ = strip_country(toks, a, b, res, "person")
        a, b = trim(toks, a, b, res, "person")
        if a >= b:
            continue
        span = toks[a:b]
        text = nfkc(_text(toks, a, b))
        if res.by_surface.get(fold(text)) or res.rules.suffix_type(text) or len(text) < 2:
            continue  # トヨタ社長: the company, not a person
        j = i + 1
        if j < len(toks) and toks[j].text in _OPEN:  # 最高経営責任者（CEO）の…氏: past the title's gloss
            j = next((k + 1 for k in range(j + 1, min(j + 5, len(toks))) if toks[k].text in _CLOSE), j)
        if (nfkc(t.text) in _COMPANY_TITLES and j + 1 < len(toks) and toks[j].text == "の"
                and any(nfkc(x.text) == "氏" for x in toks[j + 1:j + 8])):
            # ルミナフィルム社長の佐々木遥氏: the name before the title is the company the person leads (not
            # 豊田章男会長の長男である…氏: a person's name stays a person's)
            if any(_namelike(x) for x in span) and not any(
                    "人名" in x.tag and not _is_katakana(x) for x in span):
                out.append(Candidate(sent.index, a, b, "company", text, "title", nfkc(t.text)))
            continue
        personal = any("人名" in x.tag for x in span) or (
            any(x.text in ("・", "･") for x in span) and any(_is_katakana(x) for x in span)
            and all(_is_katakana(x) or x.text in "・･" or _INITIAL.match(nfkc(x.text)) for x in span)  # J・B・ストローベル
        ) or (len(span) == 1 and span[0].oov and _is_katakana(span[0]))
        if personal:
            out.append(Candidate(sent.index, a, b, "person", text, "title", nfkc(t.text)))
            if nfkc(t.text) in _COMPANY_TITLES and a >= 2 and toks[a - 1].text == "の":
                # サイクリスタルのマルクス・ヴェーバー最高経営責任者: whose executive the person is names a company
                c = _noun_run_before(toks, a - 1, res)
                c, _ = widen_middle_dot(toks, c, a - 1)
                owner = toks[c:a - 1]
                name = nfkc(_text(toks, c, a - 1))
                if (owner and len(name) >= 2 and all(_namelike(x)
                                                     for x in owner if x.text not in ("・", "･"))
                        and not REFERENCE_RE.match(name) and not res.rules.suffix_type(name)):
                    out.append(Candidate(sent.index, c, a - 1, "company", name, "title", "の" + nfkc(t.text)))
    return out


#: subject acts only a company does (the rest of SLOT_ACTS["subject"] anyone may do: 開発, 製造)
SLOT_COMPANY_ONLY = ("出資", "買収", "設立", "提携", "合併", "統合", "上場", "子会社化", "合弁", "増資", "協業")
#: acts only a company does, by the particle its party takes: 〜が出資する, 〜を買収する, 〜と合弁で
SLOT_ACTS = {
    "subject": SLOT_COMPANY_ONLY + ("開発", "製造", "発売", "受注", "納入", "供給", "生産"),
    "object": ("買収", "子会社化", "合併", "設立", "完全子会社化"),
    "target": ("出資", "増資"),
    "partner": ("提携", "合弁", "協業", "統合", "合併", "資本提携", "業務提携", "経営統合", "契約", "締結", "結ぶ",
                "共同研究", "共同開発", "共同"),
}
_SLOT_PARTICLES = {"は": "subject", "が": "subject", "を": "object", "に": "target", "と": "partner", "とも": "partner"}
#: words that end a noun run without naming anyone: 日本企業と提携, 新会社を設立
_SLOT_GENERIC_TAILS = ("企業", "会社", "メーカー", "社", "グループ", "ファンド", "連合", "事業", "部門", "政府", "当局",
                       "ベンチャー", "スタートアップ", "大手", "新興",
                       # parties by their role in a deal (リード投資家はKDDIで): who, not a name
                       "投資家", "株主", "出資者", "顧客", "取引先", "事業者", "引受先", "出資先", "投資先", "提携先",
                       "買い手", "売り手")


def _slot_act(toks: tuple[Token, ...], i: int, role: str, acts: tuple[str, ...] | None = None) -> bool:
    """Token ``i`` is a party of a company-only act: its head (or the predicate above a noun head) is one."""
    acts = acts or SLOT_ACTS[role]
    h = toks[i].head
    for k in (h, toks[h].head):
        word = nfkc(toks[k].text)
        if toks[k].tag.startswith("接尾辞") and k >= 1 and toks[k - 1].head == k:
            word = nfkc(toks[k - 1].text) + word  # 子会社|化
        if any(word == a or word.endswith(a) or toks[k].lemma == a for a in acts):
            return True  # (結び: the lemma 結ぶ)
        if toks[k].pos == "VERB":
            break
    # Xを…完全子会社化すると発表: the parser hangs X on the verb of saying; the サ変 act before it is X's
    return any(toks[k].head == h and toks[k + 1].lemma == "する"
               and nfkc("".join(t.text for t in toks[max(i + 1, k - 2):k + 1])).endswith(acts)
               for k in range(i + 1, h))


_CAPS = re.compile(r"^[A-Z][A-Z0-9&]{1,7}$")
#: katakana words that end a company's name after its Latin initials (AESCジャパン) though not proper nouns
KANA_NAME_TAILS = {"ジャパン"}


#: what may stand in a list beside a company and so be one too (not people or places)
_COORD_LINKS = ("や", "と", "、")
_ANCHOR_SOURCES = ("dict", "suffix", "descriptor", "acronym", "latin-kana", "slot")


def coordinated_candidates(sent: Sentence, cands: list[Candidate], res: Resources) -> list[Candidate]:
    """東京センチュリーや三井住友信託銀行などから, 台湾の中華電信と…: a name Sudachi knows as a proper noun (or
    a katakana word it does not know) listed beside a company is a company. These lose to every other source."""
    toks = sent.tokens
    anchors = [c for c in cands if c.type == "company" and c.source in _ANCHOR_SOURCES]
    starts = {c.start for c in anchors}
    ends = {c.end for c in anchors}
    covered = {k for c in cands if c.type for k in range(c.start, c.end)}
    out = []
    for i, t in enumerate(toks):
        if i in covered or not _name_word(t) or res.by_surface.get(fold(t.text)) is not None:
            continue
        after = toks[i + 1].text if i + 1 < len(toks) else ""
        before = toks[i - 1].text if i > 0 else ""
        if (after in _COORD_LINKS and i + 2 in starts) or (before in ("や", "、") and i - 1 in ends):
            out.append(Candidate(sent.index, i, i + 1, "company", nfkc(t.text), "coord"))
    return out


def _name_word(t: Token) -> bool:
    """A single word that can only be a name: Sudachi's 固有名詞-一般 (not a person or a place), or a katakana
    word of four or more letters it does not know."""
    return (t.tag.startswith("名詞-固有名詞-一般") and len(t.text) >= 2) or (
        bool(_KATAKANA.match(t.text)) and len(t.text) >= 4 and t.oov)


def latin_kana_candidates(sent: Sentence, res: Resources) -> list[Candidate]:
    """GSユアサ, AESCジャパン, GEベルノバ: capital initials written together with a katakana proper noun are one
    company name (not the initials of a technology: EVメーカー, AIチップ)."""
    toks = sent.tokens
    out = []
    for i in range(len(toks) - 1):
        t, k = toks[i], toks[i + 1]
        if not _CAPS.match(t.text) or t.end != k.start or not _KATAKANA.match(k.text) or "・" in k.text:
            continue
        if k.pos != "PROPN" and k.text not in KANA_NAME_TAILS:
            continue
        entry = res.by_surface.get(fold(t.text))
        if entry is not None and entry.type not in ("company", "organization"):
            continue
        j = i + 2
        while j < len(toks) and toks[j - 1].end == toks[j].start and _KATAKANA.match(toks[j].text) and (
                toks[j].pos == "PROPN" or toks[j].text == "・" and j + 1 < len(toks)
                and toks[j + 1].pos in ("NOUN", "PROPN") and _KATAKANA.match(toks[j + 1].text)):
            j += 2 if toks[j].text == "・" else 1  # SMFGインディア・クレジット
        name = "".join(x.text for x in toks[i:j])
        out.append(Candidate(sent.index, i, j, "company", nfkc(name), "latin-kana"))
    return out


def _run_end(toks: tuple[Token, ...], i: int) -> int:
    """The last token of the noun run through ``i`` (the parser may head a name on its middle word:
    プライム|プラネット(head)|エナジー|＆|ソリューションズ)."""
    while i + 1 < len(toks) and (_noun_like(toks[i + 1]) or (
            toks[i + 1].text in NAME_JOINTS and i + 2 < len(toks) and _noun_like(toks[i + 2]))):
        i += 1
    return i


def slot_candidates(sent: Sentence, res: Resources) -> list[Candidate]:
    """Unknown names in a company's slot: 日本エアロスペースは…3社が出資して設立された, Xと合弁で,
    Aが20%を出資するB. The act says the party is a company; the name needs something proper."""
    out = []
    toks = sent.tokens
    n = len(toks)
    # Aが20%を出資するB: nouns a clause of investing describes
    # (and Aが設立したB, Aが買収したB: what a clause of founding or buying describes)
    invested = {_run_end(toks, t.head) for t in toks if t.dep == "acl" and t.head > t.i
                and nfkc(t.text).endswith(SLOT_ACTS["target"] + SLOT_ACTS["object"])}
    for i in range(n - 1):
        if toks[i + 1].text == "傘下" and (_is_katakana(toks[i]) or is_proper(toks[i])):
            # アクセリード傘下のX: who has companies under it is a company
            a = _noun_run_before(toks, i + 1, res)
            a, b = widen_middle_dot(toks, a, i + 1)
            a, b = strip_descriptors(toks, a, b, res)
            text = nfkc(_text(toks, a, b))
            if b > a and len(text) >= 2 and not text.endswith(_SLOT_GENERIC_TAILS) and not REFERENCE_RE.match(text):
                out.append(Candidate(sent.index, a, b, "company", text, "slot", "傘下"))
            continue
        if not _noun_like(toks[i]) or toks[i].pos == "NUM" or _noun_like(toks[i + 1]):
            continue
        k = i + 1
        if toks[k].text in _OPEN:  # X（東京・港）を買収: past the gloss of where it is
            k = next((j + 1 for j in range(k + 1, min(k + 10, n - 1)) if toks[j].text in _CLOSE), k)
        particle = toks[k].text + (toks[k + 1].text if k + 1 < n and toks[k + 1].text == "も" else "")
        role = _SLOT_PARTICLES.get(particle)
        found = role is not None and _slot_act(toks, i, role)
        if not found and i not in invested:
            continue
        a = _noun_run_before(toks, i + 1, res)
        a, b = widen_middle_dot(toks, a, i + 1)
        a, b = strip_descriptors(toks, a, b, res)
        if nfkc(toks[a].text) not in ("日本", "日本国"):  # 日本エアロスペース: 日本 is no prefix in Japanese news
            a, b, _ = strip_country(toks, a, b, res, "company")
        a = strip_industry(toks, a, b, res)
        a, b = trim(toks, a, b, res, "company")
        a = max([a] + [k + 1 for k in range(a, b - 1) if nfkc(toks[k].text).endswith(_SLOT_GENERIC_TAILS + ("組合",))])
        if a >= b or b - a > 6 or toks[a].text in res.rules.stopmods:  # (技術研究組合|HySTRA: the kind is no name)
            continue
        span = toks[a:b]
        weak = found and role == "subject" and not _slot_act(toks, i, "subject", SLOT_COMPANY_ONLY)
        if not any(_namelike(t) for t in span):
            continue  # a name needs a proper or unknown word, katakana or Latin
        if weak and not (any(is_proper(t) or _LATIN.search(t.text) for t in span)
                         or sum(1 for t in span if _is_katakana(t)) >= 2):
            continue  # 〜が開発した: anyone develops things; a common katakana word (チーム) is no company
        text = nfkc(_text(toks, a, b))
        if (len(text) < 2 or text.endswith(_SLOT_GENERIC_TAILS) or REFERENCE_RE.match(text)
                or any(t.pos == "NUM" for t in span)
                or (res.rules.techhead(text) and not (i in invested and is_proper(span[0])))):
            continue  # (a proper word heads what AとBが共同出資する X names: 安比地熱 is a company)
        out.append(Candidate(sent.index, a, b, "company", text, "slot", particle))
    return out


def _corporate_word_end(text: str, res: Resources) -> bool:
    """The name ends with a katakana corporate word of four or more letters (…ホールディングス, …バイオロジクス)."""
    return any(text.endswith(s) and len(s) >= 4 and _KATAKANA.match(s) and kind == "company"
               for s, kind in res.rules.suffixes)


def _formula_digit(toks: tuple[Token, ...], i: int) -> bool:
    """A figure glued to the Latin letters before it is part of a chemical formula (CO2, H2), not a count."""
    return i > 0 and toks[i - 1].end == toks[i].start and re.fullmatch(r"[A-Z][A-Za-z]?", toks[i - 1].text) is not None \
        and re.fullmatch(r"[0-9]", toks[i].text) is not None


def tech_candidates(sent: Sentence, res: Resources) -> list[Candidate]:
    """Noun compounds with a technical head: 全固体電池, 画像生成AI, 高温岩体発電."""
    out = []
    toks = sent.tokens
    rules = res.rules
    for i, t in enumerate(toks):
        if t.pos not in ("NOUN", "PROPN"):
            continue
        if (i + 1 < len(toks) and _noun_like(toks[i + 1]) and toks[i + 1].text not in rules.generic
                and toks[i + 1].pos != "NUM"):  # (液化CO2輸送船|2隻: a count after the head ends the compound)
            continue
        a = _noun_run_before(toks, i + 1, res)
        a, b = trim(toks, a, i + 1, res, "")
        if a >= b:
            continue
        # coordinated kinds share a head (水力・地熱発電): keep the last conjunct
        dots = [k for k in range(a, b) if toks[k].text in ("・", "･")]
        if dots:
            a = dots[-1] + 1
        while a < b and toks[a].text in _TECH_NOT_OPENING:
            a += 1  # 大手|半導体, 米|半導体: a company's description or a country, not part of the technology
        if a + 1 < b and toks[a].text + toks[a + 1].text in _TECH_NOT_OPENING:
            a += 2  # 使用|済み|電池: a use word Sudachi cuts in two
        if a >= b:
            continue
        if toks[b - 1].end - toks[a].start != sum(len(x.text) for x in toks[a:b]):
            continue  # words apart (AI for AI) are not one compound
        text = nfkc(_text(toks, a, b))
        head = rules.techhead(text)
        if head is None or text == head or text in rules.notech or len(text) < 3 or " " in text:
            continue
        if head.isascii() and nfkc(toks[b - 1].text) != head:
            continue  # OpenAI does not end with the technology AI
        if any((x.pos == "NUM" and not _formula_digit(toks, x.i)) or _DATE_WORDS.match(x.text) for x in toks[a:b]):
            continue  # (液化CO2輸送船: the figure of a chemical formula is no count)
        if any("固有名詞" in x.tag and "地名" in x.tag for x in toks[a:b]):
            continue  # 熊本電池? a place + head is a facility or a company, not a technology
        out.append(Candidate(sent.index, a, b, "technology", text, "tech", head))
    return out


_HERTZ = re.compile(r"(?:サブ)?(?:キロ|メガ|ギガ|テラ)?ヘルツ$")


def band_candidates(sent: Sentence) -> list[Candidate]:
    """Radio frequency bands, a telecom technology: 4.9ギガヘルツ帯, 700メガヘルツ帯, サブテラヘルツ帯."""
    out = []
    toks = sent.tokens
    for i in range(len(toks) - 1):
        if toks[i + 1].text != "帯" or not _HERTZ.search(nfkc(toks[i].text)):
            continue
        a = i
        while a > 0 and (toks[a - 1].pos == "NUM" or toks[a - 1].text == ".") and toks[a - 1].end == toks[a].start:
            a -= 1
        if a == i and not nfkc(toks[i].text).startswith(("サブ", "テラ")):
            continue  # ギガヘルツ帯 alone is a kind of band, not one band
        out.append(Candidate(sent.index, a, i + 2, "technology", nfkc(_text(toks, a, i + 2)), "tech", "帯"))
    return out


#: katakana words that end a subsidiary's name after its parent's (北海道電力ネットワーク, 東芝エネルギーシステムズ)
_SUBSIDIARY_TAILS = ("ネットワーク", "エナジー", "システムズ", "ソリューションズ", "パワー", "テクノロジーズ", "サービス",
                     "リニューアブルパワー", "ホールディングス", "グループ", "ジャパン", "マテリアルズ", "ファーマ")


def model_candidates(sent: Sentence, res: Resources) -> list[Candidate]:
    """kg's NER head and GiNZA's NER, cleaned up and re-typed by dictionaries and suffixes."""
    toks = sent.tokens
    raw: list[tuple[int, int, str, str, str]] = []
    for sp in sent.ner:
        raw.append((sp.start, sp.end, sp.label, "kgner", sp.label))
    for a, b, label in ginza_spans(sent):
        etype = res.ene_map.get(label, "-")
        if etype not in ("-", "date", ""):
            raw.append((a, b, etype, "ginza", label))
    out = []
    for a, b, etype, source, detail in raw:
        if etype == "amount":
            continue  # amounts come from the amount rules, with their values
        agreed = any(s2 != source and a2 < b and a < b2 and t2 == etype for a2, b2, t2, s2, _ in raw)
        a, b = widen_middle_dot(toks, widen_katakana(toks, a, res), b)
        a, b = trim(toks, a, b, res, etype)
        if a >= b:
            continue
        a, b = strip_descriptors(toks, a, b, res)
        # (米テキサス・インスツルメンツ, a 'place' to the model: its corporate ending makes it a company, unprefixed)
        a, b, country = strip_country(toks, a, b, res, "company" if res.rules.suffix_type(
            nfkc(_text(toks, a, b))) == "company" and etype != "person" else etype)
        a, b = trim(toks, a, b, res, etype)
        while b > a + 1 and nfkc(toks[b - 1].text) in RUN_BREAKERS:
            b -= 1  # APB|創業者 (a 'facility' to the model): the role is no part of the name
        if b > a + 1 and (nfkc(toks[b - 1].text) in res.rules.titles and all(
                "人名" in x.tag or x.pos == "PROPN" or _is_katakana(x) or x.text in "・･" for x in toks[a:b - 1])
                or split_president(toks, b - 1) and all(x.pos == "PROPN" or x.pos == "NUM" and _KANJI_NUMERAL.match(x.text)
                                                        for x in toks[a:b - 1])):  # (石動|真|一|社|長: 真一)
            b, etype = b - 1, "person"  # トランプ|大統領, 滝野|十一|社|長 (a 'company' to the model): a titled person
        elif b == a + 1 and "人名" in toks[a].tag and nfkc(toks[a].text).endswith(tuple(res.rules.titles)):
            etype = "person"  # トランプ大統領, one word to Sudachi
        if (b > a + 2 and toks[a].tag.endswith("人名-姓") and toks[a + 1].tag.endswith("人名-名")
                and not any(x.tag.startswith("名詞-固有名詞-人名") for x in toks[a + 2:b])
                and (_is_katakana(toks[a + 2]) or _latin_word(toks[a + 2]))):  # (湖南|裕|能新能源…: a Chinese name)
            # 村上|信吾|エネルギー|ソリューション本部長: a surname and a given name, then the division he heads
            b, etype = a + 2, "person"
        if a >= b:
            continue
        if any(t.pos == "ADP" and t.tag.startswith("助詞-格助詞") and t.text != "の" for t in toks[a + 1:b - 1]):
            continue  # 美浜で新設: a span across a case particle is no name
        text = nfkc(_text(toks, a, b))
        if any(text.endswith(d) for d in COMPANY_DESCRIPTORS) or text in MINISTRY_STEMS or text.endswith(("事業", "部門")):
            continue  # シェール大手: a description without the name; 経済産業(相); 北米事業: a business line
        if (b < len(toks) and nfkc(toks[b].text) in ("子会社", "部門", "事業", "大手", "メーカー", "企業", "「", "『")
                and not any(is_proper(x) or _LATIN.search(x.text) for x in toks[a:b])):
            continue  # 大衆薬|子会社の…, 総合金融サービス「Olive」: a kind of thing, not a name
        entry = res.by_surface.get(fold(text))
        suffix_type = res.rules.suffix_type(text)
        if entry is not None:
            etype = entry.type
        elif suffix_type and (etype != "person" or suffix_type == "company" and _corporate_word_end(text, res)):
            etype = suffix_type  # (ミナト・バイオロジクス, a person to the model: no one's name ends so)
        elif etype in ("person", "product", "place", "facility", "organization") and company_descriptor_before(toks, a, res):
            etype = "company"  # 同業ヘス, 新興企業オクロ: the descriptor says what the model could not
        elif etype == "person" and _CAPS.match(text) and not (
                (a > 0 and toks[a - 1].pos in ("SYM", "PUNCT") and toks[a - 1].text not in "、，")
                or (b < len(toks) and toks[b].pos in ("SYM", "PUNCT") and toks[b].text not in "、，。")):
            etype = "company"  # PLDT, KDDI: capital initials are not how Japanese news writes a person
        suffix_named = bool(suffix_type) and not any(  # (地方|銀行: a kind of bank, no name)
            text.endswith(sfx) and text[:-len(sfx)] in res.rules.generic_heads for sfx, _ in res.rules.suffixes)
        if suffix_type == "company" and not suffix_named and entry is None and not any(is_proper(x) for x in toks[a:b]):
            continue  # 米バイオ製薬の…, 地方銀行: a kind of company, though both models call it one (not 連邦政府)
        if not looks_like_name(toks, a, b, etype, res, agreed or entry is not None or suffix_named):
            continue
        inside = _inside_tail(text, res) if etype == "place" and entry is None else ""
        if etype == "person" and b == a + 1 and "人名" in toks[a].tag and entry is None:
            # トランプ大統領 (one word to Sudachi): the person is トランプ, the title is no part of the name
            inside = max((x for x in res.rules.titles if text.endswith(x) and len(text) - len(x) >= 2), key=len,
                         default="")
        if inside == text:
            continue  # 道内, 県内: "within the prefecture", no place named
        c = Candidate(sent.index, a, b, etype, entry.canonical if entry else text[:len(text) - len(inside)], source,
                      detail, dotted=any(t.text in ("・", "･") for t in toks[a:b]))
        if inside:  # 日本国内 (one word to Sudachi): the place is 日本
            c.char_start, c.char_end = toks[a].start, toks[b - 1].end - len(inside)
            if (e := res.by_surface.get(fold(c.name))) is not None:
                c.name = e.canonical
        if country:
            c.attrs["country"] = country
        if etype in ("company", "product", "organization", "facility") and entry is None and any(
                all(_is_katakana(t) for t in toks[k:b]) and (e := res.by_surface.get(fold(nfkc(_text(toks, a, k)))))
                is not None and e.type == "company" for k in range(a + 1, b)):
            c.attrs["extends"] = "1"  # a known company's name and katakana after it: 東北電力ネットワーク
            if etype != "company" and nfkc(toks[b - 1].text).endswith(_SUBSIDIARY_TAILS):
                c.type = "company"  # (北海道電力ネットワーク, a 'product' to GiNZA: a subsidiary; not 日産リーフ)
        out.append(c)
    return out


# ------------------------------------------------------------------ choosing

def _overlaps(c: Candidate, taken: list[Candidate]) -> bool:
    return any(c.start < t.end and t.start < c.end for t in taken)


def _priority(c: Candidate, cands: list[Candidate]) -> int:
    p = PRIORITY.get(c.source, 0)
    if c.source == "suffix" and c.detail == "沖":
        return PRIORITY["dict"] + 1  # 秋田県|沖: the sea off the place, not the place
    if (c.source in ("kgner", "ginza", "suffix", "enum") and c.type in ("agency", "organization", "event", "facility")
            or c.source == "slot") and any(
            d.source == "dict" and d.type == "place" and c.start == d.start and d.end < c.end
            and not any(e.source == "dict" and e.start == d.end and e.end == c.end for e in cands)
            for d in cands):
        # a place naming something bigger is part of its name: インド軍, 台湾シリーズ, 堺市立浜寺中学校
        return PRIORITY["dict"] + 1
    if (c.source in ("suffix", "acronym", "descriptor") and c.type in ("company", "organization", "agency", "facility")
            or c.source in ("tech", "bracket", "named")):
        # a longer official name beats the dictionary's shorter one: 東京電力 < 東京電力ホールディングス
        if any(d.source == "dict" and c.start <= d.start and d.end <= c.end and d.length < c.length
               and (c.source != "tech" or d.type == "technology") for d in cands) and not any(
                d.source == "dict" and (d.start, d.end) == (c.start, c.end) for d in cands):
            p = PRIORITY["dict"] + 1  # (but オープン|AI is the dictionary's company, not a kind of AI)
    if (c.attrs.get("extends") or c.source == "prefix" and c.type == "company" and "・" in c.name) and any(
            d.source == "dict" and d.type == "company" and d.start == c.start and d.end < c.end for d in cands) and not any(
            d.source == "dict" and d.start == c.start and d.end > c.end for d in cands):  # (not over a longer known name)
        # (豪|マッコーリー・アセット・マネジメント: a company named after its group, past a country prefix)
        p = PRIORITY["dict"] + 1  # 東北電力|ネットワーク: the model's longer company name over the dictionary's
    if c.source == "slot" and any(d.source == "dict" and d.type == "technology" and c.start < d.start and d.end <= c.end
                                  for d in cands):
        p = PRIORITY["dict"] + 1  # 共同出資する安比|地熱: a company named after its field
    if c.source in ("kgner", "ginza") and c.dotted and c.type in ("company", "organization", "product"):
        # a joint name over two dictionary names: ソニー・ホンダモビリティ
        if sum(1 for d in cands if d.source == "dict" and c.start <= d.start and d.end <= c.end) >= 2:
            p = PRIORITY["dict"] + 1
    return p


def split_places(cands: list[Candidate], res: Resources) -> None:
    """広島県福山市 -> 広島県 + 福山市: a place that starts with a dictionary place is cut after it
    when the rest is a place name of its own (not 北欧 + 諸国)."""
    for c in cands:
        if c.source == "dict" or (c.type != "place" and c.source not in ("kgner", "ginza")):
            continue
        for d in cands:
            rest = c.name[len(d.name):] if c.name.startswith(d.name) else ""
            if not (d.source == "dict" and d.type == "place" and d.start == c.start and d.end < c.end and len(rest) >= 2):
                continue
            if c.type == "place" and res.rules.suffix_type(rest) == "place":
                c.start = d.end
                c.name = rest
                break
            if d.name.endswith(("州", "省")) and _KATAKANA.match(rest) and len(rest) >= 3:
                # ケンタッキー州ボーリンググリーン, サウスカロライナ州フローレンス (a person to the models): a city of
                # the state
                c.start, c.name, c.type = d.end, rest, "place"
                break


def select(cands: list[Candidate], res: Resources) -> list[Candidate]:
    """Non-overlapping candidates: higher source priority first, then longer spans."""
    split_places(cands, res)
    order = sorted(cands, key=lambda c: (-_priority(c, cands), -c.length, c.start, c.end))
    taken: list[Candidate] = []
    for c in order:
        if not _overlaps(c, taken):
            taken.append(c)
    return sorted(taken, key=lambda c: (c.start, c.end))


def type_acronym_pairs(cands: list[Candidate], sent: Sentence, res: Resources, model: list[Candidate]) -> None:
    """Give both halves of an acronym pair one type: dictionary, suffix, model, else technology."""
    by_pair: dict[tuple[int, int], Candidate] = {}
    for c in cands:
        if c.source == "acronym":
            by_pair[(sent.tokens[c.start].start, sent.tokens[c.end - 1].end)] = c
    for c in cands:
        if c.source != "acronym" or c.type:
            continue
        s, e = (int(x) for x in c.attrs["pair"].split("-"))
        partner = by_pair.get((s, e))
        long_c = c if c.detail == "long" else partner  # the long half of the pair (None: not found)
        etype = None
        for x in (c, partner):
            if x is None:
                continue
            entry = res.by_surface.get(fold(x.name))
            if entry:
                etype = entry.type
                if x is c:
                    c.name = entry.canonical
                break
        if etype is None and c.detail == "long":
            etype = res.rules.suffix_type(c.name)
        if etype is None and partner is not None and partner.detail == "long":
            etype = res.rules.suffix_type(partner.name)
        if etype is None:
            # サービス「Olive（オリーブ）」, 新会社「X（略称）」: a name in brackets is what the noun before them says
            # (the model calls a new company's foreign name a product)
            named = next((d for d in cands if d.source in ("bracket", "named") and d.type
                          and any(x is not None and d.start <= x.start and x.end <= d.end + 3 for x in (c, partner))),
                         None)
            if named is not None:
                etype = named.type
        if etype is None:
            # コンテナ船会社オーシャン・ネットワーク・エクスプレス（ONE）: a descriptor's name ends the long half
            if long_c is not None:
                inner = next((d for d in cands if d.source == "descriptor" and d.end == long_c.end
                              and long_c.start < d.start), None)
                if inner is not None:
                    etype = inner.type
                    long_c.start, long_c.name = inner.start, inner.name
        if etype is None:
            # 傘下のARCALIS（アルカリス）: what a descriptor or a slot says of either half exactly (before the models, which
            # call 特殊鋼メーカー、サイアム・スペシャル・スチール(SSS) an event)
            same = next((d for d in cands if d.source in ("descriptor", "slot")
                         and d.type in ("company", "organization", "agency", "product")
                         and any(x is not None and (d.start, d.end) == (x.start, x.end) for x in (c, partner))), None)
            if same is not None:
                etype = same.type
        if etype is None:
            if long_c is not None:
                for m in model:
                    if m.start <= long_c.start and long_c.end <= m.end and m.type not in ("amount",):
                        # ゴトウ・オフショアウィンド（GOW）: no one is given an acronym; a name the model takes for a
                        # foreign person's is a company's when the text defines an acronym for it
                        etype = "company" if m.type == "person" else m.type
                        break
        if etype is None:
            if long_c is not None and res.rules.techhead(long_c.name):
                etype = "technology"
        c.type = etype or ""  # an untyped pair (株式公開買い付け（TOB）) is not an entity
        if partner is not None and not partner.type:
            partner.type = c.type
        if c.detail == "long" and c.type == "company":
            a, _b, country = strip_country(sent.tokens, c.start, c.end, res, c.type)
            if country:  # 仏アルカテル・サブマリン・ネットワークス（ASN）: the country is no part of the name
                c.start, c.name = a, nfkc(_text(sent.tokens, a, c.end))
                c.attrs = {**c.attrs, "country": country}
                if partner is not None:
                    partner.attrs = {**partner.attrs, "pair": f"{sent.tokens[a].start}-{sent.tokens[c.end - 1].end}"}


#: sources that name something reliably enough for its other occurrences in the article to count
_ECHO_SOURCES = ("dict", "acronym", "bracket", "suffix", "descriptor", "slot", "title", "prefix", "enum")
_ECHO_TYPES = ("company", "organization", "agency", "person", "product", "facility")


def _unpaired(attrs: tuple[tuple[str, str], ...]) -> tuple[tuple[str, str], ...]:
    """A mention's attributes for another mention of the same name: the acronym pair was the first one's."""
    return tuple((k, v) for k, v in attrs if k != "pair")


#: the corporate word a company's name ends on, which the text drops after the first mention
_CORPORATE_TAILS = ("セラピューティクス", "テクノロジーズ", "テクノロジー", "マテリアルズ", "ホールディングス",
                    "コーポレーション", "インダストリーズ", "エナジー", "パートナーズ", "ファーマシューティカルズ",
                    "バイオサイエンシズ", "システムズ", "ネットワークス", "ソリューションズ", "キャピタル")
#: the kind words ending a Japanese company's name, whose stem alone is the company's short name later on
#: (小野薬品工業 … 小野は, 塩野義製薬 … 塩野義が)
_KANJI_CORPORATE_TAILS = ("薬品工業", "製薬", "化学工業", "重工業", "製作所", "電機", "商事", "物産", "興産")
_KANJI_STEM = re.compile(r"^[\u4e00-\u9fff]{2,3}$")
#: a kanji word before a katakana rest of three or more (北辰|リソテック), a company's short name later on
_KANJI_LEAD = re.compile(r"^([\u4e00-\u9fff]{2,3})[\u30a1-\u30fc]{3,}$")


def echo_mentions(article: Article, sentences: list[Sentence], found: list[Mention], res: Resources
                  ) -> list[Mention]:
    """One name, one thing, within an article: a name found once by a reliable source (GOは…運営するGO,
    a descriptor's 新興企業X) is a mention wherever else the article writes it as whole tokens, even where
    no rule fired (GOは東京都江東区に…を新設し)."""
    names: dict[str, Mention] = {}
    for m in found:
        if m.type in _ECHO_TYPES and m.source.split(":")[0] in _ECHO_SOURCES and len(m.text.strip()) >= 2:
            names.setdefault(m.text, m)
    short: set[str] = set()
    leads: set[str] = set()  # short names that are a kanji word before katakana
    for text, m in list(names.items()):
        head, _, tail = text.rpartition("・")
        first = text.split("・")[0]
        stem = next((text[:-len(t)] for t in _KANJI_CORPORATE_TAILS if text.endswith(t)), "")
        lead = _KANJI_LEAD.match(text)
        if m.type != "company" or not (head or _KANJI_STEM.match(stem) or lead):
            continue
        for part in (head if tail in _CORPORATE_TAILS and len(head) >= 3 else "",
                     first if len(first) >= 4 and _KATAKANA.match(first) else "",
                     stem if _KANJI_STEM.match(stem) else "",
                     lead.group(1) if lead else ""):  # 北辰リソテック … 北辰は: the kanji word before the katakana
            # セルフォージ・セラピューティクス … セルフォージは: the name without its corporate word, later on;
            # ノースリッジ・アナログ・デバイセズ … ノースリッジは: its first word, unless that word is known as
            # something else (テキサス・インスツルメンツ is no テキサス)
            if part and res.by_surface.get(fold(part)) is None and (part not in names or names[part].name == part):
                # (a part found on its own by a reliable source keeps that mention and its guesses' shelter)
                short.add(part)
                if lead and part == lead.group(1):
                    leads.add(part)
                names[part] = Mention(m.article, m.start, m.start + len(part), part, m.type, m.name, m.source,
                                      m.sentence, m.attrs)
    if not names:
        return []
    longest = max(len(n) for n in names)
    # (a technology word inside a company's name gives way to it: ミナト|パワーデバイス after ミナトパワーデバイス（名古屋市）;
    # so does a model's guess at a shorter piece of it: 檜山オフショア|ウインド after 事業会社「檜山オフショアウインド」)
    guesses = [m for m in found if m.source.split(":")[0] in ("ginza", "kgner")]
    def inside_name(m: Mention, kinds: tuple[str, ...] = ()) -> bool:
        """``m`` is a piece of a longer name the article gave (of one of ``kinds``, when given) written right here."""
        return any(n != m.text and m.text in n and (not kinds or names[n].type in kinds) and any(
            article.text.startswith(n, k) for k in range(max(0, m.end - len(n)), m.start + 1)) for n in names)

    # (nor does a dictionary's company or a place glued into a company the article named: 大阪ガス|USA after
    # 米子会社の大阪ガスUSA)
    taken = {(m.sentence, i) for m in found if m.type != "technology" and m not in guesses and not (
        m.type in ("company", "place") and inside_name(m, ("company",))) for i in range(m.start, m.end)}
    taken |= {(m.sentence, i) for m in guesses if m.text not in short and not inside_name(m)
              for i in range(m.start, m.end)}
    inner = {(m.sentence, m.start, m.end) for m in found if m.type == "technology"}
    out: list[Mention] = []
    for sent in sentences:
        toks = sent.tokens
        for a in range(len(toks)):
            spans = [(b, article.text[toks[a].start:toks[b].end]) for b in range(a, min(len(toks), a + 8))]
            for b, text in reversed(spans):  # the longest name first (大阪ガスUSA, not 大阪ガス|USA)
                m = names.get(text) if len(text) <= longest else None
                if m is None:
                    continue
                if text in short and b + 1 < len(toks) and nfkc(toks[b + 1].text) in res.rules.titles:
                    continue  # (小野氏: a person of that name, not 小野薬品工業)
                if text in leads and any("地名" in toks[k].tag for k in range(a, b + 1)):
                    continue  # (瀬戸内の製油所: a place, though 瀬戸内アンモニアターミナル begins with it)
                if any((sent.index, i) in taken for i in range(toks[a].start, toks[b].end)) or any(
                        s == sent.index and (st < toks[a].start < en or st < toks[b].end < en) for s, st, en in inner):
                    continue  # (nor does one that only overlaps it; a shorter name may still be free)
                out.append(Mention(article.id, toks[a].start, toks[b].end, text, m.type, m.name, "echo:" + m.source,
                                   sent.index, _unpaired(m.attrs)))
                taken.update((sent.index, i) for i in range(toks[a].start, toks[b].end))
                break
    return out


def split_dotted(found: list[Mention]) -> list[Mention]:
    """日本交通・GOと合弁: a ・-joined name whose every part the article names on its own elsewhere is a list of
    those names (a name with a ・ of its own, カイロス・パワー, has no such parts)."""
    named = {m.text: m for m in found if "・" not in m.text}
    out: list[Mention] = []
    for m in found:
        parts = m.text.split("・")
        if len(parts) < 2 or not all(len(p) >= 2 and p in named for p in parts) or m.source.startswith("descriptor"):
            # (インド子会社のエスコーツ・クボタ: what a descriptor names is one company)
            out.append(m)
            continue
        at = m.start
        for p in parts:
            other = named[p]
            out.append(Mention(m.article, at, at + len(p), p, other.type, other.name, "split:" + m.source,
                               m.sentence, _unpaired(other.attrs)))
            at += len(p) + 1
    return out


def one_type_per_name(found: list[Mention]) -> list[Mention]:
    """「RK-418」 named by its category noun once is a product wherever a model alone calls it a company in the same
    article: a model's type gives way to a reliable source's for the same name (the relations read mention types)."""
    reliable: dict[str, tuple[int, str]] = {}
    for m in found:
        rank = PRIORITY.get(m.source.split(":")[0], 0)
        if rank >= PRIORITY["descriptor"] and m.type in _ECHO_TYPES and rank > reliable.get(nfkc(m.text), (0, ""))[0]:
            # (a dictionary, a bracket's category, a suffix, a descriptor or a seat's gloss, a title: not a slot's guess)
            reliable[nfkc(m.text)] = (rank, m.type)
    out = []
    for m in found:
        t = reliable.get(nfkc(m.text), (0, ""))[1]
        if t and t != m.type and m.source.split(":")[0] in ("kgner", "ginza") and m.type != "amount":
            m = Mention(m.article, m.start, m.end, m.text, t, m.name, m.source, m.sentence, m.attrs)
        out.append(m)
    return out


def defined_names(article: Article, found: list[Mention]) -> list[Mention]:
    """大塚製薬株式会社（本社：東京都千代田区、以下「当社」）: the name a text defines with 以下「X」 inside a body's
    parenthesis is that body's (当社 and ジーノミクス are no products); its later uses follow through the echo pass."""
    out: list[Mention] = []
    defined: dict[str, Mention] = {}
    for m in found:
        if m.source == "bracket:以下":
            owners = [o for o in found if o.sentence == m.sentence and o.end <= m.start and o.type in _DEFINERS
                      and any(c in article.text[o.end:m.start] for c in "（(") and m.start - o.end <= 60]
            if owners:
                m = replace(m, type=owners[-1].type, name=owners[-1].name)
                if m.text not in OWN_COMPANY_WORDS:
                    defined.setdefault(m.text, m)
        out.append(m)
    # (…株式会社（以下「東都タクシー」）… 東都タクシーが49%を出資: every later use of the defined name is that body)
    return [replace(m, type=defined[m.text].type, name=defined[m.text].name)
            if m.text in defined and m.name != defined[m.text].name and m.start > defined[m.text].start
            and m.type in _DEFINERS else m for m in out]


_DEFINERS = ("company", "organization", "agency")
#: how a company's own text calls it (以下「当社」): read by the relations' reference rules, not renamed here
OWN_COMPANY_WORDS = ("当社", "弊社", "わが社", "我が社")


def surnames_titled(article: Article, found: list[Mention], res: Resources) -> list[Mention]:
    """桐生智哉社長 … 桐生社長は: a model's place or company that is the surname of a person the article named before,
    with a title after it, is that person (Sudachi knows 桐生 as a city)."""
    people: list[str] = []
    out = []
    for m in found:
        if (m.type != "person" and m.source.split(":")[0] in ("kgner", "ginza") and len(m.text) >= 2
                and article.text[m.end:m.end + 4].startswith(tuple(res.rules.titles))
                and len({p for p in people if p.startswith(m.text) and len(p) > len(m.text)}) == 1):
            m = replace(m, type="person")
        elif m.type == "person" and _KANJI.match(m.text):
            people.append(m.text)
        out.append(m)
    return out


#: a name given to a thing first written of by its kind: 発電所の名称は「X」, 「X」と命名した
_NAMED_AS = re.compile(r"名称は「([^」]{2,40})」|「([^」]{2,40})」と(?:命名|名付け)")


def named_later(article: Article, sentences: list[Sentence], found: list[Mention], res: Resources
                ) -> list[Mention]:
    """木質バイオマス発電所を建設する。…発電所の名称は「川内グリーンバイオマス発電所」: the plant a text first writes of
    by its kind (a noun compound ending with the name's suffix, with no name in it) is the one it names later; so
    is its bare kind (発電所のボイラーを受注) after the naming. One name a kind per article."""
    out: list[Mention] = []
    kinds: set[str] = set()
    for sent in sentences:
        for mt in _NAMED_AS.finditer(sent.text):
            g = 1 if mt.group(1) else 2
            at = sent.start + mt.start(g)
            x = next((m for m in found if m.start == at and m.end == sent.start + mt.end(g)
                      and m.type in ("facility", "product")), None)
            kind = next((sfx for sfx, t in res.rules.suffixes if x is not None and x.text.endswith(sfx)
                         and len(x.text) > len(sfx) and t == x.type), "")
            if not kind or kind in kinds:
                continue
            kinds.add(kind)
            for other in sentences:
                toks = other.tokens
                for t in toks:
                    if nfkc(t.text) != kind or other.start <= at < other.end:
                        continue
                    a = t.i
                    while (other.index < sent.index and a > 0 and toks[a - 1].pos == "NOUN" and not is_proper(toks[a - 1])
                           and toks[a - 1].text not in res.rules.stopmods and t.i - a < 4):
                        a -= 1  # (木質|バイオマス|発電所: the kind written in full before the naming)
                    if other.index > sent.index and (a != t.i or (t.i > 0 and toks[t.i - 1].pos in ("NOUN", "PROPN"))):
                        continue  # after the naming only the bare kind (not 火力発電所, 同発電所) is the named one
                    if other.index < sent.index and a == t.i and t.i > 0 and toks[t.i - 1].pos in ("NUM", "PROPN"):
                        continue
                    start, end = toks[a].start, t.end
                    if any(m.start < end and start < m.end and m.type != "technology" for m in found):
                        continue
                    out.append(Mention(article.id, start, end, article.text[start:end], x.type, x.name,
                                       "later:" + kind, other.index, ()))
    return out


def extract_mentions(article: Article, sentences: list[Sentence], res: Resources) -> list[Mention]:
    out = one_type_per_name(held_apart(article, split_dotted(defined_names(
        article, _sentence_mentions(article, sentences, res)))))
    out = surnames_titled(article, out, res)
    later = named_later(article, sentences, out, res)
    if later:  # (木質バイオマス発電所, a kind of plant, is the plant named later)
        out = sorted([m for m in out if not any(n.start < m.end and m.start < n.end for n in later)] + later,
                     key=lambda m: (m.start, m.end))
    echoes = echo_mentions(article, sentences, out, res)
    if echoes:  # technology words (and a model's shorter guesses) inside an echoed name are part of it
        out = [m for m in out if not any(
            e.sentence == m.sentence and e.start <= m.start and m.end <= e.end for e in echoes)]
    return sorted(out + echoes, key=lambda m: (m.start, m.end)) if echoes else out


#: what stands between a group and its operating company: レゾナック・ホールディングス傘下のレゾナック
_UNDER = re.compile(r"^(?:傘下の|の子会社の|子会社の|の事業会社の|の中核子会社の|の完全子会社の)$")


def held_apart(article: Article, mentions: list[Mention]) -> list[Mention]:
    """A dictionary may give a holding company's short name as its alias (レゾナック for レゾナック・ホールディングス);
    when the article puts the short name under the long one, the short name is the operating company: its
    mentions in this article keep their own name."""
    split: set[tuple[str, str]] = set()  # (short surface, the canonical name it no longer means)
    for m1, m2 in zip(mentions, mentions[1:], strict=False):
        if (m1.name == m2.name and m1.type == m2.type and nfkc(m1.text) != nfkc(m2.text)
                and _UNDER.match(article.text[m1.end:m2.start])):
            split.add((nfkc(m2.text), m1.name))
    if not split:
        return mentions
    return [replace(m, name=nfkc(m.text)) if (nfkc(m.text), m.name) in split else m for m in mentions]


def _sentence_mentions(article: Article, sentences: list[Sentence], res: Resources) -> list[Mention]:
    out: list[Mention] = []
    for sent in sentences:
        if not sent.tokens:
            continue
        model = model_candidates(sent, res)
        acr = acronym_candidates(sent, res)
        cands = (dictionary_candidates(sent, res) + amount_candidates(sent) + acr + glued_candidates(sent, res)
                 + bracket_candidates(sent, res)
                 + enumeration_candidates(sent, res) + suffix_candidates(sent, res) + title_candidates(sent, res)
                 + descriptor_candidates(sent, res) + seat_candidates(sent, res) + copula_candidates(sent, res)
                 + prefix_candidates(sent, res)
                 + state_city_candidates(sent, res) + offshore_candidates(sent) + nationality_candidates(sent, res)
                 + slot_candidates(sent, res)
                 + tech_candidates(sent, res) + band_candidates(sent) + latin_kana_candidates(sent, res)
                 + model)
        cands += coordinated_candidates(sent, cands, res)
        type_acronym_pairs(cands, sent, res, model)
        chosen = select(cands, res)
        for c in chosen:
            if c.type == "place" and c.name in PREFECTURES and any(
                    d.type == "place" and d.start == c.end and d.name.endswith(("市", "町", "村")) for d in chosen):
                continue  # 福島県|郡山市: the prefecture is part of the city's address, not a place of its own here
            if c.char_start is not None:
                a, b = c.char_start, c.char_end
            else:
                a, b = sent.tokens[c.start].start, sent.tokens[c.end - 1].end
                first = sent.tokens[c.start]
                if (c.type in ("company", "organization", "product", "person") and c.source != "dict"
                        and len(first.text) > 2 and first.text[0] in GLUED_COUNTRIES
                        and re.match(r"[\u30a0-\u30ffA-Za-zＡ-Ｚａ-ｚ]", first.text[1])):
                    a += 1  # 米ゼネラル|・モーターズ read as one word: the country is not part of the name
                    c.attrs.setdefault("country", res.rules.countries.get(first.text[0], ""))
                    if c.name[:1] == first.text[0]:
                        c.name = c.name[1:]
            unit = _unit_after(sent.tokens, c.end) if c.type == "facility" and c.char_start is None else c.end
            edition = _edition_before(sent.tokens, c.start) if c.type == "event" and c.char_start is None else c.start
            if unit > c.end or edition < c.start:
                # 志賀原子力発電所|2|号機, 2012年|ロンドンオリンピック: the unit or the edition is part of the name
                a, b = sent.tokens[edition].start, sent.tokens[unit - 1].end
                c.name = nfkc(article.text[a:b])
            text = article.text[a:b]
            if (c.type == "company" and c.source != "dict" and len(text) > 2 and text.endswith("社")
                    and re.match(r"[\u30a1-\u30faー A-Za-zＡ-Ｚａ-ｚ]", text[-2])):
                # 米カイト社: "the company Kite", the name is カイト (the mention keeps its words: the parse's)
                c.name = c.name[:-1] if c.name.endswith("社") else c.name
            if c.type == "place" and text.endswith("子") and article.text.startswith("会社", b):
                continue  # 米子|会社 is 米 + 子会社, not the city of 米子
            if not text.strip() or not c.type:
                continue
            if article.text[a - 1:a] in ("（", "(") and (
                    _WARD_GLOSS.match(nfkc(text)) and article.text[b:b + 1] in ("）", ")", "、")
                    or c.type == "place" and (close := article.text.find("）", b, b + 8)) > 0
                    and _WARD_GLOSS.match(nfkc(article.text[a:close]))):
                continue  # X（東京・港）: the ward of a company's seat, said in passing (or its city: 東京 in （東京・千代田）)
            if fold(c.name) in res.rules.umbrella:
                continue  # a whole field (半導体, AI) or a kind of business (CDMO), not a thing one can point at
            if (c.type in ("company", "organization") and c.source not in ("dict", "suffix", "acronym")
                    and nfkc(text).endswith(RANK_WORDS)):
                continue  # 米カテーテル新興, ビール最大手: a description of a company, not its name
            if c.source != "dict" and _kind_before_name(sent, c, cands):
                continue  # 技術研究組合|HySTRA: common nouns glued before a name say what it is
            source = f"{c.source}:{c.detail}" if c.detail else c.source
            glued = _GLUED_PAIR.fullmatch(text)
            if glued:
                # Sudachi knows some 長い名前（略称） as one word (本田技研工業（ホンダ）): two mentions, one entity
                out.extend(_split_pair(article, a, glued, c, source, sent.index, res))
                continue
            attrs = tuple(sorted((k, v) for k, v in c.attrs.items() if k != "extends"))
            name = c.name or nfkc(text)
            out.append(Mention(article.id, a, b, text, c.type, city_name(name) if c.type == "place" else name, source,
                               sent.index, attrs))
    return out


_GLUED_PAIR = re.compile(r"([^（(]{2,})[（(]([^）)]{1,20})[）)]")
#: Japan's 47 prefectures: Sudachi reads 宮城県石巻市 as one word, and the city is the place's name
PREFECTURES = (
    "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県", "埼玉県", "千葉県",
    "東京都", "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県", "岐阜県", "静岡県", "愛知県", "三重県",
    "滋賀県", "京都府", "大阪府", "兵庫県", "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県",
    "香川県", "愛媛県", "高知県", "福岡県", "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県")
_PREFECTURE_CITY = re.compile(r"^(?:" + "|".join(PREFECTURES) + r")(?:[^郡]{1,4}郡)?(.{1,8}?[市町村])$")


def city_name(name: str) -> str:
    """宮城県石巻市 -> 石巻市, 北海道釧路市 -> 釧路市: a municipality is named without its prefecture (the written
    form stays the mention's text, so it is an alias of the node)."""
    m = _PREFECTURE_CITY.match(name)
    return m.group(1) if m and len(m.group(1)) >= 2 else name


def _kind_before_name(sent: Sentence, c: Candidate, cands: list[Candidate]) -> bool:
    """A body's kind in common nouns right before a Latin or katakana name: 技術研究組合HySTRA."""
    toks = sent.tokens
    if c.type not in ("company", "organization") or c.char_start is not None or c.end >= len(toks):
        return False
    if not all(t.tag.startswith("名詞-普通名詞") for t in toks[c.start:c.end]):
        return False
    nxt = toks[c.end]
    return bool(_LATIN.match(nxt.text) or _is_katakana(nxt)) and any(
        d.start == c.end and d.type in ("company", "organization") for d in cands)


def glued_candidates(sent: Sentence, res: Resources) -> list[Candidate]:
    """One token 富士重工業（スバル）: a name when either half is known or tells its type."""
    out = []
    for i, t in enumerate(sent.tokens):
        g = _GLUED_PAIR.fullmatch(t.text)
        if not g:
            continue
        halves = [nfkc(g.group(1)), nfkc(g.group(2))]
        entry = next((e for e in (res.by_surface.get(fold(h)) for h in halves) if e is not None), None)
        etype = entry.type if entry is not None else res.rules.suffix_type(halves[0])
        if etype:
            out.append(Candidate(sent.index, i, i + 1, etype, nfkc(t.text), "acronym", "glued"))
    return out


def _split_pair(article: Article, a: int, glued: re.Match, c: Candidate, source: str, sentence: int,
                res: Resources) -> list[Mention]:
    spans = [(a + glued.start(1), a + glued.end(1)), (a + glued.start(2), a + glued.end(2))]
    entries = [res.by_surface.get(fold(nfkc(article.text[x:y]))) for x, y in spans]
    etype = next((e.type for e in entries if e is not None), c.type)
    out = []
    for k, (x, y) in enumerate(spans):
        ox, oy = spans[1 - k]
        attrs = tuple(sorted({**c.attrs, "pair": f"{ox}-{oy}"}.items()))
        name = entries[k].canonical if entries[k] is not None else nfkc(article.text[x:y])
        out.append(Mention(article.id, x, y, article.text[x:y], etype, name, source, sentence, attrs))
    return out
