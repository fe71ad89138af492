"""CSV tables for spreadsheets, OpenRefine, pandas and R: the registers and the mentions.

RFC 4180 CSV in UTF-8 (no byte-order mark), a header row, one row per entry or mention.
A cell holding several values separates them with " | ". Rows are sorted by id (mentions
by their place in the text), so the same edition gives the same bytes.

A text cell that a spreadsheet would take for a formula (it begins with =, +, -, @, a tab
or a carriage return) is written with an apostrophe before it, as OWASP advises against CSV
injection; numbers, ISO dates and intervals (a year BCE begins with "-") are left as they
are, having no letters or brackets with which to call anything.
"""

from __future__ import annotations

import csv
import io
import re

from toolkit.exports import Export, register
from toolkit.exports.data import (
    Edition,
    date_bounds,
    date_value,
    dates_of,
    entry_date,
    other_identifiers,
    uris,
)
from toolkit.registers import Entry

SEPARATOR = " | "


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# Numbers, ISO 8601 dates, times and intervals, including years BCE ("-0044-03-15").
_INERT = re.compile(r"[-+]?[0-9][0-9.:/TZ+\-]*")


def cell(value: object) -> object:
    """A value as written to CSV: None empty, a would-be formula made inert."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_START) and not _INERT.fullmatch(value):
        return "'" + value
    return value


def csv_bytes(header: list[str], rows: list[list[object]]) -> bytes:
    buf = io.StringIO(newline="")
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow([cell(v) for v in row])
    return buf.getvalue().encode("utf-8")


def joined(values: list[str]) -> str:
    return SEPARATOR.join(dict.fromkeys(v for v in values if v))


def other_names(entry: Entry) -> str:
    """Every written name but the main one (variants, abbreviations, historical names)."""
    main = entry.label
    return joined([n.text for n in entry.names if not n.derived and n.text != main])


def _common_start(entry: Entry) -> list[object]:
    return [entry.id, entry.label, other_names(entry)]


def _common_end(edition: Edition, entry: Entry) -> list[object]:
    return [
        entry.description,
        joined(uris(entry)),
        joined(other_identifiers(entry)),
        edition.mention_counts.get(entry.id, 0),
    ]


_START = [
    ("id", "the entry's xml:id in the TEI source (the same id in every export)"),
    ("name", "the main name"),
    ("other_names", "variant, abbreviated and historical names, ' | ' between them"),
]
_END = [
    ("description", "the register's note or description"),
    ("uris", "authority identifiers as full URIs (e.g. https://www.wikidata.org/wiki/Q33391)"),
    ("other_identifiers", "identifiers with no URI form, as type:value"),
    ("mentions", "how many times the text (notes included) names the entry; see mentions.csv"),
]
PERSON_FIELDS = (
    *_START,
    ("birth", "date of birth, ISO 8601 (an interval as start/end)"),
    ("death", "date of death, ISO 8601"),
    *_END,
)
#: How the text names an entry: as a subject, or in the imprint of a citation.
ROLE_FIELDS = (
    ("subject_mentions", "mentions of the place as a subject of the text (not in an imprint)"),
    ("imprint_mentions", "mentions as a place of publication (inside pubPlace or publisher)"),
    (
        "role",
        "subject, imprint (named only as a place of publication) or both; empty when the "
        "text does not name it: filter on it to map what the text is about",
    ),  # fmt: skip
)
PLACE_FIELDS = (
    *_START,
    ("type", "the kind of place as the register gives it (city, country ...)"),
    ("part_of", "id of the place this one lies in, when the register nests them"),
    ("latitude", "WGS 84 decimal degrees (empty when the register gives no coordinates)"),
    ("longitude", "WGS 84 decimal degrees"),
    *_END,
    *ROLE_FIELDS,
)
ORG_FIELDS = (
    *_START,
    ("type", "the kind of organisation as the register gives it"),
    ("dates", "dates of the organisation (floruit, existence), ISO 8601"),
    *_END,
)
EVENT_FIELDS = (
    *_START,
    ("type", "the kind of event as the register gives it"),
    ("part_of", "id of the event this one is part of, when the register nests them"),
    ("date", "the event's date, ISO 8601 (an interval as start/end, '..' for an open side)"),
    ("start", "the earliest the event began, ISO 8601 (@when, @from or @notBefore)"),
    ("end", "the latest it ended, ISO 8601 (@when, @to or @notAfter): sorts for a timeline"),
    ("places", "ids of the places where it took place (@where), ' | ' between them"),
    *_END,
)


def persons(edition: Edition) -> bytes:
    rows = [
        [*_common_start(e), dates_of(e, "birth"), dates_of(e, "death"), *_common_end(edition, e)]
        for e in edition.entries("person")
    ]
    return csv_bytes([f for f, _ in PERSON_FIELDS], rows)


def places(edition: Edition) -> bytes:
    rows = []
    for e in edition.entries("place"):
        lat, lon = e.coordinates if e.coordinates else (None, None)
        rows.append([*_common_start(e), e.type, e.parent, lat, lon, *_common_end(edition, e),
                     *edition.roles(e)])  # fmt: skip
    return csv_bytes([f for f, _ in PLACE_FIELDS], rows)


def orgs(edition: Edition) -> bytes:
    rows = [
        [
            *_common_start(e),
            e.type,
            joined([date_value(d) for d in e.dates]),
            *_common_end(edition, e),
        ]
        for e in edition.entries("org")
    ]
    return csv_bytes([f for f, _ in ORG_FIELDS], rows)


def events(edition: Edition) -> bytes:
    rows = []
    for e in edition.entries("event"):
        date = entry_date(e)
        start, end = date_bounds(date) if date else (None, None)
        rows.append([
            *_common_start(e), e.type, e.parent, date_value(date) if date else None, start, end,
            joined(list(e.where)), *_common_end(edition, e),
        ])  # fmt: skip
    return csv_bytes([f for f, _ in EVENT_FIELDS], rows)


MENTION_FIELDS = (
    ("id", "mention-N, numbered in document order (the id of its annotation)"),
    (
        "entity",
        "id of the register entry named (a row of persons, places, orgs or events.csv; "
        "objects are in registers.json)",
    ),  # fmt: skip
    ("type", "person, place, org, event or object"),
    ("element", "the TEI element (persName, placeName, orgName, rs ...)"),
    ("passage", "xml:id of the nearest enclosing element that has one (paragraph, note)"),
    ("where", "body, note, front or back: the part of the text the mention is in"),
    ("text", "the name as the text writes it"),
    (
        "start",
        "offset of its first character in clean.txt; empty when the mention is not in "
        "the clean text (notes, headings, front and back matter)",
    ),  # fmt: skip
    ("end", "offset just after its last character: clean[start:end] is the name"),
    ("line", "line of the element in the TEI source"),
    (
        "role",
        "imprint when the name is inside the imprint of a citation (pubPlace, publisher: "
        "a city named as the place a cited book was published), else subject",
    ),  # fmt: skip
)


def mentions(edition: Edition) -> bytes:
    rows = [
        [
            m.id,
            m.placed.target,
            m.placed.entry.kind,
            m.placed.mention.element,
            m.placed.mention.passage,
            m.where,
            edition.clean_text[m.start : m.end] if m.start is not None else m.placed.mention.text,
            m.start,
            m.end,
            m.placed.mention.line,
            "imprint" if m.placed.mention.imprint else "subject",
        ]
        for m in edition.mentions
    ]
    return csv_bytes([f for f, _ in MENTION_FIELDS], rows)


def _rows(kind: str):
    return lambda edition: f"{len(edition.entries(kind))} rows"


def _mention_rows(edition: Edition) -> str:
    return f"{len(edition.mentions)} rows, {len(edition.clean_mentions)} of them in clean.txt"


_OPENS = "spreadsheets, OpenRefine, pandas, R"
register(
    Export("persons.csv", "the persons register", _OPENS, persons, PERSON_FIELDS, _rows("person"))
)
register(Export("places.csv", "the places register", _OPENS, places, PLACE_FIELDS, _rows("place")))
register(Export("orgs.csv", "the organisations register", _OPENS, orgs, ORG_FIELDS, _rows("org")))
register(Export("events.csv", "the events register", _OPENS, events, EVENT_FIELDS, _rows("event")))
register(
    Export(
        "mentions.csv",
        "every mention of a register entry in the text, with its offsets in clean.txt",
        _OPENS,
        mentions,
        MENTION_FIELDS,
        _mention_rows,
    )
)
