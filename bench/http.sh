#!/usr/bin/env bash
# Request overhead: Pastel's plaintext /health/live vs nginx serving a static file of the same
# size, and an authenticated GET /api/v1/accounts/{u}. Prints req/s, p99 and the ratios.
#   bench/http.sh            (BENCH_SECONDS=10 BENCH_CONNECTIONS=32 by default)
source "$(dirname "$0")/lib.sh"
need wrk nginx curl
trap stop_all EXIT

PASTEL_PORT=18080
NGINX_PORT=18081
start_pastel "$PASTEL_PORT"
mkdir -p "$WORK/static"
printf 'ok' > "$WORK/static/live"   # the same 2 bytes /health/live answers
start_nginx "$NGINX_PORT" "$WORK/static"

BASE="http://127.0.0.1:$PASTEL_PORT/api/v1"
curl -fs -XPOST "$BASE/accounts" -H 'Content-Type: application/json' \
  -d '{"username":"bench.city","password":"benchmark password","displayName":"Bench City","birthDate":"1990-01-01","kind":"public","category":"city","city":"Toulouse"}' >/dev/null
TOKEN=$(curl -fs -XPOST "$BASE/sessions" -H 'Content-Type: application/json' \
  -d '{"username":"bench.city","password":"benchmark password"}' | sed -E 's/.*"token":"([^"]+)".*/\1/')

# Warm up the JIT so the figures describe a running server, not a cold one.
wrk -t2 -c8 -d3s "http://127.0.0.1:$PASTEL_PORT/health/live" >/dev/null
wrk -t2 -c8 -d3s -H "Authorization: Bearer $TOKEN" "$BASE/accounts/bench.city" >/dev/null

read -r nginx_rps nginx_p99 <<<"$(run_wrk "http://127.0.0.1:$NGINX_PORT/live")"
read -r live_rps live_p99 <<<"$(run_wrk "http://127.0.0.1:$PASTEL_PORT/health/live")"
read -r acct_rps acct_p99 <<<"$(run_wrk -H "Authorization: Bearer $TOKEN" "$BASE/accounts/bench.city")"

printf '\n%-38s %12s %10s\n' "target (${SECONDS_PER_RUN}s, ${CONNECTIONS} connections)" "req/s" "p99 ms"
printf '%-38s %12s %10s\n' "nginx static 2-byte file" "$nginx_rps" "$nginx_p99"
printf '%-38s %12s %10s\n' "pastel GET /health/live" "$live_rps" "$live_p99"
printf '%-38s %12s %10s\n' "pastel GET /api/v1/accounts/{u} +auth" "$acct_rps" "$acct_p99"
echo
echo "ratio /health/live vs nginx:           $(ratio "$live_rps" "$nginx_rps")"
echo "ratio GET /accounts/{u} vs /health/live: $(ratio "$acct_rps" "$live_rps")"
echo "ratio GET /accounts/{u} vs nginx:        $(ratio "$acct_rps" "$nginx_rps")"
