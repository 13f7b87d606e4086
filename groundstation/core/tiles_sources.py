"""Tile sources: where map tiles come from, whose they are, and how hard we may ask for them.

A source is a URL template over the Web Mercator grid. These placeholders are understood:
``{z} {x} {y}`` (XYZ), ``{-y}`` (TMS rows, counted from the south), ``{s}`` (one of the
subdomains), ``{TileMatrix} {TileCol} {TileRow}`` (WMTS over a Web Mercator matrix set such as
GoogleMapsCompatible or PM; ``tile_matrices`` names the matrices where their identifiers are not
the zoom levels, see :mod:`groundstation.core.wmts`) and ``{bbox-epsg-3857}`` (WMS GetMap or
ArcGIS export, one 256 px image per tile). A source with no URL is served from the cache only (an
imported MBTiles file, for instance).

The built-in examples are OpenStreetMap and the public services of the national mapping agencies
around the Moselle border area; each carries its attribution, which every map view must show, and
its licence text. Sources the operator adds are kept in ``tiles/sources.json`` in the data
directory.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from urllib.parse import quote, urlencode

from groundstation.core.tiles_grid import MAX_ZOOM, TileError, TileId, tile_bbox_3857

_ID = re.compile(r"^[a-z0-9][a-z0-9_-]{0,63}$")
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
_KNOWN = {"z", "x", "y", "-y", "s", "TileMatrix", "TileCol", "TileRow", "bbox-epsg-3857"}


@dataclass(frozen=True)
class TileSource:
    id: str                     # also the cache folder name
    name: str
    url: str                    # template; "" for a source served from the cache only
    attribution: str
    licence: str = ""
    min_zoom: int = 0
    max_zoom: int = 19
    subdomains: tuple[str, ...] = ()
    max_connections: int = 2    # parallel downloads; the OSM policy asks for at most 2
    prefetch_max_zoom: int | None = None  # deepest zoom bulk prefetch may fetch (usage policies)
    typical_tile_bytes: int = 25_000      # for the size estimate until some tiles are cached
    # WMTS TileMatrix identifiers for zooms min_zoom..max_zoom, when they are not the zoom numbers
    tile_matrices: tuple[str, ...] = ()
    builtin: bool = field(default=False, compare=False)

    def __post_init__(self) -> None:
        if not _ID.match(self.id):
            raise TileError(f"source id {self.id!r}: use lower-case letters, digits, '-' and '_' (e.g. 'my-wmts')")
        if not self.name.strip():
            raise TileError(f"source {self.id}: give it a name")
        if not (0 <= self.min_zoom <= self.max_zoom <= MAX_ZOOM):
            raise TileError(f"source {self.id}: zoom range {self.min_zoom}..{self.max_zoom} must lie within 0..{MAX_ZOOM}")
        if not 1 <= self.max_connections <= 16:
            raise TileError(f"source {self.id}: max_connections must be 1..16")
        if self.tile_matrices and len(self.tile_matrices) != self.max_zoom - self.min_zoom + 1:
            raise TileError(f"source {self.id}: name one tile matrix for each zoom {self.min_zoom}..{self.max_zoom}, "
                            f"not {len(self.tile_matrices)}")
        if self.url:
            _check_template(self.id, self.url, self.subdomains)

    @property
    def offline_only(self) -> bool:
        return not self.url

    def tile_url(self, tile: TileId) -> str:
        if self.offline_only:
            raise TileError(f"source {self.name} has no server: its tiles come from the cache only")
        if not self.min_zoom <= tile.z <= self.max_zoom:
            raise TileError(f"source {self.name} has zoom levels {self.min_zoom}..{self.max_zoom}, not {tile.z}")
        side = 1 << tile.z
        matrix = self.tile_matrices[tile.z - self.min_zoom] if self.tile_matrices else tile.z
        values = {
            "z": tile.z, "x": tile.x, "y": tile.y, "-y": side - 1 - tile.y,
            "TileMatrix": matrix, "TileCol": tile.x, "TileRow": tile.y,
            "bbox-epsg-3857": ",".join(f"{v:.6f}" for v in tile_bbox_3857(tile)),
            # Spread over subdomains by tile, so one tile always comes from the same host (HTTP caches).
            "s": self.subdomains[(tile.x + tile.y) % len(self.subdomains)] if self.subdomains else "",
        }
        return _PLACEHOLDER.sub(lambda m: str(values[m.group(1)]), self.url)

    def to_json(self) -> dict:
        data = asdict(self)
        data.pop("builtin")
        data["subdomains"] = list(self.subdomains)
        data["tile_matrices"] = list(self.tile_matrices)
        return data

    @classmethod
    def from_json(cls, data: dict) -> "TileSource":
        if not isinstance(data, dict):
            raise TileError("a tile source must be a JSON object")
        names = {f.name for f in fields(cls)} - {"builtin"}
        unknown = set(data) - names
        if unknown:
            raise TileError(f"tile source: unknown field(s) {', '.join(sorted(unknown))}")
        try:
            return cls(**{**data, "subdomains": tuple(data.get("subdomains", ())),
                          "tile_matrices": tuple(data.get("tile_matrices", ()))})
        except TypeError as exc:
            raise TileError(f"tile source {data.get('id', '?')}: {exc}") from None


def wmts_kvp_template(endpoint: str, layer: str, style: str, matrix_set: str, image_format: str,
                      dimensions: Mapping[str, str] | None = None) -> str:
    """The URL template of a WMTS KVP GetTile request (OGC 07-057r7, 8.2.1) for one layer."""
    query = {"SERVICE": "WMTS", "REQUEST": "GetTile", "VERSION": "1.0.0", "LAYER": layer, "STYLE": style,
             "TILEMATRIXSET": matrix_set, "FORMAT": image_format, **(dimensions or {})}
    joint = "" if endpoint.endswith(("?", "&")) else "&" if "?" in endpoint else "?"
    # quote() escapes any brace in a value, so only our own placeholders remain in the template
    fixed = urlencode(query, safe="/:", quote_via=quote)
    return f"{endpoint}{joint}{fixed}&TILEMATRIX={{TileMatrix}}&TILEROW={{TileRow}}&TILECOL={{TileCol}}"


def _check_template(source_id: str, url: str, subdomains: tuple[str, ...]) -> None:
    if not re.match(r"^https?://[^/\s]+\S*$", url):
        raise TileError(f"source {source_id}: the URL must start with http:// or https://")
    names = set(_PLACEHOLDER.findall(url))
    unknown = names - _KNOWN
    if unknown:
        raise TileError(f"source {source_id}: unknown placeholder(s) {', '.join('{' + n + '}' for n in sorted(unknown))}; "
                        "use {z}/{x}/{y}, {-y}, {s}, {TileMatrix}/{TileCol}/{TileRow} or {bbox-epsg-3857}")
    xyz = {"z", "x"} <= names and bool(names & {"y", "-y"})
    wmts = {"TileMatrix", "TileCol", "TileRow"} <= names
    if not (xyz or wmts or "bbox-epsg-3857" in names):
        raise TileError(f"source {source_id}: the URL must name the tile, with {{z}}, {{x}} and {{y}} (XYZ), "
                        "{TileMatrix}, {TileCol} and {TileRow} (WMTS) or {bbox-epsg-3857} (WMS)")
    if "s" in names and not subdomains:
        raise TileError(f"source {source_id}: the URL uses {{s}}: list the subdomains (e.g. a, b, c)")


def _geoplateforme(source_id: str, name: str, layer: str, image_format: str, attribution: str,
                   typical_tile_bytes: int) -> TileSource:
    """A layer of IGN's Géoplateforme WMTS on its Web Mercator matrix set PM (matrix ids are zooms)."""
    return TileSource(
        id=source_id, name=name,
        url=wmts_kvp_template("https://data.geopf.fr/wmts", layer, "normal", "PM", image_format),
        attribution=attribution,
        licence="Licence Ouverte / Open Licence Etalab 2.0, https://www.etalab.gouv.fr/licence-ouverte-open-licence",
        max_zoom=19, max_connections=4, typical_tile_bytes=typical_tile_bytes, builtin=True)


