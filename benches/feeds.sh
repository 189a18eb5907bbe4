#!/usr/bin/env bash
# Feed import benchmark (issue 6), side by side in one run: the 20 RSS files of 1,000 articles
# that ../shared/tools/make_feeds.py makes from large.jsonl.gz, read by
#   - newsboat -x reload (its url list of file:// URLs, a fresh cache),
#   - byline import of the 20 files (a fresh store),
#   - byline refresh of the 20 files subscribed as file:// feeds (a fresh store),
#   - byline's first search afterwards, which full-text indexes the new articles,
#   - byline refresh again (nothing changed).
# Each is run RUNS times (default 3); wall time and peak RSS from /usr/bin/time.
# Usage: benches/feeds.sh [SHARED_DIR] [RUNS] [WORK_DIR]   (needs newsboat: apt-get install newsboat)
# WORK_DIR keeps the feeds and the last run's stores (newsboat's nb.db, byline's a.db and r.db)
# for benches/compare.sh; without it they go in a temporary directory, removed afterwards.
set -euo pipefail
cd "$(dirname "$0")/.."
shared=$(cd "${1:-../shared}" && pwd)
runs=${2:-3}
if [ -n "${3:-}" ]; then work=$(mkdir -p "$3" && cd "$3" && pwd); else
    work=$(mktemp -d); trap 'rm -rf "$work"' EXIT; fi
cargo build --release --quiet
bin=$PWD/target/release/byline
[ -f "$work/feeds/urls" ] ||
    python3 "$shared/tools/make_feeds.py" "$shared/corpus/articles/large.jsonl.gz" "$work/feeds" 20 1000
t() { /usr/bin/time -f "  $1: wall %e s, peak RSS %M KB" "${@:2}" >/dev/null; }
for run in $(seq "$runs"); do
    echo "== run $run"
    rm -f "$work"/nb.db* "$work"/a.db* "$work"/r.db*
    if command -v newsboat >/dev/null; then
        t "newsboat -x reload" newsboat -u "$work/feeds/urls" -c "$work/nb.db" -C /dev/null -x reload
    fi
    "$bin" --store "$work/a.db" list -n 1 >/dev/null
    t "byline import" "$bin" --store "$work/a.db" import "$work/feeds"
    t "byline first search" "$bin" --store "$work/a.db" search --limit 1 oil
    "$bin" --store "$work/r.db" list -n 1 >/dev/null
    while read -r url; do "$bin" --store "$work/r.db" feed add "$url" >/dev/null; done < "$work/feeds/urls"
    t "byline refresh" "$bin" --store "$work/r.db" refresh
    t "byline first search" "$bin" --store "$work/r.db" search --limit 1 oil
    t "byline refresh (unchanged)" "$bin" --store "$work/r.db" refresh
done
echo "articles: newsboat $(python3 -c "import sqlite3;print(sqlite3.connect('$work/nb.db').execute('select count(*) from rss_item').fetchone()[0])" 2>/dev/null || echo '?'), byline $("$bin" --store "$work/r.db" list -n 100000 | wc -l)"
