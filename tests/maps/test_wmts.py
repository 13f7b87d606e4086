"""WMTS services on loopback: capabilities read over HTTP (RESTful and KVP), a layer added as a tile
source, and its tiles fetched through the resulting template from the same server."""

from __future__ import annotations

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

from .conftest import SCALE0, kvp_capabilities, tile_png


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
