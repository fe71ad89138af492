"""The README.md that `teikit export --all` writes beside the exports: what each file is."""

from __future__ import annotations

from toolkit import exports
from toolkit.exports.data import Edition
from toolkit.exports.tables import SEPARATOR


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def readme(edition: Edition, rendered: dict[str, bytes]) -> str:
    lines = [
        f"# Exports of {edition.name}",
        "",
        f"Written by `teikit export --all` from `{edition.name}`. Every file uses the ids of "
        "the TEI source (`xml:id`), so rows, features, nodes, citations and annotations "
        "join across files. Rows are sorted (by id, or by place in the text), and the same "
        "source always gives the same bytes. Text files are UTF-8.",
        "",
        "Offsets (`start`, `end` in mentions.csv, the TextPositionSelector in "
        "annotations.jsonld) count Unicode characters (code points) of `clean.txt`, the "
        "running text of the edition, one paragraph a line, without headings, notes or "
        "numbering (as `teikit build --format text-clean` writes it): `text[start:end]` "
        "in Python is the name as written. In CSV files a cell with several values "
        f"separates them with a vertical bar between spaces (`{SEPARATOR}`).",
        "",
        "| file | what it holds | opens in | contents |",
        "|---|---|---|---|",
    ]
    for name in exports.names_for(edition):
        export = exports.get(name)
        size = f"{len(rendered.get(name, b'')):,} bytes"
        contents = f"{export.summary(edition)}; {size}" if export.summary else size
        lines.append(
            f"| [{name}]({name}) | {_cell(export.description)} | {_cell(export.opens_with)} "
            f"| {contents} |"
        )
    for name in exports.names_for(edition):
        export = exports.get(name)
        lines += ["", f"## {name}", "", f"{export.description[0].upper()}{export.description[1:]}"
                  f"; opens in {export.opens_with}.", ""]  # fmt: skip
        if export.fields:
            lines += ["| column or key | meaning |", "|---|---|"]
            lines += [f"| `{_cell(f)}` | {_cell(meaning)} |" for f, meaning in export.fields]
    return "\n".join(lines) + "\n"
