"""PX4's parameter set and parameter protocol from the vehicle's side (mavlink_parameters.cpp).

The set is loaded from `px4_parameters.csv` (real PX4 names, types and defaults), sorted by name
as PX4 indexes it. INT32 values travel byte-wise in PARAM_VALUE's float field, as PX4 sends them
(MAV_PROTOCOL_CAPABILITY_PARAM_ENCODE_BYTEWISE). PARAM_REQUEST_LIST streams `_HASH_CHECK` first,
then every parameter; PARAM_REQUEST_READ takes a name or an index; PARAM_SET is answered with the
new value (PARAM_VALUE echo). Values that shape the flight (MPC_XY_CRUISE, MIS_TAKEOFF_ALT,
RTL_RETURN_ALT, GF_ACTION, ...) take effect at once.
"""
from __future__ import annotations

import csv
import struct
import zlib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Callable

from pymavlink.dialects.v20 import common as mavlink

from .link import Faults
from .multicopter import Px4Parameters

DATA_FILE = Path(__file__).with_name("px4_parameters.csv")
HASH_CHECK = "_HASH_CHECK"
INT32, REAL32 = mavlink.MAV_PARAM_TYPE_INT32, mavlink.MAV_PARAM_TYPE_REAL32
PARAMS_PER_STEP = 20              # streaming pace: 1000 parameters per sim second at 50 Hz physics
Reply = Callable[[mavlink.MAVLink_message], None]


@dataclass
class Parameter:
    name: str
    type: int                     # INT32 or REAL32
    value: float | int


def encode(param: Parameter) -> float:
    """The float PARAM_VALUE carries: INT32 reinterpreted byte-wise, as PX4 does."""
    if param.type == INT32:
        return struct.unpack("<f", struct.pack("<i", int(param.value)))[0]
    return float(param.value)


def decode(value: float, param_type: int) -> float | int:
    if param_type == INT32:
        return struct.unpack("<i", struct.pack("<f", value))[0]
    return struct.unpack("<f", struct.pack("<f", value))[0]      # float32, as stored on the vehicle


def load_defaults(path: Path = DATA_FILE) -> list[Parameter]:
    params = []
    with path.open(newline="") as handle:
        rows = csv.DictReader(line for line in handle if not line.startswith("#"))
        for row in rows:
            kind = {"INT32": INT32, "FLOAT": REAL32}[row["type"]]
            value = int(row["default"]) if kind == INT32 else float(row["default"])
            params.append(Parameter(row["name"], kind, value))
    return sorted(params, key=lambda p: p.name)


class ParameterTable:
    """All parameters of one vehicle, kept consistent with the Px4Parameters the simulation flies."""

    def __init__(self, system_id: int, flight: Px4Parameters) -> None:
        self.params = load_defaults()
        self.by_name = {p.name: p for p in self.params}
        self.index = {p.name: i for i, p in enumerate(self.params)}
        self.by_name["MAV_SYS_ID"].value = system_id
        for f in fields(Px4Parameters):
            param = self.by_name[f.name]
            param.value = int(getattr(flight, f.name)) if param.type == INT32 else float(getattr(flight, f.name))

    def __len__(self) -> int:
        return len(self.params)

    def flight_values(self) -> dict[str, float | int]:
        return {f.name: self.by_name[f.name].value for f in fields(Px4Parameters)}

    def hash(self) -> int:
        """PX4's param_hash_check: a CRC32 over names and values (ours: zlib's)."""
        crc = 0
        for p in self.params:
            crc = zlib.crc32(p.name.encode() + struct.pack("<f", encode(p)), crc)
        return crc

    def value_message(self, param: Parameter) -> mavlink.MAVLink_message:
        return mavlink.MAVLink_param_value_message(param.name.encode(), encode(param), param.type, len(self.params),
                                                   self.index[param.name])

    def hash_message(self) -> mavlink.MAVLink_message:
        value = struct.unpack("<f", struct.pack("<I", self.hash()))[0]
        return mavlink.MAVLink_param_value_message(HASH_CHECK.encode(), value, mavlink.MAV_PARAM_TYPE_UINT32,
                                                   len(self.params), 65535)


class ParameterProtocol:
    """PARAM_REQUEST_LIST / PARAM_REQUEST_READ / PARAM_SET, one stream at a time per vehicle."""

    def __init__(self, system_id: int, table: ParameterTable, faults: Faults,
                 on_change: Callable[[Parameter], None]) -> None:
        self.system_id = system_id
        self.table = table
        self.faults = faults
        self.on_change = on_change
        self.streaming: int | None = None         # next index of a PARAM_REQUEST_LIST answer
        self.reply: Reply = lambda msg: None

    def _text(self, reply: Reply, severity: int, text: str) -> None:
        reply(mavlink.MAVLink_statustext_message(severity, text.encode()[:50]))

    def handle(self, msg: mavlink.MAVLink_message, reply: Reply) -> bool:
        kind = msg.get_type()
        if kind not in ("PARAM_REQUEST_LIST", "PARAM_REQUEST_READ", "PARAM_SET"):
            return False
        if msg.target_system != self.system_id or msg.target_component not in (0, 1):
            return True
        if kind == "PARAM_REQUEST_LIST":
            if not self.faults.param_list_no_response:
                self.reply = reply
                reply(self.table.hash_message())
                self.streaming = 0
        elif kind == "PARAM_REQUEST_READ":
            self._read(msg, reply)
        else:
            self._set(msg, reply)
        return True

    def _read(self, msg, reply: Reply) -> None:
        name = msg.param_id.rstrip("\x00") if isinstance(msg.param_id, str) else msg.param_id.decode().rstrip("\x00")
        if name == HASH_CHECK:
            reply(self.table.hash_message())
            return
        if msg.param_index >= 0:
            if msg.param_index >= len(self.table):
                self._text(reply, mavlink.MAV_SEVERITY_INFO, f"[pm] unknown param ID: {msg.param_index}")
                return
            param = self.table.params[msg.param_index]
        else:
            param = self.table.by_name.get(name)
            if param is None:
                self._text(reply, mavlink.MAV_SEVERITY_INFO, f"[pm] unknown param: {name}")
                return
        reply(self.table.value_message(param))

    def _set(self, msg, reply: Reply) -> None:
        name = msg.param_id.rstrip("\x00") if isinstance(msg.param_id, str) else msg.param_id.decode().rstrip("\x00")
        if name == HASH_CHECK:
            self.streaming = None          # the GCS has the set cached: stop streaming
            return
        param = self.table.by_name.get(name)
        if param is None:
            self._text(reply, mavlink.MAV_SEVERITY_INFO, f"[pm] unknown param: {name}")
            return
        if msg.param_type != param.type:
            self._text(reply, mavlink.MAV_SEVERITY_CRITICAL, f"[pm] param types mismatch param: {name}")
            return
        param.value = decode(msg.param_value, param.type)
        self.on_change(param)
        if not self.faults.param_set_no_ack:
            reply(self.table.value_message(param))

    def step(self) -> None:
        """Stream the next parameters of a PARAM_REQUEST_LIST answer."""
        if self.streaming is None:
            return
        sent = 0
        params = self.table.params
        while self.streaming < len(params) and sent < PARAMS_PER_STEP:
            param = params[self.streaming]
            self.streaming += 1
            if param.name in self.faults.params_missing_from_list:
                continue
            self.reply(self.table.value_message(param))
            sent += 1
        if self.streaming >= len(params):
            self.streaming = None
