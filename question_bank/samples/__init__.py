"""The demo bank: 40 Vietnamese public-administration items in the three formats.

The GIFT file is the authored source; the XML and CSV files are generated from it
by ``regenerate()`` and checked in, so all three always hold the same items.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["SAMPLE_FILES", "load_sample", "regenerate", "sample_path"]

HERE = Path(__file__).resolve().parent
SAMPLE_FILES = {"gift": "sample_bank.gift", "moodle_xml": "sample_bank.xml", "csv": "sample_bank.csv"}


def sample_path(fmt: str = "gift") -> Path:
    """Path of the sample bank in ``fmt`` (gift, moodle_xml or csv)."""
    try:
        return HERE / SAMPLE_FILES[fmt]
    except KeyError:
        raise ValueError(f"no sample in format {fmt!r}") from None


def load_sample(fmt: str = "gift"):
    """The sample bank parsed into items."""
    from question_bank.formats import parse

    return parse(fmt, sample_path(fmt).read_text(encoding="utf-8"))


def regenerate() -> None:
    """Rewrite every sample file from the GIFT source in canonical form."""
    from question_bank.formats import dump

    items = load_sample("gift")
    for fmt, name in SAMPLE_FILES.items():
        (HERE / name).write_text(dump(fmt, items), encoding="utf-8", newline="\n")


if __name__ == "__main__":
    regenerate()
