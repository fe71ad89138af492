"""The print edition: pdf/<stem>.pdf, typeset by WeasyPrint from the HTML of xslt/pdf/pdf.xsl.

The stylesheet (which imports the EPUB's, and so the HTML edition's templates) writes the book
as one HTML document; print.css lays it out in pages (CSS Paged Media: footnotes, running
heads). What only the layout knows, the page numbers of the contents, of the registers' and
corrections' references and of cross-references, is written in here (toolkit.formats.pagination),
from the layout itself:

- The book is cut into parts where a page begins anyway (every element the stylesheet marks
  data-break="page": the title page, the contents, each chapter, each register), and each part
  is laid out as a document of its own, starting at the page the parts before it end on.
- A part is laid out with the pages known so far: those of the parts before it, which are laid
  out already. A part that prints the page of something that comes after it (the contents) or
  in itself (a note that refers to the note before it) is laid out again once that page is
  known; and a part is laid out again when it would begin on another page than it was laid out
  for. This goes on until every page printed is the page measured (twice through the parts:
  the contents again, at the end), so most of the book is laid out once.
- A footnote the typesetter has set on another page than its call (WeasyPrint takes a
  footnote off its page to fit a line whose paragraph may not break before it) is brought
  back by laying out its part again with that paragraph allowed to break there (REPAIRS).
- The parts' pages make one document, written once.

The PDF is tagged (PDF/UA-1), in the document's language, with its title, authors and
keywords, bookmarks from the headings, and links for note calls, cross-references and page
references. Its bytes depend only on the input: the dates are the edition's (SOURCE_DATE_EPOCH
when set) and the file identifier is a digest of the typeset document. The typesetter fetches
nothing: every URL it is asked for is refused (the fonts come from the system).
"""

from __future__ import annotations

import hashlib
import logging
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from toolkit import XSLT_DIR
from toolkit.errors import TeikitError
from toolkit.formats import Built, Format, Options, pagination, register
from toolkit.output import build_epoch, write_bytes
from toolkit.source import Source
from toolkit.xslt import stylesheet

STYLESHEET = "pdf/pdf.xsl"
PRINT_CSS = XSLT_DIR / "pdf" / "print.css"
VARIANT = "pdf/ua-1"
#: How many times the parts are gone through: the second lays out again what printed a page
#: it could not know yet (the contents); a third finds nothing left to do.
MAX_SWEEPS = 4
#: How many times one part is laid out to bring its footnotes back or to settle its own pages.
MAX_ATTEMPTS = 5

#: --paper: the page size, its margins (top, outer, bottom, inner) and the text's size.
PAPERS = {
    "a4": ("A4", "22mm 30mm 25mm 30mm", "10.5pt"),
    "letter": ("letter", "20mm 28mm 24mm 28mm", "10.5pt"),
    "a5": ("A5", "16mm 16mm 20mm 18mm", "9.5pt"),
}
DEFAULT_PAPER = "a4"
NOTES = ("foot", "end", "none")


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


def start_css(start: int, side: str) -> str:
    """A part that begins on page `start`, on the left or right side of the spread."""
    return f"@page :first {{ counter-reset: page {start}; }}\nhtml {{ break-before: {side}; }}\n"


def modified() -> str:
    """The PDF's dates from SOURCE_DATE_EPOCH; empty lets the stylesheet use the edition's."""
    epoch = build_epoch(default=-1)
    return "" if epoch < 0 else time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))


def xhtml(source: Source, options: Options):
    """The book as XHTML (a toolkit.xslt.Result), its page numbers not yet written in."""
    return stylesheet(STYLESHEET).apply(
        source,
        {
            "reading": options.reading,
            "notes": notes_mode(options),
            "modified": modified(),
            "ui-lang": options.ui_lang,
        },
    )


def _weasyprint():
    try:
        import weasyprint
        from weasyprint.text.fonts import FontConfiguration
    except (ImportError, OSError) as err:  # OSError: Pango and its libraries are missing
        raise PdfError(
            f"the pdf format needs WeasyPrint and Pango ({' '.join(str(err).split())}); "
            "install them with pip install weasyprint and, on Debian, apt-get install "
            "libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core fonts-dejavu-extra fonts-noto-core"
        ) from None
    return weasyprint, FontConfiguration


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


class Typesetter:
    """WeasyPrint with the print style sheets, one font configuration for every part laid
    out (the fonts are looked up once), and a fetcher that refuses every URL."""

    def __init__(self, paper_name: str = DEFAULT_PAPER):
        self.weasyprint, fonts = _weasyprint()
        self.fonts = fonts()
        self.fetcher = _refusing_fetcher(self.weasyprint)
        self.css = [
            self.weasyprint.CSS(
                filename=str(PRINT_CSS), url_fetcher=self.fetcher, font_config=self.fonts
            ),
            self.weasyprint.CSS(
                string=page_css(paper_name), url_fetcher=self.fetcher, font_config=self.fonts
            ),
        ]
        self.renders = 0
        self.pages_laid_out = 0

    def layout(self, html: str, extra_css: str = ""):
        """An HTML document laid out in pages (a weasyprint Document)."""
        sheets = list(self.css)
        if extra_css:
            sheets.append(
                self.weasyprint.CSS(
                    string=extra_css, url_fetcher=self.fetcher, font_config=self.fonts
                )
            )
        document = self.weasyprint.HTML(
            string=html, base_url=str(PRINT_CSS.parent), url_fetcher=self.fetcher
        ).render(stylesheets=sheets, pdf_variant=VARIANT, font_config=self.fonts)
        self.renders += 1
        self.pages_laid_out += len(document.pages)
        return document


