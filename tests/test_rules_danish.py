"""The Danish reading rules, one family of sentences per rule id (`tracker.extract.danish`).

Every sentence here is written for these tests: several phrasings of one
pattern of the language, each checked for the rule that reads it, the owner
it names and the work it gives.
"""

from __future__ import annotations

import pytest

from tests.test_extract import extract
from tracker.extract import danish


@pytest.mark.parametrize(
    ("decision", "rule", "owner", "title"),
    [
        # a body handing work to its object
        ("Udvalget bemyndiger borgmesteren til at underskrive lejekontrakten.", "da.asked", "Borgmesteren",
         "Underskriv lejekontrakten"),
        ("Økonomiudvalget anmoder forvaltningen om at beskrive tre modeller.", "da.asked", "Forvaltningen",
         "Beskriv tre modeller"),
        ("Direktionen pålægger sekretariatet at samle høringssvarene.", "da.asked", "Sekretariatet",
         "Saml høringssvarene"),
        ("Bestyrelsen opfordrer kassereren til at forny aftalen med banken.", "da.asked", "Kassereren",
         "Forny aftalen med banken"),
        # authority handed over
        ("Direktionen giver HR mandat til at forhandle en ny aftale.", "da.mandate", "HR", "Forhandl en ny aftale"),
        ("Udvalget gav formanden bemyndigelse til at godkende tilbuddet.", "da.mandate", "Formanden",
         "Godkend tilbuddet"),
        # a subject, a modal and its infinitive
        ("Forvaltningen skal inden sommerferien fremlægge en plan for stierne.", "da.modal-subject",
         "Forvaltningen", "Fremlæg en plan for stierne"),
        ("Sekretariatet vil sende materialet ud i god tid.", "da.modal-subject", "Sekretariatet",
         "Send materialet ud i god tid"),
        ("Kassereren skal hurtigst muligt betale fakturaen.", "da.modal-subject", "Kassereren", "Betal fakturaen"),
        # a named actor with a present-tense verb
        ("Lise tager kontakt til skolen om cykelparkeringen.", "da.actor", "Lise", "Tag kontakt til skolen om cykelparkeringen"),
        ("ØC og HRC udarbejder et fælles notat.", "da.actor", "ØC", "Udarbejd et fælles notat"),
        ("Kassereren indhenter tilbud på nye gynger.", "da.actor", "Kassereren", "Indhent tilbud på nye gynger"),
        # a topic named before the sentence about it, with or without a space
        ("Projektor: Lise ordner den.", "da.actor", "Lise", "Ordn den"),
        ("Hjemmeside:Kassereren opdaterer siden med de nye priser.", "da.actor", "Kassereren",
         "Opdater siden med de nye priser"),
        ("ii) Vejledning til teknik; Sekretæren sætter skilt op ved døren.", "da.actor", "Sekretæren",
         "Sæt skilt op ved døren"),
        # an object put first, its preposition left at the end
        ("Det tager formanden fat i.", "da.fronted-actor", "Formanden", "Tag fat i det"),
        ("Den følger Lise op på.", "da.fronted-actor", "Lise", "Følg op på den"),
        ("Dette sørger kassereren for.", "da.fronted-actor", "Kassereren", "Sørg for dette"),
        # work X takes on
        ("Kassereren lovede at sende regnskabet rundt.", "da.undertook", "Kassereren", "Send regnskabet rundt"),
        ("Sekretæren påtog sig at skrive til kommunen.", "da.undertook", "Sekretæren", "Skriv til kommunen"),
        ("Bo tilbød at køre materialet ud.", "da.undertook", "Bo", "Kør materialet ud"),
        # an aside in brackets is a sentence of its own
        ("Økonomien ser fornuftig ud (kassereren udsender et overblik inden mødet).", "da.actor",
         "Kassereren", "Udsend et overblik inden mødet"),
        # discussing a matter with someone is an errand, not the body deciding
        ("JN drøfter det med sekretariatet på mødet den 10/4-2026.", "da.actor", "JN",
         "Drøft det med sekretariatet på mødet den 10/4-2026"),
        # work in the passive
        ("Referatet sendes ud til alle medlemmer.", "da.passive", None, "Send referatet ud til alle medlemmer"),
        ("Der skal udarbejdes en tidsplan.", "da.modal", None, "Udarbejd en tidsplan"),
        # a case referred on
        ("Sagen oversendes til Økonomiudvalget.", "da.referral", "Økonomiudvalget", None),
    ],
)  # fmt: skip
def test_the_doer_of_danish_work(
    decision: str, rule: str, owner: str | None, title: str | None
) -> None:
    [action] = extract(decision)
    assert (action.rule, action.owner) == (rule, owner)
    if title is not None:
        assert action.title == title


