#!/usr/bin/env bash
# byline side by side with the tools a reader would compare it with (issue 17), on the same
# data, the two runs of each pair one after the other, medians of RUNS (default 5):
#   - feed import: newsboat -x reload against byline import, 20 RSS files of 1,000 articles
#     (benches/feeds.sh, which also keeps the stores for what follows);
#   - first frame at 120x40 (../shared/tools/ttff.py, under `timeout`): newsboat on its cache
#     against byline on its store, the 20,000 articles each;
#   - search: `byline search --limit 50 WORD` against `rg -l -i WORD | head -50` over the same
#     articles as plain files (title and body), whole processes, a warm page cache;
#   - entities: `byline ner` against spaCy's small model (../shared/tools/spacy_ner.py),
#     characters per second and mention F1 from ner_eval.py on two gold sets;
#   - peak memory of each (/usr/bin/time -f %M).
# Writes a Markdown table with the machine's CPU, the tools' versions and the ratios to
# OUT (default: target/compare.md) and prints it.
# Usage: benches/compare.sh [SHARED_DIR] [RUNS] [OUT]
# Needs newsboat and ripgrep (apt-get install newsboat ripgrep), pyte (pip install pyte) and
# spaCy (../shared/tools/spacy_setup.sh); a row whose tool is missing says so.
set -euo pipefail
cd "$(dirname "$0")/.."
here=$PWD
shared=${1:-../shared}
if [ ! -d "$shared/corpus" ] || [ ! -d "$shared/tools" ]; then
    echo "compare.sh needs the shared corpus and tools at '$shared' (corpus/, tools/):" \
        "pass its path as the first argument" >&2
    exit 1
fi
shared=$(cd "$shared" && pwd)
runs=${2:-5}
out=${3:-$here/target/compare.md}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet
bin=$here/target/release/byline
export BYLINE_CONFIG=$work/none.toml
spacy=${SPACY_VENV:-/tmp/spacy-venv}/bin/python
has() { command -v "$1" >/dev/null 2>&1; }
# Median of the numbers on stdin.
# Runs a command; appends "wall_ms peak_kb" to the file $1.
measure() {
    python3 - "$@" <<'PY'
import os, subprocess, sys, time
out, cmd = sys.argv[1], sys.argv[2:]
t = time.perf_counter()
p = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, status, usage = os.wait4(p.pid, 0)
wall = (time.perf_counter() - t) * 1000
open(out, "a").write(f"{wall:.2f} {usage.ru_maxrss}\n")
PY
}

echo "== feed import (benches/feeds.sh, $runs runs)"
benches/feeds.sh "$shared" "$runs" "$work" 2>&1 | tee "$work/feeds.log"
grep 'newsboat -x reload:' "$work/feeds.log" | sed -E 's/.*wall ([0-9.]+) s, peak RSS ([0-9]+) KB/\1 \2/' \
    | awk '{print $1 * 1000, $2}' >"$work/import.newsboat"
grep 'byline import:' "$work/feeds.log" | sed -E 's/.*wall ([0-9.]+) s, peak RSS ([0-9]+) KB/\1 \2/' \
    | awk '{print $1 * 1000, $2}' >"$work/import.byline"

echo "== the same articles as plain files, for rg"
python3 - "$work/feeds" "$work/plain" <<'PY'
import os, re, sys, html
feeds, out = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
n = 0
for name in sorted(os.listdir(feeds)):
    if not name.endswith(".xml"):
        continue
    for item in re.findall(r"<item>(.*?)</item>", open(f"{feeds}/{name}", encoding="utf-8").read(), re.S):
        title = re.search(r"<title>(.*?)</title>", item, re.S)
        body = re.search(r"<description>(.*?)</description>", item, re.S)
        text = "\n\n".join(html.unescape(m.group(1)) for m in (title, body) if m)
        open(f"{out}/{n:05}.txt", "w", encoding="utf-8").write(text + "\n")
        n += 1
print(f"{n} files")
PY

echo "== first frame (ttff.py, 120x40, $runs runs each, alternating)"
newest=$("$bin" --store "$work/a.db" list -n 1 --json | python3 -c 'import json, sys; print(json.load(sys.stdin)[0]["title"][:20])')
# ttff FILE WAIT COMMAND...: appends "first_frame_ms peak_kb" (the program's, not ttff's).
ttff() {
    local file=$1 wait=$2; shift 2
    rm -f "$work/rss"
    ms=$(timeout 60 python3 "$shared/tools/ttff.py" --size 120x40 --runs 1 --wait "$wait" --quit q \
        -- /usr/bin/time -f %M -o "$work/rss" "$@" | sed -nE 's/^first_frame_ms median=([0-9.]+).*/\1/p') || true
    [ -n "$ms" ] && [ -f "$work/rss" ] && echo "$ms $(tail -1 "$work/rss")" >>"$file"
    return 0
}
if python3 -c 'import pyte' 2>/dev/null; then
    for i in $(seq "$runs"); do
        has newsboat && ttff "$work/frame.newsboat" 'Corpus feed' \
            newsboat -u "$work/feeds/urls" -c "$work/nb.db" -C /dev/null
        ttff "$work/frame.byline" "$newest" "$bin" --store "$work/a.db"
    done
fi

echo "== search, first 50 hits (whole process, $runs runs each, alternating)"
words=(oil election football)
for w in "${words[@]}"; do
    "$bin" --store "$work/a.db" search --limit 50 "$w" >/dev/null
    has rg && rg -l -i "$w" "$work/plain" | head -50 >/dev/null
    for i in $(seq "$runs"); do
        measure "$work/search.byline" "$bin" --store "$work/a.db" search --limit 50 "$w"
        has rg && measure "$work/search.rg" sh -c "rg -l -i '$w' '$work/plain' | head -50"
    done
done

echo "== entities (ner_eval.py, $runs runs each, alternating)"
sets=(ieer_dev conll2003_valid)
for set in "${sets[@]}"; do
    for i in $(seq "$runs"); do
        systems=(byline="/usr/bin/time -f %M -o $work/rss.byline $bin ner")
        [ -x "$spacy" ] && systems+=(spacy="/usr/bin/time -f %M -o $work/rss.spacy $spacy $shared/tools/spacy_ner.py")
        if [ $((i % 2)) = 0 ]; then systems=("${systems[@]:1}" "${systems[0]}"); fi
        python3 "$shared/tools/ner_eval.py" "$shared/corpus/ner/$set.jsonl" "${systems[@]}" --json "$work/ner.json" >/dev/null
        for s in byline spacy; do
            [ -f "$work/rss.$s" ] || continue
            python3 -c 'import json, sys; r = json.load(open(sys.argv[1]))[sys.argv[2]]; print(r["chars_per_s"], r["mention"][2], end=" ")' \
                "$work/ner.json" "$s" >>"$work/ner.$set.$s"
            tail -1 "$work/rss.$s" >>"$work/ner.$set.$s"
        done
    done
done

echo "== the table"
python3 "$here/benches/compare_table.py" "$work" "$runs" "$bin" "$spacy" >"$out"
cat "$out"
