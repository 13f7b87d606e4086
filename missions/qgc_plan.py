"""QGroundControl `.plan` files (JSON; fileType "Plan", version 1, mission version 2).

Reading keeps the whole document (`PlanFile.raw`), so writing it back loses nothing QGC wrote,
including fields and complex items this station does not understand. What we can use is
lifted out: simple items and the transects QGC stores inside survey / corridor scan items as
:class:`MissionItem`, survey polygons and inclusion fences (with exclusion fences inside them as
no-fly holes) as search areas, corridor polylines as routes. Anything kept but not usable is
listed in `PlanFile.notes` in words. Malformed files raise :class:`PlanFileError` naming the
place in the file.

Our own search (pattern, area, holes, spacing) travels under the top-level key
"groundstationSearch", which QGroundControl ignores and keeps out of its way.
"""

from __future__ import annotations

import copy
import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from missions.area import Route, SearchArea
from missions.errors import MissionError
from missions.geodesy import LatLon, check_latlon
from missions.items import FRAME_RELATIVE, GLOBAL_FRAMES, MissionItem, to_e7
from missions.plan import SearchPlan

FIRMWARE_PX4 = 12  # MAV_AUTOPILOT_PX4
VEHICLE_QUADROTOR = 2  # MAV_TYPE_QUADROTOR
OUR_KEY = "groundstationSearch"


class PlanFileError(MissionError):
    """A .plan file this station cannot read; the message says where and why."""


@dataclass(frozen=True)
class FencePolygon:
    points: list[LatLon]
    inclusion: bool


@dataclass(frozen=True)
class FenceCircle:
    center: LatLon
    radius_m: float
    inclusion: bool


@dataclass
class PlanEntry:
    """One entry of mission.items: a simple item, or a complex item with what it flies."""

    index: int
    kind: str  # "SimpleItem", or the complexItemType ("survey", "CorridorScan", "StructureScan", ...)
    items: list[MissionItem]
    polygon: list[LatLon] | None = None
    polyline: list[LatLon] | None = None


