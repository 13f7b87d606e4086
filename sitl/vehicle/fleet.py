"""A fleet of simulated PX4 multicopters run by one background thread in simulated time."""
from __future__ import annotations

import selectors
import threading
import time
from typing import Callable

import pymap3d

from .camera import VideoStream
from .link import Address
from .mission_protocol import MissionLimits
from .multicopter import Px4Parameters, Wind
from .vehicle import LinkConfig, SimulatedVehicle

DEFAULT_HOME = (49.4700, 6.3700, 200.0)     # Greater Region (Moselle / Luxembourg border)


class SimulatedFleet:
    """N vehicles with system ids 1..N, GCS links on base_port+i and optional API links.

    Physics runs at a fixed step in sim time; sim time runs `speedup` times faster than the wall
    clock. Usable as a context manager. Everything is deterministic for a given seed and the same
    inputs at the same sim times.
    """

    def __init__(self, count: int = 1, home: tuple[float, float, float] = DEFAULT_HOME,
                 gcs: Address | None = ("127.0.0.1", 14550), speedup: float = 1.0, seed: int = 1,
                 base_port: int = 18570, *, rates: str = "normal", api: bool = False,
                 api_base_port: int = 14580, api_peer_base_port: int = 14540, bind_host: str = "127.0.0.1",
                 step_hz: float = 50.0, spacing_m: float = 5.0, gps_fix_delay: float = 3.0,
                 gps_noise_m: float = 0.0, wind_speed: float = 0.0, wind_direction_deg: float = 0.0,
                 params: Px4Parameters | None = None, mission_limits: MissionLimits | None = None,
                 signing_key: bytes | None = None, video_base_port: int = 5600) -> None:
        if count < 1:
            raise ValueError(f"a fleet needs at least one vehicle, got count={count}")
        if not speedup > 0:
            raise ValueError(f"speedup must be positive, got {speedup}")
        if not step_hz > 0:
            raise ValueError(f"step_hz must be positive, got {step_hz}")
        if not (-90 <= home[0] <= 90 and -180 <= home[1] <= 180):
            raise ValueError(f"home {home} is not a latitude, longitude, altitude triple")
        for port in (base_port, api_base_port):
            if port != 0 and not 0 < port + count - 1 < 65536:
                raise ValueError(f"ports {port}..{port + count - 1} are not valid UDP ports")
        self.speedup = float(speedup)
        self.dt = 1.0 / step_hz
        self._steps = 0
        self._lock = threading.RLock()
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self.vehicles: list[SimulatedVehicle] = []
        try:
            for i in range(count):
                links = [LinkConfig("gcs", (bind_host, base_port + i if base_port else 0), gcs, rates)]
                if api:
                    # PX4 SITL: instances past 9 all share the last API peer port
                    peer_port = api_peer_base_port + min(i, 9)
                    links.append(LinkConfig("api", (bind_host, api_base_port + i if api_base_port else 0),
                                            ("127.0.0.1", peer_port), "onboard"))
                lat, lon, alt = pymap3d.enu2geodetic(spacing_m * i, 0.0, 0.0, *home)
                wind = Wind(wind_speed, wind_direction_deg, gust_sigma=0.3 * wind_speed)
                self.vehicles.append(SimulatedVehicle(
                    1 + i, (float(lat), float(lon), float(home[2])), links, seed=seed * 1000 + i,
                    params=params, gps_fix_delay=gps_fix_delay, gps_noise_m=gps_noise_m, wind=wind,
                    mission_limits=mission_limits, video_port=video_base_port + 2 * i))
                if signing_key is not None:
                    self.vehicles[-1].set_signing_key(signing_key)
        except BaseException:
            self._close_vehicles()
            raise

    # ---- lifecycle -----------------------------------------------------------------------------

    def start(self) -> "SimulatedFleet":
        if self._thread is not None:
            raise RuntimeError("fleet already started")
        self._thread = threading.Thread(target=self._run, name="sitl-fleet", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None and self._thread is not threading.current_thread():
            self._thread.join(timeout=5.0)
        self._close_vehicles()

    def __enter__(self) -> "SimulatedFleet":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _close_vehicles(self) -> None:
        for vehicle in self.vehicles:
            vehicle.close()

    def advertise_video(self, system_id: int, streams: tuple[VideoStream, ...]) -> None:
        """Where vehicle `system_id`'s camera video is served from now on (its camera tells the station)."""
        vehicle = next((v for v in self.vehicles if v.system_id == system_id), None)
        if vehicle is None:
            raise ValueError(f"no vehicle with system id {system_id} in the fleet")
        with self._lock:
            vehicle.advertise_streams(streams)

    # ---- time ----------------------------------------------------------------------------------

    @property
    def sim_time(self) -> float:
        return self._steps * self.dt

    def advance(self, seconds: float) -> None:
        """Step the fleet by hand (only when not started): for tests that need no wall clock."""
        if self._thread is not None:
            raise RuntimeError("advance() is for a fleet that is not running; it runs itself once started")
        with self._lock:
            for _ in range(round(seconds / self.dt)):
                self._step()

    def _step(self) -> None:
        for vehicle in self.vehicles:
            vehicle.step(self.dt)
        self._steps += 1

    def wait_until(self, predicate: Callable[[], bool], timeout: float, poll: float = 0.005) -> float:
        """Wait until `predicate()` holds; `timeout` is in sim seconds. Returns the sim time it held."""
        deadline = self.sim_time + timeout
        wall_deadline = time.monotonic() + timeout / self.speedup * 3.0 + 5.0  # if the host is starved
        while True:
            with self._lock:
                if predicate():
                    return self.sim_time
            if self.sim_time > deadline or time.monotonic() > wall_deadline:
                raise TimeoutError(f"condition not met within {timeout} s of sim time (now {self.sim_time:.1f} s)")
            time.sleep(poll)

    def _run(self) -> None:
        selector = selectors.DefaultSelector()
        for vehicle in self.vehicles:
            for link in vehicle.links:
                selector.register(link.sock, selectors.EVENT_READ, (vehicle, link))
        wall_start = time.monotonic()
        try:
            while not self._stop.is_set():
                target_steps = int((time.monotonic() - wall_start) * self.speedup / self.dt)
                with self._lock:
                    # bounded catch-up so incoming commands are still served on a starved host
                    for _ in range(min(target_steps - self._steps, 50)):
                        self._step()
                next_wall = wall_start + (self._steps + 1) * self.dt / self.speedup
                timeout = max(0.0, min(next_wall - time.monotonic(), 0.05))
                for key, _ in selector.select(timeout):
                    vehicle, link = key.data
                    self._drain(vehicle, link)
        finally:
            selector.close()

    def _drain(self, vehicle: SimulatedVehicle, link) -> None:
        while True:
            try:
                data, sender = link.sock.recvfrom(65535)
            except (BlockingIOError, InterruptedError):
                return
            except OSError:
                return          # e.g. ICMP port unreachable surfaced on a UDP socket
            with self._lock:
                vehicle.receive(link, data, sender)
