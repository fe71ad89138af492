"""The CLI contract: four commands, exit statuses, clean errors, outputs."""

from __future__ import annotations

import zipfile

import pytest
from click.testing import CliRunner

from tests.conftest import FIXTURES, HOSTILE, require_shared
from toolkit.cli import main

CANONICAL = FIXTURES / "canonical.xml"


def run(*args, **kwargs):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False, **kwargs)


def test_help_lists_the_commands():
    result = run("--help")
    assert result.exit_code == 0
    for name in ("validate", "build", "export", "check"):
        assert name in result.output


@pytest.mark.parametrize("name", ["validate", "build", "export", "check"])
def test_every_command_has_help_with_an_example(name):
    result = run(name, "--help")
    assert result.exit_code == 0
    assert "Example" in result.output
    assert f"teikit {name}" in result.output


def test_validate_ok():
    result = run("validate", CANONICAL)
    assert result.exit_code == 0, result.output
    assert "1 file(s) checked, 1 valid" in result.output


def test_validate_missing_file_is_exit_2(tmp_path):
    result = run("validate", tmp_path / "missing.xml")
    assert result.exit_code == 2
    assert "missing.xml" in result.output and "no such file" in result.output


def test_build_writes_every_format(tmp_path):
    out = tmp_path / "out"
    result = run("build", CANONICAL, "--out", out)
    assert result.exit_code == 0, result.output
    assert (out / "html" / "index.html").is_file()
    assert (out / "html" / "assets" / "edition.css").is_file()
    assert (out / "text" / "canonical.txt").is_file()
    with zipfile.ZipFile(out / "epub" / "canonical.epub") as zf:
        assert zf.namelist()[0] == "mimetype"


def test_build_reports_unknown_elements_once(tmp_path):
    result = run("build", CANONICAL, "--out", tmp_path)
    assert result.output.count("<unknownThing>") == 1


def test_build_unknown_format_is_usage_error(tmp_path):
    result = run("build", CANONICAL, "--format", "pdf", "--out", tmp_path)
    assert result.exit_code == 2
    assert "unknown format pdf" in result.output


def test_build_without_path_and_without_tei_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("build")
    assert result.exit_code == 2
    assert "no edition found" in result.output


HOSTILE_EXIT_2 = [
    "xxe-file-entity.xml",
    "billion-laughs.xml",
    "malformed-unclosed.xml",
    "not-tei-root.xml",
    "no-namespace.xml",
    "invalid-utf8.xml",
    "empty-file.xml",
    "deep-nesting.xml",
]


@pytest.mark.parametrize("name", HOSTILE_EXIT_2)
@pytest.mark.parametrize("command", ["validate", "build", "check", "export"])
def test_hostile_input_exit_2_cleanly(tmp_path, name, command):
    path = require_shared(HOSTILE / name)
    out = tmp_path / "out"
    args = [command, path]
    if command == "build":
        args += ["--out", out]
    if command == "export":
        args += ["--format", "persons.csv", "--out", out / "persons.csv"]
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert name in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_failed_build_leaves_previous_build_untouched(tmp_path):
    out = tmp_path / "out"
    assert run("build", CANONICAL, "--out", out).exit_code == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    bad = tmp_path / "canonical.xml"
    bad.write_text(CANONICAL.read_text().replace("</body>", ""))
    assert run("build", bad, "--out", out).exit_code == 2
    after = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    assert before == after
