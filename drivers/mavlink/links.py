"""MAVLink links: UDP (listen or send), TCP client and serial, on asyncio.

A link only moves bytes. It tells its owner what arrived and from which peer address, and sends
what it is given to one peer or to every peer it has heard from (UDP listen, as QGroundControl
does on 14550). Links that can reconnect (TCP, serial) do so by themselves with a backoff.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import time
from dataclasses import dataclass, field
from typing import Callable

log = logging.getLogger(__name__)

Address = tuple[str, int] | str  # (host, port) for UDP/TCP, the device path for serial
ReceiveCallback = Callable[["Link", bytes, Address], None]

UDP_PEER_TIMEOUT_S = 30.0  # forget a UDP peer we have not heard from for this long
RECONNECT_MIN_S, RECONNECT_MAX_S = 0.5, 5.0


# Every form `--link` takes; `tlog:` is parsed by replay.py (hub.parse_link_url picks the parser),
# but a user who mistyped a kind needs the whole list in one place.
LINK_FORMS = ("udpin:HOST:PORT, udpout:HOST:PORT, tcp:HOST:PORT, serial:DEVICE[:BAUD] "
              "or tlog:FILE[:SPEED] to replay a telemetry log")


class LinkError(Exception):
    """A link that cannot be opened or is malformed; the message says why in the operator's terms."""


@dataclass(frozen=True)
class LinkSpec:
    kind: str  # udpin | udpout | tcp | serial
    host: str = ""
    port: int = 0
    device: str = ""
    baud: int = 0

    @classmethod
    def parse(cls, url: str) -> "LinkSpec":
        """Parse `udpin:0.0.0.0:14550`, `udpout:HOST:PORT`, `tcp:HOST:PORT`, `serial:/dev/ttyUSB0:57600`."""
        kind, sep, rest = url.partition(":")
        kind = kind.strip().lower()
        if not sep or not rest:
            raise LinkError(f"link {url!r}: expected KIND:ADDRESS, one of {LINK_FORMS}")
        if kind == "serial":
            device, _, baud = rest.rpartition(":")
            if not device:
                device, baud = rest, "57600"
            try:
                rate = int(baud)
            except ValueError:
                raise LinkError(f"link {url!r}: baud rate {baud!r} is not a number") from None
            if rate <= 0:
                raise LinkError(f"link {url!r}: baud rate must be positive")
            return cls("serial", device=device, baud=rate)
        if kind not in ("udpin", "udpout", "tcp"):
            raise LinkError(f"link {url!r}: unknown kind {kind!r}; use {LINK_FORMS}")
        host, _, port = rest.rpartition(":")
        host = host.strip("[]")
        if not host:
            raise LinkError(f"link {url!r}: expected {kind}:HOST:PORT")
        try:
            number = int(port)
        except ValueError:
            raise LinkError(f"link {url!r}: port {port!r} is not a number") from None
        if not 0 <= number <= 65535 or (number == 0 and kind != "udpin"):
            raise LinkError(f"link {url!r}: port {number} out of range")
        return cls(kind, host=host, port=number)

    def __str__(self) -> str:
        if self.kind == "serial":
            return f"serial:{self.device}:{self.baud}"
        return f"{self.kind}:{self.host}:{self.port}"


@dataclass
class LinkStats:
    bytes_in: int = 0
    bytes_out: int = 0
    send_errors: int = 0
    connected: bool = False
    last_error: str = ""
    last_receive: float = field(default=0.0)


class Link:
    """Base of every link kind: the receive callback, statistics and the name shown to users."""

    def __init__(self, spec: LinkSpec, on_receive: ReceiveCallback) -> None:
        self.spec = spec
        self.name = str(spec)
        self.stats = LinkStats()
        self._on_receive = on_receive

    def _received(self, data: bytes, peer: Address) -> None:
        self.stats.bytes_in += len(data)
        self.stats.last_receive = time.monotonic()
        self._on_receive(self, data, peer)

    def _failed_send(self, error: Exception) -> None:
        self.stats.send_errors += 1
        self.stats.last_error = str(error)

    async def open(self) -> None:
        raise NotImplementedError

    def send(self, data: bytes, peer: Address | None = None) -> None:
        raise NotImplementedError

    async def close(self) -> None:
        raise NotImplementedError


