#!/usr/bin/env bash
# Installs what pcmd needs to build, run and test on Debian 12, as root.
# Idempotent: packages already present are skipped quickly.
#   scripts/setup.sh          build + run dependencies
#   scripts/setup.sh --test   also the test dependencies (PostgreSQL server, chromium)
set -euo pipefail
want_test=0
[ "${1:-}" = "--test" ] && want_test=1

pkgs=(
  build-essential cmake pkg-config ninja-build git ca-certificates
  librestinio-dev libasio-dev libhttp-parser-dev   # HTTP server (header-only) and its parser
  libsoci-dev libsqlite3-dev libpq-dev             # one SQL layer over SQLite and PostgreSQL
  libboost-dev                                     # headers that libsoci-dev includes
  nlohmann-json3-dev                               # JSON
  libsodium-dev                                    # passwords (argon2id), tokens, field encryption
  libssl-dev                                       # HMAC-SHA1 for TOTP (RFC 6238), which libsodium lacks
  libspdlog-dev libfmt-dev                         # structured logs
  libcli11-dev                                     # command line
  libtomlplusplus-dev                              # configuration file
  zlib1g-dev                                       # gzip of replies
  libxlsxwriter-dev libminizip-dev libexpat1-dev   # exports: write XLSX; read uploaded XLSX (unzip, XML)
  libhpdf-dev fonts-noto-core                      # exports: PDF reports (libharu) in Noto Sans
  libcairo2-dev                                    # exports: charts drawn as PNG images for DOCX and PDF
  libgtest-dev libgmock-dev                        # unit tests
  python3                                          # API and crash test harness
  sqlite3                                          # operators' inspection of the store
)
if [ "$want_test" = 1 ]; then
  pkgs+=(postgresql-15 chromium)
  pkgs+=(poppler-utils libxml2-utils)                 # PDF pages rendered to PNG; ADX checked against its schema
  pkgs+=(clang libclang-rt-14-dev)                   # libFuzzer for the CSV and XLSX readers
fi
if ! command -v node >/dev/null 2>&1; then
  pkgs+=(nodejs npm)
fi

missing=()
for p in "${pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "setup: missing Debian packages: ${missing[*]} (run as root to install them)" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
