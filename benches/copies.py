"""Writes copy2.jsonl.gz ... copyN.jsonl.gz under WORK: the articles of SRC under other ids
(titles and URLs marked with the copy's number), for stores N times the corpus's size (N is 3
unless given; 10 makes the issue's 310,000 articles).

  python3 benches/copies.py ../shared/corpus/articles/large.jsonl.gz /tmp/work [N]
"""
import gzip, json, sys

src, work = sys.argv[1], sys.argv[2]
count = int(sys.argv[3]) if len(sys.argv) > 3 else 3
rows = [json.loads(l) for l in gzip.open(src, "rt", encoding="utf-8")]
for n in range(2, count + 1):
    with gzip.open(f"{work}/copy{n}.jsonl.gz", "wt", encoding="utf-8", compresslevel=1) as out:
        for r in rows:
            r = dict(r)
            r["title"] = f"{r.get('title') or ''} (copy {n})"
            if r.get("url"):
                r["url"] = f"{r['url']}#copy{n}"
            out.write(json.dumps(r) + "\n")
