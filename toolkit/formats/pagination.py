"""The print edition's book cut into parts that each begin a page, and its page numbers.

xslt/pdf/pdf.xsl writes the book as one XHTML document in which

- every element that begins a page is marked data-break="page" (the title page, the contents,
  each division of the text, each register);
- every page number the layout decides is left empty: an element with data-page-of="id" is to
  hold the page the element with that id is set on, one with data-pages-of="id id ..." the
  pages of those elements (a register entry's mentions).

A `Book` cuts the document at the marks into `Part`s, each a whole HTML document (the head,
and the part's ancestors with their attributes, so that the style sheet applies as in the
book) that toolkit.formats.pdf lays out on its own; a mark with nothing printed between it
and the previous one begins no part of its own. `Part.fill` writes in the pages known:
numbers, and lists of pages with each page once and runs as ranges ("3, 7, 12–14"), each
number a link to the first element on its page.
"""

from __future__ import annotations

import copy

from lxml import etree

XHTML = "{http://www.w3.org/1999/xhtml}"
#: The blocks a note call can stand in (its passage), and whose lines can be let break alone.
BLOCKS = frozenset(
    {"p", "li", "dd", "dt", "blockquote", "div", "pre", "td", "th", "figcaption", "section"}
    | {"article", "h1", "h2", "h3", "h4", "h5", "h6"}
)

_PARSER = etree.XMLParser(
    resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True, remove_comments=True
)


def parse(text: str) -> etree._Element:
    """The stylesheet's XHTML as a tree of HTML elements (no namespace), which lxml then
    writes as HTML (void elements as <br>, the others closed)."""
    root = etree.fromstring(text.encode("utf-8"), _PARSER)
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.startswith(XHTML):
            el.tag = el.tag[len(XHTML) :]
    etree.cleanup_namespaces(root)
    return root


def serialize(root: etree._Element) -> str:
    return "<!DOCTYPE html>\n" + etree.tostring(root, method="html", encoding="unicode")


def _path(el: etree._Element) -> list[int]:
    """Where an element is, as child indexes from the root."""
    path = []
    while (parent := el.getparent()) is not None:
        path.append(parent.index(el))
        el = parent
    return path[::-1]


def _at(root: etree._Element, path: list[int]) -> etree._Element:
    for i in path:
        root = root[i]
    return root


def _starts(body: etree._Element) -> list[etree._Element]:
    """The marks that begin a part: those with something printed (text, or an element that
    closed) since the previous one."""
    starts = []
    printed = True  # the body's beginning
    for event, el in etree.iterwalk(body, events=("start", "end")):
        if event == "start":
            if el.get("data-break") == "page" and printed and el is not body:
                starts.append(el)
                printed = False
            if el.text and el.text.strip():
                printed = True
        else:
            printed = True if el is not body else printed
            if el.tail and el.tail.strip():
                printed = True
    # the first part begins with the body, whatever its first mark
    return starts


class Part:
    """A stretch of the book from one mark to the next, as an HTML document of its own."""

    def __init__(self, root: etree._Element, rtl: bool, separator: str):
        self.root = root
        self.rtl = rtl
        self.separator = separator
        self.ids = {el.get("id") for el in root.iter() if isinstance(el.tag, str) and el.get("id")}
        self._single = root.xpath("//*[@data-page-of]")
        self._lists = root.xpath("//*[@data-pages-of]")
        self._calls = root.xpath("//a[@class='noteref'][@id][starts-with(@href, '#')]")
        self._blocks: dict[str, etree._Element] = {}
        for n, el in enumerate(root.find("body").iter(*BLOCKS)):
            if not el.get("id"):
                el.set("data-b", str(n))
            self._blocks[el.get("id") or el.get("data-b")] = el

    def side(self, start: int) -> str:
        """The side of the spread page `start` is on (page 1 on the right, in a book read from
        left to right)."""
        return "right" if (start % 2 == 1) != self.rtl else "left"

    def fill(self, pages: dict[str, int]) -> dict[str, int | None]:
        """The pages written in; what was printed for each id (None: not known yet)."""
        used: dict[str, int | None] = {}
        for el in self._single:
            target = el.get("data-page-of")
            page = used[target] = pages.get(target)
            for child in list(el):
                el.remove(child)
            el.text = str(page) if page is not None else ""
        for el in self._lists:
            targets = el.get("data-pages-of").split()
            for t in targets:
                used[t] = pages.get(t)
            write_page_list(el, page_runs(targets, pages), self.separator)
        return used

    def html(self) -> str:
        return serialize(self.root)

    def strays(self, found: dict[str, int]) -> list[tuple[str, str]]:
        """(call id, note id) of the footnotes set on another page than their call."""
        out = []
        for call in self._calls:
            note = call.get("href")[1:]
            if note in found and found.get(note) != found.get(call.get("id")):
                out.append((call.get("id"), note))
        return out

    def _call(self, call_id: str) -> etree._Element | None:
        return next((c for c in self._calls if c.get("id") == call_id), None)

    def block(self, key: str) -> etree._Element | None:
        """A block by its id or its data-b (blocks without an id are numbered so)."""
        return self._blocks.get(key)

    def restyle(self, key: str, declaration: str) -> bool:
        """Add a CSS declaration to a block's style; whether it was new."""
        el = self.block(key)
        if el is None or declaration in el.get("style", ""):
            return False
        el.set("style", f"{el.get('style', '')}; {declaration}".strip("; "))
        return True

    def passage(self, call_id: str) -> str | None:
        """The key of the block a note call stands in (its passage)."""
        call = self._call(call_id)
        if call is None:
            return None
        passage = call.get("data-passage")
        if passage and passage in self._blocks:
            return passage
        block = next((a for a in call.iterancestors() if a.tag in BLOCKS), None)
        return None if block is None else block.get("id") or block.get("data-b")


