"""ISO Schematron, compiled to XSLT 3.0 and run by Saxon.

Real TEI projects write their rules in XPath 2 or 3 (ODD-generated constraints, `eq`,
`tokenize()`, `matches()`), which lxml.isoschematron (XSLT 1) cannot run. So we compile the
schema ourselves into a stylesheet that walks the document once for all its patterns: each
rule is a template, each assert/report an `xsl:if` that writes a small record with the
node's `path()` (see `_Compiler.compile`); Python reads the records back and finds each
node's line and column. Several schemas meeting one document share one stylesheet when
they can.

Supported: sch:ns, sch:let (schema, phase, pattern and rule level), sch:pattern,
sch:rule/@context, sch:assert and sch:report with @test, @id, @role, @flag, @subject,
@diagnostics, sch:value-of and sch:name in messages, sch:phase (and @defaultPhase),
abstract rules (sch:extends) and abstract patterns (@is-a with sch:param), sch:include and
sch:extends/@href (local files only, with an optional #id), xsl:key, xsl:function,
xsl:import and xsl:include at schema level, queryBinding xslt (run in XSLT 1.0
backwards-compatible mode), xslt2, xslt3 (and the xpath* spellings), Schematron 1.5, and
rules embedded in RELAX NG schemas (as TEI ODD processors and ELTeC write them).
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from toolkit import xslt
from toolkit.errors import InputError, TransformError
from toolkit.source import Source, parse_bytes
from toolkit.validation.locate import Locator
from toolkit.validation.report import Finding

SCH = "http://purl.oclc.org/dsdl/schematron"
SCH15 = "http://www.ascc.net/xml/schematron"
RNG = "http://relaxng.org/ns/structure/1.0"
XSL = "http://www.w3.org/1999/XSL/Transform"
#: The namespace of the compiled stylesheet's own records and bookkeeping attributes.
OUT = "urn:x-teikit:schematron"

# Prefixes an XPath 2/3 author expects to be bound without declaring them.
_IMPLICIT_NS = {
    "xs": "http://www.w3.org/2001/XMLSchema",
    "fn": "http://www.w3.org/2005/xpath-functions",
    "map": "http://www.w3.org/2005/xpath-functions/map",
    "array": "http://www.w3.org/2005/xpath-functions/array",
    "math": "http://www.w3.org/2005/xpath-functions/math",
}
_BINDINGS_1 = {"xslt", "xslt1", "xslt1.0", "xpath", "xpath1", "exslt"}
_BINDINGS_3 = {"xslt2", "xslt3", "xslt3.0", "xslt31", "xpath2", "xpath3", "xpath31"}
_MAX_INCLUDE_DEPTH = 16

_WARNING_ROLES = {"warning", "warn", "nonfatal", "non-fatal", "caution", "minor"}
_INFO_ROLES = {"info", "information", "informational", "informative", "note", "hint", "notice"}


def severity(role: str | None) -> str:
    """A report's severity from its @role: warning and info roles by their usual names;
    anything else (error, fatal, none) is an error."""
    role = (role or "").strip().lower()
    if role in _WARNING_ROLES:
        return "warning"
    if role in _INFO_ROLES:
        return "info"
    return "error"


# -- reading the schema ---------------------------------------------------------------------


def _q(local: str) -> str:
    return f"{{{SCH}}}{local}"


def _is(el, local: str) -> bool:
    return isinstance(el.tag, str) and el.tag == _q(local)


def _read_xml(path: Path, what: str, line: int | None = None, user: Path | None = None):
    if not path.is_file():
        raise InputError(f"{what} {path} does not exist", user, line)
    return parse_bytes(path.read_bytes(), path).getroot()


def _upgrade_15(root: etree._Element) -> None:
    """Schematron 1.5 elements become ISO ones (same vocabulary, older namespace)."""
    for el in root.iter(f"{{{SCH15}}}*"):
        el.tag = _q(etree.QName(el).localname)


def _local_href(href: str, base: Path, where: etree._Element) -> tuple[Path, str | None]:
    href, _, fragment = href.partition("#")
    if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", href) and not href.startswith("file:"):
        raise InputError(
            f"Schematron include {href!r} is not a local file (teikit never uses the network)",
            base,
            where.sourceline,
        )
    if href.startswith("file:"):
        href = re.sub(r"^file:(//)?", "", href)
    return (base.parent / href).resolve() if href else base, fragment or None


def _resolve_includes(root, base: Path, sources: set[Path], depth: int = 0) -> None:
    """Splice sch:include targets (and sch:extends/@href rules) into the tree, recursively."""
    for inc in list(root.iter(_q("include"), _q("extends"))):
        href = inc.get("href")
        if href is None:
            continue
        if depth >= _MAX_INCLUDE_DEPTH:
            raise InputError("Schematron includes nest too deep (a loop?)", base, inc.sourceline)
        target, fragment = _local_href(href, base, inc)
        doc = _read_xml(target, "the included Schematron file", inc.sourceline, base)
        _upgrade_15(doc)
        sources.add(target)
        _resolve_includes(doc, target, sources, depth + 1)
        if fragment:
            found = [e for e in doc.iter() if e.get("id") == fragment]
            if not found:
                raise InputError(
                    f"no element with id {fragment!r} in {target}", base, inc.sourceline
                )
            doc = found[0]
        parent = inc.getparent()
        if _is(inc, "extends"):  # an external abstract rule: its children join the rule
            new = list(doc) if _is(doc, "rule") else [doc]
        elif _is(doc, "schema") and not _is(parent, "schema"):
            new = list(doc)
        elif _is(doc, "schema"):
            new = [c for c in doc if _is(c, "pattern") or _is(c, "let") or _is(c, "ns")]
        else:
            new = [doc]
        index = parent.index(inc)
        parent.remove(inc)
        for offset, el in enumerate(new):
            el = copy.deepcopy(el)
            if isinstance(el.tag, str) and not el.get(f"{{{OUT}}}from"):
                el.set(f"{{{OUT}}}from", target.as_uri())
            parent.insert(index + offset, el)


def _from_relaxng(root: etree._Element) -> etree._Element | None:
    """A sch:schema made of the Schematron embedded in a RELAX NG grammar, or None."""
    found = [
        el
        for el in root.iter(f"{{{SCH}}}*")
        if not any(a.tag.startswith(f"{{{SCH}}}") for a in el.iterancestors())
    ]
    if not found:
        return None
    schema = etree.Element(_q("schema"), nsmap={"sch": SCH})
    schema.set("queryBinding", root.get(f"{{{SCH}}}queryBinding") or "xslt2")
    for el in sorted(found, key=lambda e: not _is(e, "ns")):
        el = copy.deepcopy(el)
        if _is(el, "rule"):  # a bare rule gets a pattern of its own
            pattern = etree.SubElement(schema, _q("pattern"))
            pattern.append(el)
        elif any(_is(el, n) for n in ("ns", "pattern", "let", "phase", "diagnostics")):
            schema.append(el)
    return schema if schema.find(_q("pattern")) is not None else None


def _expand_abstract_patterns(schema: etree._Element) -> None:
    abstract = {
        p.get("id"): p for p in schema.findall(_q("pattern")) if p.get("abstract") == "true"
    }
    for pattern in schema.findall(_q("pattern")):
        is_a = pattern.get("is-a")
        if not is_a:
            continue
        if is_a not in abstract:
            raise InputError(f"pattern is-a {is_a!r}, but no abstract pattern has that id")
        params = {p.get("name"): p.get("value", "") for p in pattern.findall(_q("param"))}
        for param in pattern.findall(_q("param")):
            pattern.remove(param)
        names = sorted(params, key=len, reverse=True)
        for child in abstract[is_a]:
            new = copy.deepcopy(child)
            for el in new.iter():
                for attr, value in el.attrib.items():
                    for name in names:
                        value = re.sub(
                            rf"\${re.escape(name)}(?![\w.-])",
                            lambda _m, v=params[name]: v,
                            value,
                        )
                    el.set(attr, value)
            pattern.append(new)
    for pattern in abstract.values():
        schema.remove(pattern)


def _expand_abstract_rules(schema: etree._Element) -> None:
    abstract = {r.get("id"): r for r in schema.iter(_q("rule")) if r.get("abstract") == "true"}
    for ext in list(schema.iter(_q("extends"))):
        rule_id = ext.get("rule")
        if rule_id not in abstract:
            raise InputError(f"sch:extends names rule {rule_id!r}, which is not an abstract rule")
        parent = ext.getparent()
        index = parent.index(ext)
        parent.remove(ext)
        for offset, child in enumerate(abstract[rule_id]):
            parent.insert(index + offset, copy.deepcopy(child))
    for rule in abstract.values():
        rule.getparent().remove(rule)


def _active_patterns(schema: etree._Element, phase: str | None) -> tuple[list, list]:
    """The patterns a phase runs, and the phase's own lets."""
    patterns = [p for p in schema.findall(_q("pattern")) if p.get("abstract") != "true"]
    wanted = phase or schema.get("defaultPhase") or "#ALL"
    if wanted == "#DEFAULT":
        wanted = schema.get("defaultPhase") or "#ALL"
    if wanted == "#ALL":
        return patterns, []
    phases = {p.get("id"): p for p in schema.findall(_q("phase"))}
    if wanted not in phases:
        known = ", ".join(sorted(k for k in phases if k)) or "none"
        raise InputError(f"the Schematron has no phase {wanted!r} (phases: {known})")
    active = {a.get("pattern") for a in phases[wanted].findall(_q("active"))}
    return [p for p in patterns if p.get("id") in active], phases[wanted].findall(_q("let"))


