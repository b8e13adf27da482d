"""The classifier: intent, emergency, themes, place and language of one message.

A pure function of (text, Telegram language_code, municipality profile,
officers' corrections): no Telegram, no database. Build a Classifier once
(it loads the lexicons, langdetect's profiles and the profile's places),
then call classify() as often as needed; it is safe to share between
coroutines (no awaits) and costs well under a millisecond per message.
"""

from __future__ import annotations

from collections.abc import Iterable

from bot.classifier.corrections import CorrectionMemory
from bot.classifier.language import UNDETERMINED, LanguageIdentifier
from bot.classifier.lexicon import Entry, Lexicon, Match, Matcher, load_builtin
from bot.classifier.model import Classification, Correction
from bot.classifier.places import PlaceFinder
from bot.classifier.rules import Features, decide
from bot.classifier.text import PLATE_RE, Token, fold, tokenize
from storage.profile import Profile
from storage.vocabulary import THEMES, Intent, Theme

MAX_CHARS = 10_000  # Telegram allows 4,096; anything longer is classified on its start
THEME_THRESHOLD = 0.5
_NEGATION_WINDOW = 3
_NEGATABLE_CUES = frozenset({"danger", "now", "urgent"})
_URGENT_EMOJI = {"🚨": 0.8, "🆘": 0.9, "🔥": 0.5, "🔪": 0.5}
_TERM_EVIDENCE = 0.5  # language evidence of one matched lexicon term


