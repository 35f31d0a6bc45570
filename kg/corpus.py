"""Read a corpus: files and folders -> :class:`~kg.model.Article` values (no NLP here).

Formats by extension: ``.md``/``.markdown`` (optional YAML front matter), ``.txt``
(front matter honoured too: many exported posts are Markdown in a ``.txt``), ``.html``/``.htm``
(the article's main text only) and ``.jsonl`` (one article a line).

The article text is the whole decoded file; the *chunks* are the prose to analyse with
markup left out, each mapped back to offsets of the article text.
"""

from __future__ import annotations

import datetime as _dt
import errno
import json
import os
import re
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from html.parser import HTMLParser
from pathlib import Path

import yaml

from kg.errors import InputError
from kg.model import Article, Chunk, Piece, Skipped

SUFFIX_FORMAT = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "txt",
    ".text": "txt",
    ".html": "html",
    ".htm": "html",
    ".jsonl": "jsonl",
}


# --------------------------------------------------------------------------- decoding

_SURROGATE_RE = re.compile("[\ud800-\udfff]")
_UNPRINTABLE_RE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def clean_text(text: str) -> str:
    """``text`` with unpaired surrogates (which no UTF-8 file, store or output can hold) as U+FFFD.

    One character for one: offsets into the text stay valid.
    """
    return _SURROGATE_RE.sub("\ufffd", text)


def _escape_char(m: re.Match) -> str:
    o = ord(m.group())
    if 0xDC80 <= o <= 0xDCFF:  # an undecodable byte of a file name (surrogateescape)
        return f"\\x{o - 0xDC00:02x}"
    return f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}"


def printable(text: str) -> str:
    """``text`` safe to show on one terminal line: control characters, line breaks and
    undecodable bytes become backslash escapes."""
    return _UNPRINTABLE_RE.sub(_escape_char, text)


