"""WMTS map services: read a GetCapabilities document (OGC WMTS 1.0.0) and make a tile source of a layer.

Many European agencies publish their maps as WMTS (geoportail.lu, IGN Géoplateforme, NGI/IGN
Belgium, BKG, GeoBasis RLP, Saarland). The capabilities list the layers, their image formats and
styles, and the tile matrix sets they are cut into. Our map draws the Web Mercator tile grid, so a
layer is usable when one of its matrix sets *is* that grid: each matrix is checked by its CRS,
scale denominator, top-left corner and size, whatever the set is called (a set named
"GoogleMapsCompatible" that is cut differently is refused, a set called "g" that fits is taken).
Matrix identifiers are mapped to zoom levels by those numbers too, so "EPSG:3857:12", "12" or
"L12" all work.

Tiles are then fetched through the layer's RESTful ResourceURL template or, where the service
offers none, through KVP GetTile, as an ordinary :class:`TileSource`.
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx
from lxml import etree

from groundstation.core.tiles import TileFetchError, TileService
from groundstation.core.tiles_grid import MAX_ZOOM, TileError
from groundstation.core.tiles_sources import TileSource, wmts_kvp_template

WMTS_NS = "http://www.opengis.net/wmts/1.0"
OWS_NS = "http://www.opengis.net/ows/1.1"
XLINK_NS = "http://www.w3.org/1999/xlink"
_NS = {"wmts": WMTS_NS, "ows": OWS_NS, "xlink": XLINK_NS}

WORLD_HALF_M = 20037508.342789244     # Web Mercator: the world spans -this..+this metres both ways
PIXEL_M = 0.00028                     # the "standardized rendering pixel" scale denominators assume
SCALE_TOLERANCE = 1e-3                # relative: publishers round the denominators differently
CORNER_TOLERANCE = 0.01               # of a tile: within a few pixels of the world's corner
WEB_MERCATOR_CODES = {"3857", "900913", "3785", "102100", "102113"}
IMAGE_FORMATS = ("image/png", "image/jpeg", "image/webp")  # what the tile cache keeps, in preference order
_TEMPLATE_NAME = re.compile(r"\{([^{}]*)\}")


class WmtsError(TileError):
    """A capabilities document or layer we cannot use; the message says why, for the operator."""


@dataclass(frozen=True)
class WmtsMatrixSet:
    identifier: str
    crs: str
    zooms: dict[int, str]       # zoom level -> the identifier of its matrix, for matrices on the Web Mercator grid

    @property
    def web_mercator(self) -> bool:
        return bool(self.zooms) and _crs_code(self.crs) in WEB_MERCATOR_CODES


@dataclass(frozen=True)
class WmtsLayer:
    identifier: str
    title: str
    formats: tuple[str, ...]
    styles: tuple[str, ...]                      # the default style first
    matrix_sets: tuple[str, ...]
    tile_templates: dict[str, str]               # format -> RESTful ResourceURL template for tiles
    dimensions: dict[str, str]                   # dimension (e.g. Time) -> its default value
    matrix_limits: dict[str, frozenset[str]]     # matrix set -> the matrices the layer has tiles in
    abstract: str = ""                           # the publisher's description, often where the theme is named


@dataclass(frozen=True)
class WmtsCapabilities:
    url: str                                     # where the document was read from ("" if not known)
    title: str
    provider: str
    access_constraints: str
    layers: tuple[WmtsLayer, ...]
    matrix_sets: dict[str, WmtsMatrixSet]
    get_tile_kvp: str | None                     # the KVP GetTile endpoint, where the service offers one

    def layer(self, identifier: str) -> WmtsLayer:
        for layer in self.layers:
            if layer.identifier == identifier:
                return layer
        raise WmtsError(f"the service has no layer {identifier!r}; it has: "
                        f"{', '.join(layer.identifier for layer in self.layers) or 'none'}")

    def web_mercator_set(self, layer: WmtsLayer) -> tuple[WmtsMatrixSet, dict[int, str]]:
        """The layer's matrix set on the Web Mercator grid with the most zoom levels, and those levels."""
        best: tuple[WmtsMatrixSet, dict[int, str]] | None = None
        for name in layer.matrix_sets:
            matrix_set = self.matrix_sets.get(name)
            if matrix_set is None or not matrix_set.web_mercator:
                continue
            zooms = _contiguous(matrix_set.zooms, layer.matrix_limits.get(name))
            if zooms and (best is None or len(zooms) > len(best[1])):
                best = matrix_set, zooms
        if best is None:
            has = ", ".join(self._describe(name) for name in layer.matrix_sets) or "none"
            raise WmtsError(f"layer {layer.identifier!r} has no tile matrix set on the Web Mercator grid "
                            f"(EPSG:3857, GoogleMapsCompatible), which the map needs; it has: {has}")
        return best

    def _describe(self, name: str) -> str:
        matrix_set = self.matrix_sets.get(name)
        if matrix_set is None:
            return f"{name} (not described in the document)"
        if _crs_code(matrix_set.crs) not in WEB_MERCATOR_CODES:
            return f"{name} ({matrix_set.crs})"
        return f"{name} ({matrix_set.crs}, but cut differently from the Web Mercator tile grid)"

    def tile_source(self, layer_id: str, source_id: str, *, name: str | None = None,
                    attribution: str | None = None, style: str | None = None,
                    image_format: str | None = None) -> TileSource:
        """A tile source for one layer; style and format default to the layer's default style and PNG."""
        layer = self.layer(layer_id)
        style = _choose("style", style, layer.styles, layer)
        usable = [f for f in layer.formats if _image_format(f)]
        if image_format is None:
            if not usable:
                raise WmtsError(f"layer {layer.identifier!r} offers {', '.join(layer.formats) or 'no format'}, "
                                f"no image the map can show ({', '.join(IMAGE_FORMATS)})")
            image_format = min(usable, key=lambda f: IMAGE_FORMATS.index(_image_format(f)))
        else:
            _choose("format", image_format, layer.formats, layer)
            if not _image_format(image_format):
                raise WmtsError(f"{image_format} is not an image the map can show; use one of {', '.join(usable)}")
        matrix_set, zooms = self.web_mercator_set(layer)
        min_zoom, max_zoom = min(zooms), max(zooms)
        plain = all(zooms[z] == str(z) for z in zooms)
        default_name = f"{layer.title} ({self.title})" if self.title else layer.title
        return TileSource(
            id=source_id, name=name or default_name,
            url=self._template(layer, style, matrix_set.identifier, image_format),
            attribution=attribution or f"© {self.provider or self.title or urlsplit(self.url).netloc or layer.title}",
            licence=self.access_constraints, min_zoom=min_zoom, max_zoom=max_zoom,
            tile_matrices=() if plain else tuple(zooms[z] for z in range(min_zoom, max_zoom + 1)))

    def _template(self, layer: WmtsLayer, style: str, matrix_set: str, image_format: str) -> str:
        rest = layer.tile_templates.get(image_format)
        if rest is not None:
            values = {"style": style, "tilematrixset": matrix_set, "layer": layer.identifier,
                      **{k.lower(): v for k, v in layer.dimensions.items()}}
            ours = {"tilematrix": "{TileMatrix}", "tilerow": "{TileRow}", "tilecol": "{TileCol}"}

            def fill(m: re.Match) -> str:
                key = m.group(1).lower()
                if key in ours:
                    return ours[key]
                if key in values:
                    return values[key]
                raise WmtsError(f"layer {layer.identifier!r}: its tile URL template needs {{{m.group(1)}}}, "
                                "which the capabilities give no value for")
            return urljoin(self.url, _TEMPLATE_NAME.sub(fill, rest))
        if self.get_tile_kvp is None:
            raise WmtsError(f"layer {layer.identifier!r}: the service gives neither a tile URL template for "
                            f"{image_format} nor a KVP GetTile address")
        return wmts_kvp_template(urljoin(self.url, self.get_tile_kvp), layer.identifier, style, matrix_set,
                                 image_format, layer.dimensions)


