"""normalise: each cleaning rule, what it must leave alone, and idempotence."""

from __future__ import annotations

import pytest

from tracker.ingest.normalise import normalise


def _pages(*pages: str) -> str:
    return "\f".join(pages)


def _check(raw: str, expected: str) -> None:
    result = normalise(raw)
    assert result == expected
    assert normalise(result) == result


def test_line_ends_and_spaces() -> None:
    _check("a\r\nb\rc  \n\n\n\n\nd\u00a0e\u202ff\t\n", "a\nb\nc\n\nd e f\n")


def test_two_blank_lines_are_kept() -> None:
    _check("a\n\n\nb\n", "a\n\n\nb\n")


def test_unicode_forms() -> None:
    _check("ﬁnansiering og ﬂytning\n", "finansiering og flytning\n")
    _check("Aarhus A\u030angade\n", "Aarhus Ångade\n")
    _check("udvik\u00adling\nud\u00ad\nvikling\n", "udvikling\nudvikling\n")
    _check("\ufeffa\u200bb\x00c\n", "abc\n")


@pytest.mark.parametrize(
    "line",
    [
        "• status",
        "•status",
        "◦ status",
        "▪ status",
        "■ status",
        "● status",
        "· status",
        "\uf0b7 status",
        "o\tstatus",
        "* status",
        "– status",
        "? status",
        "- ? status",
        "-\tstatus",
    ],
)
def test_bullets(line: str) -> None:
    _check(f"Punkter:\n{line}\n", "Punkter:\n- status\n")


@pytest.mark.parametrize(
    ("line", "indented"), [("  • status", "  - status"), ("\t* status", "    - status")]
)
def test_a_nested_bullet_keeps_its_depth(line: str, indented: str) -> None:
    _check(f"Punkter:\n- emne\n{line}\n", f"Punkter:\n- emne\n{indented}\n")


@pytest.mark.parametrize(
    "line",
    ["Hvad nu?", "*stjerne*", "–og", "om budget", "-3 grader", "- 3 -"],
)
def test_not_bullets(line: str) -> None:
    _check(f"{line}\n", f"{line}\n")


@pytest.mark.parametrize(
    "line",
    [
        "Øvrige sager.....\t3",
        "Øvrige sager ........ 3",
        "Øvrige sager …… 3",
        "Øvrige sager . . . . . 12",
        "Øvrige sager.....12",
    ],
)
def test_dot_leaders(line: str) -> None:
    _check(f"Indhold\n{line}\n", "Indhold\nØvrige sager\n")


@pytest.mark.parametrize(
    "line", ["Mødet sluttede kl. 21.30", "Og så videre... 3 punkter", "Ventetid 1.000.000"]
)
def test_not_dot_leaders(line: str) -> None:
    _check(f"{line}\n", f"{line}\n")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("udvik-\nling af byen", "udvikling af byen"),
        ("udvik-\n  ling", "udvikling"),
        ("dagtilbuds-\nog ældreområdet", "dagtilbuds-\nog ældreområdet"),
        ("skole-\neller dagtilbud", "skole-\neller dagtilbud"),
        ("land-\nsamt byområder", "land-\nsamt byområder"),
        ("pre-\nand post-war", "pre-\nand post-war"),
        ("EU-\nudbud", "EU-udbud"),
        ("Teknik-\nMiljø", "Teknik-\nMiljø"),
        ("2023-\n2026", "2023-\n2026"),
        ("bådtur -\nog uden", "bådtur -\nog uden"),
        ("ud-\n\nling", "ud-\n\nling"),
        ("kultur\ufffeog fritid", "kultur-\nog fritid"),
        ("velfærds\ufffeområder", "velfærdsområder"),
    ],
)
def test_hyphenation(raw: str, expected: str) -> None:
    _check(raw + "\n", expected + "\n")


HEADER = "Referat - Direktionen 15-08-2022"
BODIES = [
    "Direktionen drøftede budgettet.\nHRC undersøger sagen.",
    "Programmet sendes ud til Byrådet.\nØC kommer med et oplæg.",
    "Sagen genoptages efter sommerferien.\nForvaltningen svarer borgeren.",
    "Koordineringsgruppen sættes i bero.\nDen kan genaktiveres ved behov.",
    "Mødet blev hævet.",
]


def _paged(
    bodies: list[str], *, header: str | None = HEADER, footer: str | None = "Side {n} af {m}"
) -> str:
    pages = []
    for number, body in enumerate(bodies, start=1):
        lines = [header] if header else []
        lines.append(body)
        if footer:
            lines.append(footer.format(n=number, m=len(bodies)))
        pages.append("\n".join(lines))
    return "\f".join(pages)


def test_running_header_and_footer() -> None:
    _check(_paged(BODIES), "\n".join(BODIES) + "\n")


@pytest.mark.parametrize(
    "footer", ["Side {n}", "Page {n} of {m}", "- {n} -", "{n}", "Referat 15-08-2022, side {n}"]
)
def test_page_number_footers(footer: str) -> None:
    _check(_paged(BODIES, header=None, footer=footer), "\n".join(BODIES) + "\n")