_BOMS = (
    (b"\xef\xbb\xbf", "utf-8"),
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def _japanese_score(text: str) -> float:
    """How much a decoded text looks like ordinary Japanese (higher is better)."""
    score = 0.0
    for ch in text:
        o = ord(ch)
        if o < 0x80:
            continue
        if 0x3040 <= o <= 0x30FF:  # hiragana, katakana
            score += 2
        elif 0x4E00 <= o <= 0x9FFF:  # common CJK ideographs
            score += 1
        elif 0x3000 <= o <= 0x303F or 0xFF01 <= o <= 0xFF5E:  # CJK punctuation, full-width ASCII
            score += 1
        elif 0xFF61 <= o <= 0xFF9F:  # half-width katakana: typical of a wrong guess
            score -= 2
        elif 0xE000 <= o <= 0xF8FF or unicodedata.category(ch) in ("Co", "Cn", "Cc"):
            score -= 3
        else:
            score -= 0.5
    return score


#: C0 and C1 control characters other than the whitespace ones (and Ctrl-Z, an old DOS end mark).
_CONTROL_RE = re.compile("[\x00-\x08\x0e-\x19\x1c-\x1f\x7f-\x9f\ufffe\uffff]")


def _looks_binary(text: str) -> bool:
    """Many control characters: a binary file that happens to decode, not an article."""
    n = len(_CONTROL_RE.findall(text, 0, 1 << 16))
    return n >= 8 and n > 0.25 * min(len(text), 1 << 16)


def _is_japanese(o: int) -> bool:
    """Kana, common kanji, CJK punctuation and full-width forms."""
    return 0x3040 <= o <= 0x30FF or 0x4E00 <= o <= 0x9FFF or 0x3000 <= o <= 0x303F or 0xFF01 <= o <= 0xFF5E


def _plausible_japanese(text: str) -> bool:
    """Whether text decoded from a legacy encoding reads as Japanese, not as mojibake."""
    good = bad = other = 0
    for ch in text:
        o = ord(ch)
        if o < 0x80:
            continue
        if _is_japanese(o):
            good += 1
        elif 0xE000 <= o <= 0xF8FF or unicodedata.category(ch) in ("Co", "Cn", "Cc", "Cs"):
            bad += 1
        else:  # half-width katakana, symbols, Latin letters with accents...
            other += 1
    return bad == 0 and good >= other and not _CONTROL_RE.search(text)


def _utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    """Text in UTF-16 without a byte-order mark (its ASCII has NUL high bytes), or None.

    Accepted only when it decodes to ordinary text: no control, unassigned or private-use
    characters, and mostly ASCII or Japanese (random binary data decodes to anything).
    """
    if len(data) % 2:
        return None
    found = []
    for enc in ("utf-16-le", "utf-16-be"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _CONTROL_RE.search(text) or "\x00" in text:
            continue
        if any(unicodedata.category(ch) in ("Cn", "Co", "Cs") for ch in text):
            continue
        usual = sum(1 for ch in text if ord(ch) < 0x80 or _is_japanese(ord(ch)))
        if usual >= 0.9 * len(text):
            found.append((_japanese_score(text), enc, text))
    if not found:
        return None
    found.sort(key=lambda c: -c[0])
    return found[0][2], found[0][1]


def decode(data: bytes) -> tuple[str, str]:
    """Decode file bytes into text, detecting the encoding Japanese users really have.

    UTF-8 (with or without BOM), UTF-16/32 with BOM, UTF-16 without BOM, Shift_JIS (CP932)
    and EUC-JP. The BOM is dropped. Raises :class:`InputError` for binary data or bytes no
    encoding explains (a legacy decoding must read as Japanese, not as mojibake).
    """
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(enc), enc
            except UnicodeDecodeError as exc:
                raise InputError(f"starts with a {enc} byte-order mark but is not valid {enc} "
                                 f"(bad bytes at offset {exc.start + len(bom)})") from exc
    if b"\x00" in data:
        found = _utf16_without_bom(data)
        if found:
            return found
        raise InputError("binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    else:
        if _looks_binary(text):
            raise InputError("binary file (mostly control characters), not text")
        return text, "utf-8"
    candidates = []
    for enc in ("cp932", "euc_jp"):
        try:
            text = data.decode(enc)
        except UnicodeDecodeError:
            continue
        if _plausible_japanese(text):
            candidates.append((_japanese_score(text), enc, text))
    if not candidates:
        if _looks_binary(data.translate(None, bytes(range(0x80, 0x100))).decode("ascii")):
            raise InputError("binary file (mostly control characters), not text")
        raise InputError(f"not valid UTF-8 (bad byte 0x{data[utf8_error.start]:02x} at offset {utf8_error.start}) "
                         "and not Shift_JIS (CP932) or EUC-JP text either; convert it to UTF-8")
    candidates.sort(key=lambda c: -c[0])
    _, enc, text = candidates[0]
    return text, enc


# --------------------------------------------------------------------------- metadata

_DATE_RE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})")


def normalize_date(value: object) -> str:
    """A date as ``YYYY-MM-DD`` from a string, ``date`` or ``datetime``; "" when absent.

    Raises :class:`ValueError` (with a message for people) for a value that is not a date
    or a date that does not exist (2025-02-30); never anything else.
    """
    if value is None or value == "":
        return ""
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    if not isinstance(value, str | int | float):
        raise ValueError(f"not a date: a {type(value).__name__}")
    shown = printable(str(value)[:40])
    text = unicodedata.normalize("NFKC", str(value)[:200])
    m = _DATE_RE.search(text)
    if not m:
        raise ValueError(f"not a date: {shown!r}")
    y, mo, d = (int(g) for g in m.groups())
    try:
        return _dt.date(y, mo, d).isoformat()
    except ValueError as exc:
        raise ValueError(f"{shown!r} is not a real date ({exc})") from None


_FRONT_RE = re.compile(r"\A---[ \t]*\r?\n(.*?)(?:\r?\n)(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


class _FrontMatterLoader(yaml.SafeLoader):
    """YAML's safe loader, but timestamps stay strings: ``date: 2025-02-30`` must not raise."""


_FrontMatterLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)


def split_front_matter(text: str) -> tuple[dict, int, list[str]]:
    """Parse YAML front matter at the start of ``text``.

    Returns (metadata, offset where the body starts, warnings). A front matter that is
    not YAML (or not a mapping) is reported in the warnings and skipped; the body is still read.
    """
    m = _FRONT_RE.match(text)
    if not m:
        return {}, 0, []
    try:
        meta = yaml.load(m.group(1), Loader=_FrontMatterLoader)
    except yaml.YAMLError as exc:
        problem = getattr(exc, "problem", None) or (str(exc).splitlines() or ["invalid YAML"])[0]
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""  # + the opening "---" line
        return {}, m.end(), [f"front matter is not valid YAML ({printable(problem)}{where}); "
                             "its metadata was ignored"]
    except (RecursionError, MemoryError, ValueError, TypeError, OverflowError) as exc:
        return {}, m.end(), [f"front matter cannot be read ({type(exc).__name__}); its metadata was ignored"]
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        return {}, m.end(), ["front matter is not a YAML mapping; its metadata was ignored"]
    return meta, m.end(), []


_SCALARS = (str, int, float, _dt.date)


def _meta_fields(meta: dict, warnings: list[str]) -> dict:
    """The metadata kg keeps, as clean strings; only scalar values (and lists of them) are read."""

    def text_of(v: object) -> str:
        if isinstance(v, bool) or v is None:
            return ""
        if isinstance(v, list | tuple):
            return ", ".join(clean_text(str(x)).strip() for x in v if isinstance(x, _SCALARS))
        if isinstance(v, _SCALARS):
            return clean_text(str(v)).strip()
        return ""

    out = {
        "title": text_of(meta.get("title")),
        "url": text_of(meta.get("url") or meta.get("link")),
        "author": text_of(meta.get("author")),
        "source": text_of(meta.get("source")),
    }
    tags = meta.get("tags") or meta.get("categories") or ()
    if isinstance(tags, str):
        tags = [t for t in re.split(r"[,\s]+", tags) if t]
    out["tags"] = (tuple(clean_text(str(t)) for t in tags if isinstance(t, _SCALARS) and not isinstance(t, bool))
                   if isinstance(tags, list | tuple) else ())
    try:
        out["date"] = normalize_date(meta.get("date"))
    except ValueError as exc:
        warnings.append(f"date ignored: {exc}; the article is kept without a date")
        out["date"] = ""
    return out


# --------------------------------------------------------------------------- chunks

class _ChunkBuilder:
    """Accumulates kept ranges of the original text into paragraph chunks."""

    def __init__(self) -> None:
        self.chunks: list[Chunk] = []
        self._parts: list[str] = []
        self._pieces: list[Piece] = []
        self._len = 0

    def add(self, text: str, orig_start: int, orig_len: int | None = None) -> None:
        """Append ``text`` that stands for ``orig_len`` characters at ``orig_start``."""
        if not text:
            return
        olen = len(text) if orig_len is None else orig_len
        if self._pieces:
            last = self._pieces[-1]
            if (
                last.clean_len == last.orig_len
                and olen == len(text)
                and last.orig_start + last.orig_len == orig_start
            ):
                self._pieces[-1] = Piece(last.clean_start, last.clean_len + len(text), last.orig_start,
                                         last.orig_len + olen)
                self._parts.append(text)
                self._len += len(text)
                return
        self._pieces.append(Piece(self._len, len(text), orig_start, olen))
        self._parts.append(text)
        self._len += len(text)

    def add_range(self, source: str, start: int, end: int) -> None:
        self.add(source[start:end], start)

    @property
    def empty(self) -> bool:
        return not self._parts

    def last_char(self) -> str:
        return self._parts[-1][-1] if self._parts else ""

    def length(self) -> int:
        return self._len

    def flush(self) -> None:
        text = "".join(self._parts)
        if text.strip():
            # trim surrounding whitespace by cutting pieces
            lead = len(text) - len(text.lstrip())
            trail = len(text.rstrip())
            chunk = Chunk(text, tuple(self._pieces))
            if lead or trail < len(text):
                chunk = slice_chunk(chunk, lead, trail)
            self.chunks.append(chunk)
        self._parts, self._pieces, self._len = [], [], 0


def slice_chunk(chunk: Chunk, a: int, b: int) -> Chunk:
    """The part ``[a, b)`` of a chunk's cleaned text as a chunk of its own."""
    pieces: list[Piece] = []
    for p in chunk.pieces:
        s, e = max(a, p.clean_start), min(b, p.clean_start + p.clean_len)
        if s >= e:
            continue
        if p.clean_len == p.orig_len:
            pieces.append(Piece(s - a, e - s, p.orig_start + (s - p.clean_start), e - s))
        else:
            pieces.append(Piece(s - a, e - s, p.orig_start, p.orig_len))
    return Chunk(chunk.text[a:b], tuple(pieces))


_SENT_END = "。．！？!?」』）)"

# Inline Markdown: what to drop (group "drop") or keep (group "keep") inside a line.
_INLINE_RE = re.compile(
    r"(?P<image>!\[[^\]\n]*\]\([^)\n]*\))"
    r"|(?P<link>\[(?P<ltext>[^\]\n]+)\]\((?P<lurl>[^)\n]*)\))"
    r"|(?P<autolink><https?://[^>\s]+>)"
    r"|(?P<url>https?://[^\s)）」』、。]+)"
    r"|(?P<tag></?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>)"
    r"|(?P<escape>\\(?P<escaped>[\\`*_{}\[\]()#+\-.!|]))"
    r"|(?P<marker>\*\*|__|~~|\*|`+)"
)


def _inline(builder: _ChunkBuilder, text: str, start: int, end: int) -> None:
    """Add ``text[start:end]`` to the builder without inline Markdown markup."""
    pos = start
    for m in _INLINE_RE.finditer(text, start, end):
        if m.start() > pos:
            builder.add_range(text, pos, m.start())
        if m.group("link"):
            builder.add_range(text, m.start("ltext"), m.end("ltext"))
        elif m.group("escape"):
            builder.add_range(text, m.start("escaped"), m.end("escaped"))
        pos = m.end()
    if pos < end:
        builder.add_range(text, pos, end)


_FENCE_RE = re.compile(r"^\s{0,3}(```|~~~)")
_HR_RE = re.compile(r"^\s{0,3}([-*_])(?:\s*\1){2,}\s*$")
_HEADING_RE = re.compile(r"^\s{0,3}#{1,6}(?:\s+|$)")
_HEADING_TAIL_RE = re.compile(r"\s+#+\s*$")
_LIST_RE = re.compile(r"^\s*(?:[-*+・]|\d+[.)．])\s+")
_QUOTE_RE = re.compile(r"^\s{0,3}(?:>\s?)+")
_TABLE_SEP_RE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")


def _lines(text: str, start: int) -> Iterator[tuple[int, int]]:
    """(start, end) of each line of ``text[start:]`` without its line break."""
    pos = start
    n = len(text)
    while pos < n:
        nl = text.find("\n", pos)
        if nl < 0:
            nl = n
        end = nl - 1 if nl > pos and text[nl - 1] == "\r" else nl
        yield pos, end
        pos = nl + 1


def markdown_chunks(text: str, start: int = 0, *, markdown: bool = True) -> tuple[Chunk, ...]:
    """Paragraph chunks of a Markdown (or plain) body beginning at ``start``.

    Headings, list items and table rows are chunks of their own; lines of one paragraph
    are joined when the previous line does not end a sentence. With ``markdown=False``
    only paragraph structure is read and no inline markup is removed.
    """
    b = _ChunkBuilder()
    in_fence = False
    for ls, le in _lines(text, start):
        line = text[ls:le]
        if markdown and _FENCE_RE.match(line):
            b.flush()
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if not line.strip():
            b.flush()
            continue
        if markdown and (_HR_RE.match(line) or _TABLE_SEP_RE.match(line) and "|" in line):
            b.flush()
            continue
        s = ls
        own_paragraph = False
        if markdown:
            m = _QUOTE_RE.match(line)
            if m:
                s = ls + m.end()
            rest = text[s:le]
            m = _HEADING_RE.match(rest)
            if m:
                b.flush()
                s += m.end()
                tail = _HEADING_TAIL_RE.search(text, s, le)
                _inline(b, text, s, tail.start() if tail else le)
                b.flush()
                continue
            m = _LIST_RE.match(rest)
            if m:
                b.flush()
                s += m.end()
            if rest.lstrip().startswith("|"):
                b.flush()
                for cell in re.finditer(r"[^|]+", text[s:le]):
                    _inline(b, text, s + cell.start(), s + cell.end())
                    b.flush()
                continue
        else:
            own_paragraph = bool(_LIST_RE.match(line))
            if own_paragraph:
                b.flush()
        # a new line continues the paragraph only if the previous one did not end a sentence, and does not
        # open with the ideographic space that indents a Japanese paragraph (a headline line above it is its own)
        if not b.empty:
            last = b.last_char()
            if last in _SENT_END or (b.length() < 20 and last not in "、，,") or text.startswith("\u3000", s):
                b.flush()
        lead = len(text[s:le]) - len(text[s:le].lstrip())
        if markdown:
            _inline(b, text, s + lead, le)
        else:
            b.add_range(text, s + lead, le)
    b.flush()
    return tuple(b.chunks)


_SKIP_TAGS = {
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "button", "select", "option", "svg", "iframe", "head", "title", "menu", "object", "canvas",
}
_BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul",
    "ol", "dl", "dt", "dd", "tr", "td", "th", "table", "blockquote", "pre", "figure",
    "figcaption", "br", "hr", "body", "caption", "address", "details", "summary",
}
_VOID_TAGS = {"br", "hr", "img", "meta", "link", "input", "area", "base", "col", "embed", "source",
              "track", "wbr", "param"}


