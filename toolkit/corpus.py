"""Building many documents: parallel worker processes, an incremental cache, a summary.

Each worker process compiles each stylesheet once (toolkit.xslt caches per process) and builds
whole documents, so one bad file fails alone. The cache records, per document and format, a
fingerprint of everything the output depends on (source bytes, stylesheets, toolkit version,
options); an output whose fingerprint is unchanged and whose files are those the cache
recorded (see `Cache`) is not rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import time
import unicodedata
from collections.abc import Callable, Iterable
from concurrent.futures import as_completed
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import quote

from toolkit import SCHEMA_DIR, XSLT_DIR, __version__, downloads
from toolkit.errors import TeikitError, os_error, shown
from toolkit.output import commit, discard, sweep_outputs, transaction, write_text
from toolkit.workers import can_fork
from toolkit.workers import pool as worker_pool

CACHE_NAME = ".teikit-cache.json"


@dataclass(frozen=True)
class Job:
    path: Path
    formats: tuple[str, ...]
    out: Path
    options: object  # toolkit.formats.Options (kept generic so workers unpickle it cheaply)
    project: bool = False  # the project's own edition: it must be valid to be built
    declared: bool = False  # also run the schemas the document declares (--declared-schemas)


@dataclass
class JobResult:
    path: Path
    out: Path
    built: dict[str, list[str]] = field(default_factory=dict)  # format -> files written
    skipped: list[str] = field(default_factory=list)  # formats up to date
    warnings: list[str] = field(default_factory=list)
    #: The loader's warnings, each a whole line (`file:line:col: warning: ...`).
    notices: list[str] = field(default_factory=list)
    error: str | None = None
    exit_code: int = 0
    metadata: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0
    #: Writes staged and not yet put in place (a worker building part of the formats).
    staged: list[tuple[str, str, bool]] = field(default_factory=list)


@cache
def tree_digest(folder: Path) -> str:
    """One digest of every file under `folder` (stylesheets, schemas)."""
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(folder).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def fingerprint(
    source_digest: str, fmt: str, options: object, project: bool = False, declared: bool = False
) -> str:
    """What an output depends on: a change to any part rebuilds it. `source_digest` is the
    source file's SHA-256, computed once for all its formats (a corpus's megabytes were hashed
    once a format)."""
    h = hashlib.sha256()
    for part in (
        __version__,
        fmt,
        tree_digest(XSLT_DIR),
        tree_digest(SCHEMA_DIR) if project else "",
        "declared-schemas" if declared else "",
        json.dumps(asdict(options), sort_keys=True, default=str),
        os.environ.get("SOURCE_DATE_EPOCH", ""),  # dates inside the EPUB
    ):
        h.update(part.encode())
        h.update(b"\0")
    h.update(source_digest.encode())
    return h.hexdigest()


#: A cache file larger than this is not read (it is rebuilt).
_CACHE_MAX_BYTES = 64 * 1024 * 1024


class Cache:
    """The build cache of one output folder (a JSON file written atomically).

    It names nothing outside the folder: an entry's key is the output's place (relative to
    the folder) and format, its fingerprint covers the source's bytes, and the files it
    vouches for are named relative to the folder with the size and modification time they
    had when written, so that an output replaced by anything else (another source built into
    the same place, a hand edit) is not taken for up to date.
    """

    def __init__(self, out: Path):
        self.root = Path(out)
        self.path = self.root / CACHE_NAME
        self.entries: dict[str, dict] = {
            key: entry for key, entry in self._read().items() if _well_formed(key, entry)
        }

    def _read(self) -> dict:
        try:
            info = os.lstat(self.path)
            # A FIFO or device in its place would block or never end: only a regular file.
            if not stat.S_ISREG(info.st_mode) or info.st_size > _CACHE_MAX_BYTES:
                return {}
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            return {}
        return data if isinstance(data, dict) else {}

    def key(self, job_out: Path, fmt: str) -> str:
        return f"{_relative(job_out, self.root)}|{fmt}"

    def fresh(self, key: str, digest: str) -> bool:
        entry = self.entries.get(key)
        return bool(
            entry
            and entry["fingerprint"] == digest
            and entry["stamps"]
            and all(_stamp(self.root / p) == v for p, v in entry["stamps"].items())
        )

    def record(self, key: str, digest: str, outputs: list[str], metadata: dict) -> None:
        stamps = {_relative(Path(p), self.root): _stamp(Path(p)) for p in outputs}
        self.entries[key] = {
            "fingerprint": digest,
            "stamps": dict(sorted(stamps.items())),
            "metadata": metadata,
        }

    def restamp(self, key: str) -> None:
        """An entry's outputs stamped again as they now are (changed by a later step of the
        same build, such as the HTML edition's downloads)."""
        entry = self.entries.get(key)
        if entry:
            entry["stamps"] = {p: _stamp(self.root / p) for p in entry["stamps"]}

    def metadata(self, key: str) -> dict:
        return dict(self.entries.get(key, {}).get("metadata", {}))

    def save(self) -> None:
        write_text(self.path, json.dumps(self.entries, indent=1, sort_keys=True) + "\n")