def test_several_owners_are_owner_and_co_owners() -> None:
    [action] = extract("ØC og HRC udarbejder et fælles notat.")
    assert (action.owner, action.co_owners) == ("ØC", ["HRC"])


@pytest.mark.parametrize(
    "decision",
    [
        "Godkendt.",
        "Indstillingen blev tiltrådt.",
        "Orienteringen blev taget til efterretning.",
        "Udvalget godkender regnskabet.",
        "Mødet skal ske i dialog med skolebestyrelsen.",
        # a fronted object without a stranded preposition: the name may be its object
        "Det koster Lise mange penge.",
        "Det fortæller Kassereren.",
        # an -er noun after a preposition is no verb
        "Brev til regionen om nedlæggelse af busruter er afsendt.",
        # a speaker and what they said
        "Lise: Vi synes, at forslaget er godt.",
        # states and habits in the present tense
        "Foreningen anvender en fælles mailadresse.",
        "Kassereren sender typisk regnskabet ud i marts.",
        "Værket kører som det skal.",
        # nouns after a determiner, a participle or an adjective in -ende
        "Følgende punkter blev gennemgået.",
        "Krævede felter er markeret med en stjerne.",
        "Status på igangværende aktiviteter.",
        # negations, bans, elections and the meeting's own calendar
        "Elevrådet deltager ikke i mødet.",
        "De gamle rør må ikke bruges til husene.",
        "Bestyrelsen vælger en ny kasserer.",
        "Næste møde rykkes til den 30. maj.",
        # deponents
        "Forsinkelsen skyldes vejret.",
        # questions
        "Hvordan nedbringer vi ledningstabet?",
        "Hvem kontakter skolen?",
    ],
)
def test_no_action_where_the_decision_is_complete(decision: str) -> None:
    assert extract(decision) == []


@pytest.mark.parametrize(
    ("decision", "title"),
    [
        ("Kontrakter: Venter til næste møde.", "Vent til næste møde"),
        ("Sagen venter på svar fra ministeriet.", None),
        ("Møde aflyst. Venter på at få berammet et nyt.", "Vent på at få berammet et nyt"),
    ],
)
def test_an_item_that_waits_is_on_hold(decision: str, title: str | None) -> None:
    [action] = extract(decision)
    assert (action.rule, action.kind) == ("da.on-hold", "on_hold")
    if title is not None:
        assert action.title == title


@pytest.mark.parametrize(
    "decision",
    [
        "På grund af for få fremmødte blev punktet flyttet til næste bestyrelsesmøde.",
        "Sagen genoptages på næste møde.",
        "Punktet udsættes til næste udvalgsmøde.",
        "Emnet behandles igen på et kommende møde.",
    ],
)
def test_an_item_back_at_a_later_meeting_is_reported_back_then(decision: str) -> None:
    [action] = extract(decision)
    assert (action.rule, action.kind, action.title) == (
        "da.resumed",
        "report_back",
        "Genoptag punktet",
    )
    assert action.due is None and action.due_text  # no later meeting known: the phrase stays


@pytest.mark.parametrize(
    ("decision", "condition"),
    [
        ("Sagen udskydes, indtil KL's udspil foreligger.", "indtil KL's udspil foreligger"),
        (
            "Punktet tages op igen, når budgettet for næste år kendes.",
            "når budgettet for næste år kendes",
        ),
        ("Høringen blev udsat til efter sommerferien.", "til efter sommerferien"),
    ],
)
def test_work_parked_until_something_happens_is_on_hold_with_its_condition(
    decision: str, condition: str
) -> None:
    [action] = extract(decision)
    assert (action.rule, action.kind, action.condition) == ("da.parked", "on_hold", condition)
    assert action.title == decision.rstrip(".")  # the clause is its own title


def test_the_same_owners_next_task_is_its_own_action() -> None:
    actions = extract(
        "Lise køber kroge til depotet. Bo har ryddet op. Lise køber en spand til pant."
    )
    assert [a.title for a in actions] == ["Køb kroge til depotet", "Køb en spand til pant"]


def test_every_danish_rule_id_is_unique_and_described() -> None:
    ids = [rule.id for rule in danish.RULES]
    assert len(ids) == len(set(ids))
    assert all(
        rule.id.startswith("da.") and rule.language == "da" and rule.matches
        for rule in danish.RULES
    )


def test_a_first_name_stands_for_the_person_named_in_full_earlier() -> None:
    actions = extract(
        "Projektor: Carsten Holmgaard ordner den. Skilte: Carsten sætter skilt op ved døren."
    )
    assert [a.owner for a in actions] == ["Carsten Holmgaard", "Carsten Holmgaard"]
