"""One vehicle as seen through MAVLink: its state, where to reach it, and its command sender."""

from __future__ import annotations

import math
import time
from collections import deque
from typing import Callable, TypeVar

from pymavlink.dialects.v20 import ardupilotmega as mavlink

from drivers.mavlink import events
from drivers.mavlink.commands import CommandSender
from drivers.mavlink.links import Address, Link
from drivers.mavlink.modes import mode_name
from drivers.mavlink.state import LinkQuality, Position, VehicleState, enum_name

P = TypeVar("P")
STATUSTEXT_CHUNK_LEN = 50
HEARTBEAT_TIMEOUT_S = 3.0  # as the issue and QGroundControl: 3 s without heartbeat is a lost link

_SENSOR_BITS = {
    value: entry.name.removeprefix("MAV_SYS_STATUS_SENSOR_")
    for value, entry in mavlink.enums["MAV_SYS_STATUS_SENSOR"].items()
    if value and value & (value - 1) == 0  # single bits only, not the _ENUM_END sentinel
}


class VehicleSession:
    """Owns a VehicleState; every update to it happens here, on the driver's event loop."""

    def __init__(self, system_id: int, send: Callable[[object, "VehicleSession"], None],
                 emit: Callable[[events.Event], None]) -> None:
        self.state = VehicleState(system_id=system_id)
        self.link: Link | None = None
        self.peer: Address | None = None
        self.station_ids = (255, mavlink.MAV_COMP_ID_MISSIONPLANNER)  # who we are to the vehicle; set by the hub
        self._emit = emit
        self._send = send
        self._listeners: dict[int, list[Callable[[object], None]]] = {}
        self._plugins: dict[type, object] = {}
        self._quality = LinkQuality()
        self._status_texts: deque[tuple[float, int, str]] = deque(maxlen=16)
        self._chunk_id, self._chunk_text = 0, ""
        self.commands = CommandSender(lambda m: send(m, self), system_id, self._recent_status)
        self._handlers = {
            mavlink.MAVLINK_MSG_ID_HEARTBEAT: self._heartbeat,
            mavlink.MAVLINK_MSG_ID_GLOBAL_POSITION_INT: self._global_position,
            mavlink.MAVLINK_MSG_ID_ATTITUDE: self._attitude,
            mavlink.MAVLINK_MSG_ID_VFR_HUD: self._vfr_hud,
            mavlink.MAVLINK_MSG_ID_SYS_STATUS: self._sys_status,
            mavlink.MAVLINK_MSG_ID_BATTERY_STATUS: self._battery_status,
            mavlink.MAVLINK_MSG_ID_GPS_RAW_INT: self._gps_raw,
            mavlink.MAVLINK_MSG_ID_HOME_POSITION: self._home_position,
            mavlink.MAVLINK_MSG_ID_EXTENDED_SYS_STATE: self._extended_sys_state,
            mavlink.MAVLINK_MSG_ID_STATUSTEXT: self._status_text,
            mavlink.MAVLINK_MSG_ID_COMMAND_ACK: self._command_ack,
            mavlink.MAVLINK_MSG_ID_MISSION_CURRENT: self._mission_current,
            mavlink.MAVLINK_MSG_ID_MISSION_ITEM_REACHED: self._mission_item_reached,
        }

    # -- ingest -------------------------------------------------------------------------------
    def handle(self, msg, link: Link, peer: Address, now: float) -> None:
        st = self.state
        st.messages_received += 1
        self._quality.update(msg._header.srcComponent, msg._header.seq)
        msg_id = msg._header.msgId
        handler = self._handlers.get(msg_id)
        if handler is not None:
            if msg_id == mavlink.MAVLINK_MSG_ID_HEARTBEAT:
                handler(msg, link, peer, now)
            else:
                handler(msg)
        for listener in self._listeners.get(msg_id, ()):
            listener(msg)

    # -- what microservices use ---------------------------------------------------------------
    def send(self, msg) -> None:
        """Send a message to this vehicle over the link it was last heard on."""
        self._send(msg, self)

    def plugin(self, kind: type[P]) -> P:
        """The one instance of a microservice (mission transfer, parameters, ...) for this vehicle."""
        instance = self._plugins.get(kind)
        if instance is None:
            instance = self._plugins[kind] = kind(self)
        return instance

    def listen(self, msg_id: int, listener: Callable[[object], None]) -> Callable[[], None]:
        """Call listener with every message of this id from the vehicle; returns the unsubscribe."""
        self._listeners.setdefault(msg_id, []).append(listener)
        return lambda: self._listeners[msg_id].remove(listener)

    def _heartbeat(self, msg, link: Link, peer: Address, now: float) -> None:
        st = self.state
        if msg.autopilot == mavlink.MAV_AUTOPILOT_INVALID or msg.type == mavlink.MAV_TYPE_GCS:
            return  # a camera, gimbal or another GCS on this system id, not the autopilot
        first = st.last_heartbeat == 0.0
        if not first and not st.link_ok:
            st.link_ok = True
            self._emit(events.LinkRecovered(st.system_id, now - st.last_heartbeat))
        st.last_heartbeat = now
        self.link, self.peer = link, peer
        st.link = link.name
        st.component_id = msg._header.srcComponent
        if first:
            st.autopilot_id = msg.autopilot
            st.autopilot = enum_name("MAV_AUTOPILOT", msg.autopilot, "MAV_AUTOPILOT_")
            st.vehicle_type = enum_name("MAV_TYPE", msg.type, "MAV_TYPE_")
            self._emit(events.VehicleAppeared(st.system_id, st.autopilot, st.vehicle_type, link.name))
        armed = bool(msg.base_mode & mavlink.MAV_MODE_FLAG_SAFETY_ARMED)
        if armed != st.armed or first:
            st.armed = armed
            if not first or armed:
                self._emit(events.ArmedChanged(st.system_id, armed))
        if msg.custom_mode != st.custom_mode or msg.base_mode != st.base_mode or first:
            st.custom_mode, st.base_mode = msg.custom_mode, msg.base_mode
            name = mode_name(msg.autopilot, msg.base_mode, msg.custom_mode)
            if name != st.mode:
                previous, st.mode = st.mode, name
                self._emit(events.ModeChanged(st.system_id, name, previous))
        st.system_status = enum_name("MAV_STATE", msg.system_status, "MAV_STATE_")
        st.link_quality = self._quality.ratio

    def check_link(self, now: float) -> None:
        st = self.state
        if st.link_ok and st.last_heartbeat and now - st.last_heartbeat > HEARTBEAT_TIMEOUT_S:
            st.link_ok = False
            self._emit(events.LinkLost(st.system_id, now - st.last_heartbeat))

    def _global_position(self, msg) -> None:
        st = self.state
        st.lat, st.lon = msg.lat * 1e-7, msg.lon * 1e-7
        st.alt_amsl, st.alt_rel = msg.alt * 1e-3, msg.relative_alt * 1e-3
        if msg.hdg != 65535:
            st.heading_deg = msg.hdg * 0.01

    def _attitude(self, msg) -> None:
        st = self.state
        st.roll_deg, st.pitch_deg = math.degrees(msg.roll), math.degrees(msg.pitch)
        st.heading_deg = math.degrees(msg.yaw) % 360.0

    def _vfr_hud(self, msg) -> None:
        self.state.ground_speed, self.state.climb_rate = msg.groundspeed, msg.climb

    def _sys_status(self, msg) -> None:
        st = self.state
        if msg.voltage_battery != 65535:
            st.battery_voltage = msg.voltage_battery * 1e-3
        st.battery_current = msg.current_battery * 1e-2 if msg.current_battery >= 0 else math.nan
        st.battery_remaining = msg.battery_remaining
        bad = msg.onboard_control_sensors_enabled & ~msg.onboard_control_sensors_health
        st.unhealthy_sensors = tuple(name for bit, name in _SENSOR_BITS.items() if bad & bit)

    def _battery_status(self, msg) -> None:
        if msg.id == 0 and msg.battery_remaining >= 0:
            self.state.battery_remaining = msg.battery_remaining

    def _gps_raw(self, msg) -> None:
        st = self.state
        st.gps_fix = enum_name("GPS_FIX_TYPE", msg.fix_type, "GPS_FIX_TYPE_")
        st.satellites = msg.satellites_visible if msg.satellites_visible != 255 else 0
        st.hdop = msg.eph * 0.01 if msg.eph != 65535 else math.nan

    def _home_position(self, msg) -> None:
        self.state.home = Position(msg.latitude * 1e-7, msg.longitude * 1e-7, msg.altitude * 1e-3)

    def _extended_sys_state(self, msg) -> None:
        landed = enum_name("MAV_LANDED_STATE", msg.landed_state, "MAV_LANDED_STATE_")
        if landed != self.state.landed_state:
            self.state.landed_state = landed
            self._emit(events.LandedStateChanged(self.state.system_id, landed))

    def _status_text(self, msg) -> None:
        text = msg.text if isinstance(msg.text, str) else msg.text.decode("utf-8", "replace")
        text = text.rstrip("\x00")
        if getattr(msg, "id", 0):
            # MAVLink 2 splits texts over 50 characters into chunks sharing an id (PX4 does for
            # "Arming denied: Resolve system health failures first"): show the whole sentence.
            if msg.chunk_seq == 0 or msg.id != self._chunk_id:
                self._chunk_id, self._chunk_text = msg.id, ""
            self._chunk_text += text
            if len(text) == STATUSTEXT_CHUNK_LEN:
                return  # a full chunk: more follows
            text = self._chunk_text
        text = text.strip()
        if not text:
            return
        self.state.last_status_text = text
        self._status_texts.append((time.monotonic(), msg.severity, text))
        self._emit(events.StatusText(self.state.system_id, msg.severity, text))

    def _mission_current(self, msg) -> None:
        self.state.mission_current = msg.seq
        if msg.total != 65535:  # MAVLink 2 extension; 65535 = not sent
            self.state.mission_count = msg.total

    def _mission_item_reached(self, msg) -> None:
        self._emit(events.MissionItemReached(self.state.system_id, msg.seq))

    def _command_ack(self, msg) -> None:
        self.commands.on_ack(msg)

    def _recent_status(self, since: float) -> str:
        """The latest warning or worse the vehicle said since a monotonic time: a refusal's reason."""
        recent = [text for t, severity, text in self._status_texts
                  if t >= since and severity <= mavlink.MAV_SEVERITY_WARNING]
        return recent[-1] if recent else ""
