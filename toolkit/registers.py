"""Registers and mentions of any TEI document, as plain data for checks and exports.

Registers (persons, places, organisations, events, objects, the bibliography) are read
wherever TEI allows them: standOff, back, front, teiHeader (sourceDesc, particDesc,
settingDesc), nested lists included. Mentions are the naming elements anywhere in the
document whose @ref, @corresp or @key points at something: `persName ref="#x"`,
`rs type="person" ref="#x"`, `title ref="#bib-y"`, `bibl corresp="#bib-y"`. Nothing here
judges the document; toolkit.check does that, and the exports read the same data.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from dataclasses import dataclass, field, replace

from lxml import etree

from toolkit.positions import Positions
from toolkit.source import TEI_NS, Source

XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def tei(name: str) -> str:
    return f"{{{TEI_NS}}}{name}"


_LOCAL: dict[str, str] = {}
_PREFIX = "{" + TEI_NS + "}"


def local(el: etree._Element) -> str:
    """The local name of a TEI element ('' for comments, PIs and foreign elements)."""
    tag = el.tag
    try:
        return _LOCAL[tag]
    except (KeyError, TypeError):
        pass
    if not isinstance(tag, str):
        return ""
    name = tag[len(_PREFIX) :] if tag.startswith(_PREFIX) else ""
    if len(_LOCAL) < 4096:
        _LOCAL[tag] = name
    return name


#: Entry element -> kind. Events count only inside listEvent (or inside an event that is an
#: entry: a part of a larger event) and works only inside listBibl, since <event> also records
#: a life event of a person and <bibl> also cites in running text.
ENTRY_KINDS = {
    "person": "person",
    "persGrp": "person",
    "personGrp": "person",
    "place": "place",
    "org": "org",
    "event": "event",
    "object": "object",
    "bibl": "work",
    "biblStruct": "work",
    "biblFull": "work",
}
LIST_ELEMENTS = {"listPerson", "listPlace", "listOrg", "listEvent", "listObject", "listBibl"}
_NEEDS_LIST = {"event": "listEvent", "bibl": "listBibl", "biblStruct": "listBibl",
               "biblFull": "listBibl"}  # fmt: skip

#: Elements naming an entry of each kind, as children of the entry.
NAME_ELEMENTS = {
    "person": ("persName", "name"),
    "place": ("placeName", "geogName", "name"),
    "org": ("orgName", "name"),
    "event": ("eventName", "name"),
    "object": ("objectName", "name"),
}
#: A place with no placeName may be named by these (e.g. <place><settlement>Tiflis</settlement>).
PLACE_FALLBACK_NAMES = ("settlement", "region", "country", "bloc", "district")
NAME_PARTS = {"forename", "surname", "nameLink", "addName", "roleName", "genName"}

#: Elements that name something and may point at a register entry.
MENTION_ELEMENTS = {
    "persName", "placeName", "orgName", "name", "rs", "title", "bibl", "biblStruct",
    "author", "editor", "geogName", "settlement", "country", "region", "bloc", "district",
    "eventName", "objectName", "persGrp",
}  # fmt: skip
#: The kind of entry a mention element should point at (rs and name say it in @type).
MENTION_KIND = {
    "persName": "person", "author": "person", "editor": "person", "placeName": "place",
    "geogName": "place", "settlement": "place", "country": "place", "region": "place",
    "bloc": "place", "district": "place", "orgName": "org", "eventName": "event",
    "objectName": "object", "title": "work", "bibl": "work", "biblStruct": "work",
}  # fmt: skip
TYPE_KIND = {
    "person": "person", "persName": "person", "people": "person", "group": "person",
    "place": "place", "placeName": "place", "org": "org", "organisation": "org",
    "organization": "org", "orgName": "org", "event": "event", "work": "work",
    "bibl": "work", "title": "work", "object": "object",
}  # fmt: skip
POINTER_ATTRIBUTES = ("ref", "corresp", "key")
#: A name inside these names the imprint of a cited work (where and by whom it was
#: published), not what the text is about: New York as a place of publication.
IMPRINT_ELEMENTS = frozenset({"pubPlace", "publisher", "distributor"})

#: In <choice>, the reading we take: the correction, the regularisation, the abbreviation as
#: written (not the editor's expansion).
_SKIP_IN_CHOICE = {"sic", "orig", "expan"}
_SPACE = re.compile(r"\s+")


# -- plain data ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Name:
    """One name of an entry: the main name, a variant, an abbreviation, a historical name."""

    text: str
    type: str | None = None
    lang: str | None = None
    forenames: tuple[str, ...] = ()
    surnames: tuple[str, ...] = ()
    dates: tuple[tuple[str, str], ...] = ()  # (attribute, value), e.g. ("from", "1924")
    main: bool = False
    derived: bool = False  # not written in the register: the surname alone, read from parts
    line: int | None = None


@dataclass(frozen=True)
class Identifier:
    """An authority identifier: idno, or an absolute URI on a name or the entry."""

    type: str | None
    value: str
    line: int | None = None

    @property
    def scheme(self) -> str:
        return identifier_key(self.type, self.value)[0]

    @property
    def key(self) -> tuple[str, str]:
        """(scheme, canonical value): equal for Q33391 and https://www.wikidata.org/wiki/Q33391."""
        return identifier_key(self.type, self.value)


