"""Searching the running text: register names and titles outside any tag, and short
citations ("Deutscher 2003b, 50", "Ibid.") outside any bibl. Computed once per document
(Document.name_matches, Document.short_cites) for the rules and the counts that use them.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from toolkit.check.text import Stream, form_key
from toolkit.registers import Entry, local

if TYPE_CHECKING:
    from toolkit.check.document import Document

#: Capitalised words that open "In 1927, 4,000 members ..." rather than a short citation.
_STOPWORD_TEXT = (
    "In On At By For From To Of And Or The A An As Since Until Till After Before During "
    "Between Around About Circa Early Late Mid Spring Summer Autumn Fall Winter Also Again "
    "Through Throughout Within Already Then Only Even Yet But So Thus Hence Still Up Down "
    "Over Under Into Onto Upon Against Among Per Via Year Years Page Pages Vol Volume No "
    "Number Chapter Part Section Note Notes See Cf Compare Figure Fig Table Born Died "
    "Christmas Easter January February March April May June July August September October "
    "November December Monday Tuesday Wednesday Thursday Friday Saturday Sunday"
)
_STOPWORDS = set(_STOPWORD_TEXT.split())
_SHORT_CITE = re.compile(
    r"(?<![\w.])(?P<name>[A-Z][\w'’-]+(?:\s+(?:and|&)\s+[A-Z][\w'’-]+)?(?:\s+et\s+al\.)?)"
    r"\s+(?P<year>(?:1[4-9]|20)\d\d[a-z]?)"
    r",\s*(?P<pages>(?:pp?\.\s*)?\d+(?:\s*[-–]\s*\d+)?(?:\s*ff?\.)?)(?!\d)"
)
_IBID = re.compile(r"(?<!\w)(?:Ibid|ibid|Op\.\s*cit|op\.\s*cit)\.?(?!\w)")


@dataclass
class TextMatch:
    """Something found in a stream: a register name (with the entries it names) or a short
    citation (with no entries)."""

    stream: Stream
    match: re.Match
    entries: list[Entry]
    is_title: bool = False


# -- names -----------------------------------------------------------------------------------


def forms(doc: Document) -> tuple[dict[str, list[Entry]], dict[str, list[Entry]]]:
    """Each register name, and each bibliography title, as searched -> the entries it names."""
    names: dict[str, list[Entry]] = defaultdict(list)
    titles: dict[str, list[Entry]] = defaultdict(list)
    for entry in doc.registers.entries:
        target = titles if entry.kind == "work" else names
        for name in entry.search_names:
            key = form_key(name.text)
            if len(key) < 2 or not re.search(r"\w", key):
                continue
            if entry not in target[key]:
                target[key].append(entry)
    for key in list(titles):
        if key in names:
            del titles[key]  # "Stalin" the book yields to Stalin the man
    return names, titles


def name_matches(doc: Document) -> list[TextMatch]:
    """Register names and titles in the running text outside any tag, longest name first;
    a cited work's author inside the citation that points at the work is not one."""
    if not doc.registers.entries:
        return []
    names, titles = doc.forms
    every = {**titles, **names}
    if not every:
        return []
    pattern = re.compile(
        r"(?<!\w)(?:" + trie_pattern(sorted(every, key=len, reverse=True)) + r")(?!\w)"
    )
    found = []
    for stream in doc.streams:
        for match in pattern.finditer(stream.searchable()):
            key = form_key(match.group())
            entries = every.get(key)
            if entries and not _linked_by_citation(doc, stream, match.start(), entries):
                found.append(TextMatch(stream, match, entries, key in titles))
    return found


def _linked_by_citation(doc: Document, stream: Stream, index: int, entries: list[Entry]) -> bool:
    for start, end, el in stream.cites:
        if not start <= index < end or local(el) not in ("bibl", "biblStruct"):
            continue
        for token in ((el.get("corresp") or "") + " " + (el.get("ref") or "")).split():
            work = doc.registers.by_id.get(token.lstrip("#"))
            if work is None or work.work is None:
                continue
            contributors = {r for c in work.work.contributors for r in c.refs}
            if work.work.host:
                contributors |= {r for c in work.work.host.contributors for r in c.refs}
            if any(c.id in contributors for c in entries):
                return True
    return False


def _tokens(form: str) -> list[str]:
    tokens: list[str] = []
    for part in re.split(r"(\s+)", form.replace("’", "'")):
        if not part:
            continue
        if part.isspace():
            tokens.append(r"\s+")
        else:
            tokens.extend("['’]" if ch == "'" else re.escape(ch) for ch in part)
    return tokens


def trie_pattern(forms: list[str]) -> str:
    """One regex for many names, prefixes shared, so a long register stays fast to search."""
    trie: dict = {}
    for form in forms:
        node = trie
        for token in _tokens(form):
            node = node.setdefault(token, {})
        node[""] = {}
    return _emit(trie)


def _emit(root: dict) -> str:
    """The pattern of a trie, built bottom-up without recursion (a name may be thousands of
    characters long, a trie as deep)."""
    done: dict[int, str] = {}
    stack = [(root, False)]
    while stack:
        node, expanded = stack.pop()
        children = [(token, child) for token, child in sorted(node.items()) if token]
        if not expanded:
            stack.append((node, True))
            stack.extend((child, False) for _, child in children)
            continue
        terminal = "" in node
        alternatives = [token + done.pop(id(child)) for token, child in children]
        if not alternatives:
            done[id(node)] = ""
        elif len(alternatives) == 1 and not terminal:
            done[id(node)] = alternatives[0]
        else:
            group = "(?:" + "|".join(alternatives) + ")"
            done[id(node)] = group + "?" if terminal else group
    return done[id(root)]


# -- short citations -------------------------------------------------------------------------


def short_cites(doc: Document) -> list[TextMatch]:
    """ "Name 1999, 12" and "Ibid." outside any bibl, title or ref; capitalised words that
    open a sentence and place names are not taken for authors."""
    found = []
    for stream in doc.streams:
        full = stream.text
        for pattern in (_SHORT_CITE, _IBID):
            for match in pattern.finditer(full):
                if any(s <= match.start() < e for s, e, _ in stream.cites):
                    continue
                if pattern is _SHORT_CITE:
                    first = match.group("name").split()[0]
                    if first in _STOPWORDS or _is_place(doc, match.group("name")):
                        continue
                found.append(TextMatch(stream, match, []))
    return found


def _is_place(doc: Document, name: str) -> bool:
    key = form_key(name)
    return any(
        e.kind == "place" and any(form_key(n.text) == key for n in e.names)
        for e in doc.registers.places
    )
