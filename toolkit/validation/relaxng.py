"""RELAX NG with libxml2 (through lxml), each schema compiled once per process.

libxml2 finds every invalid document, but reports content errors where its backtracking gave
up ("Did not expect element p there", "Element text failed to validate content"), often an
ancestor of the real problem. So when a document is invalid we also read the grammar into a
small model (for each element name: which child elements and attributes any of its
definitions allows, and which attributes all of them require) and point at the exact element
or attribute that no definition allows, as jing does; libxml2's messages that those findings
explain are dropped, the rest are kept with their line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from toolkit.errors import InputError
from toolkit.source import Source, parse_bytes
from toolkit.validation import jing
from toolkit.validation.locate import Locator
from toolkit.validation.report import Finding

RNG = "http://relaxng.org/ns/structure/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
TEI_NS = "http://www.tei-c.org/ns/1.0"
ANY = ("*", "*")  # a wildcard name class (anyName, nsName)

QName = tuple[str, str]


@dataclass
class ElementModel:
    """What the definitions of one element name allow, merged (an over-approximation)."""

    children: set[QName] = field(default_factory=set)
    attributes: set[QName] = field(default_factory=set)
    required: set[QName] | None = None  # None until the first definition is seen

    @property
    def any_child(self) -> bool:
        return ANY in self.children

    @property
    def any_attribute(self) -> bool:
        return ANY in self.attributes


class Grammar:
    """A compiled schema, and (built when a document first fails) its model."""

    def __init__(self, path: Path, schema: etree.RelaxNG, tree: etree._ElementTree):
        self.path = path
        self.schema = schema
        self._tree = tree
        self.elements: dict[QName, ElementModel] = {}
        self.roots: set[QName] = set()
        self.exact = False  # False when the model cannot be built (includes, nested grammars)
        self._modelled = False

    def _ensure_model(self) -> None:
        if not self._modelled:
            self.elements, self.roots, self.exact = _model(self._tree.getroot())
            self._modelled = True

    def check(self, source: Source, locator: Locator | None = None) -> list[Finding]:
        if self.schema.validate(source.tree):
            return []
        log = list(self.schema.error_log)
        self._ensure_model()
        locator = locator or Locator(source)
        precise = self._explain(source) if self.exact else []
        findings = []
        for el, attr, message, rule in precise:
            line, col = locator.position(el, attr)
            findings.append(Finding(str(source.path), line, col, "error", message, rule))
        if any(rule == "relaxng.root" for *_, rule in precise):
            log = []  # a wrong root explains all the rest
        reported = [self._libxml2(entry, source, locator, precise) for entry in log]
        reported = [r for r in reported if r is not None]
        at = [el for _f, el in reported if el is not None]
        for finding, el in reported:
            # "Element X failed to validate content" repeats, for an ancestor, an error
            # reported inside it.
            generic = finding.message.endswith("failed to validate content")
            if generic and el is not None and any(el in o.iterancestors() for o in at):
                continue
            findings.append(finding)
        return sorted(set(findings), key=Finding.sort_key)

    # -- precise findings -------------------------------------------------------------------

    def _explain(self, source: Source) -> list[tuple]:
        out = []
        root = source.root
        if _qname(root) not in self.roots and ANY not in self.roots:
            allowed = ", ".join(f"<{_show(q)}>" for q in sorted(self.roots))
            out.append(
                (
                    root,
                    None,
                    f"the root element <{_show(_qname(root))}> is not allowed by the "
                    f"schema (expected {allowed})",
                    "relaxng.root",
                )
            )
            return out
        skip: set[etree._Element] = set()  # (the set keeps each proxy, so identity holds)
        for el in root.iter(etree.Element):
            parent = el.getparent()
            if parent is not None and parent in skip:
                skip.add(el)
                continue
            name = _qname(el)
            model = self.elements.get(name)
            if parent is not None:
                pmodel = self.elements.get(_qname(parent))
                if pmodel is not None and not pmodel.any_child and name not in pmodel.children:
                    if model is None:
                        message = f"element <{_show(name)}> is not allowed anywhere by the schema"
                    else:
                        message = (
                            f"element <{_show(name)}> is not allowed in <{_show(_qname(parent))}>"
                            + _listing("allowed here", pmodel.children, "<{}>")
                        )
                    out.append((el, None, message, "relaxng.element"))
                    skip.add(el)
                    continue
                if pmodel is not None and pmodel.any_child and model is None:
                    skip.add(el)  # matched by a wildcard: nothing more to say
                    continue
            if model is None:
                skip.add(el)
                continue
            for attr in el.attrib:
                aname = _qname_attr(attr)
                if not model.any_attribute and aname not in model.attributes:
                    out.append(
                        (
                            el,
                            attr,
                            f"attribute @{_show(aname)} is not allowed on "
                            f"<{_show(name)}>" + _listing("allowed", model.attributes, "@{}"),
                            "relaxng.attribute",
                        )
                    )
            present = {_qname_attr(a) for a in el.attrib}
            for req in sorted(model.required or ()):
                if req not in present:
                    out.append(
                        (
                            el,
                            None,
                            f"<{_show(name)}> lacks the required attribute @{_show(req)}",
                            "relaxng.required-attribute",
                        )
                    )
        return out

    def _libxml2(self, entry, source, locator, precise):
        """A libxml2 error as a finding, with the element it is about (None: explained)."""
        message = " ".join(entry.message.split()).replace(" ,", ",")
        names = re.findall(r"(?:[Ee]lement|for element) ([^\s:,]+)", message)
        el = locator.near(entry.line, names[0]) if names and entry.line else None
        if not names and entry.line and "got nothing" in message:
            el = locator.near(entry.line)
            if el is not None:
                message = (
                    f"<{_show(_qname(el))}> ends too early: the schema requires more content "
                    f"here ({message})"
                )
        attr_match = re.match(r"Invalid attribute (\S+) for element (\S+)", message)
        if el is not None:
            for other, _attr, _msg, _rule in precise:
                if other is el or any(a is el for a in other.iterancestors()):
                    return None  # a precise finding at or below this element explains it
        rule = "relaxng"
        attr = None
        if attr_match and el is not None:
            attr = next(
                (
                    a
                    for a in el.attrib
                    if etree.QName(a).localname == attr_match.group(1).split(":")[-1]
                ),
                None,
            )
            if attr is not None:
                value = el.get(attr)
                message = (
                    f'invalid value "{value}" for attribute @{attr_match.group(1)} of '
                    f"<{attr_match.group(2)}>"
                )
                rule = "relaxng.value"
        elif "failed to validate attributes" in message:
            rule = "relaxng.attributes"
        elif names:
            rule = "relaxng.content"
        line, col = locator.position(el, attr) if el is not None else (entry.line or None, None)
        return Finding(str(source.path), line, col, "error", message, rule), el


def _listing(label: str, names: set[QName], fmt: str, limit: int = 12) -> str:
    names = {n for n in names if n != ANY}
    if not names or len(names) > limit:
        return ""
    return f" ({label}: " + ", ".join(fmt.format(_show(n)) for n in sorted(names)) + ")"


def _qname(el: etree._Element) -> QName:
    q = etree.QName(el)
    return (q.namespace or "", q.localname)


def _qname_attr(attr: str) -> QName:
    q = etree.QName(attr)
    return (q.namespace or "", q.localname)


def _show(name: QName) -> str:
    ns, local = name
    if ns == XML_NS:
        return f"xml:{local}"
    if ns in ("", TEI_NS, "*"):
        return local
    return f"{{{ns}}}{local}"


# -- reading a grammar into a model ---------------------------------------------------------


def _r(local: str) -> str:
    return f"{{{RNG}}}{local}"


class _Modeller:
    def __init__(self, root: etree._Element):
        self.defines: dict[str, list[etree._Element]] = {}
        for d in root.iter(_r("define")):
            self.defines.setdefault(d.get("name"), []).append(d)
        self.start = list(root.iter(_r("start")))

    def names(self, pattern: etree._Element, attribute: bool) -> set[QName]:
        """The names a name class (or an element/attribute's @name) allows."""
        if pattern.get("name") is not None:
            return {self._resolve(pattern, pattern.get("name"), attribute)}
        for child in pattern:
            if isinstance(child.tag, str) and child.tag in (
                _r("name"),
                _r("anyName"),
                _r("nsName"),
                _r("choice"),
            ):
                return self._nameclass(child, attribute)
        return {ANY}

    def _nameclass(self, nc: etree._Element, attribute: bool) -> set[QName]:
        if nc.tag == _r("name"):
            return {self._resolve(nc, (nc.text or "").strip(), attribute)}
        if nc.tag == _r("choice"):
            out: set[QName] = set()
            for c in nc:
                if isinstance(c.tag, str):
                    out |= self._nameclass(c, attribute)
            return out
        return {ANY}

    def _resolve(self, el: etree._Element, name: str, attribute: bool) -> QName:
        if ":" in name:
            prefix, local = name.split(":", 1)
            return (XML_NS if prefix == "xml" else el.nsmap.get(prefix, ""), local)
        if attribute:
            return (el.get("ns", ""), name)
        for anc in (el, *el.iterancestors()):
            if anc.get("ns") is not None:
                return (anc.get("ns"), name)
        return ("", name)

    def reach(self, patterns, want: str, seen: set[str] | None = None) -> set[QName]:
        """Element (want='element') or attribute names that may occur directly in `patterns`."""
        seen = set() if seen is None else seen
        out: set[QName] = set()
        stack = list(patterns)
        while stack:
            p = stack.pop()
            if not isinstance(p.tag, str) or not p.tag.startswith(f"{{{RNG}}}"):
                continue
            local = p.tag[len(RNG) + 2 :]
            if local == "element":
                if want == "element":
                    out |= self.names(p, attribute=False)
                continue
            if local == "attribute":
                if want == "attribute":
                    out |= self.names(p, attribute=True)
                continue
            if local in ("ref", "parentRef"):
                name = p.get("name")
                if local == "parentRef" or name not in self.defines:
                    out.add(ANY)
                elif name not in seen:
                    seen.add(name)
                    for d in self.defines[name]:
                        stack.extend(d)
                continue
            if local in ("name", "anyName", "nsName", "data", "value", "param", "except"):
                continue
            stack.extend(p)
        return out

    def required(self, patterns, seen: frozenset = frozenset()) -> set[QName]:
        """Attributes every match of `patterns` (a group) must carry."""
        out: set[QName] = set()
        for p in patterns:
            out |= self._required(p, seen)
        return out

    def _required(self, p, seen: frozenset) -> set[QName]:
        if not isinstance(p.tag, str) or not p.tag.startswith(f"{{{RNG}}}"):
            return set()
        local = p.tag[len(RNG) + 2 :]
        if local == "attribute":
            names = self.names(p, attribute=True)
            return names if len(names) == 1 and ANY not in names else set()
        if local in ("group", "interleave", "oneOrMore", "mixed"):
            return self.required(p, seen)
        if local == "choice":
            branches = [self._required(c, seen) for c in p if isinstance(c.tag, str)]
            return set.intersection(*branches) if branches else set()
        if local == "ref":
            name = p.get("name")
            if name in seen or name not in self.defines:
                return set()
            defs = self.defines[name]
            results = [self.required(d, seen | {name}) for d in defs]
            if len(defs) > 1 and defs[-1].get("combine", defs[0].get("combine")) == "choice":
                return set.intersection(*results)
            return set().union(*results)
        return set()


def _model(root: etree._Element) -> tuple[dict[QName, ElementModel], set[QName], bool]:
    if any(True for _ in root.iter(_r("include"), _r("externalRef"), _r("parentRef"))):
        return {}, set(), False
    m = _Modeller(root)
    elements: dict[QName, ElementModel] = {}
    for pattern in root.iter(_r("element")):
        content = [c for c in pattern if isinstance(c.tag, str) and c.tag.startswith(f"{{{RNG}}}")]
        if pattern.get("name") is None and content:
            content = content[1:]  # the first child is the name class
        children = m.reach(content, "element")
        attributes = m.reach(content, "attribute")
        required = m.required(content)
        for name in m.names(pattern, attribute=False):
            model = elements.setdefault(name, ElementModel())
            model.children |= children
            model.attributes |= attributes
            model.required = required if model.required is None else model.required & required
    roots = m.reach([c for s in m.start for c in s], "element")
    return elements, roots, True


# -- compiling, once ------------------------------------------------------------------------

_grammars: dict[tuple, Grammar] = {}


def _stamp(path: Path) -> tuple:
    st = path.stat()
    return (str(path), st.st_mtime_ns, st.st_size)


def load(path: str | Path) -> Grammar | jing.JingGrammar:
    """The compiled RELAX NG schema at `path` (XML syntax), compiled once per process."""
    path = Path(path).resolve()
    if not path.is_file():
        raise InputError("the RELAX NG schema does not exist", path)
    key = _stamp(path)
    if key not in _grammars:
        _grammars[key] = _compile(path)
    return _grammars[key]


#: A bound on the files a schema reaches through include and externalRef.
MAX_SCHEMA_FILES = 1000


def _schema_files(path: Path, tree) -> list[tuple[Path, etree._ElementTree]]:
    """The schema and every file it includes or refers to, however deep, each read by the
    safe parser: a reference that is not a local file is refused here, before libxml2 or jing
    reads anything (they read the included files themselves)."""
    found = {path: tree}
    todo = [path]
    while todo:
        current = todo.pop()
        for ref in found[current].getroot().iter(_r("include"), _r("externalRef")):
            href = ref.get("href", "").strip()
            if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", href) and not href.startswith("file:"):
                raise InputError(
                    f"the schema includes {href!r}, which is not a local file "
                    "(teikit never uses the network)",
                    current,
                    ref.sourceline,
                )
            if not href:
                continue
            target = (current.parent / href.removeprefix("file://").removeprefix("file:")).resolve()
            if target in found:
                continue
            if not target.is_file():
                raise InputError(
                    f"the schema includes {href!r}, which does not exist", current, ref.sourceline
                )
            if len(found) >= MAX_SCHEMA_FILES:
                raise InputError(
                    f"the schema reaches more than {MAX_SCHEMA_FILES} files through include "
                    "and externalRef",
                    current,
                    ref.sourceline,
                )
            found[target] = parse_bytes(target.read_bytes(), target)
            todo.append(target)
    return list(found.items())


def _compile(path: Path) -> Grammar | jing.JingGrammar:
    data = path.read_bytes()
    if data.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] != b"<":
        raise InputError(
            "not a RELAX NG schema in XML syntax (the compact syntax is not supported: "
            "convert it with trang)",
            path,
        )
    tree = parse_bytes(data, path)
    root = tree.getroot()
    if not root.tag.startswith(f"{{{RNG}}}"):
        raise InputError("not a RELAX NG schema in XML syntax", path, root.sourceline)
    files = _schema_files(path, tree)
    if jing.engine_for(sum(1 for _ in root.iter(_r("define")))) == "jing":
        for file, its_tree in files:
            if its_tree.docinfo.doctype:
                raise InputError(
                    "the schema has a DOCTYPE; jing, which checks schemas this large, would "
                    "read the DTD or entities it names, so teikit does not give it this "
                    "schema (remove the DOCTYPE, or choose libxml2 with TEIKIT_RELAXNG=libxml2)",
                    file,
                )
        return jing.JingGrammar(path)
    try:
        schema = etree.RelaxNG(tree)
    except etree.RelaxNGParseError as err:
        entries = [e for e in err.error_log if e.level_name in ("ERROR", "FATAL")] or list(
            err.error_log
        )
        first = entries[0] if entries else None
        message = " ".join((first.message if first else str(err)).split())
        more = f" (and {len(entries) - 1} more)" if len(entries) > 1 else ""
        raise InputError(
            f"the RELAX NG schema cannot be compiled: {message}{more}",
            path,
            first.line if first and first.line else None,
        ) from None
    return Grammar(path, schema, tree)