@dataclass(frozen=True)
class EntryDate:
    """A dated fact of an entry: birth, death, floruit, an event's date, a name's period."""

    kind: str
    attributes: tuple[tuple[str, str], ...]
    text: str
    line: int | None = None

    def get(self, name: str) -> str | None:
        return dict(self.attributes).get(name)


@dataclass(frozen=True)
class Contributor:
    role: str  # author, editor, translator ... (editor/@role, respStmt/resp)
    name: str
    refs: tuple[str, ...] = ()  # ids of person/org entries the name points at


@dataclass
class Work:
    """Bibliographic detail of a listBibl entry, enough for a citation export."""

    type: str | None
    title: str | None
    titles: list[tuple[str | None, str | None, str]] = field(default_factory=list)
    container: str | None = None  # the journal or book an article or chapter is in
    contributors: list[Contributor] = field(default_factory=list)
    pub_places: list[str] = field(default_factory=list)
    publishers: list[str] = field(default_factory=list)
    dates: list[EntryDate] = field(default_factory=list)
    scopes: dict[str, str] = field(default_factory=dict)  # volume, issue, page -> "59-60"
    urls: list[str] = field(default_factory=list)
    host: Work | None = None  # relatedItem type="host"

    @property
    def authors(self) -> list[Contributor]:
        return [c for c in self.contributors if c.role == "author"]

    @property
    def year(self) -> str | None:
        for d in self.dates:
            for attr in ("when", "notBefore", "from"):
                value = d.get(attr)
                if value and re.match(r"-?\d{4}", value):
                    return value[:5] if value.startswith("-") else value[:4]
            found = re.search(r"\b\d{4}\b", d.text)
            if found:
                return found.group()
        return self.host.year if self.host else None


@dataclass
class Entry:
    """One register entry."""

    id: str | None
    kind: str  # person, place, org, event, object, work
    element: str  # person, persGrp, place, org, event, object, bibl, biblStruct, biblFull
    type: str | None
    names: list[Name]
    identifiers: list[Identifier]
    dates: list[EntryDate]
    coordinates: tuple[float, float] | None
    geo: str | None  # the geo element's text as written (None if there is none)
    description: str | None
    details: dict[str, list[str]]  # occupation, affiliation, sex, ... as written
    parent: str | None  # the id of the entry this one is nested in (a place in a place)
    list_type: str | None  # @type of the enclosing list
    section: str  # "standOff", "back", "front", "body", "teiHeader"
    line: int | None
    column: int | None
    work: Work | None = None
    #: Where the entry took place (@where, an event's place): local ids, or URIs as written.
    where: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        """The main name (or title) to show for the entry."""
        for name in self.names:
            if name.main:
                return name.text
        return self.names[0].text if self.names else (self.id or "(unnamed)")

    @property
    def search_names(self) -> list[Name]:
        return [n for n in self.names if n.text]


