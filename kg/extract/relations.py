"""Relations: who did what to whom, read from GiNZA's dependency parse, with their evidence.

Pure functions over an analysed sentence (plain tokens) and the mentions found in it:

* predicate frames: each predicate (a verb, a サ変 noun + する) with its arguments by case
  particle: subject (が, and the topic は/も), object (を), target (に/へ), partner (と, と共同で),
  source (から), place/means (で); passives swap subject and agent (AはBに買収された);
* light verbs carry the event of their object noun: Xの買収を発表 -> 買収する(X), 量産を目指す
  -> a plan; 断念/見送る/否定 negate it;
* coordination (AとBは, A、B、Cを, A、B、Cという4つの敷地) gives each conjunct its own relation;
* relative clauses: Aが開発したB -> (A, 開発する, B); Xを手掛けるB -> B is the subject;
* nominal relations: Aの子会社であるB, A親会社のB, A創業者のB氏, A傘下のB;
* references: 同社, 両社, 同省 and an omitted subject continuing the previous sentence's topic
  resolve to the nearest compatible antecedent (marked ``resolved``);
* negation (しない, 断念) is kept with ``negated``; plans (〜する計画, 〜を目指す) with ``modality``;
* amounts become arguments with their value; a noun-predicate chain keeps the meaningful noun
  (設備投資額を140億ドルに増やす -> 設備投資);
* 〜というXの推計 attributes the amounts of the clause to X.
"""

from __future__ import annotations

import datetime as _dt
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from kg.extract.entities import (
    COMPANY_DESCRIPTORS,
    CORPORATE_TITLES,
    EXECUTIVE_TITLES,
    OWN_COMPANY_WORDS,
    TITLE_PREFIXES,
    split_president,
)
from kg.extract.resources import Resources, nfkc
from kg.model import Article, Mention, Relation, Sentence, Token

_log = logging.getLogger("kg.extract")

#: case particle (possibly multiword) -> role of the argument it marks
CASE_ROLES = {
    "が": "subject", "は": "topic", "も": "topic", "では": "topic", "を": "object", "に": "target", "へ": "target",
    "には": "target", "にも": "target", "と": "partner", "とも": "partner", "から": "source", "からも": "source", "からは": "source", "より": "source",
    "で": "place", "でも": "place", "によって": "agent", "により": "agent", "による": "agent", "に対して": "target",
    "に対し": "target", "向けに": "target", "として": "as", "とは": "partner", "を通じて": "means",
    "を通じ": "means", "について": "about", "に関して": "about", "をめぐり": "about", "をめぐって": "about",
    "に向けて": "about", "に向け": "about", "のため": "about", "によると": "about",
}
# 三菱重工業などが出資する, A、Bらが: an open list takes the role of its particle
CASE_ROLES.update({pre + p: r for pre in ("など", "ら", "等") for p, r in list(CASE_ROLES.items())
                   if p in ("が", "は", "を", "に", "と", "も", "から", "で", "とも", "には")})
SUBJECT_ROLES = ("subject", "topic")
ARG_DEPS = {"nsubj", "obj", "obl", "iobj", "dislocated", "csubj", "nmod", "advmod"}
#: verbs whose object noun carries the event: Xの買収を発表した -> 買収する(X)
LIGHT_VERBS = {
    "発表": "", "表明": "", "決める": "", "する": "", "決定": "", "明らか": "", "行う": "", "進める": "", "始める": "", "開始": "",
    "実施": "", "手掛ける": "", "手がける": "", "担う": "", "加速": "", "強化": "", "推進": "", "急ぐ": "", "完了": "",
    "合意": "", "発表する": "", "結ぶ": "", "交わす": "", "締結": "", "目指す": "plan", "計画": "plan", "検討": "plan",
    "予定": "plan", "準備": "plan", "視野": "plan", "狙う": "plan", "模索": "plan", "協議": "plan",
    "提案": "plan", "打診": "plan", "向ける": "plan", "見込む": "plan", "申請": "plan", "求める": "plan", "増やす": "", "拡大": "",
    "強める": "", "深める": "", "与える": "", "出す": "", "延長": "", "継続": "", "再開": "", "更新": "", "断念": "negated", "見送る": "negated", "中止": "negated", "撤回": "negated", "否定": "negated",
    "打ち切る": "negated", "取りやめる": "negated", "見合わせる": "negated", "白紙": "negated", "凍結": "negated",
}
#: verbs whose partner is the other party of the act itself: AはBと提携/統合/合併する
RECIPROCAL = ("提携", "統合", "合併", "協業", "連携", "協力", "合弁", "業務提携", "資本提携", "経営統合", "共同開発",
              "協議", "交渉", "契約", "合意", "締結", "覚書", "協定", "共同")
#: what an authority or a partner hands over, which names the act of handing it (免許を交付する)
_GRANTED = {"免許", "許可", "認可", "承認", "補助金", "助成金", "交付金", "ライセンス", "権利", "販売権", "開発権",
            "特許", "株式", "新株", "社債"}
#: light verbs that say something of their own about the act noun they carry (承認を申請, 統合を協議)
_SAYING_WHAT = {"申請", "協議", "交渉", "提案", "打診", "要請"}
#: what companies do and ministries do not: an omitted subject of these is no ministry
BUSINESS_ACTS = ("提携", "開発", "調達", "生産", "供給", "買収", "出資", "販売", "導入", "採用", "量産", "設立", "契約",
                 "納入", "受注", "発売", "製造", "出荷", "委託", "発注", "運用", "運営", "開設", "建設", "上場")
#: a plant or an office: P の <site> で says where a company acts
SITE_NOUNS = ("工場", "拠点", "製錬所", "事業所", "施設", "研究所", "敷地", "本社", "プラント", "製油所", "基地",
              "センター", "製作所", "製鉄所", "号機", "号炉")
#: a version of a product, which stands for the product: Xの廉価版, Xの後継機
VERSION_NOUNS = {"新型", "廉価版", "後継機", "後継モデル", "改良版", "改良型", "最新版", "最新型", "上位版", "上位モデル",
                 "派生型", "新モデル", "次世代版", "量産型", "量産版", "普及版", "高性能版"}
#: a stake in a company: Xの株式約10%を取得 is about X
SHARE_NOUNS = {"株式", "株", "持ち分", "持分", "議決権", "発行済み株式", "全株式"}
#: how much of a thing is made or supplied: Xの生産能力を引き上げる is an act on X
CAPACITY_NOUNS = {"生産能力", "生産量", "生産体制", "供給能力", "供給量", "供給体制", "生産規模", "出荷量", "処理能力",
                  "製造能力", "量産体制"}
#: nouns for what belongs to an owner named with の: Xの製品も採用した -> X
_THINGS_OF = {"製品", "商品", "株式", "株", "事業", "部品", "サービス", "設備", "装置", "素材", "材料", "特許"}
#: predicates that carry no act of their own
_EMPTY_LABELS = {"する", "為る", "なる", "成る", "ある", "有る", "いる", "居る"}
#: nouns that say what kind of thing a copula's topic is: JICは…投資会社で, Xは…技術だ
CATEGORY_NOUNS = ("会社", "企業", "機関", "法人", "組織", "団体", "組合", "技術", "製品", "施設", "工場", "拠点", "薬", "装置")
#: Xと共同で/合弁で/共に V: X is a partner of the act
JOINTLY = {"共同", "合弁", "共", "協力", "連携", "提携", "一緒", "折半出資", "共同出資", "折半"}
#: what a person does that is a relation of its own; anything else a person "does" to a thing is
#: mostly what an executive says (島田明氏は…1000億円の売り上げを目指す考えを示した)
PERSON_PREDICATES = ("創業", "設立", "就任", "退任", "辞任", "率いる", "創設", "発明", "開発", "受賞", "会談", "買収")
#: nouns a predicate can modify to make it a plan: 〜する計画だ, 〜する方針
PLAN_NOUNS = {"計画", "方針", "予定", "考え", "意向", "構想", "見通し", "狙い", "方向", "目標", "見込み", "案"}
NEGATIVE_AUX = {"ない", "ぬ", "ず", "ん"}
#: acts of withdrawing, asserted as no relation to what is withdrawn from
WITHDRAWING = {"撤退", "撤収"}
PASSIVE_AUX = {"れる", "られる"}
#: role words of nominal relations and the direction of their triple
#: "owner": Aの子会社B -> (A, 子会社, B); "holder": A創業者のB -> (B, 創業者, A); "parent": A親会社のB -> (B, 親会社, A)
ROLE_WORDS = {
    "子会社": "owner", "完全子会社": "owner", "孫会社": "owner", "傘下": "owner", "関連会社": "owner", "グループ": "owner",
    "合弁会社": "owner", "事業会社": "owner", "日本法人": "owner", "現地法人": "owner", "米国法人": "owner",
    "中国法人": "owner", "海外法人": "owner", "欧州法人": "owner", "共同出資会社": "owner", "出資会社": "owner",
    "出資先": "owner", "投資先": "owner", "CVC": "owner", "コーポレートベンチャーキャピタル": "owner",
    "投資子会社": "owner", "販売子会社": "owner", "生産子会社": "owner",
    "親会社": "parent", "持ち株会社": "parent", "持株会社": "parent", "筆頭株主": "parent", "大株主": "parent",
    "株主": "parent",
    "創業者": "holder", "共同創業者": "holder", "会長": "holder", "社長": "holder", "CEO": "holder",
    "最高経営責任者": "holder", "副社長": "holder", "代表": "holder", "代表取締役": "holder", "CTO": "holder",
    "CFO": "holder", "COO": "holder", "最高財務責任者": "holder", "最高技術責任者": "holder", "最高執行責任者": "holder",
    "会長兼社長": "holder", "会長兼CEO": "holder", "社長兼CEO": "holder",
    "取締役": "holder", "理事長": "holder", "代表理事": "holder", "副会長": "holder", "頭取": "holder",
    "監査役": "holder", "社外取締役": "holder", "総裁": "holder", "長官": "holder", "大臣": "holder", "相": "holder",
    "発": "origin", "発スタートアップ": "origin", "発ベンチャー": "origin",
    "本部長": "holder", "事業本部長": "holder", "事業部長": "holder", "部長": "holder", "執行役員": "holder",
    "専務": "holder", "常務": "holder", "工場長": "holder", "社長CEO": "holder", "社長兼最高経営責任者": "holder",
    "学長": "holder", "所長": "holder", "教授": "holder", "名誉教授": "holder", "特任教授": "holder", "客員教授": "holder", "准教授": "holder", "研究員": "holder", "アナリスト": "holder", "シニアアナリスト": "holder",
    "チーフアナリスト": "holder", "エコノミスト": "holder", "チーフエコノミスト": "holder", "主任研究員": "holder",
    "上席研究員": "holder", "議長": "holder", "委員長": "holder", "首相": "holder", "大統領": "holder",
    "知事": "holder", "市長": "holder", "町長": "holder", "村長": "holder", "区長": "holder",
    "顧問": "holder", "技術顧問": "holder", "特別顧問": "holder", "相談役": "holder",
} | dict.fromkeys(EXECUTIVE_TITLES, "holder")
#: antecedent types of references
REFERENCES = {"同社": ("company", "organization"), "両社": ("company", "organization"), "同省": ("agency",),
              "同庁": ("agency",), "同機構": ("agency", "organization"), "同局": ("agency",),
              "同委員会": ("agency",), "同大学": ("organization",), "同工場": ("facility",),
              "同グループ": ("company",), "同行": ("company",), "同氏": ("person",), "同政府": ("agency",),
              "同研究所": ("organization", "facility"), "同発電所": ("facility",), "同国": ("place",),
              "同市": ("place",), "同州": ("place",), "同県": ("place",), "同製作所": ("facility", "company"),
              "同拠点": ("facility",), "同施設": ("facility",), "同センター": ("facility", "organization"),
              "同プラント": ("facility",), "同蓄電所": ("facility",), "同基地": ("facility",),
              "同ターミナル": ("facility",), "同鉱山": ("facility",), "同製油所": ("facility",),
              "同事業所": ("facility",), "同データセンター": ("facility",), "同連合": ("organization",), "同協会": ("organization",),
              "同チーム": ("organization",), "同銀行": ("company",), "同ファンド": ("company",),
              # things: 同薬の販売を承認, 同作 (not 同車: the car, or the system it carries?)
              "同薬": ("product",), "同剤": ("product",), "同作": ("product",), "同製品": ("product",),
              "同ワクチン": ("product",),
              # the interviewee speaking of himself in an answer (私は…の副社長を務めました)
              "私": ("person",), "わたし": ("person",)}
ACTOR_TYPES = {"company", "agency", "organization", "person"}
#: acts of taking a thing from a maker: a thing as their topic is what is taken
_TAKING_VERBS = ("発注", "採用", "購入", "調達", "導入", "委託")
#: acts of taking up a product: a bare one after a sentence on a product takes it (see adopted_thing)
_ADOPTING = ("採用", "導入", "購入")
#: the speaker's own company
OWN_COMPANY = OWN_COMPANY_WORDS
REFERENCES.update(dict.fromkeys(OWN_COMPANY, ("company", "organization")))
#: role words of a company owned by several at once (AとBの合弁会社)
JOINT_OWNED = {"合弁会社", "共同出資会社", "出資会社", "出資先", "投資先", "関連会社", "株主", "大株主"}
#: a company introduced as new (新会社「SHリチウムサイクル」) and the words that refer back to it
NEW_COMPANY_INTROS = ("新会社「", "合弁会社「", "新会社の", "合弁会社の", "新会社、", "新会社『", "合弁会社『",
                      "共同出資会社の", "共同出資会社「", "合弁会社、", "事業会社「")
#: the topic of a sentence that lists who owns how much: 出資比率は A が 40%、B が 35%
SHARE_RATIO_NOUNS = ("出資比率", "持ち株比率", "出資割合", "議決権比率", "株式保有比率")
NEW_COMPANY_REFERENCES = {"新会社", "同合弁会社", "合弁新会社", "事業会社", "同合弁", "同新会社"}  # (also 同|合弁)
#: titles and honorifics after a person's name (the parser often makes them the head)
PERSON_TITLES = {"氏", "さん", "様", "社長", "会長", "CEO", "最高経営責任者", "副社長", "首相", "大統領", "長官", "大臣",
                 "相", "知事", "市長", "町長", "村長", "区長", "議員", "教授", "名誉教授", "特任教授", "客員教授", "准教授", "博士", "代表", "理事長", "総裁", "議長", "委員長", "会長兼社長",
                 "会長兼CEO", "社長兼CEO", "創業者", "CTO", "CFO", "COO", "所長", "学長", "専務", "常務", "執行役員",
                 "取締役", "本部長", "事業本部長", "事業部長", "部長", "工場長", "最高財務責任者", "最高技術責任者",
                 "アナリスト", "シニアアナリスト", "チーフアナリスト", "エコノミスト", "チーフエコノミスト", "主任研究員",
                 "上席研究員",
                 "最高執行責任者"} | EXECUTIVE_TITLES
GLUED_COUNTRY_TOKENS = {"米", "英", "中", "韓", "独", "仏", "蘭", "豪", "印", "露", "伊", "加", "台"}
#: nouns a clause can modify without being its argument: 買収することで合意, 導入したことが分かった
FORMAL_NOUNS = {"こと", "の", "もの", "ため", "よう", "ところ", "旨", "可能性", "必要", "場合", "際", "結果", "中",
                "方針", "計画", "予定", "考え", "意向", "構想", "見通し", "狙い", "方向", "目標", "見込み", "姿勢",
                "ほか", "他"}  # (…を支払うほか、…: another act of the same actor)
_AMOUNT_NOUN_TAIL = re.compile(r"(?:額|金額|費|総額|規模|高)$")
_ENUM_LINKS = {"という", "といった", "など", "ら", "などの"}
_ARG_CASES = {"は", "が", "も", "を"}
#: nouns that compare with what the と-phrase names (Xと同規模, Xと別の, Xと同様): no partner
_COMPARED = ("同", "別", "異な", "違", "並", "同様", "互角")


@dataclass(slots=True)
class Arg:
    role: str
    token: int
    mentions: list[Mention]
    particle: str = ""
    resolved: str = ""


@dataclass(slots=True)
class Frame:
    pred: int
    label: str
    args: list[Arg] = field(default_factory=list)
    negated: bool = False
    passive: bool = False
    modality: str = ""


#: entity types whose mentions are names, never predicates
NAME_TYPES = ("company", "agency", "organization", "person", "product", "facility", "place")
_NAME_CASES = {"が", "は", "を", "に", "と", "の", "も", "から", "で", "へ"}


def _names_not_predicates(toks: list[Token], mentions: list[Mention]) -> list[Token]:
    """A name the tagger read as a verb or adjective (ペプチドリーム/ADJ|と) is a proper noun: its
    case particle makes it an argument, and it takes no arguments of its own."""
    out = list(toks)
    for m in mentions:
        if m.type not in NAME_TYPES:
            continue
        last = next((t.i for t in reversed(toks) if t.start < m.end and m.start < t.end), None)
        if last is None or last + 1 >= len(toks) or toks[last].end != m.end:
            continue
        t = toks[last]
        if t.pos in ("VERB", "ADJ") and is_predicate(t) and (
                (toks[last + 1].text in _NAME_CASES and toks[last + 1].pos == "ADP") or toks[last + 1].pos == "NOUN"):
            out[last] = t._replace(pos="PROPN")  # (レゾナック・ホールディングス/ADJ|傘下)
    return out


def _case_not_copula(toks: list[Token]) -> list[Token]:
    """横須賀リサーチパーク（YRP）で、…成功した: after a gloss the parser may read the case particle で as a copula;
    Sudachi's tag says it is a case particle, and the oblique noun it follows takes it as its case."""
    for t in toks:
        if (t.text == "で" and t.dep == "cop" and t.tag.startswith("助詞-格助詞") and t.head < t.i
                and (toks[t.head].dep == "obl" or toks[t.head].dep == "advcl" and toks[t.i - 1].text in ("）", ")"))
                and t.i + 1 < len(toks) and toks[t.i + 1].lemma not in ("ある", "有る")):
            toks[t.i] = t._replace(dep="case", pos="ADP")
            if toks[t.head].pos in ("NOUN", "PROPN"):  # (…1号機（出力50万キロワット）で、: advcl on a noun)
                toks[t.head] = toks[t.head]._replace(dep="obl")
    return toks


def _chained_not_relative(toks: list[Token]) -> list[Token]:
    """…に鋼材を供給しており、…売上高は約9億ドルだった: a clause that ends in a conjunctive form and a comma chains
    to what follows; it never modifies a noun (a relative clause ends in the attributive form, with no comma)."""
    for t in toks:
        if t.dep != "acl" or not is_predicate(t):
            continue
        last = t.i
        while last + 1 < len(toks) and toks[last + 1].dep in ("aux", "mark", "fixed"):
            last += 1  # 供給|する|て|おる
        if (last + 1 < len(toks) and toks[last + 1].text in ("、", "，")
                and (toks[last].text in ("て", "で") or "連用形" in toks[last].inflection)):
            toks[t.i] = t._replace(dep="advcl")
    return toks


def _clause_on_the_noun_after(toks: list[Token]) -> list[Token]:
    """川崎重工業と岩谷産業(VERB)、電源開発などが設立した技術研究組合HySTRAが: Japanese is head-final, so a clause
    the parser hangs on a word before it (a name the tagger read as a verb) modifies the noun that follows it."""
    for t in toks:
        if t.dep not in ("acl", "dep", "nmod") or not is_predicate(t) or t.dep == "acl" and t.head > t.i:
            continue
        last = t.i
        while last + 1 < len(toks) and toks[last + 1].head == t.i and toks[last + 1].dep == "aux":
            last += 1
        j = last + 1
        if j >= len(toks) or toks[j].pos not in ("NOUN", "PROPN"):
            continue
        if t.head > t.i:  # SBGとOpenAIが折半出資する(nmod)合弁会社SB OpenAI Japan: a clause in its attributive form
            if t.dep == "nmod" and "連体形" in toks[last].inflection:
                toks[t.i] = t._replace(dep="acl")
            continue
        while toks[j].dep == "compound" and toks[j].head > j:
            j = toks[j].head  # (技術|研究|組合: the head of the noun phrase)
        toks[t.i] = t._replace(head=j, dep="acl")
    return toks


#: verbs of announcing: Xで、…を始めると発表した says where the act happens, not where it was announced
_ANNOUNCING = {"発表", "表明", "公表", "明らか"}
#: where words are said: a place of announcing (記者会見で…と発表した)
_SPEECH_EVENTS = ("会見", "説明会", "発表会", "総会", "会合", "会議", "決算", "席", "場", "取材", "インタビュー", "声明",
                  "資料", "サイト", "ページ", "リリース", "フォーラム", "イベント", "講演", "式典")


def _site_in_quote(toks: list[Token]) -> list[Token]:
    """三隅発電所（浜田市）1号機で、…混焼を始めると発表した: the parser hangs the site on the verb of announcing;
    it is where the quoted act happens (a press conference, 記者会見で, stays where it is). Set off by its comma,
    it is not inside a relative clause that follows either (1号機で、…を置き換える「アンモニア混焼」を始める)."""
    for t in toks:
        if t.dep not in ("obl", "advcl", "nmod") or t.head <= t.i or t.pos not in ("NOUN", "PROPN"):
            continue
        case = [c for c in toks[t.i + 1:t.head] if c.head == t.i and c.dep == "case"]  # (…1号機（出力…）で、)
        if not case:
            continue
        end = case[0].i + 1
        while end < len(toks) and toks[end].dep == "fixed" and toks[end].head == case[0].i:
            end += 1  # に|つい|て: CCS事業について、…決定をしたと発表した
        marker = "".join(x.text for x in toks[case[0].i:end])
        if marker not in ("で", "について", "に関して") or end >= len(toks) or toks[end].text != "、":
            continue
        h = t.head
        noun = toks[h].head
        if toks[h].dep == "acl" and noun > h and toks[noun].dep in ("obj", "obl", "nsubj") and toks[noun].head > noun:
            h = toks[noun].head
            toks[t.i] = t._replace(head=h, dep="obl")
        if toks[h].lemma not in _ANNOUNCING or t.text.endswith(_SPEECH_EVENTS):
            continue
        quoted = [p for p in toks[t.i + 1:h] if p.head == h and p.dep == "advcl" and is_predicate(p) and any(
            c.head == p.i and c.text == "と" and c.dep in ("case", "mark") for c in toks[p.i + 1:h])]
        if quoted:
            toks[t.i] = t._replace(head=quoted[-1].i, dep="obl")
    return toks


class SentenceView:
    """Tokens, children and mentions of one sentence, indexed for the rules."""

    def __init__(self, sent: Sentence, mentions: list[Mention]) -> None:
        self.sent = sent
        self.toks = _site_in_quote(_chained_not_relative(_case_not_copula(_clause_on_the_noun_after(
            _names_not_predicates(sent.tokens, mentions)))))
        self.children: list[list[int]] = [[] for _ in self.toks]
        for t in self.toks:
            if t.head != t.i:
                self.children[t.head].append(t.i)
        # a case-marked argument hung on a noun by the parser belongs to the predicate above it
        # (マイクロソフトは…140億ドルに…急増させ: the parser hangs マイクロソフト on ドル)
        self.heads = [t.head for t in self.toks]
        for t in self.toks:
            if t.head == t.i or is_predicate(self.toks[t.head]):
                continue
            mistaken = self.toks[t.head].pos == "VERB"  # 千葉県野田市に|物流センター(VERB)「…」を建設
            also = self._case(t.i) == "と" and any(self.toks[c].text == "も" for c in self.children[t.i] if c > t.i)
            source = t.dep == "nmod" and "".join(  # AやBなどから|約30億円を調達 (not Aからの出資)
                self.toks[c].text for c in self.children[t.i] if c > t.i and self.toks[c].dep == "case"
            ) in ("から", "などから")
            # 霧島市に|出力5万|キロワット(obl>キロワット)…を建設: an oblique on a noun is the parser's slip
            stray = t.dep in ("obl", "nmod") and self._case(t.i) in ("に", "で") and self.toks[t.head].pos in (
                "NOUN", "NUM") and not self._before_no(t.i)  # (X（石川県能美市）で|300ミリの: not Xでの)
            argument = t.dep in ("nsubj", "obj", "obl", "iobj") and (
                self._case(t.i) in _ARG_CASES or also  # 米メルクとも…提携した
                or (mistaken and self._case(t.i) in ("に", "で", "と")))
            # Xは hung on a noun (東京応化工業（TOK）は…紫外線): a topic never modifies a noun; it is the topic of
            # the sentence's main predicate
            topic = t.dep in ("nmod", "compound") and self._case(t.i) == "は" and t.head > t.i and sum(
                1 if x.text == "「" else -1 if x.text == "」" else 0 for x in self.toks[:t.i]) <= 0
            # (not inside a quotation: 「Xは…」と述べた keeps its own predicate)
            # フォードはAESCと|8年の|セル調達契約: an actor's と-phrase on a noun that is no name is the act's partner
            # (not AとBの提携: B is a name, the two are coordinated)
            head = self.toks[t.head]
            partner = t.dep == "nmod" and self._case(t.i) == "と" and t.head > t.i and any(
                m.start <= t.start < m.end and m.type in ACTOR_TYPES for m in mentions) and not any(
                m.start < head.end and head.start < m.end for m in mentions) and "サ変" not in head.tag and (
                nfkc(head.text) not in JOINTLY and not self._before_no(t.i)  # (Bとの提携, Bと折半出資で)
                and not nfkc("".join(x.text for x in self.toks[t.i + 2:t.head + 1])).startswith(_COMPARED)
                and self._pair_end(t.i, mentions) < 0)  # (AとBの合弁会社: two owners of one company)
            # (トヨタと同規模の工場, 他社と別の方式: a comparison, no partner)
            # Xは、福岡県北九州市と熊本県八代市の2カ所で|…を落札 (dep>X): Japanese heads come last, so a case-marked
            # word hung on a word before it is the parser's slip
            backward = t.head < t.i and t.dep not in ("punct", "case", "fixed", "aux", "mark") and self._case(
                t.i) in ("で", "に", "を", "が", "から", "へ")
            if not (source or stray or argument or topic or partner or backward):
                continue
            up = self.toks[t.head].head
            seen = 0
            while (topic or not is_predicate(self.toks[up])) and self.toks[up].head != up and seen < 20:
                up = self.toks[up].head
                seen += 1
            if backward and not (source or stray or argument or topic or partner):
                # (the next predicate: 熊本県菊陽町に|建設した…工場の開所式を開いた is built there, not opened)
                up = next((j for j in range(t.i + 1, len(self.toks)) if is_predicate(self.toks[j])), up)
            if is_predicate(self.toks[up]) and up != t.i:
                self._move(t.i, up)
                if backward and t.dep not in ARG_DEPS:
                    self.toks[t.i] = t._replace(dep="obl", head=up)  # (an unlabelled 'dep' read as the oblique it is)
        # 日本政策投資銀行（DBJ）と三井住友銀行を中心とする: A, hung elsewhere by the parser, is B's coordinate
        for t in self.toks:
            if self._case(t.i) == "と" and any(m.start <= t.start < m.end for m in mentions):
                b = self._pair_end(t.i, mentions)
                if b > t.i and self.heads[t.i] != b and [x.text for x in self.toks[b + 1:b + 3]] == ["を", "中心"]:
                    self._move(t.i, b)
        # …のは、Pで計画する「X」だ (計画 hung back on 落札): a predicate hung on a word before it and followed by a
        # name in brackets is a clause on that name
        for t in self.toks:
            if not is_predicate(t) or self.heads[t.i] >= t.i:
                continue
            k = t.i + 1
            while k < len(self.toks) and self.toks[k].dep == "aux" and self.heads[k] == t.i:
                k += 1
            if k < len(self.toks) and self.toks[k].text in ("「", "『"):
                close = next((j for j in range(k + 1, min(k + 20, len(self.toks))) if self.toks[j].text in ("」", "』")),
                             None)
                if close is not None and close - 1 > k:
                    self._move(t.i, close - 1)
                    self.toks[t.i] = self.toks[t.i]._replace(dep="acl", head=close - 1)
        # Xと共同で、…落ちにくい磁石を開発した: 共同で set off by its comma is on the verb the clause it was hung on
        # modifies, not inside that clause
        for t in self.toks:
            h = self.heads[t.i]
            if (nfkc(t.text) in JOINTLY and t.i + 2 < len(self.toks) and self.toks[t.i + 1].text == "で"
                    and self.toks[t.i + 2].text in ("、", "，") and self.toks[h].dep in ("advcl", "acl")
                    and is_predicate(self.toks[self.heads[h]]) and self.heads[h] > h
                    and self._case(h) != "と"):  # (…を敷設すると発表した: the quoted act is the one done jointly)
                self._move(t.i, self.heads[h])
        # Xと|共同で: the と-phrase belongs to 共同 whatever the parser hung it on
        for t in self.toks:
            case = next((c for c in self.children[t.i] if c > t.i and self.toks[c].dep == "case"
                         and self.toks[c].text == "と"), None)
            j = case + 1 if case is not None else -1
            if (0 < j < len(self.toks) - 1 and self.toks[j].text in JOINTLY and self.toks[j + 1].text == "で"
                    and self.heads[t.i] != j and t.head != t.i):
                self._move(t.i, j)
        self.mentions = mentions
        self.type_of: dict[tuple[int, int], str] = {m.span: m.type for m in mentions}
        self.first_actor_subject = 1 << 30  # where the sentence's first actor subject starts
        self._quotes: list[tuple[int, int]] | None = None
        #: (actors, label, token of 中, places) of Aが…建設中の X (see in_progress)
        self.in_progress: list[tuple[list[Mention], str, int, list[Mention]]] = []
        #: (person, thing, label, role, negated, modality) of acts an executive announces for a company
        self.by_executives: list[tuple[Mention, Mention, str, str, bool, str]] = []
        self.at: dict[int, Mention] = {}
        self.head_of: dict[tuple[int, int], int] = {}
        for m in mentions:
            idx = [t.i for t in self.toks if t.start < m.end and m.start < t.end]
            if not idx:
                continue
            inside = set(idx)
            head = next((i for i in reversed(idx) if self.toks[i].head not in inside or self.toks[i].head == i), idx[-1])
            self.head_of[m.span] = head
            for i in idx:
                self.at.setdefault(i, m)
            # the title the parser makes the head of a person (ビル・ゲイツ|氏, 佐藤恒治|社長) stands for it
            nxt = idx[-1] + 1
            if nxt < len(self.toks) and self.toks[nxt].text in ("（", "("):
                close = next((k for k in range(nxt + 1, min(nxt + 12, len(self.toks)))
                              if self.toks[k].text in ("）", ")")), None)
                if close is not None:
                    nxt = close + 1  # 張忠謀（モリス・チャン）氏
            while (nxt + 1 < len(self.toks) and nfkc(self.toks[nxt].text) in TITLE_PREFIXES
                   and nfkc(self.toks[nxt + 1].text) in PERSON_TITLES | TITLE_PREFIXES):
                nxt += 1  # 宮坂力|特任|教授 (but 川島健吾|常務|は: 常務 is the title itself)
            if m.type == "person" and split_president(self.toks, nxt) and nxt not in self.at:
                self.at[nxt] = self.at[nxt + 1] = m  # 滝野十一|社|長
                if self.toks[head].head in (nxt, nxt + 1):
                    self.head_of[m.span] = nxt + 1
                nxt += 2
            if (m.type == "person" and nxt < len(self.toks) and nfkc(self.toks[nxt].text) in PERSON_TITLES
                    and nxt not in self.at):
                self.at[nxt] = m
                if self.toks[head].head == nxt:
                    self.head_of[m.span] = nxt
                nxt += 1
            if (m.type == "person" and nxt < len(self.toks) and self.toks[nxt].text == "ら" and nxt not in self.at
                    and self.toks[nxt - 1].head == nxt):
                self.at[nxt] = m  # 小西哲之名誉教授|ら|が創業した: the person, and others
            # a country prefix glued before a name (米|テスラ) stands for the name
            prev = idx[0] - 1
            if prev >= 0 and self.toks[prev].text in GLUED_COUNTRY_TOKENS and prev not in self.at:
                self.at[prev] = m
        # Xが供給する「ABF」が欠かせない: a clause in its attributive form right before a name in brackets
        # describes that name, whatever the parser made of it
        for t in list(self.toks):
            if t.dep != "advcl" or t.pos != "VERB":
                continue
            last = self.clause_end(t.i)
            named = self.mention(last + 2) if last + 2 < len(self.toks) and self.toks[last + 1].text in ("「", "『") else None
            if named is not None and "連体形" in self.toks[last].inflection and named.span in self.head_of:
                j = self.head_of[named.span]
                self._move(t.i, j)
                self.toks[t.i] = t._replace(dep="acl", head=j)
        # AとBは/が…: the parser may hang A on the predicate (as a partner); it is B's conjunct
        for m in mentions:
            a = self.head_of.get(m.span)
            if a is None or m.type not in ACTOR_TYPES or a + 2 >= len(self.toks) or self._case(a) != "と":
                continue
            k = _past_gloss(self, a)  # (国際協力銀行（JBIC）と: past the gloss)
            b = self.mention(k + 1) if k + 1 < len(self.toks) else None
            if (self.toks[k].text == "と" and b is not None and b.type in ACTOR_TYPES and b.span in self.head_of
                    and self.heads[a] != self.head_of[b.span]
                    and self.particle(self.head_of[b.span]) in ("は", "が", "も", "では")):
                self._move(a, self.head_of[b.span])
                continue
            # Aは中部電力、関西電力と原子力事業で提携を結んだ: a partner the parser hung on the noun of an oblique
            # (not AとBの提携, which is the noun's) belongs to the verb; so does Bと|合弁会社「C」を設立する's
            h = self.heads[a]
            v = self.heads[h]
            if nfkc(self.toks[h].text) in ("会社", "合弁会社", "新会社") and self.particle(h) == "" and v != h:
                h, v = v, self.heads[v]  # (合弁|会社 hangs on the name in brackets)
                if self.mention(h) is not None and self.particle(h) == "を" and v != h and self.toks[v].pos == "VERB":
                    self._move(a, v)
                    continue
            if (self.toks[k].text == "と" and self.toks[a].dep == "nmod" and self.mention(h) is None
                    and self.toks[h].pos == "NOUN" and self.particle(h) in ("で", "に") and v != h
                    and nfkc(self.toks[h].text) not in JOINTLY and "サ変" not in self.toks[h].tag
                    and self.toks[v].pos == "VERB"):
                self._move(a, v)
        # 約80億円を投じて焙焼炉を増設し、本田技研工業が…回収する電池を受け入れる: a clause chained with a comma
        # before a relative clause's own が-subject is no part of that clause; it chains to the predicate above
        for t in self.toks:
            h = self.heads[t.i]
            if (t.dep != "advcl" or not is_predicate(t) or h <= t.i or self.toks[h].dep != "acl"
                    or not any(self.toks[c].text in ("、", "，") for c in self.children[t.i] if c > t.i)
                    or not any(t.i < c < h and self._case(c) == "が" for c in self.children[h])):
                continue
            up = next((u for u in _ancestors(self, h, 7) if is_predicate(self.toks[u])), -1)
            if up > h:
                self._move(t.i, up)

    def quotes(self) -> list[tuple[int, int]]:
        """The character spans of the sentence's 「…」 quotations: brackets holding a verb (not a name's)."""
        if self._quotes is None:
            self._quotes = []
            depth, start = 0, -1
            for t in self.toks:
                if t.text == "「":
                    depth, start = depth + 1, (t.end if depth == 0 else start)
                elif t.text == "」" and depth:
                    depth -= 1
                    if depth == 0 and any(x.pos in ("VERB", "AUX") for x in self.toks if start <= x.start < t.start):
                        self._quotes.append((start, t.start))
        return self._quotes

    def _move(self, i: int, up: int) -> None:
        """Hang token ``i`` on ``up`` instead of the head it has now."""
        self.children[self.heads[i]].remove(i)
        self.children[up].append(i)
        self.children[up].sort()
        self.heads[i] = up

    def _before_no(self, i: int) -> bool:
        """Token ``i``'s case particle is followed by の (Xでの, Xへの): a noun modifier, not an oblique."""
        cases = [c for c in self.children[i] if c > i and self.toks[c].dep == "case"]
        return any(c + 1 < len(self.toks) and self.toks[c + 1].text == "の" for c in cases)

    def _case(self, i: int) -> str:
        for c in self.children[i]:
            if c > i and self.toks[c].dep == "case" and self.toks[c].pos == "ADP":
                return self.toks[c].text
        return ""

    def mention(self, i: int) -> Mention | None:
        return self.at.get(i)

    def clause_end(self, i: int) -> int:
        """The last auxiliary after predicate ``i`` (開発|し|た -> た), else ``i``: where its inflection shows."""
        return max([c for c in self.children[i] if c > i and self.toks[c].dep == "aux"] + [i])

    def _pair_end(self, i: int, mentions: list[Mention]) -> int:
        """The last token of B when token ``i`` ends the A of AとBの… or AとBを中心とする…, else -1."""
        k = next((x + 1 for x in range(i + 1, min(i + 10, len(self.toks)))
                  if self.toks[x].text == "と" and self.toks[x].head == i), i + 1)  # (past a gloss: A（略称）と)
        nxt = next((m for m in mentions if self.toks[k].start <= m.start < self.toks[k].end), None) \
            if k < len(self.toks) else None
        if nxt is None or nxt.type not in ACTOR_TYPES:
            return -1
        end = max(x.i for x in self.toks if x.start < nxt.end)
        after = [x.text for x in self.toks[end + 1:end + 3]]
        # (AとBを中心とする銀行団: A and B are its centre)
        return end if after[:1] == ["の"] or after == ["を", "中心"] else -1

    def particle(self, i: int) -> str:
        """The (possibly multiword) case particle after token ``i``: が, を, によって, と共同で ...

        A name the parser split (X|-|energy) may carry its particle on its last token."""
        parts = []
        m = self.at.get(i)
        owners = [i] + ([k for k, v in self.at.items() if v is m and k > i] if m is not None else [])
        for o in owners:
            for c in self.children[o]:
                t = self.toks[c]
                if c > o and t.dep in ("case", "mark") and (t.pos in ("ADP", "SCONJ") or t.text == "とも"):
                    parts.append(c)  # (Xとも: Sudachi may read とも as a suffix noun, the parser as its case)
            if parts:
                i = o
                break
        if not parts:
            return ""
        start = min(parts)
        out = []
        k = start
        while k < len(self.toks) and (k in parts or (self.toks[k].dep == "fixed" and self.toks[k].head in parts)
                                      or (out and self.toks[k].pos == "ADP" and self.toks[k].head == i)):
            out.append(self.toks[k].text)
            k += 1
        return "".join(out)


