"""The editorial quality report: what an editor must still do before an edition is finished.

`check(source)` returns a Report: Findings (toolkit.validation.report) and the counts an
edition's closing note needs (register sizes, resolved mentions, dates, short cites), so that
exports can later be checked against the same numbers. Rules and severities are in RULES.

Decisions, documented once here:

- Untagged names are searched in the text (front, body, back and notes; not the teiHeader,
  not the registers themselves), case-sensitively, on word boundaries, longest name first.
  Not searched: text inside any naming element (persName, placeName, orgName, name, rs, ...:
  a name inside a longer tagged name is not a separate mention), titles of works (a name in
  a title belongs to the work), words cited as words (mentioned), identifiers and code,
  publishers, deletions and forme work, and the source's side of a choice (sic, orig) when
  the editor's side is there. Inside a citation (bibl) that points at a bibliography entry,
  the names of that entry's authors and editors are linked through the bibliography.
- An entry is "referred to" when any pointer from outside the entry itself reaches it:
  the text, the header, or another entry (a work's author points at the person register).
- A missing authority identifier is info, not a warning: a wrong identifier is worse than
  none, and private or obscure people legitimately have none.
- Notes are numbered 1..N in document order, counting numbered notes (@n all digits) of
  the same @type; numbering may restart at 1 in a new div (notes per chapter).
"""

from __future__ import annotations

import bisect
import difflib
import json
import re
from collections import Counter, defaultdict
from dataclasses import asdict, dataclass, field

from lxml import etree

from toolkit import isodate
from toolkit.positions import Positions
from toolkit.registers import (
    LIST_ELEMENTS,
    MENTION_ELEMENTS,
    MENTION_KIND,
    TYPE_KIND,
    XML_ID,
    Entry,
    Mention,
    Registers,
    is_entry,
    local,
    normalise,
    prefixes,
    read,
    reading,
    resolve_pointer,
    tei,
)
from toolkit.source import TEI_NS, Source
from toolkit.validation.report import Finding

#: rule id -> (severity, what it reports)
RULES: dict[str, tuple[str, str]] = {
    "duplicate-xml-id": ("error", "the same xml:id on two elements"),
    "unresolved-pointer": ("error", "a pointer (#id) that names no element"),
    "cite-without-entry": ("error", "a citation (bibl) pointing at no bibliography entry"),
    "duplicate-identifier": ("error", "one authority identifier on two register entries"),
    "identifier-malformed": ("error", "an identifier not in its scheme's form (Q123 ...)"),
    "coordinates-malformed": ("error", "geo that is not 'latitude longitude' in range"),
    "date-not-iso": ("error", "a date attribute that is not ISO 8601"),
    "date-backwards": ("error", "a span or a life that ends before it starts"),
    "note-sequence": ("error", "numbered notes not 1..N in document order"),
    "untagged-name": ("warning", "a register name or variant in the text, not tagged"),
    "untagged-title": ("warning", "a bibliography title in the text, not tagged"),
    "name-without-pointer": ("warning", "a tagged name matching a register entry, no @ref"),
    "title-without-pointer": ("warning", "a title matching a bibliography entry, no @ref"),
    "pointer-kind": ("warning", "a mention pointing at the wrong kind of entry"),
    "unresolved-key": ("warning", "a @key matching no register entry"),
    "unreferenced-entry": ("warning", "a register entry nothing points at"),
    "entry-without-id": ("warning", "a register entry without xml:id (cannot be pointed at)"),
    "entry-without-name": ("warning", "a register entry without a name or title"),
    "date-without-value": ("warning", "a date in the text without a normalised value"),
    "short-cite-untagged": ("warning", "short-cite-like text (Name 1999, 12; Ibid.) not in bibl"),
    "cite-without-pointer": ("warning", "a citation (bibl) in a note without a pointer"),
    "entry-without-identifier": ("info", "a person, place, org or event without an identifier"),
    "no-registers": ("info", "the document has no registers: register checks skipped"),
}

#: Attributes whose values are pointers (TEI data.pointer), checked for local targets.
POINTER_ATTRIBUTES = (
    "ref", "target", "corresp", "sameAs", "copyOf", "next", "prev", "who", "source", "resp",
    "hand", "ana", "facs", "decls", "wit", "spanTo", "change", "select", "synch", "exclude",
    "edRef", "scribeRef", "scriptRef", "scheme", "active", "passive", "mutual", "perf",
    "targets", "rendition", "parts", "origin", "inst", "mergedIn", "follow", "since",
    "domains", "datingPoint", "calendar", "targetEnd", "where", "with",
)  # fmt: skip
#: A date normalised in a calendar other than the Gregorian, or as a duration.
_OTHER_DATE_ATTRIBUTES = (*(f"{a}-custom" for a in isodate.W3C_ATTRIBUTES), "dur", "dur-iso")
_ALL_DATE_ATTRIBUTES = (*isodate.W3C_ATTRIBUTES, *isodate.ISO_ATTRIBUTES, *_OTHER_DATE_ATTRIBUTES)
#: Elements whose @from/@to are pages, folios or pointers, not dates.
_FROM_TO_NOT_DATES = {"citedRange", "biblScope", "locus", "locusGrp", "span", "arc", "fsDecl"}

