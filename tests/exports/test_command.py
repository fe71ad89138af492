"""`teikit export`: one file or all of them, atomically, the same bytes every time."""

from __future__ import annotations

import difflib
import json

import pytest
from click.testing import CliRunner

from tests.conftest import ELTEC, HOSTILE, ROOT, require_shared
from tests.exports.conftest import BACK
from toolkit import exports
from toolkit.cli import main
from toolkit.exports.data import Edition
from toolkit.source import load

GOLDEN = ROOT / "tests" / "golden" / "exports"


def for_back() -> list[str]:
    """The exports the fixture has something for (all but those of other genres)."""
    return exports.names_for(Edition(load(BACK)))


def run(*args, **kwargs):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False, **kwargs)


def test_every_family_is_registered():
    assert exports.names() == [
        "persons.csv", "places.csv", "orgs.csv", "events.csv", "mentions.csv", "registers.json",
        "places.geojson", "network.gexf", "bibliography.json", "bibliography.bib",
        "annotations.jsonld", "entities.conll", "clean.txt", "cmif.xml",
        "iiif-manifest.json",
    ]  # fmt: skip


def test_format_to_a_file_and_to_standard_output(tmp_path, back):
    out = tmp_path / "sub" / "persons.csv"
    result = run("export", BACK, "--format", "persons.csv", "--out", out)
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == back["persons.csv"]
    assert not [p for p in out.parent.iterdir() if p.name != "persons.csv"], "no temp files"
    result = run("export", BACK, "--format", "places.geojson")
    assert result.exit_code == 0
    assert result.stdout_bytes == back["places.geojson"]


def test_all_writes_every_file_and_a_readme(tmp_path, back):
    out = tmp_path / "exports"
    result = run("export", BACK, "--all", "--out", out)
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted([*for_back(), "README.md"])
    for name in for_back():
        assert (out / name).read_bytes() == back[name], name
    readme = (out / "README.md").read_text(encoding="utf-8")
    for name in for_back():
        export = exports.get(name)
        assert f"## {name}" in readme and f"[{name}]({name})" in readme
        for field, _meaning in export.fields:
            assert f"`{field}`" in readme, (name, field)
    assert "4 rows" in readme and "4 nodes, 2 edges" in readme


def test_all_is_deterministic(tmp_path, monkeypatch):
    first, second = tmp_path / "a", tmp_path / "b"
    assert run("export", BACK, "--all", "--out", first).exit_code == 0
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1234567890")
    assert run("export", BACK, "--all", "--out", second).exit_code == 0
    for path in first.iterdir():
        assert path.read_bytes() == (second / path.name).read_bytes(), path.name


def test_golden_fixture_exports(back, request):
    """The fixture's exports, reviewed by hand; `pytest --update-golden` rewrites them."""
    update = request.config.getoption("--update-golden")
    problems = []
    for name in for_back():
        got = back.text(name)
        golden = GOLDEN / name
        if update:
            golden.parent.mkdir(parents=True, exist_ok=True)
            golden.write_bytes(back[name])
            continue
        want = golden.read_bytes().decode("utf-8")
        if got != want:
            diff = difflib.unified_diff(want.splitlines(), got.splitlines(), "golden", name)
            problems.append("\n".join(list(diff)[:30]))
    assert sorted(p.name for p in GOLDEN.iterdir()) == sorted(for_back())
    assert not problems, "exports differ from golden (pytest --update-golden):\n" + "\n".join(
        problems
    )


def test_usage_errors_exit_2(tmp_path):
    assert run("export", BACK).exit_code == 2
    assert run("export", BACK, "--all", "--format", "persons.csv").exit_code == 2
    result = run("export", BACK, "--format", "persons.xlsx")
    assert result.exit_code == 2 and "unknown export persons.xlsx" in result.output
    a_file = tmp_path / "exports"
    a_file.write_text("keep me")
    result = run("export", BACK, "--all", "--out", a_file)
    assert result.exit_code == 2 and "folder" in result.output
    assert a_file.read_text() == "keep me"


@pytest.mark.parametrize(
    "name", ["malformed-unclosed.xml", "xxe-file-entity.xml", "empty-file.xml"]
)
def test_hostile_input_leaves_earlier_exports_untouched(tmp_path, name):
    out = tmp_path / "exports"
    assert run("export", BACK, "--all", "--out", out).exit_code == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    result = run("export", require_shared(HOSTILE / name), "--all", "--out", out)
    assert result.exit_code == 2, result.output
    assert name in result.output and "Traceback" not in result.output
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["exports"], "no temp folder left"


def test_real_world_tei_without_registers(tmp_path):
    novels = sorted(require_shared(ELTEC).glob("*.xml"))
    out = tmp_path / "exports"
    result = run("export", novels[0], "--all", "--out", out)
    assert result.exit_code == 0, result.output
    assert (out / "persons.csv").read_text(encoding="utf-8").startswith("id,name,")
    assert json.loads((out / "places.geojson").read_text())["features"] == []
    assert len((out / "clean.txt").read_text(encoding="utf-8")) > 10000
    assert (out / "entities.conll").read_text(encoding="utf-8").startswith("-DOCSTART- O\n\n")
