"""The organisation file: loading, lookups, and one clear line for every mistake."""

from __future__ import annotations

from datetime import time
from pathlib import Path

import pytest

from tracker.errors import InputError
from tracker.organisation import (
    BodyInfo,
    Organisation,
    Person,
    Policy,
    Unit,
    load_organisation,
)

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "organisation.toml"


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "organisation.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_no_file_gives_an_empty_organisation_with_the_default_policy() -> None:
    organisation = load_organisation(None)
    assert organisation == Organisation()
    assert organisation.policy == Policy(5, 1, True, 3, 2)
    assert organisation.find_owner("ØC") is None
    assert organisation.body("Direktionen") is None


def test_the_sample_file_loads() -> None:
    organisation = load_organisation(SAMPLE)
    direktionen = organisation.body("direktionen")
    assert direktionen == BodyInfo(
        "Direktionen", ("Direktion",), "FREQ=WEEKLY;BYDAY=MO", time(11, 30)
    )
    assert organisation.body("Udvalget for Teknik og Miljø") is not None
    assert organisation.find_owner("HRC") == "HRC"
    assert organisation.find_owner("sekretariatet") == "Sekretariatet"
    assert organisation.find_owner("Direktionssekretariatet") == "Sekretariatet"
    assert organisation.find_owner("Anya") == "Anya Krogh Manghezi"
    assert organisation.is_external("KL") and organisation.is_external("HTK")


FULL = """
externals = ["KL", "Høje-Taastrup Kommune"]

[policy]
asap_working_days = 3
roll_to_working_day = false

[[units]]
name = "Økonomicenter"
abbreviations = ["ØC", "ØKC"]
aliases = ["økonomi"]

[[units]]
name = "IT"

[[units]]
name = "Sekretariatet"
aliases = ["Direktionssekretariatet"]

[[people]]
name = "Anya Krogh Manghezi"
unit = "ØC"
aliases = ["Anya", "AKM"]

[[bodies]]
name = "Byrådet"
aliases = ["Kommunalbestyrelsen"]
cadence = "RRULE:FREQ=MONTHLY;BYDAY=-1TU"
start = 19:00:00
"""


@pytest.fixture
def organisation(tmp_path: Path) -> Organisation:
    return load_organisation(write(tmp_path, FULL))


def test_entries_are_read_as_written(organisation: Organisation) -> None:
    assert organisation.units[0] == Unit("Økonomicenter", ("ØC", "ØKC"), ("økonomi",))
    assert organisation.people == (Person("Anya Krogh Manghezi", "Økonomicenter", ("Anya", "AKM")),)
    assert organisation.bodies[0].cadence == "FREQ=MONTHLY;BYDAY=-1TU"
    assert organisation.bodies[0].start == time(19, 0)
    assert organisation.policy == Policy(asap_working_days=3, roll_to_working_day=False)
    assert organisation.externals == ("KL", "Høje-Taastrup Kommune")


@pytest.mark.parametrize(
    ("text", "owner"),
    [
        ("ØC", "ØC"),  # a unit is shown by its first abbreviation
        ("ØKC", "ØC"),
        ("Økonomicenter", "ØC"),
        ("økonomicenter", "ØC"),
        ("Økonomi", "ØC"),
        ("  Direktionssekretariatet ", "Sekretariatet"),  # no abbreviation: by name
        ("sekretariatet", "Sekretariatet"),
        ("Anya", "Anya Krogh Manghezi"),  # a person is shown by full name
        ("anya  krogh   manghezi", "Anya Krogh Manghezi"),
        ("AKM", "Anya Krogh Manghezi"),
        ("IT", "IT"),
        ("it", None),  # capitals are abbreviations and match exactly
        ("øc", None),
        ("Akm", None),
        ("KL", None),  # externals are never owners
        ("Vejafdelingen", None),
    ],
)
def test_find_owner(organisation: Organisation, text: str, owner: str | None) -> None:
    assert organisation.find_owner(text) == owner


@pytest.mark.parametrize(
    ("name", "external"),
    [("KL", True), ("kl", False), ("høje-taastrup kommune", True), ("ØC", False)],
)
def test_is_external(organisation: Organisation, name: str, external: bool) -> None:
    assert organisation.is_external(name) is external