_NAMING = (MENTION_ELEMENTS - {"bibl", "biblStruct", "author", "editor", "title"}) | {
    "roleName", "addName", "forename", "surname", "genName", "nameLink",
}  # fmt: skip
_NOT_SCANNED = {
    "title", "mentioned", "gi", "att", "tag", "val", "code", "idno", "ptr", "publisher",
    "distributor", "del", "surplus", "fw", "metamark", "date", "time",
}  # fmt: skip
_CITES = {"bibl", "biblStruct", "title", "ref", "citedRange", "biblScope"}
_BLOCK = {
    "p", "ab", "head", "l", "lg", "item", "list", "div", "div1", "div2", "div3", "div4",
    "div5", "div6", "div7", "cell", "row", "table", "figure", "figDesc", "sp", "speaker",
    "stage", "trailer", "byline", "dateline", "opener", "closer", "salute", "signed",
    "epigraph", "argument", "docTitle", "titlePart", "docAuthor", "docDate", "docImprint",
    "titlePage", "front", "body", "back", "group", "text", "floatingText", "castList",
    "listBibl", "postscript", "entry", "form", "sense",
}  # fmt: skip
_CHOICE_SKIP = {"sic", "orig", "expan"}
_SEP = "\ufffc"
#: Capitalised words that open "In 1927, 4,000 members ..." rather than a short citation.
_STOPWORD_TEXT = (
    "In On At By For From To Of And Or The A An As Since Until Till After Before During "
    "Between Around About Circa Early Late Mid Spring Summer Autumn Fall Winter Also Again "
    "Through Throughout Within Already Then Only Even Yet But So Thus Hence Still Up Down "
    "Over Under Into Onto Upon Against Among Per Via Year Years Page Pages Vol Volume No "
    "Number Chapter Part Section Note Notes See Cf Compare Figure Fig Table Born Died "
    "Christmas Easter January February March April May June July August September October "
    "November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday"
)
_STOPWORDS = set(_STOPWORD_TEXT.split())
_SHORT_CITE = re.compile(
    r"(?<![\w.])(?P<name>[A-Z][\w'’-]+(?:\s+(?:and|&)\s+[A-Z][\w'’-]+)?(?:\s+et\s+al\.)?)"
    r"\s+(?P<year>(?:1[4-9]|20)\d\d[a-z]?)"
    r",\s*(?P<pages>(?:pp?\.\s*)?\d+(?:\s*[-–]\s*\d+)?(?:\s*ff?\.)?)(?!\d)"
)
_IBID = re.compile(r"(?<!\w)(?:Ibid|ibid|Op\.\s*cit|op\.\s*cit)\.?(?!\w)")
_IDENTIFIER_FORMS = {
    "wikidata": re.compile(r"Q[1-9]\d*"),
    "viaf": re.compile(r"[1-9]\d*"),
    "geonames": re.compile(r"[1-9]\d*"),
    "orcid": re.compile(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]"),
    "gnd": re.compile(r"[0-9X-]+"),
    "isni": re.compile(r"\d{15}[\dX]"),
}
_KIND_WORD = {
    "person": "person", "place": "place", "org": "organisation", "event": "event",
    "object": "object", "work": "work",
}  # fmt: skip


@dataclass
class Report:
    """Findings and counts for one document."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    stats: dict = field(default_factory=dict)


def run_checks(source: Source) -> list[Finding]:
    """All findings for one document, sorted by place in the file."""
    return check(source).findings


def check(source: Source) -> Report:
    return _Checker(source).run()


# -- the text as a stream of characters, for searching across inline markup ------------------


@dataclass
class _Stream:
    """One passage's text (a note is its own passage) with a map back to the tree."""

    chars: list[str] = field(default_factory=list)
    length: int = 0
    starts: list[int] = field(default_factory=list)
    where: list[tuple[etree._Element, str, int]] = field(default_factory=list)
    masked: list[tuple[int, int]] = field(default_factory=list)
    cites: list[tuple[int, int, etree._Element]] = field(default_factory=list)

    def add(self, text: str | None, el: etree._Element, slot: str) -> None:
        if text:
            self.starts.append(self.length)
            self.where.append((el, slot, 0))
            self.chars.append(text)
            self.length += len(text)

    def sep(self, el: etree._Element) -> None:
        self.starts.append(self.length)
        self.where.append((el, "start", 0))
        self.chars.append(_SEP)
        self.length += 1

    def locate(self, index: int) -> tuple[etree._Element, str, int]:
        i = bisect.bisect_right(self.starts, index) - 1
        el, slot, _ = self.where[i]
        return el, slot, index - self.starts[i]