def page_runs(targets: list[str], pages: dict[str, int]) -> list[tuple[int, str, int, str]]:
    """The pages of some elements, each once, in order, consecutive pages as runs: (first
    page, the first element on it, last page, the first element on that)."""
    first_on: dict[int, str] = {}
    for t in targets:
        page = pages.get(t)
        if page is not None and page not in first_on:
            first_on[page] = t
    runs: list[tuple[int, str, int, str]] = []
    for page in sorted(first_on):
        if runs and runs[-1][2] == page - 1:
            runs[-1] = (runs[-1][0], runs[-1][1], page, first_on[page])
        else:
            runs.append((page, first_on[page], page, first_on[page]))
    return runs


def write_page_list(el: etree._Element, runs, separator: str) -> None:
    """ "3, 7, 12–14" into `el`, each number a link."""
    for child in list(el):
        el.remove(child)
    el.text = ""
    last = None

    def link(page: int, target: str) -> etree._Element:
        a = etree.SubElement(el, "a", {"class": "pageref-n", "href": f"#{target}"})
        a.text = str(page)
        return a

    for i, (first, first_id, end, end_id) in enumerate(runs):
        if i:
            last.tail = separator
        last = link(first, first_id)
        if end != first:
            last.tail = "–"
            last = link(end, end_id)


class Book:
    """The stylesheet's book, and its parts."""

    def __init__(self, text: str):
        self.root = parse(text)
        body = self.root.find("body")
        self.rtl = self.root.get("dir") == "rtl"
        self.separator = body.get("data-list") or ", "
        self.parts = [
            Part(root, self.rtl, self.separator) for root in _cut(self.root, _starts(body))
        ]

    def filled(self, pages: dict[str, int]) -> str:
        """The whole book with the pages written in."""
        Part(self.root, self.rtl, self.separator).fill(pages)
        return serialize(self.root)

    def missing(self, pages: dict[str, int]) -> list[str]:
        """The ids whose page is asked for but which no part holds."""
        wanted = set()
        for el in self.root.xpath("//*[@data-page-of]"):
            wanted.add(el.get("data-page-of"))
        for el in self.root.xpath("//*[@data-pages-of]"):
            wanted.update(el.get("data-pages-of").split())
        return sorted(w for w in wanted if w not in pages)


def _cut(root: etree._Element, starts: list[etree._Element]) -> list[etree._Element]:
    """The document cut before each of `starts`: a copy of it per part, holding the part's
    stretch and its ancestors (an ancestor begun in an earlier part without its id)."""
    paths = [_path(s) for s in starts]
    out = []
    for i in range(len(starts) + 1):
        part = copy.deepcopy(root)
        body = part.find("body")
        end = _at(part, paths[i]) if i < len(paths) else None
        begin = _at(part, paths[i - 1]) if i > 0 else None
        if end is not None:
            node = end
            while node is not body:
                parent = node.getparent()
                for sib in list(node.itersiblings()):
                    parent.remove(sib)
                if node is end:
                    parent.remove(node)
                else:
                    node.tail = None
                node = parent
        if begin is not None:
            node = begin
            while node is not body:
                parent = node.getparent()
                for sib in list(node.itersiblings(preceding=True)):
                    parent.remove(sib)
                parent.text = None
                if parent is not body and parent.get("id"):
                    del parent.attrib["id"]
                node = parent
        out.append(part)
    return out
