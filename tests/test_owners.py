"""Owner patterns, Danish and English: who owns the work, and who only receives it."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.extract import extract_actions
from tracker.extract.owners import People, owner_name, split_owners
from tracker.minutes.model import AgendaItem, Decision, Meeting, Minutes
from tracker.organisation import load_organisation

EMPTY = load_organisation(None)
PEOPLE = People(("Anya Krogh Manghezi", "Lars Holte", "Cllr R. Patel", "Mrs J. Smith"))


@pytest.mark.parametrize(
    ("phrase", "owner"),
    [
        ("ØC", "ØC"),
        ("HRC", "HRC"),
        ("Forvaltningen", "Forvaltningen"),
        ("sekretariatet", "Sekretariatet"),
        ("Direktionssekretariatet", "Direktionssekretariatet"),
        ("Vejafdelingen", "Vejafdelingen"),
        ("borgmesteren", "Borgmesteren"),
        ("Kommunaldirektøren", "Kommunaldirektøren"),
        ("Børne- og Skoleudvalget", "Børne- og Skoleudvalget"),
        ("Teknik og Miljø", "Teknik og Miljø"),
        ("Center for Økonomi", "Center for Økonomi"),
        ("Anya", "Anya Krogh Manghezi"),
        ("Cllr Patel", "Cllr Patel"),
        ("the Clerk", "the Clerk"),
        ("Clerk", "Clerk"),
        ("the Director of Finance", "the Director of Finance"),
    ],
)
def test_phrases_that_name_an_owner(phrase: str, owner: str) -> None:
    assert owner_name(phrase, EMPTY, PEOPLE) == owner


@pytest.mark.parametrize("phrase", ["KL", "Sagen", "det", "programmet", "aftalen", "mødeaktiviteten"])
def test_phrases_that_never_name_an_owner(phrase: str) -> None:
    assert owner_name(phrase, EMPTY, PEOPLE) is None


def test_two_units_are_split_but_a_unit_with_og_in_its_name_is_not() -> None:
    assert split_owners("ØC og HRC", EMPTY, PEOPLE) == ["ØC", "HRC"]
    assert split_owners("Teknik og Miljø", EMPTY, PEOPLE) == ["Teknik og Miljø"]
    assert split_owners("Kultur- og Erhvervsafdelingen", EMPTY, PEOPLE) == ["Kultur- og Erhvervsafdelingen"]


def owners_of(decision: str, *, language: str = "da") -> list[str | None]:
    item = AgendaItem(position=1, number="1", title="Sag",
                      decisions=[Decision("", decision)], decision=decision)  # fmt: skip
    meeting = Meeting(body="Direktionen", date=date(2024, 3, 4), participants=list(PEOPLE.names))
    return [a.owner for a in extract_actions(Minutes(meeting, [item], language=language), EMPTY)]


@pytest.mark.parametrize(
    ("decision", "owners"),
    [
        # a named actor with a present-tense verb
        ("HRC undersøger og tilretter programmet.", ["HRC"]),
        ("Forvaltningen svarer skriftligt inden 14 dage.", ["Forvaltningen"]),
        # the actor after a fronted adverbial is still the subject
        ("Teknik og Miljø udarbejder et skitseprojekt.", ["Teknik og Miljø"]),
        # "via" names the channel that does the work; the recipient is not the owner
        ("Det blev aftalt, at referatet sendes til Byrådet via sekretariatet.", ["Sekretariatet"]),
        # "v. Anya": presented by
        ("Det blev aftalt, at notatet færdiggøres v. Anya.", ["Anya Krogh Manghezi"]),
        # a recipient in the passive subject is no owner
        ("Byrådet orienteres om resultatet.", [None]),
        ("Sagen forelægges Økonomiudvalget.", [None]),
        # authority given and requests name the one who acts
        ("Direktøren bemyndiges til at underskrive kontrakten.", ["Direktøren"]),
        ("Direktionen anmoder HR om at udarbejde en plan.", ["HR"]),
        # a precondition names who must act before the case returns
        ("Sagen genoptages, når Vejafdelingen har indhentet et tilbud.", ["Vejafdelingen"]),
        # a relative clause names the one who brings the work
        ("Det blev aftalt, at sagen drøftes på næste møde, hvor ØC kommer med et oplæg.", ["ØC"]),
        # a case sent back belongs to whoever gets it
        ("Sagen blev sendt tilbage til Børne- og Skoleudvalget med henblik på en afklaring.",
         ["Børne- og Skoleudvalget"]),
    ],
)  # fmt: skip
def test_danish_owner_patterns(decision: str, owners: list[str | None]) -> None:
    assert owners_of(decision) == owners


@pytest.mark.parametrize(
    ("decision", "owners"),
    [
        ("ACTION: Clerk to order new signs by 1 May 2024.", ["Clerk"]),
        ("RESOLVED that the Clerk obtain two quotes.", ["the Clerk"]),
        ("Cllr Patel will draft a letter to residents.", ["Cllr Patel"]),
        ("The Clerk was asked to contact the police.", ["The Clerk"]),
        ("It was agreed to write to the County Council.", [None]),
        ("The matter was referred to the Planning Committee.", ["the Planning Committee"]),
    ],
)
def test_english_owner_patterns(decision: str, owners: list[str | None]) -> None:
    assert owners_of(decision, language="en") == owners
