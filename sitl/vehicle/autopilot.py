"""PX4 commander + navigator behaviour for one simulated multicopter, with no I/O.

Commands come in as `Command` records (decoded from COMMAND_LONG/INT or SET_MODE by the link),
answers go out as pymavlink messages (COMMAND_ACK, STATUSTEXT). Results, refusals and texts follow
PX4 v1.16 (Commander::handle_command, arm()/disarm(), UserModeIntention, navigator takeoff/loiter/
RTL/land), including its quirks, so a station tested here behaves the same on a real PX4.
"""
from __future__ import annotations

import math
import random
from dataclasses import dataclass, field
from enum import Enum

import pymap3d
from pymavlink.dialects.v20 import common as mavlink

from . import px4_modes
from .geofence import FenceArea, fence_areas, inside_fence
from .gimbal import Gimbal
from .mission_flight import MissionFlight, is_navigation, item_altitude
from .mission_protocol import FENCE, MISSION, MissionStore
from .multicopter import Multicopter, Px4Parameters, Wind, wrap_pi
from .px4_modes import FlightMode, Requirement

FORCE_MAGIC = 21196           # param2 of ARM_DISARM that forces a disarm in flight
MAV_COMP_ID_MISSIONPLANNER = 190
SEVERITY_CRITICAL = mavlink.MAV_SEVERITY_CRITICAL
STATUSTEXT_LEN = 50
SEVERITY_WARNING = mavlink.MAV_SEVERITY_WARNING
SEVERITY_INFO = mavlink.MAV_SEVERITY_INFO


@dataclass(frozen=True)
class Command:
    """A MAV_CMD as commander sees it (vehicle_command): params 5/6 in degrees for both encodings."""

    command: int
    params: tuple[float, float, float, float, float, float, float]
    source_system: int
    source_component: int
    confirmation: int = 0
    frame: int | None = None     # COMMAND_INT only

    def param(self, index: int) -> float:
        return self.params[index - 1]


@dataclass(frozen=True)
class Home:
    lat: float
    lon: float
    alt: float                   # AMSL
    east: float
    north: float
    yaw: float


class RtlPhase(Enum):
    CLIMB = "climb"
    RETURN = "return"
    DESCEND = "descend"
    LOITER = "loiter"
    LAND = "land"
    IDLE = "idle"


@dataclass
class Target:
    """Where the navigator wants the vehicle: local ENU position, AMSL altitude, speed and yaw."""

    east: float
    north: float
    alt: float
    speed: float
    yaw: float | None = None     # None: face the direction of travel


@dataclass
class ManualSticks:
    x: float = 0.0               # forward, -1..1
    y: float = 0.0               # right, -1..1
    z: float = 0.5               # thrust, 0..1, 0.5 = hold altitude
    r: float = 0.0               # yaw, -1..1


@dataclass
class OffboardSetpoint:
    position: tuple[float, float, float] | None = None   # east, north, alt AMSL
    velocity: tuple[float, float, float] | None = None   # east, north, up
    yaw: float | None = None


@dataclass
class Outbox:
    """Messages the autopilot wants sent: ACKs go back to the commanding link, the rest to all."""

    acks: list[mavlink.MAVLink_message] = field(default_factory=list)
    broadcast: list[mavlink.MAVLink_message] = field(default_factory=list)
    captures: int = 0            # photos the camera must take now (mission camera trigger)


