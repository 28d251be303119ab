#!/usr/bin/env bash
# Put imsdesk in this user's application menu: a desktop entry that starts the built app,
# and its icon in every size. No root needed; run it again after moving the app's folder.
#
#   ./install-desktop.sh [APP_DIR]     APP_DIR holds the imsdesk program; default: the
#                                      folder of this script if it holds one (a copied
#                                      bundle), else dist/imsdesk beside packaging/
#   ./install-desktop.sh --uninstall   take the entry and the icons out again
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
data="${XDG_DATA_HOME:-$HOME/.local/share}"
entry="$data/applications/imsdesk.desktop"
icons="$data/icons/hicolor"
sizes=(16 24 32 48 64 128 256)

refresh_menus() {  # desktops re-read their menus and icon caches; optional tools
  if command -v update-desktop-database >/dev/null; then
    update-desktop-database -q "$data/applications" || true
  fi
  if command -v gtk-update-icon-cache >/dev/null && [[ -f "$icons/index.theme" ]]; then
    gtk-update-icon-cache -q -t -f "$icons" || true
  fi
}

if [[ "${1:-}" == "--uninstall" ]]; then
  rm -f "$entry" "$icons/scalable/apps/imsdesk.svg"
  for size in "${sizes[@]}"; do rm -f "$icons/${size}x${size}/apps/imsdesk.png"; done
  refresh_menus
  echo "imsdesk is no longer in the application menu"
  exit 0
fi

if [[ -n "${1:-}" ]]; then
  app="$(cd "$1" && pwd)"
elif [[ -x "$here/imsdesk" ]]; then
  app="$here"
else
  app="$(dirname "$here")/dist/imsdesk"
fi
program="$app/imsdesk"
artwork="$app/_internal/imsdesk/resources/icons"
if [[ ! -x "$program" || ! -d "$artwork" ]]; then
  echo "install-desktop.sh: no built imsdesk in $app (build it with packaging/build.sh)" >&2
  exit 1
fi
if [[ "$program" == *[\"\`\$\\]* ]]; then  # the desktop entry format cannot quote these
  echo "install-desktop.sh: move the app to a folder without \" \` \$ or \\ in its path" >&2
  exit 1
fi

mkdir -p "$data/applications" "$icons/scalable/apps"
cp "$artwork/imsdesk.svg" "$icons/scalable/apps/imsdesk.svg"
for size in "${sizes[@]}"; do
  mkdir -p "$icons/${size}x${size}/apps"
  cp "$artwork/imsdesk-$size.png" "$icons/${size}x${size}/apps/imsdesk.png"
done
template="$(<"$here/imsdesk.desktop")"
command_line="\"${program//%/%%}\""  # quoted for spaces; % is doubled in Exec
printf '%s\n' "${template//@EXEC@/"$command_line"}" >"$entry.tmp"
mv "$entry.tmp" "$entry"
refresh_menus
echo "imsdesk is in the application menu ($entry), starting $program"