@dataclass
class PlanFile:
    raw: dict
    entries: list[PlanEntry]
    home: LatLon | None
    home_alt_m: float | None
    cruise_speed_mps: float | None
    hover_speed_mps: float | None
    fence_polygons: list[FencePolygon] = field(default_factory=list)
    fence_circles: list[FenceCircle] = field(default_factory=list)
    rally_points: list[tuple[LatLon, float]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    search_areas_stored: list[SearchArea] = field(default_factory=list)

    def mission_items(self) -> list[MissionItem]:
        """Every item the mission flies, in order, renumbered from 0."""
        flat = [it for e in self.entries for it in e.items]
        return [MissionItem(i, it.frame, it.command, 1 if i == 0 else 0, it.autocontinue, it.param1, it.param2,
                            it.param3, it.param4, it.x, it.y, it.z, it.mission_type) for i, it in enumerate(flat)]

    def search_areas(self) -> list[SearchArea]:
        """Areas to search: ours as stored, survey polygons, and inclusion fences with the
        exclusion fences that lie inside them as no-fly holes."""
        areas = list(self.search_areas_stored)
        for e in self.entries:
            if e.kind == "survey" and e.polygon:
                areas.append(_area(e.polygon, f"survey (mission item {e.index + 1})", f"survey item {e.index + 1}"))
        exclusions = [f for f in self.fence_polygons if not f.inclusion]
        for i, fence in enumerate(self.fence_polygons):
            if fence.inclusion:
                base = _area(fence.points, f"fence {i + 1}", f"geofence polygon {i + 1}")
                region = base.to_local(base.frame())
                holes = [x.points for x in exclusions
                         if region.contains(_area(x.points, "", "exclusion fence").to_local(base.frame()))]
                areas.append(_area(fence.points, f"fence {i + 1}", f"geofence polygon {i + 1}", holes))
        return areas

    def routes(self) -> list[Route]:
        return [Route(e.polyline, name=f"corridor (mission item {e.index + 1})")
                for e in self.entries if e.kind == "CorridorScan" and e.polyline]


def read_plan(path: str | Path) -> PlanFile:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise PlanFileError(f"cannot read plan file {path}: {exc}") from None
    return read_plan_text(text)


def read_plan_text(text: str) -> PlanFile:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise PlanFileError(f"not a valid .plan file: JSON error at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    if not isinstance(doc, dict):
        raise PlanFileError("not a QGroundControl plan: the file is not a JSON object")
    if doc.get("fileType") != "Plan":
        raise PlanFileError(f"not a QGroundControl plan: fileType is {doc.get('fileType')!r}, expected 'Plan'")
    if doc.get("version") != 1:
        raise PlanFileError(f"plan file version {doc.get('version')!r} is not supported (this station reads version 1)")
    mission = _get(doc, "mission", dict, "plan")
    raw_items = _get(mission, "items", list, "mission")
    home, home_alt = None, None
    if mission.get("plannedHomePosition") is not None:
        home_pos = _numbers(mission["plannedHomePosition"], 3, "mission.plannedHomePosition")
        home, home_alt = _latlon(home_pos[0], home_pos[1], "planned home position"), home_pos[2]
    pf = PlanFile(copy.deepcopy(doc), [], home, home_alt, _opt_number(mission, "cruiseSpeed"),
                  _opt_number(mission, "hoverSpeed"))
    for i, raw in enumerate(raw_items):
        pf.entries.append(_entry(i, raw, pf.notes))
    _read_fence(doc.get("geoFence"), pf)
    _read_rally(doc.get("rallyPoints"), pf)
    _read_ours(doc.get(OUR_KEY), pf)
    return pf


def write_plan_text(plan_file: PlanFile) -> str:
    """The document as QGroundControl writes it (4-space indent, NaN as null)."""
    return json.dumps(_nan_to_null(plan_file.raw), indent=4, sort_keys=False, allow_nan=False) + "\n"


def write_plan(plan_file: PlanFile, path: str | Path) -> None:
    Path(path).write_text(write_plan_text(plan_file), encoding="utf-8")


def plan_file_from_search(plan: SearchPlan, items: list[MissionItem], *, home: LatLon | None = None,
                          home_alt_m: float = 0.0, firmware_type: int = FIRMWARE_PX4,
                          vehicle_type: int = VEHICLE_QUADROTOR) -> PlanFile:
    """A new .plan holding `items` as QGC simple items, and our search under OUR_KEY."""
    home = home or (plan.waypoints[0].position if plan.waypoints else None)
    if home is None:
        raise MissionError("a .plan needs a planned home position")
    ours: dict = {"version": 1, "pattern": plan.pattern, "altitude": plan.altitude_m, "spacing": plan.spacing_m}
    if plan.trigger_distance_m:
        ours["triggerDistance"] = plan.trigger_distance_m
    if plan.area is not None:
        ours["area"] = {"polygon": [[p.lat, p.lon] for p in plan.area.boundary],
                        "holes": [[[p.lat, p.lon] for p in h] for h in plan.area.holes]}
    if plan.route is not None:
        ours["route"] = [[p.lat, p.lon] for p in plan.route.points]
    if plan.datum is not None:
        ours["datum"] = [plan.datum.lat, plan.datum.lon]
    doc = {
        "fileType": "Plan",
        "geoFence": {"circles": [], "polygons": [], "version": 2},
        "groundStation": "groundstation",
        "mission": {
            "cruiseSpeed": plan.limits.cruise_speed_mps,
            "firmwareType": firmware_type,
            "globalPlanAltitudeMode": 1,
            "hoverSpeed": plan.limits.cruise_speed_mps,
            "items": [simple_item(it, i + 1) for i, it in enumerate(items)],
            "plannedHomePosition": [home.lat, home.lon, home_alt_m],
            "vehicleType": vehicle_type,
            "version": 2,
        },
        "rallyPoints": {"points": [], "version": 2},
        "version": 1,
        OUR_KEY: ours,
    }
    return read_plan_text(json.dumps(_nan_to_null(doc)))


def simple_item(item: MissionItem, do_jump_id: int) -> dict:
    """A QGC SimpleItem for one mission item (params 5-7 are lat, lon, alt in degrees/metres)."""
    positional = item.frame in GLOBAL_FRAMES
    x = item.x / 1e7 if positional else float(item.x)
    y = item.y / 1e7 if positional else float(item.y)
    out = {"autoContinue": bool(item.autocontinue), "command": item.command, "doJumpId": do_jump_id,
           "frame": item.frame, "params": [item.param1, item.param2, item.param3, item.param4, x, y, item.z],
           "type": "SimpleItem"}
    if item.frame == FRAME_RELATIVE:
        # QGC 4 shows the altitude from these; AltitudeMode 1 = relative to launch
        out = {"AMSLAltAboveTerrain": None, "Altitude": item.z, "AltitudeMode": 1, **out}
    return out


# --- reading helpers -------------------------------------------------------------------------

def _entry(i: int, raw, notes: list[str]) -> PlanEntry:
    where = f"mission item {i + 1}"
    if not isinstance(raw, dict):
        raise PlanFileError(f"{where}: expected an object, got {type(raw).__name__}")
    kind = raw.get("type")
    if kind == "SimpleItem":
        return PlanEntry(i, "SimpleItem", [_simple(raw, where)])
    if kind != "ComplexItem":
        raise PlanFileError(f"{where}: unknown item type {kind!r} (expected SimpleItem or ComplexItem)")
    ctype = raw.get("complexItemType")
    if not isinstance(ctype, str):
        raise PlanFileError(f"{where}: complex item without a complexItemType")
    entry = PlanEntry(i, ctype, [])
    if ctype in ("survey", "StructureScan"):
        entry.polygon = _points(_get(raw, "polygon", list, where), f"{where} polygon")
    if ctype == "CorridorScan":
        entry.polyline = _points(_get(raw, "polyline", list, where), f"{where} polyline")
    transect = raw.get("TransectStyleComplexItem")
    if isinstance(transect, dict) and isinstance(transect.get("Items"), list):
        entry.items = [_simple(it, f"{where} transect item {j + 1}") for j, it in enumerate(transect["Items"])]
    if ctype not in ("survey", "CorridorScan", "StructureScan"):
        notes.append(f"{where}: complex item {ctype!r} is kept in the file but this station cannot fly or edit it")
    elif ctype == "StructureScan":
        notes.append(f"{where}: structure scan is kept in the file but not flown: this station cannot generate "
                     f"its orbits; its polygon is shown only")
    elif not entry.items:
        notes.append(f"{where}: {ctype} has no stored transects (older QGroundControl); open and save it in "
                     f"QGroundControl, or plan the area here")
    return entry


def _simple(raw, where: str) -> MissionItem:
    if not isinstance(raw, dict):
        raise PlanFileError(f"{where}: expected an object")
    if raw.get("type", "SimpleItem") != "SimpleItem":
        raise PlanFileError(f"{where}: expected a SimpleItem, got {raw.get('type')!r}")
    command = _int(raw, "command", where)
    frame = _int(raw, "frame", where)
    params = raw.get("params")
    if not isinstance(params, list) or len(params) != 7:
        raise PlanFileError(f"{where}: 'params' must be a list of 7 values (param1-4, x, y, z)")
    vals = []
    for n, v in enumerate(params):
        if v is None:
            vals.append(float("nan"))
        elif isinstance(v, (int, float)) and not isinstance(v, bool):
            vals.append(float(v))
        else:
            raise PlanFileError(f"{where}: param {n + 1} is {v!r}, expected a number or null")
    autocontinue = raw.get("autoContinue", True)
    if not isinstance(autocontinue, bool):
        raise PlanFileError(f"{where}: 'autoContinue' must be true or false")
    x, y = vals[4], vals[5]
    if frame in GLOBAL_FRAMES and not (math.isnan(x) or math.isnan(y)):
        _latlon(x, y, where)
        xi, yi = to_e7(x), to_e7(y)
    else:
        xi = 0 if math.isnan(x) else int(round(x))
        yi = 0 if math.isnan(y) else int(round(y))
    z = 0.0 if math.isnan(vals[6]) else vals[6]
    return MissionItem(0, frame, command, 0, int(autocontinue), vals[0], vals[1], vals[2], vals[3], xi, yi, z)


def _read_fence(fence, pf: PlanFile) -> None:
    if fence is None:
        return
    if not isinstance(fence, dict):
        raise PlanFileError("geoFence: expected an object")
    if fence.get("version", 2) == 1:
        pf.notes.append("geoFence: version 1 fences are kept in the file but not read")
        return
    for i, poly in enumerate(_get(fence, "polygons", list, "geoFence") if "polygons" in fence else []):
        where = f"geoFence polygon {i + 1}"
        if not isinstance(poly, dict):
            raise PlanFileError(f"{where}: expected an object")
        pts = _points(_get(poly, "polygon", list, where), where)
        pf.fence_polygons.append(FencePolygon(pts, bool(poly.get("inclusion", True))))
    for i, circ in enumerate(_get(fence, "circles", list, "geoFence") if "circles" in fence else []):
        where = f"geoFence circle {i + 1}"
        if not isinstance(circ, dict):
            raise PlanFileError(f"{where}: expected an object")
        c = _get(circ, "circle", dict, where)
        center = _numbers(c.get("center"), 2, f"{where} center")
        radius = c.get("radius")
        if not isinstance(radius, (int, float)) or isinstance(radius, bool) or radius <= 0:
            raise PlanFileError(f"{where}: radius must be a positive number of metres")
        pf.fence_circles.append(FenceCircle(_latlon(center[0], center[1], where), float(radius),
                                            bool(circ.get("inclusion", True))))


def _read_rally(rally, pf: PlanFile) -> None:
    if rally is None:
        return
    if not isinstance(rally, dict):
        raise PlanFileError("rallyPoints: expected an object")
    for i, p in enumerate(_get(rally, "points", list, "rallyPoints")):
        v = _numbers(p, 3, f"rally point {i + 1}")
        pf.rally_points.append((_latlon(v[0], v[1], f"rally point {i + 1}"), v[2]))


def _read_ours(ours, pf: PlanFile) -> None:
    if not isinstance(ours, dict) or "area" not in ours:
        return
    area = ours["area"]
    if not isinstance(area, dict):
        raise PlanFileError(f"{OUR_KEY}.area: expected an object")
    holes = [_points(h, f"{OUR_KEY} hole {i + 1}") for i, h in enumerate(area.get("holes", []))]
    pf.search_areas_stored.append(_area(_points(area.get("polygon"), f"{OUR_KEY} area"), "search area",
                                        "stored search area", holes))


def _area(points: list[LatLon], name: str, where: str, holes=None) -> SearchArea:
    try:
        return SearchArea(points, holes or [], name=name)
    except MissionError as exc:
        raise PlanFileError(f"{where}: {exc}") from None


def _get(obj: dict, key: str, kind: type, where: str):
    value = obj.get(key)
    if not isinstance(value, kind):
        expected = {dict: "an object", list: "a list"}[kind]
        raise PlanFileError(f"{where}: '{key}' is missing or not {expected}")
    return value


def _int(obj: dict, key: str, where: str) -> int:
    v = obj.get(key)
    if isinstance(v, bool) or not isinstance(v, int):
        raise PlanFileError(f"{where}: '{key}' must be a whole number, got {v!r}")
    return v


def _opt_number(obj: dict, key: str) -> float | None:
    v = obj.get(key)
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None


def _numbers(value, count: int, where: str) -> list[float]:
    if (not isinstance(value, list) or len(value) < count
            or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in value[:count])):
        raise PlanFileError(f"{where}: expected a list of {count} numbers, got {value!r}")
    return [float(v) for v in value[:count]]


def _points(value, where: str) -> list[LatLon]:
    if not isinstance(value, list):
        raise PlanFileError(f"{where}: expected a list of [latitude, longitude] pairs")
    return [_latlon(*_numbers(p, 2, f"{where} point {i + 1}"), f"{where} point {i + 1}") for i, p in enumerate(value)]


def _latlon(lat: float, lon: float, where: str) -> LatLon:
    try:
        check_latlon(lat, lon, where)
    except MissionError as exc:
        raise PlanFileError(str(exc)) from None
    return LatLon(lat, lon)


def _nan_to_null(value):
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, dict):
        return {k: _nan_to_null(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_nan_to_null(v) for v in value]
    return value
