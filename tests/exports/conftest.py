"""Shared by the export tests: the essay and the small fixture, each read once."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import EDITION
from toolkit import exports
from toolkit.exports.data import Edition
from toolkit.source import load

HERE = Path(__file__).resolve().parent
BACK = HERE / "fixtures" / "back-registers.xml"


class Rendered:
    """An Edition and its exports, each rendered once on first use."""

    def __init__(self, path: Path):
        self.edition = Edition(load(path))
        self._cache: dict[str, bytes] = {}

    def __getitem__(self, name: str) -> bytes:
        if name not in self._cache:
            self._cache[name] = exports.get(name).render(self.edition)
        return self._cache[name]

    def text(self, name: str) -> str:
        return self[name].decode("utf-8")


@pytest.fixture(scope="session")
def essay() -> Rendered:
    return Rendered(EDITION)


@pytest.fixture(scope="session")
def back() -> Rendered:
    return Rendered(BACK)


@pytest.fixture(scope="session", params=["essay", "back"])
def both(request, essay, back) -> Rendered:
    """Each test that takes `both` runs on the essay and on the fixture."""
    return essay if request.param == "essay" else back
