"""Which rules run: --select and --ignore, the project's configuration (teikit.toml,
pyproject.toml), and <?teikit ignore RULE?> in the document, counted in the summary."""

from __future__ import annotations

import json
import shutil
from collections import Counter

import pytest
from click.testing import CliRunner

from tests.conftest import FIXTURES
from toolkit.check import RULES
from toolkit.cli import main

CHECK = FIXTURES / "check"
#: A fixture with errors and warnings of three families.
MIXED = FIXTURES / "text-features.xml"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def rules_of(result) -> Counter:
    assert "Traceback" not in result.output, result.output
    return Counter(f["rule"] for f in json.loads(result.stdout)["findings"])


def families(counter: Counter) -> set[str]:
    return {RULES[rule].family for rule in counter}


def test_everything_runs_by_default():
    assert families(rules_of(run("check", MIXED, "--format", "json"))) == {
        "citations", "dates", "identifiers", "names", "registers"
    }  # fmt: skip


@pytest.mark.parametrize(
    "select, expected",
    [
        ("untagged-name", {"untagged-name"}),  # an id
        ("untagged", {"untagged-name", "untagged-title"}),  # a prefix
        ("dates", {"date-without-value"}),  # a family
        (
            "names,dates",
            {"untagged-name", "untagged-title", "name-without-pointer", "date-without-value"},
        ),  # several  # fmt: skip
    ],
)
def test_select_by_id_prefix_and_family(select, expected):
    assert set(rules_of(run("check", MIXED, "--format", "json", "--select", select))) == expected


def test_ignore_takes_out_of_the_selection():
    result = run("check", MIXED, "--format", "json", "--select", "names", "--ignore", "untagged")
    assert set(rules_of(result)) == {"name-without-pointer"}
    everything = rules_of(run("check", MIXED, "--format", "json"))
    without = rules_of(run("check", MIXED, "--format", "json", "--ignore", "entry-,dates"))
    kept = {r for r in everything if not r.startswith("entry-") and RULES[r].family != "dates"}
    assert without == Counter({r: everything[r] for r in kept})


def test_ignoring_an_error_rule_changes_the_exit_status():
    assert run("check", CHECK / "note-sequence.xml").exit_code == 1
    assert run("check", CHECK / "note-sequence.xml", "--ignore", "notes").exit_code == 0


def test_a_selector_that_names_no_rule_is_a_usage_error():
    result = run("check", MIXED, "--select", "untaged-name")
    assert result.exit_code == 2
    assert "'untaged-name' names no rule" in result.output
    assert "Traceback" not in result.output


def edition_in(tmp_path, fixture=MIXED):
    (tmp_path / "tei").mkdir()
    target = tmp_path / "tei" / "edition.xml"
    shutil.copy(fixture, target)
    return target


def test_pyproject_table_configures_the_check(tmp_path):
    target = edition_in(tmp_path)
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "edition"\n\n[tool.teikit.check]\n'
        'select = ["names"]\nignore = ["untagged-title"]\n'
    )
    assert set(rules_of(run("check", target, "--format", "json"))) == {
        "untagged-name", "name-without-pointer"
    }  # fmt: skip
    # --select replaces the configured selection; --ignore adds to the configured ignores.
    result = run("check", target, "--format", "json", "--select", "untagged")
    assert set(rules_of(result)) == {"untagged-name"}
    result = run("check", target, "--format", "json", "--ignore", "name-without-pointer")
    assert set(rules_of(result)) == {"untagged-name"}


def test_teikit_toml_beside_the_edition_comes_first(tmp_path):
    target = edition_in(tmp_path)
    (tmp_path / "pyproject.toml").write_text('[tool.teikit.check]\nselect = ["names"]\n')
    (tmp_path / "tei" / "teikit.toml").write_text('[check]\nselect = ["dates"]\n')
    assert set(rules_of(run("check", target, "--format", "json"))) == {"date-without-value"}


