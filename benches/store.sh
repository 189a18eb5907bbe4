#!/usr/bin/env bash
# Store benchmark (issue 3). Builds a store of large.jsonl.gz imported three times under
# different ids (~94,000 articles), then measures:
#   - importing the 31,403 articles once (wall time and peak memory of `byline import`),
#   - the first search, which full-text indexes the imported articles in one statement,
#   - opening the store and fetching the first page, and full-text queries (benches/store.rs,
#     criterion),
#   - peak memory of `byline list --limit 50`.
# Usage: benches/store.sh [SHARED_DIR]   (default: ../shared)
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

echo "== two more copies under different ids"
python3 benches/copies.py "$shared/corpus/articles/large.jsonl.gz" "$work"
/usr/bin/time -f "wall %e s, peak RSS %M KB" "$bin" --store "$store" import "$work/copy2.jsonl.gz" "$work/copy3.jsonl.gz" || true
ls -la "$store" | awk '{print "store file:", $5, "bytes"}'

echo "== the first search full-text indexes what the imports left for it (Store::index_text)"
/usr/bin/time -f "wall %e s, peak RSS %M KB" "$bin" --store "$store" search --limit 1 oil >/dev/null

echo "== in-process timings"
BYLINE_BENCH_STORE=$store cargo bench --quiet --bench store

echo "== byline list --limit 50 (whole process)"
/usr/bin/time -f "wall %e s, peak RSS %M KB" "$bin" --store "$store" list --limit 50 >/dev/null
/usr/bin/time -f "wall %e s, peak RSS %M KB" "$bin" --store "$store" search --limit 50 oil >/dev/null
