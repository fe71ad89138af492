"""The edition is valid TEI All 4.12.0, checked by jing (the outside referee)."""

from __future__ import annotations

import subprocess

from tests.conftest import EDITION, TEI_ALL, require_shared, require_tool


def test_edition_is_valid_against_tei_all():
    jing = require_tool("jing")
    schema = require_shared(TEI_ALL)
    result = subprocess.run([jing, str(schema), str(EDITION)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[:3000]
