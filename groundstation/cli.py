"""`groundstation`: the window by default; `--headless` for field servers and scripts; `demo`."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
from pathlib import Path

from groundstation.core.datadir import DataDir
from groundstation.core.engine import DEFAULT_LINK, Engine, LinkError
from groundstation.core.partners import PartnersFileError
from groundstation.core.settings import SettingsError
from groundstation.core.ops_cli import add_ops_parsers, run_ops
from groundstation.core.robots_cli import add_robot_parser, run_robot
from groundstation.share.export import add_export_parser, run_export


def has_display() -> bool:
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")) \
        or sys.platform in ("win32", "darwin")


def _add_common(parser: argparse.ArgumentParser, in_subcommand: bool = False) -> None:
    # In a subcommand the options may come before or after its name: `--data-dir D demo` and
    # `demo --data-dir D` mean the same, so the subcommand must not reset what was given before.
    unset = {"default": argparse.SUPPRESS} if in_subcommand else {}
    parser.add_argument("--data-dir", type=Path, **({"default": None} | unset),
                        help="where settings, logs and findings live (default: the user data folder)")
    parser.add_argument("--headless", action="store_true", **unset, help="no window: print events instead")
    parser.add_argument("--duration", type=float, metavar="S", **({"default": None} | unset),
                        help="stop after S seconds")
    parser.add_argument("-v", "--verbose", action="store_true", **unset, help="log driver details")


def _host_port(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    try:
        number = int(port)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: expected [HOST:]PORT") from None
    if not 0 < number < 65536:
        raise argparse.ArgumentTypeError(f"{text!r}: port out of range")
    return (host.strip("[]") or "127.0.0.1", number)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="groundstation",
        description="Field ground station: drones over MAVLink, findings to partner command posts.",
        epilog=f"Without a COMMAND: the station itself, in a window where there is a display (else as "
               f"--headless), listening on {DEFAULT_LINK} unless --link is given. "
               f"'groundstation demo' flies a simulated fleet; 'groundstation COMMAND --help' tells more.")
    _add_common(parser)
    parser.add_argument("--link", action="append", default=None, metavar="URL",
                        help=f"a MAVLink link, repeatable: udpin:0.0.0.0:14550, udpout:HOST:PORT, "
                             f"tcp:HOST:PORT, serial:/dev/ttyUSB0:57600, or tlog:FILE[:SPEED] to replay "
                             f"a telemetry log (default {DEFAULT_LINK})")
    parser.add_argument("--web", type=_host_port, default=None, metavar="[HOST:]PORT",
                        help="serve the commander's web view (default host 127.0.0.1; the token is "
                             "in DATA_DIR/web-token)")
    parser.add_argument("--sign", type=int, action="append", default=None, metavar="SYSTEM_ID",
                        help="MAVLink 2 signing with this vehicle (repeatable): its key is DATA_DIR/keys/"
                             "SYSTEM_ID.key, made on first use; its unsigned traffic is refused")
    parser.add_argument("--passphrase", default=None,
                        help="with --sign: derive the key from this passphrase (as QGroundControl does)")
    parser.add_argument("--seek", type=float, default=None, metavar="S",
                        help="with a tlog: link, start the replay S seconds into the log")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    demo = sub.add_parser("demo", help="fly the built-in simulated fleet near Schengen",
                          description="Three simulated PX4 quadcopters near Schengen. With a display: the "
                                      "window. Without: a scripted sortie with live progress and a summary.")
    _add_common(demo, in_subcommand=True)
    demo.add_argument("--speedup", type=float, default=None,
                      help="simulation speed (default: 1 in the window, 5 headless)")
    demo.add_argument("--report", type=Path, default=None, metavar="FILE",
                      help="write the sortie summary as JSON (headless)")
    add_robot_parser(sub)
    add_export_parser(sub)
    add_ops_parsers(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO if args.verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s")
    try:
        data_dir = DataDir.open(args.data_dir)
    except OSError as e:
        print(f"groundstation: cannot use data directory: {e}", file=sys.stderr)
        return 2
    if args.command == "robot":
        return run_robot(args)
    if args.command == "export":
        return run_export(args)
    if (code := run_ops(args)) is not None:
        return code
    headless = args.headless or not has_display()
    if args.command == "demo":
        return run_demo(args, data_dir, headless)
    return run_station(args, data_dir, headless)


def run_demo(args: argparse.Namespace, data_dir: DataDir, headless: bool) -> int:
    from groundstation import demo

    if headless:
        speedup = args.speedup or 5.0
        duration = args.duration if args.duration is not None else 300.0
        return demo.run_headless(data_dir, duration, speedup, sys.stdout, args.report)
    from groundstation.ui.app import run_demo_window

    return run_demo_window(data_dir, args.speedup or 1.0, args.duration)


def run_station(args: argparse.Namespace, data_dir: DataDir, headless: bool) -> int:
    links = args.link or [DEFAULT_LINK]
    try:
        # With --sign the links open only once signing is on: nothing unsigned gets in meanwhile.
        engine = Engine(data_dir, [] if args.sign else links, web=args.web)
        engine.start()
    except (LinkError, SettingsError, PartnersFileError, OSError) as e:
        print(f"groundstation: {e}", file=sys.stderr)
        return 2
    try:
        for system_id in args.sign or []:
            key_file = engine.enable_signing(system_id, passphrase=args.passphrase).result(timeout=10)
            print(f"groundstation: signing with vehicle {system_id} (key {key_file}); "
                  f"its unsigned traffic is refused", file=sys.stderr)
        if args.sign:
            try:
                for url in links:
                    engine.open_link(url).result(timeout=10)
            except (LinkError, OSError) as e:
                print(f"groundstation: {e}", file=sys.stderr)
                return 2
        if args.seek is not None:
            for name in engine.links:
                if name.startswith("tlog:"):
                    engine.control_replay(name, seek_s=args.seek).result(timeout=10)
        if not headless:
            from groundstation.ui.app import run_window

            return run_window(engine, args.duration)
        return run_headless(engine, args.duration)
    finally:
        engine.stop()


def run_headless(engine: Engine, duration: float | None) -> int:
    from groundstation.core.monitor import Monitor

    monitor = Monitor(engine, sys.stdout)
    stop = threading.Event()
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: stop.set())
    live = [name for name in engine.links if not name.startswith("tlog:")]  # replays are not recorded again
    monitor.say(f"listening on {', '.join(engine.links)}; telemetry log {engine.tlog.path}"
                if engine.tlog and live else f"listening on {', '.join(engine.links)}")
    if engine.web is not None:
        monitor.say(f"commander's web view: {engine.web.link}")
    elif engine.web_error:
        monitor.say(f"web view NOT available: {engine.web_error}")
    monitor.run(duration, stop.is_set)
    monitor.close()
    snapshot = engine.snapshot()
    monitor.say(f"stopped: {len(snapshot.vehicles)} vehicle(s) seen, {snapshot.ingest.frames} frames, "
                f"{snapshot.ingest.bad_frames} bad, {snapshot.ingest.refused_frames} refused by signing")
    return 0


if __name__ == "__main__":
    sys.exit(main())
