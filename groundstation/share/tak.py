"""TAK transport: a CoT XML stream ("protocol 0") over TCP or TLS with a client certificate.

CoT has no per-message acknowledgement, and a completed write only means the bytes reached our
kernel: a server that hangs or dies drops what it had not read yet. So each batch ends with a TAK
ping (t-x-c-t) and counts as delivered only once the server's pong (t-x-c-t-r) comes back: the
stream is in order, so the server has read every marker before the ping. Without the pong the
whole batch is sent again on a new connection (same uids: TAK replaces a marker by uid).
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
PONG_TIMEOUT_S = 10.0
PONG = b"t-x-c-t-r"


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


def ping(station_id: str) -> bytes:
    """The TAK keep-alive every TAK server answers with a pong on the same connection."""
    now = utcnow()
    event, _ = event_skeleton(f"{station_id}-ping", "t-x-c-t", "m-g", now, now, now + timedelta(seconds=20),
                              0.0, 0.0, None, None)
    return etree.tostring(event, encoding="UTF-8")


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
        self._pongs = 0  # pongs seen on the current connection
        self._pong_seen = asyncio.Event()

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
        # servers push other clients' events to us; read them so their buffers never fill, count
        # our pongs, and learn at once when the server closes the stream
        self._pongs = 0
        self._drain_task = asyncio.create_task(self._read_incoming(self._reader))
        await self._write([station_sa(self.station_id)])

    async def _read_incoming(self, reader: asyncio.StreamReader) -> None:
        tail = b""  # shorter than PONG, so a pong split across reads is counted once
        try:
            with contextlib.suppress(OSError, asyncio.IncompleteReadError):
                while data := await reader.read(65536):
                    seen = tail + data
                    if found := seen.count(PONG):
                        self._pongs += found
                        self._pong_seen.set()
                    tail = seen[-(len(PONG) - 1):]
        finally:
            self._pong_seen.set()  # wake a waiting send: the connection is gone

    async def _confirm(self) -> None:
        """Ping and wait for the pong that proves the server read everything written before it."""
        wanted = self._pongs + 1
        await self._write([ping(self.station_id)])
        async with asyncio.timeout(PONG_TIMEOUT_S):
            while self._pongs < wanted:
                if self._peer_gone():
                    raise TransportError(f"TAK {self._host}:{self._port}: connection closed by the server "
                                         "before it confirmed the markers")
                self._pong_seen.clear()
                await self._pong_seen.wait()

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
        try:
            await self._confirm()
        except TimeoutError:
            raise TransportError(f"TAK {self._host}:{self._port}: no pong within {PONG_TIMEOUT_S:.0f} s; "
                                 "the markers will be sent again") from None

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
