"""Hostile and broken inputs through every command: validate, build (each format), check, export.

The shared files in ../shared/hostile/ behave as their README says; the project's own in
tests/fixtures/hostile/ (README there) add XInclude outside the folder, parameter entities,
stylesheet instructions, active URLs, attribute break-outs, other encodings and a wrong
namespace. For each run: the exit status, a one-line message naming the file (and line), no
traceback, nothing printed behind the CLI's back (native stderr included), no output left by
a failed command and earlier outputs untouched; a successful build carries no active content.
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, HOSTILE, require_shared
from tests.reliability.active import output_problems
from tests.reliability.support import ALL_FORMATS, FORMATS, OWN_HOSTILE, run, snapshot


@dataclass(frozen=True)
class Expect:
    validate: int | None  # None: 0 or 1, as the README allows ("any")
    build: int
    check: int | None
    export: int
    words: str = ""  # in the message of a refused file, or validate's rule
    check_words: str = ""  # check's rule
    line: int | None = None  # the line the message names
    absent: tuple[str, ...] = ()  # strings no output or message may contain
    warning: str = ""  # a warning of the loader every command prints, `file:line: warning:`


REFUSED = dict(validate=2, build=2, check=2, export=2)

EXPECTED: dict[str, Expect] = {
    # ../shared/hostile/ (its README)
    "xxe-file-entity.xml": Expect(**REFUSED, words="declares entities", line=2),
    "billion-laughs.xml": Expect(**REFUSED, words="declares entities", line=3),
    # Issue 20: an external DTD nothing needs is ignored, never read, with a warning (the
    # shared README's "exit 2" predates it; tests/reliability/test_loader.py has the rest).
    "external-dtd-network.xml": Expect(
        0, 0, 0, 0, line=2, warning="external DTD (http://127.0.0.1:9/evil.dtd); teikit ignored"
    ),
    "malformed-unclosed.xml": Expect(**REFUSED, words="not well-formed", line=7),
    "not-tei-root.xml": Expect(**REFUSED, words="not a TEI document", line=2),
    "no-namespace.xml": Expect(**REFUSED, words="not in the TEI namespace", line=2),
    "invalid-utf8.xml": Expect(**REFUSED, words="not well-formed", line=7),
    "empty-file.xml": Expect(**REFUSED, words="empty"),
    "deep-nesting.xml": Expect(**REFUSED, words="nest deeper", line=7),
    "dangling-references.xml": Expect(
        1, 0, 1, 0, words="[pointer-resolves]", check_words="[unresolved-pointer]", line=7
    ),
    "duplicate-ids.xml": Expect(
        1, 0, 1, 0, words="[id-unique]", check_words="[duplicate-xml-id]", line=7
    ),
    "script-injection.xml": Expect(None, 0, None, 0),
    # tests/fixtures/hostile/ (its README)
    "xinclude-etc-passwd.xml": Expect(**REFUSED, words="XInclude", line=7, absent=("root:x:",)),
    "xinclude-parent-folder.xml": Expect(**REFUSED, words="outside the input's folder", line=7),
    "xinclude-remote.xml": Expect(**REFUSED, words="XInclude", line=7),
    "parameter-entities.xml": Expect(**REFUSED, words="declares entities", line=3),
    "wrong-namespace.xml": Expect(**REFUSED, words="not in the TEI namespace", line=2),
    "doctype-attlist.xml": Expect(0, 0, 0, 0, absent=("teikit-dtd-default",)),
    "xml-stylesheet.xml": Expect(0, 0, 0, 0, absent=("teikit-followed-xml-stylesheet",)),
    "javascript-urls.xml": Expect(0, 0, 0, 0),
    "attribute-breakouts.xml": Expect(  # its dangling pointer: a warning (pointers.py)
        0, 0, 1, 0, words="[pointer-resolves]", check_words="[unresolved-pointer]", line=14
    ),
    "utf16.xml": Expect(0, 0, 0, 0),
    "utf8-bom.xml": Expect(0, 0, 0, 0),
}

#: The print edition (opt-in, not in FORMATS) is built from every hostile file too.
COMMANDS = [
    "validate",
    *(f"build:{f}" for f in (*FORMATS, "pdf")),
    "check",
    "export:all",
    "export:one",
]


def hostile_path(name: str) -> Path:
    own = OWN_HOSTILE / name
    return own if own.exists() else require_shared(HOSTILE / name)


def test_every_hostile_file_has_an_expectation():
    names = {p.name for p in OWN_HOSTILE.glob("*.xml")}
    if HOSTILE.is_dir():
        names |= {p.name for p in HOSTILE.glob("*.xml")}
    assert names == set(EXPECTED)


@pytest.fixture(scope="session")
def previous_build(tmp_path_factory) -> Path:
    """A complete earlier build and export (of the canonical fixture) to be kept untouched."""
    out = tmp_path_factory.mktemp("previous")
    canonical = FIXTURES / "canonical.xml"
    assert run("build", canonical, "--format", ALL_FORMATS, "--out", out).exit_code == 0
    assert run("export", canonical, "--all", "--out", out / "export").exit_code == 0
    args = ("export", canonical, "--format", "persons.csv", "--out", out / "persons.csv")
    assert run(*args).exit_code == 0
    (out / ".teikit-cache.json").unlink()
    return out


def previous_outputs(template: Path, out: Path, stem: str) -> None:
    """The earlier build, its files named as the hostile file's build would name them."""
    shutil.copytree(template, out)
    for path in list(out.rglob("canonical*")):
        path.rename(path.with_name(path.name.replace("canonical", stem, 1)))


