"""Line and column of a node a validator complains about.

libxml2 gives each element the line its start tag *ends* on and no column, and Saxon reports
nodes as XPath 3 `path()` strings. Editions keep whole paragraphs on one line, so a useful
report needs the column, and an attribute's own position. We find the start tags in the
file text once (only when there is something to report) and pair the n-th start tag with
the n-th element of the tree; if the two disagree (XInclude spliced in another file) we fall
back to lxml's line numbers without columns rather than guess.
"""

from __future__ import annotations

import bisect
import re

from lxml import etree

from toolkit.source import Source

_MARKUP = re.compile(
    r"<!--.*?-->"
    r"|<!\[CDATA\[.*?\]\]>"
    r"|<\?.*?\?>"
    r"|<!DOCTYPE(?:[^\[>]|\[.*?\])*>"
    r"|<(?P<name>[^\s/>!?][^\s/>]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>",
    re.S,
)
# One step of a path() string: element, attribute, text/comment, PI or namespace node.
_STEP = re.compile(
    r"/(?:Q\{(?P<uri>[^}]*)\}(?P<local>[^\[/]+)\[(?P<n>\d+)\]"
    r"|@(?:Q\{(?P<auri>[^}]*)\})?(?P<alocal>[^/]+)"
    r"|(?:text|comment)\(\)\[\d+\]"
    r"|processing-instruction\([^)]*\)\[\d+\]"
    r"|namespace::[^/]*)"
)


class Locator:
    """Positions of the elements and attributes of one loaded source."""

    def __init__(self, source: Source):
        self.source = source
        self._elements: list[etree._Element] | None = None
        self._index: dict[etree._Element, int] = {}
        self._tags: list[re.Match] = []
        self._raw = ""
        self._line_starts: list[int] = [0]
        self.exact = False

    # -- lookups ----------------------------------------------------------------------------

    def node(self, path: str) -> tuple[etree._Element | None, str | None]:
        """The element a Saxon `path()` names, and the attribute's Clark name if it names one.

        Text, comment and PI steps resolve to their parent element.
        """
        el: etree._Element | None = None
        attribute = None
        pos = 0
        for step in _STEP.finditer(path):
            if step.start() != pos:
                break
            pos = step.end()
            if step.group("local") is not None:
                tag = _clark(step.group("uri"), step.group("local"))
                n = int(step.group("n"))
                if el is None:
                    root = self.source.root
                    el = root if root.tag == tag and n == 1 else None
                else:
                    matches = [c for c in el if c.tag == tag]
                    el = matches[n - 1] if len(matches) >= n else None
                if el is None:
                    return None, None
            elif step.group("alocal") is not None:
                attribute = _clark(step.group("auri"), step.group("alocal"))
        if path == "/" or el is None and path.startswith("/"):
            return self.source.root, None
        return el, attribute

    def position(self, el: etree._Element | None, attribute: str | None = None):
        """(line, column) of an element's start tag, or of one of its attributes."""
        if el is None:
            return None, None
        self._align()
        i = self._index.get(el) if self.exact else None
        if i is None:
            return el.sourceline, None
        tag = self._tags[i]
        offset = tag.start()
        if attribute is not None:
            local = etree.QName(attribute).localname
            found = re.search(
                rf"[\s\"'](?:[\w.-]+:)?{re.escape(local)}\s*=", self._raw[tag.start() : tag.end()]
            )
            if found:
                offset = tag.start() + found.start() + 1
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def at_path(self, path: str) -> tuple[int | None, int | None]:
        return self.position(*self.node(path))

    def near(self, line: int, local: str | None = None) -> etree._Element | None:
        """The element named `local` that libxml2 means by `line`: the last one whose start
        tag ends on or before that line, else the first after it."""
        last = None
        for el in self.source.root.iter(etree.Element):
            if local is not None and etree.QName(el).localname != local:
                continue
            if el.sourceline is not None and el.sourceline > line:
                return last if last is not None else el
            last = el
        return last

    # -- internals --------------------------------------------------------------------------

    def _align(self) -> None:
        if self._elements is not None:
            return
        self._elements = list(self.source.root.iter(etree.Element))
        try:
            raw = _decode(self.source)
        except (UnicodeDecodeError, LookupError, OSError):
            return
        tags = [m for m in _MARKUP.finditer(raw) if m.group("name")]
        if len(tags) != len(self._elements):
            return
        for el, tag in zip(self._elements, tags, strict=True):
            if tag.group("name").rpartition(":")[2] != etree.QName(el).localname:
                return
        self._raw = raw
        self._tags = tags
        self._index = {el: i for i, el in enumerate(self._elements)}
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", raw)]
        self.exact = True


def _clark(uri: str | None, local: str) -> str:
    return f"{{{uri}}}{local}" if uri else local


def _decode(source: Source) -> str:
    data = source.path.read_bytes()
    encoding = (source.tree.docinfo.encoding or "utf-8").lower()
    if encoding in ("utf-8", "utf8"):
        encoding = "utf-8-sig"
    return data.decode(encoding).replace("\r\n", "\n").replace("\r", "\n")
