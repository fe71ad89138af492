"""The one safe way in: every command reads TEI through `load`.

No network, no DTD read, no external entity: every resource the XML parser asks for (an
external DTD, an external entity) is answered by `_NoExternal` with nothing, so that no file
is ever opened on a document's say-so. What a DOCTYPE may bring is decided after the parse,
on what the parser saw: an external DTD that nothing needs is ignored (a warning); internal
entities that stand for text are expanded, within libxml2's bound on expansion; external
and parameter entities are refused. XInclude is resolved here, by our own code, and only
for files inside the input's own folder (an `xi:fallback` stands in for a target that
is not). Warnings go to `Source.warnings`, which every command prints.
"""

from __future__ import annotations

import codecs
import copy
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from toolkit.errors import InputError, InputWarning

TEI_NS = "http://www.tei-c.org/ns/1.0"
XI_NS = "http://www.w3.org/2001/XInclude"
TEI_ROOTS = {f"{{{TEI_NS}}}TEI", f"{{{TEI_NS}}}teiCorpus"}

#: Documented limits; override with TEIKIT_MAX_BYTES / TEIKIT_MAX_DEPTH.
DEFAULT_MAX_BYTES = 200 * 1024 * 1024
DEFAULT_MAX_DEPTH = 256  # also libxml2's cap without XML_PARSE_HUGE
MAX_XINCLUDE_DEPTH = 8
#: Distinct namespace bindings (prefix and URI) a document may use. Real TEI has a handful;
#: the XSLT engine's parser takes time quadratic in their number (100,000 took 2 minutes)
#: and stops at 2,047 prefixes.
MAX_NAMESPACES = 1000


def env_limit(name: str, default: int) -> int:
    """A whole number from the environment, or `default` when unset; anything else is a
    usage error (exit 2), never a silent default or a crash."""
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if not (value.isascii() and value.isdigit()) or int(value) == 0:
        raise InputError(f"{name}={value!r} is not a whole number above 0; unset it or fix it")
    return int(value)


def limits() -> tuple[int, int]:
    """The size and depth limits in force (environment overrides the defaults)."""
    return env_limit("TEIKIT_MAX_BYTES", DEFAULT_MAX_BYTES), env_limit(
        "TEIKIT_MAX_DEPTH", DEFAULT_MAX_DEPTH
    )


class _NoExternal(etree.Resolver):
    """Answers every request of the XML parser for an outside resource with empty content,
    so that nothing is opened, read or fetched, and records what was asked for.

    lxml's collect_ids=False (needed: a duplicate xml:id is a validation finding, not a
    parse failure) sets libxml2's XML_SKIP_IDS, which makes libxml2 ask for the external
    DTD even without load_dtd; every such request ends here.
    """

    def __init__(self) -> None:
        super().__init__()
        self.requests: list[str] = []

    def resolve(self, url, pubid, context):
        self.requests.append(url or pubid or "")
        return self.resolve_string("", context)


def _parser() -> tuple[etree.XMLParser, _NoExternal]:
    parser = etree.XMLParser(
        resolve_entities="internal",  # internal entities only; external ones stay undefined
        load_dtd=False,
        dtd_validation=False,
        attribute_defaults=False,
        no_network=True,
        huge_tree=False,  # libxml2's caps (depth 256, 10 MB text nodes, entity expansion) stay
        collect_ids=False,  # duplicate xml:ids are a validation finding, not a parse failure
        remove_comments=False,
        remove_pis=False,
    )
    guard = _NoExternal()
    parser.resolvers.add(guard)
    return parser, guard


@dataclass
class Source:
    """A parsed, checked TEI document."""

    path: Path
    tree: etree._ElementTree
    #: What the loader did that the user should know of (printed by every command).
    warnings: list[InputWarning] = field(default_factory=list)
    #: Every file read to make the document (the input and its XIncludes), resolved.
    files: list[Path] = field(default_factory=list)
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