def _streams(roots: list[etree._Element], skip: set[etree._Element]) -> list[_Stream]:
    queue = list(roots)
    streams = []
    while queue:
        root = queue.pop(0)
        stream = _Stream()
        _walk(root, stream, queue, skip, masked=False)
        streams.append(stream)
    return streams


def _walk(el, stream: _Stream, queue: list, skip: set, masked: bool) -> None:
    stream.add(el.text, el, "text")
    parent_name = local(el)
    for child in el:
        if isinstance(child.tag, str):
            name = local(child)
            if child.tag[:1] == "{" and not child.tag.startswith("{" + TEI_NS):
                stream.sep(child)
            elif name == "note":
                stream.sep(child)
                queue.append(child)
            elif child in skip:
                stream.sep(child)
            elif name in _CHOICE_SKIP and parent_name == "choice":
                pass
            elif name == "lb":
                if child.get("break") != "no":
                    stream.chars.append(" ")
                    stream.starts.append(stream.length)
                    stream.where.append((child, "start", 0))
                    stream.length += 1
            elif name in ("pb", "cb", "milestone", "anchor", "index"):
                pass
            elif name == "gap":
                stream.sep(child)
            else:
                block = name in _BLOCK
                if block:
                    stream.sep(child)
                start = stream.length
                hidden = masked or name in _NAMING or name in _NOT_SCANNED
                _walk(child, stream, queue, skip, hidden)
                if hidden and not masked and stream.length > start:
                    stream.masked.append((start, stream.length))
                if name in _CITES:
                    stream.cites.append((start, stream.length, child))
                if block:
                    stream.sep(child)
        stream.add(child.tail, child, "tail")


# -- name matching ---------------------------------------------------------------------------


def _form_key(text: str) -> str:
    return normalise(text).replace("’", "'")


def _tokens(form: str) -> list[str]:
    tokens: list[str] = []
    for part in re.split(r"(\s+)", form.replace("’", "'")):
        if not part:
            continue
        if part.isspace():
            tokens.append(r"\s+")
        else:
            tokens.extend("['’]" if ch == "'" else re.escape(ch) for ch in part)
    return tokens


def _trie_pattern(forms: list[str]) -> str:
    """One regex for many names, prefixes shared, so a long register stays fast to search."""
    trie: dict = {}
    for form in forms:
        node = trie
        for token in _tokens(form):
            node = node.setdefault(token, {})
        node[""] = {}
    return _emit(trie)


def _emit(root: dict) -> str:
    """The pattern of a trie, built bottom-up without recursion (a name may be thousands of
    characters long, a trie as deep)."""
    done: dict[int, str] = {}
    stack = [(root, False)]
    while stack:
        node, expanded = stack.pop()
        children = [(token, child) for token, child in sorted(node.items()) if token]
        if not expanded:
            stack.append((node, True))
            stack.extend((child, False) for _, child in children)
            continue
        terminal = "" in node
        alternatives = [token + done.pop(id(child)) for token, child in children]
        if not alternatives:
            done[id(node)] = ""
        elif len(alternatives) == 1 and not terminal:
            done[id(node)] = alternatives[0]
        else:
            group = "(?:" + "|".join(alternatives) + ")"
            done[id(node)] = group + "?" if terminal else group
    return done[id(root)]


# -- the checker -----------------------------------------------------------------------------


