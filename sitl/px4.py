"""Launch real PX4 SITL (v1.16, SIH physics, headless) from an existing build and wait for it.

Mirrors PX4's Tools/simulation/sitl_multiple_run.sh: instance i runs in its own working
directory as `bin/px4 -i <i> -d <build>/etc` with PX4_SYS_AUTOSTART=10040 (sihsim_quadx). Its GCS
link then sends to UDP 14550 from 18570+i with system id 1+i, and its API link to 14540+i.
"""
from __future__ import annotations

import argparse
import os
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from pymavlink.dialects.v20 import common as mavlink

SIH_AUTOSTART = "10040"
SIH_MODEL = "sihsim_quadx"
BUILD_SUBDIR = Path("build/px4_sitl_default")
GCS_PORT = 14550


class Px4NotFound(RuntimeError):
    """No usable PX4 build: says what was looked for and how to point at one."""


@dataclass(frozen=True)
class Px4Launch:
    """Everything needed to start one PX4 instance: argv, environment, working directory."""

    instance: int
    argv: list[str]
    env: dict[str, str]
    cwd: Path

    @property
    def system_id(self) -> int:
        return 1 + self.instance

    @property
    def gcs_local_port(self) -> int:
        return 18570 + self.instance

    @property
    def api_remote_port(self) -> int:
        return 14540 + min(self.instance, 9)


def find_px4(px4_dir: str | os.PathLike | None = None) -> Path:
    """The PX4 source tree holding a SITL build, from the argument or $PX4_DIR."""
    chosen = px4_dir if px4_dir is not None else os.environ.get("PX4_DIR")
    if not chosen:
        raise Px4NotFound("PX4_DIR is not set: point it (or --px4-dir) at a PX4-Autopilot v1.16 checkout "
                          "built with `make px4_sitl_default`")
    root = Path(chosen).expanduser().resolve()
    binary = root / BUILD_SUBDIR / "bin" / "px4"
    if not binary.is_file() or not os.access(binary, os.X_OK):
        raise Px4NotFound(f"no PX4 SITL binary at {binary}: run `make px4_sitl_default` in {root} first")
    return root


def plan_launch(px4_root: Path, instance: int, *, home: tuple[float, float, float] | None = None,
                work_dir: Path | None = None, speed_factor: float | None = None,
                base_env: dict[str, str] | None = None) -> Px4Launch:
    """Command line, environment and working directory for PX4 instance `instance`."""
    if instance < 0:
        raise ValueError(f"instance must be >= 0, got {instance}")
    build = px4_root / BUILD_SUBDIR
    env = dict(os.environ if base_env is None else base_env)
    env.update({"PX4_SYS_AUTOSTART": SIH_AUTOSTART, "PX4_SIM_MODEL": SIH_MODEL, "HEADLESS": "1"})
    if home is not None:
        env.update({"PX4_HOME_LAT": repr(home[0]), "PX4_HOME_LON": repr(home[1]), "PX4_HOME_ALT": repr(home[2])})
    if speed_factor is not None:
        env["PX4_SIM_SPEED_FACTOR"] = repr(speed_factor)
    cwd = (work_dir or build) / f"instance_{instance}"
    argv = [str(build / "bin" / "px4"), "-i", str(instance), "-d", str(build / "etc")]
    return Px4Launch(instance, argv, env, cwd)


