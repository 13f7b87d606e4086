"""Findings from a vehicle's plain video: the simulated drone over the Schengen scenario serves its
white-hot 8-bit thermal camera over RTSP (no radiometric data on that path); the station runs the
thermal person detector on it and every confirmed track becomes one finding at its place on the
ground, with the vehicle's pose and gimbal attitude at the frame's capture time and the advertised
field of view; what the radiometric side channel already found is updated, not doubled. A stream
with no vehicle shows boxes only; a vehicle that does not say where its camera points gives none,
and the station says why."""

from __future__ import annotations

import math
import threading
import time
from contextlib import contextmanager

import cv2
import pytest
from pymavlink.dialects.v20 import common as mavlink

from drivers.mavlink.session import VehicleSession
from drivers.video.radiometric_link import RadiometricReceiver
from groundstation.core.datadir import DataDir
from groundstation.core.detection import SIGMA_PER_R95
from groundstation.core.engine import Engine
from groundstation.core.stream_detection import (NO_FOV, NO_GIMBAL, NO_POSE, THERMAL_PERSON,
                                                 StreamDetectionError)
from sitl.camera.live import WHITE_HOT, LiveCamera, score
from sitl.camera.render import THERMAL_640, CameraPose, SceneRenderer
from sitl.camera.rtsp import RtspServer
from sitl.camera.scenario import SCENARIOS, load_scenario
from sitl.camera.stream import RadiometricSender
from sitl.vehicle import SimulatedFleet
from vision.findings import distance_m
from drone_video import drone_video, free_udp_url
from waiting import wait_until

SCENARIO = load_scenario(SCENARIOS / "schengen.json")
P5 = next(p for p in SCENARIO.persons if p.id == "p5")  # standing near the middle of the meadow
P2 = next(p for p in SCENARIO.persons if p.id == "p2")  # 50 m north of it
SPEEDUP = 5.0
FLY_ALT_M = 60.0


def a_drone(system_id: int) -> VehicleSession:
    """The station's session of a vehicle fed by hand below (it never commands, so sends nowhere)."""
    return VehicleSession(system_id, lambda msg, session: None, lambda event: None)


def parsed(msg: mavlink.MAVLink_message, system_id: int) -> mavlink.MAVLink_message:
    """A message as it comes off the link (packed and parsed, with its header)."""
    mav = mavlink.MAVLink(None, srcSystem=system_id, srcComponent=1)
    return mavlink.MAVLink(None).parse_char(msg.pack(mav))


def position(system_id: int, lat: float, lon: float, height_m: float) -> mavlink.MAVLink_message:
    alt = SCENARIO.ground_alt_m + height_m
    return parsed(mavlink.MAVLink_global_position_int_message(0, int(lat * 1e7), int(lon * 1e7), int(alt * 1000),
                                                               int(height_m * 1000), 0, 0, 0, 0), system_id)


def gimbal_status(system_id: int, pitch_deg: float, yaw_deg: float, flags: int) -> mavlink.MAVLink_message:
    p, y = math.radians(pitch_deg) / 2, math.radians(yaw_deg) / 2  # roll 0, ZYX
    q = [math.cos(p) * math.cos(y), -math.sin(p) * math.sin(y), math.sin(p) * math.cos(y), math.cos(p) * math.sin(y)]
    return parsed(mavlink.MAVLink_gimbal_device_attitude_status_message(0, 0, 0, flags, q, 0, 0, 0, 0, 0, 0, 0),
                  system_id)


def hover_radiometric(service, session, person, frames=6) -> None:
    """Another drone hovering 60 m above a person, its radiometric camera straight down."""
    renderer = SceneRenderer(SCENARIO)
    pose = CameraPose(0.0, person.lat, person.lon, SCENARIO.ground_alt_m + FLY_ALT_M)
    sender = RadiometricSender(service.listen(), session.state.system_id)
    try:
        for _ in range(frames):
            session.handle(position(session.state.system_id, person.lat, person.lon, FLY_ALT_M), None, None, 0.0)
            sender.send(renderer.render_thermal(pose, THERMAL_640), time.time(), pose, THERMAL_640)
            time.sleep(0.1)
            session.handle(position(session.state.system_id, person.lat, person.lon, FLY_ALT_M), None, None, 0.0)
            time.sleep(0.25)
    finally:
        sender.close()


def thermal_uri(engine: Engine, vehicle_id: int) -> str:
    view = engine.snapshot().vehicles.get(vehicle_id)
    cameras = view.state.cameras if view is not None else {}
    return next((s.uri for c in cameras.values() for s in c.streams if s.thermal and s.uri.startswith("rtsp://")), "")


