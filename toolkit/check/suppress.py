"""Suppression in the document: `<?teikit ignore RULE ...?>` silences the named rules (ids,
prefixes or families, as --ignore takes them) for one place.

The instruction covers the element right after it (only white space, comments or other
instructions between them) with everything inside that element; in running text, the
finding that starts right after it (`met <?teikit ignore untagged-name?>Babbage`). Before the
root element it covers the whole document.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from toolkit.check.registry import RULES, Hit, Rule

TARGET = "teikit"


def matches(selector: str, rule: Rule) -> bool:
    """A selector names a rule by id, by a prefix of its id, or by its family."""
    return rule.id.startswith(selector) or selector == rule.family or selector.lower() == "all"


def known(selector: str) -> bool:
    return any(matches(selector, r) for r in RULES.values())


@dataclass
class Instruction:
    node: etree._ProcessingInstruction
    selectors: list[str]
    problem: str | None  # why it is not a valid suppression


def read(node: etree._ProcessingInstruction) -> Instruction:
    words = (node.text or "").split()
    if not words or words[0] != "ignore":
        return Instruction(node, [], "is not `ignore RULE ...`")
    if len(words) == 1:
        return Instruction(node, [], "names no rule")
    unknown = [w for w in words[1:] if not known(w)]
    if unknown:
        return Instruction(node, words[1:], f"names no rule: {', '.join(unknown)}")
    return Instruction(node, words[1:], None)


def instructions(root: etree._Element, inside: list) -> list[Instruction]:
    """The teikit instructions before the root element and inside it."""
    before = [n for n in root.itersiblings(preceding=True)]
    return [
        read(node)
        for node in [*reversed(before), *inside]
        if isinstance(node, etree._ProcessingInstruction) and node.target == TARGET
    ]


class Suppressions:
    def __init__(self, root: etree._Element, found: list[Instruction]):
        self.tails: dict[etree._Element, list[str]] = {}
        #: element -> (instruction, its selectors) of the instructions standing before it
        self.elements: dict[etree._Element, list[tuple[etree._Element, list[str]]]] = {}
        for instruction in found:
            if instruction.problem and not instruction.selectors:
                continue
            node = instruction.node
            self.tails[node] = instruction.selectors
            target = root if node.getparent() is None else _next_element(node)
            if target is not None:
                self.elements.setdefault(target, []).append((node, instruction.selectors))

    def covering(self, hit: Hit, rule: Rule) -> etree._ProcessingInstruction | None:
        """The instruction that silences this finding of `rule`, if one does."""
        if not self.tails:
            return None
        node = hit.node
        if hit.slot == "tail":
            tail = node.tail or ""
            right_after = hit.offset == len(tail) - len(tail.lstrip())
            if right_after and any(matches(s, rule) for s in self.tails.get(node, ())):
                return node
            node = node.getparent()
        while node is not None:
            for instruction, selectors in self.elements.get(node, ()):
                if any(matches(s, rule) for s in selectors):
                    return instruction
            node = node.getparent()
        return None


def _next_element(node: etree._Element) -> etree._Element | None:
    """The element an instruction stands before, if only white space lies between them."""
    while node is not None:
        if (node.tail or "").strip():
            return None
        node = node.getnext()
        if node is not None and isinstance(node.tag, str):
            return node
    return None
