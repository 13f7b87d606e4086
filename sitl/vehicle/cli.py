"""`python -m sitl vehicle`: run a simulated fleet until Ctrl-C, printing each vehicle's ports."""
from __future__ import annotations

import argparse
import contextlib
import signal
import sys
import threading

from .fleet import DEFAULT_HOME, SimulatedFleet
from .mission_protocol import MissionLimits
from .telemetry import RATE_PROFILES


def _address(text: str) -> tuple[str, int]:
    host_port = text.removeprefix("udp:").removeprefix("udp://")
    host, _, port = host_port.rpartition(":")
    try:
        return (host or "127.0.0.1", int(port))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected udp:HOST:PORT, got {text!r}") from None


def _home(text: str) -> tuple[float, float, float]:
    try:
        lat, lon, alt = (float(part) for part in text.split(","))
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected LAT,LON,ALT in degrees and metres, got {text!r}") from None
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise argparse.ArgumentTypeError(f"{text!r} is not a valid latitude,longitude,altitude")
    return (lat, lon, alt)


def _positive(text: str) -> float:
    value = float(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(f"must be positive, got {text}")
    return value


def _signing_key(text: str) -> bytes:
    try:
        key = bytes.fromhex(text)
    except ValueError:
        raise argparse.ArgumentTypeError("expected 64 hex digits (a 32-byte MAVLink signing key)") from None
    if len(key) != 32:
        raise argparse.ArgumentTypeError(f"a MAVLink signing key is 32 bytes (64 hex digits), got {len(key)} bytes")
    return key


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--count", type=int, default=1, help="number of vehicles, system ids 1..N (default 1)")
    parser.add_argument("--speedup", type=_positive, default=1.0, help="sim seconds per wall second (default 1)")
    parser.add_argument("--gcs", type=_address, default=("127.0.0.1", 14550),
                        help="where each GCS link sends until a GCS talks to it, udp:HOST:PORT "
                             "(default udp:127.0.0.1:14550, where groundstation and QGroundControl listen)")
    parser.add_argument("--home", type=_home, default=DEFAULT_HOME, help="LAT,LON,ALT of vehicle 1 (default %s,%s,%s, the tripoint near Schengen)" % DEFAULT_HOME)
    parser.add_argument("--base-port", type=int, default=18570, help="vehicle i's GCS link binds BASE_PORT+i-1 (default 18570, as PX4 SITL; 0: any free port)")
    parser.add_argument("--bind", default="127.0.0.1", help="local address the links bind to (default 127.0.0.1)")
    parser.add_argument("--seed", type=int, default=1, help="seed of the simulated noise: the same seed gives the same flight")
    parser.add_argument("--rates", choices=[r for r in RATE_PROFILES if r != "onboard"], default="normal",
                        help="PX4 default GCS rates, or PX4 SITL's 50 Hz overrides")
    parser.add_argument("--api", action="store_true", help="add PX4's API link: local 14580+i -> 14540+i")
    parser.add_argument("--gps-noise", type=float, default=0.0, help="GPS error sigma in metres")
    parser.add_argument("--wind", type=float, default=0.0, help="mean wind speed in m/s")
    parser.add_argument("--signing-key", type=_signing_key, default=None,
                        help="MAVLink 2 signing key, 64 hex digits: signed traffic only, in and out")
    parser.add_argument("--video-port", type=int, default=5600,
                        help="UDP port of vehicle 1's RGB stream (thermal +1; vehicle i adds 2*(i-1))")
    parser.add_argument("--serve-video", nargs="?", const="h264", choices=("h264", "h265"), default=None,
                        metavar="CODEC", help="serve each vehicle's colour and white-hot thermal video over RTSP, "
                        "rendered over the Schengen scenario, as h264 (default) or h265 (needs PyAV's libx265); "
                        "each camera then advertises its rtsp:// addresses instead of --video-port")
    parser.add_argument("--rtsp-port", type=int, default=8554, help="port of the RTSP server of --serve-video (0: any)")
    parser.add_argument("--max-fence", type=int, default=64, help="geofence items a vehicle holds (PX4: 64)")
    parser.add_argument("--max-rally", type=int, default=32, help="rally points a vehicle holds (PX4: 32)")


def run(args: argparse.Namespace) -> int:
    if args.count < 1:
        print(f"error: --count must be at least 1, got {args.count}", file=sys.stderr)
        return 2
    if args.serve_video is not None:
        from sitl.camera.stream import encoder_for

        try:
            encoder_for(args.serve_video)
        except ValueError as exc:  # before any vehicle flies: a codec this PyAV cannot encode
            print(f"error: --serve-video {args.serve_video}: {exc}", file=sys.stderr)
            return 2
    try:
        fleet = SimulatedFleet(count=args.count, home=args.home, gcs=args.gcs, speedup=args.speedup,
                               seed=args.seed, base_port=args.base_port, rates=args.rates, api=args.api,
                               bind_host=args.bind, gps_noise_m=args.gps_noise, wind_speed=args.wind,
                               signing_key=args.signing_key, video_base_port=args.video_port,
                               mission_limits=MissionLimits(fence=args.max_fence, rally=args.max_rally))
    except OSError as exc:  # most often a simulator or PX4 SITL already running on these ports
        last = args.base_port + args.count - 1
        ports = ("any free port" if not args.base_port else f"port {last}" if args.count == 1
                 else f"ports {args.base_port}..{last}")
        print(f"error: cannot open the vehicles' links on {args.bind} {ports}: {exc.strerror or exc}. "
              f"Is another simulator or PX4 SITL running? Stop it, or give --base-port "
              f"(0: any free port)", file=sys.stderr)
        return 1
    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    with fleet, contextlib.ExitStack() as video:
        if args.serve_video is not None:
            _serve_video(video, fleet, args)
        gcs = f"{args.gcs[0]}:{args.gcs[1]}"
        for v in fleet.vehicles:
            line = f"vehicle sysid={v.system_id} gcs-link udp {args.bind}:{v.port} -> {gcs}"
            if v.api_port is not None:
                line += f"  api-link udp {args.bind}:{v.api_port} -> {v.links[1].default_peer[1]}"
            if args.serve_video is not None:
                line += "  video " + " ".join(f"{s.uri} ({s.codec})" for s in v.camera.streams)
            print(line, flush=True)
        print(f"running at {args.speedup:g}x, Ctrl-C to stop", flush=True)
        try:
            done.wait()
        except KeyboardInterrupt:
            pass
    return 0


def _serve_video(stack: contextlib.ExitStack, fleet: SimulatedFleet, args: argparse.Namespace) -> None:
    """Every vehicle's cameras filmed over the Schengen scenario and served on an RTSP server (video only:
    no radiometric side channel), a thermal picture per colour one."""
    from sitl.camera.live import VIDEO_FPS, LiveCamera
    from sitl.camera.rtsp import RtspServer
    from sitl.camera.scenario import SCENARIOS, load_scenario

    server = stack.enter_context(RtspServer(args.bind, args.rtsp_port))
    stack.enter_context(LiveCamera(fleet, load_scenario(SCENARIOS / "schengen.json"),
                                   {v.system_id: None for v in fleet.vehicles}, fps=VIDEO_FPS / args.speedup,
                                   video=server, video_codec=args.serve_video))
