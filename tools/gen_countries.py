#!/usr/bin/env python3
"""Generate src/vocabulary/country/generated.rs from ISO 3166-1 data and the alias table.

Usage (from the repository root):

    python3 tools/gen_countries.py [path/to/iso3166-1.json]

The JSON defaults to ../shared/data/iso3166-1.json when it exists, else to the copy kept in
tools/data/iso3166-1.json. Aliases come from tools/data/country_aliases.tsv. The output is run
through rustfmt when it is on the PATH, so that `cargo fmt --check` stays clean.

The name keys are normalised here exactly as `normalize` in src/vocabulary/country/mod.rs does at run time;
a unit test there checks that every generated key is already normalised and that the table is
sorted, so the two implementations cannot drift apart silently.
"""

import json
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED_JSON = os.path.join(ROOT, "..", "shared", "data", "iso3166-1.json")
LOCAL_JSON = os.path.join(ROOT, "tools", "data", "iso3166-1.json")
ALIASES = os.path.join(ROOT, "tools", "data", "country_aliases.tsv")
OUTPUT = os.path.join(ROOT, "src", "vocabulary", "country", "generated.rs")

# Keep in sync with FOLD in src/vocabulary/country/mod.rs (checked by the Rust tests).
FOLD = {}
for letters, ascii_form in [
    ("àáâãäåāăą", "a"),
    ("æ", "ae"),
    ("çćĉċč", "c"),
    ("ďđð", "d"),
    ("èéêëēĕėęě", "e"),
    ("ĝğġģ", "g"),
    ("ĥħ", "h"),
    ("ìíîïĩīĭįı", "i"),
    ("ĵ", "j"),
    ("ķ", "k"),
    ("ĺļľŀł", "l"),
    ("ñńņňŉ", "n"),
    ("òóôõöøōŏő", "o"),
    ("œ", "oe"),
    ("ŕŗř", "r"),
    ("śŝşšș", "s"),
    ("ß", "ss"),
    ("ţťŧț", "t"),
    ("þ", "th"),
    ("ùúûüũūŭůűų", "u"),
    ("ŵ", "w"),
    ("ýÿŷ", "y"),
    ("źżž", "z"),
]:
    for letter in letters:
        FOLD[letter] = ascii_form

def normalize(text):
    """Lower-case, fold accents, split into words at anything not a letter or digit, read "st" as
    "saint" and "&" as "and", drop a leading or trailing "the", and join the words without spaces.

    Joining without spaces makes "Côte d’Ivoire", "Cote d'Ivoire", "COTE D IVOIRE" and
    "Cote dIvoire" one key ("cotedivoire"), and likewise "U.S.A." and "USA", "Guinea-Bissau" and
    "Guinea Bissau".
    """
    out = []
    for ch in text.lower():
        if ch in FOLD:
            out.append(FOLD[ch])
        elif "\u0300" <= ch <= "\u036f":
            continue
        elif ch == "&":
            out.append(" and ")
        elif ch.isascii() and ch.isalnum():
            out.append(ch)
        elif not ch.isascii() and ch.isalpha():
            out.append(ch)
        else:
            out.append(" ")
    words = ["saint" if w == "st" else w for w in "".join(out).split()]
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    if len(words) > 1 and words[-1] == "the":
        words = words[:-1]
    return "".join(words)


def rust_str(text):
    return json.dumps(text, ensure_ascii=False)


