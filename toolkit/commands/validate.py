"""teikit validate: is this TEI well-formed, in the TEI namespace, and valid?"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import click

from toolkit.cli import check_environment
from toolkit.commands import pass_ctx, paths_or_default, report_format
from toolkit.errors import InputError, TeikitError, shown
from toolkit.validation.report import exit_code, render

#: A run this long (seconds) shows progress even when stderr is not a terminal.
SLOW = 5.0
#: From this many files on, validate in parallel processes unless --jobs says otherwise.
PARALLEL_FROM = 40


class Progress:
    """`validated 12/87 novel.xml` on stderr: live on a terminal, else every few seconds
    once a run has proved slow. Silent for a single file."""

    def __init__(self, total: int):
        self.total = total
        self.tty = sys.stderr.isatty()
        self.start = time.monotonic()
        self.last = self.start
        self.shown = False

    def step(self, done: int, path: Path) -> None:
        if self.total < 2:
            return
        now = time.monotonic()
        if self.tty:
            width = 78
            line = f"validating {done}/{self.total} {shown(path.name)}"[:width]
            click.echo(f"\r{line:<{width}}", err=True, nl=False)
            self.shown = True
        elif now - self.start >= SLOW and now - self.last >= SLOW:
            click.echo(f"validated {done}/{self.total} files ({now - self.start:.0f} s)", err=True)
            self.last = now

    def close(self) -> None:
        if self.shown:
            click.echo("\r" + " " * 78 + "\r", err=True, nl=False)


@click.command("validate")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--schema",
    "schemas",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="RELAX NG schema (XML syntax) to use instead of the file's own; its embedded "
    "Schematron runs too. Repeatable.",
)
@click.option(
    "--schematron",
    "schematrons",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False),
    help="ISO Schematron rules to use instead of the file's own. Repeatable.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 256),
    default=None,
    help="Files validated in parallel processes (default: one process, or every core for "
    f"{PARALLEL_FROM} files or more).",
)
@report_format
@pass_ctx
def command(ctx, paths, schemas, schematrons, jobs, fmt):
    """Validate TEI files and report every problem as file:line:col.

    Each file is checked against the schemas its <?xml-model?> instructions declare
    (resolved relative to the file, never fetched over the network), or those given with
    --schema/--schematron; the edition in ./tei/ against the project schema in schema/.
    RELAX NG schemas run with the Schematron they embed. Every file is also held to the
    rules any TEI must keep (schema/universal.sch): pointers to #id resolve, xml:id values
    are unique, dates are ISO 8601 and spans do not run backwards. A pointer resolves in
    its own file or in another file of the same run (a project's list of persons, a
    corpus' header); one that none declares is a warning (an error in the edition in
    ./tei/). A folder stands for its *.xml files (a folder without any is an error, exit
    2); with no PATH, validates the edition in ./tei/.

    Exit status: 0 valid (warnings allowed), 1 invalid, 2 a file or schema cannot be read.

    \b
    Examples:
      teikit validate
      teikit validate novel.xml --schema eltec-1.rng --format json
      teikit validate corpus/*.xml --schematron house-rules.sch
    """
    from toolkit.validation import end_run, pointers

    try:
        check_environment(engine=True)
    except TeikitError as err:
        ctx.fail(err)
    files = paths_or_default(ctx, paths)
    if any(path.is_dir() for path in files):
        from toolkit.corpus import expand

        empty = [p for p in files if p.is_dir() and not expand([p])]
        if empty:  # a CI step must not go green on nothing
            ctx.fail(InputError("the folder holds no *.xml file: nothing to validate", empty[0]))
        files = expand(files, warn=ctx.warn)
    schemas = tuple(Path(s) for s in schemas)
    schematrons = tuple(Path(s) for s in schematrons)
    try:
        findings = _validate(ctx, files, schemas, schematrons, jobs)
    finally:
        end_run()  # Java runs and documents a usage error left behind go
    # pointers another file of the run declares resolve; the rest warn (the edition: errors)
    findings = pointers.settle(findings, files, strict=not paths)
    click.echo(render(findings, len(files), fmt))
    raise SystemExit(exit_code(findings))


def _validate(ctx, files, schemas, schematrons, jobs):
    """Every file's findings; a schema that cannot be used is a usage error."""
    from toolkit.validation import JING_BATCH, check_schemas, start_jing, validate_files

    try:
        start_jing(files[:JING_BATCH], schemas, schematrons)  # Java starts, the rest goes on
        check_schemas(schemas, schematrons)
    except TeikitError as err:
        ctx.fail(err)
    if jobs is None:
        jobs = (os.cpu_count() or 1) if len(files) >= PARALLEL_FROM else 1
    progress = Progress(len(files))
    try:
        return validate_files(files, schemas, schematrons, jobs, progress.step)
    except TeikitError as err:
        ctx.fail(err)
    finally:
        progress.close()
