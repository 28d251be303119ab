"""packaging/install-desktop.sh puts the built app in the user's menu with its icon."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "packaging" / "install-desktop.sh"
SIZES = (16, 24, 32, 48, 64, 128, 256)


def fake_bundle(folder: Path) -> Path:
    """A built app's layout: the program, and the icons inside the bundled package data."""
    folder.mkdir(parents=True)
    program = folder / "imsdesk"
    program.write_text("#!/bin/sh\n")
    program.chmod(0o755)
    shutil.copytree(ROOT / "resources" / "icons", folder / "_internal/imsdesk/resources/icons")
    return folder


def install(*args: str, data: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "XDG_DATA_HOME": str(data)}
    return subprocess.run(
        ["bash", str(SCRIPT), *args], env=env, capture_output=True, text=True, timeout=60
    )


def test_the_menu_entry_starts_the_bundle_and_shows_the_icon_in_every_size(tmp_path: Path):
    app = fake_bundle(tmp_path / "Clinic Apps" / "imsdesk")  # a space in the path, too
    data = tmp_path / "data"
    result = install(str(app), data=data)
    assert result.returncode == 0, result.stderr

    entry = data / "applications" / "imsdesk.desktop"
    lines = entry.read_text().splitlines()
    assert f'Exec="{app}/imsdesk"' in lines
    assert "Icon=imsdesk" in lines
    checked = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    icons = data / "icons" / "hicolor"
    assert (icons / "scalable" / "apps" / "imsdesk.svg").is_file()
    for size in SIZES:
        png = (icons / f"{size}x{size}" / "apps" / "imsdesk.png").read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
        assert (width, height) == (size, size)

    removed = install("--uninstall", data=data)
    assert removed.returncode == 0, removed.stderr
    assert not entry.exists()
    assert not list(icons.rglob("imsdesk.*"))


def test_without_a_built_app_it_says_how_to_build_one(tmp_path: Path):
    result = install(str(tmp_path), data=tmp_path / "data")
    assert result.returncode == 1
    assert "packaging/build.sh" in result.stderr
    assert not (tmp_path / "data" / "applications").exists()
