"""What a file is, read from its bytes (never from its name or the browser's word), and
whether an image is safe to open: PDF, JPEG and PNG only.

An image declares its size in its header; one that declares more pixels than
ATTACHMENT_MAX_PIXELS is refused before anything decodes it (a decompression bomb: a few
kilobytes that unpack to gigabytes), and a PNG whose compressed data unpacks to more than its
declared size allows is refused too. No image library is needed for this.
"""

import struct
import zlib

from flask_babel import gettext as _

from ..common.refusals import ActionRefused

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# Bytes per pixel of each PNG colour type at 8 bits per sample.
PNG_CHANNELS = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}
# JPEG start-of-frame markers (baseline, progressive, lossless, arithmetic).
JPEG_FRAMES = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
EXTENSIONS = {"pdf": "application/pdf", "jpg": "image/jpeg", "jpeg": "image/jpeg",
              "png": "image/png"}


def _not_a(kind: str) -> ActionRefused:
    return ActionRefused(_("The file is not a valid %(kind)s: it may be damaged, or another "
                           "kind of file renamed. Scan or save it again.", kind=kind))


def _too_large_image(width: int, height: int) -> ActionRefused:
    return ActionRefused(_("The image declares %(width)d × %(height)d pixels, too many to open "
                           "safely. Scan it again at a lower resolution.",
                           width=width, height=height))


def claimed_type(filename: str) -> str | None:
    """The type the file's name claims, if it names one we accept."""
    extension = filename.rpartition(".")[2].lower() if "." in filename else ""
    return EXTENSIONS.get(extension)


def _check_pdf(data: bytes) -> None:
    if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-2048:]:
        raise _not_a("PDF")


def _check_png(data: bytes, max_pixels: int) -> None:
    try:
        length, chunk = struct.unpack(">I4s", data[8:16])
        if chunk != b"IHDR" or length != 13:
            raise _not_a("PNG")
        width, height, depth, colour = struct.unpack(">IIBB", data[16:26])
    except struct.error:
        raise _not_a("PNG") from None
    if width == 0 or height == 0 or colour not in PNG_CHANNELS:
        raise _not_a("PNG")
    if width * height > max_pixels:
        raise _too_large_image(width, height)
    row = (width * PNG_CHANNELS[colour] * max(depth, 8) + 7) // 8 + 1
    # Interlaced images add a filter byte per row of each of their seven passes.
    _check_png_data(data, row * height + 8 * height + 1024, width, height)


def _check_png_data(data: bytes, limit: int, width: int, height: int) -> None:
    """Unpack the image data with a ceiling: more than the header allows is a bomb."""
    inflater = zlib.decompressobj()
    produced, position, ended = 0, 8, False
    try:
        while position + 8 <= len(data):
            length, chunk = struct.unpack(">I4s", data[position:position + 8])
            body = data[position + 8:position + 8 + length]
            position += 12 + length
            if chunk == b"IDAT":
                produced += len(inflater.decompress(body, limit + 1 - produced))
                while inflater.unconsumed_tail and produced <= limit:
                    produced += len(inflater.decompress(inflater.unconsumed_tail,
                                                        limit + 1 - produced))
                if produced > limit:
                    raise _too_large_image(width, height)
            elif chunk == b"IEND":
                ended = True
                break
    except (zlib.error, struct.error):
        raise _not_a("PNG") from None
    if not ended or produced == 0:
        raise _not_a("PNG")


def _jpeg_size(data: bytes) -> tuple[int, int]:
    position = 2
    while position + 4 <= len(data):
        if data[position] != 0xFF:
            raise _not_a("JPEG")
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            position += 2
            continue
        (length,) = struct.unpack(">H", data[position + 2:position + 4])
        if marker in JPEG_FRAMES:
            if position + 9 > len(data):
                break
            height, width = struct.unpack(">HH", data[position + 5:position + 9])
            return width, height
        if length < 2:
            break
        position += 2 + length
    raise _not_a("JPEG")


def _check_jpeg(data: bytes, max_pixels: int) -> None:
    width, height = _jpeg_size(data)
    if width == 0 or height == 0:
        raise _not_a("JPEG")
    if width * height > max_pixels:
        raise _too_large_image(width, height)


def sniff(data: bytes, max_pixels: int) -> str:
    """The content type of an accepted file, or ActionRefused saying what is wrong."""
    if data.startswith(b"%PDF-"):
        _check_pdf(data)
        return "application/pdf"
    if data.startswith(PNG_SIGNATURE):
        _check_png(data, max_pixels)
        return "image/png"
    if data.startswith(b"\xff\xd8\xff"):
        _check_jpeg(data, max_pixels)
        return "image/jpeg"
    raise ActionRefused(_("Only PDF, JPEG and PNG files can be attached; this file is none of "
                          "them (whatever its name says)."))


def check_content(filename: str, data: bytes, max_pixels: int) -> str:
    """The file's type from its content; a name that claims another accepted type is refused
    (a "scan.pdf" that is not a PDF)."""
    claimed = claimed_type(filename)
    if claimed == "application/pdf" and not data.startswith(b"%PDF-"):
        raise _not_a("PDF")
    actual = sniff(data, max_pixels)
    if claimed is not None and claimed != actual:
        kind = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}[claimed]
        raise _not_a(kind)
    return actual
