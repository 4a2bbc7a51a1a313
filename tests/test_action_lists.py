"""Actions the minutes set out rather than say: tables, action lists, ACTION lines, owner tags.

Every case is written for this project, one family per layout, in Danish and
English, with the look-alikes that hold no actions (a table of contents, a
budget, a list of participants) beside them.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tracker.cli import app
from tracker.extract import ProposedAction, extract_actions
from tracker.extract.due import DueContext, typed_due
from tracker.extract import lists
from tracker.extract.lists import scan
from tracker.extract.owners import People
from tracker.extract.tables import column_role, is_done, read_table
from tracker.ingest import read_document
from tracker.minutes import parse_minutes
from tracker.minutes.model import AgendaItem, Decision, Meeting, Minutes, Section
from tracker.organisation import load_organisation

EMPTY = load_organisation(None)
MEETING_DAY = date(2024, 3, 5)  # a Tuesday
DANISH_PEOPLE = ("Anna Berg", "Bo Holm", "Karen Marie Lund")
ENGLISH_PEOPLE = ("R. Hale", "T. Moss", "Ruth Nash", "P. Kerr")


def item(text: str, number: str = "1", *, sections: list[Section] | None = None) -> AgendaItem:
    """An item whose whole text is its decision (no section headings), or one with sections."""
    if sections is not None:
        own = [s.text for s in sections if s.kind == "beslutning"][-1]
        return AgendaItem(position=int(number), number=number, title="Punkt", sections=sections,
                          decisions=[Decision("Beslutning", own)], decision=own)  # fmt: skip
    return AgendaItem(position=int(number), number=number, title="Punkt",
                      decisions=[Decision("", text)], decision=text)  # fmt: skip


def extract(
    *texts: str, language: str = "da", people: tuple[str, ...] = DANISH_PEOPLE
) -> list[ProposedAction]:
    items = [item(text, str(n)) for n, text in enumerate(texts, start=1)]
    meeting = Meeting(body="Styregruppen", date=MEETING_DAY, participants=list(people))
    return extract_actions(Minutes(meeting, items, language=language), EMPTY)


def english(*texts: str) -> list[ProposedAction]:
    return extract(*texts, language="en", people=ENGLISH_PEOPLE)


def summary(actions: list[ProposedAction]) -> list[tuple[str, str | None, date | None]]:
    return [(a.title, a.owner, a.due) for a in actions]


# --- tables: task, owner and deadline columns ------------------------------------------

DANISH_TABLE_ROWS = [
    ("Nr.", "Handling", "Ansvarlig", "Frist", "Status"),
    ("1", "Opdatere mødeplanen", "AB", "Inden næste møde", "I gang"),
    ("2", "Bestille lokale til temadag", "Bo Holm / KML", "1. maj 2024", ""),
    ("3", "Sende referatet ud", "AB", "", "Lukket"),
]


@pytest.mark.parametrize(
    "layout",
    [
        pytest.param(lambda row: "| " + " | ".join(row) + " |", id="markdown"),
        pytest.param(lambda row: "\t".join(row), id="tabs"),
        pytest.param(lambda row: " | ".join(row), id="pipes"),
    ],
)
def test_a_danish_action_table_gives_one_action_per_open_row(layout: object) -> None:
    render = layout if callable(layout) else None
    assert render is not None
    lines = [render(row) for row in DANISH_TABLE_ROWS]
    if lines[0].startswith("|"):
        lines.insert(1, "|---|---|---|---|---|")
    text = "Handlingsloggen blev gennemgået.\n\n" + "\n".join(lines)

    actions = extract(text)

    assert summary(actions) == [
        ("Opdatere mødeplanen", "Anna Berg", None),  # next meeting: no date known
        ("Bestille lokale til temadag", "Bo Holm", date(2024, 5, 1)),
    ]
    assert actions[1].co_owners == ["Karen Marie Lund"]  # initials of first and last name
    assert {a.rule for a in actions} == {"table.task-owner-deadline"}
    assert actions[0].due_text == "Inden næste møde"
    assert "Opdatere mødeplanen" in actions[0].source


def test_a_space_aligned_table_with_an_empty_cell_and_a_wrapped_task() -> None:
    text = (
        "Aktivitet                      Hvem        Hvornår\n"
        "Indhente tilbud på ny          Bo          uge 14\n"
        "  hjemmeside\n"
        "Skrive til foreningerne                    30.4\n"
    )
    assert summary(extract(text)) == [
        ("Indhente tilbud på ny hjemmeside", "Bo Holm", date(2024, 4, 2)),  # Monday is Easter
        ("Skrive til foreningerne", None, date(2024, 4, 30)),
    ]


def test_an_english_action_table_reads_by_whom_and_when() -> None:
    text = (
        "Action\tBy whom\tWhen\n"
        "Order two new benches for the green\tClerk\tby 30 April\n"
        "Ask the county about the verge\tRH\t\n"
        "Check the play area\tTM\tDone\n"
    )
    actions = english(text)
    assert summary(actions) == [
        ("Order two new benches for the green", "Clerk", date(2024, 4, 30)),
        ("Ask the county about the verge", "R. Hale", None),  # no date given, none invented
        ("Check the play area", "T. Moss", None),
    ]


def test_a_done_status_leaves_the_row_out_but_a_not_done_one_stays() -> None:
    assert is_done("Punkt lukkes. Projektet er i gang.")
    assert is_done("Done")
    assert not is_done("Ikke afsluttet")
    assert not is_done("I gang")


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Punkt | Side\nGodkendelse af dagsorden | 2\nBudget 2025 | 4\n", id="contents"
        ),
        pytest.param(
            "| Post | 2024 | 2025 |\n|---|---|---|\n| Løn | 1.200 | 1.250 |\n| Drift | 300 | 310 |\n",
            id="budget",
        ),
        pytest.param("Figur\tTitel\tSide\n1\tKort over området\t3\n", id="figures"),
        pytest.param(
            "| Navn | Organisation | Init. |\n|---|---|---|\n| Anna Berg | Kommunen | AB |\n",
            id="participants",
        ),
        pytest.param("Dato\tAktivitet\tSted\n12. april\tTemadag\tRådhuset\n", id="schedule"),
    ],
)
def test_tables_that_are_not_actions(text: str) -> None:
    assert extract(text) == []


@pytest.mark.parametrize(
    ("cell", "role"),
    [("Handling", "task"), ("By whom", "owner"), ("Status/kommentar", "status"),
     ("**Deadline** (dato)", "due"), ("Hvornår?", "due"), ("Side", None), ("Beløb", None)],
)  # fmt: skip
def test_header_words_name_columns(cell: str, role: str | None) -> None:
    assert column_role(cell) == role


def test_a_table_needs_rows_under_its_header() -> None:
    assert read_table(["Opgave | Ansvarlig", "", "Tekst"], 0) is not None
    assert extract("Opgave | Ansvarlig\n\nTeksten fortsætter her.") == []


# --- action lists under a heading ----------------------------------------------------


def test_an_english_action_items_list_with_name_task_bullets() -> None:
    text = (
        "The group discussed the autumn fair.\n\n"
        "Action items:\n"
        "- Ruth: send the draft programme to the group by 15 March\n"
        "- Peter Lane: book the hall\n"
        "- [x] Tom: circulate the minutes\n"
        "- Ask the school about parking\n"
    )
    actions = english(text)
    assert summary(actions) == [
        ("Send the draft programme to the group", "Ruth Nash", date(2024, 3, 15)),
        ("Book the hall", "Peter Lane", None),
        ("Ask the school about parking", None, None),
    ]
    assert [a.rule for a in actions] == [
        "bullet.name-task",
        "bullet.name-task",
        "list.action-items",
    ]


def test_list_entries_with_reference_numbers_initials_groups_and_handles() -> None:
    text = (
        "## Actions\n\n"
        " * 4.1: RH/TM: Draft the letter to the landowner.\n"
        " * 4.2: RH/TM to price the new fence.\n"
        " * jdoe to update the website\n"
    )
    actions = english(text)
    assert [(a.title, a.owner, a.co_owners) for a in actions] == [
        ("Draft the letter to the landowner", "R. Hale", ["T. Moss"]),
        ("Price the new fence", "R. Hale", ["T. Moss"]),
        ("Update the website", "jdoe", []),
    ]
    assert actions[0].source == "4.1: RH/TM: Draft the letter to the landowner."


def test_a_danish_aftaler_list_reads_who_from_the_wording() -> None:
    text = (
        "## Aftaler\n\n"
        "- Bo sender invitationen til medlemmerne senest 20. marts\n"
        "- KML: udarbejder et udkast til budget\n"
        "- Mødeplanen for efteråret lægges på hjemmesiden\n"
    )
    actions = extract(text)
    assert [(a.owner, a.due) for a in actions] == [
        ("Bo Holm", date(2024, 3, 20)),
        ("Karen Marie Lund", None),
        (None, None),
    ]
    assert actions[0].title.startswith("Send invitationen til medlemmerne")
    assert actions[2].title.startswith("Læg mødeplanen for efteråret på hjemmesiden")


def test_an_opfoelgning_list_without_bullets_ends_at_the_blank_line() -> None:
    text = "Opfølgning:\nAnna: tjekke lokalebookingen\nBo: rykke for regningen\n\nMødet sluttede kl. 17."
    assert [(a.owner, a.rule) for a in extract(text)] == [
        ("Anna Berg", "bullet.name-task"),
        ("Bo Holm", "bullet.name-task"),
    ]


def test_an_action_list_after_the_last_item_belongs_to_the_last_item() -> None:
    actions = english(
        "The accounts were received and noted.",
        "Any other business: none.\n\nActions\n* Clerk to renew the insurance\n* RH to phone the contractor\n",
    )
    assert [(a.item, a.owner) for a in actions] == [("2", "Clerk"), ("2", "R. Hale")]


def test_a_sentence_and_an_action_list_entry_for_the_same_work_are_one_action() -> None:
    text = (
        "Bo sender invitationen til alle medlemmer af foreningen.\n\n"
        "Aftaler:\n- Bo: sender invitationen til medlemmer af foreningen\n"
    )
    [action] = extract(text)
    assert action.rule == "bullet.name-task"
    assert "Bo sender invitationen til alle medlemmer" in action.source


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Deltagere:\n- Anna Berg: formand\n- Bo Holm: kasserer\n", id="participants"),
        pytest.param("To do:\n\nMødekalender for efteråret\n\n12. september\n", id="empty-list"),
        pytest.param("Actions: none.\n", id="none"),
        pytest.param("Aftaler:\n- [x] Anna: bestille kaffe\n", id="ticked-off"),
    ],
)
def test_lists_that_hold_no_actions(text: str) -> None:
    assert extract(text) == []


# --- lists under a heading that names their owner -------------------------------------

OWNER_HEADINGS = {
    "en": """Minutes of the committee, 5 March 2024

