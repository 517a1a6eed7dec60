#!/usr/bin/env bash
# Start-up time (launch to the first 200 from /health/ready) and idle RSS, on SQLite with a
# fresh data folder (migrations included), through `./pastel serve`.
#   bench/startup.sh [runs]
source "$(dirname "$0")/lib.sh"
need curl
RUNS="${1:-5}"
(cd "$ROOT" && ./pastel build)
PORT=18090
trap 'kill $PID 2>/dev/null || true' EXIT
for run in $(seq 1 "$RUNS"); do
  rm -rf "$WORK/startup-data"
  start=$(date +%s%N)
  PASTEL_PORT=$PORT PASTEL_DATA_DIR="$WORK/startup-data" PASTEL_LOG_LEVEL=WARN "$ROOT/pastel" serve >"$WORK/startup.log" 2>&1 &
  PID=$!
  until curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1; do sleep 0.005; done
  ready_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  sleep 5
  rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$PID/status")
  echo "run $run: ready after ${ready_ms} ms; idle RSS after 5 s: $((rss_kb / 1024)) MB"
  kill "$PID"; wait "$PID" 2>/dev/null || true
done