# -- compiling ------------------------------------------------------------------------------


def _avt(value: str) -> str:
    """A literal attribute value, safe in an attribute value template."""
    return value.replace("{", "{{").replace("}", "}}")


@dataclass(eq=False)
class Prepared:
    """One schema read and expanded (includes, abstract rules and patterns), not compiled."""

    path: Path
    phase: str | None
    schema: etree._Element
    sources: frozenset[Path]
    compat: bool  # an XPath 1.0 query binding: run in backwards-compatible mode


class _Clash(Exception):
    """Two schemas cannot share one stylesheet (a prefix, variable or key defined twice)."""


class _Compiler:
    """Compiles one or more prepared schemas into one XSLT 3.0 stylesheet."""

    def __init__(self, parts: list[Prepared]):
        self.parts = parts
        nsmap: dict[str, str] = {}
        lets: set[str] = set()
        self.diagnostics: dict[str, etree._Element] = {}
        declared: set[str] = set()
        for part in parts:
            for ns in part.schema.iter(_q("ns")):
                prefix, uri = ns.get("prefix"), ns.get("uri")
                if nsmap.get(prefix, uri) != uri:
                    raise _Clash(prefix)
                nsmap[prefix] = uri
            for let in part.schema.findall(_q("let")):
                if let.get("name") in lets:
                    raise _Clash(let.get("name"))
                lets.add(let.get("name"))
            for d in part.schema.iter(_q("diagnostic")):
                if d.get("id") in self.diagnostics:
                    raise _Clash(d.get("id"))
                self.diagnostics[d.get("id")] = d
            for el in part.schema:
                if isinstance(el.tag, str) and el.tag.startswith(f"{{{XSL}}}"):
                    name = f"{el.tag} {el.get('name')}"
                    if (
                        name in declared
                        or len(parts) > 1
                        and el.tag.endswith(("import", "include"))
                    ):
                        raise _Clash(name)
                    declared.add(name)
        for prefix, uri in _IMPLICIT_NS.items():
            nsmap.setdefault(prefix, uri)
        nsmap = {k: v for k, v in nsmap.items() if k and v and k not in ("xml", "xsl", "tkout")}
        nsmap.update({"xsl": XSL, "tkout": OUT})
        self.nsmap = nsmap
        self.patterns = 0
        self.priority = 1000000

    def _x(self, parent, local: str, src: etree._Element | None = None, **attrs):
        el = etree.SubElement(parent, f"{{{XSL}}}{local}")
        for k, v in attrs.items():
            el.set(k.rstrip("_").replace("_", "-"), v)
        if src is not None and src.sourceline:
            el.set(f"{{{OUT}}}src", str(src.sourceline))
        return el

    def compile(self) -> etree._Element:
        """One walk over the document for all patterns.

        Every rule is a template of one mode, its priority falling with its place in the
        schema. The best match for a node runs, then hands on with xsl:next-match to the
        other templates that match it, passing the patterns that have already fired on this
        node: a rule runs only if no earlier rule of its pattern matched (the standard's
        "first matching rule"). The lowest template walks on to the attributes and children.
        Pattern variables are global (their context is the document, as the standard says),
        under private names, and rebound to their own names inside their pattern's rules.
        Each template carries the base URI of the file its rule came from, for doc().
        """
        sheet = etree.Element(f"{{{XSL}}}stylesheet", nsmap=self.nsmap)
        sheet.set("version", "3.0")
        sheet.set("exclude-result-prefixes", "#all")
        sheet.set(XML_BASE, self.parts[0].path.resolve().as_uri())
        for part in self.parts:
            for el in part.schema:
                if isinstance(el.tag, str) and el.tag in (f"{{{XSL}}}import", f"{{{XSL}}}include"):
                    new = copy.deepcopy(el)
                    new.set("href", (part.path.parent / el.get("href", "")).resolve().as_uri())
                    sheet.append(new)
        self._x(sheet, "output", method="xml", indent="no", encoding="UTF-8")
        self._x(
            sheet,
            "mode",
            name="tkout:walk",
            on_no_match="shallow-skip",
            warning_on_multiple_match="no",
        )
        work = []
        for part in self.parts:
            for el in part.schema:
                if isinstance(el.tag, str) and el.tag in (f"{{{XSL}}}key", f"{{{XSL}}}function"):
                    sheet.append(copy.deepcopy(el))
            patterns, phase_lets = _active_patterns(part.schema, part.phase)
            for let in part.schema.findall(_q("let")) + phase_lets:
                var = self._variable(sheet, let, let.get("name"), compat=part.compat)
                var.set(XML_BASE, _base(let, part))
            work.extend((part, pattern) for pattern in patterns)

        root = self._x(sheet, "template", match="/")
        report = etree.SubElement(root, f"{{{OUT}}}report")
        self._x(report, "apply-templates", select=".", mode="tkout:walk")
        walk = self._x(
            sheet,
            "template",
            match="document-node()|node()|@*",
            mode="tkout:walk",
            priority="-1000000",
        )
        self._x(walk, "apply-templates", select="@*|node()", mode="tkout:walk")
        for i, (part, pattern) in enumerate(work):
            self._pattern(sheet, part, pattern, i)
        self.patterns = len(work)
        return sheet

    def _variable(self, parent, let, name: str, select: str | None = None, compat=False):
        var = self._x(parent, "variable", let, name=name)
        if compat:
            var.set("version", "1.0")
        if select is not None:
            var.set("select", select)
        elif let.get("value") is not None:
            var.set("select", let.get("value"))
        else:
            for child in let:
                var.append(copy.deepcopy(child))
        return var

    def _pattern(self, sheet, part: Prepared, pattern, i: int) -> None:
        lets = pattern.findall(_q("let"))
        private = {
            let.get("name"): f"tkout:p{i}.{let.get('name').replace(':', '.')}" for let in lets
        }
        for n, let in enumerate(lets):
            select = None
            if let.get("value") is not None and n:
                earlier = ", ".join(
                    f"${e.get('name')} := ${private[e.get('name')]}" for e in lets[:n]
                )
                select = f"let {earlier} return ({let.get('value')})"
            var = self._variable(sheet, let, private[let.get("name")], select, part.compat)
            var.set(XML_BASE, _base(let, part))

        for rule in pattern.findall(_q("rule")):
            if rule.get("abstract") == "true":
                continue
            context = rule.get("context")
            if not context:
                raise InputError("a Schematron rule has no @context", part.path, rule.sourceline)
            for name, renamed in private.items():  # a context may use its pattern's variables
                context = re.sub(rf"\${re.escape(name)}(?![\w.-])", f"${renamed}", context)
            self.priority -= 1
            template = self._x(
                sheet,
                "template",
                rule,
                match=context,
                mode="tkout:walk",
                priority=str(self.priority),
            )
            template.set(XML_BASE, _base(rule, part))
            if part.compat:
                template.set("version", "1.0")
            self._x(template, "param", name="tkout:fired", select="()", as_="xs:integer*")
            fire = self._x(template, "if", test=f"not({i} = $tkout:fired)")
            for let in lets:
                self._x(
                    fire, "variable", name=let.get("name"), select=f"${private[let.get('name')]}"
                )
            for child in rule:
                if _is(child, "let"):
                    self._variable(fire, child, child.get("name"))
                elif _is(child, "assert") or _is(child, "report"):
                    self._assertion(fire, child, rule, pattern, part)
            nxt = self._x(template, "next-match")
            self._x(nxt, "with-param", name="tkout:fired", select=f"($tkout:fired, {i})")

    def _assertion(self, parent, node, rule, pattern, part: Prepared) -> None:
        test = node.get("test")
        if not test:
            raise InputError(
                f"a Schematron {etree.QName(node).localname} has no @test",
                part.path,
                node.sourceline,
            )
        kind = etree.QName(node).localname
        cond = self._x(parent, "if", node, test=f"not({test})" if kind == "assert" else test)
        record = etree.SubElement(cond, f"{{{OUT}}}m")
        record.set("kind", kind)
        for attr, value in (
            ("id", node.get("id") or rule.get("id") or pattern.get("id")),
            ("role", node.get("role") or rule.get("role")),
            ("flag", node.get("flag") or rule.get("flag")),
        ):
            if value:
                record.set(attr, _avt(value))
        subject = node.get("subject") or rule.get("subject")
        where = (
            f"let $s := ({subject})[1] return path(if (exists($s)) then $s else .)"
            if subject
            else "path()"
        )
        self._x(record, "attribute", name="loc", select=where)
        text = etree.SubElement(record, f"{{{OUT}}}t")
        self._message(text, node)
        for ref in (node.get("diagnostics") or "").split():
            if ref not in self.diagnostics:
                raise InputError(
                    f"assertion refers to diagnostic {ref!r}, which is not defined",
                    part.path,
                    node.sourceline,
                )
            diag = etree.SubElement(record, f"{{{OUT}}}d")
            self._message(diag, self.diagnostics[ref])

    def _message(self, parent, node) -> None:
        """Copy assertion text, turning sch:value-of and sch:name into XSLT."""
        if node.text:
            self._x(parent, "text").text = node.text
        for child in node:
            if _is(child, "value-of"):
                self._x(parent, "value-of", child, select=child.get("select", "."))
            elif _is(child, "name"):
                self._x(parent, "value-of", child, select=f"name({child.get('path') or '.'})")
            elif isinstance(child.tag, str):
                self._message(parent, child)
            if child.tail:
                self._x(parent, "text").text = child.tail


