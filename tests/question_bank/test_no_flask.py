"""question_bank must stay importable without Flask, SQLAlchemy or the app."""

import pkgutil
import subprocess
import sys
from pathlib import Path

import question_bank

SCRIPT = """
import importlib, sys
sys.modules['flask'] = None
sys.modules['sqlalchemy'] = None
sys.modules['exam'] = None
for name in sys.argv[1:]:
    importlib.import_module(name)
leaked = sorted(m for m in sys.modules if m.split('.')[0] in ('flask', 'sqlalchemy', 'exam')
                and sys.modules[m] is not None)
assert not leaked, leaked
print(len(sys.argv) - 1)
"""


def all_modules():
    names = ["question_bank"]
    for info in pkgutil.walk_packages(question_bank.__path__, "question_bank."):
        names.append(info.name)
    return names


def test_every_module_imports_without_flask_or_sqlalchemy():
    names = all_modules()
    assert {"question_bank.draw", "question_bank.formats.gift", "question_bank.statistics",
            "question_bank.samples"} <= set(names)
    root = Path(question_bank.__file__).resolve().parent.parent
    result = subprocess.run([sys.executable, "-c", SCRIPT, *names], capture_output=True,
                            text=True, cwd=root, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == str(len(names))
