"""Building many documents: parallel worker processes, an incremental cache, a summary.

Each worker process compiles each stylesheet once (toolkit.xslt caches per process) and builds
whole documents, so one bad file fails alone. The cache records, per document and format, a
fingerprint of everything the output depends on (source bytes, stylesheets, toolkit version,
options); an output whose fingerprint is unchanged and whose files exist is not rebuilt.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable
from concurrent.futures import as_completed
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

from toolkit import SCHEMA_DIR, XSLT_DIR, __version__
from toolkit.errors import TeikitError
from toolkit.output import sweep_outputs, write_text
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


@dataclass
class JobResult:
    path: Path
    out: Path
    built: dict[str, list[str]] = field(default_factory=dict)  # format -> files written
    skipped: list[str] = field(default_factory=list)  # formats up to date
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    exit_code: int = 0
    metadata: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0


@cache
def tree_digest(folder: Path) -> str:
    """One digest of every file under `folder` (stylesheets, schemas)."""
    h = hashlib.sha256()
    for p in sorted(folder.rglob("*")):
        if p.is_file():
            h.update(p.relative_to(folder).as_posix().encode())
            h.update(p.read_bytes())
    return h.hexdigest()


def fingerprint(source_digest: str, fmt: str, options: object, project: bool = False) -> str:
    """What an output depends on: a change to any part rebuilds it. `source_digest` is the
    source file's SHA-256, computed once for all its formats (a corpus's megabytes were hashed
    once a format)."""
    h = hashlib.sha256()
    for part in (
        __version__,
        fmt,
        tree_digest(XSLT_DIR),
        tree_digest(SCHEMA_DIR) if project else "",
        json.dumps(asdict(options), sort_keys=True, default=str),
        os.environ.get("SOURCE_DATE_EPOCH", ""),  # dates inside the EPUB
    ):
        h.update(part.encode())
        h.update(b"\0")
    h.update(source_digest.encode())
    return h.hexdigest()


class Cache:
    """The build cache of one output folder (a JSON file written atomically)."""

    def __init__(self, out: Path):
        self.path = out / CACHE_NAME
        try:
            self.entries: dict[str, dict] = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            self.entries = {}

    @staticmethod
    def key(job_out: Path, path: Path, fmt: str) -> str:
        return f"{job_out.as_posix()}|{path.resolve().as_posix()}|{fmt}"

    def fresh(self, key: str, digest: str) -> bool:
        entry = self.entries.get(key)
        return bool(
            entry
            and entry.get("fingerprint") == digest
            and all(Path(p).exists() for p in entry.get("outputs", []))
        )

    def record(self, key: str, digest: str, outputs: list[str], metadata: dict) -> None:
        self.entries[key] = {
            "fingerprint": digest,
            "outputs": sorted(outputs),
            "metadata": metadata,
        }

    def forget(self, keys: Iterable[str]) -> bool:
        """Drop entries (True if there were any): done before their outputs are rebuilt."""
        return bool([self.entries.pop(key) for key in keys if key in self.entries])

    def outputs(self, key: str) -> list[str]:
        return list(self.entries.get(key, {}).get("outputs", []))

    def metadata(self, key: str) -> dict:
        return dict(self.entries.get(key, {}).get("metadata", {}))

    def save(self) -> None:
        write_text(self.path, json.dumps(self.entries, indent=1, sort_keys=True) + "\n")


def run_job(job: Job, fresh: dict[str, str]) -> JobResult:
    """Build one document; `fresh` maps format -> fingerprint for formats known up to date."""
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
        result.warnings.extend(build_gate(source, project=job.project))
        meta = stylesheet("common/metadata.xsl").apply(source).text
        result.metadata = json.loads(meta)
        for name in todo:
            built = formats.get(name).build(source, job.out, job.options)
            result.built[name] = [str(p) for p in built.paths]
            result.warnings.extend(w for w in built.warnings if w not in result.warnings)
    except TeikitError as err:
        result.error = str(err)
        result.exit_code = err.exit_code
    except Exception as err:  # noqa: BLE001 - one bad document must not stop the others
        result.error = f"{job.path}: internal error ({type(err).__name__}: {err})"
        result.exit_code = 3
    result.seconds = time.perf_counter() - start
    return result


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
        digests = {f: fingerprint(source, f, job.options, job.project) for f in job.formats}
        fresh = {
            f: d
            for f, d in digests.items()
            if use_cache and cache.fresh(Cache.key(job.out, job.path, f), d)
        }
        plans.append((job, digests, fresh))

    results: list[JobResult] = []

    def finish(job: Job, digests: dict[str, str], result: JobResult) -> None:
        for fmt, outputs in result.built.items():
            key = Cache.key(job.out, job.path, fmt)
            cache.record(key, digests[fmt], outputs, result.metadata)
        results.append(result)
        if on_done:
            on_done(result)

    pending = []
    for job, digests, fresh in plans:
        if len(fresh) < len(job.formats):
            pending.append((job, digests, fresh))
            continue
        # Everything up to date: no process, no parse, no transform.
        keys = [Cache.key(job.out, job.path, f) for f in job.formats]
        result = JobResult(path=job.path, out=job.out, skipped=list(job.formats))
        result.metadata = cache.metadata(keys[0]) if keys else {}
        finish(job, digests, result)
    # An output about to be rebuilt no longer matches its entry: forget the entry first, so a
    # build killed after replacing the output cannot leave the cache vouching for it.
    rebuilt = [
        Cache.key(job.out, job.path, f) for job, _, fresh in pending for f in job.formats
        if f not in fresh
    ]  # fmt: skip
    if cache.forget(rebuilt):
        cache.save()
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
            pool.submit(run_job, job, {**fresh, **{f: "" for f in todo if f not in group}})
            for group in groups
        ]
        parts = [future.result() for future in futures]
    merged = JobResult(path=job.path, out=job.out, skipped=list(fresh))
    for part in parts:
        for name, outputs in part.built.items():
            merged.built[name] = outputs
        merged.warnings.extend(w for w in part.warnings if w not in merged.warnings)
        merged.metadata = merged.metadata or part.metadata
        merged.seconds = max(merged.seconds, part.seconds)
        if part.error and not merged.error:
            merged.error, merged.exit_code = part.error, part.exit_code
    merged.built = {f: merged.built[f] for f in job.formats if f in merged.built}
    return merged


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files as given; folders become their *.xml files (sorted, not recursive)."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out.extend(sorted(q for q in p.glob("*.xml") if q.is_file()))
        else:
            out.append(p)
    return out


def default_workers() -> int:
    return max(1, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1)


def write_index(results: list[JobResult], out: Path, formats: list[str]) -> Path:
    """OUT/index.html: every document with its title, author, date and links to its formats."""
    from lxml import etree

    from toolkit.xslt import stylesheet

    root = etree.Element("corpus")
    for result in results:
        meta = result.metadata or {}
        doc = etree.SubElement(root, "doc", stem=result.path.stem)
        for key in ("title", "subtitle", "authors", "date"):
            doc.set(key, str(meta.get(key, "")))
        if result.error:
            doc.set("error", result.error.splitlines()[0][:300])
            continue
        for fmt in formats:
            main = _main_output(result.out, result.path.stem, fmt)
            if main is not None:
                link = etree.SubElement(doc, "link", format=fmt)
                link.set("href", main.relative_to(out).as_posix())
    html = stylesheet("html/corpus.xsl").run(
        etree.tostring(root, encoding="unicode"), {"title": f"Corpus of {len(results)} documents"}
    )
    write_text(out / "corpus.css", (XSLT_DIR / "html" / "corpus.css").read_text(encoding="utf-8"))
    return write_text(out / "index.html", html.text)


def _main_output(doc_out: Path, stem: str, fmt: str) -> Path | None:
    candidates = {
        "html": doc_out / "html" / "index.html",
        "epub": doc_out / "epub" / f"{stem}.epub",
        "text": doc_out / "text" / f"{stem}.txt",
        "text-clean": doc_out / "text" / f"{stem}.clean.txt",
    }
    path = candidates.get(fmt)
    return path if path is not None and path.exists() else None
