"""The editorial quality report, `teikit check`: what an editor must still do before an
edition is finished, as a linter with rules that can be selected, suppressed and fixed.

- registry.py: a rule is a function registered with `@rule` (id, severity, summary, a bad
  and a good TEI example, what its fix does), in a module per family under rules/.
- document.py: the document as the rules see it, one traversal shared by all.
- run.py: the selected rules over one document -> a Report (findings, counts, fixes).
- config.py, suppress.py: --select/--ignore, teikit.toml or pyproject.toml, and
  `<?teikit ignore RULE?>` in the document.
- formats.py (text, json), sarif.py, github.py: the report for people and for CI.
- fix.py: fixes as edits of the file's text, shown as a unified diff or written.
- docs.py: the rules' reference in docs/check.md, from the registry.
"""

from __future__ import annotations

from toolkit.check.registry import RULES, Rule
from toolkit.check.rules import load as _load

_load()

from toolkit.check.run import Report, Result, check, counts, run_checks  # noqa: E402

__all__ = ["RULES", "Report", "Result", "Rule", "check", "counts", "run_checks"]