def _relative(path: Path, root: Path) -> str:
    return Path(os.path.relpath(os.path.abspath(path), os.path.abspath(root))).as_posix()


def _stamp(path: Path) -> list[int] | None:
    """What identifies a file as written: size, times (ns) and inode. Every output is
    renamed into place, so a file replaced since (by a build of another source, or one
    killed before it could save the cache) no longer has the stamp its entry records."""
    try:
        info = os.stat(path)
    except OSError:
        return None
    return [info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino]


def _well_formed(key: object, entry: object) -> bool:
    """An entry of the shape `Cache` writes (the file may be damaged or someone else's)."""
    return (
        isinstance(key, str)
        and isinstance(entry, dict)
        and isinstance(entry.get("fingerprint"), str)
        and isinstance(entry.get("stamps"), dict)
        and all(
            isinstance(p, str)
            and isinstance(v, list)
            and len(v) == 4
            and all(type(n) is int for n in v)
            for p, v in entry["stamps"].items()
        )
        and isinstance(entry.get("metadata", {}), dict)
        and all(isinstance(v, str) for v in entry.get("metadata", {}).values())
    )


def run_job(job: Job, fresh: dict[str, str], keep: bool = False) -> JobResult:
    """Build one document; `fresh` maps format -> fingerprint for formats known up to date.

    Every format is staged first and put in place only when all have been built (one
    `transaction`): a failure leaves every earlier output as it was. With `keep`, the staged
    writes are handed back in the result, for the caller to commit with others."""
    from toolkit import formats
    from toolkit.source import load
    from toolkit.validation import build_gate
    from toolkit.xslt import stylesheet

    start = time.perf_counter()
    result = JobResult(path=job.path, out=job.out)
    todo = [f for f in job.formats if f not in fresh]
    result.skipped = [f for f in job.formats if f in fresh]
    try:
        source = load(job.path)
        result.notices.extend(str(w) for w in source.warnings)
        for target, _ in planned_outputs(job, todo):
            refuse_replacing(target, source.files)
        result.warnings.extend(build_gate(source, project=job.project, declared=job.declared))
        meta = stylesheet("common/metadata.xsl").apply(source).text
        result.metadata = json.loads(meta)
        with transaction(keep=keep) as staged:
            for name in todo:
                built = formats.get(name).build(source, job.out, job.options)
                result.built[name] = [str(p) for p in built.paths]
                result.warnings.extend(w for w in built.warnings if w not in result.warnings)
        result.staged = staged
    except TeikitError as err:
        result.error = str(err)
        result.exit_code = err.exit_code
        result.built = {}
    except OSError as err:  # the file system: full, read-only, a name too long...
        result.error = str(os_error(err))
        result.exit_code = 2
        result.built = {}
    except Exception as err:  # noqa: BLE001 - one bad document must not stop the others
        result.error = f"{shown(job.path)}: internal error ({type(err).__name__}: {err})"
        result.exit_code = 3
        result.built = {}
    result.seconds = time.perf_counter() - start
    return result


def planned_outputs(job: Job, formats: Iterable[str] | None = None) -> list[tuple[Path, bool]]:
    """What building `job` replaces: (path, whole folder?) for each format."""
    stem = job.path.stem
    places = {
        "html": (job.out / "html", True),
        "epub": (job.out / "epub" / f"{stem}.epub", False),
        "text": (job.out / "text" / f"{stem}.txt", False),
        "text-clean": (job.out / "text" / f"{stem}.clean.txt", False),
    }
    return [places[f] for f in (formats or job.formats) if f in places]


def refuse_replacing(target: Path, keep: list[Path]) -> None:
    from toolkit.output import refuse_replacing as refuse

    refuse(target, keep, "an input")


def _worker_init() -> None:
    # Compile the stylesheets once per worker, before the first document arrives.
    from toolkit.xslt import stylesheet

    for rel in ("html/html.xsl", "epub/epub.xsl", "text/text.xsl", "common/metadata.xsl"):
        stylesheet(rel)


