"""Print build timings for this machine (no assertions: the figures are for reading).

    python3 bench/build.py [--corpus-mb 50] [--repeat 3]

Measures, each in fresh processes: the essay's full build (validate + HTML + EPUB + text),
each format alone, the print edition (format pdf, opt-in: the essay, and five novels per MB;
--no-pdf skips it), a no-op rebuild, a corpus build of the ELTeC novels copied up to about
--corpus-mb megabytes (throughput and peak memory), and the floor it is measured against: lxml
parse + serialise of the same input, and the start of a process with lxml and saxonche loaded.
It also prints what the engine alone costs to parse a novel and write its editions as built,
with no transformation logic: the part of the per-document cost no stylesheet can remove.
Targets (from the performance issue): full build < 1 s; corpus >= 5 MB/s with all three
formats, peak memory < 1 GB, linear in size; per-document cost < 30x the parse floor once
stylesheets are compiled; no-op rebuild < 0.3 s.
"""

from __future__ import annotations

import argparse
import os
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
    """Median wall seconds of running `cmd` `repeat` times, and the machine's load average."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(cmd, cwd=cwd, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times), os.getloadavg()[0]


def parse_floor(path: Path, repeat: int) -> float:
    """Median seconds to parse and serialise `path` with lxml, inside one process."""
    from lxml import etree

    data = path.read_bytes()
    return median_seconds(lambda: etree.tostring(etree.fromstring(data)), repeat)


def median_seconds(fn, repeat: int) -> float:
    """Median wall seconds of calling `fn` `repeat` times (at least 5)."""
    times = []
    for _ in range(max(5, repeat)):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def warm_ratio(novels: list[Path], out: Path, passes: int) -> None:
    """Per-document cost of all three formats once the stylesheets are compiled, against
    lxml's parse + serialise of the same file, in this process; and where that cost goes.
    Each novel's cost is its median over `passes` passes (into fresh folders)."""
    sys.path.insert(0, str(ROOT))
    from toolkit import formats
    from toolkit.source import load
    from toolkit.validation import build_gate

    options = formats.Options()
    first = load(novels[0])  # warm up: compile every stylesheet once
    for name in ("html", "epub", "text"):
        formats.get(name).build(first, out / "warm-up", options)
    build_gate(first, project=False)
    costs: dict[Path, list[float]] = {novel: [] for novel in novels}
    parts: dict[str, list[float]] = {}

    def timed(part: str, fn, *args):
        start = time.perf_counter()
        value = fn(*args)
        parts.setdefault(part, []).append(time.perf_counter() - start)
        return value

    for number in range(passes):
        for novel in novels:
            start = time.perf_counter()
            source = timed("load (lxml, safety checks)", load, novel)
            timed("validation gate (and Saxon's parse)", build_gate, source, False)
            for name in ("html", "epub", "text"):
                build = formats.get(name).build
                folder = out / f"{number}" / novel.stem
                timed(f"{name} (transform + writing)", build, source, folder, options)
            costs[novel].append(time.perf_counter() - start)
    cost = {novel: statistics.median(times) for novel, times in costs.items()}
    floors = {novel: parse_floor(novel, 5) for novel in novels}
    ratios = [cost[novel] / floors[novel] for novel in novels]
    median_ms = statistics.median(cost.values()) * 1000
    print(
        f"warm per-document cost over {len(novels)} novels ({passes} passes): median "
        f"{median_ms:.0f} ms, {statistics.median(ratios):.1f}x the parse/serialise floor "
        f"(max {max(ratios):.1f}x)"
    )
    total = sum(sum(times) for times in costs.values())
    for part, times in parts.items():
        share = sum(times) / total
        print(f"  {part:<40} median {statistics.median(times) * 1000:6.1f} ms  {share:5.1%}")
    engine_floor(floors, out / "0", passes)


#: Stylesheets that only write what they are given, with the output methods of the builds:
#: the HTML pages (method html, each a file), the EPUB's files (serialised to strings, as the
#: EPUB stylesheet hands them over), the text edition (method text, a file) and the search
#: index (method json, written $copies times from one parse, so that the parse cancels out).
_WRITE_ONLY = {
    "html": """<xsl:template match="/"><xsl:for-each select="/*/*">
        <xsl:result-document href="{position()}.html" method="html" html-version="5"
          include-content-type="no"><xsl:copy-of select="."/></xsl:result-document>
      </xsl:for-each></xsl:template>""",
    "epub": """<xsl:template match="/"><xsl:for-each select="/*/*">
        <xsl:sequence select="serialize(., map{'method': 'xhtml', 'html-version': 5})"/>
      </xsl:for-each></xsl:template>""",
    "text": """<xsl:output method="text"/>
      <xsl:template match="/"><xsl:sequence select="string(/*)"/></xsl:template>""",
    "json": """<xsl:param name="data"/><xsl:param name="copies"/>
      <xsl:template match="/"><xsl:variable name="index" select="parse-json($data)"/>
        <xsl:for-each select="1 to xs:integer($copies)">
          <xsl:result-document href="{.}.json" method="json"><xsl:sequence select="$index"/>
          </xsl:result-document></xsl:for-each>
        <xsl:sequence select="count($index)"/></xsl:template>""",
}