def arguments(command: str, path: Path, out: Path) -> list:
    if command.startswith("build:"):
        return ["build", path, "--format", command.split(":")[1], "--out", out, "--no-cache"]
    if command == "export:all":
        return ["export", path, "--all", "--out", out / "export"]
    if command == "export:one":
        return ["export", path, "--format", "persons.csv", "--out", out / "persons.csv"]
    return [command, path]


def expected_status(expect: Expect, command: str) -> int | None:
    return getattr(expect, command.split(":")[0])


def touched(before: dict[str, bytes], after: dict[str, bytes], command: str, stem: str):
    """The files a successful command may replace; everything else must be as it was."""
    mine = {
        "build:html": lambda n: n.startswith("html/"),
        "build:epub": lambda n: n == f"epub/{stem}.epub",
        "build:text": lambda n: n == f"text/{stem}.txt",
        "build:text-clean": lambda n: n == f"text/{stem}.clean.txt",
        "build:pdf": lambda n: n == f"pdf/{stem}.pdf",
        "export:all": lambda n: n.startswith("export/"),
        "export:one": lambda n: n == "persons.csv",
    }.get(command, lambda n: False)
    changed = {n for n in before.keys() | after.keys() if before.get(n) != after.get(n)}
    return {n for n in changed if not mine(n) and n != ".teikit-cache.json"}


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_hostile_input(name, command, tmp_path, previous_build, monkeypatch, capfd):
    path = hostile_path(name)
    expect = EXPECTED[name]
    out = tmp_path / "out"
    previous_outputs(previous_build, out, path.stem)
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    before = snapshot(out)
    capfd.readouterr()

    result = run(*arguments(command, path, out))

    native = capfd.readouterr()
    output = result.output
    status = expected_status(expect, command)
    if status is None:
        assert result.exit_code in (0, 1), output
    else:
        assert result.exit_code == status, output
    assert "Traceback" not in output and "internal error" not in output, output
    assert not native.out and not native.err, f"printed outside the CLI: {native}"
    assert not any(cwd.iterdir()), "wrote into the working folder"
    for secret in expect.absent:
        assert secret not in output
    after = snapshot(out)
    assert not [n for n in after if n.endswith(".tmp")], "temporary files left behind"

    if result.exit_code == 2:
        # One line names the file (and line) and says what is wrong; nothing was written.
        where = f"{path}:{expect.line}:" if expect.line else f"{path}:"
        lines = [line for line in output.splitlines() if where in line]
        assert lines, f"no message naming {where}: {output}"
        assert any(expect.words in line for line in lines), output
        assert after == before, "a refused input changed earlier outputs"
        return
    if expect.warning:
        assert f"{path}:{expect.line}: warning: the DOCTYPE names an " in output, output
        assert expect.warning in output, output
    if result.exit_code == 1 and command in ("validate", "check") and expect.line:
        words = expect.words if command == "validate" else expect.check_words
        # (a dangling pointer is a warning, the run's other errors make it invalid)
        assert re.search(
            rf"{re.escape(str(path))}:{expect.line}:\d+: (error|warning): .*{re.escape(words)}",
            output,
        )
    if command == "build:html" and expect.words:
        # Findings of the universal rules come as warnings, with their rule and line.
        assert re.search(rf"warning: {re.escape(str(path))}:{expect.line}:\d+: .*\[", output)

    assert not touched(before, after, command, path.stem), "touched outputs of another kind"
    assert not output_problems(out), output_problems(out)
    for secret in expect.absent:
        assert not any(secret.encode() in data for data in after.values()), secret
        assert not list(out.rglob(f"*{secret}*"))
        assert not list(OWN_HOSTILE.glob(f"*{secret}*"))


