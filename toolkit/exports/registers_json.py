"""The registers as one JSON document, for scripts and web applications.

The same entries, ids and mention counts as the CSV tables, with what a table flattens kept
apart: each name with its type, language and period, each date with its attributes, each
identifier as written and as a URI.
"""

from __future__ import annotations

import json

from toolkit.exports import Export, register
from toolkit.exports.data import ENTITY_KINDS, Edition, date_value, uri
from toolkit.registers import Entry

#: JSON keys of the kinds, in the order they appear in the file.
KEYS = {"person": "persons", "place": "places", "org": "orgs", "event": "events",
        "object": "objects"}  # fmt: skip


def dumps(data: object) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def entry_json(edition: Edition, entry: Entry) -> dict:
    data: dict = {"id": entry.id, "kind": entry.kind, "type": entry.type, "label": entry.label}
    data["names"] = [
        {
            "text": n.text,
            "type": n.type,
            "lang": n.lang,
            **{attr: value for attr, value in n.dates},
            "main": n.main,
        }
        for n in entry.names
        if not n.derived
    ]
    data["dates"] = [
        {"kind": d.kind, "value": date_value(d), **dict(d.attributes), "text": d.text or None}
        for d in entry.dates
    ]
    if entry.kind == "place":
        lat, lon = entry.coordinates if entry.coordinates else (None, None)
        data["coordinates"] = (
            {"latitude": lat, "longitude": lon} if entry.coordinates is not None else None
        )
        data["part_of"] = entry.parent
        data["subject_mentions"], data["imprint_mentions"], data["role"] = edition.roles(entry)
    if entry.kind == "event":
        data["part_of"] = entry.parent
        data["places"] = list(entry.where)
    data["description"] = entry.description
    data["identifiers"] = [
        {"type": i.type, "value": i.value, "uri": uri(i)} for i in entry.identifiers
    ]
    data["details"] = {k: v for k, v in sorted(entry.details.items())}
    data["mentions"] = edition.mention_counts.get(entry.id, 0)
    return data


def registers_json(edition: Edition) -> bytes:
    data: dict = {"source": edition.name}
    for kind in ENTITY_KINDS:
        data[KEYS[kind]] = [entry_json(edition, e) for e in edition.entries(kind)]
    return dumps(data)


FIELDS = (
    ("source", "the TEI file the registers come from"),
    ("persons, places, orgs, events, objects", "one list per register, entries sorted by id"),
    ("id, kind, type, label", "the entry's xml:id, its kind, its @type and its main name"),
    ("names", "every name: text, type (variant, historical ...), lang, from/to, main"),
    ("dates", "birth, death and other dates: value (ISO 8601) and the TEI attributes"),
    ("coordinates, part_of", "places: latitude/longitude (WGS 84) and the enclosing place"),
    (
        "subject_mentions, imprint_mentions, role",
        "places: mentions as a subject and as a place of publication (inside pubPlace); role "
        "subject, imprint, both, or empty when not named",
    ),  # fmt: skip
    ("part_of, places", "events: the event it is part of, and the places of its @where"),
    ("identifiers", "type and value as written, and the full URI when there is one"),
    ("details", "occupation, affiliation, sex ... as the register gives them"),
    ("mentions", "how many times the text (notes included) names the entry"),
)

register(
    Export(
        "registers.json",
        "the registers (persons, places, organisations, events, objects) as JSON, with the "
        "same ids",
        "Python, JavaScript, jq",
        registers_json,
        FIELDS,
        lambda edition: ", ".join(
            f"{len(edition.entries(kind))} {KEYS[kind]}" for kind in ENTITY_KINDS
        ),
    )
)
