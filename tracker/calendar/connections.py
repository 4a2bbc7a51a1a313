"""How `tracker serve` treats connections: slow and idle clients are dropped.

uvicorn (with h11) waits for a request for ever: its keep-alive timeout
starts only once an answer is sent, and stops at the first byte that comes
in. So a client that connects and sends nothing, or sends a header byte
every few seconds ("slowloris"), holds its connection until it gives up,
and a few hundred of them use up the server. Here every wait for a request
head has a deadline, `Limits.head_timeout` seconds from the connection's
start or from the previous answer, however the bytes trickle in; past it
the connection is closed. An idle keep-alive connection is closed after
`Limits.keep_alive` seconds (uvicorn's own timeout), and beyond
`Limits.connections` open connections a request is answered 503 (uvicorn's
`limit_concurrency`), so even a flood of clients costs a bounded amount.

The deadline lives in a subclass of uvicorn's h11 protocol, the one uvicorn
uses without httptools; it is named explicitly so that installing httptools
does not silently switch to a protocol without it.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

import uvicorn
from starlette.types import ASGIApp
from uvicorn.protocols.http.h11_impl import H11Protocol


@dataclass(frozen=True)
class Limits:
    """How long a client may take, and how many may be connected at once.

    Calendar clients send a request of a few hundred bytes at once and poll
    every few minutes to hours, so ten seconds for a request head is ample
    and a kept-alive connection serves only a burst.
    """

    head_timeout: float = 10.0
    """Seconds to send a whole request head, from connecting or from the last answer."""
    keep_alive: int = 5
    """Seconds an idle connection stays open after an answer (uvicorn takes whole seconds)."""
    connections: int = 1000
    """Open connections at which a further request is answered 503 Service Unavailable."""


DEFAULT_LIMITS = Limits()


def uvicorn_config(
    app: ASGIApp, *, host: str, port: int, limits: Limits, log_level: str
) -> uvicorn.Config:
    """uvicorn's settings for the feed server: the `limits`, no access log (it
    would log every token), no `server` header, no lifespan (the app has no
    start-up work)."""
    return uvicorn.Config(
        app,
        host=host,
        port=port,
        http=_head_deadline(limits.head_timeout),
        timeout_keep_alive=limits.keep_alive,
        limit_concurrency=limits.connections,
        access_log=False,
        server_header=False,
        log_level=log_level,
        lifespan="off",
    )


def _head_deadline(seconds: float) -> type[asyncio.Protocol]:
    """uvicorn's h11 protocol, closing a connection whose next request head is
    not complete `seconds` after it opened or after the previous answer."""

    class HeadDeadline(H11Protocol):
        _deadline: asyncio.TimerHandle | None = None

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._arm()

        def data_received(self, data: bytes) -> None:
            super().data_received(data)
            if self._answering():
                self._disarm()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            # A request pipelined behind the answer may already be under way.
            if not self.transport.is_closing() and not self._answering():
                self._arm()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

        def _answering(self) -> bool:
            """Whether a request's head has come and its answer is not complete."""
            return self.cycle is not None and not self.cycle.response_complete

        def _arm(self) -> None:
            self._disarm()
            self._deadline = self.loop.call_later(seconds, self._expire)

        def _disarm(self) -> None:
            if self._deadline is not None:
                self._deadline.cancel()
                self._deadline = None

        def _expire(self) -> None:
            self._deadline = None
            if not self._answering():
                self.transport.close()

    return HeadDeadline
