"""The bibliography (listBibl) as CSL-JSON and as BibTeX, for Zotero, pandoc and LaTeX.

Each entry keeps its xml:id as its CSL id and BibTeX key, so a citation in the TEI
(bibl corresp="#bib-x") and one in a paper written from these files name the same work.
Names are split into family and given parts using the person register where the entry
points at it (so "J. Arch Getty" is Getty, J. Arch); organisations stay whole. The
editor's notes on an entry go to CSL "note" (Zotero's Extra) and BibTeX "annote", which
bibliography styles do not print.
"""

from __future__ import annotations

import re

from lxml import etree

from toolkit import isodate
from toolkit.exports import Export, register
from toolkit.exports.data import Edition
from toolkit.exports.registers_json import dumps
from toolkit.registers import Contributor, Entry, Work, local, normalise, reading

#: TEI bibl/@type -> CSL type; without a type the title levels decide (see csl_type).
CSL_TYPES = {
    "book": "book", "monograph": "book", "chapter": "chapter", "article": "article-journal",
    "journal-article": "article-journal", "web": "webpage", "webpage": "webpage",
    "website": "webpage", "newspaper": "article-newspaper", "magazine": "article-magazine",
    "thesis": "thesis", "report": "report", "manuscript": "manuscript", "letter": "letter",
    "speech": "speech", "review": "review", "edition": "book", "film": "motion_picture",
}  # fmt: skip
#: CSL type -> BibTeX entry type.
BIBTEX_TYPES = {
    "book": "book", "chapter": "incollection", "article-journal": "article",
    "article-magazine": "article", "article-newspaper": "article", "thesis": "phdthesis",
    "report": "techreport", "manuscript": "unpublished",
}  # fmt: skip
#: biblScope/@unit -> CSL variable.
SCOPES = {"page": "page", "pp": "page", "volume": "volume", "vol": "volume", "issue": "issue",
          "number": "issue", "chapter": "chapter-number", "part": "part-number"}  # fmt: skip
#: idno/@type -> CSL variable (also the BibTeX field, lower-cased).
STANDARD_NUMBERS = {"doi": "DOI", "isbn": "ISBN", "issn": "ISSN"}
CSL_ROLES = {"author": "author", "editor": "editor", "translator": "translator",
             "trl": "translator", "edt": "editor", "aut": "author"}  # fmt: skip


def csl_type(entry: Entry) -> str:
    work = entry.work
    if entry.type and entry.type.lower() in CSL_TYPES:
        return CSL_TYPES[entry.type.lower()]
    levels = {level for level, _type, _text in work.titles} if work else set()
    if work and work.container and "a" in levels:
        return "chapter" if work.host or _container_level(entry) == "m" else "article-journal"
    return "book" if levels & {"m", None} else "document"


def _container_level(entry: Entry) -> str | None:
    return next((lvl for lvl, _t, text in entry.work.titles if text == entry.work.container), "j")


# -- names -----------------------------------------------------------------------------------


def organisations(element: etree._Element | None) -> set[str]:
    """Names of the authors and editors that are organisations (written as orgName)."""
    if element is None:
        return set()
    found = set()
    for role in element.iter("{*}author", "{*}editor"):
        kinds = {local(c) for c in role}
        if "orgName" in kinds and "persName" not in kinds:
            found.add(reading(role))
    return found


def csl_name(edition: Edition, person: Contributor, orgs: set[str] = frozenset()) -> dict:
    """{"family", "given"} for a person, {"literal"} for an organisation or a lone word."""
    written = normalise(person.name)
    registered = [edition.registers.by_id.get(ref) for ref in person.refs]
    registered = [e for e in registered if e is not None]
    if written in orgs or (
        any(e.kind == "org" for e in registered) and not any(e.kind == "person" for e in registered)
    ):
        return {"literal": written}
    families: list[str] = []
    for entry in registered:
        for name in entry.names:
            families.extend(name.surnames)
            if name.derived:
                families.append(name.text)
    for family in sorted(set(families), key=len, reverse=True):
        if written.endswith(" " + family):
            return {"family": family, "given": written[: -len(family)].strip()}
    if written == (families[0] if families else None):
        return {"family": written}
    words = written.split(" ")
    if len(words) == 1:
        return {"literal": written}
    return {"family": words[-1], "given": " ".join(words[:-1])}


