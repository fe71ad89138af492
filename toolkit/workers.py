"""Worker processes: every pool teikit starts is made here, so that each worker ends with
the command that started it (a killed build must leave no writer behind; what a killed worker
leaves is swept up by the next build, see toolkit.output).

"spawn" is the safe start method once Saxon runs in this process (its threads do not survive
fork); "fork" is cheaper and may be used only before (toolkit.xslt.started).
"""

from __future__ import annotations

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
    if init is not None:
        init()


def pool(workers: int, start: str = "spawn", init: Callable[[], None] | None = None):
    """A process pool of `workers`, started with `start`; `init` runs first in each worker."""
    import multiprocessing

    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context(start),
        initializer=_start,
        initargs=(os.getpid(), init),
    )
