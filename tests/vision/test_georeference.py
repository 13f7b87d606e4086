"""Georeferencing against cases that can be worked out by hand."""
import math

import pymap3d
import pytest

from vision.georeference import (Attitude, CameraModel, PoseErrors, PoseHistory, PoseSample, locate,
                                 ray_ned)

CAM = CameraModel(640, 512, 60.0)
NADIR = Attitude(0, -90, 0)
LAT, LON, GROUND = 49.47, 6.37, 200.0


def pose(roll=0.0, pitch=0.0, yaw=0.0, alt=GROUND + 60.0, t=0.0) -> PoseSample:
    return PoseSample(t, LAT, LON, alt, Attitude(roll, pitch, yaw))


def offset(fix) -> tuple[float, float]:
    n, e, _ = pymap3d.geodetic2ned(fix.lat_deg, fix.lon_deg, GROUND, LAT, LON, GROUND)
    return n, e


def test_nadir_centre_pixel_is_straight_below() -> None:
    fix = locate(CAM, 320, 256, pose(), NADIR, GROUND)
    assert offset(fix) == pytest.approx((0, 0), abs=0.01)
    assert fix.range_m == pytest.approx(60.0)


def test_nadir_right_edge_is_east_by_half_the_footprint() -> None:
    n, e = offset(locate(CAM, 640, 256, pose(), NADIR, GROUND))
    assert e == pytest.approx(60.0 * math.tan(math.radians(30)), abs=0.02) and n == pytest.approx(0, abs=0.02)


def test_nadir_top_of_image_is_ahead_and_follows_the_heading() -> None:
    n, e = offset(locate(CAM, 320, 0, pose(yaw=90), NADIR, GROUND))
    vfov_half = math.atan(256 / CAM.focal_px)
    assert e == pytest.approx(60.0 * math.tan(vfov_half), abs=0.02) and n == pytest.approx(0, abs=0.02)


def test_oblique_45_degrees_centre_is_one_height_ahead() -> None:
    n, e = offset(locate(CAM, 320, 256, pose(yaw=0), Attitude(0, -45, 0), GROUND))
    assert n == pytest.approx(60.0, abs=0.02) and e == pytest.approx(0, abs=0.02)


def test_oblique_30_degrees_heading_south() -> None:
    n, e = offset(locate(CAM, 320, 256, pose(yaw=180), Attitude(0, -30, 0), GROUND))
    assert n == pytest.approx(-60.0 / math.tan(math.radians(30)), abs=0.05)


def test_rolled_vehicle_with_body_fixed_nadir_camera_looks_to_the_low_side() -> None:
    # right wing 10 deg down tilts the belly camera to the left (west when heading north)
    n, e = offset(locate(CAM, 320, 256, pose(roll=10), NADIR, GROUND))
    assert e == pytest.approx(-60.0 * math.tan(math.radians(10)), abs=0.02) and n == pytest.approx(0, abs=0.02)


def test_uncertainty_grows_with_errors_and_with_obliquity() -> None:
    nadir = locate(CAM, 320, 256, pose(), NADIR, GROUND)
    sloppy = locate(CAM, 320, 256, pose(), NADIR, GROUND, PoseErrors(3, 6, 5, 5))
    oblique = locate(CAM, 320, 256, pose(), Attitude(0, -30, 0), GROUND)
    assert 2.0 < nadir.radius_m < 8.0  # 1.5 m GNSS + 1 deg at 60 m, 95 %
    assert sloppy.radius_m > 2 * nadir.radius_m
    assert oblique.radius_m > 2 * nadir.radius_m


def test_ray_above_horizon_and_camera_below_ground_are_refused() -> None:
    with pytest.raises(ValueError, match="horizon"):
        locate(CAM, 320, 256, pose(), Attitude(0, 10, 0), GROUND)
    with pytest.raises(ValueError, match="not above the ground"):
        locate(CAM, 320, 256, pose(alt=GROUND - 1), NADIR, GROUND)


def test_pose_is_interpolated_at_the_frame_time_and_yaw_wraps_the_short_way() -> None:
    history = PoseHistory()
    history.add(PoseSample(1.0, LAT, LON, 260.0, Attitude(0, 0, 350)))
    history.add(PoseSample(0.0, LAT, LON, 250.0, Attitude(0, 0, 340)))
    history.add(PoseSample(2.0, LAT + 0.001, LON, 270.0, Attitude(4, 0, 10)))
    mid = history.at(1.5)
    assert mid.alt_m == pytest.approx(265.0) and mid.lat_deg == pytest.approx(LAT + 0.0005)
    assert mid.attitude.yaw_deg % 360 == pytest.approx(0.0) and mid.attitude.roll_deg == pytest.approx(2.0)
    with pytest.raises(LookupError, match="no vehicle pose within"):
        history.at(10.0)
    with pytest.raises(LookupError, match="no vehicle pose known"):
        PoseHistory().at(0.0)


def test_gimbal_yaw_turns_the_view() -> None:
    d = ray_ned(CAM, 320, 256, Attitude(0, 0, 0), Attitude(0, -45, 90))
    assert d == pytest.approx([0, math.sqrt(0.5), math.sqrt(0.5)], abs=1e-9)
