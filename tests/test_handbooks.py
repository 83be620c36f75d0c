"""The handbooks show the pages a person meets, as screenshots the browser tests make.

`THITUYEN_HANDBOOK_SHOTS=docs/handbooks/img make test PYTEST_ARGS=tests/browser` writes every
picture a handbook refers to (tests/browser/conftest.py); these tests keep the references and
the committed pictures in step, and the pictures small.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

HANDBOOKS = Path(__file__).resolve().parent.parent / "docs" / "handbooks"
PICTURES = HANDBOOKS / "img"
PICTURE = re.compile(r"!\[[^\]]*\]\((img/[^)\s]+)\)")
MAX_WIDTH = 1024
MAX_TOTAL_BYTES = 4 * 1024 * 1024


def handbooks() -> list[Path]:
    return sorted(p for p in HANDBOOKS.glob("*.md") if p.name != "README.md")


def pictures_in(handbook: Path) -> list[Path]:
    return [HANDBOOKS / target for target in PICTURE.findall(handbook.read_text(encoding="utf-8"))]


def referenced_pictures() -> set[Path]:
    return {picture for handbook in handbooks() for picture in pictures_in(handbook)}


def test_the_picture_pattern_reads_a_markdown_image():
    assert PICTURE.findall("Xem ![Bảng điều khiển](img/vi-board-dashboard.png) và [x](y.png)") \
        == ["img/vi-board-dashboard.png"]


@pytest.mark.parametrize("handbook", handbooks(), ids=lambda p: p.name)
def test_every_handbook_shows_pictures_that_exist_in_its_language(handbook):
    pictures = pictures_in(handbook)
    assert pictures, f"{handbook.name} shows no screenshot"
    missing = [p.name for p in pictures if not p.is_file()]
    assert missing == [], f"{handbook.name} refers to pictures that are not in {PICTURES}"
    language = "en-" if handbook.name.endswith(".en.md") else "vi-"
    assert [p.name for p in pictures if not p.name.startswith(language)] == [], \
        f"{handbook.name} shows pages in another language"


def test_no_picture_is_kept_that_no_handbook_shows():
    kept = set(PICTURES.glob("*.png"))
    assert sorted(p.name for p in kept - referenced_pictures()) == []


def test_the_pictures_stay_small():
    from PIL import Image

    kept = sorted(PICTURES.glob("*.png"))
    assert kept
    for path in kept:
        with Image.open(path) as image:
            assert image.width <= MAX_WIDTH, f"{path.name} is {image.width} px wide"
    assert sum(p.stat().st_size for p in kept) <= MAX_TOTAL_BYTES
