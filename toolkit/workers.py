"""Worker processes: every pool teikit starts is made here, so that each worker ends with
the command that started it (a killed build must leave no writer behind; what a killed worker
leaves is swept up by the next build, see toolkit.output).

"fork" is used while this process has not started Saxon (toolkit.xslt.started): a forked
worker skips the interpreter's start and the imports. Once Saxon runs, "spawn" is the only
safe start method (the engine's threads do not survive fork).
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor

from toolkit.output import libc

_PR_SET_PDEATHSIG = 1


def die_with_parent(parent: int) -> None:
    """End this process when `parent` dies (Linux); elsewhere do nothing."""
    try:
        libc().prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except AttributeError:  # no libc, or no prctl (not Linux)
        return
    if os.getppid() != parent:  # the parent died before the request took effect
        os._exit(1)


def _start(parent: int, init: Callable[[], None] | None) -> None:
    die_with_parent(parent)
    # Ctrl-C reaches the whole process group: the command answers it (exit 130) and ends
    # its workers; a worker's own traceback would only garble the terminal.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if init is not None:
        init()


def can_fork() -> bool:
    """Whether workers may be forked from this process (see the module's docstring)."""
    import multiprocessing

    from toolkit import xslt

    return "fork" in multiprocessing.get_all_start_methods() and not xslt.started()


@contextlib.contextmanager
def pool(workers: int, init: Callable[[], None] | None = None):
    """A process pool of `workers`, forked when that is safe; `init` runs first in each.
    Leaving the block by an exception (Ctrl-C among them) ends the workers at once rather
    than waiting for their documents; what they staged is swept by the next build."""
    import multiprocessing

    executor = ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("fork" if can_fork() else "spawn"),
        initializer=_start,
        initargs=(os.getpid(), init),
    )
    try:
        yield executor
    except BaseException:
        for process in list((getattr(executor, "_processes", None) or {}).values()):
            with contextlib.suppress(Exception):
                process.kill()
        executor.shutdown(wait=False, cancel_futures=True)
        raise
    executor.shutdown(wait=True)
