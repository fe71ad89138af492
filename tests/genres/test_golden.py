"""Golden files of every genre fixture in every format: the HTML pages a genre makes, the
EPUB's package and content documents, the plain text. Regenerate on purpose with
`pytest --update-golden tests/genres` and review the diff."""

from __future__ import annotations

import difflib
import shutil

import pytest

from tests.genres.support import GENRE_FIXTURES, GOLDEN, build, normalise

#: HTML pages compared (the others are the same for every document and have their own goldens).
HTML_PAGES = ("index.html", "speakers.html", "headwords.html")


def rendered(built) -> dict[str, str]:
    got = {}
    for name in HTML_PAGES:
        page = built.html_dir / name
        if page.is_file():
            got[f"html_{name}"] = normalise(page.read_text(encoding="utf-8"))
    for name, data in sorted(built.epub_files.items()):
        if name.endswith((".xhtml", ".opf", ".css")) and name != "EPUB/css/epub.css":
            got["epub_" + name.removeprefix("EPUB/").replace("/", "_")] = normalise(
                data.decode("utf-8")
            )
    css = built.html_dir / "rendition.css"
    if css.is_file():
        got["html_rendition.css"] = css.read_text(encoding="utf-8")
    got["text.txt"] = built.text
    return got


@pytest.mark.parametrize("stem", GENRE_FIXTURES)
def test_golden(stem, tmp_path, request):
    built = build(stem, tmp_path)
    got = rendered(built)
    golden = GOLDEN / stem
    if request.config.getoption("--update-golden"):
        shutil.rmtree(golden, ignore_errors=True)
        golden.mkdir(parents=True)
        for name, content in got.items():
            (golden / name).write_text(content, encoding="utf-8")
        return
    assert golden.is_dir(), f"{golden} missing: run pytest --update-golden and review it"
    assert sorted(p.name for p in golden.iterdir()) == sorted(got)
    problems = []
    for name, content in got.items():
        want = (golden / name).read_text(encoding="utf-8")
        if content != want:
            diff = difflib.unified_diff(
                want.splitlines(), content.splitlines(), name, name, lineterm=""
            )
            problems.append("\n".join(list(diff)[:30]))
    assert not problems, "differs from golden (pytest --update-golden):\n" + "\n".join(problems)
