"""What a file beside the policies is, judged by its bytes: an image a page may show
(PNG, JPEG, GIF, WebP or AVIF that Pillow recognises and decodes whole, of at most
MAX_PIXELS), or what else it is, for the message that refuses it."""

from __future__ import annotations

import io
import posixpath
import warnings

from PIL import Image as Pillow
from PIL import UnidentifiedImageError

#: The formats a page may show, as Pillow names them: the suffix a file of that format is
#: published with, and its media type.
FORMATS = {
    "PNG": (".png", "image/png"),
    "JPEG": (".jpg", "image/jpeg"),
    "GIF": (".gif", "image/gif"),
    "WEBP": (".webp", "image/webp"),
    "AVIF": (".avif", "image/avif"),
}
#: Names a file beside the policies may have to be taken for an image (not a policy text).
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif")
#: Pixels an image may have: decoding a larger one would take the build's memory.
MAX_PIXELS = 50_000_000


def is_image_name(path: str) -> bool:
    """A file beside the policies named as an image: not a policy text (its bytes are
    judged when a text shows it)."""
    return path.lower().endswith(IMAGE_SUFFIXES)


def image_format(data: bytes) -> str | None:
    """The format of `data` (a key of FORMATS) if it is an image a page may show: Pillow
    recognises it by its bytes and decodes it whole. None for anything else."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Pillow.DecompressionBombWarning)
            with Pillow.open(io.BytesIO(data), formats=list(FORMATS)) as image:
                found = image.format
                if image.width * image.height > MAX_PIXELS:
                    return None
                image.verify()
            with Pillow.open(io.BytesIO(data), formats=list(FORMATS)) as image:
                image.load()
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        EOFError,
        Pillow.DecompressionBombError,
        Pillow.DecompressionBombWarning,
    ):
        return None
    return found if found in FORMATS else None


#: The first bytes of each format a page may show, to name a file that claims one.
_SIGNATURES = {
    "PNG": (b"\x89PNG\r\n\x1a\n",),
    "JPEG": (b"\xff\xd8\xff",),
    "GIF": (b"GIF87a", b"GIF89a"),
}


def what_it_is(data: bytes) -> str:
    """What a file that is not an image a page may show is, for the message refusing it."""
    if not data:
        return "an empty file"
    claimed = next(
        (fmt for fmt, heads in _SIGNATURES.items() if data.startswith(heads)),
        "WEBP" if data[:4] == b"RIFF" and data[8:12] == b"WEBP" else None,
    ) or ("AVIF" if data[4:12] in (b"ftypavif", b"ftypavis") else None)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Pillow.open(io.BytesIO(data)) as image:
                if image.format in FORMATS:
                    pixels = image.width * image.height
                    if pixels > MAX_PIXELS:
                        return (
                            f"a {image.format} image of {image.width}x{image.height} pixels, "
                            f"more than the {MAX_PIXELS // 1_000_000} million a page may show"
                        )
                    return f"a {image.format} file that cannot be decoded (damaged or cut off)"
                return f"a {image.format} image, a format browsers do not all show"
    except Exception:  # anything Pillow cannot open is described below
        pass
    if claimed is not None:
        return f"a {claimed} file that cannot be decoded (damaged or cut off)"
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if b"<svg" in head:
        return "an SVG image, which can hold scripts"
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<script")):
        return "an HTML page"
    if head.startswith(b"%pdf"):
        return "a PDF document"
    if head.startswith(b"<"):
        return "XML or HTML markup"
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return "binary data of no image format"
    return "text"


def published_name(path: str, fmt: str) -> str:
    """The name an image is published under: its own, with its format's suffix added when
    the name has no image suffix (a host serves a file by its suffix)."""
    name = posixpath.basename(path)
    return name if is_image_name(name) else name + FORMATS[fmt][0]