def write_only_costs(novel: Path, built: Path, sheets: dict, scratch: Path, repeat: int):
    """Seconds the engine takes to parse `novel` and to write its editions as built under
    `built` (no logic), and zlib to compress the EPUB's files. The HTML search index, a script,
    is written as the JSON it wraps."""
    import zipfile
    import zlib

    from lxml import etree, html

    from toolkit import xslt
    from toolkit.output import ZIP_LEVEL
    from toolkit.source import load

    def holding(trees) -> object:
        """One Saxon document whose root holds `trees` (one run writes them all)."""
        root = etree.Element("all")
        root.extend(trees)
        return xslt.parse(etree.tostring(root, encoding="unicode"))

    text = load(novel).xml_text()
    pages = holding(
        html.document_fromstring(p.read_bytes()) for p in sorted((built / "html").glob("*.html"))
    )
    with zipfile.ZipFile(built / "epub" / f"{novel.stem}.epub") as epub:
        names = [name for name in epub.namelist() if name != "mimetype"]
        payload = [epub.read(name) for name in names]
        files = holding(
            etree.fromstring(epub.read(name)) for name in names if name.endswith((".xhtml", ".opf"))
        )
    plain = etree.Element("text")
    plain.text = (built / "text" / f"{novel.stem}.txt").read_text(encoding="utf-8")
    plain = xslt.parse(etree.tostring(plain, encoding="unicode"))

    def write_pages():
        sheets["html"].run("", document=pages, base_output=scratch, output=scratch / "0.html")

    def write_epub_files():
        return [s.encode() for s in sheets["epub"].run("", document=files, items=True).items]

    index = (built / "html" / "search-index.js").read_text(encoding="utf-8")
    index = index[index.index("= ") + 2 :].rstrip().removesuffix(";")

    def write_index(copies: int):
        params = {"data": index, "copies": copies}
        sheets["json"].run("", params, document=plain, base_output=scratch)

    def compress():
        return [zlib.compressobj(ZIP_LEVEL, zlib.DEFLATED, -15).compress(b) for b in payload]

    return {
        "Saxon parses the source": median_seconds(lambda: xslt.parse(text), repeat),
        "writes the HTML pages": median_seconds(write_pages, repeat),
        "writes the EPUB's files (as strings)": median_seconds(write_epub_files, repeat),
        "writes the text edition": median_seconds(
            lambda: sheets["text"].run("", document=plain, output=scratch / "text.txt"), repeat
        ),
        "writes the search index": (
            median_seconds(lambda: write_index(4), repeat)
            - median_seconds(lambda: write_index(0), repeat)
        )
        / 4,
        "zlib compresses the EPUB's files": median_seconds(compress, repeat),
    }