def test_page_numbers_at_the_top() -> None:
    raw = _pages("Side 1 af 2\nPunkt 1\nTekst a", "Side 2 af 2\nPunkt 2\nTekst b")
    _check(raw, "Punkt 1\nTekst a\nPunkt 2\nTekst b\n")


def test_repeated_content_is_kept() -> None:
    bodies = [
        "Punkt 1: Øvrige sager\n21/24696\nBaggrund\nTekst\nBeslutning Direktionen den 15-08-2022\nGodkendt.",
        "Punkt 2: Lukket\n22/636",
        "Punkt 3: Lukket\n22/593",
        "Punkt 4: Lukket\n22/591",
        "Punkt 5: Program\n22/578\nBaggrund\nTekst\nBeslutning Direktionen den 15-08-2022\nGodkendt.",
        "Baggrund\nFortsat tekst fra forrige side.\nBeslutning Direktionen den 15-08-2022\nGodkendt.",
    ]
    _check(_paged(bodies), "\n".join(bodies) + "\n")
    _check(_paged(bodies, header=None, footer=None), "\n".join(bodies) + "\n")
    # A heading that ends most pages but also stands inside one is content.
    bodies = [
        "Punkt 1: Øvrige sager\nEt\nTo\nBeslutning Direktionen den 15-08-2022\nHRC undersøger\nFire\nFem\nSeks",
        "Punkt 2: Program\nBeslutning Direktionen den 15-08-2022",
        "Punkt 3: Heldagsmøder\nBeslutning Direktionen den 15-08-2022",
    ]
    _check(_paged(bodies), "\n".join(bodies) + "\n")
    _check(_paged(bodies, header=None, footer=None), "\n".join(bodies) + "\n")


def test_lines_differing_only_in_numbers_are_kept() -> None:
    bodies = [f"Linje {10 * n} om cykelstier.\nLinje {10 * n + 1} om cykelstier." for n in range(6)]
    _check(_paged(bodies, header=None, footer=None), "\n".join(bodies) + "\n")


def test_header_missing_on_some_pages() -> None:
    pages = [f"{HEADER}\n{body}" for body in BODIES[:3]] + BODIES[3:]
    _check("\f".join(pages), "\n".join(BODIES) + "\n")


def test_one_page_keeps_numbers_but_drops_page_labels() -> None:
    _check("Referat\nAntal deltagere\n3\n", "Referat\nAntal deltagere\n3\n")
    _check("Side 1 af 1\nReferat\nTekst\nSide 1 af 1\n", "Referat\nTekst\n")


def test_two_pages_need_both() -> None:
    _check(
        _pages("Overskrift\nTekst a", "Tekst b\nOverskrift"),
        "Overskrift\nTekst a\nTekst b\nOverskrift\n",
    )
    _check(_pages(f"{HEADER}\nTekst a", f"{HEADER}\nTekst b"), "Tekst a\nTekst b\n")


def test_empty() -> None:
    assert normalise("") == ""
    assert normalise(" \n\f\n\t") == ""


@pytest.mark.parametrize(
    ("wrapped", "joined"),
    [
        ("en foran-\uffff\ndring af vejene", "en forandring af vejene"),
        ("sendes i EU-\uffff\nudbud", "sendes i EU-udbud"),
        ("Teknik-\uffff\nog Miljøudvalget", "Teknik- og Miljøudvalget"),
        ("perioden 2024-\uffff\n2025", "perioden 2024-2025"),
        ("kl. 10 -\uffff\n12", "kl. 10 - 12"),
        ("Syd-\uffff\nDanmark", "Syd-Danmark"),
        ("to linjer\uffff\nbliver til en", "to linjer bliver til en"),
        ("over siden\uffff\n\n\nhvor sidehovedet var", "over siden hvor sidehovedet var"),
        ("sidste linje\uffff", "sidste linje"),
    ],
)
def test_lines_the_pdf_layout_wrapped_are_joined(wrapped: str, joined: str) -> None:
    _check(f"{wrapped}\n", f"{joined}\n")


def test_a_wrapped_line_joins_the_next_page_once_its_furniture_is_gone() -> None:
    words = ["budgettet", "planen", "aftalen"]
    pages = [
        f"Referat 15-08-2022\nSagen om {word} blev drøftet, og\uffff\nSide {n + 1} af 4"
        for n, word in enumerate(words)
    ]
    pages.append("Referat 15-08-2022\nudvalget godkendte den.\nSide 4 af 4")
    _check(
        "\f".join(pages),
        "Sagen om budgettet blev drøftet, og Sagen om planen blev drøftet, og "
        "Sagen om aftalen blev drøftet, og udvalget godkendte den.\n",
    )


@pytest.mark.parametrize("tag", ["<br>", "<br/>", "<br />", "<BR>"])
def test_a_break_tag_left_in_text_is_a_line_break(tag: str) -> None:
    _check(
        f"The motion carried. {tag}The Board tabled item 4.{tag}\n",
        "The motion carried.\nThe Board tabled item 4.\n",
    )


def test_a_break_tag_in_a_table_row_is_a_space_so_the_row_stays_whole() -> None:
    _check(
        "| 3 | Plan the day<br><br>with the school | Bo |\n",
        "| 3 | Plan the day with the school | Bo |\n",
    )
