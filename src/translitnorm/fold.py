"""Folding: a registry of small named pure steps that turn a name into comparison keys.

Two keys come out of a name:

* the **folded key** (:func:`fold_key`): safe enough for exact matching. Case, accents,
  scripts, apostrophes, separators, the Arabic article and common transliteration
  conventions (kh/h, q/k, ou/u, doubled letters, final -ah/-a ...) are folded away;
* the **phonetic key** (:func:`phonetic_key`): aggressive, used only to *find* candidates
  that are then re-scored (vowel quality is dropped, so ``Umar``/``Omar`` meet, while
  ``Muhammad``/``Mahmud`` keep different shapes).

Each step works on one token (a run of letters); :func:`explain_fold` replays the steps
on a whole name and returns, as data, each step that changed it.

>>> fold_key("Ahrar as-Sham")
'ahrar sham'
>>> fold_key("Ахрар аш-Шам") == fold_key("AHRAR AL-CHAM") == fold_key("Ahrar al-Sham")
True
>>> fold_key("أحرار الشام")
'احرار شام'
>>> [s.name for s in explain_fold("Raqqah")]
['casefold', 'latin_conventions', 'final_ah', 'collapse_doubles']
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from translitnorm.accelerators import accelerator
from translitnorm.records import FoldStep
from translitnorm.tokenize import ARTICLES, name_tokens

TokenStep = Callable[[str], str]

APOSTROPHES: Final = "ʿʾ'’‘`´ʼʹʻ′ʽ\""
"""Apostrophe-like marks (ayn, hamza, quotes) that are dropped inside names."""

_DROP_APOSTROPHES: Final = str.maketrans("", "", APOSTROPHES)

_ARABIC_LETTERS: Final = str.maketrans(
    {
        "ٱ": "ا",  # alef wasla
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ى": "ي",  # alef maksura
        "ة": "ه",  # ta marbuta
        "ـ": None,  # tatweel
        "ء": None,  # lone hamza
        "ؤ": "و",
        "ئ": "ي",
        "ک": "ك",  # Persian kaf
        "ی": "ي",  # Persian yeh
        "ۀ": "ه",
        "\u200c": None,  # zero-width non-joiner
        "\u200d": None,
    }
)


def is_arabic_char(ch: str) -> bool:
    """True for a letter of the Arabic script blocks.

    >>> is_arabic_char("ش"), is_arabic_char("s")
    (True, False)
    """
    o = ord(ch)
    return 0x0600 <= o <= 0x06FF or 0x0750 <= o <= 0x077F or 0x08A0 <= o <= 0x08FF


def nfkc(token: str) -> str:
    """Unicode compatibility composition (ligatures, presentation forms, full width).

    >>> nfkc("ﬁ")
    'fi'
    """
    return unicodedata.normalize("NFKC", token)


def casefold(token: str) -> str:
    """Case-insensitive form.

    >>> casefold("ISIS")
    'isis'
    """
    return token.casefold()


def strip_marks(token: str) -> str:
    """Drop combining marks: Latin accents, Arabic harakat, hamza and madda on carriers.

    >>> strip_marks("Kobanê"), strip_marks("أَحْرار")
    ('Kobane', 'احرار')
    """
    if token.isascii():
        return token
    decomposed = unicodedata.normalize("NFD", token)
    kept = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", kept)


def drop_apostrophes(token: str) -> str:
    """Remove ayn/hamza signs and apostrophe-like quotes.

    >>> drop_apostrophes("bay'ah"), drop_apostrophes("ʿumar")
    ('bayah', 'umar')
    """
    return token.translate(_DROP_APOSTROPHES)


def arabic_letters(token: str) -> str:
    """Unify Arabic letter variants: alef forms, alef maksura, ta marbuta, tatweel.

    >>> arabic_letters("الدولة") == "الدوله"
    True
    """
    if token.isascii():
        return token
    return token.translate(_ARABIC_LETTERS)


_AR_ARTICLE: Final = re.compile(r"(?:(?:(?:[وف][بك]|[وبفك])\u0640?)?ال|[وف]?لل)(?=[^\W\d_]{2})")
"""The attached article, after one proclitic or two (وال, بال, لل, وبال, ولل), which a
tatweel may draw out (بـال)."""


def arabic_article(token: str) -> str:
    """Drop the attached Arabic article ال, with one or two proclitics before it (و ب ف ك,
    وب), or as لل (ولل).

    >>> arabic_article("الرقه"), arabic_article("والرقه"), arabic_article("للرقه")
    ('رقه', 'رقه', 'رقه')
    >>> arabic_article("وبالرقه"), arabic_article("وللرقه")
    ('رقه', 'رقه')
    >>> arabic_article("الله")
    'الله'
    """
    if token.isascii() or token == "الله":
        return token
    return _AR_ARTICLE.sub("", token, count=1) if _AR_ARTICLE.match(token) else token


def proclitics_before_article(token: str) -> int:
    """How many proclitic letters stand before the attached article of an Arabic-script
    token (the article of لل is its second lam); 0 without an article.

    >>> [proclitics_before_article(t) for t in ("الرقه", "بالرقه", "وبالرقه", "للرقه", "وللرقه")]
    [0, 1, 2, 1, 2]
    >>> proclitics_before_article("بـالرقه")  # a tatweel after the proclitic goes with it
    2
    """
    if token.isascii() or token == "الله":
        return 0
    m = _AR_ARTICLE.match(token)
    if m is None:
        return 0
    return m.end() - (2 if token.endswith("ال", 0, m.end()) else 1)


def has_arabic_article(token: str) -> bool:
    """Does an Arabic-script token carry the attached article (ال, وال, لل ...)?

    >>> has_arabic_article("الباب"), has_arabic_article("باب")
    (True, False)
    """
    return not token.isascii() and token != "الله" and bool(_AR_ARTICLE.match(token))


def romanize(token: str) -> str:
    """Other scripts (Cyrillic, Georgian, Greek, leftover Latin letters) to ASCII.

    Arabic-script tokens are kept as they are: they match Arabic-script variants natively.

    >>> romanize("шишани"), romanize("شام")
    ('shishani', 'شام')
    """
    if token.isascii() or any(is_arabic_char(ch) for ch in token):
        return token
    from unidecode import unidecode  # lazy: only tokens outside ASCII pay for it

    out = unidecode(token).lower()
    return "".join(ch for ch in out if ch.isalnum())


# Latin transliteration conventions, as one left-to-right pass: at each position the first
# alternative that matches wins, so longer spellings come before their prefixes.
_LATIN_MAP: Final[dict[str, str]] = {
    "dsch": "j",  # German Dschihad, Dschabhat
    "tsch": "sh",  # German Tschetschenien
    "sch": "sh",  # German Schischani
    "tch": "sh",  # French Tchétchénie
    "dzh": "j",  # Russian Джихад -> Dzhikhad
    "dj": "j",  # French Djihad
    "zh": "j",
    "kh": "h",
    "gh": "g",
    "ph": "f",
    "dh": "d",
    "th": "t",
    "ck": "k",
    "q": "k",
    "c": "k",  # before a back vowel or consonant (see pattern)
    "ou": "u",
    "oo": "u",
    "ow": "u",  # not before a vowel (see pattern)
    "ee": "i",
    "ie": "i",  # word-final only (see pattern)
    "ay": "ai",
    "ey": "ai",
    "ei": "ai",
    "ej": "ai",  # word-final Slavic -ej (Andrej, Andrei, Andrey)
    "ai": "ai",
    "w": "v",
    "y": "i",
}
_LATIN_RE: Final = re.compile(
    r"dsch|tsch|sch|tch|dzh|dj|zh|kh|ch|gh|ph|dh|th|ck|q|c(?=[aouklr]|$)|ou|oo|ow(?![aeiou])"
    r"|ee|ie$|ay|ey|ei|ej$|ai|w|y"
)
_LATIN_MAP["ch"] = "sh"  # French Cham, Daech


def _latin_repl(m: re.Match[str]) -> str:
    return _LATIN_MAP[m.group()]


_PARTICLES: Final[dict[str, str]] = {"ibn": "bin", "ben": "bin", "bn": "bin", "du": "de"}
_ABD_WORD: Final = re.compile(r"abd(?:ul|el|al|ol|oul|ur|us|un|uz|ud|u|ou)")
_ABD_PREFIX: Final = re.compile(r"abd(?:u|e|a|ou|o|i)[lrsnz](?=[a-z]{2})")


def latin_conventions(token: str) -> str:
    """Fold Latin transliteration conventions: kh/h, gh/g, q/k, dj/dzh/j, French ch/sh,
    German sch/sh and dsch/j, ou/oo/u, ee/i, ay/ai/ei, w/v, y/i, ibn/ben/bin, du/de,
    Abdul/Abd al-.

    >>> latin_conventions("khalifah"), latin_conventions("djihad"), latin_conventions("cham")
    ('halifah', 'jihad', 'sham')
    >>> latin_conventions("abdurrahman"), latin_conventions("abdul")
    ('abdrahman', 'abd')
    """
    if not token.isascii():
        return token
    particle = _PARTICLES.get(token)
    if particle is not None:
        return particle
    if token.startswith("abd"):
        if _ABD_WORD.fullmatch(token):
            return "abd"
        token = _ABD_PREFIX.sub("abd", token, count=1)
    return _LATIN_RE.sub(_latin_repl, token)


_DOUBLES: Final = re.compile(r"(.)\1+")


def collapse_doubles(token: str) -> str:
    """Doubled Latin letters count once (Raqqa/Raqa, Hassan/Hasan); Arabic script keeps
    its letters (a written double is a real one there).

    >>> collapse_doubles("raqqa"), collapse_doubles("hassan")
    ('raqa', 'hasan')
    """
    if not token.isascii():
        return token
    return _DOUBLES.sub(r"\1", token)


_FINAL_AH: Final = re.compile(r"(?<=[a-z]{2})(?:ah|at|a|eh)$")


def final_ah(token: str) -> str:
    """Word-final -ah, -at, -eh and -a are one ending (Raqqah/Raqqa, Wilayat/Wilayah,
    Hawatmeh/Hawatma). A bare -e is left alone: English words end in it ("made" is not
    "Madha").

    >>> final_ah("rakah"), final_ah("vilaiat"), final_ah("sharia")
    ('raka', 'vilaia', 'sharia')
    """
    if not token.isascii() or len(token) < 4:
        return token
    return _FINAL_AH.sub("a", token)


def keep_letters(token: str) -> str:
    """Drop what is not a letter, digit or mark (NFKC can turn one sign into several:
    ``¼`` becomes ``1⁄4``), so that a folded word is always one word.

    >>> keep_letters("1⁄4")
    '14'
    """
    if token.isalnum():
        return token
    return "".join(c for c in token if c.isalnum() or unicodedata.combining(c))


TOKEN_STEPS: Final[dict[str, TokenStep]] = {
    "nfkc": nfkc,
    "casefold": casefold,
    "strip_marks": strip_marks,
    "drop_apostrophes": drop_apostrophes,
    "arabic_letters": arabic_letters,
    "arabic_article": arabic_article,
    "romanize": romanize,
    "latin_conventions": latin_conventions,
    "final_ah": final_ah,
    "collapse_doubles": collapse_doubles,
    "keep_letters": keep_letters,
}
"""The registry of token steps, by name, in their default order."""


@dataclass(frozen=True, slots=True)
class FoldConfig:
    """Which token steps make the folded key, in order (default: all of them).

    >>> FoldConfig(steps=("casefold",)).apply("ISIS")
    'isis'
    """

    steps: tuple[str, ...] = tuple(TOKEN_STEPS)

    def apply(self, token: str) -> str:
        """Run the configured steps on one token until it no longer changes (at most 4
        rounds), so that folding a folded token changes nothing."""
        for _ in range(4):
            before = token
            for name in self.steps:
                token = TOKEN_STEPS[name](token)
            if token == before:
                break
        return token


DEFAULT_CONFIG: Final = FoldConfig()


def fold_ascii(token: str) -> str:
    """:func:`fold_token` of an ASCII token, in Python: lower case, letters and digits
    only, then up to four rounds of the Latin steps until nothing changes (the C
    accelerator's ``fold_word`` gives the same).

    >>> fold_ascii("Raqqah"), fold_ascii("Abdurrahman"), fold_ascii("ibn")
    ('raka', 'abdrahman', 'bin')
    """
    folded = keep_letters(token.lower().translate(_DROP_APOSTROPHES))
    for _ in range(4):
        before = folded
        folded = collapse_doubles(final_ah(latin_conventions(folded)))
        if folded == before:
            break
    return folded


_ASCIIFOLD: Final = accelerator("_asciifold", 2)
"""The C accelerator ``_asciifold.c`` (compiled at install where a compiler is at hand),
or None: not built, or ``TRANSLITNORM_PURE_PYTHON`` set."""

C_ASCII_FOLD: tuple[TokenStep, TokenStep] | None = \
    None if _ASCIIFOLD is None else (_ASCIIFOLD.fold_word, _ASCIIFOLD.fold_lines)
"""Where it is built, ASCII tokens fold in C (:func:`fold_ascii`'s steps, on bytes): one
word at a time (``fold_word``), or the lines of a text (``fold_lines``, which
:mod:`translitnorm.batchfold` uses to fold a glossary's words about five times faster)."""

FoldWords = Callable[[list[str], dict[int, str], dict[int, str], dict[str, str],
                      dict[str, str]], list[str]]
"""The type of ``fold_words`` (``_asciifold.c``)."""

C_FOLD_WORDS: FoldWords | None = None if _ASCIIFOLD is None else _ASCIIFOLD.fold_words
"""Where it is built, :func:`~translitnorm.batchfold.fold_tokens` folds the ASCII words
and those it folds one character at a time in C, each in one pass (``fold_words``)."""


@lru_cache(maxsize=1 << 17)
def fold_token(token: str) -> str:
    """The folded form of one token with the default steps (cached).

    ASCII tokens take a short path with the same result: for them the Unicode, Arabic
    and romanizing steps change nothing and casefold is lower().

    >>> fold_token("Shishani") == fold_token("Шишани") == fold_token("Chichani")
    True
    >>> fold_token("Raqqah") == DEFAULT_CONFIG.apply("Raqqah")
    True
    """
    if token.isascii():
        if C_ASCII_FOLD is not None:
            return C_ASCII_FOLD[0](token)
        return fold_ascii(token)
    # other scripts: the script steps once; a romanized (ASCII) result continues on the
    # short path, Arabic script keeps its own rules until nothing changes
    base = romanize(arabic_article(arabic_letters(drop_apostrophes(strip_marks(
        casefold(nfkc(token)))))))
    if base.isascii():
        return fold_token(base)
    return DEFAULT_CONFIG.apply(token)


def folded_tokens(text: str) -> list[str]:
    """The folded tokens of a name, Arabic article dropped, empty results removed.

    >>> folded_tokens("Abu Bakr al-Baghdadi")
    ['abu', 'bakr', 'bagdadi']
    """
    out: list[str] = []
    for raw, art in name_tokens(text):
        if art:
            continue
        tok = fold_token(raw)
        if tok:
            out.append(tok)
    # a word that only folds to an article form ("Yl") is one too, as in a refolded key
    if len(out) > 1 and any(t in ARTICLES for t in out[:-1]):
        kept = [t for i, t in enumerate(out) if t not in ARTICLES or i == len(out) - 1]
        out = kept if kept else out
    return out


def fold_key(text: str) -> str:
    """The safe folded key of a whole name: folded tokens joined by spaces.

    Equal keys mean the same spelling up to case, accents, script, separators, the
    Arabic article and common transliteration conventions.

    >>> fold_key("ABU-BAKR AL BAGHDADI") == fold_key("Abou Bakr el-Baghdadi")
    True
    """
    return " ".join(folded_tokens(text))


_VOWEL_RUN: Final = re.compile(r"[aeiou]+")


def _vowel_shape(m: re.Match[str]) -> str:
    return "a" if len(m.group()) == 1 else "aa"


@lru_cache(maxsize=1 << 19)
def phonetic_token(folded: str) -> str:
    """The phonetic form of one *folded* token: vowel quality dropped, shape kept.

    >>> phonetic_token("umar") == phonetic_token("omar")
    True
    >>> phonetic_token("muhamad") == phonetic_token("mahmud")
    False
    """
    if not folded.isascii():
        return folded
    return _VOWEL_RUN.sub(_vowel_shape, folded)


def phonetic_key(text: str) -> str:
    """The aggressive key of a name, used only to find candidates for re-scoring.

    >>> phonetic_key("Omar al-Shishani") == phonetic_key("Umar Shishani")
    True
    """
    return " ".join(phonetic_token(t) for t in folded_tokens(text))


def explain_fold(text: str, config: FoldConfig = DEFAULT_CONFIG) -> list[FoldStep]:
    """Replay the folding of ``text`` and return each step that changed it, as data.

    ``tokenize`` splits the name into words, ``drop_article`` removes ``al-``/``el-``/
    ``as-``... (shown right after ``casefold``); every other step runs on each word.

    >>> [s.name for s in explain_fold("Al-Qaida")]
    ['tokenize', 'casefold', 'drop_article', 'latin_conventions']
    >>> explain_fold("Al-Qaida")[-1].after
    'kaida'
    """
    toks = name_tokens(text)
    words = [raw for raw, _ in toks]
    articles = [art for _, art in toks]
    steps: list[FoldStep] = []
    current = " ".join(words)
    if current != text:
        steps.append(FoldStep("tokenize", text, current))
    keep_articles = True

    def render() -> str:
        return " ".join(w for w, art in zip(words, articles, strict=True)
                        if w and (keep_articles or not art))

    for name in config.steps:
        fn = TOKEN_STEPS[name]
        words = [fn(w) for w in words]
        after = render()
        if after != current:
            steps.append(FoldStep(name, current, after))
            current = after
        if name == "casefold" and any(articles):
            keep_articles = False
            after = render()
            steps.append(FoldStep("drop_article", current, after))
            current = after
    return steps


__all__ = [
    "APOSTROPHES",
    "DEFAULT_CONFIG",
    "TOKEN_STEPS",
    "FoldConfig",
    "explain_fold",
    "fold_ascii",
    "fold_key",
    "fold_token",
    "folded_tokens",
    "phonetic_key",
    "phonetic_token",
]
