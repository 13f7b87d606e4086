"""Real servers on loopback for the map tests: an XYZ tile server counting every connection and request it
gets, and a WMTS service (its capabilities documents and tiles), which the window's tests use too."""

from __future__ import annotations

import re
import socket
import threading
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import cv2
import numpy as np
import pytest

from groundstation.core.tiles import TileArea, TileService, TileSource


def tile_png(z: int, x: int, y: int) -> bytes:
    """A small PNG different for every tile, so a wrong tile in the wrong place shows."""
    image = np.zeros((16, 16, 3), np.uint8)
    image[:, :, 0], image[:, :, 1], image[:, :, 2] = z * 9 % 256, x % 256, y % 256
    image[0, 0] = (x // 256 % 256, y // 256 % 256, 7)
    ok, png = cv2.imencode(".png", image)
    assert ok
    return png.tobytes()


class TileServer:
    """Serves /{z}/{x}/{y}.png; `failures` makes a tile answer 503 that many times first."""

    def __init__(self) -> None:
        self.connections = 0
        self.requests: Counter[str] = Counter()
        self.failures: Counter[str] = Counter()
        self.user_agents: set[str] = set()
        self.open_sockets: set[socket.socket] = set()
        self.hold = threading.Event()
        self.hold.set()
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self) -> None:
                server.connections += 1
                server.open_sockets.add(self.request)
                super().setup()

            def do_GET(self) -> None:  # noqa: N802 (http.server's name)
                server.hold.wait(5)
                server.requests[self.path] += 1
                server.user_agents.add(self.headers.get("User-Agent", ""))
                m = re.fullmatch(r"/(\d+)/(\d+)/(\d+)\.png", self.path)
                if m is None:
                    return self._send(404, b"no such tile", "text/plain")
                if server.failures[self.path] > 0:
                    server.failures[self.path] -= 1
                    return self._send(503, b"<html>busy</html>", "text/html")
                self._send(200, tile_png(*map(int, m.groups())), "image/png")

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
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/{{z}}/{{x}}/{{y}}.png"

    def tile_requests(self) -> int:
        return sum(self.requests.values())

    def stop(self) -> None:
        self.hold.set()
        self.httpd.shutdown()
        self.httpd.server_close()
        for sock in list(self.open_sockets):  # keep-alive connections too: the server is really gone
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
        self.thread.join(5)


