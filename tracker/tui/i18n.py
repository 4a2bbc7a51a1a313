"""Danish and English UI text.

Each screen or widget module registers its own strings with `register`, so
the catalogue grows with the code that uses it; `t(key)` looks a key up in
the current language, which the App sets once from the `language` setting
(default: from the locale).
"""

from __future__ import annotations

import locale
import os

LANGUAGES = ("da", "en")
_catalogue: dict[str, dict[str, str]] = {language: {} for language in LANGUAGES}
_current = "en"


def register(strings: dict[str, dict[str, str]]) -> None:
    """Add strings: {"key": {"da": "...", "en": "..."}}. Both languages are required."""
    for key, texts in strings.items():
        missing = [language for language in LANGUAGES if language not in texts]
        if missing:
            raise ValueError(f"UI string {key!r} lacks {', '.join(missing)}")
        for language in LANGUAGES:
            _catalogue[language][key] = texts[language]


def t(key: str, **values: object) -> str:
    """The text for `key` in the current language, with {placeholders} filled."""
    text = _catalogue[_current].get(key) or _catalogue["en"].get(key) or key
    return text.format(**values) if values else text


def set_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"unknown UI language {language!r} (known: {', '.join(LANGUAGES)})")
    global _current
    _current = language


def current_language() -> str:
    return _current


def default_language() -> str:
    """TRACKER_LANGUAGE if set, else Danish for a Danish locale, else English."""
    configured = os.environ.get("TRACKER_LANGUAGE", "").strip().lower()
    if configured in LANGUAGES:
        return configured
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "da" if value.lower().startswith("da") else "en"
    found = locale.getlocale()[0] or ""
    return "da" if found.lower().startswith("da") else "en"
