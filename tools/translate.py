"""Fill Vietnamese translations into the catalog from a small Python dict file.

    python tools/translate.py path/to/strings.py

The file defines VI = {"English msgid": "bản dịch", ...}. Existing translations are kept
unless the dict gives a new one; the catalog is compiled afterwards. A message with a context
(`pgettext("ticket", "Sitting")`) is keyed "ticket\x04Sitting"; a plural message (`ngettext`)
is keyed by its singular and takes one Vietnamese string (Vietnamese has one plural form).
"""

from __future__ import annotations

import runpy
import sys
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

CATALOG = Path(__file__).resolve().parent.parent / "exam/translations/vi/LC_MESSAGES/messages.po"


def main(paths: list[str]) -> int:
    with open(CATALOG, "rb") as handle:
        catalog = read_po(handle, locale="vi")
    updates = {}
    for path in paths:
        updates.update(runpy.run_path(path)["VI"])
    known = {_key(message) for message in catalog if message.id}
    unknown = [key for key in updates if key not in known]
    for message in catalog:
        if message.id and _key(message) in updates:
            text = updates[_key(message)]
            message.string = (text,) * catalog.num_plurals if message.pluralizable else text
            message.flags.discard("fuzzy")
    with open(CATALOG, "wb") as handle:
        write_po(handle, catalog, width=100)
    with open(CATALOG.with_suffix(".mo"), "wb") as handle:
        write_mo(handle, catalog)
    missing = [m.id for m in catalog
               if m.id and not (all(m.string) if m.pluralizable else m.string)]
    print(f"{len(updates) - len(unknown)} set, {len(unknown)} not in the catalog, "
          f"{len(missing)} still untranslated")
    for key in unknown:
        print("  not in catalog:", key[:70])
    return 0


def _key(message) -> str:
    singular = message.id[0] if message.pluralizable else message.id
    return f"{message.context}\x04{singular}" if message.context else singular


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
