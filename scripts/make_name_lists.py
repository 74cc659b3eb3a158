#!/usr/bin/env python3
"""Derives the name gazetteers in data/ner/ from the public-domain name data.

    make_name_lists.py SHARED_DATA_DIR OUT_DIR

first_names.txt: given names from the US Social Security Administration's
baby-name totals (1880-2020) given to at least 200 babies, most frequent
first. last_names.txt: surnames of the US Census 1990, most frequent first.
One lower-case name per line; the line number is the name's rank.
"""
import collections
import sys


def main():
    data, out = sys.argv[1], sys.argv[2]
    given = collections.Counter()
    with open(f"{data}/names-ssa-babynames/ssa_given_names_1880_2020_totals.tsv") as fh:
        next(fh)
        for line in fh:
            name, _sex, total, _first, _last = line.rstrip("\n").split("\t")
            given[name.lower()] += int(total)
    firsts = [n for n, c in sorted(given.items(), key=lambda kv: (-kv[1], kv[0])) if c >= 200]
    with open(f"{out}/first_names.txt", "w") as fh:
        fh.write("\n".join(firsts) + "\n")

    lasts = []
    with open(f"{data}/names-us-census-1990/dist.all.last") as fh:
        for line in fh:
            parts = line.split()
            if parts:
                lasts.append(parts[0].lower())
    with open(f"{out}/last_names.txt", "w") as fh:
        fh.write("\n".join(lasts) + "\n")


if __name__ == "__main__":
    main()
