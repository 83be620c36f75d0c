"""Every user-facing message has a Vietnamese translation, and the catalog is compiled."""

import subprocess
import sys
from pathlib import Path

from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
CATALOG = ROOT / "exam/translations/vi/LC_MESSAGES/messages.po"


def extracted_messages(tmp_path) -> set[str]:
    template = tmp_path / "messages.pot"
    subprocess.run(
        [str(Path(sys.executable).parent / "pybabel"), "extract", "-F", "babel.cfg",
         "-k", "_l", "-k", "lazy_gettext", "-o", str(template), "."],
        cwd=ROOT, check=True, capture_output=True)
    with open(template, "rb") as handle:
        return {m.id if isinstance(m.id, str) else m.id[0] for m in read_po(handle) if m.id}


def test_every_message_has_a_vietnamese_translation(tmp_path):
    with open(CATALOG, "rb") as handle:
        catalog = read_po(handle)
    translated = {m.id if isinstance(m.id, str) else m.id[0]
                  for m in catalog if m.id and m.string and "fuzzy" not in m.flags}
    missing = sorted(extracted_messages(tmp_path) - translated)
    assert not missing, f"{len(missing)} messages lack Vietnamese: {missing[:15]}"


def _entry(message):
    """(context, id) -> text, plural forms as tuples (read_mo gives lists)."""
    def plain(value):
        return tuple(value) if isinstance(value, list | tuple) else value

    return (message.context, plain(message.id)), plain(message.string)


def test_the_compiled_catalog_matches_the_source():
    with open(CATALOG, "rb") as handle:
        source = dict(_entry(m) for m in read_po(handle) if m.id and m.string)
    with open(CATALOG.with_suffix(".mo"), "rb") as handle:
        compiled = dict(_entry(m) for m in read_mo(handle) if m.id)
    assert source == compiled, "run `make translations` (or tools/translate.py) to recompile"
