"""Editing a mission item by item, as the plan view's list and map do it: a new altitude or speed, an item
deleted, a waypoint moved or inserted. Each edit returns new items and leaves the ones given unchanged; an
edit that makes no sense raises MissionError saying why."""

from __future__ import annotations

import math
from dataclasses import replace

from pymavlink.dialects.v20 import common as mavlink

from missions.errors import MissionError
from missions.geodesy import LatLon, destination
from missions.items import FRAME_RELATIVE, MissionItem, to_e7

INSERT_STEP_M = 30.0  # a waypoint inserted after the last one goes this far north of it


def renumbered(items: list[MissionItem]) -> list[MissionItem]:
    """Items numbered from 0 again, the first one current, after an edit."""
    return [replace(item, seq=i, current=1 if i == 0 else 0) for i, item in enumerate(items)]


def with_altitude(items: list[MissionItem], row: int, alt_m: float) -> list[MissionItem]:
    if items[row].position is None:
        raise MissionError(f"item {items[row].seq} has no position, so no altitude")
    if not -500.0 <= alt_m <= 10_000.0:
        raise MissionError(f"altitude {alt_m:g} m is out of -500..10000 m")
    return items[:row] + [replace(items[row], z=float(alt_m))] + items[row + 1:]


def speed_at(items: list[MissionItem], row: int) -> float | None:
    """The speed a speed change sets, or for a waypoint the one in force flying to it (None: the autopilot's)."""
    if items[row].command == mavlink.MAV_CMD_DO_CHANGE_SPEED:
        return items[row].param2
    if items[row].position is None:
        return None
    changes = [item.param2 for item in items[:row] if item.command == mavlink.MAV_CMD_DO_CHANGE_SPEED]
    return changes[-1] if changes else None


def with_speed(items: list[MissionItem], row: int, speed_mps: float) -> list[MissionItem]:
    """A speed change's new speed; for a waypoint, the speed to fly to it, as a speed change just before it
    (updated if one is there already)."""
    if not 0.5 <= speed_mps <= 100.0:
        raise MissionError(f"speed {speed_mps:g} m/s is out of 0.5..100 m/s")
    item = items[row]
    if item.command == mavlink.MAV_CMD_DO_CHANGE_SPEED:
        return items[:row] + [replace(item, param2=float(speed_mps))] + items[row + 1:]
    if item.position is None:
        raise MissionError(f"item {item.seq} has no speed")
    if row > 0 and items[row - 1].command == mavlink.MAV_CMD_DO_CHANGE_SPEED:
        return with_speed(items, row - 1, speed_mps)
    # speed type 1 = ground speed; -1 leaves the throttle alone (as plan_to_items does)
    change = MissionItem(0, mavlink.MAV_FRAME_MISSION, mavlink.MAV_CMD_DO_CHANGE_SPEED, 0, 1, 1.0,
                         float(speed_mps), -1.0, 0.0, 0, 0, 0.0)
    return renumbered(items[:row] + [change] + items[row:])


def without(items: list[MissionItem], row: int) -> list[MissionItem]:
    return renumbered(items[:row] + items[row + 1:])


def moved(items: list[MissionItem], row: int, to: LatLon) -> list[MissionItem]:
    if items[row].position is None:
        raise MissionError(f"item {items[row].seq} has no position to move")
    return items[:row] + [replace(items[row], x=to_e7(to.lat), y=to_e7(to.lon))] + items[row + 1:]


def waypoint_after(items: list[MissionItem], row: int, at: LatLon | None, default_alt_m: float) -> list[MissionItem]:
    """A waypoint inserted after `row` (-1: first), at `at` or else halfway to the next waypoint (past the
    last one: a short step north), at the altitude of the waypoint before it."""
    before = [item for item in items[:row + 1] if item.position is not None]
    after = [item for item in items[row + 1:] if item.position is not None]
    if at is None:
        if not before:
            raise MissionError("no waypoint before it to place it by: right-click the map to add one there")
        a = before[-1].position
        if after:
            b = after[0].position
            at = LatLon((a.lat + b.lat) / 2, (a.lon + b.lon) / 2)
        else:
            at, _ = destination(a, 0.0, INSERT_STEP_M)
    alt = before[-1].z if before else after[0].z if after else default_alt_m
    waypoint = MissionItem(0, FRAME_RELATIVE, mavlink.MAV_CMD_NAV_WAYPOINT, 0, 1, 0.0, 0.0, 0.0, float("nan"),
                           to_e7(at.lat), to_e7(at.lon), float(alt))
    return renumbered(items[:row + 1] + [waypoint] + items[row + 1:])


def typed_number(text: str) -> float:
    """A number typed in a cell: "55", "55 m", "7,5 m/s" (a decimal comma, as French and German write it)."""
    words = text.strip().replace(",", ".").split()
    try:
        value = float(words[0]) if words else math.nan
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise ValueError(f"{text!r} is not a number")
    return value
