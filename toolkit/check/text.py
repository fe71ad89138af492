"""The running text as streams of characters, for searching names and citations across inline
markup, and the small text helpers the rules' messages share.

A stream is one passage (a note is a passage of its own, so that a name in a note is found
where the note stands, not in the middle of the sentence it is attached to). Text that is
not to be searched for untagged names (inside naming elements, titles, dates, words cited
as words, code, deletions ...) is kept in the stream but masked, so positions stay true.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from functools import cached_property

from lxml import etree

from toolkit.registers import MENTION_ELEMENTS, XML_ID, Entry, local, normalise
from toolkit.source import TEI_NS

_NAMING = (MENTION_ELEMENTS - {"bibl", "biblStruct", "author", "editor", "title"}) | {
    "roleName", "addName", "forename", "surname", "genName", "nameLink",
}  # fmt: skip
_NOT_SCANNED = {
    "title", "mentioned", "gi", "att", "tag", "val", "code", "idno", "ptr", "publisher",
    "distributor", "del", "surplus", "fw", "metamark", "date", "time",
}  # fmt: skip
_CITES = {"bibl", "biblStruct", "title", "ref", "citedRange", "biblScope"}
_BLOCK = {
    "p", "ab", "head", "l", "lg", "item", "list", "div", "div1", "div2", "div3", "div4",
    "div5", "div6", "div7", "cell", "row", "table", "figure", "figDesc", "sp", "speaker",
    "stage", "trailer", "byline", "dateline", "opener", "closer", "salute", "signed",
    "epigraph", "argument", "docTitle", "titlePart", "docAuthor", "docDate", "docImprint",
    "titlePage", "front", "body", "back", "group", "text", "floatingText", "castList",
    "listBibl", "postscript", "entry", "form", "sense",
}  # fmt: skip
_CHOICE_SKIP = {"sic", "orig", "expan"}
_MILESTONES = {"pb", "cb", "milestone", "anchor", "index"}
SEP = "\ufffc"

KIND_WORD = {
    "person": "person", "place": "place", "org": "organisation", "event": "event",
    "object": "object", "work": "work",
}  # fmt: skip


@dataclass
class Stream:
    """One passage's text with a map back to the tree."""

    chars: list[str] = field(default_factory=list)
    length: int = 0
    starts: list[int] = field(default_factory=list)
    where: list[tuple[etree._Element, str]] = field(default_factory=list)
    masked: list[tuple[int, int]] = field(default_factory=list)
    cites: list[tuple[int, int, etree._Element]] = field(default_factory=list)

    def add(self, text: str | None, el: etree._Element, slot: str) -> None:
        if text:
            self.starts.append(self.length)
            self.where.append((el, slot))
            self.chars.append(text)
            self.length += len(text)

    def sep(self, el: etree._Element, char: str = SEP) -> None:
        self.starts.append(self.length)
        self.where.append((el, "start"))
        self.chars.append(char)
        self.length += 1

    def locate(self, index: int) -> tuple[etree._Element, str, int]:
        """The node, slot ("text", "tail" or "start") and offset of character `index`."""
        i = bisect.bisect_right(self.starts, index) - 1
        el, slot = self.where[i]
        return el, slot, index - self.starts[i]

    @cached_property
    def text(self) -> str:
        """The whole passage (read once the stream is complete)."""
        return "".join(self.chars)

    def searchable(self) -> str:
        """The text with masked spans blanked out."""
        view = list(self.text)
        for start, end in self.masked:
            view[start:end] = SEP * (end - start)
        return "".join(view)


def streams(roots: list[etree._Element], skip: set[etree._Element]) -> list[Stream]:
    queue = list(roots)
    found = []
    while queue:
        root = queue.pop(0)
        stream = Stream()
        _walk(root, stream, queue, skip, masked=False)
        found.append(stream)
    return found


def _walk(el, stream: Stream, queue: list, skip: set, masked: bool) -> None:
    stream.add(el.text, el, "text")
    parent_name = local(el)
    for child in el:
        if isinstance(child.tag, str):
            name = local(child)
            if child.tag[:1] == "{" and not child.tag.startswith("{" + TEI_NS):
                stream.sep(child)
            elif name == "note":
                stream.sep(child)
                queue.append(child)
            elif child in skip or name == "gap":
                stream.sep(child)
            elif name in _CHOICE_SKIP and parent_name == "choice" or name in _MILESTONES:
                pass
            elif name == "lb":
                if child.get("break") != "no":
                    stream.sep(child, " ")
            else:
                block = name in _BLOCK
                if block:
                    stream.sep(child)
                start = stream.length
                hidden = masked or name in _NAMING or name in _NOT_SCANNED
                _walk(child, stream, queue, skip, hidden)
                if hidden and not masked and stream.length > start:
                    stream.masked.append((start, stream.length))
                if name in _CITES:
                    stream.cites.append((start, stream.length, child))
                if block:
                    stream.sep(child)
        stream.add(child.tail, child, "tail")


# -- words for messages ----------------------------------------------------------------------


def form_key(text: str) -> str:
    """A name as compared: spaces normalised, curly apostrophes straight."""
    return normalise(text).replace("’", "'")


def context(full: str, start: int, end: int, width: int = 40) -> str:
    """Up to `width` characters either side, in whole words, within the match's block."""
    window_before = full[max(0, start - width) : start]
    window_after = full[end : end + width]
    before = window_before.rsplit(SEP, 1)[-1]
    after = window_after.split(SEP, 1)[0]
    lead = trail = ""
    if len(before) == len(window_before) and start > width:
        before = before.split(" ", 1)[1] if " " in before else ""
        lead = "…"
    if len(after) == len(window_after) and end + width < len(full):
        after = after.rsplit(" ", 1)[0] if " " in after else ""
        trail = "…"
    return f'"{lead}' + normalise(f"{before}**{full[start:end]}**{after}") + f'{trail}"'


def article(word: str) -> str:
    """ "a person", "an event", "an organisation"."""
    return f"{'an' if word[:1] in 'aeiou' else 'a'} {word}"


def short(text: str, limit: int = 60) -> str:
    text = normalise(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def passage(el: etree._Element | None) -> str | None:
    """The xml:id of the nearest element (itself included) that has one."""
    while el is not None:
        xml_id = el.get(XML_ID) if isinstance(el.tag, str) else None
        if xml_id:
            return xml_id
        el = el.getparent()
    return None


def entry_label(entry: Entry) -> str:
    return f"{entry.element} {entry.id}" if entry.id else f"<{entry.element}>"
