"""Seeded synthetic data for the annotation benchmark: a glossary of transliteration-style names
and an English-like corpus with those names inserted at known offsets.

Everything is a pure function of ``seed`` (``random.Random(seed)``) and the sizes, so every
system and every run sees the same glossary, the same text and the same truth.

Names are built from Arabic-like syllables (1-4 tokens, optional ``al-``/``as-``/``el-``
article, optional ``Abu``/``bin``). Each entry has 3-6 spellings (the canonical first) derived
by transliteration conventions (kh/h, ou/u, oo/u, doubled letters, -ah/-a, al-/el-/as-, dj/j,
ee/i, q/k), some with diacritics (ā, ī, ū, ṣ, ḥ, é ...) and some in Arabic or Cyrillic script
(a plain letter map, not a real transliteration). No two entries share a spelling, even after
unidecode + casefold + dropping punctuation and spaces, so the truth is unambiguous for every
system; single-token spellings that are English corpus words are rejected.

>>> entries = make_glossary(20, seed=1)
>>> len(entries), all(3 <= len(e.variants) <= 6 for e in entries)
(20, True)
>>> text, truth = make_corpus(entries, n_chars=20_000, seed=1)
>>> all(text[t.offset:t.offset + len(t.variant)] == t.variant for t in truth)
True

Command line (writes a JSON file with entries, text and truth)::

    python benchmarks/gen_corpus.py --entries 1000 --corpus-mb 1 --out /tmp/corpus.json
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from unidecode import unidecode

DEFAULT_SEED = 20240611

SYLLABLES: tuple[str, ...] = (
    "ab", "ul", "kha", "rah", "man", "sha", "zar", "mu", "ham", "mad", "ja", "far", "sa", "lim",
    "ka", "rim", "ta", "riq", "na", "sir", "ya", "sin", "ha", "kim", "ba", "kr", "dja", "mil",
    "nour", "sef", "qa", "sim", "fa", "ruk", "zu", "hair", "ri", "da", "wud", "il", "yas", "moud",
    "dul", "lah", "sam", "ma", "ra", "shid", "ouf", "qas", "khal", "id", "hu", "sein", "to",
    "mir", "zah", "reen", "bak", "ri", "ja", "mal", "dar", "wish", "ghan", "noor", "oo", "sa",
    "leem", "az", "iz", "fee", "qi", "djam", "el", "bou", "teh", "fik", "rash", "wan", "ous",
    "ta", "fa", "lal", "nab", "il", "tar", "ek", "sal", "im", "zee", "haq", "qo", "dous", "rah",
)  # fmt: skip
ARTICLES = ("al-", "as-", "el-")
TYPES = ("person", "organization", "place")

# A few hundred common English words for the word salad.
_ENGLISH_WORDS = (
    "the of and to in is was that for it as with on be at by this had not are but from or have "
    "an they which one you were her all she there would their we him been has when who will more "
    "no if out so said what up its about into than them can only other new some could time these "
    "two may then do first any my now such like our over man me even most made after also did "
    "many before must through back years where much your way well down should because each just "
    "those people how too little state good very make world still own see men work long get here "
    "between both life being under never day same another know while last might us great old "
    "year off come since against go came right used take three himself few house use during "
    "without again place around however home small found thought went say part once general high "
    "upon school every left number course war until always away something fact though water less "
    "public put think almost hand enough far took head yet government system better set told "
    "nothing night end why called didn eyes find going look asked later knew point next program "
    "city business give group toward young days let room president side social given present "
    "several order national possible rather second face per among form important often things "
    "looked early white case john become large big need four within felt along children saw best "
    "church ever least power development light thing seemed family interest want members mind "
    "country area others done turned although open god service certain kind problem began "
    "different door thus help sense means whole matter perhaps itself york times law human line "
    "above name example action company hands local show whether five history gave today either "
    "act feet across taken past quite anything seen having death experience body word half "
    "really field am car words already themselves information tell together college shall money "
    "period held keep sure probably free seems political real behind cannot miss question air "
    "office making brought whose special major heard problems federal became study ago moment "
    "available known result street economic boy position reason change south board individual "
    "job society areas west close turn love community true court force full seem policy wife "
    "future age voice center woman control common necessary following front sometimes six girl "
    "clear further land run students provide report river market minister city council border "
    "army talks agreement meeting statement attack forces town officials leader region press"
)
ENGLISH: tuple[str, ...] = tuple(_ENGLISH_WORDS.split())
ENGLISH_SET = frozenset(ENGLISH)

# (pattern, replacement) transliteration conventions; each is applied to one random match.
Replacement = str | Callable[["re.Match[str]"], str]
RULES: tuple[tuple[str, Replacement], ...] = (
    (r"kh", "h"),
    (r"(?<![aeiouskgdtzcSKGDTZC])h(?=[aeiou])", "kh"),
    (r"ou", "u"),
    (r"(?<![aeiouq])u", "ou"),
    (r"oo", "u"),
    (r"(?<![aeiouq])u(?![aeiou])", "oo"),
    (r"([aeiou])([bdfklmnrstz])(?=[aeiou])", lambda m: m[1] + m[2] + m[2]),
    (r"([bdfklmnrstz])\1", lambda m: m[1]),
    (r"ah\b", "a"),
    (r"(?<=[^aeiou\s-][^\s-])a\b", "ah"),
    (r"\bal-", "el-"),
    (r"\bel-", "al-"),
    (r"\bal-(?=[sS][^h])", "as-"),
    (r"\bas-", "al-"),
    (r"\b(a[ls])-", lambda m: m[1] + " "),
    (r"dj", "j"),
    (r"(?<!d)j", "dj"),
    (r"ee", "i"),
    (r"(?<![aeiou])i(?![aeiou])", "ee"),
    (r"q", "k"),
    (r"Q", "K"),
    (r"\bAbu\b", "Abou"),
    (r"\bbin\b", "ibn"),
)
_COMPILED_RULES = tuple((re.compile(p), r) for p, r in RULES)

DIACRITICS: tuple[tuple[str, str], ...] = (
    ("a", "ā"), ("i", "ī"), ("u", "ū"), ("s", "ṣ"), ("h", "ḥ"), ("e", "é"), ("t", "ṭ"),
    ("d", "ḍ"), ("z", "ẓ"),
)  # fmt: skip

ARABIC: tuple[tuple[str, str], ...] = (
    ("kh", "خ"), ("sh", "ش"), ("th", "ث"), ("dh", "ذ"), ("gh", "غ"), ("dj", "ج"), ("ou", "و"),
    ("oo", "و"), ("ee", "ي"), ("al-", "ال"), ("as-", "ال"), ("el-", "ال"),
    ("a", "ا"), ("b", "ب"), ("t", "ت"), ("j", "ج"), ("h", "ح"), ("d", "د"), ("r", "ر"),
    ("z", "ز"), ("s", "س"), ("f", "ف"), ("q", "ق"), ("k", "ك"), ("l", "ل"), ("m", "م"),
    ("n", "ن"), ("w", "و"), ("y", "ي"), ("u", "و"), ("o", "و"), ("i", "ي"), ("e", "ي"),
    ("g", "غ"), ("p", "ب"), ("v", "ف"), ("c", "ك"), ("x", "كس"),
)  # fmt: skip
CYRILLIC: tuple[tuple[str, str], ...] = (
    ("kh", "х"), ("sh", "ш"), ("zh", "ж"), ("ch", "ч"), ("ts", "ц"), ("dj", "дж"), ("ya", "я"),
    ("yu", "ю"), ("ou", "у"), ("oo", "у"), ("ee", "и"), ("al-", "аль-"), ("as-", "ас-"),
    ("el-", "эль-"), ("a", "а"), ("b", "б"), ("v", "в"), ("g", "г"), ("d", "д"), ("e", "е"),
    ("z", "з"), ("i", "и"), ("y", "й"), ("k", "к"), ("l", "л"), ("m", "м"), ("n", "н"),
    ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"), ("f", "ф"),
    ("h", "х"), ("j", "дж"), ("q", "к"), ("w", "в"), ("c", "к"), ("x", "кс"),
)  # fmt: skip


@dataclass(frozen=True, slots=True)
class GenEntry:
    """A generated glossary entry; ``variants[0]`` is the canonical spelling."""

    id: str
    canonical: str
    type: str
    variants: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Truth:
    """A name inserted into the corpus: its code-point offset, entry id and spelling."""

    offset: int
    id: str
    variant: str


_NON_WORD = re.compile(r"[\W_]+")


def dedup_key(s: str) -> str:
    """The strongest folding any benchmarked system could apply: used to keep entries apart."""
    return _NON_WORD.sub("", (s if s.isascii() else unidecode(s)).casefold())


def _token(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()


def make_name(rng: random.Random) -> str:
    """One canonical name: 1-4 tokens, optional article, optional Abu / bin."""
    n = rng.choices((1, 2, 3, 4), weights=(2, 5, 3, 1))[0]
    tokens = [_token(rng) for _ in range(n)]
    if n >= 2 and rng.random() < 0.35:  # article on the last token: "Ahmad al-Rahman"
        art = rng.choice(("al-", "al-", "el-"))
        if art == "al-" and tokens[-1][0] == "S" and rng.random() < 0.5:
            art = "as-"
        tokens[-1] = art + tokens[-1]
    if rng.random() < 0.15:
        tokens.insert(0, "Abu")
    elif n >= 2 and rng.random() < 0.15:
        tokens.insert(1, "bin")
    return " ".join(tokens)


def _apply_rule(s: str, rng: random.Random) -> str:
    """Apply the first applicable rule, starting from a random one, at a random occurrence."""
    n = len(_COMPILED_RULES)
    first = int(rng.random() * n)
    for k in range(n):
        pat, rep = _COMPILED_RULES[(first + k) % n]
        found = list(pat.finditer(s))
        if not found:
            continue
        m = found[int(rng.random() * len(found))] if len(found) > 1 else found[0]
        return s[: m.start()] + (rep if isinstance(rep, str) else rep(m)) + s[m.end() :]
    return s


def _diacritize(s: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 2)):
        plain, marked = rng.choice(DIACRITICS)
        idx = [i for i, ch in enumerate(s) if ch == plain]
        if idx:
            i = rng.choice(idx)
            s = s[:i] + marked + s[i + 1 :]
    return s


def _map_script(s: str, table: Sequence[tuple[str, str]], capitalize: bool) -> str:
    words = []
    for word in s.split(" "):
        low = unidecode(word).lower()
        out: list[str] = []
        i = 0
        while i < len(low):
            for src, dst in table:
                if low.startswith(src, i):
                    out.append(dst)
                    i += len(src)
                    break
            else:
                out.append(low[i])
                i += 1
        w = "".join(out)
        if capitalize and low not in ("bin", "ibn"):
            head, sep, tail = w.rpartition("-")  # keep the article lower case: "аль-Рахман"
            w = head + sep + tail[:1].upper() + tail[1:]
        words.append(w)
    return " ".join(words)


def _variant(canonical: str, rng: random.Random, have_native: set[str]) -> str:
    r = rng.random()
    if r < 0.10 and "arabic" not in have_native:
        have_native.add("arabic")
        return _map_script(_apply_rule(canonical, rng), ARABIC, capitalize=False)
    if r < 0.18 and "cyrillic" not in have_native:
        have_native.add("cyrillic")
        return _map_script(_apply_rule(canonical, rng), CYRILLIC, capitalize=True)
    s = canonical
    for _ in range(rng.choices((1, 2, 3), weights=(5, 3, 1))[0]):
        s = _apply_rule(s, rng)
    if r > 0.78:
        s = _diacritize(s, rng)
    return s


def make_glossary(n: int, seed: int = DEFAULT_SEED) -> list[GenEntry]:
    """``n`` entries with globally distinct spellings (see the module docstring)."""
    rng = random.Random(seed)
    taken: set[str] = set()
    entries: list[GenEntry] = []
    width = len(str(n))
    while len(entries) < n:
        canonical = make_name(rng)
        if not _acceptable(canonical, taken):
            continue
        want = rng.randint(3, 6)
        variants = [canonical]
        keys = {dedup_key(canonical)}
        have_native: set[str] = set()
        for _ in range(want * 6):
            if len(variants) >= want:
                break
            v = _variant(canonical, rng, have_native)
            k = dedup_key(v)
            if v in variants or not _acceptable(v, taken):
                continue
            if k in keys and v.casefold() in {x.casefold() for x in variants}:
                continue
            variants.append(v)
            keys.add(k)
        if len(variants) < 3:
            continue
        taken.update(keys)
        taken.update(v.casefold() for v in variants)
        eid = f"e{len(entries):0{width}d}"
        entries.append(GenEntry(eid, canonical, rng.choice(TYPES), tuple(variants)))
    return entries


def _acceptable(v: str, taken: set[str]) -> bool:
    k = dedup_key(v)
    if len(k) < 4 or k in taken or v.casefold() in taken:
        return False
    return not (" " not in v and v.casefold() in ENGLISH_SET)


def make_corpus(
    entries: Sequence[GenEntry],
    n_chars: int,
    seed: int = DEFAULT_SEED,
    every: int = 200,
) -> tuple[str, list[Truth]]:
    """English-like word salad of about ``n_chars`` code points with a random spelling of a
    random entry inserted about once per ``every`` words. Returns the text and the truth."""
    rng = random.Random(seed + 1)
    words = ENGLISH
    parts: list[str] = []
    truth: list[Truth] = []
    pos = 0
    p_insert = 1.0 / every
    rand = rng.random
    choice: Callable[[Sequence[str]], str] = rng.choice
    while pos < n_chars:
        n_sent = rng.randint(3, 8)
        for s in range(n_sent):
            n_words = rng.randint(6, 18)
            for w in range(n_words):
                if entries and rand() < p_insert:
                    e = entries[int(rand() * len(entries))]
                    token = choice(e.variants)
                    truth.append(Truth(pos, e.id, token))
                else:
                    token = choice(words)
                    if w == 0:
                        token = token.capitalize()
                parts.append(token)
                pos += len(token)
                if w == n_words - 1:
                    end = rng.choices((".", "?", "!", ";"), weights=(90, 4, 2, 4))[0]
                    sep = end + (" " if s < n_sent - 1 else "\n\n")
                elif rand() < 0.07:
                    sep = rng.choice((", ", ", ", ", ", " - ", ": "))
                else:
                    sep = " "
                parts.append(sep)
                pos += len(sep)
    text = "".join(parts)
    return text, truth


def main(argv: Sequence[str] | None = None) -> None:
    p = argparse.ArgumentParser(description="Write a seeded synthetic glossary + corpus as JSON.")
    p.add_argument("--entries", type=int, default=1000)
    p.add_argument("--corpus-mb", type=float, default=1.0)
    p.add_argument("--seed", type=int, default=DEFAULT_SEED)
    p.add_argument("--out", type=Path, required=True)
    args = p.parse_args(argv)
    entries = make_glossary(args.entries, args.seed)
    text, truth = make_corpus(entries, int(args.corpus_mb * 1e6), args.seed)
    args.out.write_text(
        json.dumps(
            {
                "entries": [asdict(e) for e in entries],
                "text": text,
                "truth": [asdict(t) for t in truth],
            },
            ensure_ascii=False,
        ),
        "utf-8",
    )


if __name__ == "__main__":
    main()
