"""Mentions as stand-off annotations on the clean text: W3C Web Annotations and CoNLL.

Both are anchored in the clean text (clean.txt, exported beside them), the running text one
paragraph a line that text-analysis and NER tools take in. A Web Annotation carries a
TextQuoteSelector (the name, with some context) and a TextPositionSelector (its offsets in
code points), and identifies the register entry as its body. The CoNLL file tags the tokens
of the same text in BIO (PER, LOC, ORG, EVENT, DATE, MISC for objects), a sentence per block,
for training and testing NER models.
"""

from __future__ import annotations

import bisect
import re

from toolkit.exports import Export, register
from toolkit.exports.data import CONLL_TAGS, Edition, uris
from toolkit.exports.registers_json import dumps

CONTEXT = 32  # characters of prefix and suffix in a TextQuoteSelector
CLEAN_TEXT = "clean.txt"

#: A token: a word or number (hyphenated or with inner points/commas kept whole), an
#: apostrophe with the letters after it ('s, 't), or any other single character.
TOKEN = re.compile(r"\w+(?:[-‐‑.,:/]\w+)*|['’]\w+|[^\w\s]")
#: Words whose full stop does not end a sentence: titles, and (before a number) references.
TITLES = {"mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "gen", "col", "lt", "rev", "cf",
          "vs", "e.g", "i.e", "viz"}  # fmt: skip
NUMBERED = {"no", "nos", "vol", "vols", "p", "pp", "ch", "fig", "op", "ed", "eds", "c", "ca",
            "art", "sec", "n", "nn"}  # fmt: skip
_SENTENCE_END = {".", "!", "?"}
_CLOSERS = {"”", "’", '"', "'", ")", "]", "»"}


# -- the clean text ----------------------------------------------------------------------------


def clean_txt(edition: Edition) -> bytes:
    return edition.clean_text.encode("utf-8")


# -- W3C Web Annotations -------------------------------------------------------------------------


def annotation(edition: Edition, index: int, located) -> dict:
    text = edition.clean_text
    entry = located.placed.entry
    bodies = [
        {"type": "SpecificResource", "purpose": "identifying", "source": link}
        for link in [f"{edition.name}#{entry.id}", *uris(entry)]
    ]
    bodies.append({"type": "TextualBody", "purpose": "tagging", "value": entry.kind})
    return {
        "id": f"#{located.id}",
        "type": "Annotation",
        "motivation": "identifying",
        "body": bodies,
        "target": {
            "source": CLEAN_TEXT,
            "selector": [
                {
                    "type": "TextQuoteSelector",
                    "exact": text[located.start : located.end],
                    "prefix": text[max(0, located.start - CONTEXT) : located.start],
                    "suffix": text[located.end : located.end + CONTEXT],
                },
                {"type": "TextPositionSelector", "start": located.start, "end": located.end},
            ],
        },
    }


def annotations_jsonld(edition: Edition) -> bytes:
    items = [annotation(edition, i, m) for i, m in enumerate(edition.clean_mentions, 1)]
    return dumps(
        {
            "@context": "http://www.w3.org/ns/anno.jsonld",
            "id": "annotations.jsonld",
            "type": "AnnotationCollection",
            "label": f"Mentions of register entries in {edition.name}",
            "total": len(items),
            "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
        }
    )


# -- CoNLL -------------------------------------------------------------------------------------


def tokens(text: str, boundaries: set[int] = frozenset()) -> list[tuple[int, int]]:
    """Token spans of `text`; no token crosses an offset in `boundaries` (a name's edge)."""
    found: list[tuple[int, int]] = []
    cuts = sorted(b for b in boundaries if 0 < b < len(text))
    start = 0
    for end in [*cuts, len(text)]:
        for match in TOKEN.finditer(text, start, end):
            found.append((match.start(), match.end()))
        start = end
    return found


def tagged_spans(edition: Edition) -> list[tuple[int, int, str]]:
    """(start, end, tag) of the names and dates to tag: BIO cannot nest, so a span inside
    a longer one (CPSU in "Central Committee of the CPSU") is part of the longer one, and a
    name pointing at two entries of one kind is one span."""
    spans = {(m.start, m.end, CONLL_TAGS[m.placed.entry.kind]) for m in edition.clean_mentions}
    spans |= {(start, end, "DATE") for start, end in edition.clean_dates}
    outermost: list[tuple[int, int, str]] = []
    for span in sorted(spans, key=lambda s: (s[0], -s[1], s[2])):
        if not outermost or outermost[-1][1] <= span[0]:
            outermost.append(span)
    return outermost


def bio(token_spans: list[tuple[int, int]], spans: list[tuple[int, int, str]]) -> list[str]:
    tags = ["O"] * len(token_spans)
    starts = [start for start, _end in token_spans]
    for start, end, tag in spans:
        i = bisect.bisect_left(starts, start)
        prefix = "B-"
        while i < len(token_spans) and token_spans[i][0] < end:
            tags[i] = prefix + tag
            prefix = "I-"
            i += 1
    return tags


