"""Detection end to end: the engine flies a simulated drone on an expanding square at 60 m over the
Schengen scenario; the drone's live thermal camera sends frames over the radiometric side channel;
the station's DetectionService turns them into findings in the store, scored against ground truth."""

import socket
import time

import numpy as np
import pytest
from pymavlink.dialects.v20 import common as mavlink

from drivers.mavlink.session import VehicleSession
from drivers.video.radiometric_link import FramePose, pack_frame
from drivers.video.thermal import KELVIN_64
from groundstation.core.datadir import DataDir
from groundstation.core.detection import SIGMA_PER_R95
from groundstation.core.engine import Engine
from groundstation.demo import search_mission
from sitl.camera.live import LiveCamera, score
from sitl.camera.render import THERMAL_640, CameraPose, SceneRenderer
from sitl.camera.scenario import SCENARIOS, load_scenario
from sitl.camera.stream import RadiometricSender
from sitl.vehicle import SimulatedFleet
from vision.findings import distance_m
from waiting import wait_until as wait_for

SPEEDUP = 5.0
SCENARIO = load_scenario(SCENARIOS / "schengen.json")


@pytest.fixture
def station(tmp_path):
    data = DataDir.open(tmp_path)
    (data.root / "settings.json").write_text('{"operator": "Sgt. Muller", "station_id": "gs-lu-1"}')
    with Engine(data, links=["udpin:127.0.0.1:0"]) as engine:
        port = int(engine.links[0].rsplit(":", 1)[1])
        home = (SCENARIO.lat, SCENARIO.lon, SCENARIO.ground_alt_m)
        with SimulatedFleet(count=1, home=home, gcs=("127.0.0.1", port), speedup=SPEEDUP, seed=4,
                            base_port=0, gps_noise_m=1.0) as fleet:  # GNSS wandering ~1 m
            wait_for(lambda: (v := engine.snapshot().vehicles.get(1)) and v.state.home is not None
                     and v.state.gps_fix.startswith("3D"), 30, "the drone ready")
            yield engine, fleet, engine.detection


