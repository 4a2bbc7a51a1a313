"""The minutes parser on real documents and on the layouts' hard cases."""

from __future__ import annotations

import json
from datetime import date, time
from pathlib import Path

import pytest

from tracker.errors import InputError
from tracker.ingest import read_document
from tracker.minutes import parse_minutes
from tracker.minutes.jsonable import minutes_to_dict

FIXTURES = Path(__file__).parent / "fixtures"
GOLD_FILES = sorted(FIXTURES.glob("*gold.json"))


def gold_document(gold: dict) -> Path:
    return FIXTURES / Path(gold["document"]).name


@pytest.mark.parametrize("gold_path", GOLD_FILES, ids=lambda p: p.stem)
def test_structure_matches_gold(gold_path: Path) -> None:
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    path = gold_document(gold)
    result = minutes_to_dict(parse_minutes(read_document(path).text, source=str(path)))

    for key, expected in gold["meeting"].items():
        assert result["meeting"][key] == expected, key
    got = [
        {key: item[key] for key in ("number", "title", "case", "closed") if key in gold_item}
        for item, gold_item in zip(result["items"], gold["items"])
    ]
    assert got == gold["items"]
    assert len(result["items"]) == len(gold["items"])


def parse(text: str, **kwargs: object) -> dict:
    return minutes_to_dict(parse_minutes(text, source="test.txt", **kwargs))  # type: ignore[arg-type]


def test_own_body_decision_is_chosen_among_several_bodies() -> None:
    path = FIXTURES / "byraadet-2023-11-28.html"
    items = {i["number"]: i for i in parse(read_document(path).text)["items"]}
    assert items[142]["decision"].startswith("Indstillingen blev godkendt.")
    assert [d["body"] for d in items[142]["decisions"]] == ["Økonomiudvalget", "Byrådet"]
    assert items[143]["decision"].startswith("Sagen blev sendt tilbage")
    assert items[146]["decision"] is None


def test_recommendation_clauses_are_not_items() -> None:
    path = FIXTURES / "teknik-miljoe-2023-03-07.txt"
    item = parse(path.read_text(encoding="utf-8"))["items"][1]
    indstilling = next(s for s in item["sections"] if s["kind"] == "indstilling")
    assert "1. udkast til trafiksikkerhedsplan" in indstilling["text"]
    assert "2. udvalget orienteres" in indstilling["text"]


def test_wrapped_participant_is_one_name() -> None:
    result = parse((FIXTURES / "000_72469736df97498c.txt").read_text(encoding="utf-8"))
    assert "Kathrine Seier Skaastrup" in result["meeting"]["participants"]


def test_seed_sections_and_decision_text() -> None:
    result = parse((FIXTURES / "000_72469736df97498c.txt").read_text(encoding="utf-8"))
    item = result["items"][5]
    assert [s["kind"] for s in item["sections"]] == [
        "baggrund", "indstilling", "beslutning", "sagsfremstilling",
    ]  # fmt: skip
    assert item["decision"].startswith("Programmet til det kommende budgetseminar")
    assert item["decision"].endswith("hvor ØC kommer med et oplæg.")
    assert result["items"][1]["decision"] is None  # closed


UPPERCASE_CLAUSES = """Referat
Økonomiudvalget
Mødedato: 4. april 2024 kl. 15.00
Mødested: Mødelokale 1

Indhold
1. Budgetopfølgning
2. Anlægsplan
3. Eventuelt

1. Budgetopfølgning
Sagsnr.: 24/101
Indstilling
Direktionen indstiller, at
1. Udvalget tager budgetopfølgningen til efterretning
2. Overførsler godkendes
3. Restbudgettet fordeles som beskrevet
4. Sagen sendes videre til Byrådet
Beslutning
Godkendt.

2. Anlægsplan
Sagsnr.: 24/102
Beslutning
Udsat.

3. Eventuelt
Beslutning
Intet.
"""


def test_numbered_clauses_in_an_item_do_not_become_items() -> None:
    result = parse(UPPERCASE_CLAUSES)
    assert [(i["number"], i["title"]) for i in result["items"]] == [
        (1, "Budgetopfølgning"), (2, "Anlægsplan"), (3, "Eventuelt"),
    ]  # fmt: skip
    assert result["meeting"]["body"] == "Økonomiudvalget"
    assert result["meeting"]["date"] == "2024-04-04"
    assert result["meeting"]["start"] == "15:00"
    assert "4. Sagen sendes videre til Byrådet" in result["items"][0]["sections"][0]["text"]


SINGLE_ITEM_PAGE = """Udbud af rengøring på kommunens institutioner
Sagsnr.: 82.07.00-G01-4-23
Resumé
Rengøringen skal i udbud.
Indstilling
Kommunaldirektøren indstiller, at rengøringen sendes i EU-udbud.
Beslutning i Økonomiudvalget den 14-11-2023
Anbefales.
"""