class _HtmlReader(HTMLParser):
    """Collects the main text of an HTML page with offsets into the page source."""

    def __init__(self, text: str, only: str | None) -> None:
        super().__init__(convert_charrefs=False)
        self.text = text
        self.only = only  # "article" or "main": read text inside that element only
        self.builder = _ChunkBuilder()
        self.skip_depth = 0
        self.only_depth = 0
        self.stack: list[str] = []
        self.title = ""
        self.h1 = ""
        self.date = ""
        self.url = ""
        self.author = ""
        self._in_title = False
        self._in_h1 = False
        self._line_starts = [0]
        for m in re.finditer("\n", text):
            self._line_starts.append(m.end())

    # offsets
    def _offset(self) -> int:
        line, col = self.getpos()
        return self._line_starts[line - 1] + col

    def _reading(self) -> bool:
        return self.skip_depth == 0 and (self.only is None or self.only_depth > 0)

    def handle_starttag(self, tag, attrs):
        tag = tag.lower()
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta":
            prop = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if prop in ("article:published_time", "date", "pubdate", "datepublished", "dc.date") and not self.date:
                self.date = a.get("content", "")
            elif prop in ("og:url",) and not self.url:
                self.url = a.get("content", "")
            elif prop in ("author", "article:author") and not self.author:
                self.author = a.get("content", "")
            elif prop == "og:title" and not self.title:
                self.title = a.get("content", "")
        elif tag == "link" and a.get("rel", "").lower() == "canonical" and not self.url:
            self.url = a.get("href", "")
        elif tag == "time" and not self.date:
            self.date = a.get("datetime", "")
        if tag == "title":
            self._in_title = True
        if tag == "h1":
            self._in_h1 = True
        if tag in _VOID_TAGS:
            if tag in _BLOCK_TAGS:
                self.builder.flush()
            return
        self.stack.append(tag)
        if tag in _SKIP_TAGS:
            self.skip_depth += 1
        if self.only and tag == self.only:
            self.only_depth += 1
        if tag in _BLOCK_TAGS:
            self.builder.flush()

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag.lower() not in _VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        tag = tag.lower()
        if tag == "title":
            self._in_title = False
        if tag == "h1":
            self._in_h1 = False
        if tag not in self.stack:
            return
        while self.stack:
            t = self.stack.pop()
            if t in _SKIP_TAGS:
                self.skip_depth -= 1
            if self.only and t == self.only:
                self.only_depth -= 1
            if t in _BLOCK_TAGS:
                self.builder.flush()
            if t == tag:
                break

    def _add(self, data: str, start: int, orig_len: int | None = None) -> None:
        if self._in_title and not self.title:
            self.title = data.strip()
        if self._in_h1 and not self.h1 and data.strip():
            self.h1 = data.strip()
        if not self._reading():
            return
        if orig_len is not None:
            self.builder.add(data, start, orig_len)
            return
        # drop line breaks and the indentation around them; keep other text as is
        pos = 0
        for m in re.finditer(r"[ \t]*\r?\n[ \t\r\n]*", data):
            if m.start() > pos:
                self.builder.add(data[pos : m.start()], start + pos)
            pos = m.end()
        if pos < len(data):
            self.builder.add(data[pos:], start + pos)

    def handle_data(self, data):
        self._add(data, self._offset())

    def _ref(self, decoded: str) -> None:
        start = self._offset()
        m = re.compile(r"&#?[A-Za-z0-9]*;?").match(self.text, start)
        length = m.end() - start if m else 1
        self._add(decoded, start, length)

    def handle_entityref(self, name):
        import html

        decoded = html.unescape(f"&{name};")
        self._ref(decoded if decoded != f"&{name};" else f"&{name}")

    def handle_charref(self, name):
        import html

        self._ref(html.unescape(f"&#{name};"))


