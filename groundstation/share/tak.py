"""TAK transport: a CoT XML stream ("protocol 0") over TCP or TLS with a client certificate.

CoT has no per-message acknowledgement; a message counts as delivered once its bytes were written
and flushed on a connection the server has not closed (the issue's "completed TLS write").
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Sequence
from datetime import timedelta
from urllib.parse import urlsplit

from lxml import etree

from groundstation.core.findings import utcnow
from groundstation.core.partners import Partner
from groundstation.share.cot import event_skeleton
from groundstation.share.messages import OutboundMessage
from groundstation.share.transport import TransportError, client_tls_context

CONNECT_TIMEOUT_S = 10.0


def station_sa(station_id: str) -> bytes:
    """Our own position report: TAK servers register the sender (callsign, version) from it."""
    now = utcnow()
    event, detail = event_skeleton(f"{station_id}.station", "a-f-G-U-C", "h-e", now, now, now + timedelta(minutes=5),
                           0.0, 0.0, None, None)
    etree.SubElement(detail, "contact", callsign=station_id, endpoint="*:-1:stcp")
    etree.SubElement(detail, "__group", name="Cyan", role="Team Member")
    etree.SubElement(detail, "takv", device="groundstation", platform="groundstation", os="linux",
                     version="0.1")
    return etree.tostring(event, xml_declaration=True, encoding="UTF-8")


class TakTransport:
    def __init__(self, partner: Partner, station_id: str) -> None:
        self.partner = partner
        self.station_id = station_id
        url = urlsplit(partner.endpoint)
        self._host, self._port = url.hostname or "", url.port or (8089 if url.scheme == "tls" else 8087)
        self._tls = url.scheme == "tls"
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None
        self._drain_task: asyncio.Task[None] | None = None

    @property
    def connected(self) -> bool:
        return self._writer is not None and not self._writer.is_closing() and not self._peer_gone()

    def _peer_gone(self) -> bool:
        return self._drain_task is not None and self._drain_task.done()

    async def connect(self) -> None:
        await self.close()
        try:
            self._reader, self._writer = await asyncio.wait_for(
                asyncio.open_connection(self._host, self._port,
                                        ssl=client_tls_context(self.partner) if self._tls else None),
                CONNECT_TIMEOUT_S)
        except (OSError, asyncio.TimeoutError) as exc:
            raise TransportError(f"TAK {self._host}:{self._port}: cannot connect: {exc or 'timeout'}") from None
        # servers push other clients' events to us; read and drop them so their buffers never fill,
        # and so we learn at once when the server closes the stream
        self._drain_task = asyncio.create_task(self._discard_incoming(self._reader))
        await self._write([station_sa(self.station_id)])

    @staticmethod
    async def _discard_incoming(reader: asyncio.StreamReader) -> None:
        with contextlib.suppress(OSError, asyncio.IncompleteReadError):
            while await reader.read(65536):
                pass

    async def _write(self, chunks: Sequence[bytes]) -> None:
        if not self.connected or self._writer is None:
            raise TransportError(f"TAK {self._host}:{self._port}: connection closed by the server")
        try:
            self._writer.writelines(chunks)
            await self._writer.drain()
        except (OSError, RuntimeError) as exc:
            raise TransportError(f"TAK {self._host}:{self._port}: write failed: {exc}") from None
        if self._peer_gone():
            raise TransportError(f"TAK {self._host}:{self._port}: connection closed by the server")

    async def send(self, messages: Sequence[OutboundMessage]) -> None:
        if not self.connected:
            await self.connect()
        await self._write([m.payload for m in messages])

    async def send_raw(self, payload: bytes) -> None:
        """Best-effort live data (vehicle tracks): not from the outbox, never retried."""
        if not self.connected:
            await self.connect()
        await self._write([payload])

    async def close(self) -> None:
        if self._drain_task is not None:
            self._drain_task.cancel()
            self._drain_task = None
        if self._writer is not None:
            self._writer.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._writer.wait_closed(), 2.0)
            self._writer = None
