"""The code base promises type hints everywhere; this test checks it rather than hopes.

mypy runs over the whole `tracker` package with the settings in pyproject.toml
([tool.mypy]: untyped defs refused, untyped bodies checked, unused ignores
reported), so an unannotated function, a mistyped call or a stale
`# type: ignore` fails the suite instead of slipping in unnoticed.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_mypy_finds_no_errors_in_tracker(tmp_path: Path) -> None:
    result = subprocess.run(
        # Its cache goes where the test's other files go, not into the work tree.
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "mypy"), "tracker"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, f"mypy found errors:\n{result.stdout}{result.stderr}"
