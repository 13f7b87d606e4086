"""One MAVLink-over-UDP link of a simulated vehicle, like one PX4 `mavlink` instance.

It binds a local port, sends to a configured peer until someone talks to it and then answers
whoever spoke last (as PX4 does on UDP), keeps its own sequence numbers and stream rates, and
applies the vehicle's injected faults in both directions. Every component of the vehicle (the
autopilot, its camera) sends through it with its own component id and sequence; when the
vehicle signs, all of them sign with the link's signing state.
"""
from __future__ import annotations

import random
import socket
from dataclasses import dataclass, field

from pymavlink.dialects.v20 import common as mavlink

Address = tuple[str, int]

# Where in the mission protocol a MissionFault strikes, and how (QGroundControl MockLink's modes).
MISSION_FAULT_STAGES = ("download_count", "download_item", "upload_count", "upload_item", "upload_final_ack")
MISSION_FAULT_KINDS = {
    "download_count": ("no_response", "error_ack"),
    "download_item": ("no_response", "wrong_sequence", "error_ack"),
    "upload_count": ("no_response", "error_ack"),
    "upload_item": ("no_response", "wrong_sequence", "duplicate", "error_ack"),
    "upload_final_ack": ("no_response", "error_ack", "missing_requests"),
}


@dataclass(frozen=True)
class MissionFault:
    """One injected mission-protocol failure.

    stage: "download_count" (MISSION_REQUEST_LIST), "download_item" (the GCS's request for `item`),
    "upload_count" (MISSION_COUNT), "upload_item" (the vehicle's request for `item`) or
    "upload_final_ack". kind: "no_response", "wrong_sequence" (the other item is sent/requested),
    "duplicate" (the item is requested again after it arrived), "error_ack" (MAV_MISSION_ERROR),
    "missing_requests" (ACCEPTED before all items were requested). first_try_only: the fault
    fires once and then clears itself, so the station's retry succeeds. mission_type: None for all.
    """

    stage: str
    kind: str
    item: int = 0
    first_try_only: bool = False
    mission_type: int | None = None

    def __post_init__(self) -> None:
        if self.stage not in MISSION_FAULT_KINDS:
            raise ValueError(f"mission fault stage {self.stage!r} unknown; use one of {MISSION_FAULT_STAGES}")
        if self.kind not in MISSION_FAULT_KINDS[self.stage]:
            raise ValueError(f"mission fault kind {self.kind!r} does not apply to {self.stage!r}; "
                             f"use one of {MISSION_FAULT_KINDS[self.stage]}")
        if self.item < 0:
            raise ValueError(f"mission fault item must be >= 0, got {self.item}")


@dataclass
class Faults:
    """Faults test code flips at runtime (QGroundControl MockLink style)."""

    packet_loss: float = 0.0           # 0..1, each datagram in either direction, seeded
    drop_command_acks: bool = False    # commands are executed but never acknowledged
    link_cut: bool = False             # nothing in, nothing out
    deny_arming: str | None = None     # arming refused with "Arming denied: <reason>"
    mission: MissionFault | None = None
    param_list_no_response: bool = False            # PARAM_REQUEST_LIST ignored
    params_missing_from_list: frozenset[str] = frozenset()  # left out of the list, still readable by name
    param_set_no_ack: bool = False                  # PARAM_SET applied, no PARAM_VALUE echo

    def __setattr__(self, name: str, value: object) -> None:
        # checked on every assignment: tests flip these while the fleet runs
        if name == "packet_loss" and not (isinstance(value, (int, float)) and 0.0 <= value <= 1.0):
            raise ValueError(f"packet_loss must be a number within 0..1, got {value!r}")
        if name == "mission" and value is not None and not isinstance(value, MissionFault):
            raise ValueError(f"mission fault must be a MissionFault or None, got {value!r}")
        if name == "params_missing_from_list":
            if isinstance(value, str) or not all(isinstance(v, str) for v in value):  # type: ignore[union-attr]
                raise ValueError(f"params_missing_from_list must be a set of parameter names, got {value!r}")
            value = frozenset(value)  # type: ignore[arg-type]
        super().__setattr__(name, value)


@dataclass
class LinkCounters:
    sent: int = 0
    dropped_out: int = 0
    received: int = 0
    dropped_in: int = 0
    bad_data: int = 0
    refused_signature: int = 0         # unsigned or wrongly signed frames refused while signing is required


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
        self.encoders: dict[int, mavlink.MAVLink] = {}
        self.signing: mavlink.MAVLinkSigning | None = None
        self.encoder = self._encoder(1)
        self.rng = random.Random(f"{self.seed}/{self.name}")   # loss never perturbs the physics RNG
        self.default_intervals = {name: 1.0 / hz for name, hz in self.rates.items() if hz > 0}
        self.intervals: dict[str, float] = dict(self.default_intervals)
        self.next_due: dict[str, float] = {name: 0.0 for name in self.intervals}

    def _encoder(self, component: int) -> mavlink.MAVLink:
        encoder = self.encoders.get(component)
        if encoder is None:
            encoder = self.encoders[component] = mavlink.MAVLink(None, self.system_id, component)
            if self.signing is not None:
                encoder.signing = self.signing
        return encoder

    def use_signing(self, signing: mavlink.MAVLinkSigning | None) -> None:
        """Sign everything sent and check everything received with this state (None: stop)."""
        self.signing = signing
        for encoder in self.encoders.values():
            encoder.signing = signing if signing is not None else mavlink.MAVLinkSigning()

    @property
    def port(self) -> int:
        return self.sock.getsockname()[1]

    @property
    def destination(self) -> Address | None:
        return self.peer or self.default_peer

    def send(self, msg: mavlink.MAVLink_message, faults: Faults, component: int = 1) -> None:
        encoder = self._encoder(component)
        data = msg.pack(encoder)
        # the sequence advances even for frames the radio loses: that gap is what a GCS measures
        encoder.seq = (encoder.seq + 1) % 256
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
        # a fresh parser per datagram: a truncated frame must not swallow the next datagram
        parser = mavlink.MAVLink(None, 0, 0)
        parser.robust_parsing = True
        if self.signing is not None:
            parser.signing = self.signing          # shared: replay timestamps persist across datagrams
        messages = []
        for msg in parser.parse_buffer(data) or []:
            if msg.get_type() == "BAD_DATA":
                if "signature" in getattr(msg, "reason", ""):
                    self.counters.refused_signature += 1
                else:
                    self.counters.bad_data += 1
            else:
                self.counters.received += 1
                messages.append(msg)
        if messages:
            self.peer = sender       # a sender whose every frame was refused does not take the link over
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
