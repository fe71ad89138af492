"""Real TEI (tests/realtei): validate and build time per MB next to jing, and each edition's
word coverage (toolkit.coverage), per document.

    python3 bench/realtei.py

Prints, for each document: its size, teikit's validate time and jing's on the same RELAX NG
(the project's schema, else TEI All), the build time of all formats, and the share of the
source's words in the HTML, EPUB and text editions; then the totals per MB. The TEI
Consortium's stylesheets (TEIC/Stylesheets, not shipped) are timed too when a checkout is
named by TEIC_STYLESHEETS (its html/html.xsl run by Saxon on each document); the column is
left out otherwise.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.realtei.corpus import TEI_ALL, documents  # noqa: E402
from toolkit import coverage, source  # noqa: E402
from toolkit.validation import jing  # noqa: E402


def timed(cmd: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    run = subprocess.run(cmd, capture_output=True, cwd=ROOT)
    return time.perf_counter() - start, run.returncode


def teic_time(doc: Path, out: Path) -> float | None:
    folder = os.environ.get("TEIC_STYLESHEETS")
    xsl = Path(folder) / "html" / "html.xsl" if folder else None
    if xsl is None or not xsl.is_file():
        return None
    from saxonche import PySaxonProcessor

    with PySaxonProcessor(license=False) as proc:
        start = time.perf_counter()
        try:
            exe = proc.new_xslt30_processor().compile_stylesheet(stylesheet_file=str(xsl))
            exe.transform_to_file(source_file=str(doc), output_file=str(out / "teic.html"))
        except Exception:  # noqa: BLE001 - the column says it did not run
            return float("nan")
        return time.perf_counter() - start


def main() -> None:
    jing_cmd = jing.command()
    teikit = [sys.executable, "-m", "toolkit"]
    totals = {"mb": 0.0, "validate": 0.0, "jing": 0.0, "build": 0.0, "teic": 0.0}
    teic_seen = False
    print(f"{'document':44} {'KB':>6} {'validate':>8} {'jing':>6} {'build':>6} {'TEIC':>6}"
          f"  coverage html/epub/text")  # fmt: skip
    for doc in documents():
        schema = doc.schema or TEI_ALL
        size = doc.path.stat().st_size / 1e6
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp)
            v, _ = timed([*teikit, "validate", str(doc.path), "--schema", str(schema)])
            j = timed([*jing_cmd, str(schema), str(doc.path)])[0] if jing_cmd else float("nan")
            b, code = timed([*teikit, "build", str(doc.path), "--out", str(out), "--no-cache"])
            t = teic_time(doc.path, out)
            shares = []
            if code in (0, 1):
                words = coverage.source_tokens(source.load(doc.path).root)
                stem = doc.path.stem
                for fmt, path in (
                    ("html", out / "html"),
                    ("epub", out / "epub" / f"{stem}.epub"),
                    ("text", out / "text" / f"{stem}.txt"),
                ):
                    found = coverage.measure(words, coverage.output_words(path, fmt))
                    shares.append(f"{found.share:.1%}")
            else:
                shares = [f"build exit {code}"]
        totals["mb"] += size
        totals["validate"] += v
        totals["jing"] += j
        totals["build"] += b
        if t is not None:
            teic_seen = True
            totals["teic"] += t
        teic = f"{t:6.2f}" if t is not None else "     -"
        print(f"{doc.id[:44]:44} {size * 1000:6.0f} {v:8.2f} {j:6.2f} {b:6.2f} {teic}  "
              + " / ".join(shares))  # fmt: skip
    mb = totals["mb"]
    print(f"\n{mb:.2f} MB: validate {totals['validate'] / mb:.1f} s/MB, "
          f"jing {totals['jing'] / mb:.1f} s/MB, "
          f"build (all formats) {totals['build'] / mb:.1f} s/MB"
          + (f", TEIC html {totals['teic'] / mb:.1f} s/MB" if teic_seen else ""))  # fmt: skip


if __name__ == "__main__":
    main()
