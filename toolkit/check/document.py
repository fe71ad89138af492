"""One document as every rule sees it: a single walk of the tree gathers the indexes (ids,
entries, pointers, dates, notes, mentions in the text), and the costlier analyses (the
text streams, the name search, the short citations) are computed once, when a rule first
asks, and shared.
"""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cached_property

from lxml import etree

from toolkit import isodate
from toolkit.check import search, suppress
from toolkit.check.registry import Hit
from toolkit.check.text import Stream, streams
from toolkit.positions import Positions
from toolkit.registers import (
    ENTRY_KINDS,
    LIST_ELEMENTS,
    MENTION_ELEMENTS,
    XML_ID,
    Entry,
    Mention,
    Registers,
    is_entry,
    local,
    prefixes,
    read,
    resolve_pointer,
)
from toolkit.source import Source

#: Attributes whose values are pointers (TEI data.pointer), checked for local targets.
POINTER_ATTRIBUTES = (
    "ref", "target", "corresp", "sameAs", "copyOf", "next", "prev", "who", "source", "resp",
    "hand", "ana", "facs", "decls", "wit", "spanTo", "change", "select", "synch", "exclude",
    "edRef", "scribeRef", "scriptRef", "scheme", "active", "passive", "mutual", "perf",
    "targets", "rendition", "parts", "origin", "inst", "mergedIn", "follow", "since",
    "domains", "datingPoint", "calendar", "targetEnd", "where", "with",
)  # fmt: skip
#: A date normalised in a calendar other than the Gregorian, or as a duration.
OTHER_DATE_ATTRIBUTES = (*(f"{a}-custom" for a in isodate.W3C_ATTRIBUTES), "dur", "dur-iso")
_PARSED_DATE_ATTRIBUTES = (*isodate.W3C_ATTRIBUTES, *isodate.ISO_ATTRIBUTES)
ALL_DATE_ATTRIBUTES = (*_PARSED_DATE_ATTRIBUTES, *OTHER_DATE_ATTRIBUTES)
#: Elements whose @from/@to are pages, folios or pointers, not dates.
_FROM_TO_NOT_DATES = {"citedRange", "biblScope", "locus", "locusGrp", "span", "arc", "fsDecl"}
_POINTERS = {"ref", "corresp", "key", "sameAs"}
_DATING = frozenset(_PARSED_DATE_ATTRIBUTES)
_POINTING = frozenset(POINTER_ATTRIBUTES)
_ENTRY_NAMES = frozenset(ENTRY_KINDS)
_NOT_RUNNING = frozenset(LIST_ELEMENTS | {"standOff"})
#: A token holding one of these is a URI of its own (a fragment, a scheme, a path, a file
#: with an extension), not a bare name.
URI_SIGNS = frozenset("#:/.?")
#: (element, attribute, token as written, the id it names)
Pointing = tuple[etree._Element, str, str, str]
#: Note types that say a note is the author's, whoever is named responsible for it.
_AUTHORS_TYPES = frozenset({"authorial", "author", "auth"})


def is_editorial(note: etree._Element) -> bool:
    """A note of the editors, not of the author: @type "editorial", or a @resp (a note
    whose responsibility is stated is someone's other than the author's) unless its @type
    says it is the author's. Notes inside an editorial note are editorial too."""
    for el in (note, *note.iterancestors(note.tag)):
        kind = (el.get("type") or "").strip().lower()
        if kind == "editorial" or (el.get("resp") or "").strip() and kind not in _AUTHORS_TYPES:
            return True
    return False


@dataclass
class Dated:
    """An element with date attributes (or a <date>): its valid values and its errors."""

    el: etree._Element
    name: str
    section: str
    values: dict[str, isodate.DateValue]
    errors: list[tuple[str, isodate.DateValueError]]


