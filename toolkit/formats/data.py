"""The edition's data for download, under <out>/data/: the TEI source and every export of
`teikit export --all` (tables, registers, places, network, bibliography, annotations, NER
training data, clean text) with their README. The HTML edition's "Data and downloads" page
lists these files; toolkit.downloads puts them beside the pages. Not among the default
formats: the exports cost about as much as the rest of the essay's build together."""

from __future__ import annotations

from pathlib import Path

from toolkit import exports
from toolkit.exports.data import Edition
from toolkit.exports.readme import readme
from toolkit.formats import Built, Format, Options, register
from toolkit.output import staged_dir
from toolkit.source import Source


def files(source: Source) -> list[str]:
    """What the data format writes, in order: the TEI source, the exports that apply to it
    (letters' CMIF only for letters, a IIIF manifest only with page images), their README."""
    return [f"{source.stem}.xml", *exports.names_for(Edition(source)), "README.md"]


def build(source: Source, out: Path, options: Options) -> Built:
    edition = Edition(source)
    names = exports.names_for(edition)
    rendered = {name: exports.get(name).render(edition) for name in names}
    target = out / "data"
    with staged_dir(target) as tmp:
        # the source as the loader read it: no DOCTYPE, nothing expanded
        (tmp / f"{source.stem}.xml").write_text(
            '<?xml version="1.0" encoding="UTF-8"?>\n' + source.xml_text() + "\n", encoding="utf-8"
        )
        for name, data in rendered.items():
            (tmp / name).write_bytes(data)
        (tmp / "README.md").write_text(readme(edition, rendered), encoding="utf-8")
    return Built([target / name for name in [f"{source.stem}.xml", *names, "README.md"]])


register(Format("data", "the TEI source and the data exports (data/)", build))
