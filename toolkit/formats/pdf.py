"""The print edition: pdf/<stem>.pdf, typeset by WeasyPrint from the HTML of xslt/pdf/pdf.xsl.

The stylesheet (which imports the EPUB's, and so the HTML edition's templates) writes the book
as one HTML document; print.css lays it out in pages (CSS Paged Media: footnotes, running
heads, page references by target-counter()). Registers list each page a name occurs on once,
with ranges, which CSS alone cannot do: the document is laid out, the page of every anchor is
read off the layout and handed back to the stylesheet, and the book laid out again, until the
pages of the mentions no longer move (twice, in practice; at most MAX_LAYOUTS times). A
document without such references is laid out once.

The PDF is tagged (PDF/UA-1), in the document's language, with its title, authors and
keywords, bookmarks from the headings, and links for note calls, cross-references and page
references. Its bytes depend only on the input: the dates are the edition's (SOURCE_DATE_EPOCH
when set) and the file identifier is a digest of the typeset document. The typesetter fetches
nothing: every URL it is asked for is refused (the fonts come from the system).
"""

from __future__ import annotations

import hashlib
import logging
import re
import time
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from toolkit import XSLT_DIR
from toolkit.errors import TeikitError
from toolkit.formats import Built, Format, Options, register
from toolkit.output import build_epoch, write_bytes
from toolkit.source import Source
from toolkit.xslt import stylesheet

STYLESHEET = "pdf/pdf.xsl"
PRINT_CSS = XSLT_DIR / "pdf" / "print.css"
VARIANT = "pdf/ua-1"
MAX_LAYOUTS = 5

#: --paper: the page size, its margins (top, outer, bottom, inner) and the text's size.
PAPERS = {
    "a4": ("A4", "22mm 30mm 25mm 30mm", "10.5pt"),
    "letter": ("letter", "20mm 28mm 24mm 28mm", "10.5pt"),
    "a5": ("A5", "16mm 16mm 20mm 18mm", "9.5pt"),
}
DEFAULT_PAPER = "a4"
NOTES = ("foot", "end", "none")

#: A page reference the layout resolves; the stylesheet's registers write these.
PAGE_REFERENCES_MARK = 'class="pagerefs"'


class PdfError(TeikitError):
    """The typesetter is missing or could not be loaded (exit 2: nothing to build with)."""

    exit_code = 2


def notes_mode(options: Options) -> str:
    """Where notes go in print: --notes, else at the foot of the page."""
    return options.notes if options.notes in NOTES else "foot"


def paper(options: Options) -> str:
    value = str(options.extra.get("paper") or DEFAULT_PAPER).lower()
    return value if value in PAPERS else DEFAULT_PAPER


def page_css(name: str) -> str:
    size, margin, font = PAPERS[name]
    top, outer, bottom, inner = margin.split()
    return (
        f"@page {{ size: {size}; margin: {top} {outer} {bottom} {inner}; }}\n"
        f"@page :left {{ margin-left: {outer}; margin-right: {inner}; }}\n"
        f"@page :right {{ margin-left: {inner}; margin-right: {outer}; }}\n"
        f"html {{ font-size: {font}; }}\n"
    )


def modified() -> str:
    """The PDF's dates from SOURCE_DATE_EPOCH; empty lets the stylesheet use the edition's."""
    epoch = build_epoch(default=-1)
    return "" if epoch < 0 else time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))


def xhtml(source: Source, options: Options, pages: dict[str, int] | None = None):
    """The book as HTML (a toolkit.xslt.Result), with the pages of a previous layout."""
    return stylesheet(STYLESHEET).apply(
        source,
        {
            "reading": options.reading,
            "notes": notes_mode(options),
            "modified": modified(),
            "pages": " ".join(f"{k}={v}" for k, v in sorted((pages or {}).items())),
        },
    )


def _weasyprint():
    try:
        import weasyprint
    except (ImportError, OSError) as err:  # OSError: Pango and its libraries are missing
        raise PdfError(
            f"the pdf format needs WeasyPrint and Pango ({' '.join(str(err).split())}); "
            "install them with pip install weasyprint and, on Debian, apt-get install "
            "libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fonts-dejavu-extra fonts-noto-core"
        ) from None
    return weasyprint


def _refusing_fetcher(weasyprint):
    class RefusingFetcher(weasyprint.URLFetcher):
        """Fetches nothing: a document's images, style sheets or fonts are never loaded."""

        def fetch(self, url, headers=None):
            raise ValueError(f"teikit's print edition loads no resources ({url[:80]})")

    return RefusingFetcher()


