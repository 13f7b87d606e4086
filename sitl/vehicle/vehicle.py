"""A simulated PX4 vehicle: autopilot + its MAVLink links (GCS link, optional API link)."""
from __future__ import annotations

import math
import socket
from dataclasses import dataclass

from pymavlink.dialects.v20 import common as mavlink

from .autopilot import Command, OffboardSetpoint, Outbox, Px4Autopilot
from .link import Address, Faults, MavlinkLink
from .multicopter import Px4Parameters, Wind
from .telemetry import BUILDERS, NAMES_BY_ID, RATE_PROFILES

INT32_MAX = 2**31 - 1
NAN_AS_INT = 0x7FF80000          # what a float NaN becomes when a sender casts it into lat/lon
LINK_COMMANDS = {mavlink.MAV_CMD_SET_MESSAGE_INTERVAL, mavlink.MAV_CMD_GET_MESSAGE_INTERVAL,
                 mavlink.MAV_CMD_REQUEST_MESSAGE, mavlink.MAV_CMD_REQUEST_AUTOPILOT_CAPABILITIES}

# SET_POSITION_TARGET type_mask bits
_IGNORE_POSITION = 0b111
_IGNORE_VELOCITY = 0b111000
_IGNORE_YAW = 1 << 10


@dataclass(frozen=True)
class VehicleTruth:
    """Ground truth of one vehicle, for tests and scenario scoring (not what it reports)."""

    system_id: int
    lat: float
    lon: float
    alt_amsl: float
    alt_rel: float
    armed: bool
    mode: str
    landed: bool
    battery_pct: float
    sim_time: float
    ground_speed: float
    climb_rate: float
    heading_deg: float


@dataclass(frozen=True)
class LinkConfig:
    """Where one link binds and whom it talks to before anyone talks to it."""

    name: str
    bind: Address
    peer: Address | None
    rates: str


