#!/usr/bin/env bash
# A walk through the HTTP API with curl, as PRODUCT.md describes it, against a running server.
#   ./pastel serve &   then   scripts/api-walk.sh [http://127.0.0.1:8080]
# Exits non-zero at the first answer that differs from the product's rules.
set -euo pipefail
BASE="${1:-http://127.0.0.1:8080}/api/v1"
RUN="w$(date +%s)"          # unique names, so the walk can run again on the same database
PW="a walk password"

call() { # method path token [json] -> prints "status body"
  local method=$1 path=$2 token=$3 body=${4:-}
  local args=(-s -o /tmp/pastel-walk.body -w '%{http_code}' -X "$method" "$BASE$path")
  [[ -n "$token" ]] && args+=(-H "Authorization: Bearer $token")
  [[ -n "$body" ]] && args+=(-H 'Content-Type: application/json' -d "$body")
  local status; status=$(curl "${args[@]}")
  echo "$status $(cat /tmp/pastel-walk.body)"
}
expect() { # expected-status "status body" what
  local want=$1 got=$2 what=$3
  if [[ "${got%% *}" != "$want" ]]; then echo "FAIL $what: wanted $want, got $got" >&2; exit 1; fi
  echo "ok   $what ($want)"
}
same() { # actual expected what
  if [[ "$1" != "$2" ]]; then echo "FAIL $3: wanted '$2', got '$1'" >&2; exit 1; fi
  echo "ok   $3"
}
field() { python3 -c "import json,sys; d=json.loads(sys.argv[1].split(' ',1)[1]); print(eval('d'+sys.argv[2]))" "$1" "$2"; }
born() { date -u -d "$1 years ago 1 day ago" +%F; }

expect 201 "$(call POST /accounts "" "{\"username\":\"${RUN}.ana\",\"password\":\"$PW\",\"displayName\":\"Ana\",\"birthDate\":\"$(born 19)\"}")" "sign up personal ana"
expect 201 "$(call POST /accounts "" "{\"username\":\"${RUN}.ben\",\"password\":\"$PW\",\"displayName\":\"Ben\",\"birthDate\":\"$(born 22)\"}")" "sign up personal ben"
expect 201 "$(call POST /accounts "" "{\"username\":\"${RUN}.toulouse\",\"password\":\"$PW\",\"displayName\":\"Ville de Toulouse\",\"birthDate\":\"$(born 40)\",\"kind\":\"public\",\"category\":\"city\",\"city\":\"Toulouse\"}")" "sign up public city account"
expect 201 "$(call POST /accounts "" "{\"username\":\"${RUN}.teen\",\"password\":\"$PW\",\"displayName\":\"Teen\",\"birthDate\":\"$(born 15)\"}")" "a 15-year-old may register"
kid=$(call POST /accounts "" "{\"username\":\"${RUN}.kid\",\"password\":\"$PW\",\"displayName\":\"Kid\",\"birthDate\":\"$(born 12)\"}")
expect 400 "$kid" "a 12-year-old is refused"
same "$(field "$kid" "['errors'][0]['field']")" "birthDate" "... with a birthDate field error"

ANA=$(field "$(call POST /sessions "" "{\"username\":\"${RUN}.ana\",\"password\":\"$PW\"}")" "['token']")
BEN=$(field "$(call POST /sessions "" "{\"username\":\"${RUN}.ben\",\"password\":\"$PW\"}")" "['token']")
echo "ok   sign in ana and ben"

req=$(call POST /friends/requests "$ANA" "{\"username\":\"${RUN}.ben\"}")
expect 201 "$req" "ana asks ben to be friends"
expect 200 "$(call POST "/friends/requests/$(field "$req" "['id']")/accept" "$BEN")" "ben accepts"
friends=$(call GET /friends "$ANA")
same "$(field "$friends" "[0]['username']")" "${RUN}.ben" "ana's friends list shows ben"

expect 204 "$(call PUT "/subscriptions/${RUN}.toulouse" "$ANA")" "ana subscribes to the city"
same "$(field "$(call GET "/accounts/${RUN}.toulouse" "")" "['subscriberCount']")" "1" "subscriber count is 1"
expect 204 "$(call PUT "/subscriptions/${RUN}.toulouse" "$ANA")" "subscribing again"
same "$(field "$(call GET "/accounts/${RUN}.toulouse" "")" "['subscriberCount']")" "1" "... the count stays 1"

found=$(call GET "/discover?q=${RUN}&category=city&city=Toulouse" "$BEN")
same "$(field "$found" "[0]['username']")" "${RUN}.toulouse" "discovery finds the city account"
same "$(call GET "/discover?q=${RUN}.teen" "")" "200 []" "the 15-year-old is not in discovery"
board=$(call GET "/leaderboard?category=city" "")
echo "ok   leaderboard: $(field "$board" "[0]['username']") first with $(field "$board" "[0]['subscriberCount']") subscribers"

expect 204 "$(call POST /blocks "$BEN" "{\"username\":\"${RUN}.ana\"}")" "ben blocks ana"
same "$(call GET /friends "$ANA")" "200 []" "the friendship is over"
expect 404 "$(call GET "/accounts/${RUN}.ben" "$ANA")" "ana no longer sees ben"
expect 204 "$(call POST /blocks "$ANA" "{\"username\":\"${RUN}.toulouse\"}")" "ana blocks the city"
same "$(field "$(call GET "/accounts/${RUN}.toulouse" "")" "['subscriberCount']")" "0" "... which ends her subscription"
echo "walk complete"
