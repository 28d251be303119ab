#!/usr/bin/env bash
# Build imsdesk as a one-folder app for this platform (Linux here; Windows and macOS in
# packaging/README.md): OUT_DIR/imsdesk/imsdesk starts it, with no Python or virtual
# environment needed on the machine it is copied to.
#
#   bash packaging/build.sh [OUT_DIR]     default: dist
#
# Uses the project's .venv (made by packaging/setup.sh if missing) and installs PyInstaller
# into it. Intermediate files go to build/.
set -euo pipefail
if [[ -n "${1:-}" ]]; then
  mkdir -p "$1"
  out="$(cd "$1" && pwd)"
fi
cd "$(dirname "$0")/.."
out="${out:-$(pwd)/dist}"

[[ -x .venv/bin/python ]] || bash packaging/setup.sh
if ! command -v objdump >/dev/null; then  # PyInstaller reads libraries with binutils (Debian)
  sudo=""
  [[ "$(id -u)" -eq 0 ]] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends binutils
fi
pip=(.venv/bin/python -m pip --quiet --disable-pip-version-check)
# The encryption extra too, should .venv predate it: the bundle opens encrypted databases.
"${pip[@]}" install --editable ".[encryption]" "pyinstaller>=6.10,<7"

# A wheel-like copy of imsdesk (resources/ and ui/ inside it, with its version metadata)
# first on the path: PyInstaller's analysis does not see the editable install's import hook.
stage=build/stage
rm -rf "$stage"
"${pip[@]}" install --no-deps --target "$stage" .

# The pyinstaller script, not `python -m`: that would put this folder, whose imsdesk/ lacks
# the resources, first on the path.
PYTHONPATH="$stage" .venv/bin/pyinstaller --noconfirm --log-level WARN \
  --distpath "$out" --workpath build/pyinstaller packaging/imsdesk.spec

# The menu entry installer travels with the bundle, for the machine it is copied to.
cp packaging/install-desktop.sh packaging/imsdesk.desktop "$out/imsdesk/"
echo "Built $out/imsdesk ($(du -sh "$out/imsdesk" | cut -f1)); start it with $out/imsdesk/imsdesk"
