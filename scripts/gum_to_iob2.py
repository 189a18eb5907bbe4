#!/usr/bin/env python3
"""Converts GUM's entity annotation to the tagger's BIO training format (UNER's .iob2 layout).

Reads the dep/*.conllu files of a GUM git mirror (https://github.com/amir-zeldes/gum) and writes
one file: `# newdoc id = ...` lines, then per token `INDEX<TAB>WORD<TAB>TAG`, a blank line after
each sentence, the layout examples/train_ner.rs reads for UNER English-EWT.

Only genres whose text licence allows a derived model to be shipped without non-commercial terms
are read (GUM's LICENSE.txt): academic (CC BY 4.0), bio (CC BY-SA 3.0), court (CC BY 4.0),
voyage (CC BY-SA 3.0), news and interview (Wikinews, CC BY 2.5). The annotations are CC BY 4.0.
Essay, fiction, letter, podcast, whow (NC), reddit (no text), and the genres LICENSE.txt does not
name (conversation, speech, textbook, vlog, the GENTLE files) are left out.

GUM marks every mention, common nouns and pronouns too; a mention is a name when its head (the
token whose syntactic head is outside the mention) is a capitalised proper noun, or is
capitalised, has a Wikipedia identity and is not a common noun or pronoun ("the Court"); a
person mention headed by a title ("Prime Minister") is not a name. The tagged span is the run of
capitalised words around the head ("the Indonesian Navy" -> "Indonesian Navy"; "Barack Obama,
the president" -> "Barack Obama"), with "of", "and", "for", "de", "&", "-" kept between
capitalised words ("University of Chicago"). A country GUM marks an organisation (a government,
a national team) is a place, the eval sets' convention (GPE; CoNLL's national teams).
person -> PER (plural proper-noun heads, "Bangladeshis", -> MISC), organization -> ORG,
place -> LOC, named event/object/abstract/animal/plant/substance -> MISC; time and quantity -> O.
An outer name wins over the names nested in it.

Usage: scripts/gum_to_iob2.py GUM_GIT_DIR OUT.iob2
"""
import os
import re
import subprocess
import sys

GENRES = ("academic", "bio", "court", "voyage", "news", "interview")
KIND = {"person": "PER", "organization": "ORG", "place": "LOC", "event": "MISC",
        "object": "MISC", "abstract": "MISC", "animal": "MISC", "plant": "MISC",
        "substance": "MISC"}
# A name GUM marks an organisation ("Sweden said", a country for its government or team) becomes
# a place when it is a country (the repository's GeoNames list) or GUM marks it a place as often:
# the eval sets' convention (GPE, and CoNLL's national teams).
COUNTRIES_TXT = os.path.join(os.path.dirname(__file__), "..", "assets/gazetteer/countries.txt")
with open(COUNTRIES_TXT, encoding="utf-8") as f:
    COUNTRIES = {line.strip() for line in f if line.strip() and not line.startswith("#")}
# Counted by name: how often a place, how often an organisation.
PLACES = {}
ORGS = {}
# A person mention whose head is one of these is a title ("Malaysia's Prime Minister").
TITLES = {"president", "minister", "secretary", "spokesperson", "spokesman", "spokeswoman",
          "chairman", "chairwoman", "director", "governor", "senator", "mayor", "king", "queen",
          "prince", "princess", "pope", "judge", "justice", "chief", "commissioner", "officer",
          "general", "ambassador", "chancellor", "premier", "leader", "speaker", "bishop",
          "professor", "dr.", "mr.", "mrs.", "ms.", "sir", "lord", "lady", "captain", "coach"}
LINKS = {"of", "and", "for", "de", "&", "-", "du", "von", "van", "la", "del"}


def git(repo, *args):
    return subprocess.run(["git", "-C", repo, *args], check=True, capture_output=True,
                          text=True).stdout


def mentions(tokens):
    """(start, end, etype, identity) for every mention of a sentence; end inclusive."""
    open_ = {}
    out = []
    for i, tok in enumerate(tokens):
        ent = next((f[7:] for f in tok["misc"].split("|") if f.startswith("Entity=")), "")
        for m in re.finditer(r"\((\d+)-([^()]*)(\)?)|(\d+)\)", ent):
            if m.group(1):
                # etype-infstat-salience-centering-minspan-link-identity
                attrs = m.group(2).split("-", 6)
                etype = attrs[0]
                identity = attrs[6] if len(attrs) > 6 else ""
                if m.group(3):
                    out.append((i, i, etype, identity))
                else:
                    open_.setdefault(m.group(1), []).append((i, etype, identity))
            else:
                stack = open_.get(m.group(4))
                if stack:
                    start, etype, identity = stack.pop()
                    out.append((start, i, etype, identity))
    return out


