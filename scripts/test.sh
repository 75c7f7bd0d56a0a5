#!/usr/bin/env bash
# Sets up (packages + build), starts what the tests need, and runs every test. CI runs exactly this.
#   scripts/test.sh [ctest arguments...]      e.g. -L unit, or -R Store
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
build="${SA_BUILD_DIR:-build}"
if [ -x scripts/local-slurm.sh ] && [ "${SA_NO_SLURM:-0}" != 1 ]; then
  scripts/local-slurm.sh up
  trap 'scripts/local-slurm.sh down || true' EXIT
fi
ctest --test-dir "$build" --output-on-failure -j "$(nproc 2>/dev/null || echo 2)" "$@"