class _DatagramProtocol(asyncio.DatagramProtocol):
    def __init__(self, link: "UdpLink") -> None:
        self.link = link

    def datagram_received(self, data: bytes, addr: tuple) -> None:
        self.link._datagram(data, (addr[0], addr[1]))

    def error_received(self, exc: Exception) -> None:
        # ICMP port unreachable when a peer is gone: count it, the link itself stays up.
        self.link._failed_send(exc)


class UdpLink(Link):
    """udpin listens on a local port and answers every peer heard; udpout sends to one peer."""

    def __init__(self, spec: LinkSpec, on_receive: ReceiveCallback) -> None:
        super().__init__(spec, on_receive)
        self._transport: asyncio.DatagramTransport | None = None
        self._peers: dict[Address, float] = {}
        if spec.kind == "udpout":
            self._peers[(spec.host, spec.port)] = float("inf")

    @property
    def local_port(self) -> int:
        if self._transport is None:
            return 0
        return self._transport.get_extra_info("sockname")[1]

    @property
    def peers(self) -> list[Address]:
        return list(self._peers)

    async def open(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            if self.spec.kind == "udpin":
                self._transport, _ = await loop.create_datagram_endpoint(
                    lambda: _DatagramProtocol(self), local_addr=(self.spec.host, self.spec.port))
                # Show the real port when the operator asked for any (0), as tests do.
                self.name = f"udpin:{self.spec.host}:{self.local_port}"
            else:
                self._transport, _ = await loop.create_datagram_endpoint(
                    lambda: _DatagramProtocol(self), local_addr=("0.0.0.0", 0))
        except OSError as e:
            raise LinkError(f"{self.name}: cannot open UDP socket: {e.strerror or e}") from e
        self.stats.connected = True

    def _datagram(self, data: bytes, addr: Address) -> None:
        if self.spec.kind == "udpin":
            self._peers[addr] = time.monotonic()
        self._received(data, addr)

    def send(self, data: bytes, peer: Address | None = None) -> None:
        if self._transport is None or self._transport.is_closing():
            return
        now = time.monotonic()
        targets = [peer] if peer is not None else [
            p for p, seen in self._peers.items() if now - seen < UDP_PEER_TIMEOUT_S]
        for target in targets:
            try:
                self._transport.sendto(data, target)
                self.stats.bytes_out += len(data)
            except OSError as e:
                self._failed_send(e)

    async def close(self) -> None:
        if self._transport is not None:
            self._transport.close()
        self.stats.connected = False


class _StreamLink(Link):
    """A byte stream that comes back by itself: TCP client or serial port."""

    def __init__(self, spec: LinkSpec, on_receive: ReceiveCallback) -> None:
        super().__init__(spec, on_receive)
        self._task: asyncio.Task | None = None
        self._closing = False

    async def open(self) -> None:
        # The first connection is tried up front so a wrong address is reported at start;
        # afterwards the link keeps reconnecting on its own.
        try:
            reader = await self._connect()
        except (OSError, LinkError) as e:
            self.stats.last_error = str(e)
            log.warning("%s: not connected yet (%s); retrying in the background", self.name, e)
            reader = None
        self._task = asyncio.create_task(self._run(reader), name=f"link {self.name}")

    async def _connect(self) -> asyncio.StreamReader:
        raise NotImplementedError

    def _disconnect(self) -> None:
        raise NotImplementedError

    def _write(self, data: bytes) -> None:
        raise NotImplementedError

    async def _run(self, reader: asyncio.StreamReader | None) -> None:
        delay = RECONNECT_MIN_S
        while not self._closing:
            if reader is None:
                await asyncio.sleep(delay)
                delay = min(delay * 2, RECONNECT_MAX_S)
                try:
                    reader = await self._connect()
                except (OSError, LinkError) as e:
                    self.stats.last_error = str(e)
                    continue
            delay = RECONNECT_MIN_S
            self.stats.connected = True
            try:
                while chunk := await reader.read(4096):
                    self._received(chunk, self._peer_address())
            except OSError as e:
                self.stats.last_error = str(e)
            self.stats.connected = False
            self._disconnect()
            reader = None
            if not self._closing:
                log.warning("%s: connection lost; reconnecting", self.name)

    def _peer_address(self) -> Address:
        raise NotImplementedError

    def send(self, data: bytes, peer: Address | None = None) -> None:
        if not self.stats.connected:
            return
        try:
            self._write(data)
            self.stats.bytes_out += len(data)
        except (OSError, RuntimeError) as e:
            self._failed_send(e)

    async def close(self) -> None:
        self._closing = True
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
        self._disconnect()
        self.stats.connected = False


class TcpLink(_StreamLink):
    def __init__(self, spec: LinkSpec, on_receive: ReceiveCallback) -> None:
        super().__init__(spec, on_receive)
        self._writer: asyncio.StreamWriter | None = None

    async def _connect(self) -> asyncio.StreamReader:
        reader, self._writer = await asyncio.wait_for(
            asyncio.open_connection(self.spec.host, self.spec.port), timeout=5.0)
        return reader

    def _disconnect(self) -> None:
        if self._writer is not None:
            self._writer.close()
            self._writer = None

    def _write(self, data: bytes) -> None:
        if self._writer is not None and not self._writer.is_closing():
            self._writer.write(data)

    def _peer_address(self) -> Address:
        return (self.spec.host, self.spec.port)


class SerialLink(_StreamLink):
    """A serial port (USB or radio modem) read by the event loop from its file descriptor."""

    def __init__(self, spec: LinkSpec, on_receive: ReceiveCallback) -> None:
        super().__init__(spec, on_receive)
        self._port = None

    async def _connect(self) -> asyncio.StreamReader:
        import serial  # pyserial; imported here so the other links do not need it

        try:
            port = serial.Serial(self.spec.device, self.spec.baud, timeout=0, write_timeout=0)
        except (serial.SerialException, ValueError) as e:
            raise LinkError(f"{self.name}: cannot open serial port: {e}") from e
        reader = asyncio.StreamReader()

        def readable() -> None:
            try:
                data = os.read(port.fileno(), 4096)
            except BlockingIOError:
                return
            except OSError as e:  # device unplugged
                self.stats.last_error = str(e)
                data = b""
            if data:
                reader.feed_data(data)
            else:
                asyncio.get_running_loop().remove_reader(port.fileno())
                reader.feed_eof()

        asyncio.get_running_loop().add_reader(port.fileno(), readable)
        self._port = port
        return reader

    def _disconnect(self) -> None:
        if self._port is not None:
            with contextlib.suppress(Exception):
                asyncio.get_running_loop().remove_reader(self._port.fileno())
            self._port.close()
            self._port = None

    def _write(self, data: bytes) -> None:
        # A radio modem at 57600 baud drains about 5 kB/s; MAVLink from a GCS is far below that,
        # so a short non-blocking write that drops the rest on a full buffer is the safe choice.
        if self._port is not None:
            os.write(self._port.fileno(), data)

    def _peer_address(self) -> Address:
        return self.spec.device


def make_link(spec: LinkSpec, on_receive: ReceiveCallback) -> Link:
    if spec.kind in ("udpin", "udpout"):
        return UdpLink(spec, on_receive)
    if spec.kind == "tcp":
        return TcpLink(spec, on_receive)
    return SerialLink(spec, on_receive)
