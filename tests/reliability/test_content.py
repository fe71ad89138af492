"""Content built to crash or stall a command: document regular expressions (prefixDef),
replacement groups that do not exist, digits that are not ASCII, schemas a document declares.
Every command ends cleanly and in bounded time; `build` runs no schema of the document's
own unless asked."""

from __future__ import annotations

import pytest

from tests.reliability.support import ALL_FORMATS, BOUND_SECONDS, run, run_measured, tei
from toolkit.registers import prefixes, resolve_pointer
from toolkit.source import load

COMMANDS = {
    "validate": lambda path, out: ["validate", path],
    "build": lambda path, out: ["build", path, "--format", ALL_FORMATS, "--out", out],
    "check": lambda path, out: ["check", path],
    "export": lambda path, out: ["export", path, "--all", "--out", out / "export"],
}


def with_prefix(match: str, replacement: str, body: str) -> str:
    header = (
        f'<encodingDesc><listPrefixDef><prefixDef ident="p" matchPattern="{match}" '
        f'replacementPattern="{replacement}"/></listPrefixDef></encodingDesc>'
    )
    return tei(body).replace("</fileDesc>", "</fileDesc>" + header)


def test_a_catastrophic_pattern_runs_in_linear_time(tmp_path):
    """`(a+)+` against 36 a's and a `!` took minutes in Python's re; RE2 runs it at once."""
    path = tmp_path / "redos.xml"
    pointers = "".join(f'<ref target="p:{"a" * 36}!">x</ref> ' for _ in range(200))
    path.write_text(with_prefix("(a+)+", "#$1", f"<p>{pointers}</p>"))
    for command, args in COMMANDS.items():
        result = run_measured(args(path, tmp_path / "out"), timeout=BOUND_SECONDS)
        assert not result.timed_out, f"{command} ran for over {BOUND_SECONDS} s"
        assert result.returncode in (0, 1), (command, result.stderr[-500:])
        assert "Traceback" not in result.stderr


def test_a_replacement_group_the_pattern_lacks_is_empty(tmp_path):
    path = tmp_path / "groups.xml"
    path.write_text(with_prefix("(.+)", "#$9$1", '<p xml:id="x"><ref target="p:x">x</ref></p>'))
    declared = prefixes(load(path).root)
    assert resolve_pointer("p:x", "target", declared, "groups.xml").id == "x"
    for command, args in COMMANDS.items():
        result = run(*args(path, tmp_path / "out"))
        assert result.exit_code in (0, 1), (command, result.output)
        assert "internal error" not in result.output


@pytest.mark.parametrize("pattern", ["(a)\\1", "(?&lt;=a)b", "x{1000}{1000}", "(", "[z-a]"])
def test_a_pattern_teikit_cannot_run_is_left_unused(tmp_path, pattern, capfd):
    path = tmp_path / "bad.xml"
    path.write_text(with_prefix(pattern, "#$1", '<p><ref target="p:aa">x</ref></p>'))
    assert "p" not in prefixes(load(path).root)
    result = run("check", path)
    assert result.exit_code in (0, 1) and "internal error" not in result.output
    assert capfd.readouterr().err == ""  # nothing printed behind the command's back


@pytest.mark.parametrize("value", ["１９２０", "1920-０１", "٣٤٥٦", "१९२०-01-01", "𝟏𝟗𝟐𝟎"])
def test_dates_in_digits_that_are_not_ascii_build(tmp_path, value):
    path = tmp_path / "digits.xml"
    path.write_text(
        tei(f'<p><date when="{value}">then</date> <date from="{value}" to="1921">span</date></p>')
    )
    for command, args in COMMANDS.items():
        result = run(*args(path, tmp_path / "out"))
        assert result.exit_code in (0, 1), (command, result.output)
        assert "internal error" not in result.output


def declaring(tmp_path, assertion: str) -> tuple:
    rules = tmp_path / "rules.sch"
    rules.write_text(
        '<schema xmlns="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt2">'
        '<ns prefix="tei" uri="http://www.tei-c.org/ns/1.0"/>'
        f'<pattern><rule context="tei:TEI"><assert test="false()">{assertion}</assert>'
        "</rule></pattern></schema>"
    )
    path = tmp_path / "doc.xml"
    path.write_text(
        '<?xml-model href="rules.sch" type="application/xml" '
        'schematypens="http://purl.oclc.org/dsdl/schematron"?>\n' + tei("<p>Text.</p>")
    )
    return path, rules


def test_build_runs_no_declared_schema_unless_asked(tmp_path, monkeypatch):
    """A declared Schematron is a program: it may read files into its messages. `build`
    runs it only with --declared-schemas (then its findings are warnings, as the universal
    rules' are); `validate` runs it, as documented."""
    monkeypatch.setenv("TEIKIT_TEST_SECRET", "s3cr3t-value")
    path, _ = declaring(tmp_path, "leak: <value-of select=\"unparsed-text('secret.txt')\"/>")
    (tmp_path / "secret.txt").write_text("TOPSECRET")
    result = run("build", path, "--format", "text", "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    assert "TOPSECRET" not in result.output and "leak" not in result.output
    result = run("build", path, "--format", "text", "--out", tmp_path / "o2", "--declared-schemas")
    assert result.exit_code == 0 and "leak: TOPSECRET" in result.output, result.output
    assert "leak: TOPSECRET" in run("validate", path).output


def test_the_project_edition_is_held_to_the_project_schema_not_to_declared_ones(
    tmp_path, monkeypatch
):
    """`teikit build` with no PATH reads ./tei/ of the working folder, which may be anyone's:
    the schemas its files declare do not run."""
    (tmp_path / "tei").mkdir()
    path, _ = declaring(tmp_path / "tei", "declared rule ran")
    monkeypatch.chdir(tmp_path)
    result = run("build", "--format", "text")
    assert result.exit_code == 0, result.output
    assert "declared rule ran" not in result.output
    result = run("build", "--format", "text", "--declared-schemas")
    assert result.exit_code == 1 and "declared rule ran" in result.output
    assert path.is_file()


@pytest.mark.parametrize(
    "reads",
    [
        "environment-variable('TEIKIT_TEST_SECRET')",
        "string-join(for $n in available-environment-variables() return environment-variable($n))",
        "unparsed-text('/proc/self/environ')",
        "unparsed-text-lines('/proc/self/environ')",
    ],
)
def test_no_schema_prints_a_value_of_the_environment(tmp_path, monkeypatch, reads):
    """The engine starts with the locale and time zone as its whole environment; the
    environment file of the process holds NUL characters, which no XPath string can."""
    monkeypatch.setenv("TEIKIT_TEST_SECRET", "s3cr3t-value")
    path, _ = declaring(tmp_path, f'leak: <value-of select="{reads}"/>')
    result = run_measured(["validate", path], timeout=60)
    assert result.returncode in (1, 2), result.stderr
    assert "s3cr3t-value" not in result.stdout + result.stderr
    assert "Traceback" not in result.stderr
    result = run_measured(["build", path, "--declared-schemas", "--out", tmp_path / "o"],
                          timeout=120)  # fmt: skip
    assert "s3cr3t-value" not in result.stdout + result.stderr