@dataclass(frozen=True)
class Pointer:
    """One pointer token of a mention: as written, and the local id it reaches (if local)."""

    attribute: str
    raw: str
    id: str | None  # the local xml:id it names (None for an external URI)
    local: bool


@dataclass(frozen=True)
class Mention:
    """A naming element that points somewhere: `persName ref="#x"`, `rs type=... ref=...`."""

    element: str
    type: str | None
    pointers: tuple[Pointer, ...]
    text: str
    passage: str | None  # xml:id of the nearest enclosing element that has one
    note: str | None  # xml:id (or @n) of the enclosing note, if inside one
    section: str  # "text", "teiHeader", "register", "standOff"
    line: int | None
    column: int | None
    #: Inside pubPlace or publisher: the imprint of a citation, not a subject of the text.
    imprint: bool = False

    @property
    def targets(self) -> tuple[str, ...]:
        return tuple(p.id for p in self.pointers if p.id)


@dataclass
class Registers:
    """Everything the checks and exports need to know about entries and mentions."""

    path: str
    entries: list[Entry]
    mentions: list[Mention]
    ids: dict[str, list[tuple[int | None, int | None, str]]]  # id -> (line, col, element)
    by_id: dict[str, Entry] = field(default_factory=dict)
    #: The element of each mention (parallel to `mentions`), for tools that need the tree.
    mention_elements: list[etree._Element] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        self.by_id = {e.id: e for e in self.entries if e.id and e.id not in self.by_id}

    def of_kind(self, kind: str) -> list[Entry]:
        return [e for e in self.entries if e.kind == kind]

    @property
    def persons(self) -> list[Entry]:
        return self.of_kind("person")

    @property
    def places(self) -> list[Entry]:
        return self.of_kind("place")

    @property
    def orgs(self) -> list[Entry]:
        return self.of_kind("org")

    @property
    def events(self) -> list[Entry]:
        return self.of_kind("event")

    @property
    def works(self) -> list[Entry]:
        return self.of_kind("work")

    def mentions_of(self, entry_id: str) -> list[Mention]:
        return [m for m in self.mentions if entry_id in m.targets]

    def counts(self) -> dict[str, int]:
        """Entries of each kind, in a fixed order (kinds with none included)."""
        kinds = ("person", "place", "org", "event", "object", "work")
        return {k: sum(1 for e in self.entries if e.kind == k) for k in kinds}


# -- identifiers -----------------------------------------------------------------------------

_AUTHORITY_URIS = [
    ("wikidata", re.compile(r"(?:https?://)?(?:www\.)?wikidata\.org/(?:wiki|entity)/(Q\d+)", re.I)),
    ("viaf", re.compile(r"(?:https?://)?(?:www\.)?viaf\.org/viaf/(\d+)", re.I)),
    ("geonames", re.compile(r"(?:https?://)?(?:www\.|sws\.)?geonames\.org/(\d+)", re.I)),
    ("gnd", re.compile(r"(?:https?://)?d-nb\.info/gnd/([0-9X-]+)", re.I)),
    ("orcid", re.compile(r"(?:https?://)?orcid\.org/([0-9X-]{19})", re.I)),
    ("loc", re.compile(r"(?:https?://)?id\.loc\.gov/authorities/\w+/(\w+)", re.I)),
    ("isni", re.compile(r"(?:https?://)?isni\.org/isni/(\d{15}[\dX])", re.I)),
    ("tgn", re.compile(r"(?:https?://)?vocab\.getty\.edu/(?:page/)?tgn/(\d+)", re.I)),
    ("pleiades", re.compile(r"(?:https?://)?pleiades\.stoa\.org/places/(\d+)", re.I)),
]  # fmt: skip
_SCHEME_ALIASES = {"wd": "wikidata", "wikidata": "wikidata", "viaf": "viaf",
                   "geonames": "geonames", "gnd": "gnd", "orcid": "orcid", "isni": "isni",
                   "lccn": "loc", "loc": "loc", "tgn": "tgn", "pleiades": "pleiades"}  # fmt: skip


