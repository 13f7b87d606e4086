"""Robot protocol messages (version 1) and their binary payloads; see docs/robot-protocol.md.

One payload is one message: a two-byte header (protocol version, message type) then a fixed
little-endian body. The same payloads travel over serial (framed, see framing.py) and ZeroMQ.
"""

from __future__ import annotations

import math
import struct
from dataclasses import dataclass
from enum import IntEnum

PROTOCOL_VERSION = 1
MAX_PAYLOAD = 512  # bytes; the largest message (capabilities with two 255-byte strings) fits
_HEADER = struct.Struct("<BB")


class ProtocolError(ValueError):
    """A payload that is not a valid message of this protocol version."""


class MessageType(IntEnum):
    HEARTBEAT = 0x01
    TELEOP = 0x02
    ESTOP = 0x03
    ACK = 0x04
    TELEMETRY = 0x05
    CAPABILITIES_REQUEST = 0x06
    CAPABILITIES = 0x07


class Role(IntEnum):
    STATION = 0
    ROBOT = 1


class AckResult(IntEnum):
    ACCEPTED = 0
    REJECTED = 1
    UNSUPPORTED = 2


@dataclass(frozen=True)
class Heartbeat:
    role: Role
    uptime_ms: int


@dataclass(frozen=True)
class Teleop:
    """A motion command, valid for valid_ms after it was sent (sent_ms, station clock)."""

    session: int  # random per station session: the robot restarts sequence checks when it changes
    seq: int
    sent_ms: int
    valid_ms: int
    linear: float  # m/s, forward positive
    angular: float  # rad/s, counter-clockwise (turn left) positive


@dataclass(frozen=True)
class EStop:
    command_id: int
    engage: bool  # True latches the stop; False is the explicit release


@dataclass(frozen=True)
class Ack:
    command_type: int
    command_id: int
    result: AckResult


@dataclass(frozen=True)
class Telemetry:
    seq: int
    time_ms: int  # robot clock
    lat: float
    lon: float
    heading_deg: float  # true north, clockwise
    linear: float  # m/s
    angular: float  # rad/s
    battery_v: float
    battery_pct: int
    estop: bool  # the robot's e-stop is latched
    deadman: bool  # the robot stopped by itself because motion commands stopped arriving
    last_teleop_seq: int


@dataclass(frozen=True)
class CapabilitiesRequest:
    command_id: int


@dataclass(frozen=True)
class Capabilities:
    command_id: int  # echoes the request; 0 when sent unasked
    max_linear: float
    max_angular: float
    deadman_ms: int
    name: str
    video_url: str


Message = Heartbeat | Teleop | EStop | Ack | Telemetry | CapabilitiesRequest | Capabilities

_LAYOUTS: dict[MessageType, struct.Struct] = {
    MessageType.HEARTBEAT: struct.Struct("<BI"),
    MessageType.TELEOP: struct.Struct("<IIIHff"),
    MessageType.ESTOP: struct.Struct("<IB"),
    MessageType.ACK: struct.Struct("<BIB"),
    MessageType.TELEMETRY: struct.Struct("<IIddffffBBI"),
    MessageType.CAPABILITIES_REQUEST: struct.Struct("<I"),
    MessageType.CAPABILITIES: struct.Struct("<IffH"),
}
_TYPES: dict[type, MessageType] = {
    Heartbeat: MessageType.HEARTBEAT,
    Teleop: MessageType.TELEOP,
    EStop: MessageType.ESTOP,
    Ack: MessageType.ACK,
    Telemetry: MessageType.TELEMETRY,
    CapabilitiesRequest: MessageType.CAPABILITIES_REQUEST,
    Capabilities: MessageType.CAPABILITIES,
}
_FLAG_ESTOP = 0x01
_FLAG_DEADMAN = 0x02


def _string(text: str, field: str) -> bytes:
    raw = text.encode("utf-8")
    if len(raw) > 255:
        raise ValueError(f"{field} is {len(raw)} bytes in UTF-8; at most 255 fit")
    return bytes([len(raw)]) + raw


