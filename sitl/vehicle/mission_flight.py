"""Flying the stored mission in Mission mode, as PX4's navigator (MissionBase) does for a multicopter.

Navigation items (takeoff, waypoint, loiter, land, return) set the position target; DO items
(speed, region of interest, gimbal, camera) take effect at once and the mission moves on. Every
item done is reported with MISSION_ITEM_REACHED, every change of the current item with
MISSION_CURRENT. Leaving Mission mode pauses the mission at the current item; coming back resumes it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from pymavlink.dialects.v20 import common as mavlink

from .mission_protocol import MissionStore

_NAV_POSITION = {mavlink.MAV_CMD_NAV_WAYPOINT, mavlink.MAV_CMD_NAV_LOITER_TIME, mavlink.MAV_CMD_NAV_LOITER_UNLIM,
                 mavlink.MAV_CMD_NAV_LAND}
_RELATIVE = (mavlink.MAV_FRAME_GLOBAL_RELATIVE_ALT, mavlink.MAV_FRAME_GLOBAL_RELATIVE_ALT_INT)


@dataclass
class MissionFlight:
    """Progress through the stored mission; the autopilot asks it for a target every step."""

    store: MissionStore
    seq: int = 0                     # current item
    reached: int = -1                # last item reached
    finished: bool = False
    speed: float | None = None       # DO_CHANGE_SPEED; None: MPC_XY_CRUISE
    hold_until: float | None = None  # end of a waypoint's hold or a loiter's time
    airborne: bool = False           # the mission's takeoff (item or implicit) is done
    trigger_distance: float = 0.0    # DO_SET_CAM_TRIGG_DIST, metres; 0 = off
    travelled: float = 0.0
    jumps_done: dict[int, int] = field(default_factory=dict)
    events: list[mavlink.MAVLink_message] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return len(self.store.mission) > 0

    def reset(self) -> None:
        """A new mission (or a new current item) from the GCS."""
        self.seq = min(self.store.current_seq, max(0, len(self.store.mission) - 1))
        self.reached = -1
        self.finished = False
        self.speed = None
        self.hold_until = None
        self.jumps_done.clear()
        self.trigger_distance = 0.0
        self._current_changed()

    def activate(self, landed: bool) -> None:
        """Mission mode entered: resume, or start over once a finished mission is flown again."""
        if self.finished:
            self.seq, self.finished, self.reached = 0, False, -1
            self._current_changed()
        self.airborne = not landed
        self.hold_until = None

    def state(self, in_mission_mode: bool) -> int:
        """MISSION_CURRENT.mission_state, as PX4's update_mission_state() derives it."""
        if not self.valid:
            return mavlink.MISSION_STATE_NO_MISSION
        if self.finished:
            return mavlink.MISSION_STATE_COMPLETE
        if in_mission_mode:
            return mavlink.MISSION_STATE_ACTIVE
        if self.reached >= 0:
            return mavlink.MISSION_STATE_PAUSED
        return mavlink.MISSION_STATE_NOT_STARTED

    def current_message(self, in_mission_mode: bool) -> mavlink.MAVLink_message:
        total = len(self.store.mission) or 65535
        mode = 1 if in_mission_mode else 2            # MISSION_MODE_ACTIVE / SUSPENDED
        return mavlink.MAVLink_mission_current_message(self.seq, total, self.state(in_mission_mode), mode)

    def _current_changed(self) -> None:
        self.events.append(self.current_message(True))

    def _reach(self, seq: int) -> None:
        self.reached = seq
        self.events.append(mavlink.MAVLink_mission_item_reached_message(seq))

    def advance(self) -> None:
        self._reach(self.seq)
        self.seq += 1
        self.hold_until = None
        if self.seq >= len(self.store.mission):
            self.seq = len(self.store.mission) - 1
            self.finished = True
        self.events.append(self.current_message(True))

    def jump(self, item) -> bool:
        """DO_JUMP: go back to param1 while repeats (param2) are left; False when used up."""
        done = self.jumps_done.get(self.seq, 0)
        if done >= item.param2 or not 0 <= int(item.param1) < len(self.store.mission):
            return False
        self.jumps_done[self.seq] = done + 1
        self._reach(self.seq)
        self.seq = int(item.param1)
        self.events.append(self.current_message(True))
        return True


def item_altitude(item, home_alt: float) -> float:
    """AMSL altitude of a positional item (relative frames add home)."""
    return item.z + home_alt if item.frame in _RELATIVE else item.z


def is_navigation(command: int) -> bool:
    return command in _NAV_POSITION or command in (mavlink.MAV_CMD_NAV_TAKEOFF, mavlink.MAV_CMD_NAV_RETURN_TO_LAUNCH)
