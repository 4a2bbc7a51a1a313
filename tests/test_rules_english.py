"""The English reading rules, one family of sentences per rule id (`tracker.extract.english`).

Every sentence here is written for these tests; each family gives several
phrasings of one pattern of the language and checks the rule that reads it,
the owner it names and the work it gives.
"""

from __future__ import annotations

import pytest

from tests.test_extract import extract
from tracker.extract import english
from tracker.extract.model import ProposedAction

PEOPLE = ("Cllr Ann Lowe", "Cllr Tom Reed", "Priya Shah", "Dev Patel", "K. Owusu (Clerk)")


def read(text: str) -> list[ProposedAction]:
    return extract(text, language="en", participants=PEOPLE, body="Parish Council")


def one(text: str) -> ProposedAction:
    [action] = read(text)
    return action


@pytest.mark.parametrize(
    ("sentence", "rule", "owner", "title"),
    [
        # a doer with a future or an obligation
        ("Clerk to order two new litter bins.", "en.doer-future", "Clerk", "Order two new litter bins"),
        ("Cllr Lowe will ask the school about parking.", "en.doer-future", "Cllr Lowe", "Ask the school about parking"),
        ("The Clerk would chase the insurer again.", "en.doer-future", "The Clerk", "Chase the insurer again"),
        ("Priya Shah needs to renew the hall licence.", "en.doer-future", "Priya Shah", "Renew the hall licence"),
        ("The clerk and Cllr Reed to find a contractor for the verges.", "en.doer-future", "The clerk",
         "Find a contractor for the verges"),
        # work a doer takes on
        ("Cllr Reed agreed to draft a reply to the resident.", "en.undertook", "Cllr Reed", "Draft a reply to the resident"),
        ("Dev Patel kindly offered to repaint the bench.", "en.undertook", "Dev Patel", "Repaint the bench"),
        ("After some debate Priya Shah volunteered to run the stall.", "en.undertook", "Priya Shah", "Run the stall"),
        # work handed to the subject
        ("The Clerk was asked to obtain two more quotes.", "en.handed", "The Clerk", "Obtain two more quotes"),
        ("Officers were instructed to publish the notice.", "en.handed", "Officers", "Publish the notice"),
        ("Staff directed to prepare a costed plan.", "en.handed", "Staff", "Prepare a costed plan"),
        # a body handing work to its object
        ("Council directs staff to report on the bus shelter.", "en.object-doer", "staff", "Report on the bus shelter"),
        ("Members asked the Clerk to write to the landowner.", "en.object-doer", "the Clerk", "Write to the landowner"),
        ("The board authorised the Treasurer to open a savings account.", "en.object-doer", "the Treasurer",
         "Open a savings account"),
        # work a decision makes possible for its object
        ("To enable officers to consult the residents again.", "en.enable", "officers", "Consult the residents again"),
        ("To allow the Clerk to order the new signs.", "en.enable", "the Clerk", "Order the new signs"),
        ("To permit Members to inspect the site with the engineer.", "en.enable", "Members",
         "Inspect the site with the engineer"),
        # colloquial obligations
        ("Dev's gotta send the invoice.", "en.doer-future", "Dev Patel", "Send the invoice"),
        ("Priya has got to renew the insurance.", "en.doer-future", "Priya Shah", "Renew the insurance"),
        # work under way
        ("Cllr Lowe is looking into a grant for the path.", "en.doing", "Cllr Lowe", "Look into a grant for the path"),
        ("The Clerk is in the process of updating the asset register.", "en.doing", "The Clerk",
         "Update the asset register"),
        ("Dev Patel is currently preparing the newsletter.", "en.doing", "Dev Patel", "Prepare the newsletter"),
        # a name and a present-tense verb of work
        ("Priya Shah books the hall for the quiz night.", "en.task-line", "Priya Shah", "Book the hall for the quiz night"),
        ("Dev Patel finishes the poster.", "en.task-line", "Dev Patel", "Finish the poster"),
        ("Cllr Reed contacts the highways team.", "en.task-line", "Cllr Reed", "Contact the highways team"),
    ],
)  # fmt: skip
def test_the_doer_of_english_work(sentence: str, rule: str, owner: str, title: str) -> None:
    action = one(sentence)
    assert (action.rule, action.owner, action.title) == (rule, owner, title)


def test_a_first_name_is_the_participant_who_has_it() -> None:
    assert one("Priya will collect the keys from the hall.").owner == "Priya Shah"


