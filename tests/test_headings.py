"""Agenda items in the layouts minutes use: keywords, minute references,
numbers, outlines with points, in plain text and as Markdown or bold lines.
Each layout is a family of cases written for these tests."""

from __future__ import annotations

import pytest

from tracker.minutes.parser import parse_minutes

HEADER = "Referat\nMiljøudvalget\nMødedato: 5. februar 2024\n\n"
DECISION = "Beslutning\nGodkendt.\n"


def items(text: str) -> list[tuple[str, str]]:
    return [(i.number, i.title) for i in parse_minutes(text, source="t.txt").items]


@pytest.mark.parametrize(
    "heading",
    [
        "Punkt {n}: {title}", "Pkt. {n} {title}", "PKT. {n} - {title}", "Sag nr. {n} - {title}",
        "Nr. {n} - {title}", "Nr.{n} - {title}", "Ad {n}: {title}", "AD {n}: {title}",
        "Item {n}. {title}", "Agenda Item #{n} - {title}", "Dagsordenspunkt {n}: {title}",
        "{n}. {title}", "{n}) {title}", "### {n}. {title}", "**{n}\\. {title}**", "- {n}. {title}",
        "**Ad {n}:** {title}", "{n}.) {title}",
    ],
)  # fmt: skip
def test_item_headings_of_every_family(heading: str) -> None:
    titles = ["Godkendelse af dagsorden", "Budget for vejvedligehold", "Eventuelt"]
    text = HEADER + "".join(
        heading.format(n=n, title=title) + "\n" + DECISION
        for n, title in enumerate(titles, start=1)
    )
    assert items(text) == [(str(n), title) for n, title in enumerate(titles, start=1)]


@pytest.mark.parametrize(
    ("numbers", "expected"),
    [
        (["23/034", "23/035", "23/036"], ["23/034", "23/035", "23/036"]),
        (["NP/12/20", "NP/13/20", "NP/14/20"], ["NP/12/20", "NP/13/20", "NP/14/20"]),
        (["2307.05", "2307.06", "2307.07"], ["2307.05", "2307.06", "2307.07"]),
    ],
)
def test_minute_references(numbers: list[str], expected: list[str]) -> None:
    text = "Minutes of the Harbour Board meeting held on 4 July 2023\n\n" + "".join(
        f"{number} Harbour dues for the season\nThe Clerk to write to the owners.\n"
        for number in numbers
    )
    assert [number for number, _ in items(text)] == expected


def test_an_agenda_time_is_no_minute_reference() -> None:
    text = HEADER + "12.30 Frokost\n13.00 Rundvisning\n1. Status\n" + DECISION
    assert items(text) == [("1", "Status")]


def test_an_outline_with_points_has_its_points_as_items() -> None:
    text = HEADER + (
        "#### 1. Formalia\n- 1.1 Godkendelse af dagsorden\nGodkendt.\n"
        "- 1.2 Opfølgning på sidste møde, hvor alle opgaver blev gennemgået.\nTaget til efterretning.\n"
        "#### 2. Temaer\n- 2.1 Budget 2025\nBudgettet blev drøftet.\n- 2.2 Nyt medlem\nVelkommen.\n"
        "#### 3. Eventuelt\nIntet.\n"
    )
    assert [number for number, _ in items(text)] == ["1.1", "1.2", "2.1", "2.2", "3"]


def test_an_agenda_listed_first_is_not_the_items() -> None:
    text = HEADER + (
        "Dagsorden\n1. Godkendelse af dagsorden\n2. Budget\n3. Eventuelt\n\n"
        "1. Godkendelse af dagsorden\nBeslutning\nGodkendt.\n"
        "2. Budget\nSagsnr.: 24/123\nBeslutning\nForvaltningen udarbejder et oplæg.\n"
        "3. Eventuelt\nBeslutning\nIntet.\n"
    )
    parsed = parse_minutes(text, source="t.txt")
    assert [(i.number, i.decision) for i in parsed.items] == [
        ("1", "Godkendt."), ("2", "Forvaltningen udarbejder et oplæg."), ("3", "Intet."),
    ]  # fmt: skip
    assert parsed.meeting.body == "Miljøudvalget"


def test_unnumbered_markdown_headings_are_items_their_subheadings_first() -> None:
    text = (
        "# Bestyrelsesmøde 2024-03-05\n\n## Deltagere\n- Anne\n- Bo\n\n"
        "## Regnskab\nRegnskabet blev godkendt.\n\n"
        "## Nye sager\n### Legeplads\nBo indhenter tilbud.\n### Hjemmeside\nAnne opdaterer siden.\n\n"
        "## Eventuelt\nIntet.\n"
    )
    assert [title for _, title in items(text)] == [
        "Regnskab",
        "Legeplads",
        "Hjemmeside",
        "Eventuelt",
    ]


def test_unnumbered_bold_lines_are_items_where_no_headings_are() -> None:
    text = (
        "**Referat af bestyrelsesmøde 4. marts 2024**\n**Deltagere:** Anne, Bo og Carl\n"
        "**Sted**\t**Tid**\nKlubhuset\t19.00\n\n"
        "**Regnskab**\nRegnskabet blev godkendt.\n\n**Ny legeplads**\nBo indhenter tilbud.\n\n"
        "**Eventuelt:**\nIntet.\n"
    )
    assert [title for _, title in items(text)] == ["Regnskab", "Ny legeplads", "Eventuelt"]
    # Headings are the items where there are some; bold lines are then their text.
    headed = "## Regnskab\n**Godkendt uden bemærkninger**\n## Eventuelt\n**Intet**\n"
    assert [title for _, title in items(headed)] == ["Regnskab", "Eventuelt"]


