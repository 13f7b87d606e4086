"""`python -m sitl robot`: a simulated ground robot on a pty serial port and/or a ZeroMQ endpoint."""

from __future__ import annotations

import argparse
import asyncio
import ipaddress
import signal
import sys
from pathlib import Path

import zmq

from drivers.robot.keys import server_keys
from drivers.robot.link import ZmqAddress, parse_link_url
from sitl.camera.scenario import load_scenario
from sitl.robot.model import Home, RobotModel, RobotParams
from sitl.robot.simulator import PtyEndpoint, RobotSimulator, ZmqEndpoint

DEFAULT_ZMQ = "tcp://127.0.0.1:5570"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--serial", action="store_true", help="serve on a pseudo-terminal serial port")
    parser.add_argument("--serial-link", type=Path, metavar="PATH",
                        help="also make PATH a symlink to that port (a stable name for the station)")
    parser.add_argument("--zmq", metavar="tcp://HOST:PORT", help=f"serve on ZeroMQ (commands PORT, telemetry PORT+1); default {DEFAULT_ZMQ} when neither --serial nor --zmq is given")
    parser.add_argument("--curve-secret", type=Path, metavar="FILE", help="the robot's CURVE .key_secret file (encrypts the ZeroMQ link)")
    parser.add_argument("--authorized", type=Path, metavar="DIR", help="folder of the stations' public .key files allowed to connect")
    parser.add_argument("--insecure", action="store_true", help="allow an unencrypted ZeroMQ endpoint off this machine")
    parser.add_argument("--name", default="sim-robot", help="the name the robot announces (default sim-robot)")
    parser.add_argument("--lat", type=float, default=49.6116, help="start latitude (default 49.6116, Luxembourg)")
    parser.add_argument("--lon", type=float, default=6.1319, help="start longitude (default 6.1319)")
    parser.add_argument("--heading", type=float, default=0.0, help="start heading, degrees from true north (default 0)")
    parser.add_argument("--max-speed", type=float, default=1.2, help="top speed in m/s (default 1.2)")
    parser.add_argument("--video", default="", metavar="udp://HOST:PORT",
                        help="stream the robot's camera there (udp:// MPEG-TS or rtp://) and announce it; "
                        "default: no camera")
    parser.add_argument("--scenario", type=Path, metavar="FILE",
                        help="what the camera sees (a sitl/camera/scenarios file); default: a plain meadow")
    parser.add_argument("--duration", type=float, help="seconds to run (default: until interrupted)")


def _zmq_address(endpoint: str, curve_given: bool, insecure: bool) -> ZmqAddress:
    address = parse_link_url(f"zmq:{endpoint}")
    if not isinstance(address, ZmqAddress):
        raise ValueError(f"{endpoint} is not a ZeroMQ tcp:// endpoint")
    try:
        loopback = ipaddress.ip_address(address.host).is_loopback
    except ValueError:
        loopback = address.host == "localhost"
    if not (loopback or curve_given or insecure):
        raise ValueError(f"{endpoint} is reachable from other machines: give --curve-secret and --authorized "
                         "(keys from `groundstation robot keygen`), or --insecure")
    return address


async def _serve(args: argparse.Namespace) -> None:
    # SIGTERM (a service manager, a test) ends the run like Ctrl-C: ports closed, symlink removed.
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, asyncio.current_task().cancel)
    params = RobotParams(name=args.name, max_linear=args.max_speed)
    scenario = load_scenario(args.scenario) if args.scenario else None
    simulator = RobotSimulator(RobotModel(params, Home(args.lat, args.lon, args.heading)), video_url=args.video,
                               scenario=scenario)
    try:
        if args.serial:
            pty = PtyEndpoint(simulator, args.serial_link)
            print(f"robot {args.name!r} on {pty.address}", flush=True)
        if args.zmq:
            curve = None
            if args.curve_secret or args.authorized:
                if not (args.curve_secret and args.authorized):
                    raise ValueError("CURVE needs both --curve-secret and --authorized")
                curve = server_keys(args.curve_secret, args.authorized)
            address = _zmq_address(args.zmq, curve is not None, args.insecure)
            ZmqEndpoint(simulator, address, curve)
            print(f"robot {args.name!r} on {address}{' (CURVE)' if curve else ''}", flush=True)
        await simulator.run(args.duration)
    finally:
        await simulator.close()


def run(args: argparse.Namespace) -> int:
    """The `python -m sitl robot` subcommand (sitl/__main__.py dispatches here)."""
    if not (args.serial or args.zmq):
        args.serial, args.zmq = True, DEFAULT_ZMQ
    try:
        asyncio.run(_serve(args))
    except (KeyboardInterrupt, asyncio.CancelledError):
        pass
    except (ValueError, OSError, zmq.ZMQError) as exc:
        print(f"sim robot: {exc}", file=sys.stderr)
        return 2
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitl robot", description=__doc__)
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main())
