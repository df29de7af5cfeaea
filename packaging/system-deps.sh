#!/usr/bin/env bash
# Installs the operating-system libraries Phasegate's tests and window need, when missing and when we can.
#   (no flag)  : Qt runtime libraries + Xvfb + LibreOffice Calc (headless) + poppler + desktop-file-utils
#   --runtime  : Qt runtime libraries only (what `make run` needs to open the window)
#   --bundle   : Qt runtime libraries + binutils (PyInstaller needs objdump; the spec strips with strip) + Xvfb
# Debian/Ubuntu only; elsewhere it prints what to install and carries on.
set -u
runtime=(libgl1 libegl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libglib2.0-0 libdbus-1-3
         libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-shape0
         libxcb-randr0 libxcb-xinerama0 libxcb-xfixes0 fonts-dejavu-core)
testing=(xvfb xauth libreoffice-calc-nogui poppler-utils desktop-file-utils)
bundling=(binutils xvfb xauth)
want=("${runtime[@]}")
case "${1:-}" in
  --runtime) ;;
  --bundle) want+=("${bundling[@]}") ;;
  *) want+=("${testing[@]}") ;;
esac
command -v dpkg-query >/dev/null 2>&1 || { echo "system-deps: not a Debian system; install Qt's xcb libraries and LibreOffice yourself" >&2; exit 0; }
missing=()
for p in "${want[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then sudo="sudo -n"; else
    echo "system-deps: missing ${missing[*]}; run: sudo apt-get install ${missing[*]}" >&2; exit 0; fi
fi
echo "system-deps: installing ${missing[*]}" >&2
$sudo apt-get update -qq >/dev/null 2>&1 || true
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
  || echo "system-deps: apt-get could not install ${missing[*]}; the tests that need them will say so" >&2
exit 0
