"""Atomic, deterministic writes.

Every file is written under a temporary name beside its target and renamed into place; a
folder of outputs is built whole in a temporary folder and swapped in. A build that fails,
or is killed, leaves the previous outputs as they were.

A temporary name carries the writer's process id and the writer holds an flock on it, so
the next write to the same target can tell the leftovers of a build that was killed (its
process gone, its lock released) from those of a build still running, and remove them.
"""

from __future__ import annotations

import contextlib
import ctypes
import functools
import hashlib
import os
import re
import shutil
import stat
import tempfile
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

try:
    import fcntl
except ImportError:  # not POSIX: leftovers are left for the user to remove
    fcntl = None

_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


#: The last second a four-digit year can write (9999-12-31T23:59:59Z): dates in EPUB
#: metadata and zip entries go no further.
MAX_EPOCH = 253402300799


def build_epoch(default: int | None = None) -> int:
    """SOURCE_DATE_EPOCH when set, else `default`, else 2000-01-01 (never 'now'). A value
    that is not a whole number of seconds up to the year 9999 is a usage error (exit 2), as
    the reproducible-builds specification asks, rather than a silent clock."""
    from toolkit.errors import InputError

    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not value:
        return default if default is not None else 946684800
    if not (value.isascii() and value.isdigit()) or int(value) > MAX_EPOCH:
        raise InputError(
            f"SOURCE_DATE_EPOCH={value!r} is not a number of seconds since 1970 up to the "
            f"year 9999 (at most {MAX_EPOCH}); unset it or fix it"
        )
    return int(value)


#: The longest target name a temporary name carries whole: a name of 255 bytes (the most
#: a file system allows) still gets a temporary name that fits.
_NAME_IN_TEMP = 120


def _temp_name(name: str) -> str:
    raw = name.encode("utf-8", "surrogateescape")
    if len(raw) <= _NAME_IN_TEMP:
        return name
    digest = hashlib.sha256(raw).hexdigest()[:16]
    return raw[:_NAME_IN_TEMP].decode("utf-8", "ignore") + "~" + digest


def _temp_prefix(target: Path) -> str:
    return f".{_temp_name(target.name)}.teikit-{os.getpid()}."


def _lock(fd: int, wait: bool = True) -> bool:
    if fcntl is None:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    # A zombie (killed, not yet reaped: its parent was killed too) writes nothing more.
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[-1].split()[:1] != ["Z"]


_LEFTOVER = re.compile(r"\.(?P<name>.+)\.teikit-(?P<pid>\d+)\.(?P<part>[A-Za-z0-9_-]+)\.tmp")


def sweep(folder: Path, name: str | None = None) -> list[Path]:
    """Remove the temporary files and folders that killed writers left in `folder` (only
    those meant for the target `name`, when given); return what was removed.

    Only names of our own pattern are touched, and only when their process is gone and
    nobody holds their lock (a process id can be reused; a lock dies with its process).
    """
    folder = Path(folder)
    if fcntl is None or not folder.is_dir():
        return []
    removed = []
    with os.scandir(folder) as entries:
        stale = [
            (Path(e.path), m, e.is_dir(follow_symlinks=False))
            for e in entries
            if (m := _LEFTOVER.fullmatch(e.name))
            and (name is None or m.group("name") == _temp_name(name))
            and not e.is_symlink()
        ]
    for path, match, is_dir in stale:
        if _alive(int(match.group("pid"))):
            continue
        try:
            fd = os.open(path, os.O_RDONLY | (os.O_DIRECTORY if is_dir else 0))
        except OSError:
            continue
        try:
            if not _lock(fd, wait=False):
                continue
            target = folder / match.group("name")
            if (
                is_dir
                and match.group("part").startswith("old")
                and "~" not in match.group("name")
                and not os.path.lexists(target)
            ):
                os.rename(path, target)  # killed between the two renames of _swap_in
            elif is_dir:
                shutil.rmtree(path, ignore_errors=True)
            else:
                with contextlib.suppress(FileNotFoundError):
                    os.unlink(path)
            removed.append(path)
        finally:
            os.close(fd)
    return removed