class Px4Autopilot:
    """Commander + navigator of one vehicle; `step` advances sim time, `handle_*` take inputs."""

    def __init__(self, system_id: int, origin: tuple[float, float, float], *, seed: int,
                 params: Px4Parameters | None = None, gps_fix_delay: float = 3.0,
                 gps_noise_m: float = 0.0, wind: Wind | None = None) -> None:
        self.system_id = system_id
        self.params = params or Px4Parameters()
        self.origin = origin
        self.model = Multicopter(self.params, ground_alt=origin[2], wind=wind or Wind())
        self.rng = random.Random(seed)
        self.time = 0.0
        self._text_id = 0
        self.armed = False
        self.armed_at = 0.0
        self.mode: FlightMode = px4_modes.LOITER
        self.mode_after_disarm: FlightMode = px4_modes.LOITER
        self.home: Home | None = None
        self.gps_fix_delay = gps_fix_delay
        self.gps_noise_m = gps_noise_m
        self.gps_error = [0.0, 0.0, 0.0]
        self.landed = True
        self.landed_since = 0.0
        self.taken_off_since_arming = False
        self.target: Target | None = None
        self.takeoff_request: tuple[float, float, float] = (math.nan, math.nan, math.nan)
        self.rtl_phase = RtlPhase.IDLE
        self.rtl_alt = 0.0
        self.rtl_loiter_until = 0.0
        self.offboard_setpoint = OffboardSetpoint()
        self.offboard_setpoint_time = -math.inf
        self.manual_sticks = ManualSticks()
        self.manual_control_time = -math.inf
        self.deny_arming: str | None = None
        self.outbox = Outbox()
        self.store = MissionStore()
        self.mission = MissionFlight(self.store)
        self.gimbal = Gimbal()
        self.fence: list[FenceArea] = []
        self.fence_breached = False
        self.rtl_destination: tuple[float, float, float] | None = None   # east, north, yaw of the landing point

    # ---- geodesy -------------------------------------------------------------------------------

    def to_geodetic(self, east: float, north: float, alt_amsl: float) -> tuple[float, float, float]:
        lat, lon, alt = pymap3d.enu2geodetic(east, north, alt_amsl - self.origin[2], *self.origin)
        return float(lat), float(lon), float(alt)

    def to_local(self, lat: float, lon: float) -> tuple[float, float]:
        east, north, _ = pymap3d.geodetic2enu(lat, lon, self.origin[2], *self.origin)
        return float(east), float(north)

    def true_position(self) -> tuple[float, float, float]:
        return self.to_geodetic(self.model.east, self.model.north, self.model.alt_amsl)

    def estimated_position(self) -> tuple[float, float, float]:
        """What the vehicle reports: truth plus the seeded GPS error."""
        e, n, u = self.gps_error
        return self.to_geodetic(self.model.east + e, self.model.north + n, self.model.alt_amsl + u)

    @property
    def gps_fixed(self) -> bool:
        return self.time >= self.gps_fix_delay

    @property
    def alt_rel(self) -> float:
        home_alt = self.home.alt if self.home else self.origin[2]
        return self.model.alt_amsl - home_alt

    # ---- texts and answers ---------------------------------------------------------------------

    def _text(self, severity: int, text: str) -> None:
        """A STATUSTEXT; over 50 bytes it goes in MAVLink 2 chunks sharing an id, as PX4 sends them."""
        data = text.encode()
        if len(data) <= STATUSTEXT_LEN:
            self.outbox.broadcast.append(mavlink.MAVLink_statustext_message(severity, data))
            return
        self._text_id = self._text_id % 0xFFFF + 1
        # A text filling its last chunk exactly is closed by an empty one, so receivers know it ended.
        for seq, start in enumerate(range(0, len(data) + 1, STATUSTEXT_LEN)):
            chunk = data[start:start + STATUSTEXT_LEN]
            if chunk or len(data) % STATUSTEXT_LEN == 0:
                self.outbox.broadcast.append(
                    mavlink.MAVLink_statustext_message(severity, chunk, self._text_id, seq))

    def _ack(self, cmd: Command, result: int) -> None:
        self.outbox.acks.append(mavlink.MAVLink_command_ack_message(
            cmd.command, result, 0, 0, cmd.source_system, cmd.source_component))

    def take_outbox(self) -> Outbox:
        captures = self.outbox.captures
        out, self.outbox = self.outbox, Outbox(captures=captures)   # photos are the camera's to take
        return out

    def take_captures(self) -> int:
        count, self.outbox.captures = self.outbox.captures, 0
        return count

    # ---- mode management -----------------------------------------------------------------------

    def _unmet_requirement(self, mode: FlightMode) -> str | None:
        """First requirement of `mode` that is not met now, as PX4's arming check names it."""
        needs = mode.requirements
        if Requirement.GLOBAL_POSITION in needs and not self.gps_fixed:
            return "GPS fix too low"
        if Requirement.HOME in needs and self.home is None:
            return "Home position not set"
        if Requirement.MANUAL_CONTROL in needs and not self._manual_control_present():
            return "No manual control input"
        if Requirement.OFFBOARD_SIGNAL in needs and not self._offboard_signal_present():
            return "No offboard signal"
        if Requirement.MISSION in needs and not self.mission.valid:
            return "No valid mission available"
        return None

    def _manual_control_present(self) -> bool:
        return self.time - self.manual_control_time <= self.params.COM_RC_LOSS_T

    def _offboard_signal_present(self) -> bool:
        return self.time - self.offboard_setpoint_time <= self.params.COM_OF_LOSS_T

    def change_mode(self, mode: FlightMode) -> bool:
        """UserModeIntention::change: always allowed while disarmed, else only if the mode can run."""
        if self.armed and self._unmet_requirement(mode) is not None:
            return False
        if Requirement.PREVENTS_ARMING not in mode.requirements:
            self.mode_after_disarm = mode
        if mode is not self.mode:
            self.mode = mode
            self._on_mode_activation()
        return True

    def _reject_mode_text(self, mode_name: str) -> None:
        self._text(SEVERITY_CRITICAL, f"Switching to {mode_name} is currently not available")

    def _on_mode_activation(self) -> None:
        m = self.model
        if self.mode is px4_modes.TAKEOFF:
            self._plan_takeoff()
        elif self.mode is px4_modes.RTL:
            self._plan_rtl()
        elif self.mode is px4_modes.LAND:
            self.target = Target(m.east, m.north, m.alt_amsl, self.params.MPC_XY_CRUISE, m.yaw)
        elif self.mode is px4_modes.MISSION:
            self.mission.activate(self.landed)
            self.target = Target(m.east, m.north, m.alt_amsl, self.params.MPC_XY_CRUISE, m.yaw)
        else:
            # Hold and the manual modes start from the point where the vehicle can stop
            speed = m.ground_speed
            brake = speed * speed / (2.0 * self.params.MPC_ACC_HOR)
            east = m.east + (m.v_east / speed * brake if speed > 0.01 else 0.0)
            north = m.north + (m.v_north / speed * brake if speed > 0.01 else 0.0)
            self.target = Target(east, north, m.alt_amsl, self.params.MPC_XY_CRUISE, m.yaw)

    # ---- commands ------------------------------------------------------------------------------

    def handle_command(self, cmd: Command) -> None:
        """Commander::handle_command for the commands a multicopter GCS uses; others UNSUPPORTED."""
        handlers = {
            mavlink.MAV_CMD_COMPONENT_ARM_DISARM: self._cmd_arm_disarm,
            mavlink.MAV_CMD_NAV_TAKEOFF: self._cmd_takeoff,
            mavlink.MAV_CMD_NAV_LAND: self._cmd_land,
            mavlink.MAV_CMD_NAV_RETURN_TO_LAUNCH: self._cmd_rtl,
            mavlink.MAV_CMD_DO_REPOSITION: self._cmd_reposition,
            mavlink.MAV_CMD_DO_SET_MODE: self._cmd_set_mode,
            mavlink.MAV_CMD_MISSION_START: self._cmd_mission_start,
            mavlink.MAV_CMD_DO_SET_MISSION_CURRENT: self._cmd_set_mission_current,
            mavlink.MAV_CMD_DO_GIMBAL_MANAGER_PITCHYAW: self._cmd_gimbal_pitchyaw,
            mavlink.MAV_CMD_DO_GIMBAL_MANAGER_CONFIGURE: lambda cmd: self._ack(cmd, mavlink.MAV_RESULT_ACCEPTED),
            mavlink.MAV_CMD_DO_SET_ROI_LOCATION: self._cmd_roi_location,
            mavlink.MAV_CMD_DO_SET_ROI_NONE: self._cmd_roi_none,
        }
        handler = handlers.get(cmd.command)
        if handler is None:
            # NAV_LOITER_UNLIM and DO_PAUSE_CONTINUE land here too: PX4 v1.16 does not implement them
            self._ack(cmd, mavlink.MAV_RESULT_UNSUPPORTED)
            return
        handler(cmd)

    def _cmd_arm_disarm(self, cmd: Command) -> None:
        action = round(cmd.param(1)) if math.isfinite(cmd.param(1)) else -1
        if action not in (0, 1):
            # PX4 complains and sends no ACK at all for this case
            self._text(SEVERITY_CRITICAL, f"Unsupported ARM_DISARM param: {cmd.param(1):.3f}")
            return
        forced = math.isfinite(cmd.param(2)) and round(cmd.param(2)) == FORCE_MAGIC
        ok = self.arm() if action == 1 else self.disarm(forced=forced, reason="external command")
        self._ack(cmd, mavlink.MAV_RESULT_ACCEPTED if ok else mavlink.MAV_RESULT_TEMPORARILY_REJECTED)

    def _cmd_mode_change(self, cmd: Command, mode: FlightMode, accepted_text: str | None = None) -> None:
        if self.change_mode(mode):
            if accepted_text:
                self._text(SEVERITY_INFO, accepted_text)
            self._ack(cmd, mavlink.MAV_RESULT_ACCEPTED)
        else:
            self._reject_mode_text(mode.px4_name)
            self._ack(cmd, mavlink.MAV_RESULT_TEMPORARILY_REJECTED)

    def _cmd_takeoff(self, cmd: Command) -> None:
        # navigator keeps the requested point; Takeoff mode turns it into a target on activation
        self.takeoff_request = (cmd.param(5), cmd.param(6), self._command_altitude(cmd, 7))
        if self.mode is px4_modes.TAKEOFF:
            self._plan_takeoff()
        self._cmd_mode_change(cmd, px4_modes.TAKEOFF)

    def _cmd_land(self, cmd: Command) -> None:
        self._cmd_mode_change(cmd, px4_modes.LAND, "Landing at current position")

    def _cmd_rtl(self, cmd: Command) -> None:
        self._cmd_mode_change(cmd, px4_modes.RTL, "Returning to launch")

    def _cmd_reposition(self, cmd: Command) -> None:
        flags = int(cmd.param(2)) if math.isfinite(cmd.param(2)) else 0
        flying = self.armed and not self.landed
        if not flags & mavlink.MAV_DO_REPOSITION_FLAGS_CHANGE_MODE or flags & ~1:
            # commander refuses, yet navigator still takes the point if it is already holding
            if flying and self.mode is px4_modes.LOITER:
                self._set_reposition(cmd)
            self._ack(cmd, mavlink.MAV_RESULT_UNSUPPORTED)
            return
        self._cmd_mode_change(cmd, px4_modes.LOITER)
        if flying and self.mode is px4_modes.LOITER:
            self._set_reposition(cmd)

    def _set_reposition(self, cmd: Command) -> None:
        m = self.model
        lat, lon = cmd.param(5), cmd.param(6)
        east, north = (self.to_local(lat, lon) if math.isfinite(lat) and math.isfinite(lon)
                       else (m.east, m.north))
        alt = self._command_altitude(cmd, 7)
        speed = cmd.param(1) if math.isfinite(cmd.param(1)) and cmd.param(1) > 0 else self.params.MPC_XY_CRUISE
        yaw = math.radians(cmd.param(4)) if math.isfinite(cmd.param(4)) else None
        self.target = Target(east, north, alt if math.isfinite(alt) else m.alt_amsl,
                             min(speed, self.params.MPC_XY_VEL_MAX), yaw)

    def _command_altitude(self, cmd: Command, index: int) -> float:
        """Altitude parameter as AMSL; COMMAND_INT in a relative-altitude frame is lifted by home."""
        alt = cmd.param(index)
        relative = (mavlink.MAV_FRAME_GLOBAL_RELATIVE_ALT, mavlink.MAV_FRAME_GLOBAL_RELATIVE_ALT_INT)
        if cmd.frame in relative and math.isfinite(alt):
            alt += self.home.alt if self.home else self.origin[2]
        return alt

    def _cmd_set_mode(self, cmd: Command) -> None:
        self.request_mode(cmd, int(cmd.param(1)), int(cmd.param(2)), int(cmd.param(3)))

    def request_mode(self, cmd: Command, base_mode: int, main_mode: int, sub_mode: int) -> None:
        """DO_SET_MODE and the SET_MODE message (which PX4 turns into DO_SET_MODE)."""
        try:
            request = px4_modes.decode_mode_request(base_mode, main_mode, sub_mode)
        except px4_modes.UnsupportedAutoMode:
            self._text(SEVERITY_CRITICAL, "Unsupported auto mode")
            self._ack(cmd, mavlink.MAV_RESULT_TEMPORARILY_REJECTED)
            return
        if request.unmodelled_name is not None:
            self._reject_mode_text(request.unmodelled_name)
            self._ack(cmd, mavlink.MAV_RESULT_TEMPORARILY_REJECTED)
            return
        if request.mode is None or self.change_mode(request.mode):
            # an unknown main mode changes nothing and is still ACCEPTED, as in PX4
            self._ack(cmd, mavlink.MAV_RESULT_ACCEPTED)
            return
        if cmd.source_component == MAV_COMP_ID_MISSIONPLANNER:
            self._reject_mode_text(request.mode.px4_name)   # PX4 only tells Mission Planner
        self._ack(cmd, mavlink.MAV_RESULT_TEMPORARILY_REJECTED)

    def _cmd_mission_start(self, cmd: Command) -> None:
        """MISSION_START switches to Mission and arms (Commander: "switch to AUTO_MISSION and ARM")."""
        if not self.mission.valid:
            self._ack(cmd, mavlink.MAV_RESULT_DENIED)
            return
        first = cmd.param(1)
        if math.isfinite(first) and 0 <= first < len(self.store.mission):
            self.store.current_seq = int(first)
            self.mission.reset()
        if self.change_mode(px4_modes.MISSION) and self.arm():
            self._ack(cmd, mavlink.MAV_RESULT_ACCEPTED)
        else:
            self._text(SEVERITY_CRITICAL, "Mission start denied")
            self._ack(cmd, mavlink.MAV_RESULT_TEMPORARILY_REJECTED)

    def _cmd_set_mission_current(self, cmd: Command) -> None:
        seq = cmd.param(1)
        if not (math.isfinite(seq) and 0 <= seq < len(self.store.mission)):
            self._ack(cmd, mavlink.MAV_RESULT_DENIED)
            return
        self.store.current_seq = int(seq)
        self.mission.reset()
        self._ack(cmd, mavlink.MAV_RESULT_ACCEPTED)

    def _cmd_gimbal_pitchyaw(self, cmd: Command) -> None:
        flags = int(cmd.param(5)) if math.isfinite(cmd.param(5)) else 0
        self.gimbal.set_angles(cmd.param(1), cmd.param(2), bool(flags & mavlink.GIMBAL_MANAGER_FLAGS_YAW_LOCK))
        self._ack(cmd, mavlink.MAV_RESULT_ACCEPTED)

    def _cmd_roi_location(self, cmd: Command) -> None:
        lat, lon = cmd.param(5), cmd.param(6)
        if not (math.isfinite(lat) and math.isfinite(lon)):
            self._ack(cmd, mavlink.MAV_RESULT_DENIED)
            return
        alt = self._command_altitude(cmd, 7)
        self.gimbal.roi = (lat, lon, alt if math.isfinite(alt) else self.origin[2])
        self._ack(cmd, mavlink.MAV_RESULT_ACCEPTED)

    def _cmd_roi_none(self, cmd: Command) -> None:
        self.gimbal.roi = None
        self._ack(cmd, mavlink.MAV_RESULT_ACCEPTED)

    # ---- arming --------------------------------------------------------------------------------

    def arm(self) -> bool:
        if self.armed:
            return True
        if self.deny_arming:
            self._text(SEVERITY_CRITICAL, f"Arming denied: {self.deny_arming}")
            return False
        if Requirement.PREVENTS_ARMING in self.mode.requirements:
            self._text(SEVERITY_CRITICAL, "Preflight Fail: Mode not suitable for arming")
            return False
        reason = self._unmet_requirement(self.mode)
        if reason is not None:
            # PX4 1.16 reports the failing check as an event and says this generic sentence in
            # STATUSTEXT (seen on real PX4 SITL before its position estimate is valid).
            self._text(SEVERITY_CRITICAL, "Arming denied: Resolve system health failures first")
            return False
        self.armed = True
        self.armed_at = self.time
        self.taken_off_since_arming = False
        self.model.motors_on = True
        self._text(SEVERITY_INFO, "Armed by external command")
        self._set_home()
        if self.mode is px4_modes.TAKEOFF:
            self._plan_takeoff()
        elif self.mode is px4_modes.RTL:
            self._plan_rtl()
        return True

    def disarm(self, *, forced: bool, reason: str) -> bool:
        if not self.armed:
            return True
        if not forced and not self.landed:
            self._text(SEVERITY_CRITICAL, "Disarming denied: not landed")
            return False
        self.armed = False
        self.model.motors_on = False
        self.mode = self.mode_after_disarm
        self.rtl_phase = RtlPhase.IDLE
        self._text(SEVERITY_INFO, f"Disarmed by {reason}")
        return True

    def _set_home(self) -> None:
        if not self.gps_fixed:
            return
        lat, lon, alt = self.estimated_position()
        # home is on the ground even when set at the moment of lift-off
        self.home = Home(lat, lon, alt - self.model.up, self.model.east, self.model.north, self.model.yaw)

    # ---- other inputs --------------------------------------------------------------------------

    def handle_manual_control(self, x: int, y: int, z: int, r: int) -> None:
        self.manual_sticks = ManualSticks(x / 1000.0, y / 1000.0, z / 1000.0, r / 1000.0)
        self.manual_control_time = self.time

    def handle_offboard_setpoint(self, setpoint: OffboardSetpoint) -> None:
        self.offboard_setpoint = setpoint
        self.offboard_setpoint_time = self.time

    # ---- navigator -----------------------------------------------------------------------------

    def _plan_takeoff(self) -> None:
        """Takeoff::set_takeoff_position: requested AMSL altitude, never below MIS_TAKEOFF_ALT."""
        if not self.armed:
            return
        m = self.model
        lat, lon, alt = self.takeoff_request
        base_alt = self.home.alt if self.home else m.alt_amsl
        minimum = base_alt + self.params.MIS_TAKEOFF_ALT
        if math.isfinite(alt):
            if alt < minimum - 0.1:
                self._text(SEVERITY_CRITICAL,
                           f"Using minimum takeoff altitude: {self.params.MIS_TAKEOFF_ALT:.2f} m")
            alt = max(alt, minimum)
        else:
            alt = minimum
            self._text(SEVERITY_INFO, f"Using default takeoff altitude: {self.params.MIS_TAKEOFF_ALT:.1f} m")
        if alt < m.alt_amsl:
            alt = m.alt_amsl
            self._text(SEVERITY_CRITICAL, "Already higher than takeoff altitude")
        east, north = (self.to_local(lat, lon) if math.isfinite(lat) and math.isfinite(lon)
                       else (m.east, m.north))
        self.target = Target(east, north, alt, self.params.MPC_XY_CRUISE, m.yaw)
        self.takeoff_request = (math.nan, math.nan, math.nan)

    def _plan_rtl(self) -> None:
        if not self.armed or self.home is None:
            self.rtl_phase = RtlPhase.IDLE
            return
        m = self.model
        p = self.params
        # the closest safe point: home or an uploaded rally point
        points = [(self.home.east, self.home.north, self.home.yaw)]
        points += [(*self.to_local(r.x / 1e7, r.y / 1e7), self.home.yaw) for r in self.store.rally
                   if r.command == mavlink.MAV_CMD_NAV_RALLY_POINT]
        self.rtl_destination = min(points, key=lambda d: math.hypot(d[0] - m.east, d[1] - m.north))
        distance = math.hypot(m.east - self.rtl_destination[0], m.north - self.rtl_destination[1])
        # RTL_CONE_ANG: close to home the vehicle need not climb all the way to RTL_RETURN_ALT
        cone = distance * math.tan(math.radians(p.RTL_CONE_ANG)) if p.RTL_CONE_ANG > 0 else math.inf
        return_rel = min(p.RTL_RETURN_ALT, max(p.RTL_DESCEND_ALT, cone))
        self.rtl_alt = max(self.home.alt + return_rel, m.alt_amsl)
        # on the ground RTL has nothing to do (PX4 stays put until disarmed)
        self.rtl_phase = RtlPhase.IDLE if self.landed else RtlPhase.CLIMB
        self.target = Target(m.east, m.north, self.rtl_alt, p.MPC_XY_CRUISE, m.yaw)

    def _arrived(self, target: Target, horizontal: bool = True, vertical: bool = True) -> bool:
        m = self.model
        ok_h = math.hypot(target.east - m.east, target.north - m.north) < self.params.NAV_ACC_RAD
        ok_v = abs(target.alt - m.alt_amsl) < self.params.NAV_MC_ALT_RAD
        return (ok_h or not horizontal) and (ok_v or not vertical)

    def _velocity_to(self, target: Target) -> tuple[float, float, float]:
        """Position controller: P gain with a braking-distance cap so the acceleration limit holds."""
        m = self.model
        p = self.params
        de, dn = target.east - m.east, target.north - m.north
        dist = math.hypot(de, dn)
        speed = min(target.speed, 1.0 * dist, math.sqrt(2.0 * p.MPC_ACC_HOR * 0.8 * dist))
        ve, vn = ((de / dist * speed, dn / dist * speed) if dist > 1e-3 else (0.0, 0.0))
        dz = target.alt - m.alt_amsl
        if dz >= 0:
            vu = min(p.MPC_Z_VEL_MAX_UP, 1.0 * dz, math.sqrt(2.0 * p.MPC_ACC_DOWN_MAX * 0.8 * dz))
        else:
            vu = -min(p.MPC_Z_VEL_MAX_DN, -1.0 * dz, math.sqrt(2.0 * p.MPC_ACC_UP_MAX * 0.8 * -dz))
        return ve, vn, vu

    def _yaw_for(self, target: Target) -> float | None:
        m = self.model
        if target.yaw is not None:
            return target.yaw
        de, dn = target.east - m.east, target.north - m.north
        if math.hypot(de, dn) > self.params.NAV_ACC_RAD:
            return math.atan2(de, dn)
        return None

    def _landing_speed(self) -> float:
        """Descent speed over ground: fast high up, MPC_LAND_SPEED below MPC_LAND_ALT2."""
        p = self.params
        h = self.model.up
        if h >= p.MPC_LAND_ALT1:
            return p.MPC_Z_VEL_MAX_DN
        if h <= p.MPC_LAND_ALT2:
            return p.MPC_LAND_SPEED
        f = (h - p.MPC_LAND_ALT2) / (p.MPC_LAND_ALT1 - p.MPC_LAND_ALT2)
        return p.MPC_LAND_SPEED + f * (p.MPC_Z_VEL_MAX_DN - p.MPC_LAND_SPEED)

    def _demand(self) -> tuple[tuple[float, float, float], float | None]:
        """Velocity and yaw the active mode asks of the vehicle this step."""
        m = self.model
        if not self.armed:
            return (0.0, 0.0, 0.0), None
        mode = self.mode
        if mode is px4_modes.TAKEOFF and self.target is not None:
            if self._arrived(self.target, horizontal=False):
                takeoff_alt = self.target.alt
                self.change_mode(px4_modes.LOITER)   # takeoff finished: navigator hands over to Hold
                if self.target is not None:
                    self.target.alt = takeoff_alt
            else:
                return self._velocity_to(self.target), self.target.yaw
        if mode is px4_modes.LAND and self.target is not None:
            ve, vn, _ = self._velocity_to(Target(self.target.east, self.target.north, m.alt_amsl, 2.0))
            return (ve, vn, -self._landing_speed()), self.target.yaw
        if mode is px4_modes.RTL and self.target is not None and self.home is not None:
            return self._rtl_demand()
        if mode is px4_modes.MISSION:
            return self._mission_demand()
        if mode is px4_modes.OFFBOARD:
            return self._offboard_demand()
        if Requirement.MANUAL_CONTROL in mode.requirements:
            return self._manual_demand()
        if self.target is not None and not self.landed:
            return self._velocity_to(self.target), self._yaw_for(self.target)
        return (0.0, 0.0, 0.0), None

    def _rtl_demand(self) -> tuple[tuple[float, float, float], float | None]:
        m = self.model
        p = self.params
        home = self.home
        assert home is not None and self.target is not None
        dest_e, dest_n, dest_yaw = self.rtl_destination or (home.east, home.north, home.yaw)
        if self.rtl_phase is RtlPhase.CLIMB:
            self.target = Target(self.target.east, self.target.north, self.rtl_alt, p.MPC_XY_CRUISE, None)
            if self._arrived(self.target, horizontal=False):
                self.rtl_phase = RtlPhase.RETURN
        if self.rtl_phase is RtlPhase.RETURN:
            self.target = Target(dest_e, dest_n, self.rtl_alt, p.MPC_XY_CRUISE, None)
            if self._arrived(self.target, vertical=False):
                self.rtl_phase = RtlPhase.DESCEND
        if self.rtl_phase is RtlPhase.DESCEND:
            descend_to = min(self.rtl_alt, home.alt + p.RTL_DESCEND_ALT)
            self.target = Target(dest_e, dest_n, descend_to, p.MPC_XY_CRUISE, dest_yaw)
            if self._arrived(self.target):
                self.rtl_phase = RtlPhase.LOITER
                self.rtl_loiter_until = self.time + max(0.0, p.RTL_LAND_DELAY)
        if self.rtl_phase is RtlPhase.LOITER:
            if p.RTL_LAND_DELAY >= 0 and self.time >= self.rtl_loiter_until:
                self.rtl_phase = RtlPhase.LAND
            else:
                return self._velocity_to(self.target), self._yaw_for(self.target)
        if self.rtl_phase is RtlPhase.LAND:
            ve, vn, _ = self._velocity_to(Target(dest_e, dest_n, m.alt_amsl, 2.0))
            return (ve, vn, -self._landing_speed()), dest_yaw
        if self.rtl_phase is RtlPhase.IDLE:
            return (0.0, 0.0, 0.0), None
        return self._velocity_to(self.target), self._yaw_for(self.target)

    # ---- mission -------------------------------------------------------------------------------

    def on_store_change(self, mission_type: int) -> None:
        """A list was uploaded or cleared (or the current item moved: -1)."""
        if mission_type in (MISSION, -1):
            self.mission.reset()
        elif mission_type == FENCE:
            self.fence = fence_areas(self.store.fence, self.to_local)
            self.fence_breached = False

    def _item_point(self, item) -> tuple[float, float, float]:
        """East, north, AMSL of a mission item; lat/lon 0 means "where the vehicle is"."""
        m = self.model
        home_alt = self.home.alt if self.home else self.origin[2]
        east, north = (m.east, m.north) if item.x == 0 and item.y == 0 else self.to_local(item.x / 1e7, item.y / 1e7)
        return east, north, item_altitude(item, home_alt)

    def _mission_speed(self) -> float:
        return min(self.mission.speed or self.params.MPC_XY_CRUISE, self.params.MPC_XY_VEL_MAX)

    def _do_item(self, item) -> None:
        """A DO item: takes effect now; the mission moves on."""
        cmd = item.command
        g = self.gimbal
        if cmd == mavlink.MAV_CMD_DO_CHANGE_SPEED:
            if item.param2 > 0:
                self.mission.speed = item.param2
            elif item.param2 == -1:
                self.mission.speed = None
        elif cmd == mavlink.MAV_CMD_DO_SET_ROI_LOCATION or (cmd == mavlink.MAV_CMD_DO_SET_ROI
                                                            and int(item.param1) == mavlink.MAV_ROI_LOCATION):
            home_alt = self.home.alt if self.home else self.origin[2]
            g.roi = (item.x / 1e7, item.y / 1e7, item_altitude(item, home_alt))
        elif cmd in (mavlink.MAV_CMD_DO_SET_ROI_NONE, mavlink.MAV_CMD_DO_SET_ROI):
            g.roi = None
        elif cmd == mavlink.MAV_CMD_DO_GIMBAL_MANAGER_PITCHYAW:
            flags = int(item.x)          # param5 travels in x for MAV_FRAME_MISSION items
            g.set_angles(item.param1, item.param2, bool(flags & mavlink.GIMBAL_MANAGER_FLAGS_YAW_LOCK))
        elif cmd == mavlink.MAV_CMD_DO_SET_CAM_TRIGG_DIST:
            self.mission.trigger_distance = max(0.0, item.param1)
            self.mission.travelled = 0.0
            if item.param3 == 1 and item.param1 > 0:
                self.outbox.captures += 1        # param3 = 1: one photo at once
        elif cmd == mavlink.MAV_CMD_IMAGE_START_CAPTURE:
            self.outbox.captures += max(1, int(item.param3))

    def _mission_demand(self) -> tuple[tuple[float, float, float], float | None]:
        m = self.model
        p = self.params
        flight = self.mission
        items = self.store.mission
        hold = (0.0, 0.0, 0.0)
        for _ in range(len(items) + 1):           # DO items run back to back within one step
            if flight.finished or not items:
                if not self.landed:
                    self._text(SEVERITY_INFO, "Mission finished, loitering")
                    self.change_mode(px4_modes.LOITER)
                return hold, None
            item = items[flight.seq]
            if item.command == mavlink.MAV_CMD_DO_JUMP:
                if not flight.jump(item):
                    flight.advance()
                continue
            if not is_navigation(item.command):
                self._do_item(item)
                flight.advance()
                continue
            break
        if not self.armed:
            return hold, None
        cmd = item.command
        home_alt = self.home.alt if self.home else self.origin[2]
        if cmd == mavlink.MAV_CMD_NAV_RETURN_TO_LAUNCH:
            flight.advance()
            self.change_mode(px4_modes.RTL)
            return hold, None
        if cmd == mavlink.MAV_CMD_NAV_TAKEOFF or not flight.airborne:
            # a mission that starts on the ground takes off first, as PX4's does
            alt = self._item_point(item)[2] if cmd == mavlink.MAV_CMD_NAV_TAKEOFF else -math.inf
            alt = max(alt, home_alt + p.MIS_TAKEOFF_ALT)
            target = Target(m.east, m.north, alt, p.MPC_XY_CRUISE, m.yaw)
            if self._arrived(target, horizontal=False):
                flight.airborne = True
                if cmd == mavlink.MAV_CMD_NAV_TAKEOFF:
                    flight.advance()
            return self._velocity_to(target), m.yaw
        east, north, alt = self._item_point(item)
        yaw = math.radians(item.param4) if math.isfinite(item.param4) and cmd != mavlink.MAV_CMD_NAV_LOITER_TIME else None
        target = Target(east, north, alt, self._mission_speed(), self._roi_yaw() if self.gimbal.roi else yaw)
        if cmd == mavlink.MAV_CMD_NAV_LAND:
            if self._arrived(target, vertical=False):
                if self.landed:
                    flight.advance()
                    return hold, None
                ve, vn, _ = self._velocity_to(Target(east, north, m.alt_amsl, 2.0))
                return (ve, vn, -self._landing_speed()), target.yaw
            target.alt = m.alt_amsl
            return self._velocity_to(target), self._yaw_for(target)
        radius = item.param2 if cmd == mavlink.MAV_CMD_NAV_WAYPOINT and item.param2 > 0 else p.NAV_ACC_RAD
        close = math.hypot(east - m.east, north - m.north) < radius and abs(alt - m.alt_amsl) < p.NAV_MC_ALT_RAD
        if close and cmd != mavlink.MAV_CMD_NAV_LOITER_UNLIM:
            if flight.hold_until is None:
                wait = item.param1 if cmd in (mavlink.MAV_CMD_NAV_WAYPOINT, mavlink.MAV_CMD_NAV_LOITER_TIME) else 0.0
                flight.hold_until = self.time + max(0.0, wait)
            if self.time >= flight.hold_until:
                flight.advance()
        return self._velocity_to(target), self._yaw_for(target)

    def _roi_yaw(self) -> float | None:
        roi = self.gimbal.roi
        if roi is None:
            return None
        east, north = self.to_local(roi[0], roi[1])
        de, dn = east - self.model.east, north - self.model.north
        return math.atan2(de, dn) if math.hypot(de, dn) > 1.0 else None

    def _step_payload(self, dt: float) -> None:
        """Gimbal slews (towards the ROI if one is set); the camera triggers by distance."""
        m = self.model
        g = self.gimbal
        if g.roi is not None:
            east, north = self.to_local(g.roi[0], g.roi[1])
            de, dn = east - m.east, north - m.north
            g.target_pitch = max(-90.0, math.degrees(math.atan2(g.roi[2] - m.alt_amsl, math.hypot(de, dn))))
            g.target_yaw, g.yaw_earth = math.degrees(math.atan2(de, dn)), True
        g.step(dt, math.degrees(m.yaw), self.params.MNT_RATE_PITCH, self.params.MNT_RATE_YAW)
        flight = self.mission
        if flight.trigger_distance > 0 and self.mode is px4_modes.MISSION and not self.landed:
            flight.travelled += m.ground_speed * dt
            if flight.travelled >= flight.trigger_distance:
                flight.travelled -= flight.trigger_distance
                self.outbox.captures += 1
        self.outbox.broadcast.extend(flight.events)
        flight.events.clear()

    def _check_geofence(self) -> None:
        """Navigator's geofence check on the current position; the breach action follows GF_ACTION."""
        p = self.params
        if not self.armed or self.landed or (not self.fence and p.GF_MAX_HOR_DIST <= 0 and p.GF_MAX_VER_DIST <= 0):
            return
        m = self.model
        inside = inside_fence(self.fence, (m.east, m.north))
        if self.home is not None:
            if p.GF_MAX_HOR_DIST > 0 and math.hypot(m.east - self.home.east, m.north - self.home.north) > p.GF_MAX_HOR_DIST:
                inside = False
            if p.GF_MAX_VER_DIST > 0 and m.alt_amsl - self.home.alt > p.GF_MAX_VER_DIST:
                inside = False
        if inside:
            self.fence_breached = False
            return
        if self.fence_breached:
            return
        self.fence_breached = True
        action = int(p.GF_ACTION)
        if action == 0:
            return
        mode = {2: px4_modes.LOITER, 3: px4_modes.RTL, 5: px4_modes.LAND}.get(action)
        name = {1: "warning", 2: "Hold", 3: "Return", 4: "flight termination", 5: "Land"}.get(action, "warning")
        self._text(SEVERITY_CRITICAL, f"Geofence breached, action: {name}")
        if action == 4:
            self.disarm(forced=True, reason="geofence flight termination")
        elif mode is not None and self.mode is not mode:
            self.change_mode(mode)

    def _offboard_demand(self) -> tuple[tuple[float, float, float], float | None]:
        sp = self.offboard_setpoint
        if sp.position is not None:
            east, north, alt = sp.position
            return self._velocity_to(Target(east, north, alt, self.params.MPC_XY_VEL_MAX)), sp.yaw
        if sp.velocity is not None:
            return sp.velocity, sp.yaw
        return (0.0, 0.0, 0.0), sp.yaw

    def _manual_demand(self) -> tuple[tuple[float, float, float], float | None]:
        """Sticks as position-mode velocity demands (all manual modes fly like POSCTL here)."""
        m = self.model
        p = self.params
        s = self.manual_sticks
        forward, right = s.x * p.MPC_VEL_MANUAL, s.y * p.MPC_VEL_MANUAL
        ve = forward * math.sin(m.yaw) + right * math.cos(m.yaw)
        vn = forward * math.cos(m.yaw) - right * math.sin(m.yaw)
        climb = (s.z - 0.5) * 2.0
        vu = climb * (p.MPC_Z_VEL_MAX_UP if climb > 0 else p.MPC_Z_VEL_MAX_DN)
        yaw = wrap_pi(m.yaw + s.r * math.radians(p.MPC_YAWRAUTO_MAX) * 0.5)
        return (ve, vn, vu), yaw

    # ---- time ----------------------------------------------------------------------------------

    def step(self, dt: float) -> None:
        """Advance the whole vehicle by one fixed simulation step."""
        self.time += dt
        self._failsafes()
        demand, yaw = self._demand()
        max_up = self.params.MPC_TKO_SPEED if (self.mode is px4_modes.TAKEOFF and self.model.up < 1.0) else None
        self.model.step(dt, demand, yaw, self.rng, max_up=max_up)
        self._step_payload(dt)
        self._update_gps_error(dt)
        self._land_detector()
        self._auto_disarm()
        if not self.armed and self.landed and self.home is None and self.gps_fixed:
            self._set_home()             # HomePosition::update: first valid fix on the ground

    def _update_gps_error(self, dt: float) -> None:
        if self.gps_noise_m <= 0.0:
            return
        tau = 10.0
        for i in range(3):
            sigma = self.gps_noise_m * (1.5 if i == 2 else 1.0)
            self.gps_error[i] += (-self.gps_error[i] / tau * dt
                                  + sigma * math.sqrt(2.0 * dt / tau) * self.rng.gauss(0, 1))

    def _land_detector(self) -> None:
        m = self.model
        on_ground = m.up <= 0.05 and abs(m.v_up) < 0.2
        if self.landed and not on_ground and m.up > 0.3:
            self.landed = False
            if self.armed:
                self.taken_off_since_arming = True
                self._text(SEVERITY_INFO, "Takeoff detected")
                self._set_home()
        elif not self.landed and on_ground:
            self.landed = True
            self.landed_since = self.time
            if self.armed:
                self._text(SEVERITY_INFO, "Landing detected")

    def _auto_disarm(self) -> None:
        if not self.armed:
            return
        p = self.params
        if self.taken_off_since_arming:
            if p.COM_DISARM_LAND > 0 and self.landed and self.time - self.landed_since >= p.COM_DISARM_LAND:
                self.disarm(forced=True, reason="landing")
        elif p.COM_DISARM_PRFLT > 0 and self.time - self.armed_at >= p.COM_DISARM_PRFLT:
            self.disarm(forced=True, reason="auto preflight disarming")

    def _failsafes(self) -> None:
        """Geofence, and loss of the offboard or manual-control signal while flying in a mode that needs it."""
        if not self.armed or self.landed:
            return
        self._check_geofence()
        if self.mode is px4_modes.OFFBOARD and not self._offboard_signal_present():
            self._text(SEVERITY_WARNING, "Failsafe activated: no offboard signal, holding")
            self.change_mode(px4_modes.LOITER)
        elif Requirement.MANUAL_CONTROL in self.mode.requirements and not self._manual_control_present():
            # NAV_RCL_ACT default 2: Return
            self._text(SEVERITY_WARNING, "Failsafe activated: manual control lost, returning")
            if not self.change_mode(px4_modes.RTL):
                self.change_mode(px4_modes.LAND)
