"""teikit check: the editorial quality report (registers, pointers, dates, notes, citations),
as a linter: rules selected and suppressed, reports for people and for CI, reviewable fixes."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.check import RULES, check, docs
from toolkit.check.config import Configs, split
from toolkit.check.formats import FORMATS
from toolkit.commands import pass_ctx, paths_or_default
from toolkit.errors import InputError
from toolkit.output import refuse_replacing, write_named
from toolkit.validation.basic import read
from toolkit.validation.report import exit_code


def _rules_help() -> str:
    width = max(len(rule) for rule in RULES)
    return "\n".join(
        f"  {r.id:<{width}}  {r.severity:<7}  {'fix' if r.fix else '   '}  {r.summary}"
        for r in RULES.values()
    )


def _run(files: list[Path], select, ignore, fix: bool):
    configs = Configs()
    reports, unreadable = [], []
    for path in files:
        selection = configs.for_file(path).with_options(select, ignore)
        source, fatal = read(path)
        if source is None:
            unreadable.extend(fatal)
            continue
        for warning in source.warnings:
            click.echo(str(warning), err=True)
        reports.append(check(source, selection, fix=fix))
    return reports, unreadable


def _emit(text: str, out: str | None, inputs: list[Path]) -> None:
    """The report on standard output, or in the file --out names (replaced whole; a device
    or a pipe such as /dev/null written to; never a checked file)."""
    if out and out != "-":
        refuse_replacing(Path(out), inputs)
        write_named(Path(out), text.encode("utf-8"))
    elif text:
        click.echo(text, nl=not text.endswith("\n"))


@click.command("check", epilog="\b\nRules (fix: --fix can fix it):\n" + _rules_help())
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(list(FORMATS)),
    default="text",
    show_default=True,
    help="Report format: text, json, sarif (SARIF 2.1.0, for code scanning) or github "
    "(workflow commands that annotate a pull request).",
)
@click.option(
    "--select",
    multiple=True,
    metavar="RULES",
    help="Run only these rules: ids, id prefixes (date-) or families (names), "
    "comma-separated; replaces the configured selection.",
)
@click.option(
    "--ignore",
    multiple=True,
    metavar="RULES",
    help="Do not run these rules (ids, prefixes or families), besides those configured.",
)
@click.option(
    "--fix", is_flag=True, help="Print the certain fixes as a unified diff; change nothing."
)
@click.option(
    "--write", is_flag=True, help="With --fix: write the fixes into the files, then report."
)
@click.option(
    "--out",
    "-o",
    type=click.Path(dir_okay=False),
    help="Write the report (or the diff) to this file instead of standard output.",
)
@click.option("--explain", metavar="RULE", help="Explain a rule, with examples, and exit.")
@pass_ctx
def command(ctx, paths, fmt, select, ignore, fix, write, out, explain):
    """Report editorial problems: untagged names, broken pointers, unused register
    entries, entries without identifiers, bad dates, notes out of sequence, short
    citations without a bibliography entry.

    Works on any TEI: registers are read from standOff, back or the teiHeader, mentions
    from persName/placeName/orgName/rs/name/title/bibl with @ref, @corresp or @key. With
    no PATH, checks the edition in ./tei/. Each finding is `file:line:col: severity:
    message [rule]`; the counts at the end (register sizes, resolved mentions, citations,
    dates) are what exports can be checked against. Exit status: 0 no errors, 1 a finding
    of error severity, 2 a file cannot be read (or the options or configuration are wrong).

    Rules are selected with --select and --ignore, or in a [check] table of a teikit.toml
    (or [tool.teikit.check] of a pyproject.toml) beside the edition or above it; a
    processing instruction <?teikit ignore RULE?> before an element silences RULE there.
    --fix prints a diff of the fixes that are certain (apply it with `git apply`);
    --fix --write makes them and reports what remains. See docs/check.md.

    \b
    Examples:
      teikit check
      teikit check tei/chimes-at-midnight.xml --format json
      teikit check --select names,notes --ignore untagged-title
      teikit check --format sarif --out check.sarif
      teikit check --fix > fixes.patch && git apply fixes.patch
      teikit check --explain untagged-name
    """
    try:
        if explain:
            if explain not in RULES:
                raise InputError(f"no rule {explain!r}; `teikit check --help` lists them")
            click.echo(docs.text(RULES[explain]), nl=False)
            return
        if write and not fix:
            raise InputError("--write writes the fixes of --fix: give both")
        files = paths_or_default(ctx, paths)
        chosen = split(select), split(ignore)
        reports, unreadable = _run(files, *chosen, fix=fix)
        fixes = [r.fix for r in reports if r.fix is not None]
        if fix and not write:
            _emit("".join(f.diff() for f in fixes), out, files)
            fixed = sum(f.fixed for f in fixes)
            click.echo(
                f"{fixed} fix(es) in {len(fixes)} file(s): apply the diff with `git apply`, "
                "or run again with --fix --write"
                if fixes
                else "nothing to fix: no finding has a fix that is certain",
                err=True,
            )
        else:
            if fixes:
                for file_fix in fixes:
                    file_fix.write()
                click.echo(
                    f"{sum(f.fixed for f in fixes)} fix(es) written in {len(fixes)} file(s)",
                    err=True,
                )
                reports, unreadable = _run(files, *chosen, fix=False)
            _emit(FORMATS[fmt](reports, unreadable), out, files)
    except Exception as err:  # noqa: BLE001 - one paragraph; exit 3 only for a bug
        ctx.fail(err)
        raise
    raise SystemExit(exit_code(unreadable + [f for r in reports for f in r.findings]))
