# Shared helpers for the benchmark scripts. Loopback only; every run is bounded in time.
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$BENCH_DIR")"
WORK="$BENCH_DIR/.work"
SECONDS_PER_RUN="${BENCH_SECONDS:-10}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
mkdir -p "$WORK"
if [[ -z "${JAVA_HOME:-}" || ! -x "${JAVA_HOME:-}/bin/java" ]]; then
  for candidate in /usr/lib/jvm/*25*; do [[ -x "$candidate/bin/java" ]] && export JAVA_HOME="$candidate" && break; done
fi

need() {
  local missing=()
  for pkg in "$@"; do
    local cmd="$pkg"
    case "$pkg" in
      libvips-tools) cmd=vipsthumbnail ;;
      libimage-exiftool-perl) cmd=exiftool ;;
      imagemagick) cmd=convert ;;
      libheif-examples) cmd=heif-enc ;;
    esac
    command -v "$cmd" >/dev/null 2>&1 || [[ -x "/usr/sbin/$cmd" ]] || missing+=("$pkg")
  done
  if ((${#missing[@]})); then
    if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null; then
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    else
      echo "missing: sudo apt-get install -y ${missing[*]}" >&2; exit 1
    fi
  fi
}

# Benchmarks sign up thousands of accounts and look profiles up at full speed from one address:
# the abuse limits (see README) would rightly refuse them.
BENCH_LIMITS="PASTEL_SIGNUPS_PER_ADDRESS=1000000000 PASTEL_LOOKUPS_PER_ACCOUNT=1000000000 PASTEL_LOOKUPS_PER_ADDRESS=1000000000 PASTEL_FRIEND_REQUESTS_PER_ACCOUNT=1000000000 PASTEL_FRIEND_REQUESTS_PER_ADDRESS=1000000000"

# Starts Pastel from the built jar on $1 with a throw-away data folder; sets PASTEL_PID.
start_pastel() {
  local port="$1"
  (cd "$ROOT" && ./pastel build)
  rm -rf "$WORK/data"
  env $BENCH_LIMITS PASTEL_PORT="$port" PASTEL_DATA_DIR="$WORK/data" PASTEL_LOG_LEVEL="${BENCH_LOG_LEVEL:-WARN}" \
    "$ROOT/pastel" serve > "$WORK/pastel.log" 2>&1 &
  PASTEL_PID=$!
  for _ in $(seq 1 200); do
    curl -fs "http://127.0.0.1:$port/health/ready" >/dev/null 2>&1 && return 0
    sleep 0.05
  done
  echo "pastel did not start; see $WORK/pastel.log" >&2; exit 1
}

# Starts nginx on $1 serving $2 (a folder), with its own config; sets NGINX_PID_FILE.
start_nginx() {
  local port="$1" root="$2"
  NGINX_PID_FILE="$WORK/nginx.pid"
  cat > "$WORK/nginx.conf" <<CONF
worker_processes auto;
pid $NGINX_PID_FILE;
error_log $WORK/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  server {
    listen 127.0.0.1:$port;
    root $root;
  }
}
CONF
  /usr/sbin/nginx -c "$WORK/nginx.conf" -p "$WORK"
  sleep 0.3
}

stop_all() {
  [[ -n "${PASTEL_PID:-}" ]] && kill "$PASTEL_PID" 2>/dev/null && wait "$PASTEL_PID" 2>/dev/null || true
  [[ -n "${NGINX_PID_FILE:-}" && -f "$NGINX_PID_FILE" ]] && kill "$(cat "$NGINX_PID_FILE")" 2>/dev/null || true
  return 0
}

# Runs wrk and prints "req_per_s p99_ms".
run_wrk() {
  local out
  out=$(wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_PER_RUN}s" --latency "$@" 2>&1)
  echo "$out" > "$WORK/last-wrk.txt"
  local rps p99
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  echo "$rps $(to_ms "$p99")"
}

to_ms() {
  local v="$1"
  case "$v" in
    *us) awk -v x="${v%us}" 'BEGIN {printf "%.3f", x/1000}' ;;
    *ms) awk -v x="${v%ms}" 'BEGIN {printf "%.3f", x}' ;;
    *s) awk -v x="${v%s}" 'BEGIN {printf "%.3f", x*1000}' ;;
    *) echo "$v" ;;
  esac
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a/b }'; }
