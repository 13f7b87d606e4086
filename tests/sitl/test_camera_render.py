"""The synthetic camera: scenario files, and its pixels land where vision/georeference.py says."""
import json

import cv2
import numpy as np
import pytest

from sitl.camera.render import CameraPose, Intrinsics, SceneRenderer
from sitl.camera.scenario import SCENARIOS, ScenarioError, load_scenario, parse_scenario
from vision.findings import distance_m
from vision.georeference import Attitude, CameraModel, PoseSample, locate
from vision.hotspot import RadiometricHotspotDetector

CAM = Intrinsics(640, 512, 32.0)
ORIGIN = {"lat": 49.47, "lon": 6.37, "ground_alt_m": 160.0}


def one_fire(lat: float, lon: float) -> SceneRenderer:
    raw = {"origin": ORIGIN, "extent_m": 300, "ground": {"kind": "procedural", "seed": 1}, "ambient_c": 12.0,
           "noise": {"thermal_netd_c": 0.0, "blur_px": 0.0}, "persons": [],
           "fires": [{"id": "f", "lat": lat, "lon": lon, "temp_c": 500.0, "radius_m": 0.6}]}
    return SceneRenderer(parse_scenario(raw))


@pytest.mark.parametrize("name, pose", [
    ("nadir", CameraPose(0, 49.47002, 6.37003, 220.0, yaw_deg=35.0)),
    ("oblique", CameraPose(0, 49.4696, 6.3697, 220.0, yaw_deg=20.0, gimbal_pitch_deg=-50.0)),
    ("rolled vehicle", CameraPose(0, 49.47, 6.37, 200.0, roll_deg=8.0, pitch_deg=-5.0, yaw_deg=-120.0,
                                  gimbal_pitch_deg=-70.0, gimbal_yaw_deg=10.0)),
])
def test_rendered_fire_lands_where_georeferencing_puts_it(name, pose):
    # put the fire off-centre in the image, where every angle matters
    probe = one_fire(49.47, 6.37)
    model = CameraModel(CAM.width_px, CAM.height_px, CAM.hfov_deg)
    sample = PoseSample(0, pose.lat_deg, pose.lon_deg, pose.alt_m, Attitude(pose.roll_deg, pose.pitch_deg, pose.yaw_deg))
    gimbal = Attitude(pose.gimbal_roll_deg, pose.gimbal_pitch_deg, pose.gimbal_yaw_deg)
    target = locate(model, 450.0, 330.0, sample, gimbal, 160.0, samples=10)
    renderer = one_fire(target.lat_deg, target.lon_deg)
    celsius = renderer.render_thermal(pose, CAM)
    [hot] = RadiometricHotspotDetector().detect(celsius)
    mask = (celsius >= 100).astype(np.uint8)
    m = cv2.moments(mask)
    u, v = m["m10"] / m["m00"] + 0.5, m["m01"] / m["m00"] + 0.5  # pixel centres sit at +0.5
    assert (u, v) == pytest.approx((450.0, 330.0), abs=1.0), name
    back = locate(model, u, v, sample, gimbal, 160.0, samples=10)
    assert distance_m(back.lat_deg, back.lon_deg, target.lat_deg, target.lon_deg) < 0.15, name
    [truth] = renderer.truth(pose, CAM)
    assert (truth.u, truth.v) == pytest.approx((450.0, 330.0), abs=0.05)
    assert hot.box.iou(type(hot.box)(truth.x, truth.y, truth.w, truth.h)) > 0.3
    assert probe.project(pose, CAM, target.lat_deg, target.lon_deg) == pytest.approx((450.0, 330.0), abs=0.05)


def test_schengen_scenario_has_persons_and_fires_with_temperatures():
    s = load_scenario(SCENARIOS / "schengen.json")
    assert abs(s.lat - 49.47) < 0.01 and abs(s.lon - 6.37) < 0.01
    assert len(s.persons) >= 5 and len(s.fires) >= 3
    assert {p.posture for p in s.persons} == {"lying", "standing"}
    renderer = SceneRenderer(s)
    p = s.persons[0]
    pose = CameraPose(0, p.lat, p.lon, s.ground_alt_m + 60)
    rgb, celsius = renderer.render(pose, CAM)
    assert rgb.shape == (512, 640, 3) and celsius.dtype == np.float32
    assert celsius[250:262, 314:326].max() > p.body_temp_c - 3  # the person is warm, in deg C
    assert abs(float(np.median(celsius)) - s.ambient_c) < 6


def test_looking_at_the_horizon_shows_cold_sky_and_below_ground_is_refused():
    renderer = one_fire(49.47, 6.37)
    celsius = renderer.render_thermal(CameraPose(0, 49.47, 6.37, 200.0, gimbal_pitch_deg=0.0), CAM)
    assert celsius[0, 0] == pytest.approx(-20.0) and celsius[-1, 0] > 0
    with pytest.raises(ValueError, match="above the scene ground"):
        renderer.render_thermal(CameraPose(0, 49.47, 6.37, 150.0), CAM)


@pytest.mark.parametrize("change, words", [
    (lambda r: r.pop("ambient_c"), "'ambient_c' is a required property"),
    (lambda r: r["persons"][0].update(posture="sitting"), "persons/0/posture"),
    (lambda r: r["fires"][0].update(temp_c=20), "fires/0/temp_c"),
    (lambda r: r["fires"].append(dict(r["fires"][0])), "unique"),
    (lambda r: r.update(ground={"kind": "image", "path": "nope.png", "metres_per_pixel": 0.2}), "not found"),
])
def test_bad_scenario_files_say_what_is_wrong(tmp_path, change, words):
    raw = json.loads((SCENARIOS / "schengen.json").read_text())
    change(raw)
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(raw))
    with pytest.raises(ScenarioError, match=words):
        load_scenario(path)
    path.write_text("{ not json")
    with pytest.raises(ScenarioError, match="cannot read scenario"):
        load_scenario(path)
