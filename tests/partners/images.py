"""Real image files (and things that pretend to be), made with Pillow for the logo tests."""

import io
import struct
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

SVG_WITH_SCRIPT = b'<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>'


def image_bytes(image_format="PNG", size=(120, 60), noise=False, **save_options):
    image = Image.effect_noise(size, 80).convert("RGB") if noise else Image.new("RGB", size, (38, 55, 74))
    buffer = io.BytesIO()
    image.save(buffer, image_format, **save_options)
    return buffer.getvalue()


def animated_bytes(image_format="PNG"):
    frames = [Image.new("RGB", (40, 20), colour) for colour in ((255, 0, 0), (0, 0, 255))]
    buffer = io.BytesIO()
    frames[0].save(buffer, image_format, save_all=True, append_images=frames[1:], duration=200, loop=0)
    return buffer.getvalue()


def png_header_only(width, height):
    """A PNG that claims `width` x `height` pixels but holds almost no data: how a decompression bomb
    (or a huge image) looks to anything that reads only the header."""

    def chunk(tag, data):
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00" * 64))
        + chunk(b"IEND", b"")
    )


def upload(name="logo.png", content=None, content_type="image/png"):
    return SimpleUploadedFile(name, image_bytes() if content is None else content, content_type=content_type)
