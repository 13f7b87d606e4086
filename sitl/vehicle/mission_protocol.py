"""The vehicle side of the MAVLink mission protocol, as PX4 v1.16's MavlinkMissionManager runs it.

Mission, geofence and rally points are uploaded (MISSION_COUNT, the vehicle pulls each item with
MISSION_REQUEST_INT, or MISSION_REQUEST when the GCS talks legacy MISSION_ITEM, then MISSION_ACK),
downloaded (MISSION_REQUEST_LIST, MISSION_COUNT, the GCS pulls each item, MISSION_ACK) and cleared
(MISSION_CLEAR_ALL). As in PX4:

- an upload goes to spare storage and replaces the stored list only once the last item is in, so
  a refused, cancelled or timed-out upload leaves the vehicle's mission as it was;
- items are parsed into PX4's internal form and formatted back on download, so a download shows
  what PX4 would send (e.g. frame GLOBAL_RELATIVE_ALT_INT, unused params zeroed);
- the vehicle re-requests an item after 250 ms of silence and gives up after 5 s
  ("Operation timeout"). Those two timers run on the wall clock, as the GCS's timers do, so a
  transfer behaves the same at any sim speedup.
"""
from __future__ import annotations

import math
import struct
import time
from dataclasses import dataclass, field, replace
from typing import Callable

from pymavlink.dialects.v20 import common as mavlink

from missions.items import MissionItem

from .link import Faults, MissionFault

MISSION = mavlink.MAV_MISSION_TYPE_MISSION
FENCE = mavlink.MAV_MISSION_TYPE_FENCE
RALLY = mavlink.MAV_MISSION_TYPE_RALLY
RETRY_S = 0.25                    # MAVLINK_MISSION_RETRY_TIMEOUT_DEFAULT
TIMEOUT_S = 5.0                   # MAVLINK_MISSION_PROTOCOL_TIMEOUT_DEFAULT
MAV_COMP_ID_MISSIONPLANNER = 190
Reply = Callable[[mavlink.MAVLink_message], None]

_GLOBAL = (mavlink.MAV_FRAME_GLOBAL, mavlink.MAV_FRAME_GLOBAL_RELATIVE_ALT)
_GLOBAL_INT = (mavlink.MAV_FRAME_GLOBAL_INT, mavlink.MAV_FRAME_GLOBAL_RELATIVE_ALT_INT)
_RELATIVE = (mavlink.MAV_FRAME_GLOBAL_RELATIVE_ALT, mavlink.MAV_FRAME_GLOBAL_RELATIVE_ALT_INT)
_FENCE_AND_RALLY = {mavlink.MAV_CMD_NAV_FENCE_POLYGON_VERTEX_INCLUSION, mavlink.MAV_CMD_NAV_FENCE_POLYGON_VERTEX_EXCLUSION,
                    mavlink.MAV_CMD_NAV_FENCE_CIRCLE_INCLUSION, mavlink.MAV_CMD_NAV_FENCE_CIRCLE_EXCLUSION,
                    mavlink.MAV_CMD_NAV_RALLY_POINT}
# commands PX4 takes in a global frame (parse_mavlink_mission_item)
_GLOBAL_COMMANDS = {mavlink.MAV_CMD_NAV_WAYPOINT, mavlink.MAV_CMD_NAV_LOITER_UNLIM, mavlink.MAV_CMD_NAV_LOITER_TIME,
                    mavlink.MAV_CMD_NAV_LAND, mavlink.MAV_CMD_NAV_TAKEOFF, mavlink.MAV_CMD_NAV_LOITER_TO_ALT,
                    mavlink.MAV_CMD_NAV_ROI, mavlink.MAV_CMD_DO_SET_ROI_LOCATION, mavlink.MAV_CMD_NAV_VTOL_TAKEOFF,
                    mavlink.MAV_CMD_NAV_VTOL_LAND, mavlink.MAV_CMD_CONDITION_GATE, mavlink.MAV_CMD_NAV_FENCE_RETURN_POINT,
                    mavlink.MAV_CMD_COMPONENT_ARM_DISARM, mavlink.MAV_CMD_DO_AUTOTUNE_ENABLE} | _FENCE_AND_RALLY
