"""Real TEI (tests/realtei): validate and build time per MB next to jing and the TEI
Consortium's stylesheets, and each edition's word coverage (toolkit.coverage), per document.

    python3 bench/realtei.py [--repeat 5]
    TEIC_STYLESHEETS=/path/to/TEIC/Stylesheets python3 bench/realtei.py

Prints, for each document: its size; `teikit validate` of the file alone and jing alone on
the same RELAX NG (the project's schema, else TEI All) and the same document (with its
XIncludes expanded, as teikit gives it to jing), each in a fresh process as a user would run
them (`java -jar jing.jar`), the median of --repeat runs taken in turn; `teikit build` of
all formats in a fresh process; the HTML edition alone built warm (stylesheets compiled,
median of --repeat), next to the TEI Consortium's html/html.xsl run warm by the same Saxon
(saxonche) when TEIC_STYLESHEETS names a checkout of TEIC/Stylesheets (not shipped; "-"
without one, "err" where it stops with an error, as on an apparatus whose witnesses it looks
for as files); and the share of the source's words in the HTML, EPUB and text editions. Then
totals per MB, with `teikit validate` of all documents of a schema in one run (its files
share one Java run of jing).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.build import median_seconds  # noqa: E402
from tests.realtei.corpus import TEI_ALL, documents  # noqa: E402
from toolkit import coverage, source  # noqa: E402
from toolkit.formats import Options  # noqa: E402
from toolkit.formats import html as html_format  # noqa: E402
from toolkit.validation import jing  # noqa: E402

TEIKIT = [sys.executable, "-m", "toolkit"]


def timed(cmd: list[str]) -> tuple[float, int]:
    start = time.perf_counter()
    run = subprocess.run(cmd, capture_output=True, cwd=ROOT)
    return time.perf_counter() - start, run.returncode


class Teic:
    """The TEI Consortium's html/html.xsl, compiled once by saxonche."""

    def __init__(self, folder: str | None):
        self.exe = None
        self.why = "TEIC_STYLESHEETS is not set"
        xsl = Path(folder) / "html" / "html.xsl" if folder else None
        if xsl is None:
            return
        if not xsl.is_file():
            self.why = f"{xsl} does not exist"
            return
        from saxonche import PySaxonProcessor

        self.proc = PySaxonProcessor(license=False)
        start = time.perf_counter()
        try:
            self.exe = self.proc.new_xslt30_processor().compile_stylesheet(stylesheet_file=str(xsl))
        except Exception as err:  # noqa: BLE001 - the column says why it did not run
            self.why = f"html.xsl did not compile: {err}"
            return
        self.compile_seconds = time.perf_counter() - start

    def html(self, doc: Path, out: Path) -> None:
        self.exe.set_base_output_uri(out.as_uri() + "/")
        self.exe.transform_to_file(source_file=str(doc), output_file=str(out / "teic.html"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="passes of each warm measure (5+)")
    args = parser.parse_args()
    jing_cmd = jing.reference_command()
    teic = Teic(os.environ.get("TEIC_STYLESHEETS"))
    totals: dict[str, float] = defaultdict(float)
    by_schema: dict[Path, list[Path]] = defaultdict(list)
    slower = 0
    print(f"{'document':44} {'KB':>5} {'valid.':>6} {'jing':>5} {'build':>6} {'html':>5} "
          f"{'TEIC':>5}  coverage html/epub/text")  # fmt: skip
    for doc in documents():
        schema = doc.schema or TEI_ALL
        by_schema[schema].append(doc.path)
        size = doc.path.stat().st_size / 1e6
        with tempfile.TemporaryDirectory() as tmp:
            out = Path(tmp)
            loaded = source.load(doc.path)
            # jing reads what teikit gives it: the file, or the file with its XIncludes
            # expanded (which is what both check then)
            target = jing._target(loaded, out, 0)[0]
            v_runs, j_runs = [], []
            for _ in range(args.repeat):  # interleaved, each a fresh process
                v_runs.append(
                    timed([*TEIKIT, "validate", str(doc.path), "--schema", str(schema)])[0]
                )
                if jing_cmd:
                    j_runs.append(timed([*jing_cmd, str(schema), str(target)])[0])
            v = statistics.median(v_runs)
            j = statistics.median(j_runs) if j_runs else float("nan")
            slower += v > j
            b, code = timed([*TEIKIT, "build", str(doc.path), "--out", str(out), "--no-cache"])
            warm = median_seconds(
                partial(html_format.build, loaded, out / "warm", Options()), args.repeat
            )
            t = None
            if teic.exe is not None:
                try:
                    t = median_seconds(partial(teic.html, doc.path, out / "teic"), args.repeat)
                except Exception:  # noqa: BLE001 - a document TEIC's stylesheets refuse
                    t = float("nan")
            shares = []
            if code in (0, 1):
                words = coverage.source_tokens(loaded.root)
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
        for key, value in (("mb", size), ("validate", v), ("jing", j), ("build", b),
                           ("html", warm)):  # fmt: skip
            totals[key] += value
        if t is not None and t == t:  # the documents TEIC's stylesheets build
            totals["teic"] += t
            totals["teic-mb"] += size
            totals["html-teic"] += warm
        teic_col = "    -" if t is None else "  err" if t != t else f"{t:5.2f}"
        print(f"{doc.id[:44]:44} {size * 1000:5.0f} {v:6.2f} {j:5.2f} {b:6.2f} {warm:5.2f} "
              f"{teic_col}  " + " / ".join(shares))  # fmt: skip
    batch = 0.0
    for schema, paths in by_schema.items():
        batch += timed([*TEIKIT, "validate", *map(str, paths), "--schema", str(schema)])[0]
    mb = totals["mb"]
    print(f"\n{mb:.2f} MB in {len(documents())} documents, seconds per MB:")
    print(f"  validate, each file in its own run      {totals['validate'] / mb:6.1f}")
    print(f"  validate, one run per schema ({len(by_schema)} runs)     {batch / mb:6.1f}")
    print(f"  jing, each file in its own run          {totals['jing'] / mb:6.1f}")
    print(f"  (validate took longer than jing on {slower} of {len(documents())} documents)")
    print(f"  build, all formats, each file its run   {totals['build'] / mb:6.1f}")
    print(f"  HTML edition, warm                      {totals['html'] / mb:6.1f}")
    if teic.exe is not None and totals["teic-mb"]:
        on = totals["teic-mb"]
        print(f"  TEIC html/html.xsl, warm                {totals['teic'] / on:6.1f}"
              f"   (on the {on:.2f} MB it builds, where the HTML edition takes"
              f" {totals['html-teic'] / on:.1f}; compiled once in"
              f" {teic.compile_seconds:.1f} s)")  # fmt: skip
    else:
        print(f"  TEIC html/html.xsl: not run ({teic.why})")


if __name__ == "__main__":
    main()