@pytest.mark.timeout(120)
def test_every_person_and_fire_becomes_one_finding_with_a_snapshot(station):
    engine, fleet, service = station
    address = service.listen()
    # bad input first: junk on the side channel, a frame from a camera whose vehicle the station has
    # no telemetry of, one that does not say where it pointed; each is reported and skipped, and
    # detection carries on
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as junk:
        junk.sendto(b"GSRT but not a frame", address)
    meadow = KELVIN_64.from_celsius(np.full((512, 640), 14.0, np.float32))
    pose = FramePose(SCENARIO.lat, SCENARIO.lon, SCENARIO.ground_alt_m + 60, 0, 0, 0, 0, -90, 0, 32.0)
    pointing_nowhere = FramePose(SCENARIO.lat, SCENARIO.lon, SCENARIO.ground_alt_m + 60, 0, 0, 0, 0, float("nan"),
                                 0, 32.0)
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
        for vehicle, frame_pose in ((9, pose), (1, pointing_nowhere)):
            other_camera = service.listen()
            for datagram in pack_frame(meadow, KELVIN_64, 0, time.time(), frame_pose, vehicle_id=vehicle):
                sock.sendto(datagram, other_camera)

    items = search_mission(SCENARIO)  # the demo's: expanding square, 30 m spacing, 60 m up, 8 m/s
    engine.upload_mission(1, items).result(timeout=15)
    engine.point_gimbal(1, -90.0, 0.0).result(timeout=10)
    with LiveCamera(fleet, SCENARIO, {1: address}, fps=2.0):
        engine.arm(1).result(timeout=10)
        engine.start_mission(1).result(timeout=10)
        rtl = len(items) - 1
        wait_for(lambda: fleet.vehicles[0].truth().mission_seq >= rtl, 220 / SPEEDUP + 20, "the square flown")
    # the last frames through the worker and their findings stored by the engine loop: on a busy
    # machine that really takes longer than on an idle one, so wait for it, not for a set time
    assert service.drain(30), "the station still busy with the frames it got"

    stats = service.stats()
    store = engine.sharing.store
    findings = [store.get(i) for i in service.findings_touched()]
    result = score(SCENARIO, [(str(f.kind), f.lat, f.lon) for f in findings])
    print(f"\n{stats.processed} frames, {len(findings)} findings, median error {result.median_error_m:.2f} m, "
          f"max {result.max_error_m:.2f} m, latency p50 {stats.latency_p50_ms:.0f} ms "
          f"p95 {stats.latency_p95_ms:.0f} ms, {stats.new_findings} new, {stats.updates} updates, "
          f"{stats.dropped} dropped")
    assert (result.persons_found, result.fires_found) == (6, 3)
    assert (result.duplicates, result.false_findings) == (0, 0)
    assert result.median_error_m <= 3.0
    for f in findings:
        jpeg = store.snapshot(f.snapshot_sha256)
        assert jpeg is not None and jpeg.startswith(b"\xff\xd8\xff")
        assert f.source == "gs-lu-1-1" and f.origin_station == "gs-lu-1" and f.changed_by == "Sgt. Muller"
        assert f.status == "unconfirmed" and 0 < f.h_acc_m < 5.0
    # the 95 % circle drawn on the map holds the person or fire it stands for
    truth = [("person", p.lat, p.lon) for p in SCENARIO.persons] + [("hotspot", x.lat, x.lon) for x in SCENARIO.fires]
    for f in findings:
        error = min(distance_m(lat, lon, f.lat, f.lon) for kind, lat, lon in truth if kind == f.kind)
        assert error <= f.h_acc_m / SIGMA_PER_R95, f"{f.kind} {error:.1f} m off, beyond its 95 % radius"
    # seen again on a later leg: the finding was moved, not doubled
    assert stats.updates > 0 and any(f.revision > 1 for f in findings)
    assert np.isfinite(stats.latency_p95_ms)
    assert any("truncated datagram" in e for e in stats.errors)
    assert any("vehicle 9 skipped: no telemetry from that vehicle" in e for e in stats.errors)
    assert any("vehicle 1 refused: it does not say where the camera pointed" in e for e in stats.errors)


def position(mav, lat, lon, ground_alt_m, height_m):
    """GLOBAL_POSITION_INT as it comes off the link (parsed, with its header)."""
    msg = mav.global_position_int_encode(0, int(lat * 1e7), int(lon * 1e7), int((ground_alt_m + height_m) * 1000),
                                         int(height_m * 1000), 0, 0, 0, 0)
    return mavlink.MAVLink(None).parse_char(msg.pack(mav))


def hover_over(service, session, person, frames=6):
    """A drone hovering 60 m above a person, its camera straight down: telemetry and frames."""
    mav = mavlink.MAVLink(None, srcSystem=session.state.system_id, srcComponent=1)
    renderer = SceneRenderer(SCENARIO)
    pose = CameraPose(0.0, person.lat, person.lon, SCENARIO.ground_alt_m + 60.0)
    sender = RadiometricSender(service.listen(), session.state.system_id)
    try:
        for _ in range(frames):
            session.handle(position(mav, person.lat, person.lon, SCENARIO.ground_alt_m, 60.0), None, None, 0.0)
            sender.send(renderer.render_thermal(pose, THERMAL_640), time.time(), pose, THERMAL_640)
            time.sleep(0.1)
            session.handle(position(mav, person.lat, person.lon, SCENARIO.ground_alt_m, 60.0), None, None, 0.0)
            time.sleep(0.25)  # the station's clock moves on, as the tracker wants
    finally:
        sender.close()


def a_drone(system_id: int) -> VehicleSession:
    """The station's session of a vehicle, fed by hand below (it never commands, so sends nowhere)."""
    return VehicleSession(system_id, lambda msg, session: None, lambda event: None)