# commands PX4 takes in MAV_FRAME_MISSION
_MISSION_FRAME_COMMANDS = {
    mavlink.MAV_CMD_DO_JUMP, mavlink.MAV_CMD_NAV_ROI, mavlink.MAV_CMD_DO_WINCH, mavlink.MAV_CMD_DO_GRIPPER,
    mavlink.MAV_CMD_DO_CHANGE_SPEED, mavlink.MAV_CMD_DO_SET_HOME, mavlink.MAV_CMD_DO_LAND_START,
    mavlink.MAV_CMD_DO_TRIGGER_CONTROL, mavlink.MAV_CMD_DO_DIGICAM_CONTROL, mavlink.MAV_CMD_DO_MOUNT_CONFIGURE,
    mavlink.MAV_CMD_DO_MOUNT_CONTROL, mavlink.MAV_CMD_DO_GIMBAL_MANAGER_PITCHYAW, mavlink.MAV_CMD_SET_CAMERA_FOCUS,
    mavlink.MAV_CMD_DO_GIMBAL_MANAGER_CONFIGURE, mavlink.MAV_CMD_IMAGE_START_CAPTURE, mavlink.MAV_CMD_IMAGE_STOP_CAPTURE,
    mavlink.MAV_CMD_VIDEO_START_CAPTURE, mavlink.MAV_CMD_VIDEO_STOP_CAPTURE, mavlink.MAV_CMD_DO_CONTROL_VIDEO,
    mavlink.MAV_CMD_DO_SET_CAM_TRIGG_DIST, mavlink.MAV_CMD_OBLIQUE_SURVEY, mavlink.MAV_CMD_DO_SET_CAM_TRIGG_INTERVAL,
    mavlink.MAV_CMD_SET_CAMERA_MODE, mavlink.MAV_CMD_SET_CAMERA_SOURCE, mavlink.MAV_CMD_DO_VTOL_TRANSITION,
    mavlink.MAV_CMD_NAV_DELAY, mavlink.MAV_CMD_NAV_RETURN_TO_LAUNCH, mavlink.MAV_CMD_DO_SET_ROI_WPNEXT_OFFSET,
    mavlink.MAV_CMD_DO_SET_ROI_NONE, mavlink.MAV_CMD_CONDITION_DELAY, mavlink.MAV_CMD_CONDITION_DISTANCE,
    mavlink.MAV_CMD_DO_SET_ACTUATOR, mavlink.MAV_CMD_DO_AUTOTUNE_ENABLE, mavlink.MAV_CMD_COMPONENT_ARM_DISARM}


@dataclass(frozen=True)
class MissionLimits:
    """Items each list holds. PX4 SITL: 10000 mission items (CONFIG_NUM_MISSION_ITMES_SUPPORTED),
    64 fence points and 32 rally points (dataman DM_KEY_FENCE_POINTS_MAX / DM_KEY_SAFE_POINTS_MAX)."""

    mission: int = 10000
    fence: int = 64
    rally: int = 32

    def of(self, mission_type: int) -> int:
        return {MISSION: self.mission, FENCE: self.fence, RALLY: self.rally}[mission_type]


@dataclass
class MissionStore:
    """What the vehicle holds, in PX4's stored form (what a download returns in int mode)."""

    mission: list[MissionItem] = field(default_factory=list)
    fence: list[MissionItem] = field(default_factory=list)
    rally: list[MissionItem] = field(default_factory=list)
    current_seq: int = 0                 # the item the mission starts or resumes at

    def items(self, mission_type: int) -> list[MissionItem]:
        return {MISSION: self.mission, FENCE: self.fence, RALLY: self.rally}[mission_type]

    def replace(self, mission_type: int, items: list[MissionItem]) -> None:
        if mission_type == MISSION:
            self.mission = items
        elif mission_type == FENCE:
            self.fence = items
        else:
            self.rally = items


class InvalidItem(Exception):
    """An item PX4 refuses; `result` is the MAV_MISSION_RESULT it answers with."""

    def __init__(self, result: int) -> None:
        super().__init__(result)
        self.result = result


