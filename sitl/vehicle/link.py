"""One MAVLink-over-UDP link of a simulated vehicle, like one PX4 `mavlink` instance.

It binds a local port, sends to a configured peer until someone talks to it and then answers
whoever spoke last (as PX4 does on UDP), keeps its own sequence numbers and stream rates, and
applies the vehicle's injected faults in both directions.
"""
from __future__ import annotations

import random
import socket
from dataclasses import dataclass, field

from pymavlink.dialects.v20 import common as mavlink

Address = tuple[str, int]


@dataclass
class Faults:
    """Faults test code flips at runtime (QGroundControl MockLink style)."""

    packet_loss: float = 0.0           # 0..1, each datagram in either direction, seeded
    drop_command_acks: bool = False    # commands are executed but never acknowledged
    link_cut: bool = False             # nothing in, nothing out
    deny_arming: str | None = None     # arming refused with "Arming denied: <reason>"

    def __setattr__(self, name: str, value: object) -> None:
        # checked on every assignment: tests flip these while the fleet runs
        if name == "packet_loss" and not (isinstance(value, (int, float)) and 0.0 <= value <= 1.0):
            raise ValueError(f"packet_loss must be a number within 0..1, got {value!r}")
        super().__setattr__(name, value)


@dataclass
class LinkCounters:
    sent: int = 0
    dropped_out: int = 0
    received: int = 0
    dropped_in: int = 0
    bad_data: int = 0


@dataclass
class MavlinkLink:
    """UDP endpoint + framing + stream schedule for one link of one vehicle."""

    name: str
    system_id: int
    sock: socket.socket
    default_peer: Address | None
    rates: dict[str, float]
    seed: int
    peer: Address | None = None
    counters: LinkCounters = field(default_factory=LinkCounters)

    def __post_init__(self) -> None:
        self.encoder = mavlink.MAVLink(None, self.system_id, 1)
        self.rng = random.Random(f"{self.seed}/{self.name}")   # loss never perturbs the physics RNG
        self.default_intervals = {name: 1.0 / hz for name, hz in self.rates.items() if hz > 0}
        self.intervals: dict[str, float] = dict(self.default_intervals)
        self.next_due: dict[str, float] = {name: 0.0 for name in self.intervals}

    @property
    def port(self) -> int:
        return self.sock.getsockname()[1]

    @property
    def destination(self) -> Address | None:
        return self.peer or self.default_peer

    def send(self, msg: mavlink.MAVLink_message, faults: Faults) -> None:
        data = msg.pack(self.encoder)
        # the sequence advances even for frames the radio loses: that gap is what a GCS measures
        self.encoder.seq = (self.encoder.seq + 1) % 256
        destination = self.destination
        if destination is None:
            return
        if faults.link_cut or (faults.packet_loss > 0 and self.rng.random() < faults.packet_loss):
            self.counters.dropped_out += 1
            return
        try:
            self.sock.sendto(data, destination)
            self.counters.sent += 1
        except OSError:
            self.counters.dropped_out += 1      # peer gone (ICMP unreachable): like a radio, carry on

    def receive(self, data: bytes, sender: Address, faults: Faults) -> list[mavlink.MAVLink_message]:
        if faults.link_cut or (faults.packet_loss > 0 and self.rng.random() < faults.packet_loss):
            self.counters.dropped_in += 1
            return []
        self.peer = sender
        # a fresh parser per datagram: a truncated frame must not swallow the next datagram
        parser = mavlink.MAVLink(None, 0, 0)
        parser.robust_parsing = True
        messages = []
        for msg in parser.parse_buffer(data) or []:
            if msg.get_type() == "BAD_DATA":
                self.counters.bad_data += 1
            else:
                self.counters.received += 1
                messages.append(msg)
        return messages

    def due_streams(self, now: float) -> list[str]:
        due = []
        for name, interval in self.intervals.items():
            next_time = self.next_due.get(name, now)
            if now + 1e-9 >= next_time:
                due.append(name)
                next_time += interval
                self.next_due[name] = next_time if next_time > now else now + interval
        return due

    def set_interval(self, name: str, interval_us: float, now: float) -> None:
        """MAV_CMD_SET_MESSAGE_INTERVAL semantics: -1 stops, 0 restores the default, else microseconds."""
        if interval_us < 0:
            self.intervals.pop(name, None)
        elif interval_us == 0:
            if name in self.default_intervals:
                self.intervals[name] = self.default_intervals[name]
            else:
                self.intervals.pop(name, None)
        else:
            self.intervals[name] = interval_us / 1e6
        if name in self.intervals:
            self.next_due[name] = now

    def interval_us(self, name: str) -> int:
        interval = self.intervals.get(name)
        return -1 if interval is None else int(interval * 1e6)