def errors_to(findings, kind: str, lat: float, lon: float) -> list[float]:
    return [distance_m(lat, lon, f.lat, f.lon) for f in findings if f.kind == kind]


@pytest.mark.timeout(60)
def test_the_drones_white_hot_video_gives_findings_where_the_persons_are_and_updates_those_found_before(tmp_path):
    with Engine(DataDir.open(tmp_path / "data"), links=["udpin:127.0.0.1:0"], record_tlog=False) as engine, \
            SimulatedFleet(count=1, home=(P5.lat, P5.lon, SCENARIO.ground_alt_m), speedup=SPEEDUP, seed=5,
                           gcs=("127.0.0.1", int(engine.links[0].rsplit(":", 1)[1])), base_port=0) as fleet, \
            RadiometricReceiver() as elsewhere, RtspServer() as server:
        store, service = engine.sharing.store, engine.detection
        # another drone's radiometric camera has already found the person at P2
        service.watch(drone7 := a_drone(7))
        hover_radiometric(service, drone7, P2)
        (p2_id,) = wait_until(lambda: service.findings_touched(), 5, "drone 7's finding")

        wait_until(lambda: (v := engine.snapshot().vehicles.get(1)) and v.state.home is not None
                   and v.state.gps_fix.startswith("3D"), 20, "the drone ready")
        engine.point_gimbal(1, -90.0, 0.0).result(timeout=10)
        # vehicle 1's radiometric frames go elsewhere: here only its plain video reaches the station
        with LiveCamera(fleet, SCENARIO, {1: elsewhere.address}, fps=1.0, video=server):
            uri = wait_until(lambda: thermal_uri(engine, 1), 10, "the drone's thermal video advertised")
            engine.stream.open(uri, THERMAL_PERSON, vehicle_id=1)
            engine.arm(1).result(timeout=10)
            engine.takeoff(1, FLY_ALT_M).result(timeout=10)
            vehicle = fleet.vehicles[0]
            fleet.wait_until(lambda: vehicle.truth().alt_rel > FLY_ALT_M - 0.5, 60)

            # over P5: one new finding, where P5 is
            wait_until(lambda: engine.stream.status().new_findings >= 1, 15, "the person below found")
            engine.goto(1, P2.lat, P2.lon, FLY_ALT_M).result(timeout=10)
            # over P2: the finding drone 7 made is seen again, not doubled
            wait_until(lambda: distance_m(vehicle.truth().lat, vehicle.truth().lon, P2.lat, P2.lon) < 2.0, 20,
                       "the drone over P2")
            seen = engine.stream.status().updates
            wait_until(lambda: engine.stream.status().updates > seen + 1, 10, "P2 seen in the video")
            status = engine.stream.status()
            findings = store.all()
            jpeg = {f.id: store.snapshot(f.snapshot_sha256) for f in findings}

    assert status.vehicle_id == 1 and status.unplaced == {}, status
    assert status.new_findings == 1  # P5 only: P2 was drone 7's already
    result = score(SCENARIO, [(str(f.kind), f.lat, f.lon) for f in findings])
    p5_error = min(errors_to(findings, "person", P5.lat, P5.lon))
    (p2,) = [f for f in findings if f.id == p2_id]
    print(f"\nP5 {p5_error:.2f} m off, P2 {distance_m(P2.lat, P2.lon, p2.lat, p2.lon):.2f} m (revision {p2.revision}), "
          f"latency p50 {status.latency_ms:.0f} ms, "
          f"{status.processed} frames, {status.dropped} dropped, {len(findings)} findings")
    assert (result.duplicates, result.false_findings) == (0, 0), result
    assert (result.persons_found, result.fires_found) == (2, 0), result
    assert p5_error < 3.0
    (p5,) = [f for f in findings if f.kind == "person" and f.id != p2_id]
    assert p5.source.endswith("-1") and 0 < p5.h_acc_m < 5.0
    assert all(j is not None and j.startswith(b"\xff\xd8\xff") for j in jpeg.values())  # a snapshot each
    assert p5_error <= p5.h_acc_m / SIGMA_PER_R95  # the 95 % circle on the map holds the person
    assert p2.source.endswith("-7") and distance_m(P2.lat, P2.lon, p2.lat, p2.lon) < 3.0
    assert math.isfinite(status.latency_ms)


