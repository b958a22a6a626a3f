#!/usr/bin/env python3
"""Build ``eventwire/data/countries.csv`` from pycountry and countryinfo.

The output is the machine-generated base layer of the country gazetteer.
Hand-curated additions (press names, metonyms, places, new codes such as
Kosovo) live in ``eventwire/data/countries.yaml`` and are merged on top by
the loader; do not edit the CSV by hand.

Usage::

    python scripts/build_countries.py            # (re)write the CSV
    python scripts/build_countries.py --check    # exit 1 if the CSV is stale
    python scripts/build_countries.py --stdout   # print instead of writing

Requirements (build time only): ``pycountry`` and ``countryinfo``.
The output depends only on the data shipped with those two packages and on
the tables below, so running the script twice gives byte-identical output.
"""

from __future__ import annotations

import argparse
import csv
import io
import sys
import unicodedata
from importlib.metadata import version as pkg_version
from pathlib import Path

import pycountry
from countryinfo import CountryInfo

DATA_VERSION = "2026-11-23"
REPO_ROOT = Path(__file__).resolve().parent.parent
OUT_PATH = REPO_ROOT / "eventwire" / "data" / "countries.csv"

# ---------------------------------------------------------------------------
# Curation tables. Keep these small and mechanical: anything that is really
# "press knowledge" (metonyms, informal names, places) belongs in countries.yaml.
# ---------------------------------------------------------------------------

# Short common English name used in the `name` column. Codes not listed here
# use pycountry's common_name, else its name.
NAME_OVERRIDES = {
    "BES": "Caribbean Netherlands",
    "BHS": "Bahamas",
    "BRN": "Brunei",
    "CCK": "Cocos Islands",
    "CIV": "Ivory Coast",
    "COD": "Democratic Republic of the Congo",
    "COG": "Republic of the Congo",
    "CPV": "Cape Verde",
    "FLK": "Falkland Islands",
    "FSM": "Micronesia",
    "GMB": "Gambia",
    "MAC": "Macau",
    "MAF": "Saint Martin",
    "PCN": "Pitcairn Islands",
    "PSE": "Palestine",
    "RUS": "Russia",
    "SHN": "Saint Helena",
    "SXM": "Sint Maarten",
    "TLS": "East Timor",
    "TUR": "Turkey",
    "VAT": "Vatican City",
    "VGB": "British Virgin Islands",
    "VIR": "U.S. Virgin Islands",
}

# Alias strings never emitted: common English words, demonym-like strings,
# strings shared by several countries, or names of unrelated places.
ALIAS_STOPLIST = {
    "congo",  # press usage splits between COD and COG: ambiguous
    "dominique",  # French first name
    "guiana",  # historical region spanning several countries
    "island",  # Icelandic for Iceland; common English word
    "lao",  # language/people; demonym of Laos
    "mann",  # surname
    "mexicanos",
    "montenegrin",  # demonym
    "portuguesa",  # also a Venezuelan state
    "prathet",  # Thai for "country"
    "thai",  # demonym
    "togolese",  # demonym
    "viti",
    "zhonghua",  # generic "Chinese"
    "pleasant island",
    "abode of peace",
}

# Capitals never emitted: common English words, personal names, or names of
# better-known places elsewhere.
CAPITAL_STOPLIST = {
    "cayenne",  # the pepper
    "douglas",  # Isle of Man; common personal name
    "hamilton",  # Bermuda; common surname, many cities
    "jamestown",  # Saint Helena; US historic town
    "male",  # ASCII form of Male (Maldives); English word
    "plymouth",  # Montserrat; English city
    "saint-denis",  # Reunion; Paris suburb
    "stanley",  # Falklands; personal name
    "the bottom",
    "the valley",
    "victoria",  # Seychelles; personal name, many places
    "west island",
}