@contextmanager
def _collected_log(messages: list[str]):
    """WeasyPrint's warnings, collected (not printed) for the build's report."""

    class Collect(logging.Handler):
        def emit(self, record):
            messages.append(record.getMessage())

    logger = logging.getLogger("weasyprint")
    handler = Collect(logging.WARNING)
    saved = logger.propagate
    logger.addHandler(handler)
    logger.propagate = False
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.propagate = saved


def _layout(weasyprint, html: str, css: list, fetcher):
    document = weasyprint.HTML(
        string=html, base_url=str(PRINT_CSS.parent), url_fetcher=fetcher
    ).render(stylesheets=css, pdf_variant=VARIANT)
    return document


def anchor_pages(document) -> dict[str, int]:
    """The page (from 1) each anchor of a laid-out document is on."""
    return {name: n for n, page in enumerate(document.pages, 1) for name in page.anchors}


#: A note call as the stylesheet writes it: its note, its own id, the passage it stands in.
_CALL = re.compile(r'<a class="noteref" href="#([^"]+)" id="([^"]+)" data-passage="([^"]*)"')
#: A page reference of a register, as the stylesheet writes it before the pages are known.
_PAGE_REFERENCE = re.compile(r'<a class="pageref" href="#([^"]+)"')


def stray_notes(html: str, pages: dict[str, int]) -> list[tuple[str, str]]:
    """(note id, passage id) of the footnotes set on another page than their call."""
    return [
        (note, passage)
        for note, call, passage in _CALL.findall(html)
        if pages.get(note) != pages.get(call)
    ]


@dataclass
class Typeset:
    """A typeset book: the PDF, the HTML of its last layout, the warnings, how many layouts."""

    data: bytes
    html: str
    warnings: list[str]
    layouts: int


def typeset(source: Source, options: Options) -> Typeset:
    """The book in PDF (and what it was made from).

    Each layout after the first is made with what the previous one showed: the page of
    every mention, for the registers' page references; and the passages holding a note call
    whose footnote the typesetter set on another page (WeasyPrint moves a footnote to the
    next page to fit a later line, whatever footnote-policy says), which start a new page.
    """
    weasyprint = _weasyprint()
    fetcher = _refusing_fetcher(weasyprint)
    logged: list[str] = []
    foot = notes_mode(options) == "foot"
    with _collected_log(logged):
        css = [
            weasyprint.CSS(filename=str(PRINT_CSS), url_fetcher=fetcher),
            weasyprint.CSS(string=page_css(paper(options)), url_fetcher=fetcher),
        ]
        pages: dict[str, int] | None = None  # of the page references' targets
        breaks: set[str] = set()  # passages that start a new page
        loosened: set[str] = set()  # passages (and the next block) with orphans and widows 1
        strays: list[tuple[str, str]] = []
        layouts = 0
        while True:
            layouts += 1
            result = xhtml(source, options, pages)
            extra = [
                weasyprint.CSS(string=f'[id="{b}"] {{ break-before: page; }}', url_fetcher=fetcher)
                for b in sorted(breaks)
            ] + [
                weasyprint.CSS(
                    string=f'[id="{b}"], [id="{b}"] + * {{ orphans: 1; widows: 1; }}',
                    url_fetcher=fetcher,
                )
                for b in sorted(loosened)
            ]
            document = _layout(weasyprint, result.text, css + extra, fetcher)
            found = anchor_pages(document)
            strays = stray_notes(result.text, found) if foot else []
            targets = pages or {t: 0 for t in _PAGE_REFERENCE.findall(result.text)}
            moved = {t for t in targets if found.get(t) != targets[t]}
            stray = {passage for _, passage in strays if passage}
            new_breaks = stray - breaks
            # A passage that starts a page and still loses a note: WeasyPrint moved the note
            # to fit a line that orphans or widows kept together; let that line break alone.
            new_loose = (stray & breaks) - loosened
            if (not moved and not new_breaks and not new_loose) or layouts == MAX_LAYOUTS:
                break
            pages = {t: found[t] for t in targets if t in found} if targets else None
            breaks |= new_breaks
            loosened |= new_loose
        identifier = hashlib.sha256(result.text.encode("utf-8")).hexdigest()[:32]
        data = document.write_pdf(pdf_variant=VARIANT, pdf_identifier=identifier.encode("ascii"))
    warnings = list(result.warnings)
    warnings += [f"note {note} is printed on another page than its call" for note, _ in strays]
    warnings += [f"pdf: {m}" for m in dict.fromkeys(" ".join(m.split()) for m in logged)]
    return Typeset(data, result.text, warnings, layouts)


def build(source: Source, out: Path, options: Options) -> Built:
    book = typeset(source, options)
    path = write_bytes(out / "pdf" / f"{source.stem}.pdf", book.data)
    return Built([path], book.warnings)


register(Format("pdf", "Print edition, typeset with WeasyPrint (pdf/<stem>.pdf)", build))
