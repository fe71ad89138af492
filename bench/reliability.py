"""Print the time and peak memory of every command on hostile and large inputs (no
assertions: the figures are for reading; tests/reliability/test_resources.py holds the
generous bounds).

    python3 bench/reliability.py [--only NAME ...] [--timeout SECONDS]

Each command runs as a fresh process (`python -m toolkit ...`); the peak memory is the
process's maximum resident set (wait4). Inputs: every file in tests/fixtures/hostile/ and
../shared/hostile/, and the generated ones of tests/reliability/inputs.py (a 30 MB text
node, an XInclude bomb, 20,000 paragraphs, notes or pointers, 100,000 attributes...).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import HOSTILE  # noqa: E402
from tests.reliability import inputs  # noqa: E402
from tests.reliability.support import ALL_FORMATS, OWN_HOSTILE, run_measured  # noqa: E402

COMMANDS = {
    "validate": lambda path, out: ["validate", path],
    "build": lambda path, out: ["build", path, "--format", ALL_FORMATS, "--out", out],
    "check": lambda path, out: ["check", path],
    "export": lambda path, out: ["export", path, "--all", "--out", out / "export"],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", nargs="*", help="input names (stems) to measure")
    parser.add_argument("--timeout", type=float, default=600)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="teikit-bench-") as tmp:
        tmp = Path(tmp)
        cases = {p.stem: p for p in sorted(OWN_HOSTILE.glob("*.xml"))}
        cases.update({p.stem: p for p in sorted(HOSTILE.glob("*.xml"))})
        for name, make in inputs.GENERATED.items():
            if args.only and name not in args.only:
                continue
            folder = tmp / "in" / name
            folder.mkdir(parents=True)
            cases[name] = make(folder)
        print(f"{'input':<28}{'bytes':>12}  " + "  ".join(f"{c:>17}" for c in COMMANDS))
        for name, path in cases.items():
            if args.only and name not in args.only:
                continue
            size = sum(p.stat().st_size for p in path.parent.glob("*.xml"))
            size = size if path.parent.parent == tmp / "in" else path.stat().st_size
            cells = []
            for command, make_args in COMMANDS.items():
                out = tmp / "out" / name / command
                result = run_measured(make_args(path, out), timeout=args.timeout)
                status = "kill" if result.timed_out else str(result.returncode)
                cells.append(f"{result.seconds:6.1f} s {result.max_rss >> 20:4d} MB {status:>1}")
            print(f"{name:<28}{size:>12}  " + "  ".join(cells), flush=True)
    print("(each cell: wall time, peak resident memory, exit status)")


if __name__ == "__main__":
    main()
