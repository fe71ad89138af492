"""teikit check: the editorial quality report (registers, pointers, dates, notes, citations)."""

from __future__ import annotations

import click

from toolkit.check import RULES, check, render
from toolkit.commands import pass_ctx, paths_or_default, report_format
from toolkit.validation.basic import read
from toolkit.validation.report import exit_code


def _rules_help() -> str:
    width = max(len(rule) for rule in RULES)
    return "\n".join(
        f"  {rule:<{width}}  {severity:<7}  {what}" for rule, (severity, what) in RULES.items()
    )


@click.command("check", epilog="\b\nRules:\n" + _rules_help())
@click.argument("paths", nargs=-1, type=click.Path(dir_okay=False))
@report_format
@pass_ctx
def command(ctx, paths, fmt):
    """Report editorial problems: untagged names, broken pointers, unused register
    entries, entries without identifiers, bad dates, notes out of sequence, short
    citations without a bibliography entry.

    Works on any TEI: registers are read from standOff, back or the teiHeader, mentions
    from persName/placeName/orgName/rs/name/title/bibl with @ref, @corresp or @key. With
    no PATH, checks the edition in ./tei/. Each finding is `file:line:col: severity:
    message [rule]`; the counts at the end (register sizes, resolved mentions, citations,
    dates) are what exports can be checked against. Exit status: 0 no errors, 1 a finding
    of error severity, 2 a file cannot be read.

    \b
    Examples:
      teikit check
      teikit check tei/chimes-at-midnight.xml --format json
    """
    files = paths_or_default(ctx, paths)
    reports, unreadable = [], []
    for path in files:
        source, fatal = read(path)
        if source is None:
            unreadable.extend(fatal)
            continue
        for warning in source.warnings:
            click.echo(str(warning), err=True)
        reports.append(check(source))
    click.echo(render(reports, unreadable, fmt))
    findings = unreadable + [f for r in reports for f in r.findings]
    raise SystemExit(exit_code(findings))
