"""teikit check: every rule fires on a fixture made to trigger it and stays quiet on its twin."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from tests.conftest import EDITION, ELTEC, FIXTURES, HOSTILE, require_shared
from toolkit.check import RULES, check, run_checks
from toolkit.cli import main
from toolkit.source import TEI_NS, load

CHECK = FIXTURES / "check"
NS = {"t": TEI_NS}

#: rule -> the (line, column, words in the message) of each finding its fixture must give.
EXPECTED = {
    "untagged-name": [
        (35, 30, ['"Babbage"', "#pers-babbage", "in p1", "In 1833 **Babbage** showed"]),
        (35, 59, ['"Lovelace"', "#pers-ada"]),
        (36, 37, ['"London"', "#place-london", "in p2"]),
        (36, 68, ['"Babbage"', "in n1", "**Babbage** kept the letter."]),
        (37, 26, ['"Countess of Lovelace"', "#pers-ada", "in p3"]),
    ],
    "untagged-title": [(35, 26, ['"Sketch of the Analytical Engine"', "#bib-menabrea-1843"])],
    "name-without-pointer": [
        (35, 22, ['"Charles Babbage"', 'ref="#pers-babbage"']),
        (35, 63, ['"London"', 'ref="#place-london"']),
    ],
    "title-without-pointer": [(35, 26, ['ref="#bib-menabrea-1843"'])],
    "unresolved-pointer": [
        (35, 22, ['@ref="#pers-adda"', "did you mean #pers-ada?"]),
        (35, 75, ['@target="#p9"']),
    ],
    "cite-without-entry": [
        (35, 64, ["#bib-menabrea-1842", "not in the document", "did you mean #bib-menabrea-1843?"]),
        (35, 166, ["#pers-ada", "<person>, not a bibliography entry"]),
    ],
    "cite-without-pointer": [(35, 64, ['"Lovelace 1843, 670"', "no @corresp or @ref"])],
    "short-cite-untagged": [
        (35, 64, ['"Lovelace 1843, 670"', 'wrap it in <bibl corresp="#bib-menabrea-1843">']),
        (35, 126, ['"Ibid."', "the work it repeats"]),
        (35, 177, ['"Menabrea 1842, 5-6"', "no work by Menabrea from 1842"]),
    ],
    "pointer-kind": [
        (35, 35, ["<placeName>", "#pers-ada, a person, not a place"]),
        (35, 90, ["<persName>", "#p1, a <p>, not a register entry"]),
    ],
    "pointer-without-hash": [
        (35, 22, ['<persName> @ref="pers-ada"', 'write "#pers-ada"']),
        (35, 66, ['<rs> @ref="babbage"', "did you mean #pers-babbage?"]),
        (35, 122, ['<ref> @target="p1"', 'write "#p1"']),
        (35, 122, ['<ref> @target="uses"', 'write "#uses"']),
    ],
    "unresolved-key": [(35, 22, ['key="pers-nobody"'])],
    "unreferenced-entry": [(19, 7, ["#pers-babbage", "Charles Babbage", "never referred to"])],
    "entry-without-id": [(23, 7, ['"Luigi Menabrea"', "no xml:id"])],
    "entry-without-name": [(23, 7, ["pers-unnamed has no name"])],
    "entry-without-identifier": [(23, 7, ["pers-somerville", "Mary Somerville"])],
    "duplicate-identifier": [(25, None, ["pers-ada-2", "wikidata Q7259", "pers-ada (line 12)"])],
    "identifier-malformed": [
        (21, None, ['wikidata identifier "46633"']),
        (22, None, ['viaf identifier "VIAF 12345"']),
    ],
    "coordinates-malformed": [(25, 7, ["place-london", '"51°30′N 0°7′W"'])],
    "date-not-iso": [
        (35, 25, ["@when", "'10/12/1843'", "year-month-day"]),
        (35, 74, ["'1843-02-30'", "28 days in February 1843"]),
        (35, 118, ["@from", "'1843-1'", "two digits"]),
        (35, 166, ["@notBefore", "'184'", "four digits"]),
    ],
    "date-backwards": [
        (16, None, ["pers-ada", "born 1855 after dying 1852-11-27"]),
        (35, 27, ["@from=1852 is after @to=1843"]),
        (35, 79, ["@notBefore=1850-06 is after @notAfter=1850-01"]),
    ],
    "event-outside-parent": [
        (14, 9, ["ev-session-1", "begins 1927-11-30, before #ev-congress begins (1927-12-02)"]),
        (16, 11, ["ev-vote", "ends 1927-12-02, after #ev-session-1 ends (1927-11-30)"]),
        (18, 9, ["ev-session-last", "ends 1928-01, after #ev-congress ends (1927-12-19)"]),
    ],
    "date-without-value": [(35, 25, ['"the autumn of 1843"'])],
    "note-sequence": [
        (35, 112, ["n=4", "expected n=3", "n=2 at line 35"]),
        (35, 157, ["n=3", "expected n=5"]),
    ],
    "no-registers": [(None, None, ["no registers"])],
    "duplicate-xml-id": [(36, 7, ['"p1"', "already used at 35:7"])],
    "wit-unresolved": [
        (18, 57, ["<rdg> @wit names #Z", "no element of the document"]),
        (19, 36, ["#p1"]),
    ],
    "witness-reads-twice": [
        (18, 55, ["witness B reads both <lem> (line 18)", "this <rdg>"]),
        (19, 38, ["witness C", "<lem> (line 19)"]),
    ],
    "facs-unresolved": [
        (18, 7, ["@facs names #s2", "no element of the document"]),
        (20, 7, ["#p1, a <p>, not a surface or zone"]),
    ],
    "zone-outside-surface": [
        (13, 7, ["30,50 to 420,90", "not inside its surface 0,0 to 400,600"]),
        (14, 7, ["30,580 to 370,640"]),
        (15, 7, ["ends before it starts"]),
    ],
    "corresp-incomplete": [
        (10, 7, ['no <correspAction type="received">']),
        (11, 9, ["names no sender"]),
        (13, 11, ["<date>", "no @when"]),
    ],
    "invalid-suppression": [
        (35, 7, ["<?teikit ignore untaged-name?>", "names no rule: untaged-name"]),
        (37, 37, ["<?teikit ignroe untagged-name?>", "is not `ignore RULE ...`"]),
    ],
}


def findings_for(name: str, rule: str):
    return [f for f in run_checks(load(CHECK / f"{name}.xml")) if f.rule == rule]


def test_every_rule_has_a_triggering_and_a_quiet_fixture():
    assert set(EXPECTED) == set(RULES)
    for rule in RULES:
        assert (CHECK / f"{rule}.xml").is_file(), rule
        assert (CHECK / f"{rule}-ok.xml").is_file(), rule


@pytest.mark.parametrize("rule", sorted(RULES))
def test_rule_fires_where_expected(rule):
    found = findings_for(rule, rule)
    assert [(f.line, f.column) for f in found] == [(e[0], e[1]) for e in EXPECTED[rule]], found
    for finding, (_, _, words) in zip(found, EXPECTED[rule], strict=True):
        assert finding.severity == RULES[rule].severity
        assert finding.path.endswith(f"{rule}.xml")
        for word in words:
            assert word in finding.message, (word, finding.message)


@pytest.mark.parametrize("rule", sorted(RULES))
def test_rule_is_quiet_on_its_twin(rule):
    assert findings_for(f"{rule}-ok", rule) == []


@pytest.mark.parametrize("rule", sorted(RULES))
def test_quiet_twins_have_no_errors_or_warnings(rule):
    """The twins are clean editions, so a rule cannot hide behind another rule's finding."""
    found = [f for f in run_checks(load(CHECK / f"{rule}-ok.xml")) if f.severity != "info"]
    assert found == []