def html_article(text: str) -> tuple[tuple[Chunk, ...], dict]:
    """Main-text chunks and metadata of an HTML page."""
    lower = text.lower()
    only = "article" if re.search(r"<article[\s>]", lower) else "main" if re.search(r"<main[\s>]", lower) else None
    reader = _HtmlReader(text, only)
    reader.feed(text)
    reader.close()
    reader.builder.flush()
    if only and not reader.builder.chunks:
        # "<article" only in a script or a comment: read the whole page instead
        reader = _HtmlReader(text, None)
        reader.feed(text)
        reader.close()
        reader.builder.flush()
    meta = {"title": reader.title or reader.h1, "date": reader.date, "url": reader.url, "author": reader.author}
    return tuple(reader.builder.chunks), meta


# --------------------------------------------------------------------------- articles

def _article_from_text(article_id: str, text: str, fmt: str, source: str) -> Article:
    warnings: list[str] = []
    if fmt == "html":
        chunks, meta = html_article(text)
        fields = _meta_fields(meta, warnings)
        if not chunks:
            warnings.append("no main text found in the page (only navigation, scripts or markup)")
    else:
        meta, body, warnings = split_front_matter(text)
        fields = _meta_fields(meta, warnings)
        chunks = title_chunk(text, body, fields["title"]) + markdown_chunks(
            text, body, markdown=fmt == "markdown" or bool(meta) or body > 0)
        if not chunks:
            warnings.append("no text to analyse after the front matter" if body else "no text to analyse")
    return _make_article(article_id, text, fields, fmt, chunks, warnings, source)


