#!/usr/bin/env bash
# Scores `byline ner` with ../shared/tools/ner_eval.py on the three gold sets, side by side with
# spaCy's small model when its venv exists (../shared/tools/spacy_setup.sh).
# Usage: scripts/ner_eval.sh [SHARED_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
shared=$(cd "${1:-../shared}" && pwd)
cargo build --release --quiet
bin="${CARGO_TARGET_DIR:-$PWD/target}/release/byline"
systems=(byline="$bin ner")
if [ -x /tmp/spacy-venv/bin/python ]; then
    systems+=(spacy="/tmp/spacy-venv/bin/python $shared/tools/spacy_ner.py")
fi
for set in seed ieer_dev conll2003_valid; do
    python3 "$shared/tools/ner_eval.py" "$shared/corpus/ner/$set.jsonl" "${systems[@]}"
    echo
done
