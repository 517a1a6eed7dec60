#!/usr/bin/env bash
# Web Push fan-out: a city with 5,000 subscribers, each with a push subscription at a local push
# service on loopback and a WebSocket open, posts a story. Prints, from the same run: the API
# answer to the post, the WebSocket fan-out p50/p99 (goal: p99 under 1 s), the time until the
# last of the 5,000 pushes is accepted, and API latency during the fan-out against before it.
#   bench/push.sh
source "$(dirname "$0")/lib.sh"
need curl libvips-tools
trap stop_all EXIT
PORT=18381
PUSH_PORT=18391
(cd "$ROOT" && ./pastel build)
rm -rf "$WORK/data"
"$JAVA_HOME/bin/java" -cp "$ROOT/target/pastel.jar" "$BENCH_DIR/PushSeed.java" "$WORK/data" "$PUSH_PORT" 2>&1 | grep -v WARN || true
ulimit -n 65536 2>/dev/null || true
PASTEL_PORT="$PORT" PASTEL_DATA_DIR="$WORK/data" PASTEL_LOG_LEVEL=WARN PASTEL_PUSH_ALLOW_INSECURE_LOOPBACK=true \
  "$ROOT/pastel" serve > "$WORK/pastel.log" 2>&1 &
PASTEL_PID=$!
until curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1; do sleep 0.1; done
sleep 2
[[ -f "$WORK/post.jpg" ]] || vips black "$WORK/post.jpg" 640 480
"$JAVA_HOME/bin/java" -Xss256k "$BENCH_DIR/PushLoad.java" "$PORT" "$PUSH_PORT" "$WORK/post.jpg"
