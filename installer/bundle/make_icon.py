"""Draws the till's icon (PNG for Linux, ICO for Windows) into resources/icons/.

Run once when the design changes: .venv/bin/python installer/bundle/make_icon.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

ICONS = Path(__file__).resolve().parents[2] / "resources" / "icons"
FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
SIZE = 256


def draw() -> Image.Image:
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((8, 8, SIZE - 8, SIZE - 8), radius=48, fill=(178, 34, 34, 255))
    pen.rounded_rectangle((40, 168, SIZE - 40, 204), radius=12, fill=(255, 215, 120, 255))
    font = ImageFont.truetype(FONT, 132)
    pen.text((SIZE / 2, 100), "会", font=font, fill=(255, 255, 255, 255), anchor="mm")
    return image


def main() -> None:
    ICONS.mkdir(parents=True, exist_ok=True)
    icon = draw()
    icon.save(ICONS / "membership-till.png")
    icon.save(ICONS / "membership-till.ico", sizes=[(16, 16), (32, 32), (48, 48), (256, 256)])


if __name__ == "__main__":
    main()
