"""A bare pymavlink ground station for driving the simulator over real UDP loopback."""
from __future__ import annotations

import math
import socket
import threading
import time
from dataclasses import dataclass

import pytest
from pymavlink.dialects.v20 import common as mavlink

NAN = math.nan


@dataclass
class Received:
    msg: mavlink.MAVLink_message
    wall: float


class PlainGcs:
    """Listens on an ephemeral port (the fleet's `gcs` address) and talks to one vehicle port."""

    def __init__(self, system_id: int = 255, component_id: int = 190) -> None:
        self.sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
        self.sock.bind(("127.0.0.1", 0))
        self.sock.settimeout(0.05)
        self.address = self.sock.getsockname()
        self.mav = mavlink.MAVLink(None, system_id, component_id)
        self.parser = mavlink.MAVLink(None, 0, 0)
        self.parser.robust_parsing = True
        self.received: list[Received] = []
        self.raw: list[bytes] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._read, daemon=True)
        self._thread.start()

    def _read(self) -> None:
        while not self._stop.is_set():
            try:
                data = self.sock.recv(65535)
            except (socket.timeout, OSError):
                continue
            msgs = self.parser.parse_buffer(data) or []
            now = time.monotonic()
            with self._lock:
                self.raw.append(data)
                self.received.extend(Received(m, now) for m in msgs)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self.sock.close()

    def send(self, port: int, msg: mavlink.MAVLink_message, mavlink1: bool = False) -> None:
        data = msg.pack(self.mav, force_mavlink1=mavlink1)
        self.mav.seq = (self.mav.seq + 1) % 256
        self.sock.sendto(data, ("127.0.0.1", port))

    def messages(self, kind: str, system_id: int | None = None, since: int = 0) -> list[mavlink.MAVLink_message]:
        with self._lock:
            items = self.received[since:]
        return [r.msg for r in items
                if r.msg.get_type() == kind and (system_id is None or r.msg.get_srcSystem() == system_id)]

    def mark(self) -> int:
        with self._lock:
            return len(self.received)

    def wait_for(self, kind: str, predicate=lambda m: True, timeout: float = 5.0, since: int = 0,
                 system_id: int | None = None) -> mavlink.MAVLink_message:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for msg in self.messages(kind, system_id, since):
                if predicate(msg):
                    return msg
            time.sleep(0.01)
        raise TimeoutError(f"no {kind} matching within {timeout} s")

    def command(self, port: int, command: int, *params: float, target: int = 1, confirmation: int = 0,
                timeout: float = 3.0, mavlink1: bool = False) -> int:
        """COMMAND_LONG; returns the MAV_RESULT of the matching COMMAND_ACK."""
        p = list(params) + [0.0] * (7 - len(params))
        mark = self.mark()
        self.send(port, mavlink.MAVLink_command_long_message(target, 1, command, confirmation, *p), mavlink1)
        ack = self.wait_for("COMMAND_ACK", lambda m: m.command == command, timeout, since=mark)
        return ack.result

    def command_int(self, port: int, command: int, frame: int, params: tuple[float, float, float, float],
                    x: int, y: int, z: float, target: int = 1, timeout: float = 3.0) -> int:
        mark = self.mark()
        self.send(port, mavlink.MAVLink_command_int_message(target, 1, frame, command, 0, 0, *params, x, y, z))
        return self.wait_for("COMMAND_ACK", lambda m: m.command == command, timeout, since=mark).result

    def texts(self, since: int = 0) -> list[str]:
        return [m.text for m in self.messages("STATUSTEXT", since=since)]


@pytest.fixture
def gcs():
    station = PlainGcs()
    yield station
    station.close()
