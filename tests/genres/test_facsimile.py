"""Facsimiles: page images beside the text with their zones, local images copied into the
build and nothing else, web images linked and never loaded, the EPUB's appendix of page
images, a sourceDoc transcription in every format, and iiif-manifest.json read back by
iiif-prezi3 (the IIIF Presentation 3 models)."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from tests.conftest import IN_CI
from tests.formats.html_support import unresolved_links
from tests.genres.support import FIXTURES, NS, build, words
from toolkit.cli import main

SVG = "http://www.w3.org/2000/svg"


@pytest.fixture(scope="module")
def facs(tmp_path_factory):
    return build("facsimile", tmp_path_factory.mktemp("facs"))


@pytest.fixture(scope="module")
def sourcedoc(tmp_path_factory):
    return build("sourcedoc", tmp_path_factory.mktemp("sourcedoc"))


def test_local_images_are_copied_and_drawn_with_their_zones(facs):
    copied = sorted(p.name for p in (facs.html_dir / "facsimile").iterdir())
    assert copied == ["001-page1.png", "002-page2.png"]
    assert (facs.html_dir / "facsimile" / "001-page1.png").read_bytes() == (
        FIXTURES / "images" / "page1.png"
    ).read_bytes()
    index = facs.index
    (panel,) = index.xpath("//details[@class='facs-panel']")
    figures = panel.xpath(".//figure[@class='surface']")
    assert [f.get("id") for f in figures] == ["facs-s1", "facs-s2", "facs-s3"]
    svg = figures[0].xpath(".//*[local-name()='svg']")[0]
    assert svg.get("viewbox") or svg.get("viewBox")
    assert figures[0].xpath(".//*[local-name()='image']/@href") == ["facsimile/001-page1.png"]
    # Every zone is drawn, and each that text points at links to that text, which names it.
    zones = facs.tei_xpath("//t:zone")
    shapes = index.xpath(
        "//*[local-name()='rect' or local-name()='polygon'][contains(@class, 'zone')]"
    )
    assert len(shapes) == len(zones) == 5
    for shape in shapes:
        text_id = shape.get("data-text")
        (text,) = index.xpath(f"//*[@id='{text_id}']")
        assert shape.get("id") in text.get("data-facs").split()
    # (links to the copied images are to files, not pages)
    bad = [x for x in unresolved_links(facs.html_dir) if "facsimile/" not in x]
    assert bad == []


def test_page_breaks_lead_to_their_images(facs):
    breaks = facs.index.xpath("//a[contains(@class, 'pb-facs')]")
    assert [(b.get("href"), words(b.text_content())) for b in breaks] == [
        ("#facs-s1", "page [1r]"),
        ("#facs-s2", "page [1v]"),
        ("#facs-s3", "page [2r]"),
    ]


def test_web_images_are_linked_not_loaded(facs):
    index = facs.index
    remote = index.xpath("//figure[@id='facs-s3']")[0]
    assert not remote.xpath(".//img | .//*[local-name()='image']")
    links = remote.xpath(".//a/@href")
    assert links == [
        "https://iiif.example.org/iiif/3/ms42-f2r/full/max/0/default.jpg",
        "https://iiif.example.org/iiif/3/ms42-f2r/info.json",
    ]
    for url in index.xpath("//img/@src | //*[local-name()='image']/@href"):
        assert not re.match(r"^[a-z]+:|^/|\.\.", url), url


def test_epub_holds_the_local_page_images(facs):
    files = facs.epub_files
    assert "EPUB/images/001-page1.png" in files and "EPUB/images/002-page2.png" in files
    opf = files["EPUB/package.opf"].decode("utf-8")
    assert 'href="images/001-page1.png" media-type="image/png"' in opf
    assert 'schema:accessMode">visual<' in opf
    doc = facs.epub_docs["facsimile.xhtml"]
    assert doc.xpath("//h:img/@src", namespaces=NS) == [
        "images/001-page1.png",
        "images/002-page2.png",
    ]
    chunk = next(d for n, d in facs.epub_docs.items() if n.startswith("002"))
    assert (
        chunk.xpath("//h:a[@class='pb-facs']/@href", namespaces=NS)[0] == "facsimile.xhtml#facs-s1"
    )


def test_sourcedoc_transcription_in_every_format(sourcedoc):
    lines = sourcedoc.index.xpath("//div[@class='sourceDoc']/span[@class='line']")
    assert [words(x.text_content()) for x in lines][0] == "Dear Sir, I write in haste"
    assert "parcel" in sourcedoc.text and "box" in sourcedoc.text
    assert "Dear Sir, I write in haste" in words(
        "".join(sourcedoc.epub_docs["facsimile.xhtml"].itertext())
    )


def hostile_folder(tmp_path: Path) -> Path:
    """A document whose image addresses try to leave its folder or pass off other files."""
    folder = tmp_path / "doc"
    (folder / "images").mkdir(parents=True)
    (folder / "images" / "ok.png").write_bytes((FIXTURES / "images" / "page1.png").read_bytes())
    (folder / "images" / "fake.png").write_bytes(b"<script>alert(1)</script>")
    (folder / "images" / "vector.svg").write_text("<svg xmlns='http://www.w3.org/2000/svg'/>")
    (tmp_path / "secret.png").write_bytes((FIXTURES / "images" / "page2.png").read_bytes())
    os.symlink(tmp_path / "secret.png", folder / "images" / "link.png")
    urls = [
        "images/ok.png",
        "../secret.png",
        "/etc/passwd",
        str(tmp_path / "secret.png"),
        "images/link.png",
        "images/fake.png",
        "images/vector.svg",
        "images/missing.png",
        "file:///etc/passwd",
    ]
    surfaces = "".join(
        f'<surface xml:id="s{i}"><graphic url="{u}"/></surface>' for i, u in enumerate(urls)
    )
    (folder / "doc.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>t'
        "</title></titleStmt><publicationStmt><p>p</p></publicationStmt><sourceDesc><p>s</p>"
        f"</sourceDesc></fileDesc></teiHeader><facsimile>{surfaces}</facsimile><text><body>"
        '<pb n="1" facs="#s0"/><p>Text.</p></body></text></TEI>',
        encoding="utf-8",
    )
    return folder / "doc.xml"


def test_only_images_inside_the_documents_folder_are_copied(tmp_path):
    doc = hostile_folder(tmp_path)
    result = CliRunner().invoke(main, ["build", str(doc), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    copied = sorted(p.name for p in (tmp_path / "out" / "html" / "facsimile").iterdir())
    assert copied == ["001-ok.png"]
    import zipfile

    with zipfile.ZipFile(tmp_path / "out" / "epub" / "doc.epub") as zf:
        images = [n for n in zf.namelist() if n.startswith("EPUB/images/")]
    assert images == ["EPUB/images/001-ok.png"]
    for url in (
        "../secret.png",
        "/etc/passwd",
        "images/link.png",
        "images/fake.png",
        "images/vector.svg",
    ):
        assert f"page image '{url}'" in result.output, url
    page = (tmp_path / "out" / "html" / "index.html").read_text(encoding="utf-8")
    assert "secret" not in page.split("<main")[1].split("facs-panel")[0]
    assert "file:///" not in page


def test_iiif_manifest_is_read_back_by_iiif_prezi3(tmp_path):
    try:
        import iiif_prezi3
    except ImportError:
        if IN_CI:
            pytest.fail("iiif-prezi3 is required in CI (pip install -e '.[test]')")
        pytest.skip("iiif-prezi3 not installed")
    out = tmp_path / "iiif-manifest.json"
    result = CliRunner().invoke(
        main,
        [
            "export",
            str(FIXTURES / "facsimile.xml"),
            "--format",
            "iiif-manifest.json",
            "--out",
            str(out),
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    manifest = iiif_prezi3.Manifest(**data)
    assert str(manifest.id) == "https://example.org/commonplace/iiif-manifest.json"
    assert len(manifest.items) == 2
    assert [c["label"]["none"][0] for c in data["items"]] == ["1r", "1v"]
    first = manifest.items[0]
    assert (first.width, first.height) == (400, 600)
    body = data["items"][0]["items"][0]["items"][0]["body"]
    assert body["id"] == "https://example.org/commonplace/html/facsimile/001-page1.png"
    notes = data["items"][1]["annotations"][0]["items"]
    assert notes[1]["target"].endswith("#xywh=30,110,340,120")
    assert notes[1]["body"]["value"].startswith("Studies serve for delight")
    # The referee can fail: a canvas without its type is refused.
    del data["items"][0]["type"]
    data["items"][0]["type"] = "Canvas-ish"
    with pytest.raises(ValueError):
        iiif_prezi3.Manifest(**data)


def test_iiif_manifest_only_for_documents_with_images(tmp_path):
    result = CliRunner().invoke(
        main, ["export", str(FIXTURES / "verse.xml"), "--format", "iiif-manifest.json"]
    )
    assert result.exit_code == 2 and "no surface with an image" in result.output
