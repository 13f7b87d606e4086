"""Scenario files: the ground under the drone, who and what is on it, and the sensor's noise.

JSON (see scenarios/schengen.json):
    origin      {"lat", "lon", "ground_alt_m"}: centre of the scene; the ground is flat at that AMSL height
    extent_m    side of the square scene, centred on the origin, north up
    ground      {"kind": "procedural", "seed": N} or
                {"kind": "image", "path": "relative/to/the/file.png", "metres_per_pixel": M}
                (an image is north-up and centred on the origin)
    ambient_c   air temperature; the ground sits a few degrees around it
    noise       {"thermal_netd_c", "rgb_sigma", "blur_px"} (all optional)
    persons     [{"id", "lat", "lon", "posture": "lying"|"standing", "body_temp_c",
                  "heading_deg", "length_m", "width_m"}]  (heading/size optional)
    fires       [{"id", "lat", "lon", "temp_c", "radius_m"}]
The persons and fires are the ground truth a run is scored against.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import jsonschema

SCENARIOS = Path(__file__).resolve().parent / "scenarios"
POSTURE_SIZE_M = {"lying": (1.75, 0.5), "standing": (0.6, 0.45)}  # seen from above: body, or shoulders

_NUMBER = {"type": "number"}
_SCHEMA = {
    "type": "object",
    "required": ["origin", "extent_m", "ground", "ambient_c", "persons", "fires"],
    "properties": {
        "name": {"type": "string"},
        "origin": {"type": "object", "required": ["lat", "lon", "ground_alt_m"],
                   "properties": {"lat": {"type": "number", "minimum": -85, "maximum": 85},
                                  "lon": {"type": "number", "minimum": -180, "maximum": 180},
                                  "ground_alt_m": _NUMBER}},
        "extent_m": {"type": "number", "exclusiveMinimum": 0, "maximum": 2000},
        "ground": {"type": "object", "required": ["kind"], "properties": {
            "kind": {"enum": ["procedural", "image"]}, "seed": {"type": "integer"},
            "path": {"type": "string"}, "metres_per_pixel": {"type": "number", "exclusiveMinimum": 0}}},
        "ambient_c": {"type": "number", "minimum": -40, "maximum": 50},
        "noise": {"type": "object", "properties": {
            "thermal_netd_c": {"type": "number", "minimum": 0}, "rgb_sigma": {"type": "number", "minimum": 0},
            "blur_px": {"type": "number", "minimum": 0}}},
        "persons": {"type": "array", "items": {
            "type": "object", "required": ["id", "lat", "lon", "posture", "body_temp_c"],
            "properties": {"id": {"type": "string"}, "lat": _NUMBER, "lon": _NUMBER,
                           "posture": {"enum": ["lying", "standing"]},
                           "body_temp_c": {"type": "number", "minimum": 20, "maximum": 42},
                           "heading_deg": _NUMBER, "length_m": {"type": "number", "exclusiveMinimum": 0},
                           "width_m": {"type": "number", "exclusiveMinimum": 0}}}},
        "fires": {"type": "array", "items": {
            "type": "object", "required": ["id", "lat", "lon", "temp_c", "radius_m"],
            "properties": {"id": {"type": "string"}, "lat": _NUMBER, "lon": _NUMBER,
                           "temp_c": {"type": "number", "minimum": 60, "maximum": 1200},
                           "radius_m": {"type": "number", "exclusiveMinimum": 0, "maximum": 50}}}},
    },
}


class ScenarioError(ValueError):
    pass


@dataclass(frozen=True)
class Person:
    id: str
    lat: float
    lon: float
    posture: str
    body_temp_c: float
    heading_deg: float
    length_m: float
    width_m: float


@dataclass(frozen=True)
class Fire:
    id: str
    lat: float
    lon: float
    temp_c: float
    radius_m: float


@dataclass(frozen=True)
class Noise:
    thermal_netd_c: float = 0.05  # a typical uncooled microbolometer
    rgb_sigma: float = 2.0
    blur_px: float = 0.6  # optics: Gaussian sigma in image pixels


@dataclass(frozen=True)
class Scenario:
    name: str
    lat: float
    lon: float
    ground_alt_m: float
    extent_m: float
    ground_kind: str
    ground_seed: int
    ground_image: Path | None
    ground_metres_per_pixel: float
    ambient_c: float
    noise: Noise
    persons: list[Person] = field(default_factory=list)
    fires: list[Fire] = field(default_factory=list)


def load_scenario(path: str | Path) -> Scenario:
    """Read and check a scenario file; any problem raises ScenarioError naming the field."""
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ScenarioError(f"cannot read scenario {path}: {exc}") from exc
    return parse_scenario(raw, base=path.parent, name=path.stem)


def parse_scenario(raw: object, base: Path = Path("."), name: str = "scenario") -> Scenario:
    try:
        jsonschema.validate(raw, _SCHEMA)
    except jsonschema.ValidationError as exc:
        where = "/".join(str(p) for p in exc.absolute_path) or "(top level)"
        raise ScenarioError(f"scenario {name}: {where}: {exc.message}") from None
    assert isinstance(raw, dict)
    ids = [p["id"] for p in raw["persons"]] + [f["id"] for f in raw["fires"]]
    if len(set(ids)) != len(ids):
        raise ScenarioError(f"scenario {name}: person and fire ids must be unique")
    ground = raw["ground"]
    image = None
    if ground["kind"] == "image":
        if "path" not in ground or "metres_per_pixel" not in ground:
            raise ScenarioError(f"scenario {name}: an image ground needs path and metres_per_pixel")
        image = (base / ground["path"]).resolve()
        if not image.is_file():
            raise ScenarioError(f"scenario {name}: ground image not found: {image}")
    persons = []
    for p in raw["persons"]:
        length, width = POSTURE_SIZE_M[p["posture"]]
        persons.append(Person(p["id"], p["lat"], p["lon"], p["posture"], p["body_temp_c"],
                              p.get("heading_deg", 0.0), p.get("length_m", length), p.get("width_m", width)))
    fires = [Fire(f["id"], f["lat"], f["lon"], f["temp_c"], f["radius_m"]) for f in raw["fires"]]
    origin = raw["origin"]
    return Scenario(raw.get("name", name), origin["lat"], origin["lon"], origin["ground_alt_m"], raw["extent_m"],
                    ground["kind"], ground.get("seed", 0), image, ground.get("metres_per_pixel", 0.1),
                    raw["ambient_c"], Noise(**raw.get("noise", {})), persons, fires)