@pytest.mark.parametrize(
    ("item", "part"),
    [("## {}", "### Beslutning"), ("**{}**", "**Beslutning:**"), ("## {}", "### Discussion")],
)
def test_a_heading_under_every_item_heads_a_part_of_it_not_an_item(item: str, part: str) -> None:
    text = "".join(
        f"{item.format(title)}\nTekst om sagen.\n{part}\nGodkendt.\n\n"
        for title in ("Regnskab", "Ny legeplads", "Hjemmeside")
    )
    assert [title for _, title in items(text)] == ["Regnskab", "Ny legeplads", "Hjemmeside"]


def test_notes_kept_as_one_nested_list_have_their_outer_bullets_as_items() -> None:
    text = (
        "# Styregruppe 2024-05-02\n\n## Noter\n- Velkomst\n- Budget\n    - Ole: budgettet holder.\n"
        "    - Ole sender tallene ud.\n- Hjemmeside\n    - Ny leverandør er valgt.\n"
        "- Nyt medlem\n    - Kirsten er med fra juni.\n- Eventuelt\n"
    )
    assert [title for _, title in items(text)] == [
        "Velkomst", "Budget", "Hjemmeside", "Nyt medlem", "Eventuelt",
    ]  # fmt: skip


def test_a_decision_with_a_list_of_tasks_stays_one_item() -> None:
    text = (
        "Trafik ved skolen\n\nBeslutning\nUdvalget besluttede:\n- Forvaltningen tæller trafikken.\n"
        "- Skolen orienterer forældrene.\n- Politiet inviteres til næste møde.\n- Sagen genoptages i maj.\n"
    )
    [item] = parse_minutes(text, source="t.txt").items
    assert item.title == "Trafik ved skolen" and item.decision is not None
    assert item.decision.count("\n- ") == 4


def test_text_flattened_into_one_line_has_its_item_headings_back() -> None:
    flat = (
        "Item 1. Welcome and apologies. The Chair welcomed everyone; apologies came from two members "
        "who were away on holiday and one who was ill. Item 2. Minutes of the May meeting The minutes "
        "were approved as a true record and signed by the Chair after a short discussion of the wording. "
        "Item 3. Footpaths The Clerk will write to the county council about the broken stile on the path "
        "to the church, and report back at the next meeting, which is in September this year as usual."
    )
    text = "Minutes of the meeting of Westholm Parish Council held on 4 June 2024\n\n" + flat + "\n"
    parsed = parse_minutes(text, source="t.txt")
    # The first sentence of each is its title: the text gives no other end.
    assert [(i.number, i.title[:26]) for i in parsed.items] == [
        ("1", "Welcome and apologies."),
        ("2", "Minutes of the May meeting"),
        ("3", "Footpaths The Clerk will w"),
    ]
    assert parsed.items[2].decision is not None and "broken stile" in parsed.items[2].decision


@pytest.mark.parametrize("closing", ["Eventuelt", "Evt.", "Meddelelser:", "Any other business"])
def test_an_unnumbered_closing_item_after_numbered_ones(closing: str) -> None:
    text = (
        HEADER
        + f"1. Budget\n{DECISION}2. Skolevej\n{DECISION}{closing}\nFormanden takker for i dag.\n"
    )
    assert items(text) == [("1", "Budget"), ("2", "Skolevej"), ("3", closing.rstrip(":"))]


def test_a_closing_word_that_repeats_the_items_title_is_no_item() -> None:
    text = (
        HEADER + f"1. Budget\n{DECISION}2. Meddelelser\n\nMeddelelser\n\nFormanden orienterede.\n"
    )
    assert items(text) == [("1", "Budget"), ("2", "Meddelelser")]


def test_a_heading_with_text_of_its_own_is_an_item_and_its_subheadings_its_parts() -> None:
    text = (
        "# Generalforsamling 2024\n\n## Formandens beretning\nBeretningen blev godkendt.\n\n"
        "## Valg\nKarin og Ole blev valgt som stemmetællere.\n### Formand\nAnne blev genvalgt.\n"
        "### Kasserer\nBo blev valgt.\n\n## Eventuelt\nIntet.\n"
    )
    assert [title for _, title in items(text)] == ["Formandens beretning", "Valg", "Eventuelt"]


@pytest.mark.parametrize("container", ["Agenda", "Dagsordenspunkter"])
def test_a_heading_named_for_the_agenda_heads_the_items_whatever_stands_under_it(
    container: str,
) -> None:
    text = (
        f"# Board meeting 2024-03-05\n\n## {container}\nThe meeting opened at 7pm.\n\n"
        "### Accounts\nThe accounts were approved.\n\n### Website\n#### Hosting\n"
        "Ann will move the site.\n#### Design\nBo will draft a new front page.\n"
    )
    assert [title for _, title in items(text)] == ["Accounts", "Hosting", "Design"]