def _word(text: str, token_spans: list[tuple[int, int]], i: int) -> str:
    return text[token_spans[i][0] : token_spans[i][1]] if 0 <= i < len(token_spans) else ""


def _ends_sentence(text: str, token_spans: list[tuple[int, int]], i: int) -> bool:
    """Token i is . ! or ? (perhaps followed by closing quotes) ending a sentence."""
    following = _word(text, token_spans, i + 1)
    while _word(text, token_spans, i) in _CLOSERS:
        i -= 1
    mark = _word(text, token_spans, i)
    if mark not in _SENTENCE_END:
        return False
    if mark != "." or i == 0 or token_spans[i - 1][1] != token_spans[i][0]:
        return True
    before = _word(text, token_spans, i - 1).lower()
    if before in TITLES or (len(before) == 1 and before.isalpha()):
        return False  # Dr. Zhivago; J. V. Stalin
    return not (before in NUMBERED and following[:1].isdigit())


def sentences(text: str, token_spans: list[tuple[int, int]], spans: list[tuple[int, int, str]]):
    """Token indexes by sentence: a paragraph (line) ends one; so does . ! ? (and closing
    quotes) before a capital or an opening quote, unless after an abbreviation or an
    initial (J. V. Stalin), or inside a tagged name."""
    inside = {offset for start, end, _tag in spans for offset in range(start + 1, end)}
    current: list[int] = []
    for i, (start, end) in enumerate(token_spans):
        if current and "\n" in text[token_spans[current[-1]][1] : start]:
            yield current
            current = []
        current.append(i)
        following = _word(text, token_spans, i + 1)
        if (
            following
            and following not in _CLOSERS
            and (following[0].isupper() or following[0] in "“‘\"'(")
            and end not in inside
            and _ends_sentence(text, token_spans, i)
        ):
            yield current
            current = []
    if current:
        yield current


def conll_rows(edition: Edition) -> list[list[tuple[str, str]]]:
    """Sentences of (token, tag)."""
    text = edition.clean_text
    spans = tagged_spans(edition)
    token_spans = tokens(text, {b for s, e, _t in spans for b in (s, e)})
    tags = bio(token_spans, spans)
    return [
        [(_word(text, token_spans, i), tags[i]) for i in sentence]
        for sentence in sentences(text, token_spans, spans)
    ]


def entities_conll(edition: Edition) -> bytes:
    lines = ["-DOCSTART- O", ""]
    for sentence in conll_rows(edition):
        lines.extend(f"{token} {tag}" for token, tag in sentence)
        lines.append("")
    return "\n".join(lines).encode("utf-8")


def _conll_summary(edition: Edition) -> str:
    rows = conll_rows(edition)
    spans = sum(1 for sentence in rows for _token, tag in sentence if tag.startswith("B-"))
    tokens_ = sum(len(sentence) for sentence in rows)
    return f"{tokens_} tokens in {len(rows)} sentences, {spans} tagged spans"


ANNOTATION_FIELDS = (
    ("AnnotationCollection", "one collection; its first page holds every annotation"),
    ("id", "#mention-N, the same id as the row of mentions.csv"),
    (
        "body",
        "the register entry (file.xml#id) and its authority URIs, purpose identifying; "
        "the kind of entry as a tag",
    ),  # fmt: skip
    ("target.source", "clean.txt"),
    ("TextQuoteSelector", "exact: the name as written; prefix and suffix: 32 characters"),
    ("TextPositionSelector", "start and end offsets in clean.txt (code points)"),
)
CONLL_FIELDS = (
    ("-DOCSTART-", "first line, as in CoNLL-2003; a blank line ends each sentence"),
    ("column 1", "a token of clean.txt (all its tokens in order: nothing is dropped)"),
    ("column 2", "BIO tag: B- or I- with PER, LOC, ORG, EVENT, DATE (MISC: objects), or O. "
                 "Tags cannot nest: a name inside a longer name is part of the longer one"),
)  # fmt: skip
CLEAN_FIELDS = (("lines", "one paragraph a line: the text the offsets count in"),)

register(
    Export(
        "annotations.jsonld",
        "every mention as a W3C Web Annotation on clean.txt",
        "Recogito, hypothes.is-style viewers, JSON-LD tools",
        annotations_jsonld,
        ANNOTATION_FIELDS,
        lambda edition: f"{len(edition.clean_mentions)} annotations",
    )
)
register(
    Export(
        "entities.conll",
        "clean.txt tokenised, with CoNLL-2003-style BIO named-entity tags",
        "spaCy (spacy convert), flair, Hugging Face datasets",
        entities_conll,
        CONLL_FIELDS,
        _conll_summary,
    )
)
register(
    Export(
        "clean.txt",
        "the running text, one paragraph a line, that the offsets count in",
        "Voyant, any text-analysis tool",
        clean_txt,
        CLEAN_FIELDS,
        lambda edition: f"{edition.clean_text.count(chr(10))} lines",
    )
)
