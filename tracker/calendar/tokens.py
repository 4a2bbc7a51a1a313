"""Feed tokens: the only secret between a subscriber's calendar and the feed.

A feed URL is a bearer credential that calendar clients store and poll
without any login, so the token must be unguessable (256 random bits from
the OS, above the 128 the issue asks for), the store keeps only its SHA-256
(a copied database opens no feed), and the server compares hashes in
constant time so response timing tells an attacker nothing about how close
a guess was.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

TOKEN_BYTES = 32
"""Random bytes per token: 256 bits."""

_TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{43}")


def new_token() -> str:
    """A fresh URL-safe token of `TOKEN_BYTES` random bytes (43 characters)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_hash(token: str) -> str:
    """The SHA-256 of a token as hex: what the store keeps and is searched by."""
    return hashlib.sha256(token.encode("ascii", "replace")).hexdigest()


def well_formed(token: str) -> bool:
    """Whether `token` has the shape `new_token` produces; anything else is
    refused before the database is asked."""
    return _TOKEN_SHAPE.fullmatch(token) is not None


def same_hash(token: str, stored_sha256: str) -> bool:
    """Whether `token` hashes to `stored_sha256`, compared in constant time."""
    return hmac.compare_digest(token_hash(token), stored_sha256)


def token_from_url(text: str) -> str:
    """The token in a feed URL (".../feeds/TOKEN.ics"), or `text` itself."""
    last = text.strip().rstrip("/").rsplit("/", 1)[-1]
    return last.removesuffix(".ics")
