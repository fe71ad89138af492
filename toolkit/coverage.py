"""How much of a document's text reaches an edition: the words of `<text>` found in the output.

A word is a run of Unicode letters, marks and digits, compared case-folded and NFC-normalised.
The source's words are those of every `<text>` (each component's in a `teiCorpus`), all readings
included: the reading chosen (`corr`, `reg`, `expan` by default) in the running text, and the
other side of each `choice` (`sic`/`corr`, `orig`/`reg`, `abbr`/`expan`) and deleted text
(`del`) as words of their own, since a deletion or an abbreviation inside a word is not part of
the word as read; added text and notes are in the running text. Identifiers and coordinates
(`idno`, `geo`) are data, not words. The output's words are those of the HTML pages, the EPUB's
XHTML documents or the plain text (attributes, scripts and styles do not count: a reading only
in a tooltip is not on the page), with the editions' marks of the reading not chosen and of
deleted text taken as words of their own in the same way: in HTML and EPUB, `del`, a reading
hidden until the reader switches to it (`hidden`) and the other reading shown beside the chosen
one (class `other-reading`); in the plain text, what stands in `⟦ ⟧` (deleted) and in
`[sic: ...]`-style brackets (the other reading). Coverage is the share of source words,
counted with their repetitions, that the output holds as often; the loss report names the
elements whose words are missing.

Element boundaries are word boundaries where a reader sees one (blocks, line and page breaks
without `break="no"`, the readings of an apparatus entry), and not inside a word split by a
break with `break="no"` (the white space around it is layout of the XML, as the Guidelines
say, and the editions join the word) or by
phrase markup (`<hi>G</hi>eschichte`), the way the editions join them. The editorial signs of
the Leiden conventions do not split a word either (`L(ucius)`, `[Mar]cellus` are one word, as
in the source), and a letter's dot below (an uncertain reading) is no part of it.
"""

from __future__ import annotations

import re
import unicodedata
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

TEI_NS = "http://www.tei-c.org/ns/1.0"
XHTML_NS = "http://www.w3.org/1999/xhtml"


