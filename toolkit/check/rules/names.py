"""Names: register names and titles in the text are tagged, and tagged names point at their
entry."""

from __future__ import annotations

import re

from toolkit.check.document import Document
from toolkit.check.fix import set_attribute, wrap_text
from toolkit.check.registry import rule
from toolkit.check.text import KIND_WORD, context, form_key, passage, short
from toolkit.registers import MENTION_ELEMENTS, Entry, local, reading

_TAGS = {"person": "persName", "place": "placeName", "org": "orgName"}


def _untagged(doc: Document, titles: bool):
    for found in doc.name_matches:
        if found.is_title != titles:
            continue
        match, stream, entries = found.match, found.stream, found.entries
        el, slot, _ = stream.locate(match.start())
        where = passage(el if slot in ("text", "start") else el.getparent())
        which = ", ".join(f"#{e.id}" if e.id else f"<{e.element}> line {e.line}" for e in entries)
        hit = doc.at_text(
            stream,
            match.start(),
            match.end(),
            f'untagged {KIND_WORD[entries[0].kind]} "{match.group()}" ({which})'
            + (f" in {where}" if where else "")
            + f": {context(stream.text, match.start(), match.end())}",
        )
        if not titles and len(entries) == 1 and entries[0].id:
            kind = entries[0].kind
            tag, attributes = _TAGS.get(kind, "rs"), {"ref": f"#{entries[0].id}"}
            if tag == "rs":
                attributes = {"type": kind, **attributes}
            hit.fix = wrap_text(doc, stream, match.start(), match.end(), tag, attributes)
        yield hit


_TAG = (
    "tags the name (persName, placeName, orgName, or rs with @type) with @ref to its entry, "
    "when exactly one entry has that name"
)


@rule("untagged-name", "warning", fix=_TAG)
def untagged_name(doc: Document):
    """A register name or variant in the text, not tagged.

    A name of a register entry (its main name, a variant, or the surname alone) in the
    text, front, body, back or notes, not tagged. The search is case-sensitive, on word
    boundaries, longest name first; whitespace and straight or curly apostrophes match
    either way. Not searched: text inside any naming element, titles of works, dates and
    times, words cited as words (mentioned), code and identifiers, publishers, deletions,
    forme work, and the source's side of a choice (sic, orig). Inside a citation that points
    at a bibliography entry, the names of that entry's authors and editors are linked
    through the bibliography. To mark a phrase that is not a mention, tag it for what it is
    (rs or name with a @type, term, date)."""
    yield from _untagged(doc, titles=False)


@rule("untagged-title", "warning")
def untagged_title(doc: Document):
    """A bibliography title in the text, not tagged.

    A bibliography entry's own title (analytic, else monographic) or one of its short,
    alternative or uniform titles in the text, not tagged. Searched as untagged-name is; a
    title that is also a person's name ("Stalin") is taken for the person."""
    yield from _untagged(doc, titles=True)


def _unpointed(doc: Document, titles: bool):
    names, title_forms = doc.forms
    for el in doc.unpointed_mentions:
        name = local(el)
        if name in ("bibl", "biblStruct") or (name == "title") != titles:
            continue
        key = form_key(reading(el))
        if titles:
            found = title_forms.get(key) or _title_match(key, title_forms)
        else:
            found = names.get(key)
            if name in ("author", "editor") and any(local(c) in MENTION_ELEMENTS for c in el):
                continue
        if not found:
            continue
        which = " or ".join(f'ref="#{e.id}"' for e in found if e.id)
        hit = doc.at(
            el,
            f'<{name}> "{short(reading(el))}" names a register entry but has no pointer '
            f"(add {which})",
        )
        if len(found) == 1 and found[0].id:
            hit.fix = set_attribute(doc, el, "ref", f"#{found[0].id}")
        yield hit


def _title_match(key: str, titles: dict[str, list[Entry]]) -> list[Entry] | None:
    """Titles compare loosely: case, punctuation and quotes vary between citations."""
    loose = re.sub(r"[\W_]+", " ", key).strip().lower()
    for other, entries in titles.items():
        if re.sub(r"[\W_]+", " ", other).strip().lower() == loose:
            return entries
    return None


_ADD_REF = "adds @ref to the entry, when exactly one entry matches"


@rule("name-without-pointer", "warning", fix=_ADD_REF)
def name_without_pointer(doc: Document):
    """A tagged name matching a register entry, no @ref.

    A tagged name (persName, placeName, orgName, name, rs, author ...) in the text whose
    words are a register entry's name, with no @ref, @corresp, @key or @sameAs: the tag is
    there, the link is not."""
    yield from _unpointed(doc, titles=False)


@rule("title-without-pointer", "warning", fix=_ADD_REF)
def title_without_pointer(doc: Document):
    """A title matching a bibliography entry, no @ref.

    A title in the text that is a bibliography entry's title (compared without regard to
    case, punctuation or quotation marks), with no @ref: the work is cited but not linked.
    A title inside a citation that points at its work is linked through the citation."""
    yield from _unpointed(doc, titles=True)