# ------------------------------------------------------------------ arguments

def conjuncts(view: SentenceView, i: int, seen: set[int] | None = None) -> list[Mention]:
    """The mention at token ``i`` and those coordinated with it (AとB, A、B、C, A・B)."""
    seen = seen if seen is not None else set()
    if i in seen:
        return []
    seen.add(i)
    m = view.mention(i)
    if m is None:
        return []
    out = [m]
    kids = list(view.children[i])
    # (中国のネット|大手|テンセント: the country may hang on a word of the name's compound run)
    near = kids + [g for cc in view.children[i] if cc < i and view.toks[cc].dep == "compound" for g in view.children[cc]]
    for c in near:
        # Aや食品スーパーのB: the parser hangs A on the descriptor of B
        if (c < i and view.mention(c) is None and view.particle(c) == "の"
                and nfkc(view.toks[c].text).endswith(COMPANY_DESCRIPTORS)):
            kids.extend(view.children[c])
        elif c < i and view.particle(c) == "の" and (pm := view.mention(c)) is not None and pm.type == "place":
            # 米インテルと台湾の日月光投資控股: the parser hangs A on the country of B
            kids.extend(k for k in view.children[c] if view.mention(k) is not None and view.mention(k).type == m.type)
    for c in kids:
        ct = view.toks[c]
        if ct.dep not in ("nmod", "advcl", "advmod", "conj", "compound", "appos", "obl", "nsubj", "obj") or c > i:
            continue
        cm = view.mention(c)
        if cm is None and ct.dep == "nmod" and _after(view, c) in ("と", "や") and view.particle(i) not in ("", "の"):
            # AなどのBと、Cから: what B enumerates is listed with C
            out.extend(x for x in enumerated(view, c) if x.type == m.type and x not in out)
            continue
        if cm is None or cm in out or any(is_predicate(t) and view.mention(t.i) is None for t in view.toks[c + 1 : i]):
            continue  # (A、B、Cの3社でつくる連合「X」: a clause between them, B is no conjunct of X)
        k = _past_gloss(view, view.head_of.get(cm.span, c))
        if k < len(view.toks) and view.toks[k].text in ("」", "』"):
            k += 1  # 「ワイモバイル」と「LINEMO」: past the closing bracket
        after = view.toks[k].text if k < len(view.toks) else ""
        if after in ("と", "、", "，", "や", "及び", "および", "・", "，"):
            if after == "と" and view.particle(i) in ("", "の"):
                continue  # XとYの協議: not a coordinated argument
            for x in conjuncts(view, c, seen):
                if x not in out:
                    out.append(x)
    k = _first_token(view, m.start)
    if k >= 1 and view.toks[k - 1].text in GLUED_COUNTRY_TOKENS:
        k -= 1  # …のほか、米|インテル
    place = view.mention(k - 2) if k >= 2 and view.toks[k - 1].text == "の" else None
    if place is not None and place.type == "place" and place is not m:
        k = _first_token(view, place.start)  # …のほか、韓国の|SKハイニックス
    if k >= 4 and [t.text for t in view.toks[k - 3:k]] == ["の", "ほか", "、"] and view.mention(k - 4) is not None:
        # ラピダスのほか、SKハイニックスなどへの供給: what is named besides it shares its place in the clause
        besides = view.mention(k - 4)
        if besides.type == m.type and besides not in out:
            out[:0] = [x for x in conjuncts(view, view.head_of.get(besides.span, k - 4), seen) if x not in out]
    return out


def _first_token(view: SentenceView, start: int) -> int:
    """The index of the first token starting at or after character ``start``."""
    return min(i for i, t in enumerate(view.toks) if t.start >= start)


def _last_token(view: SentenceView, m: Mention) -> int:
    """The index of the last token that starts inside mention ``m``."""
    return max(i for i, t in enumerate(view.toks) if t.start < m.end)


def _at_range(view: SentenceView, m: Mention) -> tuple[int, int]:
    """The first and last token the view gives to mention ``m`` (with a glued prefix such as 米)."""
    own = [j for j, x in view.at.items() if x is m]
    return min(own), max(own)


def listed_before(view: SentenceView, m: Mention, links: tuple[str, ...] = ("、", "，")) -> list[Mention]:
    """米グーグル、シンガポールのシングテル、フィリピンのPLDT、台湾の中華電信と: the actors listed with commas before a
    mention, each maybe with its place and の (which the parser hangs the list on)."""
    toks = view.toks
    out: list[Mention] = []
    k = _first_token(view, m.start) if m.start <= toks[-1].start else 0
    while True:
        if k >= 3 and toks[k - 1].text in GLUED_COUNTRY_TOKENS and view.mention(k - 1) is m:
            k -= 1  # 東京電力リニューアブルパワー、独|RWE
        if k >= 2 and toks[k - 1].text == "の" and view.mention(k - 2) is not None and view.mention(k - 2).type == "place":
            k = _first_token(view, view.mention(k - 2).start)  # 台湾の|中華電信
        if k >= 3 and toks[k - 1].lemma == "ある" and toks[k - 2].text == "で":
            # A、ソニーグループのCVCである|ソニーイノベーションファンド: the description is the name's, the list
            # goes on before it
            k = next((j + 1 for j in range(k - 3, max(k - 16, 0), -1) if toks[j].text in ("、", "，")), k)
        if k < 2 or toks[k - 1].text not in links:
            return out
        prev = view.mention(_before_gloss(view, k - 2))  # (日本政策投資銀行（DBJ）、: the name before its gloss)
        if prev is None or prev.type not in ACTOR_TYPES or prev in out or (
                prev.start == toks[0].start and is_headline(view)):
            return out  # (トヨタ、ホンダと提携: the headline's actor is no member)
        out.append(prev)
        k = _first_token(view, prev.start)
        if k >= 1 and toks[k - 1].text in GLUED_COUNTRY_TOKENS:
            k -= 1


def _past_gloss(view: SentenceView, i: int) -> int:
    """The index of the token after ``i``, past a parenthesis that glosses it: 宇宙航空研究開発機構（JAXA）と."""
    toks = view.toks
    k = i + 1
    if k < len(toks) and toks[k].text in ("（", "("):
        close = next((j for j in range(k + 1, min(k + 16, len(toks))) if toks[j].text in ("）", ")")), None)
        if close is not None:
            k = close + 1
    return k


def _before_gloss(view: SentenceView, j: int, default: int | None = None) -> int:
    """The index of the token before the parenthesis that token ``j`` closes (日本政策投資銀行（DBJ）: the name's last
    token); ``j`` itself (or ``default``) when ``j`` closes none."""
    toks = view.toks
    if toks[j].text not in ("）", ")"):
        return j
    return next((o - 1 for o in range(j - 1, max(j - 12, 0), -1) if toks[o].text in ("（", "(")),
                j if default is None else default)


def _after(view: SentenceView, i: int) -> str:
    """The token after ``i``, past a parenthesis that glosses it."""
    k = _past_gloss(view, i)
    return view.toks[k].text if k < len(view.toks) else ""


def enumerated(view: SentenceView, i: int) -> list[Mention]:
    """Mentions enumerated into a noun: A、B、Cという4つの敷地 / A、Bなどの企業."""
    out: list[Mention] = []
    listed: list[int] = []  # earlier members the parser hung on the noun too: A、B、Cの3社
    for c in view.children[i]:
        cm = view.mention(c)
        if cm is None or c > i:
            continue
        last = view.head_of.get(cm.span, c)
        after = _past_gloss(view, last)  # (A、B、C（略称）の3社)
        tail = "".join(t.text for t in view.toks[after : after + 2])  # (A（略称）など3行)
        counted = (after + 1 < len(view.toks) and view.toks[after].text == "の"
                   and view.toks[after + 1].pos == "NUM")  # A、B、Cの3社
        if counted or any(tail.startswith(w) for w in _ENUM_LINKS) and not tail.startswith(("などへ", "などに", "などと")):
            # (SKハイニックスなどへの供給: a party of the act, not a member of what the noun enumerates)
            for k in listed + [c]:
                out.extend(x for x in conjuncts(view, k) if x not in out)
            if counted:  # AとB（略称）の2社: A too (conjuncts keep XとYの apart)
                out[:0] = [view.mention(g) for g in view.children[last] if g < last and view.mention(g) is not None
                           and view.mention(g) not in out and view.mention(g).type in ACTOR_TYPES | {cm.type}
                           and _after(view, view.head_of.get(view.mention(g).span, g)) == "と"]
            number = nfkc(view.toks[after + 1].text) if counted else ""
            if number.isdigit() and len(out) < int(number):  # A、B、Cの3社: the parser lost A and B
                # (AとB、C、Dの4社: the first joined by と)
                out[:0] = [x for x in reversed(listed_before(view, cm, ("、", "，", "と"))) if x not in out]
            listed = []
        elif _after(view, last) in ("、", "，", "や", "と"):
            listed.append(c)
    if not out and listed and i + 1 < len(view.toks) and view.toks[i + 1].text == "など":
        # AやBなどを: B is no entity kg knows, A still is one of them
        for k in listed:
            out.extend(x for x in conjuncts(view, k) if x not in out)
    return out


def named_in_brackets(view: SentenceView, ms: list[Mention]) -> list[Mention]:
    """GPU「H100」, スーパーコンピューター「富岳」: the name in brackets stands for its category noun."""
    out = []
    for m in ms:
        k = _past_gloss(view, _last_token(view, m))  # 電気自動車(EV)「X」
        if k + 1 < len(view.toks) and view.toks[k].text in ("「", "『"):
            named = view.mention(k + 1)
            if named is not None and named is not m and named.type in ("product", "facility", "event"):
                out.append(named)
                continue
        out.append(m)
    return out


def bracket_child(view: SentenceView, i: int) -> Mention | None:
    """新薬「アイザーヴェイ」, 通信基盤「IOWN」: the name in brackets right after a category noun."""
    toks = view.toks
    k = _past_gloss(view, i)
    if k + 1 < len(toks) and toks[k].text in ("「", "『"):
        m = view.mention(k + 1)
        if m is not None:
            return m
    return None


def arg_mentions(view: SentenceView, i: int) -> list[Mention]:
    """The entities an argument token stands for: itself and its conjuncts, or what it enumerates."""
    found = conjuncts(view, i)
    case = min((c for c in view.children[i] if c > i and view.toks[c].dep == "case"), default=-1)
    if case > 0 and not any(m.type in ACTOR_TYPES for m in found) and nfkc(view.toks[i].text) not in REFERENCES:
        # 人工知能(AI)開発企業コヒア(Cohere)と: the parser made the first noun of the run its head; the name that
        # ends the run is what the particle marks
        for c in view.children[i]:
            m = view.mention(c)
            if (c > i and view.toks[c].dep == "compound" and m is not None and m.type in ACTOR_TYPES
                    and _past_gloss(view, view.head_of.get(m.span, c)) == case):
                return [m]
    if found:
        return named_in_brackets(view, found)
    named = bracket_child(view, i)
    if named is not None:
        return [named]
    t = view.toks[i]
    if "助数詞" in t.tag and i >= 2 and view.toks[i - 1].pos == "NUM":
        # 液化CO2輸送船|2|隻を発注: what is counted is the argument
        m = view.mention(i - 2)
        if m is not None and m.type in ("technology", "product") and view.toks[i - 2].end == view.toks[i - 1].start:
            return [m]
    for c in view.children[i]:
        # AとBを中心とする銀行団から: the group is the companies at its centre
        if c < i and view.toks[c].dep == "acl" and view.toks[c].lemma in ("する", "為る") and any(
                nfkc(view.toks[g].text) == "中心" and view.particle(g) == "と" for g in view.children[c]):
            members = [m for g in view.children[c] if view.particle(g) in ("を", "などを") for m in conjuncts(view, g)
                       if m.type in ACTOR_TYPES]
            if members:
                return members
    if nfkc(t.text) in VERSION_NOUNS:
        # 「F-150ライトニング」の廉価版に搭載: a version of a product is that product
        versioned = [m for m in of_mention(view, i) if m.type in ("product", "technology")]
        if versioned:
            return versioned
    return enumerated(view, i)


def of_mention(view: SentenceView, i: int) -> list[Mention]:
    """Entities attached with の to a noun: Xの買収 -> X (and the conjuncts of X)."""
    out: list[Mention] = []
    for c in view.children[i]:
        if view.toks[c].dep not in ("nmod", "compound") or c > i:
            continue
        if view.particle(c) not in ("の", "", "への", "との", "による", "などの") and view.toks[c].dep != "compound":
            continue
        if view.mention(c) is not None:
            out.extend(x for x in named_in_brackets(view, conjuncts(view, c)) if x not in out and x.type != "place")
            # AとBの共同提案: A owns it too (conjuncts keeps XとYの apart)
            out.extend(view.mention(k) for k in view.children[c] if k < c and view.particle(k) == "と"
                       and view.mention(k) is not None and view.mention(k).type in ACTOR_TYPES
                       and view.mention(k) not in out)
        else:
            named = bracket_child(view, c)
            if named is not None and named not in out:
                out.append(named)
    return out


def nested_of(view: SentenceView, i: int, depth: int = 3) -> list[Mention]:
    """Entities a few の-links below a noun: シャープの堺工場の土地と建屋の一部を取得 -> 堺工場."""
    found = of_mention(view, i)
    if found or depth <= 1:
        return found
    for c in view.children[i]:
        t = view.toks[c]
        if c < i and t.pos in ("NOUN", "PROPN") and view.mention(c) is None and (
                view.particle(c) == "の" or t.dep in ("conj", "compound") or _after(view, c) in ("と", "や", "、")):
            found.extend(m for m in nested_of(view, c, depth - 1) if m not in found)
    return found


#: verbs that work as compound particles (に基づいて, に伴い, に沿って): never the act of a clause
PARTICLE_VERBS = {"基づく", "伴う", "沿う", "応じる", "従う", "際する", "当たる", "わたる", "渡る", "あわせる", "合わせる",
                  "比べる", "加える", "除く", "含める", "通じる", "巡る", "めぐる", "対する", "関する", "よる", "因る",
                  "つく"}  # (…の買収につきましては: につき is a particle)
#: acts of an authority on what someone asked for: the asker is who it is done to
APPROVAL_VERBS = ("認定", "承認", "認可", "採択", "許可", "選定", "補助", "助成", "審査", "交付", "付与", "発給")


def is_approval(label: str) -> bool:
    return any(w in label for w in APPROVAL_VERBS)


def applicants(view: SentenceView, i: int, disc: Discourse, depth: int = 3) -> list[Mention]:
    """Who asked for the thing an authority acts on: 3社が申請した計画 -> the three; 両社の統合 -> both;
    A とBが申請した幹線輸送の計画 -> A and B (one の-link down)."""
    out: list[Mention] = []
    word = nfkc(view.toks[i].text)
    if word in ("同計画", "同事業", "同案", "同構想") or (word in PLAN_NOUNS | {"事業", "申請"} and any(
            view.toks[c].text in ("この", "その", "同") for c in view.children[i])):
        # この計画を認定 / 同計画を採択: the plan of the company the text is on
        out.extend(m for m in disc.topic if m.type in ("company", "organization"))
    for c in view.children[i]:
        if c > i:
            continue
        if view.particle(c) == "の" and depth > 1 and view.toks[c].pos in ("NOUN", "PROPN") and (
                view.mention(c) is None or view.mention(c).type == "technology"):
            out.extend(m for m in applicants(view, c, disc, depth - 1) if m not in out)
        if view.toks[c].dep == "acl":
            for g in view.children[c]:
                if g < c and view.particle(g) in ("が", "は", "と"):  # と: AはBと共同で申請した
                    found = conjuncts(view, g) or resolve_reference(view, g, disc, view.mentions)
                    out.extend(m for m in found if m.type in ACTOR_TYPES and m not in out)
        elif view.particle(c) == "の" and view.mention(c) is None:
            out.extend(m for m in resolve_reference(view, c, disc, view.mentions)  # 同作の販売を承認
                       if (m.type in ACTOR_TYPES or m.type == "product") and m not in out)
        elif view.particle(c) == "による" and view.mention(c) is not None:
            out.extend(m for m in conjuncts(view, c) if m.type in ACTOR_TYPES and m not in out)  # Xによる運行を許可
    if not out and depth == 3 and not any(c < i and view.toks[c].dep in ("nmod", "acl") for c in view.children[i]) and not any(
            view.particle(c) in ("による", "によって") for k in (i, view.heads[i]) for c in view.children[k]):
        word = _compound_word(view, i, ("compound",))
        if word in DEAL_ACTS:  # ACCCは…買収を承認した: the deal of the company the text is on
            out.extend(m for m in disc.topic if m.type == "company")
        elif word in MARKETING_ACTS:  # 厚労省が製造販売を承認した: of the product the text is on
            out.extend([m for m in view.mentions if m.type == "product" and m.start < view.toks[i].start][:1]
                       or disc.antecedent(("product",)))  # (クロットリフトは、FDAが販売を承認し: this one)
    return out


#: deals an authority approves, of the company the text is on
DEAL_ACTS = {"買収", "統合", "経営統合", "合併", "出資", "提携", "株式取得"}
#: what an authority lets a product do, of the product the text is on
MARKETING_ACTS = {"販売", "製造販売", "発売", "使用", "輸入", "承認申請"}


#: verbs of concluding an agreement, and agreements that say nothing of what they are about
_CONCLUDING = ("結ぶ", "締結", "交わす")
_BARE_AGREEMENTS = ("契約", "長期契約", "基本契約", "正式契約", "契約書", "協定", "覚書", "合意書", "基本合意書")


def agreement_label(view: SentenceView, i: int) -> str:
    """…LiFSIを供給する長期契約を締結 -> 供給契約する; …を取得するライセンス契約を結んだ -> ライセンス契約する: the
    agreement a verb of concluding takes, with what it is about when its own name does not say (else '')."""
    toks = view.toks
    for c in view.children[i]:
        if c > i or view.particle(c) != "を":
            continue
        word = nfkc(_compound_word(view, c))
        if not word.endswith(_AGREEMENTS):
            continue
        if word not in _BARE_AGREEMENTS:
            return word + "する"  # ライセンス契約, 売買契約, 供給契約: the name says what it is about
        act = next((toks[k].lemma for k in view.children[c] if k < c and toks[k].dep == "acl"
                    and "サ変" in toks[k].tag and toks[k].pos == "VERB"), "")
        tail = next(a for a in sorted(_AGREEMENTS, key=len, reverse=True) if word.endswith(a))
        return act + tail + "する" if act else ""
    return ""


def predicate_label(view: SentenceView, i: int) -> str:
    """The predicate in dictionary form, with its noun compounds: 経営統合する, 追加出資する; money put into
    something (約400億円を投じる) is an investment, 投資する."""
    t = view.toks[i]
    toks = view.toks
    if i >= 2 and toks[i - 1].text in ("・", "･") and toks[i - 2].head == i and "サ変" in toks[i - 2].tag \
            and "サ変" in t.tag:
        return nfkc(toks[i - 2].text) + "・" + nfkc(t.text) + "する"  # 共同で開発・販売しており: both acts
    if t.text in ("済み", "済"):  # 設立済み: 設立する
        return _compound_word(view, i, ("compound",))[:-len(t.text)] + "する"
    if (t.tag.startswith("名詞") or t.pos == "NOUN") and not t.text.endswith("入れる"):  # (借り入れる, tagged a noun)
        return _compound_word(view, i, ("compound",)) + "する"
    if t.lemma in ("投じる", "投ずる") and not any(view.toks[c].text == "一石" for c in view.children[i]):
        return "投資する"  # (not 一石を投じる: to cause a stir)
    return t.lemma or t.text


#: verbs in a form that is an adverb before the verb they modify (…の使用を引き続き許諾する)
ADVERBIAL_VERBS = {"引き続き", "改めて", "初めて", "重ねて"}


def is_predicate(t: Token) -> bool:
    # a headline ends on its サ変 noun: ノボ・ホールディングスがキャタレントを買収; a noun the tagger
    # called a verb (物流センター, 三井化学) is none
    if t.text in ADVERBIAL_VERBS and t.head == t.i + 1:
        return False
    if t.pos == "VERB":
        return not (t.tag.startswith("名詞") and "サ変" not in t.tag and "形状詞" not in t.tag)
    if t.dep == "ROOT" and t.pos == "NOUN" and re.fullmatch(r"[\u4e00-\u9fff]+[ぁ-ん]*[りき]入れる", t.text):
        return True  # …の2行から借り入れる (tagged a noun)
    if t.text in ("済み", "済") and t.dep in ("ROOT", "advcl", "conj", "obl"):
        return True  # 事業会社「X」を共同出資で設立|済みだ, KDDIとは…提携|済みで、: an act done
    return (t.pos == "ADJ" and t.tag.startswith("名詞")) or (t.dep == "ROOT" and t.pos == "NOUN" and "サ変" in t.tag) or (
        t.pos == "NOUN" and t.tag.startswith("接尾辞") and "サ変" in t.tag and t.dep in ("advcl", "obl", "conj"))
    # (子会社|化(advcl or obl)し, …)


def _actors(a: Arg) -> bool:
    """The argument names actors, and only actors."""
    return bool(a.mentions) and all(m.type in ACTOR_TYPES for m in a.mentions)


def _actor_subject(f: Frame) -> bool:
    """The frame has a subject or topic that names an actor."""
    return any(a.role in SUBJECT_ROLES and any(m.type in ACTOR_TYPES for m in a.mentions) for a in f.args)


def _aux(view: SentenceView, i: int) -> list[Token]:
    return [view.toks[c] for c in view.children[i] if view.toks[c].dep in ("aux", "cop") and c > i]


def _single_topic_before(frame: Frame) -> bool:
    """A は-actor came before with nothing of its own after it (Aは…Bも), not Aは140億ドルに、Bも…."""
    wa = [a for a in frame.args if a.particle in ("は", "では") and a.mentions]
    return bool(wa) and not any(a.token > wa[0].token and a.mentions for a in frame.args if a is not wa[0])


#: a person founds a company: 創業者の…が2015年に設立した
FOUNDING_LABELS = ("創業する", "設立する", "創設する", "立ち上げる")


def _counted(view: SentenceView, i: int) -> bool:
    """3社, 両社: a count of companies, who act, not a thing."""
    word = nfkc(view.toks[i].text)
    return word == "両社" or (word == "社" and i > 0 and view.toks[i - 1].pos == "NUM")


def _clause_between(view: SentenceView, i: int, a: int, b: int) -> bool:
    """A clause of predicate i ends between tokens a and b and more of i's own arguments follow b
    (Aは…を用意し、Bも同日、…と発表した): b opens a new clause as its actor."""
    return any(a < v < b and view.toks[v].dep == "advcl" and is_predicate(view.toks[v]) for v in view.children[i]) and any(
        b < v < i and view.toks[v].dep in ("obj", "advcl", "ccomp") for v in view.children[i])  # (not Bも買収した)


#: groups of companies, named after the one they are built around (Xを代表企業とする企業連合)
_GROUPS = ("連合", "コンソーシアム", "陣営", "共同事業体")


def build_frame(view: SentenceView, i: int, disc: Discourse | None = None) -> Frame:
    t = view.toks[i]
    frame = Frame(i, predicate_label(view, i))
    auxes = _aux(view, i)
    # (三菱商事が撤退した秋田県沖: a withdrawal ends a presence, as giving up ends a plan)
    frame.negated = any(a.lemma in NEGATIVE_AUX for a in auxes) or t.lemma in WITHDRAWING
    frame.passive = any(a.lemma in PASSIVE_AUX for a in auxes)
    for c in view.children[i]:
        ct = view.toks[c]
        misread = ct.dep in ("advcl", "acl") and not is_predicate(ct) and view.mention(c) is not None
        if (ct.dep not in ARG_DEPS and not misread) or c > i:
            continue  # (misread: コスモ石油(VERB)と提携: a name the tagger called a verb is still an argument)
        particle = view.particle(c)
        role = CASE_ROLES.get(particle, "")
        if not role:
            if ct.dep == "nsubj":
                role = "subject"
            elif ct.dep == "obj":
                role = "object"
            else:
                continue
        ms = arg_mentions(view, c)
        if not ms and particle == "で" and nfkc(ct.text) == "経由":
            # 天然黒鉛を伊藤忠商事経由で調達する: the trader it comes through is where it comes from
            ms = [view.mention(g) for g in view.children[c] if g < c and view.toks[g].dep == "compound"
                  and view.mention(g) is not None and view.mention(g).type in ACTOR_TYPES][-1:]
            role = "source" if ms else role
        if not ms and role in ("object", "target") and _compound_word(view, c).endswith(_GROUPS):
            # 三井物産を代表企業とする企業連合を選定: the group is named by the company it is built around
            ms = [m for k in view.children[c] if k < c and view.toks[k].dep == "acl" and view.toks[k].lemma == "する"
                  for g in view.children[k] if view.particle(g) == "を" for m in conjuncts(view, g)
                  if m.type in ("company", "organization")]
            if not ms:  # A、B、Cの3社でつくる企業連合を選定: the companies it is made of
                ms = [m for k in view.children[c] if k < c and view.toks[k].dep == "acl"
                      for g in view.children[k] if view.particle(g) == "で" and _counted(view, g)
                      for m in arg_mentions(view, g) if m.type in ("company", "organization")]
        if role == "object" and ms and all(m.type == "amount" for m in ms) and any(
                nfkc(view.toks[g].text) in SHARE_NOUNS for g in view.children[c] if g < c):
            # Xの株式約10%を取得 / X株の75%を取得: X too
            ms = ms + [m for m in of_mention(view, c) or [x for g in view.children[c] if g < c and nfkc(
                view.toks[g].text) in SHARE_NOUNS for x in arg_mentions(view, g) + of_mention(view, g)]
                if m not in ms and m.type in ("company", "organization")]
        if not ms and role == "object" and ct.pos in ("NOUN", "PROPN", "NUM") and (
                "サ変" not in ct.tag or t.lemma not in LIGHT_VERBS):
            # Xの株式を売却: the owner is what the act is about (a light verb's object only one の deep)
            ms = nested_of(view, c, 1 if t.lemma in LIGHT_VERBS else 3)
            if _compound_word(view, c).endswith(("会社", "企業", "法人")):
                ms = [m for m in ms if m.type != "technology"]  # 接合材料の合弁会社を設立: its field, not what is set up
        if role == "object" and disc is not None and is_approval(frame.label) and (
                not ms or all(m.type == "technology" for m in ms)) and view.mention(c) is None:
            ms = applicants(view, c, disc) or ms  # 3社が申請した計画を認定, 両社の統合を承認
            if not ms and _compound_word(view, c, ("compound",)).endswith(tuple(MARKETING_ACTS)):
                # …ADC「ダトロウェイ」の乳がんを対象とする製造販売を承認: the product whose marketing is approved
                ms = [m for m in view.mentions if m.type == "product" and m.end <= view.toks[c].start
                      and not any(view.toks[k].text in ("。", "、") and is_predicate(view.toks[k - 1])
                                  for k in range(_first_token(view, m.end), c))][-1:]
        if role == "target" and not ms and disc is not None and is_approval(frame.label) and view.mention(c) is None:
            # AとBの共同提案に…を交付: who made the proposal receives it
            ms = [m for m in of_mention(view, c) or applicants(view, c, disc) if m.type in ACTOR_TYPES]
        if (role == "target" and not ms and view.mention(c) is None and _site_word(view, c)
                and any(w in frame.label for w in HANDING_VERBS)):
            # ヤマハ発動機の現地工場などに鋼材を供給: the plant's owner is the customer
            ms = [m for m in of_mention(view, c) if m.type in ("company", "organization")]
        if role == "topic" and not ms and particle == "も" and nfkc(ct.text) in _THINGS_OF and t.pos == "VERB":
            ms = nested_of(view, c, 2)  # 都は…、積水ソーラーフィルムの製品も採用した
        if role == "topic" and ms and particle == "も" and (
                not any(m.type in ACTOR_TYPES for m in ms) or _single_topic_before(frame)
                and not _clause_between(view, i, frame.args[0].token, c)):
            # Aは…Bも買収 (B is what A also bought) but Aは140億ドルに、Bも120億ドルに (two actors)
            role = "object"  # 新薬「X」も獲得した / Aは…米Bも買収し: what is also acquired, not who acquires
        elif role == "topic" and ms and particle == "も" and view.mention(c) is None and not _counted(view, c):
            role = "object"  # Xの製品も採用した: what the subject also takes (not A、Bの2社も: who also acts)
        if not ms and (role == "place" or role == "target" and any(w in frame.label for w in BUILDING_VERBS + (
                "投資", "投じる"))) and _site_word(view, c, _ON_SITE):
            # 秋田県小坂町の製錬所で…を引き上げる, 美浜発電所の敷地内で: the place or plant the act happens at
            # (横浜市鶴見区の拠点内に新工場を建設: where it is built, a target as before; ひたちなか市の工場に…を投資)
            ms = [view.mention(g) for g in view.children[c] if g < c and view.particle(g) in ("の", "")
                  and view.mention(g) is not None and view.mention(g).type in ("place", "facility")][-1:]
            # (三隅発電所（浜田市）1号機で: the plant glued to its unit)
            role = "site" if ms and role == "place" else role
        resolved = ""
        if not ms and disc is not None and role != "place":  # (3社で分担する: together, not a party)
            ms = resolve_reference(view, c, disc, view.mentions)
            resolved = nfkc(ct.text) if ms else ""
        frame.args.append(Arg(role, c, ms, particle, resolved))
    if not any(a.role in SUBJECT_ROLES and a.mentions for a in frame.args):
        # A、B、Cの3社でつくる企業連合 / 両社で開発する: the companies that do it together are its subject
        for a in frame.args:
            word = nfkc(view.toks[a.token].text)
            if a.role == "place" and a.particle == "で" and _counted(view, a.token):
                a.role = "subject"
                a.mentions = [m for m in a.mentions if m.type in ACTOR_TYPES]  # (日本の3社で)
                if not a.mentions and disc is not None:
                    a.mentions = resolve_reference(view, a.token, disc, view.mentions)
                    a.resolved = word if a.mentions else ""
                break
    # X向けの…を供給する契約を結ぶ / X向けに出荷する: the customer the act is for
    objects = {x.token for x in frame.args if x.role == "object" and not any(m.type in ACTOR_TYPES for m in x.mentions)}
    for w in range(1, min(i, len(view.toks))):
        if nfkc(view.toks[w].text) != "向け":
            continue
        ms = [view.mention(c) for c in view.children[w] if c < w and view.mention(c) is not None
              and view.mention(c).type in ("company", "organization", "agency")]
        up = next((u for u in _ancestors(view, w, 4) if u in objects or u == i or is_predicate(view.toks[u])), -1)
        if ms and (up in objects or up == i) and not any(ms[0] in x.mentions for x in frame.args):
            frame.args.append(Arg("target", w, ms[:1], "向け"))
    # a headline: NXHD、欧州物流のカーゴパートナーを買収 (the actor before the comma); its next clause after a
    # space keeps it (ローム、SiC新棟に約2800億円　独シェフラーと10年の供給契約)
    if t.dep == "ROOT" and not any(a.role in SUBJECT_ROLES for a in frame.args):
        lead = headline_subject(view) or (disc.headline if disc is not None and is_headline(view) else [])
        if lead:
            frame.args.insert(0, Arg("subject", 0, lead, "、"))
    # 「X」は、2018年にAが導入し: a thing as topic with an actor as subject and no object is the object; so is a
    # thing as the topic of ordering, adopting or buying it (地上側のゲートウェイ局はNECに発注し: its buyer goes
    # unsaid), not who orders
    acting = any(a.role == "subject" and a.particle == "が" and _actors(a) for a in frame.args)
    if (acting and not any(a.role == "object" and a.mentions for a in frame.args)) or (
            any(w in frame.label for w in _TAKING_VERBS)
            and not any(a.role in ("object", "subject") and a.mentions for a in frame.args)):
        for a in frame.args:
            if (a.role == "topic" and a.particle == "は" and a.mentions
                    and all(m.type in ("product", "technology", "facility") for m in a.mentions)):
                a.role = "object"
                if acting:
                    frame.args = [x for x in frame.args if not (x.role == "object" and not x.mentions)]
                break
    # 同社は、…の桐生智哉社長が22年に創業した: a company as topic of a person's founding is what was founded;
    # so is one as topic of a company's founding, the company's が said here or on the て-clause before
    # (アオバは21年、ソフトバンクが鉄塔を切り出して設立した)
    if frame.label in FOUNDING_LABELS and not frame.passive and not any(
            a.role == "object" and a.mentions for a in frame.args):
        founders = [a for a in frame.args if a.role == "subject" and a.particle == "が" and _actors(a)]
        chained = [Arg("subject", g, [m], "が") for c in view.children[i] if c < i and view.toks[c].dep == "advcl"
                   and any(view.toks[k].text == "て" for k in view.children[c])
                   for g in view.children[c] if view.particle(g) == "が"
                   and (gm := view.mention(g)) is not None and gm.type in ACTOR_TYPES for m in [gm]] if not founders else []
        if any(m.type == "person" for a in founders for m in a.mentions) or (
                founders or chained) and all(m.type in ("company", "organization") for a in founders + chained
                                             for m in a.mentions):
            for a in frame.args:
                if a.role == "topic" and a.particle == "は" and a.mentions and all(
                        m.type in ("company", "organization") for m in a.mentions):
                    a.role = "object"
                    frame.args.extend(chained[:1])
                    break
    # 〜する計画/方針 : a plan
    if t.dep == "acl" and view.toks[t.head].lemma in PLAN_NOUNS:
        frame.modality = "plan"
    after = view.clause_end(i) + 1
    if (after < len(view.toks) and view.toks[after].text == "こと" and view.particle(after) in ("から", "で", "により")
            and any(a.role == "subject" and a.particle == "が" for a in frame.args)):
        # AはXのシェアが約26%に達することから、…を進める: a clause of cause with its own が-subject is no act of the
        # sentence's topic (the parser hung the topic on it)
        frame.args = [a for a in frame.args if not (a.role == "topic" and a.particle == "は")]
    return frame