class SimulatedVehicle:
    """Owns one autopilot and its UDP links; the fleet's loop drives it (not thread-safe alone)."""

    def __init__(self, system_id: int, origin: tuple[float, float, float], links: list[LinkConfig], *,
                 seed: int, params: Px4Parameters | None = None, gps_fix_delay: float = 3.0,
                 gps_noise_m: float = 0.0, wind: Wind | None = None) -> None:
        self.system_id = system_id
        self.faults = Faults()
        self.autopilot = Px4Autopilot(system_id, origin, seed=seed, params=params,
                                      gps_fix_delay=gps_fix_delay, gps_noise_m=gps_noise_m, wind=wind)
        self.links: list[MavlinkLink] = []
        self._last_command: dict[tuple[int, int], tuple[tuple, Outbox]] = {}
        try:
            for config in links:
                if config.rates not in RATE_PROFILES:
                    raise ValueError(f"unknown rate profile {config.rates!r}; use one of {sorted(RATE_PROFILES)}")
                sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
                self.links.append(MavlinkLink(config.name, system_id, sock, config.peer,
                                              RATE_PROFILES[config.rates], seed))
                sock.bind(config.bind)
                sock.setblocking(False)
        except BaseException:
            self.close()
            raise

    @property
    def port(self) -> int:
        """Local UDP port of the GCS link (18570+i in PX4 SITL terms)."""
        return self.links[0].port

    @property
    def api_port(self) -> int | None:
        return self.links[1].port if len(self.links) > 1 else None

    def truth(self) -> VehicleTruth:
        ap = self.autopilot
        lat, lon, alt = ap.true_position()
        m = ap.model
        return VehicleTruth(self.system_id, lat, lon, alt, ap.alt_rel, ap.armed, ap.mode.key, ap.landed,
                            m.battery.remaining * 100.0, ap.time, m.ground_speed, m.v_up,
                            math.degrees(m.yaw) % 360.0)

    def close(self) -> None:
        for link in self.links:
            link.sock.close()

    # ---- time ----------------------------------------------------------------------------------

    def step(self, dt: float) -> None:
        """One physics step, then whatever streams fell due on each link."""
        self.autopilot.deny_arming = self.faults.deny_arming
        self.autopilot.step(dt)
        self._flush(None)
        now = self.autopilot.time
        for link in self.links:
            for name in link.due_streams(now):
                msg = BUILDERS[name](self.autopilot)
                if msg is not None:
                    link.send(msg, self.faults)

    # ---- input ---------------------------------------------------------------------------------

    def receive(self, link: MavlinkLink, data: bytes, sender: Address) -> None:
        self.autopilot.deny_arming = self.faults.deny_arming
        for msg in link.receive(data, sender, self.faults):
            self._dispatch(link, msg)
            self._flush(link)

    def _dispatch(self, link: MavlinkLink, msg: mavlink.MAVLink_message) -> None:
        kind = msg.get_type()
        ap = self.autopilot
        if kind in ("COMMAND_LONG", "COMMAND_INT"):
            if msg.target_system not in (0, self.system_id) or msg.target_component not in (0, 1):
                return
            cmd = self._decode_command(link, msg)
            if cmd is None:
                return
            if cmd.command in LINK_COMMANDS:
                self._link_command(link, cmd)
            else:
                self._autopilot_command(cmd)
        elif kind == "SET_MODE" and msg.target_system == self.system_id:
            # PX4 turns SET_MODE into DO_SET_MODE and acknowledges that command
            main, sub = (msg.custom_mode >> 16) & 0xFF, (msg.custom_mode >> 24) & 0xFF
            cmd = Command(mavlink.MAV_CMD_DO_SET_MODE, (msg.base_mode, main, sub, 0, 0, 0, 0),
                          msg.get_srcSystem(), msg.get_srcComponent())
            ap.request_mode(cmd, msg.base_mode, main, sub)
        elif kind == "MANUAL_CONTROL" and msg.target == self.system_id:
            ap.handle_manual_control(msg.x, msg.y, msg.z, msg.r)
        elif kind == "SET_POSITION_TARGET_LOCAL_NED" and msg.target_system == self.system_id:
            self._local_setpoint(msg)
        elif kind == "SET_POSITION_TARGET_GLOBAL_INT" and msg.target_system == self.system_id:
            self._global_setpoint(msg)

    def _decode_command(self, link: MavlinkLink, msg: mavlink.MAVLink_message) -> Command | None:
        src = (msg.get_srcSystem(), msg.get_srcComponent())
        if msg.get_type() == "COMMAND_LONG":
            return Command(msg.command, (msg.param1, msg.param2, msg.param3, msg.param4, msg.param5,
                                         msg.param6, msg.param7), *src, confirmation=msg.confirmation)
        if msg.x == NAN_AS_INT and msg.y == NAN_AS_INT:
            # PX4 refuses a NaN that was cast into the integer lat/lon fields
            link.send(mavlink.MAVLink_command_ack_message(msg.command, mavlink.MAV_RESULT_DENIED, 0, 0, *src),
                      self.faults)
            return None
        if msg.x == INT32_MAX and msg.y == INT32_MAX:
            lat = lon = math.nan
        else:
            lat, lon = msg.x / 1e7, msg.y / 1e7
        return Command(msg.command, (msg.param1, msg.param2, msg.param3, msg.param4, lat, lon, msg.z),
                       *src, frame=msg.frame)

    def _autopilot_command(self, cmd: Command) -> None:
        """Run a command, or replay the answer to it if this is a retry of the last one."""
        source = (cmd.source_system, cmd.source_component)
        key = (cmd.command, tuple("nan" if math.isnan(p) else p for p in cmd.params), cmd.frame)
        last = self._last_command.get(source)
        if cmd.confirmation > 0 and last is not None and last[0] == key:
            self.autopilot.outbox.acks.extend(last[1].acks)
            return
        self.autopilot.handle_command(cmd)
        self._last_command[source] = (key, Outbox(acks=list(self.autopilot.outbox.acks)))

    def _link_command(self, link: MavlinkLink, cmd: Command) -> None:
        """What PX4's mavlink_receiver answers itself: stream rates and message requests."""
        now = self.autopilot.time
        result = mavlink.MAV_RESULT_ACCEPTED
        if cmd.command == mavlink.MAV_CMD_SET_MESSAGE_INTERVAL:
            name = NAMES_BY_ID.get(int(cmd.param(1)))
            if name is None or name == "HEARTBEAT" or not math.isfinite(cmd.param(2)):
                result = mavlink.MAV_RESULT_FAILED
            else:
                link.set_interval(name, cmd.param(2), now)
        elif cmd.command == mavlink.MAV_CMD_GET_MESSAGE_INTERVAL:
            self._send_interval(link, int(cmd.param(1)))
        elif cmd.command == mavlink.MAV_CMD_REQUEST_AUTOPILOT_CAPABILITIES:
            link.send(BUILDERS["AUTOPILOT_VERSION"](self.autopilot), self.faults)
        else:
            msg_id = int(cmd.param(1)) if math.isfinite(cmd.param(1)) else -1
            if msg_id == mavlink.MAVLINK_MSG_ID_MESSAGE_INTERVAL:
                self._send_interval(link, int(cmd.param(2)))
            else:
                name = NAMES_BY_ID.get(msg_id)
                msg = BUILDERS[name](self.autopilot) if name else None
                if msg is None:
                    result = mavlink.MAV_RESULT_DENIED
                else:
                    link.send(msg, self.faults)     # the message goes out before its ACK, as in PX4
        if not self.faults.drop_command_acks:
            link.send(mavlink.MAVLink_command_ack_message(cmd.command, result, 0, 0, cmd.source_system,
                                                          cmd.source_component), self.faults)

    def _send_interval(self, link: MavlinkLink, msg_id: int) -> None:
        name = NAMES_BY_ID.get(msg_id)
        interval = link.interval_us(name) if name else 0
        link.send(mavlink.MAVLink_message_interval_message(msg_id, interval), self.faults)

    def _local_setpoint(self, msg: mavlink.MAVLink_message) -> None:
        if msg.coordinate_frame != mavlink.MAV_FRAME_LOCAL_NED:
            return
        origin_alt = self.autopilot.origin[2]
        setpoint = OffboardSetpoint(
            position=None if msg.type_mask & _IGNORE_POSITION else (msg.y, msg.x, origin_alt - msg.z),
            velocity=None if msg.type_mask & _IGNORE_VELOCITY else (msg.vy, msg.vx, -msg.vz),
            yaw=None if msg.type_mask & _IGNORE_YAW else msg.yaw)
        self.autopilot.handle_offboard_setpoint(setpoint)

    def _global_setpoint(self, msg: mavlink.MAVLink_message) -> None:
        ap = self.autopilot
        relative = msg.coordinate_frame in (mavlink.MAV_FRAME_GLOBAL_RELATIVE_ALT,
                                            mavlink.MAV_FRAME_GLOBAL_RELATIVE_ALT_INT)
        position = None
        if not msg.type_mask & _IGNORE_POSITION:
            east, north = ap.to_local(msg.lat_int / 1e7, msg.lon_int / 1e7)
            base = (ap.home.alt if ap.home else ap.origin[2]) if relative else 0.0
            position = (east, north, msg.alt + base)
        velocity = None if msg.type_mask & _IGNORE_VELOCITY else (msg.vy, msg.vx, -msg.vz)
        ap.handle_offboard_setpoint(OffboardSetpoint(position, velocity,
                                                     None if msg.type_mask & _IGNORE_YAW else msg.yaw))

    # ---- output --------------------------------------------------------------------------------

    def _flush(self, commanding_link: MavlinkLink | None) -> None:
        out = self.autopilot.take_outbox()
        for msg in out.broadcast:
            for link in self.links:
                link.send(msg, self.faults)
        if out.acks and not self.faults.drop_command_acks:
            for msg in out.acks:
                for link in ([commanding_link] if commanding_link else self.links):
                    link.send(msg, self.faults)
