"""A real X server for the few tests that drive real windows as a person would."""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

REQUIRE_ENV = "IMSDESK_REQUIRE_XVFB"  # CI sets it: missing tools then fail, never skip
TOOLS = ("Xvfb", "xdotool", "import")


def require_tools() -> None:
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if missing:
        message = f"real-window tests need {', '.join(missing)} (Debian: xvfb xdotool imagemagick)"
        if os.environ.get(REQUIRE_ENV):
            pytest.fail(message)
        pytest.skip(message)


@contextmanager
def xvfb(size: str = "1280x800x24") -> Iterator[str]:
    """Start Xvfb on a free display; yield its DISPLAY value."""
    require_tools()
    read_fd, write_fd = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write_fd), "-screen", "0", size, "-nolisten", "tcp"],
        pass_fds=(write_fd,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write_fd)
    with os.fdopen(read_fd) as pipe:
        number = pipe.readline().strip()
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


@contextmanager
def running(command: list[str], **popen: object) -> Iterator[subprocess.Popen[str]]:
    """Start a program with its output collected; kill it if the test leaves it running.

    Fails the test if the program printed a traceback.
    """
    app = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, **popen
    )
    try:
        yield app
    finally:
        if app.poll() is None:
            app.kill()
        output = app.communicate()[0]
    assert "Traceback" not in output, output


def wait_for_window(display: str, name: str, timeout: float = 30.0) -> str:
    """The X window id of the first window whose title contains ``name``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = subprocess.run(
            ["xdotool", "search", "--onlyvisible", "--name", name],
            env={**os.environ, "DISPLAY": display},
            capture_output=True,
            text=True,
        )
        if found.returncode == 0 and found.stdout.split():
            return found.stdout.split()[0]
        time.sleep(0.2)
    raise AssertionError(f"no window titled {name!r} appeared within {timeout:.0f} s")


def xdotool(display: str, *args: str) -> None:
    subprocess.run(["xdotool", *args], env={**os.environ, "DISPLAY": display}, check=True)


def screenshot(display: str, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        ["import", "-window", "root", str(target)],
        env={**os.environ, "DISPLAY": display},
        check=True,
        timeout=30,
    )
    return target


def sign_in(display: str, username: str, password: str) -> None:
    """Type into the sign-in dialog as a person would, and press Enter."""
    dialog = wait_for_window(display, "Sign in")
    xdotool(display, "windowfocus", "--sync", dialog)
    xdotool(display, "type", "--delay", "20", username)
    xdotool(display, "key", "Tab")
    xdotool(display, "type", "--delay", "20", password)
    xdotool(display, "key", "Return")


def fill_first_admin(display: str, name: str, password: str) -> None:
    """Type the first administrator into the "Set up imsdesk" dialog (Enter not pressed).

    The user name is made from the name; the role is fixed: Admin.
    """
    dialog = wait_for_window(display, "Set up imsdesk", timeout=60)
    xdotool(display, "windowfocus", "--sync", dialog)
    xdotool(display, "type", "--delay", "20", name)
    for _ in range(3):  # user name, registration number, password
        xdotool(display, "key", "Tab")
    xdotool(display, "type", "--delay", "20", password)
    xdotool(display, "key", "Tab")
    xdotool(display, "type", "--delay", "20", password)