# -- CSL-JSON --------------------------------------------------------------------------------


def _date_parts(value: str) -> list[int] | None:
    try:
        parsed = isodate.parse(value)
    except isodate.DateValueError:
        return None
    if parsed.year is None:
        return None
    parts = [parsed.year]
    if parsed.form in ("date", "dateTime", "gYearMonth"):
        parts.append(parsed.earliest.month)
    if parsed.form in ("date", "dateTime"):
        parts.append(parsed.earliest.day)
    return parts


def csl_date(work: Work) -> dict | None:
    for date in work.dates:
        attrs = {k.removesuffix("-iso"): v for k, v in reversed(date.attributes)}
        if "when" in attrs and (parts := _date_parts(attrs["when"])):
            return {"date-parts": [parts]}
        for start, end in (("from", "to"), ("notBefore", "notAfter")):
            first = _date_parts(attrs[start]) if start in attrs else None
            last = _date_parts(attrs[end]) if end in attrs else None
            if first and last:
                return {"date-parts": [first, last]}
            if first or last:
                return {"date-parts": [first or last]}
    if work.host is not None and work.host.dates:
        return csl_date(work.host)
    year = work.year  # a year in a date's text, when no attribute gives one
    return {"date-parts": [[int(year)]]} if year else None


def notes(element: etree._Element | None) -> list[str]:
    """The editor's notes on an entry (its own note children), as plain text."""
    if element is None:
        return []
    return [text for c in element if local(c) == "note" and (text := reading(c))]


def _series(element: etree._Element | None) -> str | None:
    if element is None:
        return None
    for title in element.iter("{*}title"):
        if title.get("level") == "s" and (text := reading(title)):
            return text
    return None


def csl_item(edition: Edition, entry: Entry) -> dict:
    work = entry.work
    element = edition.elements_by_id.get(entry.id)
    item: dict = {"id": entry.id, "type": csl_type(entry)}
    host = work.host
    orgs = organisations(element)
    for role in ("author", "editor", "translator"):
        names = [
            csl_name(edition, c, orgs) for c in work.contributors if CSL_ROLES.get(c.role) == role
        ]
        if names:
            item[role] = names
    if host is not None:
        host_authors = [csl_name(edition, c, orgs) for c in host.authors]
        if host_authors:
            item["container-author"] = host_authors
        host_editors = [csl_name(edition, c, orgs) for c in host.contributors if c.role == "editor"]
        if host_editors and "editor" not in item:
            item["editor"] = host_editors
    if work.title:
        item["title"] = work.title
    elif element is not None and (text := reading(element)):
        item["title"] = text  # an unstructured citation: its text is all there is
    if work.container:
        item["container-title"] = work.container
    if series := _series(element):
        item["collection-title"] = series
    places = work.pub_places or (host.pub_places if host else [])
    publishers = work.publishers or (host.publishers if host else [])
    if publishers:
        item["publisher"] = publishers[0]
    if places:
        item["publisher-place"] = places[0]
    if issued := csl_date(work):
        item["issued"] = issued
    for unit, value in work.scopes.items():
        variable = SCOPES.get(unit.lower())
        if variable and value:
            item[variable] = value
    for identifier in entry.identifiers:
        variable = STANDARD_NUMBERS.get((identifier.type or "").lower())
        if variable and variable not in item:
            item[variable] = identifier.value
    if work.urls:
        item["URL"] = work.urls[0]
    extra = []
    if len(publishers) > 1 or len(places) > 1:
        years = [d.get("when") or d.text for d in work.dates]
        imprints = []
        for i in range(1, max(len(places), len(publishers))):
            place, publisher, year = (
                seq[i] if i < len(seq) else None for seq in (places, publishers, years)
            )
            imprint = ": ".join(p for p in (place, publisher) if p)
            imprints.append(", ".join(p for p in (imprint, year) if p))
        extra.append("Also published: " + "; ".join(i for i in imprints if i) + ".")
    extra.extend(notes(element))
    if extra:
        item["note"] = "\n".join(extra)
    return item


def works(edition: Edition) -> list[Entry]:
    return [e for e in edition.entries("work") if e.work is not None]


def csl_json(edition: Edition) -> bytes:
    return dumps([csl_item(edition, e) for e in works(edition)])


# -- BibTeX ----------------------------------------------------------------------------------

