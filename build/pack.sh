#!/usr/bin/env bash
# Packs the library into Ml.Recurrent.<version>.nupkg and .snupkg (symbols), by default in artifacts/packages/.
#   bash build/pack.sh [output-folder] [extra dotnet pack arguments, e.g. -p:RepositoryUrl=... from a fork]
# The version comes from build/Version.props. Prints the package files it produced.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
out="$root/artifacts/packages"
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then out=$1; shift; fi
project="$root/src/Ml.Recurrent/Ml.Recurrent.csproj"
version=$(dotnet msbuild "$project" -getProperty:PackageVersion)
mkdir -p "$out"
rm -f "$out/Ml.Recurrent.$version.nupkg" "$out/Ml.Recurrent.$version.snupkg"
dotnet pack "$project" -c Release -o "$out" -nologo "$@"
for file in "$out/Ml.Recurrent.$version.nupkg" "$out/Ml.Recurrent.$version.snupkg"; do
  [ -f "$file" ] || { echo "pack.sh: $file was not produced" >&2; exit 1; }
  printf '%s (%s KiB)\n' "$file" "$(( $(stat -c %s "$file") / 1024 ))"
done
