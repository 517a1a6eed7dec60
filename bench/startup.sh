#!/usr/bin/env bash
# Start-up time (launch to the first 200 from /health/ready) and idle RSS, on SQLite, through
# `./pastel serve`: odd runs on a fresh data folder (all migrations applied), even runs restart
# on the folder the previous run left (the everyday case).
#   bench/startup.sh [runs]
source "$(dirname "$0")/lib.sh"
need curl
RUNS="${1:-5}"
(cd "$ROOT" && ./pastel build)
PORT=18090
trap 'kill $PID 2>/dev/null || true' EXIT
for run in $(seq 1 "$RUNS"); do
  kind="existing data"
  if (( run % 2 == 1 )); then rm -rf "$WORK/startup-data"; kind="fresh data, migrations"; fi
  start=$(date +%s%N)
  PASTEL_PORT=$PORT PASTEL_DATA_DIR="$WORK/startup-data" PASTEL_LOG_LEVEL=WARN "$ROOT/pastel" serve >"$WORK/startup.log" 2>&1 &
  PID=$!
  until curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1; do sleep 0.005; done
  ready_ms=$(( ($(date +%s%N) - start) / 1000000 ))
  sleep 5
  rss_kb=$(awk '/VmRSS/ {print $2}' "/proc/$PID/status")
  echo "run $run ($kind): ready after ${ready_ms} ms; idle RSS after 5 s: $((rss_kb / 1024)) MB"
  kill "$PID"; wait "$PID" 2>/dev/null || true
done
