"""Redaction of personal data from citizen text, Swedish and English, on planted data."""

from __future__ import annotations

import pytest

from storage.pii import Redactor

PLACES = ["Tanumshede", "Grebbestad", "Fjällbacka", "Hamburgsund", "Hede", "Lur", "Backa", "Östad"]
redact = Redactor.for_places(PLACES)

# (text, the personal data planted in it)
PLANTED: list[tuple[str, list[str]]] = [
    # personnummer and samordningsnummer, with and without century or separator (valid check digits)
    ("Mitt personnummer är 19811218-9876, skriv det i anmälan.", ["19811218-9876", "9876"]),
    ("Han har pnr 811218-9876 och hon 811218 9876.", ["811218-9876", "811218 9876"]),
    ("Grannens samordningsnummer 701063-2391 stod på lappen.", ["701063-2391"]),
    ("pnr 8112189876 i meddelandet", ["8112189876"]),
    ("My Swedish ID number is 198112189876.", ["198112189876"]),
    # phone numbers
    ("Ring mig på 070-123 45 67 efter fem.", ["070-123 45 67", "123 45 67"]),
    ("Nås på 0701234567 eller +46 70 123 45 67.", ["0701234567", "+46 70 123 45 67"]),
    ("Fast telefon 0525-123 45, kvällstid.", ["0525-123 45"]),
    ("Call me on +44 20 7946 0958 or (555) 123-4567.", ["+44 20 7946 0958", "7946 0958", "(555) 123-4567"]),
    ("Number: 555-123-4567", ["555-123-4567"]),
    # e-mail and Telegram usernames, links to profiles
    ("Mejla anna.svensson@example.se så skickar jag bilder.", ["anna.svensson@example.se", "anna.svensson"]),
    ("Write to kalle (at) example (dot) com please", ["kalle (at) example (dot) com"]),
    ("Skriv till @kalle_anka99 på Telegram.", ["@kalle_anka99", "kalle_anka99"]),
    ("Se https://facebook.com/anna.svensson.77 och t.me/grannen_olle", ["facebook.com/anna.svensson.77", "grannen_olle"]),
    # number plates
    ("Bilen hade registreringsnummer ABC 123 och en till med XYZ12A.", ["ABC 123", "XYZ12A"]),
    ("a car with plate abc123 was parked", ["abc123"]),
    ("Mopeden GHJ-456 kör på trottoaren.", ["GHJ-456"]),
    # street addresses
    ("Inbrott på Storgatan 12B i natt.", ["Storgatan 12B"]),
    ("De bor på Gamla vägen 3, lgh 1102.", ["Gamla vägen 3", "1102"]),
    ("Adress: Hamnplan 4, 457 31 Tanumshede", ["Hamnplan 4", "457 31"]),
    ("They live at 221B Baker Street next to 12 Main Road.", ["221B Baker Street", "12 Main Road"]),
    # names of people
    ("Min granne Anna Svensson säljer knark.", ["Anna Svensson", "Svensson"]),
    ("Det är Erik Johansson som kör fort.", ["Erik Johansson", "Johansson"]),
    ("Killen heter kalle och han hotar folk.", ["kalle"]),
    ("Annas pojkvän och Lindqvists hund skäller.", ["Annas", "Lindqvist"]),
    ("Mr Brown and his friend John Smith deal drugs.", ["Brown", "John Smith", "Smith"]),
    ("My name is Sarah Connor and I saw it.", ["Sarah Connor", "Connor"]),
    ("The man is called Vladimir, he lives near the school.", ["Vladimir"]),
    ("Ledaren kallas Zlatan och kör en svart Volvo.", ["Zlatan"]),
    ("Fröken Wikander på skolan såg allt.", ["Wikander"]),
    ("Kontakta Anna-Karin Bergström om grannsamverkan.", ["Anna-Karin", "Bergström"]),
    ("grannen johansson har en ny båt", ["johansson"]),
]

UNCHANGED = [
    "Det langas knark vid hamnen i Grebbestad nästan varje kväll.",
    "Bilar kör alldeles för fort förbi skolan i Fjällbacka, särskilt på morgonen.",
    "Mitt ärende är TAN-2611-0042, det hände 2026-11-16 kl 08.30.",
    "Ring 112 vid nödläge eller 114 14 annars.",
    "Hans bil står vid Konsum i Östad, per dag kommer 10 bilar.",
    "When is the mobile police office in Hede?",
    "Vi är 5 hushåll i Backa som vill starta grannsamverkan.",
    "Tack till polisen för bra bemötande!",
]


@pytest.mark.parametrize(("text", "planted"), PLANTED, ids=[t[:30] for t, _ in PLANTED])
def test_planted_personal_data_is_removed(text: str, planted: list[str]) -> None:
    out = redact(text)
    for secret in planted:
        assert secret not in out, f"{secret!r} left in {out!r}"
    assert "[" in out  # a tag shows where something was taken out


@pytest.mark.parametrize("text", UNCHANGED)
def test_ordinary_text_is_kept(text: str) -> None:
    assert redact(text) == text


def test_tags_name_what_was_removed() -> None:
    out = redact("Anna Svensson, 070-123 45 67, anna@example.se, @annas, ABC 123, Storgatan 1, 811218-9876")
    assert out == "[namn], [telefon], [e-post], [användarnamn], [regnr], [adress], [personnummer]"


def test_redaction_is_idempotent_and_keeps_whitespace() -> None:
    text = "Anna Svensson\nbor på Storgatan 12\n\nRing 070-1234567"
    once = redact(text)
    assert redact(once) == once
    assert once.count("\n") == 3
