#!/usr/bin/env bash
# deps.sh — install the Debian 12 packages jincun needs; installs only what is missing,
# so it is harmless when everything is present. Run as root (CI and the dev machines are).
# `deps.sh fuzz` adds what `make fuzz` needs (clang's libFuzzer and sanitizer runtimes, the
# symbolizer); CI runs `make check`, which does not need them.
set -euo pipefail
pkgs=(
  build-essential g++ pkg-config make
  libglpk-dev glpk-utils
  libosmium2-dev libprotozero-dev osmium-tool
  libproj-dev proj-data
  libcriterion-dev
  zlib1g-dev libbz2-dev libexpat1-dev liblz4-dev
  libcsv-dev libinih-dev libjansson-dev
  libxml2-utils gpsbabel libjs-leaflet chromium fonts-wqy-microhei
  python3
)
if [ "${1:-}" = fuzz ]; then
  pkgs+=(clang-14 libclang-rt-14-dev llvm-14)
fi
missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "deps: all ${#pkgs[@]} Debian packages present"
  exit 0
fi
echo "deps: installing ${missing[*]}"
SUDO=
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null; then SUDO=sudo; else
    echo "deps: not root; run as root: apt-get install ${missing[*]}" >&2; exit 1
  fi
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
