"""The commander's web view: a live map page, findings feeds and OGC API - Features, over HTTP.

Runs on the engine's asyncio loop (aiohttp), reads only the engine's published snapshots and the
findings store, and changes nothing: it is read-only by design. Every request needs the station's
token: `Authorization: Bearer <token>`, or `?token=<token>` once, which leaves an HttpOnly cookie
so the page, its live stream, tiles and images work without the token in every URL.
"""

from __future__ import annotations

import asyncio
import hmac
import html
import ipaddress
import errno
import json
import logging
import ssl
from importlib import resources
from string import Template
from typing import TYPE_CHECKING, Any, Awaitable, Callable
from urllib.parse import urlencode

from aiohttp import web

from groundstation.core.findings import Finding
from groundstation.core.tiles import TileError, TileId, TileService
from groundstation.core.tiles_cache import IMAGE_TYPES, image_format
from groundstation.share import geojson as geojson_format
from groundstation.share import kml as kml_format
from groundstation.web import feeds, ogc
from groundstation.web.live import LIVE_PERIOD_S, LiveFollower, LivePicture
from groundstation.web.texts import negotiate, page_texts
from groundstation.web.token import check_token, load_or_create_token

if TYPE_CHECKING:  # the engine owns the web view: types only, no import cycle
    from groundstation.core.engine import Engine, FleetSnapshot

log = logging.getLogger(__name__)

