"""Print build timings for this machine (no assertions: the figures are for reading).

    python3 bench/build.py [--corpus-mb 50] [--repeat 3]

Measures, each in fresh processes: the essay's full build (validate + HTML + EPUB + text),
each format alone, a no-op rebuild, a corpus build of the ELTeC novels copied up to about
--corpus-mb megabytes (throughput and peak memory), and the floor it is measured against: lxml
parse + serialise of the same input, and the start of a process with lxml and saxonche loaded.
Targets (from the performance issue): full build < 1 s; corpus >= 5 MB/s with all three
formats, peak memory < 1 GB, linear in size; per-document cost < 30x the parse floor once
stylesheets are compiled; no-op rebuild < 0.3 s.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EDITION = ROOT / "tei" / "chimes-at-midnight.xml"
ELTEC = ROOT.parent / "shared" / "corpora" / "eltec-eng" / "ELTeC-eng" / "level1"
TEIKIT = [sys.executable, "-m", "toolkit"]


def wall(cmd: list[str], repeat: int, cwd: Path | None = None) -> tuple[float, float]:
    """Median wall seconds and peak RSS (MB, children) of running `cmd` `repeat` times."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return statistics.median(times), peak


def line(label: str, seconds: float, extra: str = "") -> None:
    print(f"{label:<52} {seconds * 1000:9.0f} ms  {extra}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus-mb", type=float, default=50.0)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    print(f"machine: {os.cpu_count()} cores, python {sys.version.split()[0]}")
    size_mb = EDITION.stat().st_size / 1e6

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        start_code = "import lxml.etree, saxonche; saxonche.PySaxonProcessor(license=False)"
        floor_start, _ = wall([sys.executable, "-c", start_code], args.repeat)
        line("floor: process start with lxml + saxonche", floor_start)
        parse = "import lxml.etree as e,sys; t=e.parse(sys.argv[1]); e.tostring(t)"
        floor_parse, _ = wall([sys.executable, "-c", parse, str(EDITION)], args.repeat)
        line("floor: same + lxml parse/serialise of the essay", floor_parse)

        out = tmp / "essay"
        full, _ = wall(TEIKIT + ["build", "--out", str(out), "--no-cache"], args.repeat, cwd=ROOT)
        line("essay full build (validate+html+epub+text)", full, f"{full / floor_start:.1f}x start")
        for fmt in ("html", "epub", "text"):
            t, _ = wall(
                TEIKIT + ["build", str(EDITION), "--format", fmt, "--out", str(out), "--no-cache"],
                args.repeat,
            )
            line(f"essay {fmt} alone", t)
        wall(TEIKIT + ["build", "--out", str(out)], 1, cwd=ROOT)  # prime the cache
        noop, _ = wall(TEIKIT + ["build", "--out", str(out)], args.repeat, cwd=ROOT)
        line("no-op rebuild (nothing changed)", noop)

        if not ELTEC.is_dir():
            print("ELTeC corpus not found; corpus figures skipped")
            return
        novels = sorted(ELTEC.glob("*.xml"))
        corpus = tmp / "corpus" / "level1"
        corpus.mkdir(parents=True)
        shutil.copytree(ELTEC.parent.parent.parent / "Schemas", tmp / "Schemas")
        total, copies = 0, 0
        while total < args.corpus_mb * 1e6:
            for novel in novels:
                dest = corpus / f"{novel.stem}_{copies:03d}.xml"
                shutil.copyfile(novel, dest)
                total += dest.stat().st_size
            copies += 1
        for fraction in (0.5, 1.0):
            files = sorted(corpus.glob("*.xml"))[: int(len(list(corpus.glob("*.xml"))) * fraction)]
            mb = sum(f.stat().st_size for f in files) / 1e6
            sub = tmp / f"sub{fraction}"
            sub.mkdir()
            for f in files:
                os.link(f, sub / f.name)
            start = time.perf_counter()
            proc = subprocess.run(
                TEIKIT + ["build", str(sub), "--out", str(tmp / f"out{fraction}"), "--no-cache"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            secs = time.perf_counter() - start
            peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
            line(
                f"corpus: {len(files)} novels, {mb:.1f} MB, all formats",
                secs,
                f"{mb / secs:.2f} MB/s, peak RSS {peak:.0f} MB, exit {proc.returncode}",
            )
        per_doc = secs / len(files)
        mean_mb = mb / len(files)
        parse_one = (floor_parse - floor_start) * (mean_mb / size_mb)
        if parse_one > 0:
            print(
                f"per-document cost {per_doc * 1000:.0f} ms vs parse/serialise floor "
                f"{parse_one * 1000:.1f} ms: {per_doc / parse_one:.1f}x"
            )


if __name__ == "__main__":
    main()