@pytest.mark.parametrize("name", ["utf16.xml", "utf8-bom.xml"])
def test_other_encodings_build_every_format_faithfully(name, tmp_path):
    path = OWN_HOSTILE / name
    out = tmp_path / "out"
    result = run("build", path, "--format", ALL_FORMATS, "--out", out)
    assert result.exit_code == 0, result.output
    stem = path.stem
    words = ["Jürgen Groß", "Zürich", "«Grüße»", "Ἀθῆναι", "東京", "😀"]
    text = (out / "text" / f"{stem}.txt").read_text(encoding="utf-8")
    html = (out / "html" / "index.html").read_text(encoding="utf-8")
    notes = html + (out / "html" / "persons.html").read_text(encoding="utf-8")
    for word in words:
        assert word in text, word
        assert word in notes, word
    clean = (out / "text" / f"{stem}.clean.txt").read_text(encoding="utf-8")
    assert "Ein Satz über Jürgen Groß in Zürich" in clean
    assert "\ufeff" not in text + html + clean
    import zipfile

    with zipfile.ZipFile(out / "epub" / f"{stem}.epub") as zf:
        content = b"".join(zf.read(n) for n in zf.namelist() if n.endswith(".xhtml"))
    for word in words:
        assert word.encode("utf-8") in content, word


def test_a_folder_of_hostile_files_builds_the_good_ones_and_reports_the_rest(tmp_path):
    """One corpus run (parallel workers): each bad file fails alone, cleanly."""
    folder = tmp_path / "mixed"
    folder.mkdir()
    for name in EXPECTED:
        if "xinclude" not in name:  # their targets are relative to the fixtures folder
            shutil.copy(hostile_path(name), folder / name)
    out = tmp_path / "out"
    result = run("build", folder, "--format", ALL_FORMATS, "--out", out, "--jobs", "2")
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    for name, expect in EXPECTED.items():
        if "xinclude" in name:
            continue
        stem = Path(name).stem
        if expect.build == 2:
            assert f"error: {folder / name}" in result.output, name
            assert not (out / stem).exists(), name
        else:
            assert (out / stem / "html" / "index.html").is_file(), name
            assert (out / stem / "epub" / f"{stem}.epub").is_file(), name
    assert not output_problems(out), output_problems(out)


def test_validate_many_hostile_files_in_parallel(tmp_path):
    paths = [hostile_path(name) for name in sorted(EXPECTED)]
    result = run("validate", *paths, "--jobs", "2", "--format", "json")
    assert result.exit_code == 2
    import json

    findings = json.loads(result.stdout)["findings"]
    for name, expect in EXPECTED.items():
        mine = [f for f in findings if f["path"] == str(hostile_path(name))]
        severities = {f["severity"] for f in mine}
        if expect.validate == 2:
            assert "fatal" in severities, name
        elif expect.validate == 0:
            assert not severities & {"fatal", "error"}, (name, mine)
