"""HTTPS POST transport (CAP, EMSI, GeoJSON) with httpx: any 2xx is the acknowledgement.

A batch goes out as a few POSTs at a time on kept-alive connections, so one round trip per message
does not limit the rate. The revisions of one finding still go one after another (an Update never
overtakes its Alert); different findings interleave.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

import httpx

from groundstation.core.partners import Partner
from groundstation.share.messages import OutboundMessage
from groundstation.share.transport import TransportError, client_tls_context

TIMEOUT_S = 10.0
CONCURRENT_POSTS = 8  # per partner: enough to hide the round trip, few enough for a small gateway


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
        self._client = httpx.AsyncClient(verify=verify, timeout=TIMEOUT_S, follow_redirects=False,
                                         limits=httpx.Limits(max_connections=CONCURRENT_POSTS))

    async def send(self, messages: Sequence[OutboundMessage]) -> None:
        if self._client is None:
            await self.connect()
        chains: dict[str, list[int]] = {}  # finding id -> its messages' places in the batch, in order
        for i, m in enumerate(messages):
            chains.setdefault(m.finding.id, []).append(i)
        acked = [False] * len(messages)
        errors: dict[int, str] = {}
        slots = asyncio.Semaphore(CONCURRENT_POSTS)

        async def post_chain(places: list[int]) -> None:
            for i in places:
                async with slots:
                    error = await self._post(messages[i])
                if error is not None:
                    errors[i] = error
                    return  # later revisions of this finding wait for the retry
                acked[i] = True

        await asyncio.gather(*(post_chain(places) for places in chains.values()))
        if errors:
            # the worker records the acknowledged head of the batch and retries from the first gap;
            # messages acknowledged after the gap go again, and the partner drops them by id
            raise TransportError(errors[min(errors)], acked.index(False))

    async def _post(self, m: OutboundMessage) -> str | None:
        """One POST; None when the partner acknowledged it, else what went wrong."""
        assert self._client is not None
        headers = {**self._headers, "Content-Type": m.content_type, "Idempotency-Key": m.wire_id,
                   "X-Message-Id": m.wire_id}
        try:
            reply = await self._client.post(self.partner.endpoint, content=m.payload, headers=headers)
        except httpx.HTTPError as exc:  # the error text never holds our headers (the token)
            return f"POST {self.partner.endpoint}: {type(exc).__name__}: {exc}"
        if not 200 <= reply.status_code < 300:
            return f"POST {self.partner.endpoint}: HTTP {reply.status_code}"
        return None

    async def close(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None
