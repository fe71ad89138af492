"""schema/universal.sch: the rules every TEI document is held to, whatever its schema."""

from __future__ import annotations

import pytest

from tests.conftest import HOSTILE, require_shared
from toolkit.source import load
from toolkit.validation import universal

HEAD = (
    '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t</title>'
    "</titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc>"
    "</fileDesc></teiHeader><text><body>\n"
)


def run(tmp_path, body: str):
    path = tmp_path / "doc.xml"
    path.write_text(HEAD + body + "\n</body></text></TEI>\n")
    return [(f.line, f.rule, f.message) for f in universal(load(path))]


def test_dangling_references_are_reported_by_rule_with_lines():
    path = require_shared(HOSTILE / "dangling-references.xml")
    found = [(f.line, f.column, f.rule, f.message) for f in universal(load(path))]
    assert found == [
        (7, 14, "pointer-resolves",
         '@ref points at #nobody, but no element in this document has xml:id="nobody"'),
        (7, 65, "pointer-resolves",
         '@ref points at #nowhere, but no element in this document has xml:id="nowhere"'),
        (7, 109, "date-iso8601",
         '@when="1936-02-30" is not an ISO 8601 date (there is no such month or day)'),
    ]  # fmt: skip


def test_duplicate_ids_are_reported_with_the_line():
    path = require_shared(HOSTILE / "duplicate-ids.xml")
    found = [(f.line, f.rule, f.severity) for f in universal(load(path))]
    assert found == [(7, "id-unique", "error")]


def test_pointers(tmp_path):
    assert run(
        tmp_path,
        '<listPrefixDef><prefixDef ident="pers" matchPattern="([a-z]+)" replacementPattern="#$1"/>'
        "</listPrefixDef>\n"
        '<p xml:id="a" corresp="#a #b other.xml#c https://example.org/#d pers:a">x</p>\n'
        '<p><persName ref="pers:zz">y</persName> <span from="#a" to="#q">z</span></p>',
    ) == [
        (3, "pointer-resolves", '@corresp points at #b, but no element in this document has '
         'xml:id="b"'),
        (4, "pointer-resolves", "@ref points at pers:zz, but no element in this document has "
         'xml:id="pers:zz"'),
        (4, "pointer-resolves", '@to points at #q, but no element in this document has xml:id="q"'),
    ]  # fmt: skip


@pytest.mark.parametrize(
    "attrs",
    [
        'when="1936"', 'when="1936-02"', 'when="1936-02-29"', 'when="1936-02-29T10:00:00Z"',
        'when="--02-29"', 'when="-0044-03-15"', 'from="1925" to="1925-06"',
        'from="1928-05" to="1928"', 'notBefore="1926-09" notAfter="1926-09-30"',
        'when="10:30:00"',
    ],
)  # fmt: skip
def test_good_dates(tmp_path, attrs):
    assert run(tmp_path, f"<p><date {attrs}>d</date></p>") == []


@pytest.mark.parametrize(
    "attrs, rule, words",
    [
        ('when="1937-02-29"', "date-iso8601", "no such month or day"),
        ('when="1936-13"', "date-iso8601", "no such month or day"),
        ('when="5 May 1936"', "date-iso8601", "write YYYY"),
        ('notAfter="1936/05"', "date-iso8601", '@notAfter="1936/05"'),
        ('from="1929" to="1928-12"', "date-order", '@from="1929" comes after @to="1928-12"'),
        ('notBefore="1936-05-02" notAfter="1936-05"', None, None),
        ('notBefore="1936-06" notAfter="1936-05-31"', "date-order", "range runs backwards"),
    ],
)
def test_bad_dates(tmp_path, attrs, rule, words):
    found = run(tmp_path, f"<p><date {attrs}>d</date></p>")
    if rule is None:
        assert found == []
    else:
        assert [(line, r) for line, r, _m in found] == [(2, rule)]
        assert words in found[0][2]


def test_page_ranges_are_not_dates(tmp_path):
    assert (
        run(
            tmp_path, '<p><bibl><biblScope unit="page" from="30" to="4">30-4</biblScope></bibl></p>'
        )
        == []
    )
