"""Which body met, read from header lines as minutes write them: the name is
the phrase around a body noun, not the whole line."""

from __future__ import annotations

from datetime import date

import pytest

from tracker.minutes.bodies import find_body, meeting_name, meeting_noun_body
from tracker.minutes.parser import parse_minutes


@pytest.mark.parametrize(
    ("line", "body"),
    [
        # Danish compounds, with coordinated first parts and "for ...".
        ("Kultur- og Fritidsudvalget tirsdag den 3. oktober 2023 kl. 16.30", "Kultur- og Fritidsudvalget"),
        ("Udvalget for Børn og Unge", "Udvalget for Børn og Unge"),
        ("Skole, Kultur og Idrætsudvalget 2022-2025", "Skole, Kultur og Idrætsudvalget"),
        ("REFERAT Direktionen d. 05-02-2024", "Direktionen"),
        ("Møde i Byrådet onsdag den 4. oktober 2023", "Byrådet"),
        ("Referat til mødet i Kommunalbestyrelsen_2022-25 den 2. maj 2023", "Kommunalbestyrelsen"),
        # A genitive before "beslutning" names the body in the nominative.
        ("Økonomiudvalgets beslutning den 14. november 2023:", "Økonomiudvalget"),
        # English capitalised phrases before a body noun, and "of ...".
        ("Minutes of the Village Hall Management Committee meeting held on 3rd May 2022",
         "Village Hall Management Committee"),
        ("Little Snoring with Hinton Parish Council Annual meeting.", "Little Snoring with Hinton Parish Council"),
        ("Harbour Rowing Club Minutes 12 June 2021", "Harbour Rowing Club"),
        ("Approved Minutes for the Transport Working Group Meeting – 4th May 2021", "Transport Working Group"),
        ("The Town Council of the Borough of Eastwick met in regular session", "Town Council of the Borough of Eastwick"),
        ("Board's decision of 12 May", "Board"),
        ("Minutes of the Meeting of the District Council held at 7pm", "District Council"),
        ("Minutes Municipal District of Westholm 3rd May 2014", "Municipal District of Westholm"),
        ("To: The Honorable City Council", "City Council"),
        # A note in brackets after the name is no part of it.
        ("Harbour Rowing Club (Committee, summer)", "Harbour Rowing Club"),
    ],
)  # fmt: skip
def test_the_body_is_the_phrase_around_its_noun(line: str, body: str) -> None:
    assert find_body(line) == body


@pytest.mark.parametrize(
    "line",
    [
        "Byrådssalen, Rådhuset",  # a room named after the body, not the body
        "Mødelokale 2, Rådhuset",
        "udvalget var enige om at vente",  # running text, not a name
        "Referat",
        "Minutes of the meeting held on 3rd May 2022",
    ],
)
def test_a_line_without_a_body_name_gives_none(line: str) -> None:
    assert find_body(line) is None


@pytest.mark.parametrize(
    ("line", "body"),
    [
        ("Bestyrelsesmøde afholdt 6/3 2019", "Bestyrelsen"),
        ("Referat af skolebestyrelsesmøde 14. marts", "Skolebestyrelsen"),
        ("Referat af 3. udvalgsmøde 2022", "Udvalget"),
        ("Dagsorden for ØU-mødet", "ØU"),
        ("Repræsentantskabsmødet 2024", "Repræsentantskabet"),
        ("Ekstraordinær generalforsamling", "Generalforsamling"),
        # A name before the noun is part of the body's name, as written.
        ("# Havnefront styregruppemøde 03.04.2025", "Havnefront styregruppe"),
        ("Referat : Ny Bydel Projektmøde nr. 2", "Ny Bydel Projektmøde"),
    ],
)
def test_a_danish_meeting_noun_names_its_body(line: str, body: str) -> None:
    assert meeting_noun_body(line) == body