_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_SPECIAL = re.compile(r"[\\{}&%$#_~^]")


def latex(text: str) -> str:
    """Escape LaTeX's special characters; other Unicode stays as it is (UTF-8)."""
    return _SPECIAL.sub(lambda m: _LATEX_SPECIALS[m.group()], normalise(text))


def bibtex_names(names: list[dict]) -> str:
    parts = []
    for name in names:
        if "literal" in name:
            parts.append("{" + latex(name["literal"]) + "}")
        elif name.get("given"):
            parts.append(f"{latex(name['family'])}, {latex(name['given'])}")
        else:
            parts.append(latex(name["family"]))
    return " and ".join(parts)


def bibtex_entry(item: dict) -> str:
    kind = BIBTEX_TYPES.get(item["type"], "misc")
    fields: list[tuple[str, str]] = []
    for role in ("author", "editor", "translator"):
        if role in item:
            fields.append((role, bibtex_names(item[role])))
    if "container-author" in item:
        fields.append(("bookauthor", bibtex_names(item["container-author"])))
    if "title" in item:
        fields.append(("title", "{" + latex(item["title"]) + "}"))
    container = item.get("container-title")
    if container:
        key = {"article": "journal", "incollection": "booktitle"}.get(kind, "howpublished")
        fields.append((key, latex(container)))
    if "collection-title" in item:
        fields.append(("series", latex(item["collection-title"])))
    if "volume" in item:
        fields.append(("volume", latex(item["volume"])))
    if "issue" in item:
        fields.append(("number", latex(item["issue"])))
    if "page" in item:
        fields.append(("pages", latex(re.sub(r"\s*[-–]\s*", "--", item["page"]))))
    if "publisher" in item:
        fields.append(("publisher", latex(item["publisher"])))
    if "publisher-place" in item:
        fields.append(("address", latex(item["publisher-place"])))
    issued = item.get("issued", {}).get("date-parts")
    if issued:
        first = issued[0]
        fields.append(("year", str(first[0])))
        if len(first) > 1 or len(issued) > 1:
            fields.append(("date", "/".join("-".join(f"{p:02d}" for p in d) for d in issued)))
    for variable in ("DOI", "ISBN", "ISSN"):
        if variable in item:
            fields.append((variable.lower(), item[variable].replace("{", "").replace("}", "")))
    if "URL" in item:
        fields.append(("url", item["URL"]))
    if "note" in item:
        fields.append(("annote", latex(item["note"])))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{kind}{{{item['id']},\n{body}\n}}\n"


def bibtex(edition: Edition) -> bytes:
    entries = [bibtex_entry(csl_item(edition, e)) for e in works(edition)]
    return "\n".join(entries).encode("utf-8")


CSL_FIELDS = (
    ("id", "the entry's xml:id, as cited in the TEI (bibl corresp)"),
    ("type", "CSL type: book, chapter, article-journal, webpage ..."),
    ("author, editor, translator", "CSL names: family and given, or literal"),
    ("container-author", "author of the book a piece is printed in"),
    ("title, container-title", "the work's title; the journal, book or site it is in"),
    ("publisher, publisher-place, issued", "the (first) imprint; issued as CSL date-parts"),
    ("volume, issue, page", "from biblScope"),
    ("DOI, ISBN, ISSN, URL", "from idno (and ptr or ref with a URL)"),
    ("note", "the editor's notes on the entry, and further imprints"),
)
BIBTEX_FIELDS = (
    ("key", "the entry's xml:id"),
    ("entry type", "@book, @incollection, @article, or @misc (web pages, others)"),
    ("fields", "author, editor, title, booktitle/journal, publisher, address, year ..."),
    ("annote", "the editor's notes (not printed by bibliography styles)"),
)

register(
    Export(
        "bibliography.json",
        "the bibliography as CSL-JSON",
        "Zotero, pandoc/citeproc, citeproc-js",
        csl_json,
        CSL_FIELDS,
        lambda edition: f"{len(works(edition))} entries",
    )
)
register(
    Export(
        "bibliography.bib",
        "the bibliography as BibTeX (UTF-8)",
        "LaTeX (BibTeX, biber), JabRef, Zotero",
        bibtex,
        BIBTEX_FIELDS,
        lambda edition: f"{len(works(edition))} entries",
    )
)
