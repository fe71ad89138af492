"""Large schemas go to jing (toolkit/validation/jing.py): the files of one run are checked in
one Java run per schema, with the findings each file gets alone."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import FIXTURES, ROOT, TEI_ALL, require_shared
from toolkit.cli import main
from toolkit.validation import jing

RULES = FIXTURES / "rules"


@pytest.fixture
def java_runs(monkeypatch) -> list[list[str]]:
    """The jing command lines run while the test runs."""
    if jing.command() is None:
        require_shared(Path("/nonexistent/jing"))  # skip locally, fail in CI
    runs: list[list[str]] = []
    real = subprocess.Popen

    def counting(cmd, *args, **kwargs):
        runs.append(list(cmd))
        return real(cmd, *args, **kwargs)

    monkeypatch.setattr(jing.subprocess, "Popen", counting)
    return runs


def _findings(*args: str) -> list[dict]:
    result = CliRunner().invoke(main, ["validate", *args, "--format", "json"])
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)["findings"]  # progress, on a slow run, goes to stderr


def test_a_run_of_many_files_starts_java_once_with_the_findings_of_each_alone(java_runs):
    schema = str(require_shared(TEI_ALL))
    files = sorted(str(p) for p in RULES.glob("*.xml"))[:6]
    alone = [f for path in files for f in _findings(path, "--schema", schema)]
    assert len(java_runs) == len(files)
    java_runs.clear()
    together = _findings(*files, "--schema", schema)
    assert len(java_runs) == 1 and java_runs[0][-len(files) :] == files
    key = lambda f: (f["path"], f["line"] or 0, f["column"] or 0, f["message"])  # noqa: E731
    assert sorted(together, key=key) == sorted(alone, key=key)
    assert any(f["rule"] == "relaxng" for f in together)  # the fixtures break TEI All's rules


def test_a_schema_jing_cannot_use_is_reported_for_each_file(tmp_path, java_runs, monkeypatch):
    monkeypatch.setenv("TEIKIT_RELAXNG", "jing")
    bad = tmp_path / "bad.rng"
    bad.write_text(
        '<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><ref name="nowhere"/>'
        "</start></grammar>"
    )
    files = sorted(str(p) for p in RULES.glob("*.xml"))[:3]
    result = CliRunner().invoke(main, ["validate", *files, "--schema", str(bad)])
    assert result.exit_code == 2, result.output
    assert "jing could not use this schema" in result.output
    assert "Traceback" not in result.output


def test_java_starts_before_the_schematron_rules_compile(java_runs, monkeypatch):
    """jing's run and the Schematron rules go on together: Java is started first."""
    from toolkit.validation import schematron

    schema = str(require_shared(TEI_ALL))
    seen: list[int] = []
    real = schematron.compile_set

    def noting(parts):
        seen.append(len(java_runs))
        return real(parts)

    monkeypatch.setattr(schematron, "compile_set", noting)
    findings = _findings(str(RULES / "date-order.xml"), "--schema", schema)
    assert seen and seen[0] == 1, seen
    assert any(f["rule"] == "date-order" for f in findings)


def test_a_failed_run_of_many_falls_back_to_one_run_per_file(java_runs, monkeypatch):
    """A Java run over many files that fails as a whole (not for its schema) does not cost
    the files their findings: each is checked alone."""
    schema = str(require_shared(TEI_ALL))
    files = sorted(str(p) for p in RULES.glob("*.xml"))[:3]
    alone = [f for path in files for f in _findings(path, "--schema", schema)]
    real = jing.Pending._wait

    def failing_when_many(self):
        found = real(self)
        if len(self.sources) > 1:
            raise jing.InputError("jing stopped", self.schema)
        return found

    monkeypatch.setattr(jing.Pending, "_wait", failing_when_many)
    java_runs.clear()
    together = _findings(*files, "--schema", schema)
    assert len(java_runs) == 1 + len(files)
    key = lambda f: (f["path"], f["line"] or 0, f["column"] or 0, f["message"])  # noqa: E731
    assert sorted(together, key=key) == sorted(alone, key=key)


def test_a_usage_error_after_java_started_leaves_no_java_run_and_no_files(tmp_path):
    """The schema given is fine and Java starts on it; the Schematron given is not, so the
    command stops with a usage error: the Java run is ended and its files are removed."""
    if jing.command() is None:
        require_shared(Path("/nonexistent/jing"))
    schema = require_shared(TEI_ALL)
    doc = tmp_path / "doc-for-this-test.xml"
    doc.write_text((RULES / "date-order.xml").read_text(encoding="utf-8"), encoding="utf-8")
    bad = tmp_path / "bad.sch"
    bad.write_text("<not-schematron/>")
    tmp = tmp_path / "tmp"
    tmp.mkdir()
    env = {**os.environ, "TMPDIR": str(tmp), "XDG_CACHE_HOME": str(tmp_path / "cache")}
    run = subprocess.run(
        [sys.executable, "-m", "toolkit", "validate", str(doc), "--schema", str(schema),
         "--schematron", str(bad)],
        capture_output=True, text=True, env=env, cwd=ROOT,
    )  # fmt: skip
    assert run.returncode == 2, run.stderr
    assert "Traceback" not in run.stderr
    assert list(tmp.iterdir()) == []
    assert list((tmp_path / "cache" / "teikit").iterdir()) == []  # no half-made class archive
    running = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if str(doc).encode() in cmdline:
                running.append(cmdline)
    assert running == []