# Replacement capital lists (outdated or incomplete source data).
CAPITAL_OVERRIDES = {
    "BES": ["Kralendijk"],
    "BOL": ["Sucre", "La Paz"],
    "CIV": ["Yamoussoukro", "Abidjan"],
    "HKG": [],
    "KAZ": ["Astana", "Nur-Sultan"],
    "LKA": ["Colombo", "Sri Jayawardenepura Kotte"],
    "MAC": [],
    "MMR": ["Naypyidaw", "Naypyitaw", "Nay Pyi Taw"],
    "MYS": ["Kuala Lumpur", "Putrajaya"],
    # East Jerusalem is the claimed capital; Ramallah is the seat of the
    # Palestinian Authority and the name used metonymically in the press.
    # Jerusalem stays with ISR so that the string has a single owner.
    "PSE": ["Ramallah"],
    "PYF": ["Papeete"],
    "SMR": ["San Marino"],
    "SWZ": ["Mbabane", "Lobamba"],
    "USA": ["Washington", "Washington D.C.", "Washington DC"],
    "VAT": ["Vatican City"],
    "BEN": ["Porto-Novo", "Cotonou"],
}

# Replacement demonym lists where the source is wrong, missing or needs
# person nouns / irregular plurals. Regular plurals are added automatically.
DEMONYM_OVERRIDES = {
    "ARG": ["Argentine", "Argentinian", "Argentinean"],
    "ATF": [],
    "BIH": ["Bosnian"],
    "BLR": ["Belarusian", "Belarussian", "Byelorussian"],
    "BWA": ["Motswana", "Batswana", "Botswanan"],
    "CPV": ["Cape Verdean"],
    "CXR": ["Christmas Islander"],
    "CZE": ["Czech", "Czechs"],
    "DJI": ["Djiboutian"],
    "DNK": ["Danish", "Dane", "Danes"],
    "ECU": ["Ecuadorian", "Ecuadorean"],
    "ESP": ["Spanish", "Spaniard", "Spaniards"],
    "FIN": ["Finnish", "Finn", "Finns"],
    "FRA": ["French", "Frenchman", "Frenchmen", "Frenchwoman", "Frenchwomen"],
    "GBR": ["British", "Briton", "Britons"],
    "GIB": ["Gibraltarian"],
    "GRL": ["Greenlander", "Greenlandic"],
    "GUF": ["French Guianese"],
    "HKG": ["Hong Konger", "Hongkonger"],
    "HMD": [],
    "ISL": ["Icelander", "Icelandic"],
    "IRL": ["Irish", "Irishman", "Irishmen", "Irishwoman", "Irishwomen"],
    "KAZ": ["Kazakh", "Kazakhstani"],
    "KGZ": ["Kyrgyz", "Kyrgyzstani"],
    "KNA": ["Kittitian", "Nevisian"],
    "LAO": ["Laotian", "Lao"],
    "LSO": ["Mosotho", "Basotho"],
    "MAC": ["Macanese"],
    "MDV": ["Maldivian"],
    "MKD": ["North Macedonian", "Macedonian"],
    "NLD": ["Dutch", "Dutchman", "Dutchmen"],
    "NPL": ["Nepalese", "Nepali"],
    "PHL": ["Filipino", "Filipina", "Filipinas"],
    "POL": ["Polish", "Pole", "Poles"],
    "PSE": ["Palestinian"],
    "SAU": ["Saudi", "Saudi Arabian"],
    "SGS": [],
    "SLV": ["Salvadoran", "Salvadorean"],
    "SRB": ["Serbian", "Serb"],
    "HRV": ["Croatian", "Croat"],
    "SUR": ["Surinamese", "Surinamer"],
    "SVK": ["Slovak", "Slovakian"],
    "SVN": ["Slovenian", "Slovene"],
    "SWE": ["Swedish", "Swede", "Swedes"],
    "TJK": ["Tajik", "Tajikistani"],
    "TKM": ["Turkmen", "Turkmens"],
    "TLS": ["East Timorese", "Timorese"],
    "TUR": ["Turkish", "Turk", "Turks"],
    "UZB": ["Uzbek", "Uzbekistani"],
    "AZE": ["Azerbaijani", "Azeri"],
    "VAT": [],
    "BFA": ["Burkinabe"],
}

