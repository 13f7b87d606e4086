"""GeoJSON (RFC 7946) features for findings: one Feature per finding, stable id, lon/lat order."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from groundstation.core.findings import Finding
from groundstation.share.context import EncodeContext, message_id
from groundstation.share.texts import description, headline

MEDIA_TYPE = "application/geo+json"


def feature(f: Finding, ctx: EncodeContext) -> dict[str, Any]:
    coords: list[float] = [round(f.lon, 7), round(f.lat, 7)]
    if f.alt_m is not None:
        coords.append(round(f.alt_m, 1))  # RFC 7946: height above the WGS-84 ellipsoid
    props: dict[str, Any] = {
        "kind": f.kind.value, "status": f.status.value, "rev": f.revision,
        "msg_id": message_id(ctx.station_id, f), "origin_station": f.origin_station,
        "observed_at": f.observed_at.isoformat().replace("+00:00", "Z"),
        "changed_at": f.changed_at.isoformat().replace("+00:00", "Z"), "changed_by": f.changed_by,
        "h_acc_m": f.h_acc_m, "confidence": f.confidence, "temp_c": f.temp_c,
        "source_vehicle": f.source, "note": f.note, "image_sha256": f.snapshot_sha256,
        "image_url": ctx.snapshot_url, "lang": ctx.language,
        "title": headline(f, ctx.language), "description": description(f, ctx.language),
    }
    return {"type": "Feature", "id": f"{f.origin_station}-{f.id}",
            "geometry": {"type": "Point", "coordinates": coords}, "properties": props}


def feature_collection(features: Iterable[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": list(features)}


def encode_finding(f: Finding, ctx: EncodeContext) -> bytes:
    return json.dumps(feature(f, ctx), ensure_ascii=False, separators=(",", ":")).encode("utf-8")