class _Checker:
    def __init__(self, source: Source):
        self.source = source
        self.path = str(source.path)
        self.root = source.root
        self.positions = Positions(source)
        self.registers: Registers = read(source, self.positions)
        self.findings: list[Finding] = []
        self.stats: dict = {}
        self.entry_elements: dict[str, etree._Element] = {}

    def add(self, rule: str, message: str, line: int | None, column: int | None = None) -> None:
        severity = RULES[rule][0]
        self.findings.append(Finding(self.path, line, column, severity, message, rule))

    def at(self, el: etree._Element) -> tuple[int | None, int | None]:
        return self.positions.element(el)

    def _char_at(self, el: etree._Element, slot: str, offset: int):
        return self.at(el) if slot == "start" else self.positions.char(el, slot, offset)

    def run(self) -> Report:
        self._index()
        self._duplicate_ids()
        self._pointers()
        self._mentions()
        self._entries()
        self._dates()
        self._notes()
        self._text()
        self.findings.sort(key=Finding.sort_key)
        self.stats["findings"] = dict(sorted(Counter(f.rule for f in self.findings).items()))
        severities = Counter(f.severity for f in self.findings)
        self.stats["severities"] = {s: severities[s] for s in ("error", "warning", "info")}
        return Report(self.path, self.findings, self.stats)

    # -- indexes -----------------------------------------------------------------------------

    def _index(self) -> None:
        self.elements_by_id: dict[str, etree._Element] = {}
        self.entry_els: set[etree._Element] = set()
        self.text_roots: list[etree._Element] = []
        for el in self.root.iter():
            if not isinstance(el.tag, str):
                continue
            xml_id = el.get(XML_ID)
            if xml_id is not None:
                self.elements_by_id.setdefault(xml_id, el)
            name = local(el)
            if is_entry(el):
                self.entry_els.add(el)
            if name == "text" and not any(local(a) == "text" for a in el.iterancestors()):
                self.text_roots.append(el)
        self.stats["registers"] = self.registers.counts()
        self.section_of: dict[etree._Element, str] = {}

    def _entry_of(self, el: etree._Element) -> Entry | None:
        """The register entry an element is in (itself included)."""
        for anc in (el, *el.iterancestors()):
            if anc in self.entry_els:
                entry_id = anc.get(XML_ID)
                return self.registers.by_id.get(entry_id) if entry_id else None
        return None

    def _suggest(self, wanted: str) -> str:
        close = difflib.get_close_matches(wanted, list(self.elements_by_id), n=1, cutoff=0.75)
        return f" (did you mean #{close[0]}?)" if close else ""

    # -- rules -------------------------------------------------------------------------------

    def _duplicate_ids(self) -> None:
        for xml_id, places in self.registers.ids.items():
            if len(places) < 2:
                continue
            first = ":".join(str(p) for p in places[0][:2] if p is not None)
            for line, col, element in places[1:]:
                self.add(
                    "duplicate-xml-id",
                    f'xml:id "{xml_id}" on <{element}> is already used at {first} '
                    f"(on <{places[0][2]}>)",
                    line,
                    col,
                )

    def _pointers(self) -> None:
        """Every local pointer resolves; each one also makes its target "referred to"."""
        declared = prefixes(self.root)
        own = self.source.path.name
        self.referenced: Counter[str] = Counter()
        for el in self.root.iter():
            if not isinstance(el.tag, str) or not el.attrib:
                continue
            is_cite = local(el) in ("bibl", "biblStruct") and el not in self.entry_els
            inside: Entry | None | bool = False  # looked up only when needed
            for attr in POINTER_ATTRIBUTES:
                value = el.get(attr)
                if not value:
                    continue
                for token in value.split():
                    pointer = resolve_pointer(token, attr, declared, own)
                    if not pointer.local:
                        continue
                    if pointer.id in self.elements_by_id:
                        if inside is False:
                            inside = self._entry_of(el)
                        self._count_reference(pointer.id, inside)
                        continue
                    if is_cite and attr in ("ref", "corresp"):
                        continue  # reported as cite-without-entry
                    target = pointer.id or ""
                    line, col = self.at(el)
                    what = f'<{local(el) or etree.QName(el).localname}> @{attr}="{token}"'
                    self.add(
                        "unresolved-pointer",
                        f"{what} points at #{target}, which is not in the document"
                        + self._suggest(target),
                        line,
                        col,
                    )

    def _mentions(self) -> None:
        regs = self.registers
        has_entries = bool(regs.entries)
        resolved: Counter[str] = Counter()
        cites = {"resolved": 0, "unresolved": 0}
        for mention, el in zip(regs.mentions, regs.mention_elements, strict=True):
            is_cite = mention.element in ("bibl", "biblStruct") and mention.section == "text"
            cite_ok = False
            for pointer in mention.pointers:
                target_id = pointer.id
                if pointer.attribute == "key":
                    if target_id in regs.by_id:
                        self._count_reference(target_id, self._entry_of(el))
                    elif has_entries:
                        self.add(
                            "unresolved-key",
                            f'<{mention.element}> key="{pointer.raw}" matches no register entry',
                            mention.line,
                            mention.column,
                        )
                    continue
                if not pointer.local or target_id is None:
                    continue
                target_entry = regs.by_id.get(target_id)
                exists = target_id in self.elements_by_id
                if is_cite:
                    if target_entry is not None and target_entry.kind == "work":
                        cite_ok = True
                        continue
                    where = (
                        "which is not in the document"
                        if not exists
                        else (
                            f"which is a <{local(self.elements_by_id[target_id])}>, "
                            "not a bibliography entry"
                        )
                    )
                    self.add(
                        "cite-without-entry",
                        f'citation "{_short(mention.text)}" points at #{target_id}, {where}'
                        + (self._suggest(target_id) if not exists else ""),
                        mention.line,
                        mention.column,
                    )
                    continue
                if not exists:
                    continue  # reported by _pointers
                expected = self._expected_kind(mention)
                if target_entry is None:
                    if expected and mention.section == "text":
                        target_el = self.elements_by_id[target_id]
                        self.add(
                            "pointer-kind",
                            f'<{mention.element}> "{_short(mention.text)}" points at '
                            f"#{target_id}, a <{local(target_el)}>, not a register entry",
                            mention.line,
                            mention.column,
                        )
                    continue
                if expected and not _kind_fits(expected, target_entry.kind, mention.element):
                    self.add(
                        "pointer-kind",
                        f'<{mention.element}> "{_short(mention.text)}" points at #{target_id}, '
                        f"a {_KIND_WORD[target_entry.kind]}, not a {_KIND_WORD[expected]}",
                        mention.line,
                        mention.column,
                    )
                    continue
                if mention.section == "text" and not is_cite:
                    resolved[target_entry.kind] += 1
            if is_cite:
                cites["resolved" if cite_ok else "unresolved"] += 1
        self.stats["mentions"] = {
            k: resolved.get(k, 0) for k in ("person", "place", "org", "event", "object", "work")
        }
        self.stats["citations"] = cites

    def _count_reference(self, target_id: str, inside: Entry | None) -> None:
        if inside is not None and inside.id == target_id:
            return
        self.referenced[target_id] += 1

    def _expected_kind(self, mention: Mention) -> str | None:
        if mention.element in ("rs", "name"):
            return TYPE_KIND.get(mention.type or "")
        return MENTION_KIND.get(mention.element)

    def _entries(self) -> None:
        regs = self.registers
        if not regs.entries:
            self.add(
                "no-registers",
                "no registers (listPerson, listPlace, listOrg, listEvent, listBibl): untagged "
                "names, unreferenced entries and identifiers are not checked",
                None,
            )
            return
        seen_identifiers: dict[tuple[str, str], Entry] = {}
        for entry in regs.entries:
            label = f"{entry.element} {entry.id}" if entry.id else f"<{entry.element}>"
            if entry.id is None:
                self.add(
                    "entry-without-id",
                    f'{_KIND_WORD[entry.kind]} "{_short(entry.label)}" has no xml:id, so nothing '
                    "can point at it",
                    entry.line,
                    entry.column,
                )
            elif self.referenced.get(entry.id, 0) == 0:
                self.add(
                    "unreferenced-entry",
                    f'{_KIND_WORD[entry.kind]} #{entry.id} ("{_short(entry.label)}") is never '
                    "referred to",
                    entry.line,
                    entry.column,
                )
            if not entry.names:
                self.add("entry-without-name", f"{label} has no name", entry.line, entry.column)
            if entry.kind in ("person", "place", "org", "event") and not entry.identifiers:
                self.add(
                    "entry-without-identifier",
                    f'{label} ("{_short(entry.label)}") has no authority identifier '
                    "(idno: wikidata, viaf, geonames ...)",
                    entry.line,
                    entry.column,
                )
            keys_here = set()
            for ident in entry.identifiers:
                scheme, value = ident.key
                form = _IDENTIFIER_FORMS.get(scheme)
                raw_is_uri = "://" in ident.value
                if form and not raw_is_uri and not form.fullmatch(value):
                    self.add(
                        "identifier-malformed",
                        f'{label}: {scheme} identifier "{ident.value}" is not in the form '
                        f"{_EXAMPLES[scheme]}",
                        ident.line,
                    )
                    continue
                if ident.key in keys_here:
                    continue
                keys_here.add(ident.key)
                other = seen_identifiers.get(ident.key)
                if other is not None and other is not entry:
                    self.add(
                        "duplicate-identifier",
                        f"{label} has {scheme} {value}, already on {other.element} "
                        f"{other.id or '(no id)'} (line {other.line})",
                        ident.line,
                    )
                else:
                    seen_identifiers[ident.key] = entry
            if entry.geo is not None and entry.coordinates is None:
                self.add(
                    "coordinates-malformed",
                    f'{label}: geo "{entry.geo}" is not "latitude longitude" in decimal degrees '
                    "(latitude -90..90, longitude -180..180)",
                    entry.line,
                    entry.column,
                )
            self._life_order(entry, label)

    def _life_order(self, entry: Entry, label: str) -> None:
        births = [d for d in entry.dates if d.kind == "birth"]
        deaths = [d for d in entry.dates if d.kind == "death"]
        if not births or not deaths:
            return
        born = _earliest(births[0])
        died = _latest(deaths[0])
        if born and died and isodate.after(born, died):
            self.add(
                "date-backwards",
                f"{label}: born {born.text} after dying {died.text}",
                deaths[0].line,
            )

    def _dates(self) -> None:
        total = normalised = 0
        for el in self.root.iter():
            name = local(el)
            if not name:
                continue
            values = self._date_values(el, name) if el.attrib else {}
            if name == "date" and self._section(el) in ("text", "register"):
                total += 1
                if values or any(el.get(a) for a in _OTHER_DATE_ATTRIBUTES):
                    normalised += 1
                elif not any(a in el.attrib for a in _ALL_DATE_ATTRIBUTES):
                    line, col = self.at(el)
                    self.add(
                        "date-without-value",
                        f'<date> "{_short(reading(el))}" has no @when, @from/@to or '
                        "@notBefore/@notAfter",
                        line,
                        col,
                    )
        self.stats["dates"] = {"total": total, "normalised": normalised}

    def _date_values(self, el: etree._Element, name: str) -> dict[str, isodate.DateValue]:
        """The element's valid date attributes; report the invalid ones and backward spans."""
        values: dict[str, isodate.DateValue] = {}
        for attr in (*isodate.W3C_ATTRIBUTES, *isodate.ISO_ATTRIBUTES):
            raw = el.get(attr)
            if raw is None:
                continue
            if attr.split("-")[0] in ("from", "to") and name in _FROM_TO_NOT_DATES:
                continue
            try:
                values[attr] = isodate.parse(raw, iso=attr.endswith("-iso"))
            except isodate.DateValueError as err:
                line, col = self.at(el)
                self.add("date-not-iso", f"<{name}> @{attr}: {err}", line, col)
        for start, end in (("from", "to"), ("notBefore", "notAfter")):
            for suffix in ("", "-iso"):
                a, b = values.get(start + suffix), values.get(end + suffix)
                if a and b and isodate.after(a, b):
                    line, col = self.at(el)
                    self.add(
                        "date-backwards",
                        f"<{name}> runs backwards: @{start}{suffix}={a.text} is after "
                        f"@{end}{suffix}={b.text}",
                        line,
                        col,
                    )
        return values

    def _section(self, el: etree._Element) -> str:
        for anc in el.iterancestors():
            name = local(anc)
            if anc in self.entry_els or name in LIST_ELEMENTS:
                return "register"
            if name in ("teiHeader", "standOff"):
                return name
        return "text"

    def _notes(self) -> None:
        series: dict[str | None, list[etree._Element]] = defaultdict(list)
        count = 0
        for text in self.text_roots:
            for note in text.iter(tei("note")):
                if self._section(note) != "text":
                    continue
                count += 1
                n = (note.get("n") or "").strip()
                if n.isdigit():
                    series[note.get("type")].append(note)
        self.stats["notes"] = count
        for notes in series.values():
            expected, previous = 1, None
            for note in notes:
                n = int(note.get("n"))
                div = _enclosing_div(note)
                restart = n == 1 and previous is not None and div is not _enclosing_div(previous)
                if n != expected and not restart:
                    line, col = self.at(note)
                    after = (
                        f" (the note before is n={previous.get('n')} at line {previous.sourceline})"
                        if previous is not None
                        else ""
                    )
                    self.add(
                        "note-sequence",
                        f"note n={n} is out of sequence: expected n={expected}{after}",
                        line,
                        col,
                    )
                expected, previous = n + 1, note

    # -- the running text --------------------------------------------------------------------

    def _text(self) -> None:
        skip = {
            el
            for el in self.root.iter()
            if local(el) in LIST_ELEMENTS or el in self.entry_els or local(el) == "standOff"
        }
        streams = _streams(self.text_roots, skip)
        self._tagged_without_pointer()
        untagged_cites = 0
        if self.registers.entries:
            self._untagged_names(streams)
        for stream in streams:
            untagged_cites += self._short_cites(stream)
        self.stats["citations"]["untagged"] = untagged_cites

    def _forms(self) -> tuple[dict[str, list[Entry]], dict[str, list[Entry]]]:
        names: dict[str, list[Entry]] = defaultdict(list)
        titles: dict[str, list[Entry]] = defaultdict(list)
        for entry in self.registers.entries:
            target = titles if entry.kind == "work" else names
            for name in entry.search_names:
                key = _form_key(name.text)
                if len(key) < 2 or not re.search(r"\w", key):
                    continue
                if entry not in target[key]:
                    target[key].append(entry)
        for key in list(titles):
            if key in names:
                del titles[key]  # "Stalin" the book yields to Stalin the man
        return names, titles

    def _untagged_names(self, streams: list[_Stream]) -> None:
        names, titles = self._forms()
        forms = {**titles, **names}
        if not forms:
            return
        pattern = re.compile(
            r"(?<!\w)(?:" + _trie_pattern(sorted(forms, key=len, reverse=True)) + r")(?!\w)"
        )
        for stream in streams:
            full = "".join(stream.chars)
            view = list(full)
            for start, end in stream.masked:
                view[start:end] = _SEP * (end - start)
            text = "".join(view)
            for match in pattern.finditer(text):
                key = _form_key(match.group())
                candidates = forms.get(key)
                if not candidates or self._linked_by_citation(stream, match.start(), candidates):
                    continue
                el, slot, offset = stream.locate(match.start())
                line, col = self._char_at(el, slot, offset)
                owner = el if slot in ("text", "start") else el.getparent()
                passage = _passage(owner)
                rule = "untagged-title" if key in titles else "untagged-name"
                which = ", ".join(
                    f"#{e.id}" if e.id else f"<{e.element}> line {e.line}" for e in candidates
                )
                kind = _KIND_WORD[candidates[0].kind]
                self.add(
                    rule,
                    f'untagged {kind} "{match.group()}" ({which})'
                    + (f" in {passage}" if passage else "")
                    + f": {_context(full, match.start(), match.end())}",
                    line,
                    col,
                )

    def _linked_by_citation(self, stream: _Stream, index: int, candidates: list[Entry]) -> bool:
        """A cited work's author, named inside the citation that points at the work."""
        for start, end, el in stream.cites:
            if not start <= index < end or local(el) not in ("bibl", "biblStruct"):
                continue
            for token in ((el.get("corresp") or "") + " " + (el.get("ref") or "")).split():
                work = self.registers.by_id.get(token.lstrip("#"))
                if work is None or work.work is None:
                    continue
                contributors = {r for c in work.work.contributors for r in c.refs}
                if work.work.host:
                    contributors |= {r for c in work.work.host.contributors for r in c.refs}
                if any(c.id in contributors for c in candidates):
                    return True
        return False

    def _tagged_without_pointer(self) -> None:
        if not self.registers.entries:
            return
        names, titles = self._forms()
        for text in self.text_roots:
            for el in text.iter():
                name = local(el)
                if name not in MENTION_ELEMENTS:
                    continue
                if any(el.get(a) for a in ("ref", "corresp", "key", "sameAs")):
                    continue
                if self._section(el) != "text" or self._in_pointing_cite(el, name):
                    continue
                if name in ("bibl", "biblStruct"):
                    self._cite_without_pointer(el, name)
                    continue
                key = _form_key(reading(el))
                if name == "title":
                    found = titles.get(key) or _title_match(key, titles)
                    rule = "title-without-pointer"
                else:
                    found = names.get(key)
                    rule = "name-without-pointer"
                    if name in ("author", "editor") and any(
                        local(c) in MENTION_ELEMENTS for c in el
                    ):
                        continue
                if not found:
                    continue
                line, col = self.at(el)
                which = " or ".join(f'ref="#{e.id}"' for e in found if e.id)
                self.add(
                    rule,
                    f'<{name}> "{_short(reading(el))}" names a register entry but has no '
                    f"pointer (add {which})",
                    line,
                    col,
                )

    def _cite_without_pointer(self, el: etree._Element, name: str) -> None:
        in_note = any(local(a) == "note" for a in el.iterancestors())
        if not in_note or not self.registers.works:
            return
        if any(local(a) in ("bibl", "biblStruct") for a in el.iterancestors()):
            return  # a part of a larger citation
        line, col = self.at(el)
        self.add(
            "cite-without-pointer",
            f'citation <{name}> "{_short(reading(el))}" in a note has no @corresp or @ref '
            "to its bibliography entry",
            line,
            col,
        )

    def _in_pointing_cite(self, el: etree._Element, name: str) -> bool:
        if name != "title":
            return False
        return any(
            local(a) in ("bibl", "biblStruct") and (a.get("corresp") or a.get("ref"))
            for a in el.iterancestors()
        )

    def _short_cites(self, stream: _Stream) -> int:
        full = "".join(stream.chars)
        found = 0
        inside = stream.cites
        for pattern, is_ibid in ((_SHORT_CITE, False), (_IBID, True)):
            for match in pattern.finditer(full):
                if any(s <= match.start() < e for s, e, _ in inside):
                    continue
                if not is_ibid:
                    first = match.group("name").split()[0]
                    if first in _STOPWORDS or self._is_place(match.group("name")):
                        continue
                el, slot, offset = stream.locate(match.start())
                line, col = self._char_at(el, slot, offset)
                text = " ".join(match.group().split())
                if is_ibid:
                    hint = "wrap it in <bibl> pointing at the work it repeats"
                else:
                    hint = self._cite_hint(match.group("name"), match.group("year"))
                self.add(
                    "short-cite-untagged",
                    f'short citation "{text}" is not in a <bibl>; {hint}: '
                    f"{_context(full, match.start(), match.end())}",
                    line,
                    col,
                )
                found += 1
        return found

    def _is_place(self, name: str) -> bool:
        key = _form_key(name)
        return any(
            e.kind == "place" and any(_form_key(n.text) == key for n in e.names)
            for e in self.registers.places
        )

    def _cite_hint(self, name: str, year: str) -> str:
        surname = name.split()[0]
        matches = [
            w
            for w in self.registers.works
            if w.work
            and (w.work.year or "") == year[:4]
            and any(surname in c.name.split() for c in w.work.contributors + _host_people(w.work))
        ]
        if len(matches) == 1 and matches[0].id:
            return f'wrap it in <bibl corresp="#{matches[0].id}">'
        if matches:
            return "wrap it in <bibl> pointing at one of " + ", ".join(
                f"#{m.id}" for m in matches if m.id
            )
        if self.registers.works:
            return f"the bibliography has no work by {surname} from {year[:4]} either"
        return "wrap it in <bibl> pointing at a bibliography entry"


