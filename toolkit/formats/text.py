"""Plain-text editions, under <out>/text/: the reading text and the clean running text.

Both come from xslt/text/text.xsl. The clean variant also serves the exports: with
`clean_text_with_spans` the stylesheet measures, in the same pass that makes the clean
text, where each mention (persName, placeName, orgName, rs, date...) lies in it, so
annotations can be attached to exactly the text that text-analysis tools read.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from toolkit.errors import TransformError
from toolkit.formats import Built, Format, Options, register
from toolkit.output import staged_file
from toolkit.source import Source
from toolkit.xslt import Result, stylesheet

STYLESHEET = "text/text.xsl"

#: The space characters besides the ordinary space (Unicode Zs) and the line separators NEL,
#: U+2028 and U+2029: $tk:spaces in the stylesheet, which treats them apart. The stylesheet
#: is told which of them the document holds (parameter spaces-present) and looks for those
#: alone: for none, in most documents, its paragraphs are normalised more cheaply.
SPECIAL_SPACES = (
    "\x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + "\u2028\u2029\u202f\u205f\u3000"
)


def spaces_present(text: str) -> str:
    """The characters of SPECIAL_SPACES that `text` holds (one fast search for each)."""
    return "".join(c for c in SPECIAL_SPACES if c in text)


def render(
    source: Source,
    options: Options,
    variant: str,
    *,
    spans: bool = False,
    output: Path | None = None,
) -> Result:
    """Run the stylesheet; `variant` is 'reading' or 'clean'. With `output`, the text is
    written to that file instead of returned (see `Stylesheet.run`)."""
    return stylesheet(STYLESHEET).apply(
        source,
        {
            "width": options.width,
            "reading": options.reading,
            "notes": options.notes or "end",
            "variant": variant,
            "appendices": "yes" if options.extra.get("appendices") else "no",
            "spans": "yes" if spans else "no",
            "spaces-present": spaces_present(source.xml_text()),
            "ui-lang": options.ui_lang,
        },
        output=output,
    )


@dataclass(frozen=True)
class Span:
    """One mention in the clean text: `text == clean[start:end]` (offsets in characters).

    `path` is an XPath from the root with the `tei:` prefix; `id` is the element's xml:id.
    The remaining fields are the element's attributes of the same name, when present.
    """

    start: int
    end: int
    text: str
    element: str
    path: str
    id: str | None = None
    ref: str | None = None
    key: str | None = None
    type: str | None = None
    when: str | None = None
    from_: str | None = None
    to: str | None = None
    not_before: str | None = None
    not_after: str | None = None

    @classmethod
    def from_json(cls, data: dict) -> Span:
        return cls(
            start=int(data["start"]),
            end=int(data["end"]),
            text=data["text"],
            element=data["element"],
            path=data["path"],
            id=data.get("id"),
            ref=data.get("ref"),
            key=data.get("key"),
            type=data.get("type"),
            when=data.get("when"),
            from_=data.get("from"),
            to=data.get("to"),
            not_before=data.get("notBefore"),
            not_after=data.get("notAfter"),
        )


def clean_text_with_spans(source: Source, reading: str = "corr") -> tuple[str, list[Span]]:
    """The clean text (exactly what `--format text-clean` writes) and its mentions' spans."""
    result = render(source, Options(reading=reading), "clean", spans=True)
    try:
        data = json.loads(result.text)
    except ValueError as err:  # the stylesheet broke its contract: a bug, not bad input
        raise TransformError(
            f"the clean-text spans are not valid JSON: {err}", source.path
        ) from None
    return data["text"], [Span.from_json(s) for s in data["spans"]]


def _builder(variant: str, suffix: str):
    def build(source: Source, out: Path, options: Options) -> Built:
        path = out / "text" / f"{source.stem}{suffix}"
        with staged_file(path) as tmp:
            result = render(source, options, variant, output=tmp)
        return Built([path], result.warnings)

    return build


register(
    Format("text", "plain-text reading edition (text/<stem>.txt)", _builder("reading", ".txt"))
)
register(
    Format(
        "text-clean",
        "running text only, one paragraph a line (text/<stem>.clean.txt)",
        _builder("clean", ".clean.txt"),
    )
)
