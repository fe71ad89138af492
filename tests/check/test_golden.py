"""The findings and counts of every rule on every fixture and on the essay, against a
reviewed golden (tests/golden/check/): a refactoring of the rules must not change them.

`pytest --update-golden tests/check/test_golden.py` rewrites the goldens; the essay's golden
changes whenever the edition is edited, so look at its diff before committing it.
"""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import EDITION, FIXTURES, ROOT, require_shared
from toolkit.check import check
from toolkit.validation.basic import read

GOLDEN = ROOT / "tests" / "golden" / "check"


def findings_of(paths: list[Path]) -> dict:
    """Per file (relative to the project): each finding and the report's counts."""
    out = {}
    for path in paths:
        rel = path.relative_to(ROOT).as_posix()
        source, fatal = read(path)
        if source is None:
            findings, stats = fatal, None
        else:
            report = check(source)
            findings, stats = report.findings, report.stats
        out[rel] = {
            "findings": [
                [f.line, f.column, f.severity, f.rule, f.message.replace(str(ROOT), "ROOT")]
                for f in findings
            ],
            "stats": stats,
        }
    return out


def compare(request, name: str, actual: dict) -> None:
    golden = GOLDEN / name
    text = json.dumps(actual, ensure_ascii=False, indent=1) + "\n"
    if request.config.getoption("--update-golden"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(text, encoding="utf-8")
    assert golden.is_file(), f"{golden} is missing: run pytest --update-golden and review it"
    expected = json.loads(golden.read_text(encoding="utf-8"))
    for path in sorted(set(expected) | set(actual)):
        assert actual.get(path) == expected.get(path), f"{path} differs from {golden}"


def test_fixtures_give_the_golden_findings(request):
    paths = sorted(FIXTURES.rglob("*.xml"))
    assert len(paths) > 70
    compare(request, "fixtures.json", findings_of(paths))


def test_essay_gives_the_golden_findings(request):
    compare(request, "essay.json", findings_of([require_shared(EDITION)]))