# -- helpers ---------------------------------------------------------------------------------

_EXAMPLES = {
    "wikidata": "Q followed by digits (Q33391)",
    "viaf": "digits (97006051)",
    "geonames": "digits (524901)",
    "orcid": "0000-0002-1825-0097",
    "gnd": "digits and X with hyphens (118623761)",
    "isni": "16 digits (0000000121032683 without spaces)",
}


def _kind_fits(expected: str, actual: str, element: str) -> bool:
    if expected == actual:
        return True
    return element in ("author", "editor", "name", "rs") and actual in ("person", "org")


def _enclosing_div(el: etree._Element) -> etree._Element | None:
    return next((a for a in el.iterancestors() if local(a).startswith("div")), None)


def _passage(el: etree._Element | None) -> str | None:
    while el is not None:
        xml_id = el.get(XML_ID) if isinstance(el.tag, str) else None
        if xml_id:
            return xml_id
        el = el.getparent()
    return None


def _context(full: str, start: int, end: int, width: int = 40) -> str:
    """Up to `width` characters either side, in whole words, within the match's block."""
    window_before = full[max(0, start - width) : start]
    window_after = full[end : end + width]
    before = window_before.rsplit(_SEP, 1)[-1]
    after = window_after.split(_SEP, 1)[0]
    lead = trail = ""
    if len(before) == len(window_before) and start > width:
        before = before.split(" ", 1)[1] if " " in before else ""
        lead = "…"
    if len(after) == len(window_after) and end + width < len(full):
        after = after.rsplit(" ", 1)[0] if " " in after else ""
        trail = "…"
    return f'"{lead}' + normalise(f"{before}**{full[start:end]}**{after}") + f'{trail}"'


