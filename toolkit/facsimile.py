"""Page images a document points at (facsimile and sourceDoc graphics, @facs): which local
files may go into an edition, under what name, and how large they are.

A document's image addresses are untrusted input. An image is copied only when its address
is relative, resolves (symbolic links followed) to a regular file inside the document's own
folder, has the extension of an image a browser shows (PNG, JPEG, GIF, WebP: no SVG, which
can hold scripts), is at most `MAX_IMAGE_BYTES`, and its header says it is that kind of image
and how large it is. It is written under a name made here ("001-page1.png": its order and a
safe form of its file name), never under a name taken from the document. Anything else is
left out with a warning; web addresses (IIIF services and manifests included) are linked by
the stylesheets, never fetched.
"""

from __future__ import annotations

import re
import shutil
import struct
from dataclasses import dataclass
from pathlib import Path

from toolkit.source import TEI_NS, Source

#: Extensions of the images an edition may hold, and their media types.
IMAGE_TYPES = {
    ".png": "image/png",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".gif": "image/gif",
    ".webp": "image/webp",
}
MAX_IMAGE_BYTES = 64 * 1024 * 1024
_NS = {"t": TEI_NS}
#: Where the image addresses are: graphics of surfaces, and @facs tokens that are addresses.
_GRAPHICS = "//t:facsimile//t:graphic/@url | //t:sourceDoc//t:graphic/@url"
_FACS = "//t:text//@facs | //t:facsimile//@facs"


@dataclass(frozen=True)
class Image:
    """A local image that may be copied: its address as written, its file, its new name."""

    url: str
    path: Path
    name: str
    media_type: str
    width: int
    height: int


def addresses(source: Source) -> list[str]:
    """Every image address of the document, in document order, each once."""
    text = source.xml_text()
    if "facs" not in text and "sourceDoc" not in text:
        return []  # no facsimile, sourceDoc or @facs: nothing to walk the tree for
    found: list[str] = []
    root = source.root
    for value in root.xpath(_GRAPHICS, namespaces=_NS):
        found.append(value.strip())
    for value in root.xpath(_FACS, namespaces=_NS):
        found += [t for t in value.split() if not t.startswith("#")]
    return list(dict.fromkeys(a for a in found if a))


def is_remote(url: str) -> bool:
    return re.match(r"^[A-Za-z][A-Za-z0-9+.\-]*:", url) is not None


def local_images(source: Source) -> tuple[list[Image], list[str]]:
    """The images that may be copied, and a warning for each address that may not."""
    folder = source.path.parent.resolve()
    images: list[Image] = []
    warnings: list[str] = []
    seen: dict[Path, Image] = {}
    for url in addresses(source):
        if is_remote(url) or url.startswith("//"):
            continue  # a web address: linked, not fetched
        why = None
        relative = url.split("#", 1)[0].split("?", 1)[0]
        target = (folder / relative).resolve()
        suffix = target.suffix.lower()
        if relative.startswith("/") or not target.is_relative_to(folder):
            why = "is outside the document's folder"
        elif suffix not in IMAGE_TYPES:
            why = "is not a PNG, JPEG, GIF or WebP image"
        elif not target.is_file():
            why = "is not a file there"
        elif target.stat().st_size > MAX_IMAGE_BYTES:
            why = f"is larger than {MAX_IMAGE_BYTES // (1024 * 1024)} MB"
        if why is None and target in seen:
            images.append(Image(url, target, seen[target].name, seen[target].media_type,
                                seen[target].width, seen[target].height))  # fmt: skip
            continue
        size = None if why else image_size(target.read_bytes()[:65536], suffix)
        if why is None and size is None:
            why = f"is not a readable {suffix[1:].upper()} image"
        if why:
            warnings.append(f"page image {url!r} {why}: not copied into the edition")
            continue
        stem = re.sub(r"[^A-Za-z0-9_.-]", "_", target.stem)[:40] or "image"
        name = f"{len(seen) + 1:03d}-{stem}{suffix}"
        image = Image(url, target, name, IMAGE_TYPES[suffix], *size)
        seen[target] = image
        images.append(image)
    return images, warnings


def image_size(head: bytes, suffix: str) -> tuple[int, int] | None:
    """Width and height from an image's first bytes, or None when they are not that image."""
    try:
        if suffix == ".png" and head[:8] == b"\x89PNG\r\n\x1a\n" and head[12:16] == b"IHDR":
            return struct.unpack(">II", head[16:24])
        if suffix == ".gif" and head[:6] in (b"GIF87a", b"GIF89a"):
            return struct.unpack("<HH", head[6:10])
        if suffix == ".webp" and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
            return _webp_size(head)
        if suffix in (".jpg", ".jpeg") and head[:2] == b"\xff\xd8":
            return _jpeg_size(head)
    except struct.error:
        return None
    return None


def _webp_size(head: bytes) -> tuple[int, int] | None:
    kind = head[12:16]
    if kind == b"VP8 ":
        w, h = struct.unpack("<HH", head[26:30])
        return w & 0x3FFF, h & 0x3FFF
    if kind == b"VP8L":
        bits = int.from_bytes(head[21:25], "little")
        return (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    if kind == b"VP8X":
        return int.from_bytes(head[24:27], "little") + 1, int.from_bytes(head[27:30], "little") + 1
    return None


def _jpeg_size(head: bytes) -> tuple[int, int] | None:
    i = 2
    while i + 9 < len(head):
        if head[i] != 0xFF:
            return None
        marker = head[i + 1]
        length = struct.unpack(">H", head[i + 2 : i + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF):
            h, w = struct.unpack(">HH", head[i + 5 : i + 9])
            return w, h
        i += 2 + length
    return None


def stylesheet_param(images: list[Image], folder: str) -> str:
    """The images for the stylesheets' facsimile-images parameter: one line per address,
    "address TAB path in the edition TAB width TAB height"."""
    return "".join(f"{i.url}\t{folder}/{i.name}\t{i.width}\t{i.height}\n" for i in images)


def copy_images(images: list[Image], dest: Path) -> None:
    """Copy each image once, under its new name, into `dest`."""
    done = set()
    for image in images:
        if image.name in done:
            continue
        dest.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(image.path, dest / image.name)
        done.add(image.name)
