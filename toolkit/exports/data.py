"""What every export reads: the registers, the mentions, and the clean text they sit in.

One `Edition` per source, each part computed once and shared by all exports, so that the
persons table, the network, the annotations and the CoNLL file count the same mentions.
Registers and mentions come from toolkit.registers (the reader `teikit check` uses too); the
clean text and the offsets of the names in it come from toolkit.formats.text, the same text
`teikit build --format text-clean` writes.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from lxml import etree

from toolkit import registers as reg
from toolkit.formats.text import Span, clean_text_with_spans
from toolkit.positions import Positions
from toolkit.registers import XML_ID, Entry, EntryDate, Identifier, Mention, Registers, local
from toolkit.source import TEI_NS, Source

#: Register kinds the tables, the JSON and the annotations cover, with their CoNLL tag:
#: CoNLL-2003's PER, LOC, ORG and MISC, and OntoNotes' EVENT (spaCy's models tag events so).
ENTITY_KINDS = ("person", "place", "org", "event", "object")
CONLL_TAGS = {"person": "PER", "place": "LOC", "org": "ORG", "event": "EVENT", "object": "MISC"}

#: Authority schemes (as toolkit.registers names them) and the URI each value stands for.
_URI_PATTERNS = {
    "wikidata": "https://www.wikidata.org/wiki/{}",
    "viaf": "https://viaf.org/viaf/{}",
    "geonames": "https://www.geonames.org/{}",
    "gnd": "https://d-nb.info/gnd/{}",
    "orcid": "https://orcid.org/{}",
    "isni": "https://isni.org/isni/{}",
    "tgn": "http://vocab.getty.edu/page/tgn/{}",
    "pleiades": "https://pleiades.stoa.org/places/{}",
}


def uri(identifier: Identifier) -> str | None:
    """The identifier as a full URI, or None when it is a local code with no URI form."""
    value = identifier.value.strip()
    if value.startswith(("http://", "https://")):
        return value
    scheme, canonical = identifier.key
    pattern = _URI_PATTERNS.get(scheme)
    return pattern.format(canonical) if pattern else None


def uris(entry: Entry) -> list[str]:
    """The entry's authority URIs, each once, in the order the register gives them."""
    found: list[str] = []
    for identifier in entry.identifiers:
        link = uri(identifier)
        if link and link not in found:
            found.append(link)
    return found


def other_identifiers(entry: Entry) -> list[str]:
    """Identifiers with no URI form, as 'type:value' (a project's own catalogue numbers)."""
    return [f"{i.type or 'id'}:{i.value}" for i in entry.identifiers if uri(i) is None]


def date_value(date: EntryDate) -> str:
    """A date as ISO 8601 (an interval 'start/end' for from-to or notBefore-notAfter).

    The -iso attributes count as their plain twins; a date with no attribute keeps its text.
    """
    attrs = {k.removesuffix("-iso"): v for k, v in reversed(date.attributes)}
    if "when" in attrs:
        return attrs["when"]
    for start, end in (("from", "to"), ("notBefore", "notAfter")):
        if start in attrs or end in attrs:
            return f"{attrs.get(start, '..')}/{attrs.get(end, '..')}"
    return date.text


def dates_of(entry: Entry, kind: str) -> str:
    return " | ".join(date_value(d) for d in entry.dates if d.kind == kind)


def date_bounds(date: EntryDate) -> tuple[str | None, str | None]:
    """The earliest start and the latest end a date allows, as written (ISO 8601): @when for
    both, else @from or @notBefore, and @to or @notAfter (the -iso attributes as their
    twins); None where the date leaves a side open."""
    attrs = {k.removesuffix("-iso"): v for k, v in reversed(date.attributes)}
    if "when" in attrs:
        return attrs["when"], attrs["when"]
    return attrs.get("from") or attrs.get("notBefore"), attrs.get("to") or attrs.get("notAfter")


