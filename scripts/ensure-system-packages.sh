#!/usr/bin/env bash
# Install Debian packages when they are missing. Without arguments: what the browser tests
# need — Chromium (Playwright drives /usr/bin/chromium; its own browser download does not work
# here) and fonts for Chinese, Tamil, Gurmukhi and Arabic script. With arguments: those
# packages (e.g. `wrk` for the production benchmarks).
set -euo pipefail
if [ $# -gt 0 ]; then packages=("$@"); else packages=(chromium fonts-noto-core fonts-noto-cjk); fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "Installing system packages: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then SUDO=sudo; else
    echo "Need root to install ${missing[*]}: run 'apt-get install ${missing[*]}' as root." >&2
    exit 1
  fi
else
  SUDO=""
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "Installed: ${missing[*]}"
