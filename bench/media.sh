#!/usr/bin/env bash
# Media benchmarks, each against its reference measured in the same run:
#  1. ingest of a 12 MP JPEG (4000 x 3000) to stored form + thumbnail: Pastel's POST /media vs
#     the vipsthumbnail CLI making the same two images (1920 px and 320 px) from the same file;
#     Pastel's peak RSS growth during the run.
#  2. a 5 MB video served to 16 parallel clients: Pastel's signed media URL vs nginx, same file.
#   bench/media.sh     (BENCH_SECONDS=10, BENCH_INGESTS=20)
source "$(dirname "$0")/lib.sh"
need wrk nginx curl ffmpeg libvips-tools
trap stop_all EXIT
INGESTS="${BENCH_INGESTS:-20}"
PORT=18180
NGINX_PORT=18181

mkdir -p "$WORK/media"
JPEG="$WORK/media/12mp.jpg"
[[ -f "$JPEG" ]] || vips gaussnoise "$JPEG[Q=90]" 4000 3000 --mean 128 --sigma 40
VIDEO="$WORK/media/5mb.mp4"
[[ -f "$VIDEO" ]] || ffmpeg -nostdin -loglevel error -y -f lavfi -i testsrc2=duration=10:size=1280x720:rate=30 \
  -c:v libx264 -preset ultrafast -b:v 4000k -maxrate 4000k -bufsize 8000k -pix_fmt yuv420p -movflags +faststart "$VIDEO"

start_pastel "$PORT"
BASE="http://127.0.0.1:$PORT/api/v1"
json() { python3 -c "import json,sys; print(json.load(sys.stdin)$1)"; }
signup() {
  curl -fs -XPOST "$BASE/accounts" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"benchmark password\",\"displayName\":\"$1\",\"birthDate\":\"1990-01-01\"}" >/dev/null
  curl -fs -XPOST "$BASE/sessions" -H 'Content-Type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"benchmark password\"}" | json "['token']"
}
A=$(signup bench.a)
B=$(signup bench.b)
REQ=$(curl -fs -XPOST "$BASE/friends/requests" -H "Authorization: Bearer $A" -H 'Content-Type: application/json' -d '{"username":"bench.b"}' | json "['id']")
curl -fs -XPOST "$BASE/friends/requests/$REQ/accept" -H "Authorization: Bearer $B" >/dev/null

echo "== ingest of a 12 MP JPEG ($(du -h "$JPEG" | cut -f1)), $INGESTS times each"
# Warm-up: the JIT and libvips' first load.
for _ in 1 2 3; do curl -fs -XPOST "$BASE/media" -H "Authorization: Bearer $A" --data-binary @"$JPEG" >/dev/null; done
JPID=$(pgrep -f "pastel.jar serve" | head -n1)
rss_before=$(awk '/VmRSS/ {print $2}' "/proc/$JPID/status")
hwm_before=$(awk '/VmHWM/ {print $2}' "/proc/$JPID/status")
start=$(date +%s%N)
for _ in $(seq 1 "$INGESTS"); do
  curl -fs -XPOST "$BASE/media" -H "Authorization: Bearer $A" --data-binary @"$JPEG" >/dev/null
done
pastel_ms=$(( ($(date +%s%N) - start) / 1000000 ))
hwm_after=$(awk '/VmHWM/ {print $2}' "/proc/$JPID/status")
start=$(date +%s%N)
for _ in $(seq 1 "$INGESTS"); do
  vipsthumbnail "$JPEG" -s 1920 -o "$WORK/media/ref-1920.jpg[Q=85,strip,optimize_coding]"
  vipsthumbnail "$WORK/media/ref-1920.jpg" -s 320 -o "$WORK/media/ref-320.jpg[Q=85,strip,optimize_coding]"
done
vips_ms=$(( ($(date +%s%N) - start) / 1000000 ))
printf '%-44s %8s ms per image\n' "pastel POST /media (upload+store+thumb)" "$(awk -v t=$pastel_ms -v n=$INGESTS 'BEGIN{printf "%.1f", t/n}')"
printf '%-44s %8s ms per image\n' "vipsthumbnail CLI (1920 + 320)" "$(awk -v t=$vips_ms -v n=$INGESTS 'BEGIN{printf "%.1f", t/n}')"
echo "ratio pastel / vipsthumbnail: $(ratio "$pastel_ms" "$vips_ms")  (goal: at most 1.5)"
echo "pastel RSS before: $((rss_before / 1024)) MB; peak RSS growth during the ingests: $(( (hwm_after - (hwm_before > rss_before ? hwm_before : rss_before)) / 1024 )) MB (peak $((hwm_after / 1024)) MB)"

echo
echo "== serving a $(du -h "$VIDEO" | cut -f1) video to 16 parallel clients for ${SECONDS_PER_RUN}s"
MEDIA=$(curl -fs -XPOST "$BASE/media" -H "Authorization: Bearer $A" --data-binary @"$VIDEO" | json "['id']")
SNAP=$(curl -fs -XPOST "$BASE/snaps" -H "Authorization: Bearer $A" -H 'Content-Type: application/json' \
  -d "{\"mediaId\":\"$MEDIA\",\"to\":[\"bench.b\"],\"viewSeconds\":10}" | json "['id']")
URL=$(curl -fs -XPOST "$BASE/snaps/$SNAP/open" -H "Authorization: Bearer $B" | json "['mediaUrl']")
curl -fs "http://127.0.0.1:$PORT$URL" -o "$WORK/media/served.mp4"
mkdir -p "$WORK/media/static"
cp "$WORK/media/served.mp4" "$WORK/media/static/video.mp4"
start_nginx "$NGINX_PORT" "$WORK/media/static"
CONNECTIONS=16
wrk -t2 -c16 -d3s "http://127.0.0.1:$PORT$URL" >/dev/null
read -r nginx_rps nginx_p99 <<<"$(run_wrk "http://127.0.0.1:$NGINX_PORT/video.mp4")"
read -r pastel_rps pastel_p99 <<<"$(run_wrk "http://127.0.0.1:$PORT$URL")"
size_mb=$(awk -v b="$(stat -c %s "$WORK/media/served.mp4")" 'BEGIN{printf "%.2f", b/1048576}')
printf '%-30s %10s req/s %10s MB/s  p99 %s ms\n' "nginx" "$nginx_rps" "$(awk -v r=$nginx_rps -v s=$size_mb 'BEGIN{printf "%.0f", r*s}')" "$nginx_p99"
printf '%-30s %10s req/s %10s MB/s  p99 %s ms\n' "pastel signed URL" "$pastel_rps" "$(awk -v r=$pastel_rps -v s=$size_mb 'BEGIN{printf "%.0f", r*s}')" "$pastel_p99"
echo "ratio pastel / nginx throughput: $(ratio "$pastel_rps" "$nginx_rps")  (goal: at least 0.8)"
