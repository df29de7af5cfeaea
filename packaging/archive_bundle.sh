#!/usr/bin/env bash
# Packs the built bundle (dist/phasegate/) into the archive a user downloads, and holds it to the size budget:
#   dist/phasegate-<version>-linux-<arch>.tar.xz, at most BUNDLE_BUDGET_MB (100) megabytes (10^6 bytes).
# xz because it is what Linux users unpack with no extra tool (`tar xf`), and it is ~27 % smaller than gzip here.
#   packaging/archive_bundle.sh            # exit 1 when the bundle is missing or the archive is over budget
set -uo pipefail
cd "$(dirname "$0")/.."
budget_mb="${BUNDLE_BUDGET_MB:-100}"
exe=dist/phasegate/phasegate
[ -x "$exe" ] || { echo "archive: FAIL no bundle at dist/phasegate (run make bundle)"; exit 1; }
version=$("$exe" --version 2>/dev/null | awk '{print $2}')
[ -n "$version" ] || version=unknown
archive="dist/phasegate-${version}-linux-$(uname -m).tar.xz"
rm -f "$archive"
# -T0: both cores; the archive is the same byte for byte whatever the thread count.
if ! tar -C dist -cf - phasegate | xz -6 -T0 > "$archive"; then
  echo "archive: FAIL could not write $archive"; exit 1
fi
bytes=$(stat -c %s "$archive")
disk=$(du -sb dist/phasegate | cut -f1)
mb=$(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1e6}')
echo "archive: $archive ${mb} MB compressed ($(awk -v b="$disk" 'BEGIN {printf "%.1f", b / 1e6}') MB unpacked), budget ${budget_mb} MB"
if [ "$bytes" -gt $(( budget_mb * 1000000 )) ]; then
  echo "archive: FAIL over the ${budget_mb} MB budget"; exit 1
fi
echo "archive: within budget"