Present: ruth, tomas, pia

# Fundraising

  - The raffle made a small profit.

# ruth

  - book the hall for the spring fair
  - ask the printers for a quote
    for the posters

# All Committee

  - renew membership cards

# tomas
""",
    "da": """Referat af bestyrelsesmøde 5. marts 2024

Deltagere: Anna Berg, Bo Holm

## Økonomi

Regnskabet blev gennemgået.

## Anna Berg

- bestille lokale til generalforsamlingen
- Bo: sende indkaldelsen ud

## Alle

- læse vedtægtsforslaget inden næste møde
""",
}


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", [("Book the hall for the spring fair", "ruth"),
                ("Ask the printers for a quote for the posters", "ruth"),
                ("Renew membership cards", "All Committee")]),
        ("da", [("Bestille lokale til generalforsamlingen", "Anna Berg"),
                ("Sende indkaldelsen ud", "Bo Holm"),
                ("Læse vedtægtsforslaget", "Alle")]),
    ],
)  # fmt: skip
def test_a_heading_naming_a_participant_owns_the_list_under_it(
    language: str, expected: list[tuple[str, str]]
) -> None:
    minutes = parse_minutes(OWNER_HEADINGS[language], source="x", body="Bestyrelsen")
    actions = extract_actions(minutes, EMPTY)
    assert [(a.title, a.owner) for a in actions] == expected
    # An entry may name its own owner ("- Bo: ..."); the heading owns the rest.
    assert {a.rule for a in actions if a.owner == expected[0][1]} == {"list.owner-heading"}


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Referat 5. marts 2024\n\nDeltagere: Anna Berg\n\n## Økonomi\n\n"
                     "- regnskabet\n- budgettet\n\n## Kommunikation\n\n- nyhedsbrev\n",
                     id="topic-headings"),
        pytest.param("Referat 5. marts 2024\n\nDeltagere: Anna Berg\n\n## Anna Berg\n\n"
                     "Anna fortalte om sit arbejde.\n\n## Bo\n\n- ferie\n",
                     id="prose-under-a-name"),
    ],
)  # fmt: skip
def test_lists_under_headings_that_are_no_owners_hold_no_owned_work(text: str) -> None:
    minutes = parse_minutes(text, source="x", body="Bestyrelsen")
    assert all(a.rule != "list.owner-heading" for a in extract_actions(minutes, EMPTY))


# --- ACTION: lines -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "title", "owner"),
    [
        ("ACTION: Clerk to write to the highways team by 2 April 2024.",
         "Write to the highways team", "Clerk"),
        ("Action item: jdoe will open an issue for the broken link.",
         "Open an issue for the broken link", "jdoe"),
        ("***Action item for all members: Read the draft policy before the next meeting***",
         "Read the draft policy", "all members"),
        ("ACTION all: please send comments on the survey", "Please send comments on the survey", "all"),
        # A participant written without the full stop is the participant.
        ("- Action - P Kerr to collect the keys", "Collect the keys", "P. Kerr"),
    ],
)  # fmt: skip
def test_english_action_lines(line: str, title: str, owner: str) -> None:
    [action] = english(f"The members discussed the matter.\n{line}\n")
    assert (action.title, action.owner, action.rule) == (title, owner, "marker.action-colon")


def test_an_action_line_gives_its_date() -> None:
    [action] = english("ACTION: Clerk to write to the highways team by 2 April 2024.")
    assert (action.due, action.due_text) == (date(2024, 4, 2), "by 2 April 2024")


def test_an_action_marker_after_a_sentence_on_the_same_line() -> None:
    [action] = english("Members noted the report. ACTION: RH to update the asset register.")
    assert (action.owner, action.source) == ("R. Hale", "ACTION: RH to update the asset register.")


def test_a_danish_handling_line() -> None:
    [action] = extract("Handling: KML undersøger mulighederne for tilskud.")
    assert (action.owner, action.kind, action.rule) == (
        "Karen Marie Lund", "investigate", "marker.action-colon",
    )  # fmt: skip


# --- owner tags after a minute -----------------------------------------------------


def test_action_initials_at_the_end_of_a_minute_give_the_owner() -> None:
    text = (
        "a) Bus shelter – a second quote is still awaited; the Chair is on it.      Action RN\n"
        "b) Notice board – the new lock had not arrived; the Clerk would ask again.\tAction: RH/TM\n"
        "c) Hedge – the Clerk had written to the owner.\n"
    )
    actions = english(text)
    # Where no rule reads work, the tag makes the minute an action; where one
    # does ("the Clerk would ask again"), the tag names its owners outright.
    assert [(a.owner, a.co_owners, a.rule) for a in actions] == [
        ("Ruth Nash", [], "tag.action-initials"),
        ("R. Hale", ["T. Moss"], "en.doer-future"),
    ]
    assert actions[0].title.startswith("Bus shelter – a second quote is still awaited")
    assert actions[1].title == "Ask again"


def test_an_action_tag_on_its_own_line_tags_the_minute_above() -> None:
    text = (
        "The Clerk would find out who owns the verge.\nAction: Clerk\n\nThe meeting closed at 9pm."
    )
    [action] = english(text)
    assert (action.owner, action.source) == (
        "Clerk",
        "The Clerk would find out who owns the verge.",
    )


def test_a_tag_gives_its_owner_to_work_the_sentence_readers_find() -> None:
    # "It was agreed to ..." is work without an owner; the tag names who.
    [action] = english("It was agreed to repaint the railings before the summer.   Action TM")
    assert (action.owner, action.rule) == ("T. Moss", "en.infinitive")


def test_unknown_initials_stay_as_written() -> None:
    [action] = english("The gate had to be repaired.   Action JW")
    assert action.owner == "JW"


def test_ansvarlig_under_a_block_owns_its_ownerless_work() -> None:
    text = (
        "### Markedsdialog\n\n"
        "Der udarbejdes en plan for dialogen med leverandørerne.\n\n"
        "Bo Holm kontakter kommunens jurist om reglerne.\n\n"
        "**Ansvarlig**: AB\n"
    )
    actions = extract(text)
    assert [(a.owner, a.rule) for a in actions] == [
        ("Anna Berg", "da.passive"),
        ("Bo Holm", "da.actor"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Ansvarlig:\n\nForpersonskabet\n\nPunktet blev drøftet.", id="agenda-field"),
        pytest.param("Ansvarlig: Formanden\n\nBestyrelsen drøftede sagen.", id="before-the-text"),
        pytest.param(
            "The council took action.\nThe village action plan was noted.", id="the-word-action"
        ),
    ],
)
def test_tags_that_hold_no_actions(text: str) -> None:
    assert extract(text, language="en" if "council" in text else "da") == []


# --- where the rules read ---------------------------------------------------------


def test_lists_in_other_sections_count_but_not_another_bodys_decision() -> None:
    sections = [
        Section(
            "sagsfremstilling", "Sagsfremstilling", "Handling | Ansvarlig\nOpstille skilte | Bo"
        ),
        Section(
            "beslutning",
            "Beslutning i Udvalget den 01-02-2024",
            "Aftaler:\n- Anna: bestille skiltene",
        ),
        Section("beslutning", "Beslutning i Styregruppen den 05-03-2024", "Godkendt."),
    ]
    agenda_item = item("", sections=sections)
    agenda_item.decisions.insert(0, Decision(sections[1].heading, sections[1].text))
    meeting = Meeting(body="Styregruppen", date=MEETING_DAY, participants=list(DANISH_PEOPLE))
    actions = extract_actions(Minutes(meeting, [agenda_item]), EMPTY)
    assert [(a.title, a.owner) for a in actions] == [("Opstille skilte", "Bo Holm")]


@pytest.mark.parametrize(
    "line",
    ["12. Ansvarlig: KL", "- Aftaler:", "b) Opfølgning", "👷 Ansvarlig: KL", "[x] Handlingsliste"],
)
def test_a_label_after_a_number_bullet_or_symbol_is_a_line_the_rules_look_at(line: str) -> None:
    assert lists._candidates(line.lower())[:1] == [0]  # found at the line's start


def test_scan_leaves_the_unread_lines_for_the_sentence_readers() -> None:
    text = "Sagen blev drøftet.\nOpgave | Ansvarlig\nRinge til Bo | AB\nDer indkaldes til nyt møde."
    result = scan(text, "da", People(DANISH_PEOPLE))
    assert result.remaining.split("\n") == [
        "Sagen blev drøftet.",
        "",
        "",
        "Der indkaldes til nyt møde.",
    ]
    assert [entry.owners for entry in result.listed] == [("AB",)]


def test_initials_name_a_participant_only_when_unique() -> None:
    people = People(("Anna Berg", "Anders Bach", "Karen Marie Lund", "R. Hale", "Anna-Lis Kofoed"))
    assert people.by_initials("KML") == "Karen Marie Lund"
    assert people.by_initials("KL") == "Karen Marie Lund"
    assert people.by_initials("RH") == "R. Hale"
    assert people.by_initials("ALK") == "Anna-Lis Kofoed"
    assert people.by_initials("AB") is None  # two people
    assert people.by_initials("Clerk") is None


def test_a_deadline_cell_is_read_as_a_phrase_that_stands_alone() -> None:
    ctx = DueContext(meeting_date=MEETING_DAY, body="Styregruppen", organisation=EMPTY)
    due = typed_due("juni 2024", ctx)
    assert due is not None and due.date == date(2024, 6, 30)
    assert typed_due("I proces", ctx) is None


# --- end to end ----------------------------------------------------------------------

PAGE = """<html><body>
<h1>Referat af møde i Styregruppen den 5. marts 2024</h1>
<p>Deltagere: Anna Berg, Bo Holm</p>
<h2>Punkt 1: Temadag</h2>
<h3>Beslutning Styregruppen den 05-03-2024</h3>
<p>Temadagen blev planlagt.</p>
<table>
<tr><th>Opgave</th><th>Ansvarlig</th><th>Frist</th></tr>
<tr><td>Booke lokale</td><td>Bo Holm</td><td>15. marts</td></tr>
<tr><td>Lave program</td><td>Anna Berg</td><td></td></tr>
</table>
</body></html>
"""


def test_a_table_on_a_minutes_web_page_through_ingest_and_the_parser(tmp_path: Path) -> None:
    page = tmp_path / "referat.html"
    page.write_text(PAGE, encoding="utf-8")
    minutes = parse_minutes(read_document(page).text, source=str(page))
    actions = extract_actions(minutes, EMPTY)
    assert summary(actions) == [
        ("Booke lokale", "Bo Holm", date(2024, 3, 15)),
        ("Lave program", "Anna Berg", None),
    ]


def test_extract_json_names_the_rule_of_each_action(tmp_path: Path) -> None:
    page = tmp_path / "referat.html"
    page.write_text(PAGE, encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(page), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    rules = [a["rule"] for a in json.loads(result.stdout)["actions"]]
    assert rules == ["table.task-owner-deadline", "table.task-owner-deadline"]
