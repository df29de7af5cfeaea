#!/usr/bin/env bash
# Smoke test of the desktop bundle (minutes; not part of the unit suite):
#   builds dist/phasegate/ if missing (or with --rebuild), then runs --version, --bundle-check and --self-test
#   offscreen, from a moved copy with an empty environment, and under Xvfb (real xcb); checks every bundled
#   library resolves, and prints the bundle size and the 15 largest files. Exit 1 if any step fails.
#   packaging/smoke_bundle.sh [--rebuild]
set -u
cd "$(dirname "$0")/.."
EXE=dist/phasegate/phasegate
LIMIT="${SMOKE_STEP_TIMEOUT:-300}"  # seconds per step, so a hung window fails CI instead of stalling it
failures=0
step() { echo "== $*"; }
check() {  # check NAME CMD...: runs CMD (killed after $LIMIT s), reports ok/FAIL with its exit code
  local name="$1"; shift
  if timeout --kill-after=10 "$LIMIT" "$@"; then echo "ok   $name"; else echo "FAIL $name (exit $?)"; failures=$((failures + 1)); fi
}

if [ "${1:-}" = "--rebuild" ] || [ ! -x "$EXE" ]; then
  step "building the bundle (make bundle)"
  start=$(date +%s)
  make -s bundle >/tmp/phasegate-bundle-build.log 2>&1 || { echo "FAIL build: see /tmp/phasegate-bundle-build.log"; exit 1; }
  echo "build took $(( $(date +%s) - start )) s"
fi

step "version"
check "--version" "$EXE" --version

step "libraries: every ELF in the bundle resolves its dependencies"
unresolved=$(find dist/phasegate/_internal -type f \( -name '*.so' -o -name '*.so.*' \) -print0 \
  | LD_LIBRARY_PATH="$PWD/dist/phasegate/_internal" xargs -0 -n 50 ldd 2>/dev/null | grep "not found" | sort -u)
if [ -z "$unresolved" ]; then echo "ok   all libraries resolve"; else echo "FAIL unresolved:"; echo "$unresolved"; failures=$((failures + 1)); fi

dangling=$(find dist/phasegate -xtype l)
if [ -z "$dangling" ]; then echo "ok   no dangling symbolic links"; else echo "FAIL dangling links:"; echo "$dangling"; failures=$((failures + 1)); fi

step "bundle check, offscreen"
check "--bundle-check (offscreen)" env QT_QPA_PLATFORM=offscreen "$EXE" --bundle-check

step "relocated copy with an empty environment (no venv, no repository on the path)"
moved=$(mktemp -d)
cp -a dist/phasegate "$moved/"
check "--bundle-check (moved, env -i)" env -i HOME="$moved" PATH=/usr/bin:/bin LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
  sh -c "cd / && '$moved/phasegate/phasegate' --bundle-check >/dev/null"
check "--self-test (moved, env -i)" env -i HOME="$moved" PATH=/usr/bin:/bin LANG=C.UTF-8 QT_QPA_PLATFORM=offscreen \
  sh -c "cd / && '$moved/phasegate/phasegate' --self-test"
rm -rf "$moved"

step "self-test, offscreen"
check "--self-test (offscreen)" env QT_QPA_PLATFORM=offscreen "$EXE" --self-test

step "under Xvfb (real xcb platform, no QT_QPA_PLATFORM)"
if command -v xvfb-run >/dev/null 2>&1; then
  check "--bundle-check (xvfb)" env -u QT_QPA_PLATFORM xvfb-run -a "$EXE" --bundle-check
  check "--self-test (xvfb)" env -u QT_QPA_PLATFORM xvfb-run -a "$EXE" --self-test
else
  echo "FAIL xvfb-run missing: run 'make system-deps'"; failures=$((failures + 1))
fi

step "size"
du -sh dist/phasegate | sed 's/^/bundle size: /'
echo "largest items:"
find dist/phasegate -type f -printf '%s %P\n' | sort -rn | head -15 | awk '{printf "  %6.1f MB  %s\n", $1/1048576, $2}'

[ "$failures" = 0 ] && echo "smoke: all passed" || echo "smoke: $failures failed"
exit $(( failures > 0 ))
