"""Finding the municipality's place a message is about.

Every name and alias of the profile is matched on folded tokens, so missing
diacritics ("ostad") cost nothing. Swedish genitives ("Grebbestads hamn") are
generated; definite forms ("Fjällbackan") come from the profile's aliases,
because generating them would turn "bostaden" into Östad. Compounds that
start with a long name ("Grebbestadsvägen") count. Typos are caught with
Levenshtein distance (rapidfuzz) on words not otherwise known: one edit for
names of 5-7 letters, two from 8 letters, first letter kept. Names that are
everyday words ("Lur", "Backa") need a capital letter or a preposition.
A word in another script ("Гребстаді", "ግረበስታድ", "تانومسهيده") is transliterated (anyascii) and
matched like a typo, or, as Arabic and Persian leave most vowels unwritten, by its consonants.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from anyascii import anyascii
from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from bot.classifier.text import Token, fold
from storage.profile import Profile

_COMPOUND_MIN = 8  # a name this long may start a compound word
_FUZZY_MIN = 6  # words shorter than this are never fuzzy-matched
# A transliterated word matches a name by its consonants ("tnwmshydy" -> "tnmshd", Tanumshede) only when they are
# this many; one consonant may differ from this many on ("Танумсгеде": g for h).
_SKELETON_MIN = 4
_SKELETON_FUZZY_MIN = 6
# Letters an abjad leaves unwritten or writes as vowels (و, ي); j is Swedish "y" (Fjällbacka: فيالباكا).
_UNWRITTEN = str.maketrans("", "", "aeiouyw")
_SKELETON_SOUNDS = (("ck", "k"), ("c", "k"), ("q", "k"), ("gh", "g"), ("kh", "h"), ("j", "y"))
# Two words joined this long may be one name written apart ("svenne by").
_SPLIT_MIN = 7
# One-letter Arabic prepositions and conjunctions written onto the next word (بـ, لـ, وـ, فـ, كـ).
_ATTACHED = ("b", "l", "w", "f", "k")


@dataclass(frozen=True, slots=True)
class PlaceForm:
    place_id: str
    words: tuple[str, ...]  # folded tokens of the name or alias
    written: str  # as in the profile
    how: str  # "name", "alias", "genitive"
    ambiguous: bool  # an everyday word too


@dataclass(frozen=True, slots=True)
class PlaceHit:
    place_id: str
    score: float
    position: int  # index of the first token of the name
    explain: str
    end: int = -1  # index of its last token (-1: the same as position)

    def __post_init__(self) -> None:
        if self.end < self.position:
            object.__setattr__(self, "end", self.position)


class PlaceFinder:
    def __init__(self, profile: Profile, common_words: frozenset[str], known_words: frozenset[str],
                 prepositions: frozenset[str], origin_prepositions: frozenset[str],
                 extra_aliases: dict[str, str] | None = None) -> None:
        self._exact: dict[str, list[PlaceForm]] = {}  # first folded word -> forms
        self._prefix: list[PlaceForm] = []
        fuzzy: dict[str, PlaceForm] = {}
        common = {fold(w) for w in common_words}
        for place in profile.places:
            names = [(place.name, "name")] + [(alias, "alias") for alias in place.aliases]
            names += [(alias, "learned alias") for alias, pid in (extra_aliases or {}).items() if pid == place.id]
            for written, how in names:
                words = tuple(fold(written).split())
                if not words:
                    continue
                ambiguous = len(words) == 1 and (words[0] in common or len(words[0]) <= 3)
                forms = [PlaceForm(place.id, words, written, how, ambiguous)]
                last = words[-1]
                if not last.endswith(("s", "x", "z")) and not ambiguous:
                    forms.append(PlaceForm(place.id, words[:-1] + (last + "s",), written, "genitive", False))
                for form in forms:
                    self._exact.setdefault(form.words[0], []).append(form)
                    if len(form.words) == 1 and not form.ambiguous:
                        if len(last) >= _COMPOUND_MIN and form.how != "genitive":
                            self._prefix.append(form)
                        if len(form.words[0]) >= _FUZZY_MIN - 1:
                            fuzzy.setdefault(form.words[0], form)
        self._fuzzy_keys = list(fuzzy)
        self._fuzzy_forms = fuzzy
        # Consonant skeletons of the names and aliases themselves (no genitives), for words in other scripts.
        self._skeletons: dict[str, PlaceForm] = {}
        for forms in self._exact.values():
            for form in forms:
                if len(form.words) == 1 and not form.ambiguous and form.how != "genitive":
                    skeleton = _skeleton(form.words[0])
                    if len(skeleton) >= _SKELETON_MIN:
                        self._skeletons.setdefault(skeleton, form)
        self._long_skeletons = [s for s in self._skeletons if len(s) >= _SKELETON_FUZZY_MIN]
        self._known = frozenset(fold(w) for w in known_words)
        self._prepositions = frozenset(fold(w) for w in prepositions)
        self._origin = frozenset(fold(w) for w in origin_prepositions)
        self._loose_cache: dict[str, tuple[str, float, float, str] | None] = {}

    def find(self, tokens: list[Token]) -> PlaceHit | None:
        best: PlaceHit | None = None
        exact, known = self._exact, self._known
        for i, token in enumerate(tokens):
            word = token.folded
            if i + 1 < len(tokens) and not tokens[i + 1].sentence_start and word.isalpha():
                hit = self._split(tokens, i)  # "grebbe stad", "tanums hede": voice-to-text splits names
                if hit and (best is None or hit.score > best.score):
                    best = hit
            if word not in exact and (len(word) < _FUZZY_MIN - 1 or word in known):
                continue  # most words: no name starts here, and too short or too common for a compound or typo
            hit = self._at(tokens, i)
            if hit and (best is None or hit.score > best.score):
                best = hit
        return best

    def _at(self, tokens: list[Token], i: int) -> PlaceHit | None:
        token = tokens[i]
        word = token.folded
        before = tokens[i - 1].folded if i else ""
        after_preposition = before in self._prepositions
        # the first place named wins, unless a later one is a surer match; "från X" is where someone came from
        bonus = -0.1 if before in self._origin else 0.0
        for form in self._exact.get(word, ()):
            n = len(form.words)
            if n > 1 and tuple(t.folded for t in tokens[i:i + n]) != form.words:
                continue
            if form.ambiguous and not (self._named(token, before, after_preposition) or _alone(tokens, i)):
                continue
            return PlaceHit(form.place_id, 1.0 + bonus, i,
                            f"{' '.join(t.text for t in tokens[i:i + n])} -> {form.place_id} ({form.how}{', ' + form.written if form.how != 'name' else ''})",
                            i + n - 1)
        if len(word) < _FUZZY_MIN - 1 or word in self._known:
            return None
        loose = self._loose_cache[word] if word in self._loose_cache else self._loose(word)
        if loose is None:
            return None
        place_id, score, penalty, how = loose
        return PlaceHit(place_id, score + bonus - penalty, i, f"{token.text} -> {place_id} ({how})")

    def _loose(self, word: str) -> tuple[str, float, float, str] | None:
        """A name the word is a compound of ("Grebbestadsbor") or a typo of, as (place, score, penalty, how);
        remembered per word: the same words come back in message after message."""
        result: tuple[str, float, float, str] | None = None
        if not _latin(word):
            result = self._transliterated(word)
        else:
            for form in self._prefix:
                name = form.words[0]
                if word.startswith(name) and len(word) > len(name):
                    result = (form.place_id, 0.7, 0.0, f"compound of {form.written}")
                    break
            else:
                found = self._fuzzy(word) if len(word) >= _FUZZY_MIN else None
                if found is not None:
                    form, distance = found
                    result = (form.place_id, 0.8, 0.05 * distance,
                              f"typo of {form.written}, {distance} edit{'s' if distance > 1 else ''}")
        if len(self._loose_cache) > 100_000:
            self._loose_cache.clear()
        self._loose_cache[word] = result
        return result

    def _one_word_name(self, word: str) -> PlaceForm | None:
        """The one-word name, alias or genitive that is ``word``, unless it is an everyday word too."""
        return next((f for f in self._exact.get(word, ()) if len(f.words) == 1 and not f.ambiguous), None)

    def _split(self, tokens: list[Token], i: int) -> PlaceHit | None:
        """A name written as two words ("grebbe stad", "hamburgs und", "kampers vik"): the two joined are a name
        or a genitive of one."""
        first, second = tokens[i], tokens[i + 1]
        joined = first.folded + second.folded
        if len(joined) < _SPLIT_MIN or not second.folded.isalpha() or first.folded in self._exact:
            return None
        form = self._one_word_name(joined)
        if form is not None:
            return PlaceHit(form.place_id, 0.95, i, f"{first.text} {second.text} -> {form.place_id} (written apart)",
                            i + 1)
        return None  # no typos of joined words: "Hamburg und" (German "and") is one edit from Hamburgsund

    def _transliterated(self, word: str) -> tuple[str, float, float, str] | None:
        """A name written in another script: its transliteration exact or a typo of a name, else its consonants."""
        latin = re.sub(r"[^a-z]", "", fold(anyascii(word)))
        form = self._one_word_name(latin)
        if form is not None:
            return form.place_id, 0.9, 0.0, f"{form.written} in another script"
        found = self._fuzzy(latin) if len(latin) >= _FUZZY_MIN else None
        if found is not None:
            form, distance = found
            return form.place_id, 0.8, 0.05 * distance, f"{form.written} in another script, {distance} edits"
        skeleton = _skeleton(latin)
        candidates = [skeleton] + [skeleton[1:] for letter in _ATTACHED if skeleton.startswith(letter)]
        for candidate in candidates:
            form = self._skeletons.get(candidate) if len(candidate) >= _SKELETON_MIN else None
            if form is not None:
                return form.place_id, 0.75, 0.0, f"{form.written} in another script, by its consonants"
        if len(skeleton) >= _SKELETON_FUZZY_MIN:
            match = process.extractOne(skeleton, self._long_skeletons, scorer=Levenshtein.distance, score_cutoff=1)
            if match is not None:
                form = self._skeletons[match[0]]
                return form.place_id, 0.7, 0.05, f"{form.written} in another script, by its consonants, 1 edit"
        return None

    @staticmethod
    def _named(token: Token, before: str, after_preposition: bool) -> bool:
        """Is an everyday word that is also a place name ("Lur", "backa") used as the name here?"""
        capital = token.capitalised and not token.text.isupper()
        if capital and (after_preposition or not token.sentence_start):
            return True
        # "i backa" in lower case is still the village; "ligga på lur" is not
        return before in ("i", "in", "vid", "till", "mot", "från", "nära") and token.text.islower()

    def _fuzzy(self, word: str) -> tuple[PlaceForm, int] | None:
        limit = 1 if len(word) < 8 else 2
        result = None
        match = process.extractOne(word, self._fuzzy_keys, scorer=Levenshtein.distance, score_cutoff=limit)
        if match is not None:
            key, distance, _ = match
            if key[0] == word[0] and distance <= (1 if len(key) < 8 else 2):
                result = (self._fuzzy_forms[key], int(distance))
        return result


def _latin(word: str) -> bool:
    """Is the word written in Latin letters (or digits)? Asked once per word: _loose remembers its answer."""
    return word.isascii() or all(not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in word)


def _skeleton(latin: str) -> str:
    """The consonants of a transliterated word as an abjad writes them, with doubled letters once and a final h
    (Persian and Arabic ه for a final vowel) dropped: "tanumshede" and "tnwmshydh" both give "tnmshd"."""
    for written, sound in _SKELETON_SOUNDS:
        latin = latin.replace(written, sound)
    consonants = latin.translate(_UNWRITTEN)
    single = "".join(c for i, c in enumerate(consonants) if i == 0 or c != consonants[i - 1])
    return single[:-1] if single.endswith("h") and len(single) > 1 else single


def _alone(tokens: list[Token], i: int) -> bool:
    """Is the word a sentence of its own, as a place signed at the end of a message ("MVH GUNNAR\\nBACKA",
    "Skogsbrand!! Lur")?"""
    return tokens[i].sentence_start and (i + 1 == len(tokens) or tokens[i + 1].sentence_start)
