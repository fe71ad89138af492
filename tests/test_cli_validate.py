"""teikit validate: every finding as file:line:col, sorted, text or JSON, exit statuses."""

from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from tests.conftest import EDITION, FIXTURES, HOSTILE, require_shared
from toolkit import SCHEMA_DIR
from toolkit.cli import main
from toolkit.commands.validate import Progress

RULES = FIXTURES / "rules"
HEAD = (
    '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t</title>'
    "</titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc>"
    "</fileDesc></teiHeader><text><body>\n"
)


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def write(tmp_path, name: str, body: str, prolog: str = "") -> str:
    path = tmp_path / name
    path.write_text(prolog + HEAD + body + "\n</body></text></TEI>\n")
    return str(path)


def test_the_edition_passes_its_own_schema_and_rules():
    result = run("validate", EDITION)
    assert result.exit_code == 0, result.output
    assert result.output.strip() == (
        "1 file(s) checked, 1 valid, 0 invalid or unreadable; 0 error(s), 0 warning(s)"
    )


def test_no_path_means_the_edition(monkeypatch):
    monkeypatch.chdir(EDITION.parent.parent)
    result = run("validate")
    assert result.exit_code == 0, result.output
    assert "1 file(s) checked, 1 valid" in result.output


def test_hostile_files_exit_1_with_every_finding_by_rule_and_line():
    dangling = require_shared(HOSTILE / "dangling-references.xml")
    duplicate = require_shared(HOSTILE / "duplicate-ids.xml")
    result = run("validate", duplicate, dangling)
    assert result.exit_code == 1
    lines = result.output.strip().splitlines()
    # A pointer no file of the run declares is a warning: a file cannot know what its project
    # declares elsewhere (toolkit/validation/pointers.py).
    assert lines == [
        f'{dangling}:7:14: warning: @ref points at #nobody, but no element in this document has '
        'xml:id="nobody" (nor in the other files of this run) [pointer-resolves]',
        f'{dangling}:7:65: warning: @ref points at #nowhere, but no element in this document has '
        'xml:id="nowhere" (nor in the other files of this run) [pointer-resolves]',
        f'{dangling}:7:109: error: @when="1936-02-30" is not an ISO 8601 date (there is no such '
        "month or day) [date-iso8601]",
        f'{duplicate}:7:27: error: xml:id "p1" is used more than once: an earlier <p> already has '
        "it [id-unique]",
        "2 file(s) checked, 0 valid, 2 invalid or unreadable; 2 error(s), 2 warning(s)",
    ]  # fmt: skip


