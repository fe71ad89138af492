"""`check` on notes numbered with characters that look like digits (issue 19): superscript
and circled digits pass str.isdigit() but are no numbers, so they are left alone like
letters; decimal digits of other scripts are numbers. Exit 0 or 1, never a traceback."""

from __future__ import annotations

import pytest

from tests.reliability.support import run, tei


def notes(*numbers: str) -> str:
    return tei(
        "<p>Text"
        + "".join(f'<note n="{n}" place="foot">A note.</note> and more' for n in numbers)
        + ".</p>"
    )


@pytest.mark.parametrize(
    "n",
    ["²", "①", "¹²", "⑳", "Ⅻ", "²³⁴", "1²", "1" * 5000],
    ids=["superscript", "circled", "superscripts", "circled-20", "roman-numeral",
         "three-superscripts", "digit-and-superscript", "5000-digits"],
)  # fmt: skip
def test_symbols_that_look_like_digits_are_not_numbers(tmp_path, n):
    path = tmp_path / "notes.xml"
    path.write_text(notes("1", n, "2"), encoding="utf-8")
    result = run("check", path)
    assert result.exit_code == 0, result.output  # 1, (not a number), 2: in sequence
    assert "Traceback" not in result.output
    assert "note-sequence" not in result.output


def test_a_sequence_broken_around_a_symbol_is_still_reported(tmp_path):
    path = tmp_path / "notes.xml"
    path.write_text(notes("1", "①", "3"), encoding="utf-8")
    result = run("check", path, "--format", "json")
    assert result.exit_code == 1
    assert '"note n=3 is out of sequence: expected n=2' in result.output


def test_decimal_digits_of_other_scripts_are_numbers(tmp_path):
    path = tmp_path / "notes.xml"
    path.write_text(notes("١", "٢", "٤"), encoding="utf-8")  # Arabic-Indic 1, 2, 4
    result = run("check", path)
    assert result.exit_code == 1
    assert "note n=4 is out of sequence: expected n=3" in result.output
    fix = run("check", path, "--fix")
    assert fix.output.startswith("nothing to fix")  # renumbering would change the script
