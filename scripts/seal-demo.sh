#!/usr/bin/env bash
# The main job: sets up, then seals sectors end to end on this machine with the embedded default site
# (the local backend; no Slurm). Sectors, state and results go to $SEALADAPTER_HOME (default build/demo).
#   scripts/seal-demo.sh [sealadapter seal options...]     e.g. --sector-size 8MiB --count 2
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
export SEALADAPTER_HOME="${SEALADAPTER_HOME:-$PWD/build/demo}"
bin="${SA_BUILD_DIR:-build}/bin/sealadapter"
if [ $# -eq 0 ]; then
  set -- --sector-size 2KiB --count 4
fi
echo "sealing into $SEALADAPTER_HOME: sealadapter seal $*" >&2
"$bin" seal "$@"