def build_all(
    jobs: list[Job],
    cache_root: Path,
    workers: int,
    on_done: Callable[[JobResult], None] | None = None,
    use_cache: bool = True,
) -> list[JobResult]:
    """Build every job (in parallel when workers > 1), skipping up-to-date outputs."""
    for out in dict.fromkeys([cache_root, *(job.out for job in jobs)]):
        sweep_outputs(out)  # what killed builds left behind
    cache = Cache(cache_root)
    plans: list[tuple[Job, dict[str, str], dict[str, str]]] = []
    for job in jobs:
        try:
            source = hashlib.sha256(job.path.read_bytes()).hexdigest()
        except OSError:
            source = ""
        digests = {
            f: fingerprint(source, f, job.options, job.project, job.declared) for f in job.formats
        }
        fresh = {
            f: d
            for f, d in digests.items()
            if use_cache and source and cache.fresh(cache.key(job.out, f), d)
        }
        plans.append((job, digests, fresh))

    results: list[JobResult] = []

    def finish(job: Job, digests: dict[str, str], result: JobResult) -> None:
        # The HTML edition's downloads, once all of the document's formats are built (and
        # before their outputs are stamped in the cache).
        changed = "html" in job.formats and not result.error and downloads.complete(job.out)
        if changed and "html" not in result.built:
            cache.restamp(cache.key(job.out, "html"))
        for fmt, outputs in result.built.items():
            cache.record(cache.key(job.out, fmt), digests[fmt], outputs, result.metadata)
        results.append(result)
        if on_done:
            on_done(result)

    pending = []
    for job, digests, fresh in plans:
        if len(fresh) < len(job.formats):
            pending.append((job, digests, fresh))
            continue
        # Everything up to date: no process, no parse, no transform.
        keys = [cache.key(job.out, f) for f in job.formats]
        result = JobResult(path=job.path, out=job.out, skipped=list(job.formats))
        result.metadata = cache.metadata(keys[0]) if keys else {}
        finish(job, digests, result)
    if len(pending) == 1 and workers > 1 and _can_split(pending[0]):
        job, digests, fresh = pending[0]
        finish(job, digests, _run_split(job, fresh))
    elif workers <= 1 or len(pending) <= 1:
        for job, digests, fresh in pending:
            finish(job, digests, run_job(job, fresh))
    else:
        with worker_pool(min(workers, len(pending)), init=_worker_init) as pool:
            futures = {
                pool.submit(run_job, job, fresh): (job, digests) for job, digests, fresh in pending
            }
            for future in as_completed(futures):
                job, digests = futures[future]
                finish(job, digests, future.result())
    if any(r.built for r in results):  # a run that built nothing leaves no trace
        cache.save()
    order = {job.path: i for i, job in enumerate(jobs)}
    return sorted(results, key=lambda r: order[r.path])


# Relative cost of each format, to share one document's formats between two processes.
_WEIGHT = {"html": 5, "epub": 3, "data": 2, "text": 1, "text-clean": 1}


def _can_split(plan: tuple[Job, dict[str, str], dict[str, str]]) -> bool:
    job, _digests, fresh = plan
    todo = [f for f in job.formats if f not in fresh]
    # The split pays only when its two processes are forked (a command line build has not
    # started Saxon; a program that has used it already builds in its own process).
    return len(todo) > 1 and can_fork()


def _run_split(job: Job, fresh: dict[str, str]) -> JobResult:
    """One document, its formats shared between two forked processes.

    Each process validates the document before writing anything (so an invalid edition is
    refused by both), then builds its share of the formats.
    """
    todo = sorted((f for f in job.formats if f not in fresh), key=lambda f: -_WEIGHT.get(f, 1))
    groups: list[list[str]] = [[], []]
    for fmt in todo:
        lighter = min(groups, key=lambda g: sum(_WEIGHT.get(f, 1) for f in g))
        lighter.append(fmt)
    with worker_pool(2) as pool:
        futures = [
            pool.submit(
                run_job, job, {**fresh, **{f: "" for f in todo if f not in group}}, keep=True
            )
            for group in groups
        ]
        parts = [future.result() for future in futures]
        # Both shares staged: put them in place together, or neither (while the workers,
        # whose process ids the temporary names carry, are still alive).
        staged = [write for part in parts for write in part.staged]
        if any(part.error for part in parts):
            discard(staged)
            for part in parts:
                part.built = {}
        else:
            try:
                commit(staged)
            except OSError as err:
                parts[0].error, parts[0].exit_code = str(os_error(err)), 2
                for part in parts:
                    part.built = {}
    merged = JobResult(path=job.path, out=job.out, skipped=list(fresh))
    for part in parts:
        for name, outputs in part.built.items():
            merged.built[name] = outputs
        merged.warnings.extend(w for w in part.warnings if w not in merged.warnings)
        merged.notices.extend(w for w in part.notices if w not in merged.notices)
        merged.metadata = merged.metadata or part.metadata
        merged.seconds = max(merged.seconds, part.seconds)
        if part.error and not merged.error:
            merged.error, merged.exit_code = part.error, part.exit_code
    merged.built = {f: merged.built[f] for f in job.formats if f in merged.built}
    return merged


