"""Running the selected rules over one document: findings, what the document's own
instructions suppressed, the counts an edition's closing note needs, and the fixes."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from lxml import etree

from toolkit.check.config import Selection
from toolkit.check.document import (
    OTHER_DATE_ATTRIBUTES,
    Document,
    is_text_cite,
)
from toolkit.check.fix import FileFix, fix_file
from toolkit.check.registry import Hit
from toolkit.check.suppress import Suppressions
from toolkit.registers import expected_kind, kind_fits, local
from toolkit.source import Source
from toolkit.validation.report import Finding

_KINDS = ("person", "place", "org", "event", "object", "work")
_TAG = re.compile(r"<(?:\?.*?\?>|!--.*?-->|(?:[^>\"']|\"[^\"]*\"|'[^']*')*>)", re.S)


Region = tuple[int | None, int | None, int | None, int | None]


@dataclass(frozen=True)
class Result:
    """A finding with what machine formats need: the span of the file it names (start and
    end line and column, the end exclusive), the node named (its kind, name and path),
    whether --fix can fix it and how (each replacement: the span it replaces and the text
    put there), and, for a finding the document silenced, the span of the instruction that
    silenced it."""

    finding: Finding
    region: Region
    kind: str  # "element", "text" or "processingInstruction"
    name: str
    xpath: str
    fixable: bool
    replacements: tuple[tuple[Region, str], ...] = ()
    suppressed_by: Region | None = None


@dataclass
class Report:
    """Findings and counts for one document."""

    path: str
    findings: list[Finding] = field(default_factory=list)
    stats: dict = field(default_factory=dict)
    suppressed: dict[str, int] = field(default_factory=dict)  # rule -> findings silenced
    results: list[Result] = field(default_factory=list)  # parallel to findings
    fix: FileFix | None = None
    #: The findings that <?teikit ignore?> silenced, for formats that list them as such.
    silenced: list[Result] = field(default_factory=list)


def run_checks(source: Source) -> list[Finding]:
    """All findings for one document, sorted by place in the file."""
    return check(source).findings


def check(source: Source, selection: Selection | None = None, fix: bool = False) -> Report:
    doc = Document(source)
    selection = selection or Selection()
    silenced = Suppressions(doc.root, doc.suppressions)
    paths = _Paths()
    located: list[tuple[Finding, Result]] = []
    quiet: list[Result] = []
    suppressed: Counter[str] = Counter()
    edits = []
    for rule in selection.rules():
        severity = selection.severity_of(rule)
        for hit in rule.run(doc):
            instruction = silenced.covering(hit, rule)
            finding = Finding(doc.path, hit.line, hit.column, severity, hit.message, rule.id)
            result = _result(doc, finding, hit, paths, instruction)
            if instruction is not None:
                suppressed[rule.id] += 1
                quiet.append(result)
                continue
            located.append((finding, result))
            edits.append(hit.fix)
    located.sort(key=lambda pair: pair[0].sort_key())
    quiet.sort(key=lambda r: r.finding.sort_key())
    findings = [f for f, _ in located]
    stats = counts(doc)
    stats["findings"] = dict(sorted(Counter(f.rule for f in findings).items()))
    severities = Counter(f.severity for f in findings)
    stats["severities"] = {s: severities[s] for s in ("error", "warning", "info")}
    return Report(
        doc.path,
        findings,
        stats,
        dict(sorted(suppressed.items())),
        [r for _, r in located],
        fix_file(doc, edits) if fix else None,
        quiet,
    )


def counts(doc: Document) -> dict:
    """Register sizes, resolved mentions, citations, dates and notes (the author's, and the
    editors' apart): what exports can be checked against. Independent of the rules
    selected."""
    regs = doc.registers
    resolved: Counter[str] = Counter()
    cites = {"resolved": 0, "unresolved": 0}
    for mention, _ in doc.mentions:
        cite_ok = False
        for pointer in mention.pointers:
            if pointer.attribute == "key" or not pointer.local or pointer.id is None:
                continue
            entry = regs.by_id.get(pointer.id)
            if is_text_cite(mention):
                cite_ok = cite_ok or (entry is not None and entry.kind == "work")
                continue
            expected = expected_kind(mention)
            if entry is None or expected and not kind_fits(expected, entry.kind, mention.element):
                continue
            if mention.section == "text":
                resolved[entry.kind] += 1
        if is_text_cite(mention):
            cites["resolved" if cite_ok else "unresolved"] += 1
    dates = [d for d in doc.dated if d.name == "date" and d.section in ("text", "register")]
    normalised = sum(
        1 for d in dates if d.values or any(d.el.get(a) for a in OTHER_DATE_ATTRIBUTES)
    )
    return {
        "registers": regs.counts(),
        "mentions": {k: resolved.get(k, 0) for k in _KINDS},
        "citations": {**cites, "untagged": len(doc.short_cites)},
        "dates": {"total": len(dates), "normalised": normalised},
        "notes": len(doc.notes),
        "editorial_notes": len(doc.editorial_notes),
    }


# -- where a finding is, for machine formats -------------------------------------------------


def _span(doc: Document, start: int | None, end: int | None) -> Region:
    """Line and column of offsets start and end of the file's text (None where unknown)."""
    positions = doc.positions
    line, col = positions.line_col(start) if start is not None else (None, None)
    end_line, end_col = positions.line_col(end) if end is not None else (None, None)
    return line, col, end_line, end_col


def _tag_end(doc: Document, start: int | None) -> int | None:
    """Where the tag (a start tag, a comment, an instruction) that begins at `start` ends."""
    tag = _TAG.match(doc.positions.text or "", start) if start is not None else None
    return tag.end() if tag else None


def _result(
    doc: Document,
    finding: Finding,
    hit: Hit,
    paths: _Paths,
    instruction: etree._ProcessingInstruction | None = None,
) -> Result:
    node, positions = hit.node, doc.positions
    start = end = None
    if hit.slot == "start":
        start = positions.offset(node)
        end = _tag_end(doc, start)
        owner = node
    else:
        start, end = positions.char_offset(node, hit.slot, hit.offset), hit.end
        owner = node if hit.slot == "text" else node.getparent()
    line, col, end_line, end_col = _span(doc, start, end)
    if start is None:
        line, col = finding.line, finding.column
    if hit.slot != "start":
        kind, name = "text", local(owner) if owner is not None else ""
    elif isinstance(node, etree._ProcessingInstruction):
        kind, name = "processingInstruction", node.target
    else:
        kind, name = "element", local(node) or etree.QName(node).localname
    replacements = ()
    if hit.fix and positions.exact:
        replacements = tuple((_span(doc, e.start, e.end), e.text) for e in hit.fix)
    suppressed_by = None
    if instruction is not None:
        at = positions.offset(instruction)
        suppressed_by = _span(doc, at, _tag_end(doc, at))
        if at is None:
            suppressed_by = (instruction.sourceline, None, None, None)
    return Result(
        finding,
        (line, col, end_line, end_col),
        kind,
        name,
        paths.of(owner),
        bool(hit.fix),
        replacements,
        suppressed_by,
    )


class _Paths:
    """An element's path from the root (/TEI/text[1]/body[1]/div[2]/p[3]), each path and
    each parent's numbering of its children computed once."""

    def __init__(self) -> None:
        self._paths: dict[etree._Element, str] = {}
        self._numbers: dict[etree._Element, dict[etree._Element, int]] = {}

    def of(self, el: etree._Element | None) -> str:
        if el is None:
            return "/"
        missing = []
        while el is not None and el not in self._paths:
            missing.append(el)
            el = el.getparent()
        path = self._paths[el] if el is not None else ""
        for node in reversed(missing):
            parent = node.getparent()
            path = f"{path}/{self._step(node, parent)}"
            self._paths[node] = path
        return path

    def _step(self, el: etree._Element, parent: etree._Element | None) -> str:
        if isinstance(el, etree._ProcessingInstruction):
            name = "processing-instruction()"
        else:
            name = local(el) or etree.QName(el).localname
        if parent is None:
            return name
        numbers = self._numbers.get(parent)
        if numbers is None:
            seen: Counter = Counter()
            numbers = self._numbers[parent] = {}
            for child in parent:
                key = child.tag if isinstance(child.tag, str) else type(child)
                seen[key] += 1
                numbers[child] = seen[key]
        return f"{name}[{numbers[el]}]"