def _choose(what: str, wanted: str | None, offered: tuple[str, ...], layer: WmtsLayer) -> str:
    if wanted is None:
        if not offered:
            raise WmtsError(f"layer {layer.identifier!r} names no {what}")
        return offered[0]
    if wanted not in offered:
        raise WmtsError(f"layer {layer.identifier!r} has no {what} {wanted!r}; it has {', '.join(offered) or 'none'}")
    return wanted


def _image_format(mime: str) -> str | None:
    """The cacheable image type a WMTS format names ("image/png; mode=8bit" is a PNG), or None."""
    base = mime.split(";")[0].strip().lower()
    base = {"image/jpg": "image/jpeg", "image/png8": "image/png"}.get(base, base)
    return base if base in IMAGE_FORMATS else None


def _crs_code(crs: str) -> str:
    """'3857' from EPSG:3857, urn:ogc:def:crs:EPSG:6.18.3:3857 or http://www.opengis.net/def/crs/EPSG/0/3857."""
    m = re.search(r"(\d+)\s*$", crs)
    return m.group(1) if m else ""


def _contiguous(zooms: dict[int, str], limits: frozenset[str] | None) -> dict[int, str]:
    """The zoom levels a source can span: from the lowest one with tiles up to the first gap."""
    levels = {z: ident for z, ident in zooms.items() if limits is None or ident in limits}
    if not levels:
        return {}
    z = min(levels)
    run = {}
    while z in levels:
        run[z] = levels[z]
        z += 1
    return run


