"""`python -m sitl <world> ...`: run a hardware-free world until Ctrl-C.

Each subcommand lives in its own module exposing `add_arguments(parser)` and `run(args) -> int`;
adding one (e.g. the simulated robot) is one line in SUBCOMMANDS.
"""
from __future__ import annotations

import argparse
import importlib
import sys

# name: (module, one line for `python -m sitl --help`, the description its own --help opens with)
SUBCOMMANDS: dict[str, tuple[str, str, str]] = {
    "vehicle": ("sitl.vehicle.cli", "built-in PX4-dialect multicopter simulator (MAVLink over UDP)",
                "Built-in PX4-dialect multicopters, each sending MAVLink over UDP to the station, until "
                "Ctrl-C. Prints each vehicle's ports."),
    "px4": ("sitl.px4", "launch real PX4 SITL (SIH, headless) from an existing PX4 build",
            "Start real PX4 SITL (SIH physics, headless) from a PX4-Autopilot checkout built with "
            "`make px4_sitl_default`, one process per instance, and wait for their first heartbeats on "
            "UDP 14550; Ctrl-C stops them. The station then connects with --link udpin:0.0.0.0:14550."),
    "robot": ("sitl.robot.cli", "simulated ground robot on a pty serial port and ZeroMQ",
              "A simulated ground robot that a station drives: on a pseudo-terminal serial port (--serial) "
              "and/or ZeroMQ (--zmq), optionally with a camera stream (--video). It stops by itself when "
              "commands stop (deadman). Runs until Ctrl-C or --duration."),
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sitl", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="world", required=True, metavar="{" + ",".join(SUBCOMMANDS) + "}")
    modules = {}
    for name, (module_name, help_text, description) in SUBCOMMANDS.items():
        module = importlib.import_module(module_name)
        module.add_arguments(sub.add_parser(name, help=help_text, description=description))
        modules[name] = module
    args = parser.parse_args(argv)
    return modules[args.world].run(args)


if __name__ == "__main__":
    sys.exit(main())
