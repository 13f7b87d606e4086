"""The findings feeds validate against the official schemas and carry what a command post needs."""

from __future__ import annotations

import io
import json
import zipfile

import jsonschema
import pytest
from web_station import SCHEMAS, STATION, thermal_jpeg
from lxml import etree

from groundstation.share.xmlsafe import load_schema, parse_xml

CAP = "{urn:oasis:names:tc:emergency:cap:1.2}"
EDXL = "{urn:oasis:names:tc:emergency:EDXL:DE:1.0}"
KML = "{http://www.opengis.net/kml/2.2}"


@pytest.fixture(scope="module")
def schemas() -> dict:
    return {
        "cap": load_schema(str(SCHEMAS / "cap" / "cap12.xsd")),
        "edxl": load_schema(str(SCHEMAS / "edxl-de" / "edxlde-1_0.xsd")),
        "collection": json.loads((SCHEMAS / "geojson" / "FeatureCollection.json").read_text()),
    }


@pytest.fixture
def findings(station):
    person = station.engine.mark_here(49.4716, 6.3693, kind="person", note="waving from the roof",
                                      h_acc_m=5.0).result(timeout=5)
    hotspot = station.record_detection()
    false_alarm = station.record_detection(kind="person", lat=49.4709, lon=6.3681, confidence=0.4)
    station.engine.dismiss_finding(false_alarm.id, "a deer").result(timeout=5)
    station.wait(lambda s: len(s.findings) == 3 and any(f.status == "dismissed" for f in s.findings),
                 what="three findings")
    return person, hotspot, false_alarm


def test_geojson_feed_is_valid_and_links_the_snapshot(station, findings, schemas):
    person, hotspot, _ = findings
    with station.client() as http:
        answer = http.get("/feeds/findings.geojson")
        assert answer.headers["Content-Type"].startswith("application/geo+json")
        doc = answer.json()
        jsonschema.Draft7Validator(schemas["collection"]).validate(doc)
        by_id = {f["id"]: f for f in doc["features"]}
        assert len(by_id) == 3
        feature = by_id[f"{STATION}-{hotspot.id}"]
        assert feature["geometry"]["coordinates"][:2] == [pytest.approx(hotspot.lon), pytest.approx(hotspot.lat)]
        props = feature["properties"]
        assert (props["kind"], props["status"], props["h_acc_m"], props["temp_c"]) == ("hotspot", "unconfirmed", 8.0, 212.5)
        image = http.get(props["image_url"])  # the link works with the same token
        assert image.status_code == 200 and image.headers["Content-Type"] == "image/jpeg"
        assert image.content == thermal_jpeg()
        assert by_id[f"{STATION}-{person.id}"]["properties"]["image_url"] is None
        assert "waving from the roof" in by_id[f"{STATION}-{person.id}"]["properties"]["note"]


def test_cap_feed_is_an_edxl_distribution_of_valid_cap_alerts(station, findings, schemas):
    person, hotspot, false_alarm = findings
    with station.client() as http:
        answer = http.get("/feeds/findings.cap")
    doc = parse_xml(answer.content)
    schemas["edxl"].assertValid(doc)
    alerts = doc.findall(f".//{CAP}alert")
    for alert in alerts:
        schemas["cap"].assertValid(etree.fromstring(etree.tostring(alert)))
    incidents = {a.findtext(f"{CAP}incidents") for a in alerts}
    assert incidents == {person.id, hotspot.id}  # the dismissed false alarm is not broadcast
    hot = next(a for a in alerts if a.findtext(f"{CAP}incidents") == hotspot.id)
    assert hot.findtext(f"{CAP}info/{CAP}category") == "Fire"
    assert hot.findtext(f"{CAP}info/{CAP}area/{CAP}circle").endswith(" 0.008")  # 8 m accuracy, in km
    assert hot.findtext(f"{CAP}info/{CAP}resource/{CAP}mimeType") == "image/jpeg"
    assert false_alarm.id not in answer.text


def test_one_finding_as_a_bare_cap_alert_in_the_readers_language(station, findings, schemas):
    person, _, _ = findings
    with station.client(headers={"Accept-Language": "fr-BE,fr;q=0.9,en;q=0.5"}) as http:
        answer = http.get(f"/feeds/findings/{person.id}.cap")
        missing = http.get("/feeds/findings/5b0c2d43-5f0e-4f43-9d4c-2f1f1f2a0b11.cap")
    assert answer.headers["Content-Type"].startswith("application/cap+xml")
    alert = parse_xml(answer.content)
    schemas["cap"].assertValid(alert)
    assert alert.findtext(f"{CAP}info/{CAP}language") == "fr-FR"
    assert alert.findtext(f"{CAP}info/{CAP}headline") == "Personne localisée (confirmé)"
    assert missing.status_code == 404 and "no finding" in missing.text


def test_kml_and_kmz_feeds_for_google_earth(station, findings):
    person, hotspot, _ = findings
    with station.client() as http:
        kml = parse_xml(http.get("/feeds/findings.kml", params={"lang": "de"}).content)
        kmz = http.get("/feeds/findings.kmz")
    names = {pm.get("id"): pm.findtext(f"{KML}name") for pm in kml.iter(f"{KML}Placemark")}
    assert names[f"finding-{person.id}"] == "Person geortet (bestätigt)"
    assert names[f"finding-{hotspot.id}"] == "Thermischer Hotspot (UNBESTÄTIGT)"
    hot = next(pm for pm in kml.iter(f"{KML}Placemark") if pm.get("id") == f"finding-{hotspot.id}")
    assert f"/findings/{hotspot.id}/snapshot.jpg" in hot.findtext(f"{KML}description")
    with zipfile.ZipFile(io.BytesIO(kmz.content)) as z:
        assert z.namelist()[0] == "doc.kml"
        assert z.read(f"images/{hotspot.snapshot_sha256}.jpg") == thermal_jpeg()


def test_a_finding_marked_by_hand_has_no_snapshot_and_says_so(station, findings):
    person, _, _ = findings
    with station.client() as http:
        answer = http.get(f"/findings/{person.id}/snapshot.jpg")
        unknown = http.get("/findings/not-a-finding/snapshot.jpg")
    assert answer.status_code == 404 and "marked by hand" in answer.text
    assert unknown.status_code == 404 and "no finding" in unknown.text


def test_feeds_follow_changes_without_a_restart(station, findings):
    person, _, _ = findings
    station.engine.resolve_finding(person.id, "evacuated").result(timeout=5)
    station.wait(lambda s: any(f.id == person.id and f.status == "resolved" for f in s.findings), what="resolved")
    with station.client() as http:
        doc = http.get("/feeds/findings.geojson").json()
        cap = parse_xml(http.get(f"/feeds/findings/{person.id}.cap").content)
    props = next(f["properties"] for f in doc["features"] if f["id"].endswith(person.id))
    assert props["status"] == "resolved" and props["rev"] == 2 and "evacuated" in props["note"]
    assert cap.findtext(f"{CAP}info/{CAP}responseType") == "AllClear"
