"""The plain-text editions (formats text and text-clean) and the clean text's mention spans.

The lossless tests compute, here in Python with lxml and independently of the stylesheet,
the text that the TEI holds in the chosen reading, and compare it with the edition word for
word (and, for the running text and the notes, token for token with punctuation).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from tests.conftest import EDITION, ELTEC, FIXTURES, require_shared
from toolkit.check.document import is_editorial
from toolkit.cli import main
from toolkit.formats import Options
from toolkit.formats import get as get_format
from toolkit.formats import text as text_format
from toolkit.source import load

GOLDEN = Path(__file__).resolve().parent.parent / "golden" / "text"
CANONICAL = FIXTURES / "canonical.xml"
FEATURES = FIXTURES / "text-features.xml"
ELTEC_NAMES = sorted(p.name for p in ELTEC.glob("*.xml")) or ["ELTeC corpus missing"]

TEI = "http://www.tei-c.org/ns/1.0"
NS = {"tei": TEI}

# ---------------------------------------------------------------------------------------
# The TEI side, computed from the TEI alone.
# ---------------------------------------------------------------------------------------

# Phrase-level elements flow inside a paragraph; every other element separates words.
PHRASE = {
    "hi", "emph", "foreign", "term", "title", "soCalled", "mentioned", "gloss", "distinct",
    "persName", "placeName", "orgName", "geogName", "name", "rs", "date", "time", "num",
    "measure", "ref", "ptr", "choice", "sic", "corr", "orig", "reg", "abbr", "expan", "seg",
    "w", "pc", "c", "add", "unclear", "supplied", "app", "lem", "rdg", "forename", "surname",
    "roleName", "addName", "genName", "nameLink", "q", "quote", "said", "cit", "citedRange",
    "biblScope", "bibl", "author", "editor", "pubPlace", "publisher", "idno", "email",
    "damage", "subst", "restore", "span", "del", "anchor",
}  # fmt: skip
# Elements whose content a reader does not read (page furniture, pointers).
SILENT = {
    "pb", "cb", "fw", "index", "interpGrp", "spanGrp", "graphic",
    "binaryObject", "link", "linkGrp", "join", "alt", "altGrp", "timeline",
}  # fmt: skip
# The reading edition shows the reading not chosen after the one chosen, with its label.
READING_LABEL = {"sic": "sic", "corr": "corr.", "orig": "orig.", "reg": "reg.", "abbr": "abbr.",
                 "expan": "expan."}  # fmt: skip
CONTAINERS = {"div", "div1", "div2", "div3", "div4", "div5", "div6", "div7"} | {
    "body", "front", "back", "group", "text", "floatingText",
}  # fmt: skip
# Notes inside these annotate the figure or the entry and are printed with it.
ANNOTATED = {"figure", "listBibl", "listPerson", "listPlace", "listOrg", "listEvent", "biblStruct"}
MENTIONS = {"persName", "placeName", "orgName", "geogName", "name", "rs", "date", "time"}
# What the clean text leaves out besides notes: headings and other non-running text.
NOT_RUNNING = {"head", "trailer", "dateline", "figure", "listBibl", "listPerson", "listPlace",
               "listOrg", "listEvent"}  # fmt: skip
XML_WS = re.compile(r"[ \t\r\n]+")
SPACES = "".join(chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Zs")
SPACES += "\x85\u2028\u2029"  # line separators are spaces too in a plain-text file
# As the reading edition shows whitespace: a run of spaces holding an ordinary one is one.
READER_WS = re.compile(f"[\t\r\n{SPACES}]*[ \t\r\n\x85\u2028\u2029][\t\r\n{SPACES}]*")


def local(el) -> str:
    return etree.QName(el).localname if isinstance(el.tag, str) else ""


def ancestors(el):
    parent = el.getparent()
    while parent is not None:
        yield parent
        parent = parent.getparent()


def is_block_note(note) -> bool:
    parent = note.getparent()
    return parent is not None and local(parent) in CONTAINERS


def is_endnote(note) -> bool:
    names = {local(a) for a in ancestors(note)}
    return (
        local(note) == "note"
        and "text" in names
        and "note" not in names
        and not is_block_note(note)
        and not ANNOTATED & names
    )


def lead(note) -> str:
    """The words the editions put before an editors' note (toolkit.check's definition)."""
    return "Editors’ note: " if is_editorial(note) else ""


def hidden(el, reading: str) -> bool:
    """A reading of a <choice> that the chosen reading does not show."""
    parent = el.getparent()
    if parent is None or local(parent) != "choice":
        return False
    siblings = {local(c) for c in parent}
    if reading == "sic":
        return local(el) in ("corr", "reg", "expan") and bool(siblings & {"sic", "orig", "abbr"})
    return local(el) in ("sic", "orig", "abbr") and bool(siblings & {"corr", "reg", "expan"})


class Reader:
    """The text of a TEI document in one reading, as its plain-text edition must hold it.

    Besides the TEI's own text, the edition adds only: [n] note references, […] for a gap,
    [ ] around supplied text, ⟦ ⟧ around deleted text, the reading not chosen in brackets
    after the one chosen ("[sic: …]"), [Figure: …], list numbers the TEI leaves implicit, " | "
    between table cells, in bibliography entries "ed."/"eds." and "In", and "Editors’ note:"
    before an editorial note (whose mark is "ed. n", apart from the author's numbers). They are
    added here the same way; everything else must be the TEI's.
    """

    def __init__(self, root, reading: str = "corr", notes: bool = True):
        self.root = root
        self.reading = reading
        self.notes = notes
        self.texts = root.xpath(
            "/tei:TEI/tei:text | /tei:teiCorpus//tei:TEI/tei:text", namespaces=NS
        )
        self.endnotes = [n for t in self.texts for n in t.iter(f"{{{TEI}}}note") if is_endnote(n)]
        authors = [n for n in self.endnotes if not is_editorial(n)]
        self.number = {n: (n.get("n") or "").strip() or str(i) for i, n in enumerate(authors, 1)}
        editorial = [n for t in self.texts for n in t.iter(f"{{{TEI}}}note") if is_editorial(n)]
        for i, n in enumerate(editorial, 1):
            if n in self.endnotes:
                self.number[n] = f"ed. {(n.get('n') or '').strip() or i}"

    def part(self, elements, clean: bool = False) -> str:
        out: list[str] = []
        for el in elements:
            self._visit(el, out, clean)
        return "".join(out)

    def flow(self, el, clean: bool = False) -> str:
        """The content of `el` (not the element's own rendering)."""
        out: list[str] = []
        self._children(el, out, clean)
        return "".join(out)

    def title_page(self):
        return [c for t in self.texts for f in t.findall("tei:front", NS) for c in f
                if local(c) == "titlePage"]  # fmt: skip

    def running(self):
        """Front matter except the title page, then the body."""
        front = [c for t in self.texts for f in t.findall("tei:front", NS) for c in f
                 if isinstance(c.tag, str) and local(c) != "titlePage"]  # fmt: skip
        return front + self.bodies()

    def bodies(self):
        return [c for t in self.texts for c in t if local(c) in ("body", "group")]

    def backs(self):
        return [b for t in self.texts for b in t.findall("tei:back", NS)]

    def notes_text(self) -> str:
        return " ".join(f"[{self.number[n]}] {lead(n)}{self.flow(n)}" for n in self.endnotes)

    def _children(self, el, out, clean):
        if el.text:
            out.append(el.text)
        for child in el:
            if isinstance(child.tag, str):
                self._visit(child, out, clean)
            if child.tail:
                out.append(child.tail)

    def _visit(self, el, out, clean):  # noqa: C901 - one branch per TEI construct
        name = local(el)
        parent = el.getparent()
        if etree.QName(el).namespace != TEI:
            self._children(el, out, clean)
            return
        if hidden(el, self.reading) or name in SILENT:
            return
        if name == "note":
            self._note(el, out, clean)
            return
        if clean and name in NOT_RUNNING:
            return
        if name in ("bibl", "biblStruct", "biblFull") and local(parent) in CONTAINERS | {
            "listBibl",
            "cit",
        }:
            out.append(f" {self.entry(el)} ")
            return
        if name == "figure":
            parts = [self.flow(c) for c in el if local(c) not in ("", "graphic", "figure")]
            desc = " ".join(XML_WS.split(" ".join(parts))).strip()
            out.append(f" [Figure{': ' + desc if desc else ''}] ")
            return
        if name == "milestone":
            if not clean and not is_phrase(parent) and local(parent) not in INLINE_HOSTS:
                out.append(" * * * ")
            return
        if name == "gap":
            out.append("" if clean else "[…]")
            return
        if name in ("lb", "space"):
            out.append("" if el.get("break") == "no" else " ")
            return
        if name == "app":
            chosen = el.find("tei:lem", NS)
            chosen = chosen if chosen is not None else el.find("tei:rdg", NS)
            if chosen is not None:
                self._visit(chosen, out, clean)
            return
        if name in ("ptr", "ref") and not "".join(el.itertext()).strip():
            target = (el.get("target") or "").strip()
            if target and not target.startswith("#") and not clean:
                out.append(target)
            return
        if name == "del":  # deleted text: in ⟦ ⟧ where it stands, not in the clean text
            if not clean:
                out.append("⟦")
                self._children(el, out, clean)
                out.append("⟧")
            return
        if name == "choice" and not clean:  # the chosen reading, then the other in brackets
            self._children(el, out, clean)
            for other in el:
                text = " ".join(self.flow(other).split()) if hidden(other, self.reading) else ""
                if text:
                    out.append(f" [{READING_LABEL[local(other)]}: {text}]")
            return
        if name == "supplied" and not clean:
            out.append("[")
            self._children(el, out, clean)
            out.append("]")
            return
        if name == "label" and local(parent) == "list" and clean:
            return
        if name == "item" and not clean:
            out.append(self._implicit_label(el))
        if name == "cell" and el.getprevious() is not None and not clean:
            out.append(" | ")
        boundary = not is_phrase(el)
        out.append(" " if boundary else "")
        self._children(el, out, clean)
        out.append(" " if boundary else "")

    def _note(self, el, out, clean):
        if clean:
            return
        if is_endnote(el):
            if self.notes:
                out.append(f"[{self.number[el]}]")
        elif any(local(a) == "note" for a in ancestors(el)):
            out.append(" (" + lead(el))
            self._children(el, out, clean)
            out.append(")")
        elif is_block_note(el):
            n = (el.get("n") or "").strip()
            out.append(f" [{n}] " if n else " ")
            self._children(el, out, clean)
            out.append(" ")
        # Other notes annotate a figure or an entry: printed with it.

    def _implicit_label(self, item) -> str:
        prev = item.getprevious()
        while prev is not None and not isinstance(prev.tag, str):
            prev = prev.getprevious()
        if prev is not None and local(prev) == "label":
            return ""
        lst = item.getparent()
        n = (item.get("n") or "").strip()
        ordered = (lst.get("type") or "").lower() in ("ordered", "numbered", "enumerated") or (
            re.search("numbered|ordered|decimal|roman|alpha", lst.get("rend") or "", re.I)
        )
        if n:
            return f" {n}. "
        if ordered:
            before = sum(1 for s in item.itersiblings(preceding=True) if local(s) == "item")
            return f" {before + 1}. "
        return " * "

    def entry(self, bibl) -> str:
        """A bibliography entry: its text (structured: its parts in order), then its notes."""
        notes = [
            n
            for n in bibl.iter(f"{{{TEI}}}note")
            if not is_endnote(n) and not any(local(a) == "note" for a in ancestors(n))
        ]
        mixed = (bibl.text or "").strip() or any((c.tail or "").strip() for c in bibl)
        if mixed:
            main_text = self.flow(bibl)
        else:
            parts: list[str] = []
            self._units(bibl, parts)
            main_text = " ".join(parts)
        return " ".join([main_text] + [lead(n) + self.flow(n) for n in notes])

    def _units(self, bibl, parts):
        editors = 0
        for c in bibl:
            name = local(c)
            if not name:
                continue
            if name != "editor" and editors:
                parts.append("eds" if editors > 1 else "ed")
                editors = 0
            if name == "note":
                if is_endnote(c) and self.notes:
                    parts.append(f"[{self.number[c]}]")
            elif name in ("analytic", "monogr", "imprint", "series"):
                self._units(c, parts)
            elif name == "relatedItem":
                host = [h for h in c if local(h) in ("bibl", "biblStruct")]
                if host:
                    parts.append("In")
                    self._units(host[0], parts)
            else:
                parts.append(self.flow(c))
            editors += name == "editor"
        if editors:
            parts.append("eds" if editors > 1 else "ed")


BLOCKS = {"p", "ab", "l", "lg", "list", "table", "figure", "sp", "listBibl", "div"}
# Elements whose content is a line of text (a milestone there is no section break).
INLINE_HOSTS = {"p", "ab", "l", "head", "item", "label", "cell", "note"}


def is_phrase(el) -> bool:
    """Phrase-level here: a quotation holding paragraphs or verse is a block."""
    name = local(el)
    if name in ("quote", "cit", "q", "said"):
        return not any(local(c) in BLOCKS for c in el)
    return name in PHRASE


def tokens(text: str) -> list[str]:
    return [t for t in READER_WS.sub(" ", text).split(" ") if t]


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text)


def clean_words(clean: str) -> list[str]:
    """The clean text's words: its lines hold words separated by single spaces."""
    return clean[:-1].replace("\n", " ").split(" ")


def clean_norm(text: str) -> str:
    """As the clean text normalises whitespace: every space character is a space, runs of
    them one, none at the ends."""
    return XML_WS.sub(" ", re.sub(f"[{SPACES}]", " ", text)).strip(" ")


# ---------------------------------------------------------------------------------------
# The edition side.
# ---------------------------------------------------------------------------------------


@functools.cache
def source(path: Path):
    return load(path)


@functools.cache
def edition(path: Path, variant: str = "reading", **options) -> str:
    extra = {"appendices": options.pop("appendices", False)}
    return text_format.render(source(path), Options(extra=extra, **options), variant).text


def parts_of(text: str, width: int = 72) -> list[str]:
    """The edition's parts: title block, text, [Notes], back matter..., [appendices]."""
    return text[:-1].split("\n\n" + "=" * width + "\n\n")


def without_rules(part: str) -> str:
    """Drop the lines that only underline a heading."""
    lines = part.split("\n")
    return "\n".join(
        line
        for i, line in enumerate(lines)
        if not (re.fullmatch(r"[=~-]+", line) and i > 0 and lines[i - 1].strip())
    )


def first_difference(expected: list[str], actual: list[str]) -> str:
    for i, (a, b) in enumerate(zip(expected, actual, strict=False)):
        if a != b:
            return (
                f"at token {i}: TEI has {' '.join(expected[max(0, i - 6) : i + 6])!r}, "
                f"edition has {' '.join(actual[max(0, i - 6) : i + 6])!r}"
            )
    return f"lengths differ: TEI {len(expected)}, edition {len(actual)}"


def assert_same(expected: list[str], actual: list[str], what: str) -> None:
    assert expected == actual, f"{what}: {first_difference(expected, actual)}"


def split_edition(path: Path, reader: Reader, width=72, **options):
    text = edition(path, width=width, reading=reader.reading, **options)
    parts = parts_of(text, width)
    title, body, rest = parts[0], parts[1], parts[2:]
    notes = rest.pop(0) if reader.notes and reader.endnotes else None
    return title, body, notes, rest


def assert_lossless(path: Path, reading="corr", notes=True, width=72):
    reader = Reader(source(path).root, reading, notes)
    title, body, notes_part, backs = split_edition(
        path, reader, width=width, notes="end" if notes else "none"
    )
    expected = reader.part(reader.running())
    assert_same(words(expected), words(body), "words of the text")
    assert_same(tokens(expected), tokens(without_rules(body)), "tokens of the text")
    if notes_part is not None:
        expected_notes = "Notes " + reader.notes_text()
        assert_same(words(expected_notes), words(notes_part), "words of the notes")
        assert_same(tokens(expected_notes), tokens(without_rules(notes_part)), "notes")
    assert len(backs) == len(reader.backs())
    for back, part in zip(reader.backs(), backs, strict=True):
        assert_same(words(reader.part([back])), words(part), "words of the back matter")
    if reader.title_page():
        assert_same(
            words(reader.part(reader.title_page())), words(title.split("\nSource: ")[0]), "title"
        )
    return reader


# ---------------------------------------------------------------------------------------
# Golden files.
# ---------------------------------------------------------------------------------------

GOLDEN_CASES = {
    "canonical.txt": (CANONICAL, "reading", {}),
    "canonical.clean.txt": (CANONICAL, "clean", {}),
    "text-features.txt": (FEATURES, "reading", {"width": 60, "appendices": True}),
    "text-features.sic-no-notes.txt": (FEATURES, "reading", {"reading": "sic", "notes": "none"}),
    "text-features.clean.txt": (FEATURES, "clean", {}),
}


@pytest.mark.parametrize("name", sorted(GOLDEN_CASES))
def test_golden(request, name):
    path, variant, options = GOLDEN_CASES[name]
    actual = edition(path, variant, **options)
    golden = GOLDEN / name
    if request.config.getoption("--update-golden"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_bytes(actual.encode("utf-8"))
        return
    assert golden.is_file(), f"{golden} is missing: run pytest --update-golden and review it"
    assert actual == golden.read_bytes().decode("utf-8")


# ---------------------------------------------------------------------------------------
# Lossless.
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("reading", ["corr", "sic"])
def test_essay_is_lossless(reading):
    assert_lossless(EDITION, reading)


def test_essay_is_lossless_without_notes():
    reader = assert_lossless(EDITION, notes=False)
    text = edition(EDITION, notes="none")
    assert "\nNotes\n=====\n" not in text
    assert not re.search(r"\[\d+\]", parts_of(text)[1])
    assert reader.endnotes  # the essay has notes to leave out


def test_readings_differ_where_the_source_errs():
    corr, sic = edition(EDITION, reading="corr"), edition(EDITION, reading="sic")
    # the reading chosen in the text, the other after it in brackets
    assert "had been advocating [sic: advocated] since" in " ".join(corr.split())
    assert "had been advocated [corr.: advocating] since" in " ".join(sic.split())


def test_features_are_lossless():
    assert_lossless(FEATURES)
    assert_lossless(FEATURES, "sic", notes=False)


@pytest.mark.parametrize("name", ELTEC_NAMES)
def test_eltec_novel_is_lossless(name):
    path = require_shared(ELTEC / name)
    assert_lossless(path)


def test_eltec_corpus_is_complete():
    require_shared(ELTEC)
    assert len(list(ELTEC.glob("*.xml"))) == 19


# ---------------------------------------------------------------------------------------
# Layout rules.
# ---------------------------------------------------------------------------------------

RESIDUE = re.compile(r"</?[A-Za-z][\w:.-]*(\s|/?>)|&(#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);")


def assert_plain(text: str, width: int | None) -> None:
    assert "\r" not in text
    assert text.endswith("\n") and not text.endswith("\n\n")
    assert not RESIDUE.search(text), RESIDUE.search(text)
    for number, line in enumerate(text.split("\n"), 1):
        assert line == line.rstrip(), f"line {number} has trailing whitespace: {line!r}"
        if width is not None and len(line) > width:
            assert len(line.split()) == 1, f"line {number} is longer than {width}: {line!r}"


@pytest.mark.parametrize("width", [30, 72, 100])
def test_essay_layout_rules(width):
    text = edition(EDITION, width=width, appendices=True)
    assert_plain(text, width)
    if width >= 72:  # the essay has no token that long (its URLs were lost)
        assert max(len(line) for line in text.split("\n")) <= width


@pytest.mark.parametrize("name", ELTEC_NAMES)
def test_eltec_layout_rules(name):
    path = require_shared(ELTEC / name)
    assert_plain(edition(path), 72)
    clean = edition(path, "clean")
    assert_plain(clean, None)
    assert "\n\n" not in clean


def test_a_long_token_gets_a_line_of_its_own():
    text = edition(FEATURES, width=60)
    long = [line for line in text.split("\n") if len(line) > 60]
    assert long == [
        "https://example.org/a/very/long/path/that/cannot/be/broken/anywhere/at/all/index.html"
    ]


def test_essay_note_references_match_the_notes():
    reader = Reader(source(EDITION).root)
    _, body, notes, _ = split_edition(EDITION, reader)
    expected = [n.get("n") for n in reader.endnotes]
    assert expected == [str(i) for i in range(1, 190)]
    assert re.findall(r"\[(\d+)\]", body) == expected
    assert re.findall(r"^\[(\d+)\] ", notes, re.M) == expected


def test_notes_hang_under_their_text():
    notes = parts_of(edition(EDITION))[2]
    lines = notes.split("\n")[3:]
    for line in lines:
        assert line == "" or re.match(r"\[\d+\] +\S", line) or line.startswith(" " * 6), line
    assert all(len(m) == 6 for m in re.findall(r"^\[\d+\] +", notes, re.M))


def test_essay_title_block():
    title = parts_of(edition(EDITION))[0].split("\n")
    assert title[0].strip() == "The Chimes at Midnight"
    assert title[1].strip() == "=" * len("The Chimes at Midnight")
    assert title[0].startswith(" " * 20)  # centred
    text = "\n".join(title)
    assert "Trotskyism in the USSR 1926-1938" in text
    assert "[Figure: Image removed." in text
    assert "By Doug Enaa Greene" in text
    assert "\nSource: Doug Enaa Greene, “The Chimes at Midnight" in text


def test_essay_dedication_is_set_off_before_the_first_heading():
    body = parts_of(edition(EDITION))[1]
    first = body.split("\n\n")[0]
    assert "To the memory of my grandparents" in first
    assert all(line.startswith("    ") for line in first.split("\n"))


def test_essay_headings_are_numbered_as_in_the_source_and_underlined():
    root = source(EDITION).root
    lines = parts_of(edition(EDITION))[1].split("\n")
    for head in root.xpath("//tei:body//tei:div/tei:head", namespaces=NS):
        level = len(head.xpath("ancestor::tei:div", namespaces=NS))
        text = clean_norm("".join(head.xpath(".//text()[not(ancestor::tei:note)]", namespaces=NS)))
        matches = [i for i, line in enumerate(lines) if re.sub(r"\[\d+\]", "", line) == text]
        assert len(matches) == 1, text
        under = lines[matches[0] + 1]
        assert under == ("=" if level == 1 else "-") * len(lines[matches[0]])
        assert lines[matches[0] - 1] == "" and lines[matches[0] + 2] == ""
    assert "I. Midnight in the Century" in lines and "a. The Riutin Platform" in lines


def test_essay_block_quotations_are_indented():
    root = source(EDITION).root
    text = edition(EDITION)
    quotes = root.xpath("//tei:body//tei:quote[tei:p][not(ancestor::tei:p)]", namespaces=NS)
    assert len(quotes) > 20
    for quote in quotes:
        first = Reader(root).flow(quote.find("tei:p", NS)).split()[:4]
        pattern = r"^    " + r"\s+".join(map(re.escape, first))
        assert re.search(pattern, text, re.M), first


def test_essay_list_items_keep_their_numbers():
    text = edition(EDITION)
    for n in range(1, 5):
        assert re.search(rf"^    \({n}\) \S", text, re.M)
    item = text[text.index("    (1) To adopt") :].split("\n\n")[0].split("\n")
    assert all(line.startswith(" " * 8) for line in item[1:])


def test_back_bibliography_is_an_appendix_of_entries():
    root = source(EDITION).root
    back = parts_of(edition(EDITION))[3]
    assert back.startswith("Works cited\n===========\n\nWorks cited in the notes\n---")
    entries = root.xpath("//tei:back//tei:listBibl/tei:bibl", namespaces=NS)
    starts = [line for line in back.split("\n") if line and not line.startswith(" ")]
    assert len(starts) == len(entries) + 4  # two headings, two underlines
    assert "Pierre Broué. “The “Bloc” of the Oppositions against Stalin in the USSR" in back
    assert "    * First full citation in note 137." in back


def sort_key(name: str) -> str:
    decomposed = unicodedata.normalize("NFD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def register_name(entry) -> str:
    """The name an entry is filed under: "Surname, Forename" for a person, else the name."""
    names = [c for c in entry if local(c) in ("persName", "placeName", "orgName", "label")]
    other = ("variant", "abbreviation", "alternative", "full")
    main = [n for n in names if n.get("type") not in other]
    name = (main or names)[0]
    surnames = [clean_norm("".join(s.itertext())) for s in name.findall("tei:surname", NS)]
    forenames = [clean_norm("".join(f.itertext())) for f in name.findall("tei:forename", NS)]
    if surnames and forenames:
        return f"{' '.join(surnames)}, {' '.join(forenames)}"
    return clean_norm("".join(name.itertext()))


def test_appendices_hold_the_registers_sorted():
    root = source(EDITION).root
    parts = parts_of(edition(EDITION, appendices=True))
    assert len(parts) == 8
    for part, (heading, entity) in zip(
        parts[4:],
        [("Register of persons", "person"), ("Register of places", "place"),
         ("Register of organisations", "org"), ("Register of events", "event")],
        strict=True,
    ):  # fmt: skip
        assert part.startswith(f"{heading}\n{'=' * len(heading)}\n")
        starts = [line for line in part.split("\n")[2:] if line and not line.startswith(" ")]
        entries = root.xpath(f"//tei:standOff//tei:{entity}", namespaces=NS)
        names = sorted((register_name(e) for e in entries), key=sort_key)
        assert len(starts) == len(names)
        for line, name in zip(starts, names, strict=True):
            assert line.startswith(name), (line, name)
    persons = parts[4]
    assert "\nTrotsky, Leon (1879–1940). Leader of the Left and United Oppositions," in persons
    assert "Wikidata: Q33391." in " ".join(persons.split())
    assert parts_of(edition(EDITION))[3] == parts[3]  # the back matter is not repeated


# ---------------------------------------------------------------------------------------
# The clean text.
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("reading", ["corr", "sic"])
def test_clean_text_is_the_running_text(reading):
    reader = Reader(source(EDITION).root, reading)
    clean = edition(EDITION, "clean", reading=reading)
    expected = reader.part(reader.bodies(), clean=True)
    assert_same(clean_norm(expected).split(" "), clean_words(clean), "clean text")
    assert_plain(clean, None)
    assert "\n\n" not in clean


@pytest.mark.parametrize("name", ELTEC_NAMES)
def test_eltec_clean_text_is_the_running_text(name):
    path = require_shared(ELTEC / name)
    reader = Reader(source(path).root)
    expected = reader.part(reader.bodies(), clean=True)
    assert_same(clean_norm(expected).split(" "), clean_words(edition(path, "clean")), "clean")


def test_clean_text_is_one_paragraph_a_line_without_apparatus():
    root = source(EDITION).root
    lines = edition(EDITION, "clean").split("\n")[:-1]
    reader = Reader(root)
    paragraphs = root.xpath("//tei:body//tei:p[not(ancestor::tei:note)]", namespaces=NS)
    assert len(lines) == len(paragraphs) + len(root.xpath("//tei:body//tei:item", namespaces=NS))
    for p in paragraphs:
        assert clean_norm(reader.flow(p, clean=True)) in lines
    heads = root.xpath("//tei:head", namespaces=NS)
    heads = [clean_norm(reader.flow(h, clean=True)) for h in heads]
    assert not set(heads) & set(lines)
    joined = "\n".join(lines)
    assert not re.search(r"\[\d+\]|^\(\d\)|\[Figure|\[…\]", joined, re.M)


def test_clean_variant_has_no_wrapping():
    assert edition(EDITION, "clean", width=30) == edition(EDITION, "clean")


# ---------------------------------------------------------------------------------------
# Mention spans in the clean text.
# ---------------------------------------------------------------------------------------


def expected_mentions(reader: Reader):
    """Mentions in the running text of the body, in the reading, with some text."""
    out = []
    for body in reader.bodies():
        for el in body.iter(*(f"{{{TEI}}}{m}" for m in MENTIONS)):
            path = [el, *ancestors(el)]
            if any(hidden(a, reader.reading) for a in path) or any(
                local(a) in NOT_RUNNING | {"note"} | SILENT for a in path
            ):
                continue
            if any(local(a) == "label" and local(a.getparent()) == "list" for a in path):
                continue
            if clean_norm(reader.flow(el, clean=True)):
                out.append(el)
    return out


@pytest.mark.parametrize("path", [EDITION, FEATURES], ids=["essay", "features"])
@pytest.mark.parametrize("reading", ["corr", "sic"])
def test_spans_slice_the_clean_text_exactly(path, reading):
    src = source(path)
    text, spans = text_format.clean_text_with_spans(src, reading)
    assert text == edition(path, "clean", reading=reading)
    reader = Reader(src.root, reading)
    expected = expected_mentions(reader)
    assert len(spans) == len(expected)
    for span, el in zip(spans, expected, strict=True):
        found = src.root.xpath(span.path, namespaces=NS)
        assert found == [el], span
        own = clean_norm(reader.flow(el, clean=True))
        assert text[span.start : span.end] == own == span.text
        assert span.element == local(el)
        assert span.id == el.get("{http://www.w3.org/XML/1998/namespace}id")
        assert span.ref == el.get("ref") and span.when == el.get("when")
        assert span.from_ == el.get("from") and span.not_after == el.get("notAfter")
        assert "\n" not in text[span.start : span.end]


def test_essay_spans_cover_the_mentions():
    text, spans = text_format.clean_text_with_spans(source(EDITION))
    assert len(spans) > 1000
    first = spans[0]
    assert (first.text, first.ref, first.element) == ("Victor Serge", "#pers-serge", "persName")
    assert text[: first.end] == "In Victor Serge"
    assert len([s for s in spans if s.ref == "#pers-trotsky"]) > 100
    nested = [s for s in spans if s.ref == "#org-cpsu" and s.text == "CPSU"]
    outer = [s for s in spans if s.text == "Central Committee of the CPSU"]
    assert outer and any(o.start < n.start and n.end == o.end for o in outer for n in nested)
    dates = [s for s in spans if s.element == "date"]
    assert any(s.from_ == "1930" and s.to == "1939" and s.text == "1930s" for s in dates)


# ---------------------------------------------------------------------------------------
# The command line: options, outputs, determinism.
# ---------------------------------------------------------------------------------------


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_cli_builds_both_variants(tmp_path):
    result = run("build", EDITION, "--format", "text,text-clean", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    reading = (tmp_path / "text" / "chimes-at-midnight.txt").read_text(encoding="utf-8")
    clean = (tmp_path / "text" / "chimes-at-midnight.clean.txt").read_text(encoding="utf-8")
    assert reading == edition(EDITION)
    assert clean == text_format.clean_text_with_spans(source(EDITION))[0]
    assert "warning" not in result.output


def test_cli_options_reach_the_text(tmp_path):
    args = ["build", EDITION, "--format", "text", "--out", tmp_path]
    result = run(*args, "--width", "50", "--reading", "sic", "--notes", "none", "--appendices")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "text" / "chimes-at-midnight.txt").read_text(encoding="utf-8")
    assert text == edition(EDITION, width=50, reading="sic", notes="none", appendices=True)
    assert max(len(line) for line in text.split("\n")) <= 50
    assert "Register of persons" in text and "\nNotes\n" not in text


def test_two_builds_are_byte_identical(tmp_path):
    options = Options(extra={"appendices": True})
    written = []
    for name in ("direct-a", "direct-b"):
        src = load(EDITION)  # a fresh parse each time
        for fmt in ("text", "text-clean"):
            get_format(fmt).build(src, tmp_path / name, options)
        written.append({p.name: p.read_bytes() for p in sorted((tmp_path / name).rglob("*.txt"))})
    assert written[0] == written[1] and len(written[0]) == 2
    outputs = []
    for name in ("a", "b"):
        out = tmp_path / name
        result = run("build", EDITION, "--format", "text,text-clean", "--appendices", "--out", out)
        assert result.exit_code == 0, result.output
        outputs.append({p.name: p.read_bytes() for p in sorted((out / "text").iterdir())})
    assert outputs[0] == outputs[1]
    assert sorted(outputs[0]) == ["chimes-at-midnight.clean.txt", "chimes-at-midnight.txt"]


TEI_BODY = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc>
<titleStmt><title>Paths</title></titleStmt><publicationStmt><p>test</p></publicationStmt>
<sourceDesc><p>test</p></sourceDesc></fileDesc></teiHeader>
<text><body><div>{paras}</div></body></text></TEI>"""

MARKED = [
    "One plain paragraph, long enough to need several lines at a narrow width.",
    'A <hi rend="italic">marked</hi> paragraph: <foreign xml:lang="fr">mot juste</foreign>,'
    ' <persName>Anna Brown</persName>,<pb n="2"/> and <q>words   spoken</q> on <date'
    ' when="1900">1900</date>, with <emph>stress</emph> and <title>A Book</title>.',
    "Another plain paragraph\n   after it, with   spaces to squeeze.",
]


def render_paragraphs(tmp_path, paras: list[str], variant: str, width: int) -> str:
    path = tmp_path / f"p{abs(hash(tuple(paras)))}.xml"
    path.write_text(TEI_BODY.format(paras="".join(f"<p>{p}</p>" for p in paras)))
    return text_format.render(load(path), Options(width=width), variant).text


@pytest.mark.parametrize("variant", ["reading", "clean"])
@pytest.mark.parametrize("width", [24, 72])
def test_inline_markup_that_adds_nothing_reads_as_plain_text(tmp_path, variant, width):
    """A paragraph whose elements only carry its text (hi, foreign, names, dates, q, empty
    page breaks) is laid out exactly as the same paragraph with the markup taken away."""
    bare = [re.sub(r"<[^>]+>", "", p) for p in MARKED]
    assert render_paragraphs(tmp_path, MARKED, variant, width) == render_paragraphs(
        tmp_path, bare, variant, width
    )


@pytest.mark.parametrize(
    ("para", "reading"),
    [
        ("line<lb/>break", "line break"),
        ("word<lb break='no'/>joined", "wordjoined"),
        ("kept<del>dropped</del> text", "kept⟦dropped⟧ text"),
        ("<choice><sic>recieve</sic><corr>receive</corr></choice> it", "receive [sic: recieve] it"),
        ("a <gap/> gap", "a […] gap"),
        ("a <supplied>word</supplied>", "a [word]"),
        ("page<pb n='3'>3</pb> mark", "page mark"),
    ],
)
def test_inline_markup_that_changes_the_text_still_does(tmp_path, para, reading):
    text = render_paragraphs(tmp_path, [para], "reading", 72)
    assert parts_of(text)[1] == reading


def test_special_spaces_are_the_stylesheets_and_unicodes():
    """The builder's search for special spaces (which lets the stylesheet skip its own in a
    document without any) looks for exactly the characters the stylesheet treats apart: the
    Unicode space separators other than the ordinary space, and NEL, U+2028, U+2029."""
    from toolkit import XSLT_DIR
    from toolkit.xslt import Stylesheet

    expected = {c for c in SPACES if c != " "}
    assert set(text_format.SPECIAL_SPACES) == expected
    assert text_format.spaces_present("a\u00a0b\u3000c\u00a0") == "\u00a0\u3000"
    probe = (
        '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"'
        ' xmlns:tk="urn:teikit">'
        f'<xsl:import href="{(XSLT_DIR / "text" / "text.xsl").as_uri()}"/>'
        '<xsl:template match="/"><xsl:value-of select="$tk:spaces"/></xsl:template>'
        "</xsl:stylesheet>"
    )
    sheet = Stylesheet(XSLT_DIR / "text" / "probe.xsl", text=probe)
    assert set(sheet.run("<r/>").text) == expected


@pytest.mark.parametrize("width", [24, 72])
@pytest.mark.parametrize("spaces", ["", "\u00a0", "\u00a0\u2028\u3000"])
def test_paragraphs_read_alike_whatever_special_spaces_are_searched_for(tmp_path, width, spaces):
    """Told which special spaces the document holds (spaces-present), the stylesheet searches
    for those alone, and for none normalises with normalize-space() alone: that gives what
    the search for all of them gives. The builder tells it what the document holds."""
    extra = {"": "Tabs\tand\nnew lines,   runs   of spaces.", "\u00a0": "a\u00a0\u00a0b  c \u00a0d"}
    body = extra.get(spaces, "a\u00a0\u00a0b  c\u2028d \u3000 e\u3000\u3000f")
    path = tmp_path / "spaces.xml"
    paras = "".join(f"<p>{p}</p>" for p in [*MARKED, body])
    path.write_text(TEI_BODY.format(paras=paras), encoding="utf-8")
    source = load(path)
    params = {"width": width, "variant": "reading"}
    sheet = text_format.stylesheet(text_format.STYLESHEET)
    told = sheet.apply(source, {**params, "spaces-present": spaces}).text
    assert told == sheet.apply(source, params).text
    assert text_format.render(source, Options(width=width), "reading").text == told
    if spaces == "\u00a0":
        assert parts_of(told, width)[1].endswith("a\u00a0\u00a0b c d")