def entry_date(entry: Entry) -> EntryDate | None:
    """An event's own date: its dating attributes, else the first dated child (<date>)."""
    own = [d for d in entry.dates if d.kind == "event" and d.attributes]
    return (own or [d for d in entry.dates if d.attributes] or [None])[0]


#: How a place (or any entry) is named in the text: as a subject, only in imprints (places
#: of publication, publishers), or both; "" when the text does not name it.
ROLES = ("subject", "imprint", "both")


def role(subject: int, imprint: int) -> str:
    if subject and imprint:
        return "both"
    return "subject" if subject else ("imprint" if imprint else "")


@dataclass(frozen=True)
class Placed:
    """A mention of a register entry in the text, with its element and its window.

    `window` is the element whose mentions count as co-occurring: the innermost enclosing
    note, or else the innermost paragraph-level block (p, ab, head, l, item ...).
    """

    mention: Mention
    element: etree._Element
    target: str
    entry: Entry
    window: etree._Element


#: Paragraph-level blocks: the co-occurrence windows outside notes.
BLOCKS = {
    "p", "ab", "head", "l", "item", "label", "cell", "dateline", "byline", "docTitle",
    "titlePart", "docImprint", "trailer", "salute", "signed", "argument", "epigraph",
    "closer", "opener", "speaker", "stage", "figDesc", "caption",
}  # fmt: skip


@dataclass(frozen=True)
class Located:
    """A mention with its id (mention-N, in document order) and its place in the clean text.

    `start` and `end` are None when the mention is not in the clean text: in a note, a
    heading, the front or back matter.
    """

    id: str
    placed: Placed
    start: int | None
    end: int | None

    @property
    def where(self) -> str:
        if self.placed.mention.note is not None or any(
            local(a) == "note" for a in self.placed.element.iterancestors()
        ):
            return "note"
        for anc in self.placed.element.iterancestors():
            if local(anc) in ("front", "body", "back"):
                return local(anc)
        return "text"


