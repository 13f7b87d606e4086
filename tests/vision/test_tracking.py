import math

import pytest

from vision.findings import FindingRegistry, distance_m
from vision.georeference import GroundFix
from vision.records import Box, Detection
from vision.tracker import Tracker


def person(x: float, y: float, conf: float = 0.8) -> Detection:
    return Detection(Box(x - 8, y - 8, 16, 16), "person", conf)


def test_two_walkers_keep_their_identity_while_crossing_paths_and_a_missed_frame() -> None:
    tracker = Tracker(confirm_hits=3, window=5)
    confirmed = {}
    for k in range(12):
        a = person(100 + 6 * k, 200)  # walks right
        b = person(200 - 6 * k, 230)  # walks left, 30 px below
        frame = [a, b] if k != 5 else [b]  # a is missed once
        for t in tracker.update(frame, k * 0.1):
            confirmed[t.track_id] = t
    assert len(confirmed) == 2
    ids = {round(t.last.box.centre[1]): t.track_id for t in tracker.tracks}
    assert set(ids) == {200, 230} and ids[200] != ids[230]
    assert len(tracker.tracks) == 2  # no track was split by the missed frame


def test_a_one_frame_flicker_never_confirms() -> None:
    tracker = Tracker(confirm_hits=3, window=5)
    assert tracker.update([person(50, 50)], 0.0) == []
    for k in range(1, 8):
        assert tracker.update([], k * 0.1) == []
    assert tracker.tracks == []  # dropped after max_misses


def test_confirmation_happens_once_per_track() -> None:
    tracker = Tracker(confirm_hits=2, window=3)
    events = [len(tracker.update([person(10, 10)], k)) for k in range(6)]
    assert events == [0, 1, 0, 0, 0, 0]


def test_labels_never_mix() -> None:
    tracker = Tracker(confirm_hits=1, window=1)
    tracker.update([person(10, 10)], 0)
    hot = Detection(Box(2, 2, 16, 16), "hotspot", 0.9)
    tracker.update([hot], 1)
    assert {t.label for t in tracker.tracks} == {"person", "hotspot"}


def test_bad_tracker_settings_are_refused() -> None:
    with pytest.raises(ValueError, match="confirm_hits"):
        Tracker(confirm_hits=4, window=3)


def fix(north_m: float, east_m: float, radius: float) -> GroundFix:
    lat0, lon0 = 49.47, 6.37  # near Schengen
    return GroundFix(lat0 + north_m / 111_200.0, lon0 + east_m / (111_200.0 * math.cos(math.radians(lat0))),
                     200.0, radius, 80.0)


def test_same_person_seen_by_two_drones_is_one_finding() -> None:
    reg = FindingRegistry()
    f1, new1 = reg.report("person", fix(0, 0, 4.0), 10.0, vehicle_id=1, confidence=0.7)
    f2, new2 = reg.report("person", fix(2.5, -1.0, 3.0), 25.0, vehicle_id=2, confidence=0.9)
    assert new1 and not new2 and f1 is f2
    assert len(reg.findings) == 1 and f1.vehicles == {1, 2} and f1.sightings == 2
    assert f1.radius_m < 3.0  # two sightings are surer than either
    # the sharper second sighting pulls the position more than half way
    assert distance_m(f1.lat_deg, f1.lon_deg, *_ll(fix(2.5, -1.0, 3.0))) < 1.4


def _ll(f: GroundFix) -> tuple[float, float]:
    return f.lat_deg, f.lon_deg


def test_two_persons_apart_are_two_findings_and_a_fire_beside_a_person_too() -> None:
    reg = FindingRegistry()
    reg.report("person", fix(0, 0, 3.0), 0, 1, 0.8)
    _, new = reg.report("person", fix(15, 0, 3.0), 1, 1, 0.8)
    assert new
    _, new = reg.report("hotspot", fix(0, 0, 3.0), 2, 1, 0.8, max_temp_c=400)
    assert new and len(reg.findings) == 3


def test_sighting_without_usable_radius_is_refused_and_nothing_is_lost() -> None:
    reg = FindingRegistry()
    reg.report("person", fix(0, 0, 3.0), 0, 1, 0.8)
    with pytest.raises(ValueError, match="uncertainty"):
        reg.report("person", fix(1, 0, float("inf")), 1, 1, 0.8)
    assert len(reg.findings) == 1 and reg.findings[0].sightings == 1
