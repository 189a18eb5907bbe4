#!/usr/bin/env bash
# Store benchmark (issue 3). Builds a store of large.jsonl.gz imported three times under
# different ids (~94,000 articles), then measures:
#   - importing the 31,403 articles once (wall time and peak memory of `byline import`),
#   - the import indexes its articles' text itself (searches never write; Store::index_text),
#   - opening the store and fetching the first page, and full-text queries (benches/store.rs,
#     criterion),
#   - peak memory of `byline list --limit 50`.
#   - issue 17's query classes as whole processes (medians of 5), and the store's size against
#     the JSON imported.
# Usage: benches/store.sh [SHARED_DIR] [COPIES]   (default: ../shared, 3; 10 makes 310,000)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=$(cd "${1:-../shared}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
store=$work/library.db
cargo build --release --quiet
bin=target/release/byline

echo "== import 31,403 articles (large.jsonl.gz) into a new store"
/usr/bin/time -f "wall %e s, peak RSS %M KB" "$bin" --store "$store" import "$shared/corpus/articles/large.jsonl.gz" || true

copies=${2:-3}
echo "== $((copies - 1)) more copies under different ids"
python3 benches/copies.py "$shared/corpus/articles/large.jsonl.gz" "$work" "$copies"
/usr/bin/time -f "wall %e s, peak RSS %M KB" "$bin" --store "$store" import "$work"/copy*.jsonl.gz || true
json=$( (zcat "$shared/corpus/articles/large.jsonl.gz" "$work"/copy*.jsonl.gz) | wc -c)
size=$(stat -c %s "$store")
echo "store file: $size bytes, $(python3 -c "print(round($size / $json, 2))")x the $json bytes of JSON imported"

echo "== issue 17's query classes, whole processes, first 50 hits (medians of 5)"
for q in said 'bank*' '"prime minister"' 'title:oil'; do
  for _ in 1 2 3 4 5; do
    s=$(date +%s%N); "$bin" --store "$store" search --limit 50 "$q" >/dev/null; e=$(date +%s%N)
    echo $(((e - s) / 1000000))
  done | sort -n | sed -n 3p | xargs printf '  %-20s median %s ms\n' "$q"
done

echo "== in-process timings"
BYLINE_BENCH_STORE=$store cargo bench --quiet --bench store

echo "== byline list --limit 50 (whole process)"
/usr/bin/time -f "wall %e s, peak RSS %M KB" "$bin" --store "$store" list --limit 50 >/dev/null
/usr/bin/time -f "wall %e s, peak RSS %M KB" "$bin" --store "$store" search --limit 50 oil >/dev/null
