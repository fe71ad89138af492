"""Real TEI: the ELTeC English level-1 novels against their own schema, eltec-1.rng, whose
embedded Schematron (XPath 2) runs too."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from click.testing import CliRunner

from tests.conftest import ELTEC, require_shared, require_tool
from toolkit.cli import main
from toolkit.source import load
from toolkit.validation import schematron, validate
from toolkit.validation.association import plan

SCHEMAS = ELTEC.parent.parent / "Schemas"
NOVEL = "ENG18411_Tupper.xml"


def novels():
    return sorted(require_shared(ELTEC).glob("*.xml"))


def test_all_nineteen_novels_pass_with_their_own_schema():
    files = novels()
    assert len(files) == 19
    result = CliRunner().invoke(main, ["validate", *map(str, files)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert result.output.strip().splitlines()[-1] == (
        "19 file(s) checked, 19 valid, 0 invalid or unreadable; 0 error(s), 0 warning(s)"
    )


def test_they_are_checked_against_eltec_1_and_its_embedded_rules():
    source = load(novels()[0])
    the_plan = plan(source)
    rng = (SCHEMAS / "eltec-1.rng").resolve()
    assert the_plan.relaxng == [rng]
    assert the_plan.schematron == [(rng, None)]  # the same file, declared again for its rules
    embedded = schematron.load(rng)
    assert embedded.patterns >= 15


@pytest.fixture
def copy_of_eltec(tmp_path):
    """The corpus layout (level1/ beside ../../Schemas/) in tmp_path, one novel in it."""
    require_shared(SCHEMAS)
    level1 = tmp_path / "ELTeC-eng" / "level1"
    level1.mkdir(parents=True)
    shutil.copytree(SCHEMAS, tmp_path / "Schemas")
    text = (ELTEC / NOVEL).read_text(encoding="utf-8")
    return level1 / NOVEL, text


def line_of(text: str, marker: str) -> int:
    return text[: text.index(marker)].count("\n") + 1


def test_a_relax_ng_pattern_broken(copy_of_eltec):
    path, text = copy_of_eltec
    body = text.index("<body>")
    text = text[:body] + text[body:].replace("<p>", '<p><hi rend="italic">a<foo/></hi>', 1)
    text = text.replace("<title>", '<title colour="red">', 1)
    path.write_text(text, encoding="utf-8")
    found = validate(load(path))
    assert [(f.line, f.rule, f.message) for f in found] == [
        (
            line_of(text, '<title colour="red">'),
            "relaxng.attribute",
            "attribute @colour is not allowed on <title> (allowed: @level, @n, @ref, @rend, "
            "@xml:base, @xml:id, @xml:lang, @xml:space)",
        ),
        (
            line_of(text, "<foo/>"),
            "relaxng.element",
            "element <foo> is not allowed anywhere by the schema",
        ),
    ]
    jing = shutil.which("jing")
    if jing:  # the reference validator agrees the copy is invalid
        assert subprocess.run([jing, str(path.parent.parent.parent / "Schemas" / "eltec-1.rng"),
                               str(path)], capture_output=True).returncode != 0  # fmt: skip


def test_a_schematron_assertion_broken(copy_of_eltec):
    path, text = copy_of_eltec
    text = text.replace('<measure unit="words">', '<measure unit="pages">', 1)
    body = text.index("<body>")
    text = text[:body] + text[body:].replace("<p>", "<p><date>1841</date>", 1)
    path.write_text(text, encoding="utf-8")
    found = validate(load(path))
    assert [(f.line, f.severity, f.rule, f.message) for f in found] == [
        (
            line_of(text, "<extent>"),
            "error",
            "eltec-1-extent-wordCountMandatory-constraint-assert-2",
            "You must provide a word count",
        ),
        (
            line_of(text, "<p><date>1841"),
            "error",
            "eltec-1-date-datePlacement-constraint-assert-7",
            "The date element should not be used outside the TEI Header",
        ),
    ]


def test_jing_agrees_the_novels_are_valid():
    jing = require_tool("jing")
    files = novels()
    result = subprocess.run(
        [jing, str(SCHEMAS / "eltec-1.rng"), *map(str, files)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout[:2000]