def test_findings_are_sorted_by_place():
    found = run_checks(load(CHECK / "date-not-iso.xml"))
    assert found == sorted(found, key=lambda f: f.sort_key())


# -- judgement calls on untagged names -------------------------------------------------------


def test_untagged_names_skip_tags_titles_dates_words_and_sic():
    """untagged-name-ok.xml has the register's names only where they must not be flagged."""
    text = (CHECK / "untagged-name-ok.xml").read_text()
    for where in (
        "<orgName>Babbage Society of London</orgName>",  # inside a longer tagged name
        '<title level="m">Babbage and London</title>',  # in a title of a work
        "A babbage is not a name",  # case-sensitive
        "Babbages and Londoners",  # word boundaries
        '<date when="1843">London 1843</date>',  # inside a date
        "<mentioned>Lovelace</mentioned>",  # a word cited as a word
        "<sic>Lovelace</sic>",  # the source's side of a choice
        '<bibl corresp="#bib-menabrea-1843">Lovelace 1843',  # the cited work's author
    ):
        assert where in text
    assert findings_for("untagged-name-ok", "untagged-name") == []


def test_a_name_inside_a_citation_of_someone_elses_work_is_still_flagged(tmp_path):
    text = (CHECK / "cite-without-entry-ok.xml").read_text()
    path = tmp_path / "other-author.xml"
    path.write_text(
        text.replace("Lovelace 1843, 670</bibl>", "Lovelace 1843, 670, after Babbage</bibl>")
    )
    found = [f for f in run_checks(load(path)) if f.rule == "untagged-name"]
    assert [f.message.split(" (")[0] for f in found] == ['untagged person "Babbage"']


