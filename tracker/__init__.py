"""tracker: a decision and follow-up tracker for municipal boards and committees."""

__version__ = "0.1.0"
