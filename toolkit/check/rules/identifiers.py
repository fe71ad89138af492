"""Identifiers: authority identifiers (Wikidata, VIAF, GeoNames ...) and coordinates of
register entries, in their scheme's form and not shared by two entries."""

from __future__ import annotations

import re

from toolkit.check.document import Document
from toolkit.check.registry import Hit, rule
from toolkit.check.text import entry_label, short
from toolkit.registers import Entry, Identifier, local, normalise

_FORMS = {
    "wikidata": (re.compile(r"Q[1-9]\d*"), "Q followed by digits (Q33391)"),
    "viaf": (re.compile(r"[1-9]\d*"), "digits (97006051)"),
    "geonames": (re.compile(r"[1-9]\d*"), "digits (524901)"),
    "orcid": (re.compile(r"\d{4}-\d{4}-\d{4}-\d{3}[\dX]"), "0000-0002-1825-0097"),
    "gnd": (re.compile(r"[0-9X-]+"), "digits and X with hyphens (118623761)"),
    "isni": (re.compile(r"\d{15}[\dX]"), "16 digits (0000000121032683 without spaces)"),
}


def _malformed(ident: Identifier) -> str | None:
    """What form the identifier should have, if it does not."""
    scheme, value = ident.key
    form = _FORMS.get(scheme)
    if form and "://" not in ident.value and not form[0].fullmatch(value):
        return form[1]
    return None


def _at(doc: Document, entry: Entry, ident: Identifier, message: str) -> Hit:
    """A finding at the line of an identifier, about the idno (or the name whose URI it is)
    that holds it."""
    holder = entry_el = doc.element_of(entry)
    for el in entry_el.iter():
        if not isinstance(el.tag, str) or el.sourceline != ident.line:
            continue
        if (local(el) == "idno" and normalise("".join(el.itertext())) == ident.value) or any(
            ident.value in (el.get(a) or "").split() for a in ("ref", "sameAs", "corresp")
        ):
            holder = el
            break
    return Hit(message, holder, ident.line, None)


@rule("entry-without-identifier", "info")
def entry_without_identifier(doc: Document):
    """A person, place, org or event without an identifier.

    A person, place, organisation or event with no authority identifier (idno, or a
    Wikidata, VIAF, GeoNames ... URI on the entry or its name). Information, not a warning:
    a wrong identifier is worse than none, and private or obscure people legitimately have
    none. Works are not asked for identifiers."""
    return doc.at_entries(
        lambda e: e.kind in ("person", "place", "org", "event") and not e.identifiers,
        lambda e: (
            f'{entry_label(e)} ("{short(e.label)}") has no authority identifier '
            "(idno: wikidata, viaf, geonames ...)"
        ),
    )


@rule("identifier-malformed", "error")
def identifier_malformed(doc: Document):
    """An identifier not in its scheme's form (Q123 ...).

    A Wikidata, VIAF, GeoNames, ORCID, GND or ISNI identifier that is not in its scheme's
    form (a Wikidata id is Q and digits). Identifiers written as URIs are read as URIs."""
    for entry in doc.registers.entries:
        for ident in entry.identifiers:
            form = _malformed(ident)
            if form:
                message = f'{ident.scheme} identifier "{ident.value}" is not in the form {form}'
                yield _at(doc, entry, ident, f"{entry_label(entry)}: {message}")


@rule("duplicate-identifier", "error")
def duplicate_identifier(doc: Document):
    """One authority identifier on two register entries.

    Two entries with the same authority identifier are one person (place ...) entered
    twice: merge them, or correct the identifier. Identifiers compare equal whether written
    as an id or as a URI (Q7259 and https://www.wikidata.org/wiki/Q7259)."""
    seen: dict[tuple[str, str], Entry] = {}
    for entry in doc.registers.entries:
        here = set()
        for ident in entry.identifiers:
            if _malformed(ident) or ident.key in here:
                continue
            here.add(ident.key)
            other = seen.setdefault(ident.key, entry)
            if other is not entry:
                scheme, value = ident.key
                on = f"{other.element} {other.id or '(no id)'} (line {other.line})"
                yield _at(
                    doc, entry, ident, f"{entry_label(entry)} has {scheme} {value}, already on {on}"
                )


@rule("coordinates-malformed", "error")
def coordinates_malformed(doc: Document):
    """A geo that is not 'latitude longitude' in range.

    A place's geo must be "latitude longitude" in decimal degrees (TEI's default), the
    latitude from -90 to 90 and the longitude from -180 to 180, or maps and exports cannot
    use it."""
    return doc.at_entries(
        lambda e: e.geo is not None and e.coordinates is None,
        lambda e: (
            f'{entry_label(e)}: geo "{e.geo}" is not "latitude longitude" in decimal '
            "degrees (latitude -90..90, longitude -180..180)"
        ),
    )