OSM_AND_AGENCIES: tuple[TileSource, ...] = (
    TileSource(
        id="osm", name="OpenStreetMap", url="https://tile.openstreetmap.org/{z}/{x}/{y}.png",
        attribution="© OpenStreetMap contributors",
        licence="Open Database Licence (ODbL) 1.0, https://www.openstreetmap.org/copyright. "
                "Tile usage policy: https://operations.osmfoundation.org/policies/tiles/ (no bulk download "
                "at zoom 17 and above; prefetch is limited to zoom 16 and 2 connections)",
        max_zoom=19, max_connections=2, prefetch_max_zoom=16, typical_tile_bytes=20_000, builtin=True),
    _geoplateforme("ign-plan", "Plan IGN (France, IGN Géoplateforme WMTS)", "GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2",
                   "image/png", "© IGN – Plan IGN", 25_000),
    _geoplateforme("ign-ortho", "Orthophotos IGN (France, IGN Géoplateforme WMTS)", "ORTHOIMAGERY.ORTHOPHOTOS",
                   "image/jpeg", "© IGN – BD ORTHO", 35_000),
    TileSource(
        id="geoportail-lu", name="Basemap geoportail.lu (Luxembourg, ACT)",
        url="https://{s}.geoportail.lu/opendata/wmts/basemap/GLOBAL_WEBMERCATOR_4_V3/{z}/{x}/{y}.png",
        subdomains=("wmts3", "wmts4"),
        attribution="© Administration du Cadastre et de la Topographie (ACT), geoportail.lu",
        licence="Open data of the Luxembourg State, Creative Commons CC0 1.0 (data.public.lu)",
        min_zoom=5, max_zoom=20, max_connections=4, typical_tile_bytes=25_000, builtin=True),
    TileSource(
        id="wallonie-ortho", name="Orthophotos Géoportail de la Wallonie (SPW)",
        url="https://geoservices.wallonie.be/arcgis/rest/services/IMAGERIE/ORTHO_LAST/MapServer/export"
            "?bbox={bbox-epsg-3857}&bboxSR=3857&imageSR=3857&size=256,256&format=jpg&f=image",
        attribution="© SPW – Géoportail de la Wallonie",
        licence="Service public de Wallonie, conditions of use at https://geoportail.wallonie.be "
                "(open data, attribution required)",
        max_zoom=19, max_connections=2, typical_tile_bytes=30_000, builtin=True),
    TileSource(
        id="bkg-topplus", name="TopPlusOpen (Germany, BKG)",
        url="https://sgx.geodatenzentrum.de/wmts_topplus_open/tile/1.0.0/web/default/WEBMERCATOR/{z}/{y}/{x}.png",
        attribution="© Bundesamt für Kartographie und Geodäsie, Datenquellen: "
                    "https://sg.geodatenzentrum.de/web_public/Datenquellen_TopPlus_Open.pdf",
        licence="Datenlizenz Deutschland – Namensnennung – Version 2.0 (dl-de/by-2-0), https://www.govdata.de/dl-de/by-2-0",
        max_zoom=18, max_connections=4, typical_tile_bytes=20_000, builtin=True),
)


