#!/usr/bin/env bash
# Issue 12's mechanical acceptance, checked over src/main/java (run from the repository root):
#   1. no SQL outside *Store classes and pastel/db;
#   2. every feature package (one with an XFeature factory) has XRoutes, XService and XStore, or
#      its package-info.java names the part it lacks and says why;
#   3. App.java under 200 lines;
#   4. no package cycle (scripts/package-cycles.py on target/classes, when compiled).
# Prints every violation; exits 1 if there is one. The same rules run as a test: pastel.PatternTest.
set -uo pipefail
cd "$(dirname "$0")/.."
src=src/main/java/pastel
failed=0

echo "== SQL outside *Store classes and db/"
sql=$(grep -rnE '"[[:space:]]*(SELECT|INSERT INTO|UPDATE [a-z_]+ SET|DELETE FROM|WITH [a-z_]+ AS)\b|^[[:space:]]*(SELECT|INSERT INTO|UPDATE [a-z_]+ SET|DELETE FROM|UNION SELECT)\b|\.(createQuery|createUpdate|prepareBatch|createScript)\(' \
      --include='*.java' "$src" | grep -vE '^[^:]*Store\.java:|^'"$src"'/db/' || true)
if [[ -n "$sql" ]]; then
  echo "$sql" | awk -F: '{print $1}' | sort | uniq -c | sort -rn
  failed=1
else
  echo "none"
fi

echo "== feature packages without Routes, Service and Store (and no package-info.java saying why)"
missing=0
for factory in $(find "$src" -mindepth 2 -name '*Feature.java' -not -path "$src/feature/*" | sort); do
  dir=$(dirname "$factory")
  package=${dir#"$src"/}
  for part in Routes Service Store; do
    if ! ls "$dir"/*"$part".java >/dev/null 2>&1; then
      info="$dir/package-info.java"
      word=$(echo "$part" | tr 'A-Z' 'a-z')
      if [[ -f "$info" ]] && grep -qiE "no ${word}|without (a |an )?${word}|${word}s? (is|are|lives?|live) (in|elsewhere)" "$info"; then
        continue
      fi
      echo "$package: no *$part.java and no package-info.java saying why"
      missing=1
    fi
  done
done
[[ $missing == 0 ]] && echo "none" || failed=1

echo "== App.java"
lines=$(wc -l < "$src/App.java")
if (( lines >= 200 )); then echo "$lines lines (must be under 200)"; failed=1; else echo "$lines lines"; fi

echo "== package cycles"
if [[ -d target/classes/pastel ]]; then
  python3 scripts/package-cycles.py target/classes || failed=1
else
  echo "target/classes missing: compile first (mvn -q -o compile)"
fi
exit $failed
