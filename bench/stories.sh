#!/usr/bin/env bash
# Story benchmarks on SQLite, each against the server's own /health/live in the same run:
#  1. GET /api/v1/stories/feed for a reader with 100 friends and 300 subscriptions, over
#     20,000 accounts and 50,000 active items.
#  2. POST /stories/{id}/views from 2,000 viewers for BENCH_VIEW_SECONDS (default 60): views/s,
#     and a check that every acknowledged view is in the database (none lost).
#   bench/stories.sh
source "$(dirname "$0")/lib.sh"
need wrk curl
trap stop_all EXIT
PORT=18280
VIEW_SECONDS="${BENCH_VIEW_SECONDS:-60}"
(cd "$ROOT" && ./pastel build)
rm -rf "$WORK/data"
echo "seeding 20,000 accounts and 50,000 items..."
"$JAVA_HOME/bin/java" -cp "$ROOT/target/pastel.jar" "$BENCH_DIR/Seed.java" "$WORK/data" 2>&1 | grep -v WARN
# start_pastel wipes the data folder; start by hand on the seeded one.
PASTEL_PORT="$PORT" PASTEL_DATA_DIR="$WORK/data" PASTEL_LOG_LEVEL=WARN "$ROOT/pastel" serve > "$WORK/pastel.log" 2>&1 &
PASTEL_PID=$!
until curl -fs "http://127.0.0.1:$PORT/health/ready" >/dev/null 2>&1; do sleep 0.1; done
FEED="http://127.0.0.1:$PORT/api/v1/stories/feed"
items=$(curl -fs -H "Authorization: Bearer reader-token" "$FEED" | python3 -c "import json,sys; d=json.load(sys.stdin); print(len(d), sum(len(e['items']) for e in d))")
gzipped=$(curl -fs -H "Authorization: Bearer reader-token" -H "Accept-Encoding: gzip" "$FEED" | wc -c)
plain=$(curl -fs -H "Authorization: Bearer reader-token" "$FEED" | wc -c)
echo "the reader's feed: $items (accounts, items); $plain bytes of JSON, $gzipped gzipped"
# Phones and browsers all send Accept-Encoding: gzip, so the benchmark does too.
wrk -t2 -c8 -d3s -H "Authorization: Bearer reader-token" -H "Accept-Encoding: gzip" "$FEED" >/dev/null
wrk -t2 -c8 -d3s "http://127.0.0.1:$PORT/health/live" >/dev/null
read -r live_rps live_p99 <<<"$(run_wrk "http://127.0.0.1:$PORT/health/live")"
read -r feed_rps feed_p99 <<<"$(run_wrk -H "Authorization: Bearer reader-token" -H "Accept-Encoding: gzip" "$FEED")"
printf '\n%-40s %10s req/s  p99 %s ms\n' "pastel GET /health/live" "$live_rps" "$live_p99"
printf '%-40s %10s req/s  p99 %s ms\n' "pastel GET /stories/feed (400 followed)" "$feed_rps" "$feed_p99"
echo "ratio feed / health: $(ratio "$feed_rps" "$live_rps")  (goal: at least 0.3)"

echo
echo "== recording views for ${VIEW_SECONDS}s"
before=$(python3 - "$WORK/data/pastel.db" <<'PY'
import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select coalesce(sum(views),0) from story_item").fetchone()[0])
PY
)
wrk -t2 -c64 -d5s -s "$BENCH_DIR/views.lua" "http://127.0.0.1:$PORT" >/dev/null 2>&1   # warm-up
before=$(python3 - "$WORK/data/pastel.db" <<'PY'
import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select coalesce(sum(views),0) from story_item").fetchone()[0])
PY
)
out=$(wrk -t2 -c64 -d"${VIEW_SECONDS}s" --latency -s "$BENCH_DIR/views.lua" "http://127.0.0.1:$PORT" 2>&1)
rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
p99=$(to_ms "$(awk '$1=="99%" {print $2}' <<<"$out")")
acked=$(awk '/acknowledged_views/ {print $2}' <<<"$out")
errors=$(grep -E "Non-2xx|Socket errors" <<<"$out" || true)
after=$(python3 - "$WORK/data/pastel.db" <<'PY'
import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute("select coalesce(sum(views),0) from story_item").fetchone()[0])
PY
)
echo "views/s: $rps  p99 ${p99} ms  acknowledged (204): $acked  recorded in the database: $((after - before))  ${errors}"
# wrk stops counting at the deadline while a few requests are still in flight: those are recorded
# but not counted as acknowledged, so "none lost" means recorded >= acknowledged.
if (( after - before >= acked )); then echo "none lost"; else echo "LOST $((acked - (after - before))) acknowledged views"; fi
