"""Small files for the attachment tests, made in code: a PDF, a PNG, a JPEG, and the bad ones
(a fake PDF, decompression bombs)."""

import struct
import zlib


def pdf(text: str = "Permesso di soggiorno") -> bytes:
    body = f"1 0 obj << /Type /Catalog >> endobj % {text}\n".encode()
    return b"%PDF-1.4\n" + body + b"trailer << /Root 1 0 R >>\n%%EOF\n"


def _chunk(kind: bytes, body: bytes) -> bytes:
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))


def png(width: int = 2, height: int = 2, data: bytes | None = None) -> bytes:
    """An 8-bit greyscale PNG; `data` overrides the (uncompressed) pixel rows."""
    rows = data if data is not None else b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + _chunk(b"IHDR", header)
            + _chunk(b"IDAT", zlib.compress(rows, 9)) + _chunk(b"IEND", b""))


def png_bomb_by_size() -> bytes:
    """Declares 100,000 × 100,000 pixels in a few bytes."""
    return png(100_000, 100_000, data=b"\x00" * 1000)


def png_bomb_by_data() -> bytes:
    """Declares 100 × 100 pixels, but its data unpacks to 40 MB."""
    return png(100, 100, data=b"\x00" * 40_000_000)


def jpeg(width: int = 4, height: int = 3) -> bytes:
    app0 = b"\xff\xe0" + struct.pack(">H", 16) + b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    sof = b"\xff\xc0" + struct.pack(">HBHHB", 11, 8, height, width, 1) + b"\x01\x11\x00"
    scan = b"\xff\xda" + struct.pack(">H", 8) + b"\x01\x01\x00\x00\x3f\x00" + b"\x00" * 16
    return b"\xff\xd8" + app0 + sof + scan + b"\xff\xd9"


def zip_file() -> bytes:
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("bomb.txt", b"0" * 1_000_000)
    return out.getvalue()