def _decoded(data: bytes) -> str:
    """The document's text, decoded well enough to find a declaration's line (a courtesy for
    messages: the decisions are taken on what the parser saw), comments blanked out."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    elif data[:4] in (b"<\x00?\x00", b"\x00<\x00?"):
        text = data.decode("utf-16-le" if data[0] == 0x3C else "utf-16-be", errors="replace")
    else:
        text = data.decode("utf-8", errors="replace")
    return re.sub(r"<!--.*?-->", lambda m: "\n" * m.group().count("\n"), text, flags=re.S)


def _line_of(data: bytes, pattern: str) -> int | None:
    match = re.search(pattern, _decoded(data))
    return _decoded(data).count("\n", 0, match.start()) + 1 if match else None


_UNDEFINED = re.compile(r"Entity '([^']*)' not defined")


def _entity_error(data: bytes, path: Path, name: str, line, col) -> InputError:
    """Why an entity reference could not be expanded, at its declaration when there is one."""
    esc = re.escape(name)
    decl = _line_of(data, rf"<!ENTITY\s+%\s*{esc}\s")
    if decl:
        return InputError(
            f"the DOCTYPE declares entities teikit does not read: %{name}; is a parameter "
            "entity (a safety rule): write the declarations it holds into the document",
            path,
            decl,
        )
    decl = _line_of(data, rf"<!ENTITY\s+{esc}\s+(SYSTEM|PUBLIC)\b")
    if decl:
        return InputError(
            f"the DOCTYPE declares entities teikit does not read: &{name}; is an external "
            "entity, and teikit never reads a file or URL a document names (a safety rule): "
            "replace the reference by the text",
            path,
            decl,
        )
    where = (
        "; it may be declared in the external DTD, which teikit never reads"
        if _line_of(data, r"<!DOCTYPE\s+[^\s\[>]+\s+(SYSTEM|PUBLIC)\b")
        else ""
    )
    return InputError(
        f"the entity &{name}; is not declared in the document{where}: replace it by the "
        "character or text it stands for, or declare it in the DOCTYPE",
        path,
        line,
        col,
    )


def _syntax_error(path: Path, err: etree.XMLSyntaxError, data: bytes) -> InputError:
    line, col = err.position if getattr(err, "position", None) else (None, None)
    msg = err.msg or str(err)
    if "Excessive depth" in msg:
        return InputError(
            f"elements nest deeper than the limit of {DEFAULT_MAX_DEPTH} levels", path, line, col
        )
    if "amplification factor" in msg or "entity reference loop" in msg.lower():
        return InputError(
            "the DOCTYPE declares entities that expand to far more than the document itself "
            "(an entity expansion bomb); teikit expands entities only within libxml2's bound "
            "of five times the document's size",
            path,
            _line_of(data, r"<!ENTITY\b") or line,
        )
    undefined = _UNDEFINED.search(msg)
    if undefined:
        return _entity_error(data, path, undefined.group(1), line, col)
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


def _check_doctype(
    tree: etree._ElementTree, guard: _NoExternal, data: bytes, path: Path, warnings: list
) -> None:
    """Decide on what the DOCTYPE brought, now that the parser has read it (and nothing
    else: `guard` answered every request for an outside resource with nothing)."""
    info = tree.docinfo
    external = info.system_url or info.public_id
    dtd = info.internalDTD
    for entity in dtd.iterentities() if dtd is not None else ():
        if entity.system_url is not None:
            raise _entity_error(data, path, entity.name, None, None)
    asked = [r for r in guard.requests if not external or not _same_resource(r, info, path)]
    if asked:  # never expected: libxml2 asks only for the external DTD
        raise InputError(
            f"the DOCTYPE asks for an outside resource ({asked[0]!r}); teikit never reads one "
            "(a safety rule): remove it",
            path,
            _line_of(data, r"<!DOCTYPE\b"),
        )
    if external:
        warnings.append(
            InputWarning(
                f"the DOCTYPE names an external DTD ({info.system_url or info.public_id}); "
                "teikit ignored it without reading it (defaults it may declare are not "
                "applied, entities it may declare are not available)",
                str(path),
                _line_of(data, r"<!DOCTYPE\b"),
            )
        )
    for node in tree.iter(etree.Entity):
        raise InputError(
            f"undeclared or unexpanded entity reference {node.text}", path, node.sourceline
        )


def _same_resource(request: str, info, path: Path) -> bool:
    names = {n for n in (info.system_url, info.public_id) if n}
    return request in names or any(
        request == str((path.parent / n).absolute()) or request.endswith("/" + n) for n in names
    )


def parse_bytes(
    data: bytes, path: Path, warnings: list[InputWarning] | None = None
) -> etree._ElementTree:
    """Parse bytes safely (see the module's docstring); warnings are appended to `warnings`."""
    if not data.strip():
        raise InputError("the file is empty (no XML document)", path)
    parser, guard = _parser()
    try:
        tree = etree.ElementTree(etree.fromstring(data, parser, base_url=str(path)))
    except etree.XMLSyntaxError as err:
        raise _syntax_error(path, err, data) from None
    except (ValueError, LookupError) as err:  # e.g. an unparsable encoding declaration
        raise InputError(f"cannot be read as XML: {err}", path) from None
    _check_doctype(tree, guard, data, path, warnings if warnings is not None else [])
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
    except (ValueError, OSError):
        return False
    return True


#: Characters XML 1.0 does not allow (a form feed, a lone surrogate...): text included with
#: parse="text" may not hold them, as the XInclude recommendation says.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: Python codecs that are not character sets a file can be written in (they transform
#: text: unicode_escape turns `\n` into a newline) or that XML processors do not read.
_NOT_CHARSETS = {"utf-7", "unicode-escape", "raw-unicode-escape", "punycode", "idna", "undefined"}


def _charset(name: str) -> str | None:
    """The codec for an XInclude `encoding`, or None if it is not a character set."""
    try:
        info = codecs.lookup(name)
    except (LookupError, ValueError):
        return None
    if not getattr(info, "_is_text_encoding", True) or info.name in _NOT_CHARSETS:
        return None
    return info.name


_NCNAME = re.compile(r"[^\W\d][\w.-]*")
_ELEMENT_SCHEME = re.compile(r"element\((?:([^\W\d][\w.-]*))?((?:/\d+)*)\)")


def _pointed(root: etree._Element, xpointer: str) -> etree._Element | None:
    """The element an XPointer selects: a shorthand (an xml:id) or the element() scheme
    (an id, a child sequence, or both); None if it selects nothing."""
    if _NCNAME.fullmatch(xpointer):
        ident, steps = xpointer, ""
    else:
        match = _ELEMENT_SCHEME.fullmatch(xpointer)
        if match is None:
            return None
        ident, steps = match.groups()
        if not ident and not steps:
            return None
    if ident:
        el = next(
            (e for e in root.iter() if e.get("{http://www.w3.org/XML/1998/namespace}id") == ident),
            None,
        )
        steps = steps or ""
    else:  # a child sequence starts at the document: /1 is the root element
        el, steps = (root, steps[2:]) if steps.startswith("/1") else (None, "")
    for step in filter(None, steps.split("/")):
        children = [c for c in el if isinstance(c.tag, str)] if el is not None else []
        index = int(step)
        el = children[index - 1] if 0 < index <= len(children) else None
    return el


def xpointer_supported(xpointer: str) -> bool:
    return bool(_NCNAME.fullmatch(xpointer) or _ELEMENT_SCHEME.fullmatch(xpointer))


@dataclass
class _Part:
    """One file taking part in XInclude: its tree, its includes, its size once expanded."""

    root: etree._Element
    #: (xi:include, what replaces it): a part's resolved path and xpointer, a text, or the
    #: xi:fallback element whose content stands in.
    includes: list[tuple[etree._Element, object]]
    size: int = 0


class _Unavailable(Exception):
    """A resource error (XInclude's term): the target is refused or cannot be read. An
    xi:fallback stands in for it; without one, it is an InputError."""

    def __init__(self, error: InputError):
        self.error = error


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
        self.warnings: list[InputWarning] = []
        self.files: list[Path] = []

    def plan(self, tree: etree._ElementTree, path: Path, size: int) -> _Part:
        """Find and size every inclusion under `tree` (recursively), copying nothing."""
        part = _Part(tree.getroot(), [], size)
        self.active.append(path.resolve())
        skipped: set = set()  # the fallbacks of includes that succeed are never looked at
        for inc in tree.iter(f"{{{XI_NS}}}include"):
            if any(a in skipped for a in inc.iterancestors()):
                continue
            line = inc.sourceline
            if inc.getparent() is None:
                raise InputError("XInclude cannot be the root element", path, line)
            fallback = inc.find(f"{{{XI_NS}}}fallback")
            try:
                what, size = self._include(inc, path)
                if fallback is not None:
                    skipped.add(fallback)
            except _Unavailable as gone:
                if fallback is None:
                    raise gone.error from None
                self.warnings.append(
                    InputWarning(
                        f"{gone.error.message}; its xi:fallback is used instead",
                        str(path),
                        line,
                    )
                )
                what, size = fallback, len(etree.tostring(fallback))
            part.includes.append((inc, what))
            part.size += size
            if part.size > self.max_bytes:
                raise InputError(
                    f"XIncludes expand to more than {self.max_bytes} bytes, the limit "
                    "(set TEIKIT_MAX_BYTES to raise it)",
                    path,
                    line,
                )
        self.active.pop()
        return part

    def _include(self, inc: etree._Element, path: Path) -> tuple[object, int]:
        target, kind, encoding = self._target(inc, path)
        line = inc.sourceline
        if kind == "text":
            key = (target.resolve(), encoding)
            if key not in self.texts:
                self.texts[key] = self._read_text(target, encoding, inc.get("href"), path, line)
            text = self.texts[key]
            return text, len(text.encode("utf-8"))
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
            sub = self.plan(parse_bytes(data, target, self.warnings), target, len(data))
            self.parts[resolved] = sub
        xpointer = inc.get("xpointer")
        if xpointer and _pointed(sub.root, xpointer) is None:
            raise _Unavailable(
                InputError(
                    f"XInclude xpointer {xpointer!r} selects nothing in {inc.get('href')!r}",
                    path,
                    line,
                )
            )
        return (resolved, xpointer), sub.size

    def _target(self, inc: etree._Element, path: Path) -> tuple[Path, str, str]:
        href = inc.get("href", "")
        line = inc.sourceline

        def unavailable(message: str) -> _Unavailable:
            return _Unavailable(InputError(message, path, line))

        if not href or "://" in href or href.startswith(("/", "\\")) or ":" in href.split("/")[0]:
            raise unavailable(
                f"XInclude href {href!r} is not a relative path inside the input's folder"
            )
        kind = inc.get("parse", "xml")
        if kind not in ("xml", "text"):
            raise InputError(f"XInclude parse={kind!r} is neither 'xml' nor 'text'", path, line)
        xpointer = inc.get("xpointer")
        if xpointer is not None and (kind == "text" or not xpointer_supported(xpointer)):
            raise unavailable(
                f"XInclude xpointer {xpointer!r} is not supported (teikit reads an xml:id, "
                "or element() with an id and a child sequence)"
            )
        target = path.parent / href
        if not _inside(self.folder, target):
            raise unavailable(f"XInclude href {href!r} points outside the input's folder")
        try:
            is_file = target.is_file()
        except OSError:
            is_file = False
        if not is_file:
            raise unavailable(f"XInclude target {href!r} does not exist")
        encoding = inc.get("encoding") or "utf-8"
        if kind == "text" and _charset(encoding) is None:
            raise InputError(
                f"XInclude encoding {encoding!r} is not a character set teikit knows", path, line
            )
        return target, kind, encoding

    def _read(self, target: Path, path: Path, line: int | None) -> bytes:
        try:
            size = target.stat().st_size
            if size > self.max_bytes:
                raise InputError(
                    f"XInclude target {target.name!r} is {size} bytes, over the limit of "
                    f"{self.max_bytes} (set TEIKIT_MAX_BYTES to raise it)",
                    path,
                    line,
                )
            data = target.read_bytes()
        except OSError as err:
            raise _Unavailable(
                InputError(f"XInclude target cannot be read: {err.strerror}", path, line)
            ) from None
        self.files.append(target.resolve())
        return data

    def _read_text(self, target, encoding, href, path, line) -> str:
        try:
            text = self._read(target, path, line).decode(_charset(encoding))
        except (UnicodeDecodeError, LookupError) as err:
            message = f"XInclude text {href!r} cannot be decoded as {encoding}: {err}"
            raise InputError(message, path, line) from None
        bad = _NOT_XML.search(text)
        if bad:
            raise InputError(
                f"XInclude text {href!r} holds a character XML does not allow "
                f"(U+{ord(bad.group()):04X} on its line {text.count(chr(10), 0, bad.start()) + 1})",
                path,
                line,
            )
        if len(text.encode("utf-8")) > PARSER_MAX_TEXT:
            raise InputError(
                f"XInclude text {href!r} is longer than the XML parser's limit of "
                f"{PARSER_MAX_TEXT:,} bytes for one text node; split it up",
                path,
                line,
            )
        return text.replace("\r\n", "\n").replace("\r", "\n")

    def expand(self, part: _Part, done: dict[Path, etree._Element] | None = None) -> None:
        """Replace each xi:include under `part.root` by its (expanded) content, in place."""
        done = {} if done is None else done
        for inc, what in part.includes:
            if isinstance(what, str):
                _replace_with_text(inc, what)
                continue
            if isinstance(what, etree._Element):  # the fallback's content
                _replace_with_content(inc, what)
                continue
            resolved, xpointer = what
            if resolved not in done:
                sub = self.parts[resolved]
                self.expand(sub, done)
                done[resolved] = sub.root
            chosen = _pointed(done[resolved], xpointer) if xpointer else done[resolved]
            new = copy.deepcopy(chosen)
            new.tail = inc.tail
            inc.getparent().replace(inc, new)


def _resolve_xincludes(
    tree: etree._ElementTree, path: Path, size: int, max_bytes: int
) -> tuple[list[InputWarning], list[Path]]:
    includer = _Includer(path.parent, max_bytes)
    includer.expand(includer.plan(tree, path, size))
    return includer.warnings, includer.files


def _replace_with_text(inc: etree._Element, text: str) -> None:
    parent = inc.getparent()
    prev = inc.getprevious()
    joined = text + (inc.tail or "")
    if prev is not None:
        prev.tail = (prev.tail or "") + joined
    else:
        parent.text = (parent.text or "") + joined
    if len(((prev.tail if prev is not None else parent.text) or "").encode("utf-8")) > (
        PARSER_MAX_TEXT
    ):
        raise InputError(
            f"an XInclude makes a text node longer than the XML parser's limit of "
            f"{PARSER_MAX_TEXT:,} bytes; split it up",
            None,
            inc.sourceline,
        )
    parent.remove(inc)


def _replace_with_content(inc: etree._Element, fallback: etree._Element) -> None:
    """Put the content of `fallback` (text and elements) where `inc` stands."""
    parent = inc.getparent()
    index = parent.index(inc)
    children = [copy.deepcopy(c) for c in fallback]
    if children:  # the include's tail follows the last of them
        children[-1].tail = (children[-1].tail or "") + (inc.tail or "")
        inc.tail = None
    for child in reversed(children):
        parent.insert(index + 1, child)
    _replace_with_text(inc, fallback.text or "")


def _count_namespaces(tree: etree._ElementTree, data: bytes, path: Path) -> None:
    """Refuse a document with more than MAX_NAMESPACES namespace bindings in use; unused
    declarations are removed first (they cost the XSLT engine as much and mean nothing).
    Only a document whose bytes hold that many `xmlns` is looked at: lxml's walk over the
    declarations of one element takes time quadratic in their number."""
    mentions = data.count(b"xmlns") + data.count("xmlns".encode("utf-16-le"))
    if mentions + data.count("xmlns".encode("utf-16-be")) <= MAX_NAMESPACES:
        return
    etree.cleanup_namespaces(tree)
    seen: set[tuple[str, str]] = set()
    crossed = False
    for event, item in etree.iterwalk(tree, events=("start-ns", "start")):
        if event == "start-ns":
            seen.add(item)
            crossed = len(seen) > MAX_NAMESPACES
        elif crossed:
            raise InputError(
                f"the document uses more than {MAX_NAMESPACES} namespace bindings (prefix "
                "and URI), teikit's limit (real TEI uses a handful; the XSLT engine's time "
                "grows with their square)",
                path,
                item.sourceline,
            )


def load(path: str | Path, *, require_tei: bool = True) -> Source:
    """Read, parse and check one TEI file; raise InputError with a location on any problem."""
    path = Path(path)
    max_bytes, max_depth = limits()
    try:
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
        data = path.read_bytes()
    except OSError as err:
        raise InputError(f"cannot be read: {err.strerror}", path) from None
    warnings: list[InputWarning] = []
    tree = parse_bytes(data, path, warnings)
    files = [path.resolve()]
    if max_depth < DEFAULT_MAX_DEPTH:
        # A lower limit than the parser's own (which refuses a 257th level, exactly as
        # _check_depth would at the default): walk the tree.
        _check_depth(tree.getroot(), path, max_depth)
    if next(tree.iter(f"{{{XI_NS}}}include"), None) is not None:
        try:
            more, parts = _resolve_xincludes(tree, path, len(data), max_bytes)
        except InputError as err:
            raise err if err.path else InputError(err.message, path, err.line) from None
        warnings += more
        files += parts
        _check_depth(tree.getroot(), path, max_depth)  # inclusions nest too
    _count_namespaces(tree, data, path)
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
    return Source(path=path, tree=tree, warnings=warnings, files=files)