def head_of(tokens, start, end):
    ids = {tokens[k]["id"] for k in range(start, end + 1)}
    for k in range(start, end + 1):
        if tokens[k]["head"] not in ids:
            return k
    return end


def is_cap(word):
    return word[:1].isupper() or word[:1].isdigit()


def name_span(tokens, start, end, etype, identity):
    """The name's token span inside the mention, or None for a common-noun mention."""
    kind = KIND.get(etype)
    if kind is None:
        return None
    h = head_of(tokens, start, end)
    head = tokens[h]
    if head["upos"] in ("PRON", "DET", "NOUN") or not (head["upos"] == "PROPN" or identity):
        return None
    if kind == "PER" and head["form"].lower() in TITLES:
        return None  # "the Secretary of State", "Prime Minister": a title, not a name
    if not head["form"][:1].isupper():
        return None
    a = h
    while a > start and is_cap(tokens[a - 1]["form"]) and tokens[a - 1]["upos"] != "DET":
        a -= 1
    b = h
    while b < end:
        nxt = tokens[b + 1]
        if is_cap(nxt["form"]) and nxt["upos"] not in ("PUNCT", "DET"):
            b += 1
        elif (nxt["form"].lower() in LINKS and b + 2 <= end
              and tokens[b + 2]["form"][:1].isupper()):
            b += 2
        else:
            break
    if kind == "PER" and tokens[b]["form"].lower() in TITLES:
        return None
    if kind == "PER" and head["xpos"] == "NNPS":
        kind = "MISC"
    return a, b, kind


def collect_places(tokens):
    for start, end, etype, identity in mentions(tokens):
        span = name_span(tokens, start, end, etype, identity)
        if span and span[2] in ("LOC", "ORG"):
            name = " ".join(t["form"] for t in tokens[span[0]:span[1] + 1])
            counts = PLACES if span[2] == "LOC" else ORGS
            counts[name] = counts.get(name, 0) + 1


def sentence_tags(tokens):
    tags = ["O"] * len(tokens)
    spans = []
    for start, end, etype, identity in mentions(tokens):
        span = name_span(tokens, start, end, etype, identity)
        if span:
            spans.append(span)
    # Outer (longer) names first; a name that overlaps one already placed is dropped.
    for a, b, kind in sorted(spans, key=lambda s: (s[0] - s[1], s[0])):
        name = " ".join(t["form"] for t in tokens[a:b + 1])
        if kind == "ORG" and (name in COUNTRIES or PLACES.get(name, 0) >= ORGS.get(name, 0)):
            kind = "LOC"
        if all(t == "O" for t in tags[a:b + 1]):
            tags[a] = f"B-{kind}"
            for k in range(a + 1, b + 1):
                tags[k] = f"I-{kind}"
    return tags


def sentences(text):
    """(newdoc line or None, tokens) per sentence of a CoNLL-U file."""
    tokens = []
    for line in text.splitlines():
        if line.startswith("# newdoc"):
            yield line, []
        elif not line.strip():
            if tokens:
                yield None, tokens
            tokens = []
        elif not line.startswith("#"):
            cols = line.split("\t")
            if len(cols) < 10 or not cols[0].isdigit():
                continue  # multiword-token ranges and empty nodes
            tokens.append({"id": cols[0], "form": cols[1], "upos": cols[3], "xpos": cols[4],
                           "head": cols[6], "misc": cols[9]})
    if tokens:
        yield None, tokens


def convert(text, out, stats):
    for newdoc, tokens in sentences(text):
        if newdoc:
            out.write(newdoc + "\n")
        if tokens:
            for k, (tok, tag) in enumerate(zip(tokens, sentence_tags(tokens)), 1):
                out.write(f"{k}\t{tok['form']}\t{tag}\n")
                stats["tokens"] += 1
                stats["names"] += tag.startswith("B-")
                stats[tag] = stats.get(tag, 0) + 1
            out.write("\n")
            stats["sentences"] += 1


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__.rsplit("Usage: ", 1)[1])
    repo, out_path = sys.argv[1], sys.argv[2]
    files = [f for f in git(repo, "ls-tree", "--name-only", "HEAD", "dep/").split()
             if re.fullmatch(r"dep/GUM_(%s)_[^/]+\.conllu" % "|".join(GENRES), f)]
    if not files:
        sys.exit(f"no GUM dep/*.conllu files of the genres {GENRES} in '{repo}'")
    texts = [git(repo, "show", f"HEAD:{f}") for f in files]
    for text in texts:
        for _, tokens in sentences(text):
            collect_places(tokens)
    stats = {"documents": 0, "sentences": 0, "tokens": 0, "names": 0}
    with open(out_path, "w", encoding="utf-8") as out:
        for text in texts:
            convert(text, out, stats)
            stats["documents"] += 1
    print(" ".join(f"{k}={v}" for k, v in stats.items()), file=sys.stderr)


if __name__ == "__main__":
    main()
