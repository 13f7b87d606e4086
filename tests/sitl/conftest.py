"""A bare pymavlink ground station for driving the simulator over real UDP loopback, and MAVSDK as one."""
from __future__ import annotations

import math
import socket
import threading
import time
from dataclasses import dataclass

import pytest
from mavsdk import ComponentType, Configuration, Mavsdk
from pymavlink.dialects.v20 import common as mavlink

from sitl.vehicle import SimulatedFleet

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
        self._arrived = threading.Condition(self._lock)
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
                self._arrived.notify_all()

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
        """Status texts, MAVLink 2 chunks (same id) joined into their sentence."""
        texts: list[str] = []
        open_id = 0
        for m in self.messages("STATUSTEXT", since=since):
            if m.id and m.id == open_id and m.chunk_seq > 0:
                texts[-1] += m.text
            else:
                texts.append(m.text)
            open_id = m.id
        return texts

    def wait_text(self, text: str, since: int = 0, timeout: float = 5.0) -> list[str]:
        """Wait for this status text (it travels apart from the ACK or the state that caused it); all texts since."""
        deadline = time.monotonic() + timeout
        while text not in (texts := self.texts(since)):
            if time.monotonic() > deadline:
                raise TimeoutError(f"no status text {text!r} within {timeout} s; got {texts}")
            time.sleep(0.01)
        return texts

    # ---- a minimal mission-protocol client (retries on silence, no cleverness) -------------------

    def _next(self, kinds: tuple[str, ...], since: int, timeout: float, seen: list[int]):
        """The next message of these kinds after the last one taken (seen[0]: where to look from)."""
        deadline = time.monotonic() + timeout
        with self._arrived:
            if not seen:
                seen.append(since)
            while True:
                for index in range(seen[0], len(self.received)):
                    if self.received[index].msg.get_type() in kinds:
                        seen[0] = index + 1
                        return self.received[index].msg
                seen[0] = len(self.received)
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self._arrived.wait(left)

    def upload(self, port: int, items: list, mission_type: int = 0, *, legacy: bool = False,
               retry: float = 0.3, tries: int = 20, target: int = 1) -> int:
        """MISSION_COUNT then answer each request; returns the MISSION_ACK result."""
        mark, seen = self.mark(), []
        last = mavlink.MAVLink_mission_count_message(target, 1, len(items), mission_type)
        self.send(port, last)
        silent = 0
        while silent < tries:
            msg = self._next(("MISSION_REQUEST", "MISSION_REQUEST_INT", "MISSION_ACK"), mark, retry, seen)
            if msg is None:
                silent += 1
                self.send(port, last)
                continue
            silent = 0
            if msg.get_type() == "MISSION_ACK":
                return msg.type
            item = items[msg.seq]
            if legacy:
                last = mavlink.MAVLink_mission_item_message(
                    target, 1, msg.seq, item.frame, item.command, item.current, item.autocontinue, item.param1,
                    item.param2, item.param3, item.param4, item.x / 1e7, item.y / 1e7, item.z, mission_type)
            else:
                last = mavlink.MAVLink_mission_item_int_message(
                    target, 1, msg.seq, item.frame, item.command, item.current, item.autocontinue, item.param1,
                    item.param2, item.param3, item.param4, item.x, item.y, item.z, mission_type)
            self.send(port, last)
        raise TimeoutError("mission upload: the vehicle went silent")

    def download(self, port: int, mission_type: int = 0, *, legacy: bool = False, retry: float = 0.3,
                 tries: int = 20, target: int = 1) -> list:
        mark, seen = self.mark(), []
        request = mavlink.MAVLink_mission_request_list_message(target, 1, mission_type)
        self.send(port, request)
        count = None
        for _ in range(tries):
            msg = self._next(("MISSION_COUNT", "MISSION_ACK"), mark, retry, seen)
            if msg is not None and msg.get_type() == "MISSION_ACK":
                raise RuntimeError(f"download refused: MISSION_ACK {msg.type}")
            if msg is not None:
                count = msg.count
                break
            self.send(port, request)
        if count is None:
            raise TimeoutError("no MISSION_COUNT")
        items = []
        cls = mavlink.MAVLink_mission_request_message if legacy else mavlink.MAVLink_mission_request_int_message
        while len(items) < count:
            request = cls(target, 1, len(items), mission_type)
            self.send(port, request)
            for _ in range(tries):
                msg = self._next(("MISSION_ITEM", "MISSION_ITEM_INT", "MISSION_ACK"), mark, retry, seen)
                if msg is not None and msg.get_type() == "MISSION_ACK":
                    raise RuntimeError(f"download aborted: MISSION_ACK {msg.type}")
                if msg is not None and msg.seq == len(items):
                    items.append(msg)
                    break
                if msg is None:
                    self.send(port, request)
            else:
                raise TimeoutError(f"no item {len(items)}")
        self.send(port, mavlink.MAVLink_mission_ack_message(target, 1, mavlink.MAV_MISSION_ACCEPTED, mission_type))
        return items


@pytest.fixture
def gcs():
    station = PlainGcs()
    yield station
    station.close()


@pytest.fixture
def connected():
    """A simulated vehicle found by MAVSDK as a ground station, as against PX4 SITL's 18570: MAVSDK
    speaks first and the vehicle answers it. Yields (fleet, MAVSDK's System)."""
    with SimulatedFleet(count=1, home=(49.47, 6.37, 200.0), gcs=None, base_port=0, speedup=5,
                        seed=2, gps_fix_delay=2.0) as fleet:
        station = Mavsdk(Configuration.create_with_component_type(ComponentType.GROUND_STATION))
        try:
            station.add_any_connection(f"udpout://127.0.0.1:{fleet.vehicles[0].port}")
            system = station.first_autopilot(10.0)
            assert system is not None, "MAVSDK did not discover the simulated autopilot"
            yield fleet, system
        finally:
            station.destroy()
