import math

import pytest

from missions.camera import PRESETS, Camera, preset
from missions.errors import MissionError
from missions.patterns import size_for_camera


def test_footprint_is_two_h_tan_half_fov():
    cam = preset("flir-boson-640-14mm")
    across, along = cam.footprint(60)
    assert across == pytest.approx(2 * 60 * math.tan(math.radians(16)), rel=1e-12)
    assert along == pytest.approx(2 * 60 * math.tan(math.radians(13)), rel=1e-12)


def test_spacing_and_trigger_distance_shrink_by_overlap():
    cam = preset("dji-m30t-thermal")
    across, along = cam.footprint(50)
    assert cam.track_spacing(50, 0.3) == pytest.approx(0.7 * across)
    assert cam.trigger_distance(50, 0.6) == pytest.approx(0.4 * along)


def test_height_for_gsd_inverts_gsd():
    cam = preset("sony-1in-20mp-8.8mm")
    h = cam.height_for_gsd(2.0)
    assert cam.gsd_cm(h) == pytest.approx(2.0)
    # pinhole check: GSD = pixel pitch * h / f = 13.2/5472 mm * h / 8.8 mm
    assert h == pytest.approx(0.02 * 8.8 / (13.2 / 5472), rel=1e-9)


@pytest.mark.parametrize("name,dfov", [("dji-h20t-thermal", 40.6), ("dji-m30t-thermal", 61.0),
                                       ("dji-mavic-3t-thermal", 61.0)])
def test_dji_thermal_presets_match_the_published_diagonal_fov(name, dfov):
    cam = preset(name)
    diag = 2 * math.degrees(math.atan(math.hypot(math.tan(math.radians(cam.hfov_deg / 2)),
                                                 math.tan(math.radians(cam.vfov_deg / 2)))))
    # pinhole from the focal length: at most the published (distorted) diagonal, never wider,
    # so tracks err on the close side
    assert dfov - 5.0 <= diag <= dfov + 0.5
    assert cam.hfov_deg < dfov - 8  # the diagonal must not be used as the horizontal FOV
    assert (cam.image_width_px, cam.image_height_px, cam.kind) == (640, 512, "thermal")


def test_presets_include_thermal_and_rgb():
    kinds = {c.kind for c in PRESETS.values()}
    assert kinds == {"thermal", "rgb"}
    assert len([c for c in PRESETS.values() if c.kind == "thermal"]) >= 5


def test_unknown_preset_lists_the_known_ones():
    with pytest.raises(MissionError, match="known cameras: .*flir-boson-640-14mm"):
        preset("gopro")


def test_custom_camera_from_sensor():
    cam = Camera.from_sensor("custom", 6.4, 4.8, 4.0, 1920, 1440)
    assert cam.hfov_deg == pytest.approx(2 * math.degrees(math.atan(3.2 / 4.0)))


@pytest.mark.parametrize("call,fragment", [
    (lambda: preset("flir-boson-640-14mm").footprint(0), "height above ground 0"),
    (lambda: preset("flir-boson-640-14mm").track_spacing(50, 1.0), "side overlap 1.0"),
    (lambda: preset("flir-boson-640-14mm").trigger_distance(50, -0.1), "front overlap"),
    (lambda: Camera.from_hfov("x", 190, 640, 512), "field of view 190"),
    (lambda: Camera.from_sensor("x", 0, 4, 4, 640, 480), "must be positive"),
    (lambda: preset("flir-boson-640-14mm").height_for_gsd(0), "must be positive"),
])
def test_bad_camera_input_is_refused(call, fragment):
    with pytest.raises(MissionError, match=fragment):
        call()


def test_size_for_camera_by_altitude_or_gsd():
    cam = preset("flir-boson-640-8.7mm")
    by_alt = size_for_camera(cam, altitude_m=80, side_overlap=0.25)
    assert by_alt.spacing_m == pytest.approx(0.75 * by_alt.footprint_width_m)
    by_gsd = size_for_camera(cam, gsd_cm=by_alt.gsd_cm, side_overlap=0.25)
    assert by_gsd.altitude_m == pytest.approx(80)
    with pytest.raises(MissionError, match="either the altitude or the wanted ground resolution"):
        size_for_camera(cam, altitude_m=80, gsd_cm=5)
