"""Large schemas go to jing (toolkit/validation/jing.py): the files of one run are checked in
one Java run per schema, with the findings each file gets alone."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import FIXTURES, TEI_ALL, require_shared
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
    return json.loads(result.output)["findings"]


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
