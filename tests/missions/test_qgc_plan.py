import copy
import json
import math
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from missions.errors import MissionError
from missions.items import plan_to_items
from missions.patterns import parallel_track, size_for_camera
from missions.camera import preset
from missions.qgc_plan import PlanFileError, plan_file_from_search, read_plan, read_plan_text, write_plan, write_plan_text

from .conftest import area_from_metres

FIXTURE = Path(__file__).parent / "data" / "saarland_survey.plan"


def test_round_trip_keeps_every_field_qgc_wrote(tmp_path):
    original = json.loads(FIXTURE.read_text())
    out = tmp_path / "again.plan"
    write_plan(read_plan(FIXTURE), out)
    assert json.loads(out.read_text()) == original
    # QGC's own layout: 4-space indent, NaN yaw written as null
    assert '\n    "mission": {' in out.read_text()
    assert "NaN" not in out.read_text()


def test_what_the_survey_plan_flies():
    pf = read_plan(FIXTURE)
    assert [e.kind for e in pf.entries] == ["SimpleItem", "survey", "StructureScan", "SimpleItem"]
    items = pf.mission_items()
    # takeoff + the survey's 6 stored transect items + RTL (the structure scan is not flown)
    assert [i.command for i in items] == [22, 16, 206, 16, 16, 16, 206, 20]
    assert [i.seq for i in items] == list(range(8))
    assert (items[1].x, items[1].y, items[1].z) == (492320500, 69841200, 50.0)
    assert math.isnan(items[1].param4)
    assert items[2].param1 == pytest.approx(27.6)
    assert pf.home.lat == 49.23105 and pf.home_alt_m == pytest.approx(212.4)
    assert (pf.cruise_speed_mps, pf.hover_speed_mps) == (15, 8)
    assert len(pf.rally_points) == 2 and pf.rally_points[0][1] == 40
    assert pf.fence_circles[0].radius_m == 1500
    assert any("structure scan" in n and "mission item 3" in n for n in pf.notes)


def test_survey_polygon_and_fences_become_search_areas():
    areas = read_plan(FIXTURE).search_areas()
    survey, fence = areas
    assert len(survey.boundary) == 4 and not survey.holes
    assert survey.area_m2() == pytest.approx(645 * 873, rel=0.02)  # 0.0058 deg lat x 0.012 deg lon
    assert len(fence.holes) == 1  # the exclusion fence is a no-fly hole


def test_our_plan_opens_back_with_the_same_items_and_area(tmp_path):
    area = area_from_metres([(0, 0), (900, 0), (900, 600), (0, 600)], [[(300, 200), (500, 200), (400, 400)]],
                            name="wood")
    sizing = size_for_camera(preset("flir-boson-640-14mm"), altitude_m=70)
    plan = parallel_track(area, sizing.spacing_m, sizing.altitude_m, sizing=sizing)
    items = plan_to_items(plan)
    text = write_plan_text(plan_file_from_search(plan, items))
    doc = json.loads(text)
    assert doc["fileType"] == "Plan" and doc["version"] == 1 and doc["mission"]["version"] == 2
    assert doc["mission"]["items"][2]["type"] == "SimpleItem" and doc["mission"]["items"][2]["Altitude"] == 70
    back = read_plan_text(text)
    got = back.mission_items()
    assert len(got) == len(items) and all(a.same_as(b) for a, b in zip(got, items))
    (stored,) = back.search_areas()
    assert stored.boundary == area.boundary and stored.holes == area.holes


def _broken(mutate) -> str:
    doc = json.loads(FIXTURE.read_text())
    mutate(doc)
    return json.dumps(doc)


@pytest.mark.parametrize("text,fragment", [
    ('{"fileType": "Plan", ', "JSON error at line 1"),
    ("[1, 2]", "not a JSON object"),
    ('{"fileType": "Mission", "version": 1}', "fileType is 'Mission'"),
    (_broken(lambda d: d.update(version=7)), "version 7 is not supported"),
    (_broken(lambda d: d.pop("mission")), "'mission' is missing"),
    (_broken(lambda d: d["mission"]["items"][0].update(params=[0, 0, 0])), "mission item 1: 'params' must be a list of 7"),
    (_broken(lambda d: d["mission"]["items"][0].update(command="takeoff")), "mission item 1: 'command' must be a whole"),
    (_broken(lambda d: d["mission"]["items"][0]["params"].__setitem__(4, 123.0)), "mission item 1 123.0,6.9823: latitude 123.0 is outside"),
    (_broken(lambda d: d["mission"]["items"][1].update(polygon=[[49.2, 6.9], [49.3, 6.9]])), "survey item 2: area boundary needs at least 3"),
    (_broken(lambda d: d["mission"]["items"][1].update(polygon=[[49.23, 6.98], [49.24, 6.99], [49.24, 6.98], [49.23, 6.99]])), "survey item 2: area boundary is not a simple polygon"),
    (_broken(lambda d: d["mission"]["items"][3].update(type="Weird")), "mission item 4: unknown item type 'Weird'"),
    (_broken(lambda d: d["rallyPoints"]["points"].append([1, 2])), "rally point 3: expected a list of 3 numbers"),
    (_broken(lambda d: d["geoFence"]["circles"][0]["circle"].update(radius=-4)), "geoFence circle 1: radius"),
])
def test_malformed_plans_give_a_clear_error(text, fragment):
    with pytest.raises(PlanFileError, match=fragment):
        read_plan_text(text).search_areas()


def test_unreadable_file_is_a_plan_error(tmp_path):
    with pytest.raises(PlanFileError, match="cannot read plan file"):
        read_plan(tmp_path / "missing.plan")
    (tmp_path / "bin.plan").write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(PlanFileError):
        read_plan(tmp_path / "bin.plan")


_json = st.recursive(st.none() | st.booleans() | st.integers(-10**6, 10**6) | st.floats(allow_nan=False) | st.text(max_size=5),
                     lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
                     max_leaves=8)


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _paths(v, prefix + (i,))


_ALL_PATHS = [p for p in _paths(json.loads(FIXTURE.read_text())) if p]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(path=st.sampled_from(_ALL_PATHS), replacement=_json, delete=st.booleans())
def test_any_damage_to_a_plan_gives_a_plan_error_or_a_usable_plan(path, replacement, delete):
    doc = json.loads(FIXTURE.read_text())
    parent = doc
    for key in path[:-1]:
        parent = parent[key]
    if delete:
        del parent[path[-1]]
    else:
        parent[path[-1]] = copy.deepcopy(replacement)
    try:
        pf = read_plan_text(json.dumps(doc))
        pf.mission_items()
        pf.search_areas()
        pf.routes()
    except MissionError:
        pass  # a clear message, not a traceback from deep inside
