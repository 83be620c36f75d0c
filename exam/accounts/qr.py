"""A QR code as an SVG image (reportlab's encoder), so enrolment needs no script and no
external service. One <path> of dark runs keeps it small and quick to make."""

from __future__ import annotations

import base64
import itertools

from reportlab.graphics.barcode.qr import QrCodeWidget

BORDER = 4  # modules of quiet zone, as the QR standard asks


def qr_modules(text: str) -> list[list[bool]]:
    widget = QrCodeWidget(text, barLevel="M")
    widget.qr.make()
    return [[bool(cell) for cell in row] for row in widget.qr.modules]


def qr_svg(text: str, size: int = 220) -> str:
    modules = qr_modules(text)
    count = len(modules) + 2 * BORDER
    runs = []
    for y, row in enumerate(modules):
        x = 0
        for dark, group in itertools.groupby(row):
            length = len(list(group))
            if dark:
                runs.append(f"M{x + BORDER} {y + BORDER}h{length}v1h-{length}z")
            x += length
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="{size}" height="{size}" '
            f'viewBox="0 0 {count} {count}" shape-rendering="crispEdges">'
            f'<rect width="{count}" height="{count}" fill="#fff"/>'
            f'<path fill="#000" d="{"".join(runs)}"/></svg>')


def qr_data_uri(text: str) -> str:
    """For an <img>: the page's Content-Security-Policy allows data: images, not inline styles."""
    return "data:image/svg+xml;base64," + base64.b64encode(qr_svg(text).encode()).decode()