def sweep_outputs(root: Path) -> list[Path]:
    """`sweep` an output folder and the folders in it (a build calls this first, so that
    leftovers go even when no output needs rebuilding)."""
    root = Path(root)
    if not root.is_dir():
        return []
    removed = sweep(root)
    for entry in sorted(root.iterdir()):
        if entry.is_dir() and not entry.is_symlink() and not entry.name.startswith("."):
            removed += sweep(entry)
    return removed


#: The writes of the innermost open `transaction`: (temporary, target, lock, is a folder).
_pending: list[tuple[Path, Path, int, bool]] | None = None


@contextlib.contextmanager
def transaction(keep: bool = False) -> Iterator[list[tuple[str, str, bool]]]:
    """Every staged write inside (`staged_file`, `staged_dir`, `write_bytes`) is put in
    place when the block ends without error, and none of them otherwise: a build replaces
    all of a document's formats or none. With `keep`, nothing is put in place: the list the
    block yields is filled with the staged writes (temporary, target, is a folder), for a
    parent process to `commit` with those of other processes."""
    global _pending
    outer, _pending = _pending, []
    handed: list[tuple[str, str, bool]] = []
    try:
        yield handed
    except BaseException:
        staged, _pending = _pending, outer
        _discard(staged)
        raise
    staged, _pending = _pending, outer
    if keep:
        handed.extend((str(tmp), str(target), is_dir) for tmp, target, _, is_dir in staged)
        for _, _, fd, _ in staged:
            os.close(fd)
        return
    commit([(tmp, target, is_dir) for tmp, target, _, is_dir in staged], staged)


def commit(staged, locked=()) -> None:
    """Put staged writes in place, each with one rename (a folder with an exchange), then
    release their locks. A failure removes what is not yet in place."""
    staged = [(Path(tmp), Path(target), is_dir) for tmp, target, is_dir in staged]
    try:
        for i, (tmp, target, is_dir) in enumerate(staged):
            try:
                if is_dir:
                    _swap_in(tmp, target)
                else:
                    os.replace(tmp, target)
            except BaseException:
                discard(staged[i:])
                raise
    finally:
        for _, _, fd, _ in locked:
            with contextlib.suppress(OSError):
                os.close(fd)


def discard(staged) -> None:
    """Remove staged writes that will not be put in place."""
    for tmp, _target, is_dir in staged:
        if is_dir:
            shutil.rmtree(tmp, ignore_errors=True)
        else:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(tmp)


def _discard(staged: list[tuple[Path, Path, int, bool]]) -> None:
    discard([(tmp, target, is_dir) for tmp, target, _, is_dir in staged])
    for _, _, fd, _ in staged:
        with contextlib.suppress(OSError):
            os.close(fd)