def engine_floor(floors: dict[Path, float], built: Path, passes: int) -> None:
    """What the engine costs with no transformation logic at all: Saxon parses the source and
    writes each novel's three editions as already built (HTML pages, EPUB files, text), and
    zlib compresses the EPUB's files, against each novel's lxml floor (`floors`, measured by
    the warm pass). Loading, the validation gate and every transformation are left out: a
    lower bound of any build through the engine."""
    from toolkit import xslt

    sheets = {
        name: xslt.Stylesheet(
            Path(f"write-only-{name}.xsl"),
            text='<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform"'
            f' xmlns:xs="http://www.w3.org/2001/XMLSchema">{body}</xsl:stylesheet>',
        )
        for name, body in _WRITE_ONLY.items()
    }
    parts: dict[str, list[float]] = {}
    ratios = []
    for novel, floor in floors.items():
        costs = write_only_costs(novel, built / novel.stem, sheets, built.parent / "w", passes)
        for part, seconds in costs.items():
            parts.setdefault(part, []).append(seconds)
        ratios.append(sum(costs.values()) / floor)
    total = sum(statistics.median(times) for times in parts.values())
    print(
        f"floor of the engine, no transformation logic (lower bound): median {total * 1000:.0f} "
        f"ms, {statistics.median(ratios):.1f}x the parse/serialise floor "
        f"(min {min(ratios):.1f}x)"
    )
    for part, times in parts.items():
        print(f"  {part:<40} median {statistics.median(times) * 1000:6.1f} ms")


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, in MB (Linux /proc). The tree is
    walked through each thread's list of children, not by reading every process of the
    machine: the sampling must take as little as possible from the build it measures."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        proc = Path("/proc") / str(p)
        try:
            for row in (proc / "status").read_text().splitlines():
                if row.startswith("VmRSS:"):
                    total += int(row.split()[1])
            for task in (proc / "task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except OSError:
            pass
    return total / 1024


def run_sampled(cmd: list[str]) -> tuple[float, float, int]:
    """Wall seconds, peak summed RSS (MB) of the process tree, and the exit status."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    peak = 0.0
    while proc.poll() is None:
        peak = max(peak, tree_rss_mb(proc.pid))
        time.sleep(0.05)
    return time.perf_counter() - start, peak, proc.returncode


def pdf_figures(out: Path, novels_out: Path) -> None:
    """The print edition (opt-in format pdf, not in the default build): the essay alone, once
    (each part of the book laid out once or a few times: see toolkit/formats/pdf.py), and the
    novels of PDF_NOVELS in one build of two processes, per MB of TEI."""
    from pypdf import PdfReader

    cmd = TEIKIT + ["build", str(EDITION), "--format", "pdf", "--out", str(out), "--no-cache"]
    secs, peak, _ = run_sampled(cmd)
    pdf = out / "pdf" / f"{EDITION.stem}.pdf"
    pages = len(PdfReader(pdf).pages)
    line(
        "essay pdf alone (typeset, tagged PDF/UA-1)",
        secs,
        f"{pages} pages, {pdf.stat().st_size / 1e6:.2f} MB, {secs / pages * 1000:.0f} ms/page, "
        f"peak RSS {peak:.0f} MB",
    )
    novels = [ELTEC / name for name in PDF_NOVELS if (ELTEC / name).is_file()]
    if not novels:
        return
    mb = sum(n.stat().st_size for n in novels) / 1e6
    cmd = TEIKIT + ["build", *map(str, novels), "--format", "pdf", "--out", str(novels_out)]
    secs, peak, _ = run_sampled(cmd + ["--no-cache", "--jobs", "2"])
    pdfs = sorted(novels_out.glob("*/pdf/*.pdf"))
    pages = sum(len(PdfReader(p).pages) for p in pdfs)
    size = sum(p.stat().st_size for p in pdfs) / 1e6
    line(
        f"pdf: {len(novels)} novels, {mb:.2f} MB of TEI, 2 processes",
        secs,
        f"{secs / mb:.1f} s/MB, {pages} pages, {size:.1f} MB of PDF, peak RSS {peak:.0f} MB",
    )


#: The novels whose print editions the bench times (the tests build the same five).
PDF_NOVELS = [
    "ENG18872_Lyall.xml",
    "ENG18652_Carroll.xml",
    "ENG18910_Yeats.xml",
    "ENG19011_Jerome.xml",
    "ENG19170_Conrad.xml",
]


def line(label: str, seconds: float, extra: str = "") -> None:
    print(f"{label:<52} {seconds * 1000:9.0f} ms  {extra}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus-mb", type=float, default=50.0)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument(
        "--no-pdf", dest="pdf", action="store_false", help="skip the print edition (minutes)"
    )
    args = ap.parse_args()
    print(
        f"machine: {os.cpu_count()} cores, python {sys.version.split()[0]}, "
        f"load average {os.getloadavg()[0]:.1f} (figures from a busy machine run high)"
    )

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        start_code = "import lxml.etree, saxonche; saxonche.PySaxonProcessor(license=False)"
        floor_start, _ = wall([sys.executable, "-c", start_code], args.repeat)
        line("floor: process start with lxml + saxonche", floor_start)
        line("floor: lxml parse + serialise of the essay, in process", parse_floor(EDITION, 9))

        out = tmp / "essay"
        full, _ = wall(TEIKIT + ["build", "--out", str(out), "--no-cache"], args.repeat, cwd=ROOT)
        line("essay full build (validate+html+epub+text)", full, f"{full / floor_start:.1f}x start")
        for fmt in ("html", "epub", "text"):
            t, _ = wall(
                TEIKIT + ["build", str(EDITION), "--format", fmt, "--out", str(out), "--no-cache"],
                args.repeat,
            )
            line(f"essay {fmt} alone", t)
        if args.pdf:
            pdf_figures(out, tmp / "pdf-novels")
        wall(TEIKIT + ["build", "--out", str(out)], 1, cwd=ROOT)  # prime the cache
        noop, _ = wall(TEIKIT + ["build", "--out", str(out)], args.repeat, cwd=ROOT)
        line("no-op rebuild (nothing changed)", noop)

        if not ELTEC.is_dir():
            print("ELTeC corpus not found; corpus figures skipped")
            return
        novels = sorted(ELTEC.glob("*.xml"))
        corpus = tmp / "corpus" / "level1"
        corpus.mkdir(parents=True)
        shutil.copytree(ELTEC.parent.parent / "Schemas", tmp / "Schemas")
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
            cmd = TEIKIT + ["build", str(sub), "--out", str(tmp / f"out{fraction}"), "--no-cache"]
            secs, peak, status = run_sampled(cmd)
            line(
                f"corpus: {len(files)} novels, {mb:.1f} MB, all formats",
                secs,
                f"{mb / secs:.2f} MB/s, peak RSS (all processes) {peak:.0f} MB, exit {status}",
            )
        warm_ratio(novels, tmp / "warm", args.repeat)


if __name__ == "__main__":
    main()
