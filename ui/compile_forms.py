"""Compile every ui/*.ui into imsdesk/gui/forms/ui_*.py with pyside6-uic.

Run ``python -m imsdesk.ui.compile_forms`` after editing a form in Qt Designer.
tests/gui/test_forms_current.py fails when a generated module is stale.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

FORMS_DIR = Path(__file__).parent
HEADER = "# Generated from ui/{name} by imsdesk.ui.compile_forms. Do not edit; edit the form.\n"


def generated_path(form: Path, package_root: Path) -> Path:
    return package_root / "gui" / "forms" / f"ui_{form.stem}.py"


def compile_form(form: Path) -> str:
    """The Python module pyside6-uic makes of ``form``, with our header."""
    uic = shutil.which("pyside6-uic", path=str(Path(sys.executable).parent)) or "pyside6-uic"
    result = subprocess.run(
        [uic, str(form)],
        check=True,
        capture_output=True,
        text=True,
    )
    body = result.stdout
    # uic stamps its own version line; drop it so the output is stable across Qt patch releases.
    lines = [line for line in body.splitlines() if "Created by: Qt User Interface" not in line]
    return HEADER.format(name=form.name) + "\n".join(lines) + "\n"


def forms() -> list[Path]:
    return sorted(FORMS_DIR.glob("*.ui"))


def main() -> int:
    import imsdesk

    package_root = Path(imsdesk.__file__).parent
    for form in forms():
        target = generated_path(form, package_root)
        target.write_text(compile_form(form), encoding="utf-8")
        print(f"{form.name} -> {target.relative_to(package_root.parent)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
