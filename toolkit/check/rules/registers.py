"""Registers: entries (persons, places, organisations, events, objects, works) that can be
pointed at, are named, and are pointed at."""

from __future__ import annotations

from toolkit.check.document import Document
from toolkit.check.registry import Hit, rule
from toolkit.check.text import KIND_WORD, entry_label, short


@rule("no-registers", "info")
def no_registers(doc: Document):
    """The document has no registers: register checks skipped.

    The document has no listPerson, listPlace, listOrg, listEvent or listBibl, so untagged
    names, unreferenced entries and identifiers cannot be checked. Information only: many
    TEI documents (a novel of a corpus) legitimately have none."""
    if not doc.registers.entries:
        yield Hit(
            "no registers (listPerson, listPlace, listOrg, listEvent, listBibl): untagged "
            "names, unreferenced entries and identifiers are not checked",
            doc.root,
            None,
            None,
        )


@rule("entry-without-id", "warning")
def entry_without_id(doc: Document):
    """A register entry without xml:id (cannot be pointed at).

    Nothing can point at an entry without an xml:id, so no mention of it can be linked
    and no export can count it."""
    return doc.at_entries(
        lambda e: e.id is None,
        lambda e: (
            f'{KIND_WORD[e.kind]} "{short(e.label)}" has no xml:id, so nothing can point at it'
        ),
    )


@rule("unreferenced-entry", "warning")
def unreferenced_entry(doc: Document):
    """A register entry nothing points at.

    An entry that no pointer reaches from outside itself: not the text, not the header,
    not another entry (a bibliography entry's author pointing at a person counts). Either
    its mentions are not linked yet, or the entry is no longer needed."""
    referenced = doc.pointer_scan[0]
    return doc.at_entries(
        lambda e: e.id is not None and referenced.get(e.id, 0) == 0,
        lambda e: f'{KIND_WORD[e.kind]} #{e.id} ("{short(e.label)}") is never referred to',
    )


@rule("entry-without-name", "warning")
def entry_without_name(doc: Document):
    """A register entry without a name or title.

    An entry with no persName (placeName, orgName, title ...) cannot be found in the text
    or shown to a reader."""
    return doc.at_entries(lambda e: not e.names, lambda e: f"{entry_label(e)} has no name")
