#!/usr/bin/env bash
# Runs the browser test files one after another (in parallel, several chromium and pcmd
# processes on a 2-core machine make timings flaky). Exit status: 1 if any file failed.
set -u
cd "$(dirname "$0")/.."
status=0
for f in e2e/*.test.mjs; do
  node --test "$f" || status=1
done
exit $status
