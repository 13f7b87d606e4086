"""Importing areas/routes from any supported file, and exporting a plan in any supported format."""

from __future__ import annotations

from pathlib import Path

from missions.area import Shapes
from missions.errors import MissionError
from missions.geojson import read_geojson, write_geojson
from missions.items import plan_to_items
from missions.kml import read_kml, write_kml
from missions.plan import SearchPlan
from missions.qgc_plan import plan_file_from_search, read_plan, write_plan_text

FORMATS = ("geojson", "kml", "plan")


def load_shapes(path: str | Path) -> Shapes:
    """Areas, routes and datums from a .kml, .geojson/.json or QGroundControl .plan file."""
    suffix = Path(path).suffix.lower()
    if suffix == ".kml":
        return read_kml(path)
    if suffix in (".geojson", ".json"):
        return read_geojson(path)
    if suffix == ".plan":
        pf = read_plan(path)
        shapes = Shapes(areas=pf.search_areas(), routes=pf.routes())
        return shapes
    raise MissionError(f"{path}: unknown file type {suffix or '(none)'}; use .kml, .geojson, .json or .plan")


def export_plan(plan: SearchPlan, fmt: str) -> str:
    if fmt == "geojson":
        return write_geojson(plan)
    if fmt == "kml":
        return write_kml(plan)
    if fmt == "plan":
        return write_plan_text(plan_file_from_search(plan, plan_to_items(plan)))
    raise MissionError(f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
