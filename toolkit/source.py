"""The one safe way in: every command reads TEI through `load`.

No entity expansion, no DTD loading, no network; a document that declares entities or
points at an external DTD is refused rather than half-trusted. XInclude is resolved here,
by our own code, and only for files inside the input's own folder.
"""

from __future__ import annotations

import copy
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from toolkit.errors import InputError

TEI_NS = "http://www.tei-c.org/ns/1.0"
XI_NS = "http://www.w3.org/2001/XInclude"
TEI_ROOTS = {f"{{{TEI_NS}}}TEI", f"{{{TEI_NS}}}teiCorpus"}

#: Documented limits; override with TEIKIT_MAX_BYTES / TEIKIT_MAX_DEPTH.
DEFAULT_MAX_BYTES = 200 * 1024 * 1024
DEFAULT_MAX_DEPTH = 256  # also libxml2's cap without XML_PARSE_HUGE
MAX_XINCLUDE_DEPTH = 8


def limits() -> tuple[int, int]:
    """The size and depth limits in force (environment overrides the defaults)."""

    def env_int(name: str, default: int) -> int:
        value = os.environ.get(name, "")
        return int(value) if value.isdigit() else default

    return env_int("TEIKIT_MAX_BYTES", DEFAULT_MAX_BYTES), env_int(
        "TEIKIT_MAX_DEPTH", DEFAULT_MAX_DEPTH
    )


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        load_dtd=False,
        dtd_validation=False,
        no_network=True,
        huge_tree=False,  # libxml2's own caps (depth 256, 10 MB text nodes) stay on
        collect_ids=False,  # duplicate xml:ids are a validation finding, not a parse failure
        remove_comments=False,
        remove_pis=False,
    )


@dataclass
class Source:
    """A parsed, checked TEI document."""

    path: Path
    tree: etree._ElementTree
    _text: str | None = field(default=None, repr=False)
    _xdm: object = field(default=None, repr=False, compare=False)  # see toolkit.xslt.document

    @property
    def root(self) -> etree._Element:
        return self.tree.getroot()

    @property
    def stem(self) -> str:
        return self.path.stem

    def xml_text(self) -> str:
        """The document re-serialised without DOCTYPE or entities, for the XSLT engine."""
        if self._text is None:
            self._text = etree.tostring(self.root, encoding="unicode")
        return self._text


#: libxml2's own caps, kept on (no XML_PARSE_HUGE): one text node, attribute value, comment,
#: processing instruction or CDATA section of at most 10,000,000 bytes; names of 50,000.
PARSER_MAX_TEXT = 10_000_000


def _syntax_error(path: Path, err: etree.XMLSyntaxError) -> InputError:
    line, col = err.position if getattr(err, "position", None) else (None, None)
    msg = err.msg or str(err)
    if "Excessive depth" in msg:
        return InputError(
            f"elements nest deeper than the limit of {DEFAULT_MAX_DEPTH} levels", path, line, col
        )
    if "Resource limit exceeded" in msg or " too big found" in msg:
        # Well-formed, but one piece is over the parser's cap: say so, not "not well-formed".
        what = msg.split(":")[-1].split(", try XML_PARSE_HUGE")[0].strip() or msg
        return InputError(
            f"one text node, attribute value, comment or CDATA section is longer than the "
            f"XML parser's limit of {PARSER_MAX_TEXT:,} bytes ({what}); split it up",
            path,
            line,
            col,
        )
    # libxml2 appends "(file, line N)" style suffixes; keep the message itself.
    msg = msg.split(", line ")[0] if ", line " in msg else msg
    return InputError(f"not well-formed XML: {msg}", path, line or None, col or None)


_DOCTYPE = re.compile(r"<!DOCTYPE\s+[^\s\[>]+\s+(SYSTEM|PUBLIC)\b")
_ENTITY = re.compile(r"<!ENTITY\b")


def _prolog(data: bytes) -> str:
    """The text before the root element, decoded well enough to look for a DOCTYPE."""
    head = data[:65536]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = head.decode("utf-16", errors="replace")
    elif head[:4] in (b"<\x00?\x00", b"\x00<\x00?"):
        text = head.decode("utf-16-le" if head[0] == 0x3C else "utf-16-be", errors="replace")
    else:
        text = head.decode("latin-1")
    end = (
        text.find("]>")
        if "<!DOCTYPE" in text and "[" in text.split("<!DOCTYPE", 1)[1][:200]
        else -1
    )
    return text[: end + 2] if end >= 0 else text[:4096]


