"""Operations tests drive Debian's own tools (nginx, SoftHSM2): skipped with a message where a
tool is missing, required where THITUYEN_REQUIRE_TOOLS=1 or THITUYEN_REQUIRE_BROWSER=1 (CI)."""

from __future__ import annotations

import os
import shutil

import pytest


def require_tool(*paths: str) -> None:
    missing = [p for p in paths if not (shutil.which(p) or os.path.exists(p))]
    if not missing:
        return
    message = f"{', '.join(missing)} not installed (apt-get install nginx softhsm2)"
    if "1" in (os.environ.get("THITUYEN_REQUIRE_TOOLS"), os.environ.get("THITUYEN_REQUIRE_BROWSER")):
        pytest.fail(message + "; required here")
    pytest.skip(message)
