"""Which schemas a document is validated against.

In order of precedence: schemas named on the command line (per kind: --schema replaces the
RELAX NG schemas, --schematron the Schematron rules), the project's own schema for the
edition in this project's tei/ folder, and the schemas the document declares with
<?xml-model?> (or oXygen's older <?oxygen RNGSchema=... SCHSchema=...?>), resolved relative
to the document. Schemas are never fetched over the network: a declared http(s) schema is
reported as a warning and the document gets the checks that need no schema.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from lxml import etree

from toolkit import HOME, SCHEMA_DIR
from toolkit.source import Source
from toolkit.validation.report import Finding

RNG_NS = "http://relaxng.org/ns/structure/1.0"
SCH_NS = "http://purl.oclc.org/dsdl/schematron"
SCH15_NS = "http://www.ascc.net/xml/schematron"
XSD_NS = "http://www.w3.org/2001/XMLSchema"

#: The edition's folder and its schema (see schema/README.md).
PROJECT_TEI = HOME / "tei"
PROJECT_RNG = SCHEMA_DIR / "chimes.rng"
PROJECT_SCH = SCHEMA_DIR / "chimes.sch"
#: The rules every TEI document is held to.
UNIVERSAL_SCH = SCHEMA_DIR / "universal.sch"

_PSEUDO = re.compile(r"([\w.:-]+)\s*=\s*(?:\"([^\"]*)\"|'([^']*)')")


@dataclass
class Plan:
    """The schemas for one document, and any warnings about its declarations."""

    relaxng: list[Path] = field(default_factory=list)
    schematron: list[tuple[Path, str | None]] = field(default_factory=list)  # (file, phase)
    findings: list[Finding] = field(default_factory=list)
    origin: dict[Path, int | None] = field(default_factory=dict)  # schema -> line declaring it

    def add_relaxng(self, path: Path, line: int | None = None) -> None:
        path = path.resolve()
        if path not in self.relaxng:
            self.relaxng.append(path)
            self.origin.setdefault(path, line)

    def add_schematron(self, path: Path, phase: str | None, line: int | None = None) -> None:
        path = path.resolve()
        if (path, phase) not in self.schematron:
            self.schematron.append((path, phase))
            self.origin.setdefault(path, line)


def in_project(path: Path) -> bool:
    """True for the edition files in this project's tei/ folder."""
    try:
        path.resolve().relative_to(PROJECT_TEI.resolve())
    except ValueError:
        return False
    return True


def pseudo_attributes(text: str | None) -> dict[str, str]:
    return {
        m.group(1): m.group(2) if m.group(2) is not None else m.group(3)
        for m in _PSEUDO.finditer(text or "")
    }


def declarations(source: Source) -> list[tuple[str, str, dict[str, str], int | None]]:
    """(kind, href, pseudo-attributes, line) for each schema the document declares.

    kind is "relaxng", "schematron", or "unsupported:<what>".
    """
    out = []
    pis = [
        n
        for n in source.root.itersiblings(preceding=True)
        if isinstance(n, etree._ProcessingInstruction)
    ]
    for pi in reversed(pis):
        attrs = pseudo_attributes(pi.text)
        if pi.target == "xml-model" and attrs.get("href"):
            out.append((_kind(attrs), attrs["href"], attrs, pi.sourceline))
        elif pi.target == "oxygen":
            if attrs.get("RNGSchema"):
                compact = attrs.get("type", "xml") == "compact"
                kind = "unsupported:RELAX NG compact syntax" if compact else "relaxng"
                out.append((kind, attrs["RNGSchema"], attrs, pi.sourceline))
            if attrs.get("SCHSchema"):
                out.append(("schematron", attrs["SCHSchema"], attrs, pi.sourceline))
    return out


def _kind(attrs: dict[str, str]) -> str:
    ns = attrs.get("schematypens", "").strip()
    typ = attrs.get("type", "").strip().lower()
    ext = urlparse(attrs["href"]).path.rsplit(".", 1)[-1].lower()
    if ns == RNG_NS:
        return "relaxng" if ext != "rnc" else "unsupported:RELAX NG compact syntax"
    if ns in (SCH_NS, SCH15_NS):
        return "schematron"
    if ns == XSD_NS or ext == "xsd":
        return "unsupported:W3C XML Schema"
    if ns:
        return f"unsupported:schema language {ns}"
    if typ == "application/relax-ng-compact-syntax" or ext == "rnc":
        return "unsupported:RELAX NG compact syntax"
    if ext == "rng":
        return "relaxng"
    if ext == "sch":
        return "schematron"
    if ext == "dtd" or typ == "application/xml-dtd":
        return "unsupported:DTD"
    return "unsupported:schema of unknown type"


def resolve_href(href: str, document: Path) -> Path | None:
    """A local file for `href` relative to the document, or None if it is not local."""
    parsed = urlparse(href)
    if parsed.scheme == "file":
        return Path(unquote(parsed.path))
    if parsed.scheme and len(parsed.scheme) > 1:  # (one letter: a Windows drive)
        return None
    return (document.parent / unquote(parsed.path)).resolve()


def plan(
    source: Source,
    schemas: tuple[Path, ...] = (),
    schematrons: tuple[Path, ...] = (),
    declared: bool = True,
) -> Plan:
    """The schemas `source` is to be validated against (see the module docstring); with
    `declared=False`, not those the document declares."""
    result = Plan()
    path = source.path
    project = in_project(path)
    if project and not schemas and PROJECT_RNG.is_file():
        result.add_relaxng(PROJECT_RNG)
    if project and not schematrons and PROJECT_SCH.is_file():
        result.add_schematron(PROJECT_SCH, None)
    for rng in schemas:
        result.add_relaxng(Path(rng))
    for sch in schematrons:
        result.add_schematron(Path(sch), None)
    for kind, href, attrs, line in declarations(source) if declared else ():
        if kind == "relaxng" and schemas or kind == "schematron" and schematrons:
            continue
        unsupported = kind.startswith("unsupported:")
        local = None if unsupported else resolve_href(href, path)
        if local is None:  # a warning, and validation goes on without this schema
            if unsupported:
                rule = "schema-unsupported"
                why = (
                    f"the declared schema {href} is not used: teikit validates with "
                    f"RELAX NG (XML syntax) and Schematron, not {kind.split(':', 1)[1]}"
                )
            else:
                rule = "schema-not-fetched"
                why = (
                    f"the declared schema {href} was not fetched (teikit never uses the "
                    "network); save a copy and name it with --schema or --schematron"
                )
            result.findings.append(Finding(str(path), line, None, "warning", why, rule))
            continue
        if kind == "relaxng":
            result.add_relaxng(local, line)
        else:
            result.add_schematron(local, attrs.get("phase") or None, line)
    return result