class Document:
    def __init__(self, source: Source):
        self.source = source
        self.path = str(source.path)
        self.root = source.root
        self.positions = Positions(source)
        self.registers: Registers = read(source, self.positions)
        self.elements_by_id: dict[str, etree._Element] = {}
        self.id_elements: dict[str, list[etree._Element]] = defaultdict(list)
        self.entry_elements: list[etree._Element] = []  # parallel to registers.entries
        self.entry_set: set[etree._Element] = set()
        self.text_roots: list[etree._Element] = []
        #: Elements with attributes, with the register entry element each is in (or None).
        self.attributed: list[tuple[etree._Element, etree._Element | None]] = []
        self.dates: list[tuple[etree._Element, str, str]] = []  # (element, name, section)
        self.notes: list[etree._Element] = []  # the author's notes of the text
        self.editorial_notes: list[etree._Element] = []  # the editors' (is_editorial)
        self.text_mentions: list[etree._Element] = []  # naming elements in the text
        self.instructions: list[etree._ProcessingInstruction] = []
        #: TEI elements by local name, in document order: what a rule of its own needs
        #: (sp, app, lg ...) without walking the tree again.
        self.by_name: dict[str, list[etree._Element]] = defaultdict(list)
        #: Registers and standOff: not running text.
        self.not_running: set[etree._Element] = set()
        self._walk()
        pairs = zip(self.registers.entries, self.entry_elements, strict=False)
        self._entry_index = {id(entry): el for entry, el in pairs}

    def _walk(self) -> None:
        """The one traversal. `section` is what an element is inside of: "register" (an entry
        or a list of them), "teiHeader", "standOff", or "text", the nearest one winning."""
        stack: list[tuple[etree._Element, str, etree._Element | None, bool]] = [
            (self.root, "text", None, False)
        ]
        pop, push = stack.pop, stack.extend
        while stack:
            el, section, entry, in_text = pop()
            if el.tag.__class__ is not str:
                if isinstance(el, etree._ProcessingInstruction):
                    self.instructions.append(el)
                continue
            name = local(el)
            if name:
                self.by_name[name].append(el)
            attrib = el.attrib
            xml_id = attrib.get(XML_ID) if attrib else None
            if xml_id is not None:
                self.elements_by_id.setdefault(xml_id, el)
                self.id_elements[xml_id].append(el)
            if name == "date" or (name and attrib and any(a in _DATING for a in attrib)):
                self.dates.append((el, name, section))
            if name in _ENTRY_NAMES and is_entry(el):
                entry = el
                self.entry_elements.append(el)
                self.entry_set.add(el)
                self.not_running.add(el)
                section_below = "register"
            elif name in _NOT_RUNNING:
                self.not_running.add(el)
                section_below = "register" if name in LIST_ELEMENTS else name
            else:
                section_below = "teiHeader" if name == "teiHeader" else section
            if attrib:
                self.attributed.append((el, entry))
            if name == "text" and not in_text:
                self.text_roots.append(el)
                in_text = True
            elif in_text and section == "text":
                if name == "note":
                    (self.editorial_notes if is_editorial(el) else self.notes).append(el)
                elif name in MENTION_ELEMENTS:
                    self.text_mentions.append(el)
            if len(el):
                push([(child, section_below, entry, in_text) for child in reversed(el)])

    # -- places ------------------------------------------------------------------------------

    def at(self, el: etree._Element, message: str) -> Hit:
        """A finding about an element, at its start tag."""
        return Hit(message, el, *self.positions.element(el))

    def at_text(self, stream: Stream, start: int, end: int, message: str) -> Hit:
        """A finding about characters start..end of a stream, where they are in the file."""
        el, slot, offset = stream.locate(start)
        if slot == "start":
            line, col = self.positions.element(el)
        else:
            line, col = self.positions.char(el, slot, offset)
        last = stream.locate(end - 1)
        after = self.positions.char_offset(*last) if last[1] != "start" else None
        if after is not None:  # past the last character (or the reference that writes it)
            text = self.positions.text
            after = text.index(";", after) + 1 if text[after] == "&" else after + 1
        return Hit(message, el, line, col, slot, offset, after)

    def at_entries(self, wanted, message):
        """A finding at each register entry for which `wanted(entry)` holds."""
        for entry in self.registers.entries:
            if wanted(entry):
                yield self.at(self.element_of(entry), message(entry))

    def element_of(self, entry: Entry) -> etree._Element:
        return self._entry_index.get(id(entry), self.root)

    def entry_around(self, el: etree._Element) -> etree._Element | None:
        """The entry element an element is in, itself included."""
        return next((a for a in (el, *el.iterancestors()) if a in self.entry_set), None)

    def entry_of(self, el: etree._Element | None) -> Entry | None:
        """The register entry of an entry element (None without an id)."""
        entry_id = el.get(XML_ID) if el is not None else None
        return self.registers.by_id.get(entry_id) if entry_id else None

    def suggest(self, wanted: str) -> str:
        close = difflib.get_close_matches(wanted, list(self.elements_by_id), n=1, cutoff=0.75)
        return f" (did you mean #{close[0]}?)" if close else ""

    # -- shared analyses ---------------------------------------------------------------------

    @cached_property
    def suppressions(self) -> list[suppress.Instruction]:
        return suppress.instructions(self.root, self.instructions)

    @cached_property
    def mentions(self) -> list[tuple[Mention, etree._Element]]:
        regs = self.registers
        return list(zip(regs.mentions, regs.mention_elements, strict=True))

    def local_pointers(self):
        """(mention, element, pointer) for each local pointer of a mention, @key excepted."""
        for mention, el in self.mentions:
            for pointer in mention.pointers:
                if pointer.attribute != "key" and pointer.local and pointer.id is not None:
                    yield mention, el, pointer

    @cached_property
    def pointer_scan(self) -> tuple[Counter, list[Pointing], list[Pointing]]:
        """Every local pointer of every element: how often each id is referred to from
        outside its own entry; the pointers that name no element (element, attribute,
        token, id), those of citations' @ref/@corresp left to cite-without-entry; and the
        bare names written where a pointer is (`ref="trotsky"`, a relative URI), with the
        id they name (or "" when none): an id without its '#'."""
        declared = prefixes(self.root)
        own = self.source.path.name
        referenced: Counter[str] = Counter()
        unresolved: list[Pointing] = []
        bare: list[Pointing] = []
        for el, entry_el in self.attributed:
            is_cite = local(el) in ("bibl", "biblStruct") and el not in self.entry_set
            for attr in el.attrib:  # names only: lxml reads each value by a search
                value = el.get(attr) if attr in _POINTING else None
                if not value:
                    continue
                for token in value.split():
                    pointer = resolve_pointer(token, attr, declared, own)
                    if not pointer.local:
                        if not URI_SIGNS.intersection(token):
                            if token in self.elements_by_id:
                                bare.append((el, attr, token, token))
                            elif attr in _POINTERS and local(el) in MENTION_ELEMENTS:
                                bare.append((el, attr, token, ""))
                        continue
                    if pointer.id in self.elements_by_id:
                        self._count(referenced, pointer.id, entry_el)
                    elif not (is_cite and attr in ("ref", "corresp")):
                        unresolved.append((el, attr, token, pointer.id or ""))
        for mention, el in self.mentions:
            for pointer in mention.pointers:
                if pointer.attribute == "key" and pointer.id in self.registers.by_id:
                    self._count(referenced, pointer.id, self.entry_around(el))
        return referenced, unresolved, bare

    def _count(self, referenced: Counter, target: str, entry_el: etree._Element | None) -> None:
        inside = self.entry_of(entry_el)
        if inside is None or inside.id != target:
            referenced[target] += 1

    @cached_property
    def dated(self) -> list[Dated]:
        found = []
        for el, name, section in self.dates:
            values: dict[str, isodate.DateValue] = {}
            errors = []
            for attr in _PARSED_DATE_ATTRIBUTES:
                raw = el.get(attr)
                if raw is None:
                    continue
                if attr.split("-")[0] in ("from", "to") and name in _FROM_TO_NOT_DATES:
                    continue
                try:
                    values[attr] = isodate.parse(raw, iso=attr.endswith("-iso"))
                except isodate.DateValueError as err:
                    errors.append((attr, err))
            found.append(Dated(el, name, section, values, errors))
        return found

    @cached_property
    def streams(self) -> list[Stream]:
        return streams(self.text_roots, self.not_running)

    @cached_property
    def forms(self) -> tuple[dict[str, list[Entry]], dict[str, list[Entry]]]:
        return search.forms(self)

    @cached_property
    def name_matches(self) -> list[search.TextMatch]:
        return search.name_matches(self)

    @cached_property
    def short_cites(self) -> list[search.TextMatch]:
        return search.short_cites(self)

    @cached_property
    def unpointed_mentions(self) -> list[etree._Element]:
        """Naming elements of the text without a pointer (a title inside a citation that
        points at its work excepted), when the document has registers to point at."""
        if not self.registers.entries:
            return []
        return [
            el
            for el in self.text_mentions
            if not any(el.get(a) for a in _POINTERS) and not _in_pointing_cite(el)
        ]


def is_text_cite(mention: Mention) -> bool:
    return mention.element in ("bibl", "biblStruct") and mention.section == "text"


def _in_pointing_cite(el: etree._Element) -> bool:
    if local(el) != "title":
        return False
    return any(
        local(a) in ("bibl", "biblStruct") and (a.get("corresp") or a.get("ref"))
        for a in el.iterancestors()
    )
