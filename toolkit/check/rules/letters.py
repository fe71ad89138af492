"""Letters: a correspondence description has what the Correspondence Metadata Interchange
Format (CMIF, the format correspSearch reads) requires."""

from __future__ import annotations

from toolkit.check.document import Document
from toolkit.check.registry import rule
from toolkit.registers import local

DATE_ATTRIBUTES = ("when", "from", "to", "notBefore", "notAfter")


@rule("corresp-incomplete", "warning")
def corresp_incomplete(doc: Document):
    """A correspondence description lacks what CMIF requires.

    `teikit export --format cmif.xml` writes each correspDesc in the Correspondence Metadata
    Interchange Format, which requires a correspAction of type "sent" and one of type
    "received", a sender (persName or orgName) in the first, and a date with a dating
    attribute (@when, @from, @to, @notBefore or @notAfter) wherever a date is given. Each
    missing part is named; give what is known (an unknown addressee can be a persName with
    the words "unknown"), as correspSearch finds letters by these. (The export also needs
    the edition's licence, and says so when it is missing.)"""
    descs = doc.by_name["correspDesc"]
    for desc in descs:
        actions = [c for c in desc if isinstance(c.tag, str) and local(c) == "correspAction"]
        types = [a.get("type") for a in actions]
        for wanted in ("sent", "received"):
            if wanted not in types:
                yield doc.at(desc, f'<correspDesc> has no <correspAction type="{wanted}">')
        for action in actions:
            names = [
                c
                for c in action
                if isinstance(c.tag, str) and local(c) in ("persName", "orgName", "name")
            ]
            if action.get("type") == "sent" and not names:
                yield doc.at(
                    action, "the sending <correspAction> names no sender (persName or orgName)"
                )
            for date in action:
                if (
                    isinstance(date.tag, str)
                    and local(date) == "date"
                    and not any(date.get(a) for a in DATE_ATTRIBUTES)
                ):
                    yield doc.at(
                        date,
                        "<date> in a <correspAction> has no @when, @from, @to, @notBefore "
                        "or @notAfter",
                    )
