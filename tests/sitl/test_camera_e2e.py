"""End to end in one process: fly an expanding square at 60 m over the Schengen scenario, render
radiometric frames, run vision/pipeline.py with noisy poses, and score against ground truth."""
import time

import cv2
import numpy as np
import pymap3d
import pytest

from sitl.camera.flight import expanding_square
from sitl.camera.render import THERMAL_640, SceneRenderer
from sitl.camera.scenario import SCENARIOS, load_scenario
from vision.findings import distance_m
from vision.georeference import Attitude, CameraModel, PoseSample
from vision.hotspot import RadiometricHotspotDetector
from vision.pipeline import FindingPipeline, thermal_stages
from vision.records import FrameInfo
from vision.thermal_person import ThermalPersonDetector


@pytest.mark.timeout(180)
def test_every_person_and_fire_is_found_once_within_three_metres():
    cv2.setNumThreads(1)
    scenario = load_scenario(SCENARIOS / "schengen.json")
    renderer = SceneRenderer(scenario)
    poses = expanding_square(scenario.lat, scenario.lon, scenario.ground_alt_m + 60.0, spacing_m=30.0, legs=10,
                             speed_mps=10.0, fps=3.0)
    camera = CameraModel(THERMAL_640.width_px, THERMAL_640.height_px, THERMAL_640.hfov_deg)
    pipeline = FindingPipeline(camera, scenario.ground_alt_m,
                               thermal_stages(ThermalPersonDetector(), RadiometricHotspotDetector(), True))
    rng = np.random.default_rng(5)
    gps = np.zeros(2)
    candidates, per_frame_s = [], []
    for pose in poses:
        celsius = renderer.render_thermal(pose, THERMAL_640)
        # what the autopilot reports: GNSS error wandering ~1 m (Gauss-Markov, 30 s), AHRS noise
        gps = gps * np.exp(-1 / 90) + rng.normal(0, 1.0 * np.sqrt(1 - np.exp(-2 / 90)), 2)
        lat, lon, alt = pymap3d.ned2geodetic(gps[0], gps[1], rng.normal(0, 0.5), pose.lat_deg, pose.lon_deg, pose.alt_m)
        reported = PoseSample(pose.time_s, lat, lon, alt,
                              Attitude(rng.normal(0, 0.5), rng.normal(0, 0.5), pose.yaw_deg + rng.normal(0, 1.0)))
        start = time.perf_counter()
        candidates += pipeline.process(celsius, FrameInfo(pose.time_s, 1, "thermal", True), reported,
                                       Attitude(0.0, pose.gimbal_pitch_deg, 0.0))
        per_frame_s.append(time.perf_counter() - start)
    findings = pipeline.registry.findings
    truth = [("person", p.id, p.lat, p.lon) for p in scenario.persons] + \
            [("hotspot", f.id, f.lat, f.lon) for f in scenario.fires]
    matched, errors = {}, []
    for f in findings:
        label, oid, lat, lon = min((t for t in truth if t[0] == f.label),
                                   key=lambda t: distance_m(t[2], t[3], f.lat_deg, f.lon_deg))
        err = distance_m(lat, lon, f.lat_deg, f.lon_deg)
        assert err < 10.0, f"finding {f.finding_id} ({f.label}) is {err:.1f} m from anything real"
        assert oid not in matched, f"{oid} was reported twice"
        matched[oid] = err
        errors.append(err)
    assert sorted(matched) == sorted(t[1] for t in truth)
    assert float(np.median(errors)) <= 3.0
    # what a user sees on the finding: a snapshot, a temperature, a radius that covers the error
    assert all(c.snapshot.size > 0 for c in candidates)
    fires = [c for c in candidates if c.label == "hotspot"]
    assert all(c.temperature_c >= 100 for c in fires)
    persons = [c for c in candidates if c.label == "person"]
    assert all(25 <= c.temperature_c <= 45 for c in persons)
    print(f"\n{len(poses)} frames, median error {np.median(errors):.2f} m, "
          f"p95 frame-to-finding {np.percentile(per_frame_s, 95) * 1000:.0f} ms")


def test_pipeline_refuses_frames_it_cannot_use():
    camera = CameraModel(640, 512, 32.0)
    pipeline = FindingPipeline(camera, 160.0, thermal_stages(ThermalPersonDetector(), RadiometricHotspotDetector(), True))
    pose, gimbal = PoseSample(0, 49.47, 6.37, 220.0, Attitude(0, 0, 0)), Attitude(0, -90, 0)
    info = FrameInfo(0.0, 1, "thermal", True)
    with pytest.raises(ValueError, match="320x256, the camera model 640x512"):
        pipeline.process(np.zeros((256, 320), np.float32), info, pose, gimbal)
    with pytest.raises(ValueError, match="needs a celsius image"):
        pipeline.process(np.zeros((512, 640), np.uint8), FrameInfo(0.0, 1, "thermal", False), pose, gimbal)
    with pytest.raises(ValueError, match="one deg C value per pixel"):
        pipeline.process(np.zeros((512, 640, 3), np.float32), info, pose, gimbal)
    # and a good frame afterwards still goes through
    assert pipeline.process(np.full((512, 640), 14.0, np.float32), info, pose, gimbal) == []
