"""Redact personal data from citizen text: in exports, and in texts kept after erasure.

What is replaced, each by a bracketed tag so the reader sees that something
was there: links and e-mail addresses, Telegram usernames, personnummer and
samordningsnummer, phone numbers (Swedish and international), Swedish number
plates, street addresses with a number (Swedish and English forms, postcodes,
flat numbers) and names of people where they can be recognised: after words
like "heter", "named" or a title, common Swedish and English first names
(with the surname that follows) and surnames on -sson/-son or from a list of
common ones.

This is pattern matching, so it errs on the side of hiding: a date written
like a phone number or a capitalised word that is also a first name may be
hidden too. The municipality's place names are never treated as names.
The patterns run in a fixed order, most specific first, and each tag contains
no digit or capital letter, so a later pattern never re-matches a tag.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

TAGS = {
    "link": "[länk]",
    "email": "[e-post]",
    "username": "[användarnamn]",
    "personnummer": "[personnummer]",
    "phone": "[telefon]",
    "plate": "[regnr]",
    "address": "[adress]",
    "name": "[namn]",
}

_U = "A-ZÅÄÖÆØÉÈÜ"  # capital letters in Swedish, Norwegian, Danish and German names
_L = "a-zåäöæøéèüß"

_LINK = re.compile(r"(?i)\b(?:https?://|www\.)\S+|\b(?:t\.me|telegram\.me|facebook\.com|fb\.com|instagram\.com)/\S+")
_DOT = r"(?:\.|\s*\((?:dot|punkt)\)\s*|\s*\[(?:dot|punkt)\]\s*)"
_EMAIL = re.compile(
    rf"(?i)[\w.+-]+(?:@|\s*\((?:at|snabel-a)\)\s*|\s*\[at\]\s*)[\w-]+(?:{_DOT}[\w-]+)*{_DOT}[a-z]{{2,}}\b"
)
_EMAIL_HINT = re.compile(r"(?i)@|\(at\)|\[at\]|snabel")
_DIGIT = re.compile(r"\d")
_USERNAME = re.compile(r"(?<![\w@])@[A-Za-z][A-Za-z0-9_]{2,31}\b")
# YYMMDD or YYYYMMDD, optional -, + or space, four digits; day 61-91 for samordningsnummer.
_PERSONNUMMER = re.compile(
    r"(?<!\d)(?:19|20)?\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01]|6[1-9]|[78]\d|9[01])\s?[-+]?\s?\d{4}(?!\d)"
)
# A run that starts like a phone number (+, 00, 0 or an opening parenthesis) or US style 555-123-4567.
_PHONE = re.compile(
    r"(?<![\w+])(?:\+|00|0|\(0?)\d[\d\s\-()/.]{4,18}\d(?!\d)|(?<!\d)\d{3}[-.\s]\d{3}[-.\s]\d{4}(?!\d)"
)
_DATE_LIKE = re.compile(r"^\d{1,4}[-./]\d{1,2}[-./]\d{1,4}$")
# ABC 123 / ABC 12A (no I, Q, V, Å, Ä, Ö); lower case only when written together ("abc123").
_PLATE_LETTERS = "ABCDEFGHJKLMNOPRSTUWXYZ"
_PLATE = re.compile(
    rf"\b[{_PLATE_LETTERS}]{{3}}[\s-]?\d{{2}}[{_PLATE_LETTERS}\d]\b"
    rf"|\b[{_PLATE_LETTERS.lower()}]{{3}}\d{{2}}[{_PLATE_LETTERS.lower()}\d]\b"
)
_NOT_PLATES = {"SOS", "SMS", "MMS", "TAN", "EPA", "TV4", "SVT"}
_STREET_SUFFIX = (
    "gatan|gata|vägen|väg|gränd|gränden|stigen|stig|backen|backe|torget|torg|allén|allé|leden|plan|platsen|"
    "stråket|slingan|liden|kroken|svängen|ringen|udden|gärdet|vägen|kajen|hamnen|esplanaden|promenaden|"
    "veien|vej|gade|straße|strasse|weg"
)
_SV_ADDRESS = re.compile(
    rf"\b(?:[{_U}][{_L}]+\s(?:{_STREET_SUFFIX})|(?:[{_U}][{_L}]+\s)?[{_U}{_L}][{_L}-]*(?:{_STREET_SUFFIX}))"
    rf"\s+\d{{1,4}}(?:\s?[A-Za-z](?![{_L}]))?"
    rf"(?:,?\s*(?:lgh|lägenhet|lägenhetsnummer|vån|våning)\.?\s*\d{{1,5}})?"
)
_EN_ADDRESS = re.compile(
    rf"\b\d{{1,5}}[A-Za-z]?,?\s+(?:[{_U}][{_L}]+\s+){{1,3}}"
    r"(?:Street|St|Road|Rd|Avenue|Ave|Lane|Ln|Drive|Dr|Close|Way|Court|Ct|Place|Pl|Square|Sq|Gardens|Terrace"
    r"|Crescent|Boulevard|Blvd|Hill|Row|Walk|Mews)\b\.?"
)
_POSTCODE = re.compile(rf"(?<!\d)\d{{3}}\s?\d{{2}}\s+[{_U}][{_L}]+")
_FLAT = re.compile(r"(?i)\b(?:lgh|lägenhet|flat|apartment|apt)\.?\s*(?:nr\.?\s*)?\d{1,5}\b")
# A name after a word that introduces one ("heter Kalle", "named John", "Mr Smith").
_NAME_AFTER = re.compile(
    rf"(?i:\b(?:heter|hette|kallas|kallad|namnet|namn är|mitt namn är|named|called|name is|name's|known as"
    rf"|herr|fru|fröken|mr|mrs|ms|miss|dr|doktor)\.?)\s+"
    rf"((?:[{_U}{_L}][{_L}'-]+)(?:\s+[{_U}][{_L}'-]+){{0,2}})"
)
_WORD = rf"[{_U}][{_L}']+(?:-[{_U}]?[{_L}']+)*"
_LINK_HINTS = ("http", "www.", "t.me/", "telegram.me/", "facebook.com/", "fb.com/", "instagram.com/")
_NAME_HINTS = ("het", "kalla", "namn", "named", "called", "name", "known", "herr", "fru", "fröken", "mr", "ms",
               "miss", "dr", "doktor")
_CAPITALISED = re.compile(rf"\b{_WORD}(?:\s+{_WORD}){{0,3}}")
_SURNAME_SUFFIX = re.compile(rf"^[{_U}][{_L}]+sson$")
_LOWERCASE_SURNAME = re.compile(r"\b[a-zåäö]+sson\b")

FIRST_NAMES = frozenset(
    """
    Anna Eva Maria Karin Kristina Lena Sara Emma Kerstin Ingrid Marie Malin Jenny Hanna Linda Annika Susanne
    Elin Monica Birgitta Sofia Johanna Carina Elisabeth Julia Ulla Ida Katarina Linnea Linnéa Helena Camilla
    Åsa Cecilia Emelie Anette Sandra Gunilla Josefin Anneli Marianne Therese Lisa Frida Jessica Ebba Alice Maja
    Elsa Astrid Wilma Klara Ella Alva Agnes Vera Olivia Freja Ellen Signe Ester Selma Saga Stina Tove Moa Nora
    Matilda Amanda Emilia Felicia Louise Lovisa Petra Pia Yvonne Margareta Britt Inger Gun Siv Agneta Barbro
    Lars Mikael Anders Johan Erik Per Karl Peter Jan Thomas Daniel Fredrik Hans Andreas Stefan Bengt Magnus
    Mats Jonas Marcus Markus Sven Niklas Oskar Nils Alexander Martin Björn Mattias Gustav Leif Henrik Robert
    Christer Kjell Oscar Ulf Joakim Simon David Göran Tommy Filip Emil Viktor Rickard Patrik Kent Roger
    Christian William Lucas Hugo Elias Liam Noah Adam Axel Leo Oliver Isak Ludvig Theo Olle Arvid Sixten
    Alfred Vincent Kalle Pelle Janne Micke Jocke Nisse Olof Gunnar Åke Rolf Bertil Lennart Ingvar Rune Sten
    Tobias Sebastian Jesper Linus Anton Albin Melvin Viggo Elis Frans Valter Edvin Jonathan Gabriel Samuel
    Mohammed Mohamed Ahmed Ali Omar Hassan Hussein Fatima Aisha Amina Yusuf Ibrahim Mustafa
    John James Michael Robert Richard Joseph Charles Christopher Matthew Anthony Mark Steven Paul Andrew
    Joshua Kevin Brian George Edward Ronald Timothy Jason Jeffrey Ryan Jacob Gary Eric Jonathan Stephen Larry
    Justin Scott Brandon Benjamin Samuel Frank Gregory Raymond Patrick Jack Dennis Jerry Tyler Aaron Harry
    Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Nancy Lisa Betty Margaret Sandra
    Ashley Kimberly Emily Donna Michelle Dorothy Carol Amanda Melissa Deborah Stephanie Rebecca Laura Sharon
    Cynthia Kathleen Amy Shirley Angela Helen Anna Brenda Pamela Nicole Emma Samantha Katherine Christine
    Rachel Catherine Heather Olivia Sophie Charlotte Lucy Chloe Grace Ruby Ole Knut Bjørn Ingrid Kari Sigrid
    Jens Søren Mette Hanne Klaus Jürgen Stefanie Katrin Ursula Wolfgang Dieter
    """.split()
)
SURNAMES = frozenset(
    """
    Andersson Johansson Karlsson Nilsson Eriksson Larsson Olsson Persson Svensson Gustafsson Pettersson
    Jonsson Jansson Hansson Bengtsson Jönsson Lindberg Jakobsson Magnusson Olofsson Lindström Lindqvist
    Lindgren Berg Axelsson Bergström Lundberg Lundgren Lundqvist Mattsson Berglund Fredriksson Sandberg
    Henriksson Forsberg Sjöberg Wallin Engström Eklund Danielsson Lundin Håkansson Björk Bergman Gunnarsson
    Holm Wikström Samuelsson Isaksson Fransson Bergqvist Nyström Holmberg Arvidsson Löfgren Söderberg Nyberg
    Blomqvist Claesson Nordström Mårtensson Lundström Viklund Björklund Eliasson Pålsson Berggren Sandström
    Lund Nordin Ström Åberg Hermansson Ekström Holmgren Sundberg Hedlund Dahlberg Hellström Sjögren Abrahamsson
    Falk Öberg Martinsson Andreasson Blom Ek Månsson Strand Lindholm Åkesson Jonasson Hansen Johansen Olsen
    Larsen Nielsen Jensen Pedersen Kristiansen Müller Schmidt Schneider Fischer Weber Meyer Wagner
    Smith Johnson Williams Brown Jones Miller Davis Wilson Taylor Anderson Thomas Jackson White Harris Martin
    Thompson Garcia Martinez Robinson Clark Rodriguez Lewis Lee Walker Hall Allen Young King Wright Scott
    Green Baker Adams Nelson Hill Campbell Mitchell Roberts Carter Phillips Evans Turner Parker Collins
    Edwards Stewart Morris Murphy Cook Rogers Morgan Cooper Peterson Reed Bailey Kelly Howard Cox Ward
    Richardson Watson Brooks Wood James Bennett Gray Hughes Price Sanders Myers Long Ross Foster Connor
    """.split()
)
# Capitalised words that are names in the lists above but usually something else in a message.
_NOT_NAMES = frozenset({"Per", "Bo", "Hans", "Long", "Mark", "Will", "May", "Grace", "Ek", "Ström", "Berg", "Holm",
                        "Lund", "Falk", "Blom", "Strand", "Gray", "Green", "King", "Wood", "Cook", "Young", "White",
                        "Price", "Hall", "Hill", "Long", "Björk", "Ali", "Ole"})
_NOT_SURNAMES = frozenset({"Lesson", "Lessons"})
# Words after "heter", "kallas", "miss" ... that are not a name.
_NOT_NAME_AFTER = frozenset(
    "det den de han hon hen du jag vi ni man något någon för på i och att som the a an it he she they you him her"
    " this that there what who me us them".split()
)


@dataclass(frozen=True)
class Redactor:
    """Redacts one text at a time; build once per export (it folds the place names in)."""

    keep_words: frozenset[str] = frozenset()  # place names and other words that are never names

    @classmethod
    def for_places(cls, names: Iterable[str]) -> Redactor:
        words = {w for name in names for w in re.findall(rf"[{_U}][{_L}]+", name)}
        return cls(frozenset(words))

    def __call__(self, text: str) -> str:
        if not text:
            return text
        lowered = text.casefold()
        # Cheap substring gates first: most texts have no link, no trigger word, no "-sson".
        if any(hint in lowered for hint in _LINK_HINTS):
            text = _LINK.sub(TAGS["link"], text)
        if _EMAIL_HINT.search(text):
            text = _EMAIL.sub(TAGS["email"], text)
            text = _USERNAME.sub(TAGS["username"], text)
        if _DIGIT.search(text):
            text = _PERSONNUMMER.sub(_personnummer, text)
            text = _PHONE.sub(_keep_dates(TAGS["phone"]), text)
            text = _SV_ADDRESS.sub(TAGS["address"], text)
            text = _EN_ADDRESS.sub(TAGS["address"], text)
            text = _POSTCODE.sub(TAGS["address"], text)
            text = _FLAT.sub(TAGS["address"], text)
            text = _PLATE.sub(_plate, text)
        if any(hint in lowered for hint in _NAME_HINTS):
            text = _NAME_AFTER.sub(self._name_after, text)
        if "sson" in text:
            text = _LOWERCASE_SURNAME.sub(_lowercase_surname, text)
        return _CAPITALISED.sub(self._capitalised_run, text)

    def _name_after(self, match: re.Match[str]) -> str:
        words = match.group(1).split()
        if words[0] in self.keep_words or words[0].casefold() in _NOT_NAME_AFTER:
            return match.group(0)
        start = match.start(1) - match.start(0)
        return match.group(0)[:start] + TAGS["name"]

    def _capitalised_run(self, match: re.Match[str]) -> str:
        """In a run of capitalised words, hide first names with the words after them, and surnames."""
        parts = re.split(r"(\s+)", match.group(0))  # words at even indexes, the spaces between at odd
        out: list[str] = []
        hiding = changed = False
        for i in range(0, len(parts), 2):
            word = parts[i]
            if word in self.keep_words:
                hiding = False
            elif _is_name(word) or (hiding and len(word) > 1):
                hiding = changed = True
                if out and out[-1] == TAGS["name"]:
                    continue  # "Anna Svensson" becomes one tag
                word = TAGS["name"]
            else:
                hiding = False
            if out:
                out.append(parts[i - 1])
            out.append(word)
        if not changed:
            return match.group(0)
        # Drop the space between merged tags: "[namn] [namn]" never occurs, "[namn]" does.
        return re.sub(r"(\[namn\])\s+(?=\[namn\])", "", "".join(out))


def _is_name(word: str) -> bool:
    """A first name or surname from the lists (also in the genitive), or a surname on -sson."""
    for part in word.split("-"):
        for form in (part, part[:-2] if part.endswith("'s") else "", part[:-1] if part.endswith("s") else ""):
            if form and form not in _NOT_NAMES and (form in FIRST_NAMES or form in SURNAMES):
                return True
        if _SURNAME_SUFFIX.match(part) and part not in _NOT_SURNAMES:
            return True
    return False


def _keep_dates(tag: str) -> Callable[[re.Match[str]], str]:
    def replace(match: re.Match[str]) -> str:
        found = match.group(0)
        digits = sum(ch.isdigit() for ch in found)
        if _DATE_LIKE.match(found.strip()) or not 7 <= digits <= 15:
            return found
        return tag

    return replace


def _personnummer(match: re.Match[str]) -> str:
    """Written with a separator or a century it is taken as one; ten bare digits must pass Luhn."""
    found = match.group(0)
    digits = "".join(ch for ch in found if ch.isdigit())
    if len(digits) == 12 or not found.isdigit() or _luhn_ok(digits[-10:]):
        return TAGS["personnummer"]
    return found


def _luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return total % 10 == 0


def _lowercase_surname(match: re.Match[str]) -> str:
    word = match.group(0)
    return TAGS["name"] if word.capitalize() in SURNAMES or len(word) > 6 else word


def _plate(match: re.Match[str]) -> str:
    found = match.group(0)
    return found if found[:3].upper() in _NOT_PLATES else TAGS["plate"]