@contextmanager
def telemetry(session: VehicleSession, gimbal: list[mavlink.MAVLink_message]):
    """The drone hovering 60 m over P5 says where it is at 20 Hz, and what `gimbal` holds (if anything)."""
    stop = threading.Event()

    def say() -> None:
        sid = session.state.system_id
        while not stop.is_set():
            session.handle(position(sid, P5.lat, P5.lon, FLY_ALT_M), None, None, 0.0)
            for msg in gimbal:
                session.handle(msg, None, None, 0.0)
            stop.wait(0.05)

    talker = threading.Thread(target=say, name="drone telemetry")
    talker.start()
    try:
        yield
    finally:
        stop.set()
        talker.join()


def shown_and_unplaced(engine: Engine, url: str, vehicle_id: int | None, reason: str | None):
    """Open the drone's video for `vehicle_id`; once it shows person boxes, the stream's status."""
    engine.stream.open(url, THERMAL_PERSON, vehicle_id=vehicle_id)
    wait_until(lambda: (v := engine.stream.view()) and v.result and any(d.label == "person" for d in v.result.detections),
               15, "person boxes on the drone's video")
    if reason is not None:
        wait_until(lambda: engine.stream.status().unplaced.get(reason, 0) >= 3, 5, f"frames counted as {reason!r}")
    return engine.stream.status()


@pytest.mark.timeout(60)
def test_boxes_but_no_findings_without_a_vehicle_or_without_its_pose_gimbal_or_field_of_view(tmp_path):
    white_hot = SceneRenderer(SCENARIO).render_thermal(
        CameraPose(0.0, P5.lat, P5.lon, SCENARIO.ground_alt_m + FLY_ALT_M), THERMAL_640)
    image = cv2.cvtColor(WHITE_HOT.from_celsius(white_hot), cv2.COLOR_GRAY2BGR)
    with Engine(DataDir.open(tmp_path / "data"), links=["udpin:127.0.0.1:0"], record_tlog=False) as engine:
        store, service = engine.sharing.store, engine.detection
        service.watch(drone7 := a_drone(7))
        # drone 7's gimbal does not know its attitude at first (a NaN quaternion, as MAVLink allows)
        gimbal = [gimbal_status(7, math.nan, 0.0, mavlink.GIMBAL_DEVICE_FLAGS_YAW_IN_VEHICLE_FRAME)]
        with telemetry(drone7, gimbal):
            url = free_udp_url()
            with drone_video(url, image):
                # a stream of no vehicle: boxes only
                unbound = shown_and_unplaced(engine, url, None, None)
                # a vehicle id that cannot be one is refused, and the stream goes on as it was
                with pytest.raises(StreamDetectionError, match="a vehicle is a MAVLink system id 1..255, got 0"):
                    engine.stream.open(url, THERMAL_PERSON, vehicle_id=0)
                assert engine.stream.status().uri == url and engine.stream.status().vehicle_id is None
                time.sleep(1.0)  # frames enough for a confirmed track, had there been a vehicle
            # vehicle 9 sends no telemetry: no pose
            with drone_video(url := free_udp_url(), image):
                no_pose = shown_and_unplaced(engine, url, 9, NO_POSE)
            # drone 7 has a pose but no gimbal attitude
            with drone_video(url := free_udp_url(), image):
                no_gimbal = shown_and_unplaced(engine, url, 7, NO_GIMBAL)
            # with its gimbal (yaw from north here), but this stream is none its camera advertised
            gimbal[:] = [gimbal_status(7, -60.0, 100.0, mavlink.GIMBAL_DEVICE_FLAGS_YAW_IN_EARTH_FRAME)]
            time.sleep(0.2)
            yaw_from_nose = service.gimbal_at(7, time.time(), 40.0).yaw_deg
            with drone_video(url := free_udp_url(), image):
                no_fov = shown_and_unplaced(engine, url, 7, NO_FOV)
            findings = store.all()

    assert unbound.vehicle_id is None and unbound.unplaced == {} and unbound.new_findings == 0
    assert no_pose.vehicle_id == 9 and set(no_pose.unplaced) == {NO_POSE}
    assert "no telemetry from vehicle 9" in no_pose.last_unplaced
    assert set(no_gimbal.unplaced) == {NO_GIMBAL} and "no gimbal attitude" in no_gimbal.last_unplaced
    assert set(no_fov.unplaced) == {NO_FOV} and f"vehicle 7 advertises no field of view for {url}" == no_fov.last_unplaced
    assert yaw_from_nose == pytest.approx(60.0)  # 100 deg from north, the drone heading 40 deg
    assert findings == [] and all(s.new_findings == s.updates == 0 for s in (no_pose, no_gimbal, no_fov))