def test_registers_in_back_and_rs_mentions():
    report = check(load(CHECK / "registers-in-back-rs.xml"))
    rules = Counter(f.rule for f in report.findings)
    assert rules == {"untagged-name": 2}
    names = [re.search(r'"([^"]+)"', f.message).group(1) for f in report.findings]
    assert names == ["Herder", "Weimar"]
    assert report.stats["registers"]["person"] == 3
    assert report.stats["registers"]["place"] == 1
    # rs type="person" (4: Friend, Schiller, Herder in the note, the signature) and one place.
    assert report.stats["mentions"]["person"] == 4
    assert report.stats["mentions"]["place"] == 1


def test_registers_in_the_header_and_prefixed_pointers():
    report = check(load(CHECK / "registers-in-header.xml"))
    assert {f.severity for f in report.findings} == {"info"}
    assert report.stats["registers"] == {
        "person": 2, "place": 2, "org": 0, "event": 1, "object": 0, "work": 0
    }  # fmt: skip
    # pers:ada (prefixDef), own-file.xml#pers-babbage, and one placeName with two targets.
    assert report.stats["mentions"]["person"] == 2
    assert report.stats["mentions"]["place"] == 2
    assert report.stats["mentions"]["event"] == 1


def test_stats_count_what_the_markup_holds():
    report = check(load(CHECK / "bibliography-forms.xml"))
    assert report.stats["registers"]["work"] == 3
    assert report.stats["citations"] == {"resolved": 3, "unresolved": 0, "untagged": 0}
    assert report.stats["dates"] == {"total": 3, "normalised": 3}
    assert report.stats["notes"] == 1
    assert report.stats["severities"]["error"] == 0


def test_short_cite_counts_feed_the_stats():
    report = check(load(CHECK / "short-cite-untagged.xml"))
    assert report.stats["citations"]["untagged"] == 3


def test_duplicate_ids_and_dangling_references_of_the_hostile_set():
    dangling = run_checks(load(require_shared(HOSTILE / "dangling-references.xml")))
    assert Counter(f.rule for f in dangling if f.severity == "error") == {
        "unresolved-pointer": 2,
        "date-not-iso": 1,
    }
    assert all(f.line == 7 for f in dangling if f.severity == "error")
    dup = run_checks(load(require_shared(HOSTILE / "duplicate-ids.xml")))
    assert [(f.rule, f.line) for f in dup if f.severity == "error"] == [("duplicate-xml-id", 7)]


# -- real documents --------------------------------------------------------------------------


def test_eltec_novel_without_registers():
    novel = require_shared(ELTEC / "ENG18850_Rutherford.xml")
    report = check(load(novel))
    assert [f.rule for f in report.findings] == ["no-registers"]
    assert report.stats["notes"] == 2


def _edition():
    return load(require_shared(EDITION))


def test_edition_findings_point_at_the_name_in_the_source():
    """Each untagged name's line and column are where the name starts in the file."""
    source = _edition()
    lines = source.path.read_text(encoding="utf-8").split("\n")
    found = [f for f in run_checks(source) if f.rule in ("untagged-name", "untagged-title")]
    for finding in found:
        name = re.search(r'untagged \w+ "([^"]+)"', finding.message).group(1)
        at = lines[finding.line - 1][finding.column - 1 :]
        assert at.startswith(name.split()[0]), (finding, at[:40])


def test_edition_mention_counts_match_an_independent_count():
    source = _edition()
    report = check(source)
    register_ids = {
        kind: set(source.root.xpath(f"//t:{el}/@xml:id", namespaces=NS))
        for kind, el in (("person", "person"), ("place", "place"), ("org", "org"))
    }
    in_text = "//t:text//t:{0}[not(ancestor::t:listBibl)]/@ref"
    for kind, element in (("person", "persName"), ("place", "placeName"), ("org", "orgName")):
        refs = [
            token[1:]
            for value in source.root.xpath(in_text.format(element), namespaces=NS)
            for token in value.split()
        ]
        rs = [
            token[1:]
            for value in source.root.xpath(
                f"//t:text//t:rs[@type='{kind}'][not(ancestor::t:listBibl)]/@ref", namespaces=NS
            )
            for token in value.split()
        ]
        expected = sum(1 for r in refs + rs if r in register_ids[kind])
        assert report.stats["mentions"][kind] == expected, kind
    cites = source.root.xpath(
        "//t:text//t:note//t:bibl[@corresp or @ref][not(ancestor::t:listBibl)]", namespaces=NS
    )
    assert sum(report.stats["citations"][k] for k in ("resolved", "unresolved")) >= len(cites)


