"""Critical apparatus: every witness a reading cites exists, and no witness reads twice in
one entry."""

from __future__ import annotations

from lxml import etree

from toolkit.check.document import Document
from toolkit.check.registry import rule
from toolkit.registers import local

#: What a reading's @wit may name: a witness, a group of them, a printed edition, a person.
WITNESS_LIKE = {
    "witness", "listWit", "bibl", "biblStruct", "msDesc", "person", "persName", "orgName",
    "name", "editor", "author", "respStmt",
}  # fmt: skip


def _tokens(value: str | None) -> list[str]:
    return (value or "").split()


@rule("wit-unresolved", "error")
def wit_unresolved(doc: Document):
    """A reading's @wit names a witness the document does not have.

    Every "#id" of @wit on lem, rdg, rdgGrp and witDetail must be the xml:id of a witness of
    the listWit (or of a group of witnesses, or of a printed edition or a person the edition
    cites): the apparatus shows that element's siglum, and the witness switch the text of
    that witness. A pointer to nothing is usually a typing error or a witness dropped from
    the listWit; add the witness or correct the pointer. (Sigla written without "#", as some
    projects write them, are shown as they stand and not checked.)"""
    for name in ("lem", "rdg", "rdgGrp", "witDetail"):
        for el in doc.by_name[name]:
            for token in _tokens(el.get("wit")):
                if not token.startswith("#"):
                    continue
                target = doc.elements_by_id.get(token[1:])
                if target is None:
                    yield doc.at(
                        el,
                        f"<{name}> @wit names {token}, which is no element of the document"
                        f"{doc.suggest(token[1:])}",
                    )
                elif local(target) not in WITNESS_LIKE:
                    yield doc.at(
                        el, f"<{name}> @wit names {token}, a <{local(target)}>, not a witness"
                    )


def _witnesses(doc: Document, reading: etree._Element) -> set[str]:
    """The witness ids a reading stands for, a group standing for its members."""
    out: set[str] = set()
    for token in _tokens(reading.get("wit")):
        ident = token.removeprefix("#")
        target = doc.elements_by_id.get(ident)
        if target is not None and local(target) == "listWit":
            out |= {w for w in target.xpath(".//*[local-name()='witness']/@xml:id")}
        else:
            out.add(ident)
    return out


@rule("witness-reads-twice", "error")
def witness_reads_twice(doc: Document):
    """A witness is cited for two readings of one apparatus entry.

    In an app each witness has one reading: the lemma or one of the variants. A witness
    listed for two (directly, or through a group it belongs to) makes the witness switch
    and the apparatus contradict each other. Readings of an entry nested inside a reading
    are that entry's and are counted there; readings of one witness in successive stages
    (marked by @varSeq or @hand: a first hand and its correction) are not a contradiction."""
    for app in doc.by_name["app"]:
        seen: dict[str, etree._Element] = {}
        readings = [
            r
            for r in app.iter("{*}lem", "{*}rdg")
            if next((a for a in r.iterancestors() if local(a) == "app"), None) is app
        ]
        for reading in readings:
            for witness in sorted(_witnesses(doc, reading)):
                first = seen.get(witness)
                stages = first is not None and any(
                    r.get("varSeq") or r.get("hand") for r in (first, reading)
                )
                if first is not None and first is not reading and not stages:
                    yield doc.at(
                        reading,
                        f"witness {witness} reads both <{local(first)}> (line {first.sourceline}) "
                        f"and this <{local(reading)}> in one <app>",
                    )
                else:
                    seen[witness] = reading