def _refuse_dtd_features(data: bytes, path: Path) -> None:
    prolog = _prolog(data)
    if "<!DOCTYPE" not in prolog:
        return
    match = _DOCTYPE.search(prolog)
    if match:
        raise InputError(
            "the DOCTYPE points at an external DTD; teikit never loads DTDs "
            "(a safety rule): remove the DOCTYPE",
            path,
            prolog.count("\n", 0, match.start()) + 1,
        )
    match = _ENTITY.search(prolog)
    if match:
        raise InputError(
            "the DOCTYPE declares entities; teikit does not expand entities "
            "(a safety rule): replace them with their text or with characters",
            path,
            prolog.count("\n", 0, match.start()) + 1,
        )


def parse_bytes(data: bytes, path: Path) -> etree._ElementTree:
    """Parse bytes safely; refuse entity declarations and external DTDs."""
    if not data.strip():
        raise InputError("the file is empty (no XML document)", path)
    _refuse_dtd_features(data, path)
    try:
        tree = etree.ElementTree(etree.fromstring(data, _parser(), base_url=str(path)))
    except etree.XMLSyntaxError as err:
        raise _syntax_error(path, err) from None
    except ValueError as err:  # e.g. an unparsable encoding declaration
        raise InputError(f"cannot be read as XML: {err}", path) from None
    info = tree.docinfo
    if info.system_url or info.public_id:
        raise InputError(
            f"the DOCTYPE points at an external DTD ({info.system_url or info.public_id}); "
            "teikit never loads DTDs: remove the DOCTYPE",
            path,
        )
    dtd = info.internalDTD
    if dtd is not None and any(True for _ in dtd.iterentities()):
        raise InputError(
            "the DOCTYPE declares entities; teikit does not expand entities "
            "(a safety rule): replace them with their text or with characters",
            path,
        )
    for node in tree.iter(etree.Entity):
        raise InputError(
            f"undeclared or unexpanded entity reference {node.text}",
            path,
            node.sourceline,
        )
    return tree


def _check_depth(root: etree._Element, path: Path, max_depth: int) -> None:
    stack = [(root, 1)]
    while stack:
        el, depth = stack.pop()
        if depth > max_depth:
            raise InputError(
                f"elements nest deeper than the limit of {max_depth} levels "
                "(set TEIKIT_MAX_DEPTH to raise it)",
                path,
                el.sourceline,
            )
        stack.extend((child, depth + 1) for child in el)


def _inside(folder: Path, target: Path) -> bool:
    try:
        target.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


@dataclass
class _Part:
    """One file taking part in XInclude: its tree, its includes, its size once expanded."""

    root: etree._Element
    includes: list[tuple[etree._Element, Path | str]]  # (xi:include, target file or text)
    size: int = 0


