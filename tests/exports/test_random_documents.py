"""Exports of many generated documents: names nested in names, in notes, in quotations and
corrections, pointers right and wrong. Whatever the document, the exports agree with each
other and with the check report, and every offset points at its name.

The documents come from a seeded random generator, so every run tests the same ones and a
failure names the seed that makes it.
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter

import pytest

from toolkit import exports
from toolkit.check import check
from toolkit.exports.data import Edition
from toolkit.source import load

PERSONS = ["ada", "ben", "cy"]
PLACES = ["rome", "oslo"]
ORGS = ["guild"]
WORDS = ["the", "letter", "of", "and", "in", "St.", "J.", "Q.", "“quoted”", "’s", "1926-7",
         "&amp;", "x", "Ünïcödé", "  ", "\n", "a—b", "(", ")", "?", "!", "."]  # fmt: skip
INLINE = ["hi", "emph", "foreign", "quote", "soCalled", "title"]


def name(rng: random.Random, depth: int) -> str:
    kind = rng.choice(["person", "place", "org", "bad"])
    target = {"person": PERSONS, "place": PLACES, "org": ORGS, "bad": ["nowhere"]}[kind]
    ref = " ".join(f"#{rng.choice(target)}" for _ in range(rng.choice([1, 1, 1, 2])))
    element = rng.choice(
        {
            "person": ["persName", "rs"],
            "place": ["placeName", "rs"],
            "org": ["orgName", "rs"],
            "bad": ["persName", "rs"],
        }[kind]  # fmt: skip
    )
    type_ = f' type="{kind}"' if element == "rs" else ""
    return f'<{element}{type_} ref="{ref}">{content(rng, depth + 1, words=2)}</{element}>'


def content(rng: random.Random, depth: int, words: int = 6) -> str:
    parts = []
    for _ in range(rng.randint(1, words)):
        roll = rng.random()
        if roll < 0.25 and depth < 3:
            parts.append(name(rng, depth))
        elif roll < 0.3:
            parts.append(f'<date when="19{rng.randint(10, 99)}">{rng.choice(WORDS)} 19x</date>')
        elif roll < 0.35 and depth < 3:
            parts.append(f"<note>{content(rng, depth + 1)}</note>")
        elif roll < 0.4 and depth < 3:
            tag = rng.choice(INLINE)
            parts.append(f"<{tag}>{content(rng, depth + 1, 3)}</{tag}>")
        elif roll < 0.43:
            parts.append(
                f"<choice><sic>{rng.choice(WORDS)}</sic><corr>{content(rng, 3, 2)}</corr></choice>"
            )  # noqa: E501
        else:
            parts.append(rng.choice(WORDS))
        parts.append(rng.choice([" ", " ", "", "\n  "]))
    return "".join(parts)


def document(seed: int) -> str:
    rng = random.Random(seed)
    blocks = []
    for i in range(rng.randint(1, 5)):
        kind = rng.choice(["p", "p", "p", "head", "quote", "list", "lg"])
        inner = content(rng, 0)
        if kind == "quote":
            blocks.append(f"<quote><p>{inner}</p></quote>")
        elif kind == "list":
            blocks.append(f"<list><item>{inner}</item><item>{content(rng, 0)}</item></list>")
        elif kind == "lg":
            blocks.append(f"<lg><l>{inner}</l><l>{content(rng, 0)}</l></lg>")
        else:
            blocks.append(f'<{kind} xml:id="b{i}">{inner}</{kind}>')
    persons = "".join(
        f'<person xml:id="{p}"><persName>{p.title()} Family</persName>'
        f'<birth when="18{10 + j}"/></person>' for j, p in enumerate(PERSONS)
    )  # fmt: skip
    places = "".join(
        f'<place xml:id="{p}"><placeName>{p.title()}</placeName>'
        f"<location><geo>{10 + j}.5 {-20 - j}.25</geo></location></place>"
        for j, p in enumerate(PLACES)
    )
    orgs = "".join(f'<org xml:id="{o}"><orgName>{o.title()}</orgName></org>' for o in ORGS)
    return (
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t'
        "</title></titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p>"
        "</sourceDesc></fileDesc></teiHeader>"
        f"<standOff><listPerson>{persons}</listPerson><listPlace>{places}</listPlace>"
        f"<listOrg>{orgs}</listOrg></standOff>"
        f"<text><body><div>{''.join(blocks)}</div></body></text></TEI>"
    )


@pytest.mark.parametrize("seed", range(60))
def test_exports_of_generated_documents_agree(tmp_path, seed):
    path = tmp_path / f"seed-{seed}.xml"
    path.write_text(document(seed), encoding="utf-8")
    edition = Edition(load(path))
    rendered = {name: exports.get(name).render(edition) for name in exports.names_for(edition)}
    clean = rendered["clean.txt"].decode("utf-8")
    # Every annotation's position selector yields its quote.
    items = json.loads(rendered["annotations.jsonld"])["first"]["items"]
    for item in items:
        quote, position = item["target"]["selector"]
        assert clean[position["start"] : position["end"]] == quote["exact"] != "", seed
    # The CoNLL tokens spell the clean text, and its tags are well-formed BIO.
    lines = [line for line in rendered["entities.conll"].decode().split("\n")[2:] if line]
    assert "".join(line.split(" ")[0] for line in lines) == re.sub(r"\s+", "", clean), seed
    previous = "O"
    for line in lines:
        tag = line.split(" ")[1]
        if tag.startswith("I-"):
            assert previous[2:] == tag[2:], seed
        previous = tag
    # Mentions agree with the check report, with the annotations and with the tables.
    reported = check(edition.source).stats["mentions"]
    rows = Counter(m.placed.entry.kind for m in edition.mentions)
    assert {k: rows.get(k, 0) for k in ("person", "place", "org")} == {
        k: reported[k] for k in ("person", "place", "org")
    }, seed
    assert len(items) == len(edition.clean_mentions), seed
    network = rendered["network.gexf"].decode()
    assert network.count("<node ") == len(PERSONS)
    geo = json.loads(rendered["places.geojson"])
    assert [f["geometry"]["coordinates"] for f in geo["features"]] == [
        [-21.25, 11.5],
        [-20.25, 10.5],
    ]
