#!/usr/bin/env bash
# The size baseline for docs/packaging.md: PyInstaller's defaults on the same launcher and libraries, no trimming
# (no plugin filter, no excludes, no strip). Builds outside the repository and prints the size and build time.
#   packaging/naive_build.sh [OUT_DIR]     (default /tmp/phasegate-naive; minutes)
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-/tmp/phasegate-naive}"
rm -rf "$out"
mkdir -p "$out"
hidden=()
for module in $(.venv/bin/python -c 'import sys; sys.path.insert(0, "packaging")
from bundle_rules import RUNTIME_LIBRARIES; print(" ".join(RUNTIME_LIBRARIES))'); do
  hidden+=(--hidden-import "$module")
done
for package in app solver ui role_templates; do hidden+=(--collect-submodules "$package"); done
data=()
while IFS= read -r pair; do data+=(--add-data "$pair"); done < <(.venv/bin/python -c 'import sys; from pathlib import Path
sys.path.insert(0, "packaging")
from bundle_rules import data_files
for src, dest in data_files(Path(".").resolve()): print(f"{src}:{dest}")')
start=$(date +%s.%N)
.venv/bin/pyinstaller --noconfirm --clean --onedir --name phasegate --distpath "$out/dist" --workpath "$out/build" \
  --specpath "$out" --paths . --paths packaging --copy-metadata phasegate "${hidden[@]}" "${data[@]}" \
  packaging/launch_phasegate.py >"$out/build.log" 2>&1 || { echo "naive build failed: see $out/build.log"; exit 1; }
echo "naive build took $(echo "$(date +%s.%N) - $start" | bc | cut -d. -f1) s"
echo "naive bundle: $(du -sh "$out/dist/phasegate" | cut -f1) ($(du -sb "$out/dist/phasegate" | cut -f1) bytes)"
"$out/dist/phasegate/phasegate" --version