def test_an_item_published_as_its_own_page_is_a_one_item_meeting() -> None:
    result = parse(SINGLE_ITEM_PAGE)
    assert result["meeting"]["body"] == "Økonomiudvalget"
    assert result["meeting"]["date"] == "2023-11-14"
    [item] = result["items"]
    assert item["title"] == "Udbud af rengøring på kommunens institutioner"
    assert item["case"] == "82.07.00-G01-4-23"
    assert item["decision"] == "Anbefales."


def test_a_missing_body_and_date_are_none_with_a_notice_naming_the_flag() -> None:
    text = "1. Godkendelse af dagsorden\nBeslutning\nGodkendt.\n"
    minutes = parse_minutes(text, source="test.txt")
    assert (minutes.meeting.body, minutes.meeting.date) == (None, None)
    assert minutes.notices == [
        "test.txt: the text does not say which body met; give it with --body NAME",
        "test.txt: the text does not state the meeting's date; give it with --date YYYY-MM-DD",
    ]
    assert minutes.items[0].decision == "Godkendt."
    result = parse(text, body="Direktionen", meeting_date=date(2024, 1, 8))
    assert result["meeting"]["body"] == "Direktionen"
    assert result["meeting"]["date"] == "2024-01-08"
    assert result["items"][0]["decision"] == "Godkendt."


def test_body_and_date_given_fill_in_and_win_over_the_text_with_a_notice() -> None:
    text = (
        "Referat\nØkonomiudvalget\nMødedato: 5. februar 2024\n\n1. Budget\nBeslutning\nGodkendt.\n"
    )
    same = parse_minutes(
        text, source="t.txt", body="Økonomiudvalget", meeting_date=date(2024, 2, 5)
    )
    assert same.notices == []
    other = parse_minutes(text, source="t.txt", body="Byrådet", meeting_date=date(2024, 2, 6))
    assert (other.meeting.body, other.meeting.date) == ("Byrådet", date(2024, 2, 6))
    assert other.notices == [
        "t.txt: the text names the body 'Økonomiudvalget'; using --body 'Byrådet'",
        "t.txt: the text gives the date 2024-02-05; using --date 2024-02-06",
    ]


@pytest.mark.parametrize("line", ["Mødedato: 2023-03-07", "Dato: 2023-03-07 kl. 16.00"])
def test_an_iso_meeting_date_in_the_header_is_year_month_day(line: str) -> None:
    text = (
        f"Referat\nØkonomiudvalget\n{line}\n\n1. Godkendelse af dagsorden\nBeslutning\nGodkendt.\n"
    )
    assert parse(text)["meeting"]["date"] == "2023-03-07"


@pytest.mark.parametrize(
    ("text", "title", "decision"),
    [
        ("Kære alle\n\nHusk frokosten på fredag, og tag gerne kage med til hele afdelingen.\n",
         "Kære alle", "Husk frokosten på fredag, og tag gerne kage med til hele afdelingen."),
        ("Eventuelt\n\nFormanden orienterede om sommerfesten, som holdes i slutningen af juni.\n",
         "Eventuelt", "Formanden orienterede om sommerfesten, som holdes i slutningen af juni."),
        ("Forvaltningen udarbejder et notat om trafikken på skolevejen til næste møde i udvalget.\n",
         "", "Forvaltningen udarbejder et notat om trafikken på skolevejen til næste møde i udvalget."),
        ("Any other business\nThe Clerk will circulate the revised hedge-cutting schedule before May.\n",
         "Any other business", "The Clerk will circulate the revised hedge-cutting schedule before May."),
    ],
)  # fmt: skip
def test_text_without_item_headings_is_one_item(text: str, title: str, decision: str) -> None:
    [item] = parse_minutes(text, source="t.txt").items
    assert (item.number, item.title, item.decision) == ("1", title, decision)


@pytest.mark.parametrize("text", ["", "  \n\n\t\n"])
def test_only_a_text_with_nothing_in_it_is_refused(text: str) -> None:
    with pytest.raises(InputError, match="t.txt: no readable text"):
        parse_minutes(text, source="t.txt")


def test_keyword_heading_with_title_on_next_line() -> None:
    text = (
        "REFERAT Direktionen d. 03-06-2024\nMødedato 3. juni 2024 kl. 9:00\n\n"
        "Punkt 1\nStatus på budget\n24/555\nBeslutning Direktionen den 03-06-2024\n"
        "ØC udarbejder et notat.\n"
    )
    result = parse(text)
    [item] = result["items"]
    assert (item["number"], item["title"], item["case"]) == (1, "Status på budget", "24/555")
    assert item["decision"] == "ØC udarbejder et notat."
    assert result["meeting"]["start"] == "09:00"


