"""Validation: RELAX NG, Schematron and the rules every TEI file is held to.

`validate(source)` is the whole of it for one loaded document: the RELAX NG schemas and
Schematron rules the document is associated with (toolkit.validation.association), the
Schematron embedded in those RELAX NG schemas, and schema/universal.sch. Schemas are
compiled once per process; the document is parsed once for all the Schematron it meets
(toolkit.xslt.document).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from pathlib import Path

from toolkit.errors import InputError, InvalidError
from toolkit.source import Source
from toolkit.validation.association import UNIVERSAL_SCH, plan
from toolkit.validation.report import Finding

__all__ = [
    "Finding",
    "build_gate",
    "check_schemas",
    "end_run",
    "require_valid",
    "start_jing",
    "universal",
    "validate",
    "validate_files",
    "validate_path",
]


def _fatal(source: Source, err: InputError, line: int | None) -> Finding:
    return Finding(str(source.path), line, None, "fatal", f"cannot use a schema: {err}", "schema")


def check_schemas(schemas: tuple[Path, ...] = (), schematrons: tuple[Path, ...] = ()) -> None:
    """Compile schemas named by the user up front, so a bad one is one usage error. Their
    Schematron rules are compiled as the set each document will run (with the universal
    rules: see `_rule_set`), so that the compiled set is the one validation uses, not a
    second compilation of the same rules."""
    from toolkit.validation import relaxng, schematron

    for path in schemas:
        relaxng.load(path)
    wanted = [(path, None) for path in schemas] + [(path, None) for path in schematrons]
    parts = []
    for path, phase in wanted:
        part = schematron.prepare(path, phase)
        if part is not None:
            parts.append(part)
    schematron.compile_set(_rule_set(parts))


def _rule_set(parts: list) -> list:
    """The Schematron parts a document runs, in order: each once, then the universal rules
    unless one of them includes those already."""
    from toolkit.validation import schematron

    distinct: list = []
    for part in parts:
        if all(part is not p for p in distinct):
            distinct.append(part)
    if not any(UNIVERSAL_SCH.resolve() in p.sources for p in distinct):
        distinct.append(schematron.prepare(UNIVERSAL_SCH))
    return distinct


def validate(
    source: Source,
    schemas: tuple[Path, ...] = (),
    schematrons: tuple[Path, ...] = (),
    declared: bool = True,
) -> list[Finding]:
    """Every finding for one document, sorted. `declared=False` leaves out the schemas the
    document declares (`teikit build` runs them only when asked)."""
    from toolkit.validation import jing, relaxng
    from toolkit.validation.locate import Locator

    the_plan = plan(source, schemas, schematrons, declared=declared)
    findings = list(the_plan.findings)
    locator = Locator(source)
    wanted = []  # (schema file, phase): RELAX NG schemas for the rules they embed, Schematron
    pending = []  # jing's runs, going on while the Schematron rules run
    for path in the_plan.relaxng:
        try:
            grammar = relaxng.load(path)
            if isinstance(grammar, jing.JingGrammar):
                pending.append((path, grammar.start(source)))
            else:
                findings.extend(grammar.check(source, locator))
        except InputError as err:
            findings.append(_fatal(source, err, the_plan.origin.get(path)))
            continue
        wanted.append((path, None))
    try:
        findings.extend(_schematron(source, locator, the_plan, wanted))
    finally:
        for path, result in pending:
            try:
                findings.extend(result())
            except InputError as err:
                findings.append(_fatal(source, err, the_plan.origin.get(path)))
    return sorted(set(findings), key=Finding.sort_key)


def _schematron(source: Source, locator, the_plan, wanted) -> list[Finding]:
    """The findings of the Schematron rules: those embedded in the RELAX NG schemas of
    `wanted`, the Schematron files it names, and schema/universal.sch."""
    from toolkit.validation import schematron

    findings: list[Finding] = []
    wanted.extend(the_plan.schematron)
    parts = []
    for path, phase in wanted:
        try:
            part = schematron.prepare(path, phase)
        except InputError as err:
            findings.append(_fatal(source, err, the_plan.origin.get(path)))
            continue
        if part is not None:
            parts.append(part)
    parts = _rule_set(parts)
    try:
        rules = schematron.compile_set(parts)
    except InputError:  # find the schema at fault; the others still run
        rules = []
        for part in parts:
            try:
                rules.extend(schematron.compile_set([part]))
            except InputError as err:
                findings.append(_fatal(source, err, the_plan.origin.get(part.path)))
    for compiled in rules:
        try:
            findings.extend(compiled.check(source, locator))
        except InputError as err:  # a rule failed at run time (a bad cast, a missing file)
            findings.append(_fatal(source, err, the_plan.origin.get(compiled.path)))
    return findings


def validate_path(
    path: Path, schemas: tuple[Path, ...] = (), schematrons: tuple[Path, ...] = ()
) -> list[Finding]:
    """Every finding for one file; an unreadable file is one fatal finding."""
    from toolkit.validation.basic import read

    ahead = _read_ahead.pop(path, None)
    kept = ahead[1] if ahead and ahead[0] == _stamp(path) else None
    source, findings = kept or read(path)
    if source is not None:
        findings.extend(validate(source, schemas, schematrons))
    return findings


def validate_files(
    paths: list[Path],
    schemas: tuple[Path, ...] = (),
    schematrons: tuple[Path, ...] = (),
    workers: int = 1,
    on_done: Callable[[int, Path], None] | None = None,
) -> list[Finding]:
    """Every finding for many files, in `workers` processes (each compiles the schemas once);
    `on_done(n, path)` is called as each file is finished."""
    findings: list[Finding] = []
    if workers <= 1 or len(paths) < 2:
        for start in range(0, len(paths), JING_BATCH):
            chunk = paths[start : start + JING_BATCH]
            start_jing(chunk, schemas, schematrons)
            for done, path in enumerate(chunk, start + 1):
                findings.extend(validate_path(path, schemas, schematrons))
                if on_done:
                    on_done(done, path)
        return findings
    from concurrent.futures import as_completed

    from toolkit.validation import jing
    from toolkit.workers import can_fork
    from toolkit.workers import pool as worker_pool

    if can_fork():  # the workers inherit what one Java run per schema found
        for start in range(0, len(paths), JING_BATCH):
            start_jing(paths[start : start + JING_BATCH], schemas, schematrons, keep=False)
            jing.settle()

    with worker_pool(min(workers, len(paths))) as pool:
        futures = {pool.submit(validate_path, p, schemas, schematrons): p for p in paths}
        for done, future in enumerate(as_completed(futures), 1):
            findings.extend(future.result())
            if on_done:
                on_done(done, futures[future])
    return findings


#: Files of a run checked by one Java run of jing (toolkit.validation.jing.prefetch).
JING_BATCH = 100


#: Files `start_jing` looked at: by path, the file's size and time when read, and what
#: reading it gave when it went to jing (kept for `validate_path`), else None.
_read_ahead: dict[Path, tuple[tuple, tuple[Source | None, list[Finding]] | None]] = {}


def _stamp(path: Path) -> tuple | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


def end_run() -> None:
    """What a run started and did not use goes: Java runs still going are stopped (their
    files removed), documents read ahead are let go. A usage error can leave them; a
    process that validates again (a test, a program using teikit) must not keep them."""
    from toolkit.validation import jing

    _read_ahead.clear()
    jing.stop_all()


def start_jing(paths: list[Path], schemas=(), schematrons=(), keep: bool = True) -> None:
    """Start jing on the files whose schema it checks (large ones: TEI All, EpiDoc,
    ODD-generated), one Java run per schema rather than one per file, without waiting: Java
    starts and checks while the rest of the validation is prepared and run. Files that
    cannot be read, and schemas that cannot be loaded, are left for the validation to report.
    With `keep`, the files given to jing are kept for their validation, which then does not
    read them again (they are held by the Java run meanwhile in any case)."""
    from toolkit.validation import jing, relaxng
    from toolkit.validation.basic import read

    if schemas:  # they replace the declared ones: no file needs reading if none is jing's
        grammars = []
        for schema in schemas:
            with contextlib.suppress(InputError):  # reported by check_schemas
                grammars.append(relaxng.load(schema))
        if not any(isinstance(g, jing.JingGrammar) for g in grammars):
            return
    pairs = []
    for path in paths:
        stamp = _stamp(path)
        if path in _read_ahead and _read_ahead[path][0] == stamp:  # looked at already
            continue
        read_now = read(path)
        source = read_now[0]
        given = False
        for schema in plan(source, schemas, schematrons).relaxng if source is not None else ():
            try:
                grammar = relaxng.load(schema)
            except InputError:
                continue
            if isinstance(grammar, jing.JingGrammar):
                pairs.append((grammar.path, source))
                given = True
        if keep and stamp is not None:
            _read_ahead[path] = (stamp, read_now if given else None)
    jing.prefetch(pairs)


def universal(source: Source) -> list[Finding]:
    """Findings of the rules every TEI document is held to (schema/universal.sch) alone."""
    from toolkit.validation import schematron

    return sorted(schematron.load(UNIVERSAL_SCH).check(source), key=Finding.sort_key)


def require_valid(source: Source, declared: bool = True) -> list[Finding]:
    """Validate; raise InvalidError (exit 1) naming the first errors if there are any.

    Returns the warnings and notes, for the caller to pass on.
    """
    findings = validate(source, declared=declared)
    errors = [f for f in findings if f.severity in ("fatal", "error")]
    if errors:
        shown = "; ".join(f.text() for f in errors[:3])
        more = f" (and {len(errors) - 3} more)" if len(errors) > 3 else ""
        raise InvalidError(
            f"{source.path} is not valid, so nothing was built: {len(errors)} error(s): "
            f"{shown}{more}. Run `teikit validate {source.path}` for the full report."
        )
    return findings


def build_gate(source: Source, project: bool, declared: bool = False) -> list[str]:
    """What `teikit build` asks before building: the project's edition must be valid (else
    InvalidError); any other file is held to the universal rules, reported as warnings.
    The schemas a document declares run only with `declared` (they are programs)."""
    if project:
        findings = require_valid(source, declared)
    elif declared:
        findings = validate(source)
    else:
        findings = universal(source)
    return [
        f"{f.path}:{f.line}:{f.column}: {f.message} [{f.rule}]"
        if f.column
        else f"{f.path}:{f.line}: {f.message} [{f.rule}]"
        for f in findings
    ]
