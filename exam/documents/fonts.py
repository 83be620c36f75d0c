"""Be Vietnam Pro for reportlab: the standard 14 fonts have no Vietnamese glyphs."""

from __future__ import annotations

import threading
from importlib import resources
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FAMILY = "BeVietnamPro"
REGULAR = "BeVietnamPro"
BOLD = "BeVietnamPro-Bold"
ITALIC = "BeVietnamPro-Italic"
BOLD_ITALIC = "BeVietnamPro-BoldItalic"

_FILES = {
    REGULAR: "BeVietnamPro-Regular.ttf",
    BOLD: "BeVietnamPro-Bold.ttf",
    ITALIC: "BeVietnamPro-Italic.ttf",
    BOLD_ITALIC: "BeVietnamPro-BoldItalic.ttf",
}

_lock = threading.Lock()
_registered = False


def font_path(filename: str) -> Path:
    """Path of one TTF shipped in the ``fontpkg_be_vietnam_pro`` wheel."""
    files = resources.files("fontpkg_be_vietnam_pro").joinpath("files", filename)
    # The package is installed as plain files (not zipped), so this is a real path.
    return Path(str(files))


def register_fonts() -> str:
    """Register the family once per process (reportlab's registry is global); returns its name."""
    global _registered
    if _registered:
        return FAMILY
    with _lock:
        if not _registered:
            for name, filename in _FILES.items():
                pdfmetrics.registerFont(TTFont(name, str(font_path(filename))))
            pdfmetrics.registerFontFamily(
                FAMILY, normal=REGULAR, bold=BOLD, italic=ITALIC, boldItalic=BOLD_ITALIC
            )
            _registered = True
    return FAMILY
