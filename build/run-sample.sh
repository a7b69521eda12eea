#!/usr/bin/env bash
# The README's main job: native set-up, then the samples' quickstart (train, evaluate, save, reload).
# Arguments go to the samples program, e.g. `bash build/run-sample.sh quickstart --data ../shared/data/sst2_sentence`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/build/setup-native.sh"
exec dotnet run --project "$root/src/Ml.Recurrent.Samples/Ml.Recurrent.Samples.csproj" -c Release -- "$@"