def is_headline(view: SentenceView) -> bool:
    return len(view.sent.text) <= 60 and not view.sent.text.rstrip().endswith(("。", "」", "）"))


def headline_subject(view: SentenceView) -> list[Mention]:
    """The actor a headline opens with, marked by a comma instead of は/が (キリン、ファンケルを完全子会社に)."""
    toks = view.toks
    m = view.mention(0)
    if m is None or m.type not in ACTOR_TYPES or len(view.sent.text) > 60:
        return []
    last = _last_token(view, m)
    pair = []
    if last + 2 < len(toks) and toks[last + 1].text == "と":
        # トヨタと出光、固体電解質を共同開発: a pair opens the headline
        second = view.mention(last + 2)
        if second is not None and second.type in ACTOR_TYPES:
            pair, last = [second], _last_token(view, second)
    if last + 1 >= len(toks) or toks[last + 1].text not in ("、", "，", "：", ":"):
        return []  # (a list item: アマゾン：X-energyに出資)
    if any(t.text in ("は", "が") and t.pos == "ADP" for t in toks):
        return []
    return [m, *pair]


#: nouns that name a company's customers: Xの主要顧客であるA、B / A、Bが主な供給先となる
CUSTOMER_NOUNS = {"顧客", "取引先", "得意先"}
SUPPLIED_NOUNS = {"供給先", "納入先", "販売先", "出荷先"}


def _members_from(view: SentenceView, k: int, step: int) -> list[Mention]:
    """The actors listed from token ``k`` on (``step`` 1) or back (``step`` -1), joined by 、/や/と and
    maybe each after its place and の (台湾のTSMC) or before のほか (イビデンのほか)."""
    toks = view.toks
    out: list[Mention] = []
    while 0 <= k < len(toks):
        if step == -1 and k >= 2 and toks[k].text == "ほか" and toks[k - 1].text == "の":
            k -= 2  # イビデンのほか|台湾の…, イビデンのほか|、…
            continue
        m = view.mention(k)
        if m is not None and m.type == "place" and step == 1:
            k = _at_range(view, m)[1] + 1
            if k < len(toks) and toks[k].text == "の":
                k += 1
            continue
        if m is None and step == -1 and toks[k].text in ("）", ")"):
            k = _before_gloss(view, k, -1)
            continue
        if m is None or m.type not in ("company", "organization"):
            break
        if m not in out:
            out.append(m)
        first, last = _at_range(view, m)
        k = _past_gloss(view, last) if step == 1 else first - 1
        if step == -1 and k >= 1 and toks[k].text == "の" and view.mention(k - 1) is not None and view.mention(
                k - 1).type == "place":
            k = _at_range(view, view.mention(k - 1))[0] - 1  # 台湾の|欣興電子
        if step == -1 and k >= 0 and toks[k].text in GLUED_COUNTRY_TOKENS:
            k -= 1
        if step == 1 and k + 1 < len(toks) and toks[k].text == "の" and toks[k + 1].text == "ほか":
            k += 2
        if not (0 <= k < len(toks)) or step == -1 and toks[k].text == "ほか":
            continue  # (the loop's first step walks back over のほか; past the ends it stops)
        if toks[k].text not in ("、", "，", "や", "と"):
            break
        k += step
    return out


def customer_relations(article: Article, view: SentenceView, disc: Discourse,
                       topic: list[Mention]) -> list[Relation]:
    """Xの主要顧客である米エヌビディア、米インテル: (customer, 顧客, X); A、Bが主な供給先となる: (topic, 供給, A/B)."""
    out: list[Relation] = []
    toks = view.toks
    firms = ("company", "organization")
    for t in toks:
        word = nfkc(t.text)
        compound = _compound_word(view, t.i, ("compound",))
        if word in CUSTOMER_NOUNS and t.i + 3 < len(toks) and toks[t.i + 1].text == "で" and toks[t.i + 2].lemma == "ある":
            customers = _members_from(view, t.i + 3, 1)
            sellers = [m for m in of_mention(view, t.i) if m.type in firms] or [
                m for m in view.mentions if m.start < t.start and m.type in firms][:1] or [
                m for m in disc.topic if m.type in firms][:1]
            out.extend(_rel(article, view.sent, c, x, word, "customer", "target", 0.6)
                       for c in customers for x in sellers if c is not x)
        elif (compound in SUPPLIED_NOUNS or word in SUPPLIED_NOUNS) and t.i + 2 < len(toks) and (
                toks[t.i + 1].text == "と" and toks[t.i + 2].lemma == "なる" or toks[t.i + 1].text in ("だ", "です")):
            k = t.i - 1
            while k >= 0 and toks[k].pos in ("ADJ", "NOUN") and view.mention(k) is None:
                k -= 1  # 主な|供給|先
            if k < 1 or toks[k].text != "が":
                continue
            buyers = _members_from(view, k - 1, -1)
            sellers = [m for m in topic if m.type in firms][:1] or [m for m in disc.topic if m.type in firms][:1]
            out.extend(_rel(article, view.sent, x, b, "供給する", "customer", "target", 0.6)
                       for b in buyers for x in sellers if b is not x)
    return out


#: acts of handing work to a contractor: AはBにCの製造を委託する
OUTSOURCING_VERBS = ("委託", "発注")
#: the work handed over, which the contractor then does
OUTSOURCED_WORK = ("製造", "生産", "量産", "開発", "試作", "組み立て", "設計", "建造", "敷設")


def contractor_relations(article: Article, view: SentenceView, frames: dict[int, Frame]) -> list[Relation]:
    """アステラスはAGCバイオロジクスにRK-418の製造を委託する: the contractor makes the thing (AGCバイオロジクス, 製造する,
    RK-418), besides being the one the work is handed to."""
    out: list[Relation] = []
    for f in frames.values():
        if not any(w in f.label for w in OUTSOURCING_VERBS) or f.negated:
            continue
        contractors = [m for a in f.args if a.role == "target" for m in a.mentions if m.type in ("company", "organization")]
        for a in f.args:
            if a.role != "object" or a.token < 0 or not a.mentions:
                continue
            work = _compound_word(view, a.token, ("compound",))
            if not work.endswith(OUTSOURCED_WORK) or view.mention(a.token) is not None:
                continue
            label = next(w for w in OUTSOURCED_WORK if work.endswith(w)) + "する"
            out.extend(_rel(article, view.sent, c, m, label, "contractor", "object", 0.6)
                       for c in contractors for m in a.mentions if m.type in ("product", "technology", "facility"))
    return out


_RIGHTS_TAKEN = ("取得", "導入", "獲得", "譲り受ける")
_CREATING = ("開発", "創製", "創出", "発見")


def licensor_relations(article: Article, view: SentenceView, found: list[Relation]) -> list[Relation]:
    """Aは、Bが開発した「X」について…販売権を取得する(ライセンス契約を結んだ): A takes the rights from B."""
    text = nfkc(view.sent.text)
    if "権" not in text and "ライセンス" not in text:
        return []
    kinds = view.type_of
    out: list[Relation] = []
    for r in found:
        if r.role != "object" or kinds.get(r.tail) != "product" or not any(w in r.relation for w in _RIGHTS_TAKEN):
            continue
        for d in found:
            if d.tail == r.tail and d.head != r.head and any(w in d.relation for w in _CREATING) and kinds.get(
                    d.head) in ("company", "organization"):
                label = "ライセンス導入する" if "ライセンス" in text else r.relation
                out.append(Relation(article.id, r.head, d.head, label, view.sent.start, view.sent.end, "licensor",
                                    0.6, "source", r.attrs))
    return out


#: acts of taking an order: who gave it is the company the text is on when the sentence names no one
ORDER_TAKING = ("受注",)


def order_giver_relations(article: Article, view: SentenceView, frames: dict[int, Frame],
                          disc: Discourse) -> list[Relation]:
    """(大日本印刷は…新棟を建設する。)新棟に導入する検査装置はレーザーテックが受注した: the order came from the company
    the text is on (at a new paragraph, the article's lead)."""
    out: list[Relation] = []
    for f in frames.values():
        if not any(w in f.label for w in ORDER_TAKING) or f.negated or is_relative_clause(view, f.pred):
            continue
        takers = [m for a in f.args if a.role == "subject" and a.particle in ("が", "は") and not a.resolved
                  for m in a.mentions if m.type == "company"]
        if not takers or any(a.role != "subject" and _actors(a) for a in f.args) or any(
                view.particle(c) == "の" for a in f.args if a.role == "object" and a.token >= 0
                for c in view.children[a.token]):
            continue  # (Xから受注: the giver is named; 国内大手の基地局を受注: whose it is, said another way)
        if disc.built and any(a.role in ("object", "topic", "about") and a.token >= 0 and not a.mentions
                              for a in f.args) and not any(a.mentions for a in f.args if a.role == "object"):
            # 3社は…に地熱発電所「X」を建設する。…発電設備は富士電機が一括で受注した: the order is for what they build
            out.extend(_rel(article, view.sent, t, b, "受注する", "order-giver", "object", 0.5, resolved="topic")
                       for t in takers for b in disc.built if b.type == "facility")
        pool = disc.lead if disc.paragraph else disc.topic
        givers = [m for m in pool if m.type == "company" and m.name not in {t.name for t in takers}
                  and m.name in disc.buyers]  # (one the text said builds, invests or orders)
        if len(givers) != 1 or len(pool) != 1:
            continue  # (one company the text is on, not a group of them)
        out.extend(_rel(article, view.sent, t, g, "受注する", "order-giver", "source", 0.5, resolved="topic")
                   for t in takers for g in givers)
    return out


#: joint acts and groups named by a noun two parties share: AとBの連合, AとBの資本提携
_JOINT_NOUNS = _GROUPS + ("提携", "業務提携", "資本提携", "経営統合", "合併", "協業", "連携")


def joint_noun_relations(article: Article, view: SentenceView, frames: dict[int, Frame]) -> list[Relation]:
    """住友商事と東京電力リニューアブルパワーの連合も応札した: the two the noun joins are partners in it (AとBの経営統合は
    実現しなかった: kept as negated)."""
    out: list[Relation] = []
    for t in view.toks:
        word = _compound_word(view, t.i)
        if view.mention(t.i) is not None or not word.endswith(_JOINT_NOUNS) or word in JOINT_OWNED:
            continue
        up = view.heads[t.i]
        negated = up in frames and (frames[up].negated or any(  # (…は白紙になった, 実現しなかった)
            view.toks[k].lemma in GIVING_UP | NEGATING for k in (up, *view.children[up])))
        for c in view.children[t.i]:
            b = view.mention(c)
            if c > t.i or b is None or view.particle(c) != "の" or b.type not in ("company", "organization"):
                continue
            # (XとYの: conjuncts keeps the two apart, the と-phrase hangs on Y)
            a0, a1 = _at_range(view, b)
            firsts = [view.mention(k) for j in range(a0, a1 + 1) for k in view.children[j] if k < a0
                      and view.particle(k) == "と"
                      and view.mention(k) is not None and view.mention(k).type in ("company", "organization")]
            if len(firsts) == 1:
                label = re.sub(r"^[0-9０-９]*社", "", word)  # (AとBの2社連合)
                out.append(_rel(article, view.sent, firsts[0], b, label, "joint-noun", "partner", 0.6,
                                negated="true" if negated else ""))
    return out


#: the joint acts a headline may name for the pair it opens with
HEADLINE_JOINT_WORDS = ("合弁", "提携", "統合", "連携", "協業", "合併", "共同")
#: words a headline gives a joint act up with: 日産とホンダ、経営統合の協議を打ち切り
GIVING_UP = {"断念", "見送り", "見送る", "白紙", "打ち切り", "打ち切る", "破談", "解消", "撤回", "中止"}


def headline_pair_relations(article: Article, view: SentenceView) -> list[Relation]:
    """住友金属鉱山とホンダ、電池リサイクルで合弁: a headline that opens with two actors joined by と and a comma
    says they act together; the pair is related by the joint act it names (else 共同)."""
    toks = view.toks
    first = view.mention(0)
    if not is_headline(view) or first is None or first.type not in ("company", "organization", "agency"):
        return []
    k = _past_gloss(view, _last_token(view, first))
    second = view.mention(k + 1) if k + 1 < len(toks) and toks[k].text == "と" else None
    if second is None or second.type not in ("company", "organization", "agency") or second is first:
        return []
    end = _past_gloss(view, _last_token(view, second))
    if end >= len(toks) or toks[end].text not in ("、", "，"):
        return []
    if any(t.lemma in NEGATIVE_AUX or nfkc(t.text) in GIVING_UP for t in toks[end:]):
        return []
    label = next((w for w in HEADLINE_JOINT_WORDS if w in view.sent.text), "共同")
    return [_rel(article, view.sent, first, second, label, "headline-pair", "partner", 0.6)]


def elided_owner_relations(article: Article, view: SentenceView, out: list[Relation]) -> list[Relation]:
    """北海道電力ネットワークは北海道電力の、東京電力パワーグリッドは東京電力ホールディングスの送配電子会社だ: the pairs
    before the last one (AはBの、) stand in the same relation as the last, which names the role word once."""
    text = view.sent.text
    s0 = view.sent.start
    ms = sorted((m for m in view.mentions if m.type in ACTOR_TYPES), key=lambda m: m.start)
    done = [r for r in out if r.rule == "nominal" and r.role == "owner"]
    extra: list[Relation] = []
    for a, b in zip(ms, ms[1:], strict=False):
        if text[a.end - s0:b.start - s0] != "は" or not text[b.end - s0:].startswith(("の、", "の，")):
            continue
        last = next((r for r in done if r.tail[0] > b.end and r.head[0] > b.end
                     and text[r.tail[1] - s0:r.head[0] - s0] == "は"), None)
        if last is not None:
            extra.append(_rel(article, view.sent, b, a, last.relation, "nominal", "owner", 0.6))
    return extra


def headline_segment_relations(article: Article, view: SentenceView, disc: Discourse) -> list[Relation]:
    """アステラス、核酸医薬を導入　一時金約80億円 / 住友金属鉱山、正極材に参入　新居浜に約600億円の新工場: a headline's
    later segment without a verb goes on about the actor its first segment opened with; what it names (an amount,
    a place, a plant, a product) is that actor's, under the noun the segment ends on; so is what a headline without
    a verb names after its own actor (日本製紙、釧路に約300億円のバイオマス発電所)."""
    toks = view.toks
    if not is_headline(view) or "\n" in view.sent.text.strip() or any(is_predicate(t) for t in toks):
        return []
    own = headline_subject(view)  # (日本製紙、釧路に約300億円のバイオマス発電所: its own actor)
    actors = own or disc.headline
    if not actors or len(own) > 1 or actors is disc.headline and any(t.text in ("は", "が") and t.pos == "ADP" for t in toks):
        return []
    root = _root(view)
    if not toks[root].text.strip():  # (the headline's closing full-width space as its root)
        root = max((c for c in view.children[root] if c < root), default=root)
    if toks[root].pos not in ("NOUN", "PROPN", "NUM") or not toks[root].text.strip():
        return []
    label = _noun_label(view, root)
    at = view.mention(root)
    if at is not None and at.type == "technology":  # (…約300億円のバイオマス発電所: a kind of plant)
        label = nfkc(at.text)
    elif at is not None:  # 一時金約80億円: the noun before the amount
        k = _first_token(view, at.start) - 1
        label = _noun_label(view, k) if k >= 0 and toks[k].pos == "NOUN" and view.mention(k) is None else ""
    out = []
    for m in view.mentions if label else []:
        if m.type == "amount" or m.type in ("place", "facility", "product") and view.particle(
                _last_token(view, m)) in ("に", "で", "の", "へ"):  # (日本企業にも商機: a descriptor)
            out.append(_rel(article, view.sent, actors[0], m, label, "headline-segment",
                            "object", 0.5))
    return out


#: formal nouns a relative clause may be hung on instead of the name before them: Aが開発したBのように
_LIKE_NOUNS = {"よう", "ような", "ほか", "など"}


def chained_clause(view: SentenceView, i: int) -> int:
    """同社が開発し、…と位置付けるADC「X」: a clause with no object chained (し/て) to a relative clause describes
    the same noun; the relative clause it chains to (else ``i``)."""
    t = view.toks[i]
    h = view.heads[i]
    if (t.dep == "advcl" and h > i and view.toks[h].dep == "acl" and is_predicate(view.toks[h])
            and not any(view.toks[c].dep == "obj" or (view.toks[c].dep == "mark" and view.toks[c].text not in ("て", "で"))
                        for c in view.children[i])):
        return h
    return i


def modified_noun(view: SentenceView, i: int) -> int:
    """The noun a relative clause modifies (Aが開発したXのように -> X, not よう)."""
    i = chained_clause(view, i)
    t = view.toks[i]
    head = t.head
    if view.toks[head].lemma in PLAN_NOUNS and view.particle(head) == "の" and view.heads[head] > head:
        head = view.heads[head]  # 総務省が割り当てる予定の4.9ギガヘルツ帯: the plan is about the noun after it
    if view.toks[head].lemma in _LIKE_NOUNS:
        named = [c for c in view.children[head] if c > i and view.mention(c) is not None and view.particle(c) == "の"]
        if named:
            return named[0]
    return head


def is_relative_clause(view: SentenceView, i: int) -> bool:
    """A clause modifying a content noun (Aが開発したB), not a formal one (買収すること, 導入する計画)."""
    t = view.toks[i]
    return t.dep == "acl" and t.head != i and view.toks[modified_noun(view, i)].lemma not in FORMAL_NOUNS


# ------------------------------------------------------------------ references and topics

@dataclass(slots=True)
class Discourse:
    """What earlier sentences of the article make available to later ones."""

    topic: list[Mention] = field(default_factory=list)
    recent: list[Mention] = field(default_factory=list)  # every mention so far, in order
    lead: list[Mention] = field(default_factory=list)  # the first topic of the article: its protagonist
    headline: list[Mention] = field(default_factory=list)  # the actor of the headline clause just read
    raised: list[Mention] = field(default_factory=list)  # who raised capital in the sentence just read
    new_company: list[Mention] = field(default_factory=list)  # the last company introduced as 新会社「X」
    employer: dict[str, Mention] = field(default_factory=dict)  # a person's company, from a title (社長の X 氏)
    #: the persons whose company the text states with their title (A社長のX氏), not the ones read from context
    stated: dict[str, None] = field(default_factory=dict)  # (in the order stated: a set's order varies by run)
    paragraph: bool = False  # the sentence being read opens a paragraph
    #: the companies the sentence just read names, and those of them marked with が
    last_companies: list[Mention] = field(default_factory=list)
    last_ga: list[Mention] = field(default_factory=list)
    #: companies the lead acted on or owns (its target, its subsidiary): a paragraph on one may end, and the text
    #: goes back to the lead
    subordinate: set[str] = field(default_factory=set)
    #: who last did each kind of act the text gives an amount of (受注 -> the company that won the order): 受注額は…
    actor_of: dict[str, Mention] = field(default_factory=dict)
    #: what the text last said was founded (新団体「X」を設立した): what one joins when the text names nothing else
    founded: list[Mention] = field(default_factory=list)
    #: what several companies last said they build together (5社は…ケーブル「X」を共同で建設する): whose 総事業費 it is
    built: list[Mention] = field(default_factory=list)
    built_by: set[str] = field(default_factory=set)
    #: who the text said builds, invests or orders: the ones an order taken may have come from
    buyers: set[str] = field(default_factory=set)
    #: the companies of the group the text last described (A、B、Cの3社でつくる企業連合): what 企業連合は means
    group: list[Mention] = field(default_factory=list)
    topic_wa: bool = False  # the topic is the は-topic of a sentence (not a が-actor)
    #: a product marked は in the sentence just read (「Qレンズ」は…特徴だ): what a next sentence's bare 採用 takes
    thing: list[Mention] = field(default_factory=list)
    #: whose company speaks in the quotation being read (吉永氏「当社は…」): what 当社 means there
    speaker: list[Mention] = field(default_factory=list)
    quote_depth: int = 0  # brackets the speaker's quotation has open
    plain_answer: bool = False  # the speaker answers in plain paragraphs, up to the next question
    #: the one person an interview is with (天空ネットワークス社長の真鍋透氏に戦略を聞いた)
    interviewee: Mention | None = None
    interviewee_company: Mention | None = None  # his company as the text introduced him (not a post held before)
    #: the article's paragraphs as (start, end, text), read once when an interview needs them
    paragraphs: list[tuple[int, int, str]] | None = None

    def in_answer(self) -> bool:
        """A quotation of the speaker's runs on from a sentence before (「…を購入する。整備はAが担い、…」)."""
        return bool(self.speaker) and (self.quote_depth > 0 or self.plain_answer)

    def unsaid_actors(self, quoted: bool = False) -> list[Mention]:
        """Who acts where a sentence leaves its actor unsaid: the speaker's company inside a quotation or an answer,
        else the company the text is on."""
        return self.speaker if quoted or self.in_answer() else self.topic

    def topic_employer(self) -> Mention | None:
        """The company of the person the text is on (ispace創業者の袴田武史氏は…), when its topic is people."""
        if not self.topic or any(m.type != "person" for m in self.topic):
            return None
        return self.employer_of(self.topic[0].name)

    def employer_of(self, name: str) -> Mention | None:
        """The company the text gave a person (by name, or by the full name the name shortens)."""
        return self.employer.get(name) or self.employer.get(self.full_name(name) or "")

    def full_name(self, name: str) -> str | None:
        """The name a person was stated with: the name itself, else the last full name stated that it shortens
        (桐生 -> 桐生智哉)."""
        return name if name in self.stated else next((n for n in reversed(self.stated) if n.startswith(name)), None)

    def main_actor(self, kinds: tuple[str, ...]) -> list[Mention]:
        """Whose executive an ownerless 社長の X 氏 is: the article's lead actor, else the company it has
        named most so far."""
        lead = [m for m in self.lead if m.type in kinds]
        if lead:
            return lead[:1]
        counts: dict[str, int] = {}
        last: dict[str, Mention] = {}
        for m in self.recent:
            if m.type in kinds:
                counts[m.name] = counts.get(m.name, 0) + 1
                last[m.name] = m
        if not counts:
            return []
        best = max(counts.values())
        top = [last[n] for n, c in counts.items() if c == best]
        return [max(top, key=lambda m: m.start)]

    def antecedent(self, types: tuple[str, ...], count: int = 1, before: int | None = None) -> list[Mention]:
        out: list[Mention] = []
        for m in reversed(self.recent):
            if before is not None and m.start >= before:
                continue
            if m.type in types and all(m.name != o.name for o in out):
                out.append(m)
                if len(out) == count:
                    break
        return out


def resolve_reference(view: SentenceView, i: int, disc: Discourse, sent_mentions: list[Mention]) -> list[Mention]:
    """同社, 両社, 同省 ...: the nearest earlier mention(s) of a compatible type."""
    word = nfkc(view.toks[i].text)
    if word not in REFERENCES:
        compound = _compound_word(view, i, ("compound",))
        word = compound if compound in REFERENCES else word  # 同|蓄電|所: a reference Sudachi splits
    if word in NEW_COMPANY_REFERENCES or (word == "会社" and i > 0 and view.toks[i - 1].text in ("新", "合弁", "事業")) or (
            word in ("合弁", "新会社") and i > 0 and view.toks[i - 1].text == "同") or (
            word == "合弁会社" and view.particle(i) in ("は", "が", "も", "の")):
        # 新会社の社長には…, 合弁会社は…とも提携し: the company just introduced as new, else none
        return list(disc.new_company)
    if (disc.group and _compound_word(view, i).endswith(_GROUPS) and view.mention(i) is None
            and view.particle(i) in ("は", "が", "も", "では") and not any(
                view.toks[c].dep == "acl" or view.mention(c) is not None for c in view.children[i])
            and not any(_counted(view, k) and view.particle(k) == "で" for k in range(i + 1, len(view.toks)))):
        # 企業連合は…を設置し: the group described before, by its lead (not 企業連合はA、B、Cの3社で構成し)
        return list(disc.group)
    if word in ("私", "わたし"):
        return [disc.interviewee] if disc.interviewee is not None and disc.speaker else []
    if word in OWN_COMPANY:
        # 当社: in a quotation, the speaker's company; elsewhere (a press release) the company the text is by
        return list(disc.speaker) or [m for m in disc.lead if m.type in ("company", "organization")][:1]
    types = REFERENCES.get(word)
    count = 2 if word.startswith("両") else 1
    nums = [c for c in view.children[i] if view.toks[c].pos == "NUM" and c == i - 1]
    if not types and word == "社" and nums and re.fullmatch(r"[2-9]", nfkc(view.toks[nums[0]].text)) and not any(
            view.mention(c) is not None for c in view.children[i]):
        types, count = ("company",), int(nfkc(view.toks[nums[0]].text))  # 3社は…: the three companies just named
        listed = nums[0] > 1 and view.toks[nums[0] - 1].text == "の" and (
            view.toks[nums[0] - 2].text in ("）", ")") or view.mention(nums[0] - 2) is not None
            and view.mention(nums[0] - 2).type in ACTOR_TYPES)
        if listed:  # A、B、C（略称）の3社: the ones listed right here (not 日本の3社)
            here = Discourse(recent=[m for m in sent_mentions if m.start < view.toks[i].start])
            return here.antecedent(types, count)
    if not types:
        return []
    if count == 1 and "company" in types:
        # 3社は東北電力にも参加を打診したが、同社は…: one company is none of the three; the nearest one named after them
        plural = [k for k in range(i) if _counted(view, k) and view.particle(k) in ("は", "が", "も")]
        near = [m for m in sent_mentions if m.type in types and plural
                and view.toks[plural[-1]].end <= m.start < view.toks[i].start]
        if not near and view.particle(i) == "が" and i > 0 and view.toks[i - 1].text in ("、", "，"):
            # Xと契約を結び、同社が回収した電池を受け入れる: a が-marked 同社 after a clause is not the actor the clause
            # went on about (that one would go unsaid) but the party of that clause just named
            near = [m for m in sent_mentions if m.type in types and m.start < view.toks[i].start
                    and m.span in view.head_of and view.particle(view.head_of[m.span]) in ("と", "に", "から")]
        if near:
            return near[-1:]
    # this sentence's own topic before the reference (アステラスは…Bも買収しており、同社の…), else the topic of
    # the sentences before, is the most salient antecedent
    own = [m for m in sent_mentions if m.type in types and m.start < view.toks[i].start and m.span in view.head_of
           and view.particle(view.head_of[m.span]) in ("は", "では")]
    k = i - 1
    while k > 0 and view.toks[k].text in ("、", "，", "と"):
        k -= 1
    just = view.mention(k) if k < i - 1 else None
    if (count == 1 and view.particle(i) == "の" and just is not None and just.type in types
            and view.toks[k].end == just.end):
        return [just]  # クリーブランド・クリフスと、同社のCEOである…氏: the company named right before
    parties = [m for m in sent_mentions if m.type in types and m.start < view.toks[i].start and m.span in view.head_of
               and view.particle(view.head_of[m.span]) in ("に", "を", "から")]
    if count == 1 and view.particle(i) in ("と", "との") and parties and word == "同社":
        # JOGMECはシラーに…出資し、伊藤忠商事も同社と…契約を結んでいる: the party the sentence acted on
        return parties[-1:]
    if count == 1 and view.particle(i) == "の" and parties and word == "同社" and not own and any(
            t.text in ("、", "，") for t in view.toks[view.head_of.get(parties[-1].span, i):i]) and view.particle(
            view.head_of.get(parties[-1].span, i)) in ("に", "を"):
        # 敷設はNECに発注し、同社の子会社であるOCCが…: the party of the clause just before, the actor left unsaid
        return parties[-1:]
    if count == 1 and own and view.particle(i) == "の":  # (not ANAHDは同社から購入: one act's two parties)
        return own[:1]
    # 富士フイルムが…を持ち、同社は米国でも…: a subject 同社 after a clause of this sentence with its own が-actor
    ga = [m for m in sent_mentions if m.type in types and m.start < view.toks[i].start and m.span in view.head_of
          and view.particle(view.head_of[m.span]) == "が"
          and any(t.text in ("、", "，") for t in view.toks[view.head_of[m.span]:i])]
    between = [m for m in sent_mentions if m.type in types and ga and ga[-1].end <= m.start < view.toks[i].start]
    if count == 1 and ga and not own and not between and view.particle(i) in ("は", "も", "が", "から", "と", "に"):
        # (not Aが出資するBと契約を結び、同社が: B is nearer); 電池はAが生産したものを使い、…も同社から調達する:
        # the other party of an act whose actor is left unsaid
        return ga[-1:]
    topical = [m for m in disc.topic if m.type in types and _company_like(word, m)]
    if (count == 1 and not ga and "company" in types and disc.new_company
            and any(m.name == disc.new_company[0].name for m in disc.last_ga)):
        # 工場は住友金属鉱山が新設する事業会社「SMMリチウム」が運営する。同社には…: the new company the sentence
        # before made its actor
        return list(disc.new_company)
    if (count == 1 and not ga and disc.last_ga and len({m.name for m in disc.last_companies}) == 1
            and not any(m.name == disc.last_ga[0].name for m in topical) and "company" in types
            and not (disc.paragraph and topical)):  # (a new paragraph's 同社 goes back to the topic)
        # 四国電力は…。バーナーには三菱重工業が開発したバーナーを採用する。同社は…: the one company the sentence
        # before named, as an actor, is nearer than the topic it did not name
        return disc.last_ga[:1]
    employer = disc.topic_employer() if not topical and count == 1 and "company" in types else None
    if employer is not None:
        # ルミナ創業者の早瀬真琴社長は「…」と話す。同社は…: the company of the person the sentence before was on
        since = [m for m in disc.recent + [m for m in sent_mentions if m.start < view.toks[i].start]
                 if m.type in types and m.start > disc.topic[0].start]  # (no company named after the person)
        if all(m.name == employer.name for m in since):
            return [employer]
    if (count == 2 and len(parties) == 1 and not own and not ga and topical
            and topical[0].name != parties[0].name and view.particle(i) in ("は", "が")):
        # ウエハーは東雲クリスタルから調達し、両社は…契約を結んだ: the actor left unsaid (the text's topic) and the
        # party its clause named
        return [topical[0], parties[0]]
    if len(topical) >= count:
        return topical[:count] if count > 1 else topical[:1]
    pool = Discourse(recent=[m for m in disc.recent + [m for m in sent_mentions if m.start < view.toks[i].start]
                             if _company_like(word, m)])
    return pool.antecedent(types, count)


#: what a 社 is not, whatever its type: 両社 after a university and an institute means two companies before them
_NOT_COMPANIES = ("大学", "大学院", "研究所", "研究機構", "研究センター", "学会")


def _company_like(word: str, m: Mention) -> bool:
    return not (word in ("同社", "両社") and m.type == "organization" and (
        m.text.endswith(_NOT_COMPANIES) or m.name.endswith(_NOT_COMPANIES)))  # (理研 is 理化学研究所)


# ------------------------------------------------------------------ relations

_DATE_RE = re.compile(r"(?P<y>(?:19|20)[0-9]{2})年(?:度)?(?:(?P<m>[0-9]{1,2})月(?:(?P<d>[0-9]{1,2})日)?)?")


def sentence_date(sent: Sentence, article_date: str = "") -> str:
    """The date a sentence states (2024年3月 -> 2024-03; 2025年1月20日 -> 2025-01-20), else ''.

    A year alone gives YYYY. Dates are read from the sentence text; GiNZA's Date entities mark
    where to look, the text is parsed here."""
    text = nfkc(sent.text)
    for m in _DATE_RE.finditer(text):
        y, mo, d = m.group("y"), m.group("m"), m.group("d")
        if mo and not 1 <= int(mo) <= 12:
            continue
        if d:
            try:
                _dt.date(int(y), int(mo), int(d))
            except ValueError:
                d = None
        return f"{y}-{int(mo):02d}-{int(d):02d}" if d else (f"{y}-{int(mo):02d}" if mo else y)
    return ""


def _rel(article: Article, sent: Sentence, head: Mention, tail: Mention, label: str, rule: str, role: str,
         confidence: float, **attrs: str) -> Relation:
    extra = dict(attrs)
    extra.setdefault("date", sentence_date(sent))
    if tail.type == "amount":
        extra.setdefault("amount_value", tail.attr("value"))
        extra.setdefault("amount_unit", tail.attr("unit"))
    if head.type == "amount" and tail.type != "amount":
        head, tail = tail, head
    pairs = tuple(sorted((k, v) for k, v in extra.items() if v))
    return Relation(article.id, head.span, tail.span, label, sent.start, sent.end, rule, confidence, role, pairs)


def _compound_word(view: SentenceView, i: int, deps: tuple[str, ...] = ("compound", "acl")) -> str:
    """A noun with the compound nouns before it: 折半|出資 -> 折半出資, 共同|出資|会社 -> 共同出資会社
    (``acl``: the parser may hang 折半 on 出資 as a clause)."""
    toks = view.toks
    k = i
    while k > 0 and toks[k - 1].dep in deps and view.heads[k - 1] == i and toks[k - 1].pos in ("NOUN", "PROPN") \
            and view.mention(k - 1) is None:
        k -= 1
    return nfkc("".join(t.text for t in toks[k : i + 1]))


def _noun_label(view: SentenceView, i: int) -> str:
    """設備投資額 -> 設備投資: the meaningful noun of a noun-predicate chain."""
    toks = view.toks
    parts = [toks[c].text for c in view.children[i] if toks[c].dep == "compound" and c < i] + [toks[i].text]
    word = nfkc("".join(parts))
    return _AMOUNT_NOUN_TAIL.sub("", word) or word


def _unnamed_subject(view: SentenceView, frame: Frame) -> bool:
    """製薬大手が相次いで参入した: the frame's が-subject is said but names no entity; no topic is its actor."""
    return any(a.role == "subject" and a.particle == "が" and not a.mentions and a.token >= 0
               and view.toks[a.token].pos == "NOUN" and nfkc(view.toks[a.token].text) not in REFERENCES
               for a in frame.args)


#: verbs of handing over what an authority or a partner grants (…に免許を交付する)
_HANDING_OVER = ("交付する", "付与する", "与える", "出す", "取得する", "発行する")