def test_a_pyproject_without_the_table_is_passed_over(tmp_path):
    target = edition_in(tmp_path)
    (tmp_path / "tei" / "pyproject.toml").write_text('[project]\nname = "x"\n')
    (tmp_path / "teikit.toml").write_text('[check]\nselect = ["dates"]\n')
    assert set(rules_of(run("check", target, "--format", "json"))) == {"date-without-value"}


def test_severity_can_be_raised_to_fail_ci(tmp_path):
    target = edition_in(tmp_path, CHECK / "untagged-name.xml")
    assert run("check", target).exit_code == 0
    (tmp_path / "teikit.toml").write_text('[check]\nseverity = { untagged-name = "error" }\n')
    result = run("check", target)
    assert result.exit_code == 1
    assert ": error: untagged person" in result.output


@pytest.mark.parametrize(
    "config, words",
    [
        ("[check\nselect = 1", "not valid TOML"),
        ('[check]\nselct = ["names"]\n', "unknown key(s) selct"),
        ('[check]\nselect = "names"\n', "select must be a list"),
        ('[check]\nignore = ["nonsense"]\n', "'nonsense' names no rule"),
        ('[check]\nseverity = { untagged-name = "fatal" }\n', "severity 'fatal'"),
    ],
)
def test_a_bad_configuration_is_one_clear_error(tmp_path, config, words):
    target = edition_in(tmp_path)
    (tmp_path / "teikit.toml").write_text(config)
    result = run("check", target)
    assert result.exit_code == 2
    assert words in result.output
    assert str(tmp_path / "teikit.toml") in result.output
    assert "Traceback" not in result.output


# -- in the document -------------------------------------------------------------------------


def with_instruction(tmp_path, old: str, new: str):
    text = (CHECK / "untagged-name.xml").read_text()
    assert old in text
    path = tmp_path / "suppressed.xml"
    path.write_text(text.replace(old, new, 1))
    return path


def untagged(path) -> list[str]:
    result = run("check", path, "--format", "json")
    return [f["message"].split(" (")[0] for f in json.loads(result.stdout)["findings"]]


def test_an_instruction_before_an_element_silences_it_and_its_content(tmp_path):
    path = with_instruction(
        tmp_path, '<p xml:id="p1">', '<?teikit ignore untagged-name?>\n      <p xml:id="p1">'
    )
    assert untagged(path) == [
        'untagged place "London"', 'untagged person "Babbage"',
        'untagged person "Countess of Lovelace"',
    ]  # fmt: skip
    result = run("check", path)
    assert "suppressed by <?teikit ignore?> in the document: untagged-name 2" in result.output
    assert result.output.splitlines()[-1].endswith("3 warning(s), 0 info; 2 suppressed")
    summary = json.loads(run("check", path, "--format", "json").output)
    assert summary["summary"]["suppressed"] == 2
    assert summary["files"][0]["suppressed"] == {"untagged-name": 2}


def test_an_instruction_in_text_silences_the_finding_right_after_it(tmp_path):
    path = with_instruction(
        tmp_path, "In 1833 Babbage", "In 1833 <?teikit ignore untagged?>Babbage"
    )
    assert untagged(path) == [  # "In 1833 Babbage showed his engine to Lovelace."
        'untagged person "Lovelace"', 'untagged place "London"', 'untagged person "Babbage"',
        'untagged person "Countess of Lovelace"',
    ]  # fmt: skip


def test_an_instruction_for_another_rule_or_not_next_to_the_element_silences_nothing(tmp_path):
    other = with_instruction(tmp_path, '<p xml:id="p1">', '<?teikit ignore date-?><p xml:id="p1">')
    assert len(untagged(other)) == 5
    apart = with_instruction(
        tmp_path, '<p xml:id="p1">', '<?teikit ignore untagged-name?>Text <p xml:id="p1">'
    )
    assert len([m for m in untagged(apart) if m.startswith("untagged")]) == 5


def test_an_instruction_before_the_root_covers_the_document(tmp_path):
    path = with_instruction(
        tmp_path, "<TEI ", "<?teikit ignore untagged-name entry-without-identifier?>\n<TEI "
    )
    assert untagged(path) == []
    assert run("check", path).output.splitlines()[-1].endswith("; 5 suppressed")
