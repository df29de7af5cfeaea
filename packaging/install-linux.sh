#!/usr/bin/env bash
# Installs the built bundle for the current user (no root): the folder, a `phasegate` command, the menu entry, icons.
#   packaging/install-linux.sh [--bundle DIR] [--prefix DIR]   (defaults: dist/phasegate, ~/.local)
#   packaging/install-linux.sh --uninstall [--prefix DIR]
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
bundle="$here/../dist/phasegate"
prefix="${HOME}/.local"
uninstall=0
while [ $# -gt 0 ]; do
  case "$1" in
    --bundle) bundle="$2"; shift 2 ;;
    --prefix) prefix="$2"; shift 2 ;;
    --uninstall) uninstall=1; shift ;;
    *) echo "install-linux: unknown option $1 (see the header of $0)" >&2; exit 2 ;;
  esac
done
app_dir="$prefix/share/phasegate/bundle"
bin_link="$prefix/bin/phasegate"
desktop="$prefix/share/applications/phasegate.desktop"
icons="$prefix/share/icons/hicolor"
sizes="16 32 48 64 128 256 512"

refresh_caches() {
  command -v update-desktop-database >/dev/null 2>&1 && update-desktop-database -q "$prefix/share/applications" || true
  command -v gtk-update-icon-cache >/dev/null 2>&1 && gtk-update-icon-cache -q -t "$icons" 2>/dev/null || true
}

if [ "$uninstall" = 1 ]; then
  rm -rf "$prefix/share/phasegate" "$desktop"
  [ -L "$bin_link" ] && rm -f "$bin_link"
  for s in $sizes; do rm -f "$icons/${s}x${s}/apps/phasegate.png"; done
  rm -f "$icons/scalable/apps/phasegate.svg"
  refresh_caches
  echo "install-linux: removed Phasegate from $prefix"
  exit 0
fi

[ -x "$bundle/phasegate" ] || { echo "install-linux: no bundle at $bundle; run 'make bundle' first" >&2; exit 1; }
resources="$here/../ui/resources"
mkdir -p "$prefix/share/phasegate" "$prefix/bin" "$prefix/share/applications"
rm -rf "$app_dir"
cp -a "$bundle" "$app_dir"
ln -sfn "$app_dir/phasegate" "$bin_link"
for s in $sizes; do
  install -Dm644 "$resources/phasegate-$s.png" "$icons/${s}x${s}/apps/phasegate.png"
done
install -Dm644 "$resources/phasegate.svg" "$icons/scalable/apps/phasegate.svg"
# The menu entry runs the installed binary by absolute path, so it works even when ~/.local/bin is not on PATH.
sed -e "s|^Exec=phasegate|Exec=$app_dir/phasegate|" -e "s|^TryExec=phasegate|TryExec=$app_dir/phasegate|" \
  "$here/phasegate.desktop" > "$desktop"
chmod 644 "$desktop"
refresh_caches
echo "install-linux: installed to $app_dir; menu entry $desktop; command $bin_link"
