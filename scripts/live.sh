#!/usr/bin/env bash
set -euo pipefail
cd "$(dirname "$0")/.."
if [ "${1:-}" != "--live" ]; then
  echo "usage: scripts/live.sh --live [--var DIR] [--config FILE] [--duration SECS]" >&2
  echo "LIVE_FLAG_MISSING: LIVE trading needs the explicit --live flag" >&2
  exit 2
fi
cargo build --release --workspace --bins
exec target/release/livespot-launch "$@"
