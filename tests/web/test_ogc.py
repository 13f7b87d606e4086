"""OGC API - Features: what a GIS client (QGIS, GDAL OAPIF) needs to add the station as a layer."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

import jsonschema
import pytest
from web_station import HOME, SCHEMAS, STATION

T0 = datetime(2025, 6, 1, 12, 0, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def feature_schemas() -> tuple[dict, dict]:
    return (json.loads((SCHEMAS / "geojson" / "FeatureCollection.json").read_text()),
            json.loads((SCHEMAS / "geojson" / "Feature.json").read_text()))


@pytest.fixture
def five_findings(station):
    """Five detections ten minutes apart, 0.01° east of each other: three near home, two far east."""
    made = [station.record_detection(lat=HOME[0], lon=HOME[1] + 0.01 * i, observed_at=T0 + timedelta(minutes=10 * i))
            for i in range(5)]
    station.wait(lambda s: len(s.findings) == 5, what="five findings")
    return made


def rels(doc: dict) -> dict[str, dict]:
    return {link["rel"]: link for link in doc["links"]}


def test_landing_conformance_and_api_definition(station):
    with station.client() as http:
        landing = http.get("/ogc").json()
        links = rels(landing)
        assert {"self", "service-desc", "conformance", "data"} <= set(links)
        conformance = http.get(links["conformance"]["href"]).json()
        api = http.get(links["service-desc"]["href"])
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core" in conformance["conformsTo"]
    assert "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson" in conformance["conformsTo"]
    assert api.headers["Content-Type"].startswith("application/vnd.oai.openapi+json")
    assert "/collections/{collectionId}/items" in api.json()["paths"]
    assert station.view.token not in json.dumps(landing) + api.text  # links never carry the token


def test_collections_describe_findings_and_vehicles_with_their_extent(station, five_findings):
    with station.client() as http:
        doc = http.get("/ogc/collections").json()
        one = http.get("/ogc/collections/findings").json()
        missing = http.get("/ogc/collections/robots")
    by_id = {c["id"]: c for c in doc["collections"]}
    assert set(by_id) == {"findings", "vehicles"}
    assert one["id"] == "findings" and one["itemType"] == "feature"
    bbox = one["extent"]["spatial"]["bbox"][0]
    assert bbox == [pytest.approx(HOME[1]), pytest.approx(HOME[0]), pytest.approx(HOME[1] + 0.04), pytest.approx(HOME[0])]
    assert one["extent"]["temporal"]["interval"][0] == ["2025-06-01T12:00:00Z", "2025-06-01T12:40:00Z"]
    assert rels(one)["items"]["type"] == "application/geo+json"
    assert missing.status_code == 404 and missing.json()["code"] == "NotFound"


def test_items_filter_by_bbox_and_time_and_page_with_limit(station, five_findings, feature_schemas):
    collection_schema, _ = feature_schemas
    west, east = HOME[1] - 0.001, HOME[1] + 0.021
    with station.client() as http:
        near = http.get("/ogc/collections/findings/items",
                        params={"bbox": f"{west},{HOME[0] - 0.001},{east},{HOME[0] + 0.001}"})
        assert near.headers["Content-Type"].startswith("application/geo+json")
        doc = near.json()
        jsonschema.Draft7Validator(collection_schema).validate(doc)
        assert doc["numberMatched"] == doc["numberReturned"] == 3
        assert {f["id"] for f in doc["features"]} == {f"{STATION}-{f.id}" for f in five_findings[:3]}

        later = http.get("/ogc/collections/findings/items", params={"datetime": "2025-06-01T12:25:00Z/.."}).json()
        assert {f["id"] for f in later["features"]} == {f"{STATION}-{f.id}" for f in five_findings[3:]}

        page1 = http.get("/ogc/collections/findings/items", params={"limit": 2}).json()
        assert page1["numberMatched"] == 5 and page1["numberReturned"] == 2
        page2 = http.get(rels(page1)["next"]["href"]).json()
        page3 = http.get(rels(page2)["next"]["href"]).json()
        assert "next" not in rels(page3)
        seen = [f["id"] for page in (page1, page2, page3) for f in page["features"]]
        assert seen == [f"{STATION}-{f.id}" for f in five_findings]  # each once, oldest first


def test_one_item_by_id(station, five_findings, feature_schemas):
    _, feature_schema = feature_schemas
    wanted = f"{STATION}-{five_findings[1].id}"
    with station.client() as http:
        item = http.get(f"/ogc/collections/findings/items/{wanted}").json()
        missing = http.get(f"/ogc/collections/findings/items/{STATION}-nothing")
    jsonschema.Draft7Validator(feature_schema).validate(item)
    assert item["id"] == wanted and item["properties"]["kind"] == "hotspot"
    assert rels(item)["collection"]["href"].endswith("/ogc/collections/findings")
    assert missing.status_code == 404 and "no feature" in missing.json()["description"]


@pytest.mark.parametrize("query, message", [
    ({"bbox": "6,49,7"}, "bbox must be 4 numbers"),
    ({"bbox": "6,50,7,49"}, "south <= north"),
    ({"limit": "0"}, "limit must be at least 1"),
    ({"limit": "ten"}, "limit must be a whole number"),
    ({"datetime": "yesterday"}, "is not an RFC 3339 time"),
    ({"datetime": "2025-06-02T00:00:00Z/2025-06-01T00:00:00Z"}, "ends before it starts"),
    ({"colour": "red"}, "unknown query parameter(s): colour"),
])
def test_bad_queries_get_a_clear_400(station, query, message):
    with station.client() as http:
        answer = http.get("/ogc/collections/findings/items", params=query)
    assert answer.status_code == 400
    assert answer.json()["code"] == "InvalidParameterValue" and message in answer.json()["description"]


def test_a_limit_above_the_maximum_is_capped_not_refused(station, five_findings):
    with station.client() as http:
        doc = http.get("/ogc/collections/findings/items", params={"limit": 1_000_000}).json()
    assert doc["numberReturned"] == 5 and "limit=10000" in rels(doc)["self"]["href"]
