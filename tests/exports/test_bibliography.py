"""bibliography.json rendered by citeproc-py, bibliography.bib parsed by bibtexparser."""

from __future__ import annotations

import json
import warnings
from pathlib import Path

import bibtexparser
import citeproc
from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors, SplitNameParts
from citeproc import (
    Citation,
    CitationItem,
    CitationStylesBibliography,
    CitationStylesStyle,
    formatter,
)
from citeproc.source.json import CiteProcJSON

from toolkit.source import TEI_NS

NS = {"tei": TEI_NS}
#: A standard author-date style that citeproc-py ships (no network needed).
HARVARD = Path(citeproc.__file__).parent / "data" / "styles" / "harvard-cite-them-right.csl"


def listbibl_ids(rendered) -> list[str]:
    return sorted(
        rendered.edition.source.root.xpath(
            "//tei:listBibl/tei:bibl/@xml:id | //tei:listBibl/tei:biblStruct/@xml:id",
            namespaces=NS,
        )
    )


def test_csl_json_items_are_the_listbibl_entries(both):
    items = json.loads(both["bibliography.json"])
    assert [i["id"] for i in items] == listbibl_ids(both)
    for item in items:
        assert item["type"] in {"book", "chapter", "article-journal", "webpage", "document"}
        for role in ("author", "editor", "container-author"):
            for name in item.get(role, []):
                assert set(name) in ({"family", "given"}, {"family"}, {"literal"}), name


def test_citeproc_renders_every_item_in_a_standard_style(both):
    items = json.loads(both["bibliography.json"])
    assert HARVARD.is_file()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an unsupported field or type is a failure
        style = CitationStylesStyle(str(HARVARD), validate=True)
        bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
        citations = [Citation([CitationItem(item["id"])]) for item in items]
        for citation in citations:
            bibliography.register(citation)
        cites = [bibliography.cite(c, lambda item: None) for c in citations]
        entries = [str(entry) for entry in bibliography.bibliography()]
    assert len(entries) == len(items) and all(str(c).strip() for c in cites)
    rendered = "\n".join(entries)
    for item in items:
        assert item["title"] in rendered, item["id"]


def test_essay_citation_details(essay):
    items = {i["id"]: i for i in json.loads(essay["bibliography.json"])}
    getty = items["bib-getty-1999"]
    assert getty["editor"] == [
        {"family": "Getty", "given": "J. Arch"},
        {"family": "Naumov", "given": "Oleg V."},
    ]
    assert getty["issued"] == {"date-parts": [[1999]]} and getty["publisher-place"] == "New Haven"
    dobb = items["bib-dobb-1965"]
    assert dobb["type"] == "article-journal" and dobb["container-title"] == "Soviet Studies"
    assert (dobb["volume"], dobb["issue"], dobb["page"]) == ("17", "1", "198-208")
    assert items["bib-le-blanc-2014"]["author"] == [
        {"family": "Le Blanc", "given": "Paul"},
        {"family": "Feeley", "given": "Dianne"},  # added by the editors (resp)
        {"family": "Twiss", "given": "Thomas"},
    ]
    assert items["bib-trotsky-1980c"]["container-author"] == [
        {"family": "Trotsky", "given": "Leon"}
    ]
    assert "Also published: London: Wildwood House, 1974." in items["bib-cohen-1973"]["note"]


def parse_bib(rendered):
    return bibtexparser.parse_string(
        rendered.text("bibliography.bib"),
        append_middleware=[SeparateCoAuthors(), SplitNameParts(), LatexDecodingMiddleware()],
    )


def test_bibtexparser_parses_every_entry(both):
    library = parse_bib(both)
    assert not library.failed_blocks  # unparsable blocks and duplicate keys land here
    assert [e.key for e in library.entries] == listbibl_ids(both)
    items = {i["id"]: i for i in json.loads(both["bibliography.json"])}
    for entry in library.entries:
        item = items[entry.key]
        assert entry["title"].strip("{}") == item["title"]
        authors = entry.fields_dict.get("author")
        if "author" in item:
            got = [" ".join(n.von + n.last).strip("{}") for n in authors.value]
            assert got == [n.get("family", n.get("literal")) for n in item["author"]]
        if "issued" in item:
            assert entry["year"] == str(item["issued"]["date-parts"][0][0])


def test_bibtex_escapes_latex_specials_and_keeps_organisations_whole(back):
    library = parse_bib(back)
    serge = library.entries_dict["bib-serge"]
    assert serge["title"] == "Memoirs of a Revolutionary & Other {Writings} 100%"
    assert serge.entry_type == "book" and serge["address"] == "Oxford"
    assert serge["annote"] == "Translated by Peter Sedgwick."
    article = library.entries_dict["bib-article"]
    assert article.entry_type == "article" and article["journal"] == "Journal of Letters"
    assert [(n.first, n.last) for n in article.fields_dict["author"].value] == [
        (["Jane", "Q."], ["Doe"]),
        ([], ["{The Study Group}"]),
    ]
    struct = library.entries_dict["bib-struct"]
    assert struct["title"].strip("{}") == "Letters_in_Exile"
    assert (struct["doi"], struct["series"]) == ("10.1000/letters_1999", "Studies in Letters")
    raw = back.text("bibliography.bib")
    assert r"Revolutionary \& Other \{Writings\} 100\%" in raw and "pages = {10--20}" in raw
