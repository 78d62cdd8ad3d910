#!/usr/bin/env bash
# Install Debian packages when they are missing. Without arguments: what the tests need —
# Chromium (Playwright drives /usr/bin/chromium; its own browser download does not work here),
# fonts for Chinese, Tamil, Gurmukhi and Arabic script, and nginx with openssl (the test that
# runs deploy/nginx.conf in front of the site). With arguments: those packages (e.g. `wrk`).
set -euo pipefail
if [ $# -gt 0 ]; then packages=("$@"); else packages=(chromium fonts-noto-core fonts-noto-cjk nginx openssl); fi
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
