#!/usr/bin/env sh
# Installs the unpacked till bundle: for this user (default, no root needed) or, run as
# root with --system, for everyone. Re-running upgrades in place; data is never touched
# (it lives in ~/.local/share/membership-till).
#   ./install.sh            -> ~/.local/opt/membership-till, `pos` in ~/.local/bin
#   sudo ./install.sh --system -> /opt/membership-till, `pos` in /usr/local/bin
#   ./install.sh --uninstall [--system]   removes the program, keeps the data
set -eu
here=$(cd "$(dirname "$0")" && pwd)
mode=user
action=install
for arg in "$@"; do
  case "$arg" in
    --system) mode=system ;;
    --uninstall) action=uninstall ;;
    *) echo "usage: $0 [--system] [--uninstall]" >&2; exit 2 ;;
  esac
done
if [ "$mode" = system ]; then
  prefix=/opt/membership-till; bin=/usr/local/bin
  apps=/usr/share/applications; icons=/usr/share/icons/hicolor/256x256/apps
else
  share=${XDG_DATA_HOME:-$HOME/.local/share}
  prefix=$HOME/.local/opt/membership-till; bin=$HOME/.local/bin
  apps=$share/applications; icons=$share/icons/hicolor/256x256/apps
fi

if [ "$action" = uninstall ]; then
  rm -rf "$prefix"
  rm -f "$bin/pos" "$apps/membership-till.desktop" "$icons/membership-till.png"
  echo "removed the till from $prefix (your data folder is kept)"
  exit 0
fi

mkdir -p "$(dirname "$prefix")" "$bin" "$apps" "$icons"
staging="$prefix.new"
rm -rf "$staging"
cp -R "$here/membership-till" "$staging"
rm -rf "$prefix.old"
[ -d "$prefix" ] && mv "$prefix" "$prefix.old"
mv "$staging" "$prefix"
rm -rf "$prefix.old"
ln -sf "$prefix/pos" "$bin/pos"
cp "$here/membership-till.png" "$icons/membership-till.png"
sed "s|@BIN@|$prefix|" "$here/membership-till.desktop" > "$apps/membership-till.desktop"
echo "installed the till in $prefix; start it from the menu or with: $bin/pos"
case ":$PATH:" in *":$bin:"*) ;; *) echo "note: $bin is not on your PATH" ;; esac