def test_several_doers_are_owner_and_co_owners() -> None:
    action = one("Priya Shah and Dev Patel to count the survey forms.")
    assert (action.owner, action.co_owners) == ("Priya Shah", ["Dev Patel"])


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        (
            "Cllr Lowe reported that the gate is broken. She will ask the blacksmith for a price.",
            "Cllr Lowe",
        ),
        (
            "The bench quote is still awaited from the Chairman, which he would chase up.",
            "Chairman",
        ),
        ("Dev Patel said the sign had faded and he would repaint it.", "Dev Patel"),
    ],
)
def test_a_pronoun_points_back_to_the_person_named_before(text: str, owner: str) -> None:
    assert one(text).owner == owner


def test_we_is_the_meeting_s_body() -> None:
    assert one("We will write to the bus company about the timetable.").owner == "Parish Council"


@pytest.mark.parametrize(
    "sentence",
    [
        "It was agreed to defer the purchase until the grant is decided.",
        "The item was deferred until the Treasurer is present.",
        "The application was tabled pending a site visit.",
        "The request for a new bench was kept in view until the budget is set.",
        "The playground works are on hold until the spring.",
        "RESOLVED - That no site meetings take place until the path is reopened.",
    ],
)
def test_parked_work_is_on_hold_with_its_condition(sentence: str) -> None:
    action = one(sentence)
    assert (action.rule, action.kind) == ("en.held", "on_hold")
    assert action.condition is not None
    assert action.condition.split()[0].lower() in {"until", "pending"}


def test_deferred_for_reasons_the_reasons_are_the_condition_and_each_is_work() -> None:
    actions = read(
        "RESOLVED - That the application be deferred for the following reasons:\n"
        "1. To enable Members to visit the site.\n2. To enable officers to consult the school.\n"
    )
    held, *work = actions
    assert (held.kind, held.condition) == (
        "on_hold", "To enable Members to visit the site.; To enable officers to consult the school.",
    )  # fmt: skip
    assert [(a.owner, a.title) for a in work] == [
        ("Members", "Visit the site"), ("officers", "Consult the school"),
    ]  # fmt: skip


def test_each_doer_of_a_resolution_keeps_its_own_clause_as_source() -> None:
    actions = read(
        "RESOLVED - That no site meetings take place until the path is reopened and, where "
        "appropriate, officers send photographs to Members."
    )
    assert [(a.kind, a.owner) for a in actions] == [("on_hold", None), ("communicate", "officers")]
    assert actions[1].source.startswith("officers send photographs")


@pytest.mark.parametrize(
    "sentence",
    [
        "The item was deferred to the next meeting.",
        "The motion was tabled to the meeting on 14 May.",
        "The Board tabled this item until the time certain of 14 May.",
        "The report will be brought back to the next meeting.",
        "The footpath matter is to be put back on the agenda for the next meeting.",
    ],
)
def test_work_brought_back_to_a_named_meeting_is_a_report_back(sentence: str) -> None:
    action = one(sentence)
    assert action.kind == "report_back"
    assert action.rule in {"en.held", "en.bring-back"}


@pytest.mark.parametrize(
    ("sentence", "title"),
    [
        (
            "The minutes will be circulated to all members.",
            "The minutes will be circulated to all members",
        ),
        (
            "Three quotes are to be obtained for the roof.",
            "Three quotes are to be obtained for the roof",
        ),
        (
            "The risk assessments need reviewing before the summer.",
            "The risk assessments need reviewing before the summer",
        ),
    ],
)
def test_work_without_a_doer(sentence: str, title: str) -> None:
    action = one(sentence)
    assert action.owner is None
    assert action.rule in {"en.agentless", "en.needs-doing"}
    assert action.title.startswith(title.split(" before")[0])


@pytest.mark.parametrize(
    "sentence",
    [
        # decisions complete at the meeting
        "RESOLVED that the minutes of the last meeting be approved and signed.",
        "The accounts were approved as presented.",
        "Motion carried.",
        "The report was noted.",
        "It was resolved to accept the quote from the contractor.",
        "Cllr Reed was re-elected as Chair.",
        "Decided to let go of the old website since nobody uses it.",
        # reported, described or asked in the meeting
        "Cllr Lowe reported on the recent flooding.",
        "The seats are worn and should be replaced.",
        "Members asked how the visit would be arranged.",
        "The Treasurer had made a list of items to be covered this year.",
        # courtesies and sentence-initial words that name no one
        "We would like to thank the volunteers for their work.",
        "Talk to the caretaker if the door sticks.",
        "Review of the minutes from the last meeting.",
        "This will cost about 200 pounds.",
        "The next meeting will be held on 3 June.",
    ],
)
def test_no_action_where_no_work_follows(sentence: str) -> None:
    assert read(sentence) == []


def test_every_english_rule_id_is_unique_and_described() -> None:
    ids = [rule.id for rule in english.RULES]
    assert len(ids) == len(set(ids))
    assert all(
        rule.id.startswith("en.") and rule.language == "en" and rule.matches
        for rule in english.RULES
    )
