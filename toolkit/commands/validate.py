"""teikit validate: is this TEI well-formed, in the TEI namespace, and valid?"""

from __future__ import annotations

import click

from toolkit.commands import pass_ctx, paths_or_default
from toolkit.validation.basic import read
from toolkit.validation.report import exit_code, render


@click.command("validate")
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=False))
@click.option(
    "--schema",
    "schema",
    type=click.Path(exists=True, dir_okay=False),
    help="RELAX NG schema to use instead of the file's own.",
)
@click.option(
    "--schematron",
    type=click.Path(exists=True, dir_okay=False),
    help="ISO Schematron rules to use instead of the file's own.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Report format.",
)
@pass_ctx
def command(ctx, paths, schema, schematron, fmt):
    """Validate TEI files and report every problem as file:line:col.

    With no PATH, validates the edition in ./tei/. Exit status: 0 valid, 1 invalid,
    2 a file cannot be read (missing, not XML, not TEI).

    \b
    Example:
      teikit validate tei/chimes-at-midnight.xml --format json
    """
    files = paths_or_default(ctx, paths)
    findings = []
    for path in files:
        _source, found = read(path)
        findings.extend(found)
    click.echo(render(findings, len(files), fmt))
    raise SystemExit(exit_code(findings))
