"""Writes ``src/translitnorm/data/dictionary_words.txt``: the most frequent words of English,
French and German, from the word frequencies of ``wordfreq`` (a maintainer's tool, not a
dependency of the package; run it again only to change the list).

    python -m venv /tmp/wordfreq && /tmp/wordfreq/bin/pip install wordfreq==3.1.1
    /tmp/wordfreq/bin/python tools/make_dictionary_words.py

The phonetic and fuzzy stages use the list to tell a word of the language, capitalised at the
start of a sentence ("Human", "Matter"), from a name spelt another way ("Kobane"): a word on
the list is never matched alone by sound or by a near spelling.
"""

from __future__ import annotations

import sys
from importlib.metadata import version
from pathlib import Path

from wordfreq import top_n_list  # type: ignore[import-not-found]

LANGUAGES = ("en", "fr", "de")
PER_LANGUAGE = 5000
MIN_LETTERS = 4  # shorter words are never phonetic or fuzzy candidates
OUT = Path(__file__).resolve().parent.parent / "src/translitnorm/data/dictionary_words.txt"

HEADER = f"""\
# The {PER_LANGUAGE:,} most frequent words of each of {", ".join(LANGUAGES)},
# {MIN_LETTERS}+ letters, lower case, one a line: the phonetic and fuzzy stages never
# match one of these alone (translitnorm.wordlists.dictionary_words).
# Made by tools/make_dictionary_words.py from wordfreq {version('wordfreq')}
# (https://github.com/rspeer/wordfreq), whose word frequencies are distributed under the
# Creative Commons Attribution-ShareAlike 4.0 licence
# (https://creativecommons.org/licenses/by-sa/4.0/); this list is shared under the same terms.
"""


def main() -> int:
    words: dict[str, None] = {}
    for lang in LANGUAGES:
        for word in top_n_list(lang, PER_LANGUAGE):
            if len(word) >= MIN_LETTERS and word.isalpha():
                words.setdefault(word.casefold(), None)
    tmp = OUT.with_suffix(".tmp")
    tmp.write_text(HEADER + "".join(f"{w}\n" for w in sorted(words)), encoding="utf-8")
    tmp.replace(OUT)
    print(f"{OUT}: {len(words):,} words", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