XML_BASE = "{http://www.w3.org/XML/1998/namespace}base"


def _base(el: etree._Element, part: Prepared) -> str:
    """The URI of the file `el` was written in (an included file, or the schema's own)."""
    for anc in (el, *el.iterancestors()):
        if anc.get(f"{{{OUT}}}from"):
            return anc.get(f"{{{OUT}}}from")
    return part.path.resolve().as_uri()


# -- running --------------------------------------------------------------------------------


@dataclass(eq=False)
class Schematron:
    """Compiled Schematron (one schema, or several sharing one stylesheet), ready to check
    any number of documents."""

    paths: tuple[Path, ...]
    sources: frozenset[Path]
    stylesheet: xslt.Stylesheet
    patterns: int

    @property
    def path(self) -> Path:
        return self.paths[0]

    def check(self, source: Source, locator: Locator | None = None) -> list[Finding]:
        """Findings for one document (parsed by Saxon once for every stylesheet)."""
        try:
            result = self.stylesheet.apply(source)
        except TransformError as err:
            names = ", ".join(str(p) for p in self.paths)
            raise InputError(
                f"the Schematron rules in {names} failed on this document: {err.message}",
                source.path,
            ) from None
        records = etree.fromstring(result.text.encode("utf-8")).findall(f"{{{OUT}}}m")
        if not records:
            return []
        locator = locator or Locator(source)
        findings = []
        for m in records:
            line, column = locator.at_path(m.get("loc", ""))
            message = " ".join("".join(m.find(f"{{{OUT}}}t").itertext()).split())
            extra = [" ".join("".join(d.itertext()).split()) for d in m.iter(f"{{{OUT}}}d")]
            if any(extra):
                message += " (" + "; ".join(e for e in extra if e) + ")"
            findings.append(
                Finding(
                    str(source.path),
                    line,
                    column,
                    severity(m.get("role")),
                    message or f"Schematron {m.get('kind')} at {m.get('loc')}",
                    m.get("id", ""),
                )
            )
        return findings


