"""Pointers: ids that are unique, and pointers (@ref, @target, @key ...) that reach something
of the right kind."""

from __future__ import annotations

from lxml import etree

from toolkit.check.document import Document, expected_kind, is_text_cite, kind_fits
from toolkit.check.registry import Hit, rule
from toolkit.check.text import KIND_WORD, short
from toolkit.registers import local


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
    persName at a paragraph). An author, editor, name or rs may point at a person or an
    organisation; rs and name say their kind in @type."""
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
            kind = f"a {KIND_WORD[entry.kind]}, not a {KIND_WORD[expected]}"
            yield Hit(f"{what}, {kind}", el, mention.line, mention.column)
