"""Citations: every citation in the notes is a bibl that points at its bibliography entry."""

from __future__ import annotations

from toolkit.check.document import Document, is_text_cite
from toolkit.check.registry import rule
from toolkit.check.text import context, short
from toolkit.registers import local, reading


@rule("cite-without-entry", "error")
def cite_without_entry(doc: Document):
    """A citation (bibl) pointing at no bibliography entry.

    A citation (bibl with @corresp or @ref, in the text or a note) whose pointer reaches
    nothing, or reaches something that is not a bibliography entry (a person, a paragraph).
    A close id is suggested."""
    for mention, el, pointer in doc.local_pointers():
        if not is_text_cite(mention):
            continue
        target = pointer.id
        entry = doc.registers.by_id.get(target)
        if entry is not None and entry.kind == "work":
            continue
        if target in doc.elements_by_id:
            where = f"which is a <{local(doc.elements_by_id[target])}>, not a bibliography entry"
        else:
            where = "which is not in the document" + doc.suggest(target)
        yield doc.at(el, f'citation "{short(mention.text)}" points at #{target}, {where}')


@rule("cite-without-pointer", "warning")
def cite_without_pointer(doc: Document):
    """A citation (bibl) in a note without a pointer.

    A bibl in a note with no @corresp or @ref, in a document that has a bibliography: the
    citation cannot be linked to the work it cites, counted or exported. A bibl inside a
    larger citation is part of it and is not reported."""
    if not doc.registers.works:
        return
    for el in doc.unpointed_mentions:
        name = local(el)
        if name not in ("bibl", "biblStruct"):
            continue
        ancestors = [local(a) for a in el.iterancestors()]
        if "note" not in ancestors or "bibl" in ancestors or "biblStruct" in ancestors:
            continue
        yield doc.at(
            el,
            f'citation <{name}> "{short(reading(el))}" in a note has no @corresp or @ref '
            "to its bibliography entry",
        )


@rule("short-cite-untagged", "warning")
def short_cite_untagged(doc: Document):
    """Short-cite-like text (Name 1999, 12; Ibid.) not in bibl.

    Text like "Deutscher 2003b, 50" (a name, a year, pages; "Name and Name", "et al.")
    or "Ibid." / "Op. cit." outside any bibl, title or ref: a citation not yet tagged.
    Capitalised words that open a sentence ("In 1927, 4,000 members ...") and place names
    are not taken for authors. When the bibliography has exactly one work by that author
    in that year, the message names it."""
    for found in doc.short_cites:
        match, full = found.match, found.stream.text
        if "year" in match.re.groupindex:
            hint = _hint(doc, match.group("name"), match.group("year"))
        else:
            hint = "wrap it in <bibl> pointing at the work it repeats"
        yield doc.at_text(
            found.stream,
            match.start(),
            match.end(),
            f'short citation "{" ".join(match.group().split())}" is not in a <bibl>; {hint}: '
            f"{context(full, match.start(), match.end())}",
        )


def _hint(doc: Document, name: str, year: str) -> str:
    surname = name.split()[0]
    works = doc.registers.works
    matches = [
        w
        for w in works
        if w.work
        and (w.work.year or "") == year[:4]
        and any(
            surname in c.name.split()
            for c in w.work.contributors + (w.work.host.contributors if w.work.host else [])
        )
    ]
    if len(matches) == 1 and matches[0].id:
        return f'wrap it in <bibl corresp="#{matches[0].id}">'
    if matches:
        return "wrap it in <bibl> pointing at one of " + ", ".join(
            f"#{m.id}" for m in matches if m.id
        )
    if works:
        return f"the bibliography has no work by {surname} from {year[:4]} either"
    return "wrap it in <bibl> pointing at a bibliography entry"