def expand(paths: Iterable[Path], warn: Callable[[str], None] | None = None) -> list[Path]:
    """Files as given; folders become their *.xml files (sorted, not recursive). A member
    that is a symbolic link to a file outside its folder is left out, with a warning, as
    an XInclude out of the folder is refused: a folder stands for what it holds."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            folder = p.resolve()
            for q in sorted(p.glob("*.xml")):
                if not q.is_file():
                    continue
                if q.is_symlink() and q.resolve().parent != folder:
                    if warn:
                        warn(
                            f"{shown(q)}: left out: a symbolic link to a file outside the "
                            "folder (name the file itself to build it)"
                        )
                    continue
                out.append(q)
        else:
            out.append(p)
    return out


#: Names a document's folder in a corpus build must not take: teikit's own files there.
RESERVED = {"index.html", "corpus.css", CACHE_NAME}
#: The longest folder name given to a document (bytes): room is left for the names of the
#: files inside it and for temporary names, within the 255 bytes of a file name.
MAX_NAME_BYTES = 200


def member_name(stem: str) -> str:
    """A plain folder name for a document of a corpus: not hidden, not `.` or `..`, no
    control character or separator, none of teikit's own names, not too long."""
    name = "".join("_" if ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 or c in "/\\" else c for c in stem)
    if name.startswith("."):
        name = "_" + name.lstrip(".")
    if name.casefold() in {r.casefold() for r in RESERVED}:
        name += "_"
    return _fit(name or "_")


def _fit(name: str, suffix: str = "") -> str:
    """`name` + `suffix` within MAX_NAME_BYTES, a long name cut and told apart by a digest."""
    raw = name.encode("utf-8", "surrogateescape")
    if len(raw) + len(suffix) > MAX_NAME_BYTES:
        digest = hashlib.sha256(raw).hexdigest()[:12]
        keep = MAX_NAME_BYTES - 13 - len(suffix.encode())
        name = raw[:keep].decode("utf-8", "ignore") + "~" + digest
    return name + suffix


def member_folders(paths: list[Path]) -> dict[Path, str]:
    """Each document's folder name, distinct even where two documents share a stem (from
    different folders) or differ only in case or Unicode normalisation (which some file
    systems fold): the first in path order keeps the name, the others get -2, -3..."""
    names: dict[Path, str] = {}
    taken: set[str] = set()

    def key(name: str) -> str:
        return unicodedata.normalize("NFC", name).casefold()

    for path in sorted(paths, key=lambda p: str(p)):
        base = member_name(path.stem)
        name, n = base, 1
        while key(name) in taken:
            n += 1
            name = _fit(base, f"-{n}")
        taken.add(key(name))
        names[path] = name
    return names


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


def write_index(results: list[JobResult], out: Path, formats: list[str]) -> Path:
    """OUT/index.html: every document with its title, author, date and links to its formats."""
    from lxml import etree

    from toolkit.xslt import stylesheet

    root = etree.Element("corpus")
    for result in results:
        meta = result.metadata or {}
        doc = etree.SubElement(root, "doc", stem=_xml_safe(result.path.stem))
        for key in ("title", "subtitle", "authors", "date"):
            doc.set(key, str(meta.get(key, "")))
        if result.error:
            doc.set("error", _xml_safe(result.error.splitlines()[0][:300]))
            continue
        for fmt in formats:
            main = _main_output(result.out, result.path.stem, fmt)
            if main is not None:
                link = etree.SubElement(doc, "link", format=fmt)
                # Percent-encoded: a name may hold a space, a '#', a '?' or a control.
                link.set("href", quote(main.relative_to(out).as_posix(), safe="/"))
    html = stylesheet("html/corpus.xsl").run(
        etree.tostring(root, encoding="unicode"), {"title": f"Corpus of {len(results)} documents"}
    )
    write_text(out / "corpus.css", (XSLT_DIR / "html" / "corpus.css").read_text(encoding="utf-8"))
    return write_text(out / "index.html", html.text)


def _xml_safe(text: str) -> str:
    """A name for the index page: characters XML cannot hold written as escapes."""
    from toolkit.source import _NOT_XML

    return _NOT_XML.sub(lambda m: shown(m.group()) if m.group() < " " else "\ufffd", text)


def _main_output(doc_out: Path, stem: str, fmt: str) -> Path | None:
    candidates = {
        "html": doc_out / "html" / "index.html",
        "epub": doc_out / "epub" / f"{stem}.epub",
        "text": doc_out / "text" / f"{stem}.txt",
        "text-clean": doc_out / "text" / f"{stem}.clean.txt",
    }
    path = candidates.get(fmt)
    return path if path is not None and path.exists() else None
