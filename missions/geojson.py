"""GeoJSON (RFC 7946) in (areas, routes, datums) and out (the plan for scripts and web maps)."""

from __future__ import annotations

import json
from pathlib import Path

from missions.area import Route, SearchArea, Shapes
from missions.errors import MissionError
from missions.geodesy import LatLon
from missions.plan import SearchPlan


class GeoJsonError(MissionError):
    """A GeoJSON file this station cannot read; the message says where and why."""


def read_geojson(path: str | Path) -> Shapes:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise GeoJsonError(f"cannot read GeoJSON file {path}: {exc}") from None
    return read_geojson_text(text)


def read_geojson_text(text: str) -> Shapes:
    try:
        doc = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GeoJsonError(f"not valid GeoJSON: JSON error at line {exc.lineno} column {exc.colno}: {exc.msg}") from None
    shapes = Shapes()
    _read(doc, "", "GeoJSON", shapes)
    return shapes


def _read(obj, name: str, where: str, shapes: Shapes) -> None:
    if not isinstance(obj, dict) or not isinstance(obj.get("type"), str):
        raise GeoJsonError(f"{where}: expected a GeoJSON object with a 'type'")
    kind = obj["type"]
    if kind == "FeatureCollection":
        feats = obj.get("features")
        if not isinstance(feats, list):
            raise GeoJsonError(f"{where}: FeatureCollection without a 'features' list")
        for i, f in enumerate(feats):
            _read(f, "", f"feature {i + 1}", shapes)
    elif kind == "Feature":
        props = obj.get("properties") or {}
        label = str(props.get("name", "")) if isinstance(props, dict) else ""
        if obj.get("geometry") is not None:
            _read(obj["geometry"], label, where, shapes)
    elif kind == "GeometryCollection":
        for g in obj.get("geometries") or []:
            _read(g, name, where, shapes)
    else:
        coords = obj.get("coordinates")
        try:
            if kind == "Polygon":
                shapes.areas.append(_polygon(coords, name))
            elif kind == "MultiPolygon":
                shapes.areas.extend(_polygon(c, name) for c in _list(coords))
            elif kind == "LineString":
                shapes.routes.append(Route(_positions(coords), name=name))
            elif kind == "MultiLineString":
                shapes.routes.extend(Route(_positions(c), name=name) for c in _list(coords))
            elif kind == "Point":
                shapes.points.append((name, _positions([coords])[0]))
            elif kind == "MultiPoint":
                shapes.points.extend((name, p) for p in _positions(coords))
            else:
                raise GeoJsonError(f"unknown GeoJSON type {kind!r}")
        except MissionError as exc:
            raise GeoJsonError(f"{where} ({kind}{' ' + name if name else ''}): {exc}") from None


def _list(value) -> list:
    if not isinstance(value, list):
        raise GeoJsonError("coordinates must be a list")
    return value


def _polygon(rings, name: str) -> SearchArea:
    rings = _list(rings)
    if not rings:
        raise GeoJsonError("polygon without rings")
    return SearchArea(_positions(rings[0]), [_positions(r) for r in rings[1:]], name=name)


def _positions(value) -> list[LatLon]:
    out = []
    for pos in _list(value):
        if (not isinstance(pos, list) or not 2 <= len(pos) <= 3
                or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in pos)):
            raise GeoJsonError(f"position {pos!r} is not [longitude, latitude(, altitude)]")
        out.append(LatLon(float(pos[1]), float(pos[0])))
    return out


def plan_to_geojson(plan: SearchPlan) -> dict:
    """A FeatureCollection: the track (with the plan's figures and warnings), the waypoints in
    order, and the area, route or datum. Altitudes (above home) are properties, not a third
    coordinate, because RFC 7946 reserves that for height above the ellipsoid."""
    props = {
        "role": "track", "pattern": plan.pattern, "altitude_m": plan.altitude_m, "spacing_m": plan.spacing_m,
        "track_length_m": round(plan.track_length_m, 2), "search_length_m": round(plan.search_length_m, 2),
        "flight_time_s": round(plan.flight_time_s, 1), "battery_fraction": round(plan.battery_fraction, 4),
        "mission_items": plan.mission_item_count, "trigger_distance_m": plan.trigger_distance_m,
        "footprint_width_m": plan.footprint_width_m, "warnings": list(plan.warnings),
    }
    features = [_feature("LineString", [_pos(w) for w in plan.waypoints], props)]
    features += [_feature("Point", _pos(w), {"role": "waypoint", "index": i + 1, "altitude_m": w.alt})
                 for i, w in enumerate(plan.waypoints)]
    if plan.area is not None:
        rings = [plan.area.boundary] + plan.area.holes
        features.append(_feature("Polygon", [[_pos(p) for p in r + r[:1]] for r in rings],
                                 {"role": "area", "name": plan.area.name}))
    if plan.route is not None:
        features.append(_feature("LineString", [_pos(p) for p in plan.route.points],
                                 {"role": "route", "name": plan.route.name}))
    if plan.datum is not None:
        features.append(_feature("Point", _pos(plan.datum), {"role": "datum"}))
    return {"type": "FeatureCollection", "features": features}


def write_geojson(plan: SearchPlan) -> str:
    return json.dumps(plan_to_geojson(plan), indent=2) + "\n"


def _feature(kind: str, coords, props: dict) -> dict:
    return {"type": "Feature", "geometry": {"type": kind, "coordinates": coords}, "properties": props}


def _pos(p) -> list[float]:
    return [round(p.lon, 8), round(p.lat, 8)]
