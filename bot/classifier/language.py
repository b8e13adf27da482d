"""Language identification: langdetect, made right for short messages and fast.

langdetect (seeded, so results repeat) is the detector of record, but it costs
milliseconds per call, misreads one-word messages ("tack" -> pl) and calls
short Swedish sentences Norwegian ("Polisen kom inte" -> no). So a cheap
scorer runs first: function words of each lexicon language, the lexicon terms
the message matched, characters that only some languages use (æ ø å ä ö ü ß ł)
and Telegram's ``language_code`` as a prior. When the scorer is sure it
answers alone (most messages); when it is not, langdetect decides with the
scorer's result as its prior map. Non-Latin scripts are decided by script.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from pathlib import Path

from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory
from langdetect.lang_detect_exception import LangDetectException

from bot.classifier.lexicon import Lexicon
from bot.classifier.text import Token

UNDETERMINED = "und"

# Telegram sends IETF tags ("sv", "en-GB", "nb"); langdetect says "no" for Norwegian.
_CODE_ALIASES = {"nb": "no", "nn": "no", "zh": "zh-cn", "iw": "he", "in": "id"}

# Letters that only some languages use: weight per language when present.
_CHAR_HINTS: dict[str, dict[str, float]] = {
    "å": {"sv": 0.3, "no": 0.3, "da": 0.3},
    "ä": {"sv": 0.4, "de": 0.3, "fi": 0.4},
    "ö": {"sv": 0.4, "de": 0.3, "fi": 0.3},
    "æ": {"no": 0.6, "da": 0.6},
    "ø": {"no": 0.6, "da": 0.6},
    "ü": {"de": 0.8},
    "ß": {"de": 1.0},
    "ł": {"pl": 1.0}, "ą": {"pl": 1.0}, "ę": {"pl": 1.0}, "ś": {"pl": 1.0}, "ć": {"pl": 0.8},
    "ż": {"pl": 1.0}, "ź": {"pl": 1.0}, "ń": {"pl": 0.8},
    "ñ": {"es": 1.0}, "ç": {"fr": 0.5, "pt": 0.5, "tr": 0.5}, "ã": {"pt": 1.0}, "õ": {"pt": 0.5, "et": 0.5},
    # Turkish and Romanian shop owners and seasonal workers (round 24)
    "ı": {"tr": 1.2}, "ğ": {"tr": 1.2}, "ş": {"tr": 0.8, "ro": 0.6}, "ă": {"ro": 1.2}, "ț": {"ro": 1.2},
    "ș": {"ro": 1.2}, "î": {"ro": 0.6, "fr": 0.3},
}

# Scripts that name their language outright (by Unicode character-name prefix).
_SCRIPT_LANG = {
    "GREEK": "el", "HEBREW": "he", "THAI": "th", "HANGUL": "ko", "HIRAGANA": "ja", "KATAKANA": "ja",
    "CJK": "zh-cn", "DEVANAGARI": "hi", "BENGALI": "bn", "TAMIL": "ta", "TELUGU": "te",
    "GUJARATI": "gu", "GURMUKHI": "pa", "KANNADA": "kn", "MALAYALAM": "ml",
    # Amharic shares the script, but in Swedish municipalities its writers are mostly Eritreans writing Tigrinya
    "ETHIOPIC": "ti",
}
_PERSIAN = frozenset("پچژگ")
_URDU = frozenset("ںےٹڈڑھ")
_UKRAINIAN = frozenset("іїєґ")

# langdetect's random trials per message (its default is 7), each sampling n-grams until one language is sure: the
# messages that reach it are the hard ones, where its time goes. Over the 33,821 corpus messages of round 37, 3 trials
# gave one right language more than 7 (33,611 against 33,610) at under half the cost.
_TRIALS = 3
# How sure the scorer must be to answer without langdetect.
_MIN_SCORE = 1.4
_MIN_MARGIN = 0.9
_MIN_COVERAGE = 0.2
# Languages with word lists here; langdetect decides between them with only their profiles loaded.
_NEAR_LANGUAGES = ("sv", "no", "da", "en", "de", "nl", "fi")


def normalise_code(code: str | None) -> str | None:
    """Telegram's language_code as a langdetect code, or None."""
    if not code or not isinstance(code, str):
        return None
    base = code.strip().lower().replace("_", "-")
    if base in ("zh-tw", "zh-hant"):
        return "zh-tw"
    base = base.split("-", 1)[0]
    if not base.isalpha() or not 2 <= len(base) <= 3:
        return None
    return _CODE_ALIASES.get(base, base)


