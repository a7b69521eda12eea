#!/usr/bin/env bash
# The samples' tests render the explanation page in Debian's chromium (Playwright drives it by its path; Playwright's
# own browser download is not used). Installs the package when /usr/bin/chromium is missing (as root on Debian);
# elsewhere prints what to install and exits 1.
set -euo pipefail
[ -x /usr/bin/chromium ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
  echo "setup-chromium: installing Debian's chromium for the page-rendering test"
  DEBIAN_FRONTEND=noninteractive apt-get install -y chromium \
    || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium; }
else
  echo "setup-chromium: /usr/bin/chromium is missing; install Debian's 'chromium' package (the explanation page test needs it)." >&2
  exit 1
fi
