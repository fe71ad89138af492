"""annotations.jsonld and entities.conll: anchored in exactly the clean text."""

from __future__ import annotations

import csv
import io
import json
import re

from toolkit.exports.annotations import CONTEXT, tokens
from toolkit.formats.text import clean_text_with_spans

TAGS = {"PER", "LOC", "ORG", "EVENT", "DATE", "MISC"}


def annotations(rendered) -> list[dict]:
    data = json.loads(rendered["annotations.jsonld"])
    assert data["@context"] == "http://www.w3.org/ns/anno.jsonld"
    assert data["type"] == "AnnotationCollection"
    items = data["first"]["items"]
    assert data["total"] == len(items)
    return items


def selectors(annotation: dict) -> tuple[dict, dict]:
    by_type = {s["type"]: s for s in annotation["target"]["selector"]}
    return by_type["TextQuoteSelector"], by_type["TextPositionSelector"]


def test_clean_txt_is_the_clean_text_edition(both):
    text, _spans = clean_text_with_spans(both.edition.source)
    assert both.text("clean.txt") == text


def test_position_selector_yields_the_quote(both):
    clean = both.text("clean.txt")
    items = annotations(both)
    assert items
    for item in items:
        assert item["type"] == "Annotation" and item["target"]["source"] == "clean.txt"
        quote, position = selectors(item)
        start, end = position["start"], position["end"]
        assert clean[start:end] == quote["exact"] != ""
        assert clean[max(0, start - CONTEXT) : start] == quote["prefix"]
        assert clean[end : end + CONTEXT] == quote["suffix"]


def test_bodies_identify_the_register_entry(both):
    name = both.edition.name
    rows = {r["id"]: r for r in csv.DictReader(io.StringIO(both.text("mentions.csv")))}
    persons = {r["id"]: r for r in csv.DictReader(io.StringIO(both.text("persons.csv")))}
    for item in annotations(both):
        row = rows[item["id"].lstrip("#")]
        sources = [b["source"] for b in item["body"] if b.get("purpose") == "identifying"]
        assert sources[0] == f"{name}#{row['entity']}"
        tags = [b["value"] for b in item["body"] if b.get("purpose") == "tagging"]
        assert tags == [row["type"]]
        if row["entity"] in persons and persons[row["entity"]]["uris"]:
            assert sources[1:] == persons[row["entity"]]["uris"].split(" | ")
        _quote, position = selectors(item)
        assert (str(position["start"]), str(position["end"])) == (row["start"], row["end"])


def conll(rendered) -> list[list[tuple[str, str]]]:
    lines = rendered.text("entities.conll").split("\n")
    assert lines[0] == "-DOCSTART- O" and lines[1] == ""
    sentences, current = [], []
    for line in lines[2:]:
        if not line:
            if current:
                sentences.append(current)
            current = []
            continue
        token, tag = line.split(" ")
        current.append((token, tag))
    assert not current, "the file ends with a blank line"
    return sentences


def test_conll_tokens_are_the_clean_texts_tokens(both):
    clean = both.text("clean.txt")
    got = [token for sentence in conll(both) for token, _tag in sentence]
    # Nothing dropped, nothing added, in order: the tokens spell the text without its spaces.
    assert "".join(got) == re.sub(r"\s+", "", clean)
    position = 0
    for token in got:
        found = clean.index(token, position)
        assert not clean[position:found].strip(), f"{token!r} is not the next token"
        position = found + len(token)
    # ... and they are the clean text's tokens as teikit splits it (no boundary forced here
    # except at the edges of tagged names).
    plain = [clean[s:e] for s, e in tokens(clean)]
    assert len(got) >= len(plain)


def test_conll_tags_are_well_formed_bio(both):
    for sentence in conll(both):
        previous = "O"
        for _token, tag in sentence:
            if tag != "O":
                prefix, kind = tag.split("-", 1)
                assert prefix in ("B", "I") and kind in TAGS
                if prefix == "I":
                    assert previous in (f"B-{kind}", f"I-{kind}"), sentence
            previous = tag


def conll_spans(rendered) -> list[tuple[int, int, str]]:
    """Tagged spans as offsets in the clean text, found by walking the tokens along it."""
    clean = rendered.text("clean.txt")
    spans, position = [], 0
    for sentence in conll(rendered):
        for token, tag in sentence:
            start = clean.index(token, position)
            position = start + len(token)
            if tag.startswith("B-"):
                spans.append([start, position, tag[2:]])
            elif tag.startswith("I-"):
                spans[-1][1] = position
    return [tuple(s) for s in spans]


def test_conll_spans_are_the_mentions_and_dates(both):
    clean = both.text("clean.txt")
    rows = [r for r in csv.DictReader(io.StringIO(both.text("mentions.csv"))) if r["start"]]
    tag = {"person": "PER", "place": "LOC", "org": "ORG", "event": "EVENT", "object": "MISC"}
    names = {(int(r["start"]), int(r["end"]), tag[r["type"]]) for r in rows}
    _text, spans = clean_text_with_spans(both.edition.source)
    dates = {(s.start, s.end, "DATE") for s in spans if s.element in ("date", "time")}
    got = conll_spans(both)
    assert len(got) == len(set(got))
    for start, end, kind in got:
        assert (start, end, kind) in names | dates, clean[start:end]
    # Every name or date is tagged, unless it lies inside a longer tagged span (BIO cannot nest).
    for start, end, kind in names | dates:
        if (start, end, kind) not in got:
            assert any(s <= start and end <= e and (s, e) != (start, end) for s, e, _k in got)


def test_conll_sentences_split_at_full_stops_not_at_initials(back):
    sentences = [" ".join(t for t, _tag in sentence) for sentence in conll(back)]
    assert sentences[0].startswith("Trotsky wrote to Serge from Moscow on 7 November 1927 .")
    assert sentences[-3:] == [
        "A reply signed J . V . S . followed ( see vol . 2 ) .",
        "“ It said no . ”",
        "Then silence .",
    ]
