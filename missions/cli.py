"""`python -m missions`: search patterns for scripts.

    python -m missions pattern expanding-square --datum 49.47,6.37 --spacing 40 --legs 12 \\
        --altitude 60 --format geojson
    python -m missions pattern parallel --area area.kml --camera dji-m30t-thermal --overlap 0.2 --altitude 60
    python -m missions cameras

The plan goes to stdout (or --output), warnings to stderr; bad input prints one line
`error: ...` to stderr and exits with status 2.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from missions.area import Route, SearchArea
from missions.camera import PRESETS, preset
from missions.errors import MissionError
from missions.files import FORMATS, export_plan, load_shapes
from missions.geodesy import parse_latlon
from missions.patterns import (Sizing, creeping_line, creeping_line_box, expanding_square, parallel_track,
                               sector_search, size_for_camera, track_line)
from missions.plan import FlightLimits, SearchPlan
from missions.split import split_area

PATTERNS = ("expanding-square", "sector", "parallel", "creeping-line", "track-line")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, exit 2, like our own errors
        raise MissionError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m missions", description="IAMSAR search patterns sized by the detection camera")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    sub.add_parser("cameras", help="list the camera presets")
    p = sub.add_parser("pattern", help="generate a search pattern",
                       description="Generate an IAMSAR search pattern as a flight plan: around a datum "
                                   "(expanding-square, sector), over an area (parallel, creeping-line) or along a "
                                   "route (track-line). Track spacing comes from --spacing, or from the detection "
                                   "--camera at --altitude. The plan goes to stdout or --output.")
    p.add_argument("pattern", choices=PATTERNS, help="which IAMSAR pattern")
    p.add_argument("--datum", help="lat,lon of the datum (expanding-square, sector)")
    p.add_argument("--area", type=Path, help="area file: .kml, .geojson or .plan (parallel, creeping-line)")
    p.add_argument("--route", help="route file, or points 'lat,lon;lat,lon;...' (track-line)")
    p.add_argument("--altitude", type=float, help="height above home in metres")
    p.add_argument("--gsd", type=float, help="wanted ground resolution in cm/px (with --camera, instead of --altitude)")
    p.add_argument("--spacing", type=float, help="track spacing in metres")
    p.add_argument("--camera", help="detection camera preset; derives the spacing (see 'cameras')")
    p.add_argument("--overlap", type=float, default=0.2, help="side overlap fraction with --camera (default 0.2)")
    p.add_argument("--front-overlap", type=float, default=0.2, help="front overlap fraction (default 0.2)")
    p.add_argument("--legs", type=int, default=12, help="expanding-square: number of legs (default 12)")
    p.add_argument("--radius", type=float, help="sector: leg length in metres (default: the spacing)")
    p.add_argument("--second-pass", action="store_true", help="sector: add the pass rotated 30 degrees")
    p.add_argument("--heading", type=float, default=0.0, help="first leg heading, degrees true (default 0)")
    p.add_argument("--wind-from", type=float, help="expanding-square: wind direction; first leg into it")
    p.add_argument("--turn", choices=("right", "left"), default="right",
                   help="expanding-square, sector: which way the pattern turns (default right)")
    p.add_argument("--track-azimuth", type=float, help="parallel: track direction (default: long axis)")
    p.add_argument("--advance-azimuth", type=float, help="creeping-line: direction the legs advance")
    p.add_argument("--start", help="creeping-line without --area: lat,lon of the middle of the first edge")
    p.add_argument("--length", type=float, help="creeping-line without --area: length along the advance (m)")
    p.add_argument("--width", type=float, help="creeping-line without --area: width across (m)")
    p.add_argument("--no-return", action="store_true", help="track-line: fly the route once (TSN)")
    p.add_argument("--drones", type=int, default=1, help="parallel: split the area among N drones (default 1)")
    p.add_argument("--speed", type=float, default=FlightLimits.cruise_speed_mps, help="cruise speed m/s (default %(default)g)")
    p.add_argument("--endurance", type=float, default=FlightLimits.endurance_s / 60, help="battery endurance, minutes (default %(default)g)")
    p.add_argument("--turn-radius", type=float, default=0.0, help="turn radius in metres, fixed wing (default 0: multicopter)")
    p.add_argument("--max-items", type=int, default=FlightLimits.max_mission_items, help="autopilot mission item limit (default %(default)d)")
    p.add_argument("--format", choices=FORMATS, default="geojson",
                   help="geojson, kml, or plan for QGroundControl (default geojson)")
    p.add_argument("--output", type=Path, help="write here instead of stdout (with --drones: one file per drone)")
    return parser


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
        if args.command == "cameras":
            for name, cam in sorted(PRESETS.items()):
                print(f"{name:28s} {cam.kind:8s} {cam.image_width_px}x{cam.image_height_px} "
                      f"HFOV {cam.hfov_deg:.1f} deg  ({cam.source})")
            return 0
        plans = _plans(args)
        for i, plan in enumerate(plans):
            for w in plan.warnings:
                print(f"warning: {'drone ' + str(i + 1) + ': ' if len(plans) > 1 else ''}{w}", file=sys.stderr)
            text = export_plan(plan, args.format)
            if args.output is None:
                sys.stdout.write(text)
            else:
                out = args.output if len(plans) == 1 else args.output.with_stem(f"{args.output.stem}-drone{i + 1}")
                out.write_text(text, encoding="utf-8")
        return 0
    except MissionError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def _plans(args) -> list[SearchPlan]:
    limits = FlightLimits(cruise_speed_mps=args.speed, endurance_s=args.endurance * 60,
                          turn_radius_m=args.turn_radius, max_mission_items=args.max_items)
    sizing: Sizing | None = None
    if args.camera:
        if args.spacing is not None:
            raise MissionError("give --spacing or --camera, not both: the camera sets the spacing")
        sizing = size_for_camera(preset(args.camera), altitude_m=args.altitude, gsd_cm=args.gsd,
                                 side_overlap=args.overlap, front_overlap=args.front_overlap)
        spacing, altitude = sizing.spacing_m, sizing.altitude_m
    else:
        if args.gsd is not None:
            raise MissionError("--gsd needs --camera")
        if args.spacing is None:
            raise MissionError("give --spacing in metres, or --camera to derive it")
        if args.altitude is None:
            raise MissionError("give --altitude in metres above home")
        spacing, altitude = args.spacing, args.altitude
    common = {"limits": limits, "sizing": sizing}
    if args.pattern == "expanding-square":
        return [expanding_square(_datum(args), spacing, args.legs, altitude, first_heading_deg=args.heading,
                                 wind_from_deg=args.wind_from, turn=args.turn, **common)]
    if args.pattern == "sector":
        return [sector_search(_datum(args), args.radius or spacing, altitude, first_heading_deg=args.heading,
                              second_pass=args.second_pass, turn=args.turn, **common)]
    if args.pattern == "parallel":
        area = _area(args)
        if args.drones > 1:
            return [d.plan for d in split_area(area, args.drones, spacing, altitude,
                                               track_azimuth_deg=args.track_azimuth, **common)]
        return [parallel_track(area, spacing, altitude, track_azimuth_deg=args.track_azimuth, **common)]
    if args.pattern == "creeping-line":
        if args.advance_azimuth is None:
            raise MissionError("creeping-line needs --advance-azimuth (direction the legs advance)")
        if args.area is not None:
            return [creeping_line(_area(args), args.advance_azimuth, spacing, altitude, **common)]
        if args.start is None or args.length is None or args.width is None:
            raise MissionError("creeping-line needs --area, or --start, --length and --width")
        return [creeping_line_box(parse_latlon(args.start), args.advance_azimuth, args.length, args.width,
                                  spacing, altitude, **common)]
    return [track_line(_route(args), spacing, altitude, returning=not args.no_return, **common)]


def _datum(args):
    if not args.datum:
        raise MissionError(f"{args.pattern} needs --datum lat,lon")
    return parse_latlon(args.datum)


def _area(args) -> SearchArea:
    if args.area is None:
        raise MissionError(f"{args.pattern} needs --area FILE (.kml, .geojson or .plan)")
    areas = load_shapes(args.area).areas
    if len(areas) != 1:
        raise MissionError(f"{args.area}: expected exactly one area (polygon), found {len(areas)}")
    return areas[0]


def _route(args) -> Route:
    if not args.route:
        raise MissionError("track-line needs --route FILE or --route 'lat,lon;lat,lon;...'")
    if Path(args.route).suffix.lower() in (".kml", ".geojson", ".json", ".plan"):
        routes = load_shapes(args.route).routes
        if len(routes) != 1:
            raise MissionError(f"{args.route}: expected exactly one route (line), found {len(routes)}")
        return routes[0]
    return Route([parse_latlon(p) for p in args.route.split(";") if p.strip()])