def encode(message: Message) -> bytes:
    """The payload for one message; ValueError names the field that does not fit."""
    kind = _TYPES.get(type(message))
    if kind is None:
        raise TypeError(f"not a robot protocol message: {message!r}")
    layout = _LAYOUTS[kind]
    m = message
    try:
        if isinstance(m, Heartbeat):
            body = layout.pack(m.role, m.uptime_ms)
        elif isinstance(m, Teleop):
            if not (math.isfinite(m.linear) and math.isfinite(m.angular)):
                raise ValueError("teleop speeds must be finite numbers")
            body = layout.pack(m.session, m.seq, m.sent_ms, m.valid_ms, m.linear, m.angular)
        elif isinstance(m, EStop):
            body = layout.pack(m.command_id, 1 if m.engage else 0)
        elif isinstance(m, Ack):
            body = layout.pack(m.command_type, m.command_id, m.result)
        elif isinstance(m, Telemetry):
            flags = (_FLAG_ESTOP if m.estop else 0) | (_FLAG_DEADMAN if m.deadman else 0)
            body = layout.pack(m.seq, m.time_ms, m.lat, m.lon, m.heading_deg, m.linear, m.angular,
                               m.battery_v, m.battery_pct, flags, m.last_teleop_seq)
        elif isinstance(m, CapabilitiesRequest):
            body = layout.pack(m.command_id)
        else:
            body = (layout.pack(m.command_id, m.max_linear, m.max_angular, m.deadman_ms)
                    + _string(m.name, "robot name") + _string(m.video_url, "video URL"))
    except struct.error as exc:
        raise ValueError(f"{kind.name.lower()} field out of range: {exc}") from None
    return _HEADER.pack(PROTOCOL_VERSION, kind) + body


def _finite(*values: float) -> bool:
    return all(math.isfinite(v) for v in values)


def _read_string(payload: bytes, offset: int, field: str) -> tuple[str, int]:
    if offset >= len(payload):
        raise ProtocolError(f"capabilities cut short before the {field}")
    length = payload[offset]
    raw = payload[offset + 1 : offset + 1 + length]
    if len(raw) != length:
        raise ProtocolError(f"capabilities cut short inside the {field}")
    try:
        return raw.decode("utf-8"), offset + 1 + length
    except UnicodeDecodeError:
        raise ProtocolError(f"capabilities {field} is not valid UTF-8") from None


def decode(payload: bytes) -> Message:
    """The message in one payload; ProtocolError says what is wrong with it.

    Bytes after a known body are ignored, so later minor revisions may append fields.
    """
    if len(payload) < _HEADER.size:
        raise ProtocolError(f"payload of {len(payload)} bytes is shorter than the header")
    version, type_code = _HEADER.unpack_from(payload)
    if version != PROTOCOL_VERSION:
        raise ProtocolError(f"protocol version {version} is not supported (this end speaks {PROTOCOL_VERSION})")
    try:
        kind = MessageType(type_code)
    except ValueError:
        raise ProtocolError(f"unknown message type 0x{type_code:02x}") from None
    layout = _LAYOUTS[kind]
    if len(payload) < _HEADER.size + layout.size:
        raise ProtocolError(f"{kind.name.lower()} body is {len(payload) - _HEADER.size} bytes, needs {layout.size}")
    fields = layout.unpack_from(payload, _HEADER.size)

    if kind is MessageType.HEARTBEAT:
        if fields[0] not in Role._value2member_map_:
            raise ProtocolError(f"heartbeat from unknown role {fields[0]}")
        return Heartbeat(Role(fields[0]), fields[1])
    if kind is MessageType.TELEOP:
        if not _finite(fields[4], fields[5]):
            raise ProtocolError("teleop speed is not a finite number")
        return Teleop(*fields)
    if kind is MessageType.ESTOP:
        if fields[1] not in (0, 1):
            raise ProtocolError(f"e-stop action {fields[1]} is neither 0 (release) nor 1 (engage)")
        return EStop(fields[0], fields[1] == 1)
    if kind is MessageType.ACK:
        if fields[2] not in AckResult._value2member_map_:
            raise ProtocolError(f"acknowledgement with unknown result {fields[2]}")
        return Ack(fields[0], fields[1], AckResult(fields[2]))
    if kind is MessageType.TELEMETRY:
        seq, time_ms, lat, lon, heading, linear, angular, volts, pct, flags, last_seq = fields
        if not _finite(lat, lon, heading, linear, angular, volts):
            raise ProtocolError("telemetry holds a value that is not a finite number")
        if not (-90.0 <= lat <= 90.0 and -180.0 <= lon <= 180.0):
            raise ProtocolError(f"telemetry position {lat}, {lon} is outside the globe")
        if pct > 100:
            raise ProtocolError(f"telemetry battery at {pct} % is over 100 %")
        return Telemetry(seq, time_ms, lat, lon, heading, linear, angular, volts, pct,
                         bool(flags & _FLAG_ESTOP), bool(flags & _FLAG_DEADMAN), last_seq)
    if kind is MessageType.CAPABILITIES_REQUEST:
        return CapabilitiesRequest(fields[0])
    command_id, max_linear, max_angular, deadman_ms = fields
    if not (_finite(max_linear, max_angular) and max_linear >= 0 and max_angular >= 0):
        raise ProtocolError("capabilities speed limits must be finite and not negative")
    name, offset = _read_string(payload, _HEADER.size + layout.size, "robot name")
    video_url, _ = _read_string(payload, offset, "video URL")
    return Capabilities(command_id, max_linear, max_angular, deadman_ms, name, video_url)