def identifier_key(type_: str | None, value: str) -> tuple[str, str]:
    """The scheme and canonical value of an identifier, so equal identifiers compare equal."""
    value = value.strip()
    for scheme, pattern in _AUTHORITY_URIS:
        match = pattern.fullmatch(value.rstrip("/"))
        if match:
            return scheme, match.group(1).upper()
    scheme = _SCHEME_ALIASES.get((type_ or "").strip().lower(), (type_ or "uri").strip().lower())
    if scheme in ("wikidata", "gnd", "orcid", "isni"):
        return scheme, value.upper()
    if scheme in ("uri", "url") or re.match(r"https?://", value):
        return "uri", re.sub(r"^https?://", "", value).rstrip("/")
    return scheme, value


# -- reading text ----------------------------------------------------------------------------


def normalise(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def reading(el: etree._Element, *, skip_notes: bool = True) -> str:
    """The text of an element as read: one side of each choice, no notes, name parts spaced."""
    parts: list[str] = []
    _reading(el, parts, skip_notes, top=True)
    return normalise("".join(parts))


def _reading(el: etree._Element, parts: list[str], skip_notes: bool, top: bool = False) -> None:
    if el.text:
        parts.append(el.text)
    for child in el:
        name = local(child)
        skipped = (skip_notes and name == "note") or (
            name in _SKIP_IN_CHOICE and local(el) == "choice"
        )
        if not skipped and isinstance(child.tag, str):
            if name in NAME_PARTS and parts and not parts[-1][-1:].isspace():
                parts.append(" ")
            _reading(child, parts, skip_notes)
        if child.tail:
            parts.append(child.tail)


# -- pointers --------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Prefix:
    ident: str
    match: object  # a compiled RE2 pattern
    replacement: str


#: Memory RE2 may use to compile one document's pattern (its default); a pattern that needs
#: more is not used, like one that does not compile.
_RE2_MEMORY = 8 << 20


@functools.cache
def _re2_options():
    import re2

    options = re2.Options()
    options.log_errors = False  # a bad pattern is skipped quietly, not printed on stderr
    options.max_mem = _RE2_MEMORY
    return options


def _pattern(text: str):
    """A document's matchPattern compiled by RE2, whose matching takes time linear in the
    pointer's length whatever the pattern (Python's re takes minutes on `(a+)+` against 36
    a's and a `!`); None if RE2 cannot run it (a back-reference, a look-around)."""
    import re2

    try:
        return re2.compile(text, _re2_options())
    except re2.error:
        return None


def prefixes(root: etree._Element) -> dict[str, _Prefix]:
    """The document's prefixDef declarations (ident -> pattern), for pointers like pers:x."""
    found: dict[str, _Prefix] = {}
    for el in root.iter(tei("prefixDef")):
        ident = el.get("ident")
        pattern = el.get("matchPattern")
        replacement = el.get("replacementPattern")
        if not (ident and pattern and replacement) or ident in found:
            continue
        compiled = _pattern(pattern)
        if compiled is not None:
            found[ident] = _Prefix(ident, compiled, replacement)
    return found


def _group(match, n: int) -> str:
    """$n of a replacementPattern: as in XPath's fn:replace, a group the pattern does not
    have, or one that matched nothing, stands for the empty string."""
    return (match.group(n) or "") if n <= match.re.groups else ""


def resolve_pointer(
    raw: str, attribute: str, declared: dict[str, _Prefix], own_file: str
) -> Pointer:
    """Read one pointer token; local pointers (#x, own-file.xml#x, a prefix) give their id."""
    if attribute == "key":
        return Pointer(attribute, raw, raw.lstrip("#") or None, True)
    target = raw
    scheme, sep, rest = raw.partition(":")
    if sep and scheme in declared:
        prefix = declared[scheme]
        match = prefix.match.fullmatch(rest)
        if match:
            target = re.sub(r"\$(\d)", lambda m: _group(match, int(m.group(1))),
                            prefix.replacement)  # fmt: skip
    if target.startswith("#"):
        return Pointer(attribute, raw, target[1:] or None, True)
    doc, hash_, frag = target.partition("#")
    if hash_ and doc and doc.rsplit("/", 1)[-1] == own_file and "://" not in doc:
        return Pointer(attribute, raw, frag or None, True)
    return Pointer(attribute, raw, None, False)


def expected_kind(mention: Mention) -> str | None:
    """The kind of entry a mention should point at (rs and name say it in @type)."""
    if mention.element in ("rs", "name"):
        return TYPE_KIND.get(mention.type or "")
    return MENTION_KIND.get(mention.element)


def kind_fits(expected: str, actual: str, element: str) -> bool:
    """An author, editor, name or rs that names a person may point at an organisation (a
    corporate author, a group) and the other way round; no other kind stands for another."""
    if expected == actual:
        return True
    people = ("person", "org")
    return element in ("author", "editor", "name", "rs") and expected in people and actual in people


def fits(mention: Mention, entry: Entry) -> bool:
    """A mention points at an entry of its kind (or says no kind: a bare name)."""
    expected = expected_kind(mention)
    return expected is None or kind_fits(expected, entry.kind, mention.element)


def is_entry(el: etree._Element) -> bool:
    """Is this element a register entry (a person, a place, a bibl in listBibl ...)?"""
    name = local(el)
    if name not in ENTRY_KINDS:
        return False
    needed = _NEEDS_LIST.get(name)
    if needed is None:
        return True
    parent = el.getparent()
    if parent is None:
        return False
    if local(parent) == needed:
        return True
    # A sub-event: an event in an event of the register (the sessions of a congress).
    return name == "event" and local(parent) == "event" and is_entry(parent)


# -- the reader ------------------------------------------------------------------------------


class _Reader:
    def __init__(self, source: Source, positions: Positions | None):
        self.source = source
        self.root = source.root
        self.positions = positions or Positions(source)
        self.prefixes = prefixes(self.root)
        self.own_file = source.path.name
        self.name_children: set[etree._Element] = set()
        self.entry_elements: set[etree._Element] = set()

    def where(self, el: etree._Element) -> tuple[int | None, int | None]:
        return self.positions.element(el)

    def read(self) -> Registers:
        entries: list[Entry] = []
        entry_elements: dict[etree._Element, Entry] = {}
        ids: dict[str, list[tuple[int | None, int | None, str]]] = defaultdict(list)
        for el in self.root.iter():
            if not isinstance(el.tag, str):
                continue
            xml_id = el.get(XML_ID)
            if xml_id is not None:
                line, col = self.where(el)
                ids[xml_id].append((line, col, local(el) or etree.QName(el).localname))
            name = local(el)
            if name in ENTRY_KINDS and is_entry(el):
                entry = self._entry(el, name, entry_elements)
                entries.append(entry)
                entry_elements[el] = entry
                self.entry_elements.add(el)
        mentions, elements = [], []
        for el in self._mention_candidates():
            mention = self._mention(el)
            if mention is not None:
                mentions.append(mention)
                elements.append(el)
        return Registers(
            str(self.source.path), entries, mentions, dict(ids), mention_elements=elements
        )

    def _entry(self, el: etree._Element, name: str, known: dict) -> Entry:
        kind = ENTRY_KINDS[name]
        parent_entry = next((known[a] for a in el.iterancestors() if a in known), None)
        list_el = next((a for a in el.iterancestors() if local(a) in LIST_ELEMENTS), None)
        line, col = self.where(el)
        work = self._work(el) if kind == "work" else None
        names = self._work_names(work) if work else self._names(el, kind)
        coordinates, geo = self._geo(el)
        return Entry(
            id=el.get(XML_ID),
            kind=kind,
            element=name,
            type=el.get("type"),
            names=names,
            identifiers=self._identifiers(el, kind),
            dates=work.dates if work else self._dates(el, kind),
            coordinates=coordinates,
            geo=geo,
            description=self._description(el),
            details=self._details(el),
            parent=parent_entry.id if parent_entry else None,
            list_type=list_el.get("type") if list_el is not None else None,
            section=self._section(el),
            line=line,
            column=col,
            work=work,
            where=self._where(el),
        )

    def _section(self, el: etree._Element) -> str:
        for anc in el.iterancestors():
            name = local(anc)
            if name in ("standOff", "teiHeader", "back", "front", "body"):
                return name
        return "text"

    def _names(self, el: etree._Element, kind: str) -> list[Name]:
        wanted = NAME_ELEMENTS.get(kind, ("name",))
        children = [c for c in el if local(c) in wanted]
        if not children and kind == "place":
            children = [c for c in el if local(c) in PLACE_FALLBACK_NAMES][:1]
        if not children and kind == "event":
            children = [c for c in el if local(c) == "label"][:1]
        names: list[Name] = []
        main_done = False
        for child in children:
            self.name_children.add(child)
            text = reading(child)
            if not text:
                continue
            type_ = child.get("type")
            is_main = not main_done and type_ not in ("variant", "abbreviation", "alt", "short")
            main_done = main_done or is_main
            forenames = tuple(reading(p) for p in child.iter(tei("forename")))
            surnames = tuple(reading(p) for p in child.iter(tei("surname")))
            dates = tuple((a, child.get(a)) for a in _DATE_ATTRS if child.get(a))
            names.append(
                Name(
                    text=text,
                    type=type_,
                    lang=child.get(XML_LANG),
                    forenames=forenames,
                    surnames=surnames,
                    dates=dates,
                    main=is_main,
                    line=child.sourceline,
                )
            )
        if names and not main_done:
            names[0] = replace(names[0], main=True)
        seen = {n.text for n in names}
        for name_el in children:
            links = [reading(p) for p in name_el if local(p) in ("nameLink", "surname")]
            if not any(local(p) == "surname" for p in name_el):
                continue
            surname = normalise(" ".join(links))
            if surname and surname not in seen:
                seen.add(surname)
                names.append(Name(text=surname, type="surname", derived=True,
                                  line=name_el.sourceline))  # fmt: skip
        return names

    def _work_names(self, work: Work) -> list[Name]:
        """The work's own title and its other forms (short, alt) at the same level."""
        if work.title is None:
            return []
        level = next(t[0] for t in work.titles if t[2] == work.title)
        names = [Name(text=work.title, type=level, main=True)]
        for lvl, type_, text in work.titles:
            if lvl == level and text != work.title and type_ in _TITLE_VARIANTS:
                names.append(Name(text=text, type=type_ or "variant"))
        return names

    def _identifiers(self, el: etree._Element, kind: str) -> list[Identifier]:
        found: list[Identifier] = []
        scope = (
            _own_descendants(el, "idno")
            if kind == "work"
            else [c for c in el if local(c) == "idno"]
        )
        for idno in scope:
            value = normalise("".join(idno.itertext()))
            if value:
                found.append(Identifier(idno.get("type"), value, idno.sourceline))
        # Authority URIs written as a pointer on a name or on the entry itself.
        holders = [el] + [c for c in el if c in self.name_children]
        for holder in holders:
            for attr in ("ref", "sameAs", "corresp", "key"):
                for token in (holder.get(attr) or "").split():
                    if re.match(r"https?://", token):
                        found.append(Identifier(None, token, holder.sourceline))
        return found

    def _where(self, el: etree._Element) -> tuple[str, ...]:
        found = []
        for token in (el.get("where") or "").split():
            pointer = resolve_pointer(token, "where", self.prefixes, self.own_file)
            found.append(pointer.id if pointer.local and pointer.id else token)
        return tuple(dict.fromkeys(found))

    def _dates(self, el: etree._Element, kind: str) -> list[EntryDate]:
        dates: list[EntryDate] = []
        if kind == "event":
            dates.append(_entry_date("event", el, ""))
        for child in el:
            name = local(child)
            if name == "event" and kind == "event":
                continue  # a sub-event: an entry of its own, not a date of this one
            if name in ("birth", "death", "floruit", "date", "residence", "event"):
                dates.append(_entry_date(name, child, reading(child)))
        return [d for d in dates if d.attributes or d.text]

    def _geo(self, el: etree._Element) -> tuple[tuple[float, float] | None, str | None]:
        for location in (c for c in el if local(c) == "location"):
            for geo in location.iter(tei("geo")):
                text = normalise("".join(geo.itertext()))
                return parse_geo(text), text
        return None, None

    def _description(self, el: etree._Element) -> str | None:
        for child in el:
            if local(child) in ("note", "desc", "ab"):
                text = reading(child)
                if text:
                    return text
        return None

    def _details(self, el: etree._Element) -> dict[str, list[str]]:
        details: dict[str, list[str]] = defaultdict(list)
        for child in el:
            name = local(child)
            if name in ("occupation", "affiliation", "nationality", "faith", "sex", "gender",
                        "education", "residence", "state", "trait", "socecStatus"):  # fmt: skip
                text = reading(child) or child.get("value") or ""
                if text:
                    details[name].append(text)
        for attr in ("sex", "role", "age", "subtype"):
            if el.get(attr):
                details[f"@{attr}"].append(el.get(attr))
        return dict(details)

    # -- works -------------------------------------------------------------------------------

    def _work(self, el: etree._Element) -> Work:
        own = _own_descendants(el, None)
        titles: list[tuple[str | None, str | None, str]] = []
        contributors: list[Contributor] = []
        work = Work(type=el.get("type"), title=None)
        for child in own:
            name = local(child)
            if name == "title":
                text = reading(child)
                if text:
                    level = child.get("level") or _level_from_context(child)
                    titles.append((level, child.get("type"), text))
            elif name in ("author", "editor"):
                role = "author" if name == "author" else (child.get("role") or "editor")
                contributors.append(self._contributor(role, child))
            elif name == "respStmt":
                resp = normalise(" ".join(r.xpath("string()") for r in child if local(r) == "resp"))
                for person in child:
                    if local(person) in ("persName", "orgName", "name"):
                        contributors.append(self._contributor(resp or "contributor", person))
            elif name == "pubPlace":
                work.pub_places.append(reading(child))
            elif name in ("publisher", "distributor"):
                work.publishers.append(reading(child))
            elif name == "date":
                work.dates.append(_entry_date("date", child, reading(child)))
            elif name in ("biblScope", "citedRange"):
                unit = child.get("unit") or child.get("type") or "page"
                work.scopes.setdefault(unit, _scope_text(child))
            elif name in ("ptr", "ref") and child.get("target"):
                work.urls.extend(t for t in child.get("target").split() if "://" in t)
            elif name == "idno" and (child.get("type") or "").lower() in ("url", "uri"):
                work.urls.append(normalise(child.text or ""))
        for related in (c for c in el.iter(tei("relatedItem")) if c.get("type") == "host"):
            inner = next((c for c in related if local(c) in ("bibl", "biblStruct")), None)
            if inner is not None:
                work.host = self._work(inner)
                break
        work.titles = titles
        analytic = [t for t in titles if t[0] == "a"]
        monographic = [t for t in titles if t[0] in ("m", "u", None)]
        main = (analytic or monographic or titles or [None])[0]
        if main is not None:
            work.title = main[2]
            if analytic:
                container = [t for t in titles if t[0] in ("m", "j")]
                work.container = container[0][2] if container else None
        if work.container is None and work.host and work.host.title and main is not None:
            work.container = work.host.title
        work.contributors = contributors
        return work

    def _contributor(self, role: str, el: etree._Element) -> Contributor:
        refs: list[str] = []
        for holder in [el, *el.iter()]:
            for attr in POINTER_ATTRIBUTES:
                for token in (holder.get(attr) or "").split():
                    pointer = resolve_pointer(token, attr, self.prefixes, self.own_file)
                    if pointer.id and pointer.id not in refs:
                        refs.append(pointer.id)
        return Contributor(role, reading(el), tuple(refs))

    # -- mentions ----------------------------------------------------------------------------

    def _mention_candidates(self):
        for el in self.root.iter():
            if (
                local(el) in MENTION_ELEMENTS
                and el not in self.name_children
                and el not in self.entry_elements
            ):
                yield el

    def _mention(self, el: etree._Element) -> Mention | None:
        pointers: list[Pointer] = []
        for attr in POINTER_ATTRIBUTES:
            value = el.get(attr)
            if value is None:
                continue
            tokens = [value.strip()] if attr == "key" else value.split()
            for token in tokens:
                if token:
                    pointers.append(resolve_pointer(token, attr, self.prefixes, self.own_file))
        if not pointers:
            return None
        line, col = self.where(el)
        passage = next((a.get(XML_ID) for a in el.iterancestors() if a.get(XML_ID)), None)
        note_el = None
        imprint = False
        for anc in el.iterancestors():
            name = local(anc)
            imprint = imprint or name in IMPRINT_ELEMENTS
            if name == "note":
                note_el = anc
                break
        note = None
        if note_el is not None:
            note = note_el.get(XML_ID) or note_el.get("n")
        return Mention(
            element=local(el),
            type=el.get("type"),
            pointers=tuple(pointers),
            text=reading(el),
            passage=passage,
            note=note,
            section=_mention_section(el),
            line=line,
            column=col,
            imprint=imprint,
        )


_DATE_ATTRS = ("when", "notBefore", "notAfter", "from", "to",
               "when-iso", "notBefore-iso", "notAfter-iso", "from-iso", "to-iso")  # fmt: skip


#: Title types that are another name for the same work (an untyped second title is not).
_TITLE_VARIANTS = {"short", "alt", "abbreviated", "uniform", "parallel", "translated", "main"}


def _entry_date(kind: str, el: etree._Element, text: str) -> EntryDate:
    attrs = tuple((a, el.get(a)) for a in _DATE_ATTRS if el.get(a) is not None)
    return EntryDate(kind, attrs, text, el.sourceline)


def _scope_text(el: etree._Element) -> str:
    text = reading(el)
    if text:
        return text
    start, end = el.get("from"), el.get("to")
    return f"{start}-{end}" if start and end and start != end else (start or end or "")


def _level_from_context(title: etree._Element) -> str | None:
    parent = title.getparent()
    name = local(parent) if parent is not None else ""
    return {"analytic": "a", "monogr": "m", "series": "s"}.get(name)


def _own_descendants(el: etree._Element, name: str | None) -> list[etree._Element]:
    """Descendants that describe this work, not a related item or a note about it."""
    found = []
    stack = list(el)[::-1]
    while stack:
        child = stack.pop()
        cname = local(child)
        if cname in ("relatedItem", "note", "listBibl") or cname in ENTRY_KINDS and cname != "bibl":
            continue
        if cname in ("analytic", "monogr", "imprint", "series"):
            stack.extend(list(child)[::-1])
            continue
        if name is None or cname == name:
            found.append(child)
    return found


def _mention_section(el: etree._Element) -> str:
    for anc in el.iterancestors():
        name = local(anc)
        if name in LIST_ELEMENTS or is_entry(anc):
            return "register"
        if name == "teiHeader":
            return "teiHeader"
        if name == "standOff":
            return "standOff"
    return "text"


_GEO = re.compile(r"\s*([-+]?\d+(?:\.\d+)?)\s*[,\s]\s*([-+]?\d+(?:\.\d+)?)\s*")


def parse_geo(text: str) -> tuple[float, float] | None:
    """Latitude and longitude from TEI's default "lat long" (or "lat, long"); None if not."""
    match = _GEO.fullmatch(text)
    if not match:
        return None
    lat, lon = float(match.group(1)), float(match.group(2))
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    return lat, lon


def read(source: Source, positions: Positions | None = None) -> Registers:
    """Read the registers and mentions of one document."""
    return _Reader(source, positions).read()
