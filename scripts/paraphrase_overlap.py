"""Report the character 4-gram overlap of the candidate wording with the package wording, per kind.

``python scripts/paraphrase_overlap.py`` prints, for every kind of work, each candidate phrase of the
``realistic`` table (:mod:`evaluation.world.paraphrase_nl`) and of the default vocabulary
(:mod:`evaluation.world.kinds`) with the 4-grams it shares with the package wording of the same kind
(:func:`~evaluation.world.paraphrase_nl.package_wording`), and a summary: the share of phrases that
share no 4-gram at all. Use it when editing the table.
"""

from __future__ import annotations

import argparse

from evaluation.world.kinds import KINDS
from evaluation.world.paraphrase_nl import REALISTIC_WORDS, char_4grams, package_wording


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only-shared", action="store_true", help="list only phrases that share 4-grams")
    args = parser.parse_args(argv)
    totals = {"none": [0, 0], "realistic": [0, 0]}
    for kind in KINDS:
        pkg = set().union(*(char_4grams(t) for t in package_wording(kind.code)))
        words = REALISTIC_WORDS[kind.code]
        print(f"== {kind.code}")
        for setting, source in (("none", kind), ("realistic", words)):
            for field in ("places", "acts", "wishes"):
                for text in getattr(source, field):
                    shared = sorted(char_4grams(text) & pkg)
                    totals[setting][0] += 1
                    totals[setting][1] += not shared
                    if shared or not args.only_shared:
                        print(f"  {setting:9} {field:6} {text!r}: {', '.join(shared) or '-'}")
    for setting, (n, clean) in totals.items():
        print(f"{setting}: {clean} of {n} phrases share no 4-gram with their kind's package wording")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
