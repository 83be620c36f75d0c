"""A QR code as inline SVG (reportlab), so enrolment needs no script and no external service."""

from __future__ import annotations

import base64

from reportlab.graphics import renderSVG
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing


def qr_svg(text: str, size: float = 220) -> str:
    widget = QrCodeWidget(text, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    return renderSVG.drawToString(drawing)


def qr_data_uri(text: str) -> str:
    """For an <img>: the page's Content-Security-Policy allows data: images, not inline styles."""
    return "data:image/svg+xml;base64," + base64.b64encode(qr_svg(text).encode()).decode()
