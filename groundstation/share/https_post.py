"""HTTPS POST transport (CAP, EMSI, GeoJSON) with httpx: any 2xx is the acknowledgement."""

from __future__ import annotations

from collections.abc import Sequence

import httpx

from groundstation.core.partners import Partner
from groundstation.share.messages import OutboundMessage
from groundstation.share.transport import TransportError, client_tls_context

TIMEOUT_S = 10.0


class HttpsTransport:
    def __init__(self, partner: Partner) -> None:
        self.partner = partner
        self._client: httpx.AsyncClient | None = None
        self._headers: dict[str, str] = {}

    @property
    def connected(self) -> bool:
        return self._client is not None

    async def connect(self) -> None:
        token = self.partner.credentials.read_text("token_file")
        self._headers = {"Authorization": f"Bearer {token}"} if token else {}
        verify = client_tls_context(self.partner) if self.partner.endpoint.startswith("https") else False
        self._client = httpx.AsyncClient(verify=verify, timeout=TIMEOUT_S, follow_redirects=False)

    async def send(self, messages: Sequence[OutboundMessage]) -> None:
        if self._client is None:
            await self.connect()
        assert self._client is not None
        for done, m in enumerate(messages):
            headers = {**self._headers, "Content-Type": m.content_type, "Idempotency-Key": m.wire_id,
                       "X-Message-Id": m.wire_id}
            try:
                reply = await self._client.post(self.partner.endpoint, content=m.payload, headers=headers)
            except httpx.HTTPError as exc:  # the error text never holds our headers (the token)
                raise TransportError(f"POST {self.partner.endpoint}: {type(exc).__name__}: {exc}", done) from None
            if not 200 <= reply.status_code < 300:
                raise TransportError(f"POST {self.partner.endpoint}: HTTP {reply.status_code}", done)

    async def close(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None
