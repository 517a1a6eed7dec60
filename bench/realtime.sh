#!/usr/bin/env bash
# Realtime benchmarks: 10,000 concurrent WebSockets on loopback (server RSS growth per
# connection) and a public account with 5,000 connected subscribers posting a story (time until
# the last subscriber has the event, p50/p99). The reference is the server at rest before.
#   bench/realtime.sh [connections]   (default 10000)
source "$(dirname "$0")/lib.sh"
need curl libvips-tools
trap stop_all EXIT
CONNECTIONS_WS="${1:-10000}"
PORT=18380
(cd "$ROOT" && ./pastel build)
rm -rf "$WORK/data"
"$JAVA_HOME/bin/java" -cp "$ROOT/target/pastel.jar" "$BENCH_DIR/RealtimeSeed.java" "$WORK/data" 2>&1 | grep -v WARN || true
ulimit -n 65536 2>/dev/null || true
env $BENCH_LIMITS PASTEL_PORT="$PORT" PASTEL_DATA_DIR="$WORK/data" PASTEL_LOG_LEVEL=WARN "$ROOT/pastel" serve > "$WORK/pastel.log" 2>&1 &
PASTEL_PID=$!
until curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1; do sleep 0.1; done
sleep 2
[[ -f "$WORK/post.jpg" ]] || vips black "$WORK/post.jpg" 640 480
"$JAVA_HOME/bin/java" -Xss256k "$BENCH_DIR/WsLoad.java" "$PORT" "$PASTEL_PID" "$CONNECTIONS_WS" "$WORK/post.jpg"
