#!/usr/bin/env bash
# CI: build the desktop bundle from the current tree, then prove it with packaging/smoke_bundle.sh
# (--version, library closure, --bundle-check and --self-test offscreen, from a moved copy, and under Xvfb), then
# packs the download archive and holds it to the 100 MB compressed budget (packaging/archive_bundle.sh).
# Meant to run after `make test` (venv and system packages in place); `make bundle` installs the [bundle]
# extra (PyInstaller) into .venv itself. Prints the build time and the bundle size; exits non-zero on any failure.
#   packaging/ci_bundle.sh
set -uo pipefail
cd "$(dirname "$0")/.."
log="${TMPDIR:-/tmp}/phasegate-ci-bundle-build.log"

bash packaging/system-deps.sh --bundle  # a no-op when everything is there
for tool in objdump xvfb-run; do
  command -v "$tool" >/dev/null 2>&1 || { echo "ci_bundle: FAIL $tool is missing (apt-get install binutils xvfb xauth)"; exit 1; }
done

echo "== building the bundle from the current tree (make bundle)"
start=$(date +%s)
if ! make -s bundle >"$log" 2>&1; then
  echo "ci_bundle: FAIL build (last lines of $log):"
  tail -n 30 "$log"
  exit 1
fi
echo "build took $(( $(date +%s) - start )) s"

# The build just ran, so the smoke script only checks (it rebuilds only when dist/phasegate is missing).
bash packaging/smoke_bundle.sh
status=$?
bash packaging/archive_bundle.sh || status=1
[ "$status" = 0 ] && echo "ci_bundle: passed" || echo "ci_bundle: FAIL (smoke exit $status)"
exit "$status"
