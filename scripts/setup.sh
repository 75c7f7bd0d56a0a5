#!/usr/bin/env bash
# Installs every Debian package sealadapter needs (only what is missing; quiet when all are there) and
# builds the project into build/. Idempotent: run it as often as you like.
#   scripts/setup.sh            install + configure + build
#   SA_BUILD_DIR=dir            build somewhere else (default: build)
#   SA_SKIP_BUILD=1             install packages only
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake pkg-config git
  libopenmpi-dev openmpi-bin libhdf5-openmpi-dev hdf5-tools
  libslurm-dev slurm-wlm slurmctld slurmd slurm-client munge
  libpmix-dev   # srun --mpi=pmix: Slurm's mpi_pmix plugin dlopens the unversioned libpmix.so
  libboost-filesystem-dev nlohmann-json3-dev libgtest-dev libgmock-dev libbenchmark-dev
  libsqlitecpp-dev libsqlite3-dev sqlite3 libcli11-dev libtomlplusplus-dev libspdlog-dev
  libcpp-httplib-dev libjwt-dev libhwloc-dev libkainjow-mustache-dev libssl-dev
  libxxhash-dev iproute2 procps
  clang libclang-rt-14-dev   # scripts/fuzz.sh: libFuzzer needs clang; the project builds with GCC
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  echo "setup: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  # Installing slurmctld/slurmd/munge must not start system daemons: the tests run their own cluster.
  policy_rc=/usr/sbin/policy-rc.d
  if [ ! -e "$policy_rc" ]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy_rc" >/dev/null
    $sudo chmod +x "$policy_rc"
    trap '$sudo rm -f "$policy_rc"' EXIT
  fi
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

[ "${SA_SKIP_BUILD:-0}" = 1 ] && exit 0
build="${SA_BUILD_DIR:-build}"
jobs="$(nproc 2>/dev/null || echo 2)"
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE="${SA_BUILD_TYPE:-RelWithDebInfo}" ${SA_CMAKE_ARGS:-} >/dev/null
cmake --build "$build" -j "$jobs" 2>&1 | grep -E "error|warning|Error" || true
# Fail loudly if the build did not produce the binaries (grep above only shows problems).
cmake --build "$build" -j "$jobs" >/dev/null
