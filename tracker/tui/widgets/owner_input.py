"""An owner typed with completion from the organisation and from owners used before.

Owners are kept as typed (a unit, an abbreviation or a person), so the input
completes towards names people already use, and says under it whether the
name is one the organisation file knows or a new owner.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Input, Static

from tracker.organisation import Organisation
from tracker.tui.i18n import register, t

register(
    {
        "owner.placeholder": {
            "da": "Enhed, forkortelse eller person (→ fuldfører)",
            "en": "Unit, abbreviation or person (→ completes)",
        },
        "owner.none": {"da": "Ingen ejer", "en": "No owner"},
        "owner.known": {"da": "Kendt: {name}", "en": "Known: {name}"},
        "owner.used": {"da": "Brugt før", "en": "Used before"},
        "owner.new": {"da": "Ny ejer, gemmes som skrevet", "en": "New owner, kept as typed"},
    }
)


def owner_names(organisation: Organisation, used: Iterable[str]) -> list[str]:
    """Completion candidates, most wanted first: the names lists show (unit
    abbreviations, people's full names), then units' full names and aliases,
    then owners stored before; each once."""
    names = [unit.display for unit in organisation.units]
    names += [person.name for person in organisation.people]
    names += [name for unit in organisation.units for name in (unit.name, *unit.aliases)]
    names += [alias for person in organisation.people for alias in person.aliases]
    names += list(used)
    return list(dict.fromkeys(names))


class OwnerInput(Vertical):
    """An Input completing owner names (→ or End accepts) and a line saying
    what the typed name is."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._organisation = Organisation()
        self._used: set[str] = set()

    def compose(self) -> ComposeResult:
        yield Input(placeholder=t("owner.placeholder"), id="owner-name")
        yield Static(t("owner.none"), id="owner-hint", markup=False)

    def load(self, organisation: Organisation, used: Iterable[str], owner: str | None) -> None:
        """Complete from `organisation` and the `used` owners, starting with `owner`."""
        self._organisation, self._used = organisation, set(used)
        field = self.query_one(Input)
        field.suggester = SuggestFromList(
            owner_names(organisation, self._used), case_sensitive=False
        )
        field.value = owner or ""
        self._show()

    @property
    def value(self) -> str:
        """The owner as typed, spaces trimmed; empty for none."""
        return self.query_one(Input).value.strip()

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._show()

    def _show(self) -> None:
        hint = self.query_one("#owner-hint", Static)
        name = self.value
        known = self._organisation.find_owner(name) if name else None
        if not name:
            hint.update(t("owner.none"))
        elif known is not None:
            hint.update(t("owner.known", name=known))
        elif name in self._used:
            hint.update(t("owner.used"))
        else:
            hint.update(t("owner.new"))
