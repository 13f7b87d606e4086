"""Every message we emit validates against the official schema; text is in the partner's language."""

from __future__ import annotations

import base64
import io
import json
import zipfile
from datetime import datetime, timedelta, timezone

import jsonschema
import pytest
from snapshot_jpeg import jpeg
from lxml import etree
from peers import SCHEMAS

from groundstation.core.findings import FindingStore
from groundstation.share import cap, cot, emsi, geojson, kml
from groundstation.share.context import EncodeContext
from groundstation.share.xmlsafe import UnsafeXMLError, parse_xml

T0 = datetime(2025, 6, 1, 12, 0, 0, tzinfo=timezone.utc)
CAP = "{urn:oasis:names:tc:emergency:cap:1.2}"
EMSI = "{urn:emergency:eda:1.9:emsi}"


def person(store: FindingStore, **kw):
    return store.record(kind="person", lat=49.61162, lon=6.13193, h_acc_m=6.0, source="LUX-UAV-3",
                        who="detector", confidence=0.72, temp_c=34.8, alt_m=310.0,
                        observed_at=T0, snapshot_jpeg=jpeg(), **kw)


def ctx(store: FindingStore, f, lang="en", country="GB", previous=None, now=None) -> EncodeContext:
    return EncodeContext(store.station_id, lang, country, previous, store.snapshot(f.snapshot_sha256)
                         if f.snapshot_sha256 else None, "https://gs.example/snap/1.jpg", now or T0)


def test_cot_marker_valid_and_updates_keep_uid(store: FindingStore, schemas) -> None:
    f1 = person(store)
    e1 = parse_xml(cot.encode_finding(f1, ctx(store, f1, now=T0)))
    schemas["cot"].assertValid(e1)
    schemas["cot_image"].assertValid(e1.find("detail/image"))
    assert e1.get("type") == "b-m-p-s-m"  # unconfirmed: a spot marker, not a CASEVAC
    assert float(e1.find("point").get("lat")) == pytest.approx(49.61162)
    assert float(e1.find("point").get("ce")) == 6.0
    assert base64.b64decode(e1.find("detail/image").text)[:3] == b"\xff\xd8\xff"

    f2 = store.confirm(f1.id, "alice")
    e2 = parse_xml(cot.encode_finding(f2, ctx(store, f2, now=T0 + timedelta(seconds=30))))
    schemas["cot"].assertValid(e2)
    assert e2.get("uid") == e1.get("uid")
    assert e2.get("type") == "b-r-f-h-c"  # a confirmed person is a CASEVAC request
    assert e2.get("time") > e1.get("time") and e2.get("stale") > e1.get("stale")

    f3 = store.dismiss(f1.id, "alice", "a deer")
    now = T0 + timedelta(minutes=2)
    e3 = parse_xml(cot.encode_finding(f3, ctx(store, f3, now=now)))
    schemas["cot"].assertValid(e3)
    assert e3.get("stale") == cot.cot_time(now)  # withdrawn from the TAK map at once
    assert e3.find("detail/image") is None


def test_cot_vehicle_track_valid(schemas) -> None:
    v = cot.VehicleTrack("LU-GS1.vehicle.UAV3", "UAV3", 49.6, 6.1, 420.0, 370.0, 12.0, T0)
    e = parse_xml(cot.encode_vehicle(v, T0))
    schemas["cot"].assertValid(e)
    assert e.get("type") == "a-f-A-M-H-Q"
    assert e.find("detail/track").get("course") == "10.0"


def test_large_snapshot_shrunk_for_cot(store: FindingStore) -> None:
    import numpy as np
    import cv2
    noise = np.random.default_rng(1).integers(0, 255, (900, 1200, 3), np.uint8)
    big = cv2.imencode(".jpg", noise, [cv2.IMWRITE_JPEG_QUALITY, 95])[1].tobytes()
    assert len(big) > cot.THUMBNAIL_MAX_BYTES
    data, w, h = cot.thumbnail(big)
    assert len(data) <= cot.THUMBNAIL_MAX_BYTES and w < 1200 and h < 900


def test_cap_alert_update_cancel_chain(store: FindingStore, schemas) -> None:
    f1 = person(store)
    a1 = parse_xml(cap.encode_finding(f1, ctx(store, f1, "fr", "FR")))
    schemas["cap"].assertValid(a1)
    assert a1.findtext(f"{CAP}msgType") == "Alert"
    assert a1.findtext(f"{CAP}sent").endswith("-00:00")
    assert a1.findtext(f"{CAP}info/{CAP}language") == "fr-FR"
    assert a1.findtext(f"{CAP}info/{CAP}event") == "Personne localisée"
    assert a1.findtext(f"{CAP}info/{CAP}category") == "Rescue"
    assert a1.findtext(f"{CAP}info/{CAP}area/{CAP}circle") == "49.611620,6.131930 0.006"
    assert a1.find(f"{CAP}info/{CAP}resource/{CAP}derefUri") is not None

    f2 = store.confirm(f1.id, "alice")
    a2 = parse_xml(cap.encode_finding(f2, ctx(store, f2, "de", "DE", previous=f1)))
    schemas["cap"].assertValid(a2)
    assert a2.findtext(f"{CAP}msgType") == "Update"
    assert a2.findtext(f"{CAP}info/{CAP}certainty") == "Observed"
    assert a2.findtext(f"{CAP}info/{CAP}event") == "Person geortet"
    ref = a2.findtext(f"{CAP}references").split(",")
    assert ref == [a1.findtext(f"{CAP}sender"), a1.findtext(f"{CAP}identifier"), a1.findtext(f"{CAP}sent")]

    f3 = store.dismiss(f1.id, "alice")
    a3 = parse_xml(cap.encode_finding(f3, ctx(store, f3, previous=f2)))
    schemas["cap"].assertValid(a3)
    assert a3.findtext(f"{CAP}msgType") == "Cancel"
    assert a3.findtext(f"{CAP}references").split(",")[1] == a2.findtext(f"{CAP}identifier")


