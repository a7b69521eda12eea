#!/usr/bin/env bash
# Makes sure TorchSharp's native library (libLibTorchSharp.so from TorchSharp 0.107.0) can load.
#
# It needs libstdc++ with the symbol version GLIBCXX_3.4.32 (GCC 13 or newer). Debian 12 and
# Ubuntu 22.04 ship an older libstdc++. Where the version is missing:
#   - on a Debian-family system, running as root: install libstdc++6 from Debian 13 ("trixie"),
#     pinned at low priority so that nothing else is upgraded by default
#     (see ../shared/design/native-runtime.md for why this and not the alternatives);
#   - anywhere else: print what to install and exit 1.
# Idempotent; returns at once when the requirement is already met. Not needed on Windows or macOS.
set -euo pipefail

required=GLIBCXX_3.4.32

case "$(uname -s)" in
  Linux) ;;
  *) echo "setup-native: $(uname -s) needs no native set-up."; exit 0 ;;
esac

find_libstdcxx() {
  local candidate
  candidate=$(ldconfig -p 2>/dev/null | awk '/libstdc\+\+\.so\.6 .*x86-64|libstdc\+\+\.so\.6 .*AArch64/ {print $NF; exit}')
  if [ -z "$candidate" ]; then
    for candidate in /lib/x86_64-linux-gnu/libstdc++.so.6 /usr/lib/x86_64-linux-gnu/libstdc++.so.6 \
                     /lib/aarch64-linux-gnu/libstdc++.so.6 /usr/lib64/libstdc++.so.6 /usr/lib/libstdc++.so.6; do
      [ -e "$candidate" ] && break
    done
  fi
  printf '%s' "$candidate"
}

has_required() {
  local lib
  lib=$(find_libstdcxx)
  [ -n "$lib" ] && [ -e "$lib" ] && grep -qa "$required" "$lib"
}

if has_required; then
  echo "setup-native: libstdc++ provides $required ($(find_libstdcxx)); nothing to do."
  exit 0
fi

lib=$(find_libstdcxx)
echo "setup-native: ${lib:-libstdc++.so.6} lacks $required, which TorchSharp 0.107's native library needs."

if [ ! -r /etc/debian_version ] || ! command -v apt-get >/dev/null 2>&1; then
  cat >&2 <<MSG
setup-native: this is not a Debian-family system. Install libstdc++ from GCC 13 or newer
(a libstdc++.so.6 that provides $required), e.g. upgrade to a distribution release that ships it,
then run this script again.
MSG
  exit 1
fi

if [ "$(id -u)" -ne 0 ]; then
  cat >&2 <<'MSG'
setup-native: run this script as root (sudo bash build/setup-native.sh), or apply the fix yourself:
  1. add /etc/apt/sources.list.d/trixie.sources with
       Types: deb
       URIs: http://deb.debian.org/debian
       Suites: trixie
       Components: main
       Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
  2. pin it low: printf 'Package: *\nPin: release n=trixie\nPin-Priority: 100\n' > /etc/apt/preferences.d/trixie-low
  3. apt-get update && apt-get install -y -t trixie --no-install-recommends libstdc++6
MSG
  exit 1
fi

if [ ! -e /usr/share/keyrings/debian-archive-keyring.gpg ]; then
  echo "setup-native: /usr/share/keyrings/debian-archive-keyring.gpg is missing; installing debian-archive-keyring." >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debian-archive-keyring >/dev/null
fi

if [ ! -e /etc/apt/sources.list.d/trixie.sources ]; then
  cat > /etc/apt/sources.list.d/trixie.sources <<'SRC'
Types: deb
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
fi
if [ ! -e /etc/apt/preferences.d/trixie-low ]; then
  printf 'Package: *\nPin: release n=trixie\nPin-Priority: 100\n' > /etc/apt/preferences.d/trixie-low
fi

echo "setup-native: installing libstdc++6 from Debian 13 (trixie), pinned low..."
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq -t trixie --no-install-recommends libstdc++6 >/dev/null

if has_required; then
  echo "setup-native: done; $(find_libstdcxx) now provides $required."
else
  echo "setup-native: libstdc++6 from trixie was installed but $required is still missing in $(find_libstdcxx)." >&2
  exit 1
fi
