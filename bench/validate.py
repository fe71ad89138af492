"""Print validation timings for this machine (no assertions: the figures are for reading).

    python3 bench/validate.py [--repeat 7]

Measures, in fresh processes: `teikit validate` on the edition (project RELAX NG, the TEI
constraints it embeds, the edition's Schematron with the universal rules) against jing with
TEI All on the same file, and the start of a process that only loads lxml and saxonche;
then the 19 ELTeC level-1 novels in one `teikit validate` run (per file) against jing with
eltec-1.rng, and per file inside one process once the schemas are compiled.
Targets (issue 5): the edition in under 0.5 s, and under half the time jing takes.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
EDITION = ROOT / "tei" / "chimes-at-midnight.xml"
SHARED = ROOT.parent / "shared"
TEI_ALL = SHARED / "reference" / "tei_all.rng"
ELTEC = SHARED / "corpora" / "eltec-eng" / "ELTeC-eng" / "level1"
ELTEC_RNG = SHARED / "corpora" / "eltec-eng" / "Schemas" / "eltec-1.rng"
TEIKIT = [sys.executable, "-m", "toolkit"]


def wall(cmd: list[str], repeat: int) -> tuple[float, float, float]:
    """Median and fastest wall seconds of `cmd`, and its median CPU seconds (user + system,
    all threads: a figure other processes on the machine do not inflate). Exit status 0 or
    1 both count as a run."""
    times, cpu = [], []
    for _ in range(repeat):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        result = subprocess.run(cmd, cwd=ROOT, capture_output=True)
        times.append(time.perf_counter() - start)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        if result.returncode not in (0, 1):
            raise SystemExit(f"{' '.join(cmd)} failed: {result.stderr.decode()[:500]}")
    return statistics.median(times), min(times), statistics.median(cpu)


def line(label: str, times: tuple[float, float, float], extra: str = "") -> None:
    median, fastest, cpu = times
    print(
        f"{label:<56} {median * 1000:6.0f} ms  (fastest {fastest * 1000:4.0f}, "
        f"cpu {cpu * 1000:4.0f})  {extra}"
    )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=7)
    args = ap.parse_args()
    print(f"machine: {os.cpu_count()} cores, python {sys.version.split()[0]}")
    jing = shutil.which("jing")

    floor = wall(
        [sys.executable, "-c", "import lxml.etree, saxonche; saxonche.PySaxonProcessor()"],
        args.repeat,
    )
    line("process start with lxml + saxonche (floor)", floor)
    ours = wall([*TEIKIT, "validate", str(EDITION)], args.repeat)
    line(f"teikit validate {EDITION.name}", ours, "target < 500 ms")
    if jing and TEI_ALL.is_file():
        theirs = wall([jing, str(TEI_ALL), str(EDITION)], args.repeat)
        line(f"jing tei_all.rng {EDITION.name}", theirs)
        ratio = f"{ours[0] / theirs[0]:6.2f}     (cpu {ours[2] / theirs[2]:.2f})"
        print(f"{'ratio teikit / jing, wall (median)':<56} {ratio}  target < 0.50")
    else:
        print("jing or tei_all.rng missing: no comparison")
    print(f"load average when measured: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")

    novels = sorted(ELTEC.glob("*.xml"))
    if not novels:
        print("ELTeC corpus missing: no corpus figures")
        return
    size = sum(p.stat().st_size for p in novels) / 1e6
    batch = wall([*TEIKIT, "validate", *map(str, novels)], max(3, args.repeat // 2))
    line(
        f"teikit validate, {len(novels)} ELTeC novels ({size:.1f} MB), one run",
        batch,
        f"{batch[0] / len(novels) * 1000:.0f} ms a file",
    )
    if jing:
        jbatch = wall([jing, str(ELTEC_RNG), *map(str, novels)], max(3, args.repeat // 2))
        line(
            f"jing eltec-1.rng (RELAX NG only), same {len(novels)} novels",
            jbatch,
            f"{jbatch[0] / len(novels) * 1000:.0f} ms a file",
        )

    from toolkit.source import load
    from toolkit.validation import validate

    validate(load(novels[0]))  # compile the schemas
    print("per file, in one process, schemas compiled:")
    per = []
    for path in novels:
        start = time.perf_counter()
        findings = validate(load(path))
        per.append(time.perf_counter() - start)
        errors = sum(f.severity in ("error", "fatal") for f in findings)
        kb = path.stat().st_size / 1024
        print(f"  {path.name:<28} {kb:6.0f} kB {per[-1] * 1000:6.1f} ms  {errors} error(s)")
    print(
        f"  median {statistics.median(per) * 1000:.1f} ms a file, "
        f"{size / sum(per):.1f} MB/s (load + RELAX NG + Schematron)"
    )


if __name__ == "__main__":
    main()