@pytest.mark.parametrize(
    ("header", "body"),
    [
        ("UDVALG\n\nMiljø- og Teknikudvalget 2022-2025\n\nMØDE\n\nReferat\n", "Miljø- og Teknikudvalget 2022-2025"),
        ("Referat af bestyrelsesmøde d. 3. april 2024\n", "Bestyrelsen"),
        ("GREENFIELD TOWN COUNCIL\n\nMINUTES OF THE Ordinary Council Meeting HELD ON 3 May 2022\n",
         "Greenfield Town Council"),
        ("Gå til hovedindhold\nMenu\nByrådssalen\nReferat\nSocialudvalget 5. marts 2024\n", "Socialudvalget"),
    ],
)  # fmt: skip
def test_the_meeting_body_from_a_header(header: str, body: str) -> None:
    text = header + "\n1. Godkendelse af dagsorden\nBeslutning\nGodkendt.\n"
    assert parse_minutes(text, source="t.txt").meeting.body == body


@pytest.mark.parametrize(
    ("text", "body"),
    [
        # No header: the body the items name, not the role before it.
        ("Budget 2025\n\nIndstilling\nFormanden for Vestby Lokaludvalg indstiller, at lokaludvalget "
         "drøfter budgettet.\n\nBeslutning\nDrøftet.\n", "Vestby Lokaludvalg"),
        ("Status på plejeboliger\nIndstilling\nForvaltningen indstiller, at Ældreudvalget tager "
         "orienteringen til efterretning.\nBeslutning\nTaget til efterretning.\n", "Ældreudvalget"),
        # A title line of a page that is one item.
        ("Minutes of the Allotment Committee meeting held on 4 May 2022\n\nThe Chair will write to "
         "the tenants about the water supply before the summer.\n", "Allotment Committee"),
        # Only a meeting noun in the text: "det aktuelle TU-møde".
        ("Godkendelse af dagsorden\n\nBeslutning\nGodkendt. Et medlem spurgte, om det aktuelle TU-møde "
         "kunne holdes over video.\n", "TU"),
    ],
)  # fmt: skip
def test_the_body_of_a_text_without_a_header(text: str, body: str) -> None:
    assert parse_minutes(text, source="t.txt").meeting.body == body


@pytest.mark.parametrize(
    ("title", "name"),
    [
        ("Coastal Survey planning meeting minutes", "Coastal Survey planning meeting"),
        ("Minutes of the Spring Volunteers Meeting", "Spring Volunteers Meeting"),
        ("Next meeting", None),
        ("2024-02-05 Volunteers Meeting", "Volunteers Meeting"),
        ("Minutes of meeting held on 3 May", None),
    ],
)
def test_a_title_that_names_the_meeting(title: str, name: str | None) -> None:
    assert meeting_name(title) == name


def test_a_body_the_organisation_lists_wins_under_its_listed_name() -> None:
    text = "Referat\nMøde i ØU tirsdag den 5. marts 2024\n\n1. Budget\nBeslutning\nGodkendt.\n"
    known = (("Økonomiudvalget", "Økonomiudvalget"), ("ØU", "Økonomiudvalget"))
    assert parse_minutes(text, source="t.txt").meeting.body != "Økonomiudvalget"
    assert parse_minutes(text, source="t.txt", known_bodies=known).meeting.body == "Økonomiudvalget"


def test_the_body_that_met_and_the_date_of_a_special_meeting_in_a_flattened_page() -> None:
    text = (
        "Page 2 EASTWICK TOWN HALL DRAFT ACTION MINUTES Special Meeting March 4, 2024 The Town "
        "Council of the Borough of Eastwick met on this date in the Council Chamber at 5:00 P.M. "
        "Present: Adams, Baker, Cole Absent: None. The Council agreed to continue the item.\n"
    )
    meeting = parse_minutes(text, source="t.txt").meeting
    assert (meeting.body, meeting.date) == (
        "Town Council of the Borough of Eastwick",
        date(2024, 3, 4),
    )
