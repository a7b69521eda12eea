#!/usr/bin/env bash
# The README's test command: native set-up, then the whole test suite (the library's tests, the samples' tests
# and the web service sample's tests, each writing its own TRX), then one line "N passed, N failed" summed over all.
# Extra arguments go to every `dotnet test` (e.g. --filter "FullyQualifiedName~Persistence").
# Exits non-zero if a test failed, if no test ran, or if the build failed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/build/setup-native.sh"
bash "$root/build/setup-chromium.sh"

results="$root/artifacts/test-results"
rm -rf "$results"
status=0
for project in Ml.Recurrent.Tests Ml.Recurrent.Samples.Tests Ml.Recurrent.WebService.Tests; do
  set +e
  dotnet test "$root/test/$project/$project.csproj" -c Release \
    --logger "trx;LogFileName=$project.trx" --results-directory "$results" "$@"
  code=$?
  set -e
  [ "$code" -ne 0 ] && status=$code
done

passed=0; failed=0; total=0
shopt -s nullglob
for trx in "$results"/*.trx; do
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  value() { printf '%s' "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(value passed))); failed=$((failed + $(value failed))); total=$((total + $(value total)))
done

other=$((total - passed - failed))
if [ "$other" -gt 0 ]; then
  echo "$passed passed, $failed failed, $other skipped"
else
  echo "$passed passed, $failed failed"
fi
if [ "$status" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  [ "$passed" -eq 0 ] && echo "test.sh: no test passed (build failure or no tests found); dotnet test exited $status" >&2
  exit 1
fi