def test_json_gives_the_same_findings(tmp_path):
    dangling = require_shared(HOSTILE / "dangling-references.xml")
    text = run("validate", dangling).output.strip().splitlines()
    result = run("validate", dangling, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [f["rule"] for f in data["findings"]] == ["pointer-resolves"] * 2 + ["date-iso8601"]
    assert data["findings"][0] == {
        "path": str(dangling),
        "line": 7,
        "column": 14,
        "severity": "warning",
        "message": '@ref points at #nobody, but no element in this document has xml:id="nobody"',
        "rule": "pointer-resolves",
    }
    assert data["summary"] == text[-1]
    assert data["counts"] == {
        "files": 1, "valid": 0, "invalid": 1, "errors": 1, "warnings": 2, "notes": 0
    }  # fmt: skip


def test_declared_schemas_are_used_and_resolved_relative_to_the_file(tmp_path):
    shutil.copy(SCHEMA_DIR / "chimes.rng", tmp_path / "project.rng")
    (tmp_path / "house.sch").write_text(
        '<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2">'
        '<sch:ns prefix="tei" uri="http://www.tei-c.org/ns/1.0"/>'
        '<sch:pattern><sch:rule context="tei:p"><sch:assert test="@xml:id" id="p-id">'
        "paragraphs have an xml:id</sch:assert></sch:rule></sch:pattern></sch:schema>"
    )
    prolog = (
        '<?xml-model href="project.rng" schematypens="http://relaxng.org/ns/structure/1.0"?>\n'
        '<?xml-model href="house.sch" schematypens="http://purl.oclc.org/dsdl/schematron"?>\n'
    )
    doc = write(tmp_path, "doc.xml", '<p xml:id="p1">One.</p>\n<p>Two <bogus/>.</p>', prolog)
    header = HEAD.splitlines()[0]
    first = header.index("<p>p</p>") + 1
    second = header.index("<p>s</p>") + 1
    result = run("validate", doc)
    assert result.exit_code == 1
    assert result.output.splitlines()[:-1] == [
        f"{doc}:3:{first}: error: paragraphs have an xml:id [p-id]",
        f"{doc}:3:{second}: error: paragraphs have an xml:id [p-id]",
        f"{doc}:5:1: error: paragraphs have an xml:id [p-id]",
        f"{doc}:5:8: error: element <bogus> is not allowed anywhere by the schema "
        "[relaxng.element]",
    ]


def test_command_line_schemas_replace_the_declared_ones(tmp_path):
    prolog = '<?xml-model href="missing.rng" schematypens="http://relaxng.org/ns/structure/1.0"?>\n'
    doc = write(tmp_path, "doc.xml", "<p>One <bogus/>.</p>", prolog)
    assert "missing.rng" in run("validate", doc).output
    result = run("validate", doc, "--schema", SCHEMA_DIR / "chimes.rng")
    assert result.exit_code == 1
    assert "missing.rng" not in result.output
    assert "element <bogus> is not allowed anywhere by the schema" in result.output
    result = run("validate", doc, "--schematron", SCHEMA_DIR / "chimes.sch")
    assert "missing.rng" in result.output  # --schematron leaves the RELAX NG as declared


def test_a_missing_declared_schema_is_exit_2_at_the_instruction(tmp_path):
    prolog = '<?xml-model href="gone.rng" schematypens="http://relaxng.org/ns/structure/1.0"?>\n'
    doc = write(tmp_path, "doc.xml", "<p>x</p>", prolog)
    result = run("validate", doc)
    assert result.exit_code == 2
    assert f"{doc}:1: fatal: cannot use a schema:" in result.output
    assert "gone.rng" in result.output and "does not exist" in result.output


def test_remote_schemas_are_not_fetched(tmp_path):
    prolog = (
        '<?xml-model href="https://www.tei-c.org/release/xml/tei/custom/schema/relaxng/'
        'tei_all.rng" type="application/xml" '
        'schematypens="http://relaxng.org/ns/structure/1.0"?>\n'
    )
    doc = write(tmp_path, "doc.xml", "<p>x</p>", prolog)
    result = run("validate", doc)
    assert result.exit_code == 0
    assert f"{doc}:1: warning: the declared schema https://www.tei-c.org/" in result.output
    assert "was not fetched (teikit never uses the network)" in result.output
    assert "[schema-not-fetched]" in result.output


@pytest.mark.parametrize(
    "prolog, what",
    [
        ('<?xml-model href="s.rnc" type="application/relax-ng-compact-syntax"?>\n',
         "RELAX NG compact syntax"),
        ('<?xml-model href="s.xsd" schematypens="http://www.w3.org/2001/XMLSchema"?>\n',
         "W3C XML Schema"),
    ],
)  # fmt: skip
def test_unsupported_schema_languages_are_warnings(tmp_path, prolog, what):
    doc = write(tmp_path, "doc.xml", "<p>x</p>", prolog)
    result = run("validate", doc)
    assert result.exit_code == 0
    assert f"not {what} [schema-unsupported]" in result.output


def test_oxygen_processing_instructions(tmp_path):
    shutil.copy(SCHEMA_DIR / "chimes.rng", tmp_path / "c.rng")
    doc = write(
        tmp_path, "doc.xml", "<p>x <bogus/></p>", '<?oxygen RNGSchema="c.rng" type="xml"?>\n'
    )
    assert "element <bogus> is not allowed anywhere" in run("validate", doc).output


def test_a_bad_schema_on_the_command_line_is_one_usage_error(tmp_path):
    bad = tmp_path / "bad.sch"
    bad.write_text(
        '<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt3">\n'
        '<sch:pattern><sch:rule context="*">\n<sch:assert test="((">x</sch:assert>\n'
        "</sch:rule></sch:pattern></sch:schema>"
    )
    doc = write(tmp_path, "doc.xml", "<p>x</p>")
    result = run("validate", doc, doc, "--schematron", bad)
    assert result.exit_code == 2
    assert result.output.count("error:") == 1
    assert f"{bad}:3: the Schematron rules cannot be compiled" in result.output
    assert "Traceback" not in result.output


def test_findings_are_sorted_by_file_line_and_column(tmp_path):
    b = write(tmp_path, "b.xml", '<p xml:id="x"/><p xml:id="x" corresp="#q"/>')
    a = write(tmp_path, "a.xml", '<p corresp="#z"/>\n<p corresp="#y"/>')
    lines = run("validate", b, a).output.strip().splitlines()[:-1]
    keys = [
        (line.split(":")[0], int(line.split(":")[1]), int(line.split(":")[2])) for line in lines
    ]
    assert keys == sorted(keys) and len(keys) == 4


def test_unreadable_and_invalid_files_together(tmp_path):
    good = write(tmp_path, "good.xml", "<p>x</p>")
    bad = write(tmp_path, "bad.xml", '<p xml:id="a">x</p><p xml:id="a">y</p>')
    missing = tmp_path / "missing.xml"
    result = run("validate", good, bad, missing)
    assert result.exit_code == 2
    assert "3 file(s) checked, 1 valid, 2 invalid or unreadable" in result.output


def test_progress_only_on_a_terminal_or_a_long_run(monkeypatch, capsys):
    class Clock:
        now = 0.0

    monkeypatch.setattr("toolkit.commands.validate.time.monotonic", lambda: Clock.now)
    monkeypatch.setattr("sys.stderr.isatty", lambda: False, raising=False)
    quiet = Progress(3)
    quiet.step(1, RULES / "valid.xml")
    Clock.now = 6.0
    quiet.step(2, RULES / "geo.xml")
    quiet.close()
    assert capsys.readouterr().err == "validated 2/3 files (6 s)\n"
    monkeypatch.setattr("sys.stderr.isatty", lambda: True, raising=False)
    live = Progress(2)
    live.step(1, RULES / "valid.xml")
    live.close()
    err = capsys.readouterr().err
    assert "validating 1/2 valid.xml" in err and err.endswith("\r")
    single = Progress(1)
    single.step(1, RULES / "valid.xml")
    assert capsys.readouterr().err == ""


def test_build_refuses_an_invalid_default_edition(tmp_path, monkeypatch):
    (tmp_path / "tei").mkdir()
    write(tmp_path / "tei", "edition.xml", '<p><persName ref="#nobody">N</persName></p>')
    monkeypatch.chdir(tmp_path)
    result = run("build", "--format", "text")
    assert result.exit_code == 1
    assert "is not valid, so nothing was built" in result.output
    assert "pointer-resolves" in result.output
    assert not list((tmp_path / "build").rglob("*.txt"))


def test_build_of_a_named_file_warns_and_goes_on(tmp_path):
    dangling = require_shared(HOSTILE / "dangling-references.xml")
    result = run("build", dangling, "--format", "text", "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "warning: " in result.output and "[pointer-resolves]" in result.output
    assert (tmp_path / "out" / "text" / "dangling-references.txt").is_file()


def test_a_folder_stands_for_its_xml_files(tmp_path):
    write(tmp_path, "a.xml", "<p>x</p>")
    write(tmp_path, "b.xml", '<p><date when="1936-02-30">x</date></p>')
    (tmp_path / "notes.txt").write_text("not XML")
    result = run("validate", tmp_path)
    assert result.exit_code == 1
    assert "2 file(s) checked, 1 valid, 1 invalid" in result.output


def test_a_rule_that_fails_at_run_time_is_reported_and_the_run_goes_on(tmp_path):
    rules = tmp_path / "strict.sch"
    rules.write_text(
        '<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt3">'
        '<sch:ns prefix="tei" uri="http://www.tei-c.org/ns/1.0"/>'
        '<sch:pattern><sch:rule context="tei:p[@n]">'
        '<sch:assert test="xs:integer(@n) gt 0" id="positive">n is positive</sch:assert>'
        "</sch:rule></sch:pattern></sch:schema>"
    )
    bad = write(tmp_path, "bad.xml", '<p n="one">x</p>')
    good = write(tmp_path, "good.xml", '<p n="2">x</p>')
    result = run("validate", bad, good, "--schematron", rules)
    assert result.exit_code == 2
    assert f"{bad}: fatal: cannot use a schema:" in result.output
    assert "failed on this document" in result.output
    assert "2 file(s) checked, 1 valid, 1 invalid or unreadable" in result.output


def test_parallel_processes_give_the_same_report():
    files = sorted((RULES).glob("*.xml"))
    one = run("validate", *files, "--schematron", SCHEMA_DIR / "chimes.sch", "-j", "1")
    two = run("validate", *files, "--schematron", SCHEMA_DIR / "chimes.sch", "-j", "2")
    assert one.exit_code == two.exit_code == 1
    assert one.output == two.output
    # valid.xml, and pointer-resolves.xml, whose dangling pointers are warnings
    assert f"{len(files)} file(s) checked, 2 valid" in one.output


def test_pointers_resolve_across_the_files_of_a_run(tmp_path):
    """A pointer into another file of the run (a project's list of persons, a corpus'
    header) resolves; one no file declares is a warning; the edition in ./tei/ keeps it an
    error."""
    persons = write(tmp_path, "persons.xml", '<listPerson><person xml:id="humenda"><persName>'
                    "Humenda</persName></person></listPerson><p>x</p>")  # fmt: skip
    letter = write(tmp_path, "letter.xml", '<p><persName ref="#humenda">H.</persName> and '
                   '<persName ref="#ghost">G.</persName></p>')  # fmt: skip
    alone = run("validate", letter)
    assert alone.exit_code == 0, alone.output
    assert alone.output.count("warning: @ref points at") == 2
    together = run("validate", letter, persons)
    assert together.exit_code == 0, together.output
    lines = [line for line in together.output.splitlines() if "[pointer-resolves]" in line]
    assert len(lines) == 1 and "#ghost" in lines[0] and "nor in the other files" in lines[0]
    built = run("build", letter, persons, "--format", "text", "--out", tmp_path / "out")
    assert built.exit_code == 0, built.output
    assert "#ghost" in built.output and "#humenda" not in built.output
    alone_built = run("build", letter, "--format", "text", "--out", tmp_path / "one")
    assert "#humenda" in alone_built.output  # a warning when the run cannot resolve it


def test_the_editions_own_pointers_must_resolve(tmp_path, monkeypatch):
    (tmp_path / "tei").mkdir()
    write(tmp_path / "tei", "edition.xml", '<p><persName ref="#nobody">N</persName></p>')
    monkeypatch.chdir(tmp_path)
    result = run("validate")
    assert result.exit_code == 1
    assert "error: @ref points at #nobody" in result.output