# --- finding a layer in a long list ----------------------------------------------------------


def _folded(text: str) -> str:
    """Text as an operator types it on any keyboard: no case, no accents ("Forêt" -> "foret", "ß" -> "ss")."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def layer_matches(layer: WmtsLayer, query: str) -> bool:
    """Whether every word of the query is in the layer's title, identifier or abstract (case and accents aside)."""
    described = _folded(f"{layer.title}\n{layer.identifier}\n{layer.abstract}")
    return all(word in described for word in _folded(query).split())


# --- reading the document ---------------------------------------------------------------------


def read_capabilities(data: bytes, url: str = "") -> WmtsCapabilities:
    """Parse a WMTS 1.0.0 GetCapabilities document; WmtsError when it is broken or not WMTS."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise WmtsError(f"the capabilities document is not well-formed XML ({exc})") from None
    if root.tag != f"{{{WMTS_NS}}}Capabilities":
        raise WmtsError(f"this is not a WMTS capabilities document: {_what_instead(root)}")
    if not root.get("version", "").startswith("1.0"):
        raise WmtsError(f"WMTS version {root.get('version')!r} is not supported; the station reads 1.0.0")
    matrix_sets = {}
    for element in root.iterfind("wmts:Contents/wmts:TileMatrixSet", _NS):
        matrix_set = _matrix_set(element)
        matrix_sets[matrix_set.identifier] = matrix_set
    return WmtsCapabilities(
        url=url,
        title=_text(root, "ows:ServiceIdentification/ows:Title"),
        provider=_text(root, "ows:ServiceProvider/ows:ProviderName"),
        access_constraints="; ".join(t for t in (_text(root, "ows:ServiceIdentification/ows:AccessConstraints"),
                                                 _text(root, "ows:ServiceIdentification/ows:Fees")) if t),
        layers=tuple(_layer(e) for e in root.iterfind("wmts:Contents/wmts:Layer", _NS)),
        matrix_sets=matrix_sets,
        get_tile_kvp=_kvp_endpoint(root))


def _what_instead(root: etree._Element) -> str:
    local = etree.QName(root).localname
    if local == "ExceptionReport":
        return "the server answered with an error: " + (" ".join("".join(root.itertext()).split()) or "no text")
    if local in ("WMS_Capabilities", "WMT_MS_Capabilities"):
        return "it describes a WMS (give the WMS GetMap URL with {bbox-epsg-3857} instead)"
    return f"its root element is <{local}>"


def _text(element: etree._Element, path: str) -> str:
    return (element.findtext(path, "", _NS) or "").strip()


def _number(element: etree._Element, path: str, matrix_set: str) -> float:
    text = _text(element, path)
    try:
        return float(text)
    except ValueError:
        raise WmtsError(f"tile matrix set {matrix_set!r}: {path.split(':')[-1]} {text!r} is not a number") from None


def _matrix_set(element: etree._Element) -> WmtsMatrixSet:
    identifier = _text(element, "ows:Identifier")
    crs = _text(element, "ows:SupportedCRS")
    zooms: dict[int, str] = {}
    for matrix in element.iterfind("wmts:TileMatrix", _NS):
        zoom = _web_mercator_zoom(matrix, identifier)
        if zoom is not None:
            zooms.setdefault(zoom, _text(matrix, "ows:Identifier"))
    return WmtsMatrixSet(identifier, crs, zooms)


def _web_mercator_zoom(matrix: etree._Element, matrix_set: str) -> int | None:
    """The zoom level whose XYZ grid this matrix is, checked by its numbers; None if it is none."""
    scale = _number(matrix, "wmts:ScaleDenominator", matrix_set)
    corner = _text(matrix, "wmts:TopLeftCorner").split()
    width, height = _number(matrix, "wmts:TileWidth", matrix_set), _number(matrix, "wmts:TileHeight", matrix_set)
    columns, rows = _number(matrix, "wmts:MatrixWidth", matrix_set), _number(matrix, "wmts:MatrixHeight", matrix_set)
    if columns != rows or columns < 1 or width != height or width < 1:
        return None
    zoom = round(math.log2(columns))
    if 2 ** zoom != columns or zoom > MAX_ZOOM:
        return None
    tile_m = 2 * WORLD_HALF_M / columns
    if abs(scale * PIXEL_M * width - tile_m) > SCALE_TOLERANCE * tile_m:
        return None
    try:
        left, top = (float(v) for v in corner)
    except ValueError:
        return None
    if abs(left + WORLD_HALF_M) > CORNER_TOLERANCE * tile_m or abs(top - WORLD_HALF_M) > CORNER_TOLERANCE * tile_m:
        return None
    return zoom


def _layer(element: etree._Element) -> WmtsLayer:
    identifier = _text(element, "ows:Identifier")
    styles = element.findall("wmts:Style", _NS)
    styles.sort(key=lambda s: s.get("isDefault", "false").lower() != "true")  # the default first
    templates: dict[str, str] = {}
    for resource in element.iterfind("wmts:ResourceURL", _NS):
        if resource.get("resourceType") == "tile" and resource.get("template"):
            templates.setdefault(resource.get("format", ""), resource.get("template"))
    limits = {}
    for link in element.iterfind("wmts:TileMatrixSetLink", _NS):
        names = [_text(m, "wmts:TileMatrix") for m in link.iterfind("wmts:TileMatrixSetLimits/wmts:TileMatrixLimits", _NS)]
        if names:
            limits[_text(link, "wmts:TileMatrixSet")] = frozenset(names)
    return WmtsLayer(
        identifier=identifier,
        title=_text(element, "ows:Title") or identifier,
        formats=tuple(f.text.strip() for f in element.iterfind("wmts:Format", _NS) if f.text),
        styles=tuple(_text(s, "ows:Identifier") for s in styles),
        matrix_sets=tuple(_text(link, "wmts:TileMatrixSet") for link in element.iterfind("wmts:TileMatrixSetLink", _NS)),
        tile_templates=templates,
        dimensions={_text(d, "ows:Identifier"): _text(d, "wmts:Default") or _text(d, "wmts:Value")
                    for d in element.iterfind("wmts:Dimension", _NS)},
        matrix_limits=limits,
        abstract=_text(element, "ows:Abstract"))


def _kvp_endpoint(root: etree._Element) -> str | None:
    """The GetTile address that takes KVP; one with no GetEncoding constraint is taken as KVP too."""
    path = "ows:OperationsMetadata/ows:Operation[@name='GetTile']/ows:DCP/ows:HTTP/ows:Get"
    for get in root.iterfind(path, _NS):
        encodings = [v.text.strip() for v in get.iterfind("ows:Constraint[@name='GetEncoding']/ows:AllowedValues/ows:Value",
                                                          _NS) if v.text]
        href = get.get(f"{{{XLINK_NS}}}href")
        if href and (not encodings or "KVP" in encodings):
            return href
    return None


# --- over the network ---------------------------------------------------------------------------


def capabilities_url(url: str) -> str:
    """The GetCapabilities request for a service address: a bare KVP endpoint gets its query added."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise WmtsError(f"{url!r}: give the service's http:// or https:// address")
    if "request=" in parts.query.lower() or parts.path.lower().endswith(".xml"):
        return url
    joint = "&" if parts.query else "" if url.endswith("?") else "?"
    return f"{url}{joint}SERVICE=WMTS&REQUEST=GetCapabilities&VERSION=1.0.0"


