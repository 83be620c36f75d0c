"""Must show 3: every row of SECURITY.md's table names tests, and every test it names exists."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REFERENCE = re.compile(r"`(tests/[\w/]+\.py)(?:::(\w+))?`")


def _table_rows(text: str) -> list[str]:
    section = text.split("## Attacks and what answers them", 1)[1].split("\n## ", 1)[0]
    return [line for line in section.splitlines()
            if line.startswith("| ") and not line.startswith(("| actor", "|---"))]


def test_every_attack_row_names_a_test():
    rows = _table_rows((ROOT / "SECURITY.md").read_text(encoding="utf-8"))
    assert len(rows) >= 9
    unproven = [row.split("|")[2].strip() for row in rows if not REFERENCE.search(row)]
    assert not unproven, f"rows without a test: {unproven}"


def test_every_test_named_in_security_md_exists():
    text = (ROOT / "SECURITY.md").read_text(encoding="utf-8")
    missing = []
    for path, name in REFERENCE.findall(text):
        source = ROOT / path
        if not source.exists():
            missing.append(path)
        elif name and not re.search(rf"^def {name}\(", source.read_text(encoding="utf-8"),
                                    re.MULTILINE):
            missing.append(f"{path}::{name}")
    assert not missing, f"SECURITY.md names tests that do not exist: {missing}"