# -- loading, once --------------------------------------------------------------------------


def _stamp(path: Path) -> tuple:
    try:
        st = path.stat()
    except OSError:
        return (str(path), None)
    return (str(path), st.st_mtime_ns, st.st_size)


def _fresh(sources: frozenset[Path], stamps: dict[Path, tuple]) -> bool:
    return all(_stamp(p) == stamps.get(p) for p in sources)


_prepared: dict[tuple, tuple[Prepared | None, dict]] = {}
# key: the parts' ids -> (compiled, or the error compiling raised; the parts, kept alive so
# that their ids stay theirs)
_compiled: dict[tuple, tuple[list[Schematron] | InputError, list[Prepared]]] = {}


def prepare(path: str | Path, phase: str | None = None) -> Prepared | None:
    """The schema at `path` read and expanded (None: a RELAX NG grammar with no rules).

    Read once per process, and again only if a file it was built from changes.
    """
    path = Path(path).resolve()
    key = (path, phase)
    if key in _prepared:
        cached, stamps = _prepared[key]
        if _fresh(frozenset(stamps), stamps):
            return cached
    root = _read_xml(path, "the Schematron file")
    _upgrade_15(root)
    sources = {path}
    if root.tag.startswith(f"{{{RNG}}}"):
        schema = _from_relaxng(root)
    elif _is(root, "schema"):
        schema = root
    else:
        raise InputError(
            "not a Schematron schema (expected <schema> in the ISO Schematron namespace "
            f"{SCH}, or a RELAX NG grammar with embedded rules)",
            path,
            root.sourceline,
        )
    prepared = None
    if schema is not None:
        _resolve_includes(schema, path, sources)
        _expand_abstract_patterns(schema)
        _expand_abstract_rules(schema)
        binding = (schema.get("queryBinding") or "xslt").strip().lower()
        if binding not in _BINDINGS_1 | _BINDINGS_3:
            raise InputError(
                f"Schematron queryBinding {binding!r} is not supported (use xslt, xslt2 or xslt3)",
                path,
                schema.sourceline,
            )
        _active_patterns(schema, phase)  # an unknown phase is an error now, not at run time
        prepared = Prepared(path, phase, schema, frozenset(sources), binding in _BINDINGS_1)
    _prepared[key] = (prepared, {p: _stamp(p) for p in sources})
    return prepared


