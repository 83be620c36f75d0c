"""Whoever clones the repository has every document it refers to: no file points at a
document outside it, and every relative link in the Markdown files leads to a file inside."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# A relative path that climbs out of the folder it is written in, or an absolute one under the
# workspace the repository was developed in.
CLIMBING = re.compile(r"(?:\.\./)+[\w.-][\w./-]*")
WORKSPACE = re.compile(r"/work/[\w.-]+")
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def tracked_text_files() -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, text=True, check=True).stdout
    files = []
    for name in listed.splitlines():
        path = ROOT / name
        if name.startswith("exam/translations/") or not path.is_file():
            continue
        try:
            files.append((path, path.read_text(encoding="utf-8")))
        except UnicodeDecodeError:
            continue
    return files


def test_no_file_refers_to_a_document_outside_the_repository():
    offenders = []
    for path, text in tracked_text_files():
        for n, line in enumerate(text.splitlines(), 1):
            outside = [m for m in CLIMBING.findall(line)
                       if not (path.parent / m).resolve().is_relative_to(ROOT)]
            outside += WORKSPACE.findall(line)
            if outside:
                offenders.append(f"{path.relative_to(ROOT)}:{n}: {outside}")
    assert offenders == []


def test_the_check_sees_a_path_that_leaves_the_repository(tmp_path):
    climb = "../" * 2 + "notes/plan.md"  # built, so that this file does not offend itself
    line = f"read {climb} first"
    assert CLIMBING.findall(line) == [climb]
    assert not (ROOT / "docs" / CLIMBING.findall(line)[0]).resolve().is_relative_to(ROOT)


def test_every_relative_link_in_the_documentation_leads_inside_the_repository():
    broken = []
    for path, text in tracked_text_files():
        if path.suffix != ".md":
            continue
        for target in LINK.findall(text):
            if re.match(r"[a-z]+:", target):
                continue
            resolved = (path.parent / target).resolve()
            if not resolved.is_relative_to(ROOT) or not resolved.exists():
                broken.append(f"{path.relative_to(ROOT)} -> {target}")
    assert broken == []
