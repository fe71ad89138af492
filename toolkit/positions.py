"""Line and column of any element or character of text, for reports that point at the source.

lxml gives each element the line its start tag is on, but no column and nothing for text
after a child element (the `tail`). Editions often keep a whole paragraph on one line, so a
report needs columns. We re-read the file and walk its markup in step with the tree: the
n-th start tag, comment or processing instruction in the file is the n-th node of
`root.iter()`, and the character data between them belongs to a node's text or tail. If the
walk disagrees with the tree anywhere (XInclude spliced in another file, an unusual
encoding), we fall back to lxml's line numbers without columns rather than guess.
"""

from __future__ import annotations

import bisect
import re

from lxml import etree

from toolkit.source import Source

# One markup token: comment, CDATA section, processing instruction, end tag, start/empty tag.
_TOKEN = re.compile(
    r"<!--.*?-->"
    r"|<!\[CDATA\[.*?\]\]>"
    r"|<\?.*?\?>"
    r"|</[^>]*>"
    r"|<[^\s/>!?](?:[^>\"']|\"[^\"]*\"|'[^']*')*>",
    re.S,
)
_REFERENCE = re.compile(r"&(#x[0-9A-Fa-f]+|#[0-9]+|[A-Za-z_][\w.-]*);|\r\n?")
_PREDEFINED = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}
_ROOT_START = re.compile(r"<[^\s/>!?]")
_DOCTYPE = re.compile(r"<!DOCTYPE(?:[^\[>]|\[.*?\])*>", re.S)


class _Slot:
    """The pieces of one text or tail: where each starts in the string and in the file."""

    __slots__ = ("starts", "raw", "literal", "parts", "length")

    def __init__(self) -> None:
        self.starts: list[int] = []
        self.raw: list[int] = []
        self.literal: list[bool] = []
        self.parts: list[str] = []
        self.length = 0

    def add(self, decoded: str, raw_offset: int, literal: bool = True) -> None:
        """Append `decoded`, found at `raw_offset` in the file.

        Literal text maps one character to one file character; a character reference or a
        CRLF (literal=False) decodes to one character standing for several.
        """
        self.starts.append(self.length)
        self.raw.append(raw_offset)
        self.literal.append(literal)
        self.parts.append(decoded)
        self.length += len(decoded)

    def value(self) -> str:
        return "".join(self.parts)