def _named_by_object(view: SentenceView, frame: Frame, label: str) -> str:
    """What is handed over, agreed on or received names the relation: 総務省は…ドコモに無線局の免許を交付した
    (a kind of grant), AとBは…覚書を交わした (an agreement; between the two, a reciprocal act), 総額約320億円の協調
    融資を受ける (an act noun). The first object that fits, or "" (契約を結ぶ keeps its own reading)."""
    for a in frame.args:
        if a.role != "object" or a.token < 0:
            continue
        t, word = view.toks[a.token], _compound_word(view, a.token, ("compound",))
        if label in _HANDING_OVER and not a.mentions and nfkc(t.text) in _GRANTED:
            return nfkc(t.text)
        if label in ("交わす", "結ぶ") and not a.mentions and word.endswith(_AGREEMENTS):
            return "" if "契約" in word else word
        if label in ("受ける", "得る") and "サ変" in t.tag:
            return word
    return ""


def _joint_venture(view: SentenceView, a: Arg) -> bool:
    """The argument is a joint venture: 合弁会社を, or a name its category noun calls one (合弁会社「NFTカソード」を)."""
    before = [view.sent.text[max(0, m.start - view.sent.start - 6):m.start - view.sent.start] for m in a.mentions]
    return a.token >= 0 and ("合弁" in _compound_word(view, a.token) or any("合弁" in b for b in before))


#: an authority's acts of picking a project for its programme (…の支援事業に採択され)
_SELECTING = ("採択", "認定", "選定")


def _selected_by(view: SentenceView, before: int) -> list[Mention]:
    """経済産業省の支援事業に採択され、…: the authority (or the owner of its programme) a passive of selecting before
    token ``before`` names with に."""
    toks = view.toks
    for k in range(before - 1, -1, -1):
        if toks[k].lemma not in _SELECTING or not any(a.lemma in PASSIVE_AUX for a in _aux(view, k)):
            continue
        for c in view.children[k]:
            if c < k and view.particle(c) == "に":
                found = [m for m in conjuncts(view, c) or of_mention(view, c) if m.type in ("agency", "organization")]
                if found:
                    return found
    return []


def frame_relations(article: Article, view: SentenceView, frame: Frame, disc: Discourse,
                    inherited: list[Mention]) -> list[Relation]:
    toks = view.toks
    label = frame.label
    negated = frame.negated
    modality = frame.modality
    rule = "frame"
    subjects: list[Mention] = []
    group_of: dict[int, int] = {}  # id(mention) -> token of the subject argument it came with
    resolved = ""
    others: list[Arg] = []
    for a in frame.args:
        if a.role in SUBJECT_ROLES:
            ms = a.mentions  # references (同社, 両社) were resolved when the frame was built
            if a.resolved:
                resolved = a.resolved
            if not ms:
                # Xの設備投資額は…: the owner of a subject noun is the actor
                ms = of_mention(view, a.token)
            for m in ms:
                if m not in subjects:
                    subjects.append(m)
                    group_of[id(m)] = a.token
        else:
            others.append(a)
    # passive: AはBに買収された -> (B, 買収, A)
    if frame.passive:
        agents = [a for a in others if a.role in ("target", "agent", "source") and a.mentions
                  and any(m.type in ACTOR_TYPES for m in a.mentions)]
        if agents:
            agent = agents[0]
            if not subjects and main_clause(view, frame.pred):
                # 「NICTの『…事業』に採択され、…」: who is acted on goes unsaid, as an actor would (the speaker's
                # company in an answer, else the topic)
                subjects = [m for m in disc.unsaid_actors(bool(_quote_span(view, frame.pred))) if m.type in ACTOR_TYPES]
            others = [a for a in others if a is not agent] + [Arg("object", -1, subjects, "")]
            subjects = agent.mentions
        else:
            others = others + [Arg("object", -1, subjects, "")]
            subjects = []
    # light verb: Xの買収を発表 -> 買収する(X); Xの量産を目指す -> plan
    verb = toks[frame.pred]
    if "設立" in label and any(_compound_word(view, k).endswith("出資") and (
            view.particle(k) == "で" or (toks[k].dep == "advcl" and k < frame.pred)) for k in view.children[frame.pred]):
        label = "出資して" + label  # 折半出資で設立, 45%ずつを出資して設立する合弁会社: founders who own it
    if label in ("供与する", "導出する", "導入する", "許諾する") and "ライセンス" in view.sent.text:
        label = "ライセンス" + label  # …の権利を供与するライセンス契約: licensing, as the text calls it
    light = LIGHT_VERBS.get(verb.lemma) if verb.lemma in LIGHT_VERBS else None
    if light is not None:
        for a in list(others):
            obj = toks[a.token] if a.token >= 0 else None
            if ((a.role == "object" or (a.role == "place" and verb.lemma == "合意")
                 or (a.role == "target" and verb.lemma == "向ける")) and obj is not None
                    and not a.mentions and ("サ変" in obj.tag or verb.lemma in ("行う", "実施") and a.role == "object"
                                            and obj.pos == "NOUN" and "助数詞" not in obj.tag)):
                # (第一三共と共同販促を行う: 販促 is no サ変 word for Sudachi, but what is done is still the act)
                inner = of_mention(view, a.token)
                partners = [p for c in view.children[a.token] if view.particle(c) in ("との", "と")
                            for p in arg_mentions(view, c) or resolve_reference(view, c, disc, view.mentions)]
                label = predicate_label(view, a.token)
                if verb.lemma in _SAYING_WHAT:  # 承認を申請する: 承認申請する, both words
                    label = label[:-2] + predicate_label(view, frame.pred)
                rule = "light-verb"
                if light == "negated":
                    negated = True
                elif light == "plan":
                    modality = "plan"
                others.remove(a)
                if inner:
                    others.append(Arg("object", a.token, inner, "の"))
                if partners:
                    others.append(Arg("partner", a.token, partners, "との"))
                others.extend(Arg("target", c, [], view.particle(c)) for c in view.children[a.token]
                              if c < a.token and view.particle(c) in ("に", "への", "などへの", "などに"))
        if rule == "light-verb":
            # Xの研究開発に1兆円の支援を決めた: the act is for X
            for a in list(others):
                if a.role == "target" and not a.mentions and a.token >= 0 and toks[a.token].pos in ("NOUN", "PROPN"):
                    inner = [m for m in of_mention(view, a.token) if m.type in ACTOR_TYPES or m.type == "facility"]
                    if not inner:
                        inner = [m for m in arg_mentions(view, a.token) if m.type in ACTOR_TYPES]
                    if inner:
                        others[others.index(a)] = Arg("target", a.token, inner, a.particle)
    if verb.lemma in _CONCLUDING:
        label = agreement_label(view, frame.pred) or label
    if rule != "light-verb":
        # Xの生産能力を2倍に引き上げる: a change of what is made of X is an act on X
        for a in list(others):
            if a.role == "object" and a.token >= 0 and _compound_word(view, a.token) in CAPACITY_NOUNS:
                made = [m for m in a.mentions or of_mention(view, a.token) or [  # (XとYの: Y may be no entity)
                    view.mention(k) for c in view.children[a.token] if view.particle(c) == "の"
                    for k in view.children[c] if view.particle(k) in ("と", "や") and view.mention(k) is not None]
                    if m.type in ("technology", "product")]
                if made:
                    others[others.index(a)] = Arg("object", a.token, made, "の")
                    label = _compound_word(view, a.token) + "を" + label
    # 正極材は、…トヨタバッテリーに供給する: a thing as topic of an act towards an actor, with no actor of its own, is
    # what the act is on; the actor is omitted
    if subjects and not frame.passive and all(m.type in ("technology", "facility") for m in subjects) and all(
            a.particle == "は" and a.mentions for a in frame.args if a.role in SUBJECT_ROLES) and not any(
            a.role in ("source", "agent") for a in others) and any(  # (SMRは、NRCから承認を得た: the receiving rule's)
            a.role == "target" and any(m.type in ACTOR_TYPES for m in a.mentions) for a in others):
        others = others + [Arg("object", -1, subjects, "は")]
        subjects = []
    # no subject: inherited from the clause above (before the receiving rule, which needs one), but not into a
    # quotation from outside it (X社長は「Aと組み…」と話す: the speaker does not do what the quote says)
    quoted = _quote_span(view, frame.pred)
    if not subjects and inherited:
        subjects = [m for m in inherited if not quoted or quoted[0] <= m.start < quoted[1]]
    # XはYから命令/承認/出資を受けた: Y did it to X
    received: list[tuple[Mention, Mention]] = []
    if verb.lemma in ("受ける", "受け入れる", "得る", "取得") and not frame.passive:
        src = [a for a in others if a.role in ("source", "agent") and any(m.type in ACTOR_TYPES for m in a.mentions)]
        act = [a for a in frame.args if a.role == "object" and a.token >= 0 and "サ変" in toks[a.token].tag]
        granted = act and any(w in nfkc(toks[act[0].token].text) for w in GRANTING_VERBS)
        if not src and granted:
            # NEDOを通じて最大20億円の助成を受ける: the body a grant comes through gives it
            src = [a for a in others if a.role == "means" and a.particle == "を通じて"
                   and any(m.type in ("agency", "organization") for m in a.mentions)]
        if not src and act and (granted or nfkc(toks[act[0].token].text) == "支援"):
            # 経済産業省の支援事業に採択され、最大12億円の補助を受ける / NICTの…事業に採択され、約24億円の支援を
            # 受ける: the body that selected it gives it
            src = [Arg("source", -1, givers, "から") for givers in [_selected_by(view, frame.pred)] if givers]
        if src and act and not subjects and main_clause(view, frame.pred):
            # ――資金はどう集めますか。…JBICからも…の融資を受けます: the interviewee's company receives it (outside
            # an answer, the company the text is on: 本事業は…に採択され、…の補助を受ける)
            subjects = [m for m in disc.unsaid_actors() if m.type in ("company", "organization")][:1]
        if src and act and subjects:
            label = predicate_label(view, act[0].token)
            rule = "receive"
            owners = [o for m in subjects if m.type not in ACTOR_TYPES and m.span in view.head_of
                      for o in of_mention(view, view.head_of[m.span]) if o.type in ACTOR_TYPES]
            if owners and all(m.type not in ACTOR_TYPES for m in subjects):
                subjects = owners  # ニュースケールのSMRは、NRCから承認を得た: the company whose reactor it is
            # 遺伝子治療薬「X」について、厚労省から承認を取得した: what the approval is of
            about = [m for k in (frame.pred, view.heads[frame.pred]) for c in view.children[k]  # (or on 発表した)
                     if c < frame.pred and view.particle(c) in ("について", "につき")
                     for m in arg_mentions(view, c) if m.type in ("product", "technology", "facility")
                     and not any(w in label for w in GRANTING_VERBS + ("出資",))]  # (money goes to the company)
            others = [a for a in others if a is not src[0]] + [Arg("object", -1, about or subjects, "")]
            received = [(m, x) for m in subjects for a in others if a.role == "object"
                        for x in a.mentions if x.type == "amount" and "融資" in label]
            # (…から約1400億円の協調融資を受ける: the borrower's loan; a grant's amount stays the giver's)
            subjects = src[0].mentions
    named = _named_by_object(view, frame, label)  # 免許を交付する, 覚書を交わす, 協調融資を受ける
    if named:
        label = named + "を" + label
    # 「RK-418」について、…の開発・販売権を取得する: rights to a thing are an act on the thing
    if verb.lemma in RIGHTS_ACTS and not any(a.role == "object" and a.mentions for a in others) and any(
            a.role == "object" and a.token >= 0 and _compound_word(view, a.token).endswith(RIGHTS_NOUNS)
            for a in frame.args):
        about = [m for k in (frame.pred, *_ancestors(view, frame.pred, 3)) for c in view.children[k]
                 if c < frame.pred and view.particle(c) in ("について", "につき", "に関して")
                 for m in arg_mentions(view, c) if m.type in ("product", "technology")]
        if about:
            others = others + [Arg("object", -1, about, "")]
    # …基金から約45億円を助成する (no subject): the fund or body it comes from gives it
    if not subjects and not frame.passive and any(w in label for w in GRANTING_VERBS):
        givers = [a for a in others if a.role == "source" and a.mentions
                  and all(m.type in ("organization", "agency", "company") for m in a.mentions)]
        if givers:
            subjects = givers[0].mentions
            others = [a for a in others if a is not givers[0]]
    # no subject: the topic of the sentence before
    zero = False
    if (not subjects and disc.topic and main_clause(view, frame.pred) and not frame.passive
            and (not quoted or disc.speaker)
            and toks[frame.pred].start < view.first_actor_subject and not _unnamed_subject(view, frame)
            and not _thing_changes(view, frame, label) and not _place_topic(view, frame) and not _site_topic(frame)
            and label not in _PASSING_VERBS):
        # (a clause before the sentence's own actor: …を売却し、ライオンは…を絞った; in an answer the speaker's
        # company acts: 吉永氏「…KDDIとは提携済みで…」)
        # (inside an answer that runs over several sentences, the speaker's company still acts: 「…を購入する。
        # 整備はAが担い、…。地上局を建設し、…」, not the が-actor of the sentence before)
        subjects = disc.unsaid_actors(bool(quoted))
        own = [r for k in range(frame.pred) if nfkc(toks[k].text) == "同社" and view.particle(k) == "の"
               for r in resolve_reference(view, k, disc, view.mentions)][:1]
        if not quoted and own and own[0].name not in {m.name for m in subjects}:
            # 富士電機が受注した。…タービンを同社の川崎工場で製造する: whose plant it is made in makes it
            subjects = own
        lead = [m for m in disc.lead if m.type == "company"]
        if all(m.type == "person" for m in subjects) and any(w in label for w in BUSINESS_ACTS) and not any(
                w in label for w in PERSON_PREDICATES):
            # 桐生社長は「…。…に出荷したい」と述べた: the company ships, the one the text made the speaker an officer of
            # (住友化学で…を統括する森下浩二常務執行役員は…), else none
            employers = [disc.employer.get(m.name) for m in subjects]
            subjects = list(dict.fromkeys(employers)) if all(employers) else []
            if subjects:
                disc.topic = subjects  # (the text goes on about the company: 同社は…)
        if (disc.paragraph and lead and subjects and lead[0] not in subjects
                and all(m.type == "company" and m.name in disc.subordinate for m in subjects)
                and not any(w in label for w in SAYING + _SPEAKING)):
            # 同センターには子会社のXが…を供給し…。(new paragraph) 安全性の分野では、…を買収する: a paragraph that
            # opens with no subject goes back to the article's company, and the text goes on about it
            subjects = disc.topic = lead
        if lead and subjects and all(m.type == "agency" for m in subjects) and any(w in label for w in BUSINESS_ACTS):
            # 経済産業省は同計画を採択し…。…中部電力ミライズと提携し: a ministry's sentence does not make it the
            # one who goes on doing business; the article's company does
            subjects = lead
        zero = True
    out: list[Relation] = []
    regards = toks[frame.pred].lemma == "位置" and frame.pred + 1 < len(toks) and toks[frame.pred + 1].lemma in (
        "付ける", "づける")  # 柱と位置付ける: how the subject sees a thing, no act on it
    if label in _EMPTY_LABELS or regards or toks[frame.pred].lemma in PARTICLE_VERBS | _ORDER_VERBS or any(
            a.role == "target" and a.token >= 0 and nfkc(toks[a.token].text) in ROLE_WORDS for a in frame.args):
        return out  # Xを完全子会社にした, Xとあわせて, Xを傘下に持つ: the noun rules read these
    # と共同で: the partner does it too when there is an object; else partner is the tail
    partner_kinds = ACTOR_TYPES | ({"product", "facility", "event"} if any(w in label for w in RECIPROCAL) else set())
    partner_args = [Arg(a.role, a.token, [m for m in a.mentions if m.type in partner_kinds], a.particle)
                    for a in others if a.role == "partner"]  # 「プロジェクト・カイパー」とも提携
    partner_args = [a for a in partner_args if a.mentions]
    co = [a for a in others if a.role in ("place", "target") and a.token >= 0
          and (nfkc(toks[a.token].text) in JOINTLY or _compound_word(view, a.token) in JOINTLY)]
    for a in co:
        near = view.children[a.token] + [g for c in view.children[a.token] if c < a.token for g in view.children[c]]
        for c in near:  # (三井物産と|折半|出資で: the と-argument may hang on the compound's first word)
            joint = arg_mentions(view, c) if view.particle(c) in ("と", "とも") else []  # Aなど電力4社と共同で
            joint = [m for m in joint if m.type in ACTOR_TYPES]
            joint += [m for m in (listed_before(view, joint[-1]) if joint else []) if m not in joint]
            if joint:
                partner_args.append(Arg("partner", c, joint, "と" + _compound_word(view, a.token) + "で"))
    if co and not partner_args and len([m for m in subjects if m.type in ACTOR_TYPES]) == 2:
        # AとBが共同で申請した: the coordinated subjects are partners in it (of three or more, none is the hub)
        actors = [m for m in subjects if m.type in ACTOR_TYPES]
        out.extend(_rel(article, view.sent, actors[0], x, "共同で" + label, rule, "partner", 0.8) for x in actors[1:])
    if not subjects and partner_args and any(a.role == "object" and a.mentions for a in others):
        # A、Bと共同で整備した施設C (no subject in sight): the partners did it
        subjects = [m for a in partner_args for m in a.mentions]
        partner_args = []
    if rule == "light-verb" and not any(a.role == "object" and a.mentions for a in others):
        # CCS事業について、最終投資決定をした: an act noun on what the sentence is about
        for a in others:
            if a.role == "about" and a.particle in ("について", "に関して") and not a.mentions and a.token >= 0:
                inner = [view.mention(c) for c in view.children[a.token] if c < a.token and view.toks[c].dep == "compound"
                         and view.mention(c) is not None and view.mention(c).type in ("technology", "product", "facility")]
                if inner:
                    others = others + [Arg("object", a.token, inner[-1:], a.particle)]
                    break
    # Xの生産に向け / Xの開発のため: what the subject means to do to X
    for a in others:
        if a.role == "about" and not a.mentions and a.token >= 0 and "サ変" in toks[a.token].tag:
            inner = [m for m in of_mention(view, a.token) if m.type not in ("place", "amount")]
            if inner:
                others = others + [Arg("purpose", a.token, inner, a.particle)]
                purpose_label = predicate_label(view, a.token)
                # Bとの資本提携について…否定した: what is denied or given up is negated
                negated = negated or LIGHT_VERBS.get(toks[frame.pred].lemma) == "negated"
                break
    else:
        purpose_label = ""
    entity_objects = [a for a in others if a.role not in ("partner", "as", "means", "about") and a.mentions]
    # where it happens is not a relation (日本で発売): places only as targets of a clause with no object
    has_object = any(a.role == "object" and any(m.type != "amount" for m in a.mentions) for a in entity_objects)
    actor_target = any(a.role == "target" and any(m.type in ACTOR_TYPES for m in a.mentions) for a in entity_objects)
    kept = []
    siting_label = any(w in label for w in BUILDING_VERBS) or (
        any(w in label for w in SITING_VERBS) and _on_a_site(view, frame, others))
    for a in entity_objects:
        ms = a.mentions
        if a.role == "place":  # where it happens is no party (日本で発売), but where it is built is (Pで建設中)
            building = _building_after(view, a.token)
            counted_sites = a.token >= 0 and nfkc(view.toks[a.token].text) in _SITE_COUNTS  # PとQの2カ所で落札
            ms = [m for m in ms if m.type != "technology" and (m.type != "place" or siting_label or building
                                                               or counted_sites
                                                               or any(w in label for w in PRODUCING_VERBS))]
            if building and not siting_label:
                a = Arg("site", a.token, ms, building)  # 熊本県菊池市で建設中の新工場の稼働を前倒し
        elif a.role in ("target", "source") and has_object:
            # Xに工場を建設: where something is built stays; Xに部品を供給: only a customer
            siting = any(w in label for w in SITING_VERBS) and a.role == "target"
            installs = a.role == "target" and any(w in label for w in INSTALLING_VERBS)
            ms = [m for m in ms if m.type in ACTOR_TYPES or m.type == "amount" or (installs and m.type == "facility")
                  or (siting and m.type in ("place", "facility"))]  # (Xを朝霞工場に導入: the plant that takes it in)
        elif a.role == "object" and actor_target and not any(w in label for w in ORDERING_VERBS):
            ms = [m for m in ms if m.type not in ("technology",)]  # Xに炭素繊維を供給: the customer is the relation
            # (but Xに輸送船を発注: what is ordered from a maker is)
        if ms:
            kept.append(Arg(a.role, a.token, ms, a.particle, a.resolved))
    entity_objects = kept
    # 埼玉県川口市に拠点「川口ベース」を建設する: the facility is where the place says
    out.extend(siting_relations(article, view, label, [m for a in entity_objects if a.role == "object"
                                                       for m in a.mentions], entity_objects))
    if not subjects:
        return out  # (where a facility is needs no actor: …に「印西AIセンター」を建設して)
    for a in entity_objects:
        owned = []
        for m in a.mentions:
            h = view.head_of.get(m.span, -1)
            owner = [view.mention(c) for c in view.children[h] if c < h and view.mention(c) is not None
                     and view.particle(c) == "の" and view.mention(c).type in ("company", "organization")] if h >= 0 else []
            owned.extend(owner if (m.type == "facility" and owner and a.role == "target") else [m])
        a.mentions = owned
    # amounts with a non-entity object noun: 設備投資額を140億ドルに増やす -> 設備投資
    amount_label = ""
    has_amount = any(m.type == "amount" for a in entity_objects for m in a.mentions)
    if has_amount:
        for a in frame.args:
            if (a.role == "object" and not a.mentions and a.token >= 0 and toks[a.token].pos in ("NOUN", "PROPN")
                    and (_AMOUNT_NOUN_TAIL.search(nfkc(toks[a.token].text)) or "サ変" in toks[a.token].tag)):
                amount_label = _noun_label(view, a.token)  # not 同事業を…で売却 (the act is the label)
    common = {"negated": "true" if negated else "", "modality": modality, "resolved": resolved or
              ("topic" if zero else "")}
    conf = 0.8 if not (zero or resolved) else 0.6
    groups = sorted({group_of.get(id(x), -1) for x in subjects})

    def owns(s: Mention, a: Arg) -> bool:
        """AはXに、BもYに V: with several subject arguments, an argument belongs to the nearest one
        before it. Coordinated subjects (AとBは) are one argument and share everything."""
        if len(groups) < 2 or a.token < 0 or a.token > frame.pred:
            return True  # (the noun a relative clause describes is every subject's: Aが60%、Bが40%を出資するC)
        before = [g for g in groups if g < a.token]
        if not before:
            return True
        return group_of.get(id(s), -1) == max(before)

    reciprocal = any(w in label for w in RECIPROCAL)
    # AとBは…で連携する: coordinated actors of a reciprocal act are its two parties
    if reciprocal and not partner_args and not entity_objects and not (zero and is_headline(view)):
        # (## 苫小牧蓄電所向け供給契約: a section's heading names no parties; the topic's pair is not them)
        actors = [x for x in subjects if x.type in ACTOR_TYPES]
        # (A、B、Cの3社は…を統合する: each pair of them, when they are few)
        firsts = actors[:-1] if len(actors) <= 4 else actors[:1]
        for k, y in enumerate(firsts):
            for x in actors[k + 1:]:
                out.append(_rel(article, view.sent, y, x, label, "reciprocal", "partner", conf, **common))
    if reciprocal:
        # (Xは)AとBを経営統合させる: the coordinated objects are the two parties
        for a in entity_objects:
            parties = [m for m in a.mentions if m.type in ACTOR_TYPES]
            if a.role == "object" and len(parties) >= 2:
                for x in parties[1:]:
                    out.append(_rel(article, view.sent, parties[0], x, label, "reciprocal", "partner", conf, **common))
    def sale(parties: list[Mention], things: list[Mention], act: str) -> list[Relation]:
        """The other side of a transfer: who sold (AはBからXを取得) or who bought (AはXをBに売却)."""
        return [_rel(article, view.sent, b, x, act, "sale", "object", conf * 0.9, **common)
                for b in parties for x in things if x.span != b.span]

    if "調達" in label and any(m.type == "amount" for a in entity_objects if a.role == "object" for m in a.mentions):
        # AはBやCから約30億円を調達: B and C invested in A
        investors = [m for a in entity_objects if a.role == "source" for m in a.mentions if m.type in ACTOR_TYPES]
        out.extend(_rel(article, view.sent, b, s, "出資する", "funding", "object", conf * 0.9, **common)
                   for b in investors for s in subjects if s.type in ACTOR_TYPES and s.span != b.span)
        if investors:
            entity_objects = [a for a in entity_objects if a.role != "source"]
    if any(w in label for w in ("取得", "買収", "買い取", "譲り受け")):
        # AはBからXの全株式を取得: B sold X
        sellers = [m for a in others if a.role == "source" for m in a.mentions if m.type in ACTOR_TYPES]
        bought = [m for a in entity_objects if a.role == "object" for m in a.mentions if m.type in ACTOR_TYPES]
        out.extend(sale(sellers, bought, "売却する"))
        if sellers and bought:
            entity_objects = [a for a in entity_objects if a.role != "source"]  # JALが三菱商事から取得: no (JAL, 取得, 三菱商事)
    if not any(w in label for w in SAYING + _SPEAKING):
        # Aは傘下のBを通じてCを子会社化 / 子会社のBを通じてPに工場を建てる: B does it too (B holds C, B builds in P)
        vehicles = [m for a in others if a.role == "means" for m in a.mentions if m.type in ("company", "organization", "agency")]
        out.extend(_rel(article, view.sent, v, o, label, "vehicle", a.role, conf * 0.9, **common)
                   for v in vehicles for a in entity_objects if a.role in ("object", "target", "place", "site")
                   for o in a.mentions if o.span != v.span and o not in subjects)
    if "売却" in label or "譲渡" in label:
        # AはXをBに売却: B acquires X
        buyers = [m for a in entity_objects if a.role == "target" for m in a.mentions if m.type in ACTOR_TYPES]
        sold = [m for a in entity_objects if a.role == "object" for m in a.mentions if m.type != "amount"]
        out.extend(sale(buyers, sold, "取得する"))
    for s in subjects:
        if s.type not in ACTOR_TYPES and s.type != "product":
            continue
        for a in entity_objects:
            if not owns(s, a):
                continue
            for o in a.mentions:
                if o is s or o.span == s.span:
                    continue
                lab = amount_label if (o.type == "amount" and amount_label) else label
                if a.role == "purpose":
                    lab = purpose_label
                elif a.role == "site" and a.particle.endswith(("中", "予定")):
                    lab = a.particle.rstrip("中予定") + "する"  # Pで建設中の…: (X, 建設する, P)
                if s.type == "person" and (o.type not in ACTOR_TYPES or quoted) and not any(
                        w in label for w in PERSON_PREDICATES):
                    if not quoted and not any(w in label for w in SAYING + _SPEAKING):
                        # 社長のX氏は…に約350億円を投じる: the company does it (see executive_acts)
                        view.by_executives.append((s, o, lab, a.role, negated, modality))
                    continue  # (X社長は「…デンソー向けに出荷したい」: the company ships, not its president)
                out.append(_rel(article, view.sent, s, o, lab, rule, a.role, conf,
                                **{**common, "resolved": common["resolved"] or a.resolved}))
        for a in partner_args:
            for p in a.mentions:
                if p is s or p.span == s.span:
                    continue
                joint_act = label.startswith("共同")  # AはBと共同開発するXを: B develops X too
                # AはBと合弁会社「X」を設立: a joint venture is founded together
                venture = a.particle == "と" and any(oa.role == "object" and _joint_venture(view, oa) for oa in frame.args)
                if entity_objects and (not reciprocal or joint_act):
                    for oa in entity_objects:
                        for o in oa.mentions:
                            if o.span != p.span:
                                out.append(_rel(article, view.sent, p, o, label, rule, oa.role, conf * 0.9, **common))
                    if (a.particle[1:-1] in JOINTLY or joint_act or venture) and s.type in ACTOR_TYPES:
                        # AはBと共同でXを開発: A and B are partners in it too
                        lab = "合弁で" + label if venture else _joint_label(a.particle, label)
                        out.append(_rel(article, view.sent, s, p, lab, rule, "partner", conf, **common))
                else:
                    lab = _joint_label(a.particle, label)
                    out.append(_rel(article, view.sent, s, p, lab, rule, "partner", conf, **common))
    for m, x in received:
        out.append(_rel(article, view.sent, m, x, label.removesuffix("する") + "を受ける", rule, "object", conf * 0.9,
                        **common))
    return out


#: counted sites (PとQの2カ所で): the places are where the thing is, whatever the act
_SITE_COUNTS = {"カ所", "か所", "ヶ所", "箇所", "地点"}
#: what a site's figures measure (出力30万キロワットの発電所)
_SPEC_NOUNS = {"出力", "容量", "規模", "面積", "延べ床面積", "発電容量", "蓄電容量", "能力", "総出力"}
#: a place on a site: 美浜発電所の敷地内で, Pの拠点内に
_ON_SITE = ("敷地内", "構内", "跡地", "拠点内", "工場内", "施設内")


def _thing_changes(view: SentenceView, frame: Frame, label: str) -> bool:
    """実際の導入量は約60万キロワットにとどまる: a thing that changes by itself is the subject; no actor is omitted
    (but 安全対策費は…に膨らむ: a cost is the topic company's)."""
    toks = view.toks
    if label not in CHANGE_VERBS:
        return False
    # (…の世界市場は…に拡大する見通しだ: the parser may hang the topic on the noun the clause ends on)
    up = view.heads[frame.pred]
    hung = [c for c in view.children[up] if c < frame.pred and view.particle(c) == "は" and view.mention(c) is None
            ] if up != frame.pred and toks[up].pos == "NOUN" else []
    return any(
        a.role in SUBJECT_ROLES and a.token >= 0 and not a.mentions and not a.resolved
        and not _ACT_AMOUNT.search(_compound_word(view, a.token)) and not nfkc(toks[a.token].text).endswith("費")
        for a in frame.args) or any(not _ACT_AMOUNT.search(_compound_word(view, c)) for c in hung)


def _place_topic(view: SentenceView, frame: Frame) -> bool:
    """熊本県は…整備に約100億円を充てる方針だ: a place as the sentence's topic is the actor (its government), though
    the parser hangs it on the copula; the text's topic did not do it."""
    start = view.toks[frame.pred].start
    return any(m.type == "place" and m.start < start and m.span in view.head_of
               and view.particle(view.head_of[m.span]) == "は" for m in view.mentions)


def _site_word(view: SentenceView, i: int, more: tuple[str, ...] = ()) -> bool:
    """蓄電所, 研修施設, 新工場: a word for a site (a plant, a station, a base), named or not; ``more`` adds words
    for a place on one (美浜発電所の敷地内)."""
    return _compound_word(view, i).endswith(SITE_NOUNS + ("発電所", "蓄電所", "変電所") + more)


def _on_a_site(view: SentenceView, frame: Frame, args: list[Arg]) -> bool:
    """Pで計画する蓄電所, Pに持つ研修施設, Pで発電所を運営する: the act is about a site, so its place is where
    the site is (a place where something merely happens, 日本で発売, is no party)."""
    toks = view.toks
    pred = chained_clause(view, frame.pred)
    if toks[pred].dep == "acl":
        k = modified_noun(view, frame.pred)
        for _ in range(6):  # Pで計画する出力30万キロワット、容量…の蓄電所: past the site's figures
            if _site_word(view, k):
                return True
            up = view.heads[k]
            if up <= k or not (toks[k].pos == "NUM" or "助数詞" in toks[k].tag or toks[k].lemma in _SPEC_NOUNS):
                break
            k = up
    return any(a.role == "object" and a.token >= 0 and _site_word(view, a.token) for a in args)


def _joint_label(particle: str, label: str) -> str:
    """と共同で + 開発する -> 共同で開発する; と共に (共) reads as 共同で; other particles leave the label."""
    word = particle[1:-1]
    if word not in JOINTLY:
        return label
    if "出資" in word:
        label = label.removeprefix("出資して")  # 折半出資で設立する, not 折半出資で出資して設立する
    return ("共同" if word == "共" else word) + "で" + label


def _under_construction(toks: list[Token], k: int) -> str:
    """建設|中, 新設|予定 at token ``k``: the act and its state ('' when there is none)."""
    if k + 1 < len(toks) and toks[k].text in BUILDING_VERBS and toks[k + 1].text in ("中", "予定"):
        return toks[k].text + toks[k + 1].text
    return ""


def _building_after(view: SentenceView, i: int) -> str:
    """Pで|建設中の…: the building noun right after a place's particle ('' when there is none)."""
    toks = view.toks
    k = i + 1
    while k < len(toks) and toks[k].pos == "ADP" and toks[k].head == i:
        k += 1
    return _under_construction(toks, k)


def _quote_span(view: SentenceView, i: int) -> tuple[int, int] | None:
    """The character span of the 「…」 quotation token ``i`` stands in (a name in brackets is no quotation)."""
    at = view.toks[i].start
    return next((q for q in view.quotes() if q[0] <= at < q[1]), None)


def main_clause(view: SentenceView, i: int) -> bool:
    """Predicate ``i`` is the main clause or chained to it (…を投じて…に工場を建設する計画だ): an omitted
    subject there continues the text's topic."""
    if view.toks[i].lemma in _NOT_ACTS:
        return False
    cur = i
    for _ in range(8):
        if view.heads[cur] == cur:
            return True
        t = view.toks[cur]
        if any(view.toks[c].text in _CONDITIONAL for c in view.children[cur] if c > cur):
            return False  # …を見れば明らかだ: a condition, not what the actor did
        if t.dep in ("advcl", "conj", "xcomp", "ccomp") or (t.dep == "acl" and not is_relative_clause(view, cur)) or (
                t.dep == "obl" and (t.lemma in ("ほか", "他") or t.text in ("済み", "済"))) or (
                # (…を支払うほか、…を支払う: two acts of one actor; …と提携済みで、…も広げる: one done, one to come)
                t.dep == "acl" and _compound_word(view, view.heads[cur]).endswith(_AGREEMENTS)):
            cur = view.heads[cur]  # (…から10年間調達する|契約を結んだ: what the agreement is about is the act)
        elif t.dep == "obj" and _compound_word(view, cur).endswith(_AGREEMENTS):
            cur = view.heads[cur]
        elif t.dep in ("obj", "nsubj", "obl") and _compound_word(view, cur) in PLAN_NOUNS and not any(
                view.particle(c) in ("は", "が") and view.mention(c) is None for c in view.children[view.heads[cur]]):
            cur = view.heads[cur]  # …に建設する|計画を|明らかにした: the plan the main clause announces (not 政府は…方針を示した)
        else:
            return False
    return False


#: endings that make a clause a condition or a concession
_CONDITIONAL = {"ば", "たら", "なら", "ても", "でも", "けど", "けれど", "のに", "が"}
#: perception and cognition: what the writer sees or thinks, never an act of the text's actor
_NOT_ACTS = {"見る", "見える", "思う", "考える", "感じる", "分かる", "わかる", "言える", "いえる", "言う", "知る", "聞く"}
#: verbs of order or comparison: Xに続く柱, Xに次ぐ規模 are no acts between entities
_ORDER_VERBS = {"続く", "次ぐ", "並ぶ", "匹敵", "劣る", "勝る"}


def _root(view: SentenceView) -> int:
    return next((t.i for t in view.toks if t.head == t.i and t.dep == "ROOT"), 0)


#: acts that put something up where their で-place says (熊本県菊池市で建設中の新工場)
BUILDING_VERBS = ("建設", "建てる", "設ける", "設置", "開設", "新設", "整備", "増設", "建造", "立地")
#: acts said to be under way in one word (開発中, 建設中) before the thing they are on
_IN_PROGRESS_ACTS = BUILDING_VERBS + ("開発", "製造", "生産", "計画", "治験")
#: verbs that place a facility where their に/で argument says: 熊本県菊陽町に建設した工場
SITING_VERBS = BUILDING_VERBS + ("計画", "運転", "稼働", "置く", "持つ", "構える", "運営", "開所", "竣工", "完成", "ある", "位置",
                                 "備える", "有する", "開く")