def title_chunk(text: str, body: int, title: str) -> tuple[Chunk, ...]:
    """The front matter's title as a chunk of its own, where it stands in the file: a headline says who did what
    (大同特殊鋼、タイのSSSを約620億円で買収). None when the body opens with the same words."""
    if not title or body <= 0 or "\n" in title or text[body:].lstrip().lstrip("#").strip().startswith(title):
        return ()
    at = text.find(title, 0, body)
    if at < 0:
        return ()
    return markdown_chunks(text[:at + len(title)], at, markdown=False)


def _make_article(article_id: str, text: str, fields: dict, fmt: str, chunks: tuple[Chunk, ...],
                  warnings: list[str], path: str) -> Article:
    return Article(id=article_id, text=text, title=fields["title"], date=fields["date"], url=fields["url"],
                   source=fields["source"], author=fields["author"], tags=fields["tags"], format=fmt,
                   chunks=chunks, warnings=tuple(warnings), path=path)


def _jsonl_articles(text: str, source: str) -> Iterator[Article | Skipped]:
    """The articles of a JSON Lines text; each bad line is a :class:`Skipped` naming its number.

    Lines are split at ``\\n`` only: U+2028 and other separators ``str.splitlines`` knows may
    stand raw inside a JSON string.
    """
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        where = f"{source}:{lineno}"
        try:
            rec = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Skipped(where, f"line {lineno} is not JSON ({exc.msg} at column {exc.colno})")
            continue
        except RecursionError:
            yield Skipped(where, f"line {lineno} is not usable JSON (nested too deeply)")
            continue
        except ValueError as exc:  # e.g. a number of more than 4,300 digits
            yield Skipped(where, f"line {lineno} is not usable JSON ({printable(str(exc))[:120]})")
            continue
        if not isinstance(rec, dict):
            yield Skipped(where, f"line {lineno} is not a JSON object")
            continue
        body = rec.get("text")
        if not isinstance(body, str):
            what = "has no \"text\" field" if body is None else "has a \"text\" that is not a string"
            yield Skipped(where, f"line {lineno} {what}")
            continue
        aid = rec.get("id")
        if aid is None or aid == "":
            yield Skipped(where, f"line {lineno} has no \"id\" field")
            continue
        if isinstance(aid, bool) or not isinstance(aid, str | int | float):
            yield Skipped(where, f"line {lineno} has an \"id\" that is not a string or a number")
            continue
        warnings: list[str] = []
        clean = clean_text(body)
        if clean != body:
            warnings.append("text holds unpaired surrogate escapes (\\ud800...); they were replaced by U+FFFD")
        fields = _meta_fields(rec, warnings)
        yield _make_article(clean_text(str(aid)), clean, fields, "jsonl", markdown_chunks(clean, 0, markdown=False),
                            warnings, where)


