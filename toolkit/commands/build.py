"""teikit build: turn TEI into reading editions (HTML, EPUB 3, plain text)."""

from __future__ import annotations

import re
import sys
import time
from pathlib import Path

import click

from toolkit import corpus, formats
from toolkit.cli import check_environment
from toolkit.commands import pass_ctx, paths_or_default
from toolkit.errors import InputError, TeikitError, shown

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
@click.argument("paths", nargs=-1, type=click.Path())
@click.option(
    "--format",
    "fmt",
    default=DEFAULT_FORMATS,
    show_default=True,
    help="Comma-separated formats: html, epub, text, text-clean, pdf (the print edition, not "
    "built unless asked: it takes seconds per document), data (the TEI source and the data "
    "exports; the HTML edition offers every format built for download).",
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
    "--ui-lang",
    default="",
    metavar="TAG",
    callback=lambda _ctx, _param, value: _bcp47(value),
    help="Language of the interface (labels, buttons) as a BCP 47 tag, e.g. de, fr, ar; "
    "default: the document's language (TEI/@xml:lang). English where no labels exist.",
)
@click.option(
    "--base-url",
    default="",
    metavar="URL",
    callback=lambda _ctx, _param, value: _base_url(value),
    help="HTML: the public address of the edition (its folder), for canonical links, "
    "citations and reference-manager metadata.",
)
@click.option(
    "--notes",
    type=click.Choice(["foot", "end", "none"]),
    default=None,
    help="Notes at the foot of their page (pdf; the default there), as a section at the "
    "end (text's default; text takes foot as end), or none.",
)
@click.option(
    "--paper",
    type=click.Choice(["a4", "letter", "a5"]),
    default="a4",
    show_default=True,
    help="Pdf format: the page size.",
)
@click.option(
    "--appendices/--no-appendices",
    default=False,
    show_default=True,
    help="Text format: add the registers and bibliography as appendices.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 256),
    default=None,
    help="Documents built in parallel processes (default: the number of cores).",
)
@click.option(
    "--cache/--no-cache",
    default=True,
    show_default=True,
    help="Skip outputs whose inputs (source, stylesheets, options, teikit) are unchanged.",
)
@click.option(
    "--declared-schemas",
    is_flag=True,
    default=False,
    help="Also hold each document to the schemas its <?xml-model?> declares (Schematron "
    "is a program: it may read files; off by default).",
)
@pass_ctx
def command(
    ctx,
    paths,
    fmt,
    out,
    width,
    reading,
    ui_lang,
    base_url,
    notes,
    paper,
    appendices,
    jobs,
    cache,
    declared_schemas,
):
    """Build editions of TEI files into OUT/html/, OUT/epub/ and OUT/text/ (and OUT/pdf/).

    With no PATH, builds the edition in ./tei/ (which must be valid): build/html/index.html
    (with its pages and assets), build/epub/<name>.epub and build/text/<name>.txt. With
    several files or a folder, each document goes to OUT/<name>/ and OUT/index.html lists
    them all; documents are built in parallel and one bad file does not stop the others.
    Each output is written whole or not at all; a failed build leaves earlier outputs as
    they were. Outputs whose inputs have not changed are not rebuilt. A document is held
    to the rules any TEI keeps (and the edition in ./tei/ to the project's schema); the
    schemas a document declares run only with --declared-schemas.

    \b
    Examples:
      teikit build
      teikit build novel.xml --format epub,text --out /tmp/novel --width 66
      teikit build corpus/ --jobs 4 --out site
      teikit build --format pdf --paper a5
    """
    try:
        check_environment(engine=True)
    except TeikitError as err:
        ctx.fail(err)
    names = parse_formats(fmt)
    try:
        files = corpus.expand(paths_or_default(ctx, paths), warn=ctx.warn)
    except TeikitError as err:
        ctx.fail(err)
    if not files:
        ctx.fail(InputError("no XML files to build", paths[0] if paths else None))
    options = formats.Options(
        width=width,
        reading=reading,
        notes=notes,
        ui_lang=ui_lang,
        base_url=base_url,
        formats=tuple(names),
        extra={"appendices": appendices, "paper": paper},
    )
    out_dir = Path(out)
    many = len(files) > 1
    folders = corpus.member_folders(files) if many else {}
    job_list = [
        corpus.Job(
            path=path,
            formats=tuple(names),
            out=out_dir / folders[path] if many else out_dir,
            options=options,
            project=not paths,
            declared=declared_schemas,
        )
        for path in files
    ]
    for job in job_list:
        if many and folders[job.path] != job.path.stem:
            ctx.warn(f"{shown(job.path)} is built into {shown(job.out)} (its name is taken)")
        try:  # never replace an input, or the folder the command runs in
            for target, _ in corpus.planned_outputs(job):
                corpus.refuse_replacing(target, files)
        except TeikitError as err:
            ctx.fail(err)
    started = time.perf_counter()
    progress = _Progress(len(job_list)) if many else None
    results = corpus.build_all(
        job_list,
        out_dir,
        # Not capped by the number of documents: one document's formats can share the cores.
        workers=jobs or corpus.default_workers(),
        on_done=progress.step if progress else None,
        use_cache=cache,
    )
    if progress:
        progress.close()
    # pointers that another file of the run declares are no cause for a warning
    from toolkit.validation import pointers

    pointers.settle_warnings({r.path: r.warnings for r in results})
    for result in results:
        _report(ctx, result)
    if many:
        try:
            index = corpus.write_index(results, out_dir, names)
        except TeikitError as err:
            ctx.fail(err)
        click.echo(f"index: {shown(index)}")
    failed = [r for r in results if r.error]
    if many or failed:
        elapsed = time.perf_counter() - started
        click.echo(
            f"{len(results)} document(s), {len(results) - len(failed)} built, "
            f"{len(failed)} failed, in {elapsed:.1f} s",
            err=bool(failed),
        )
    if failed:
        raise SystemExit(max(r.exit_code for r in failed))