@contextlib.contextmanager
def staged_file(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside `target` for a writer to fill (this process or the XSLT
    engine); on success it is synced and renamed to `target` (at the end of the open
    `transaction`, if any), on failure removed."""
    target = Path(os.path.abspath(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    sweep(target.parent, target.name)
    fd, name = tempfile.mkstemp(prefix=_temp_prefix(target), suffix=".tmp", dir=target.parent)
    tmp = Path(name)
    handed = False
    try:
        _lock(fd)
        yield tmp
        # Synced through a descriptor of its own: the writer may have closed or replaced it.
        with open(tmp, "ab") as fh:
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)
        if _pending is not None:
            _pending.append((tmp, target, fd, False))
            handed = True
        else:
            os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    finally:
        if not handed:
            os.close(fd)


def write_bytes(target: Path, data: bytes) -> Path:
    """Write `data` to `target` atomically (temp file in the same folder, fsync, rename)."""
    with staged_file(target) as tmp, open(tmp, "wb") as fh:
        fh.write(data)
    return Path(target)


def write_text(target: Path, text: str) -> Path:
    return write_bytes(target, text.encode("utf-8"))


@functools.cache
def libc() -> ctypes.CDLL | None:
    """The C library the process runs with (its symbols, without a search: find_library
    would start ldconfig), or None."""
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:
        return None


@functools.cache
def _renameat2():
    """libc's renameat2, or None."""
    try:
        fn = libc().renameat2
    except AttributeError:  # no libc (None), or a libc without renameat2
        return None
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    return fn


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically with renameat2(RENAME_EXCHANGE) where the OS has it."""
    fn = _renameat2()
    if fn is None:
        return False
    rc = fn(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return rc == 0


@contextlib.contextmanager
def staged_dir(target: Path) -> Iterator[Path]:
    """Yield an empty temporary folder; on success it replaces `target` in one step (at the
    end of the open `transaction`, if any)."""
    target = Path(os.path.abspath(target))
    target.parent.mkdir(parents=True, exist_ok=True)
    sweep(target.parent, target.name)
    tmp = Path(tempfile.mkdtemp(prefix=_temp_prefix(target), suffix=".tmp", dir=target.parent))
    fd = os.open(tmp, os.O_RDONLY | os.O_DIRECTORY)
    handed = False
    try:
        _lock(fd)
        try:
            yield tmp
            os.chmod(tmp, 0o755)
            if _pending is not None:
                _pending.append((tmp, target, fd, True))
                handed = True
            else:
                _swap_in(tmp, target)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
    finally:
        if not handed:
            os.close(fd)


def _swap_in(tmp: Path, target: Path) -> None:
    if target.is_dir() and not target.is_symlink():
        if _exchange(tmp, target):
            shutil.rmtree(tmp, ignore_errors=True)  # tmp now holds the old build
            return
        # No renameat2: two renames, with a moment in which `target` is missing.
        old = target.with_name(f"{_temp_prefix(target)}old{time.monotonic_ns()}.tmp")
        os.rename(target, old)
        os.rename(tmp, target)
        shutil.rmtree(old, ignore_errors=True)
    else:
        if target.exists() or target.is_symlink():
            target.unlink()
        os.rename(tmp, target)


def write_named(target: Path, data: bytes) -> Path:
    """Write a file the user named (export --out): a regular file or a missing path is
    replaced atomically; a symbolic link keeps pointing where it did and its target is
    written; a device or a FIFO (/dev/null, /dev/stdout, a pipe) is written in place, never
    replaced by a file; a folder or a socket is refused."""
    from toolkit.errors import OutputError

    real = Path(os.path.realpath(target))
    try:
        mode = os.stat(real).st_mode
    except FileNotFoundError:
        mode = None
    if mode is None or stat.S_ISREG(mode):
        write_bytes(real, data)
        return Path(target)
    if stat.S_ISDIR(mode):
        raise OutputError("--out names a folder; give the file to write", target)
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) or stat.S_ISFIFO(mode):
        try:
            with open(real, "wb") as fh:  # no O_CREAT of a regular file, no rename over it
                fh.write(data)
        except OSError as err:
            err.filename = err.filename or str(target)
            raise
        return Path(target)
    raise OutputError("--out names something that is neither a file nor a device", target)


def refuse_replacing(target: Path, keep: list[Path], why: str = "an input") -> None:
    """Refuse (OutputError) to replace `target`, a folder or file about to be replaced whole,
    if it is or holds one of `keep` (the inputs) or the current folder or one of its parents."""
    from toolkit.errors import OutputError

    real = Path(os.path.realpath(target))
    cwd = Path(os.path.realpath(os.getcwd()))
    if real == cwd or real in cwd.parents:
        raise OutputError(
            "teikit will not replace the current folder or a folder that holds it; "
            "choose another --out",
            target,
        )
    for path in keep:
        held = Path(os.path.realpath(path))
        if held == real or real in held.parents:
            raise OutputError(
                f"teikit will not replace a folder or file that holds {why} ({held}); "
                "choose another --out",
                target,
            )


#: The last second a zip entry's time can hold (2107-12-31T23:59:58Z).
_ZIP_LAST = 4354819198

#: Deflate level of zipped entries. 3 is 2.4 times as fast as zlib's default (6) on a novel's
#: EPUB, for an archive 8% larger.
ZIP_LEVEL = 3


def zip_bytes(entries: list[tuple[str, bytes, bool]], epoch: int) -> bytes:
    """A deterministic zip: entries in the given order, fixed times and permissions.

    Each entry is (name, data, compress). The times are those of `epoch` (UTC).
    """
    import io

    # Zip times run from 1980 to 2107: an epoch outside is clamped (the package's own
    # dcterms:modified keeps the real date).
    stamp = time.gmtime(min(max(epoch, 315532800), _ZIP_LAST))[:6]
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data, compress in entries:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
            info.create_system = 3
            info.external_attr = 0o100644 << 16
            zf.writestr(info, data, compresslevel=ZIP_LEVEL if compress else None)
    return buf.getvalue()