class Positions:
    """Where things are in one source file."""

    def __init__(self, source: Source):
        self.path = str(source.path)
        self._elements: dict[etree._Element, int] = {}
        self._slots: dict[tuple[etree._Element, str], tuple[list[int], list[int], list[bool]]] = {}
        self._line_starts: list[int] = [0]
        self.exact = False
        #: The file's text as decoded (BOM removed), which the offsets below index.
        self.text: str | None = None
        try:
            raw = _decode(source)
        except (UnicodeDecodeError, LookupError, OSError):
            return
        self.text = raw
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", raw)]
        self.exact = self._align(source.root, raw)
        if not self.exact:
            self._elements.clear()
            self._slots.clear()

    # -- public -----------------------------------------------------------------------------

    def element(self, el: etree._Element) -> tuple[int | None, int | None]:
        """Line and column of an element's start tag."""
        offset = self._elements.get(el)
        if offset is None:
            return el.sourceline, None
        return self._line_col(offset)

    def char(self, el: etree._Element, slot: str, index: int) -> tuple[int | None, int | None]:
        """Line and column of character `index` of `el.text` (slot "text") or `el.tail`."""
        offset = self.char_offset(el, slot, index)
        if offset is None:
            return self._fallback(el, slot, index)
        return self._line_col(offset)

    def offset(self, el: etree._Element) -> int | None:
        """Where an element's start tag (or a comment or PI) begins in `text`."""
        return self._elements.get(el)

    def char_offset(self, el: etree._Element, slot: str, index: int) -> int | None:
        """Where character `index` of `el.text` or `el.tail` is in `text` (a character
        reference or CRLF standing for it: its first character)."""
        entry = self._slots.get((el, slot))
        if entry is None:
            return None
        starts, raws, literal = entry
        i = max(bisect.bisect_right(starts, index) - 1, 0)
        return raws[i] + (index - starts[i] if literal[i] else 0)

    def line_col(self, offset: int) -> tuple[int, int]:
        """Line and column of an offset in `text`."""
        return self._line_col(offset)

    # -- internals --------------------------------------------------------------------------

    def _line_col(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_right(self._line_starts, offset)
        return line, offset - self._line_starts[line - 1] + 1

    def _fallback(self, el: etree._Element, slot: str, index: int) -> tuple[int | None, None]:
        if el.sourceline is None:
            return None, None
        if slot == "text":
            return el.sourceline + (el.text or "")[:index].count("\n"), None
        return el.sourceline, None

    def _align(self, root: etree._Element, raw: str) -> bool:
        nodes = list(root.iter())
        pos = _root_start(raw)
        if pos is None or not nodes:
            return False
        index = 0
        stack: list[etree._Element] = []
        slots: dict[tuple[etree._Element, str], _Slot] = {}
        current: tuple[etree._Element, str] | None = None
        while pos < len(raw):
            match = _TOKEN.search(raw, pos)
            end = match.start() if match else len(raw)
            if current is not None and end > pos:
                _add_text(slots, current, raw, pos, end)
            if match is None:
                break
            token = match.group()
            pos = match.end()
            if token.startswith("<![CDATA["):
                if current is not None:
                    slot = slots.setdefault(current, _Slot())
                    slot.add(token[9:-3], match.start() + 9)
                continue
            if token.startswith("</"):
                if not stack:
                    return False
                current = (stack.pop(), "tail")
                if not stack:
                    break
                continue
            if index >= len(nodes):
                return False
            node = nodes[index]
            index += 1
            self._elements[node] = match.start()
            if token.startswith(("<!--", "<?")):
                if not isinstance(node, (etree._Comment, etree._ProcessingInstruction)):
                    return False
                current = (node, "tail")
                continue
            if not isinstance(node.tag, str):
                return False
            if token.endswith("/>"):
                current = (node, "tail")
                if not stack:
                    break
            else:
                stack.append(node)
                current = (node, "text")
        if index != len(nodes):
            return False
        for (node, kind), slot in slots.items():
            expected = (node.text if kind == "text" else node.tail) or ""
            if slot.value() != expected:
                return False
            self._slots[(node, kind)] = (slot.starts, slot.raw, slot.literal)
        return all(
            ((n, k) in self._slots) or not ((n.text if k == "text" else n.tail) or "")
            for n in nodes
            for k in (("text", "tail") if isinstance(n.tag, str) else ("tail",))
            if n is not root or k == "text"
        )


def _add_text(slots: dict, key: tuple, raw: str, start: int, end: int) -> None:
    slot = slots.setdefault(key, _Slot())
    pos = start
    for ref in _REFERENCE.finditer(raw, start, end):
        if ref.start() > pos:
            slot.add(raw[pos : ref.start()], pos)
        name = ref.group(1)
        if name is None:  # CRLF or lone CR: the parser reads one newline
            decoded = "\n"
        elif name.startswith("#x"):
            decoded = chr(int(name[2:], 16))
        elif name.startswith("#"):
            decoded = chr(int(name[1:]))
        else:
            decoded = _PREDEFINED.get(name, ref.group())
        slot.add(decoded, ref.start(), literal=False)
        pos = ref.end()
    if end > pos:
        slot.add(raw[pos:end], pos)


def _root_start(raw: str) -> int | None:
    """Offset of the root element's start tag, past the declaration, comments, PIs, DOCTYPE."""
    pos = 0
    while True:
        while pos < len(raw) and raw[pos] in " \t\r\n\ufeff":
            pos += 1
        if raw.startswith("<!DOCTYPE", pos):
            match = _DOCTYPE.match(raw, pos)
        elif raw.startswith(("<?", "<!--"), pos):
            match = _TOKEN.match(raw, pos)
        else:
            return pos if _ROOT_START.match(raw, pos) else None
        if match is None:
            return None
        pos = match.end()


def _decode(source: Source) -> str:
    data = source.path.read_bytes()
    encoding = (source.tree.docinfo.encoding or "utf-8").lower()
    if encoding in ("utf-8", "utf8"):
        encoding = "utf-8-sig"
    return data.decode(encoding)