def compile_set(parts: list[Prepared]) -> list[Schematron]:
    """Compiled rules for several prepared schemas: one stylesheet (one walk over each
    document) when they can share it, else one each. Compiled once per process; a schema
    that does not compile raises InputError (naming it) every time it is asked for."""
    if not parts:
        return []
    key = tuple(id(p) for p in parts)
    if key not in _compiled:
        try:
            result: list[Schematron] | InputError = [_compile(parts)]
        except (_Clash, InputError) as err:
            result = err
            if isinstance(err, _Clash) and len(parts) == 1:
                result = InputError(f"the Schematron declares {err} twice", parts[0].path)
            if len(parts) > 1:
                result = []
                for part in parts:
                    try:
                        result.extend(compile_set([part]))
                    except InputError as one:
                        result = one
                        break
        _compiled[key] = (result, list(parts))
    result = _compiled[key][0]
    if isinstance(result, InputError):
        raise result
    return result


def load(path: str | Path, phase: str | None = None) -> Schematron | None:
    """The compiled rules of a .sch file, or those embedded in a .rng (None if it has none)."""
    prepared = prepare(path, phase)
    return compile_set([prepared])[0] if prepared is not None else None


def _compile(parts: list[Prepared]) -> Schematron:
    compiler = _Compiler(parts)
    sheet = compiler.compile()
    text = etree.tostring(sheet, pretty_print=True, encoding="unicode")
    try:
        stylesheet = xslt.Stylesheet(parts[0].path, text=text)
    except TransformError as err:
        raise _compile_error(err, text, parts[0].path) from None
    return Schematron(
        tuple(p.path for p in parts),
        frozenset().union(*(p.sources for p in parts)),
        stylesheet,
        compiler.patterns,
    )


def _compile_error(err: TransformError, text: str, path: Path) -> InputError:
    """Saxon's complaint about the generated XSLT, pointed back at the Schematron line."""
    message = err.message
    line = None
    found = re.search(r"on line (\d+)", message)
    if found:
        target = int(found.group(1))
        generated = etree.fromstring(text.encode("utf-8"))
        best = None
        for el in generated.iter():
            if el.sourceline and el.sourceline <= target and el.get(f"{{{OUT}}}src"):
                best = el
        if best is not None:
            line = int(best.get(f"{{{OUT}}}src"))
    message = re.sub(r"^stylesheet does not compile:\s*", "", message)
    message = re.sub(r"\s*on line \d+(?: column \d+)? of \S+?:(?=\s|$)", ":", message)
    return InputError(f"the Schematron rules cannot be compiled: {message}", path, line)