#: verbs whose omitted subject in a clause on a thing is the actor of the sentence:
#: (JASMは)熊本県に建設した工場の開所式を開いた -> (JASM, 建設する, 工場)
MAKING_VERBS = tuple(v for v in SITING_VERBS if v not in ("ある", "位置", "計画")) + ("開発", "製造", "生産", "発売", "投入", "導入", "採用", "買収", "取得", "提供", "販売",
                               "打ち上げる", "設立", "創製", "試作", "量産", "開業", "出資", "手掛ける", "手がける")


def siting_relations(article: Article, view: SentenceView, label: str, facilities: list[Mention],
                     args: list[Arg]) -> list[Relation]:
    """北海道千歳市に建設した工場「IIM-1」, Pに拠点「X」を建設 -> (facility, 所在, the first place of ``args``)."""
    if not any(w in label for w in SITING_VERBS):
        return []
    places = [m for a in args if a.role in ("target", "place") for m in a.mentions if m.type == "place"]
    if not places:  # 京都府宇治市の旧工場跡地に開いた: the place that owns the spot
        places = [view.mention(c) for a in args if a.role in ("target", "place") and a.token >= 0 and not a.mentions
                  for c in view.children[a.token] if c < a.token and view.particle(c) == "の"
                  and view.mention(c) is not None and view.mention(c).type == "place"]
    return [_rel(article, view.sent, f, p, "所在", "siting", "place", 0.7)
            for f in facilities if f.type == "facility" for p in places[:1]]


def relative_clause_relations(article: Article, view: SentenceView, frame: Frame, disc: Discourse,
                              topic: list[Mention] | None = None) -> list[Relation] | None:
    """Aが開発したB -> (A, 開発する, B); 〜を手掛ける新興企業B -> B is the subject;
    Aが27%を出資するB -> B is the target; (Xは)…に建設した工場B -> (X, 建設する, B).

    None when the modified noun names no entity: the clause is then read as an ordinary frame."""
    toks = view.toks
    pred = toks[chained_clause(view, frame.pred)]
    if pred.dep != "acl":
        return None
    noun = modified_noun(view, frame.pred)
    target = named_in_brackets(view, conjuncts(view, noun))
    hop = noun
    for _ in range(2):  # 開発した新型の基幹ロケット「H3」: the clause may hang on a modifier of the name
        if target or view.heads[hop] == hop or hop - view.heads[hop] > 0 or view.heads[hop] - hop > 4:
            break
        hop = view.heads[hop]
        target = named_in_brackets(view, conjuncts(view, hop)) or ([bracket_child(view, hop)]
                                                                    if bracket_child(view, hop) else [])
    if not target:
        # 海中データセンター「Project Natick」: the name in brackets after the noun; 熊本に建設した
        # 熊本第1工場の開所式: the parser hung the clause on the noun after the name it describes
        for c in view.children[noun]:
            if view.mention(c) is not None and (c > noun or (frame.pred < c and view.particle(c) == "の")):
                target = named_in_brackets(view, [view.mention(c)])  # (…と位置付けるADC「X」の乳がん…)
                break
        if not target and noun + 2 < len(toks) and toks[noun + 1].text in ("「", "『"):
            m = view.mention(noun + 2)
            if m is not None:
                target = [m]
        end = view.clause_end(pred.i) + 1
        named = view.mention(end + 1) if end + 1 < len(toks) and toks[end].text in ("「", "『") else None
        if not target and named is not None and named.type in NAME_TYPES:
            target = [named]  # 同社が開発する「ブルーガム鉱山」産の精鉱: the name right after the clause
        after = view.mention(noun + 1) if noun + 1 < len(toks) and view.mention(noun) is None else None
        if not target and after is not None and after.start == toks[noun + 1].start and after.type in NAME_TYPES:
            target = [after]  # …が設立した技術研究組合HySTRA (the parser hung the name elsewhere)
        site = noun
        if view.particle(site) == "の" and _site_word(view, view.heads[site]) and view.heads[site] > site:
            site = view.heads[site]  # Pにあるカテーテルの主力拠点: the clause is on the site, not on what it makes
        if not target and site + 2 < len(toks) and toks[site + 1].text == "、" and _site_word(view, site):
            m = view.mention(site + 2)  # Pにある主力拠点、富士宮工場に: the site named after a comma
            if m is not None and m.type == "facility":
                target = [m]
    owned = view.mention(_past_gloss(view, noun) + 1) if view.particle(noun) == "の" else None
    if (target and pred.lemma in ("ある", "有る", "在る", "位置") and all(m.type in ACTOR_TYPES for m in target)
            and owned is not None and owned.type == "facility"):
        target = [owned]  # Pにある住友金属鉱山の東予工場: the plant is there, not its owner
    if target and all(m.type == "technology" for m in target) and view.particle(noun) == "の":
        # 開発したアンモニア燃料のタグボート「魁」: the named thing the technology describes
        up = view.heads[noun]
        named = bracket_child(view, up) or (view.mention(up) if view.mention(up) is not None
                                            and view.mention(up).type in ("product", "facility") else None)
        if named is not None and named.type in ("product", "facility"):
            target = [named]
    founded = frame.label in FOUNDING_LABELS and bool(target) and not any(m.type in ACTOR_TYPES for m in target)
    if founded and view.particle(noun) == "の":
        # Xは、Aが創業した蓄電池の開発会社だ: one founds a company, not a technology
        target, noun = [], view.heads[noun]
    if not target:
        # BはAが所管する投資会社だ/で、…: a clause on the predicate noun of a copula describes its topic
        copula = any(toks[c].dep == "cop" for c in view.children[noun]) or (
            view.particle(noun) == "で" and any(nfkc(toks[noun].text).endswith(d) for d in CATEGORY_NOUNS))
        if copula:
            for k in (noun, view.heads[noun]):
                for c in view.children[k]:
                    if c < frame.pred and view.particle(c) in ("は", "も") and view.mention(c) is not None:
                        target = conjuncts(view, c)
                        break
                if target:
                    # Xは、Aが創業した企業だ: the parser hangs the clause's が-actor on the copula's noun
                    slipped = [c for c in view.children[k] if c < frame.pred and view.particle(c) == "が"
                               and view.mention(c) is not None and view.mention(c).type in ACTOR_TYPES]
                    if slipped and not any(a.role in SUBJECT_ROLES and a.mentions for a in frame.args):
                        frame.args.append(Arg("subject", slipped[0], conjuncts(view, slipped[0]), "が"))
                    break
    if not target:
        return None
    has_subject = any(a.role in SUBJECT_ROLES and a.mentions for a in frame.args)
    has_object = any(a.role == "object" for a in frame.args)
    sited = siting_relations(article, view, frame.label, target, frame.args)
    if sited:  # the place is where the facility is, not a party of the act
        for a in frame.args:
            if a.role in ("target", "place"):
                a.mentions = [m for m in a.mentions if m.type != "place"]
    if frame.passive:
        # テネシー州で建設される発電所: the noun is what undergoes it
        frame.args.append(Arg("object", noun, target, ""))
        frame.passive = False
        agents = [a for a in frame.args if a.role in ("target", "agent") and a.particle in ("に", "によって", "により")
                  and a.mentions and all(m.type in ACTOR_TYPES for m in a.mentions)]
        if agents and not has_subject:
            # 2020年に日立製作所に買収されたABB: the agent of the passive acts, not the sentence's topic
            agents[-1].role = "subject"
            return sited + frame_relations(article, view, frame, disc, [])
        return sited + frame_relations(article, view, frame, disc, topic or [])
    if has_subject and not has_object:
        frame.args.append(Arg("object", noun, target, ""))
        return sited + frame_relations(article, view, frame, disc, [])
    if has_subject:
        # 日産が約27%を出資する三菱自動車工業: subject and object are there, the noun is the target
        if all(m.type in ACTOR_TYPES for m in target):
            frame.args.append(Arg("target", noun, target, ""))
            return sited + frame_relations(article, view, frame, disc, [])
        return sited
    if not has_subject and _unnamed_subject(view, frame):
        return sited  # 新興企業が開発した「X」: made by someone the text does not name, not by its topic
    if (not has_object and not any(m.type in ACTOR_TYPES for m in target)
            and any(w in frame.label for w in MAKING_VERBS)):
        # the sentence topic did it, else the partners named in the clause (A、Bと共同で整備した施設); with a partner
        # and no topic in the sentence, the text's company did it with them (英アストラゼネカと共同で開発した「X」の需要が)
        frame.args.append(Arg("object", noun, target, ""))
        joint = any(a.role in ("place", "target") and a.token >= 0 and nfkc(toks[a.token].text) in JOINTLY
                    for a in frame.args)
        actor = topic or ([m for m in disc.topic if m.type == "company"] if joint else [])
        return sited + frame_relations(article, view, frame, disc, actor)
    if not any(m.type in ACTOR_TYPES for m in target):
        return sited  # 欠陥を調べる検査装置「ACTIS」: what a thing does is a description, not a relation
    frame.args.append(Arg("subject", noun, target, ""))
    return sited + frame_relations(article, view, frame, disc, [])


#: rights to a thing (販売権, 開発・販売権, 独占権, ライセンス) and the acts of getting or granting them
RIGHTS_NOUNS = ("販売権", "開発権", "製造権", "実施権", "独占権", "商業化権", "権利", "ライセンス")
RIGHTS_ACTS = ("取得", "獲得", "得る", "導入", "譲り受ける", "供与", "付与", "許諾", "譲渡", "買い取る")
#: acts of giving money: with no subject, the source (…基金から助成する) is the giver
GRANTING_VERBS = ("助成", "補助", "融資", "拠出", "交付", "支給")
#: acts of putting equipment into a plant: Xを朝霞工場に導入
INSTALLING_VERBS = ("導入", "設置", "配備", "搭載", "納入", "供給", "投入", "採用")
#: acts by which a thing passes from its maker to its user (those that hand it over, then those that make it), and
#: acts of taking one in
HANDING_VERBS = ("供給", "納入", "提供", "販売", "納める")
SUPPLY_VERBS = HANDING_VERBS + ("製造", "生産", "開発", "採掘", "精製")
ADOPTION_VERBS = ("導入", "採用", "調達", "購入", "使う", "使用", "搭載", "受け入れる", "活用", "買う", "配備")


def beneficiary_relations(article: Article, view: SentenceView, frames: dict[int, Frame],
                          subject_of: dict[int, list[Mention]], disc: Discourse) -> list[Relation]:
    """両社は…工場を整備する計画で、経産省が最大1587億円を助成する: a grant with no receiver named goes to whoever
    acts in the clause before it (said or left to continue the topic)."""
    out: list[Relation] = []
    for i, f in frames.items():
        if not any(w in f.label for w in GRANTING_VERBS) or f.negated or is_relative_clause(view, i):
            continue
        if any(a.role in ("target", "object") and _actors(a) for a in f.args):
            continue
        lending = "融資" in f.label
        givers = [m for a in f.args if a.role in SUBJECT_ROLES and (a.particle in ("が", "も") or lending)
                  for m in a.mentions if m.type in ("agency", "organization", "company")]  # (銀行は…を融資する)
        at = view.head_of.get(givers[0].span, i) if givers else i
        if not givers:  # 経産省は新会社を支援の対象とし、…を補助する方針だ: the giver said above
            givers = [m for m in subject_of.get(i, []) if m.type in ("agency", "organization")
                      or lending and m.type == "company"]  # (銀行は協調融資団を組み、…を融資する)
        if not givers:
            continue
        before = [k for k in frames if k < i and not is_relative_clause(view, k) and k < at]
        # (経産省は新会社を支援の対象とし、…を補助する: what the clause before names as its object)
        named = [m for k in before[-1:] for a in frames[k].args if a.role == "object" and a.mentions
                 for m in a.mentions if m.type in ("company", "organization")]
        takers = [m for k in before[-1:] for m in named or subject_of.get(k) or disc.topic
                  if m.type in ("company", "organization") and all(m.name != g.name for g in givers)]
        resolved = "clause"
        if not takers and not any(a.role == "target" and (a.mentions or a.token < 0 or nfkc(
                view.toks[a.token].text) not in _SPENDING) for a in f.args) and all(g.type == "agency" for g in givers):
            # (設備投資の一部には、経産省が…を補助する: the spending of the company the text is on)
            # USJCは…約150億円を投じる。経済産業省は…、このうち最大50億円を補助する: an authority's grant with no
            # receiver said goes to the company the text is on
            takers = [m for m in disc.topic if m.type == "company"][:1]
            resolved = "topic"
        if not takers and lending and not any(a.role == "target" for a in f.args):
            # 事業会社「X」が建設と運営を担う。…DBJと秋田銀行は…計約250億円を融資する: a loan with no borrower said
            # goes to the company just set up for the project
            takers = [m for m in disc.new_company if all(m.name != g.name for g in givers)]
            resolved = "topic"
        out.extend(_rel(article, view.sent, g, m, f.label, "beneficiary", "target", 0.6, resolved=resolved)
                   for g in givers for m in takers)
    return out


#: what a grant may go to without naming who spends it (設備投資の一部に…を補助する)
_SPENDING = ("一部", "費用", "設備投資", "投資", "事業費", "建設費", "開発費")


#: acts that come with each party's share: Aが60%、Bが40%を出資する
SHARE_ACTS = ("出資", "保有", "取得", "持つ")


def share_relations(article: Article, view: SentenceView, frames: dict[int, Frame],
                    disc: Discourse | None = None) -> list[Relation]:
    """豊田通商が60%、ノーザン・フェライトが40%を出資する: the share right after each party (Aが60%、) is that party's,
    whichever frame the parser hung the pair on. 出資比率はAが40%、Bが35%。 (no verb): each party holds its share
    of the company just introduced (共同出資会社の X, 新会社「X」)."""
    out: list[Relation] = []
    toks = view.toks
    pairs: list[tuple[Mention, Mention, int, bool]] = []
    for m in view.mentions:
        if m.type not in ("company", "organization", "agency") or m.span not in view.head_of:
            continue
        k = _past_gloss(view, view.head_of[m.span])
        if k + 1 >= len(toks) or toks[k].text != "が":
            continue
        share = view.mention(k + 1)
        if share is None or share.type != "amount" or share.attr("unit") != "%":
            continue
        end = _at_range(view, share)[1]
        if end + 1 < len(toks):
            pairs.append((m, share, end, toks[end + 1].text in ("、", "，")))
    if not any(listed for *_, listed in pairs):
        return []  # (Aが40%を出資する alone: the frame's own object)
    ratio = next((t.i for t in toks if view.particle(t.i) == "は" and t.i < pairs[0][2]
                  and _compound_word(view, t.i).endswith(SHARE_RATIO_NOUNS)), None)
    # 合弁会社「X」を設立し、Aが60%、Bが40%を出資する: the company the sentence set up before the pairs
    founded = [o for f in frames.values() if any(w in f.label for w in ("設立", "発足")) for a in f.args
               if a.role == "object" for o in a.mentions if o.type == "company" and o.end <= pairs[0][0].start]
    # Xの出資比率は: X; else the company the text just introduced (新会社「X」を発足させ、出資比率は…)
    owned = ([m for m in of_mention(view, ratio) if m.type == "company"] or [
        c for c in (disc.new_company if disc is not None else []) if c.type == "company"] or founded[:1]
             ) if ratio is not None else []
    # 新会社の資本金は30億円で、当社が51%、Bが49%を出資します: the capital of the company just introduced
    capital = any(view.particle(x.i) == "は" and _compound_word(view, x.i).endswith("資本金") and x.i < pairs[0][2]
                  for x in toks)
    funded = founded[:1] or ([c for c in disc.new_company if c.type == "company"][:1]
                             if capital and disc is not None else [])
    for m, share, end, _ in pairs:
        verb = next((i for i in sorted(frames) if i > end and any(w in frames[i].label for w in SHARE_ACTS)), None)
        if verb is not None and not frames[verb].negated:
            out.append(_rel(article, view.sent, m, share, frames[verb].label, "share", "object", 0.7))
            if not any(a.role == "target" and a.mentions for a in frames[verb].args):
                out.extend(_rel(article, view.sent, m, c, frames[verb].label, "share", "target", 0.6,
                                resolved="" if c in founded else "資本金")
                           for c in funded if c.span != m.span)
        elif verb is None and ratio is not None:
            out.append(_rel(article, view.sent, m, share, "出資する", "share", "object", 0.7))
            out.extend(_rel(article, view.sent, m, c, "出資する", "share", "target", 0.6,
                            resolved="" if c in view.mentions else _compound_word(view, ratio))
                       for c in owned if c.span != m.span)
    return out


def supplier_relations(article: Article, view: SentenceView, frames: dict[int, Frame],
                       subject_of: dict[int, list[Mention]], topic: list[Mention]) -> list[Relation]:
    """三井E&Sが供給するクレーンを宇徳が導入する: the maker of a thing (named or not) supplies whoever takes it in."""
    out: list[Relation] = []
    for i, f in frames.items():
        if not is_relative_clause(view, i) or not any(w in f.label for w in SUPPLY_VERBS) or f.negated:
            continue
        makers = [m for a in f.args if a.role == "subject" and a.particle == "が" for m in a.mentions
                  if m.type in ("company", "organization")]
        noun = modified_noun(view, i)
        for _ in range(3):  # 供給する遠隔操作式の|クレーン8基を: the thing may be a few の-links up
            if view.particle(noun) not in ("の", "") or view.heads[noun] <= noun or view.mention(noun) is not None:
                break
            noun = view.heads[noun]
        user = view.heads[noun]
        named = view.mention(noun) or bracket_child(view, noun)
        if (not makers or (named is not None and named.type not in ("technology", "product"))
                or view.particle(noun) != "を" or user not in frames):
            continue  # (a named thing too: Aが生産する人造黒鉛を購入する B: A supplies B)
        g = frames[user]
        if not any(w in g.label for w in ADOPTION_VERBS) or g.negated or g.passive:
            continue
        own = [m for a in g.args if a.role in SUBJECT_ROLES for m in a.mentions]
        takers = [m for m in own or subject_of.get(user) or [m for m in topic if m.start < view.toks[user].start]
                  if m.type in ("company", "organization", "agency") and m not in makers]
        label = f.label if any(w in f.label for w in HANDING_VERBS) else "供給する"
        out.extend(_rel(article, view.sent, m, t, label, "supplier", "target", 0.6, modality=g.modality)
                   for m in makers for t in takers)
    return out


def in_progress(view: SentenceView, frames: dict[int, Frame], disc: Discourse) -> None:
    """Aがテキサス州で建設中のLNG基地「X」から…を調達する: the parser makes A the subject of the main verb; A is
    the subject of 建設中 only. Noted on the view for :func:`in_progress_relations`; A leaves the main frame."""
    toks = view.toks
    view.in_progress = []
    for k in range(1, len(toks) - 1):
        word = nfkc(toks[k].text)
        stem = word.rstrip("中予定")
        single = word.endswith(("中", "予定")) and stem in _IN_PROGRESS_ACTS  # (Xが開発中の「Y」: one word to Sudachi)
        if not (_under_construction(toks, k - 1) or single) or toks[k + 1].text != "の":
            continue
        places: list[Mention] = []
        actors: list[Mention] = []
        j = k - 1 if single else k - 2
        while j >= 0 and toks[j].pos in ("ADP", "PUNCT", "NOUN", "PROPN", "NUM", "SYM", "ADJ") and toks[j].text not in (
                "は", "、"):
            m = view.mention(j)
            if m is not None and view.head_of.get(m.span) == j:
                if view.particle(j) in ("で", "に") and m.type in ("place", "facility"):
                    places.append(m)
                elif view.particle(j) == "が" and m.type in ("company", "organization", "agency"):
                    actors = conjuncts(view, j)
                    # (the main verb's subject and site are someone else's)
                    _release(frames, {j} | {view.head_of[p.span] for p in places if p.span in view.head_of}, after=k)
                    break
            j -= 1
        if actors or places:
            view.in_progress.append((actors, (stem if single else toks[k - 1].text) + "する", k, places))


def in_progress_relations(article: Article, view: SentenceView, topic: list[Mention]) -> list[Relation]:
    """The relations noted by :func:`in_progress`: (A, 建設する, the named thing after の) and where it is; with no
    A, the sentence's topic builds at the place (信越化学工業は…伊勢崎市に建設中の新工場で)."""
    out: list[Relation] = []
    toks = view.toks
    for actors, label, k, places in view.in_progress:
        named = None
        for j in range(k + 2, min(k + 10, len(toks))):
            m = view.mention(j) or bracket_child(view, j)
            if m is not None and m.type in ("facility", "product"):
                last = _at_range(view, m)[1] if view.mention(j) is m else j
                named = bracket_child(view, last) or m  # LNG輸出基地「リオグランデLNG」: the name, not the kind
                break
            if toks[j].pos not in ("NOUN", "PROPN") and toks[j].text not in ("「", "『"):
                break
        actors = actors or [m for m in topic if m.start < toks[k].start and m.type in ("company", "organization")]
        for a in actors:
            for t in [named] if named is not None else places:
                out.append(_rel(article, view.sent, a, t, label, "in-progress", "object" if t is named else "site", 0.7))
        if named is not None:
            out.extend(_rel(article, view.sent, named, p, "所在", "siting", "place", 0.7) for p in places
                       if p.type == "place")
    return out


#: offices of an association (一般社団法人), not of a company or a ministry
ORGANIZATION_TITLES = ("代表理事", "理事長")
#: the heads of a prefecture, a city, a town, a village or a ward
_LOCAL_TITLES = {"知事", "市長", "町長", "村長", "区長"}


def gloss_officers(article: Article, view: SentenceView) -> list[Relation]:
    """X株式会社（本社：東京都千代田区、代表取締役社長：北村晴彦、以下「当社」）: a press release's gloss gives the
    officer of the company before it, title, colon, name."""
    out: list[Relation] = []
    toks = view.toks
    for t in toks:
        person = view.mention(t.i + 2) if t.i + 2 < len(toks) else None
        if (person is None or person.type != "person" or nfkc(toks[t.i + 1].text) != ":" or not any(
                nfkc(t.text).endswith(w) for w, kind in ROLE_WORDS.items() if kind == "holder")):
            continue  # (代表取締役社長, one word to Sudachi)
        k = t.i - 1
        while k > 0 and toks[k].text not in ("（", "(", "）", ")", "。"):
            k -= 1
        owner = view.mention(k - 1) if k > 0 and toks[k].text in ("（", "(") else None
        if owner is not None and owner.type in ("company", "organization"):
            out.append(_rel(article, view.sent, person, owner, _compound_word(view, t.i), "nominal", "holder", 0.8))
    return out


def nominal_relations(article: Article, view: SentenceView, disc: Discourse,
                      topic: list[Mention] | None = None) -> list[Relation]:
    """Aの子会社であるB, A親会社のB, A創業者のB氏, A傘下のB, Aのロール B."""
    out: list[Relation] = []
    toks = view.toks
    for t in toks:
        word = nfkc(t.text)
        if word == "会社" and t.i > 0 and toks[t.i - 1].text.endswith("子") and view.mention(t.i - 1) is None:
            word = "子会社"  # 米子|会社: Sudachi reads 米 + 子会社 as the city of 米子
        elif word not in ROLE_WORDS and _compound_word(view, t.i) in ROLE_WORDS:
            word = _compound_word(view, t.i)  # 共同|出資|会社
        elif word == "法人" and t.i > 0 and nfkc(toks[t.i - 1].text) + word in ROLE_WORDS:
            word = nfkc(toks[t.i - 1].text) + word  # 日本(a place)|法人: a subsidiary in that country
        elif word == "長" and t.i > 0 and split_president(toks, t.i - 1) and toks[t.i - 1].end == t.start:
            word = "社長"  # (滝野十一|社|長)
        kind = ROLE_WORDS.get(word)
        if kind is None:
            continue
        named = view.mention(t.i)
        if word == "グループ" and not (named is not None and named.source.startswith("suffix")
                                    and view.particle(t.i) == "の"):
            continue  # 味の素グループの味の素ファインテクノ (not GMOインターネットグループ, a name of its own)
        topic = topic or []
        owner = [m for m in of_mention(view, t.i) if m.type in ACTOR_TYPES] or [
            m for m in nested_of(view, t.i, 2) if m.type in ACTOR_TYPES] or _owner_before(view, t.i)
        if owner and kind in ("owner", "parent"):
            # AとBの合弁会社: the parser hangs A on the role word beside B
            owner = [cm for c in view.children[t.i] if c < t.i and view.particle(c) == "と"
                     and (cm := view.mention(c)) is not None and cm.type in ACTOR_TYPES and cm not in owner] + owner
        if kind == "owner" and len(owner) > 1 and word not in JOINT_OWNED:
            between = view.sent.text[min(m.end for m in owner) - view.sent.start:max(m.start for m in owner)
                                     - view.sent.start]
            if not re.search(r"と|や|及び|および|・", between):
                owner = [max(owner, key=lambda m: m.start)]  # 出資したA、B、CのCVCであるX: only C owns X
        if not owner and t.i > 0:
            m = view.mention(_before_gloss(view, t.i - 1))  # (聯華電子（UMC）傘下の: the name before its gloss)
            if m is not None and m.type != "place":  # 米国子会社の…: where, not whose
                owner = [m]
            elif m is None and nfkc(toks[t.i - 1].text) in REFERENCES:
                owner = resolve_reference(view, t.i - 1, disc, view.mentions)[:1]  # 同社傘下の…
            elif (k := _of_before(view, t.i)) >= 0 and nfkc(toks[k].text) in ("同社", "同グループ"):
                owner = resolve_reference(view, k, disc, view.mentions)[:1]  # Aと、同社の最高経営責任者である…氏
        if not owner and kind == "holder":
            k = _of_before(view, t.i)  # 新会社の社長: the company just introduced as new
            if k >= 0 and (nfkc(toks[k].text) in NEW_COMPANY_REFERENCES or toks[k].text == "会社" and k > 0
                           and toks[k - 1].text == "新"):
                owner = resolve_reference(view, k, disc, view.mentions)[:1]
        implicit = False
        other: list[Mention] = []
        verb = view.heads[t.i]
        if (not owner and t.dep == "obl" and view.particle(t.i) == "に" and toks[verb].lemma in ("する", "為る")
                and kind == "owner"):
            # AはBを子会社にした: the subject owns the object
            for c in view.children[verb]:
                if view.particle(c) in ("は", "が") and view.mention(c) is not None:
                    owner = conjuncts(view, c)
                elif view.particle(c) == "を" and view.mention(c) is not None:
                    other = conjuncts(view, c)
            if not other:
                owner = []
        if (not owner and t.dep == "obl" and view.particle(t.i) == "に" and toks[verb].lemma in ("持つ", "置く", "収める")
                and kind == "owner"):
            # イトーヨーカ堂などを傘下に持つヨークHD / AはBを傘下に置く
            other = [m for c in view.children[verb] if c < verb and view.particle(c) in ("を", "などを")
                     for m in (conjuncts(view, c) or enumerated(view, c))]
            if toks[verb].dep == "acl":
                owner = conjuncts(view, view.heads[verb])
            else:
                owner = [m for c in view.children[verb] if view.particle(c) in ("は", "が") for m in conjuncts(view, c)]
            if not other:
                owner = []
        if not owner and t.dep == "ROOT" and kind == "owner":
            # キリン、ファンケルを完全子会社に (a headline)
            other = [m for c in view.children[t.i] if view.particle(c) == "を" for m in conjuncts(view, c)]
            owner = headline_subject(view) if other else []
        if toks[verb].lemma in PLAN_NOUNS and t.dep == "obl":  # 社長には…氏が就任する予定だ: hung on the plan
            verb = next((c for c in view.children[verb] if toks[c].dep == "acl" and toks[c].lemma in ("就任", "就く")),
                        verb)
        took_office = (t.dep == "obl" and view.particle(t.i) in ("に", "には") and toks[verb].lemma in ("就任", "就く")
                       and kind == "holder")
        of_after = _past_gloss(view, t.i)  # 最高経営責任者（CEO）の…氏, コーポレートベンチャーキャピタル（CVC）である: past the gloss
        copular = of_after + 1 < len(toks) and toks[of_after].text == "で" and toks[of_after + 1].lemma == "ある"
        glued = (word.endswith("子会社") and view.mention(t.i + 1) is not None  # 英子会社オーチャード
                 and view.mention(t.i + 1).type == "company")
        if (kind == "holder" and of_after + 1 < len(toks) and toks[of_after].text == "で"
                and ROLE_WORDS.get(nfkc(toks[of_after + 1].text)) == "holder"):
            of_after = _past_gloss(view, of_after + 1)  # 創業者で最高経営責任者の…氏: two titles of one person
        if not owner and ((of_after < len(toks) and toks[of_after].text == "の") or took_office or copular or glued):
            # 社長の今井正氏, 子会社の日立ハイテク, 社長に就任したX: the company the text is about (this
            # sentence's first, else the one before)
            kinds = ("company", "organization", "agency")
            # 味の素が…を持ち、米国子会社のXを通じて: this sentence's subject before the role word, the nearest
            # (中部電力は…設け、東京ガスは子会社のXを通じて: 東京ガス), else the sentence topic
            before = [m for m in view.mentions if m.start < t.start and m.type in kinds and m.span in view.head_of
                      and view.particle(view.head_of[m.span]) in ("が", "は", "では", "も")
                      and not (_attributive(view, view.heads[view.head_of[m.span]])  # (not スペースXが開発した…)
                               and view.heads[view.head_of[m.span]] - view.head_of[m.span] <= 2)][-1:]
            if not before:
                before = [m for m in topic if m.start < t.start and m.type in kinds]
            if not before:
                # 九州電力の再エネ事業は、子会社のXを中心に…: the owner of the sentence's topic noun
                before = [m for m in view.mentions if m.start < t.start and m.type in kinds and m.span in view.head_of
                          and view.particle(view.head_of[m.span]) == "の"
                          and view.particle(view.heads[view.head_of[m.span]]) == "は"][:1]
            if not before and any(m.type == "person" for m in topic):
                # キリンHD社長の南方健志氏は、医薬品子会社の協和キリン…: the person's company
                before = [m for m in view.mentions if m.start < t.start and m.type in kinds][:1]
            if not before and kind == "holder":
                # 社長の村瀬康弘氏は: the article's company; but 創業者で最高経営責任者の…氏 founded the company the
                # text is on now (a startup a paragraph introduces)
                founder = word in ("創業者", "共同創業者") or nfkc(toks[t.i - 2].text if t.i >= 2 else "").endswith("創業者")
                before = ([m for m in disc.topic if m.type == "company"][:1] if founder else []) or disc.main_actor(
                    ("company",))
                if took_office and view.particle(t.i) == "には":
                    # 社長には…氏が就任する予定だ / 代表理事にはX氏が就く: an office announced for what was just set up
                    # (新会社「X」, 新団体「X」), not for whichever company the text is on
                    office = ("organization",) if word in ORGANIZATION_TITLES else kinds
                    before = [m for m in disc.new_company + disc.founded if m.type in office][:1]
                    if not before:
                        continue
            if not before and kind == "owner" and disc.topic and all(m.type == "agency" for m in disc.topic):
                # 経済産業省は…助成する。…製錬子会社Xから調達する: a ministry owns no subsidiary; the company the text
                # is on does
                before = disc.main_actor(("company",))
            if not before and kind == "owner" and (employer := disc.topic_employer()) is not None:
                before = [employer]  # ispace創業者の袴田武史氏は…。米国の子会社であるispace U.S.は: the person's company
            owner = (before or [m for m in disc.topic if m.type in kinds])[:1]
            if word in ("合弁会社", "共同出資会社") and owner:
                owner = [m for m in conjuncts(view, view.head_of.get(owner[0].span, -1)) if m.type in kinds] or owner
            implicit = True
            if took_office:
                if toks[verb].dep == "acl":
                    other = [m for m in conjuncts(view, view.heads[verb]) if m.type == "person"]
                if not other:  # (…氏が就任する予定だ: the clause is on 予定, the person is its own)
                    other = [m for c in view.children[verb] if view.particle(c) in ("は", "が")
                             for m in conjuncts(view, c) if m.type == "person"]
        titled = view.mention(t.i)
        if kind == "holder" and titled is not None and titled.type == "person":
            owner = [o for o in owner if o.type != "person"]
            k = _of_before(view, t.i)
            if not owner and k >= 0 and nfkc(toks[k].text) in REFERENCES:
                owner = resolve_reference(view, k, disc, view.mentions)[:1]  # 同社の岡村直樹社長CEO
        if not owner and kind == "holder" and titled is not None and titled.type == "person":
            # サイクリスタルのマルクス・ヴェーバー最高経営責任者: the company right before the person
            p0 = _at_range(view, titled)[0]
            before = view.mention(p0 - 2) if p0 >= 2 and toks[p0 - 1].text == "の" else None
            if before is not None and (before.type in ("company", "organization", "agency")
                                       or before.type == "place" and word in _LOCAL_TITLES):
                owner = [before]  # (石川県の馳浩知事: a governor's office is the prefecture's)
        if not owner and kind == "holder" and titled is not None and titled.type == "person":
            # NTTで研究開発部門を率いる川島健吾常務: the company of the clause that says what the person leads
            ph = view.head_of.get(titled.span, t.i)
            clauses = [c for k in {ph, t.i} for c in view.children[k] if toks[c].dep == "acl" and c < ph]
            owner = [m for v in clauses for g in view.children[v] if g < v and view.particle(g) in ("で", "では")
                     for m in conjuncts(view, g) if m.type in ("company", "organization", "agency")][:1]
        if (not owner and word in CORPORATE_TITLES and titled is not None and titled.type == "person"
                and not any(m.type in ("company", "organization", "agency") and m.start < t.start
                            for m in view.mentions)):
            # 三浦拓也社長は「…」と話す: the company the text is on (the sentence before's, else the article's)
            owner = [m for m in disc.topic if m.type == "company"][:1] or disc.main_actor(("company",))
            implicit = True
        elif not owner and word in CORPORATE_TITLES and titled is not None and titled.type == "person":
            # ガリアテックは…スタートアップで、創業者の三宅沙織社長は: the one company before, the sentence's topic
            before = [m for m in view.mentions if m.type == "company" and m.start < t.start]
            if len(before) == 1 and view.particle(view.head_of.get(before[0].span, -1)) == "は":
                owner = before
                implicit = True
        if not owner:
            continue
        # B: the noun the role word modifies (である/の B), or the subject of a copula (BはAの子会社だ)
        if kind == "holder" and titled is not None and titled.type == "person":
            other = [titled]  # Aの佐藤恒治社長: the title stands for the person before it
            owner = [o for o in owner if o.type != "person"]
        if not other and kind == "holder" and t.i + 2 < len(toks) and toks[t.i + 1].text == "、":
            # テスラの共同創業者、J・B・ストローベル氏: the person named after the comma
            m = view.mention(t.i + 2)
            if m is not None and m.type == "person":
                other = [m]
        described = view.mention(of_after + 2) if copular else None
        if not other and kind in ("owner", "parent") and described is not None and described.type in (
                "company", "organization"):
            # 当社の親会社である大塚ホールディングス|傘下の大塚化学: the name right after である, not the one its
            # noun phrase ends on
            other = [described]
        if not other and t.dep in ("acl", "nmod", "compound", "appos") and t.head != t.i:
            # MDC傘下の住宅ブランド「リッチモンド・アメリカン・ホームズ」: the name in brackets
            other = named_in_brackets(view, conjuncts(view, view.heads[t.i])) or (
                [bracket_child(view, view.heads[t.i])] if bracket_child(view, view.heads[t.i]) else [])
            other = [m for m in other if m not in owner]  # (X（略称）|傘下: the parser hung the role word on X)
            h = view.heads[t.i]
            if (not other or all(m.type == "place" for m in other)) and view.particle(h) == "の" and (
                    view.mention(h) is not None or nfkc(toks[h].text).endswith(COMPANY_DESCRIPTORS)):
                # 出資先であるカナダの|エバー・テクノロジーズ, 筆頭株主である投資ファンドの|X
                other = conjuncts(view, view.heads[h])
            nxt = view.mention(t.i + 2) if t.i + 2 < len(toks) and toks[t.i + 1].text == "の" else None
            if not any(m.type in ACTOR_TYPES for m in other) and nxt is not None and nxt.type in ACTOR_TYPES:
                other = [nxt]  # 子会社の|X: the name right after it, whatever the parser hung the phrase on
            if not other and view.mention(h) is None and nfkc(toks[h].text).endswith(COMPANY_DESCRIPTORS):
                # A傘下の電池メーカー、AESCジャパンは: the name after the comma; A傘下の電池メーカーであるB: after である
                comma = h + 2 < len(toks) and toks[h + 1].text == "、"
                copula = h + 3 < len(toks) and toks[h + 1].text == "で" and toks[h + 2].lemma == "ある"
                named = view.mention(h + 2) if comma else view.mention(h + 3) if copula else None
                if named is not None and (comma or named.type in ("company", "organization")):
                    other = [named]
        if not other and kind == "origin":
            k = t.i + 1  # 九州大学|発(obl)|スタートアップの|X: the parser did not hang X on 発
            while k < min(t.i + 4, len(toks)) and toks[k].text in ("スタートアップ", "ベンチャー", "企業", "の"):
                k += 1
            other = [view.mention(k)] if k < len(toks) and view.mention(k) is not None else []
            noun = k - 1
            later = [m for m in view.mentions if k < len(toks) and toks[k].text == "で" and m.start > toks[k].start
                     and m.type in ("company", "organization") and m.span in view.head_of
                     and _after(view, view.head_of[m.span]) == "を"]
            if not other and later:
                other = later[:1]  # Aは…、東北大学発のスタートアップで、…を持つネクサボンドを買収する: what is described
            if not other and k < len(toks) and toks[k].text in ("で", "だ", "です") and noun > t.i:
                # 同社は東京大学発のスタートアップで、: the topic of the copula is the spin-off
                for c in view.children[noun] + view.children[view.heads[noun]]:
                    if c < t.i and view.particle(c) == "は":
                        other = conjuncts(view, c) or (resolve_reference(view, c, disc, view.mentions)[:1]
                                                       if disc is not None else [])
        if not other and any(toks[c].dep == "cop" for c in view.children[t.i]):
            for c in view.children[t.i]:
                if toks[c].dep == "nsubj" and view.mention(c) is not None:
                    other = conjuncts(view, c)
        if not other and t.dep == "obl" and view.particle(t.i) in ("に", "で", "には"):
            # Aの傘下にあるB / BはAの傘下に入った / BはA傘下で…を手がける / Aの社長にはBが就く
            verb = view.heads[t.i]
            if toks[verb].dep == "acl":
                k = view.heads[verb]
                other = conjuncts(view, k)
                if not other and kind == "holder" and view.particle(k) == "の":
                    # 社長に就く三菱マテリアル出身の|小田切浩二氏: the person past what describes him
                    other = [m for m in conjuncts(view, view.heads[k]) if m.type == "person"]
            else:
                for c in view.children[verb]:
                    if view.particle(c) in ("は", "が") and view.mention(c) is not None:
                        other = conjuncts(view, c)
                    elif view.particle(c) in ("は", "が") and nfkc(toks[c].text) in REFERENCES and disc is not None:
                        # 同社は…の傘下に入る (not the parent the phrase names: 同社はAの子会社であるBの傘下に)
                        named = {m.name for m in view.mentions if toks[c].end <= m.start < t.start}
                        other = [m for m in resolve_reference(view, c, disc, view.mentions)[:1] if m.name not in named]
        if (not other and kind in ("owner", "parent") and word != "傘下" and t.i + 2 < len(toks) and toks[t.i + 1].text == "で"
                and toks[t.i + 2].lemma != "ある"):
            # Aの子会社で放射性医薬品大手のB / Aの子会社でIT製品の卸を手がけるB: the name the description ends on
            other = [m for m in view.mentions if t.end <= m.start and m.type in ("company", "organization")
                     and m.span in view.head_of and view.head_of[m.span] - t.i <= 25
                     and view.particle(view.head_of[m.span]) in ("は", "が", "も", "と", "を", "に", "では")][:1]
        verb = view.heads[t.i]
        if (not other and kind == "holder" and toks[verb].lemma in ("務める", "つとめる") and verb + 1 < len(toks)
                and toks[_past_gloss(view, t.i)].text == "を" and toks[verb].text.endswith("る")):
            # Xの最高経営責任者（CEO）を務めるY氏: the person the clause describes, right after it
            m = view.mention(verb + 1)
            other = [m] if m is not None and m.type == "person" else []
        if not other and kind == "holder" and toks[verb].lemma in ("務める", "つとめる") and view.particle(t.i) == "を":
            # 私は…大和通信の副社長を務めました / Y氏は…Xの社長を務めた: who holds the post is the verb's subject
            for c in view.children[verb]:
                if c < t.i and view.particle(c) in ("は", "が"):
                    found = conjuncts(view, c) or (resolve_reference(view, c, disc, view.mentions)
                                                   if disc is not None else [])
                    other = [m for m in found if m.type == "person"][:1] or other
        if not other and kind == "holder":
            # AのB CEO: the person right before the title
            m = view.mention(t.i - 1)
            if m is not None and m.type == "person":
                other = [m]
                owner = [o for o in owner if o is not m] or [
                    o for o in of_mention(view, view.head_of.get(m.span, t.i - 1)) if o is not m]
        if implicit and kind == "holder" and len(other) == 1 and other[0].type == "person":
            # 桐生社長は: the company the text already gave this person (its founder 桐生智哉), not the lead's
            # (every stated name has an employer)
            employer = disc.employer_of(other[0].name)
            if employer is not None:
                owner = [employer]
        label = word
        gloss = nfkc(view.sent.text[toks[t.i + 1].end - view.sent.start:toks[of_after - 1].start - view.sent.start]) if (
            of_after - t.i >= 3 and toks[t.i + 1].text in ("（", "(")) else ""
        if re.fullmatch(r"[A-Z]{2,5}", gloss):
            label = f"{word}（{gloss}）"  # 最高経営責任者（CEO）: the title as written, both forms
        if kind == "holder":  # 会長兼社長, 社長兼CEO: one person's two titles, both in the label
            a0, b0 = t.i, t.i
            while a0 >= 2 and toks[a0 - 1].text == "兼" and ROLE_WORDS.get(nfkc(toks[a0 - 2].text)) == "holder":
                a0 -= 2
            while b0 + 2 < len(toks) and toks[b0 + 1].text == "兼" and ROLE_WORDS.get(nfkc(toks[b0 + 2].text)) == "holder":
                b0 += 2
            if b0 > a0:
                label = nfkc("".join(x.text for x in toks[a0:b0 + 1]))
        for a in owner:
            for b in other:
                if a.span == b.span:
                    continue
                if kind in ("owner", "origin"):  # origin: 京都大学発のソディオン (a spin-off)
                    head, tail = a, b
                elif kind == "parent":
                    head, tail = b, a
                else:
                    head, tail = b, a
                if kind == "holder" and head.type != "person":
                    continue
                if head.type not in ACTOR_TYPES or (tail.type not in ACTOR_TYPES
                                                    and not (kind == "owner" and tail.type == "product")
                                                    and not (word in _LOCAL_TITLES and tail.type == "place")):
                    continue  # a brand may be under a company (傘下の住宅ブランド「X」)
                out.append(_rel(article, view.sent, head, tail, label, "nominal", kind, 0.6 if implicit else 0.8,
                                resolved="topic" if implicit else ""))
    return out


