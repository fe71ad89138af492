"""Pointers: ids that are unique, and pointers (@ref, @target, @key ...) that reach something
of the right kind."""

from __future__ import annotations

from lxml import etree

from toolkit.check.document import URI_SIGNS, Document, is_text_cite
from toolkit.check.fix import set_attribute
from toolkit.check.registry import Hit, rule
from toolkit.check.text import KIND_WORD, article, short
from toolkit.registers import expected_kind, kind_fits, local


@rule("duplicate-xml-id", "error")
def duplicate_xml_id(doc: Document):
    """The same xml:id on two elements.

    An xml:id must be unique in the document: a pointer to a repeated id reaches the first
    element only, and the document is not valid TEI. Each later use is reported, with the
    place of the first."""
    for xml_id, places in doc.registers.ids.items():
        if len(places) < 2:
            continue
        first = ":".join(str(p) for p in places[0][:2] if p is not None)
        elements = doc.id_elements.get(xml_id, [])
        for index, (line, col, element) in enumerate(places[1:], start=1):
            node = elements[index] if index < len(elements) else doc.root
            yield Hit(
                f'xml:id "{xml_id}" on <{element}> is already used at {first} '
                f"(on <{places[0][2]}>)",
                node,
                line,
                col,
            )


@rule("unresolved-pointer", "error")
def unresolved_pointer(doc: Document):
    """A pointer (#id) that names no element.

    A local pointer in any TEI pointer attribute (@ref, @target, @corresp, @who, @resp,
    @facs, @wit ... written `#id`, `this-file.xml#id` or with a prefix declared by
    prefixDef) that names no element of the document. A close id is suggested. Pointers
    of citations (bibl) to their bibliography entry are reported by cite-without-entry."""
    for el, attr, token, target in doc.pointer_scan[1]:
        what = f'<{local(el) or etree.QName(el).localname}> @{attr}="{token}"'
        yield doc.at(
            el,
            f"{what} points at #{target}, which is not in the document" + doc.suggest(target),
        )


@rule("pointer-without-hash", "warning", fix="puts the '#' before an id that is in the document")
def pointer_without_hash(doc: Document):
    """A pointer written as a bare name: an id without its '#'.

    A pointer attribute holds URIs: `#id` names an element of the document, and a bare
    `trotsky` is a relative URI, a file of that name beside the document, which no tool
    follows to the register. Reported where the name is the id of an element of the
    document (the fix puts the '#' before it), and where the @ref or @corresp of a naming
    element (persName, rs ...) is the end of one id of the document (`trotsky` for
    pers-trotsky: the '#' lost with the prefix; the id is suggested). A project's own
    identifiers that are not URIs belong in @key, or in a prefix declared by prefixDef."""
    endings: dict[str, list[str]] | None = None
    for el, attr, token, target in doc.pointer_scan[2]:
        what = f'<{local(el) or etree.QName(el).localname}> @{attr}="{token}"'
        if target:
            # Every bare id of the attribute at once: one fix, whichever finding it is on.
            value = " ".join(
                f"#{t}" if t in doc.elements_by_id and not URI_SIGNS.intersection(t) else t
                for t in el.get(attr).split()
            )
            hit = doc.at(
                el, f'{what} is a relative URI, not a pointer to #{token}: write "#{token}"'
            )
            hit.fix = set_attribute(doc, el, attr, value)
            yield hit
            continue
        endings = _endings(doc) if endings is None else endings
        if len(meant := endings.get(token, [])) == 1:
            yield doc.at(
                el,
                f"{what} is a relative URI (a file named {token!r}), not a pointer to an "
                f"element of the document: did you mean #{meant[0]}?",
            )


def _endings(doc: Document) -> dict[str, list[str]]:
    """Each end of an id after a separator (trotsky and pers-trotsky of x-pers-trotsky) ->
    the ids that end so: a bare `trotsky` is likely #pers-trotsky with its '#' and prefix
    lost."""
    found: dict[str, list[str]] = {}
    for xml_id in doc.elements_by_id:
        if len(xml_id) > 200:
            continue
        for i, char in enumerate(xml_id):
            if char in "-_." and i + 1 < len(xml_id):
                found.setdefault(xml_id[i + 1 :], []).append(xml_id)
    return found


@rule("unresolved-key", "warning")
def unresolved_key(doc: Document):
    """A @key matching no register entry.

    A @key is a project's own identifier; it resolves when it equals the xml:id of a
    register entry. One that matches none is likely a typing error (a document without
    registers is not checked for keys)."""
    if not doc.registers.entries:
        return
    for mention, el in doc.mentions:
        for pointer in mention.pointers:
            if pointer.attribute == "key" and pointer.id not in doc.registers.by_id:
                yield Hit(
                    f'<{mention.element}> key="{pointer.raw}" matches no register entry',
                    el,
                    mention.line,
                    mention.column,
                )


@rule("pointer-kind", "warning")
def pointer_kind(doc: Document):
    """A mention pointing at the wrong kind of entry.

    A naming element points at an entry of another kind (a placeName at a person, a
    persName at a paragraph, an rs type="event" at an organisation). rs and name say their
    kind in @type; an author, editor, name or rs naming a person may point at an
    organisation and the other way round (a corporate author, a group)."""
    for mention, el, pointer in doc.local_pointers():
        target = pointer.id
        if is_text_cite(mention) or target not in doc.elements_by_id:
            continue
        expected = expected_kind(mention)
        if not expected:
            continue
        entry = doc.registers.by_id.get(target)
        what = f'<{mention.element}> "{short(mention.text)}" points at #{target}'
        if entry is None:
            if mention.section == "text":
                kind = f"a <{local(doc.elements_by_id[target])}>, not a register entry"
                yield Hit(f"{what}, {kind}", el, mention.line, mention.column)
        elif not kind_fits(expected, entry.kind, mention.element):
            kind = f"{article(KIND_WORD[entry.kind])}, not {article(KIND_WORD[expected])}"
            yield Hit(f"{what}, {kind}", el, mention.line, mention.column)