class Edition:
    """One source document, read once for all exports."""

    def __init__(self, source: Source):
        self.source = source

    @property
    def name(self) -> str:
        return self.source.path.name

    @cached_property
    def registers(self) -> Registers:
        return reg.read(self.source, self.positions)

    def entries(self, kind: str) -> list[Entry]:
        """Entries of one kind that have an id (only those can be exported and linked)."""
        return sorted((e for e in self.registers.of_kind(kind) if e.id), key=lambda e: e.id)

    @cached_property
    def elements_by_id(self) -> dict[str, etree._Element]:
        found: dict[str, etree._Element] = {}
        for el in self.source.root.iter():
            xml_id = el.get(XML_ID) if isinstance(el.tag, str) else None
            if xml_id is not None:
                found.setdefault(xml_id, el)
        return found

    @cached_property
    def text_mentions(self) -> list[Placed]:
        """Every pointer from a name in the text (front, body, back, notes) to an entry.

        Counted as `teikit check` counts resolved mentions: local pointers (@ref, @corresp)
        to a person, place, organisation, event or object of the right kind; a name with two
        (ref="#a #b") gives two. Citations and titles point at works: the bibliography's.
        """
        placed: list[Placed] = []
        for mention, element in self._mention_elements():
            if mention.section != "text" or mention.element in ("bibl", "biblStruct", "title"):
                continue
            for pointer in mention.pointers:
                if pointer.attribute == "key" or not pointer.local or pointer.id is None:
                    continue
                entry = self.registers.by_id.get(pointer.id)
                if entry is None or entry.kind not in ENTITY_KINDS or not reg.fits(mention, entry):
                    continue
                placed.append(Placed(mention, element, pointer.id, entry, _window(element)))
        return placed

    @cached_property
    def clean(self) -> tuple[str, list[Span]]:
        """The clean text and the spans of the names and dates in it (toolkit.formats.text)."""
        return clean_text_with_spans(self.source)

    @property
    def clean_text(self) -> str:
        return self.clean[0]

    @cached_property
    def mentions(self) -> list[Located]:
        """Every mention in the text, numbered, with its offsets where it is in the clean text."""
        paths = _element_paths(self.source.root) if self.clean[1] else {}
        spans: dict[etree._Element, Span] = {}
        for span in self.clean[1]:
            found = paths.get(span.path)
            if found is None:  # the stylesheet's contract is broken: a bug (exit 3)
                raise RuntimeError(f"the clean-text span {span.path} names no single element")
            spans[found] = span
        located = []
        for number, placed in enumerate(self.text_mentions, 1):
            span = spans.get(placed.element)
            start, end = (span.start, span.end) if span else (None, None)
            located.append(Located(f"mention-{number}", placed, start, end))
        return located

    @property
    def clean_mentions(self) -> list[Located]:
        """The mentions that are in the clean text, in text order."""
        return [m for m in self.mentions if m.start is not None]

    @cached_property
    def clean_dates(self) -> list[tuple[int, int]]:
        """Offsets of the dates (date, time) in the clean text."""
        return [(s.start, s.end) for s in self.clean[1] if s.element in ("date", "time")]

    @cached_property
    def mention_counts(self) -> Counter:
        """Mentions of each entry id in the text."""
        return Counter(p.target for p in self.text_mentions)

    @cached_property
    def imprint_counts(self) -> Counter:
        """Mentions of each entry id in imprints (pubPlace, publisher) of the text's citations."""
        return Counter(p.target for p in self.text_mentions if p.mention.imprint)

    def roles(self, entry: Entry) -> tuple[int, int, str]:
        """(subject mentions, imprint mentions, role) of an entry."""
        imprint = self.imprint_counts.get(entry.id, 0)
        subject = self.mention_counts.get(entry.id, 0) - imprint
        return subject, imprint, role(subject, imprint)

    @cached_property
    def positions(self) -> Positions:
        return Positions(self.source)

    def _mention_elements(self):
        """Pair each Mention of the registers with its element.

        toolkit.registers reads mentions in document order from the naming elements that
        carry a pointer; walking the same elements in the same order, matched by position,
        pairs them exactly (and skips the names inside register entries, which it skips).
        """
        candidates = (
            el
            for el in self.source.root.iter()
            if local(el) in reg.MENTION_ELEMENTS
            and any((el.get(a) or "").strip() for a in reg.POINTER_ATTRIBUTES)
        )
        for mention in self.registers.mentions:
            for el in candidates:
                if local(el) == mention.element and self.positions.element(el) == (
                    mention.line,
                    mention.column,
                ):
                    yield mention, el
                    break
            else:  # the register reader and this walk disagree: a bug (exit 3)
                raise RuntimeError(
                    f"cannot place the mention <{mention.element}> of line {mention.line}"
                )


def _window(el: etree._Element) -> etree._Element:
    for anc in el.iterancestors():
        if local(anc) == "note":
            return anc
    for anc in el.iterancestors():
        if local(anc) in BLOCKS:
            return anc
    return el.getparent() if el.getparent() is not None else el


def _element_paths(root: etree._Element) -> dict[str, etree._Element]:
    """Every element by the path the text stylesheet gives it (tk:path in xslt/text/text.xsl:
    /tei:name[n] steps, n its position among same-named siblings), in one pass over the tree
    (an XPath query per path costs time that grows with the siblings' number squared)."""

    def step(el: etree._Element, position: int) -> str:
        q = etree.QName(el)
        name = f"tei:{q.localname}" if q.namespace == TEI_NS else f"*[local-name()='{q.localname}']"
        return f"/{name}[{position}]"

    paths = {step(root, 1): root}
    todo = [(root, step(root, 1))]
    while todo:
        parent, path = todo.pop()
        seen: Counter = Counter()
        for child in parent:
            if not isinstance(child.tag, str):
                continue
            seen[child.tag] += 1
            child_path = path + step(child, seen[child.tag])
            paths[child_path] = child
            todo.append((child, child_path))
    return paths
