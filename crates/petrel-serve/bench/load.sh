#!/usr/bin/env bash
# Bounded load test of `petrel serve` on loopback with wrk (Debian package `wrk`):
# 16 concurrent connections for DURATION seconds against /v1/events (two queries) and
# /v1/code. Usage: crates/petrel-serve/bench/load.sh URL [DURATION]
# e.g. URL=http://127.0.0.1:18940 after starting a server on a store.
set -euo pipefail
url="${1:?usage: load.sh URL [DURATION]}"
dur="${2:-20}"
here="$(cd "$(dirname "$0")" && pwd)"
command -v wrk >/dev/null || { echo "load.sh: needs wrk (apt-get install -y wrk)" >&2; exit 1; }
failed=0
run() {
  echo "== $*"
  local out
  out="$(wrk -t2 -c16 -d"${dur}s" --latency "$@")"
  echo "$out"
  # wrk prints these lines only when something went wrong.
  if grep -qE "Non-2xx|Socket errors" <<<"$out"; then
    echo "load.sh: errors during $*" >&2
    failed=1
  fi
}
run "$url/v1/events?limit=100"
run "$url/v1/events?actor=KGZ&code=14&from=2010-04-01&to=2010-06-30&limit=100"
run -s "$here/code.lua" "$url/v1/code"
exit "$failed"
