"""Print export timings for this machine (no assertions: the figures are for reading).

    python3 bench/export.py [--repeat 3]

Measures `teikit export --all` on the essay in a fresh process (what a user waits for),
then, in this process, the shared reading (registers, mentions, clean text) and each export
rendered from it, so a slow export shows by name.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
EDITION = ROOT / "tei" / "chimes-at-midnight.xml"


def median(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    from toolkit import exports
    from toolkit.exports.data import Edition
    from toolkit.source import load

    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "toolkit", "export", str(EDITION), "--all", "--out", tmp]
        seconds = median(lambda: subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL),
                         args.repeat)  # fmt: skip
    print(f"teikit export --all (essay, fresh process): {seconds:.2f} s")

    def read() -> Edition:
        edition = Edition(load(EDITION))
        _ = edition.mentions  # registers, mentions and the clean text
        return edition

    print(f"shared reading (load, registers, mentions, clean text): "
          f"{median(read, args.repeat):.3f} s")  # fmt: skip
    edition = read()
    for name in exports.names():
        render = exports.get(name).render
        size = len(render(edition))
        print(f"  {name:<20} {median(lambda r=render: r(edition), args.repeat) * 1000:7.1f} ms"
              f"  {size:>9,} bytes")  # fmt: skip


if __name__ == "__main__":
    main()
