"""The stamp drawn the quick way – the band alone blended, the repeated lines' bitmaps kept by the font
(``photos.fonts.StampFont``) – is the same pixels as the plain way: an overlay the size of the photo,
every line rasterised afresh. Print copies are matched by their bytes (``test_print_copies.py``), so this
must hold for every size, mode and text."""

from __future__ import annotations

import dataclasses
import functools

import pytest
from PIL import Image, ImageDraw, ImageFont

from inspector_app.photos import watermark
from inspector_app.photos.fonts import FontNotFoundError, StampFont, find_cjk_font, load_font
from inspector_app.photos.watermark import StampInfo, apply_stamp

STAMPS = [
    StampInfo(enterprise="常州示例精密机械有限公司", time_text="2020-03-22 09:21:00",
              location_text="31.70100°N 119.94800°E", inspector="陈示范、吴示例"),
    StampInfo(enterprise="常州示例化工有限公司" * 3, time_text="2020-03-22 09:21:00（设备时钟）（与检查时间不符）",
              location_text="45.50067°N 9.11033°E（不在本辖区内，距检查场所约 8,912 km）",
              inspector="陈示范、吴示例、林演示", extra=("备注：gjpqy", "第二行")),
    StampInfo(enterprise="甲"),
    StampInfo(),
]


@functools.cache
def _plain_font(size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(find_cjk_font()), size=size, index=0)


def _plain(image: Image.Image, stamp: StampInfo, band_opacity: int = 150) -> Image.Image:
    """The stamp as it was first drawn: a full-size overlay, fresh bitmaps."""
    lines = stamp.lines()
    base = image.convert("RGB")
    if not lines:
        return base.copy()
    width, height = base.size
    margin = max(4, round(min(width, height) * 0.015))
    overlay = Image.new("RGBA", base.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    size = max(10, round(min(width, height) * 0.032))
    for _ in range(4):
        widest = max(draw.textlength(line, font=_plain_font(size)) for line in lines)
        if widest <= width - 2 * margin or size <= 8:
            break
        size = max(8, min(size - 1, int(size * (width - 2 * margin) / widest)))
    font = _plain_font(size)
    line_height = round(size * 1.3)
    top = height - min(height, line_height * len(lines) + 2 * margin)
    draw.rectangle((0, top, width, height), fill=(0, 0, 0, band_opacity))
    y = top + margin
    for line in lines:
        draw.text((margin, y), line, font=font, fill=(255, 255, 255, 255), stroke_width=max(1, size // 16),
                  stroke_fill=(0, 0, 0, 200))
        y += line_height
    return Image.alpha_composite(base.convert("RGBA"), overlay).convert("RGB")


@pytest.fixture(autouse=True)
def _font() -> None:
    try:
        find_cjk_font()
    except FontNotFoundError as exc:
        pytest.skip(str(exc))


@pytest.mark.parametrize("size", [(1600, 1200), (1200, 1600), (1601, 899), (640, 480), (120, 90), (40, 300)])
@pytest.mark.parametrize("mode", ["RGB", "L", "RGBA"])
def test_the_quick_stamp_is_the_plain_stamp(size: tuple[int, int], mode: str) -> None:
    noise = Image.effect_noise(size, 60).convert("RGB")
    image = Image.merge("RGB", (noise.getchannel(0), Image.linear_gradient("L").resize(size),
                                noise.getchannel(2))).convert(mode)
    # the same enterprise and inspectors photo after photo, as in a batch: the kept bitmaps are used
    stamps = STAMPS + [dataclasses.replace(STAMPS[0], time_text=f"2020-03-22 09:{m:02d}:00") for m in range(3)]
    for stamp in stamps:
        for opacity in (150, 0, 255):
            quick = apply_stamp(image, stamp, band_opacity=opacity)
            assert quick.mode == "RGB" and quick.size == image.size
            assert quick.tobytes() == _plain(image, stamp, opacity).tobytes(), (stamp, opacity)


def test_the_font_keeps_a_bounded_number_of_bitmaps() -> None:
    font = load_font(23)
    assert isinstance(font, StampFont) and watermark.load_font is load_font
    for n in range(StampFont.KEPT + 10):
        first = font.getmask2(f"第 {n} 行", "L")
        assert font.getmask2(f"第 {n} 行", "L") is first
    assert len(font._masks) <= StampFont.KEPT
