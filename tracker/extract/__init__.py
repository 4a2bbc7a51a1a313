"""Decisions -> proposed follow-up actions (pure functions over plain data)."""

from tracker.extract.extractor import extract_actions
from tracker.extract.model import KINDS, ProposedAction

__all__ = ["KINDS", "ProposedAction", "extract_actions"]
