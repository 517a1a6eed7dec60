#!/usr/bin/env bash
# The cluster failure drill, on loopback: its own PostgreSQL, S3Proxy (filesystem back-end,
# fetched from Maven Central), three Pastel nodes and Debian's nginx as the load balancer
# (WebSocket proxying), each started here with its own configuration. A scripted population
# (bench/ClusterDrill.java: a city with 1,000 subscribers, 200 pairs of friends) sends snaps,
# chats, stories and views through nginx for DRILL_SECONDS (120); node 2 is SIGKILLed at
# KILL_AT (40) and started again at RESTART_AT (80). Prints the report; exits non-zero when an
# acknowledged write was lost, an event missed, a request failed that was not in flight on the
# dead node, a client took over 5 s to reconnect, or an orphan blob survived one sweep.
# Everything it starts is stopped at the end; its files are in a temporary folder (kept with
# KEEP=1). About 5 minutes on 2 cores.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
DRILL_SECONDS="${DRILL_SECONDS:-120}"
KILL_AT="${KILL_AT:-40}"
RESTART_AT="${RESTART_AT:-80}"
S3PROXY_VERSION=4.1.0

# --- What it needs: Debian's nginx and PostgreSQL, Maven and a JDK 25 (found by ./pastel).
missing=()
command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing+=(postgresql)
command -v mvn >/dev/null || missing+=(maven)
if ((${#missing[@]})); then
  if [[ $(id -u) -eq 0 ]]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "cluster.sh: missing ${missing[*]}: sudo apt-get install -y ${missing[*]}" >&2; exit 1
  fi
fi
NGINX="$(command -v nginx || echo /usr/sbin/nginx)"
PGBIN="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
./pastel build
# The nodes run a copy of the jar: a rebuild in the work tree during the drill changes nothing.
for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*25*; do
  if [[ -n "$candidate" && -x "$candidate/bin/java" ]] && grep -q '^JAVA_VERSION="25' "$candidate/release" 2>/dev/null; then
    JAVA_HOME="$candidate"; break
  fi
done
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"

WORK="$(mktemp -d /tmp/pastel-cluster.XXXXXX)"
chmod 755 "$WORK"
cp target/pastel.jar "$WORK/pastel.jar"
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for i in 1 2 3; do [[ -f "$WORK/node$i.pid" ]] && kill "$(cat "$WORK/node$i.pid")" 2>/dev/null || true; done
  [[ -f "$WORK/nginx.pid" ]] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  run_pg "$PGBIN/pg_ctl" -D "$WORK/pg" -m immediate stop >/dev/null 2>&1 || true
  if [[ "${KEEP:-0}" == 1 ]]; then echo "cluster.sh: files kept in $WORK"; else rm -rf "$WORK"; fi
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
# PostgreSQL refuses to run as root: as root, its processes run as the postgres user.
run_pg() {
  if [[ $(id -u) -eq 0 ]]; then su postgres -s /bin/bash -c "$(printf '%q ' "$@")"; else "$@"; fi
}

# --- PostgreSQL: a throw-away cluster of its own.
PG_PORT="$(free_port)"
mkdir -p "$WORK/pg"
[[ $(id -u) -eq 0 ]] && chown postgres "$WORK/pg"
run_pg "$PGBIN/initdb" -D "$WORK/pg" -A trust -U postgres >/dev/null
run_pg "$PGBIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg/server.log" -w \
  -o "-p $PG_PORT -k $WORK/pg -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=128MB" start >/dev/null
run_pg "$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE pastel" >/dev/null
JDBC="jdbc:postgresql://127.0.0.1:$PG_PORT/pastel?user=postgres"
echo "postgresql: 127.0.0.1:$PG_PORT"

# --- S3Proxy from Maven Central, filesystem back-end.
mvn -q -B org.apache.maven.plugins:maven-dependency-plugin:3.9.0:copy \
  -Dartifact="org.gaul:s3proxy:$S3PROXY_VERSION:jar:jar-with-dependencies" -DoutputDirectory="$WORK" >/dev/null
S3_PORT="$(free_port)"
mkdir -p "$WORK/s3"
cat >"$WORK/s3proxy.conf" <<EOF
s3proxy.endpoint=http://127.0.0.1:$S3_PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=drill
s3proxy.credential=drill-secret
jclouds.provider=filesystem
jclouds.filesystem.basedir=$WORK/s3
EOF
java -Xmx256m -XX:+UseSerialGC -jar "$WORK/s3proxy-$S3PROXY_VERSION-jar-with-dependencies.jar" \
  --properties "$WORK/s3proxy.conf" >"$WORK/s3proxy.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do curl -s -o /dev/null "http://127.0.0.1:$S3_PORT/" && break; sleep 0.2; done
echo "s3proxy: 127.0.0.1:$S3_PORT"

# --- Three Pastel nodes, each with its own configuration file.
LB_PORT="$(free_port)"
NODE_PORTS=()
for i in 1 2 3; do
  port="$(free_port)"
  NODE_PORTS+=("$port")
  mkdir -p "$WORK/node$i"
  cat >"$WORK/node$i.properties" <<EOF
PASTEL_HOST=127.0.0.1
PASTEL_PORT=$port
PASTEL_DATA_DIR=$WORK/node$i
PASTEL_DATABASE_URL=$JDBC
PASTEL_PUBLIC_URL=http://127.0.0.1:$LB_PORT
PASTEL_TRUSTED_PROXIES=127.0.0.1
PASTEL_S3_ENDPOINT=http://127.0.0.1:$S3_PORT
PASTEL_S3_BUCKET=pastel-drill
PASTEL_S3_ACCESS_KEY=drill
PASTEL_S3_SECRET_KEY=drill-secret
PASTEL_S3_PATH_STYLE=true
PASTEL_LOGIN_FAILURES_PER_ADDRESS=100000
EOF
  cat >"$WORK/start-node$i.sh" <<EOF
cd "$ROOT"
PASTEL_CONFIG_FILE="$WORK/node$i.properties" nohup "$JAVA_HOME/bin/java" -XX:+UseSerialGC -Xmx384m -XX:MaxNewSize=24m \
  --enable-native-access=ALL-UNNAMED -jar "$WORK/pastel.jar" serve >>"$WORK/node$i.log" 2>&1 &
echo \$! >"$WORK/node$i.pid"
for _ in \$(seq 1200); do curl -sf -o /dev/null "http://127.0.0.1:$port/health/ready" && exit 0; sleep 0.1; done
echo "node $i did not become ready" >&2; exit 1
EOF
done
# The first node migrates the schema alone; the others start on it.
bash "$WORK/start-node1.sh"
bash "$WORK/start-node2.sh" & second=$!
bash "$WORK/start-node3.sh" & third=$!
wait "$second" "$third"
echo "pastel nodes: ${NODE_PORTS[*]}"

# --- nginx: round robin, WebSocket upgrade, X-Forwarded-For, the upstream named in a header.
mkdir -p "$WORK/nginx/logs"
cat >"$WORK/nginx.conf" <<EOF
$([[ $(id -u) -eq 0 ]] && echo "user root;")
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  map \$http_upgrade \$connection_upgrade { default upgrade; '' ''; }
  upstream pastel {
    server 127.0.0.1:${NODE_PORTS[0]} max_fails=2 fail_timeout=3s;
    server 127.0.0.1:${NODE_PORTS[1]} max_fails=2 fail_timeout=3s;
    server 127.0.0.1:${NODE_PORTS[2]} max_fails=2 fail_timeout=3s;
    # No keepalive pool: a POST written on a pooled connection to a node that has just died gets
    # a 502 that nginx may not retry (the request was sent); a fresh connection to a dead node is
    # refused before anything is sent, and nginx passes the request to the next node.
  }
  server {
    listen 127.0.0.1:$LB_PORT;
    client_max_body_size 110m;
    location / {
      proxy_pass http://pastel;
      proxy_http_version 1.1;
      proxy_set_header Host \$host;
      proxy_set_header Upgrade \$http_upgrade;
      proxy_set_header Connection \$connection_upgrade;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
      proxy_connect_timeout 5s;
      proxy_read_timeout 1h;
      proxy_request_buffering off;
      add_header X-Upstream \$upstream_addr always;
    }
  }
}
EOF
"$NGINX" -p "$WORK/nginx" -c "$WORK/nginx.conf" -g 'daemon off;' &
PIDS+=($!)
for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$LB_PORT/health/ready" && break; sleep 0.1; done
echo "nginx: 127.0.0.1:$LB_PORT -> ${NODE_PORTS[*]}"

# One sweep after the load, every node stopped: no upload can be in flight, so no grace.
cat >"$WORK/sweep.sh" <<EOF
for i in 1 2 3; do kill "\$(cat "$WORK/node\$i.pid")" 2>/dev/null || true; done
for i in 1 2 3; do while kill -0 "\$(cat "$WORK/node\$i.pid")" 2>/dev/null; do sleep 0.1; done; done
PASTEL_CONFIG_FILE="$WORK/node1.properties" PASTEL_LOG_LEVEL=WARN "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
  -jar "$WORK/pastel.jar" admin sweep --orphan-grace-seconds 0
EOF

set +e
java -Djava.awt.headless=true -cp "$WORK/pastel.jar" bench/ClusterDrill.java "http://127.0.0.1:$LB_PORT" "$JDBC" "$DRILL_SECONDS" "$KILL_AT" \
  "$RESTART_AT" "$WORK/node2.pid" "$WORK/start-node2.sh" "127.0.0.1:${NODE_PORTS[1]}" "$WORK/s3/pastel-drill" "$WORK/sweep.sh"
status=$?
set -e
echo "reference, same run: nodes' logs count $(cat "$WORK"/node*.log | grep -c 'level=ERROR' || true) ERROR lines;" \
  "LISTEN catch-ups: $(cat "$WORK"/node*.log | grep -c 'caught up events' || true)"
exit $status