class TileSources:
    """The built-in sources plus the ones the operator added (kept in <data>/tiles/sources.json)."""

    def __init__(self, tiles_dir: Path):
        self.file = Path(tiles_dir) / "sources.json"
        self._sources: dict[str, TileSource] = {s.id: s for s in OSM_AND_AGENCIES}
        for source in self._load():
            self._sources[source.id] = source

    def _load(self) -> list[TileSource]:
        if not self.file.exists():
            return []
        try:
            data = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise TileError(f"{self.file}: cannot read the added tile sources ({exc}); fix or remove the file") from None
        if not isinstance(data, list):
            raise TileError(f"{self.file}: expected a list of tile sources")
        return [TileSource.from_json(item) for item in data]

    def __iter__(self):
        return iter(self._sources.values())

    def __contains__(self, source_id: str) -> bool:
        return source_id in self._sources

    def get(self, source_id: str) -> TileSource:
        try:
            return self._sources[source_id]
        except KeyError:
            raise TileError(f"no tile source {source_id!r}; known: {', '.join(self._sources)}") from None

    def add(self, source: TileSource, replace: bool = False) -> TileSource:
        existing = self._sources.get(source.id)
        if existing is not None and (existing.builtin or not replace):
            raise TileError(f"a tile source with id {source.id!r} already exists; choose another id")
        self._sources[source.id] = source
        self._save()
        return source

    def remove(self, source_id: str) -> None:
        if self.get(source_id).builtin:
            raise TileError(f"{source_id} is a built-in source and cannot be removed")
        del self._sources[source_id]
        self._save()

    def _save(self) -> None:
        added = [s.to_json() for s in self._sources.values() if not s.builtin]
        self.file.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.file.with_suffix(".json.tmp")
        tmp.write_text(json.dumps(added, indent=2, ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.file)  # a crash mid-write leaves the previous list intact
