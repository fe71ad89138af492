"""The registry of rules: every rule documented, its examples true, small modules, a new
family a module and nothing else, and docs/check.md written from it."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import ROOT, TEI_HEAD
from toolkit.check import RULES, check, docs
from toolkit.check.document import Document
from toolkit.check.registry import SEVERITIES, rule
from toolkit.cli import main
from toolkit.source import load

RULES_DIR = ROOT / "toolkit" / "check" / "rules"
#: The teiHeader the examples follow.
HEADER = TEI_HEAD.split("<text>")[0]


def example(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "example.xml"
    path.write_text(HEADER + body + "</TEI>", encoding="utf-8")
    return path


@pytest.mark.parametrize("rule_id", list(RULES))
def test_the_bad_example_is_reported_and_the_good_one_is_not(tmp_path, rule_id):
    rule = RULES[rule_id]
    bad = [f for f in check(load(example(tmp_path, rule.bad))).findings if f.rule == rule_id]
    assert bad, f"{rule_id} does not fire on its bad example"
    good = [f for f in check(load(example(tmp_path, rule.good))).findings if f.rule == rule_id]
    assert good == [], good


@pytest.mark.parametrize("rule_id", list(RULES))
def test_every_rule_is_documented(rule_id):
    rule = RULES[rule_id]
    assert re.fullmatch(r"[a-z]+(-[a-z]+)+", rule.id)
    assert rule.severity in SEVERITIES
    assert rule.summary and not rule.summary.endswith(".")
    assert len(rule.explanation.split()) >= 15, "the explanation says why and what to do"
    assert rule.family in {p.stem for p in RULES_DIR.glob("*.py")}


def test_the_23_rules_of_before_are_all_there():
    before = {
        "duplicate-xml-id", "unresolved-pointer", "cite-without-entry", "duplicate-identifier",
        "identifier-malformed", "coordinates-malformed", "date-not-iso", "date-backwards",
        "note-sequence", "untagged-name", "untagged-title", "name-without-pointer",
        "title-without-pointer", "pointer-kind", "unresolved-key", "unreferenced-entry",
        "entry-without-id", "entry-without-name", "date-without-value",
        "short-cite-untagged", "cite-without-pointer", "entry-without-identifier",
        "no-registers",
    }  # fmt: skip
    assert before <= set(RULES)
    assert {r.family for r in RULES.values()} >= {
        "pointers", "registers", "names", "dates", "notes", "citations"
    }  # fmt: skip


def test_rule_modules_are_small():
    for module in RULES_DIR.glob("*.py"):
        lines = module.read_text().count("\n")
        assert lines <= 200, f"{module.name} has {lines} lines"


def test_docs_are_written_from_the_registry():
    current = docs.DOC.read_text(encoding="utf-8")
    assert docs.updated(current) == current, (
        "docs/check.md is out of date: python3 -m toolkit.check.docs"
    )
    for r in RULES.values():
        assert f"#### `{r.id}`" in current
        assert r.explanation in current


def test_the_docs_command_says_when_they_are_out_of_date(tmp_path):
    stale = tmp_path / "check.md"
    stale.write_text(f"# Check\n\n{docs.BEGIN}\nold\n{docs.END}\n\nAfter.\n")
    assert docs.main(["--check", str(stale)]) == 1
    assert docs.main([str(stale)]) == 0
    assert docs.main(["--check", str(stale)]) == 0
    assert stale.read_text().endswith(f"{docs.END}\n\nAfter.\n")


def test_explain_prints_a_rule():
    result = CliRunner().invoke(main, ["check", "--explain", "note-sequence"])
    assert result.exit_code == 0
    assert result.output.startswith("note-sequence: Numbered notes not 1..N in document order")
    assert RULES["note-sequence"].bad.splitlines()[0] in result.output
    unknown = CliRunner().invoke(main, ["check", "--explain", "note-sequense"])
    assert unknown.exit_code == 2 and "no rule 'note-sequense'" in unknown.output


def test_a_new_family_is_a_module_with_its_examples(tmp_path):
    """What docs/check.md says to do for a new rule, done in a module outside the package."""
    (tmp_path / "drama.py").write_text(
        "from toolkit.check.registry import rule\n\n\n"
        '@rule("speaker-without-who", "warning")\n'
        "def speaker_without_who(doc):\n"
        '    """A speech whose speaker is not linked.\n\n'
        '    Explained at length for the reference page and SARIF."""\n'
        '    for sp in doc.by_name["sp"]:\n'
        '        if not sp.get("who"):\n'
        '            yield doc.at(sp, "<sp> has no @who")\n'
    )
    (tmp_path / "drama.toml").write_text(
        "[speaker-without-who]\n"
        "bad = '<text><body><sp><p>Hm.</p></sp></body></text>'\n"
        "good = '<text><body><sp who=\"#a\"><p>Hm.</p></sp></body></text>'\n"
    )
    spec = importlib.util.spec_from_file_location("drama", tmp_path / "drama.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["drama"] = module
    try:
        spec.loader.exec_module(module)
        new = RULES["speaker-without-who"]
        assert (new.family, new.severity, new.summary) == (
            "drama", "warning", "A speech whose speaker is not linked"
        )  # fmt: skip
        found = check(load(example(tmp_path, new.bad))).findings
        assert [f.rule for f in found if f.rule == new.id] == [new.id]
    finally:
        RULES.pop("speaker-without-who", None)
        del sys.modules["drama"]


def test_a_rule_without_examples_is_refused(tmp_path):
    with pytest.raises(ValueError, match="bad and good examples"):
        rule("undocumented-rule", "warning")(lambda doc: [])
    assert "undocumented-rule" not in RULES


def test_one_walk_gathers_what_the_rules_share(monkeypatch):
    """The tree is walked once for the indexes; the text streams once, when first needed."""
    walks = []
    real = Document._walk
    monkeypatch.setattr(Document, "_walk", lambda self: walks.append(1) or real(self))
    streams = []
    import toolkit.check.document as document

    real_streams = document.streams
    monkeypatch.setattr(document, "streams", lambda *a: streams.append(1) or real_streams(*a))
    check(load(ROOT / "tests" / "fixtures" / "text-features.xml"))
    assert (len(walks), len(streams)) == (1, 1)


def test_the_ci_example_is_a_workflow_that_validates_checks_builds_and_publishes():
    import yaml  # pyyaml, a test dependency

    text = docs.DOC.read_text(encoding="utf-8")
    (block,) = re.findall(r"```yaml\n(.*?)```", text, re.S)
    workflow = yaml.safe_load(block)
    steps = workflow["jobs"]["edition"]["steps"]
    runs = [s.get("run", "") for s in steps]
    uses = [s.get("uses", "").split("@")[0] for s in steps]
    order = [
        next(i for i, r in enumerate(runs) if r.startswith(command))
        for command in ("teikit validate", "teikit check --format sarif", "teikit build")
    ]
    assert order == sorted(order)
    check_step = runs[order[1]].split()
    upload = steps[uses.index("github/codeql-action/upload-sarif")]
    assert upload["with"]["sarif_file"] == check_step[check_step.index("--out") + 1]
    assert "always()" in upload["if"]
    assert workflow["jobs"]["edition"]["permissions"]["security-events"] == "write"
    build = runs[order[2]].split()
    pages = steps[uses.index("actions/upload-pages-artifact")]
    assert pages["with"]["path"] == build[build.index("--out") + 1] + "/html"
    publish = workflow["jobs"]["publish"]
    assert publish["needs"] == "edition"
    assert [s["uses"].split("@")[0] for s in publish["steps"]] == ["actions/deploy-pages"]