@pytest.mark.timeout(60)
def test_another_drone_and_a_restarted_station_update_the_finding_made_before(tmp_path):
    person = next(p for p in SCENARIO.persons if p.posture == "lying")
    data = DataDir.open(tmp_path)
    with Engine(data, links=["udpin:127.0.0.1:0"]) as engine:
        store = engine.sharing.store
        first = engine.detection
        first.watch(drone7 := a_drone(7))
        hover_over(first, drone7, person)
        (finding_id,) = wait_for(lambda: first.findings_touched(), 5, "the person found")
        time.sleep(0.5)  # drone 7's last sightings stored
        seen = first.stats().updates
        first.watch(drone8 := a_drone(8))
        hover_over(first, drone8, person)
        wait_for(lambda: first.stats().updates > seen, 5, "the person seen by the second drone")
        assert first.findings_touched() == {finding_id} and first.stats().new_findings == 1
        assert store.get(finding_id).kind == "person" and store.get(finding_id).source.endswith("-7")

    with Engine(data, links=["udpin:127.0.0.1:0"]) as engine:  # the station restarted
        store = engine.sharing.store
        again = engine.detection  # it knows only what the store holds
        again.watch(drone7 := a_drone(7))
        hover_over(again, drone7, person)
        wait_for(lambda: again.stats().updates > 0, 5, "the person seen after the restart")
        assert again.findings_touched() == {finding_id} and again.stats().new_findings == 0
        assert [f.id for f in store.all()] == [finding_id]
        f = store.get(finding_id)
        assert f.revision > 1 and distance_m(person.lat, person.lon, f.lat, f.lon) < 2.0


@pytest.mark.timeout(60)
def test_the_newest_frame_of_each_vehicle_is_kept_decoded_with_its_boxes_for_the_video_panel(tmp_path):
    person = next(p for p in SCENARIO.persons if p.posture == "standing")
    with Engine(DataDir.open(tmp_path), links=["udpin:127.0.0.1:0"]) as engine:
        service = engine.detection
        assert service.latest_frame(7) is None  # nothing seen yet
        service.watch(drone7 := a_drone(7))
        hover_over(service, drone7, person, frames=3)
        latest = wait_for(lambda: (f := service.latest_frame(7)) and f.seq == 2 and f, 5, "the third frame")
        assert latest.vehicle_id == 7 and latest.celsius.shape == (512, 640)
        assert not latest.celsius.flags.writeable  # shared with the window's thread: nobody may change it
        assert latest.celsius.dtype == np.float32 and 10.0 < float(np.median(latest.celsius)) < 20.0  # the meadow
        (box,) = [d for d in latest.detections if d.label == "person"]
        cx, cy = box.box.centre
        assert abs(cx - 320) < 20 and abs(cy - 256) < 20  # straight below the hovering drone
        x, y, w, h = (int(v) for v in (box.box.x, box.box.y, box.box.w, box.box.h))
        inside = latest.celsius[y:y + h + 1, x:x + w + 1]
        assert box.max_temp_c == pytest.approx(float(inside.max()), abs=0.01) and 25.0 < box.max_temp_c < 40.0

        # a camera whose vehicle sends no telemetry: its frames are still shown, without boxes
        meadow = KELVIN_64.from_celsius(np.full((512, 640), 14.0, np.float32))
        pose = FramePose(SCENARIO.lat, SCENARIO.lon, SCENARIO.ground_alt_m + 60, 0, 0, 0, 0, -90, 0, 32.0)
        camera = service.listen()
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as sock:
            for datagram in pack_frame(meadow, KELVIN_64, 5, time.time(), pose, vehicle_id=9):
                sock.sendto(datagram, camera)
        unknown = wait_for(lambda: service.latest_frame(9), 5, "the frame of vehicle 9")
        assert unknown.seq == 5 and unknown.detections == ()
        assert float(unknown.celsius[0, 0]) == pytest.approx(14.0, abs=0.02)
        assert service.latest_frame(7).seq == 2  # each vehicle keeps its own
