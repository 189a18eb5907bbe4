"""Writes copy2.jsonl.gz and copy3.jsonl.gz under WORK: the articles of SRC under other ids
(titles and URLs marked with the copy's number), for stores three times the corpus's size.

  python3 benches/copies.py ../shared/corpus/articles/large.jsonl.gz /tmp/work
"""
import gzip, json, sys

src, work = sys.argv[1], sys.argv[2]
rows = [json.loads(l) for l in gzip.open(src, "rt", encoding="utf-8")]
for n in (2, 3):
    with gzip.open(f"{work}/copy{n}.jsonl.gz", "wt", encoding="utf-8") as out:
        for r in rows:
            r = dict(r)
            r["title"] = f"{r.get('title') or ''} (copy {n})"
            if r.get("url"):
                r["url"] = f"{r['url']}#copy{n}"
            out.write(json.dumps(r) + "\n")
