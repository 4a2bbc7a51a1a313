"""`tracker rules`: how each extractor rule's proposals fared in review, and
what that does to the rule's next proposals."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tracker.cli import app

# Five decisions the passive rule reads, and one a named actor gives.
FIRST = """Referat
Styregruppen
Mødedato: 4. marts 2024

1. Hjemmesiden
Beslutning
Hjemmesiden opdateres.

2. Nyhedsbrev
Beslutning
Nyhedsbrevet sendes ud.

3. Skilte
Beslutning
Skiltene udskiftes.

4. Legeplads
Beslutning
Sandkassen fornyes.

5. Kaffe
Beslutning
Kaffemaskinen repareres.

6. Budget
Beslutning
Kassereren udarbejder et budget.
"""
SECOND = FIRST.replace("4. marts", "8. april")


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def actions(status: str) -> list[dict[str, object]]:
    code, stdout, stderr = run("list", "--status", status, "--format", "json")
    assert code == 0, stderr
    return json.loads(stdout)


@pytest.fixture
def db(database_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("TRACKER_DATABASE_URL", database_url)
    return database_url


def test_rules_counts_kept_edited_rejected_and_waiting(db: str, tmp_path: Path) -> None:
    minutes = tmp_path / "styregruppen-2024-03-04.txt"
    minutes.write_text(FIRST, encoding="utf-8")
    assert run("import", str(minutes))[0] == 0
    proposed = {a["title"]: a for a in actions("proposed")}
    passive = [a["id"] for a in proposed.values() if a["rule"] == "da.passive"]
    assert len(passive) == 5
    actor = next(a["id"] for a in proposed.values() if a["rule"] == "da.actor")
    assert run("reject", *map(str, passive[:4]))[0] == 0
    assert run("assign", str(passive[4]), "--owner", "Sekretariatet")[0] == 0
    assert run("accept", str(passive[4]))[0] == 0

    code, stdout, stderr = run("rules", "--format", "json")
    assert code == 0, stderr
    by_rule = {r["rule"]: r for r in json.loads(stdout)}
    assert {k: by_rule["da.passive"][k] for k in ("proposed", "accepted", "edited", "rejected", "waiting")} == {
        "proposed": 5, "accepted": 0, "edited": 1, "rejected": 4, "waiting": 0,
    }  # fmt: skip
    assert by_rule["da.passive"]["edited_fields"] == {"owner": 1}
    assert by_rule["da.passive"]["confidence_factor"] < 1
    assert (by_rule["da.actor"]["waiting"], by_rule["da.actor"]["confidence_factor"]) == (1, 1.0)
    code, table, _ = run("rules")
    assert code == 0 and "da.passive" in table and "owner 1" in table

    # The next minutes: the mostly rejected rule proposes with less confidence.
    before = {a["title"]: a["confidence"] for a in actions("proposed")}
    later = tmp_path / "styregruppen-2024-04-08.txt"
    later.write_text(SECOND, encoding="utf-8")
    assert run("import", str(later))[0] == 0
    new = [a for a in actions("proposed") if a["id"] not in {actor}]
    lowered = [a for a in new if a["rule"] == "da.passive"]
    assert lowered and all(a["confidence"] < proposed[a["title"]]["confidence"] for a in lowered)
    assert all(a["confidence"] == before[a["title"]] for a in new if a["rule"] == "da.actor")


def test_rules_on_an_empty_database_says_so(db: str) -> None:
    code, stdout, _ = run("rules")
    assert code == 0 and "No proposals" in stdout