def _of_before(view: SentenceView, i: int) -> int:
    """The word before the の that opens the noun phrase a role word ends (-1: none)."""
    toks = view.toks
    k = i - 1
    while k >= 0 and toks[k].pos in ("NOUN", "PROPN", "ADJ", "NUM") and toks[k].text != "の" and k > i - 8:
        k -= 1
    return k - 1 if k >= 1 and toks[k].text == "の" else -1


def _attributive(view: SentenceView, v: int) -> bool:
    """Predicate ``v``, a clause on a noun (acl), ends in its attributive form (開発|し|た + noun)."""
    return is_predicate(view.toks[v]) and view.toks[v].dep == "acl" and "連体形" in view.toks[
        view.clause_end(v)].inflection


def _owner_before(view: SentenceView, i: int) -> list[Mention]:
    """JERAの再生可能エネルギー子会社: an actor + の right before the noun phrase a role word ends."""
    m = view.mention(_of_before(view, i))
    return [m] if m is not None and m.type in ACTOR_TYPES else []


#: passing a review (Aが Bの審査に合格): B reviewed A
_PASSING = {"合格", "通過", "クリア"}
_REVIEWS = {"審査", "安全審査", "適合性審査", "検査", "認証試験", "評価"}


def review_relations(article: Article, view: SentenceView) -> list[Relation]:
    """志賀原子力発電所2号機が原子力規制委員会の審査に合格した: the authority whose review a thing passes reviewed it."""
    out: list[Relation] = []
    for t in view.toks:
        if nfkc(t.lemma) not in _PASSING and nfkc(t.text) not in _PASSING:
            continue
        for c in view.children[t.i]:
            if view.particle(c) != "に" or nfkc(view.toks[c].text) not in _REVIEWS:
                continue
            reviewers = [m for m in of_mention(view, c) if m.type in ("agency", "organization")]
            passed = [m for g in view.children[t.i] if view.particle(g) in ("が", "は", "も") and g < c
                      for m in arg_mentions(view, g) if m.type in ("facility", "product", "technology", "company")]
            out.extend(_rel(article, view.sent, r, p, "審査する", "review", "object", 0.6)
                       for r in reviewers for p in passed)
    return out


def possessive_relations(article: Article, view: SentenceView, disc: Discourse | None = None) -> list[Relation]:
    """Xの新薬「ウゴービ」, Xの熊本工場, 同社の衛星「ADRAS-J」: what an actor owns or makes, after の."""
    out: list[Relation] = []
    toks = view.toks
    owners: list[tuple[Mention, int]] = [(m, view.head_of[m.span]) for m in view.mentions if m.span in view.head_of]
    if disc is not None:
        for t in toks:
            if nfkc(t.text) in REFERENCES and view.mention(t.i) is None:
                ref = resolve_reference(view, t.i, disc, view.mentions)
                if len(ref) == 1:
                    owners.append((ref[0], t.i))
    for m in view.mentions:
        # 北陸電力志賀原子力発電所2号機: a company's name glued to its plant's (no の between) owns it
        after = next((x for x in view.mentions if x.start == m.end), None)
        if m.type == "company" and after is not None and after.type == "facility":
            out.append(_rel(article, view.sent, m, after, "拠点", "possessive", "owner", 0.6))
    for m, h in owners:
        if m.type not in ("company", "organization", "agency"):
            continue
        if view.particle(h) != "の":
            continue
        # the noun phrase after の: category nouns, then maybe a name in brackets
        k = h + 2
        def category(j: int) -> bool:  # a word of the category run before a name in brackets
            m = view.mention(j)
            if m is None:
                return True
            if m.type != "technology":
                return False
            e = j
            while e < len(toks) and toks[e].pos in ("NOUN", "PROPN") and (view.mention(e) in (None, m)):
                e += 1
            return e < len(toks) and toks[e].text in ("「", "『")
        while k < len(toks) and toks[k].pos in ("NOUN", "PROPN", "NUM") and toks[k].text not in ("「", "『") \
                and category(k):
            k += 1  # Xの衛星通信サービス「スターリンク」: a technology naming the category is passed over
        target = view.mention(k) if k < len(toks) else None
        if target is None and k + 1 < len(toks) and toks[k].text in ("「", "『"):
            target = view.mention(k + 1)
        if target is None or target is m:
            continue
        label = {"product": "製品", "facility": "拠点"}.get(target.type)
        if label:
            # エーザイと米バイオジェンの「レケンビ」: the owner's と-conjunct owns it too
            also = [view.mention(c) for c in view.children[h] if c < h and view.particle(c) == "と"
                    and view.mention(c) is not None and view.mention(c).type in ("company", "organization")]
            for o in [m] + [x for x in also if x is not m]:
                out.append(_rel(article, view.sent, o, target, label, "possessive", "owner", 0.6))
    return out


def location_relations(article: Article, view: SentenceView) -> list[Relation]:
    """愛知県碧南市の碧南火力発電所, 堺工場（大阪府堺市） -> (facility, 所在, place)."""
    out: list[Relation] = []
    toks = view.toks
    for m in view.mentions:
        if m.type != "facility" or m.span not in view.head_of:
            continue
        idx = [t.i for t in toks if t.start < m.end and m.start < t.end]
        first, last = idx[0], idx[-1]
        place = None
        if first >= 2 and toks[first - 1].text == "の":
            p = view.mention(first - 2)
            if p is not None and p.type == "place":
                place = p
        if place is None and first >= 3 and toks[first - 1].text in ("「", "『"):
            # 米ジョージア州の新工場「X」: the place before the kind of plant the name is given after
            k = first - 2
            while k > 0 and toks[k].pos == "NOUN" and view.mention(k) is None:
                k -= 1
            p = view.mention(k - 1) if toks[k].text == "の" and k >= 1 else None
            if p is not None and p.type == "place" and k < first - 2:
                place = p
        if place is None and last + 2 < len(toks) and toks[last + 1].text in ("（", "("):
            p = view.mention(last + 2)
            after = _past_gloss(view, last)
            if p is not None and p.type == "place" and (_after(view, last).startswith(("の", "、", "に", "で", "は", "を", "が", "と", "や", "も", "へ"))
                                                      or after < len(toks) and toks[after].pos == "NUM"):  # （…）1号機
                place = p
        if place is not None:
            out.append(_rel(article, view.sent, m, place, "所在", "siting", "place", 0.7))
    return out


def metric_relations(article: Article, view: SentenceView, disc: Discourse | None = None,
                     topic: list[Mention] | None = None) -> list[Relation]:
    """Xの売上高は…約1兆円となった / Xの営業利益は5兆円だった -> (X, 売上高, amount);
    同社の投資額は… (a reference); 買収額は約141億ドルで (an act's amount: the actor in focus)."""
    out: list[Relation] = []
    toks = view.toks
    for t in toks:
        if t.pos not in ("NOUN",) or view.mention(t.i) is not None or view.particle(t.i) not in ("は", "が", "も"):
            continue
        if _counted(view, t.i) or "助数詞" in t.tag or nfkc(t.text) in ROLE_WORDS:
            continue  # A、B、Cの3社は…出力4万5000キロワットの: who, not a measure of them (nor 当社の株主は…)
        owners = [m for m in of_mention(view, t.i) if m.type in ACTOR_TYPES] or [
            m for c in view.children[t.i] if c < t.i and toks[c].dep == "compound" and view.mention(c) is None
            for m in of_mention(view, c) if m.type in ACTOR_TYPES]  # Xの売上|収益は: the の-phrase on the first word
        resolved = ""
        if not owners and disc is not None:
            owners, resolved = _owner_by_reference(view, t.i, disc, ACTOR_TYPES)
        word = _noun_label(view, t.i)
        owned = any(view.mention(c) is not None for c in view.children[t.i] if c < t.i)  # 米国のAI投資額
        if not owners and not owned and disc is not None and _ACT_AMOUNT.search(nfkc(t.text)):
            # 買収額は…, 一連の投資の総額は…: the amount of an act of the actor the text is about
            act = word if word != nfkc(t.text) else next(
                (nfkc(toks[c].text) for c in view.children[t.i] if c < t.i and view.particle(c) == "の"
                 and "サ変" in toks[c].tag and view.mention(c) is None), "") or next(
                (toks[c].lemma + nfkc(t.text) for c in view.children[t.i]  # 受け取る総額は: the act's amount
                 if c < t.i and toks[c].dep == "acl" and toks[c].pos == "VERB" and toks[c].lemma in _MONEY_VERBS), "")
            if act and act not in ("総", "金"):
                # 四国電力が受け取る額は: the clause names whose amount it is
                said = [m for c in view.children[t.i] if c < t.i and toks[c].dep == "acl" for g in view.children[c]
                        if g < c and view.particle(g) == "が" for m in arg_mentions(view, g) if m.type in ACTOR_TYPES]
                if said:
                    owners, word = said, act
                elif act in disc.actor_of and not any(m.type in ACTOR_TYPES and m.start < t.start for m in view.mentions):
                    # …はレーザーテックが受注した。受注額は約45億円で: whoever did that act last
                    owners, word, resolved = [disc.actor_of[act]], act, "topic"
                elif _compound_word(view, t.i).endswith("事業費") and disc.built and not any(
                        m.type in ACTOR_TYPES and m.start < t.start for m in view.mentions) and all(
                        m.name in disc.built_by for m in disc.topic):  # (not once the text moved on to another)
                    # 5社は…海底ケーブル「X」を共同で建設する。総事業費は約12億ドルで: the cost of what they build
                    owners, word, resolved = list(disc.built), act, "topic"
                else:
                    before = [m for m in (topic or []) if m.start < t.start]
                    owners = [m for m in (before or disc.topic) if m.type in ACTOR_TYPES - {"person"}][:1]
                    if owners and owners[0].type == "agency" and _compound_word(view, t.i).endswith("事業費"):
                        # 経産省と国交省は…企業連合を選定した。…総事業費は約4800億円: the project's, not the
                        # ministries' that chose it (the group's lead, when the text named one)
                        owners = list(disc.group)
                    word, resolved = act, "topic"
        # the predicate this noun is the subject of
        p = view.heads[t.i]
        steps = 0
        while not (is_predicate(toks[p]) or toks[p].head == p) and steps < 10:
            p = view.heads[p]
            steps += 1
        if (not owners and not owned and disc is not None and view.particle(t.i) == "は"
                and _OWN_MEASURE.search(_compound_word(view, t.i))
                and not any(m.type in ACTOR_TYPES and m.start < t.start for m in view.mentions)):
            # Xは…事業者だ。2026年12月期の売上高は約180億円、営業利益は約21億円だった: the measures of the company
            # the text is on
            owners = [m for m in disc.topic if m.type == "company"][:1]
            resolved = "topic" if owners else resolved
        if not owners and view.particle(t.i) == "が" and _OWN_MEASURE.search(_compound_word(view, t.i)):
            # 第一三共は売上収益が…1兆820億円、純利益が…2140億円だった: the topic's own measures
            owners = [m for c in view.children[p] if c < t.i and view.particle(c) == "は" and view.mention(c) is not None
                      for m in conjuncts(view, c) if m.type in ACTOR_TYPES - {"person"}]
        if resolved == "topic" and disc is not None:
            # 投資額は両社で計約900億円で: the amount is the two companies' together
            shared = [c for c in view.children[p] + view.children[view.heads[t.i]]
                      if view.particle(c) == "で" and _counted(view, c)]
            if shared:
                owners = resolve_reference(view, shared[0], disc, view.mentions) or owners
        if not owners:
            continue
        end = toks[p].end
        amounts = [m for m in view.mentions if m.type == "amount" and t.end <= m.start and m.start < end + 1]
        if amounts:
            # 投資額は約1533億円で、経産省は最大557億円を補助する: the metric's clause ends at the comma
            stop = next((k.start for k in toks if k.start > amounts[0].end and k.text in ("、", "，")), None)
            amounts = [m for m in amounts if stop is None or m.start < stop]
        for o in owners:
            for a in amounts[:1] if resolved == "topic" else amounts:
                out.append(_rel(article, view.sent, o, a, word, "metric", "subject", 0.6 if resolved else 0.7,
                                resolved=resolved))
    return out


#: a measure of a company's own, which a が-phrase gives under its topic: Xは売上高が…, 純利益が…, 出荷量が…
_OWN_MEASURE = re.compile(r"(?:売上|収益|利益|損益|売上高|販売額|受注額|出荷量|販売台数|生産量|生産能力|設備投資額|研究開発費)$")
#: acts whose amount a later sentence gives on its own (受注額は約45億円で): the actor is who did the act last
_AMOUNT_ACTS = ("受注", "買収", "発注", "落札", "受託")
#: nouns naming the amount of an act: 買収額, 投資総額, 総額
_ACT_AMOUNT = re.compile(r"(?:額|総額|事業費|建設費|開発費|投資費|一時金|契約金|対価)$")
#: verbs of money changing hands: 受け取る総額, 支払う対価
_MONEY_VERBS = ("受け取る", "支払う", "払う", "得る", "投じる", "投ずる")


#: money a body gives, said as the means an amount is covered by: 約20億円は経済産業省の補助金でまかなう
FUND_NOUNS = {"補助金": "補助する", "助成金": "助成する", "交付金": "交付する", "融資": "融資する", "出資": "出資する",
              "出資金": "出資する", "支援": "支援する"}


def fund_relations(article: Article, view: SentenceView) -> list[Relation]:
    """約20億円は経済産業省の補助金でまかなう / 国際協力銀行の融資で約300億円を賄う: the body gives that amount."""
    out: list[Relation] = []
    toks = view.toks
    for t in toks:
        label = FUND_NOUNS.get(_compound_word(view, t.i, ("compound",)) if t.pos == "NOUN" else "")
        if label is None or view.particle(t.i) not in ("で", "から", "により", "によって"):
            continue
        givers = [m for m in of_mention(view, t.i) if m.type in ("agency", "organization", "company")] or [
            m for n in [t.i] + [c for c in view.children[t.i] if view.particle(c) == "の"]  # (…を通じた国の|支援)
            for c in view.children[n] if c < n and toks[c].lemma in ("通じる", "通ずる")
            for g in view.children[c] if view.particle(g) == "を" for m in arg_mentions(view, g)
            if m.type in ("agency", "organization")]  # JOGMECを通じた国の支援で: the body it passes through
        def apart(h: int, f: int = t.i) -> bool:
            """A comma between the amount and the fund noun, other than right after the amount's particle."""
            lo, hi = min(h, f), max(h, f)
            return any(x.text in ("、", "，") and not (toks[x.i - 1].pos == "ADP" and view.heads[x.i - 1] == h)
                       for x in toks[lo + 1:hi])
        amounts = [m for m in view.mentions if m.type == "amount" and m.span in view.head_of
                   and view.particle(view.head_of[m.span]) in ("は", "を", "も")
                   and -6 <= t.i - view.head_of[m.span] <= 20 and view.head_of[m.span] != t.i
                   and not apart(view.head_of[m.span])]
        amounts.sort(key=lambda m: abs(view.head_of[m.span] - t.i))
        for g in givers:
            for a in amounts[:1]:
                out.append(_rel(article, view.sent, g, a, label, "fund", "object", 0.7))
    return out


def attribution_relations(article: Article, view: SentenceView) -> list[Relation]:
    """〜が672億ドルというスタンフォード大学の推計: the amounts of the clause belong to X's estimate."""
    out: list[Relation] = []
    toks = view.toks
    for t in toks:
        if t.text != "いう" or t.i == 0 or toks[t.i - 1].text != "と":
            continue
        # the noun after という that an actor attaches to with の: 〜というスタンフォード大学の推計
        owners: list[Mention] = []
        n = -1
        for m in view.mentions:
            h = view.head_of.get(m.span, -1)
            if m.type in ACTOR_TYPES and h > t.i and view.particle(h) == "の" and toks[toks[h].head].pos == "NOUN":
                owners, n = [m], toks[h].head
                break
        if not owners:
            continue
        clause_start = next((k + 1 for k in range(t.i - 1, -1, -1) if toks[k].text in ("。", "、") and k < t.i - 6),
                            0)
        amounts = [m for m in view.mentions if m.type == "amount" and toks[clause_start].start <= m.start < t.start]
        for o in owners[:1]:
            for a in amounts[:2]:
                out.append(_rel(article, view.sent, o, a, nfkc(toks[n].text), "attribution", "source", 0.6))
    return out


#: roles a firm plays for a deal: Aの財務アドバイザーはBが務めた, 主幹事は野村証券と大和証券が務める
DEAL_ROLES = ("アドバイザー", "主幹事", "幹事", "法律顧問", "引受")


def adopted_thing(article: Article, view: SentenceView, frames: dict[int, Frame], disc: Discourse) -> list[Relation]:
    """「Qレンズ」は…のが特徴だ。既にエヌビディアとSKハイニックスが採用している: a bare act of adopting or buying
    right after a sentence on a product takes that product."""
    if not disc.thing:
        return []
    out: list[Relation] = []
    for f in frames.values():
        if f.negated or not any(w in f.label for w in _ADOPTING) or any(
                a.role in ("object", "target") and a.mentions for a in f.args):
            continue
        for a in f.args:
            if a.role == "subject" and a.particle == "が" and _actors(a):
                out.extend(_rel(article, view.sent, m, disc.thing[0], f.label, "adopted", "object", 0.5,
                                resolved="topic") for m in a.mentions)
    return out


#: acts of taking equipment into use, which a plant may be the topic of (buying, 調達/購入, is its owner's)
_EQUIPPING = ("採用", "導入", "搭載", "使用", "使う")


def _site_topic(f: Frame) -> list[tuple[Mention, str]]:
    """同蓄電所は…を採用する: the named plant (and how it was resolved) that is the topic of adopting equipment."""
    if f.passive or not any(w in f.label for w in _EQUIPPING) or any(
            a.role in SUBJECT_ROLES and _actors(a) for a in f.args):
        return []
    return [(m, a.resolved) for a in f.args if a.role in ("topic", "about") and a.particle == "は" and a.mentions
            and all(m.type == "facility" for m in a.mentions) for m in a.mentions]


def site_adopts(article: Article, view: SentenceView, frames: dict[int, Frame]) -> list[Relation]:
    """同蓄電所は…「ZEST-RF」を採用する: a named plant with no actor of its own uses the equipment it adopts (and
    no actor is inherited for it: see sentence_relations)."""
    out: list[Relation] = []
    for f in frames.values():
        sites = [] if f.negated else _site_topic(f)
        things = [m for a in f.args if a.role == "object" for m in a.mentions if m.type in ("product", "technology")]
        out.extend(_rel(article, view.sent, s, m, f.label, "frame", "object", 0.6, resolved=how)
                   for s, how in sites[:1] for m in things)
    return out


def deal_role_relations(article: Article, view: SentenceView, disc: Discourse) -> list[Relation]:
    """A側の財務アドバイザーはBが務めた / 主幹事はB、Cが務める: (B, 財務アドバイザー, A); with no A said, the
    company the text is on."""
    out: list[Relation] = []
    toks = view.toks
    for t in toks:
        role = next((c for c in view.children[t.i] if nfkc(toks[c].text).endswith(DEAL_ROLES)
                     and view.particle(c) == "は"), None) if t.lemma in ("務める", "つとめる") else None
        if role is None:
            continue
        firms = [m for c in view.children[t.i] if view.particle(c) == "が" for m in conjuncts(view, c)
                 if m.type in ("company", "organization")]
        owners = [km for k in range(role) if (km := view.mention(k)) is not None and km.type in ACTOR_TYPES
                  and km not in firms]
        owners = owners[-1:] or [m for m in disc.topic if m.type == "company"][:1]
        for f in firms:
            for o in owners:
                if o.name != f.name:
                    out.append(_rel(article, view.sent, f, o, _compound_word(view, role), "deal-role", "client", 0.6,
                                    resolved="" if view.sent.start <= o.start < view.sent.end else "topic"))
    return out


def shared_financing(article: Article, view: SentenceView, out: list[Relation]) -> list[Relation]:
    """JOGMECは同社に300億円を出資し、JBICと三菱UFJ銀行が計400億円を協調融資する: the lenders of the second
    clause finance the one the first clause named."""
    kinds = view.type_of
    money = ("出資", "融資")
    targets = [r for r in out if r.role == "target" and any(w in r.relation for w in money)
               and r.attr("negated") != "true" and kinds.get(r.tail, "company") in ACTOR_TYPES]
    if not targets:
        return out
    financed = {r.head for r in targets}
    extra = []
    for r in out:
        if (any(w in r.relation for w in money) and r.role == "object" and kinds.get(r.tail) == "amount"
                and r.head not in financed and r.attr("negated") != "true" and not r.relation.endswith("を受ける")
                and targets[0].tail != r.head
                and not any(x.head == r.head and x.role == "target" for x in out)):
            t = targets[0]
            extra.append(Relation(article.id, r.head, t.tail, r.relation, r.start, r.end, "shared-target", 0.5,
                                  "target", tuple(sorted({**dict(r.attrs), "resolved": "clause"}.items()))))
            financed.add(r.head)
    return out + extra


def gapped_amounts(article: Article, view: SentenceView, out: list[Relation]) -> list[Relation]:
    """このうちAが約50億円、Bが約30億円を出資した / 落札額はAが約2180億円、Bが約1640億円で: each actor with the
    amount written after it, labelled as the first relation that took one of the amounts (the parser gives the
    verb only the last pair)."""
    toks = view.toks
    pairs: list[tuple[Mention, Mention]] = []
    for m in view.mentions:
        if m.type not in ACTOR_TYPES or m.span not in view.head_of or view.particle(view.head_of[m.span]) != "が":
            continue
        k = view.head_of[m.span] + 1
        while k < len(toks) and (toks[k].text == "が" or toks[k].dep == "case" and toks[k].head == k - 1):
            k += 1  # (past the particle)
        a = view.mention(k) if k < len(toks) else None
        if a is not None and a.type == "amount":
            pairs.append((m, a))
    if len(pairs) < 2:
        return out
    ends = [max(t.i for t in toks if t.start < a.end) for _, a in pairs]
    if not all(e + 1 < len(toks) and toks[e + 1].text in ("、", "，") for e in ends[:-1]):
        return out
    owner = {a.span: p.span for p, a in pairs}
    template = next((r for r in out if r.tail in owner), None)
    if template is None:
        return out
    kept = [r for r in out if not (r.tail in owner and r.head != owner[r.tail])]
    for p, a in pairs:
        if not any(r.head == p.span and r.tail == a.span for r in kept):
            kept.append(_rel(article, view.sent, p, a, template.relation, "gapped", template.role, 0.6))
    return kept


def reported_amounts(article: Article, view: SentenceView, out: list[Relation]) -> list[Relation]:
    """富士経済によると、…世界市場は40年に約3兆8000億円に達する見通し: a figure the sentence reports from X is X's
    (its estimate), not the text's topic's; the topic, unnamed here, is given no amount."""
    sources = [m for m in view.mentions if m.type in ACTOR_TYPES and m.span in view.head_of
               and view.particle(view.head_of[m.span]) in ("によると", "によれば", "の調べでは", "の試算では")]
    if not sources:
        return out
    kinds = view.type_of
    src = sources[0]
    said = {m.span for m in view.mentions}
    fixed: list[Relation] = []
    for r in out:
        if kinds.get(r.tail) == "amount" and r.head not in said and r.attr("resolved") in ("", "topic", "clause"):
            # (an amount of 同社 is the company's: オムディアによると、同社のシェアは約5割)
            r = replace(r, head=src.span, rule="reported", role="source")
        fixed.append(r)
    told = {r.tail for r in fixed} | {r.head for r in fixed}
    figures = [m for m in view.mentions if m.type == "amount" and m.start > src.end and m.span not in told]
    for m in figures[:2]:  # (a market with no actor: the figure is the estimate of who reports it)
        fixed.append(_rel(article, view.sent, src, m, "推計", "reported", "source", 0.6))
    return fixed


# ------------------------------------------------------------------ repairs of the parse

def particle_verb_objects(view: SentenceView, frames: dict[int, Frame], disc: Discourse) -> None:
    """Xを…法に基づいて認定: the parser hangs the object on a verb that is a particle in all but name"""
    for i, f in frames.items():
        h = view.toks[i].head
        if view.toks[i].lemma in PARTICLE_VERBS and view.toks[i].dep == "advcl" and h in frames and h > i:
            objs = [a for a in f.args if a.role == "object" and a.token < i]
            if objs and not any(a.role == "object" for a in frames[h].args):
                f.args = [a for a in f.args if a not in objs]
                frames[h].args = frames[h].args + objs
                if is_approval(frames[h].label):
                    for a in objs:
                        a.mentions = a.mentions or applicants(view, a.token, disc)


def split_noun_verbs(view: SentenceView, frames: dict[int, Frame], disc: Discourse) -> None:
    """折半|出資する, 共同|開発する: a noun the parser made a verb of its own before its predicate"""
    for i, f in frames.items():
        prev = frames.get(i - 1)
        if (prev is not None and view.toks[i - 1].head == i and view.toks[i - 1].dep == "advcl"
                and not any(a.role in SUBJECT_ROLES for a in f.args)):
            moved = [a for a in prev.args if a.role in SUBJECT_ROLES]
            prev.args = [a for a in prev.args if a not in moved]
            f.args = moved + f.args


def subject_of_empty_clause(view: SentenceView, frames: dict[int, Frame], disc: Discourse) -> None:
    """Aが…安全性を高めた軽水炉の開発を進める: a clause that says nothing about entities (its object is no entity, its noun
    no actor) does not own the が-subject the parser gave it; the predicate above has none"""
    for i, f in frames.items():
        if not is_relative_clause(view, i):
            continue
        ga = [a for a in f.args if a.role == "subject" and a.particle == "が" and _actors(a)]
        objs = [a for a in f.args if a.role == "object"]
        if not ga or not objs or any(a.mentions for a in objs):
            continue
        noun = modified_noun(view, i)
        if any(m.type in ACTOR_TYPES for m in conjuncts(view, noun)):
            continue
        up = _governing_frame(view, frames, noun)
        if up in frames and up != i and not any(a.role in SUBJECT_ROLES and a.mentions for a in frames[up].args):
            moved = ga + [a for a in f.args if a.role == "place" and nfkc(view.toks[a.token].text) in JOINTLY]
            f.args = [a for a in f.args if a not in moved]
            frames[up].args = moved + frames[up].args


def two_subjects(view: SentenceView, frames: dict[int, Frame], disc: Discourse) -> None:
    """AがBと共同開発した「X」の成功をきっかけに、製薬大手が参入した: a verb with two が-subjects got the first from
    the parser by mistake; it belongs to the relative clause right after it, which has none of its own."""
    for f in frames.values():
        ga = [a for a in f.args if a.role == "subject" and a.particle == "が"]
        if len(ga) < 2 or not _actors(ga[0]):
            continue
        clause = next((k for k in sorted(frames) if ga[0].token < k < ga[1].token and is_relative_clause(view, k)), None)
        if clause is None or any(a.role in SUBJECT_ROLES and a.mentions for a in frames[clause].args):
            continue
        f.args.remove(ga[0])
        frames[clause].args.insert(0, ga[0])


def topic_out_of_relative_clause(view: SentenceView, frames: dict[int, Frame], disc: Discourse) -> None:
    """北辰電子は子会社のXが運営する鳥栖工場に…を投じ: a は-topic the parser hangs on a relative clause with a
    が-actor of its own is the sentence's topic (read by the main clause), not a second actor of the clause."""
    for i, f in frames.items():
        if not is_relative_clause(view, i):
            continue
        ga = [a for a in f.args if a.role == "subject" and a.particle == "が" and _actors(a)]
        tops = [a for a in f.args if a.role == "topic" and a.particle == "は" and _actors(a)
                and ga and a.token < ga[0].token]
        if not tops:
            continue
        k = view.heads[i]
        for _ in range(6):  # the main clause's verb the described noun hangs on
            if k in frames and not is_relative_clause(view, k) or view.heads[k] == k:
                break
            k = view.heads[k]
        main = frames.get(k)
        if main is None or k == i or any(a.role in SUBJECT_ROLES and _actors(a) for a in main.args):
            continue
        f.args.remove(tops[0])
        main.args.insert(0, tops[0])