def test_a_list_of_handles_names_people_and_ends_at_the_next_field() -> None:
    text = "Minutes 5 March 2024\n\nPresent: ruth, tomas, pia-lou\nNext meeting: 12 March, 1pm\n\n# One\n\nText.\n\n# Two\n\nText.\n"
    minutes = parse_minutes(text, source="x")
    assert minutes.meeting.participants == ["ruth", "tomas", "pia-lou"]
    prose = parse_minutes("Minutes 5 March 2024\n\nPresent: all members, and guests\n\n# One\n\nText.\n\n# Two\n\nText.\n", source="x")
    assert prose.meeting.participants == []


COLON_HEADINGS = """Bestyrelsesmøde 4. oktober 2024

Referat fra sidste møde:

Godkendt.

Konstituering:

Formand: Anne Holm
Kasserer: Bo Lund

Økonomi:

Kassereren sender regnskabet rundt.

Næste møde:

Fastlægges senere.
"""


def test_short_lines_ending_in_a_colon_head_the_items_of_plain_notes() -> None:
    minutes = parse_minutes(COLON_HEADINGS, source="x")
    assert [i.title for i in minutes.items] == [
        "Referat fra sidste møde", "Konstituering", "Økonomi", "Næste møde",
    ]  # fmt: skip
    assert minutes.items[1].decision == "Formand: Anne Holm\nKasserer: Bo Lund"


def test_labels_late_in_a_text_head_no_items() -> None:
    prose = "\n".join(f"Linje {n} i referatet om sagen." for n in range(12))
    text = f"Referat 4. oktober 2024\n\n{prose}\n\nSenior:\n\nGodt.\n\nJunior:\n\nFint.\n\nDamer:\n\nOK.\n"
    assert [i.title for i in parse_minutes(text, source="x").items] != ["Senior", "Junior", "Damer"]


def test_minutes_under_ad_numbers_take_their_titles_from_the_agenda() -> None:
    text = (
        "Bestyrelsesmøde 12. april 2024\n\nDagsorden\n1. Godkendelse af referat\n2. Arbejdsdag\n\n"
        "ad.1.\nReferatet fra sidste møde blev godkendt.\n\nad.2.\nTrine fordeler opgaverne på dagen.\n"
    )
    items = parse_minutes(text, source="x").items
    assert [(i.title, i.decision) for i in items] == [
        ("Godkendelse af referat", "Referatet fra sidste møde blev godkendt."),
        ("Arbejdsdag", "Trine fordeler opgaverne på dagen."),
    ]


def test_english_header_fields() -> None:
    minutes = parse_minutes(
        (FIXTURES / "parish-council-2023-03-14.txt").read_text(encoding="utf-8"), source="x"
    )
    assert minutes.language == "en"
    assert minutes.meeting.start == time(19, 30)
    assert "Mrs J. Smith" in minutes.meeting.participants
    assert "two members of the public" not in minutes.meeting.participants


def test_unlabelled_header_body_date_lines_and_case_fields() -> None:
    """A layout whose header has no labels, whose case line carries more fields,
    with open/closed markers and a decision headed by the body and date only."""
    result = parse((FIXTURES / "layout-unlabelled-header.txt").read_text(encoding="utf-8"))
    meeting = result["meeting"]
    assert (meeting["body"], meeting["date"], meeting["start"], meeting["place"]) == (
        "Økonomiudvalget", "2024-02-05", "16:00", "Mødelokale 1, Rådhuset",
    )  # fmt: skip
    assert meeting["absent"] == ["Carl Olsen"]
    items = [(i["number"], i["case"], i["closed"], i["decision"]) for i in result["items"]]
    assert items == [
        (1, "00.01.00-A00-1-24", False, "Godkendt."),
        (2, "00.30.10-S00-2-24", False, "Taget til efterretning."),
        (3, "05.00.00-P20-1-24", True, None),
    ]
    assert result["items"][1]["decisions"][0]["body"] == "Økonomiudvalget"


