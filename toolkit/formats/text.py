"""Plain-text editions: the reading text and the clean running text, under <out>/text/."""

from __future__ import annotations

from pathlib import Path

from toolkit.formats import Built, Format, Options, register
from toolkit.output import write_text
from toolkit.source import Source
from toolkit.xslt import Result, stylesheet


def render(source: Source, options: Options, variant: str) -> Result:
    return stylesheet("text/text.xsl").run(
        source.xml_text(),
        {
            "width": options.width,
            "reading": options.reading,
            "notes": options.notes,
            "variant": variant,
            "appendices": "yes" if options.extra.get("appendices") else "no",
        },
        source_name=str(source.path),
    )


def _builder(variant: str, suffix: str):
    def build(source: Source, out: Path, options: Options) -> Built:
        result = render(source, options, variant)
        path = write_text(out / "text" / f"{source.stem}{suffix}", result.text)
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
