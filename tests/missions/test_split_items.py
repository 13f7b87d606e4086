import math

import pytest
import shapely
from pymavlink.dialects.v20 import common as mavlink

from missions.coverage import coverage, footprint_swaths
from missions.errors import MissionError
from missions.items import plan_to_items
from missions.patterns import expanding_square, parallel_track, size_for_camera
from missions.camera import preset
from missions.split import split_area

from .conftest import DATUM, area_from_metres


@pytest.mark.parametrize("drones", [2, 3, 4])
def test_split_is_balanced_and_each_drone_stays_in_its_part(comb_area, drones):
    shares = split_area(comb_area, drones, 40, 60, turn_margin_m=10)
    assert [s.drone for s in shares] == list(range(1, drones + 1))
    lengths = [s.plan.track_length_m for s in shares]
    assert max(lengths) / min(lengths) < 1.15
    whole = parallel_track(comb_area, 40, 60, turn_margin_m=10)
    assert sum(s.plan.search_length_m for s in shares) == pytest.approx(whole.search_length_m, rel=0.03)

    frame = comb_area.frame()
    region = comb_area.to_local(frame)
    parts = [shapely.union_all([p.to_local(frame) for p in s.parts]) for s in shares]
    assert shapely.union_all(parts).area == pytest.approx(region.area, rel=1e-6)
    for i, a in enumerate(parts):
        for b in parts[i + 1:]:
            assert a.intersection(b).area < 1.0  # parts do not overlap
    for share, part in zip(shares, parts):
        near = part.buffer(10 + 20 + 0.5)  # turn margin + S/2
        for leg in share.plan.legs:
            if leg.searching:
                e, n = frame.to_local([leg.start.lat, leg.end.lat], [leg.start.lon, leg.end.lon])
                assert near.contains(shapely.LineString(list(zip(e, n))))
    # together they still cover the area
    seen = shapely.union_all([footprint_swaths(s.plan, frame, 50) for s in shares])
    assert region.intersection(seen).area / region.area >= 0.99
    assert all(coverage(s.plan, comb_area, 50) < 0.8 for s in shares)  # each did only its share


def test_split_refuses_more_drones_than_tracks():
    small = area_from_metres([(0, 0), (500, 0), (500, 100), (0, 100)])
    with pytest.raises(MissionError, match="only 3 tracks .* among 5 drones"):
        split_area(small, 5, 40, 60)


def test_items_take_off_search_with_the_camera_and_come_home():
    sizing = size_for_camera(preset("dji-m30t-thermal"), altitude_m=60)
    plan = expanding_square(DATUM, sizing.spacing_m, 8, 60, sizing=sizing)
    items = plan_to_items(plan)
    assert len(items) == plan.mission_item_count == 8 + 1 + 5
    assert [i.seq for i in items] == list(range(len(items)))
    assert [i.current for i in items] == [1] + [0] * (len(items) - 1)
    cmds = [i.command for i in items]
    assert cmds[:4] == [mavlink.MAV_CMD_NAV_TAKEOFF, mavlink.MAV_CMD_DO_CHANGE_SPEED, mavlink.MAV_CMD_NAV_WAYPOINT,
                        mavlink.MAV_CMD_DO_SET_CAM_TRIGG_DIST]
    assert cmds[-2:] == [mavlink.MAV_CMD_DO_SET_CAM_TRIGG_DIST, mavlink.MAV_CMD_NAV_RETURN_TO_LAUNCH]
    assert items[3].param1 == pytest.approx(sizing.trigger_distance_m) and items[-2].param1 == 0
    wps = [i for i in items if i.command == mavlink.MAV_CMD_NAV_WAYPOINT]
    assert all(i.frame == mavlink.MAV_FRAME_GLOBAL_RELATIVE_ALT and isinstance(i.x, int) for i in wps)
    assert [(i.x, i.y, i.z) for i in wps] == [(round(w.lat * 1e7), round(w.lon * 1e7), 60.0) for w in plan.waypoints]
    assert all(math.isnan(i.param4) for i in wps)  # yaw left to the autopilot
    assert items[1].param2 == plan.limits.cruise_speed_mps


def test_items_without_a_camera_have_no_trigger():
    items = plan_to_items(expanding_square(DATUM, 40, 4, 60))
    assert mavlink.MAV_CMD_DO_SET_CAM_TRIGG_DIST not in [i.command for i in items]
    assert len(items) == 4 + 1 + 3
