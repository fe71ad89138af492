"""Suppressions: the document's own `<?teikit ignore RULE?>` instructions name rules."""

from __future__ import annotations

from toolkit.check import suppress
from toolkit.check.document import Document
from toolkit.check.registry import rule


@rule("invalid-suppression", "warning")
def invalid_suppression(doc: Document):
    """A `<?teikit ...?>` instruction that is not `ignore` with known rules.

    A `<?teikit ignore RULE ...?>` instruction silences the rules it names (ids, prefixes
    of ids, or families) for the element that follows it, or for the text right after it.
    One that names no known rule silences nothing, which is easy to miss: a misspelt id,
    or a rule since renamed."""
    for instruction in doc.suppressions:
        if instruction.problem:
            yield doc.at(
                instruction.node,
                f"<?{suppress.TARGET} {instruction.node.text or ''}?> {instruction.problem}",
            )
