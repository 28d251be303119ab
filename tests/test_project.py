"""Project-wide checks a reviewer would otherwise do by hand: lint, layering, packaging."""

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)


def test_ruff_finds_nothing():
    result = run(str(BIN / "ruff"), "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_code_is_formatted():
    result = run(str(BIN / "ruff"), "format", "--check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_imports_only_point_down_and_only_the_gui_imports_qt():
    result = run(str(BIN / "lint-imports"))
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_package_folder_ships_in_the_wheel():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for init in (ROOT / "imsdesk").rglob("__init__.py")
    }
    for mapped in ("resources", "ui"):  # installed as imsdesk.resources and imsdesk.ui
        found |= {
            ".".join(("imsdesk", *init.parent.relative_to(ROOT).parts))
            for init in (ROOT / mapped).rglob("__init__.py")
        }
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"


@pytest.mark.parametrize("module", ["matplotlib", "reportlab", "alembic"])
def test_heavy_modules_are_not_imported_at_start(module: str):
    probe = (
        "import sys; import imsdesk.gui.app, imsdesk.cli.main, imsdesk.services.database; "
        f"print({module!r} in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


def readme_commands() -> list[str]:
    """The shell commands in the README's first two code blocks."""
    text = (ROOT / "README.md").read_text()
    blocks = text.split("```sh\n")[1:3]
    return [block.split("```")[0].strip() for block in blocks]


def test_readme_opens_with_the_run_and_test_commands_and_ci_runs_the_second():
    run_app, run_tests = readme_commands()
    assert run_app.endswith(".venv/bin/imsdesk")
    assert "pytest" in run_tests
    ci_lines = [line.strip() for line in (ROOT / ".ci" / "run").read_text().splitlines()]
    assert run_tests in ci_lines, ".ci/run must run the README's test command verbatim"


def test_qt_bindings_keep_reference_counts_straight():
    """PySide6 6.12.0 drops a reference to None per void Qt call: Python 3.11 then crashes."""
    probe = (
        "import sys\n"
        "from PySide6.QtGui import QPainterPath\n"
        "path = QPainterPath()\n"
        "before = sys.getrefcount(None)\n"
        "for _ in range(2000):\n"
        "    path.lineTo(1, 1)\n"
        "print(before - sys.getrefcount(None))\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert result.returncode == 0 and abs(int(result.stdout)) < 50, result.stdout + result.stderr
