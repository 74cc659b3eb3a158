#!/usr/bin/env bash
# Installs every build, test and run dependency of piiscan from Debian's
# packages. Safe to run again: apt-get skips what is already installed.
set -euo pipefail

PACKAGES=(
  build-essential cmake ninja-build pkg-config git python3
  libvectorscan-dev libphonenumber-dev libicu-dev libuchardet-dev
  libyaml-cpp-dev nlohmann-json3-dev libcli11-dev libspdlog-dev libfmt-dev
  libexpected-dev libssl-dev libre2-dev zlib1g-dev libprotobuf-dev
  libgtest-dev libgmock-dev libbenchmark-dev time
  libcpp-httplib-dev libsqlite3-dev libjemalloc-dev prometheus wrk
)

missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "bootstrap: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  if command -v sudo >/dev/null 2>&1; then
    SUDO="sudo"
  else
    echo "bootstrap: need root to install: ${missing[*]}" >&2
    echo "bootstrap: run as root, or: apt-get install ${missing[*]}" >&2
    exit 2
  fi
fi

echo "bootstrap: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
