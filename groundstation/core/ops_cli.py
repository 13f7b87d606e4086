"""`groundstation mission ...` and `groundstation params ...`: transfers from scripts.

    groundstation mission upload|download|clear --link L [--system N] [--type mission|fence|rally] FILE.plan
    groundstation params download|upload --link L [--system N] FILE.params

Against any vehicle the link reaches (built-in simulator, PX4 SITL, hardware). A progress bar on
a terminal, plain progress lines otherwise; on failure one clear line on stderr and exit 1
(2 when the file to send is unreadable, checked before any link opens, or the link cannot open).
Nothing is written to FILE unless the download completed.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import TextIO

from pymavlink.dialects.v20 import ardupilotmega as mavlink

from drivers.mavlink.mission import MISSION_TYPES
from drivers.mavlink.param_file import ParamFileEntry, ParamFileError, read_params, write_params
from drivers.mavlink.params import float32
from drivers.mavlink.plan_items import items_for, plan_from_items
from groundstation.core.datadir import DataDir
from groundstation.core.engine import CommandError, Engine, LinkError, MissionTransferError, ParameterError
from missions.items import MissionItem
from missions.qgc_plan import PlanFileError, read_plan, write_plan

WAIT_FOR_VEHICLE_S = 15.0
FAILURES = (MissionTransferError, ParameterError, PlanFileError, ParamFileError, CommandError, TimeoutError,
            OSError)


def add_ops_parsers(subparsers: argparse._SubParsersAction) -> None:
    mission = subparsers.add_parser("mission", help="upload, download or clear a mission, geofence or rally points")
    mission_actions = mission.add_subparsers(dest="action", required=True, metavar="ACTION")
    params = subparsers.add_parser("params", help="download or upload all parameters (QGroundControl .params)")
    params_actions = params.add_subparsers(dest="action", required=True, metavar="ACTION")
    actions = []
    for name, help_text in (("upload", "send FILE.plan's items to the vehicle"),
                            ("download", "write the vehicle's items to FILE.plan"),
                            ("clear", "remove the vehicle's items")):
        action = mission_actions.add_parser(name, help=help_text)
        if name != "clear":
            action.add_argument("file", type=Path, metavar="FILE.plan")
        action.add_argument("--type", choices=tuple(MISSION_TYPES), default="mission", dest="mission_type")
        actions.append(action)
    for name, help_text in (("download", "write every parameter to FILE.params"),
                            ("upload", "set the parameters FILE.params changes, each verified")):
        action = params_actions.add_parser(name, help=help_text)
        action.add_argument("file", type=Path, metavar="FILE.params")
        actions.append(action)
    for parser in actions:
        parser.add_argument("--link", required=True, metavar="URL",
                            help="udpin:0.0.0.0:14550, udpout:HOST:PORT, tcp:HOST:PORT, serial:/dev/ttyUSB0:57600")
        parser.add_argument("--system", type=int, default=None, metavar="N",
                            help="the vehicle's system id (default: the one vehicle heard)")
        parser.add_argument("--wait", type=float, default=WAIT_FOR_VEHICLE_S, metavar="S",
                            help=f"how long to wait for the vehicle (default {WAIT_FOR_VEHICLE_S:g} s)")
        # SUPPRESS: `groundstation --data-dir X mission ...` must keep the X given before the command
        parser.add_argument("--data-dir", type=Path, default=argparse.SUPPRESS,
                            help="where the session's telemetry log goes (default: the user data folder)")


class ProgressBar:
    """A bar redrawn in place on a terminal; a line per tenth otherwise (logs, CI)."""

    def __init__(self, what: str, out: TextIO) -> None:
        self.what, self.out = what, out
        self.tty = out.isatty()
        self._last_tenth = -1

    def __call__(self, done: int, total: int) -> None:
        if self.tty:
            filled = 30 * done // total if total else 30
            self.out.write(f"\r{self.what} [{'#' * filled}{'.' * (30 - filled)}] {done}/{total}")
            if done >= total:
                self.out.write("\n")
            self.out.flush()
            return
        tenth = 10 * done // total if total else 10
        if tenth != self._last_tenth:
            self._last_tenth = tenth
            print(f"{self.what}: {done}/{total}", file=self.out, flush=True)


def run_ops(args: argparse.Namespace) -> int | None:
    """Run `mission` or `params`; None for any other command."""
    if getattr(args, "command", None) not in ("mission", "params"):
        return None
    what = f"{args.command} {args.action}"
    try:
        # A file to send is read first: a wrong name or a broken file fails at once, not after the wait.
        upload = _read_upload(args)
    except (PlanFileError, ParamFileError) as e:
        print(f"groundstation {what}: {e}", file=sys.stderr)
        return 2
    try:
        data_dir = DataDir.open(getattr(args, "data_dir", None))
        engine = Engine(data_dir, [args.link])
        engine.start()
    except (LinkError, OSError) as e:
        print(f"groundstation {what}: {e}", file=sys.stderr)
        return 2
    try:
        system_id = _wait_for_vehicle(engine, args.system, args.wait)
        if args.command == "mission":
            message = _mission(engine, system_id, args, upload)
        else:
            message = _params(engine, system_id, args, upload)
    except FAILURES as e:
        print(f"groundstation {what}: {e}", file=sys.stderr)
        return 1
    finally:
        engine.stop()
    print(message)
    return 0


def _read_upload(args: argparse.Namespace) -> list[MissionItem] | list[ParamFileEntry] | None:
    """The mission items or parameter file entries an upload sends; None for other actions."""
    if args.action != "upload":
        return None
    if args.command == "mission":
        return items_for(read_plan(args.file), MISSION_TYPES[args.mission_type])
    return read_params(args.file)


def _wait_for_vehicle(engine: Engine, system_id: int | None, wait_s: float) -> int:
    deadline = time.monotonic() + wait_s
    while time.monotonic() < deadline:
        vehicles = engine.snapshot().vehicles
        if system_id is not None and system_id in vehicles:
            return system_id
        if system_id is None and vehicles:
            if len(vehicles) > 1:
                raise TimeoutError(f"several vehicles on the link ({', '.join(map(str, sorted(vehicles)))}): "
                                   f"choose one with --system")
            return next(iter(vehicles))
        time.sleep(0.05)
    heard = sorted(engine.snapshot().vehicles)
    raise TimeoutError(f"no vehicle {system_id if system_id is not None else ''} heard on {engine.links[0]} "
                       f"within {wait_s:g} s".replace("  ", " ")
                       + (f" (heard: {', '.join(map(str, heard))})" if heard else "")
                       + ". Check the link address, that the simulator or vehicle sends to this port, that no "
                         "other program (QGroundControl, another station) holds the port, or wait longer "
                         "with --wait S")


def _mission(engine: Engine, system_id: int, args: argparse.Namespace, upload: list[MissionItem] | None) -> str:
    kind = args.mission_type
    if args.action == "clear":
        engine.clear_mission(system_id, kind).result()
        return f"vehicle {system_id}: {kind} cleared"
    progress = ProgressBar(f"{kind} {args.action}", sys.stderr)
    if args.action == "upload":
        engine.upload_mission(system_id, upload, kind, progress).result()
        return f"vehicle {system_id}: {len(upload)} {kind} items uploaded from {args.file}"
    items = engine.download_mission(system_id, kind, progress).result()
    state = engine.snapshot().vehicles[system_id].state
    home = (state.home.lat, state.home.lon, state.home.alt_amsl) if state.home else None
    by_kind = {"mission": [], "fence": [], "rally": [], kind: items}
    plan = plan_from_items(by_kind["mission"], by_kind["fence"], by_kind["rally"], home=home,
                           firmware_type=state.autopilot_id, vehicle_type=_vehicle_type(state.vehicle_type))
    write_plan(plan, args.file)
    return f"vehicle {system_id}: {len(items)} {kind} items written to {args.file}"


def _params(engine: Engine, system_id: int, args: argparse.Namespace, upload: list[ParamFileEntry] | None) -> str:
    progress = ProgressBar("parameters", sys.stderr)
    on_vehicle = engine.download_params(system_id, progress).result()
    state = engine.snapshot().vehicles[system_id].state
    if args.action == "download":
        write_params(args.file, on_vehicle.values(), system_id, state.component_id,
                     heading=f"Stack: {state.autopilot}, vehicle: {state.vehicle_type}")
        return f"vehicle {system_id}: {len(on_vehicle)} parameters written to {args.file}"
    wanted = [e.parameter for e in upload if e.component_id == state.component_id]
    unknown = [p.name for p in wanted if p.name not in on_vehicle]
    if unknown:  # checked before anything changes: a wrong file must not half-apply
        raise ParamFileError(f"{len(unknown)} parameters in {args.file} are not on vehicle {system_id}: "
                             f"{', '.join(unknown[:5])}{' ...' if len(unknown) > 5 else ''}; nothing changed")
    changes = [p for p in wanted if not _same(on_vehicle[p.name].value, p.value)]
    bar = ProgressBar("setting parameters", sys.stderr)
    for i, p in enumerate(changes, start=1):
        engine.set_param(system_id, p.name, p.value, on_vehicle[p.name].type).result()
        bar(i, len(changes))
    return (f"vehicle {system_id}: {len(changes)} parameters set, "
            f"{len(wanted) - len(changes)} already as in {args.file}")


def _same(a: int | float, b: int | float) -> bool:
    if isinstance(a, int) and isinstance(b, int):
        return a == b
    return float32(float(a)) == float32(float(b))  # equal as the vehicle's float32 holds them


def _vehicle_type(name: str) -> int:
    return getattr(mavlink, f"MAV_TYPE_{name}", mavlink.MAV_TYPE_QUADROTOR)


def main(argv: list[str] | None = None) -> int:
    """`python -m groundstation.core.ops_cli mission|params ...`, the same as through `groundstation`."""
    parser = argparse.ArgumentParser(prog="groundstation")
    add_ops_parsers(parser.add_subparsers(dest="command", required=True))
    return run_ops(parser.parse_args(argv)) or 0


if __name__ == "__main__":
    sys.exit(main())
