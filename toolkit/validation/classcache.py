"""Class data sharing for jing's Java runs: the classes jing loads, kept between runs.

A short Java run spends a good part of its time loading and verifying classes. The JVM can
save the classes a run loaded into an archive (`-XX:ArchiveClassesAtExit`) and map that
archive into the next run (`-XX:SharedArchiveFile`): one file against TEI All then takes
about a fifth less time. The archive is made by the first run and kept in teikit's cache
folder, `$XDG_CACHE_HOME/teikit` (else `~/.cache/teikit`), named after what it depends on
(the Java program, the jar, the options), so another Java or another jing makes another.

The archive is code the JVM maps in, so it is used only from a folder that is the user's
own: a real folder (not a symbolic link), owned by the user, writable by no one else, made
so (0700) when teikit creates it. Anything else (a shared or unwritable folder, an archive
that is not a plain file of the user's) means no archive: jing runs as it would without
one. The archive is written under a temporary name in that folder and renamed once its run
has ended well, so a run that is stopped leaves no half-written archive (Java aborts on a
damaged one rather than running without it). The JVM itself refuses an archive that does
not match it (another Java build, a changed jar); a run that fails with an archive is made
again without it, and the archive is removed.
`TEIKIT_JAVA_CACHE=0` turns the archive off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import secrets
import stat
from pathlib import Path


def _folder() -> Path | None:
    """teikit's cache folder, if it is safe to keep code in (made if missing)."""
    base = os.environ.get("XDG_CACHE_HOME") or ""
    root = Path(base) if os.path.isabs(base) else Path.home() / ".cache"
    folder = root / "teikit"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.lstat()
    except (OSError, RuntimeError):  # RuntimeError: no home folder
        return None
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.getuid():
        return None
    if info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return None
    return folder


def _own_file(path: Path) -> bool:
    try:
        info = path.lstat()
    except OSError:
        return False
    return stat.S_ISREG(info.st_mode) and info.st_uid == os.getuid()


Making = tuple[Path, Path]  # the archive being written, and the name it takes when done


def options(
    java: str, jar: Path, java_options: tuple[str, ...], make: bool = True
) -> tuple[list[str], Making | None]:
    """The Java options that use the archive, or (with `make`) make it; and, when this run
    makes it, what to hand to `keep` once the run has ended."""
    if os.environ.get("TEIKIT_JAVA_CACHE", "1") == "0":
        return [], None
    folder = _folder()
    if folder is None:
        return [], None
    try:
        real_java = Path(os.path.realpath(java))
        parts = [str(real_java), str(real_java.stat().st_mtime_ns), str(jar.resolve())]
        st = jar.stat()
    except OSError:
        return [], None
    parts += [str(st.st_size), str(st.st_mtime_ns), *java_options]
    key = hashlib.sha256("\0".join(parts).encode()).hexdigest()[:20]
    archive = folder / f"jing-{key}.jsa"
    if _own_file(archive):
        return [f"-XX:SharedArchiveFile={archive}"], None
    if not make:
        return [], None
    making = folder / f".jing-{key}-{secrets.token_hex(6)}.tmp"
    return [f"-XX:ArchiveClassesAtExit={making}"], (making, archive)


def keep(making: Making, ended_well: bool) -> None:
    """The archive a run made takes its name if the run ended well; otherwise it goes."""
    written, final = making
    if ended_well and _own_file(written):
        with contextlib.suppress(OSError):
            os.replace(written, final)
            return
    with contextlib.suppress(OSError):
        written.unlink()


def discard(archive: Path) -> None:
    """An archive Java would not run with goes (the next run makes a new one)."""
    if _own_file(archive):
        with contextlib.suppress(OSError):
            archive.unlink()