class CountingListener:
    """A bare listening socket on a port: counts every connection attempt that reaches it."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.05)
        self.port = self.sock.getsockname()[1]

    def accepted(self) -> int:
        count = 0
        while True:
            try:
                conn, _ = self.sock.accept()
            except (TimeoutError, OSError):
                return count
            conn.close()
            count += 1

    def close(self) -> None:
        self.sock.close()


@pytest.fixture
def tile_server():
    server = TileServer()
    yield server
    server.stop()


@pytest.fixture
def listener():
    lst = CountingListener()
    yield lst
    lst.close()


def local_source(url: str, source_id: str = "local", **options) -> TileSource:
    return TileSource(id=source_id, name="Local test tiles", url=url, attribution="© test fixture",
                      licence="test data", **options)


@pytest.fixture
def service(tmp_path):
    return TileService(tmp_path / "tiles", retry_delay_s=0.01, timeout_s=5.0)


# A small area around Schengen (FR/LU/DE): 4 tiles at zoom 12, a few dozen at 14.
SCHENGEN = TileArea.polygon([(49.455, 6.345), (49.455, 6.395), (49.485, 6.395), (49.485, 6.345)])


# --- a WMTS service: capabilities documents as national agencies publish them, and their tiles ----------

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


# Themes as the Géoplateforme (IGN) and the German services (BKG, LVermGeo) title and describe them:
# (identifier, title, abstract, on the Web Mercator grid). Each comes in one layer per year, as ortho
# and survey vintages do, so the document lists as many layers as a national service.
NATIONAL_THEMES = (
    ("ORTHOIMAGERY.ORTHOPHOTOS", "Orthophotos", "Photographies aériennes orthorectifiées, 20 cm", True),
    ("LANDCOVER.FORESTINVENTORY.V2", "Carte forestière (BD Forêt® V2)", "Peuplements forestiers par essence", True),
    ("RISQUES.INCENDIES", "Risque d'incendie de forêt", "Aléa feux de forêt et de végétation par massif", True),
    ("HYDROGRAPHY.HYDROGRAPHY", "Réseau hydrographique", "Cours d'eau, plans d'eau et bassins versants", True),
    ("TRANSPORTNETWORKS.ROADS", "Routes", "Réseau routier classé et chemins carrossables", True),
    ("ADMINISTRATIVEUNITS.BOUNDARIES", "Limites administratives", "Communes, départements et régions", True),
    ("ELEVATION.SLOPES", "Pentes", "Pentes calculées du modèle numérique de terrain", True),
    ("GEOGRAPHICALGRIDSYSTEMS.PLANIGNV2", "Plan IGN", "Carte topographique multi-échelle", True),
    ("CADASTRALPARCELS.PARCELLAIRE_EXPRESS", "Parcelles cadastrales", "Plan cadastral (Lambert-93 seulement)", False),
    ("PROTECTEDAREAS.ZNIEFF1", "Zones naturelles d'intérêt écologique", "ZNIEFF de type 1", True),
    ("BKG.DOP20", "Digitale Orthophotos (DOP20)", "Luftbilder mit 20 cm Bodenauflösung", True),
    ("BKG.WALD", "Waldflächen", "Wald und Gehölz aus dem Basis-DLM", True),
    ("BKG.GEWAESSER", "Gewässernetz", "Fließgewässer und stehende Gewässer", True),
    ("BKG.STRASSEN", "Straßennetz", "Bundes-, Landes- und Kreisstraßen", True),
    ("BKG.GRENZEN", "Verwaltungsgrenzen", "Gemeinden, Kreise und Länder", True),
    ("LVERMGEO.HOEHENLINIEN", "Höhenlinien", "Höhenlinien im Abstand von 5 m", True),
    ("LVERMGEO.HAUSUMRINGE", "Hausumringe", "Gebäudegrundrisse aus dem Liegenschaftskataster (nur UTM)", False),
    ("LVERMGEO.RETTUNGSPUNKTE", "Rettungspunkte im Wald", "Forstliche Rettungstreffpunkte für Notfälle", True),
    ("LVERMGEO.TOPO", "Topographische Karte 1:25 000 (DTK25)", "Amtliche topographische Karte", True),
    ("LVERMGEO.SCHUMMERUNG", "Schummerung", "Geländeschummerung aus dem digitalen Geländemodell", True),
)
NATIONAL_YEARS = range(2006, 2023)  # 17 vintages: 20 themes x 17 = 340 layers


def national_capabilities(base: str) -> str:
    """IGN/BKG-like, RESTful: 340 layers titled in French and German, most on a Web Mercator set 'PM' with
    plain matrix ids, some on Lambert-93 or UTM only."""
    layers = "".join(f"""
    <Layer>
      <ows:Title>{title} {year}</ows:Title>
      <ows:Abstract>{abstract}</ows:Abstract>
      <ows:Identifier>{identifier}.{year}</ows:Identifier>
      <Style isDefault="true"><ows:Identifier>normal</ows:Identifier></Style>
      <Format>image/png</Format>
      <TileMatrixSetLink><TileMatrixSet>{"PM" if mercator else "LAMB93"}</TileMatrixSet></TileMatrixSetLink>
      <ResourceURL format="image/png" resourceType="tile"
          template="{base}/tiles/{identifier}.{year}/{{TileMatrix}}/{{TileRow}}/{{TileCol}}.png"/>
    </Layer>""" for identifier, title, abstract, mercator in NATIONAL_THEMES for year in NATIONAL_YEARS)
    return HEAD.format(title="Géoplateforme test", constraints="Licence Ouverte 2.0", provider="IGN") + f"""
  <Contents>{layers}
    {matrix_set("PM", "EPSG:3857", range(19))}
    {matrix_set("LAMB93", "EPSG:2154", range(6), scale0=1e6, corner=(0.0, 12000000.0))}
  </Contents>
</Capabilities>"""


WMS = b"""<?xml version="1.0"?><WMS_Capabilities xmlns="http://www.opengis.net/wms" version="1.3.0">
<Service><Name>WMS</Name></Service></WMS_Capabilities>"""


class WmtsServer:
    """A WMTS on loopback: RESTful under /lu and /ign (a national service's 340 layers), KVP under /be.
    Tiles decode the matrix id the way the capabilities define it, so a tile asked under a wrong matrix
    id, style or layer is not found."""

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
                if url.path == "/ign/WMTSCapabilities.xml":
                    return self._send(200, national_capabilities(server.base + "/ign").encode(), "application/xml")
                if m := re.fullmatch(r"/ign/tiles/[A-Z_.]+\.\d{4}/(\d+)/(\d+)/(\d+)\.png", url.path):
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
