"""teikit check --fix: a unified diff of the certain fixes, which `git apply` applies, and
which changes nothing but the fixed spans; --fix --write makes the same change in place."""

from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import EDITION, ROOT, require_shared, require_tool
from toolkit.check import check
from toolkit.check.document import Document
from toolkit.check.text import form_key
from toolkit.cli import main
from toolkit.registers import local
from toolkit.source import load

CHECK = ROOT / "tests" / "fixtures" / "check"
NOTES = (10, 80, 150)


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


def broken_essay(names: int = 20) -> tuple[str, list[str]]:
    """The essay with `names` tagged names (persName, placeName, orgName whose words name
    exactly their entry, spread over the text) untagged, and notes 10, 80 and 150
    numbered 110, 180 and 250."""
    doc = Document(load(require_shared(EDITION)))
    text = doc.positions.text
    forms, _ = doc.forms
    mentions = Counter(t for m in doc.registers.mentions for t in m.targets)
    eligible = [
        el
        for el in doc.text_mentions
        if local(el) in ("persName", "placeName", "orgName")
        and local(el.getparent()) == "p"
        and len(el) == 0
        and list(el.attrib) == ["ref"]
        and [e.id for e in forms.get(form_key(el.text or ""), [])] == [el.get("ref")[1:]]
        and mentions[el.get("ref")[1:]] >= 3  # still referred to once untagged
    ]
    picked = eligible[:: len(eligible) // names][:names]
    edits = []
    for el in picked:
        start = doc.positions.offset(el)
        tagged = f'<{local(el)} ref="{el.get("ref")}">{el.text}</{local(el)}>'
        assert text.startswith(tagged, start)
        edits.append((start, start + len(tagged), el.text))
    for number in NOTES:
        note = next(n for n in doc.notes if n.get("n") == str(number))
        n = re.compile(r'\sn="(\d+)"').search(text, doc.positions.offset(note))
        edits.append((n.start(1), n.end(1), str(number + 100)))
    out, pos = [], 0
    for start, end, new in sorted(edits):
        out += [text[pos:start], new]
        pos = end
    return "".join(out) + text[pos:], [el.text for el in picked]


_TOKEN = re.compile(rb"<[^>]*>|[^<]+")
_TAG = re.compile(rb'<(persName|placeName|orgName) ref="#[\w-]+">|</(persName|placeName|orgName)>')


def changed_spans(before: bytes, after: bytes) -> list[tuple[bytes, bytes]]:
    """What differs, as (old, new) pieces of markup and text: lines first, then the tags
    and runs of text of each changed line."""
    old_lines, new_lines = before.splitlines(keepends=True), after.splitlines(keepends=True)
    spans = []
    lines = difflib.SequenceMatcher(None, old_lines, new_lines, autojunk=False)
    for op, i1, i2, j1, j2 in lines.get_opcodes():
        if op == "equal":
            continue
        a = _TOKEN.findall(b"".join(old_lines[i1:i2]))
        b = _TOKEN.findall(b"".join(new_lines[j1:j2]))
        tokens = difflib.SequenceMatcher(None, a, b, autojunk=False)
        spans += [
            (b"".join(a[k1:k2]), b"".join(b[l1:l2]))
            for op, k1, k2, l1, l2 in tokens.get_opcodes()
            if op != "equal"
        ]
    return spans


def only_fixes(spans: list[tuple[bytes, bytes]]) -> Counter:
    """Check that each change is a name tagged with @ref or a note's @n renumbered; count."""
    kinds: Counter = Counter()
    for old, new in spans:
        if _TAG.sub(b"", new) == old:
            kinds["tags"] += len(_TAG.findall(new))
        else:
            assert re.sub(rb'\bn="\d+"', b"", old) == re.sub(rb'\bn="\d+"', b"", new), (old, new)
            kinds["numbers"] += 1
    return kinds


def test_fix_on_the_essay_applies_validates_and_clears_the_findings(tmp_path):
    """The acceptance test: 20 names untagged and 3 notes misnumbered in a copy of the
    essay; the diff applies with git apply, the result validates against the project
    schema, check no longer reports them, and nothing else changed."""
    git = require_tool("git")
    broken, names = broken_essay()
    edition = tmp_path / "edition.xml"
    edition.write_text(broken, encoding="utf-8")
    baseline = Counter(f.rule for f in check(load(require_shared(EDITION))).findings)
    found = check(load(edition)).findings
    untagged = [f for f in found if f.rule == "untagged-name"]
    assert [re.search(r'"([^"]+)"', f.message).group(1) for f in untagged] == names
    assert len(untagged) == 20
    # each misnumbered note, and the note after it, out of sequence
    assert Counter(f.rule for f in found) - baseline == {"untagged-name": 20, "note-sequence": 6}

    result = subprocess.run(
        [sys.executable, "-m", "toolkit", "check", "--fix", "edition.xml"],
        cwd=tmp_path, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    assert result.returncode == 1, result.stderr  # the findings are errors until fixed
    assert edition.read_text(encoding="utf-8") == broken  # --fix alone changes nothing
    assert "21 fix(es) in 1 file(s)" in result.stderr  # 20 names, one renumbering
    patch = tmp_path / "fix.patch"
    patch.write_text(result.stdout, encoding="utf-8")
    subprocess.run([git, "apply", "--check", patch.name], cwd=tmp_path, check=True)
    subprocess.run([git, "apply", patch.name], cwd=tmp_path, check=True)

    fixed = edition.read_bytes()
    # Every byte outside the fixed spans is unchanged: the only differences from the
    # broken copy are the 20 tags put back and the 3 numbers, so the essay comes back.
    assert only_fixes(changed_spans(broken.encode("utf-8"), fixed)) == {"tags": 40, "numbers": 3}
    assert fixed == require_shared(EDITION).read_bytes()

    schema = ROOT / "schema"
    valid = run("validate", edition, "--schema", schema / "chimes.rng",
                "--schematron", schema / "chimes.sch")  # fmt: skip
    assert valid.exit_code == 0, valid.output
    assert Counter(f.rule for f in check(load(edition)).findings) == baseline


def test_fix_write_replaces_the_file_and_reports_what_remains(tmp_path):
    broken, _ = broken_essay(names=3)
    edition = tmp_path / "edition.xml"
    edition.write_text(broken, encoding="utf-8")
    os.chmod(edition, 0o600)
    result = run("check", "--fix", "--write", edition)
    assert result.exit_code == 0, result.output
    assert "4 fix(es) written in 1 file(s)" in result.output
    assert result.output.splitlines()[-1] == run("check", EDITION).output.splitlines()[-1]
    assert edition.read_bytes() == require_shared(EDITION).read_bytes()
    assert edition.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["edition.xml"]  # no temporary left


def test_fix_write_through_a_symbolic_link_writes_its_target(tmp_path):
    target = tmp_path / "real.xml"
    shutil.copy(CHECK / "name-without-pointer.xml", target)
    link = tmp_path / "link.xml"
    link.symlink_to(target)
    assert run("check", "--fix", "--write", link).exit_code == 0
    assert link.is_symlink()
    assert 'persName ref="#pers-babbage">Charles Babbage' in target.read_text()


def test_write_needs_fix():
    result = CliRunner().invoke(main, ["check", "--write", str(CHECK / "note-sequence.xml")])
    assert result.exit_code == 2
    assert "--write writes the fixes of --fix" in result.output


def fix_of(path: Path) -> str:
    """The file as --fix --write leaves it, from a copy."""
    report = check(load(path), fix=True)
    assert report.fix is not None, report.findings
    return report.fix.after


def test_missing_ref_added_where_exactly_one_entry_matches():
    before = (CHECK / "name-without-pointer.xml").read_text()
    after = fix_of(CHECK / "name-without-pointer.xml")
    [(old, new)] = [(a, b) for a, b in _changed_lines(before, after)]
    assert new == old.replace(
        "<persName>Charles Babbage</persName>",
        '<persName ref="#pers-babbage">Charles Babbage</persName>',
    ).replace("<placeName>London</placeName>", '<placeName ref="#place-london">London</placeName>')


def _changed_lines(before: str, after: str):
    return [(a, b) for a, b in zip(before.split("\n"), after.split("\n"), strict=True) if a != b]


def fixed_clean(tmp_path: Path, text: str) -> str:
    """`text` as --fix leaves it, which then has no findings."""
    path = tmp_path / "before.xml"
    path.write_text(text)
    after = tmp_path / "after.xml"
    after.write_text(fix_of(path))
    assert [f.rule for f in check(load(after)).findings] == []
    return after.read_text()


def test_an_empty_ref_gets_its_value_rather_than_a_second_ref(tmp_path):
    text = (CHECK / "name-without-pointer.xml").read_text()
    empty = text.replace("<placeName>London</placeName>", "<placeName ref='' >London</placeName>")
    after = fixed_clean(tmp_path, empty)
    assert "<placeName ref='#place-london' >London</placeName>" in after


def test_untagged_names_tagged_with_the_prefix_the_document_uses(tmp_path):
    text = (CHECK / "untagged-name.xml").read_text()
    prefixed = re.sub(r"<(/?)(?!\?)", r"<\1tei:", text).replace(
        'xmlns="http://www.tei-c.org/ns/1.0"', 'xmlns:tei="http://www.tei-c.org/ns/1.0"'
    )
    after = fixed_clean(tmp_path, prefixed)
    assert 'In 1833 <tei:persName ref="#pers-babbage">Babbage</tei:persName> showed' in after


def test_a_name_of_two_entries_is_not_fixed(tmp_path):
    text = (
        (CHECK / "untagged-name.xml")
        .read_text()
        .replace(
            '<persName type="variant">Countess of Lovelace</persName>',
            '<persName type="variant">Countess of Lovelace</persName>'
            '<persName type="variant">Babbage</persName>',
        )
    )
    path = tmp_path / "two.xml"
    path.write_text(text)
    report = check(load(path), fix=True)
    babbage = [r for r in report.results if '"Babbage"' in r.finding.message]
    assert babbage and not any(r.fixable for r in babbage)
    assert "Babbage</persName> showed" not in report.fix.after


@pytest.mark.parametrize(
    "change",
    [
        ("In 1833 Babbage", "In 1833 Bab&#98;age"),  # a character reference in the name
        ("<?xml version", "\ufeff<?xml version"),  # a BOM is kept
        ("\n", "\r\n"),  # CRLF line ends are kept
    ],
    ids=["reference", "bom", "crlf"],
)
def test_fixes_keep_the_file_as_it_is_written(tmp_path, change):
    path = tmp_path / "written.xml"
    path.write_bytes((CHECK / "untagged-name.xml").read_text().replace(*change).encode())
    before = path.read_bytes()
    check(load(path), fix=True).fix.write()
    tags = only_fixes(changed_spans(before, path.read_bytes()))
    assert tags == {"tags": 8 if change[0] == "In 1833 Babbage" else 10}  # not literal: left
    assert path.read_bytes().startswith(b"\xef\xbb\xbf" if change[0] == "<?xml version" else b"<")


def test_no_fix_for_a_document_with_xinclude(tmp_path):
    (tmp_path / "part.xml").write_text('<p xmlns="http://www.tei-c.org/ns/1.0">Babbage again.</p>')
    text = (
        (CHECK / "untagged-name.xml")
        .read_text()
        .replace(
            "</body>",
            '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="part.xml"/></body>',
        )
    )
    path = tmp_path / "main.xml"
    path.write_text(text)
    assert check(load(path), fix=True).fix is None


def test_fix_prints_nothing_when_there_is_nothing_to_fix():
    result = run("check", "--fix", CHECK / "untagged-name-ok.xml")
    assert result.exit_code == 0
    assert result.output == "nothing to fix: no finding has a fix that is certain\n"


def test_output_writes_the_report_to_a_file_and_never_over_an_input(tmp_path):
    report = tmp_path / "check.sarif"
    result = run("check", CHECK / "untagged-name.xml", "--format", "sarif", "--out", report)
    assert result.exit_code == 0 and result.output == ""
    assert '"version": "2.1.0"' in report.read_text()
    assert run("check", CHECK / "untagged-name.xml", "--out", os.devnull).exit_code == 0
    assert Path(os.devnull).is_char_device()
    target = tmp_path / "edition.xml"
    shutil.copy(CHECK / "untagged-name.xml", target)
    refused = CliRunner().invoke(main, ["check", str(target), "--out", str(target)])
    assert refused.exit_code == 2
    assert "will not replace a folder or file that holds an input" in refused.output
    assert target.read_bytes() == (CHECK / "untagged-name.xml").read_bytes()


def test_json_says_which_findings_can_be_fixed():
    import json

    data = json.loads(run("check", CHECK / "untagged-name.xml", "--format", "json").output)
    fixable = {(f["line"], f["column"]): f["fixable"] for f in data["findings"]}
    assert fixable == {(35, 30): True, (35, 59): True, (36, 37): True, (36, 68): True,
                       (37, 26): True}  # fmt: skip


def test_the_diff_names_files_as_git_apply_finds_them(tmp_path, monkeypatch):
    target = tmp_path / "tei" / "edition.xml"
    target.parent.mkdir()
    shutil.copy(CHECK / "note-sequence.xml", target)
    monkeypatch.chdir(tmp_path)
    absolute = run("check", "--fix", target).output
    assert absolute.startswith("--- a/tei/edition.xml\n+++ b/tei/edition.xml\n")
    assert run("check", "--fix").output == absolute  # the edition in ./tei/


@pytest.mark.parametrize("name", ["forged\n+++ b/other.xml\n.xml", 'quo"te\\ é\u202egnp.xml'])
def test_a_file_name_cannot_forge_the_diff_and_git_apply_still_finds_it(tmp_path, name):
    """A name with a newline, a quote, a backslash or a bidirectional control is written in
    the diff's headers as git writes it (double quotes, C escapes, octal bytes)."""
    git = require_tool("git")
    target = tmp_path / name
    target.parent.mkdir(parents=True, exist_ok=True)  # "forged\n+++ b" is a folder
    shutil.copy(CHECK / "note-sequence.xml", target)
    (tmp_path / "other.xml").write_text("untouched")
    before = target.read_bytes()
    result = subprocess.run(
        [sys.executable, "-m", "toolkit", "check", "--fix", name],
        cwd=tmp_path, capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    diff = result.stdout
    headers = [line for line in diff.splitlines() if line.startswith(("--- ", "+++ "))]
    assert len(headers) == 2 and all(h.endswith('.xml"') for h in headers), headers
    assert "\u202e" not in diff
    patch = tmp_path / "fix.patch"
    patch.write_text(diff)
    subprocess.run([git, "apply", "--check", patch.name], cwd=tmp_path, check=True)
    subprocess.run([git, "apply", patch.name], cwd=tmp_path, check=True)
    assert target.read_bytes() != before and (tmp_path / "other.xml").read_text() == "untouched"
    assert [f for f in check(load(target)).findings if f.rule == "note-sequence"] == []


def test_a_hash_is_put_before_every_bare_id_of_an_attribute_at_once(tmp_path):
    path = tmp_path / "bare.xml"
    shutil.copy(CHECK / "pointer-without-hash.xml", path)
    diff = run("check", "--fix", path).stdout
    (added,) = [line for line in diff.splitlines() if line.startswith("+ ")]
    assert added.startswith('+      <p xml:id="p1"><persName ref="#pers-ada">Ada</persName>')
    assert '<rs type="person" ref="babbage">' in added  # not certain: left as it is
    assert '<ref target="#uses #p1">above</ref>' in diff
    run("check", "--fix", "--write", path)
    left = [f.message for f in check(load(path)).findings if f.rule == "pointer-without-hash"]
    assert len(left) == 1 and "did you mean #pers-babbage?" in left[0]