def _bcp47(value: str) -> str:
    if value and not re.fullmatch(r"[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*", value):
        raise click.BadParameter(f"{value!r} is not a BCP 47 language tag (e.g. en, de, pt-BR)")
    return value


def _base_url(value: str) -> str:
    if value and not re.fullmatch(r"https?://[^\s\"'<>]+", value):
        raise click.BadParameter(f"{value!r} is not an http(s) address")
    return value


def _report(ctx, result: corpus.JobResult) -> None:
    for notice in result.notices:
        click.echo(notice, err=True)
    where = shown(result.path)
    for warning in result.warnings:
        ctx.warn(warning if warning.startswith(where) else f"{where}: {warning}")
    for name, paths in result.built.items():
        more = len(paths) - 1
        click.echo(f"{name}: {shown(paths[0])}" + (f" (+{more} files)" if more else ""))
    for name in result.skipped:
        click.echo(f"{name}: up to date ({where})")
    if result.error:
        click.echo(f"error: {result.error}", err=True)


class _Progress:
    """A progress bar on stderr for runs longer than a moment (only on a terminal)."""

    def __init__(self, total: int):
        self.total = total
        self.done = 0
        self.started = time.perf_counter()
        self.enabled = sys.stderr.isatty()

    def step(self, result: corpus.JobResult) -> None:
        self.done += 1
        if not self.enabled or time.perf_counter() - self.started < 0.5:
            return
        width = 30
        filled = int(width * self.done / self.total)
        bar = "#" * filled + "-" * (width - filled)
        sys.stderr.write(f"\r[{bar}] {self.done}/{self.total} {shown(result.path.name)[:40]:<40}")
        sys.stderr.flush()

    def close(self) -> None:
        if self.enabled and time.perf_counter() - self.started >= 0.5:
            sys.stderr.write("\n")