def _f32(value: float) -> float:
    """PX4 keeps mission params as float32."""
    return struct.unpack("<f", struct.pack("<f", value))[0]


def _yaw_deg(value: float) -> float:
    """wrap_2pi(radians(p4)) and back, as PX4 stores a yaw."""
    if not math.isfinite(value):
        return value
    return _f32(math.degrees(math.radians(value) % (2 * math.pi)))


def parse_item(msg: mavlink.MAVLink_message, int_mode: bool, mission_type: int) -> MissionItem:
    """parse_mavlink_mission_item + format_mavlink_mission_item: the item as PX4 will send it back."""
    frame, cmd = msg.frame, msg.command
    p1, p2, p3, p4 = (_f32(p) for p in (msg.param1, msg.param2, msg.param3, msg.param4))
    if frame in _GLOBAL or (int_mode and frame in _GLOBAL_INT):
        if cmd not in _GLOBAL_COMMANDS:
            raise InvalidItem(mavlink.MAV_MISSION_UNSUPPORTED)
        if cmd in (mavlink.MAV_CMD_NAV_ROI,) and int(p1) not in (mavlink.MAV_ROI_LOCATION, mavlink.MAV_ROI_NONE):
            raise InvalidItem(mavlink.MAV_MISSION_INVALID_PARAM1)
        if int_mode:
            x, y = msg.x, msg.y
        else:
            x, y = round(msg.x * 1e7), round(msg.y * 1e7)
        relative = frame in _RELATIVE
        out_frame = (mavlink.MAV_FRAME_GLOBAL_RELATIVE_ALT_INT if relative else mavlink.MAV_FRAME_GLOBAL_INT)
        params = (0.0, 0.0, 0.0, 0.0)
        if cmd == mavlink.MAV_CMD_NAV_WAYPOINT:
            params = (p1, p2, 0.0, _yaw_deg(p4))
        elif cmd == mavlink.MAV_CMD_NAV_LOITER_UNLIM:
            params = (0.0, 0.0, p3, _yaw_deg(p4))
        elif cmd == mavlink.MAV_CMD_NAV_LOITER_TIME:
            params = (p1, float(p2 > 0), p3, float(p4 > 0))
        elif cmd == mavlink.MAV_CMD_NAV_LAND:
            params = (0.0, p2, 0.0, _yaw_deg(p4))
        elif cmd in (mavlink.MAV_CMD_NAV_TAKEOFF, mavlink.MAV_CMD_NAV_VTOL_TAKEOFF, mavlink.MAV_CMD_NAV_VTOL_LAND):
            params = (0.0, 0.0, 0.0, _yaw_deg(p4))
        elif cmd == mavlink.MAV_CMD_NAV_LOITER_TO_ALT:
            params = (float(p1 > 0), p2, 0.0, float(p4 > 0))
        elif cmd in (mavlink.MAV_CMD_NAV_FENCE_POLYGON_VERTEX_INCLUSION, mavlink.MAV_CMD_NAV_FENCE_POLYGON_VERTEX_EXCLUSION):
            params = (float(int(p1 + 0.5)), 0.0, 0.0, 0.0)
        elif cmd in (mavlink.MAV_CMD_NAV_FENCE_CIRCLE_INCLUSION, mavlink.MAV_CMD_NAV_FENCE_CIRCLE_EXCLUSION):
            params = (p1, 0.0, 0.0, 0.0)
        elif cmd == mavlink.MAV_CMD_NAV_ROI:
            cmd = mavlink.MAV_CMD_DO_SET_ROI        # PX4 stores both as NAV_CMD_DO_SET_ROI
        return MissionItem(msg.seq, out_frame, cmd, 0, msg.autocontinue, *params, x, y, _f32(msg.z), mission_type)
    if frame == mavlink.MAV_FRAME_MISSION:
        if cmd not in _MISSION_FRAME_COMMANDS:
            raise InvalidItem(mavlink.MAV_MISSION_UNSUPPORTED)
        if cmd == mavlink.MAV_CMD_NAV_ROI and int(p1) not in (mavlink.MAV_ROI_NONE, mavlink.MAV_ROI_WPNEXT,
                                                                mavlink.MAV_ROI_WPINDEX):
            raise InvalidItem(mavlink.MAV_MISSION_INVALID_PARAM1)
        x, y = (msg.x, msg.y) if int_mode else (round(msg.x), round(msg.y))
        return MissionItem(msg.seq, frame, cmd, 0, msg.autocontinue, p1, p2, p3, p4, x, y, _f32(msg.z), mission_type)
    raise InvalidItem(mavlink.MAV_MISSION_UNSUPPORTED_FRAME)