def test_sub_items_stay_inside_their_item_and_an_abbreviated_body_still_decides() -> None:
    text = (
        "Referat\nØkonomiudvalget\nMødedato: 5. februar 2024\n\n"
        "5. Anlægsprojekter\nSagsnr.: 24/100\n5.1 Ny skole\n5.2 Ny hal\n"
        "Beslutning i ØU den 05-02-2024\nGodkendt.\n\n6. Eventuelt\nBeslutning\nIntet.\n"
    )
    result = parse(text)
    assert [i["number"] for i in result["items"]] == [5, 6]
    assert result["items"][0]["decision"] == "Godkendt."


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("3. bestyrelsesmøde 2024 den 12. marts, kl. 19:30 - 21:00.", date(2024, 3, 12)),
        ("Bestyrelsesmøde afholdt 6/3 2024", date(2024, 3, 6)),
        # Text flattened from a PDF: the date after "Møde i <body>" in a long line.
        (
            "1 Møde i Byrådet tirsdag den 4. juni 2024, kl. 17 i byrådssalen REFERAT Spørgetid for "
            "borgerne blev holdt som sædvanligt, og der var mange fremmødte borgere i salen denne aften",
            date(2024, 6, 4),
        ),
    ],
)
def test_the_meeting_date_as_headers_write_it(line: str, expected: date) -> None:
    text = f"Referat\n\n{line}\n\n1. Regnskab\nBeslutning\nGodkendt.\n"
    assert parse_minutes(text, source="t.txt").meeting.date == expected


@pytest.mark.parametrize(
    ("opening", "body"),
    [
        ("The AGM was held on Tuesday 5 March 2024, between 7 and 8pm, in the club house.", "AGM"),
        (
            "The meeting of the Riverside Allotment Society was called to order on March 5, 2024.",
            "Riverside Allotment Society",
        ),
    ],
)
def test_the_subject_of_was_held_is_the_body_not_a_name_in_the_list_after_it(
    opening: str, body: str
) -> None:
    text = (
        f"{opening}\n"
        "- Ann Hill (Chair)\n- Peter Board (Committee)\n\n## Chair's report\nA good year.\n\n"
        "## Any other business\nNone.\n"
    )
    meeting = parse_minutes(text, source="t.txt").meeting
    assert (meeting.body, meeting.date) == (body, date(2024, 3, 5))


@pytest.mark.parametrize(
    ("elsewhere", "expected"),
    [
        # The text speaks of 2024 only: "24.03.07" is 7 March 2024, written year first.
        ("Næste møde i 2024: 4.04.", date(2024, 3, 7)),
        # The text names 2007, the day-first year: day first, as always.
        ("Budget 2007 blev drøftet.", date(2007, 3, 24)),
        # The text names no year: day first.
        ("Intet.", date(2007, 3, 24)),
    ],
)
def test_a_two_digit_year_date_reads_year_first_only_when_the_text_says_so(
    elsewhere: str, expected: date
) -> None:
    text = f"24.03.07 - Referat af bestyrelsesmøde\n\n1. Eventuelt\n{elsewhere}\n"
    assert parse_minutes(text, source="t.txt").meeting.date == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A page's running footer: the date on a line of its own after the page number.
        (
            "Commissioners asked the staff to look into the matter and\n"
            "return with more information at the April 16, 2024 meeting of the Board.\n"
            "12. COUNTY MATTERS - NONE\n13. ADJOURNMENT\nThe meeting adjourned at 9pm.\n"
            "19\nApril 2, 2024\n",
            date(2024, 4, 2),
        ),
        # A line going on with a sentence of prose states no meeting date.
        (
            "Minutes\nCommissioners asked the staff to look into the matter and\n"
            "return at the April 16, 2024 meeting with a proposal.\n\n"
            "1. Roads\nApproved.\n2. Parks\nApproved.\n",
            None,
        ),
        # A lower-case date line under a title does.
        *(
            (
                f"Kultur- og Fritidsudvalget\n{kind}\nfor ordinært møde torsdag den 14. marts 2024\n\n"
                "1. Regnskab\nBeslutning\nGodkendt.\n2. Budget\nBeslutning\nGodkendt.\n",
                date(2024, 3, 14),
            )
            for kind in ("Dagsorden", "Referat fra")
        ),
        # A page that is one item: the date its title gives, not the posting date above it.
        (
            "Monday, 9 December 2024\n\nResults of the Public Board Meeting\n\n"
            "Summary of Motions – December 3, 2024. Two motions carried.\n\n"
            "Moved and carried: that the Board approve the playground plan.\n",
            date(2024, 12, 3),
        ),
    ],
)
def test_which_date_in_a_text_is_the_meeting_date(text: str, expected: date | None) -> None:
    assert parse_minutes(text, source="t.txt").meeting.date == expected


def test_the_body_under_the_minutes_title_wins_over_a_letterhead_above_it() -> None:
    text = (
        "Planning Commission\nCity of Westholm\n\nParks Advisory Committee\nAnn Hill, Chair\n\n"
        "SPECIAL MEETING MINUTES\nParks Advisory Committee (PAC)\nof the Westholm Planning Commission\n"
        "Thursday, May 2, 2024\n\n1. Playgrounds\nApproved.\n2. Trees\nApproved.\n"
    )
    assert parse_minutes(text, source="t.txt").meeting.body == "Parks Advisory Committee"
