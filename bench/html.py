"""Print figures for the HTML edition (no assertions: the figures are for reading).

    python3 bench/html.py [--repeat 5]

Measures, in this process: compiling html.xsl once; building the essay's HTML edition
(the transform that writes every page, plus staging and assets) as the median of --repeat
runs; the size of each page; and the median build time of the 19 ELTeC novels.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit import formats  # noqa: E402
from toolkit.source import load  # noqa: E402
from toolkit.xslt import stylesheet  # noqa: E402

EDITION = ROOT / "tei" / "chimes-at-midnight.xml"
ELTEC = ROOT.parent / "shared" / "corpora" / "eltec-eng" / "ELTeC-eng" / "level1"


def timed_build(path: Path, repeat: int) -> tuple[float, Path, tempfile.TemporaryDirectory]:
    source = load(path)
    build = formats.get("html").build
    keep = tempfile.TemporaryDirectory(prefix="teikit-bench-html-")
    out = Path(keep.name)
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        build(source, out, formats.Options())
        times.append(time.perf_counter() - start)
    return statistics.median(times), out / "html", keep


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    start = time.perf_counter()
    stylesheet("html/html.xsl")
    print(f"compile html.xsl                 {time.perf_counter() - start:7.3f} s")

    seconds, html, keep = timed_build(EDITION, args.repeat)
    print(f"essay HTML build (median of {args.repeat})  {seconds:7.3f} s")
    total = 0
    for page in sorted(p for p in html.rglob("*") if p.is_file()):
        size = page.stat().st_size
        total += size
        print(f"  {page.relative_to(html).as_posix():28} {size / 1024:8.1f} KiB")
    print(f"  {'all files':28} {total / 1024:8.1f} KiB")
    keep.cleanup()

    if ELTEC.is_dir():
        times = []
        for novel in sorted(ELTEC.glob("*.xml")):
            seconds, _, keep = timed_build(novel, 1)
            keep.cleanup()
            times.append(seconds)
        print(
            f"ELTeC novels ({len(times)}): median {statistics.median(times):.3f} s, "
            f"max {max(times):.3f} s"
        )


if __name__ == "__main__":
    main()
