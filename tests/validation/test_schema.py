"""schema/chimes.rng: TEI All reduced to what the edition uses, derived by schema/derive.py."""

from __future__ import annotations

import copy
import importlib.util
import random
import re
import subprocess
import sys
from pathlib import Path

from lxml import etree

from tests.conftest import EDITION, FIXTURES, TEI_ALL, require_shared, require_tool
from toolkit import HOME, SCHEMA_DIR
from toolkit.source import TEI_NS, load
from toolkit.validation import relaxng, validate

CHIMES_RNG = SCHEMA_DIR / "chimes.rng"
VALID_SAMPLE = FIXTURES / "rules" / "valid.xml"


def derive_module():
    spec = importlib.util.spec_from_file_location("derive", SCHEMA_DIR / "derive.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_chimes_rng_is_what_derive_makes_of_the_edition():
    require_shared(TEI_ALL)
    result = subprocess.run(
        [sys.executable, str(SCHEMA_DIR / "derive.py"), "--check", "--tei-all", str(TEI_ALL)],
        capture_output=True,
        text=True,
        cwd=HOME,
    )
    assert result.returncode == 0, result.stderr + result.stdout


def test_exactly_the_elements_and_attributes_the_edition_uses():
    grammar = relaxng.load(CHIMES_RNG)
    grammar._ensure_model()
    allowed = {
        name: {etree.QName(ns, a).text if ns else a for ns, a in model.attributes}
        for (ns, name), model in grammar.elements.items()
    }
    used: dict[str, set[str]] = {}
    for el in load(EDITION).root.iter(etree.Element):
        used.setdefault(etree.QName(el).localname, set()).update(el.attrib)
    assert {ns for ns, _ in grammar.elements} == {TEI_NS}
    assert allowed == used


def test_the_edition_is_valid_against_it_with_jing_too():
    jing = require_tool("jing")
    result = subprocess.run([jing, str(CHIMES_RNG), str(EDITION)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[:3000]


def test_tei_all_constraints_for_what_is_kept_come_along(tmp_path):
    doc = tmp_path / "doc.xml"
    doc.write_text(
        VALID_SAMPLE.read_text().replace(
            '<date when="1928-01">', '<date when="1928-01" from="1928-01">'
        )
    )
    found = validate(load(doc), schemas=(CHIMES_RNG,))
    assert [(f.severity, f.message) for f in found if f.rule.startswith("tei_all-")] == [
        ("warning", "The @when attribute cannot be used with any other att.datable.w3c attributes.")
    ]


def test_vocabularies_are_closed_to_the_values_used(tmp_path):
    text = VALID_SAMPLE.read_text()
    bad = tmp_path / "doc.xml"
    bad.write_text(text.replace('<place xml:id="place-moscow" type="city">',
                                '<place xml:id="place-moscow" type="town">'))  # fmt: skip
    found = [(f.rule, f.message) for f in validate(load(bad), schemas=(CHIMES_RNG,))]
    assert found == [("relaxng.value", 'invalid value "town" for attribute @type of <place>')]


def test_derive_on_another_document(tmp_path):
    require_shared(TEI_ALL)
    doc = tmp_path / "small.xml"
    doc.write_text(
        f'<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>t</title></titleStmt>'
        "<publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p></sourceDesc>"
        '</fileDesc></teiHeader><text><body><p><note type="x">n</note></p></body></text></TEI>'
    )
    out = tmp_path / "small.rng"
    assert derive_module().main([str(doc), "--tei-all", str(TEI_ALL), "--out", str(out)]) == 0
    rng = etree.parse(str(out)).getroot()
    R = "{http://relaxng.org/ns/structure/1.0}"
    names = {e.get("name") for e in rng.iter(f"{R}element")}
    assert names == {"TEI", "teiHeader", "fileDesc", "titleStmt", "title", "publicationStmt",
                     "p", "sourceDesc", "text", "body", "note"}  # fmt: skip
    schema = etree.RelaxNG(rng)
    assert schema.validate(etree.parse(str(doc)))
    for change in ('<note type="y">n</note>', '<note place="end" type="x">n</note>', "<p>n</p>"):
        variant = etree.fromstring(doc.read_text().replace('<note type="x">n</note>', change, 1))
        assert not schema.validate(variant), change


# -- anything chimes.rng accepts is valid TEI All ----------------------------------------------


def mutations(root: etree._Element, rng: random.Random, count: int):
    """Variants of a document: elements dropped, repeated, moved; attributes dropped."""
    elements = [e for e in root.iter(etree.Element) if e is not root]
    for _ in range(count):
        doc = copy.deepcopy(root)
        all_elements = [e for e in doc.iter(etree.Element) if e is not doc]
        target = all_elements[rng.randrange(len(all_elements))]
        kind = rng.choice(["drop", "repeat", "move", "unattr", "swap"])
        parent = target.getparent()
        if kind == "drop":
            parent.remove(target)
        elif kind == "repeat":
            parent.insert(parent.index(target), copy.deepcopy(target))
        elif kind == "move":
            other = all_elements[rng.randrange(len(all_elements))]
            if target not in other.iterancestors() and other is not target:
                other.append(copy.deepcopy(target))
        elif kind == "unattr" and target.attrib:
            del target.attrib[rng.choice(sorted(target.attrib))]
        elif kind == "swap" and target.getnext() is not None:
            following = target.getnext()
            parent.remove(following)
            parent.insert(parent.index(target), following)
        yield kind, doc
    del elements


def test_nothing_chimes_rng_accepts_is_invalid_tei_all(tmp_path):
    jing = require_tool("jing")
    require_shared(TEI_ALL)
    schema = relaxng.load(CHIMES_RNG).schema
    rng = random.Random(20261126)
    accepted: list[Path] = []
    rejected = 0
    for name, source in (("sample", VALID_SAMPLE), ("edition", EDITION)):
        root = load(source).root
        for i, (_kind, doc) in enumerate(mutations(root, rng, 60 if name == "sample" else 15)):
            if schema.validate(doc):
                path = tmp_path / f"{name}-{i}.xml"
                path.write_bytes(etree.tostring(doc, encoding="UTF-8", xml_declaration=True))
                accepted.append(path)
            else:
                rejected += 1
    assert accepted and rejected, "the mutations should give both kinds"
    result = subprocess.run(
        [jing, str(TEI_ALL), *map(str, accepted)], capture_output=True, text=True
    )
    invalid = sorted(
        {line.split(":")[0] for line in result.stdout.splitlines() if ": error:" in line}
    )
    assert invalid == [], result.stdout[:3000]
    assert re.search(r"error", result.stdout) is None


def test_every_element_is_documented_in_the_encoding_manual():
    manual = (HOME / "docs" / "encoding.md").read_text()
    R = "{http://relaxng.org/ns/structure/1.0}"
    names = {e.get("name") for e in etree.parse(str(CHIMES_RNG)).getroot().iter(f"{R}element")}
    missing = sorted(n for n in names if not re.search(rf"`<{n}[ >`]", manual))
    assert missing == [], f"docs/encoding.md does not explain: {missing}"


def test_every_rule_is_documented_in_the_schema_readme():
    readme = (SCHEMA_DIR / "README.md").read_text()
    SCH = "{http://purl.oclc.org/dsdl/schematron}"
    ids = set()
    for name in ("chimes.sch", "universal.sch"):
        root = etree.parse(str(SCHEMA_DIR / name)).getroot()
        ids |= {a.get("id") for a in root.iter(f"{SCH}assert", f"{SCH}report")}
    assert sorted(i for i in ids if f"`{i}`" not in readme) == []
