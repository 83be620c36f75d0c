"""The enrolment QR code: the SVG paints exactly the dark modules of reportlab's encoding."""

from __future__ import annotations

import base64
import re

from exam.accounts.qr import BORDER, qr_data_uri, qr_modules, qr_svg

URI = "otpauth://totp/thituyen:huong%40example.vn?secret=JBSWY3DPEHPK3PXP&issuer=thituyen"


def painted(svg: str) -> set[tuple[int, int]]:
    cells = set()
    for x, y, length in re.findall(r"M(\d+) (\d+)h(\d+)v1h-\d+z", svg):
        cells |= {(int(x) - BORDER + i, int(y) - BORDER) for i in range(int(length))}
    return cells


def test_the_svg_paints_the_dark_modules_and_nothing_else():
    modules = qr_modules(URI)
    dark = {(x, y) for y, row in enumerate(modules) for x, cell in enumerate(row) if cell}
    assert painted(qr_svg(URI)) == dark
    size = len(modules)
    assert all(modules[y][x] for y in range(7) for x in (0, 6))  # finder pattern, top left
    assert all(modules[y][size - 1] for y in range(7))  # finder pattern, top right


def test_the_image_is_a_data_uri_without_script():
    uri = qr_data_uri(URI)
    assert uri.startswith("data:image/svg+xml;base64,")
    svg = base64.b64decode(uri.split(",", 1)[1]).decode()
    assert "<script" not in svg
    assert "style=" not in svg