def _file_name(name: str) -> str:
    """A file name as clean text: undecodable bytes (surrogateescape) read as CP932 or replaced."""
    if not _SURROGATE_RE.search(name):
        return name
    raw = os.fsencode(name)
    for enc in ("cp932", "euc_jp"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "replace")


_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"))


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _stat_problem(path: Path, exc: OSError) -> str:
    """Why ``os.stat`` of an input failed, in words."""
    if exc.errno == errno.ELOOP:
        return "symbolic link loop (following the link leads back to it)"
    if exc.errno in (errno.ENOENT, errno.ENOTDIR):
        if path.is_symlink():
            try:
                target = os.readlink(path)
            except OSError:
                target = "?"
            return f"broken symbolic link (points to {printable(target)!r}, which does not exist)"
        return "no such file or directory"
    if exc.errno in (errno.EACCES, errno.EPERM):
        return "cannot be read (permission denied)"
    return f"cannot be read ({exc.strerror or exc})"


def read_file(path: Path, article_id: str) -> Iterator[Article | Skipped]:
    """The article(s) of one file, or a :class:`Skipped` naming why not.

    Never blocks on a named pipe or a device, never follows a symbolic link loop, and never
    lets one bad file stop the others.
    """
    shown = printable(str(path))
    try:
        st = os.stat(path)
    except OSError as exc:
        yield Skipped(shown, _stat_problem(path, exc), article_id)
        return
    if not stat.S_ISREG(st.st_mode):
        yield Skipped(shown, f"not a regular file ({_kind(st.st_mode)})", article_id)
        return
    fmt = SUFFIX_FORMAT.get(path.suffix.lower())
    if fmt is None:
        suffix = printable(path.suffix) or "(no extension)"
        yield Skipped(shown, f"unsupported file type {suffix!r}; "
                             "kg reads .md, .markdown, .txt, .html, .htm and .jsonl", article_id)
        return
    try:
        # O_NONBLOCK: a file swapped for a named pipe after the stat above cannot hang the build
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as fh:
            mode = os.fstat(fh.fileno()).st_mode
            if not stat.S_ISREG(mode):
                yield Skipped(shown, f"not a regular file ({_kind(mode)})", article_id)
                return
            data = fh.read()
    except OSError as exc:
        if exc.errno in (errno.EACCES, errno.EPERM):
            reason = "cannot be read (permission denied)"
        else:
            reason = f"cannot be read ({exc.strerror or exc})"
        yield Skipped(shown, reason, article_id)
        return
    if not data.strip():
        yield Skipped(shown, "empty file", article_id)
        return
    try:
        text, _enc = decode(data)
    except InputError as exc:
        yield Skipped(shown, str(exc), article_id)
        return
    if not text.strip():
        yield Skipped(shown, "empty file (nothing but a byte-order mark and white space)", article_id)
        return
    try:
        if fmt == "jsonl":
            items = list(_jsonl_articles(text, shown))
        else:
            items = [_article_from_text(article_id, text, fmt, shown)]
    except Exception as exc:  # a reader bug must not stop the build: name it and go on
        yield Skipped(shown, f"cannot be parsed as {fmt} ({type(exc).__name__}: {printable(str(exc))[:160]}); "
                             "this is a kg bug, please report it", article_id)
        return
    yield from items