#: acts of owning a company: WHはAとBが共同で保有しており (WH is what A and B own)
_OWNING = ("保有", "所有", "買収", "出資", "設立", "創業")


def topic_acted_on(view: SentenceView, frames: dict[int, Frame], disc: Discourse) -> None:
    """このうち最大220億円は経済産業省が補助する / セルフォージはロス氏が創業した: a は-topic before the が-actor of
    the same verb is what the actor acts on, when it is a thing (an amount, a product, a plant) or a company a
    person acts on."""
    for f in frames.values():
        ga = [a for a in f.args if a.role == "subject" and a.particle == "が" and _actors(a)]
        up = frames.get(view.heads[f.pred])
        if not ga or any(a.role == "object" and a.mentions for a in f.args) or f.passive or (
                up is not None and up.passive):
            continue  # (ラピダスは…8社が出資して設立された: a passive reads the topic already)
        for a in f.args:
            if a.role != "topic" or a.particle != "は" or not a.mentions or a.token > ga[0].token:
                continue
            things = all(m.type in ("amount", "product", "facility") for m in a.mentions)
            made = all(m.type in ("company", "organization") for m in a.mentions) and (all(
                m.type == "person" for m in ga[0].mentions) or any(w in f.label for w in _OWNING))
            if things or made:
                a.role = "object"


def thing_from_a_party(view: SentenceView, frames: dict[int, Frame], disc: Discourse) -> None:
    """水電解装置はカナデビアから調達し: a thing as topic of taking it from (or handing it to) an actor, with no actor
    of its own, is what the act is on; the actor is left unsaid."""
    for f in frames.values():
        if not any(w in f.label for w in ADOPTION_VERBS + HANDING_VERBS) or f.passive:
            continue
        if any(a.role == "subject" and a.mentions for a in f.args):
            continue
        things = [a for a in f.args if a.role == "topic" and a.particle == "は" and a.mentions
                  and all(m.type in ("technology", "product", "facility") for m in a.mentions)]
        if not things:
            continue
        if any(a.role == "object" and a.mentions for a in f.args):
            # 蓄電池はテスラの「メガパック」を採用し: the kind of thing the object is, not who adopts it
            things[0].role = "about"
        elif any(a.role in ("source", "target") and _actors(a) for a in f.args):
            things[0].role = "object"


def place_topic_is_where(view: SentenceView, frames: dict[int, Frame], disc: Discourse) -> None:
    """九州西部沖ではENEOSなど3社が試掘井を掘る: Pでは before an actor of the verb's own is where it acts."""
    for f in frames.values():
        if not any(a.role == "subject" and a.particle == "が" and _actors(a) for a in f.args):
            continue
        for a in f.args:
            if a.role == "topic" and a.particle == "では" and a.mentions and all(
                    m.type in ("place", "facility") for m in a.mentions):
                a.role = "place"


def shared_case(view: SentenceView, frames: dict[int, Frame], disc: Discourse) -> None:
    """AなどのBと、Cから買い取った: B and C are both where it comes from (and Aと、Bが…: both act); と before a comma
    lists, it is no partner."""
    for f in frames.values():
        for a in f.args:
            if a.role != "partner" or a.particle != "と" or a.token < 0:
                continue
            k = _past_gloss(view, a.token)
            if not (k + 1 < len(view.toks) and view.toks[k].text == "と" and view.toks[k + 1].text in ("、", "，")):
                continue
            later = [b for b in f.args if b.token > a.token and b.particle in ("から", "に", "へ", "を", "が")]
            if later and not any(is_predicate(t) and t.lemma not in ("ある", "だ") for t in
                                 view.toks[a.token + 1:later[0].token]) and (later[0].particle != "が" or _actors(a)):
                # (AとBが声明を出した, Aと、同社のCEOであるB氏が: both act, neither is the other's partner)
                a.role, a.particle = later[0].role, later[0].particle


def in_addition_to(view: SentenceView, frames: dict[int, Frame], disc: Discourse) -> None:
    """契約一時金30億円に加え、…最大120億円のマイルストーンを支払う: what the act comes in addition to is another object
    of the act the clause chains to."""
    for i, f in frames.items():
        if view.toks[i].lemma != "加える" or view.toks[i].dep != "advcl" or view.heads[i] not in frames:
            continue
        extra = [a for a in f.args if a.role == "target" and a.mentions]
        g = frames[view.heads[i]]
        if extra and any(a.role == "object" and a.mentions for a in g.args):
            f.args = [a for a in f.args if a not in extra]
            g.args.extend(Arg("object", a.token, a.mentions, "に加え") for a in extra)


JOINING = ("参加する", "加わる", "加盟する", "合流する")


def joined_the_founded(view: SentenceView, frames: dict[int, Frame], disc: Discourse) -> None:
    """…の新団体「X」を設立した。米インテルとASEも参加し、: joining with nothing named joins what was just founded."""
    for f in frames.values():
        if f.label not in JOINING or f.negated:
            continue
        if any(a.role in ("target", "object", "place") and a.mentions for a in f.args):
            continue
        # JASMにはTSMCが過半を出資し、A、B、Cの3社が少数株主として加わる: what the sentence's には marks, else
        # what was just founded
        joined = next((a.mentions for g in frames.values() if g.pred < f.pred for a in g.args
                       if a.role == "target" and a.particle == "には" and _actors(a)), None) or disc.founded
        joiners = [m for a in f.args if a.role in SUBJECT_ROLES for m in a.mentions]
        if joined and joiners and not {m.name for m in joiners} & {m.name for m in joined}:
            f.args.append(Arg("target", -1, list(joined), "に"))


def _release(frames: dict[int, Frame], tokens: set[int], after: int = -1) -> None:
    """Take the arguments at ``tokens`` out of every frame whose predicate comes after ``after``: the parser gave
    them a place that is not theirs."""
    for f in frames.values():
        if f.pred > after:
            f.args = [a for a in f.args if a.token not in tokens]


def _ancestors(view: SentenceView, i: int, limit: int) -> Iterator[int]:
    """The tokens above ``i`` on the (repaired) dependency tree, nearest first, at most ``limit``."""
    up = i
    for _ in range(limit):
        if view.heads[up] == up:
            return
        up = view.heads[up]
        yield up


def _governing_frame(view: SentenceView, frames: dict[int, Frame], noun: int) -> int:
    """The predicate a noun's phrase hangs on, a few links up (-1: none)."""
    return next((u for u in _ancestors(view, noun, 7) if u in frames), -1)


def subject_after_field(view: SentenceView, frames: dict[int, Frame], disc: Discourse) -> None:
    """製造技術では、味の素が…を結合させる技術「X」を持ち: after a field set off as topic (Xでは、), the first actor
    is the sentence's subject, though the parser gives it to a relative clause on the main verb's object."""
    for c, f in frames.items():
        if not is_relative_clause(view, c) or any(w in f.label for w in SUPPLY_VERBS):
            continue  # (機材では、エンブラエルが開発した小型機を導入し: a maker describing its product is no subject)
        ga = [a for a in f.args if a.role == "subject" and a.particle == "が" and _actors(a)]
        up = _governing_frame(view, frames, modified_noun(view, c)) if ga else -1
        if up < 0 or is_relative_clause(view, up) or _actor_subject(frames[up]):
            continue
        field = [a for a in frames[up].args if a.particle in ("では", "でも") and not a.mentions and a.token < ga[0].token]
        if field and not any(a.mentions and field[0].token < a.token < ga[0].token for a in frames[up].args):
            frames[up].args.insert(0, Arg("subject", ga[0].token, ga[0].mentions, "が"))


def cleft_focus(view: SentenceView, frames: dict[int, Frame], disc: Discourse) -> None:
    """楽天モバイルが提携しているのはKDDIだ / 東レが炭素繊維を供給するのはボーイングだ: the focus of a cleft sentence
    is the argument the clause leaves out: the partner of a reciprocal act, else the subject (an actor, when the
    clause has none), else the object, else (an actor) the target."""
    toks = view.toks
    for i, f in frames.items():
        t = toks[i]
        no = next((c for c in view.children[i] if toks[c].text == "の" and toks[c].dep == "mark"
                   and c + 1 < len(toks) and toks[c + 1].text == "は"), None)
        if t.dep not in ("csubj", "advcl", "ROOT") or no is None:
            continue  # (the parser may make the cleft clause the root: Jパワーが落札(ROOT)したのは、…だ)
        k = view.heads[i] if view.mention(view.heads[i]) is not None else no + 2  # (…のはNTTドコモだけで、…)
        named = view.mention(k) if k < len(toks) else None
        cop = next((c for c in range(len(toks) - 1, no, -1) if toks[c].dep == "cop" or toks[c].text in ("だ", "です")
                    and c + 1 < len(toks) and toks[c + 1].text == "。"), None)
        if (named is None or named.type == "amount") and cop is not None:
            # Jパワーが落札したのは、…で計画する「新豊根第2揚水発電所」（出力48万キロワット）だ: what the copula ends on,
            # before its gloss and brackets
            j = _before_gloss(view, cop - 1)
            j = j - 1 if j > no and toks[j].text in ("」", "』") else j
            if j > no and view.mention(j) is not None and view.mention(j).type != "amount":
                k, named = j, view.mention(j)
        focus = [x for x in conjuncts(view, view.head_of.get(named.span, k)) if x.type != "amount"] if named else []
        if not focus:
            continue
        if any(w in f.label for w in RECIPROCAL) and not any(a.role == "partner" and a.mentions for a in f.args):
            role = "partner"
        elif not any(a.role in SUBJECT_ROLES and a.mentions for a in f.args) and all(m.type in ACTOR_TYPES for m in focus):
            role = "subject"
        elif not any(a.role == "object" and a.mentions for a in f.args):
            role = "object"
        elif all(m.type in ACTOR_TYPES for m in focus) and not any(a.role == "target" and a.mentions for a in f.args):
            role = "target"  # 東レが炭素繊維を供給するのはボーイングだ
        else:
            continue
        f.args.append(Arg(role, k, focus, "は"))


#: act nouns a light verb carries (量産を急ぐ): with no object of their own, a topic set off with を巡っては is theirs
_ACT_NOUNS = ("量産", "開発", "生産", "実用化", "商用化", "事業化", "製造", "実証", "供給", "採用", "導入")


def about_topic(view: SentenceView, frames: dict[int, Frame], disc: Discourse) -> None:
    """全固体電池を巡っては、出光興産が量産を急ぐ: the thing the sentence is about (Xを巡っては) is what an act
    noun of a later clause, with no object of its own, is on."""
    toks = view.toks
    for i, f in frames.items():
        if toks[i].lemma not in ("巡る", "めぐる") or [t.text for t in toks[i + 1:i + 3]] != ["て", "は"]:
            continue
        about = [m for a in f.args if a.role == "object" for m in a.mentions if m.type in ("technology", "product")]
        if not about:
            continue
        for j, g in frames.items():
            if j <= i or any(a.role == "object" and a.mentions for a in g.args):
                continue
            if any(a.role == "object" and a.token >= 0 and nfkc(toks[a.token].text) in _ACT_NOUNS
                   and not of_mention(view, a.token) for a in g.args) and _actor_subject(g):
                g.args.append(Arg("object", -1, about, "を巡って"))


def before_relative_subject(view: SentenceView, frames: dict[int, Frame], disc: Discourse) -> None:
    """約45億円を、総務省が所管するNICTの基金から助成する: an argument before a relative clause's own subject, set off
    by a comma, belongs to the predicate the clause's noun hangs on."""
    for i, f in list(frames.items()):
        if not is_relative_clause(view, i):
            continue
        ga = [a.token for a in f.args if a.role == "subject" and a.particle == "が" and a.mentions]
        if not ga:
            continue
        early = [a for a in f.args if a.token < ga[0] and a.role in ("object", "target")
                 and any(view.toks[k].text in ("、", "，") for k in range(a.token + 1, ga[0]))]
        up = _governing_frame(view, frames, modified_noun(view, i))
        if early and up > i and not any(a.role == "object" and a.mentions for a in frames[up].args):
            f.args = [a for a in f.args if a not in early]
            frames[up].args.extend(early)


def subject_into_clause(view: SentenceView, frames: dict[int, Frame], disc: Discourse) -> None:
    """XはAがPで運転する装置「B」向けに、…を受注した: a が-subject right before a relative clause with no subject
    of its own, and no comma after it, is the clause's; the parser gave it to the main verb, whose actor is the
    sentence's は-topic (not the text's: 味の素が…を結合させる技術「AJICAP」を持ち has 味の素 as the main actor)."""
    topic = [m for f in frames.values() for a in f.args if a.particle == "は" and _actors(a) for m in a.mentions]
    for up, f in frames.items():
        for a in [a for a in f.args if a.role == "subject" and a.particle == "が" and _actors(a)]:
            case = max((k for k in view.children[a.token] if view.toks[k].dep == "case"), default=a.token)
            clause = next((k for k in sorted(frames) if case < k < up and is_relative_clause(view, k)), None)
            if (clause is None or not topic or min(m.start for m in topic) > view.toks[a.token].start
                    or any(b.role in SUBJECT_ROLES for b in frames[clause].args)
                    or any(view.toks[k].text in ("、", "，") for k in range(case, clause))
                    or any(b.token < case for b in frames[clause].args if b.token >= 0)):
                continue
            f.args.remove(a)
            frames[clause].args.insert(0, a)


def set_off_by_comma(view: SentenceView, frames: dict[int, Frame], disc: Discourse) -> None:
    """Aは名古屋大学と共同で、…が落ちにくい磁石「X」を開発した; Xが、酸化ガリウムを使った…ラインを開設した: a と共同で or
    a が-subject set off by a comma is said of the main act, not of the clause the parser hung it on"""
    for i, f in frames.items():
        if not is_relative_clause(view, i):
            continue
        moved = [a for a in f.args if a.role in ("place", "target") and a.token < i
                 and nfkc(view.toks[a.token].text) in JOINTLY and _after(view, a.token + 1) == "、"]
        moved += [a for a in f.args if a.role == "subject" and a.particle == "が" and a.token < i and _actors(a)
                  and _after(view, max((k for k in view.children[a.token] if view.toks[k].dep == "case"),
                                       default=a.token)) == "、"]
        up = _governing_frame(view, frames, modified_noun(view, i)) if moved else -1
        if up > i and not (any(a.role == "subject" for a in moved) and _actor_subject(frames[up])):
            f.args = [a for a in f.args if a not in moved]
            frames[up].args = moved + frames[up].args


def subject_before_clause_on_topic(view: SentenceView, frames: dict[int, Frame], disc: Discourse) -> None:
    """AがXを出資するBは…: a が-subject the parser hung on the main verb, before a clause on its は-topic, is the
    clause's subject"""
    for i, f in frames.items():
        if not is_relative_clause(view, i) or any(a.role in SUBJECT_ROLES for a in f.args):
            continue
        noun = modified_noun(view, i)
        up = view.heads[noun]
        if up not in frames or view.particle(noun) not in ("は", "も"):
            continue
        ga = [a for a in frames[up].args if a.role == "subject" and a.particle == "が" and a.token < i and a.mentions]
        if ga and not any(a.role == "subject" for a in f.args):
            frames[up].args.remove(ga[0])
            f.args.insert(0, ga[0])


def agents_of_passive(view: SentenceView, frames: dict[int, Frame], disc: Discourse) -> None:
    """Xは、A、Bが出資して設立された: the clause before the passive is what A and B did to X"""
    for i, f in frames.items():
        if not any(a.lemma in PASSIVE_AUX for a in _aux(view, i)):
            continue
        topic_args = [a for a in f.args if a.role == "topic" and a.mentions]
        agents = [a for a in f.args if a.role == "subject" and a.particle == "が" and _actors(a)]
        if not topic_args or not agents:
            continue
        f.args = [a for a in f.args if a is not agents[0]] + [Arg("agent", agents[0].token, agents[0].mentions, "が")]
        for c in view.children[i]:
            if c < i and c in frames and view.toks[c].dep == "advcl" and not frames[c].args:
                frames[c].args = [Arg("subject", agents[0].token, agents[0].mentions, "が"),
                                  Arg("target", topic_args[0].token, topic_args[0].mentions, "に")]


def subject_of_chained_clause(view: SentenceView, frames: dict[int, Frame], disc: Discourse) -> None:
    """Xは米エヌビディアが開発して任天堂に供給している: the が-subject of a て-clause (or of a bare 連用 clause) is
    also the subject of the predicate it chains to, when that one has no actor of its own"""
    for i, f in frames.items():
        h = view.toks[i].head
        if view.toks[i].dep != "advcl" or h not in frames or h < i:
            continue
        marks = {view.toks[c].text for c in view.children[i] if view.toks[c].dep == "mark"}
        if not marks <= {"て", "で"}:
            continue  # …したため / …すれば: a reason or a condition has a subject of its own
        ga = [a for a in f.args if a.role == "subject" and a.particle == "が" and _actors(a)]
        up = frames[h]
        contrast = any(a.particle == "は" for a in f.args) and any(a.particle == "は" and a.token > i for a in up.args)
        if ga and not _actor_subject(up) and not contrast:
            # (整備はAが担い、電池はBを採用する: each clause with a は-topic of its own says something apart)
            up.args.insert(0, Arg("subject", ga[0].token, ga[0].mentions, "が"))
        shared = [a for a in up.args if a.role == "subject" and a.particle == "が" and _actors(a) and a.token < i]
        if not ga and shared and view.toks[h].dep == "acl" and not _actor_subject(f) and h > i + 1:  # (折半|出資)
            # AとBが出資して設立したC: the parser hangs the subjects on the relative clause; the first act is theirs too
            f.args[:0] = [Arg("subject", a.token, a.mentions, "が") for a in shared]


def parallel_subjects(view: SentenceView, frames: dict[int, Frame], disc: Discourse) -> None:
    """日立製作所が60%、ABBが40%を出資する: the parser hangs the first pair on a later predicate; both actors
    share the act, each with its own amount (so the amounts are nobody's in the shared frame)."""
    toks = view.toks
    for f in frames.values():
        for a in list(f.args):
            if a.role != "subject" or a.particle != "が" or not _actors(a):
                continue
            k = _first_token(view, min(m.start for m in a.mentions))
            amount = view.mention(k - 2) if k >= 3 and toks[k - 1].text == "、" else None
            if amount is None or amount.type != "amount":
                continue
            j = _first_token(view, amount.start)
            first = view.mention(j - 2) if j >= 2 and toks[j - 1].text == "が" else None
            if first is None or first.type not in ACTOR_TYPES or any(first in x.mentions for x in f.args):
                continue
            head = view.head_of.get(first.span, j - 2)
            _release(frames, {head})  # (its place in the frame the parser gave it is no place of its own)
            f.args = [x for x in f.args if not (x.role == "object" and x.mentions
                                                and all(m.type == "amount" for m in x.mentions))]
            f.args.insert(0, Arg("subject", head, conjuncts(view, head) or [first], "が"))
            break


def listed_subjects(view: SentenceView, frames: dict[int, Frame], disc: Discourse) -> None:
    """川崎重工業と岩谷産業、電源開発（J-POWER）などが設立した組合: the parser may hang the first members of a
    list on another predicate; the actors listed right before a が-subject (with と or commas between) are
    subjects with it, and nothing else's arguments."""
    for f in frames.values():
        for a in f.args:
            if a.role != "subject" or not a.particle.endswith("が") or view.mention(a.token) not in a.mentions:
                continue  # (両社が: a reference, its antecedents stand elsewhere)
            first = min(a.mentions, key=lambda m: m.start)
            more = [m for m in listed_before(view, first, ("、", "，", "と")) if m not in a.mentions]
            if more:
                a.mentions = [*reversed(more), *a.mentions]
                heads = {view.head_of.get(m.span, _first_token(view, m.start)) for m in more}
                for g in frames.values():
                    if g is not f:
                        g.args = [x for x in g.args if x.token not in heads]


SAYING = ("発表する", "表明する", "明らかにする", "公表する", "決める", "決定する")
#: what a person does with words: never an act an executive does for the company (…を投じる考えを示した)
_SPEAKING = ("示す", "述べる", "語る", "話す", "強調する", "説明する", "明かす")


def act_before_saying(view: SentenceView, frames: dict[int, Frame], disc: Discourse) -> None:
    """Xを…完全子会社化すると発表した: the parser hangs X on the verb of saying and the act is a noun under it;
    the act is what the frame says."""
    toks = view.toks
    for i, f in frames.items():
        if f.label not in SAYING:
            continue
        for k in range(i - 3, 0, -1):  # (the parser may hang 化する on anything: 完全子会社|化(dep>同日))
            if (toks[k].pos == "NOUN" and toks[k + 1].lemma == "する" and toks[k + 2].text == "と"
                    and any(a.role == "object" and a.mentions and a.token < k for a in f.args)):
                f.label = _compound_word(view, k, ("compound",)) + "する"
                break


def partner_of_announced_act(view: SentenceView, frames: dict[int, Frame], disc: Discourse) -> None:
    """JSRは、米ラムリサーチと、…の合弁会社を設立すると発表した: the parser hangs the と-partner (or the から-source)
    on the verb of saying; it is the partner of the act said (not of 共同で発表した, a joint announcement)."""
    for i, f in frames.items():
        if f.label not in SAYING or any(a.role in ("place", "target") and a.token >= 0
                                        and nfkc(view.toks[a.token].text) in JOINTLY for a in f.args):
            continue
        for role, particle in (("partner", "と"), ("source", "から")):
            # (小野薬品工業は、Bから…の権利を取得するライセンス契約を結んだと発表した: B too)
            parties = [a for a in f.args if a.role == role and a.particle == particle and _actors(a)]
            said = [k for k in view.children[i] if k in frames and view.toks[k].dep in ("ccomp", "advcl")
                    and view.particle(k) == "と" and parties and k > parties[0].token]
            if len(parties) == 1 and len(said) == 1 and not any(a.role == role for a in frames[said[0]].args):
                f.args.remove(parties[0])
                frames[said[0]].args.append(parties[0])


_AGREEMENTS = ("契約", "協定", "覚書", "合意書", "基本合意")


def _owner_by_reference(view: SentenceView, i: int, disc: Discourse, kinds: set[str] | tuple[str, ...]
                        ) -> tuple[list[Mention], str]:
    """同社の売上高は, 当社の株主は: whose noun ``i`` is, when a reference says it (of the ``kinds`` given), and the
    reference word ('' when none)."""
    owners: list[Mention] = []
    word = ""
    for c in view.children[i]:
        if c < i and view.particle(c) == "の" and nfkc(view.toks[c].text) in REFERENCES:
            word = nfkc(view.toks[c].text)
            owners = [m for m in resolve_reference(view, c, disc, view.mentions) if m.type in kinds]
    return owners, word


def party_named_by_copula(view: SentenceView, frames: dict[int, Frame], disc: Discourse) -> None:
    """リード投資家はKDDIで、スカパーJSATとみずほキャピタルも出資しました: the party a role noun's copula names
    (<role>は<X>で、) acts with the も-parties of the act, not as its place; 当社の株主はKDDIと三井物産で、両社が…を
    出資: the pair the copula names is the act's 両社, and the role noun's owner is who they invest in."""
    toks = view.toks
    for f in frames.values():
        also = [a for a in f.args if a.role in SUBJECT_ROLES and a.particle == "も" and _actors(a)]
        role = [a for a in f.args if a.role == "topic" and a.particle == "は" and not a.mentions and a.token >= 0]
        said = {m.name for a in f.args if a.role in SUBJECT_ROLES for m in a.mentions}
        for a in [a for a in f.args if a.role == "place" and a.particle == "で" and _actors(a)]:
            k = _past_gloss(view, a.token)
            if not (role and role[0].token < a.token and k + 1 < len(toks) and toks[k + 1].text in ("、", "，")
                    and all(m.type in ACTOR_TYPES for m in a.mentions)):
                continue
            if also:
                a.role, a.particle = "subject", "も"
            elif {m.name for m in a.mentions} <= said:
                # 当社の株主はKDDIと三井物産で、両社が…を出資: the parties the copula names act as 両社; whose
                # shareholders they are is who they invest in
                f.args.remove(a)
                kinds = ("company", "organization")
                owners = [o for o in of_mention(view, role[0].token) if o.type in kinds] or _owner_by_reference(
                    view, role[0].token, disc, kinds)[0]
                if owners and not any(x.role == "target" and x.mentions for x in f.args):
                    f.args.append(Arg("target", -1, owners[:1], "に"))
        if not (also and role):
            continue
        for c in view.children[f.pred]:  # (…はKDDIで、: the parser's copula on the name)
            m = view.mention(c)
            if (m is not None and m.type in ACTOR_TYPES and role[0].token < c < also[0].token
                    and any(toks[g].dep == "cop" and toks[g].text == "で" for g in view.children[c])
                    and not any(x.span == m.span for a in f.args for x in a.mentions)):
                f.args.append(Arg("subject", c, conjuncts(view, c) or [m], "も"))


def partner_set_off(view: SentenceView, frames: dict[int, Frame], disc: Discourse) -> None:
    """当社は、Bと、…を製造する合弁会社「X」を設立することで合意: a partner set off by a comma that the parser hung
    on a noun of the clause after it (or on the topic before it) is the partner of the first act after it that is
    not a relative clause."""
    toks = view.toks
    for k, t in enumerate(toks[:-1]):
        if t.text != "と" or toks[k + 1].text not in ("、", "，") or k < 1:
            continue
        j = _before_gloss(view, k - 1)  # B株式会社（以下「B'」）と、: the name before its gloss
        m = view.mention(j)
        if m is None or m.type not in ACTOR_TYPES:
            continue
        h = view.head_of.get(m.span, j)
        if h in frames or any(x.span == m.span for f in frames.values() for a in f.args for x in a.mentions):
            continue
        # (the first act after it that is no relative clause: 設立する in …を製造する合弁会社「X」を設立することで合意)
        f = frames.get(min((i for i in frames if i > k and not is_relative_clause(view, i)), default=-1))
        if f is None or any(a.role == "partner" and a.mentions for a in f.args):
            continue
        f.args.append(Arg("partner", h, conjuncts(view, h) or [m], "と"))


def partner_of_agreement(view: SentenceView, frames: dict[int, Frame], disc: Discourse) -> None:
    """協和キリンは、富士フイルムと…を確保する契約を結んだ: the parser hangs the partner on the clause that says
    what the agreement is about; it is the partner of concluding it."""
    for f in frames.values():
        if not f.label.endswith(("結ぶ", "締結する", "交わす")) or any(
                a.role == "partner" and a.mentions for a in f.args):
            continue
        for o in [a.token for a in f.args if a.role == "object" and a.token >= 0]:
            if not _compound_word(view, o, ("compound",)).endswith(_AGREEMENTS):
                continue
            own = [a for a in f.args if a.role in SUBJECT_ROLES and _actors(a)]
            for c in view.children[o]:  # …の供給を延長する覚書を交わした: the parties do what the agreement says
                if c in frames and view.toks[c].dep == "acl" and own and not _actor_subject(frames[c]):
                    frames[c].args[:0] = [Arg("subject", a.token, a.mentions, a.particle) for a in own]
                source = [a for a in f.args if a.role == "source" and _actors(a) and a.token < c]
                if c in frames and view.toks[c].lemma == "受ける" and source and not any(
                        a.role == "source" for a in frames[c].args):
                    # AはBから…の供給を受ける覚書を交わした: B is the giver in the clause, not a party of 交わす
                    f.args.remove(source[0])
                    frames[c].args.append(source[0])
            # (past arguments the parser gave the verb from the clause on the content: Bと、…「X」から…購入する
            # 売買契約を結んだ; the nearest と-actor)
            lo = max((a.token for a in f.args if a.token < o and a.role in SUBJECT_ROLES), default=-1)
            for k in range(o - 1, lo, -1):
                m = view.mention(k)
                if m is None and nfkc(view.toks[k].text) in REFERENCES and view.particle(k) == "と":
                    # 伊藤忠商事も同社と…契約を結んでいる: the party 同社 stands for
                    found = [x for x in resolve_reference(view, k, disc, view.mentions) if x.type in ACTOR_TYPES]
                    if found:
                        _release(frames, {k})
                        f.args.append(Arg("partner", k, found, "と", nfkc(view.toks[k].text)))
                        break
                if m is None or m.type not in ACTOR_TYPES or view.head_of.get(m.span) != k or view.particle(k) != "と":
                    continue
                _release(frames, {k})  # (its place in the clause on the agreement's content is no place)
                f.args.append(Arg("partner", k, conjuncts(view, k) or [m], "と"))
                break


NEGATING = {w for w, v in LIGHT_VERBS.items() if v == "negated"}


def abandoned_clauses(view: SentenceView, frames: dict[int, Frame], disc: Discourse) -> None:
    """What was given up is not asserted: Xから調達して…を量産する計画を断念 (the plan's clauses), Aと提携を協議して
    いたが、…として断念した (the clause before a bare 断念/見送った)."""
    for i, f in frames.items():
        if view.toks[i].lemma not in NEGATING and not any(w in f.label for w in NEGATING):
            continue
        plans = [a.token for a in f.args if a.role == "object" and a.token >= 0
                 and nfkc(view.toks[a.token].text) in PLAN_NOUNS]
        dropped = [c for p in plans for c in view.children[p] if c in frames and view.toks[c].dep == "acl"]
        if not any(a.role == "object" and nfkc(view.toks[a.token].text) not in ("これ", "それ") for a in f.args
                   if a.token >= 0):  # (…を検討していたが、これを見送った: これ is the clause before)
            dropped += [c for c in view.children[i] if c < i and c in frames and view.toks[c].dep == "advcl"]
        todo = list(dropped)
        seen = set(todo)  # (not the negated flag: 採算が合わないとして断念 passes through a clause negated of its own)
        while todo:
            c = todo.pop()
            frames[c].negated = True
            more = [k for k in view.children[c] if k < c and k in frames and view.toks[k].dep == "advcl"]
            # …から調達する案も検討したが断念した: the plan the given-up clause weighed is given up too
            # (…と共同で販売することを一時検討したが、見送った: what the weighing was of)
            more += [k for a in frames[c].args if a.token >= 0 and (
                nfkc(view.toks[a.token].text) in PLAN_NOUNS or a.role == "object" and view.toks[a.token].text == "こと")
                for k in view.children[a.token] if k in frames and view.toks[k].dep == "acl"]
            todo.extend(k for k in more if k not in seen)
            seen.update(more)
    # Aとの提携を協議したが、…折り合わず見送った経緯がある: the clause a later giving-up answers with が, whatever the
    # parser hung it on
    for c in frames:
        if view.toks[c].dep == "advcl" and any(view.toks[k].text == "が" and view.toks[k].dep == "mark"
                                               for k in view.children[c]) and any(
                j > c and (view.toks[j].lemma in GIVING_UP or frames[j].label.removesuffix("する") in GIVING_UP
                           or view.toks[j].lemma == "行う" and frames[j].negated)  # (…との提携は行わない)
                and not any(a.role == "object" and a.token > c and nfkc(view.toks[a.token].text) not in _TALKS
                            for a in frames[j].args) for j in frames):
            frames[c].negated = True  # (…と協議してきたが、…交渉を打ち切った: the talks the clause was on)
            for k in view.children[c]:
                if k < c and k in frames and view.toks[c].lemma in _GOING_ON and view.toks[k].dep == "advcl":
                    frames[k].negated = True  # (…を検討して|まいりましたが: the act the auxiliary verb goes on with)


#: verbs that only say an act went on (検討して|まいりました, 協議して|きた)
_GOING_ON = {"まいる", "参る", "くる", "来る", "いる", "居る", "おる"}
#: what a clause of talks is, when a later clause gives it up by name: …と協議してきたが、交渉を打ち切った
_TALKS = {"交渉", "協議", "検討", "話し合い", "提携", "協業", "計画", "構想"}


def _object_noun(view: SentenceView, n: int) -> bool:
    """Noun ``n`` is an object, or the kind word of a named object (無人機「ゼファー」を)."""
    h = view.heads[n]
    return view.particle(n) == "を" or (h > n and view.particle(h) == "を" and view.mention(h) is not None)


def subject_between_topic_and_clause(view: SentenceView, frames: dict[int, Frame], disc: Discourse) -> None:
    """JX金属は、子会社のXが敦賀市に建設したプラントの稼働を始めた: a main verb with a は-topic does not also take
    the が-subject the parser gave it before a relative clause with no subject; the clause does"""
    for i, f in frames.items():
        topic = [a for a in f.args if a.role == "topic" and a.particle == "は" and _actors(a)]
        ga = [a for a in f.args if a.role == "subject" and a.particle == "が" and _actors(a)]
        if not topic or not ga or topic[0].token > ga[0].token:
            continue
        clause = next((c for c in sorted(frames) if ga[0].token < c < i and is_relative_clause(view, c)
                       and not any(a.role in SUBJECT_ROLES for a in frames[c].args)), None)
        if clause is not None:
            f.args.remove(ga[0])
            frames[clause].args.insert(0, ga[0])
    # 機体にはAALTO HAPSが開発した無人機「ゼファー」を採用し: with no topic either, a が-actor right before a relative
    # clause with no subject (no comma between) on the main verb's object is the clause's, not the main verb's the
    # parser gave it to (not 経産省が…を支える制度で…を助成した: a clause on an oblique)
    for i, f in frames.items():
        ga = [a for a in f.args if a.role == "subject" and a.particle == "が" and _actors(a) and a.token < i]
        if not ga or any(a.role == "topic" for a in f.args):
            continue
        clause = next((c for c in sorted(frames) if ga[0].token < c < i and is_relative_clause(view, c)
                       and modified_noun(view, c) < i and _object_noun(view, modified_noun(view, c))
                       and not any(a.role in SUBJECT_ROLES for a in frames[c].args)
                       and not any(view.toks[k].text in ("、", "，") for k in range(ga[0].token, c))), None)
        if clause is not None and all(view.toks[k].pos not in ("VERB",) or k == clause
                                      for k in range(ga[0].token + 1, clause + 1)):
            f.args.remove(ga[0])
            frames[clause].args.insert(0, ga[0])


def place_into_complement(view: SentenceView, frames: dict[int, Frame], disc: Discourse) -> None:
    """九州電力は霧島市に…蓄電池を建設すると発表した: a place the parser hung on the verb of saying is where the
    reported act happens"""
    for i, f in frames.items():
        places = [a for a in f.args if a.role == "target" and a.mentions and all(m.type == "place" for m in a.mentions)]
        if not places or not any(w in f.label for w in ("発表", "表明", "明らか", "公表")):
            continue
        said = [c for c in view.children[i] if c in frames and c > places[0].token and view.toks[c].dep == "advcl"
                and any(w in frames[c].label for w in SITING_VERBS)
                and not any(a.role in ("target", "place") and a.mentions for a in frames[c].args)]
        if said:
            f.args.remove(places[0])
            frames[said[0]].args.append(places[0])


def subject_of_actor_clause(view: SentenceView, frames: dict[int, Frame], disc: Discourse) -> None:
    """Aが…を手掛ける企業Bを支援し: a clause describing an actor B has B as its subject; the が-subject the parser gave
    it belongs to the verb that takes B"""
    for i, f in frames.items():
        if not is_relative_clause(view, i):
            continue
        noun = modified_noun(view, i)
        target = conjuncts(view, noun)
        if not target or not all(m.type in ACTOR_TYPES for m in target):
            continue
        given = [a for a in f.args if a.role == "subject" and a.particle == "が" and a.mentions]
        if not given or not any(a.role == "object" for a in f.args):
            continue
        up = view.heads[noun]
        if up in frames and not any(a.role in SUBJECT_ROLES and a.mentions for a in frames[up].args):
            f.args.remove(given[0])
            frames[up].args.append(Arg("subject", given[0].token, given[0].mentions, "が"))


