"""WMTS services on loopback: capabilities read over HTTP (RESTful and KVP), a layer added as a tile
source, and its tiles fetched through the resulting template from the same server."""

from __future__ import annotations

import re
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from groundstation.core.tiles import TileFetchError, TileService
from groundstation.core.tiles_grid import TileError, TileId, tile_at
from groundstation.core.tiles_sources import OSM_AND_AGENCIES, TileSource
from groundstation.core.wmts import (
    WmtsError,
    add_wmts_source,
    capabilities_url,
    fetch_capabilities,
    read_capabilities,
)

from .conftest import tile_png

HALF = 20037508.3427892
SCALE0 = 559082264.0287178      # GoogleMapsCompatible zoom 0, 256 px tiles


def matrix_set(identifier: str, crs: str, zooms: range, name=str, scale0: float = SCALE0,
               corner: tuple[float, float] = (-HALF, HALF), tile: int = 256) -> str:
    """A <TileMatrixSet> as OGC 07-057r7 (section 6) lays it out."""
    matrices = "".join(f"""
      <TileMatrix>
        <ows:Identifier>{name(z)}</ows:Identifier>
        <ScaleDenominator>{scale0 / 2 ** z!r}</ScaleDenominator>
        <TopLeftCorner>{corner[0]} {corner[1]}</TopLeftCorner>
        <TileWidth>{tile}</TileWidth><TileHeight>{tile}</TileHeight>
        <MatrixWidth>{2 ** z}</MatrixWidth><MatrixHeight>{2 ** z}</MatrixHeight>
      </TileMatrix>""" for z in zooms)
    return f"""
    <TileMatrixSet>
      <ows:Identifier>{identifier}</ows:Identifier>
      <ows:SupportedCRS>{crs}</ows:SupportedCRS>{matrices}
    </TileMatrixSet>"""


HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<Capabilities xmlns="http://www.opengis.net/wmts/1.0" xmlns:ows="http://www.opengis.net/ows/1.1"
    xmlns:xlink="http://www.w3.org/1999/xlink" version="1.0.0">
  <ows:ServiceIdentification>
    <ows:Title>{title}</ows:Title>
    <ows:ServiceType>OGC WMTS</ows:ServiceType>
    <ows:ServiceTypeVersion>1.0.0</ows:ServiceTypeVersion>
    <ows:Fees>none</ows:Fees>
    <ows:AccessConstraints>{constraints}</ows:AccessConstraints>
  </ows:ServiceIdentification>
  <ows:ServiceProvider><ows:ProviderName>{provider}</ows:ProviderName></ows:ServiceProvider>"""


def restful_capabilities(base: str) -> str:
    """Luxembourg-like, RESTful only: a national grid (LUREF), a Web Mercator set whose matrix ids are
    'EPSG:3857:<z>' under a name that says nothing, and a set *called* GoogleMapsCompatible that is cut
    on a regional grid (its corner is near Luxembourg, not the world's), and one named EPSG:3857 whose
    scale denominators assume 96 dpi pixels: its tiles would each cover 6 % more ground."""
    limits = "".join(f"<TileMatrixLimits><TileMatrix>EPSG:3857:{z}</TileMatrix><MinTileRow>0</MinTileRow>"
                     f"<MaxTileRow>{2 ** z - 1}</MaxTileRow><MinTileCol>0</MinTileCol><MaxTileCol>{2 ** z - 1}"
                     f"</MaxTileCol></TileMatrixLimits>" for z in range(5, 13))
    return HEAD.format(title="geoportail test", constraints="CC0 1.0", provider="ACT Luxembourg") + f"""
  <Contents>
    <Layer>
      <ows:Title>Basemap</ows:Title>
      <ows:Identifier>basemap</ows:Identifier>
      <Style isDefault="false"><ows:Identifier>night</ows:Identifier></Style>
      <Style isDefault="true"><ows:Identifier>default</ows:Identifier></Style>
      <Format>image/png</Format>
      <TileMatrixSetLink><TileMatrixSet>LUREF</TileMatrixSet></TileMatrixSetLink>
      <TileMatrixSetLink><TileMatrixSet>GLOBAL_3</TileMatrixSet>
        <TileMatrixSetLimits>{limits}</TileMatrixSetLimits></TileMatrixSetLink>
      <ResourceURL format="image/png" resourceType="tile"
          template="{base}/tiles/basemap/{{Style}}/{{TileMatrixSet}}/{{TileMatrix}}/{{TileRow}}/{{TileCol}}.png"/>
    </Layer>
    <Layer>
      <ows:Title>Orthophoto</ows:Title>
      <ows:Identifier>ortho</ows:Identifier>
      <Style isDefault="true"><ows:Identifier>default</ows:Identifier></Style>
      <Format>image/jpeg</Format>
      <Dimension><ows:Identifier>Time</ows:Identifier><Default>2023</Default><Value>2021</Value><Value>2023</Value></Dimension>
      <TileMatrixSetLink><TileMatrixSet>GLOBAL_3</TileMatrixSet></TileMatrixSetLink>
      <ResourceURL format="image/jpeg" resourceType="tile"
          template="{base}/tiles/ortho/{{Time}}/{{TileMatrixSet}}/{{TileMatrix}}/{{TileRow}}/{{TileCol}}.jpeg"/>
    </Layer>
    <Layer>
      <ows:Title>Cadastre</ows:Title>
      <ows:Identifier>cadastre</ows:Identifier>
      <Style isDefault="true"><ows:Identifier>default</ows:Identifier></Style>
      <Format>image/png</Format>
      <TileMatrixSetLink><TileMatrixSet>LUREF</TileMatrixSet></TileMatrixSetLink>
      <ResourceURL format="image/png" resourceType="tile" template="{base}/tiles/cadastre/{{TileMatrix}}/{{TileRow}}/{{TileCol}}.png"/>
    </Layer>
    <Layer>
      <ows:Title>Regional</ows:Title>
      <ows:Identifier>regional</ows:Identifier>
      <Style isDefault="true"><ows:Identifier>default</ows:Identifier></Style>
      <Format>image/png</Format>
      <TileMatrixSetLink><TileMatrixSet>GoogleMapsCompatible</TileMatrixSet></TileMatrixSetLink>
      <ResourceURL format="image/png" resourceType="tile" template="{base}/tiles/regional/{{TileMatrix}}/{{TileRow}}/{{TileCol}}.png"/>
    </Layer>
    <Layer>
      <ows:Title>Hillshade</ows:Title>
      <ows:Identifier>hillshade</ows:Identifier>
      <Style isDefault="true"><ows:Identifier>default</ows:Identifier></Style>
      <Format>image/png</Format>
      <TileMatrixSetLink><TileMatrixSet>EPSG:3857</TileMatrixSet></TileMatrixSetLink>
      <ResourceURL format="image/png" resourceType="tile" template="{base}/tiles/hillshade/{{TileMatrix}}/{{TileRow}}/{{TileCol}}.png"/>
    </Layer>
    {matrix_set("LUREF", "urn:ogc:def:crs:EPSG::2169", range(6), scale0=1e6, corner=(48000.0, 140000.0))}
    {matrix_set("GLOBAL_3", "urn:ogc:def:crs:EPSG:6.18.3:3857", range(21), name=lambda z: f"EPSG:3857:{z}")}
    {matrix_set("GoogleMapsCompatible", "EPSG:3857", range(19), corner=(640000.0, 6530000.0))}
    {matrix_set("EPSG:3857", "EPSG:3857", range(19), scale0=591657527.591555)}
  </Contents>
  <ServiceMetadataURL xlink:href="{base}/WMTSCapabilities.xml"/>
</Capabilities>"""


def kvp_capabilities(endpoint: str, layer: str = "topo", style: str = "default", matrix_ids=lambda z: f"{z:02d}",
                     wm_set: str = "g", scale0: float = 559082264.029) -> str:
    """NGI-like, KVP only: Belgian Lambert 72 and a Web Mercator set with zero-padded matrix ids and
    rounded denominators, as some servers publish them."""
    return HEAD.format(title="cartoweb test", constraints="CC BY 4.0", provider="NGI-IGN") + f"""
  <ows:OperationsMetadata>
    <ows:Operation name="GetCapabilities"><ows:DCP><ows:HTTP><ows:Get xlink:href="{endpoint}">
      <ows:Constraint name="GetEncoding"><ows:AllowedValues><ows:Value>KVP</ows:Value></ows:AllowedValues></ows:Constraint>
    </ows:Get></ows:HTTP></ows:DCP></ows:Operation>
    <ows:Operation name="GetTile"><ows:DCP><ows:HTTP><ows:Get xlink:href="{endpoint}">
      <ows:Constraint name="GetEncoding"><ows:AllowedValues><ows:Value>KVP</ows:Value></ows:AllowedValues></ows:Constraint>
    </ows:Get></ows:HTTP></ows:DCP></ows:Operation>
  </ows:OperationsMetadata>
  <Contents>
    <Layer>
      <ows:Title>Topo</ows:Title>
      <ows:Identifier>{layer}</ows:Identifier>
      <Style isDefault="true"><ows:Identifier>{style}</ows:Identifier></Style>
      <Style><ows:Identifier>grey</ows:Identifier></Style>
      <Format>application/vnd.mapbox-vector-tile</Format>
      <Format>image/jpeg</Format>
      <Format>image/png</Format>
      <TileMatrixSetLink><TileMatrixSet>BPL72</TileMatrixSet></TileMatrixSetLink>
      <TileMatrixSetLink><TileMatrixSet>{wm_set}</TileMatrixSet></TileMatrixSetLink>
    </Layer>
    {matrix_set("BPL72", "urn:ogc:def:crs:EPSG::31370", range(4), scale0=2e6, corner=(0.0, 300000.0))}
    {matrix_set(wm_set, "http://www.opengis.net/def/crs/EPSG/0/3857", range(19), name=matrix_ids, scale0=scale0)}
  </Contents>
</Capabilities>"""


WMS = b"""<?xml version="1.0"?><WMS_Capabilities xmlns="http://www.opengis.net/wms" version="1.3.0">
<Service><Name>WMS</Name></Service></WMS_Capabilities>"""


class WmtsServer:
    """A WMTS on loopback: RESTful under /lu, KVP under /be. Tiles decode the matrix id the way the
    capabilities define it, so a tile asked under a wrong matrix id, style or layer is not found."""

    def __init__(self) -> None:
        self.requests: Counter[str] = Counter()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                server.requests[self.path] += 1
                url = urlsplit(self.path)
                query = {k.upper(): v[0] for k, v in parse_qs(url.query).items()}
                if url.path == "/lu/WMTSCapabilities.xml":
                    return self._send(200, restful_capabilities(server.base + "/lu").encode(), "application/xml")
                if m := re.fullmatch(r"/lu/tiles/basemap/default/GLOBAL_3/EPSG:3857:(\d+)/(\d+)/(\d+)\.png", url.path):
                    z, row, col = map(int, m.groups())
                    return self._send(200, tile_png(z, col, row), "image/png")
                if url.path == "/be/wmts" and query.get("REQUEST") == "GetCapabilities":
                    return self._send(200, kvp_capabilities(server.base + "/be/wmts?").encode(), "application/xml")
                wanted = {"SERVICE": "WMTS", "VERSION": "1.0.0", "LAYER": "topo", "STYLE": "grey",
                          "TILEMATRIXSET": "g", "FORMAT": "image/png"}
                if url.path == "/be/wmts" and query.get("REQUEST") == "GetTile" and \
                        all(query.get(k) == v for k, v in wanted.items()) and re.fullmatch(r"\d\d", query.get("TILEMATRIX", "")):
                    z = int(query["TILEMATRIX"])
                    return self._send(200, tile_png(z, int(query["TILECOL"]), int(query["TILEROW"])), "image/png")
                if url.path == "/wms":
                    return self._send(200, WMS, "text/xml")
                if url.path == "/broken.xml":
                    return self._send(200, restful_capabilities(server.base).encode()[:900], "text/xml")
                self._send(404, b"not found", "text/plain")

            def _send(self, status: int, body: bytes, kind: str) -> None:
                self.send_response(status)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)


@pytest.fixture
def wmts():
    server = WmtsServer()
    yield server
    server.stop()


async def test_restful_capabilities_list_layers_and_find_the_web_mercator_set_by_its_numbers(service, wmts):
    caps = await fetch_capabilities(service, f"{wmts.base}/lu/WMTSCapabilities.xml")
    assert [(layer.identifier, layer.title) for layer in caps.layers] == [
        ("basemap", "Basemap"), ("ortho", "Orthophoto"), ("cadastre", "Cadastre"), ("regional", "Regional"),
        ("hillshade", "Hillshade")]
    basemap = caps.layer("basemap")
    assert basemap.formats == ("image/png",) and basemap.styles == ("default", "night")  # the default first
    assert basemap.matrix_sets == ("LUREF", "GLOBAL_3")
    assert caps.provider == "ACT Luxembourg" and caps.access_constraints == "CC0 1.0; none"
    # the set named GoogleMapsCompatible is on a regional grid; the one named GLOBAL_3 is the real thing
    assert not caps.matrix_sets["GoogleMapsCompatible"].web_mercator
    chosen, zooms = caps.web_mercator_set(basemap)
    assert chosen.identifier == "GLOBAL_3" and (min(zooms), max(zooms)) == (5, 12)  # the layer's limits


async def test_a_restful_layer_becomes_a_source_whose_tiles_come_from_the_server(service, wmts):
    source = await add_wmts_source(service, f"{wmts.base}/lu/WMTSCapabilities.xml", "basemap", "lu-basemap")
    assert (source.min_zoom, source.max_zoom) == (5, 12)
    assert source.tile_matrices == tuple(f"EPSG:3857:{z}" for z in range(5, 13))
    assert source.attribution == "© ACT Luxembourg" and source.licence == "CC0 1.0; none"
    tile = tile_at(49.61, 6.13, 11)
    assert await service.tile("lu-basemap", tile) == tile_png(tile.z, tile.x, tile.y)
    asked = f"/lu/tiles/basemap/default/GLOBAL_3/EPSG:3857:11/{tile.y}/{tile.x}.png"
    assert wmts.requests[asked] == 1
    assert service.cache.get("lu-basemap", tile) == tile_png(tile.z, tile.x, tile.y)
    assert await service.tile("lu-basemap", tile_at(49.61, 6.13, 14)) is None  # below the layer's deepest level
    await service.aclose()
    reloaded = TileService(service.tiles_dir).sources.get("lu-basemap")  # kept in tiles/sources.json
    assert reloaded == source and reloaded.tile_url(tile).endswith(f"/EPSG:3857:11/{tile.y}/{tile.x}.png")


async def test_a_dimension_takes_its_default_value(service, wmts):
    caps = await fetch_capabilities(service, f"{wmts.base}/lu/WMTSCapabilities.xml")
    source = caps.tile_source("ortho", "lu-ortho")
    assert source.name == "Orthophoto (geoportail test)" and (source.min_zoom, source.max_zoom) == (0, 20)
    assert source.tile_url(TileId(3, 4, 2)) == f"{wmts.base}/lu/tiles/ortho/2023/GLOBAL_3/EPSG:3857:3/2/4.jpeg"


async def test_a_kvp_service_address_is_read_and_its_zero_padded_matrices_mapped(service, wmts):
    assert capabilities_url(f"{wmts.base}/be/wmts").endswith("/be/wmts?SERVICE=WMTS&REQUEST=GetCapabilities&VERSION=1.0.0")
    caps = await fetch_capabilities(service, f"{wmts.base}/be/wmts")
    topo = caps.layer("topo")
    assert topo.styles == ("default", "grey") and "image/png" in topo.formats
    source = await add_wmts_source(service, f"{wmts.base}/be/wmts", "topo", "ngi-topo", style="grey")
    assert (source.min_zoom, source.max_zoom) == (0, 18) and source.tile_matrices[5] == "05"
    assert "FORMAT=image/png" in source.url  # PNG chosen over JPEG; the vector tiles are not an image
    for z in (5, 14):  # "05" and "14": neither the zoom as written nor a fixed prefix would do
        tile = tile_at(50.85, 4.35, z)
        assert await service.tile("ngi-topo", tile) == tile_png(z, tile.x, tile.y)
    await service.aclose()


def test_the_builtin_geoplateforme_sources_are_what_their_capabilities_give():
    caps = read_capabilities(kvp_capabilities("https://data.geopf.fr/wmts?", "GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2",
                                              "normal", str, "PM", SCALE0).encode())
    plan = caps.tile_source("GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2", "x", image_format="image/png")
    ign_plan = next(s for s in OSM_AND_AGENCIES if s.id == "ign-plan")
    assert plan.url == ign_plan.url and plan.tile_matrices == ()  # ids are the zoom numbers


@pytest.mark.parametrize("layer, says", [
    ("cadastre", r"no tile matrix set on the Web Mercator grid.*LUREF \(urn:ogc:def:crs:EPSG::2169\)"),
    ("regional", r"GoogleMapsCompatible \(EPSG:3857, but cut differently"),
    ("hillshade", r"EPSG:3857 \(EPSG:3857, but cut differently"),
    ("roads", r"no layer 'roads'; it has: basemap, ortho, cadastre, regional, hillshade"),
])
async def test_unusable_layers_are_refused_naming_what_there_is(service, wmts, layer, says):
    caps = await fetch_capabilities(service, f"{wmts.base}/lu/WMTSCapabilities.xml")
    with pytest.raises(WmtsError, match=says):
        caps.tile_source(layer, "x")


async def test_wrong_documents_are_refused_and_nothing_is_added(service, wmts):
    before = [s.id for s in service.sources]
    for path, error, says in [
        ("/wms", WmtsError, "not a WMTS capabilities document: it describes a WMS"),
        ("/broken.xml", WmtsError, "not well-formed XML"),
        ("/missing.xml", TileFetchError, "HTTP 404"),
    ]:
        with pytest.raises(error, match=says):
            await add_wmts_source(service, wmts.base + path, "basemap", "x")
    with pytest.raises(WmtsError, match="vector-tile is not an image the map can show; use one of image/jpeg, image/png"):
        await add_wmts_source(service, f"{wmts.base}/be/wmts", "topo", "x",
                              image_format="application/vnd.mapbox-vector-tile")
    with pytest.raises(WmtsError, match="not a WMTS capabilities document: its root element is <html>"):
        read_capabilities(b"<html><body>Welcome</body></html>")
    with pytest.raises(WmtsError, match="the server answered with an error: Layer roads is not served"):
        read_capabilities(b'<ows:ExceptionReport xmlns:ows="http://www.opengis.net/ows/1.1" version="1.1.0">'
                          b'<ows:Exception exceptionCode="InvalidParameterValue"><ows:ExceptionText>Layer roads is '
                          b'not served</ows:ExceptionText></ows:Exception></ows:ExceptionReport>')
    with pytest.raises(WmtsError, match="http:// or https://"):
        capabilities_url("ftp://example.org/wmts")
    await service.set_offline(True)
    asked = sum(wmts.requests.values())
    with pytest.raises(TileFetchError, match="offline"):
        await fetch_capabilities(service, f"{wmts.base}/lu/WMTSCapabilities.xml")
    assert sum(wmts.requests.values()) == asked  # offline: not a single request
    assert [s.id for s in service.sources] == before and not (service.tiles_dir / "sources.json").exists()


def test_tile_matrices_must_cover_the_zoom_range():
    with pytest.raises(TileError, match="one tile matrix for each zoom 3..5, not 2"):
        TileSource(id="w", name="w", url="https://a/{TileMatrix}/{TileRow}/{TileCol}", attribution="",
                   min_zoom=3, max_zoom=5, tile_matrices=("a", "b"))