def main():
    if len(sys.argv) > 2:
        sys.exit("usage: python3 tools/gen_countries.py [iso3166-1.json]")
    if len(sys.argv) == 2:
        source = sys.argv[1]
    elif os.path.exists(SHARED_JSON):
        source = SHARED_JSON
    else:
        source = LOCAL_JSON
    with open(source, encoding="utf-8") as f:
        countries = json.load(f)["3166-1"]
    countries.sort(key=lambda c: c["alpha_3"])
    if len(countries) != 249:
        sys.exit(f"expected 249 countries, found {len(countries)}")
    index_of = {c["alpha_3"]: i for i, c in enumerate(countries)}
    codes = {c["alpha_2"].lower() for c in countries} | {c["alpha_3"].lower() for c in countries}

    keys = {}  # normalised key -> (alpha-3, original spelling)

    def add(text, alpha3, origin):
        key = normalize(text)
        if not key:
            sys.exit(f"{origin}: {text!r} normalises to nothing")
        if not key.isascii():
            sys.exit(f"{origin}: {text!r} normalises to non-ASCII {key!r}; extend FOLD")
        if key in codes and key.upper() != countries[index_of[alpha3]]["alpha_2"] \
                and key.upper() != alpha3:
            sys.exit(f"{origin}: {text!r} is also an ISO code of another country")
        if key in keys and keys[key][0] != alpha3:
            sys.exit(f"{origin}: {text!r} ({alpha3}) clashes with {keys[key]}")
        keys.setdefault(key, (alpha3, text))

    for c in countries:
        for field in ("name", "official_name", "common_name"):
            if field in c:
                add(c[field], c["alpha_3"], field)
    alias_count = 0
    with open(ALIASES, encoding="utf-8") as f:
        for line_no, line in enumerate(f, 1):
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) < 2 or parts[1] not in index_of:
                sys.exit(f"{ALIASES}:{line_no}: bad line {line!r}")
            add(parts[0], parts[1], f"aliases line {line_no}")
            alias_count += 1

    source_name = os.path.basename(source)
    lines = [
        "// @generated by tools/gen_countries.py from iso3166-1.json (pycountry 26.2.16, "
        "LGPL-2.1 data) and tools/data/country_aliases.tsv; do not edit, run "
        "`python3 tools/gen_countries.py`",
        "",
        f"// {len(countries)} countries, {alias_count} aliases, {len(keys)} name keys; "
        f"source file {source_name}.",
        "",
        "use super::{Country, Record};",
        "",
        "impl Country {",
    ]
    for i, c in enumerate(countries):
        lines.append(f"    /// {c['name']} (`{c['alpha_2']}`, {int(c['numeric'])}).")
        lines.append(f"    pub const {c['alpha_3']}: Country = Country({i});")
    lines.append("}")
    lines.append("")
    lines.append("/// One row per country, sorted by alpha-3 (the index inside [`Country`]).")
    lines.append(f"pub(super) static RECORDS: [Record; {len(countries)}] = [")

    def opt(c, field):
        return f"Some({rust_str(c[field])})" if field in c else "None"

    for c in countries:
        lines.append(
            f"    Record {{ alpha2: {rust_str(c['alpha_2'])}, alpha3: {rust_str(c['alpha_3'])}, "
            f"numeric: {int(c['numeric'])}, name: {rust_str(c['name'])}, "
            f"official_name: {opt(c, 'official_name')}, common_name: {opt(c, 'common_name')} }},"
        )
    lines.append("];")
    lines.append("")
    lines.append("/// Countries sorted by alpha-2 code, for binary search.")
    lines.append(f"pub(super) static BY_ALPHA2: [Country; {len(countries)}] = [")
    for c in sorted(countries, key=lambda c: c["alpha_2"]):
        lines.append(f"    Country::{c['alpha_3']},")
    lines.append("];")
    lines.append("")
    lines.append("/// Countries sorted by numeric code, for binary search.")
    lines.append(f"pub(super) static BY_NUMERIC: [Country; {len(countries)}] = [")
    for c in sorted(countries, key=lambda c: int(c["numeric"])):
        lines.append(f"    Country::{c['alpha_3']},")
    lines.append("];")
    lines.append("")
    lines.append(
        "/// Normalised names, official names, common names and aliases, sorted by key (bytes)."
    )
    lines.append(f"pub(super) static NAME_INDEX: [(&str, Country); {len(keys)}] = [")
    for key in sorted(keys, key=lambda k: k.encode("utf-8")):
        alpha3, original = keys[key]
        comment = f" // {original}" if original.lower() != key else ""
        lines.append(f"    ({rust_str(key)}, Country::{alpha3}),{comment}")
    lines.append("];")
    lines.append("")

    with open(OUTPUT, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))
    rustfmt = shutil.which("rustfmt")
    if rustfmt:
        subprocess.run([rustfmt, "--edition", "2021", OUTPUT], check=True)
    else:
        print("rustfmt not found: run `cargo fmt` before committing", file=sys.stderr)
    print(f"wrote {os.path.relpath(OUTPUT, ROOT)}: {len(countries)} countries, "
          f"{alias_count} aliases, {len(keys)} name keys")


if __name__ == "__main__":
    main()
