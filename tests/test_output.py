"""toolkit.output: atomic writes and deterministic zips."""

from __future__ import annotations

import zipfile

import pytest

from toolkit.output import build_epoch, staged_dir, staged_file, write_bytes, zip_bytes


def test_write_bytes_replaces_and_leaves_no_temp(tmp_path):
    target = tmp_path / "a" / "out.txt"
    write_bytes(target, b"one")
    write_bytes(target, b"two")
    assert target.read_bytes() == b"two"
    assert [p.name for p in target.parent.iterdir()] == ["out.txt"]


def test_staged_file_is_renamed_into_place_only_on_success(tmp_path):
    target = tmp_path / "text" / "out.txt"
    write_bytes(target, b"earlier")
    with pytest.raises(RuntimeError), staged_file(target) as tmp:
        tmp.write_bytes(b"half")
        raise RuntimeError("the writer failed")
    assert target.read_bytes() == b"earlier"
    assert [p.name for p in target.parent.iterdir()] == ["out.txt"]
    with staged_file(target) as tmp:
        assert tmp.parent == target.parent and tmp != target
        assert target.read_bytes() == b"earlier"  # untouched until the writer is done
        tmp.write_bytes(b"later")
    assert target.read_bytes() == b"later"
    assert target.stat().st_mode & 0o777 == 0o644
    assert [p.name for p in target.parent.iterdir()] == ["out.txt"]


def test_engine_writes_a_transform_result_into_a_staged_file(tmp_path):
    from toolkit.errors import TransformError
    from toolkit.xslt import Stylesheet

    sheet = tmp_path / "s.xsl"
    sheet.write_text(
        '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
        '<xsl:output method="text" encoding="UTF-8"/>'
        '<xsl:template match="/">é <xsl:value-of select="/r"/></xsl:template>'
        "</xsl:stylesheet>",
        encoding="utf-8",
    )
    target = tmp_path / "out dir é" / "r.txt"
    with staged_file(target) as tmp:
        result = Stylesheet(sheet).run("<r>x&#8212;y</r>", output=tmp)
    assert result.text == ""
    assert target.read_bytes() == "é x\u2014y".encode()
    # A transform that fails after it has begun to write leaves the earlier file alone.
    failing = tmp_path / "f.xsl"
    failing.write_text(
        sheet.read_text(encoding="utf-8").replace(
            '<xsl:value-of select="/r"/>',
            '<xsl:value-of select="/r"/><xsl:sequence select="error((), \'stop\')"/>',
        ),
        encoding="utf-8",
    )
    with pytest.raises(TransformError), staged_file(target) as tmp:
        Stylesheet(failing).run("<r>later</r>", output=tmp)
    assert target.read_bytes() == "é x\u2014y".encode()
    assert [p.name for p in target.parent.iterdir()] == ["r.txt"]


def test_staged_dir_swaps_whole_folder(tmp_path):
    target = tmp_path / "html"
    with staged_dir(target) as tmp:
        (tmp / "index.html").write_text("old")
    with staged_dir(target) as tmp:
        (tmp / "index.html").write_text("new")
        (tmp / "more.html").write_text("more")
    assert sorted(p.name for p in target.iterdir()) == ["index.html", "more.html"]
    assert (target / "index.html").read_text() == "new"
    assert [p.name for p in tmp_path.iterdir()] == ["html"]


def test_failed_stage_keeps_previous_output(tmp_path):
    target = tmp_path / "html"
    with staged_dir(target) as tmp:
        (tmp / "index.html").write_text("good")
    with pytest.raises(RuntimeError), staged_dir(target) as tmp:
        (tmp / "index.html").write_text("half")
        raise RuntimeError("boom")
    assert (target / "index.html").read_text() == "good"
    assert [p.name for p in tmp_path.iterdir()] == ["html"]


def test_zip_is_deterministic_and_ordered():
    entries = [("mimetype", b"application/epub+zip", False), ("b.txt", b"b" * 100, True)]
    one, two = zip_bytes(entries, 1700000000), zip_bytes(entries, 1700000000)
    assert one == two
    with zipfile.ZipFile(__import__("io").BytesIO(one)) as zf:
        infos = zf.infolist()
    assert [i.filename for i in infos] == ["mimetype", "b.txt"]
    assert infos[0].compress_type == zipfile.ZIP_STORED
    assert infos[1].compress_type == zipfile.ZIP_DEFLATED
    assert infos[0].date_time == (2023, 11, 14, 22, 13, 20)


def test_build_epoch_honours_source_date_epoch(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1234567890")
    assert build_epoch() == 1234567890
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert build_epoch(default=42) == 42
