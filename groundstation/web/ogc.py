"""OGC API - Features (Part 1: Core, GeoJSON) over the findings and the vehicles.

GIS clients (QGIS, ArcGIS, GDAL's OAPIF driver) at a command post add the station as an
"OGC API - Features" source and get two layers. Coordinates are CRS84 (lon, lat), as the standard
requires by default; `bbox`, `datetime`, `limit` and `offset` filter and page the items.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, Any
from urllib.parse import urlencode

from groundstation.share import geojson
from groundstation.web.feeds import encode_context
from groundstation.web.live import vehicle_record

if TYPE_CHECKING:
    from groundstation.core.engine import FleetSnapshot

GEOJSON = "application/geo+json"
JSON = "application/json"
OPENAPI = "application/vnd.oai.openapi+json;version=3.0"
CRS84 = "http://www.opengis.net/def/crs/OGC/1.3/CRS84"
CONFORMANCE = (
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
    "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
)
DEFAULT_LIMIT = 100
MAX_LIMIT = 10_000
ITEM_PARAMETERS = {"bbox", "datetime", "limit", "offset", "f", "lang", "token"}
WORLD = [-180.0, -90.0, 180.0, 90.0]


class OgcError(Exception):
    """A request the API refuses; becomes an OGC exception document {code, description}."""

    def __init__(self, status: int, code: str, description: str):
        super().__init__(description)
        self.status = status
        self.code = code
        self.description = description

    def document(self) -> dict[str, Any]:
        return {"code": self.code, "description": self.description}


@dataclass(frozen=True)
class Item:
    """One feature of a collection with what the filters look at."""

    feature: dict[str, Any]
    lon: float | None
    lat: float | None
    time: datetime


@dataclass(frozen=True)
class Collection:
    id: str
    title: str
    description: str
    items: Callable[[FleetSnapshot, str, str, str], list[Item]]  # (snapshot, station, lang, base url)


def _finding_items(snap: FleetSnapshot, station_id: str, lang: str, base_url: str) -> list[Item]:
    items = []
    for f in sorted(snap.findings, key=lambda f: (f.observed_at, f.id)):  # stable order for paging
        items.append(Item(geojson.feature(f, encode_context(station_id, lang, f, base_url)), f.lon, f.lat, f.observed_at))
    return items


def _vehicle_items(snap: FleetSnapshot, station_id: str, lang: str, base_url: str) -> list[Item]:
    at = datetime.fromtimestamp(snap.time, timezone.utc)
    items = []
    for sid in sorted(snap.vehicles):
        record = vehicle_record(snap.vehicles[sid])
        record.pop("trail")
        lat, lon = record.pop("lat"), record.pop("lon")
        geometry = None
        if lat is not None and lon is not None:
            coords = [lon, lat] + ([record["alt_amsl"]] if record["alt_amsl"] is not None else [])
            geometry = {"type": "Point", "coordinates": coords}
        record["station"] = station_id
        feature = {"type": "Feature", "id": f"{station_id}-vehicle-{sid}", "geometry": geometry, "properties": record}
        items.append(Item(feature, lon, lat, at))
    return items


COLLECTIONS = {
    "findings": Collection("findings", "Findings", "Persons, hotspots and other findings of this station, "
                           "current revision, with status, accuracy radius (h_acc_m) and snapshot link.",
                           _finding_items),
    "vehicles": Collection("vehicles", "Vehicles", "Drones and robots this station sees now: position, mode, "
                           "altitude, battery and link.", _vehicle_items),
}


def _link(href: str, rel: str, type_: str, title: str | None = None) -> dict[str, str]:
    link = {"href": href, "rel": rel, "type": type_}
    if title:
        link["title"] = title
    return link


def landing(base: str, station_id: str) -> dict[str, Any]:
    return {
        "title": f"groundstation {station_id}",
        "description": "Findings and vehicles of a fire and rescue field ground station (OGC API - Features).",
        "links": [
            _link(f"{base}/ogc", "self", JSON, "This document"),
            _link(f"{base}/ogc/api", "service-desc", OPENAPI, "API definition (OpenAPI 3.0)"),
            _link(f"{base}/ogc/conformance", "conformance", JSON, "Conformance classes"),
            _link(f"{base}/ogc/collections", "data", JSON, "Collections"),
        ],
    }


def conformance() -> dict[str, Any]:
    return {"conformsTo": list(CONFORMANCE)}


def _extent(items: Sequence[Item]) -> dict[str, Any]:
    placed = [i for i in items if i.lon is not None and i.lat is not None]
    bbox = ([min(i.lon for i in placed), min(i.lat for i in placed), max(i.lon for i in placed),
             max(i.lat for i in placed)] if placed else WORLD)
    times = [i.time for i in items]
    interval = [_iso(min(times)), _iso(max(times))] if times else [None, None]
    return {"spatial": {"bbox": [bbox], "crs": CRS84},
            "temporal": {"interval": [interval], "trs": "http://www.opengis.net/def/uom/ISO-8601/0/Gregorian"}}


def collection_doc(base: str, c: Collection, items: Sequence[Item]) -> dict[str, Any]:
    url = f"{base}/ogc/collections/{c.id}"
    return {
        "id": c.id, "title": c.title, "description": c.description, "itemType": "feature",
        "crs": [CRS84], "extent": _extent(items),
        "links": [_link(url, "self", JSON, c.title), _link(f"{url}/items", "items", GEOJSON, f"{c.title} as GeoJSON")],
    }


def collections_doc(base: str, docs: Sequence[dict[str, Any]]) -> dict[str, Any]:
    return {"links": [_link(f"{base}/ogc/collections", "self", JSON, "Collections")], "collections": list(docs)}


def collection(collection_id: str) -> Collection:
    try:
        return COLLECTIONS[collection_id]
    except KeyError:
        raise OgcError(404, "NotFound", f"no collection {collection_id!r}; there are: {', '.join(COLLECTIONS)}") from None


def items_doc(base: str, c: Collection, items: Sequence[Item], query: Mapping[str, str]) -> dict[str, Any]:
    """The items page the query asks for; OgcError(400) for a malformed or unknown parameter."""
    unknown = sorted(set(query) - ITEM_PARAMETERS)
    if unknown:
        raise OgcError(400, "InvalidParameterValue", f"unknown query parameter(s): {', '.join(unknown)}; "
                       "use bbox, datetime, limit, offset")
    limit = min(_int(query, "limit", DEFAULT_LIMIT, 1), MAX_LIMIT)  # above the maximum is not an error
    offset = _int(query, "offset", 0, 0)
    keep = _bbox_filter(query["bbox"]) if "bbox" in query else None
    during = _datetime_filter(query["datetime"]) if "datetime" in query else None
    matched = [i for i in items if (keep is None or keep(i)) and (during is None or during(i.time))]
    page = matched[offset:offset + limit]
    url = f"{base}/ogc/collections/{c.id}/items"
    kept = {k: v for k, v in query.items() if k not in ("token", "offset", "limit")}  # never echo the token
    links = [_link(_with(url, kept, limit=limit, offset=offset), "self", GEOJSON, "This page"),
             _link(f"{base}/ogc/collections/{c.id}", "collection", JSON, c.title)]
    if offset + limit < len(matched):
        links.append(_link(_with(url, kept, limit=limit, offset=offset + limit), "next", GEOJSON, "Next page"))
    if offset > 0:
        links.append(_link(_with(url, kept, limit=limit, offset=max(0, offset - limit)), "prev", GEOJSON,
                           "Previous page"))
    return {"type": "FeatureCollection", "features": [i.feature for i in page], "timeStamp": _iso(_now()),
            "numberMatched": len(matched), "numberReturned": len(page), "links": links}


def item_doc(base: str, c: Collection, items: Sequence[Item], feature_id: str) -> dict[str, Any]:
    for item in items:
        if item.feature["id"] == feature_id:
            url = f"{base}/ogc/collections/{c.id}/items/{feature_id}"
            return item.feature | {"links": [_link(url, "self", GEOJSON, "This feature"),
                                             _link(f"{base}/ogc/collections/{c.id}", "collection", JSON, c.title)]}
    raise OgcError(404, "NotFound", f"no feature {feature_id!r} in collection {c.id!r}")


def _with(url: str, query: Mapping[str, str], **extra: int) -> str:
    return f"{url}?{urlencode({**query, **extra})}"


def _int(query: Mapping[str, str], name: str, default: int, minimum: int) -> int:
    if name not in query:
        return default
    try:
        value = int(query[name])
    except ValueError:
        raise OgcError(400, "InvalidParameterValue", f"{name} must be a whole number, got {query[name]!r}") from None
    if value < minimum:
        raise OgcError(400, "InvalidParameterValue", f"{name} must be at least {minimum}, got {value}")
    return value


def _bbox_filter(text: str) -> Callable[[Item], bool]:
    """bbox=minLon,minLat,maxLon,maxLat (or with heights, 6 numbers); may cross the antimeridian."""
    try:
        values = [float(v) for v in text.split(",")]
    except ValueError:
        values = []
    if len(values) not in (4, 6) or not all(math.isfinite(v) for v in values):
        raise OgcError(400, "InvalidParameterValue",
                       f"bbox must be 4 numbers, minLon,minLat,maxLon,maxLat (or 6 with heights), got {text!r}")
    if len(values) == 6:
        values = [values[0], values[1], values[3], values[4]]
    west, south, east, north = values
    if not (-90 <= south <= north <= 90) or not (-180 <= west <= 180 and -180 <= east <= 180):
        raise OgcError(400, "InvalidParameterValue",
                       f"bbox {text!r}: longitudes must lie within -180..180 and latitudes within -90..90, south <= north")

    def keep(item: Item) -> bool:
        if item.lon is None or item.lat is None:
            return False
        in_lon = west <= item.lon <= east if west <= east else (item.lon >= west or item.lon <= east)
        return in_lon and south <= item.lat <= north
    return keep


def _datetime_filter(text: str) -> Callable[[datetime], bool]:
    """An RFC 3339 instant, or an interval start/end where '..' or nothing leaves one end open."""
    if "/" in text:
        start_text, _, end_text = text.partition("/")
        start = None if start_text in ("", "..") else _parse_time(start_text)
        end = None if end_text in ("", "..") else _parse_time(end_text)
        if start is None and end is None:
            raise OgcError(400, "InvalidParameterValue", "datetime interval needs at least one end")
        if start and end and start > end:
            raise OgcError(400, "InvalidParameterValue", f"datetime interval {text!r} ends before it starts")
        return lambda t: (start is None or t >= start) and (end is None or t <= end)
    instant = _parse_time(text)
    return lambda t: t == instant


def _parse_time(text: str) -> datetime:
    try:
        value = datetime.fromisoformat(text.replace("z", "Z").replace("Z", "+00:00"))
    except ValueError:
        value = None
    if value is None or value.tzinfo is None:
        raise OgcError(400, "InvalidParameterValue",
                       f"datetime {text!r} is not an RFC 3339 time with a zone (e.g. 2025-06-01T12:00:00Z)")
    return value.astimezone(timezone.utc)


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _iso(t: datetime) -> str:
    return t.astimezone(timezone.utc).isoformat().replace("+00:00", "Z")


def openapi(base: str) -> dict[str, Any]:
    """A short OpenAPI 3.0 description of these endpoints, the API definition the landing page links."""
    def op(summary: str, params: Sequence[dict] = (), media: str = JSON) -> dict[str, Any]:
        return {"get": {"summary": summary, "parameters": list(params),
                        "responses": {"200": {"description": "OK", "content": {media: {}}},
                                      "401": {"description": "the access token is missing or wrong"}}}}
    path_param = lambda name: {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}  # noqa: E731
    query = [
        {"name": "bbox", "in": "query", "style": "form", "explode": False,
         "schema": {"type": "array", "minItems": 4, "maxItems": 6, "items": {"type": "number"}}},
        {"name": "datetime", "in": "query", "schema": {"type": "string"}},
        {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT,
                                                    "default": DEFAULT_LIMIT}},
        {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0, "default": 0}},
    ]
    return {
        "openapi": "3.0.3",
        "info": {"title": "groundstation OGC API - Features", "version": "1.0"},
        "servers": [{"url": f"{base}/ogc"}],
        "components": {"securitySchemes": {"token": {"type": "http", "scheme": "bearer"}}},
        "security": [{"token": []}],
        "paths": {
            "/": op("Landing page"),
            "/conformance": op("Conformance classes"),
            "/collections": op("Collections"),
            "/collections/{collectionId}": op("One collection", [path_param("collectionId")]),
            "/collections/{collectionId}/items": op("Features", [path_param("collectionId"), *query], GEOJSON),
            "/collections/{collectionId}/items/{featureId}": op(
                "One feature", [path_param("collectionId"), path_param("featureId")], GEOJSON),
        },
    }
