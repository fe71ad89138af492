"""Fixes as edits of the file's own text, never a re-serialisation: a fix replaces a few
characters at an element's position (an attribute value, a name wrapped in a tag) and every
other byte of the file stays as it was.

A fix is offered only where it is certain to mean what it says: the positions of the file
are exact (no XInclude), the text to wrap is literal in the file (no character reference, no
markup inside), and the file is UTF-8 or ASCII, so that a unified diff of its text applies to
its bytes.
"""

from __future__ import annotations

import codecs
import difflib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from toolkit.check.registry import Edit
from toolkit.check.text import Stream
from toolkit.errors import InputError, shown
from toolkit.output import write_bytes
from toolkit.registers import local
from toolkit.source import TEI_NS

if TYPE_CHECKING:
    from toolkit.check.document import Document

_START_TAG = re.compile(r"<([^\s/>!?]+)(?:[^>\"']|\"[^\"]*\"|'[^']*')*>")
_ATTRIBUTE = re.compile(r"""\s+([^\s=/>]+)\s*=\s*("[^"]*"|'[^']*')""")
_TAG_END = re.compile(r"\s*/?>")
_ESCAPES = {"&": "&amp;", "<": "&lt;", '"': "&quot;", "'": "&apos;"}


def _escape(value: str) -> str:
    return re.sub(r"[&<\"']", lambda m: _ESCAPES[m.group()], value)


def set_attribute(doc: Document, el: etree._Element, name: str, value: str) -> list[Edit]:
    """Give `el` the attribute (replacing the value it has, else added after the others)."""
    text = doc.positions.text
    offset = doc.positions.offset(el)
    if text is None or offset is None:
        return []
    tag = _START_TAG.match(text, offset)
    if tag is None or tag.group(1).rsplit(":", 1)[-1] != local(el):
        return []
    pos = tag.end(1)
    while (attribute := _ATTRIBUTE.match(text, pos, tag.end())) is not None:
        if attribute.group(1) == name:
            start, end = attribute.span(2)
            return [Edit(start + 1, end - 1, _escape(value))]
        pos = attribute.end()
    if not _TAG_END.fullmatch(text, pos, tag.end()):
        return []
    return [Edit(pos, pos, f' {name}="{_escape(value)}"')]


def wrap_text(doc: Document, stream: Stream, start: int, end: int, element: str,
              attributes: dict[str, str]) -> list[Edit]:  # fmt: skip
    """Wrap characters start..end of a stream in a TEI element with `attributes`."""
    el, slot, offset = stream.locate(start)
    last = stream.locate(end - 1)
    if slot == "start" or last[:2] != (el, slot):
        return []
    at = doc.positions.char_offset(el, slot, offset)
    words = stream.text[start:end]
    if at is None or doc.positions.text[at : at + len(words)] != words:
        return []
    prefix = _tei_prefix(el if slot == "text" else el.getparent())
    if prefix is None:
        return []
    attrs = "".join(f' {k}="{_escape(v)}"' for k, v in attributes.items())
    tag = prefix + element
    return [Edit(at, at + len(words), f"<{tag}{attrs}>{words}</{tag}>")]


def _tei_prefix(el: etree._Element | None) -> str | None:
    """How a TEI element is written where `el` is: no prefix, "tei:", or None (cannot be)."""
    if el is None:
        return None
    nsmap = el.nsmap
    if nsmap.get(None) == TEI_NS:
        return ""
    return next((f"{p}:" for p, uri in nsmap.items() if p and uri == TEI_NS), None)


# -- a file's fixes --------------------------------------------------------------------------


@dataclass
class FileFix:
    """The fixed text of one file and what it was."""

    path: Path
    before: str
    after: str
    bom: bytes
    fixed: int  # fixes made (a renumbering of notes is one)

    def diff(self) -> str:
        """A unified diff that `git apply` applies from the current folder."""
        label = self.path.as_posix()
        if self.path.is_absolute() and self.path.is_relative_to(Path.cwd()):
            label = self.path.relative_to(Path.cwd()).as_posix()
        lines = difflib.unified_diff(
            self.before.splitlines(keepends=True),
            self.after.splitlines(keepends=True),
            git_path(f"a/{label}"),
            git_path(f"b/{label}"),
        )
        out = []
        for line in lines:
            out.append(line)
            if not line.endswith("\n"):
                out.append("\n\\ No newline at end of file\n")
        return "".join(out)

    def write(self) -> None:
        """Replace the file atomically (a symbolic link: the file it points at)."""
        target = Path(os.path.realpath(self.path))
        if not target.is_file():
            raise InputError("not a regular file: --fix --write changes regular files only",
                             self.path)  # fmt: skip
        mode = target.stat().st_mode & 0o7777
        write_bytes(target, self.bom + self.after.encode("utf-8"))
        if mode != 0o644:
            os.chmod(target, mode)


def git_path(label: str) -> str:
    """A path as a diff header writes it: as it is, or, when it holds a character that could
    end the line or disguise the name (a newline, a bidirectional control), a quote or a
    backslash, in double quotes with C escapes and its other bytes in octal, as git writes
    and `git apply` reads it; a name cannot forge a header or a hunk of the diff."""
    if shown(label) == label and '"' not in label and "\\" not in label:
        return label
    out = []
    for byte in label.encode("utf-8", "surrogateescape"):
        char = chr(byte)
        if char in '"\\':
            out.append("\\" + char)
        elif char in _C_ESCAPES:
            out.append(_C_ESCAPES[char])
        elif byte < 0x20 or byte >= 0x7F:
            out.append(f"\\{byte:03o}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


_C_ESCAPES = {"\a": "\\a", "\b": "\\b", "\t": "\\t", "\n": "\\n", "\v": "\\v",
              "\f": "\\f", "\r": "\\r"}  # fmt: skip


def fix_file(doc: Document, edits: list[list[Edit]]) -> FileFix | None:
    """Apply each finding's edits (a finding whose edits overlap another's is left)."""
    text = doc.positions.text
    if text is None or not doc.positions.exact or not any(edits):
        return None
    encoding = codecs.lookup(doc.source.tree.docinfo.encoding or "utf-8").name
    if encoding not in ("utf-8", "ascii"):
        return None
    data = doc.source.path.read_bytes()
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    if bom + text.encode("utf-8") != data:
        return None
    taken: list[Edit] = []
    fixed = 0
    for group in sorted((g for g in edits if g), key=lambda g: min(e.start for e in g)):
        if any(e.start < t.end and t.start < e.end or e == t for e in group for t in taken):
            continue
        taken.extend(group)
        fixed += 1
    parts, pos = [], 0
    for edit in sorted(taken, key=lambda e: (e.start, e.end)):
        parts.append(text[pos : edit.start])
        parts.append(edit.text)
        pos = edit.end
    parts.append(text[pos:])
    return FileFix(doc.source.path, text, "".join(parts), bom, fixed)