def _walk(root: Path) -> Iterator[tuple[Path, str] | Skipped]:
    """Files under a folder in sorted order; folders that cannot be listed and links to folders named."""
    entries: list[tuple[str, Path | Skipped]] = []
    real_root = os.path.realpath(root)

    def rel_of(p: Path) -> str:
        return _file_name(p.relative_to(root).as_posix())

    def on_error(exc: OSError) -> None:
        p = Path(exc.filename) if exc.filename else root
        rel = rel_of(p) if p != root else "."
        entries.append((rel, Skipped(printable(str(p)), f"folder cannot be read ({exc.strerror or exc})")))

    for dirpath, dirnames, filenames in os.walk(root, onerror=on_error, followlinks=False):
        keep = []
        for d in sorted(dirnames):
            if d.startswith("."):
                continue
            p = Path(dirpath) / d
            if not p.is_symlink():
                keep.append(d)
                continue
            real = os.path.realpath(p)
            real_dir = os.path.realpath(dirpath)
            if real_dir == real or real_dir.startswith(real.rstrip(os.sep) + os.sep):
                reason = "symbolic link loop (the link leads to a folder that contains it); not followed"
            elif real == real_root or real.startswith(real_root.rstrip(os.sep) + os.sep):
                reason = "symbolic link to a folder already read; not followed"
            else:
                reason = ("symbolic link to a folder; not followed (give the folder itself as an input "
                          "to read it)")
            entries.append((rel_of(p), Skipped(printable(str(p)), reason, rel_of(p))))
        dirnames[:] = keep
        for name in filenames:
            if name.startswith("."):
                continue
            p = Path(dirpath) / name
            entries.append((rel_of(p), p))
    entries.sort(key=lambda e: e[0])
    for rel, item in entries:
        yield item if isinstance(item, Skipped) else (item, rel)


