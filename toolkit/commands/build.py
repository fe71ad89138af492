"""teikit build: turn TEI into reading editions (HTML, EPUB 3, plain text)."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit import formats
from toolkit.commands import pass_ctx, paths_or_default
from toolkit.errors import TeikitError
from toolkit.source import load
from toolkit.validation import build_gate

DEFAULT_FORMATS = "html,epub,text"


def parse_formats(value: str) -> list[str]:
    names = [n.strip() for n in value.split(",") if n.strip()]
    known = formats.names()
    unknown = [n for n in names if n not in known]
    if unknown or not names:
        raise click.BadParameter(
            f"unknown format {', '.join(unknown) or '(none)'}; choose from {', '.join(known)}"
        )
    return names


@click.command("build")
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=False))
@click.option(
    "--format",
    "fmt",
    default=DEFAULT_FORMATS,
    show_default=True,
    help="Comma-separated formats: html, epub, text, text-clean.",
)
@click.option(
    "--out",
    "out",
    type=click.Path(file_okay=False),
    default="build",
    show_default=True,
    help="Output folder (replaces ./build/).",
)
@click.option(
    "--width",
    type=click.IntRange(20, 400),
    default=72,
    show_default=True,
    help="Text formats: line width in characters.",
)
@click.option(
    "--reading",
    type=click.Choice(["corr", "sic"]),
    default="corr",
    show_default=True,
    help="Show the editor's corrections (corr/reg) or the source's readings (sic/orig).",
)
@click.option(
    "--notes",
    type=click.Choice(["end", "none"]),
    default="end",
    show_default=True,
    help="Text format: notes as a section at the end, or none.",
)
@click.option(
    "--appendices/--no-appendices",
    default=False,
    show_default=True,
    help="Text format: add the registers and bibliography as appendices.",
)
@pass_ctx
def command(ctx, paths, fmt, out, width, reading, notes, appendices):
    """Build editions of TEI files into OUT/html/, OUT/epub/ and OUT/text/.

    With no PATH, builds the edition in ./tei/: build/html/index.html (with its pages and
    assets), build/epub/<name>.epub and build/text/<name>.txt. Each output is written
    whole or not at all; a failed build leaves earlier outputs as they were.

    \b
    Examples:
      teikit build
      teikit build novel.xml --format epub,text --out /tmp/novel --width 66
    """
    names = parse_formats(fmt)
    files = paths_or_default(ctx, paths)
    options = formats.Options(
        width=width, reading=reading, notes=notes, extra={"appendices": appendices}
    )
    out_dir = Path(out)
    try:
        for path in files:
            source = load(path)
            for problem in build_gate(source, project=not paths):
                ctx.warn(problem)
            warnings: set[str] = set()
            for name in names:
                built = formats.get(name).build(source, out_dir, options)
                warnings.update(built.warnings)
                more = len(built.paths) - 1
                click.echo(f"{name}: {built.paths[0]}" + (f" (+{more} files)" if more else ""))
            for warning in sorted(warnings):
                ctx.warn(f"{path}: {warning}")
    except TeikitError as err:
        ctx.fail(err)
