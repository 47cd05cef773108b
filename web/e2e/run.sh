#!/usr/bin/env bash
# Runs the browser test files one after another (in parallel, several chromium and pcmd
# processes on a 2-core machine make timings flaky). A file that fails is run once more, and
# both runs count: a file that passes only the second time is reported as FLAKY (the build still
# passes, the report names it so that it gets fixed); one that fails twice fails the build.
# The failures are repeated at the end of the output, where a truncated CI log still shows them.
# Exit status: 1 if any file failed twice.
set -u
cd "$(dirname "$0")/.."
status=0
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
summary=()
for f in e2e/*.test.mjs; do
  name=$(basename "$f" .test.mjs)
  if node --test "$f" 2>&1 | tee "$logs/$name.1.log"; test "${PIPESTATUS[0]}" -eq 0; then
    continue
  fi
  echo "# $f failed; running it once more" >&2
  if node --test "$f" 2>&1 | tee "$logs/$name.2.log"; test "${PIPESTATUS[0]}" -eq 0; then
    summary+=("FLAKY $f (failed once, then passed)")
  else
    summary+=("FAILED $f (twice)")
    status=1
  fi
  # What failed the first time: the failing tests and the error of each.
  failures=$(grep -E -A12 "^\s*not ok" "$logs/$name.1.log" | grep -E "not ok|error:|Error|expected|actual|waiting for|locator" | head -40)
  summary+=("$failures")
done
if [ ${#summary[@]} -gt 0 ]; then
  echo
  echo "# Browser tests that failed at least once:"
  printf '%s\n' "${summary[@]}"
fi
exit $status