def anchor_pages(document, start: int = 1) -> dict[str, int]:
    """The page each anchor of a laid-out document begins on, its first page being `start`
    (an element split over pages is among the anchors of each)."""
    pages: dict[str, int] = {}
    for n, page in enumerate(document.pages, start):
        for name in page.anchors:
            pages.setdefault(name, n)
    return pages


@dataclass
class Laid:
    """A part laid out: where it begins, the pages it printed, what it measured."""

    start: int
    used: dict[str, int | None]
    document: object
    found: dict[str, int]
    strays: list[tuple[str, str]] = field(default_factory=list)

    @property
    def end(self) -> int:
        return self.start + len(self.document.pages)


def bottom_block(page) -> str | None:
    """The block whose line ends the text of a laid-out page (its id, or its data-b), read
    off WeasyPrint's boxes; None where they cannot be read."""
    try:
        flow = page._page_box.children[0]
    except (AttributeError, IndexError):
        return None
    last = None
    stack = [flow]
    while stack:
        box = stack.pop()
        if type(box).__name__ == "LineBox":
            last = box
            continue
        stack.extend(reversed(getattr(box, "children", None) or []))
    element = getattr(last, "element", None)
    return None if element is None else element.get("id") or element.get("data-b")


#: What is tried, in turn, to bring a footnote back to its call's page. WeasyPrint takes a
#: footnote off the page to fit the line at its foot when that line is the second of a
#: paragraph (which orphans 2 does not let break before it): that paragraph may leave its
#: first line alone at the foot; else its first lines go over, the page a little short; else
#: the passage of the call begins the next page.
REPAIRS = ("orphans: 1", "orphans: 3")


def lay_out_part(
    typesetter: Typesetter, part: pagination.Part, start: int, known: dict[str, int], foot: bool
) -> Laid:
    """A part laid out from page `start`, with the pages `known` written in; again until its
    own pages hold (what it prints of itself) and its footnotes stand on their calls' pages."""
    own: dict[str, int] = {}
    tried: dict[str, int] = {}  # note call -> repairs tried
    for _attempt in range(MAX_ATTEMPTS):
        used = part.fill({**known, **own})
        document = typesetter.layout(part.html(), start_css(start, part.side(start)))
        found = anchor_pages(document, start)
        strays = part.strays(found) if foot else []
        settled = all(found.get(k) == v for k, v in used.items() if k in part.ids)
        if not strays and settled:
            break
        own = dict(found)
        for call, _note in strays:
            n = tried[call] = tried.get(call, 0) + 1
            block = bottom_block(document.pages[found[call] - start])
            if n <= len(REPAIRS) and block is not None:
                part.restyle(block, REPAIRS[n - 1])
            else:
                part.restyle(part.passage(call) or "", "break-before: page")
    return Laid(start, used, document, found, strays)


@dataclass
class Typeset:
    """A typeset book: the PDF, the HTML with its pages, the warnings, the work it took."""

    data: bytes
    html: str
    warnings: list[str]
    renders: int
    pages_laid_out: int
    pages: int


def typeset(source: Source, options: Options) -> Typeset:
    """The book in PDF (and what it was made from); see the head of this module."""
    typesetter = Typesetter(paper(options))
    logged: list[str] = []
    foot = notes_mode(options) == "foot"
    result = xhtml(source, options)
    book = pagination.Book(result.text)
    with _collected_log(logged):
        laid: list[Laid | None] = [None] * len(book.parts)
        known: dict[str, int] = {}
        settled = False
        for _sweep in range(MAX_SWEEPS):
            changed = False
            start = 1
            for i, part in enumerate(book.parts):
                current = laid[i]
                if (
                    current is None
                    or current.start != start
                    or any(known.get(k) != v for k, v in current.used.items())
                ):
                    current = laid[i] = lay_out_part(typesetter, part, start, known, foot)
                    known.update(current.found)
                    changed = True
                start = current.end
            if not changed:
                settled = True
                break
        parts = [p for p in laid if p is not None]
        document = parts[0].document.copy([page for p in parts for page in p.document.pages])
        html = book.filled(known)
        missing = book.missing(known)
        identifier = hashlib.sha256(html.encode("utf-8")).hexdigest()[:32]
        data = document.write_pdf(pdf_variant=VARIANT, pdf_identifier=identifier.encode("ascii"))
    warnings = list(result.warnings)
    if not settled:
        warnings.append("pdf: page numbers did not settle; some may be wrong")
    warnings += [
        f"note {note} is printed on another page than its call"
        for p in parts
        for _, note in p.strays
    ]
    warnings += [f"pdf: the page of {t} is asked for, but it is not in the book" for t in missing]
    warnings += [f"pdf: {m}" for m in dict.fromkeys(" ".join(m.split()) for m in logged)]
    return Typeset(
        data, html, warnings, typesetter.renders, typesetter.pages_laid_out, len(document.pages)
    )


def build(source: Source, out: Path, options: Options) -> Built:
    book = typeset(source, options)
    path = write_bytes(out / "pdf" / f"{source.stem}.pdf", book.data)
    return Built([path], book.warnings)


register(Format("pdf", "Print edition, typeset with WeasyPrint (pdf/<stem>.pdf)", build))