def _governing_subject(view: SentenceView, i: int, subject_of: dict[int, list[Mention]]) -> list[Mention]:
    """The actor of the predicate a relative clause's noun is an argument of (Aが、Pで運転する発電所の隣接地に…を
    建設する: A), for a clause with no subject of its own when the sentence has no topic."""
    k = modified_noun(view, i)
    up = next((u for u in (k, *_ancestors(view, k, 3)) if is_predicate(view.toks[u]) and u != i), -1)
    return [m for m in subject_of.get(up, []) if m.type in ACTOR_TYPES and m.start < view.toks[i].start]


#: endings of a place that is also a local government (愛媛県, 東京都, 菊池市, 上川町)
LOCAL_GOVERNMENT_ENDINGS = ("県", "都", "府", "市", "町", "村")


def governments_that_act(view: SentenceView) -> None:
    """愛媛県も約20億円を補助する, 愛媛県は…協議会を発足させ: a prefecture or town that is the subject of an act on
    something is its government, an actor (not 熊本県では…: where; nor 熊本県は人口が…: no act)."""
    for k, m in enumerate(view.mentions):
        if m.type != "place" or len(m.name) < 2 or not m.name.endswith(LOCAL_GOVERNMENT_ENDINGS) or (
                m.span not in view.head_of):
            continue
        h = view.head_of[m.span]
        up = view.heads[h]
        if view.particle(h) not in ("は", "が", "も") or up == h or view.toks[up].pos != "VERB" or not any(
                view.particle(c) == "を" for c in view.children[up]):
            continue
        actor = replace(m, type="agency")
        view.mentions = view.mentions[:k] + [actor] + view.mentions[k + 1:]
        view.type_of[m.span] = "agency"
        view.at.update({i: actor for i, x in view.at.items() if x is m})


def sentence_relations(article: Article, sent: Sentence, mentions: list[Mention], disc: Discourse) -> list[Relation]:
    view = SentenceView(sent, mentions)
    governments_that_act(view)
    out: list[Relation] = []
    frames = {t.i: build_frame(view, t.i, disc) for t in view.toks if is_predicate(t) and not (
        t.lemma in ("見る", "みる") and t.i > 0 and view.toks[t.i - 1].text == "と")  # (…とみられ: a hedge)
              and not (t.lemma == "残る" and t.dep == "acl" and 0 < t.head - t.i <= 3)}  # (残る65%: the rest)
    # the parser's mistakes that cost relations, mended on the frames before they are read
    particle_verb_objects(view, frames, disc)
    split_noun_verbs(view, frames, disc)
    subject_of_empty_clause(view, frames, disc)
    two_subjects(view, frames, disc)
    topic_out_of_relative_clause(view, frames, disc)
    topic_acted_on(view, frames, disc)
    thing_from_a_party(view, frames, disc)
    shared_case(view, frames, disc)
    place_topic_is_where(view, frames, disc)
    in_addition_to(view, frames, disc)
    set_off_by_comma(view, frames, disc)
    subject_into_clause(view, frames, disc)
    before_relative_subject(view, frames, disc)
    cleft_focus(view, frames, disc)
    subject_after_field(view, frames, disc)
    in_progress(view, frames, disc)
    subject_before_clause_on_topic(view, frames, disc)
    agents_of_passive(view, frames, disc)
    subject_of_chained_clause(view, frames, disc)
    parallel_subjects(view, frames, disc)
    listed_subjects(view, frames, disc)
    partner_set_off(view, frames, disc)
    party_named_by_copula(view, frames, disc)
    partner_of_agreement(view, frames, disc)
    act_before_saying(view, frames, disc)
    partner_of_announced_act(view, frames, disc)
    abandoned_clauses(view, frames, disc)
    subject_between_topic_and_clause(view, frames, disc)
    place_into_complement(view, frames, disc)
    about_topic(view, frames, disc)
    joined_the_founded(view, frames, disc)
    # (the actor of a relative clause is not the sentence's: …Xが開発した「Y」を採用する has none of its own)
    # (nor is the maker of a thing the clause describes: 電池はXが生産したものを使い、…を同社から調達する)
    main_frames = [f for i, f in frames.items() if not is_relative_clause(view, i) and not (
        view.toks[i].dep == "acl" and view.toks[modified_noun(view, i)].lemma in ("もの", "物"))]
    view.first_actor_subject = min((m.start for f in main_frames for a in f.args if a.role in SUBJECT_ROLES
                                    for m in a.mentions if m.type in ACTOR_TYPES), default=1 << 30)
    subject_of_actor_clause(view, frames, disc)
    # subjects flow down to dependent clauses without their own (Aは…を支援し、…を受ける)
    subject_of: dict[int, list[Mention]] = {}
    order = sorted(frames, key=lambda i: _depth(view, i))
    for i in order:
        f = frames[i]
        own = [m for a in f.args if a.role in SUBJECT_ROLES for m in a.mentions]
        if own:
            subject_of[i] = own
            continue
        h = view.toks[i].head
        if view.toks[i].dep in ("advcl", "conj", "ccomp", "xcomp", "fixed") and h in subject_of:
            # 同工場に…を投じ、経済産業省が…を助成した: a が-subject after the clause is not its subject
            scoped = [m for m in subject_of[h] if m.start < view.toks[i].start]  # (…を売却し、ライオンは…: also は)
            acts = [a for a in frames[h].args if a.role in SUBJECT_ROLES and a.mentions and a.token < i] if h in frames else []
            if len(acts) >= 2 and _clause_between(view, h, acts[0].token, acts[-1].token):
                scoped = acts[-1].mentions  # Aは…を用意し、Bも同日、…融資すると発表した: B's, not A's
            if scoped:
                subject_of[i] = scoped
        elif view.toks[i].dep == "acl" and not is_relative_clause(view, i):
            # 買収することで合意した: the complement clause shares the main clause's subject
            up = view.toks[h].head
            scoped = [m for m in subject_of.get(up, []) if m.start < view.toks[i].start]
            if scoped:  # (…に膨らむ見通しで、経済産業省は…: not a subject after the clause)
                subject_of[i] = scoped
    # ...from the noun or predicate a complement clause hangs on (ホンダは…発売する計画だ)
    for i in sorted(frames):
        if i in subject_of or is_relative_clause(view, i):
            continue
        if any(a.role in SUBJECT_ROLES and a.mentions for a in frames[i].args):
            continue
        found = ancestor_subject(view, i)
        if found:
            subject_of[i] = found
    # ...and along a chain of clauses (Aが…を支援し、…から電力供給を受ける計画)
    chain: list[Mention] = []
    for i in sorted(frames):
        own = [m for a in frames[i].args if a.role in SUBJECT_ROLES for m in a.mentions if m.type in ACTOR_TYPES]
        if own and view.toks[i].dep in ("advcl", "conj"):
            chain = own
        elif (not own and i not in subject_of and chain and not is_relative_clause(view, i)
              and not any((a.role in SUBJECT_ROLES or a.role == "about") and a.particle in ("は", "が") and not (
                  a.token >= 0 and _compound_word(view, a.token).endswith(_GROUPS) and not a.mentions)
                          for a in frames[i].args)):
            # (企業連合はA、B、Cの3社で構成し、…を設立済みだ: the group is the companies it is made of)
            subject_of[i] = chain  # (not past a subject of its own: AとBが先行しており、…出荷量は…膨らむ; nor past a
            # thing's は-topic: 整備はAが担い、主翼の電池はシャープ製を採用する)
    # the sentence topic: the first actor marked with は (it scopes over the main clause even when the
    # parser hangs it on the first verb: DOEは、…に対応し、…を打ち出した)
    topic = sentence_topic(view, frames)
    for i in sorted(frames):
        f = frames[i]
        if is_relative_clause(view, i) or chained_clause(view, i) != i:
            rel = relative_clause_relations(article, view, f, disc, topic or _governing_subject(view, i, subject_of))
            if rel is not None and (rel or chained_clause(view, i) == i):  # (Aと組んで開発したX: 組む, read alone)
                out.extend(rel)
                continue
        inherited = [] if _unnamed_subject(view, f) or _site_topic(f) or any(
            a.role in SUBJECT_ROLES and a.mentions for a in f.args) or (
            is_relative_clause(view, i) and any(w in f.label for w in LOCATIVE_VERBS)) else (
            subject_of.get(i) or [m for m in topic if m.start < view.toks[i].start])  # not a topic after it
        if not inherited and is_relative_clause(view, i) and any(w in f.label for w in SITING_VERBS) and not any(
                a.role in SUBJECT_ROLES and a.mentions for a in f.args):
            # 関西電力が福井県美浜町に持つ研修施設を拡張して: the parser gives the actor to the verb the site is the
            # object of; it holds the site too
            inherited = _governing_subject(view, i, subject_of)
        out.extend(frame_relations(article, view, f, disc, inherited))
    out.extend(supplier_relations(article, view, frames, subject_of, topic))
    out.extend(nominal_relations(article, view, disc, topic))
    out.extend(gloss_officers(article, view))
    out.extend(executive_acts(article, view, out, disc))
    out.extend(possessive_relations(article, view, disc))
    out.extend(location_relations(article, view))
    out.extend(attribution_relations(article, view))
    out.extend(fund_relations(article, view))
    out.extend(in_progress_relations(article, view, topic))
    out.extend(investor_relations(article, view, frames, subject_of, disc))
    out.extend(use_of_funds_relations(article, view, frames, disc))
    out.extend(beneficiary_relations(article, view, frames, subject_of, disc))
    out.extend(share_relations(article, view, frames, disc))
    out.extend(headline_pair_relations(article, view))
    out.extend(headline_segment_relations(article, view, disc))
    out.extend(elided_owner_relations(article, view, out))
    out.extend(customer_relations(article, view, disc, topic))
    out.extend(contractor_relations(article, view, frames))
    out.extend(order_giver_relations(article, view, frames, disc))
    out.extend(joint_noun_relations(article, view, frames))
    out.extend(licensor_relations(article, view, out))
    out.extend(adopted_thing(article, view, frames, disc))
    out.extend(site_adopts(article, view, frames))
    out.extend(deal_role_relations(article, view, disc))
    out.extend(review_relations(article, view))
    metric = metric_relations(article, view, disc, topic)
    if metric:
        # the metric's name says more than the verb: drop (X, 膨らむ, amount) when (X, 営業利益, amount) exists
        pairs = {(r.head, r.tail) for r in metric}
        # (総事業費は約4800億円を見込む: whose amount it is, the metric says; the topic inherited by 見込む
        # does not get it as well)
        owned = {r.tail for r in metric if r.attr("resolved") == "topic"}
        kinds = {m.span: m.type for m in [*disc.recent, *mentions]}
        out = [r for r in out if (r.head, r.tail) not in pairs and not (
            r.tail in owned and r.rule == "frame" and r.role == "object"
            and kinds.get(r.head) == "agency")] + metric  # (a ministry inherited as the subject: not its money)
    out = reported_amounts(article, view, shared_financing(article, view, gapped_amounts(article, view, out)))
    # the topic for the next sentence: the root's subject or the sentence topic, when an actor
    root = _root(view)
    root_args = frames[root].args if root in frames else []
    # 買収資金の一部は国際協力銀行が…支援する: a sentence on a thing (一部は) keeps the text's topic; its が-actor
    # is a side party
    on_thing = any(a.role == "topic" and a.particle == "は" and not any(m.type in ACTOR_TYPES for m in a.mentions)
                   for a in root_args)
    # (a list of parties that also act, not one: イーライリリーも負けていない。同社は… goes on about it)
    also = any(a.role in SUBJECT_ROLES and a.particle == "も" and _actors(a) and len(a.mentions) >= 2
               for a in root_args) and disc.topic
    tops = [m for a in root_args if a.role in SUBJECT_ROLES and not (on_thing and a.particle == "が")
            and not (a.particle == "も" and also)  # (Aが主導し、…の3社も引き受けた: side parties that also act)
            for m in a.mentions if m.type in ACTOR_TYPES]
    # 同社は…の桐生社長が創業した: the text goes on about the company marked は, not the person
    tops = [m for a in root_args if a.particle == "は" and a.role == "object" and _actors(a) for m in a.mentions] or tops
    if on_thing and not tops and not topic and root in frames and not frames[root].negated:
        # セレスティアの株価は…急落した。同社は…: the company whose thing the sentence is on comes next
        tops = [o for a in root_args if a.role == "topic" and a.particle == "は" and a.token >= 0 and not a.mentions
                for o in of_mention(view, a.token) if o.type in ("company", "organization")][:1]
    if not tops and not topic and not on_thing and not also:
        # 味の素が…を持ち、…を手がける: the subject of a clause on the main chain (not of a reason or a
        # condition: 豪政府が反対したため、…を断念した)
        for i in sorted(frames):
            own = [m for a in frames[i].args if a.role in SUBJECT_ROLES and a.particle in ("が", "は")
                   for m in a.mentions if m.type in ACTOR_TYPES]
            if own and main_clause(view, i):
                tops = own
                break
    # 最大の案件は、関西電力が…で計画する奥美方揚水発電所だ / Aが…で計画する蓄電所が落札した: the actor of the
    # clause on the predicate noun (or on the unnamed subject) is who the next sentences are about
    copula = any(view.toks[c].dep == "cop" for c in view.children[root])
    described = [root] if copula else [
        a.token for a in root_args if a.role == "subject" and a.particle == "が" and not a.mentions and a.token >= 0]
    described += [root] if described else []  # (計画する|出力(dislocated)…の蓄電所が落札: the parser's slip)
    if not tops and not topic and described:
        tops = [m for c in sorted(frames) if is_relative_clause(view, c)
                and {modified_noun(view, c), *_ancestors(view, modified_noun(view, c), 5)} & set(described)
                for a in frames[c].args if a.role == "subject" and a.particle == "が"
                for m in a.mentions if m.type in ACTOR_TYPES][:1]
    if not tops and not topic and copula:
        # 最初の大口顧客となるのが、エンビジョンAESCだ: the actor the sentence ends on is who comes next
        named = view.mention(root)
        tops = [named] if named is not None and named.type in ("company", "organization", "agency") else []
    if any(r.rule == "investor" for r in out):
        tops, topic = [], []  # (Aが主導し、B、Cの2社が引き受けた: the round's sentence is on who raised it)
    ga_only = bool(tops) and all(a.particle == "が" for a in root_args if a.role in SUBJECT_ROLES and _actors(a))
    if topic and ga_only and not set(tops) & set(topic) and any(m.type in ACTOR_TYPES for m in topic):
        # KOKUSAIは…上場し、KKRが売り出した株式をAMATが取得した。同社は…: the は-topic goes on, not the が-actor
        # of the last clause
        tops = []
    ga_actors = {m.name for m in view.mentions if m.type in ACTOR_TYPES and m.span in view.head_of
                 and view.particle(view.head_of[m.span]) == "が"}
    if (tops and not topic and disc.topic_wa and not disc.paragraph and ga_only and not copula
            and len(ga_actors | {m.name for m in tops}) >= 2  # (one が-actor may well be who comes next)
            and view.toks[root].pos == "VERB" and not any(  # (not Jパワーが落札したのは、…だ: the actor in focus)
                t.text == "の" and t.pos == "SCONJ" and view.particle(t.head) == "のは" for t in view.toks)):
        # アオバは21年、Aが設立した。22年にはKKRが35%を出資し、残る65%をAが持つ。鉄塔は…貸し出す: within a
        # paragraph a sentence whose actors are two or more marked only が leaves the は-topic as it was
        tops = []
    if tops or topic:
        disc.topic = tops or topic
        marked = {m.span for m in topic} | {m.span for a in root_args if a.particle == "は" for m in a.mentions}
        disc.topic_wa = all(m.span in marked for m in disc.topic)
        if not disc.lead:
            disc.lead = list(disc.topic)
    disc.headline = (headline_subject(view) or disc.headline) if is_headline(view) else []
    disc.thing = [m for t in view.toks if view.particle(t.i) == "は"
                  for m in [view.mention(t.i) or bracket_child(view, t.i)] if m is not None and m.type == "product"][:1]
    # (a sentence naming no actor between the raising and its investors keeps the round open: …を調達した。
    # 国内では過去最大となる。A、B、Cなどが引き受けた)
    disc.raised = _raisers(view, frames, subject_of, topic, disc) or (
        disc.raised if not any(m.type in ACTOR_TYPES for m in mentions) else [])
    for m in mentions:
        if m.type == "company" and article.text[max(0, m.start - 8):m.start].endswith(NEW_COMPANY_INTROS):
            disc.new_company = [m]
    disc.recent.extend(sorted(mentions, key=lambda m: m.start))
    disc.last_companies = [m for m in mentions if m.type == "company"]
    disc.last_ga = [m for m in disc.last_companies if m.span in view.head_of and view.particle(view.head_of[m.span]) == "が"
                    ] if not _money_receivers(view, disc)[0] else []  # (建設資金の…はA銀行が融資する: a side party)
    note_acts(view, frames, subject_of, topic, disc)
    for f in frames.values():  # (…装置はレーザーテックが受注した: the act, whatever its object is)
        doers = [m for a in f.args if a.role in SUBJECT_ROLES and not a.resolved  # (named, not 同社)
                 for m in a.mentions if m.type in ACTOR_TYPES]
        for act in _AMOUNT_ACTS if doers and not f.negated else ():
            if act in f.label:
                disc.actor_of[act] = doers[0]
    return out


def note_acts(view: SentenceView, frames: dict[int, Frame], subject_of: dict[int, list[Mention]],
              topic: list[Mention], disc: Discourse) -> None:
    """What later sentences may refer back to: the group just described (Discourse.group), who builds, invests or
    orders (buyers), what several build together (built), what was founded (founded)."""
    founded: list[Mention] = []
    for i, f in frames.items():
        if view.toks[i].dep == "acl" and _compound_word(view, modified_noun(view, i)).endswith(_GROUPS):
            # A、B、Cの3社でつくる企業連合 / 三井物産を代表企業とする企業連合
            members = [m for a in f.args for m in a.mentions if m.type in ("company", "organization")]
            if members:
                disc.group = sorted(members, key=lambda m: m.start)[:1]  # (the lead: named first, or the 代表企業)
        if f.negated:
            continue
        doers = [m for a in f.args if a.role in SUBJECT_ROLES for m in a.mentions] or subject_of.get(i) or topic
        if any(w in f.label for w in BUILDING_VERBS + ORDERING_VERBS + ("投資", "導入", "敷設", "着手", "更新", "改修")):
            # (…を更新する工事に着手した: one who has work done)
            disc.buyers |= {m.name for m in doers if m.type == "company"}
        if any(w in f.label for w in BUILDING_VERBS + ("敷設",)):
            # (one company building it: its own cost, the company's)
            builders = {m.name for a in f.args if a.role in SUBJECT_ROLES or (
                a.role in ("partner", "target", "place") and a.particle[1:-1] in JOINTLY)
                for m in a.mentions if m.type in ("company", "organization", "agency")}
            if not any(a.role in SUBJECT_ROLES and a.mentions for a in f.args):
                builders |= {m.name for m in doers if m.type in ("company", "organization", "agency")}
            things = [m for a in f.args if a.role == "object" for m in a.mentions if m.type in ("facility", "product")]
            if things:
                disc.built, disc.built_by = (things[:1], builders) if len(builders) >= 2 else ([], set())
        if f.label in FOUNDING_LABELS + ("発足する", "結成する"):
            founded += [m for a in f.args if a.role == "object" for m in a.mentions if m.type in ("company", "organization")]
    if founded:
        disc.founded = founded[:1]


def executive_acts(article: Article, view: SentenceView, found: list[Relation], disc: Discourse) -> list[Relation]:
    """社長の古川俊太郎氏は…京都市南区に約350億円を投じて開発棟を建設する: what an executive says the company
    will do (money, a site, a product) is the company's act. The company is the one this sentence or an earlier one
    gave the person a title in."""
    # (…出身の桐生智哉社長が22年に創業した: a founder works at what they founded)
    holders = [r for r in found if r.rule == "nominal" and r.role == "holder" or "創業" in r.relation]
    # the mentions of the article so far, indexed only when this sentence gave someone a title
    by_span = {m.span: m for m in (*disc.recent, *view.mentions)} if holders else {}
    for r in holders:
        head, tail = by_span.get(r.head), by_span.get(r.tail)
        if head is not None and tail is not None and head.type == "person" and tail.type in ("company", "agency"):
            full = disc.full_name(head.name)
            if r.attr("resolved") and full is not None:
                # (桐生社長は: a title read from context does not move a founder the text named in full)
                disc.employer[head.name] = disc.employer[full]
                continue
            disc.employer[head.name] = tail
            if not r.attr("resolved") or r.rule != "nominal":  # (同社は…X氏が創業した: 同社 is said, not guessed)
                disc.stated[head.name] = None
    out = []
    for person, thing, label, role, negated, modality in view.by_executives:
        company = disc.employer.get(person.name)
        if company is None or thing.span == company.span or thing.type in ("technology",):
            continue
        if view.sent.start <= thing.start < view.sent.end:
            before = view.sent.text[:thing.start - view.sent.start]
            brackets = re.findall(r"[「」]", view.sent.text[thing.end - view.sent.start:])
            if "「" not in before and brackets[:1] == ["」"]:
                continue  # …150億円の相乗効果を見込む」と語った: the end of a quotation begun in an earlier sentence
        out.append(_rel(article, view.sent, company, thing, label, "executive", role, 0.6,
                        negated="true" if negated else "", modality=modality, resolved=person.name))
    return out


#: raising capital: Xは第三者割当増資で200億円を調達した
RAISING_WORDS = ("調達", "増資")
#: taking part in someone's round: Aが主導し、B、Cの2社も引き受けた
INVESTING_LABELS = ("引き受ける", "引受", "主導する", "出資する", "参加する", "応じる", "融資する", "協調融資する")
#: money as the sentence's topic: 資金の一部は、A銀行とB銀行が協調して融資する (the topic company's money)
MONEY_TOPICS = ("資金", "買収資金", "調達資金", "建設資金", "残り", "一部")


def _raisers(view: SentenceView, frames: dict[int, Frame], subject_of: dict[int, list[Mention]],
             topic: list[Mention], disc: Discourse) -> list[Mention]:
    """Who raised capital in this sentence (their investors may follow in the next)."""
    for i, f in frames.items():
        if any(w in f.label for w in RAISING_WORDS) and not f.negated:
            who = subject_of.get(i) or topic
            # (…CEOらが創業し、…総額42億円を調達した: the founder's company raised it)
            found = [m for m in who if m.type in ("company", "organization")] or [
                e for m in who if m.type == "person" for e in [disc.employer_of(m.name)] if e is not None]
            if found:
                return found[:1]
    return []


#: acts of making or extracting a thing somewhere: where it is made is the maker's site (Pで炭酸リチウムを生産)
PRODUCING_VERBS = ("生産", "製造", "採掘", "量産", "精製", "建造", "製錬", "掘る", "試掘", "掘削")


#: acts of having a maker make or do something: the thing is what the act is about (Xに輸送船2隻を発注)
ORDERING_VERBS = ("発注", "注文", "委託", "外注")


#: verbs of a quantity changing or standing at a level by itself (導入量は…にとどまる, 売上高が…に達する)
CHANGE_VERBS = ("とどまる", "留まる", "達する", "上る", "のぼる", "膨らむ", "増える", "減る", "下回る", "上回る",
                "伸びる", "落ち込む", "及ぶ", "拡大する", "広がる", "成長する", "縮小する", "増加する", "減少する")


#: verbs of a route or a procedure passed through (…からグアムを経てシンガポールに至る, 審査を経て): what passes is
#: the thing the sentence is on, never an actor left unsaid
_PASSING_VERBS = ("至る", "経る", "経由する", "通る")


#: verbs that say where a thing lies: the noun a clause of them describes is their subject
#: (…大雪山国立公園に隣接する地域で: the area borders the park, not the sentence's actors)
LOCATIVE_VERBS = ("隣接", "面する", "接する", "近接", "隣り合う")


def _money_receivers(view: SentenceView, disc: Discourse) -> tuple[bool, list[Mention]]:
    """Whether money is the sentence's topic (資金の一部は…, 調達資金は…), and whose money it is: who raised capital
    in the sentence just read, else, with money as topic, the topic company."""
    funds = any(view.particle(t.i) == "は" and nfkc(t.text) in MONEY_TOPICS for t in view.toks) or bool(
        re.search(r"資金の[^、。「」]{1,22}?は", view.sent.text))  # 買収資金のうち約800億円は, 建設資金の約420億円は
    return funds, disc.raised or ([m for m in disc.topic if m.type in ("company", "organization")][:1] if funds else [])


#: acts of putting money to a use: 調達資金は…の設計に充てる
SPENDING_VERBS = ("充てる", "充当", "振り向ける")


def use_of_funds_relations(article: Article, view: SentenceView, frames: dict[int, Frame],
                           disc: Discourse) -> list[Relation]:
    """調達資金は次世代チップ「X」の設計と、TSMCでの試作に充てる: who raised the money (just told of, else the topic
    company) designs X and has it made at TSMC; the act is the use's noun (設計する, 試作する)."""
    toks = view.toks
    funds, receivers = _money_receivers(view, disc)
    if not funds:
        return []
    out: list[Relation] = []
    for f in frames.values():
        if not receivers or not any(w in f.label for w in SPENDING_VERBS) or f.negated:
            continue
        if any(a.role in SUBJECT_ROLES and _actors(a) for a in f.args):
            continue
        for a in f.args:
            if a.role != "target" or a.token < 0 or "サ変" not in toks[a.token].tag:
                continue
            below = view.children[a.token] + [g for c in view.children[a.token] for g in view.children[c]]
            uses = [a.token] + [k for k in below if view.particle(k) == "と" and "サ変" in toks[k].tag]
            for n in uses:
                things = of_mention(view, n) + [m for c in view.children[n] if view.particle(c) in ("での", "で")
                                                for m in conjuncts(view, c)]
                out.extend(_rel(article, view.sent, r, m, predicate_label(view, n), "use-of-funds", "object", 0.6,
                                resolved="topic") for r in receivers for m in things
                           if m.type != "amount" and m.span != r.span)
    return out


def investor_relations(article: Article, view: SentenceView, frames: dict[int, Frame],
                       subject_of: dict[int, list[Mention]], disc: Discourse) -> list[Relation]:
    """Xは増資で200億円を調達した。Aが主導し、B、Cの2社も引き受けた: the investors of the round just told of
    invest in X (an act with no object of its own, in the sentence right after the raising). So do the lenders of a
    sentence on the topic's money (資金の一部は、JBICと三井住友銀行が協調して融資する)."""
    _, receivers = _money_receivers(view, disc)
    if not receivers and disc.in_answer():
        # (――資金はどう集めますか。 …JICTが約150億円を出資し、第3位の株主になりました: in the interviewee's answer,
        # an investment with no receiver said is in his company)
        receivers = [m for m in disc.speaker if m.type in ("company", "organization")]
    if not receivers:
        return []
    out: list[Relation] = []
    for i, f in frames.items():
        if f.label not in INVESTING_LABELS or f.negated or is_relative_clause(view, i):
            continue
        if any(a.role in ("object", "target") and _actors(a) for a in f.args):
            continue
        for m in subject_of.get(i, []):
            if m.type in ACTOR_TYPES and all(m.name != x.name for x in receivers):
                # (増資を引き受ける, 主導する, 応じる: taking part in a round is investing in it)
                label = f.label if any(w in f.label for w in ("出資", "融資")) else (
                    (f.label[:-2] + "して" if f.label.endswith("する") else f.label[:-1] + "て") + "出資する")
                out.append(_rel(article, view.sent, m, receivers[0], label, "investor", "target", 0.6,
                                resolved="topic"))
    return out


def ancestor_subject(view: SentenceView, i: int) -> list[Mention]:
    """An actor marked は/が on a noun or predicate above a clause: ホンダは…発売する計画だ."""
    toks = view.toks
    seen = 0
    cur = i
    while view.heads[cur] != cur and seen < 12:
        up = view.heads[cur]
        for c in view.children[up]:
            if c == cur or c > up:
                continue
            if c > i:
                continue  # …を投じ、経済産業省が…を助成した: a subject after the clause is not its subject
            if view.particle(c) in ("は", "が", "も", "では"):
                ms = conjuncts(view, c)
                if ms and all(m.type in ACTOR_TYPES for m in ms):
                    return ms
        if is_predicate(toks[up]) and toks[up].dep not in ("acl",) and toks[cur].dep not in ("acl",):
            break  # a full clause of its own: its subject is not ours
        cur = up
        seen += 1
    return []


def sentence_topic(view: SentenceView, frames: dict[int, Frame]) -> list[Mention]:
    for f in sorted(frames.values(), key=lambda f: f.pred):
        for a in f.args:
            if a.particle in ("は", "では") and _actors(a):
                return a.mentions
    for f in sorted(frames.values(), key=lambda f: f.pred):
        for a in f.args:
            if a.particle == "は" and not _actors(a):
                # エリーパワーが開発したNaStackは…、セルは川崎事業所で生産する: the maker of the thing the sentence
                # is on acts where no one else is said to
                makers = [m for c in view.children[a.token] if c < a.token and c in frames and is_relative_clause(view, c)
                          for b in frames[c].args if b.role == "subject" and b.particle == "が" and _actors(b)
                          for m in b.mentions]
                root = frames.get(_root(view))
                if makers and not (root is not None and any(w in root.label for w in ADOPTION_VERBS)):
                    return makers  # (NICTが開発した「X」は…で採用する: who adopts a thing is not its maker)
            break
    root = _root(view)
    if root not in frames:
        # トヨタ自動車は、…の出荷を本格化させた: the root is a noun the parser gave no verb
        for c in view.children[root]:
            if c < root and view.particle(c) == "は":
                found = conjuncts(view, c)
                if found and all(m.type in ACTOR_TYPES for m in found):
                    return found
    for t in view.toks:
        if view.particle(t.i) == "は" and view.mention(t.i) is None and _OWN_MEASURE.search(_compound_word(view, t.i)):
            # アステラス製薬の純利益は…1310億円。同社は…: the company whose results the sentence gives
            owners = [m for m in of_mention(view, t.i) if m.type in ("company", "organization")]
            if owners:
                return owners
    return []


def _depth(view: SentenceView, i: int) -> int:
    d = 0
    while view.toks[i].head != i and d < 100:
        i = view.toks[i].head
        d += 1
    return d


def dedupe(relations: list[Relation]) -> list[Relation]:
    seen: dict[tuple, Relation] = {}
    for r in relations:
        key = (r.head, r.tail, r.relation)
        if key not in seen or r.confidence > seen[key].confidence:
            seen[key] = r
    return sorted(seen.values(), key=lambda r: (r.start, r.head, r.tail, r.relation))


def _speaker(article: Article, sent: Sentence, ms: list[Mention], disc: Discourse) -> list[Mention] | None:
    """吉永氏「当社は…」 (an interview's answer): the company of the person who opens the sentence with a quotation,
    when the text gave it (Space Compassの吉永彩社長); None when the sentence opens no quotation."""
    first = min((m for m in ms if m.type == "person"), key=lambda m: m.start, default=None)
    if first is None or article.text[sent.start:first.start].strip():
        return None
    after = article.text[first.end:first.end + 8]
    m = re.match(r"(?:氏|さん|社長|会長|CEO|執行役員)?[「『]", after)
    if m is None:
        return None
    company = disc.employer_of(first.name)
    return [company] if company is not None else []


_INTERVIEWED = re.compile(r"に、?(?:話を|狙いを|戦略を|展望を|今後を|[^。、「」]{1,12}を)?聞(?:く|いた)")
#: how an interview's questions open (――機体はどう調達しますか。)
_QUESTION_MARKS = ("――", "―", "──", "—", "Q.", "Q：", "Q:")


def _paragraph_opened(article: Article, sent: Sentence, disc: Discourse) -> tuple[bool, str]:
    """Whether the sentence opens a paragraph, and the paragraph before it (an HTML page's <h2> and <p> are
    paragraphs of their own, whatever markup lies between them)."""
    if disc.paragraphs is None:
        disc.paragraphs = [(*c.to_article(0, len(c.text)), c.text) for c in article.chunks if c.text.strip()]
    spans = disc.paragraphs
    for k, (a, b, text) in enumerate(spans):
        if a <= sent.start < b:
            lead = text[:len(text) - len(text.lstrip())]
            return sent.start <= a + len(lead), (spans[k - 1][2].strip() if k else "")
    before = article.text[:sent.start]
    return not before[before.rfind("\n") + 1:].strip(), before.rstrip().rsplit("\n", 1)[-1].strip()


def _interview_answer(article: Article, sent: Sentence, disc: Discourse) -> list[Mention] | None:
    """――機体はどう調達しますか。 「英エアボーン・ソーラーが開発した…を10機購入する。…」: an answer with no name before
    it, after a question, is the one interviewee's; None when the sentence opens no such answer."""
    if disc.interviewee is None:
        return None
    opening, question = _paragraph_opened(article, sent, disc)
    if not opening or not question.startswith(_QUESTION_MARKS):
        return None  # (――計画の概要を。 総延長は…: an answer may be a plain paragraph too)
    company = disc.interviewee_company = disc.interviewee_company or disc.employer_of(disc.interviewee.name)
    return [company] if company is not None else []


def extract_relations(article: Article, sentences: list[Sentence], mentions: list[Mention],
                      res: Resources) -> list[Relation]:
    by_sentence: dict[int, list[Mention]] = {}
    for m in mentions:
        by_sentence.setdefault(m.sentence, []).append(m)
    disc = Discourse()
    out: list[Relation] = []
    name_of = {m.span: m.name for m in mentions}
    last_end = 0
    for sent in sentences:
        ms = by_sentence.get(sent.index, [])
        disc.paragraph = "\n" in article.text[last_end:sent.start]
        last_end = sent.end
        asked = _INTERVIEWED.search(sent.text)
        if asked:  # (not AとBに狙いを聞いた: two people answer by name)
            people = [m for m in ms if m.type == "person" and m.end <= sent.start + asked.start()]
            disc.interviewee = people[0] if len({m.name for m in people}) == 1 else None
            disc.interviewee_company = None
        if sent.text.lstrip().startswith(_QUESTION_MARKS):
            disc.plain_answer = False  # (a question ends the answer before it)
            if disc.speaker and disc.quote_depth <= 0:
                disc.speaker = []
        quoted = _speaker(article, sent, ms, disc)
        if quoted is None:
            quoted = _interview_answer(article, sent, disc)
            if quoted is not None:
                disc.plain_answer = not sent.text.lstrip().startswith(("「", "『"))
        if quoted is not None:
            disc.speaker, disc.quote_depth = quoted, 0
            if quoted:  # (what the answer leaves unsaid, the speaker's company does)
                disc.topic, disc.topic_wa = list(quoted), True
        if ms or disc.topic:
            try:
                found = sentence_relations(article, sent, ms, disc)
            except Exception as exc:  # noqa: BLE001 -- a rule's slip on one odd parse must not lose the article
                _log.warning("%s: no relations read from the sentence at %d-%d (%s: %s); please report it",
                             article.id, sent.start, sent.end, type(exc).__name__, exc)
                found = []
            out.extend(found)
            lead = {m.name for m in disc.lead}
            disc.subordinate.update(name_of[r.tail] for r in found if name_of.get(r.head) in lead and r.tail in name_of
                                    and r.role in ("object", "owner"))
        else:
            disc.recent.extend(ms)
            disc.thing = []
        if disc.speaker and not disc.plain_answer:
            # (the quotation ends where its brackets balance: a name in 「」 inside it does not end it)
            disc.quote_depth += sum(map(sent.text.count, "「『")) - sum(map(sent.text.count, "」』"))
            if disc.quote_depth <= 0:
                disc.speaker = []
    return dedupe(out)
