"""Print figures for the EPUB edition (no assertions: the figures are for reading).

    python3 bench/epub.py [--repeat 5] [--epubcheck]

Measures, in this process: compiling epub.xsl once; building the essay's EPUB (transform,
packaging and the atomic write) as the median of --repeat runs, in wall and CPU time; the
size of the EPUB and of each file in it; the median and largest build time of the 19 ELTeC
novels. With --epubcheck (needs Java and the `epubcheck` package): the time EPUBCheck 5.3
takes over the essay and the 19 novels in one Java process, and what it found.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit import formats  # noqa: E402
from toolkit.source import load  # noqa: E402
from toolkit.xslt import stylesheet  # noqa: E402

EDITION = ROOT / "tei" / "chimes-at-midnight.xml"
ELTEC = ROOT.parent / "shared" / "corpora" / "eltec-eng" / "ELTeC-eng" / "level1"


def timed_build(path: Path, out: Path, repeat: int) -> tuple[float, float, Path]:
    """Median wall and CPU seconds of building `path`'s EPUB into `out`, and the EPUB."""
    source = load(path)
    build = formats.get("epub").build
    walls, cpus = [], []
    for _ in range(repeat):
        wall, cpu = time.perf_counter(), time.process_time()
        built = build(source, out, formats.Options())
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus), built.paths[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--epubcheck", action="store_true")
    args = parser.parse_args()

    start = time.perf_counter()
    stylesheet("epub/epub.xsl")
    print(f"compile epub.xsl                     {time.perf_counter() - start:7.3f} s")

    with tempfile.TemporaryDirectory(prefix="teikit-bench-epub-") as tmp:
        tmp = Path(tmp)
        wall, cpu, essay = timed_build(EDITION, tmp / "essay", args.repeat)
        print(f"essay EPUB build (median of {args.repeat})      {wall:7.3f} s  (CPU {cpu:.3f} s)")
        print(f"  {essay.name:32} {essay.stat().st_size / 1024:8.1f} KiB")
        with zipfile.ZipFile(essay) as zf:
            for info in zf.infolist():
                print(f"    {info.filename:30} {info.file_size / 1024:8.1f} KiB")

        books = [essay]
        if ELTEC.is_dir():
            times = []
            for novel in sorted(ELTEC.glob("*.xml")):
                wall, _, book = timed_build(novel, tmp / novel.stem, 1)
                times.append(wall)
                books.append(book)
            print(
                f"ELTeC novels ({len(times)}): median {statistics.median(times):.3f} s, "
                f"max {max(times):.3f} s, total {sum(times):.3f} s"
            )

        if args.epubcheck:
            from tests.formats.epub_support import epubcheck

            start = time.perf_counter()
            found = epubcheck(books, tmp / "reports")
            seconds = time.perf_counter() - start
            bad = {p.name: len(m) for p, m in found.items() if m}
            print(
                f"EPUBCheck 5.3 over {len(books)} EPUBs (one JVM)  {seconds:7.3f} s: "
                + (f"messages in {bad}" if bad else "no errors, no warnings in any")
            )


if __name__ == "__main__":
    main()
