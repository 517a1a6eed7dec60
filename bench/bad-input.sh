#!/usr/bin/env bash
# The long run of the bad-input generator (BadInputGeneratorTest): every operation of the OpenAPI
# document gets BENCH_ROUNDS rounds of generated bad input (each round's random parts differ), then
# BENCH_UPLOADS zzuf-mutated photos and videos made with ffmpeg are uploaded, raw and as multipart;
# once on SQLite and once on PostgreSQL (127.0.0.1:5432), the real server on loopback.
# It passes only with no 5xx, every error a problem document of a listed type, every 400 with
# `errors`, and no stack trace in the server log. It prints the counts per status of each database
# and, as the reference measured in the same run, the requests per second of the generator.
#   BENCH_ROUNDS (default 3), BENCH_UPLOADS (default 1000 per database), BENCH_MINUTES (default 25).
source "$(dirname "$0")/lib.sh"
need zzuf ffmpeg curl
ROUNDS="${BENCH_ROUNDS:-3}"
UPLOADS="${BENCH_UPLOADS:-1000}"
MINUTES="${BENCH_MINUTES:-25}"
cd "$ROOT"
[[ -f tools/npm/node_modules/.package-lock.json ]] || npm --prefix tools/npm ci --no-audit --no-fund >&2
started=$(date +%s)
# The generator's own time budget covers every round; the whole run is bounded by timeout.
# The verdict is Maven's exit code (with -q, Maven prints no "Tests run" line on success).
set +e
timeout "$((MINUTES * 60))" ./pastel test -q -Dtest=BadInputGeneratorTest -Dsurefire.failIfNoSpecifiedTests=false \
  -Dpastel.generator.rounds="$ROUNDS" -Dpastel.generator.uploads="$UPLOADS" \
  -Dpastel.generator.millis="$((MINUTES * 60 * 1000 / 2))" > "$WORK/bad-input.log" 2>&1
verdict=$?
set -e
grep -E "bad-input generator|Tests run|FAIL" "$WORK/bad-input.log" || true
elapsed=$(( $(date +%s) - started ))
requests=$(grep -o "[0-9]* requests" "$WORK/bad-input.log" | awk '{s += $1} END {print s + 0}')
echo "total: $requests generated requests on both databases in ${elapsed}s ($((requests / (elapsed > 0 ? elapsed : 1))) per second, uploads included in the time)"
case "$verdict" in
  0) echo "verdict: passed" ;;
  124) echo "verdict: FAILED, the run took more than ${MINUTES} minutes (timeout)" ;;
  *) echo "verdict: FAILED (exit code $verdict; see $WORK/bad-input.log)" ;;
esac
exit "$verdict"