class Classifier:
    def __init__(self, profile: Profile, corrections: Iterable[Correction] = ()) -> None:
        lexicon = load_builtin()
        self._lexicon = lexicon
        languages = [d for d in lexicon.languages.values() if d.lang not in ("*", "xx")]
        stopwords = frozenset().union(*(d.stopwords for d in languages))
        prepositions = frozenset().union(*(d.place_prepositions for d in languages))
        self._memory = CorrectionMemory(corrections, stopwords, prepositions,
                                        frozenset(p.id for p in profile.places))
        self._matcher = Matcher(lexicon.entries + self._memory.entries,
                                known_words=frozenset(fold(w) for w in stopwords))
        self._language = LanguageIdentifier(lexicon, profile.default_language)
        self._language.warm_up()
        known = stopwords | frozenset(_exact_terms(lexicon.entries))
        self._places = PlaceFinder(
            profile,
            common_words=frozenset().union(*(d.common_words for d in languages)),
            known_words=known,
            prepositions=prepositions,
            origin_prepositions=frozenset().union(*(d.origin_prepositions for d in languages)),
            extra_aliases=self._memory.aliases,
        )
        self._clause_words = frozenset().union(*(d.clause_words for d in languages))
        self._fold_cache: dict[str, str] = {}
        self._negation_stops = frozenset(fold(w) for d in languages for w in d.negation_stops)
        self._applied: dict[str, frozenset[str]] = {}
        self._negators: dict[str, frozenset[str]] = {}
        self._neutral: dict[str, frozenset[str]] = {}

    # -- public ---------------------------------------------------------------

    def classify(self, text: str, language_code: str | None = None) -> Classification:
        if not isinstance(text, str):
            raise TypeError(f"text must be a string, not {type(text).__name__}")
        explain: dict = {}
        if len(text) > MAX_CHARS:
            explain["truncated"] = f"classified the first {MAX_CHARS} of {len(text)} characters"
            text = text[:MAX_CHARS]
        tokens = tokenize(text, self._clause_words, self._fold_cache)
        matches = self._matcher.find(tokens)
        language = self._language.identify(text, tokens, _term_languages(matches), language_code)
        lang = language.lang
        explain["lang"] = f"{lang}: {language.how}"

        kept, negated = self._filter(matches, tokens, lang)
        theme_scores, theme_terms = _combine(kept, tokens, "theme", lang)
        raw_themes = dict(theme_scores)
        cue_scores, cue_terms = _combine(kept, tokens, "cue", lang)
        self._add_surface_cues(text, tokens, cue_scores, cue_terms)
        _impaired_driving(theme_scores, theme_terms, cue_scores, cue_terms)
        themes = tuple(sorted(t for t in THEMES if theme_scores.get(t, 0.0) >= THEME_THRESHOLD))
        features = Features(n_words=len(tokens), question_mark="?" in text, plate=bool(PLATE_RE.search(text)))
        decision = decide(cue_scores, theme_scores, features, cue_terms, raw_themes)
        place_hit = self._places.find(tokens)

        explain["intent"] = decision.reasons
        explain["intent_scores"] = decision.scores
        explain["themes"] = {t: theme_terms[t] for t in themes}
        weak = {t: theme_terms[t] for t in THEMES if t in theme_terms and t not in themes}
        if weak:
            explain["themes_below_threshold"] = weak
        if negated:
            explain["negated"] = negated
        explain["place"] = place_hit.explain if place_hit else None

        intent, confidence = decision.intent, decision.confidence
        place = place_hit.place_id if place_hit else None
        scores = {t: round(theme_scores.get(t, 0.0), 3) for t in THEMES}
        if text.strip() == "" and lang == UNDETERMINED:
            intent, confidence = Intent.FEEDBACK, 0.0
            explain["intent"] = ["empty message"]
        remembered = self._memory.lookup(text)
        if remembered is not None:
            correction, how = remembered
            explain["correction"] = how
            if correction.intent is not None:
                intent, confidence = correction.intent, 1.0
            if correction.themes is not None:
                themes = tuple(sorted(correction.themes))
                scores = {t: (1.0 if t in themes else 0.0) for t in THEMES}
                explain["themes"] = {t: ["officer's correction"] for t in themes}
            if correction.place is not None:
                place = correction.place
                explain["place"] = "officer's correction"
        return Classification(
            lang=lang,
            intent=str(intent),
            themes=themes,
            theme_scores=scores,
            place=place,
            confidence=round(float(confidence), 3),
            explain=explain,
            urgent=intent == Intent.EMERGENCY,
        )

    # -- helpers --------------------------------------------------------------

    def _language_sets(self, lang: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
        """Which lexicons apply to text in ``lang``, its negation words, and its false friends."""
        if lang not in self._applied:
            data = self._lexicon.languages
            own = [d for d in data.values() if d.lang == lang or lang in d.also_for]
            if lang == UNDETERMINED:
                applied = frozenset(data)
            else:
                applied = {"*", "en", "sv"}
                for d in own:
                    applied.add(d.lang)
                    applied.update(d.family)
                if not own:
                    applied.add("xx")
                applied = frozenset(applied)
            negators = set(data["en"].negators) if "en" in data else set()
            neutral: set[str] = set()
            for d in own:
                negators |= d.negators
                neutral |= d.neutral
                for related in d.family:
                    if related in data:
                        negators |= data[related].negators
            if not own and "sv" in data:
                negators |= data["sv"].negators
            self._applied[lang] = applied
            self._negators[lang] = frozenset(fold(w) for w in negators)
            self._neutral[lang] = frozenset(fold(w) for w in neutral)
        return self._applied[lang], self._negators[lang], self._neutral[lang]

    def _filter(self, matches: list[Match], tokens: list[Token], lang: str) -> tuple[list[Match], list[str]]:
        applied, negators, neutral = self._language_sets(lang)
        kept: list[Match] = []
        negated: list[str] = []
        for match in matches:
            entry = match.entry
            if entry.lang not in applied:
                continue
            first = tokens[match.first]
            if entry.lang not in ("*", lang) and first.folded in neutral:
                continue
            if entry.negatable and (entry.group == "theme" or entry.label in _NEGATABLE_CUES):
                negator = _negator(tokens, match, negators, self._negation_stops)
                if negator is not None:
                    negated.append(f"{_surface(tokens, match)} ({entry.label}) negated by {negator!r}")
                    continue
            kept.append(match)
        return kept, list(dict.fromkeys(negated))

    @staticmethod
    def _add_surface_cues(text: str, tokens: list[Token], scores: dict[str, float],
                          terms: dict[str, list[str]]) -> None:
        """Cues in the shape of the text rather than its words: alarm emoji, '!!', SHOUTING."""
        def add(cue: str, weight: float, why: str) -> None:
            scores[cue] = 1 - (1 - scores.get(cue, 0.0)) * (1 - weight)
            terms.setdefault(cue, []).append(why)

        if not text.isascii():
            for emoji, weight in _URGENT_EMOJI.items():
                if emoji in text:
                    add("urgent", weight, emoji)
        if "!!" in text:
            add("urgent", 0.2, "!!")
        words = [t.text for t in tokens if len(t.text) >= 3 and t.text.isalpha()]
        if len(words) >= 3 and sum(w.isupper() for w in words) >= 0.6 * len(words):
            add("urgent", 0.3, "CAPITALS")


def _impaired_driving(themes: dict[str, float], theme_terms: dict[str, list[str]],
                      cues: dict[str, float], cue_terms: dict[str, list[str]]) -> None:
    """Driving while drunk or drugged is traffic as well as drugs: "hög som ett hus och kör"."""
    driving = cues.get("driving", 0.0)
    impaired = max(cues.get("intoxicated", 0.0), themes.get(Theme.DRUGS, 0.0))
    if driving >= 0.5 and impaired >= 0.5 and themes.get(Theme.TRAFFIC, 0.0) < 0.85:
        themes[Theme.TRAFFIC] = 0.85
        theme_terms.setdefault(Theme.TRAFFIC, []).append(
            f"impaired driving: {', '.join(cue_terms.get('driving', [])[:2])} + "
            f"{', '.join((cue_terms.get('intoxicated') or theme_terms.get(Theme.DRUGS) or [])[:2])}")


def _exact_terms(entries: list[Entry]) -> list[str]:
    return [e.elements[0].folded for e in entries if len(e.elements) == 1]


def _term_languages(matches: list[Match]) -> dict[str, float]:
    """Language evidence from matched lexicon terms: each token counts once, shared between languages."""
    by_token: dict[int, set[str]] = {}
    for match in matches:
        lang = match.entry.lang
        if lang not in ("*", "xx"):
            by_token.setdefault(match.first, set()).add(lang)
    scores: dict[str, float] = {}
    for langs in by_token.values():
        for lang in langs:
            scores[lang] = scores.get(lang, 0.0) + _TERM_EVIDENCE / len(langs)
    return scores


def _negator(tokens: list[Token], match: Match, negators: frozenset[str], stops: frozenset[str]) -> str | None:
    """The negation word that applies to the match: up to three words before it in the same
    clause ("inget inbrott", "inte haft några inbrott"), not across a stop word ("inget åt
    knarket" is about doing nothing), or right after it ("brinner inte")."""
    clause = tokens[match.first].clause
    for j in range(match.first - 1, max(-1, match.first - 1 - _NEGATION_WINDOW), -1):
        if tokens[j].clause != clause or tokens[j].folded in stops:
            break
        if tokens[j].folded in negators:
            return tokens[j].text
    after = match.last + 1
    if after < len(tokens) and tokens[after].folded in negators and tokens[after].clause == clause:
        return tokens[after].text
    return None


def _surface(tokens: list[Token], match: Match) -> str:
    return " ".join(t.text for t in tokens[match.first:match.last + 1])


def _combine(matches: list[Match], tokens: list[Token], group: str,
             lang: str) -> tuple[dict[str, float], dict[str, list[str]]]:
    """Noisy-OR per label over the positions where its terms matched (the strongest term per position)."""
    best: dict[str, dict[int, tuple[float, Match]]] = {}
    for match in matches:
        entry = match.entry
        if entry.group != group:
            continue
        at = best.setdefault(entry.label, {})
        key = match.first if entry.weight > 0 else -1 - match.first  # counter-evidence kept apart
        current = at.get(key)
        # the message's own language first ("slår" means what Swedish says in Swedish text), then the strongest
        if current is None or (entry.lang == lang, abs(entry.weight)) > (current[1].entry.lang == lang, abs(current[0])):
            at[key] = (entry.weight, match)
    scores: dict[str, float] = {}
    terms: dict[str, list[str]] = {}
    for label, positions in best.items():
        remaining, damping = 1.0, 1.0
        described: list[str] = []
        for weight, match in positions.values():
            if weight > 0:
                remaining *= 1.0 - weight
            else:
                damping *= 1.0 + weight
            entry = match.entry
            origin = "officers' corrections" if entry.source == "corrections" else f"{entry.lang} lexicon"
            described.append(f"{_surface(tokens, match)} ~ {entry.pattern} ({origin}, {weight:g})")
        scores[label] = (1.0 - remaining) * damping
        terms[label] = list(dict.fromkeys(described))
    return scores, terms