def wait_for_heartbeats(system_ids: set[int], port: int = GCS_PORT, timeout: float = 60.0,
                        host: str = "127.0.0.1") -> dict[int, float]:
    """Listen where PX4's GCS links send and return when every system id has sent a HEARTBEAT.

    Listening (instead of sending first) leaves PX4's links talking to the real GCS port.
    """
    sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        try:
            sock.bind((host, port))
        except OSError as exc:
            raise RuntimeError(f"cannot listen on UDP {host}:{port} to watch for PX4 heartbeats "
                               f"({exc}); is a ground station already running there?") from exc
        parser = mavlink.MAVLink(None, 0, 0)
        parser.robust_parsing = True
        seen: dict[int, float] = {}
        start = time.monotonic()
        while not system_ids <= seen.keys():
            remaining = timeout - (time.monotonic() - start)
            if remaining <= 0:
                missing = sorted(system_ids - seen.keys())
                raise TimeoutError(f"no HEARTBEAT from system id(s) {missing} on UDP {port} within {timeout:g} s")
            sock.settimeout(min(remaining, 0.5))
            try:
                data = sock.recv(65535)
            except socket.timeout:
                continue
            for msg in parser.parse_buffer(data) or []:
                if msg.get_type() == "HEARTBEAT" and msg.get_srcSystem() in system_ids:
                    seen.setdefault(msg.get_srcSystem(), time.monotonic() - start)
        return seen
    finally:
        sock.close()


class Px4Sitl:
    """Running PX4 instances; `stop()` interrupts them and kills any that linger."""

    def __init__(self, launches: list[Px4Launch]) -> None:
        self.launches = launches
        self.processes: list[subprocess.Popen] = []

    def start(self) -> "Px4Sitl":
        for launch in self.launches:
            launch.cwd.mkdir(parents=True, exist_ok=True)
            out = open(launch.cwd / "out.log", "wb")
            self.processes.append(subprocess.Popen(launch.argv, cwd=launch.cwd, env=launch.env, stdout=out,
                                                   stderr=subprocess.STDOUT, start_new_session=True))
            out.close()
        return self

    def stop(self, grace: float = 5.0) -> None:
        for proc in self.processes:
            if proc.poll() is None:
                os.killpg(proc.pid, signal.SIGINT)
        deadline = time.monotonic() + grace
        for proc in self.processes:
            try:
                proc.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait()

    def __enter__(self) -> "Px4Sitl":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--px4-dir", help="PX4-Autopilot checkout with a px4_sitl_default build (default $PX4_DIR)")
    parser.add_argument("--instances", type=int, default=1,
                        help="how many vehicles, system ids 1..N (default 1)")
    parser.add_argument("--home", help="LAT,LON,ALT of home, as PX4_HOME_LAT/LON/ALT (default: PX4's own)")
    parser.add_argument("--speed-factor", type=float, help="simulation speed, as PX4_SIM_SPEED_FACTOR (default: PX4's own, real time)")
    parser.add_argument("--work-dir", type=Path, help="where instance_<i> working directories go (default: the PX4 build folder)")
    parser.add_argument("--no-wait", action="store_true", help="do not listen on UDP 14550 for the first heartbeats (default: wait for them)")
    parser.add_argument("--timeout", type=float, default=60.0,
                        help="seconds to wait for every instance's first heartbeat (default 60)")


def run(args: argparse.Namespace) -> int:
    try:
        root = find_px4(args.px4_dir)
        home = tuple(float(x) for x in args.home.split(",")) if args.home else None
        if home is not None and len(home) != 3:
            raise ValueError("--home needs LAT,LON,ALT")
        launches = [plan_launch(root, i, home=home, work_dir=args.work_dir, speed_factor=args.speed_factor)
                    for i in range(args.instances)]
    except (Px4NotFound, ValueError) as exc:
        print(f"error: {exc}")
        return 2
    with Px4Sitl(launches):
        for launch in launches:
            print(f"PX4 instance {launch.instance}: sysid {launch.system_id}, gcs udp {launch.gcs_local_port} -> "
                  f"{GCS_PORT}, api -> {launch.api_remote_port}, log {launch.cwd / 'out.log'}", flush=True)
        try:
            if not args.no_wait:
                seen = wait_for_heartbeats({l.system_id for l in launches}, timeout=args.timeout)
                print(f"heartbeats after {max(seen.values()):.1f} s; Ctrl-C to stop", flush=True)
            signal.pause()
        except KeyboardInterrupt:
            pass
        except (TimeoutError, RuntimeError) as exc:
            print(f"error: {exc}")
            return 1
    return 0
