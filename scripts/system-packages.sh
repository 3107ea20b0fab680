#!/usr/bin/env bash
# Install the Debian packages the project needs (WeasyPrint's libraries, Chromium for the
# browser tests, gettext, docker-compose for validating the compose file) when missing.
# With --if-root it quietly does nothing when not run as root.
set -euo pipefail

if [[ "${1:-}" == "--if-root" && "$(id -u)" != "0" ]]; then
  exit 0
fi

packages=(chromium gettext docker-compose libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0
          fonts-dejavu-core postgresql-client redis-tools poppler-utils)
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
    || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "Installing system packages: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