# -- the command -----------------------------------------------------------------------------


def run(*args, **kwargs):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False, **kwargs)


FINDING_LINE = re.compile(r"^\S+?(:\d+(:\d+)?)?: (error|warning|info|fatal): .+ \[[a-z-]+\]$")


def test_cli_exit_0_with_warnings_only():
    result = run("check", CHECK / "untagged-name.xml")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert sum(1 for line in lines if FINDING_LINE.match(line)) == 5
    assert lines[-1] == "1 file(s) checked: 0 error(s), 5 warning(s), 0 info"
    assert any("registers: persons 2, places 1, works 1" in line for line in lines)


def test_cli_exit_1_on_an_error():
    result = run("check", CHECK / "unresolved-pointer.xml")
    assert result.exit_code == 1
    assert "unresolved-pointer.xml:35:22: error: <persName> @ref=" in result.output


def test_cli_exit_2_on_a_missing_file_and_reports_the_others(tmp_path):
    result = run("check", tmp_path / "missing.xml", CHECK / "unresolved-pointer.xml")
    assert result.exit_code == 2
    assert "missing.xml: fatal: no such file" in result.output
    assert "[unresolved-pointer]" in result.output
    assert "Traceback" not in result.output


def test_cli_json_has_the_same_findings_as_text():
    path = CHECK / "date-not-iso.xml"
    text = run("check", path).output.splitlines()
    result = run("check", path, "--format", "json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [
        f"{f['path']}:{f['line']}:{f['column']}: {f['severity']}: {f['message']} [{f['rule']}]"
        for f in data["findings"]
    ] == [line for line in text if FINDING_LINE.match(line)]
    assert data["summary"] == {
        "files": 1, "fatal": 0, "error": 4, "warning": 0, "info": 0, "suppressed": 0
    }  # fmt: skip
    (stats,) = data["files"]
    assert stats["path"] == str(path)
    assert stats["findings"] == {"date-not-iso": 4}
    assert stats["registers"]["person"] == 2


def test_cli_output_is_deterministic():
    first = run("check", CHECK / "untagged-name.xml", "--format", "json").output
    assert run("check", CHECK / "untagged-name.xml", "--format", "json").output == first


def test_cli_default_is_the_edition_in_tei(tmp_path, monkeypatch):
    (tmp_path / "tei").mkdir()
    (tmp_path / "tei" / "edition.xml").write_bytes((CHECK / "note-sequence.xml").read_bytes())
    monkeypatch.chdir(tmp_path)
    result = run("check")
    assert result.exit_code == 1
    assert result.output.startswith(str(Path("tei") / "edition.xml") + ":35:112: error: note n=4")


def test_cli_on_eltec_says_there_are_no_registers():
    novel = require_shared(ELTEC / "ENG18411_Tupper.xml")
    result = run("check", novel)
    assert result.exit_code == 0
    assert "no registers" in result.output
    assert f"{novel}: registers: none" in result.output


def test_cli_help_lists_every_rule():
    result = run("check", "--help")
    for rule in RULES:
        assert rule in result.output


def test_positions_survive_xinclude(tmp_path):
    """With XInclude spliced in, lines still come out (from lxml), columns are left out."""
    part = tmp_path / "part.xml"
    part.write_text(
        f'<p xmlns="{TEI_NS}" xml:id="p2">Babbage <persName ref="#nobody">X</persName>.</p>'
    )
    main_text = (
        (CHECK / "untagged-name-ok.xml")
        .read_text()
        .replace(
            "</body>",
            '<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="part.xml"/></body>',
        )
    )
    (tmp_path / "main.xml").write_text(main_text)
    found = run_checks(load(tmp_path / "main.xml"))
    pointer = [f for f in found if f.rule == "unresolved-pointer"]
    assert len(pointer) == 1 and pointer[0].line == 1 and pointer[0].column is None
    assert [f.rule for f in found if f.severity == "warning"] == ["untagged-name"]
    assert etree.QName(load(tmp_path / "main.xml").root).localname == "TEI"
