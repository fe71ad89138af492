"""Print timings of `teikit check` (no assertions: the figures are for reading).

    python3 bench/check.py [--repeat 5]

Measures, in this process: loading the essay, finding positions, reading its registers and
the whole check; then `teikit check` on the essay as a fresh process, and on every ELTeC
novel (throughput). Target (issue 4): the whole check of the essay (about 400 KB, about 190
register entries) well under a second, process start included.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from toolkit import registers  # noqa: E402
from toolkit.check import check  # noqa: E402
from toolkit.positions import Positions  # noqa: E402
from toolkit.source import load  # noqa: E402

EDITION = ROOT / "tei" / "chimes-at-midnight.xml"
ELTEC = ROOT.parent / "shared" / "corpora" / "eltec-eng" / "ELTeC-eng" / "level1"


def median_ms(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def line(label: str, ms: float, extra: str = "") -> None:
    print(f"{label:<52} {ms:9.1f} ms  {extra}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    size_kb = EDITION.stat().st_size / 1024
    source = load(EDITION)
    regs = registers.read(source)
    print(
        f"essay: {size_kb:.0f} KB, {len(regs.entries)} register entries, "
        f"{len(regs.mentions)} mentions"
    )
    line("load (parse, safety checks)", median_ms(lambda: load(EDITION), args.repeat))
    line("positions (lines and columns)", median_ms(lambda: Positions(source), args.repeat))
    line("registers.read", median_ms(lambda: registers.read(source), args.repeat))
    line("check (everything after load)", median_ms(lambda: check(source), args.repeat))
    cli = [sys.executable, "-m", "toolkit", "check", str(EDITION)]
    run = lambda: subprocess.run(cli, stdout=subprocess.DEVNULL, cwd=ROOT)  # noqa: E731
    line("teikit check on the essay (fresh process)", median_ms(run, args.repeat))
    novels = sorted(ELTEC.glob("*.xml")) if ELTEC.is_dir() else []
    if not novels:
        print("ELTeC corpus not found; corpus figure skipped")
        return
    mb = sum(p.stat().st_size for p in novels) / 1e6
    cli = [sys.executable, "-m", "toolkit", "check", *map(str, novels)]
    ms = median_ms(lambda: subprocess.run(cli, stdout=subprocess.DEVNULL), args.repeat)
    line(
        f"teikit check on {len(novels)} ELTeC novels ({mb:.1f} MB)",
        ms,
        f"{mb / (ms / 1000):.1f} MB/s",
    )


if __name__ == "__main__":
    main()
