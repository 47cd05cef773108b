#!/usr/bin/env bash
# Builds the libFuzzer targets with Clang in build/fuzz (a build of its own: the project's
# compiler is GCC) and runs each for SECONDS (default 20) over a copy of its committed corpus
# in tests/fuzz/corpus/, so that the repository only changes by hand.
#   tests/fuzz/run_fuzz.sh [SECONDS]
# Exits 0 when no target crashed, 1 on a crash, leak, timeout or failed check (printing the
# path of the input that did it: replay with `build/fuzz/pcmd_<target>_fuzz <path>`), 2 on a
# build failure, and 77 (CTest's skip) when clang++ is not installed.
# PCMD_FUZZ_SRC (another src/ tree, e.g. with a fix being tried), PCMD_FUZZ_BUILD (another
# build directory) and PCMD_FUZZ_CXX (another clang++) change what is built.
set -uo pipefail
seconds="${1:-20}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
build="${PCMD_FUZZ_BUILD:-$root/build/fuzz}"
cxx="${PCMD_FUZZ_CXX:-clang++}"

if ! command -v "$cxx" >/dev/null 2>&1; then
  echo "run_fuzz: $cxx not found; the fuzz targets need Clang (skipped)" >&2
  exit 77
fi
generator=()
command -v ninja >/dev/null 2>&1 && generator=(-G Ninja)
if ! cmake -S "$root/tests/fuzz" -B "$build" "${generator[@]}" -DCMAKE_CXX_COMPILER="$cxx" \
       -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPCMD_FUZZ_SRC="${PCMD_FUZZ_SRC:-$root/src}" \
       >"$build.configure.log" 2>&1 ||
   ! cmake --build "$build" --target pcmd_csv_fuzz pcmd_xlsx_fuzz >"$build.build.log" 2>&1; then
  cat "$build.configure.log" "$build.build.log" 2>/dev/null | tail -40 >&2
  echo "run_fuzz: build failed (logs: $build.configure.log, $build.build.log)" >&2
  exit 2
fi

status=0
for target in csv xlsx; do
  run="$build/run-$target"
  rm -rf "$run"
  mkdir -p "$run/corpus" "$run/artifacts"
  cp "$root/tests/fuzz/corpus/$target/"* "$run/corpus/"
  max_len=4096
  extra=()
  if [ "$target" = xlsx ]; then
    max_len=65536
    extra=(-dict="$root/tests/fuzz/xlsx.dict")
  fi
  echo "run_fuzz: $target for ${seconds}s"
  ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:allocator_may_return_null=1" \
  UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1" \
    "$build/pcmd_${target}_fuzz" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 \
      -error_exitcode=1 "${extra[@]}" -rss_limit_mb=2560 -malloc_limit_mb=1024 -print_final_stats=1 \
      -artifact_prefix="$run/artifacts/" "$run/corpus" >"$run/log" 2>&1
  code=$?
  grep -E '^(#[0-9]+ +DONE|stat::number_of_executed_units|stat::average_exec_per_sec|stat::peak_rss_mb)' "$run/log" |
    sed "s/^/  $target: /"
  grep -Eo 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9a-zA-Z]+' "$run/log" | tail -1 |
    sed "s/^/  $target: /"
  crashes=$(find "$run/artifacts" -type f 2>/dev/null)
  if [ "$code" -ne 0 ] || [ -n "$crashes" ]; then
    status=1
    echo "run_fuzz: $target FAILED (exit $code); log: $run/log" >&2
    grep -E 'ERROR:|SUMMARY:|xlsx_fuzz:|csv_fuzz:' "$run/log" | head -5 >&2
    for input in $crashes; do echo "run_fuzz: crash input: $input" >&2; done
  fi
done
exit "$status"