@dataclass(frozen=True, slots=True)
class LanguageResult:
    lang: str
    how: str  # for the officer: which evidence decided


class LanguageIdentifier:
    def __init__(self, lexicon: Lexicon, default_language: str) -> None:
        self.default_language = default_language
        self._words: dict[str, dict[str, float]] = {}
        owners: dict[str, set[str]] = {}
        for data in lexicon.languages.values():
            if data.lang in ("*", "xx"):
                continue
            for word in data.stopwords:
                owners.setdefault(word, set()).add(data.lang)
        for word, langs in owners.items():
            self._words[word] = {lang: 1.0 / len(langs) for lang in sorted(langs)}  # sorted: same sums in every process
        # The same words typed without diacritics ("ar" for "är"), as weaker evidence.
        folded_owners: dict[str, set[str]] = {}
        for word, langs in owners.items():
            folded = _strip(word)
            if folded != word and folded not in owners:
                folded_owners.setdefault(folded, set()).update(langs)
        for word, langs in folded_owners.items():
            self._words[word] = {lang: 0.6 / len(langs) for lang in sorted(langs)}
        self.lexicon_languages = frozenset(lexicon.languages)
        self._factory: DetectorFactory | None = None
        self._near_factory: DetectorFactory | None = None
        self._langlist: list[str] = []

    def warm_up(self) -> None:
        """Load langdetect's profiles now rather than on the first hard message."""
        if self._factory is None:
            factory = DetectorFactory()
            factory.seed = 0  # repeatable results
            factory.load_profile(PROFILES_DIRECTORY)
            self._factory = factory
            self._langlist = factory.get_lang_list()
            # The same profiles, only the languages our word lists know: when the words narrow a message
            # down to these (sv or no or da?), langdetect needs to weigh 7 languages, not 55.
            near = DetectorFactory()
            near.seed = 0
            near.load_json_profile([
                (Path(PROFILES_DIRECTORY) / lang).read_text(encoding="utf-8") for lang in _NEAR_LANGUAGES])
            self._near_factory = near

    def identify(self, text: str, tokens: list[Token], term_langs: dict[str, float],
                 language_code: str | None, term_tokens: int = 0) -> LanguageResult:
        """``term_langs``: language evidence of the lexicon terms the message matched, from
        ``term_tokens`` of its words; those words count as known, like function words."""
        prior = normalise_code(language_code)
        # Tokens with a letter (not bare numbers); most are all letters, which isalpha() tells at once.
        words = [t for t in tokens if t.text.isalpha() or any(c.isalpha() for c in t.text)]
        if not words:
            if prior and text.strip():
                return LanguageResult(prior, f"no words; Telegram language_code {language_code!r}")
            return LanguageResult(UNDETERMINED, "no words")
        by_script = self._by_script(text)
        if by_script is not None:
            return by_script
        scores: dict[str, float] = {}
        known = 0
        for token in words:
            hit = self._words.get(token.lower)
            if hit is None and not token.has_diacritics:
                hit = self._words.get(token.folded)
            if hit:
                known += 1
                for lang, weight in hit.items():
                    scores[lang] = scores.get(lang, 0.0) + weight
        for lang, weight in term_langs.items():
            scores[lang] = scores.get(lang, 0.0) + weight
        if not text.isascii():
            lowered = text.casefold()
            for char, hints in _CHAR_HINTS.items():
                if char in lowered:
                    for lang, weight in hints.items():
                        scores[lang] = scores.get(lang, 0.0) + weight
        if prior:
            scores[prior] = scores.get(prior, 0.0) + 0.6
        ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))  # a tie goes the same way every time
        top_lang, top = ranked[0] if ranked else (None, 0.0)
        second = ranked[1][1] if len(ranked) > 1 else 0.0
        coverage = min(1.0, (known + term_tokens) / len(words))
        why = ", ".join(f"{lang} {score:.1f}" for lang, score in ranked[:3])
        if top_lang and top >= _MIN_SCORE and top - second >= _MIN_MARGIN and (coverage >= _MIN_COVERAGE or top >= 3):
            return LanguageResult(top_lang, f"word scores ({why})")
        if len(words) <= 3:
            # One to three words: langdetect is unreliable here; trust the words, then the prior.
            if top_lang and top > second and top - (0.6 if top_lang == prior else 0.0) > 0:
                return LanguageResult(top_lang, f"short message, word scores ({why})")
            if prior:
                return LanguageResult(prior, f"short message, Telegram language_code {language_code!r}")
            if top_lang and top > 0 and top > second:
                return LanguageResult(top_lang, f"short message, word scores ({why})")
            return LanguageResult(self.default_language, "short message, municipality's default language")
        return self._langdetect(text, scores, ranked, why, prior)

    def _langdetect(self, text: str, scores: dict[str, float], ranked: list, why: str,
                    prior: str | None = None) -> LanguageResult:
        self.warm_up()
        assert self._factory is not None and self._near_factory is not None
        near = len(ranked) >= 2 and ranked[0][0] in _NEAR_LANGUAGES and ranked[1][0] in _NEAR_LANGUAGES
        factory = self._near_factory if near else self._factory
        detector = factory.create()
        detector.n_trial = _TRIALS
        detector.set_prior_map({lang: 1.0 + 2.0 * scores.get(lang, 0.0) for lang in factory.get_lang_list()})
        detector.append(text)
        try:
            probabilities = detector.get_probabilities()
        except LangDetectException:
            probabilities = []
        if not probabilities:
            lang = ranked[0][0] if ranked else self.default_language
            return LanguageResult(lang, f"langdetect found no features; word scores ({why})")
        best = probabilities[0]
        # langdetect confuses the Scandinavian languages; words that tell them apart win, by a wider
        # margin when the citizen's Telegram language agrees with langdetect.
        scandinavian = ("sv", "no", "da")
        if best.lang in scandinavian and ranked and ranked[0][0] in scandinavian and ranked[0][0] != best.lang:
            if ranked[0][1] - scores.get(best.lang, 0.0) >= (1.0 if best.lang == prior else 0.5):
                return LanguageResult(ranked[0][0], f"langdetect said {best.lang} {best.prob:.2f}; word scores ({why}) decide between Scandinavian languages")
        return LanguageResult(best.lang, f"langdetect {best.lang} {best.prob:.2f} (prior from word scores: {why or 'none'})")

    def _by_script(self, text: str) -> LanguageResult | None:
        if text.isascii() or max(text) < "\u0250":
            return None  # Latin letters only (below U+0250): no script decides, skip the per-letter names
        counts: dict[str, int] = {}
        latin = 0
        other: list[str] = []
        for char in text:
            if not char.isalpha():
                continue
            if ord(char) < 0x250:
                latin += 1
                continue
            name = unicodedata.name(char, "")
            script = name.split(" ", 1)[0] if name else "OTHER"
            if script == "LATIN":
                latin += 1
                continue
            counts[script] = counts.get(script, 0) + 1
            other.append(char)
        if not counts or latin >= sum(counts.values()):
            return None
        script = max(counts, key=counts.__getitem__)
        chars = set(other)
        if script == "ARABIC":
            if chars & _URDU:
                return LanguageResult("ur", "Arabic script with Urdu letters")
            if chars & _PERSIAN:
                return LanguageResult("fa", "Arabic script with Persian letters")
            return LanguageResult("ar", "Arabic script")
        if script == "CYRILLIC":
            if chars & _UKRAINIAN:
                return LanguageResult("uk", "Cyrillic script with Ukrainian letters")
            return LanguageResult("ru", "Cyrillic script")
        lang = _SCRIPT_LANG.get(script)
        if lang:
            return LanguageResult(lang, f"{script.title()} script")
        return None


def _strip(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))