def test_cap_in_edxl_de_valid(store: FindingStore, schemas) -> None:
    f = person(store)
    doc = parse_xml(cap.encode_finding_edxl(f, ctx(store, f)))
    schemas["edxl"].assertValid(doc)
    alert = doc.find(".//" + CAP + "alert")
    schemas["cap"].assertValid(etree.fromstring(etree.tostring(alert)))


def test_emsi_valid_in_three_languages(store: FindingStore, schemas) -> None:
    f1 = store.record(kind="hotspot", lat=49.5, lon=6.2, h_acc_m=12, source="UAV-1", who="det",
                      temp_c=412, observed_at=T0, confidence=0.55)
    texts = {}
    for lang in ("fr", "de", "en"):
        e = parse_xml(emsi.encode_finding(f1, ctx(store, f1, lang)))
        schemas["emsi"].assertValid(e)
        texts[lang] = e.findtext(f"{EMSI}EVENT/{EMSI}NAME")
        assert e.findtext(f"{EMSI}CONTEXT/{EMSI}MSGTYPE") == "ALERT"
        assert e.findtext(f"{EMSI}EVENT/{EMSI}EGEO/{EMSI}TYPE") == "FLAME"
        assert e.findtext(f"{EMSI}EVENT/{EMSI}CERTAINTY") == "55"
    assert texts["fr"].startswith("Point chaud") and texts["de"].startswith("Thermischer")
    f2 = store.resolve(f1.id, "bob")
    e2 = parse_xml(emsi.encode_finding(f2, ctx(store, f2, "fr", previous=f1)))
    schemas["emsi"].assertValid(e2)
    assert e2.findtext(f"{EMSI}CONTEXT/{EMSI}LINK/{EMSI}ID").endswith("-r1")
    assert e2.findtext(f"{EMSI}EVENT/{EMSI}STATUS") == "COM"


def test_geojson_valid_lon_lat_order(store: FindingStore) -> None:
    fschema = json.loads((SCHEMAS / "geojson" / "Feature.json").read_text())
    cschema = json.loads((SCHEMAS / "geojson" / "FeatureCollection.json").read_text())
    f = person(store)
    feat = json.loads(geojson.encode_finding(f, ctx(store, f)))
    jsonschema.Draft7Validator(fschema).validate(feat)
    assert feat["geometry"]["coordinates"][:2] == [6.13193, 49.61162]
    assert feat["properties"]["rev"] == 1 and feat["properties"]["status"] == "unconfirmed"
    jsonschema.Draft7Validator(cschema).validate(geojson.feature_collection([feat]))


def test_kml_and_kmz(store: FindingStore) -> None:
    f = person(store)
    doc = parse_xml(kml.encode_kml([f], "de"))
    ns = {"k": kml.KML_NS}
    assert doc.xpath("//k:Placemark/k:Point/k:coordinates/text()", namespaces=ns) == ["6.1319300,49.6116200,0"]
    assert "Person geortet" in doc.xpath("//k:Placemark/k:name/text()", namespaces=ns)[0]
    z = zipfile.ZipFile(io.BytesIO(kml.encode_kmz([f], store.snapshot)))
    assert z.namelist()[0] == "doc.kml"
    assert z.read(f"images/{f.snapshot_sha256}.jpg") == store.snapshot(f.snapshot_sha256)
    assert f"images/{f.snapshot_sha256}.jpg".encode() in z.read("doc.kml")


def test_hostile_xml_refused() -> None:
    hostile = (SCHEMAS / "cap" / "samples" / "hostile" / "xee.cap").read_bytes()
    with pytest.raises(UnsafeXMLError, match="DOCTYPE"):
        parse_xml(hostile)
    with pytest.raises(UnsafeXMLError, match="XInclude"):
        parse_xml(b'<a xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="file:///etc/passwd"/></a>')
    with pytest.raises(UnsafeXMLError, match="well-formed"):
        parse_xml(b"<alert><unclosed></alert>")
    # the official samples still parse
    assert parse_xml((SCHEMAS / "cap" / "samples" / "australia.cap").read_bytes()) is not None
