#!/usr/bin/env bash
# Set up imsdesk on Debian (12 or newer, Python 3.11+): the system libraries Qt needs,
# a virtual environment in .venv, and imsdesk installed into it.
#
#   bash packaging/setup.sh           what running the app needs
#   bash packaging/setup.sh --tests   also what the test suite needs (Xvfb, PostgreSQL, ...)
#
# Safe to run again: packages already present are not reinstalled.
set -euo pipefail
cd "$(dirname "$0")/.."

APP_PACKAGES=(
  python3-venv libegl1 libgl1 libglib2.0-0 libfontconfig1 libdbus-1-3 libxkbcommon0
  libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1
  libxcb-randr0 libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1
  libxcb-xfixes0 libx11-xcb1 fonts-dejavu-core
)
TEST_PACKAGES=(xvfb xauth xdotool imagemagick postgresql poppler-utils desktop-file-utils)

packages=("${APP_PACKAGES[@]}")
extras=".[encryption]"  # SQLCipher, for clinics that encrypt their database file
if [[ "${1:-}" == "--tests" ]]; then
  packages+=("${TEST_PACKAGES[@]}")
  extras=".[encryption,test]"
fi

missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
if ((${#missing[@]})); then
  sudo=""
  [[ "$(id -u)" -eq 0 ]] || sudo="sudo"
  echo "Installing Debian packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
fi

python="${PYTHON:-python3}"
[[ -x .venv/bin/python ]] || "$python" -m venv .venv
.venv/bin/python -m pip install --quiet --disable-pip-version-check --editable "$extras"
echo "imsdesk is installed in $(pwd)/.venv"
