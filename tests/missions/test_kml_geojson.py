import json

import pytest

from missions.errors import MissionError
from missions.files import export_plan, load_shapes
from missions.geojson import GeoJsonError, read_geojson_text, write_geojson
from missions.kml import KmlError, read_kml_text, write_kml
from missions.patterns import expanding_square, parallel_track

from .conftest import DATUM, area_from_metres

AREA_KML = """<?xml version="1.0" encoding="UTF-8"?>
<kml xmlns="http://www.opengis.net/kml/2.2"><Document>
  <Placemark><name>Forest sector B</name>
    <Polygon><outerBoundaryIs><LinearRing><coordinates>
      6.3700,49.4700,0 6.3850,49.4700,0 6.3850,49.4780,0 6.3700,49.4780,0 6.3700,49.4700,0
    </coordinates></LinearRing></outerBoundaryIs>
    <innerBoundaryIs><LinearRing><coordinates>6.375,49.472 6.378,49.472 6.378,49.474 6.375,49.472</coordinates></LinearRing></innerBoundaryIs>
    </Polygon></Placemark>
  <Placemark><name>Planned walk</name><LineString><coordinates>6.37,49.47 6.39,49.48</coordinates></LineString></Placemark>
  <Placemark><name>Last seen</name><Point><coordinates>6.3712,49.4711,230</coordinates></Point></Placemark>
</Document></kml>"""


def test_kml_areas_routes_and_points_are_read():
    shapes = read_kml_text(AREA_KML)
    (area,) = shapes.areas
    assert area.name == "Forest sector B" and len(area.boundary) == 4 and len(area.holes) == 1
    assert area.boundary[1].lon == 6.385 and area.boundary[1].lat == 49.47
    assert shapes.routes[0].name == "Planned walk" and len(shapes.routes[0].points) == 2
    assert shapes.points == [("Last seen", shapes.points[0][1])] and shapes.points[0][1].lat == 49.4711


def test_kml_parser_expands_no_entities(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("6.0,49.0 6.1,49.0 6.1,49.1")
    xxe = f"""<?xml version="1.0"?>
<!DOCTYPE kml [<!ENTITY xxe SYSTEM "file://{secret}"><!ENTITY a "6.0,49.0 ">]>
<kml xmlns="http://www.opengis.net/kml/2.2"><Placemark><name>&xxe;</name>
<LineString><coordinates>&a;6.2,49.2</coordinates></LineString></Placemark></kml>"""
    try:
        shapes = read_kml_text(xxe)
    except MissionError:
        return  # refusing the file is fine too
    assert all("6.1,49.1" not in (r.name or "") for r in shapes.routes)
    assert all(len(r.points) < 3 for r in shapes.routes)


@pytest.mark.parametrize("text,fragment", [
    ("<kml><Placemark>", "not a valid KML file"),
    ("<gpx/>", "root element is <gpx>"),
    (AREA_KML.replace("6.3850,49.4700,0", "east,49.47"), "coordinate 'east,49.47' is not"),
    (AREA_KML.replace("6.3850,49.4700,0", "6.385,99.47"), "latitude 99.47"),
    (AREA_KML.replace("6.3850,49.4780,0", "6.37,49.4780").replace("6.3700,49.4780,0", "6.385,49.4780"),
     "Forest sector B.*not a simple polygon"),
])
def test_bad_kml_gives_a_clear_error(text, fragment):
    with pytest.raises(KmlError, match=fragment):
        read_kml_text(text)


def test_kml_export_opens_back_with_the_area_and_track():
    area = area_from_metres([(0, 0), (800, 0), (800, 500), (0, 500)], [[(300, 200), (400, 200), (350, 300)]], name="x")
    plan = parallel_track(area, 60, 50)
    shapes = read_kml_text(write_kml(plan))
    assert len(shapes.areas) == 1 and len(shapes.areas[0].holes) == 1
    back = shapes.areas[0].boundary
    assert [(round(p.lat, 7), round(p.lon, 7)) for p in back] == [(round(p.lat, 7), round(p.lon, 7)) for p in area.boundary]
    (track,) = shapes.routes
    assert len(track.points) == len(plan.waypoints)


def test_geojson_in_and_out():
    plan = expanding_square(DATUM, 40, 12, 60)
    doc = json.loads(write_geojson(plan))
    track = doc["features"][0]
    assert track["geometry"]["type"] == "LineString" and len(track["geometry"]["coordinates"]) == 13
    assert track["properties"]["track_length_m"] == pytest.approx(1680, abs=0.01)
    assert track["geometry"]["coordinates"][0] == [6.37, 49.47]  # longitude first (RFC 7946)
    shapes = read_geojson_text(json.dumps(doc))
    assert len(shapes.routes) == 1 and len(shapes.points) == 14  # 13 waypoints + datum


def test_geojson_polygon_with_hole_and_multipolygon():
    ring = [[6.37, 49.47], [6.39, 49.47], [6.39, 49.48], [6.37, 49.48], [6.37, 49.47]]
    hole = [[6.375, 49.472], [6.38, 49.472], [6.38, 49.475], [6.375, 49.472]]
    doc = {"type": "Feature", "properties": {"name": "A"}, "geometry": {"type": "MultiPolygon",
                                                                          "coordinates": [[ring, hole], [ring]]}}
    areas = read_geojson_text(json.dumps(doc)).areas
    assert [len(a.holes) for a in areas] == [1, 0] and areas[0].name == "A"


@pytest.mark.parametrize("text,fragment", [
    ("{", "JSON error at line 1"),
    ('{"type": "Polygon", "coordinates": [[[6.3, 49.4], [6.4]]]}', r"position \[6.4\] is not"),
    ('{"type": "Polygon", "coordinates": [[[6.3, 49.4], [6.4, 49.4], [6.4, 99], [6.3, 49.4]]]}', "latitude 99"),
    ('{"type": "FeatureCollection"}', "without a 'features' list"),
    ('{"type": "Circle", "coordinates": [6, 49]}', "unknown GeoJSON type 'Circle'"),
    ('[1]', "expected a GeoJSON object"),
])
def test_bad_geojson_gives_a_clear_error(text, fragment):
    with pytest.raises(GeoJsonError, match=fragment):
        read_geojson_text(text)


def test_load_shapes_by_extension(tmp_path):
    (tmp_path / "a.kml").write_text(AREA_KML)
    assert len(load_shapes(tmp_path / "a.kml").areas) == 1
    (tmp_path / "a.txt").write_text("x")
    with pytest.raises(MissionError, match="unknown file type .txt"):
        load_shapes(tmp_path / "a.txt")
    with pytest.raises(MissionError, match="unknown format"):
        export_plan(expanding_square(DATUM, 40, 2, 60), "gpx")