def _names(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: TEI elements whose start and end separate words (blocks, and breaks that are not break="no").
TEI_BREAKS = _names(
    """ab argument back bibl body byline castGroup castItem castList cell closer cit dateline
    def div div1 div2 div3 div4 div5 div6 div7 docAuthor docDate docImprint docTitle entry
    epigraph etym fw figDesc figure floatingText form front gramGrp group head item l label lg
    list listBibl listPerson listPlace note opener p postscript quote re roleDesc row salute
    sense signed sp speaker stage table text titlePage titlePart trailer u usg xr
    lem rdg witDetail"""
)  # (the readings of an apparatus entry are alternatives: each one's words are its own)
TEI_MILESTONES = frozenset({"lb", "pb", "cb", "milestone", "gb", "space"})
#: Machine data, not words of the text: identifiers and coordinates.
TEI_DATA = frozenset({"idno", "geo"})

#: HTML elements whose start and end separate words.
HTML_BREAKS = _names(
    """address article aside blockquote br caption dd details div dl dt figcaption figure
    footer h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td
    tfoot th thead tr ul title"""
)
HTML_SKIP = frozenset({"script", "style", "template", "head"})

_WORD_CHAR: dict[str, bool] = {}


def _is_word_char(ch: str) -> bool:
    known = _WORD_CHAR.get(ch)
    if known is None:
        known = _WORD_CHAR[ch] = unicodedata.category(ch)[0] in "LMN"
    return known


def words(text: str) -> list[str]:
    """The words of a string: runs of letters, marks and digits, NFC and case-folded."""
    return [w for w, _ in _word_starts(text)]


def _local(el: etree._Element) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def _tei_break(el: etree._Element) -> bool:
    name = _local(el)
    if name in TEI_MILESTONES:
        return el.get("break") not in ("no", "false")
    return name in TEI_BREAKS


#: In a list of runs: the white space on each side is no word boundary (a `break="no"`).
JOIN = ("", None)


def _joins(el: etree._Element) -> bool:
    return _local(el) in TEI_MILESTONES and el.get("break") in ("no", "false")


def _runs(root: etree._Element, is_break, skip=frozenset(), is_apart=lambda el: False):
    """(text, innermost element) pieces in document order; None marks a word boundary.
    Elements for which `is_apart` holds (a deletion, the reading not chosen) give runs of
    their own, after the rest: their letters do not join the words around them."""
    out: list = []
    apart: list = []

    def walk(el, into):
        name = _local(el)
        if name in skip:
            return
        if into is out and is_apart(el):
            apart.append(None)
            walk(el, apart)
            apart.append(None)
            return
        brk = is_break(el)
        if brk:
            into.append(None)
        elif _joins(el):
            into.append(JOIN)
        if el.text:
            into.append((el.text, el))
        for child in el:
            if isinstance(child.tag, str):
                walk(child, into)
            if child.tail:
                into.append((child.tail, el))
        if brk:
            into.append(None)

    walk(root, out)
    return [*out, None, *apart]


def _tokens(runs) -> list[tuple[str, etree._Element | None]]:
    """Words with the element holding their first letter, joining runs not split by a break."""
    tokens: list[tuple[str, etree._Element | None]] = []
    buf: list[str] = []
    owners: list = []

    def flush():
        if buf:
            joined = "".join(buf)
            # owner of each word: the element holding its first character
            pos = 0
            spans = []
            for piece, owner in zip(buf, owners, strict=True):
                spans.append((pos, owner))
                pos += len(piece)
            for word, start in _word_starts(joined):
                owner = next(o for p, o in reversed(spans) if p <= start)
                tokens.append((word, owner))
        buf.clear()
        owners.clear()

    # a break is pending until letters follow it; a break inside a word (JOIN) that follows
    # with only white space between cancels it (a column break, then a line break with
    # break="no": the word goes on in the next column)
    joining = pending = False
    for run in runs:
        if run is None:
            pending, joining = True, False
        elif run is JOIN:
            if buf:
                buf[-1] = buf[-1].rstrip()
            pending, joining = False, True
        else:
            text = run[0].lstrip() if joining else run[0]
            if pending and not text.strip():
                continue
            if pending:
                flush()
                pending = False
            joining = joining and not text
            buf.append(text)
            owners.append(run[1])
    flush()
    return tokens


#: Editorial signs that stand inside a word in an edition of an inscription or a manuscript
#: (Leiden conventions: L(ucius), [Mar]cellus, ⟨f⟩ilio, ⟦x⟧, {e}t, `pio´): between two letters
#: they do not split the word. The dot below an uncertain letter (U+0323) is a sign too, left
#: out of every word, the source's as the edition's.
LEIDEN_SIGNS = frozenset("()[]⟨⟩⟦⟧{}`´")
_DOT_BELOW = "\u0323"


def _is_letter(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "LM"


def _word(text: str) -> str:
    plain = "".join(ch for ch in text if ch not in LEIDEN_SIGNS)
    if not plain.isascii():
        plain = unicodedata.normalize("NFD", plain).replace(_DOT_BELOW, "")
    return unicodedata.normalize("NFC", plain).casefold()


def _word_starts(text: str):
    start = None
    last = len(text) - 1
    for i, ch in enumerate(text):
        # a sign continues the word it stands in when a letter (or another sign) follows
        joins = (
            start is not None
            and ch in LEIDEN_SIGNS
            and i < last
            and (_is_letter(text[i - 1]) or text[i - 1] in LEIDEN_SIGNS)
            and (_is_letter(text[i + 1]) or text[i + 1] in LEIDEN_SIGNS)
        )
        if _is_word_char(ch) or joins:
            if start is None:
                start = i
        elif start is not None:
            yield _word(text[start:i]), start
            start = None
    if start is not None:
        yield _word(text[start:]), start


#: The readings of a `choice` for each reading an edition can be built in: the editor's
#: ('corr') or the source's ('sic'); the first is shown where the choice holds both.
READINGS = {"corr": ("corr", "reg", "expan"), "sic": ("sic", "orig", "abbr")}


def _tei_apart(reading: str):
    shown, other = READINGS[reading], READINGS["sic" if reading == "corr" else "corr"]

    def is_apart(el) -> bool:
        name = _local(el)
        if name == "del":
            return True
        parent = el.getparent()
        if name in other and parent is not None and _local(parent) == "choice":
            return any(_local(c) in shown for c in parent)
        return False

    return is_apart


def source_tokens(root: etree._Element, reading: str = "corr") -> list[tuple[str, str]]:
    """(word, element name) for every word of every `<text>` of a TEI document or corpus, as
    an edition built in `reading` ('corr' or 'sic') shows them (module docstring)."""
    texts = [
        t
        for t in root.iter(f"{{{TEI_NS}}}text")
        if not any(_local(a) == "text" for a in t.iterancestors())
    ]
    out = []
    for text in texts:
        for word, owner in _tokens(_runs(text, _tei_break, TEI_DATA, _tei_apart(reading))):
            out.append((word, _local(owner) if owner is not None else "text"))
    return out


def _html_break(el: etree._Element) -> bool:
    # a note reference's number is no part of the word it follows ("Aufträge" and "8")
    return _local(el).lower() in HTML_BREAKS or el.get("role") == "doc-noteref"


def html_words(data: bytes) -> list[str]:
    """The words a reader sees in one HTML or XHTML document."""
    import lxml.html

    try:
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        root = lxml.html.document_fromstring(data)
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.startswith("{"):
            el.tag = etree.QName(el).localname
    body = root.find("body")
    runs = _runs(body if body is not None else root, _html_break, HTML_SKIP, _html_apart)
    return [w for w, _ in _tokens(runs)]


def _html_apart(el) -> bool:
    return (
        _local(el) == "del"
        or el.get("hidden") is not None
        or "other-reading" in (el.get("class") or "").split()
    )


#: The plain-text edition's marks: deleted text in ⟦ ⟧, the other reading of a choice in
#: brackets after the one chosen ("receive [sic: recieve]"); what they hold are words apart.
TEXT_APART = re.compile(r"⟦([^⟧]*)⟧|\s?\[(?:sic|corr|orig|reg|abbr|expan)\.?: ([^\]]*)\]")


def text_words(text: str) -> list[str]:
    """The words of the plain-text edition (module docstring)."""
    apart: list[str] = []

    def keep(m: re.Match) -> str:
        apart.append(m.group(1) if m.group(1) is not None else m.group(2))
        return ""

    main = TEXT_APART.sub(keep, text)
    return words(main) + [w for piece in apart for w in words(piece)]


def output_words(path: Path, fmt: str) -> list[str]:
    """The words of one built edition: a folder of HTML pages, an EPUB, or a text file."""
    path = Path(path)
    if fmt == "text":
        return text_words(path.read_text(encoding="utf-8"))
    if fmt == "epub":
        out: list[str] = []
        with zipfile.ZipFile(path) as z:
            for name in sorted(z.namelist()):
                if name.endswith((".xhtml", ".html")):
                    out += html_words(z.read(name))
        return out
    if fmt == "html":
        out = []
        for page in sorted(path.glob("*.html")):
            out += html_words(page.read_bytes())
        return out
    raise ValueError(f"unknown format {fmt!r}")


@dataclass
class Coverage:
    """The share of a document's words an edition holds, and where the missing ones were."""

    total: int
    found: int
    lost_by_element: Counter = field(default_factory=Counter)
    lost_examples: dict[str, list[str]] = field(default_factory=dict)

    @property
    def share(self) -> float:
        return self.found / self.total if self.total else 1.0

    def report(self, limit: int = 8) -> str:
        """One line per element whose words are missing, the worst first."""
        lines = [f"{self.share:.2%} of {self.total} words ({self.total - self.found} missing)"]
        for name, n in self.lost_by_element.most_common(limit):
            examples = ", ".join(self.lost_examples.get(name, [])[:6])
            lines.append(f"  <{name}>: {n} words missing, e.g. {examples}")
        return "\n".join(lines)


def measure(source: list[tuple[str, str]], output: list[str]) -> Coverage:
    """Compare a document's words (with their elements) with an edition's words."""
    have = Counter(output)
    need = Counter(w for w, _ in source)
    found = sum(min(n, have[w]) for w, n in need.items())
    deficit = {w: n - have[w] for w, n in need.items() if n > have[w]}
    lost: Counter = Counter()
    examples: dict[str, list[str]] = {}
    # Attribute each missing occurrence to the last occurrences of its word: an edition that
    # drops a part usually drops what comes after what it kept.
    for word, element in reversed(source):
        if deficit.get(word, 0) > 0:
            deficit[word] -= 1
            lost[element] += 1
            seen = examples.setdefault(element, [])
            if len(seen) < 6 and word not in seen:
                seen.append(word)
    return Coverage(len(source), found, lost, examples)
