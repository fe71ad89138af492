"""One module per `teikit` command; each defines `command`."""

from __future__ import annotations

from pathlib import Path

import click

from toolkit.cli import Context, default_paths


def paths_or_default(ctx: Context, paths: tuple[str, ...]) -> list[Path]:
    try:
        return [Path(p) for p in paths] if paths else default_paths()
    except Exception as err:  # noqa: BLE001 - reported as one paragraph
        ctx.fail(err)
        raise


pass_ctx = click.make_pass_decorator(Context)

#: The report format option shared by the commands that report findings (validate, check).
report_format = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Report format.",
)
