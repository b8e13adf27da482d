"""Find and mask personal data in free text (Swedish and English).

Used wherever a citizen's text leaves the case it belongs to: erasure and
retention (the text stays, the person goes) and the weekly export. Patterns
are deliberately greedy: masking a harmless number is cheap, leaking a
personnummer is not.
"""

from __future__ import annotations

import re

MASKS = {
    "personnummer": "[personnummer]",
    "email": "[e-post]",
    "phone": "[telefon]",
    "plate": "[regnr]",
    "address": "[adress]",
    "username": "[användarnamn]",
    "name": "[namn]",
    "url": "[länk]",
}

_STREET_SUFFIXES = (
    "gatan|gata|vägen|väg|vagen|gränd|grand|stigen|backen|allén|allen|torget|platsen|leden|"
    "street|st|road|rd|avenue|ave|lane|ln|way|drive|dr|vej|veien|gate|straße|strasse|str"
)

_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)),
    ("url", re.compile(r"\b(?:https?://|www\.)\S+", re.IGNORECASE)),
    # 19/20YYMMDD-XXXX, YYMMDD-XXXX, YYMMDD+XXXX, YYMMDDXXXX (also samordningsnummer)
    ("personnummer", re.compile(r"\b(?:19|20)?\d{2}[01]\d[0-9]\d[-+ ]?\d{4}\b")),
    ("username", re.compile(r"(?<![\w@])@[A-Za-z][A-Za-z0-9_]{3,31}\b")),
    # Phone numbers: +46 70 123 45 67, 070-123 45 67, 0525-123 45, 0046..., 7+ digits with separators.
    ("phone", re.compile(r"(?<![\w])(?:\+|00)?\d(?:[\s\-/().]{0,2}\d){6,14}(?![\w])")),
    # Swedish plates: ABC 123, ABC123, ABC 12A (also lower case).
    ("plate", re.compile(r"\b[A-Za-z]{3}\s?\d{2}[0-9A-Za-z]\b")),
    # Street addresses with a number: "Storgatan 12", "Kvarnvägen 3B", "12 Baker Street".
    ("address", re.compile(
        rf"\b[A-ZÅÄÖ]?[\wåäöÅÄÖ]*(?:{_STREET_SUFFIXES})\.?\s+\d+[A-Za-z]?\b"
        rf"|\b\d+\s+[A-Z][\w]*\s+(?:Street|Road|Avenue|Lane|Way|Drive)\b",
        re.IGNORECASE,
    )),
]

# Recognisable people: a name after words that introduce one ("heter Anna
# Svensson", "my neighbour John Smith"), or two capitalised words in a row
# that are not a known place or a sentence start.
_NAME_INTRO = re.compile(
    r"(?i:\b(?:heter|kallas|namnet|grannen|granne|grannens|min\s+granne|mannen|kvinnan|killen|tjejen|"
    r"named|called|neighbour|neighbor|mr\.?|mrs\.?|ms\.?|herr|fru|han\s+heter|hon\s+heter|"
    r"hedder|heißt|heisst|navn)\b)\s+"
    r"([A-ZÅÄÖ][a-zåäöéü]+(?:\s+[A-ZÅÄÖ][a-zåäöéü]+)?)"
)
_FULL_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-ZÅÄÖ][a-zåäöéü]{1,20})\s+([A-ZÅÄÖ][a-zåäöéü]{2,20}(?:son|sson|berg|ström|gren|lund|qvist|kvist|man|er|sen|ing))\b")


def redact_personal_data(text: str, *, keep: frozenset[str] = frozenset()) -> str:
    """Mask personal data; ``keep`` lists words that must survive (e.g. place names)."""
    if not text:
        return text
    for kind, pattern in _PATTERNS:
        text = pattern.sub(lambda m, k=kind: _mask(m.group(0), k, keep), text)
    text = _NAME_INTRO.sub(lambda m: m.group(0).replace(m.group(1), MASKS["name"]) if m.group(1) not in keep else m.group(0), text)
    text = _FULL_NAME.sub(lambda m: m.group(0) if m.group(1) in keep else MASKS["name"], text)
    return text


def _mask(found: str, kind: str, keep: frozenset[str]) -> str:
    if found in keep:
        return found
    if kind == "plate" and not any(c.isdigit() for c in found[3:]):
        return found
    if kind == "plate" and found[:3].isalpha() and found[:3].lower() == found[:3] and found[:3].lower() in _COMMON_WORDS:
        return found
    return MASKS[kind]


# Lower-case three-letter words that, followed by digits, are not plates ("kl 12", "nr 123").
_COMMON_WORDS = frozenset({"kl.", "den", "och", "var", "för", "kör", "år", "the", "and", "for", "ca.", "nog", "via", "har"})
