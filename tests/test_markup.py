"""Lines without the marks that only format them (Markdown, pasted pages)."""

from __future__ import annotations

import pytest

from tracker.minutes.markup import BOLD_LINE, Marked, unmark


@pytest.mark.parametrize(
    ("line", "marked"),
    [
        ("#### 1. Formalia", Marked("1. Formalia", 4)),
        ("## Eventuelt ##", Marked("Eventuelt", 2)),
        ("**Eventuelt**", Marked("Eventuelt", BOLD_LINE)),
        ("**Deltagere:**", Marked("Deltagere:", BOLD_LINE)),
        ("**3\\. Budget 2025** (18:10)", Marked("3. Budget 2025 (18:10)")),
        ("> - 2.1 Status på projektet", Marked("2.1 Status på projektet", bullet=True)),
        ("> > Citeret tekst", Marked("Citeret tekst")),
        ("- [x] Referat godkendt", Marked("Referat godkendt", bullet=True)),
        ("Se [notatet om budget [v2]](https://example.org/notat) først", Marked("Se notatet om budget [v2] først")),
        ("Kommunalbestyrelsen_2022-25 og 5 * 3", Marked("Kommunalbestyrelsen_2022-25 og 5 * 3")),
        ("    indrykket tekst  ", Marked("indrykket tekst")),
        ("h2. Budget 2025", Marked("Budget 2025", 2)),
        ("    h1. Anne", Marked("Anne", 1)),
        ("h1.5 mio. kr. er afsat", Marked("h1.5 mio. kr. er afsat")),
        ("<!-- end list -->", Marked("")),
    ],
)  # fmt: skip
def test_unmark(line: str, marked: Marked) -> None:
    assert unmark(line) == marked


def test_a_bullet_stays_in_the_text_an_item_shows() -> None:
    assert unmark("> - Mette sender udkastet").shown() == "- Mette sender udkastet"
    assert unmark("#### Beslutning").shown() == "Beslutning"