def format_item(item: MissionItem, int_mode: bool, current: bool, target: tuple[int, int]) -> mavlink.MAVLink_message:
    """The stored item as MISSION_ITEM_INT, or legacy MISSION_ITEM (degrees, non-INT frames)."""
    if int_mode:
        return mavlink.MAVLink_mission_item_int_message(
            *target, item.seq, item.frame, item.command, int(current), item.autocontinue, item.param1, item.param2,
            item.param3, item.param4, item.x, item.y, item.z, item.mission_type)
    frame = {mavlink.MAV_FRAME_GLOBAL_INT: mavlink.MAV_FRAME_GLOBAL,
             mavlink.MAV_FRAME_GLOBAL_RELATIVE_ALT_INT: mavlink.MAV_FRAME_GLOBAL_RELATIVE_ALT}.get(item.frame, item.frame)
    scale = 1e-7 if frame in _GLOBAL else 1.0
    return mavlink.MAVLink_mission_item_message(
        *target, item.seq, frame, item.command, int(current), item.autocontinue, item.param1, item.param2,
        item.param3, item.param4, item.x * scale, item.y * scale, item.z, item.mission_type)


class MissionProtocol:
    """MavlinkMissionManager for one vehicle: one transfer at a time, over whichever link asks."""

    IDLE, GETLIST, SENDLIST = "idle", "getlist", "sendlist"

    def __init__(self, system_id: int, store: MissionStore, faults: Faults, limits: MissionLimits | None = None,
                 on_change: Callable[[int], None] | None = None, clock: Callable[[], float] = time.monotonic) -> None:
        self.system_id = system_id
        self.store = store
        self.faults = faults
        self.limits = limits or MissionLimits()
        self.on_change = on_change or (lambda mission_type: None)
        self.clock = clock
        self.state = self.IDLE
        self.mission_type = MISSION
        self.int_mode = False          # PX4 asks with legacy MISSION_REQUEST until the GCS shows it speaks INT
        self.partner = (0, 0)
        self.reply: Reply = lambda msg: None
        self.transfer_seq = 0
        self.transfer_count = 0
        self.transfer_current = -1
        self.incoming: list[MissionItem] = []
        self.last_recv = 0.0
        self.last_sent = 0.0
        self.final_ack_withheld = False

    # ---- faults --------------------------------------------------------------------------------

    def _fault(self, stage: str, item: int | None = None, *kinds: str) -> MissionFault | None:
        """The injected fault for this point of the transfer, if any (a first-try-only one fires once)."""
        fault = self.faults.mission
        if fault is None or fault.stage != stage or (item is not None and fault.item != item):
            return None
        if kinds and fault.kind not in kinds:
            return None
        if fault.mission_type is not None and fault.mission_type != self.mission_type:
            return None
        if fault.first_try_only:
            self.faults.mission = None
        return fault

    def _take_partner(self, mission_type: int, sender: tuple[int, int], stage: str) -> bool:
        """Start a transfer with `sender`; False when an injected fault at its start ends it there."""
        self.mission_type = mission_type
        self.partner = sender
        self.last_recv = self.clock()
        fault = self._fault(stage)
        if fault is None:
            return True
        if fault.kind == "error_ack":
            self._ack(mavlink.MAV_MISSION_ERROR)
        return False                   # no_response or error_ack: the transfer ends here

    def _item_label(self, stage: str, seq: int) -> int | None:
        """The number item `seq` goes out under after any injected fault; None when none goes out."""
        fault = self._fault(stage, seq, "no_response", "error_ack", "wrong_sequence")
        if fault is None:
            return seq
        if fault.kind == "wrong_sequence":
            return seq + 1             # the other item is requested or sent
        if fault.kind == "error_ack":
            self._fail(mavlink.MAV_MISSION_ERROR)
        return None                    # no_response: nothing goes out, the other side's timer runs

    # ---- output --------------------------------------------------------------------------------

    def _ack(self, result: int, target: tuple[int, int] | None = None) -> None:
        self.reply(mavlink.MAVLink_mission_ack_message(*(target or self.partner), result, self.mission_type))

    def _text(self, text: str) -> None:
        self.reply(mavlink.MAVLink_statustext_message(mavlink.MAV_SEVERITY_CRITICAL, text.encode()[:50]))

    def _request(self, seq: int) -> None:
        self.last_sent = self.clock()
        label = self._item_label("upload_item", seq)
        if label is not None:
            self._send_request(label)

    def _send_request(self, seq: int) -> None:
        self.last_sent = self.clock()
        cls = mavlink.MAVLink_mission_request_int_message if self.int_mode else mavlink.MAVLink_mission_request_message
        self.reply(cls(*self.partner, seq, self.mission_type))

    def _fail(self, result: int) -> None:
        self._ack(result)
        self.state = self.IDLE

    # ---- input ---------------------------------------------------------------------------------

    def handle(self, msg: mavlink.MAVLink_message, reply: Reply) -> bool:
        """Take a mission-protocol message; False if it is not one for this vehicle."""
        kind = msg.get_type()
        handler = {
            "MISSION_COUNT": self._on_count, "MISSION_ITEM_INT": self._on_item, "MISSION_ITEM": self._on_item,
            "MISSION_REQUEST_LIST": self._on_request_list, "MISSION_REQUEST_INT": self._on_request,
            "MISSION_REQUEST": self._on_request, "MISSION_ACK": self._on_ack, "MISSION_CLEAR_ALL": self._on_clear_all,
            "MISSION_SET_CURRENT": self._on_set_current,
        }.get(kind)
        if handler is None:
            return False
        if msg.target_system != self.system_id or msg.target_component not in (0, 1, MAV_COMP_ID_MISSIONPLANNER):
            return True
        sender = (msg.get_srcSystem(), msg.get_srcComponent())
        if kind in ("MISSION_COUNT", "MISSION_REQUEST_LIST", "MISSION_CLEAR_ALL") or sender == self.partner:
            self.reply = reply
        handler(msg, sender, reply)
        return True

    def _on_count(self, msg, sender, reply) -> None:
        mission_type = msg.mission_type
        if mission_type not in (MISSION, FENCE, RALLY):
            reply(mavlink.MAVLink_mission_ack_message(*sender, mavlink.MAV_MISSION_INVALID, mission_type))
            return
        if self.state == self.GETLIST:
            self.last_recv = self.clock()
            if sender != self.partner or self.transfer_seq != 0:
                if sender == self.partner:
                    self._text("WPM: REJ. CMD: Busy")
                reply(mavlink.MAVLink_mission_ack_message(*sender, mavlink.MAV_MISSION_ERROR, self.mission_type))
                return
            self._request(0)           # our first request was lost: the GCS sent its count again
            return
        if self.state != self.IDLE:
            self._text("WPM: IGN MISSION_COUNT: Busy")
            reply(mavlink.MAVLink_mission_ack_message(*sender, mavlink.MAV_MISSION_ERROR, self.mission_type))
            return
        if not self._take_partner(mission_type, sender, "upload_count"):
            return
        if msg.count > self.limits.of(mission_type):
            self._ack(mavlink.MAV_MISSION_NO_SPACE)
            return
        if msg.count == 0:
            self._commit([], 0)
            self._ack(mavlink.MAV_MISSION_ACCEPTED)
            return
        self.state = self.GETLIST
        self.transfer_seq = 0
        self.transfer_count = msg.count
        self.transfer_current = -1
        self.incoming = []
        self.final_ack_withheld = False
        self._request(0)

    def _on_item(self, msg, sender, reply) -> None:
        if sender != self.partner:
            self._text("REJ. MIS ITEM: partner id mismatch")
            return
        legacy = msg.get_type() == "MISSION_ITEM"
        if msg.mission_type != self.mission_type:
            self._ack(mavlink.MAV_MISSION_ERROR)
            return
        if self.state == self.IDLE:
            if self.transfer_seq == msg.seq + 1 and not self.final_ack_withheld:
                self._ack(mavlink.MAV_MISSION_ACCEPTED)   # our final ACK was lost: say it again
            elif self.transfer_seq != msg.seq + 1:
                self._text("IGN MISSION_ITEM: No transfer")
                self._ack(mavlink.MAV_MISSION_ERROR)
            return
        if self.state != self.GETLIST:
            self._text("IGN MISSION_ITEM: Busy")
            self._ack(mavlink.MAV_MISSION_ERROR)
            return
        self.last_recv = self.clock()
        if msg.seq != self.transfer_seq:
            return                     # not the one we asked for: the retry timer asks again
        self.int_mode = not legacy
        try:
            item = parse_item(msg, self.int_mode, self.mission_type)
        except InvalidItem as refused:
            self._text("IGN MISSION_ITEM: Invalid item")
            self._fail(refused.result)
            return
        wrong_list = self.mission_type == MISSION and item.command in _FENCE_AND_RALLY
        too_few = (self.mission_type == FENCE and item.command in (mavlink.MAV_CMD_NAV_FENCE_POLYGON_VERTEX_INCLUSION,
                                                                   mavlink.MAV_CMD_NAV_FENCE_POLYGON_VERTEX_EXCLUSION)
                   and item.param1 < 3)
        if wrong_list or too_few:
            self._fail(mavlink.MAV_MISSION_ERROR)
            return
        if msg.current:
            self.transfer_current = msg.seq
        self.incoming.append(item)
        self.transfer_seq = msg.seq + 1
        if self.transfer_seq < self.transfer_count:
            if self._fault("upload_final_ack", msg.seq, "missing_requests"):
                self.state = self.IDLE
                self._ack(mavlink.MAV_MISSION_ACCEPTED)     # "done" too early; nothing is stored
                return
            if self._fault("upload_item", msg.seq, "duplicate"):
                self._send_request(msg.seq)
            self._request(self.transfer_seq)
            return
        fault = self._fault("upload_final_ack", None, "error_ack", "no_response")
        if fault is not None and fault.kind == "error_ack":
            self._fail(mavlink.MAV_MISSION_ERROR)           # nothing stored
            return
        self._commit(self.incoming, self.transfer_current)
        self.state = self.IDLE
        self.final_ack_withheld = fault is not None and not fault.first_try_only
        if fault is None:
            self._ack(mavlink.MAV_MISSION_ACCEPTED)

    def _commit(self, items: list[MissionItem], current: int) -> None:
        self.store.replace(self.mission_type, list(items))
        if self.mission_type == MISSION:
            self.store.current_seq = max(0, current)
        self.on_change(self.mission_type)

    def _on_request_list(self, msg, sender, reply) -> None:
        if self.state == self.SENDLIST and self.transfer_seq == self.transfer_count:
            self.state = self.IDLE     # all sent, ACK lost: a new download may start
        same = (self.state == self.SENDLIST and msg.mission_type == self.mission_type and sender == self.partner)
        if self.state != self.IDLE and not same:
            reply(mavlink.MAVLink_statustext_message(mavlink.MAV_SEVERITY_INFO,
                                                     b"Mission download request ignored, already active"))
            return
        if msg.mission_type not in (MISSION, FENCE, RALLY):
            reply(mavlink.MAVLink_mission_ack_message(*sender, mavlink.MAV_MISSION_INVALID, msg.mission_type))
            return
        if not self._take_partner(msg.mission_type, sender, "download_count"):
            return
        self.state = self.SENDLIST
        self.transfer_seq = 0
        self.transfer_count = len(self.store.items(self.mission_type))
        self.last_sent = self.clock()
        reply(mavlink.MAVLink_mission_count_message(*sender, self.transfer_count, self.mission_type))

    def _on_request(self, msg, sender, reply) -> None:
        if sender != self.partner:
            self._text("WPM: REJ. CMD: partner id mismatch")
            return
        if self.state == self.IDLE:
            return                     # PX4 ignores these silently (buggy OSDs send them)
        if self.state != self.SENDLIST:
            self._text("WPM: REJ. CMD: Busy")
            return
        if msg.mission_type != self.mission_type:
            return
        self.int_mode = msg.get_type() == "MISSION_REQUEST_INT"
        self.last_recv = self.clock()
        if msg.seq == self.transfer_seq and self.transfer_seq < self.transfer_count:
            self.transfer_seq += 1
        elif msg.seq != self.transfer_seq - 1:
            self.state = self.IDLE
            self._ack(mavlink.MAV_MISSION_ERROR)
            self._text("WPM: REJ. CMD: Req. WP was unexpected")
            return
        items = self.store.items(self.mission_type)
        if msg.seq >= len(items):
            self.state = self.IDLE
            self._ack(mavlink.MAV_MISSION_ERROR)
            self._text("WPM: REJ. CMD: Req. WP was unexpected")
            return
        seq = msg.seq
        label = self._item_label("download_item", seq)
        if label is None:
            return
        current = self.mission_type == MISSION and seq == self.store.current_seq
        self.last_sent = self.clock()
        reply(format_item(replace(items[seq], seq=label), self.int_mode, current, sender))

    def _on_ack(self, msg, sender, reply) -> None:
        if sender != self.partner:
            self._text("REJ. WP CMD: partner id mismatch")
            return
        if self.state == self.SENDLIST and msg.mission_type == self.mission_type:
            self.state = self.IDLE
        elif self.state == self.GETLIST and msg.type == mavlink.MAV_MISSION_OPERATION_CANCELLED:
            self.state = self.IDLE     # the GCS gave up: the half-received list is dropped
        elif self.state == self.GETLIST and msg.type == mavlink.MAV_MISSION_UNSUPPORTED:
            self.int_mode = not self.int_mode      # e.g. MAVSDK refuses legacy MISSION_REQUEST: ask the other way
            self._send_request(self.transfer_seq)

    def _on_clear_all(self, msg, sender, reply) -> None:
        if self.state != self.IDLE:
            reply(mavlink.MAVLink_statustext_message(mavlink.MAV_SEVERITY_CRITICAL, b"WPM: IGN CLEAR CMD: Busy"))
            return
        self.partner = sender
        types = {mavlink.MAV_MISSION_TYPE_ALL: (MISSION, FENCE, RALLY)}.get(msg.mission_type, (msg.mission_type,))
        if not set(types) <= {MISSION, FENCE, RALLY}:
            reply(mavlink.MAVLink_mission_ack_message(*sender, mavlink.MAV_MISSION_ERROR, msg.mission_type))
            return
        for mission_type in types:
            self.mission_type = mission_type
            self._commit([], 0)
        self.mission_type = msg.mission_type
        reply(mavlink.MAVLink_mission_ack_message(*sender, mavlink.MAV_MISSION_ACCEPTED, msg.mission_type))

    def _on_set_current(self, msg, sender, reply) -> None:
        if self.state != self.IDLE:
            reply(mavlink.MAVLink_statustext_message(mavlink.MAV_SEVERITY_CRITICAL, b"WPM: IGN WP CURR CMD: Busy"))
        elif msg.seq < len(self.store.mission):
            self.store.current_seq = msg.seq
            self.on_change(-1)          # -1: only the current item moved
        else:
            reply(mavlink.MAVLink_statustext_message(mavlink.MAV_SEVERITY_CRITICAL, b"WPM: WP CURR CMD: Not in list"))

    # ---- time ----------------------------------------------------------------------------------

    def poll(self) -> None:
        """Re-request a silent item every 250 ms; give up after 5 s without an answer."""
        if self.state == self.IDLE:
            return
        now = self.clock()
        if self.state == self.GETLIST and now - self.last_sent > RETRY_S and now - self.last_recv <= TIMEOUT_S:
            self._request(self.transfer_seq)
        elif now - self.last_recv > TIMEOUT_S:
            self._text("Operation timeout")
            self.state = self.IDLE
