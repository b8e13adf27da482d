"""Lexicons: weighted terms per language, loaded from TOML data files, and the matcher.

A lexicon file (``bot/classifier/lexicons/<lang>.toml``) holds tables of
``"pattern" = weight``. A pattern is one or more space-separated elements,
each matched against one token:

``word``     the whole token ("nu")
``word*``    the token starts with it: inflection and compound heads
             ("fortkör*" -> fortkörning, fortkörningarna)
``*word``    the token ends with it: compound tails ("*stöld" -> båtmotorstöld)
``*word*``   anywhere in the token ("*knark*" -> knarkhandel, storknarkare)
``_``        any one token ("för _ sedan" -> "för två veckor sedan" needs two: "för _ _ sedan")
``#``        a number ("i #" -> "i 90", "# km")
``=word``    diacritics must be as written ("=rån" does not match "ran");
             otherwise a term written with å/ä/ö also matches the text without them
``^word``    (first element only) the token starts a sentence
``!word``    (first element only) never negated ("!belysning": "ingen belysning" is the complaint)

A negative weight is counter-evidence: it scales the label's score down by
(1 - |w|) ("gäng grannar" -0.9 under violence: "ett gäng grannar" is a group
of neighbours). Single-word terms of weight >= 0.6 and six letters or more
also match a word one typing error away (two from nine letters), at 0.85 of
their weight ("inbrot" -> inbrott).

Terms are matched case-insensitively. A term written without diacritics
only matches text without them ("gang" does not match "gång").

A combination (``[combos.<name>]``) is evidence that neither word gives
alone: a term of its ``first`` list and one of its ``second`` list in the
same sentence with at most ``within`` words between them (either order, or
``ordered = true``), e.g. a movement ("åker runt", "smyger") near holiday
homes ("sommarstugorna") is casing for a break-in. With ``actor = true`` the
first part is somebody's act, not counted when the writer is its subject
("vi går runt husen", the language's ``self_words``) or the thing is the
actor's own ("skruvar på sin båtmotor", ``own_words``). Its other keys are the
labels it adds, a theme or a cue name = weight::

    [combos.casing]
    first = ["åker runt", "smyg*"]
    second = ["*stug*", "fritidshus*"]
    within = 4
    burglary = 0.6
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from importlib import resources
from operator import itemgetter
from typing import NamedTuple

from rapidfuzz.distance import OSA, Indel

from bot.classifier.text import Token, fold, is_one_word
from storage.vocabulary import THEMES

EXACT, PREFIX, SUFFIX, INFIX, ANY, NUMBER = range(6)
_HEAD = 3  # index terms by their first three letters


class LexiconError(ValueError):
    """A lexicon file is malformed; the message names the file and the key."""


@dataclass(frozen=True, slots=True)
class Element:
    lower: str  # term, case-folded
    folded: str  # term without diacritics
    kind: int
    strict: bool  # "=": diacritics must be as written
    plain: bool  # the term has no diacritics, so text with diacritics there is another word

    def matches(self, token: Token) -> bool:
        kind = self.kind
        if kind == ANY:
            return True
        if kind == NUMBER:
            return token.folded.isdigit()
        term, word = self.folded, token.folded
        if kind == EXACT:
            ok = word == term
            at = 0
        elif kind == PREFIX:
            ok = word.startswith(term)
            at = 0
        elif kind == SUFFIX:
            ok = word.endswith(term)
            at = len(word) - len(term)
        else:
            at = word.find(term)
            ok = at >= 0
        if not ok:
            return False
        return self._spelled_right(token, at)

    def _spelled_right(self, token: Token, at: int) -> bool:
        if self.strict or (self.plain and token.has_diacritics):
            if len(token.lower) != len(token.folded):  # a ligature changed the length: compare loosely
                return self.lower in token.lower
            return token.lower.startswith(self.lower, at)
        return True

    def matches_at(self, token: Token, at: int) -> bool:
        """Like matches() for the first element, knowing where the head was found."""
        kind = self.kind
        word, term = token.folded, self.folded
        if kind == EXACT:
            ok = at == 0 and word == term
        elif kind == PREFIX:
            ok = at == 0 and word.startswith(term)
        elif kind == SUFFIX:
            ok = at == len(word) - len(term) and word.endswith(term)
        else:
            ok = word.startswith(term, at)
        if not ok:
            return False
        return self._spelled_right(token, at)


@dataclass(frozen=True, slots=True)
class Entry:
    pattern: str  # as written in the file
    lang: str
    group: str  # "theme" or "cue"
    label: str  # a Theme value, a cue name (danger, now, past, ...), or a combination's id for its parts
    weight: float
    elements: tuple[Element, ...]
    initial: bool = False  # must start a sentence
    negatable: bool = True
    source: str = "lexicon"  # "lexicon" or "corrections"


PART_GROUPS = ("part1", "part2")  # the two word lists of a combination, matched like terms
_COMBO_KEYS = frozenset({"first", "second", "within", "ordered", "actor"})


@dataclass(frozen=True)
class Combo:
    """Two kinds of words near each other: evidence for labels that neither gives alone."""

    id: str  # "<lang>:<name>", the label of its part entries
    name: str
    within: int  # words allowed between the two parts
    ordered: bool  # the first part must come first
    entries: tuple[Entry, ...]  # what a found combination adds, one entry per label
    actor: bool = False  # the first part is someone's act: not counted when the writer does it to their own


@dataclass
class LanguageData:
    """What a lexicon file says about its language besides the weighted terms."""

    lang: str
    stopwords: frozenset[str] = frozenset()
    negators: frozenset[str] = frozenset()
    clause_words: frozenset[str] = frozenset()
    neutral: frozenset[str] = frozenset()  # words that mean nothing here though another language's lexicon has them
    place_prepositions: frozenset[str] = frozenset()
    origin_prepositions: frozenset[str] = frozenset()
    common_words: frozenset[str] = frozenset()  # everyday words that are also place names ("lur", "backa")
    negation_stops: frozenset[str] = frozenset()  # words a negation does not reach across ("åt", "about")
    near_negators: frozenset[str] = frozenset()  # negators that only reach the next word ("utan lampor")
    self_words: frozenset[str] = frozenset()  # the writer as the subject ("jag", "vi")
    own_words: frozenset[str] = frozenset()  # reflexive possessives: the subject's own ("sin båtmotor")
    family: tuple[str, ...] = ()  # languages whose terms also apply to text in this one
    also_for: tuple[str, ...] = ()  # other languages this file serves (ru.toml also serves uk)
    combos: dict[str, Combo] = field(default_factory=dict)  # by id


@dataclass
class Lexicon:
    entries: list[Entry] = field(default_factory=list)
    languages: dict[str, LanguageData] = field(default_factory=dict)

    @property
    def combos(self) -> dict[str, Combo]:
        return {cid: combo for data in self.languages.values() for cid, combo in data.combos.items()}


def parse_pattern(pattern: str, where: str) -> tuple[tuple[Element, ...], bool, bool]:
    words = pattern.split()
    if not words:
        raise LexiconError(f"{where}: empty pattern")
    initial, negatable = False, True
    elements = []
    for i, word in enumerate(words):
        if i == 0:
            while word[:1] in ("^", "!"):
                if word[0] == "^":
                    initial = True
                else:
                    negatable = False
                word = word[1:]
        if word in ("_", "#"):
            if i == 0 and word == "_":
                raise LexiconError(f"{where}: {pattern!r} cannot start with _")
            elements.append(Element(word, word, ANY if word == "_" else NUMBER, False, False))
            continue
        strict = word.startswith("=")
        if strict:
            word = word[1:]
        starts, ends = word.startswith("*"), word.endswith("*")
        core = word.strip("*")
        if not core or "*" in core or "=" in core:
            raise LexiconError(f"{where}: bad element {word!r} in {pattern!r}")
        if not is_one_word(core):
            raise LexiconError(f"{where}: {core!r} in {pattern!r} is not one word to the tokenizer, so it never "
                               f"matches: write it as the words the text splits into (\"wrong way\", \"km h\")")
        kind = INFIX if starts and ends else SUFFIX if starts else PREFIX if ends else EXACT
        lower = core.casefold()
        folded = fold(lower)
        if kind != EXACT and len(folded) < _HEAD:
            raise LexiconError(f"{where}: {word!r} is too short to match partially")
        elements.append(Element(lower, folded, kind, strict, lower == folded))
    return tuple(elements), initial, negatable


def _words(value: object, where: str) -> frozenset[str]:
    if isinstance(value, str):
        items = value.split()
    elif isinstance(value, list) and all(isinstance(v, str) for v in value):
        items = value
    else:
        raise LexiconError(f"{where}: expected a list of words or a string of words")
    return frozenset(w.casefold() for w in items)


def load_file(name: str, text: str) -> tuple[LanguageData, list[Entry]]:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise LexiconError(f"{name}: invalid TOML: {exc}") from None
    lang = raw.get("lang")
    if not isinstance(lang, str):
        raise LexiconError(f"{name}: lang: missing")
    data = LanguageData(lang)
    for key in ("stopwords", "negators", "clause_words", "neutral", "place_prepositions",
                "origin_prepositions", "common_words", "negation_stops", "near_negators", "self_words", "own_words"):
        if key in raw:
            setattr(data, key, _words(raw[key], f"{name}: {key}"))
    data.family = tuple(raw.get("family", ()))
    data.also_for = tuple(raw.get("also_for", ()))
    entries: list[Entry] = []
    for group, tables in (("theme", raw.get("themes", {})), ("cue", raw.get("cues", {}))):
        if not isinstance(tables, dict):
            raise LexiconError(f"{name}: {group}s: expected tables")
        for label, table in tables.items():
            if not isinstance(table, dict):
                raise LexiconError(f"{name}: {group}s.{label}: expected a table of \"pattern\" = weight")
            for pattern, weight in table.items():
                where = f"{name}: {group}s.{label}.{pattern!r}"
                if not isinstance(weight, (int, float)) or isinstance(weight, bool) or not -1 <= weight <= 1 or not weight:
                    raise LexiconError(f"{where}: weight must be a number in [-1, 1], not zero")
                elements, initial, negatable = parse_pattern(pattern, where)
                entries.append(Entry(pattern, lang, group, label, float(weight), elements, initial,
                                     negatable and weight > 0))
    combos = raw.get("combos", {})
    if not isinstance(combos, dict):
        raise LexiconError(f"{name}: combos: expected tables")
    for combo_name, table in combos.items():
        combo, parts = _load_combo(name, lang, combo_name, table)
        data.combos[combo.id] = combo
        entries.extend(parts)
    return data, entries


def _load_combo(name: str, lang: str, combo_name: str, table: object) -> tuple[Combo, list[Entry]]:
    where = f"{name}: combos.{combo_name}"
    if not isinstance(table, dict):
        raise LexiconError(f"{where}: expected a table with first, second and labels")
    combo_id = f"{lang}:{combo_name}"
    parts: list[Entry] = []
    for side, group in zip(("first", "second"), PART_GROUPS):
        patterns = table.get(side)
        if not isinstance(patterns, list) or not patterns or not all(isinstance(p, str) for p in patterns):
            raise LexiconError(f"{where}.{side}: expected a non-empty list of patterns")
        # as TOML refuses a key twice in a table: a pattern twice in a list is a slip, and would be matched twice
        if len(set(patterns)) < len(patterns):
            twice = next(pattern for i, pattern in enumerate(patterns) if pattern in patterns[:i])
            raise LexiconError(f"{where}.{side}: {twice!r} is listed twice")
        for pattern in patterns:
            elements, initial, _ = parse_pattern(pattern, f"{where}.{side}.{pattern!r}")
            parts.append(Entry(pattern, lang, group, combo_id, 1.0, elements, initial, False))
    within = table.get("within", 3)
    ordered = table.get("ordered", False)
    actor = table.get("actor", False)
    if not isinstance(within, int) or isinstance(within, bool) or not 0 <= within <= 12:
        raise LexiconError(f"{where}.within: expected a whole number from 0 to 12")
    for key, value in (("ordered", ordered), ("actor", actor)):
        if not isinstance(value, bool):
            raise LexiconError(f"{where}.{key}: expected true or false")
    adds: list[Entry] = []
    for label, weight in table.items():
        if label in _COMBO_KEYS:
            continue
        if not isinstance(weight, (int, float)) or isinstance(weight, bool) or not -1 <= weight <= 1 or not weight:
            raise LexiconError(f"{where}.{label}: weight must be a number in [-1, 1], not zero")
        group = "theme" if label in THEMES else "cue"
        adds.append(Entry(f"{combo_name} (combination)", lang, group, label, float(weight), (), False, weight > 0))
    if not adds:
        raise LexiconError(f"{where}: names no label (a theme or a cue = weight)")
    return Combo(combo_id, combo_name, within, ordered, tuple(adds), actor), parts


def load_builtin() -> Lexicon:
    """Every ``*.toml`` under ``bot/classifier/lexicons/``."""
    lexicon = Lexicon()
    folder = resources.files("bot.classifier").joinpath("lexicons")
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if not item.name.endswith(".toml"):
            continue
        data, entries = load_file(item.name, item.read_text(encoding="utf-8"))
        lexicon.languages[data.lang] = data
        lexicon.entries.extend(entries)
    return lexicon


@dataclass(frozen=True, slots=True)
class _Candidates:
    """Entries whose first element matches one word, sorted for a quick look at the next word."""

    singles: tuple[Entry, ...]
    by_second: dict[str, list[Entry]]  # phrases whose second element is a whole word, by that word
    other: tuple[Entry, ...]  # phrases whose second element is partial or "_"


class Match(NamedTuple):
    """A lexicon entry found in a message (a named tuple: ``find`` makes one per hit, cheaply)."""

    entry: Entry
    first: int  # index of the first token
    last: int  # index of the last token


_TYPO_MIN_LENGTH = 6
_TYPO_MIN_WEIGHT = 0.7
_TYPO_DISCOUNT = 0.85
_place_in_head = itemgetter(0)  # sorts (place in the head's list, entry) pairs


class Matcher:
    """Finds lexicon entries in a token list; built once, then cheap per message."""

    def __init__(self, entries: list[Entry], known_words: frozenset[str] = frozenset()) -> None:
        self._short: dict[str, list[Entry]] = {}  # exact terms shorter than the head
        self._heads: dict[str, list[Entry]] = {}  # whole words and prefixes: only at the start of a word
        self._inner: dict[str, list[Entry]] = {}  # suffixes and infixes: anywhere in a word
        self._typo: dict[str, list[Entry]] = {}  # first two letters -> single-word terms worth a typo check
        # The same whole-word and prefix entries by their whole first term, with their place in the head's list:
        # a new word looks up each of its beginnings instead of trying every entry of its first three letters.
        self._head_terms: dict[str, list[tuple[int, Entry]]] = {}
        for entry in entries:
            first = entry.elements[0]
            if len(first.folded) < _HEAD:
                self._short.setdefault(first.folded, []).append(entry)
            elif first.kind in (EXACT, PREFIX):
                same_head = self._heads.setdefault(first.folded[:_HEAD], [])
                self._head_terms.setdefault(first.folded, []).append((len(same_head), entry))
                same_head.append(entry)
            else:
                self._inner.setdefault(first.folded[:_HEAD], []).append(entry)
            if (len(entry.elements) == 1 and entry.weight >= _TYPO_MIN_WEIGHT and not first.strict
                    and (entry.group == "theme" or entry.label in ("danger", "urgent"))
                    and len(first.folded) >= _TYPO_MIN_LENGTH + 1 and first.folded.isalpha()):
                self._typo.setdefault(first.folded[:2], []).append(entry)
        self._known = known_words
        # By the case-folded spelling: the diacritics-free one is made from it (text.tokenize), so it is the key.
        self._cache: dict[str, _Candidates] = {}

    def _first_matches(self, token: Token) -> _Candidates:
        key = token.lower
        hit = self._cache.get(key)
        if hit is not None:
            return hit
        found: list[Entry] = []
        word = token.folded
        for entry in self._short.get(word, ()):
            if entry.elements[0].matches(token):
                found.append(entry)
        if word.isdigit():
            found.extend(self._short.get("#", ()))
        # Entries whose term is a beginning of the word (the whole word for an exact one), in the order of
        # the head's list: the entries, and the order, that trying each entry of self._heads would give.
        heads: list[tuple[int, Entry]] = []
        for k in range(_HEAD, len(word) + 1):
            for at_head, entry in self._head_terms.get(word[:k], ()):
                if k == len(word) or entry.elements[0].kind == PREFIX:
                    heads.append((at_head, entry))
        heads.sort(key=_place_in_head)
        for _, entry in heads:
            if entry.elements[0].matches_at(token, 0):
                found.append(entry)
        inner = self._inner
        for at in range(len(word) - _HEAD + 1):
            candidates = inner.get(word[at:at + _HEAD])
            if candidates:
                for entry in candidates:
                    if entry.elements[0].matches_at(token, at):
                        found.append(entry)
        if not found and len(word) >= _TYPO_MIN_LENGTH and word not in self._known and word.isalpha():
            found = self._typos(word)
        singles: list[Entry] = []
        by_second: dict[str, list[Entry]] = {}
        other: list[Entry] = []
        for entry in dict.fromkeys(found):
            if len(entry.elements) == 1:
                singles.append(entry)
            elif entry.elements[1].kind == EXACT:  # most phrases: check the next word with one lookup
                by_second.setdefault(entry.elements[1].folded, []).append(entry)
            else:
                other.append(entry)
        result = _Candidates(tuple(singles), by_second, tuple(other))
        if len(self._cache) > 200_000:
            self._cache.clear()
        self._cache[key] = result
        return result

    def _typos(self, word: str) -> list[Entry]:
        """Terms one typing slip away: a letter left out or doubled, or two letters swapped
        ("inbrot", "rattfyllla", "knrakhandel"); two slips from ten letters. A different
        letter does not count: that is how words differ ("skjuts" is not "skjuta")."""
        found: list[Entry] = []
        for entry in self._typo.get(word[:2], ()):
            term = entry.elements[0].folded
            limit = 1 if len(term) < 10 else 2
            if entry.elements[0].kind == EXACT:
                ok = _slips(word, term, limit)
            else:  # the start of the word: inflected and compound forms; cut shorter than the term
                # only as the whole word ("inbrot"), or "övervåningen" would be "överväx" less a letter
                ok = len(word) >= len(term) - limit and any(
                    _slips(word[:n], term, limit) for n in range(len(term) - limit, len(term) + limit + 1)
                    if n >= len(term) or n == len(word))
            if ok:
                found.append(replace(entry, weight=round(entry.weight * _TYPO_DISCOUNT, 3),
                                     pattern=f"{entry.pattern} (typo)"))
        return found

    def find(self, tokens: list[Token]) -> list[Match]:
        matches: list[Match] = []
        n = len(tokens)
        cache = self._cache
        for i, token in enumerate(tokens):
            # the per-word cache looked up here first: most words of a message were met before
            candidates = cache.get(token.lower) or self._first_matches(token)
            for entry in candidates.singles:
                if not entry.initial or token.sentence_start:
                    matches.append(Match(entry, i, i))
            if i + 1 >= n:
                continue
            phrases = candidates.by_second.get(tokens[i + 1].folded, ())
            for entry in (*phrases, *candidates.other) if candidates.other else phrases:
                if entry.initial and not token.sentence_start:
                    continue
                elements = entry.elements
                end = i + len(elements) - 1
                if end >= n:
                    continue
                if len(elements) == 2:  # most phrases: one more word to check, no generator needed
                    found = elements[1].matches(tokens[i + 1])
                else:
                    found = all(elements[k].matches(tokens[i + k]) for k in range(1, len(elements)))
                if found:
                    matches.append(Match(entry, i, end))
        return matches


def _slips(word: str, term: str, limit: int) -> bool:
    """At most ``limit`` letters left out or added, or one pair of neighbours swapped; not equal."""
    if word == term:
        return False
    if Indel.distance(word, term, score_cutoff=limit) <= limit:
        return True
    return len(word) == len(term) and sorted(word) == sorted(term) and OSA.distance(word, term, score_cutoff=1) == 1
