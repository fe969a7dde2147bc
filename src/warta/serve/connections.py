"""Connections that cannot be held open by a client that sends nothing, or sends its request
head a byte at a time: uvicorn's HTTP/1.1 protocol with a deadline for each request head.

uvicorn closes a keep-alive connection that stays idle after a response; it waits forever for
the first request of a new connection and for a head that trickles in. :class:`HeadTimeoutProtocol`
gives every request head ``timeout`` seconds from the moment the connection opens or the
previous response ends: a head not complete by then closes the connection.
"""
from __future__ import annotations

from uvicorn.protocols.http.h11_impl import H11Protocol


def head_timeout_protocol(timeout: float) -> type[H11Protocol]:
    """An :class:`H11Protocol` subclass whose request heads must arrive within ``timeout`` seconds."""

    class HeadTimeoutProtocol(H11Protocol):
        def connection_made(self, transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._arm()

        def on_response_complete(self) -> None:
            super().on_response_complete()
            self._arm()

        def _arm(self) -> None:
            waiting_after = self.cycle  # a new request replaces the cycle: then the deadline is moot
            self.loop.call_later(timeout, self._expire, waiting_after)

        def _expire(self, waiting_after) -> None:
            if self.cycle is waiting_after and not self.transport.is_closing():
                self.transport.close()

    return HeadTimeoutProtocol
