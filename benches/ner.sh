#!/usr/bin/env bash
# Extractor cost against length (issue 15): `byline ner` on 1, 2.5 and 5 MB of title + body
# text from large.jsonl.gz, once as separate articles and once as one single document, plus
# the 5 MB as one line without line breaks. Prints wall and CPU (user) time and characters
# per CPU second; the same per character on single documents as on articles means linear cost.
# Usage: benches/ner.sh [SHARED_DIR]   (default: ../shared)
set -euo pipefail
cd "$(dirname "$0")/.."
shared=$(cd "${1:-../shared}" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cargo build --release --quiet
bin=$PWD/target/release/byline
python3 - "$shared/corpus/articles/large.jsonl.gz" "$work" <<'PY'
import gzip, json, sys
src, out = sys.argv[1], sys.argv[2]
texts = []
with gzip.open(src, "rt", encoding="utf-8") as f:
    for line in f:
        a = json.loads(line)
        texts.append((a.get("title") or "") + "\n\n" + (a.get("body") or ""))
for mb in ("1", "2.5", "5"):
    target, picked, n = float(mb) * 1e6, [], 0
    for t in texts:
        if n >= target:
            break
        picked.append(t)
        n += len(t)
    with open(f"{out}/split_{mb}.jsonl", "w") as f:
        for i, t in enumerate(picked):
            f.write(json.dumps({"id": i, "text": t}) + "\n")
    whole = "\n\n".join(picked)
    with open(f"{out}/single_{mb}.jsonl", "w") as f:
        f.write(json.dumps({"id": 0, "text": whole}) + "\n")
    if mb == "5":
        with open(f"{out}/oneline_{mb}.jsonl", "w") as f:
            f.write(json.dumps({"id": 0, "text": whole.replace("\n", " ")}) + "\n")
PY
printf '%-14s %10s %8s %8s %12s\n' input chars wall_s user_s chars/cpu_s
for name in split_1 single_1 split_2.5 single_2.5 split_5 single_5 oneline_5; do
    file=$work/$name.jsonl
    chars=$(python3 -c "import json,sys; print(sum(len(json.loads(l)['text']) for l in open(sys.argv[1])))" "$file")
    /usr/bin/time -f "%e %U" -o "$work/time" "$bin" ner <"$file" >/dev/null
    read -r wall user <"$work/time"
    printf '%-14s %10s %8s %8s %12.0f\n' "$name" "$chars" "$wall" "$user" "$(python3 -c "print($chars / max($user, 0.01))")"
done
