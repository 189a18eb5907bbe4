#!/usr/bin/env bash
# Daily-reader benchmark (issue 13). Builds a store of ~94,000 articles of which 31,400 come
# from 100 RSS feeds (make_feeds.py over large.jsonl.gz, subscribed as files and refreshed),
# the rest the same corpus imported twice under other ids, then times:
#   - unread counts of the 100 feeds (`byline feed list`, whole process, and the query alone),
#   - `byline list is:unread --limit 50`, `byline list feed:7 --limit 50`,
#   - `byline rm` of 10,000 articles, then `byline check`.
# Usage: benches/daily.sh WORK_DIR [SHARED_DIR]   (WORK_DIR outside the repository)
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mkdir -p "$1" && cd "$1" && pwd)
shared=$(cd "${2:-../shared}" && pwd)
bin=${BYLINE_BIN:-target/release/byline}
store=$work/daily.db
# The daily backup (a copy of the whole store) is not what is timed here.
printf '[backup]\nkeep = 0\n' > "$work/config.toml"
export BYLINE_CONFIG=$work/config.toml
if [ ! -f "$store" ]; then
    python3 "$shared/tools/make_feeds.py" "$shared/corpus/articles/large.jsonl.gz" "$work/feeds" 100 288
    for f in "$work"/feeds/*.xml; do
        "$bin" --store "$store" feed add --no-check "$f" >/dev/null
    done
    /usr/bin/time -f "refresh of 100 feeds: wall %e s, peak RSS %M KB" "$bin" --store "$store" refresh --jobs 4 >/dev/null || true
    python3 benches/copies.py "$shared/corpus/articles/large.jsonl.gz" "$work"
    "$bin" --store "$store" import "$work/copy2.jsonl.gz" "$work/copy3.jsonl.gz" >/dev/null || true
    "$bin" --store "$store" search --limit 1 oil >/dev/null
    cp "$store" "$work/daily-pristine.db"
fi
echo "store: $(sqlite3 "$store" 'SELECT count(*) FROM articles') articles, $(sqlite3 "$store" 'SELECT count(*) FROM feeds') feeds"
# Milliseconds of wall time, whole process.
t() { python3 -c 'import subprocess, sys, time; s = time.perf_counter(); subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL); print(f"  {(time.perf_counter() - s) * 1000:.1f} ms")' "$@"; }
for i in 1 2 3; do
    echo "== byline feed list (100 feeds with unread counts), run $i"; t "$bin" --store "$store" feed list
    echo "== byline list is:unread --limit 50, run $i"; t "$bin" --store "$store" list is:unread --limit 50
    echo "== byline list feed:7 --limit 50, run $i"; t "$bin" --store "$store" list feed:7 --limit 50
done
echo "== the unread-count query alone (sqlite3, .timer)"
printf '.timer on\nSELECT count(*) FROM (SELECT f.id, (SELECT count(*) FROM articles a WHERE a.feed = f.id AND a.is_read = 0) + (SELECT count(*) FROM article_feeds af JOIN articles a ON a.rowid = af.article WHERE af.feed = f.id AND a.is_read = 0) FROM feeds f);\n' | sqlite3 "$store"
echo "== the first 50 unread, query alone"
printf '.timer on\nSELECT count(*) FROM (SELECT id FROM articles a WHERE a.is_read = 0 ORDER BY a.sort_key DESC, a.rowid DESC LIMIT 50);\n' | sqlite3 "$store"
echo "== byline rm of 10,000 articles (a copy of the store)"
cp "$work/daily-pristine.db" "$work/rm.db"
ids=$(sqlite3 "$work/rm.db" "SELECT id FROM articles ORDER BY rowid LIMIT 10000 OFFSET 20000" | tr '\n' ' ')
# shellcheck disable=SC2086
/usr/bin/time -f "  wall %e s, peak RSS %M KB" "$bin" --store "$work/rm.db" rm $ids
/usr/bin/time -f "  check: wall %e s" "$bin" --store "$work/rm.db" check