# Demonyms that take no "-s" plural (in addition to the suffix rules).
INVARIABLE_DEMONYMS = {
    "Basotho",
    "Batswana",
    "Burkinabe",
    "I-Kiribati",
    "Lao",
    "Mosotho",
    "Motswana",
    "Ni-Vanuatu",
    "Turkmen",
    "Turkmens",
}

# A string claimed by several codes goes to the most populous claimant only
# if it is at least this many times more populous than the runner-up
# (e.g. "French": France over Reunion); otherwise it is dropped from all.
DOMINANCE_RATIO = 5

ALLOWED_PUNCT = set(" -.'\u2019")
EXTRA_LATIN = set("ßøØæÆłŁđĐıðÐþÞœŒ")


def fold(text: str) -> str:
    """Strip diacritics: 'Chișinău' -> 'Chisinau'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def is_clean_latin(text: str) -> bool:
    """True for Latin-script text without transliteration marks or IPA."""
    for ch in text:
        if ch.isascii():
            if ch.isalnum() or ch in ALLOWED_PUNCT:
                continue
            return False
        if ch in ALLOWED_PUNCT or ch in EXTRA_LATIN:
            continue
        base = unicodedata.normalize("NFKD", ch)[0]
        if base.isascii() and base.isalpha():
            continue
        return False
    return True


def tidy(text: str | None, strip_article: bool = False) -> str:
    text = " ".join((text or "").split())
    if strip_article and text.lower().startswith("the "):
        text = text[4:]
    return text


def uniq(items):
    seen, out = set(), []
    for item in items:
        key = item.casefold()
        if item and key not in seen:
            seen.add(key)
            out.append(item)
    return out


def with_folded(items):
    out = []
    for item in items:
        out.append(item)
        folded = fold(item)
        if folded != item:
            out.append(folded)
    return out


def pluralise(demonym: str) -> list[str]:
    if demonym in INVARIABLE_DEMONYMS:
        return [demonym]
    lower = demonym.lower()
    # "-man"/"-men" nouns (Frenchman) list their plural explicitly.
    if lower.endswith(("ese", "s", "sh", "ch", "x", "z", "y", "ic", "man", "men")):
        return [demonym]
    return [demonym, demonym + "s"]


def split_demonyms(raw: str | None) -> list[str]:
    parts = []
    for chunk in (raw or "").replace("/", ",").replace(" or ", ",").split(","):
        chunk = tidy(chunk)
        if chunk:
            parts.append(chunk)
    return parts


def country_record(country) -> dict:
    a3, a2 = country.alpha_3, country.alpha_2
    info = CountryInfo(a3).info()
    name = NAME_OVERRIDES.get(a3) or getattr(country, "common_name", None) or country.name
    codes = {a3.casefold(), a2.casefold()}

    raw_aliases = [
        getattr(country, "common_name", None),
        country.name,
        getattr(country, "official_name", None),
        info.get("name"),
        *(info.get("altSpellings") or []),
    ]
    aliases = []
    for alias in raw_aliases:
        alias = tidy(alias, strip_article=True)
        if not alias or alias.casefold() in codes or len(alias) <= 2:
            continue
        if "," in alias or "(" in alias or ")" in alias:
            continue
        if not is_clean_latin(alias):
            continue
        if alias.casefold() in ALIAS_STOPLIST:
            continue
        aliases.append(alias)
    aliases = [
        a for a in uniq(with_folded([name] + aliases)) if a.casefold() not in ALIAS_STOPLIST
    ][1:]
    aliases = [a for a in aliases if a.casefold() != name.casefold()]

    if a3 in DEMONYM_OVERRIDES:
        base_demonyms = DEMONYM_OVERRIDES[a3]
    else:
        base_demonyms = split_demonyms(info.get("demonym"))
    demonyms = []
    for dem in base_demonyms:
        if dem.casefold() == name.casefold():
            continue
        demonyms.extend(pluralise(dem))
    demonyms = uniq(demonyms)

    if a3 in CAPITAL_OVERRIDES:
        base_capitals = CAPITAL_OVERRIDES[a3]
    else:
        base_capitals = [tidy(c) for c in (info.get("capital") or "").split("/")]
    capitals = [
        c
        for c in uniq(with_folded(base_capitals))
        if c and c.casefold() not in CAPITAL_STOPLIST and c.casefold() != name.casefold()
    ]

    return {
        "iso3": a3,
        "iso2": a2,
        "name": name,
        "aliases": aliases,
        "demonyms": demonyms,
        "capitals": capitals,
        "population": int(info.get("population") or 0),
    }


def resolve_shared(records: list[dict]) -> None:
    """Give every alias/demonym/capital string a single owner (or none)."""
    names = {r["name"].casefold(): r["iso3"] for r in records}
    claims: dict[str, list[dict]] = {}
    for rec in records:
        for field in ("aliases", "demonyms", "capitals"):
            for item in rec[field]:
                claimants = claims.setdefault(item.casefold(), [])
                if rec not in claimants:
                    claimants.append(rec)
    all_demonyms = {d.casefold() for r in records for d in r["demonyms"]}

    def keep(rec: dict, item: str, field: str) -> bool:
        key = item.casefold()
        if key in names and names[key] != rec["iso3"]:
            return False  # another country's name
        if field == "aliases" and key in all_demonyms:
            return False
        claimants = claims[key]
        if len(claimants) == 1:
            return True
        ranked = sorted(claimants, key=lambda r: (-r["population"], r["iso3"]))
        top, second = ranked[0], ranked[1]
        return top is rec and top["population"] >= DOMINANCE_RATIO * max(second["population"], 1)

    for rec in records:
        for field in ("aliases", "demonyms", "capitals"):
            rec[field] = [item for item in rec[field] if keep(rec, item, field)]


def build() -> str:
    records = [country_record(c) for c in pycountry.countries]
    records.sort(key=lambda r: r["iso3"])
    seen_names = {}
    for rec in records:
        assert "," not in rec["name"] and "(" not in rec["name"], rec
        assert rec["name"].casefold() not in seen_names, (rec, seen_names)
        seen_names[rec["name"].casefold()] = rec["iso3"]
    resolve_shared(records)

    buf = io.StringIO()
    buf.write(f"# version: {DATA_VERSION}\n")
    buf.write(
        "# source: built by scripts/build_countries.py from "
        f"pycountry {pkg_version('pycountry')} (ISO 3166-1) and "
        f"countryinfo {pkg_version('countryinfo')}; do not hand-edit, "
        "put corrections in countries.yaml\n"
    )
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["iso3", "iso2", "name", "aliases", "demonyms", "capitals"])
    for rec in records:
        writer.writerow(
            [
                rec["iso3"],
                rec["iso2"],
                rec["name"],
                "|".join(rec["aliases"]),
                "|".join(rec["demonyms"]),
                "|".join(rec["capitals"]),
            ]
        )
    return buf.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="do not write; exit 1 if the CSV differs"
    )
    parser.add_argument("--stdout", action="store_true", help="print the CSV instead of writing it")
    parser.add_argument("--output", type=Path, default=OUT_PATH)
    args = parser.parse_args(argv)

    text = build()
    if args.stdout:
        sys.stdout.write(text)
        return 0
    if args.check:
        current = args.output.read_text(encoding="utf-8") if args.output.exists() else ""
        if current != text:
            print(f"{args.output} is out of date; run scripts/build_countries.py", file=sys.stderr)
            return 1
        return 0
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with open(args.output, "w", encoding="utf-8", newline="") as fh:
        fh.write(text)
    print(f"wrote {args.output} ({text.count(chr(10)) - 3} countries)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
