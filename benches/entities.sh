#!/usr/bin/env bash
# Entities across the store (issue 14). Builds the ~93,000-article store of benches/store.sh
# (large.jsonl.gz imported three times under different ids), indexes it with `byline index`
# (entities of every article, then their resolution into canonical entities), and times, as
# whole processes: an entity page, the top 50 of all time and of the last 7 days, trending,
# and re-resolving alone. Usage: benches/entities.sh [SHARED_DIR] [WORK_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
shared=$(cd "${1:-../shared}" && pwd)
work=${2:-$(mktemp -d)}
mkdir -p "$work"
store=$work/library.db
cargo build --release --quiet
bin=$(pwd)/target/release/byline
t() { /usr/bin/time -f "  wall %e s, peak RSS %M KB: $*" "$bin" --store "$store" "$@" >/dev/null; }

if [ ! -f "$store" ]; then
    "$bin" --store "$store" import "$shared/corpus/articles/large.jsonl.gz" >/dev/null || true
    python3 benches/copies.py "$shared/corpus/articles/large.jsonl.gz" "$work"
    "$bin" --store "$store" import "$work/copy2.jsonl.gz" "$work/copy3.jsonl.gz" >/dev/null || true
fi
echo "== byline index ($("$bin" --store "$store" list --limit 1000000 | wc -l) articles)"
t index
echo "== entity pages, rankings (each 3 times)"
for i in 1 2 3; do
    t entity 'Ronald Reagan'
    t entity 'United States'
    t entities --top -n 50
    t entities --top --since 7d -n 50
    t entities --top --since 1987-10-01 -n 50
    t entities --trending
done
echo "== resolution alone (an edit resolves again)"
t entity hide 'Ronald Reagan'
t entity forget "$("$bin" --store "$store" entity edits | tail -1 | awk '{print $1}')"