@pytest.mark.parametrize("name", ["Byrådet", "byrådet", "KOMMUNALBESTYRELSEN", " Byrådet "])
def test_body_ignores_case_on_names_and_aliases(organisation: Organisation, name: str) -> None:
    body = organisation.body(name)
    assert body is not None and body.name == "Byrådet"


def test_unknown_body(organisation: Organisation) -> None:
    assert organisation.body("Økonomiudvalget") is None


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("units = [\n  {name = 'ØC'\n", "TOML syntax error"),
        ("colour = 'blue'\n", "unknown top-level key 'colour'"),
        ("[[unit]]\nname = 'ØC'\n", "unknown top-level key 'unit'"),
        ("[[units]]\nname = 'ØC'\nabbreviation = ['ØC']\n", "units[1]: unknown key 'abbreviation'"),
        ("[[units]]\nabbreviations = ['ØC']\n", "units[1]: missing 'name'"),
        ("[[units]]\nname = 7\n", "units[1].name: must be a string"),
        ("[[units]]\nname = 'ØC'\naliases = 'økonomi'\n", "units[1].aliases: must be a list"),
        (
            "[[units]]\nname = 'ØC'\naliases = ['']\n",
            "units[1].aliases: must be a list of non-empty",
        ),
        ("units = 'ØC'\n", "'units' must be an array of tables"),
        ("[[people]]\nname = 'Anya'\nunit = 'ØK'\n", "people[1].unit: 'ØK' is not the name"),
        (
            "[[bodies]]\nname = 'A'\n[[bodies]]\nname = 'B'\ncadence = 'FREQ=MONTHLY;BYDAY=XX'\n",
            "bodies[2].cadence: 'FREQ=MONTHLY;BYDAY=XX' is not a valid RRULE",
        ),
        ("[[bodies]]\nname = 'A'\ncadence = 'BYDAY=MO'\n", "bodies[1].cadence: 'BYDAY=MO' is not"),
        ("[[bodies]]\nname = 'A'\ncadence = 'FREQ=WEEKLY;FOO=1'\n", "bodies[1].cadence"),
        (
            "[[bodies]]\nname = 'A'\ncadence = 'DTSTART:20230101\\nRRULE:FREQ=DAILY'\n",
            "bodies[1].cadence: give one RRULE line without DTSTART",
        ),
        ("[[bodies]]\nname = 'A'\nstart = '25:00'\n", "bodies[1].start: '25:00' is not a time"),
        ("[[bodies]]\nname = 'A'\nstart = 1130\n", "bodies[1].start: '1130' is not a time"),
        (
            "[[bodies]]\nname = 'A'\n[[bodies]]\nname = 'B'\naliases = ['a']\n",
            "'a' names both body 'A' and body 'B'",
        ),
        ("policy = 5\n", "'policy' must be a table"),
        ("[policy]\nasap_days = 5\n", "policy: unknown key 'asap_days'"),
        (
            "[policy]\nasap_working_days = 'fem'\n",
            "policy.asap_working_days: must be a whole number",
        ),
        ("[policy]\nasap_working_days = -1\n", "policy.asap_working_days: must be a whole number"),
        ("[policy]\nreview_months = true\n", "policy.review_months: must be a whole number"),
        (
            "[policy]\nroll_to_working_day = 1\n",
            "policy.roll_to_working_day: must be true or false",
        ),
        ("externals = 'KL'\n", "externals: must be a list"),
        (
            "[[units]]\nname = 'ØC'\n[[people]]\nname = 'Ole'\naliases = ['ØC']\n",
            "'ØC' names both 'ØC' and 'Ole'",
        ),
        (
            "externals = ['HTK']\n[[units]]\nname = 'HTK'\n",
            "externals: 'HTK' is also the name of owner 'HTK'",
        ),
    ],
)
def test_bad_files_give_one_line_naming_the_key(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(InputError) as caught:
        load_organisation(path)
    assert caught.value.source == str(path)
    assert message in caught.value.reason
    assert "\n" not in str(caught.value)


def test_toml_syntax_error_names_the_line(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"line 3"):
        load_organisation(write(tmp_path, "[policy]\nasap_working_days = 5\nroll = \n"))


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_organisation(tmp_path / "nowhere.toml")


def test_a_file_that_is_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "organisation.toml"
    path.write_bytes("externals = ['Høje']".encode("latin-1"))
    with pytest.raises(InputError, match="not a UTF-8 text file"):
        load_organisation(path)
