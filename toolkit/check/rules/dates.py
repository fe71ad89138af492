"""Dates: dating attributes in ISO 8601, spans and lives that run forwards, parts of events
within them, dates of the text with a normalised value."""

from __future__ import annotations

from toolkit import isodate
from toolkit.check.document import ALL_DATE_ATTRIBUTES, Document
from toolkit.check.registry import Hit, rule
from toolkit.check.text import entry_label, short
from toolkit.registers import EntryDate, local, reading

_SPANS = [(a, b, suffix) for a, b in (("from", "to"), ("notBefore", "notAfter"))
          for suffix in ("", "-iso")]  # fmt: skip


@rule("date-not-iso", "error")
def date_not_iso(doc: Document):
    """A date attribute that is not ISO 8601.

    @when, @from, @to, @notBefore and @notAfter take W3C dates (1843, 1843-07,
    1843-07-10), and their -iso forms ISO 8601 more broadly. A value in another form, or
    one that names a day that does not exist (1843-02-30), cannot be sorted, compared or
    exported. @from and @to of citedRange, biblScope, locus and span are pages, not dates."""
    for dated in doc.dated:
        for attr, err in dated.errors:
            yield doc.at(dated.el, f"<{dated.name}> @{attr}: {err}")


@rule("date-backwards", "error")
def date_backwards(doc: Document):
    """A span or a life that ends before it starts.

    A span whose start must fall after its end (@from after @to, @notBefore after
    @notAfter), or a person born after dying. Dates compare as ranges: from 1925 to 1925-06
    is fine; it runs backwards only if the start must come after the end."""
    for dated in doc.dated:
        for start, end, suffix in _SPANS:
            a, b = dated.values.get(start + suffix), dated.values.get(end + suffix)
            if a and b and isodate.after(a, b):
                yield doc.at(
                    dated.el,
                    f"<{dated.name}> runs backwards: @{start}{suffix}={a.text} is after "
                    f"@{end}{suffix}={b.text}",
                )
    for entry in doc.registers.entries:
        births = [d for d in entry.dates if d.kind == "birth"]
        deaths = [d for d in entry.dates if d.kind == "death"]
        if not births or not deaths:
            continue
        born = _first(births[0], ("when", "from", "notBefore"))
        died = _first(deaths[0], ("when", "to", "notAfter"))
        if born and died and isodate.after(born, died):
            entry_el = doc.element_of(entry)
            death = next(
                (c for c in entry_el if local(c) == "death" and c.sourceline == deaths[0].line),
                entry_el,
            )
            yield Hit(
                f"{entry_label(entry)}: born {born.text} after dying {died.text}",
                death,
                deaths[0].line,
                None,
            )


@rule("event-outside-parent", "warning")
def event_outside_parent(doc: Document):
    """An event of the register dated outside the event it is part of.

    An event nested in another (a session in a congress, a trial in a series of trials) is
    a part of it, so it cannot begin before the larger event must have begun, nor end after
    it must have ended. Dates compare as ranges (a session on 1927-12-02 lies within a
    congress of 1927); one of the two dates is wrong, or the event is nested in the wrong
    place."""
    for entry in doc.registers.events:
        outer = doc.registers.by_id.get(entry.parent or "")
        if outer is None or outer.kind != "event":
            continue
        start, end = _span(entry)
        outer_start, outer_end = _span(outer)
        if start and outer_start and isodate.after(outer_start, start):
            what = f"begins {start.text}, before #{outer.id} begins ({outer_start.text})"
        elif end and outer_end and isodate.after(end, outer_end):
            what = f"ends {end.text}, after #{outer.id} ends ({outer_end.text})"
        else:
            continue
        yield doc.at(
            doc.element_of(entry),
            f'{entry_label(entry)} ("{short(entry.label)}") {what}, the event it is part of',
        )


def _span(entry) -> tuple[isodate.DateValue | None, isodate.DateValue | None]:
    """An event's own start and end (its @when, @from/@notBefore, @to/@notAfter)."""
    own = next((d for d in entry.dates if d.kind == "event"), None)
    if own is None:
        return None, None
    return _first(own, ("when", "from", "notBefore")), _first(own, ("when", "to", "notAfter"))


def _first(d: EntryDate, attrs: tuple[str, ...]) -> isodate.DateValue | None:
    """The first of `attrs` (then their -iso forms) that `d` has, parsed; None when absent
    or not a date."""
    for attr in (*attrs, *(f"{a}-iso" for a in attrs)):
        value = d.get(attr)
        if value:
            try:
                return isodate.parse(value, iso=attr.endswith("-iso"))
            except isodate.DateValueError:
                return None
    return None


@rule("date-without-value", "warning")
def date_without_value(doc: Document):
    """A date in the text without a normalised value.

    A date in the text or in a register with no @when, @from/@to, @notBefore/@notAfter
    (or their -iso and -custom forms, or @dur) cannot be sorted, put on a timeline or
    exported. Read the value from the context; an uncertain date takes a range."""
    for dated in doc.dated:
        if (
            dated.name == "date"
            and dated.section in ("text", "register")
            and not any(a in dated.el.attrib for a in ALL_DATE_ATTRIBUTES)
        ):
            yield doc.at(
                dated.el,
                f'<date> "{short(reading(dated.el))}" has no @when, @from/@to or '
                "@notBefore/@notAfter",
            )