class _Includer:
    """Resolves XInclude for one document.

    Each file is read and parsed once, however often it is included, and the size of the
    document with every inclusion expanded is added up before anything is copied: a file
    that includes another ten times, which includes another ten times... (an "XInclude
    bomb") is refused in milliseconds, against TEIKIT_MAX_BYTES, instead of filling memory.
    """

    def __init__(self, folder: Path, max_bytes: int):
        self.folder = folder
        self.max_bytes = max_bytes
        self.parts: dict[Path, _Part] = {}
        self.texts: dict[tuple[Path, str], str] = {}
        self.active: list[Path] = []

    def plan(self, tree: etree._ElementTree, path: Path, size: int) -> _Part:
        """Find and size every inclusion under `tree` (recursively), copying nothing."""
        part = _Part(tree.getroot(), [], size)
        self.active.append(path.resolve())
        for inc in tree.iter(f"{{{XI_NS}}}include"):
            target, kind, encoding = self._target(inc, path)
            line = inc.sourceline
            if inc.getparent() is None:
                raise InputError("XInclude cannot be the root element", path, line)
            if kind == "text":
                key = (target.resolve(), encoding)
                if key not in self.texts:
                    self.texts[key] = self._read_text(target, encoding, inc.get("href"), path, line)
                text = self.texts[key]
                part.includes.append((inc, text))
                part.size += len(text.encode("utf-8"))
            else:
                resolved = target.resolve()
                if resolved in self.active:
                    raise InputError(
                        f"XInclude of {inc.get('href')!r} includes itself (a loop)", path, line
                    )
                sub = self.parts.get(resolved)
                if sub is None:
                    if len(self.active) >= MAX_XINCLUDE_DEPTH:
                        raise InputError(
                            f"XIncludes nest more than {MAX_XINCLUDE_DEPTH} files deep", path, line
                        )
                    data = self._read(target, path, line)
                    sub = self.plan(parse_bytes(data, target), target, len(data))
                    self.parts[resolved] = sub
                part.includes.append((inc, resolved))
                part.size += sub.size
            if part.size > self.max_bytes:
                raise InputError(
                    f"XIncludes expand to more than {self.max_bytes} bytes, the limit "
                    "(set TEIKIT_MAX_BYTES to raise it)",
                    path,
                    line,
                )
        self.active.pop()
        return part

    def _target(self, inc: etree._Element, path: Path) -> tuple[Path, str, str]:
        href = inc.get("href", "")
        line = inc.sourceline
        if not href or "://" in href or href.startswith(("/", "\\")) or ":" in href.split("/")[0]:
            raise InputError(
                f"XInclude href {href!r} is not a relative path inside the input's folder",
                path,
                line,
            )
        if inc.get("xpointer"):
            raise InputError("XInclude with xpointer is not supported", path, line)
        target = path.parent / href
        if not _inside(self.folder, target):
            raise InputError(
                f"XInclude href {href!r} points outside the input's folder", path, line
            )
        if not target.is_file():
            raise InputError(f"XInclude target {href!r} does not exist", path, line)
        return target, inc.get("parse", "xml"), inc.get("encoding") or "utf-8"

    def _read(self, target: Path, path: Path, line: int | None) -> bytes:
        size = target.stat().st_size
        if size > self.max_bytes:
            raise InputError(
                f"XInclude target {target.name!r} is {size} bytes, over the limit of "
                f"{self.max_bytes} (set TEIKIT_MAX_BYTES to raise it)",
                path,
                line,
            )
        try:
            return target.read_bytes()
        except OSError as err:
            message = f"XInclude target cannot be read: {err.strerror}"
            raise InputError(message, path, line) from None

    def _read_text(self, target, encoding, href, path, line) -> str:
        try:
            return self._read(target, path, line).decode(encoding)
        except (UnicodeDecodeError, LookupError) as err:
            message = f"XInclude text {href!r} cannot be decoded: {err}"
            raise InputError(message, path, line) from None

    def expand(self, part: _Part, done: dict[Path, etree._Element] | None = None) -> None:
        """Replace each xi:include under `part.root` by its (expanded) content, in place."""
        done = {} if done is None else done
        for inc, what in part.includes:
            if isinstance(what, str):
                _replace_with_text(inc, what)
                continue
            if what not in done:
                sub = self.parts[what]
                self.expand(sub, done)
                done[what] = sub.root
            new = copy.deepcopy(done[what])
            new.tail = inc.tail
            inc.getparent().replace(inc, new)


def _resolve_xincludes(tree: etree._ElementTree, path: Path, size: int, max_bytes: int) -> None:
    if next(tree.iter(f"{{{XI_NS}}}include"), None) is None:
        return
    includer = _Includer(path.parent, max_bytes)
    includer.expand(includer.plan(tree, path, size))


def _replace_with_text(inc: etree._Element, text: str) -> None:
    parent = inc.getparent()
    prev = inc.getprevious()
    joined = text + (inc.tail or "")
    if prev is not None:
        prev.tail = (prev.tail or "") + joined
    else:
        parent.text = (parent.text or "") + joined
    parent.remove(inc)


def load(path: str | Path, *, require_tei: bool = True) -> Source:
    """Read, parse and check one TEI file; raise InputError with a location on any problem."""
    path = Path(path)
    max_bytes, max_depth = limits()
    if not path.exists():
        raise InputError("no such file", path)
    if not path.is_file():
        raise InputError("not a file", path)
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(
            f"the file is {size} bytes, over the limit of {max_bytes} "
            "(set TEIKIT_MAX_BYTES to raise it)",
            path,
        )
    try:
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"cannot be read: {err.strerror}", path) from None
    tree = parse_bytes(data, path)
    if max_depth < DEFAULT_MAX_DEPTH:
        # A lower limit than the parser's own (which refuses a 257th level, exactly as
        # _check_depth would at the default): walk the tree.
        _check_depth(tree.getroot(), path, max_depth)
    if next(tree.iter(f"{{{XI_NS}}}include"), None) is not None:
        _resolve_xincludes(tree, path, len(data), max_bytes)
        _check_depth(tree.getroot(), path, max_depth)  # inclusions nest too
    root = tree.getroot()
    if require_tei and root.tag not in TEI_ROOTS:
        qname = etree.QName(root)
        if qname.localname in ("TEI", "teiCorpus") and qname.namespace != TEI_NS:
            why = (
                f"the root element <{qname.localname}> is not in the TEI namespace "
                f"(found {qname.namespace or 'no namespace'}; expected {TEI_NS})"
            )
        else:
            why = f"not a TEI document: the root element is <{qname.localname}>, not <TEI>"
        raise InputError(why, path, root.sourceline)
    return Source(path=path, tree=tree)