def _short(text: str, limit: int = 60) -> str:
    text = normalise(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _title_match(key: str, titles: dict[str, list[Entry]]) -> list[Entry] | None:
    """Titles compare loosely: case, punctuation and quotes vary between citations."""
    loose = re.sub(r"[\W_]+", " ", key).strip().lower()
    for other, entries in titles.items():
        if re.sub(r"[\W_]+", " ", other).strip().lower() == loose:
            return entries
    return None


def _host_people(work) -> list:
    return work.host.contributors if work.host else []


def _first_date(d, attrs: tuple[str, ...]) -> isodate.DateValue | None:
    """The first of `attrs` that `d` has, parsed; None when absent or not a date."""
    for attr in attrs:
        value = d.get(attr)
        if value:
            try:
                return isodate.parse(value, iso=attr.endswith("-iso"))
            except isodate.DateValueError:
                return None
    return None


def _earliest(d) -> isodate.DateValue | None:
    return _first_date(d, ("when", "from", "notBefore", "when-iso", "from-iso", "notBefore-iso"))


def _latest(d) -> isodate.DateValue | None:
    return _first_date(d, ("when", "to", "notAfter", "when-iso", "to-iso", "notAfter-iso"))


# -- reporting -------------------------------------------------------------------------------

_PLURAL = {
    "person": "persons", "place": "places", "org": "organisations", "event": "events",
    "object": "objects", "work": "works",
}  # fmt: skip


def render(reports: list[Report], unreadable: list[Finding], fmt: str) -> str:
    """The report as text (one finding a line, then counts) or JSON (the same data)."""
    findings = sorted([f for r in reports for f in r.findings] + unreadable, key=Finding.sort_key)
    totals = Counter(f.severity for f in findings)
    files = len(reports) + len(unreadable)
    if fmt == "json":
        return json.dumps(
            {
                "findings": [asdict(f) for f in findings],
                "files": [{"path": r.path, **r.stats} for r in reports],
                "summary": {
                    "files": files,
                    **{s: totals.get(s, 0) for s in ("fatal", "error", "warning", "info")},
                },
            },
            ensure_ascii=False,
            indent=2,
        )
    lines = [f.text() for f in findings]
    for report in reports:
        lines.extend(_summary_lines(report))
    lines.append(
        f"{files} file(s) checked: {totals.get('fatal', 0) + totals.get('error', 0)} error(s), "
        f"{totals.get('warning', 0)} warning(s), {totals.get('info', 0)} info"
    )
    return "\n".join(lines)


def _summary_lines(report: Report) -> list[str]:
    stats, path = report.stats, report.path
    registers = stats.get("registers", {})
    listed = ", ".join(f"{_PLURAL[k]} {n}" for k, n in registers.items() if n)
    mentions = stats.get("mentions", {})
    said = ", ".join(f"{_PLURAL[k]} {n}" for k, n in mentions.items() if n)
    cites, dates = stats.get("citations", {}), stats.get("dates", {})
    rules = ", ".join(f"{rule} {n}" for rule, n in stats.get("findings", {}).items())
    return [
        f"{path}: registers: {listed or 'none'}",
        f"{path}: resolved mentions in the text: {said or 'none'}; "
        f"citations: {cites.get('resolved', 0)} resolved, {cites.get('unresolved', 0)} "
        f"unresolved, {cites.get('untagged', 0)} untagged; dates: {dates.get('normalised', 0)} "
        f"of {dates.get('total', 0)} normalised; notes: {stats.get('notes', 0)}",
        f"{path}: findings by rule: {rules or 'none'}",
    ]