COOKIE = "gs_web_token"
COOKIE_MAX_AGE_S = 12 * 3600  # one shift; the link with the token opens it again
KEEPALIVE_S = 15.0            # a comment line so proxies and tablets keep the stream open
STATIC = resources.files("groundstation.web") / "static"
CAP_MEDIA_TYPE = "application/cap+xml"
SECURITY_HEADERS = {
    # Our own script, styles, tiles and images only: nothing from the internet, nothing inline.
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                               "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}
REFUSED_NO_TOKEN = (
    "401 Unauthorized: this station's web view needs its access token.\n"
    "Open the link the station shows (http://<station>:<port>/?token=...), or send the header "
    "'Authorization: Bearer <token>'.\nThe token is in the station's data directory, file 'web-token'.\n")
REFUSED_WRONG_TOKEN = (
    "401 Unauthorized: the token given is not this station's web token (it may have been renewed).\n"
    "Ask the station operator for the current link; the token is in the data directory, file 'web-token'.\n")

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


class WebView:
    """The HTTP server. `start()`/`stop()` run on the engine's loop; `url` once started."""

    def __init__(self, engine: "Engine", host: str = "127.0.0.1", port: int = 0, token: str | None = None, *,
                 tiles: TileService | None = None, ssl_context: ssl.SSLContext | None = None) -> None:
        if not 0 <= port <= 65535:
            raise ValueError(f"web view port {port} is out of range 0..65535")
        # There is always a token: given, or the station's own from its data directory.
        self.token = check_token(token if token is not None else load_or_create_token(engine.data_dir.root))
        self.engine = engine
        self.host = host
        self.port = port
        self._tiles = tiles
        self._own_tiles = tiles is None
        self._ssl = ssl_context
        self._runner: web.AppRunner | None = None
        self._closing = asyncio.Event()
        self._picture: tuple[FleetSnapshot, LivePicture] | None = None
        self._page = Template((STATIC / "index.html").read_text(encoding="utf-8"))

    # -- life cycle -------------------------------------------------------------------------------
    @property
    def url(self) -> str:
        if self._runner is None:
            raise RuntimeError("the web view is not started")
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{'https' if self._ssl else 'http'}://{host}:{self.port}/"

    @property
    def link(self) -> str:
        """The address to hand a commander: opens the page and leaves the token as a cookie."""
        return f"{self.url}?{urlencode({'token': self.token})}"

    async def start(self) -> None:
        if self._runner is not None:
            raise RuntimeError("the web view is already started")
        if self._tiles is None:
            self._tiles = TileService.in_data_dir(self.engine.data_dir)
        if not is_loopback(self.host):
            log.warning("web view reachable from the network on %s (token required)", self.host)
        self._closing.clear()
        runner = web.AppRunner(self._app(), access_log=None, shutdown_timeout=2.0)
        await runner.setup()
        try:
            site = web.TCPSite(runner, self.host, self.port, ssl_context=self._ssl)
            await site.start()
        except OSError as exc:
            await runner.cleanup()
            why = (f"port {self.port} is in use (another station?): choose another with --web PORT"
                   if exc.errno == errno.EADDRINUSE else exc.strerror)
            raise OSError(exc.errno, f"web view cannot listen on {self.host}:{self.port}: {why}") from None
        self._runner = runner
        self.port = runner.addresses[0][1]
        log.info("web view on %s", self.url)

    async def stop(self) -> None:
        runner, self._runner = self._runner, None
        self._closing.set()  # live streams end at once instead of holding the shutdown
        if runner is not None:
            await runner.cleanup()
        if self._own_tiles and self._tiles is not None:
            await self._tiles.aclose()
            self._tiles = None

    # -- the application --------------------------------------------------------------------------
    def _app(self) -> web.Application:
        app = web.Application(middlewares=[self._auth])
        app.on_response_prepare.append(self._security_headers)  # on every answer, refusals and errors too
        get = app.router.add_get
        get("/", self._index)
        app.router.add_static("/static", str(STATIC), append_version=False)
        get("/live", self._live)
        get("/findings/{finding_id}/snapshot.jpg", self._snapshot)
        get("/tiles/sources", self._tile_sources)
        get(r"/tiles/{source}/{z:\d+}/{x:\d+}/{y:\d+}", self._tile)
        get("/feeds/findings.geojson", self._geojson)
        get("/feeds/findings.kml", self._kml)
        get("/feeds/findings.kmz", self._kmz)
        get("/feeds/findings.cap", self._cap)
        get("/feeds/findings/{finding_id}.cap", self._cap_one)
        get("/ogc", self._ogc_landing)
        get("/ogc/", self._ogc_landing)
        get("/ogc/api", self._ogc_api)
        get("/ogc/conformance", self._ogc_conformance)
        get("/ogc/collections", self._ogc_collections)
        get("/ogc/collections/{collection_id}", self._ogc_collection)
        get("/ogc/collections/{collection_id}/items", self._ogc_items)
        get("/ogc/collections/{collection_id}/items/{feature_id}", self._ogc_item)
        return app

    @staticmethod
    async def _security_headers(request: web.Request, response: web.StreamResponse) -> None:
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)

    @web.middleware
    async def _auth(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        header = request.headers.get("Authorization", "")
        query = request.query.get("token")
        cookie = request.cookies.get(COOKIE)
        if header:
            scheme, _, given = header.partition(" ")
            if scheme.lower() != "bearer" or not self._matches(given.strip()):
                return _refused(REFUSED_WRONG_TOKEN)
        elif query is not None:
            if not self._matches(query):
                return _refused(REFUSED_WRONG_TOKEN)
            if request.path == "/":
                # Take the token out of the address bar and history; the cookie carries it from now on.
                rest = {k: v for k, v in request.query.items() if k != "token"}
                response: web.StreamResponse = web.Response(
                    status=303, headers={"Location": "/" + (f"?{urlencode(rest)}" if rest else "")})
            else:
                response = await handler(request)
            self._set_cookie(response)
            return response
        elif cookie is not None:
            if not self._matches(cookie):
                return _refused(REFUSED_WRONG_TOKEN)
        else:
            return _refused(REFUSED_NO_TOKEN)
        return await handler(request)

    def _matches(self, given: str) -> bool:
        return hmac.compare_digest(given.encode("utf-8", "replace"), self.token.encode("utf-8"))

    def _set_cookie(self, response: web.StreamResponse) -> None:
        response.set_cookie(COOKIE, self.token, max_age=COOKIE_MAX_AGE_S, path="/", httponly=True,
                            samesite="Strict", secure=self._ssl is not None)

    # -- what every handler reads -------------------------------------------------------------------
    @property
    def station_id(self) -> str:
        return self.engine.settings.station_id

    def _snapshot_now(self) -> FleetSnapshot:
        return self.engine.snapshot()

    def _live_picture(self) -> LivePicture:
        """Built once per engine snapshot, shared by every browser."""
        snap = self._snapshot_now()
        if self._picture is None or self._picture[0] is not snap:
            self._picture = (snap, LivePicture.of(snap, self._picture[1] if self._picture else None))
        return self._picture[1]

    def _finding(self, finding_id: str) -> Finding:
        for f in self._snapshot_now().findings:
            if f.id == finding_id:
                return f
        raise web.HTTPNotFound(text=f"404: no finding {finding_id!r} at this station\n")

    def _image(self, sha256: str) -> bytes | None:
        sharing = self.engine.sharing
        return sharing.store.snapshot(sha256) if sharing is not None else None

    @staticmethod
    def _lang(request: web.Request) -> str:
        return negotiate(request.headers.get("Accept-Language"), request.query.get("lang"))

    @staticmethod
    def _base(request: web.Request) -> str:
        return str(request.url.origin())

    async def _off_loop(self, fn: Callable[..., Any], *args: Any) -> Any:
        """Disk reads of snapshot images go to a worker thread: the MAVLink loop never waits on them."""
        return await asyncio.get_running_loop().run_in_executor(None, fn, *args)

    # -- the page and its live stream -----------------------------------------------------------------
    async def _index(self, request: web.Request) -> web.Response:
        lang = self._lang(request)
        texts = page_texts(lang)
        page = self._page.substitute(
            lang=lang, title=html.escape(f"{texts['title']} – {self.station_id}"),
            station=html.escape(self.station_id), heading=html.escape(texts["title"]),
            # JSON in a non-executed script block; '<' escaped so no text can close the element.
            texts=json.dumps(texts, ensure_ascii=False).replace("<", "\\u003c"), **{
                key: html.escape(texts[key]) for key in ("vehicles", "findings", "fit", "zoom_in", "zoom_out",
                                                         "map", "feeds", "connecting")})
        return web.Response(text=page, content_type="text/html", charset="utf-8",
                            headers={"Cache-Control": "no-store", "Content-Language": lang})

    async def _live(self, request: web.Request) -> web.StreamResponse:
        """Server-Sent Events: the whole picture first, then what changed, every LIVE_PERIOD_S."""
        response = web.StreamResponse(headers={"Content-Type": "text/event-stream", "Cache-Control": "no-store",
                                               "X-Accel-Buffering": "no"})
        await response.prepare(request)
        follower = LiveFollower()
        loop = asyncio.get_running_loop()
        try:
            await response.write(b"retry: 2000\n\n")  # reconnect after 2 s when the station comes back
            quiet_since = loop.time()
            while not self._closing.is_set():
                message = follower.next_message(self._live_picture())
                if message is not None:
                    kind, data = message
                    body = json.dumps(data, separators=(",", ":"), allow_nan=False)
                    await response.write(f"event: {kind}\ndata: {body}\n\n".encode("utf-8"))
                    quiet_since = loop.time()
                elif loop.time() - quiet_since > KEEPALIVE_S:
                    await response.write(b": still here\n\n")
                    quiet_since = loop.time()
                try:
                    await asyncio.wait_for(self._closing.wait(), LIVE_PERIOD_S)
                except asyncio.TimeoutError:
                    pass
        except (ConnectionResetError, ConnectionError):
            pass  # the browser went away
        return response

    async def _snapshot(self, request: web.Request) -> web.Response:
        f = self._finding(request.match_info["finding_id"])
        if not f.snapshot_sha256:
            raise web.HTTPNotFound(text="404: this finding has no snapshot image (it was marked by hand)\n")
        data = await self._off_loop(self._image, f.snapshot_sha256)
        if data is None:
            raise web.HTTPNotFound(text="404: the snapshot image is missing from the findings store\n")
        # Content-addressed by the finding's revision: safe for the browser to keep.
        return web.Response(body=data, content_type="image/jpeg", headers={"Cache-Control": "private, max-age=3600"})

    # -- map tiles ------------------------------------------------------------------------------------
    async def _tile_sources(self, request: web.Request) -> web.Response:
        sources = [{"id": s.id, "name": s.name, "attribution": s.attribution,
                    "min_zoom": s.min_zoom, "max_zoom": s.max_zoom} for s in self._tiles.sources]
        return web.json_response({"sources": sources}, headers={"Cache-Control": "no-store"})

    async def _tile(self, request: web.Request) -> web.Response:
        source = request.match_info["source"]
        try:
            tile = TileId(int(request.match_info["z"]), int(request.match_info["x"]), int(request.match_info["y"]))
        except TileError as exc:
            raise web.HTTPBadRequest(text=f"400: {exc}\n") from None
        if source not in self._tiles.sources:
            raise web.HTTPNotFound(text=f"404: no tile source {source!r}\n")
        try:
            data = await self._tiles.tile(source, tile)
        except TileError as exc:
            raise web.HTTPNotFound(text=f"404: {exc}\n") from None
        if data is None:
            raise web.HTTPNotFound(text=f"404: no {source} tile {tile} in the station's map cache\n")
        return web.Response(body=data, content_type=IMAGE_TYPES[image_format(data) or "png"],
                            headers={"Cache-Control": "private, max-age=3600"})

    # -- feeds ----------------------------------------------------------------------------------------
    async def _geojson(self, request: web.Request) -> web.Response:
        doc = feeds.findings_geojson(self._snapshot_now().findings, self.station_id, self._lang(request),
                                     self._base(request))
        return _body(feeds.geojson_bytes(doc), geojson_format.MEDIA_TYPE, "findings.geojson")

    async def _kml(self, request: web.Request) -> web.Response:
        data = feeds.findings_kml(self._snapshot_now().findings, self.station_id, self._lang(request),
                                  self._base(request))
        return _body(data, kml_format.MEDIA_TYPE, "findings.kml")

    async def _kmz(self, request: web.Request) -> web.Response:
        data = await self._off_loop(feeds.findings_kmz, self._snapshot_now().findings, self.station_id,
                                    self._lang(request), self._image)
        return _body(data, "application/vnd.google-earth.kmz", "findings.kmz")

    async def _cap(self, request: web.Request) -> web.Response:
        data = await self._off_loop(feeds.findings_cap, self._snapshot_now().findings, self.station_id,
                                    self._lang(request), self._base(request), self._image)
        return _body(data, "application/xml", "findings-cap.xml")

    async def _cap_one(self, request: web.Request) -> web.Response:
        f = self._finding(request.match_info["finding_id"])
        data = await self._off_loop(feeds.finding_cap, f, self.station_id, self._lang(request),
                                    self._base(request), self._image)
        return _body(data, CAP_MEDIA_TYPE, f"{f.id}.cap")

    # -- OGC API - Features -----------------------------------------------------------------------------
    async def _ogc_landing(self, request: web.Request) -> web.Response:
        return _json(ogc.landing(self._base(request), self.station_id))

    async def _ogc_api(self, request: web.Request) -> web.Response:
        return _json(ogc.openapi(self._base(request)), ogc.OPENAPI)

    async def _ogc_conformance(self, request: web.Request) -> web.Response:
        return _json(ogc.conformance())

    def _ogc_items_of(self, request: web.Request, c: ogc.Collection) -> list[ogc.Item]:
        return c.items(self._snapshot_now(), self.station_id, self._lang(request), self._base(request))

    async def _ogc_collections(self, request: web.Request) -> web.Response:
        base = self._base(request)
        docs = [ogc.collection_doc(base, c, self._ogc_items_of(request, c)) for c in ogc.COLLECTIONS.values()]
        return _json(ogc.collections_doc(base, docs))

    async def _ogc_collection(self, request: web.Request) -> web.Response:
        def answer() -> web.Response:
            c = ogc.collection(request.match_info["collection_id"])
            return _json(ogc.collection_doc(self._base(request), c, self._ogc_items_of(request, c)))
        return await _ogc(answer)

    async def _ogc_items(self, request: web.Request) -> web.Response:
        def answer() -> web.Response:
            c = ogc.collection(request.match_info["collection_id"])
            doc = ogc.items_doc(self._base(request), c, self._ogc_items_of(request, c), request.query)
            return _json(doc, ogc.GEOJSON)
        return await _ogc(answer)

    async def _ogc_item(self, request: web.Request) -> web.Response:
        def answer() -> web.Response:
            c = ogc.collection(request.match_info["collection_id"])
            doc = ogc.item_doc(self._base(request), c, self._ogc_items_of(request, c), request.match_info["feature_id"])
            return _json(doc, ogc.GEOJSON)
        return await _ogc(answer)


def _refused(text: str) -> web.Response:
    return web.Response(status=401, text=text, content_type="text/plain", charset="utf-8",
                        headers={"WWW-Authenticate": 'Bearer realm="groundstation web view"', "Cache-Control": "no-store"})


def _body(data: bytes, media_type: str, filename: str) -> web.Response:
    return web.Response(body=data, headers={"Content-Type": f"{media_type}; charset=utf-8", "Cache-Control": "no-store",
                                            "Content-Disposition": f'inline; filename="{filename}"'})


def _json(doc: Any, media_type: str = ogc.JSON) -> web.Response:
    return web.Response(body=json.dumps(doc, ensure_ascii=False, allow_nan=False).encode("utf-8"),
                        headers={"Content-Type": f"{media_type}; charset=utf-8", "Cache-Control": "no-store"})


async def _ogc(answer: Callable[[], web.Response]) -> web.Response:
    try:
        return answer()
    except ogc.OgcError as exc:
        return web.json_response(exc.document(), status=exc.status, headers={"Cache-Control": "no-store"})
