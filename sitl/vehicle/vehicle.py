"""A simulated PX4 vehicle: autopilot + its MAVLink links (GCS link, optional API link)."""
from __future__ import annotations

import dataclasses
import math
import socket
import time
from dataclasses import dataclass

from pymavlink.dialects.v20 import common as mavlink

from . import camera
from .autopilot import Command, OffboardSetpoint, Outbox, Px4Autopilot
from .link import Address, Faults, MavlinkLink
from .mission_protocol import MissionLimits, MissionProtocol
from .multicopter import Px4Parameters, Wind
from .parameters import INT32, Parameter, ParameterProtocol, ParameterTable
from .telemetry import BUILDERS, NAMES_BY_ID, RATE_PROFILES

INT32_MAX = 2**31 - 1
SIGNING_EPOCH = 1420070400       # MAVLink 2 signing timestamps count 10 us units from 2015-01-01
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
    gimbal_pitch_deg: float = 0.0      # camera attitude: pitch from the horizon (negative: down) ...
    gimbal_yaw_deg: float = 0.0        # ... and yaw from the vehicle's nose, clockwise
    images_captured: int = 0
    mission_seq: int = 0               # the mission item being flown


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
                 gps_noise_m: float = 0.0, wind: Wind | None = None, mission_limits: MissionLimits | None = None,
                 video_host: str = "127.0.0.1", video_port: int = 5600) -> None:
        self.system_id = system_id
        self.faults = Faults()
        self.autopilot = Px4Autopilot(system_id, origin, seed=seed, params=params,
                                      gps_fix_delay=gps_fix_delay, gps_noise_m=gps_noise_m, wind=wind)
        ap = self.autopilot
        self.missions = MissionProtocol(system_id, ap.store, self.faults, mission_limits, ap.on_store_change)
        self.parameters = ParameterTable(system_id, ap.params)
        self.param_protocol = ParameterProtocol(system_id, self.parameters, self.faults, self._parameter_changed)
        self.camera = camera.CameraState(camera.default_streams(video_host, video_port))
        self._camera_heartbeat_due = 0.0
        self.signing_key: bytes | None = None
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
                            math.degrees(m.yaw) % 360.0, ap.gimbal.pitch, ap.gimbal.yaw,
                            self.camera.image_count, ap.mission.seq)

    # ---- signing -------------------------------------------------------------------------------

    def set_signing_key(self, key: bytes | None, *, required: bool = True) -> None:
        """MAVLink 2 signing with this 32-byte key on every link (None: off). When required,
        unsigned and wrongly signed frames are refused (RADIO_STATUS excepted, as in PX4)."""
        if key is not None and (not isinstance(key, bytes) or len(key) != 32):
            raise ValueError("a MAVLink signing key is 32 bytes")
        self.signing_key = key if key and any(key) else None
        for link_id, link in enumerate(self.links):
            if self.signing_key is None:
                link.use_signing(None)
                continue
            signing = mavlink.MAVLinkSigning()
            signing.secret_key = self.signing_key
            signing.sign_outgoing = True
            signing.link_id = link_id
            signing.timestamp = int((time.time() - SIGNING_EPOCH) * 1e5)
            signing.allow_unsigned_callback = ((lambda mav, msg_id: msg_id == mavlink.MAVLINK_MSG_ID_RADIO_STATUS)
                                               if required else (lambda mav, msg_id: True))
            link.use_signing(signing)
        self.parameters.by_name["MAV_SIGN_CFG"].value = 1 if self.signing_key and required else 0

    # ---- parameters ----------------------------------------------------------------------------

    def _parameter_changed(self, param: Parameter) -> None:
        """A PARAM_SET that shapes the flight takes effect at once."""
        ap = self.autopilot
        if param.name in Px4Parameters.__dataclass_fields__:
            value = int(param.value) if param.type == INT32 else float(param.value)
            ap.params = dataclasses.replace(ap.params, **{param.name: value})
            ap.model.params = ap.params

    def close(self) -> None:
        for link in self.links:
            link.sock.close()

    # ---- time ----------------------------------------------------------------------------------

    def step(self, dt: float) -> None:
        """One physics step, then whatever streams fell due on each link."""
        self.autopilot.deny_arming = self.faults.deny_arming
        self.autopilot.step(dt)
        self._flush(None)
        self.missions.poll()
        self.param_protocol.step()
        now = self.autopilot.time
        self._step_camera(now)
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
        reply = lambda answer: link.send(answer, self.faults)       # noqa: E731
        if self.missions.handle(msg, reply) or self.param_protocol.handle(msg, reply):
            return
        if kind == "SETUP_SIGNING" and msg.target_system == self.system_id:
            self.set_signing_key(bytes(msg.secret_key))
            return
        if kind in ("COMMAND_LONG", "COMMAND_INT"):
            to_camera = msg.target_component == camera.COMPONENT_ID or (
                msg.target_component == 0 and msg.command in camera.CAMERA_COMMANDS - LINK_COMMANDS)
            if msg.target_system not in (0, self.system_id) or msg.target_component not in (0, 1) and not to_camera:
                return
            cmd = self._decode_command(link, msg)
            if cmd is None:
                return
            if to_camera:
                self._camera_command(link, cmd)
            elif cmd.command in LINK_COMMANDS:
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

    # ---- camera component ----------------------------------------------------------------------

    def _camera_command(self, link: MavlinkLink, cmd: Command) -> None:
        """What a MAVLink camera (component 100) answers; ACKs come from the camera component."""
        cam = self.camera
        now = self.autopilot.time
        ms = int(now * 1000)
        send = lambda msg: link.send(msg, self.faults, camera.COMPONENT_ID)   # noqa: E731
        result = mavlink.MAV_RESULT_ACCEPTED
        photo_now = False
        c = cmd.command
        what = int(cmd.param(1)) if c == mavlink.MAV_CMD_REQUEST_MESSAGE and math.isfinite(cmd.param(1)) else None
        stream_arg = cmd.param(2) if what is not None else cmd.param(1)
        streams = [s for s in cam.streams if not math.isfinite(stream_arg) or stream_arg in (0, s.stream_id)]
        if what == mavlink.MAVLINK_MSG_ID_CAMERA_INFORMATION or c == mavlink.MAV_CMD_REQUEST_CAMERA_INFORMATION:
            send(camera.information(ms))
        elif what == mavlink.MAVLINK_MSG_ID_CAMERA_SETTINGS or c == mavlink.MAV_CMD_REQUEST_CAMERA_SETTINGS:
            send(camera.settings(cam, ms))
        elif (what == mavlink.MAVLINK_MSG_ID_CAMERA_CAPTURE_STATUS
              or c == mavlink.MAV_CMD_REQUEST_CAMERA_CAPTURE_STATUS):
            send(camera.capture_status(cam, now))
        elif (what == mavlink.MAVLINK_MSG_ID_VIDEO_STREAM_INFORMATION
              or c == mavlink.MAV_CMD_REQUEST_VIDEO_STREAM_INFORMATION):
            for stream in streams:
                send(camera.stream_information(stream, len(cam.streams)))
            result = result if streams else mavlink.MAV_RESULT_DENIED
        elif what == mavlink.MAVLINK_MSG_ID_VIDEO_STREAM_STATUS or c == mavlink.MAV_CMD_REQUEST_VIDEO_STREAM_STATUS:
            for stream in streams:
                send(camera.stream_status(stream))
            result = result if streams else mavlink.MAV_RESULT_DENIED
        elif c == mavlink.MAV_CMD_IMAGE_START_CAPTURE:
            interval, total = cmd.param(2), int(cmd.param(3)) if math.isfinite(cmd.param(3)) else 0
            if total == 1 or not (math.isfinite(interval) and interval > 0):
                # one photo, taken now (after the ACK): a command right behind it cannot cancel it
                cam.remaining, cam.interval, cam.next_photo = 0, 0.0, math.inf
                photo_now = True
            else:
                cam.remaining, cam.interval, cam.next_photo = total, interval, now
        elif c == mavlink.MAV_CMD_IMAGE_STOP_CAPTURE:
            cam.remaining, cam.interval, cam.next_photo = 0, 0.0, math.inf
        elif c == mavlink.MAV_CMD_VIDEO_START_CAPTURE:
            if cam.recording_since is None:
                cam.recording_since = now
        elif c == mavlink.MAV_CMD_VIDEO_STOP_CAPTURE:
            cam.recording_since = None
        elif c == mavlink.MAV_CMD_SET_CAMERA_MODE and cmd.param(2) in (mavlink.CAMERA_MODE_IMAGE,
                                                                        mavlink.CAMERA_MODE_VIDEO):
            cam.mode = int(cmd.param(2))
        else:
            result = mavlink.MAV_RESULT_UNSUPPORTED if what is None else mavlink.MAV_RESULT_DENIED
        if not self.faults.drop_command_acks:
            send(mavlink.MAVLink_command_ack_message(c, result, 0, 0, cmd.source_system, cmd.source_component))
        if photo_now:
            self._take_photo(now)

    def _step_camera(self, now: float) -> None:
        """Camera heartbeat at 1 Hz; photos due from a running capture or the mission's trigger."""
        cam = self.camera
        due = self.autopilot.take_captures()
        if now >= cam.next_photo:
            due += 1
            cam.remaining -= 1
            if cam.interval > 0 and cam.remaining != 0:
                cam.next_photo += cam.interval
            else:
                cam.remaining, cam.next_photo = 0, math.inf
        for _ in range(due):
            self._take_photo(now)
        if now >= self._camera_heartbeat_due:
            self._camera_heartbeat_due = now + 1.0
            for link in self.links:
                link.send(camera.heartbeat(), self.faults, camera.COMPONENT_ID)

    def advertise_streams(self, streams: tuple[camera.VideoStream, ...]) -> None:
        """The camera's video is served at these addresses from now on. A station that asked before
        hears of it at once: the camera's heartbeat (so one that has not met the camera asks it all),
        then each stream's information, on every link."""
        self.camera.streams = streams
        for link in self.links:
            link.send(camera.heartbeat(), self.faults, camera.COMPONENT_ID)
            for stream in streams:
                link.send(camera.stream_information(stream, len(streams)), self.faults, camera.COMPONENT_ID)

    def _take_photo(self, now: float) -> None:
        ap = self.autopilot
        lat, lon, alt = ap.estimated_position()
        self.camera.captured.append((lat, lon, alt))
        index = self.camera.image_count
        self.camera.image_count += 1
        msg = mavlink.MAVLink_camera_image_captured_message(
            int(now * 1000), 0, 0, int(lat * 1e7), int(lon * 1e7), int(alt * 1000), int(ap.alt_rel * 1000),
            ap.gimbal.quaternion(math.degrees(ap.model.yaw)), index, 1, f"sim://{self.system_id}/{index:05d}.jpg".encode())
        for link in self.links:
            link.send(msg, self.faults, camera.COMPONENT_ID)

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
