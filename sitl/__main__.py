"""`python -m sitl <world> ...`: run a hardware-free world until Ctrl-C.

Each subcommand lives in its own module exposing `add_arguments(parser)` and `run(args) -> int`;
adding one (e.g. the simulated robot) is one line in SUBCOMMANDS.
"""
from __future__ import annotations

import argparse
import importlib
import sys

SUBCOMMANDS: dict[str, tuple[str, str]] = {
    "vehicle": ("sitl.vehicle.cli", "built-in PX4-dialect multicopter simulator (MAVLink over UDP)"),
    "px4": ("sitl.px4", "launch real PX4 SITL (SIH, headless) from an existing PX4 build"),
    "robot": ("sitl.robot.cli", "simulated ground robot on a pty serial port and ZeroMQ"),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitl", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="world", required=True, metavar="{" + ",".join(SUBCOMMANDS) + "}")
    modules = {}
    for name, (module_name, help_text) in SUBCOMMANDS.items():
        module = importlib.import_module(module_name)
        module.add_arguments(sub.add_parser(name, help=help_text, description=help_text))
        modules[name] = module
    args = parser.parse_args(argv)
    return modules[args.world].run(args)


if __name__ == "__main__":
    sys.exit(main())
