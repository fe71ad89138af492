"""Notes: numbered 1..N in document order."""

from __future__ import annotations

from collections import defaultdict

from lxml import etree

from toolkit.check.document import Document
from toolkit.check.fix import set_attribute
from toolkit.check.registry import Edit, rule
from toolkit.registers import local


def _number(n: str | None) -> int | None:
    """The number an @n gives, if it is one: decimal digits of any script (not superscript
    or circled digits, which are symbols), of a sensible length."""
    n = (n or "").strip()
    return int(n) if n.isdecimal() and len(n) <= 9 else None


def _div(el: etree._Element) -> etree._Element | None:
    return next((a for a in el.iterancestors() if local(a).startswith("div")), None)


@rule("note-sequence", "error", fix="renumbers the series 1..N in document order, restarts kept")
def note_sequence(doc: Document):
    """Numbered notes not 1..N in document order.

    Notes whose @n is a number are numbered 1..N in document order, counting notes of the
    same @type (footnotes and endnotes apart); numbering may restart at 1 in a new div
    (notes per chapter). Notes without @n, or with letters or symbols (a, *, ²), are left
    alone, and so are the editors' notes (@type "editorial", or a @resp), which are not in
    the author's series. A gap or a repeat usually means a note was lost, added or moved."""
    series: dict[str | None, list[tuple[etree._Element, int]]] = defaultdict(list)
    for note in doc.notes:
        n = _number(note.get("n"))
        if n is not None:
            series[note.get("type")].append((note, n))
    for notes in series.values():
        fix = _renumbering(doc, notes)
        expected, previous = 1, None
        for note, n in notes:
            restart = n == 1 and previous is not None and _div(note) is not _div(previous)
            if n != expected and not restart:
                after = (
                    f" (the note before is n={previous.get('n')} at line {previous.sourceline})"
                    if previous is not None
                    else ""
                )
                hit = doc.at(note, f"note n={n} is out of sequence: expected n={expected}{after}")
                hit.fix, fix = fix, []  # the whole renumbering, with the first finding
                yield hit
            expected, previous = n + 1, note


def _renumbering(doc: Document, notes: list[tuple[etree._Element, int]]) -> list[Edit]:
    """The edits that number a series 1..N, keeping its restarts at new divs. None when a
    note's @n is not in ASCII digits (its script would change)."""
    edits: list[Edit] = []
    number, previous = 0, None
    for note, n in notes:
        restart = n == 1 and previous is not None and _div(note) is not _div(previous)
        number = 1 if restart else number + 1
        if n != number:
            if not note.get("n", "").strip().isascii():
                return []
            found = set_attribute(doc, note, "n", str(number))
            if not found:
                return []
            edits.extend(found)
        previous = note
    return edits
