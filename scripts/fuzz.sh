#!/usr/bin/env bash
# Builds the JSON-RPC fuzz target with clang (libFuzzer + ASan + UBSan) and runs it for a bounded time.
# Kept out of the main CMake build because that one uses GCC, and libFuzzer needs clang.
#   FUZZ_SECONDS=60         how long to fuzz (default 60)
#   SA_FUZZ_BUILD_DIR=dir   where the binary, log and any crash input go (default build-fuzz)
#   SA_FUZZ_CXX=clang++     the compiler
# Prints one summary line; on a crash, prints the end of the log and exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."

seconds="${FUZZ_SECONDS:-60}"
out="${SA_FUZZ_BUILD_DIR:-build-fuzz}"
cxx="${SA_FUZZ_CXX:-clang++}"
bin="$out/fuzz_rpc_request"
log="$out/fuzz_rpc_request.log"
sources=(tests/fuzz/fuzz_rpc_request.cpp adapter/api/jsonrpc.cpp)
mkdir -p "$out"

# Rebuild only when a source or header is newer than the binary: a rebuild takes ~25 s.
stale=0
[ -x "$bin" ] || stale=1
for f in "${sources[@]}" adapter/api/jsonrpc.hpp "$0"; do
  [ "$f" -nt "$bin" ] && stale=1
done
if [ "$stale" = 1 ]; then
  "$cxx" -std=c++20 -O1 -g -fno-omit-frame-pointer \
    -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
    -Iadapter -Iadapter/api "${sources[@]}" -o "$bin.tmp"
  mv "$bin.tmp" "$bin"
fi

# Fuzz a copy of the seeds: libFuzzer writes new inputs into its first corpus dir.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cp -r tests/fuzz/corpus/rpc_request/. "$work/"

start=$SECONDS
rc=0
"$bin" "$work" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 \
  -artifact_prefix="$out/" >"$log" 2>&1 || rc=$?
elapsed=$((SECONDS - start))

if [ "$rc" -ne 0 ]; then
  tail -n 60 "$log" >&2
  echo "fuzz_rpc_request: FAILED (exit $rc) after ${elapsed}s; full log $log, crash input $out/crash-* (or leak-*/timeout-*/oom-*)" >&2
  exit 1
fi
runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n 1)"
echo "fuzz_rpc_request: ${runs:-?} runs in ${elapsed}s, corpus $(find "$work" -type f | wc -l) inputs, no crashes"
