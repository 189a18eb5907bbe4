#!/usr/bin/env bash
# Reader benchmark (issue 12): the figures of its note, in a real pty at 120x40, through
# ../shared/tools/ttff.py and benches/reader_keys.py (both need `pip install pyte`).
#
# Usage: benches/reader.sh STORE [BINARY] [WORKDIR]
#   STORE    the ~93,000-article store benches/store.sh builds; only copied, never written
#   BINARY   the byline to time (default: this tree's release build)
#   WORKDIR  where the copies go (default: a temporary directory, removed afterwards); a
#            WORKDIR kept from an earlier run is reused as it is
#
# Copies made (each run of a writing benchmark starts from a fresh copy):
#   big.db      + three articles, newest first: a short one, 1 MB and 50 MB of real text
#   pending.db  + three more copies of large.jsonl.gz (~93,000 rows) not yet full-text indexed
#   feeds.db    + 20 file:// feeds of 1,000 items each (tools/make_feeds.py)
#   hang.db     + one feed at a local port that accepts and never answers
set -euo pipefail
cd "$(dirname "$0")/.."
here=$(pwd)
shared=$(cd ../shared && pwd)
store=$(realpath "$1")
if [ -n "${2:-}" ]; then bin=$(realpath "$2"); else
    cargo build --release --quiet; bin=$here/target/release/byline; fi
if [ -n "${3:-}" ]; then work=$(realpath "$3"); mkdir -p "$work"; else
    work=$(mktemp -d); trap 'rm -rf "$work"' EXIT; fi
cd "$work"
ttff() { python3 "$shared/tools/ttff.py" --size 120x40 "$@"; }
keys() { python3 "$here/benches/reader_keys.py" "$@"; }
fresh() { rm -f "$2" "$2-wal" "$2-shm"; cp "$1" "$2"; }
export BYLINE_CONFIG=$work/none.toml

if [ ! -f big-base.db ]; then
    python3 - "$shared" <<'PY'
import gzip, json, sys
shared = sys.argv[1]
bodies = [b for b in (json.loads(l).get("body", "").strip() for l in
          gzip.open(f"{shared}/corpus/articles/large.jsonl.gz", "rt", encoding="utf-8"))
          if len(b) > 500]
def text(size):
    out, n, i = [], 0, 0
    while n < size:
        out.append(bodies[i % len(bodies)]); n += len(out[-1]) + 2; i += 1
    return "\n\n".join(out)
arts = [("Bench small opener", "A short article to start from.\n\nIt has two paragraphs.", 3),
        ("Bench one megabyte read", text(1_000_000), 2),
        ("Bench fifty megabyte read", text(50_000_000), 1)]
with open("big.jsonl", "w") as f:
    for title, body, day in arts:
        f.write(json.dumps({"title": title, "body": body, "source": "Bench",
                            "date": f"2099-01-0{day}T00:00:00Z"}) + "\n")
rows = [json.loads(l) for l in gzip.open(f"{shared}/corpus/articles/large.jsonl.gz", "rt")]
for n in (4, 5, 6):
    with gzip.open(f"copy{n}.jsonl.gz", "wt", encoding="utf-8") as out:
        for r in rows:
            r = dict(r, title=f"{r.get('title') or ''} (copy {n})")
            if r.get("url"):
                r["url"] = f"{r['url']}#copy{n}"
            out.write(json.dumps(r) + "\n")
words = ["oil", "Reuters", "/bank(s)?/", "China", "election", "football", "Microsoft",
         "inflation", "Iran", "/port(s)? strike/"]
open("keywords10.toml", "w").write(f"[highlight]\nkeywords = {json.dumps(words)}\n")
PY
    fresh "$store" big-base.db && "$bin" --store big-base.db import big.jsonl >/dev/null
    # Import indexes its articles at the end, in one statement: it is stopped there, so the
    # rows stay waiting for the reader's worker, as after an import interrupted or deferred.
    fresh "$store" pending-base.db
    "$bin" --store pending-base.db import copy4.jsonl.gz copy5.jsonl.gz copy6.jsonl.gz >/dev/null &
    pid=$!
    until [ "$(sqlite3 "file:pending-base.db?mode=ro" 'select count(*) from fts_pending' 2>/dev/null || echo 0)" -ge 92000 ]; do
        sleep 0.2; done
    sleep 0.3; kill -9 "$pid" || true; wait "$pid" 2>/dev/null || true
    sqlite3 pending-base.db 'pragma wal_checkpoint(truncate);' >/dev/null
    python3 "$shared/tools/make_feeds.py" "$shared/corpus/articles/large.jsonl.gz" feeds20 20 1000 >/dev/null
    fresh "$store" feeds-base.db
    for f in feeds20/*.xml; do "$bin" --store feeds-base.db feed add --no-check "file://$work/$f" >/dev/null; done
    fresh "$store" hang-base.db
    "$bin" --store hang-base.db feed add --no-check http://127.0.0.1:18089/feed.xml >/dev/null
fi
total=$(sqlite3 "file:big-base.db?mode=ro" 'select count(*) from articles')

echo "== first frame, 10 watched keywords"
fresh big-base.db big.db
BYLINE_STORE=$work/big.db BYLINE_CONFIG=$work/keywords10.toml \
    ttff --wait 'Bench small opener' --quit q --runs 9 -- "$bin"

echo "== F query Enter: the hits listed (step 2)"
BYLINE_STORE=$work/big.db ttff --wait 'Bench small opener' --step 'F=>search the store' \
    --step 'oil prices\r=>articles match' --quit q --runs 9 -- "$bin"

echo "== F query Enter while the worker indexes ~93,000 pending rows (2 s after the first frame)"
for _ in 1 2 3 4 5; do
    fresh pending-base.db pending.db
    BYLINE_STORE=$work/pending.db keys search --runs 1 --delay 2 -- "$bin" | grep '^run:'
done

echo "== j onto a 1 MB article: its frame (step 1), then its text (step 1 + step 2)"
BYLINE_STORE=$work/big.db ttff --wait 'Bench small opener' --step "j=>2/$total" \
    --step '=>The British Department for' --quit q --runs 9 --timeout 60 -- "$bin"

echo "== j onto a 50 MB article: its frame (step 1), ? while it is read (step 2), its text (step 3)"
BYLINE_STORE=$work/big.db ttff --wait 'Bench small opener' --step "jj=>3/$total" \
    --step '?=>any other key closes' --step 'x=>The British Department for' \
    --quit q --runs 5 --timeout 120 -- "$bin"

echo "== q while a refresh waits on a feed that never answers (exit_ms)"
python3 -c '
import socket
s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("127.0.0.1", 18089)); s.listen(64); held = []
while True: held.append(s.accept()[0])' &
listener=$!
sleep 0.3
fresh hang-base.db hang.db
BYLINE_STORE=$work/hang.db ttff --wait "1/" --step 'R=>refreshing' --quit q --runs 9 --timeout 60 -- "$bin"
kill "$listener" 2>/dev/null || true

echo "== a key every 100 ms during a refresh of 20 feeds of 1,000 items: key to frame"
for _ in 1 2 3 4 5; do
    fresh feeds-base.db feeds.db
    BYLINE_STORE=$work/feeds.db keys gaps --runs 1 --keys 100 -- "$bin" | tail -2
done