def discover(inputs: Iterable[str | os.PathLike]) -> Iterator[tuple[Path, str] | Skipped]:
    """Files to read as (path, article id), directories walked recursively in sorted order.

    Hidden files and folders are left out; symbolic links to folders are not followed (each
    is named, a loop as a loop).
    """
    for raw in inputs:
        root = Path(raw)
        shown = printable(os.fspath(raw))
        try:
            st = os.stat(root)
        except OSError as exc:
            yield Skipped(shown, _stat_problem(root, exc))
            continue
        if stat.S_ISREG(st.st_mode):
            yield root, _file_name(root.name)
        elif stat.S_ISDIR(st.st_mode):
            yield from _walk(root)
        else:
            yield Skipped(shown, f"not a regular file or directory ({_kind(st.st_mode)})")


def read_inputs(inputs: Iterable[str | os.PathLike]) -> Iterator[Article | Skipped]:
    """Every article of the inputs (in a stable order) and every input that was skipped.

    Each article id has one owner, the first input that claims it (a skipped file claims
    its id too). A later article with a claimed id is skipped as a duplicate; a later skipped
    input with a claimed id is keyed by its path instead. So the store's row of an id is never
    replaced by another input's.
    """
    claimed: set[str] = set()

    def owned(item: Article | Skipped) -> Article | Skipped:
        if isinstance(item, Skipped):
            if not item.article_id:
                return item
            if item.article_id in claimed:
                return Skipped(item.path, item.reason)
            claimed.add(item.article_id)
            return item
        if item.id in claimed:
            return Skipped(item.path, f"duplicate article id {printable(item.id)!r} (already read from another input)")
        claimed.add(item.id)
        return item

    for found in discover(inputs):
        if isinstance(found, Skipped):
            yield owned(found)
            continue
        path, aid = found
        for item in read_file(path, aid):
            yield owned(item)
