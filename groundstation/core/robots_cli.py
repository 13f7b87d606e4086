"""`groundstation robot ...`: CURVE keys for robot links, and a headless look at a robot."""

from __future__ import annotations

import argparse
import asyncio
import sys

import zmq

from drivers.robot.keys import client_keys, generate_keypair
from drivers.robot.session import RobotSession


def add_robot_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser("robot", help="ground robots: CURVE keys, watch a robot's telemetry")
    commands = parser.add_subparsers(dest="robot_command", required=True)
    keygen = commands.add_parser("keygen", help="make a CURVE key pair (NAME.key to share, NAME.key_secret to keep)")
    keygen.add_argument("directory")
    keygen.add_argument("--name", default="station", help="file name of the pair (station, or the robot's name)")
    watch = commands.add_parser("watch", help="connect to a robot and print its state once a second (never drives)")
    watch.add_argument("url", help="serial:/dev/ttyUSB0:115200 or zmq:tcp://HOST:PORT")
    watch.add_argument("--robot-key", help="the robot's public .key file (CURVE, ZeroMQ only)")
    watch.add_argument("--station-key", help="this station's .key_secret file (CURVE, ZeroMQ only)")
    watch.add_argument("--seconds", type=float, default=5.0)
    return parser


def run_robot(args: argparse.Namespace) -> int:
    try:
        if args.robot_command == "keygen":
            files = generate_keypair(args.directory, args.name)
            print(f"public key (copy to the other end): {files.public}")
            print(f"secret key (keep here):             {files.secret}")
            return 0
        return asyncio.run(_watch(args))
    except (ValueError, OSError, zmq.ZMQError) as exc:
        print(f"robot: {exc}", file=sys.stderr)
        return 2


async def _watch(args: argparse.Namespace) -> int:
    if bool(args.robot_key) != bool(args.station_key):
        raise ValueError("CURVE needs both --robot-key and --station-key")
    curve = client_keys(args.robot_key, args.station_key) if args.robot_key else None
    session = RobotSession(args.url, curve=curve, observe_only=True)
    await session.start()
    heard = False
    try:
        for _ in range(max(1, round(args.seconds))):
            await asyncio.sleep(1.0)
            print(_describe(session), flush=True)
            heard = heard or session.status().alive
    finally:
        await session.close()
    return 0 if heard else 1


def _describe(session: RobotSession) -> str:
    s = session.status()
    link = f"link {s.link.value}" + (f" ({s.link_error})" if s.link_error else "")
    if s.telemetry is None:
        return f"{session.url}: {link}, no telemetry yet"
    t = s.telemetry
    name = s.capabilities.name if s.capabilities else "robot"
    flags = [word for word, on in (("E-STOP", t.estop), ("deadman stop", t.deadman)) if on]
    return (f"{name}: {link}, quality {s.link_quality:.0%}, {t.lat:.6f} {t.lon:.6f}, heading {t.heading_deg:.0f}°, "
            f"{t.linear:.2f} m/s, battery {t.battery_pct} % {t.battery_v:.1f} V" + (f", {', '.join(flags)}" if flags else ""))