def test_the_types_a_value_may_take_are_listed_in_one_order():
    """jing's order of those types changes with the machine; teikit's does not. Names and
    allowed values, which jing sorts itself, are left as they are."""
    head = 'value of attribute "when" is invalid; must be '
    one = head + "a year, must be an ISO time or must be an ISO date"
    other = head + "an ISO date, must be a year or must be an ISO time"
    assert jing.canonical(one) == jing.canonical(other)
    assert jing.canonical(one) == head + "a year, must be an ISO date or must be an ISO time"
    cert = 'value of attribute "cert" is invalid; must be '
    mixed = cert + 'equal to "high" or "low" or must be a floating-point number'
    assert jing.canonical(mixed) == (
        cert + 'a floating-point number or must be equal to "high" or "low"'
    )
    for kept in (
        'element "x" not allowed here; expected element "a", "b" or "c"',
        'value of attribute "full" is invalid; must be equal to "abb", "init" or "yes"',
    ):
        assert jing.canonical(kept) == kept


def test_the_class_archive_is_made_once_kept_privately_and_changes_no_finding(
    tmp_path, monkeypatch, java_runs
):
    """The first Java run saves the classes it loaded into the user's cache folder (0700); the
    next runs map them in; the findings are those of a run without the archive."""
    schema = str(require_shared(TEI_ALL))
    doc = str(RULES / "date-iso8601.xml")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("TEIKIT_JAVA_CACHE", "0")
    without = _findings(doc, "--schema", schema)
    assert not any("-XX:SharedArchiveFile" in " ".join(r) for r in java_runs)
    monkeypatch.setenv("TEIKIT_JAVA_CACHE", "1")
    java_runs.clear()
    first = _findings(doc, "--schema", schema)
    assert any(a.startswith("-XX:ArchiveClassesAtExit=") for a in java_runs[0])
    folder = tmp_path / "cache" / "teikit"
    assert folder.stat().st_mode & 0o777 == 0o700
    made = [p.name for p in folder.iterdir()]
    assert len(made) == 1 and made[0].startswith("jing-") and made[0].endswith(".jsa"), made
    java_runs.clear()
    second = _findings(doc, "--schema", schema)
    assert f"-XX:SharedArchiveFile={folder / made[0]}" in java_runs[0]
    assert without == first == second
    assert any(f["rule"] == "relaxng" and "must be" in f["message"] for f in second)


@pytest.mark.parametrize("unsafe", ["shared", "link"])
def test_a_cache_folder_others_could_write_is_not_used(tmp_path, monkeypatch, java_runs, unsafe):
    """Code kept for Java is taken only from a folder that is the user's alone."""
    schema = str(require_shared(TEI_ALL))
    cache = tmp_path / "cache"
    cache.mkdir()
    if unsafe == "shared":
        (cache / "teikit").mkdir(mode=0o777)
        os.chmod(cache / "teikit", 0o777)
    else:
        (tmp_path / "elsewhere").mkdir(mode=0o700)
        (cache / "teikit").symlink_to(tmp_path / "elsewhere")
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    _findings(str(RULES / "date-order.xml"), "--schema", schema)
    assert java_runs and not any("-XX:" in a and "Archive" in a for a in java_runs[0])
    assert list((cache / "teikit").iterdir()) == []


def test_finished_java_runs_keep_no_documents(java_runs, monkeypatch, tmp_path):
    """A run over many batches holds only the batch at hand, not every parsed document of
    the finished ones."""
    import toolkit.validation as validation

    schema = str(require_shared(TEI_ALL))
    monkeypatch.setattr(validation, "JING_BATCH", 2)
    files = sorted(str(p) for p in RULES.glob("*.xml"))[:5]
    _findings(*files, "--schema", schema, "--jobs", "1")
    assert len(java_runs) == 3  # batches of 2, 2 and 1
    assert jing._started == [] and jing._prefetched == {}
    assert validation._read_ahead == {}
    # a usage error after Java started (a Schematron that is none) leaves nothing either
    bad = tmp_path / "bad.sch"
    bad.write_text("<not-schematron/>")
    result = CliRunner().invoke(
        main, ["validate", *files, "--schema", schema, "--schematron", str(bad)]
    )
    assert result.exit_code == 2, result.output
    assert len(java_runs) == 4
    assert jing._started == [] and jing._prefetched == {}
    assert validation._read_ahead == {}


def test_a_damaged_class_archive_is_removed_and_the_run_made_without_it(
    tmp_path, monkeypatch, java_runs
):
    """Java aborts on a damaged archive rather than running without it: the run is made
    again without the archive, which goes; no crash report is left in the working folder."""
    schema = str(require_shared(TEI_ALL))
    doc = str(RULES / "date-iso8601.xml")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.chdir(tmp_path)
    expected = _findings(doc, "--schema", schema)  # makes the archive
    (archive,) = (tmp_path / "cache" / "teikit").iterdir()
    data = archive.read_bytes()
    archive.chmod(0o600)
    archive.write_bytes(data[: len(data) // 3])
    java_runs.clear()
    assert _findings(doc, "--schema", schema) == expected
    assert f"-XX:SharedArchiveFile={archive}" in java_runs[0]
    assert len(java_runs) == 2 and not any("SharedArchiveFile" in a for a in java_runs[1])
    assert not archive.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache"]
