"""Robot link addresses (`serial:PORT:BAUD`, `zmq:tcp://HOST:PORT`) and what every link shares."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import urlsplit

from drivers.robot.framing import ReceiveStats
from drivers.robot.protocol import Message

DEFAULT_BAUD = 115200


class LinkState(StrEnum):
    CONNECTING = "connecting"
    OPEN = "open"
    RECONNECTING = "reconnecting"  # lost; trying again on its own
    REFUSED = "refused"  # the other end rejected our keys; retrying will not help until they change
    CLOSED = "closed"


@dataclass(frozen=True)
class SerialAddress:
    port: str
    baud: int = DEFAULT_BAUD

    def __str__(self) -> str:
        return f"serial:{self.port}:{self.baud}"


@dataclass(frozen=True)
class ZmqAddress:
    """Commands go to the robot's ROUTER at port, telemetry comes from its PUB at port + 1."""

    host: str
    port: int

    @property
    def command_endpoint(self) -> str:
        return f"tcp://{self._host()}:{self.port}"

    @property
    def telemetry_endpoint(self) -> str:
        return f"tcp://{self._host()}:{self.port + 1}"

    def _host(self) -> str:
        return f"[{self.host}]" if ":" in self.host else self.host

    def __str__(self) -> str:
        return f"zmq:{self.command_endpoint}"


def parse_link_url(url: str) -> SerialAddress | ZmqAddress:
    """Read a robot link address; ValueError says what a good one looks like."""
    scheme, _, rest = url.partition(":")
    if scheme == "serial" and rest:
        port, _, baud = rest.rpartition(":")
        if not port:  # no baud given
            return SerialAddress(rest)
        if not baud.isdigit() or int(baud) <= 0:
            raise ValueError(f"{url!r}: baud rate {baud!r} is not a positive number (serial:/dev/ttyUSB0:115200)")
        return SerialAddress(port, int(baud))
    if scheme == "zmq" and rest:
        parts = urlsplit(rest)
        try:
            port = parts.port
        except ValueError:
            port = None
        if parts.scheme != "tcp" or not parts.hostname or port is None or not 0 < port < 65535:
            raise ValueError(f"{url!r}: a ZeroMQ robot address is zmq:tcp://HOST:PORT with PORT below 65535")
        return ZmqAddress(parts.hostname, port)
    raise ValueError(f"{url!r}: a robot link is serial:PORT[:BAUD] or zmq:tcp://HOST:PORT")


MessageHandler = Callable[[Message], None]


class RobotLink:
    """What the session sees of a link: send messages, get messages, state and counted errors."""

    def __init__(self, on_message: MessageHandler) -> None:
        self.on_message = on_message
        self.state = LinkState.CONNECTING
        self.last_error: str | None = None
        self.stats = ReceiveStats()
        self.sent = 0
        self.send_failures = 0

    def _set_state(self, state: LinkState, error: str | None = None) -> None:
        self.state = state
        if error is not None:
            self.last_error = error

    async def open(self) -> None:
        raise NotImplementedError

    async def send(self, message: Message) -> bool:
        """Send one message; False (and counted) when the link cannot carry it now."""
        raise NotImplementedError

    async def close(self) -> None:
        raise NotImplementedError
