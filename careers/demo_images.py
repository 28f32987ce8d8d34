"""Draws the demo hero images with Pillow, so the demo needs no downloads or stock photos."""

from __future__ import annotations

import hashlib
import random
from io import BytesIO
from typing import TYPE_CHECKING

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw, ImageFilter
from wagtail.images import get_image_model

if TYPE_CHECKING:
    from wagtail.images.models import AbstractImage

HERO_SIZE = (1200, 600)


def _rgb(hex_colour: str) -> tuple[int, int, int]:
    value = hex_colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _diagonal_mask(size: tuple[int, int], tilt: float) -> Image.Image:
    """0 at the top left rising to 255 at the bottom right; drawn small, then smoothly enlarged."""
    small_w, small_h = 48, 24
    mask = Image.new("L", (small_w, small_h))
    span = (small_w - 1) * (1 - tilt) + (small_h - 1) * tilt
    mask.putdata(
        [round(255 * (x * (1 - tilt) + y * tilt) / span) for y in range(small_h) for x in range(small_w)]
    )
    return mask.resize(size, Image.Resampling.BICUBIC)


def draw_hero(key: str, dark: str, light: str, size: tuple[int, int] = HERO_SIZE) -> bytes:
    """A diagonal gradient between two sector colours with soft translucent shapes, as JPEG bytes.

    The same key always gives the same picture, so reseeding a fresh database looks the same.
    """
    width, height = size
    # A stable seed from the key: Python's hash() of a str changes between processes.
    rng = random.Random(int(hashlib.sha256(key.encode()).hexdigest()[:12], 16))  # noqa: S311  (art, not secrets)
    mask = _diagonal_mask(size, rng.uniform(0.25, 0.75))
    picture = Image.composite(Image.new("RGB", size, _rgb(light)), Image.new("RGB", size, _rgb(dark)), mask)

    shapes = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(shapes)
    for _ in range(rng.randint(7, 11)):
        radius = rng.randint(height // 8, height // 2)
        x, y = rng.randint(-radius, width), rng.randint(-radius, height)
        shade = (255, 255, 255) if rng.random() < 0.6 else _rgb(dark)
        alpha = rng.randint(18, 55)
        if rng.random() < 0.55:
            draw.ellipse((x, y, x + radius * 2, y + radius * 2), fill=(*shade, alpha))
        else:
            draw.rounded_rectangle(
                (x, y, x + radius * 2, y + radius), radius=radius // 4, fill=(*shade, alpha)
            )
    # Thin rings read as "data points" and keep the flat shapes from looking like blobs.
    for _ in range(rng.randint(12, 20)):
        r = rng.randint(6, 22)
        x, y = rng.randint(0, width), rng.randint(0, height)
        draw.ellipse((x - r, y - r, x + r, y + r), outline=(255, 255, 255, 90), width=3)
    shapes = shapes.filter(ImageFilter.GaussianBlur(1.5))
    picture = Image.alpha_composite(picture.convert("RGBA"), shapes).convert("RGB")

    buffer = BytesIO()
    picture.save(buffer, format="JPEG", quality=85, optimize=True)
    return buffer.getvalue()


def hero_image(title: str, key: str, dark: str, light: str, description: str = "") -> AbstractImage:
    """The Wagtail image with this title, drawing and saving it only the first time.

    Wagtail uses the description as the image's alt text (falling back to the title).
    """
    image_model = get_image_model()
    existing = image_model.objects.filter(title=title).order_by("pk").first()
    if existing is not None:
        return existing
    data = draw_hero(key, dark, light)
    image = image_model(
        title=title, description=description, file=ImageFile(BytesIO(data), name=f"hero-{key}.jpg")
    )
    image._set_image_file_metadata()
    image.save()
    return image
