"""teikit export: registers, mentions, network, places and bibliography for DH tools."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit import exports
from toolkit.cli import check_environment
from toolkit.commands import pass_ctx, paths_or_default
from toolkit.errors import InputError, OutputError, TeikitError, shown
from toolkit.exports.data import Edition
from toolkit.exports.readme import readme
from toolkit.output import refuse_replacing, staged_dir, write_named
from toolkit.source import load

DEFAULT_ALL_OUT = Path("build") / "export"


def _format(value: str | None) -> str | None:
    if value is None:
        return None
    known = exports.names()
    if value not in known:
        raise click.BadParameter(
            f"unknown export {value}; choose from {', '.join(known)}", param_hint="'--format'"
        )
    return value


@click.command("export")
@click.argument("path", required=False, type=click.Path(dir_okay=False))
@click.option(
    "--format",
    "fmt",
    metavar="NAME",
    help="The export to write, by file name: persons.csv, places.csv, orgs.csv, "
    "events.csv, mentions.csv, registers.json, places.geojson, network.gexf, bibliography.json, "
    "bibliography.bib, annotations.jsonld, entities.conll, clean.txt, cmif.xml (letters), "
    "iiif-manifest.json (page images).",
)
@click.option(
    "--all",
    "everything",
    is_flag=True,
    help="Write every export, and a README.md describing them, into the folder --out "
    f"(default {DEFAULT_ALL_OUT}/).",
)
@click.option(
    "--out",
    type=click.Path(),
    help="With --format: the file to write (default: standard output). With --all: the "
    "folder, replaced whole (only an empty folder or an earlier export).",
)
@pass_ctx
def command(ctx, path, fmt, everything, out):
    """Export the registers, mentions, network, places and bibliography of a TEI file.

    Each export opens in the tool its users already have: CSV tables (spreadsheets,
    OpenRefine, pandas, R), JSON, GeoJSON (QGIS, Leaflet), GEXF (Gephi, networkx),
    CSL-JSON and BibTeX (Zotero, pandoc, LaTeX), W3C Web Annotations and CoNLL (NER tools).
    Offsets in mentions.csv, annotations.jsonld and entities.conll count characters of
    the clean text (clean.txt, the same as `teikit build --format text-clean`). With no
    PATH, exports the edition in ./tei/. Output is written whole or not at all.

    \b
    Examples:
      teikit export --format persons.csv --out persons.csv
      teikit export --format network.gexf > network.gexf
      teikit export --all --out exports/
      teikit export novel.xml --format bibliography.bib --out novel.bib
    """
    try:
        check_environment(engine=True)
    except TeikitError as err:
        ctx.fail(err)
    name = _format(fmt)
    if bool(name) == everything:
        raise click.UsageError("give either --format NAME or --all")
    paths = paths_or_default(ctx, (path,) if path else ())
    try:
        if len(paths) > 1:
            raise InputError(
                f"./tei/ holds {len(paths)} TEI files ({', '.join(p.name for p in paths)}); "
                "name the one to export"
            )
        source = load(paths[0])
        for warning in source.warnings:
            click.echo(str(warning), err=True)
        edition = Edition(source)
        if everything:
            _export_all(edition, Path(out) if out else DEFAULT_ALL_OUT, source.files)
        else:
            data = exports.get(name).render(edition)
            if out and out != "-":
                target = Path(out)
                refuse_replacing(target, source.files)
                write_named(target, data)
                click.echo(f"{name}: {shown(target)}", err=True)
            else:
                click.echo(data, nl=False)
    except Exception as err:  # noqa: BLE001 - one paragraph; exit 3 only for a bug
        ctx.fail(err)


def _export_all(edition: Edition, out: Path, inputs: list[Path]) -> None:
    if out.exists() and not out.is_dir():
        raise InputError("--out names a file; --all writes a folder", out)
    refuse_replacing(out, inputs)
    rendered = {name: exports.get(name).render(edition) for name in exports.names_for(edition)}
    if out.is_dir():  # replaced whole: only an empty folder, or an earlier export
        known = {*exports.names(), "README.md"}
        other = sorted(p.name for p in out.iterdir() if p.name not in known)
        if other:
            raise OutputError(
                f"--out holds files that are not teikit's exports ({shown(other[0])}"
                f"{' and more' if len(other) > 1 else ''}); --all replaces the folder whole, "
                "so give an empty or new folder",
                out,
            )
    with staged_dir(out) as tmp:
        for name, data in rendered.items():
            (tmp / name).write_bytes(data)
        (tmp / "README.md").write_text(readme(edition, rendered), encoding="utf-8")
    for name in rendered:
        click.echo(f"{name}: {shown(out / name)}")
    click.echo(f"README.md: {shown(out / 'README.md')}")
