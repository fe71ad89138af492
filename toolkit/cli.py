"""The `teikit` command: one click group, one module per command (toolkit/commands/).

Everything below this layer raises TeikitError; here it becomes one paragraph on stderr and
an exit status (0 ok, 1 invalid input, 2 unreadable input or usage, 3 internal error).
"""

from __future__ import annotations

import importlib
import os
import sys
import traceback
from dataclasses import dataclass
from pathlib import Path

import click

from toolkit import __version__
from toolkit.errors import SetupError, TeikitError, os_error

#: The exit status of a command stopped by Ctrl-C (SIGINT), as shells report it.
INTERRUPTED = 130


@dataclass
class Context:
    """Shared by every command."""

    debug: bool = False

    def warn(self, message: str) -> None:
        click.echo(f"warning: {message}", err=True)

    def fail(self, err: Exception) -> None:
        """Report an error as one paragraph and exit with its status."""
        if self.debug:
            traceback.print_exception(err, file=sys.stderr)
        if isinstance(err, OSError):  # the file system (full, read-only...), not a bug
            err = os_error(err)
        if type(err).__name__ == "BrokenProcessPool":
            err = SetupError(
                "a worker process ended abruptly (killed from outside, or by the system for "
                "want of memory); nothing it was writing was put in place"
            )
        if isinstance(err, TeikitError):
            click.echo(f"error: {err}", err=True)
            sys.exit(err.exit_code)
        click.echo(
            f"error: internal error ({type(err).__name__}: {' '.join(str(err).split())}); "
            "this is a bug in teikit, run with --debug for a traceback",
            err=True,
        )
        sys.exit(3)


def default_paths() -> list[Path]:
    """The edition in ./tei/ (its XML files, not the source witness)."""
    tei = Path("tei")
    files = sorted(tei.glob("*.xml")) if tei.is_dir() else []
    if not files:
        raise TeikitError(
            "no PATH given and no edition found in ./tei/ (run from the project folder, "
            "or name the TEI file(s) to use)"
        )
    return files


class _LazyGroup(click.Group):
    """Imports a command's module only when that command runs (or help lists it), so that
    `teikit validate` does not pay for loading the exporters."""

    modules = {
        "validate": "toolkit.commands.validate",
        "build": "toolkit.commands.build",
        "export": "toolkit.commands.export",
        "check": "toolkit.commands.check",
    }

    def list_commands(self, ctx: click.Context) -> list[str]:
        return list(self.modules)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        module = self.modules.get(name)
        if module is None:
            return None
        return importlib.import_module(module).command

    def invoke(self, ctx: click.Context):
        """Run the command; Ctrl-C ends it with 130 and one line (outputs stay whole: every
        write is staged), and an error of the file system is one paragraph with 2."""
        try:
            return super().invoke(ctx)
        except KeyboardInterrupt:
            click.echo("error: interrupted (Ctrl-C); outputs are as they were or whole", err=True)
            sys.exit(INTERRUPTED)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as err:  # noqa: BLE001 - one paragraph, never a traceback
            (ctx.obj or Context()).fail(err)


def check_environment(engine: bool = False) -> None:
    """The settings teikit reads from the environment, checked once before any work: a bad
    value is a usage error (exit 2), never a silent default or a crash in a worker. With
    `engine`, also whether the XSLT engine can start (see toolkit.xslt)."""
    from toolkit.output import build_epoch
    from toolkit.source import limits

    limits()
    build_epoch()
    if engine:
        from toolkit.xslt import check_address_space

        check_address_space()


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="teikit")
@click.option("--debug", is_flag=True, help="Show a traceback when something fails.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """teikit: validate TEI, build HTML/EPUB/text editions, export for DH tools, check quality.

    \b
    Examples:
      teikit build                     build the edition in ./tei/ into ./build/
      teikit validate my-edition.xml   validate any TEI file
    """
    ctx.obj = Context(debug=debug)
    try:
        check_environment()
    except TeikitError as err:
        ctx.obj.fail(err)
    if debug:  # the XSLT engine's own error traces too (toolkit.xslt), in every worker
        os.environ["TEIKIT_DEBUG"] = "1"