async def fetch_capabilities(service: TileService, url: str) -> WmtsCapabilities:
    """Download and read a service's capabilities, with the station's HTTP identity; never when offline."""
    if service.offline:
        raise TileFetchError("the station is in offline mode: switch it online to read the service", transient=False)
    request = capabilities_url(url)
    try:
        async with httpx.AsyncClient(headers={"User-Agent": service.user_agent}, timeout=service.timeout_s,
                                     follow_redirects=True) as client:
            reply = await client.get(request)
    except httpx.HTTPError as exc:
        raise TileFetchError(f"cannot reach {request}: {type(exc).__name__} {exc}".strip(), transient=True) from None
    if reply.status_code != 200:
        raise TileFetchError(f"{request} answered HTTP {reply.status_code}", transient=reply.status_code >= 500)
    return read_capabilities(reply.content, str(reply.url))


async def add_wmts_source(service: TileService, url: str, layer: str, source_id: str,
                          replace: bool = False, **choices: str | None) -> TileSource:
    """Read a WMTS service and add one of its layers as a tile source (kept in tiles/sources.json).

    `choices` are tile_source()'s name, attribution, style and image_format."""
    capabilities = await fetch_capabilities(service, url)
    return service.sources.add(capabilities.tile_source(layer, source_id, **choices), replace=replace)

