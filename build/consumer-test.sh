#!/usr/bin/env bash
# Consumer test: the package as a user meets it. Packs Ml.Recurrent into a local folder feed, creates a fresh
# console app in a temporary folder OUTSIDE the repository (so none of the repository's Directory.Build.props,
# Directory.Packages.props, NuGet.config or global.json apply), adds the package by its exact version from that
# feed (NuGet.config: the local folder plus nuget.org, with package source mapping so that Ml.Recurrent can
# only come from the local folder), then:
#   1. publishes the app framework-dependent for linux-x64 (so the published app is what runs);
#   2. process 1 trains a tiny classifier, saves it and writes its scores (build/consumer-test/Program.cs, `train`);
#   3. process 2 loads the model and compares its scores with process 1's: every score within the reload bound
#      of docs/reliability.md, bit-identical rows counted (`score`).
# Exits non-zero if any step fails or a score differs. KEEP_CONSUMER_DIR=1 keeps the temporary folder.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
start=$(date +%s)
bash "$root/build/setup-native.sh" >/dev/null

work=$(mktemp -d "${TMPDIR:-/tmp}/mlr-consumer.XXXXXX")
case "$work" in "$root"/*) echo "consumer-test: $work is inside the repository" >&2; exit 1 ;; esac
if [ "${KEEP_CONSUMER_DIR:-0}" = 1 ]; then echo "consumer-test: keeping $work"; else trap 'rm -rf "$work"' EXIT; fi

# Runs a command with its output hidden, unless it fails.
quiet() {
  local log="$work/quiet.log"
  if ! "$@" >"$log" 2>&1; then cat "$log" >&2; echo "consumer-test: failed: $*" >&2; return 1; fi
}

version=$(dotnet msbuild "$root/src/Ml.Recurrent/Ml.Recurrent.csproj" -getProperty:PackageVersion)
feed="$work/feed"
echo "== consumer-test: packing Ml.Recurrent $version into $feed"
quiet bash "$root/build/pack.sh" "$feed"
ls "$feed"

# The global package cache is reused (fast), but a package of the same id and version from an earlier pack
# would shadow the fresh one: remove just that one.
cache=$(dotnet nuget locals global-packages --list | sed 's/^global-packages: //')
rm -rf "$cache/ml.recurrent/$version"

cat > "$work/NuGet.config" <<XML
<?xml version="1.0" encoding="utf-8"?>
<configuration>
  <packageSources>
    <clear />
    <add key="local" value="$feed" />
    <add key="nuget.org" value="https://api.nuget.org/v3/index.json" />
  </packageSources>
  <packageSourceMapping>
    <packageSource key="local"><package pattern="Ml.Recurrent" /></packageSource>
    <packageSource key="nuget.org"><package pattern="*" /></packageSource>
  </packageSourceMapping>
</configuration>
XML

app="$work/app"
echo "== consumer-test: dotnet new console; dotnet add package Ml.Recurrent --version $version"
quiet dotnet new console -o "$app" -n ConsumerApp --framework net10.0 --no-restore
cp "$root/build/consumer-test/Program.cs" "$app/Program.cs"
(cd "$app" && quiet dotnet add package Ml.Recurrent --version "$version")
grep -q "Include=\"Ml.Recurrent\" Version=\"$version\"" "$app/ConsumerApp.csproj" \
  || { echo "consumer-test: ConsumerApp.csproj does not reference Ml.Recurrent $version" >&2; exit 1; }
source_used=$(sed -n 's/.*"source": *"\([^"]*\)".*/\1/p' "$cache/ml.recurrent/$version/.nupkg.metadata")
[ "$source_used" = "$feed" ] \
  || { echo "consumer-test: Ml.Recurrent $version was restored from '$source_used', not from $feed" >&2; exit 1; }

# Framework-dependent for linux-x64: only Linux's libtorch is copied (docs/deployment.md has the sizes).
echo "== consumer-test: dotnet publish -r linux-x64 --self-contained false"
quiet dotnet publish "$app" -c Release -r linux-x64 --self-contained false -o "$work/publish" -nologo
echo "published: $(du -sm "$work/publish" | cut -f1) MB in $work/publish"

echo "== consumer-test: the published app trains, saves and scores (process 1)"
"$work/publish/ConsumerApp" train "$work/model"
echo "== consumer-test: the published app loads the model and scores again (process 2)"
"$work/publish/ConsumerApp" score "$work/model"

echo "consumer-test: passed in $(( $(date +%s) - start )) s"
