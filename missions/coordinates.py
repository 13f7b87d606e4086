"""Positions written the way each service reads them: decimal degrees, DMS, UTM and MGRS.

German services call MGRS "UTMREF"; it is the same grid. UTM comes from pyproj (EPSG 326xx /
327xx, WGS84); the MGRS lettering on top of it follows the NGA standard (NGA.STND.0037, the
"AA" lettering used with WGS84), including the Norway (32V) and Svalbard (31X/33X/35X/37X) zone
exceptions. Only 80°S to 84°N is covered: the polar UPS grid is refused with a clear message.

Everything here is a pure function of its arguments; the search box uses :func:`parse_position`,
which takes any of the four forms and says what it could not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from pyproj import Transformer

from missions.errors import MissionError
from missions.geodesy import check_latlon


class CoordinateError(MissionError):
    """A position that cannot be written or read in the asked form; the message is for the operator."""


class CoordinateFormat(str, Enum):
    DD = "dd"      # decimal degrees, 49.470000, 6.370000
    DMS = "dms"    # degrees, minutes, seconds, 49°28'12.00"N 6°22'12.00"E
    UTM = "utm"    # zone + latitude band, easting, northing: 32U 326936 5481868
    MGRS = "mgrs"  # military grid reference (UTMREF): 32U LV 26936 81868


MIN_LAT, MAX_LAT = -80.0, 84.0
BANDS = "CDEFGHJKLMNPQRSTUVWX"          # 8° each from 80°S; X is 12° tall (72°N..84°N)
ROW_LETTERS = "ABCDEFGHJKLMNPQRSTUV"    # 100 km rows, repeating every 2000 km
COLUMN_SETS = ("STUVWXYZ", "ABCDEFGH", "JKLMNPQR")  # by zone % 3
SVALBARD_MISSING_ZONES = (32, 34, 36)


@dataclass(frozen=True)
class UtmPosition:
    zone: int
    band: str
    easting: float
    northing: float

    @property
    def south(self) -> bool:
        return self.band < "N"


@dataclass(frozen=True)
class ParsedPosition:
    """What the search box understood: the point, the form it was written in, and how exact it is."""

    lat: float
    lon: float
    form: CoordinateFormat
    square_m: float | None = None  # side of the square an MGRS reference names (centre returned)


# --- zones and bands ---------------------------------------------------------------------------

def _check_in_grid(lat: float, lon: float) -> None:
    check_latlon(lat, lon)
    if not MIN_LAT <= lat <= MAX_LAT:
        raise CoordinateError(f"latitude {lat:.5f} is outside the UTM/MGRS grid (80°S to 84°N); "
                              "polar positions use the UPS grid, which is not supported: use degrees")


def latitude_band(lat: float) -> str:
    """The MGRS latitude band letter (C..X) of a latitude in 80°S..84°N."""
    if not MIN_LAT <= lat <= MAX_LAT:
        raise CoordinateError(f"latitude {lat} has no latitude band (80°S to 84°N only)")
    return BANDS[min(int((lat - MIN_LAT) // 8), len(BANDS) - 1)]


def _band_limits(band: str) -> tuple[float, float]:
    i = BANDS.index(band)
    south = MIN_LAT + 8 * i
    return south, (MAX_LAT if band == "X" else south + 8)


def utm_zone(lat: float, lon: float) -> int:
    """The UTM zone number, with the Norway and Svalbard exceptions."""
    lon = -180.0 if lon >= 180.0 else lon
    zone = min(int((lon + 180.0) // 6) + 1, 60)  # 179.99999999999997 must not round into zone 61
    if 56.0 <= lat < 64.0 and 3.0 <= lon < 12.0:
        return 32  # south-west Norway: zone 32V is widened westwards over 31V
    if 72.0 <= lat <= MAX_LAT and 0.0 <= lon < 42.0:
        return (31, 33, 35, 37)[min(int((lon + 3.0) // 12), 3)]  # Svalbard: 31X 0-9, 33X 9-21, ...
    return zone


@lru_cache(maxsize=None)
def _transformer(zone: int, south: bool) -> Transformer:
    epsg = (32700 if south else 32600) + zone
    return Transformer.from_crs("EPSG:4326", f"EPSG:{epsg}", always_xy=True)


# --- UTM ---------------------------------------------------------------------------------------

def to_utm(lat: float, lon: float) -> UtmPosition:
    _check_in_grid(lat, lon)
    zone, band = utm_zone(lat, lon), latitude_band(lat)
    south = band < "N"  # a latitude of -1e-60 is band N, so it is written as northern
    easting, northing = _transformer(zone, south).transform(lon, lat)
    if not south:
        northing = max(northing, 0.0)  # -1e-50 m at the equator is float noise, not a row below A
    return UtmPosition(zone, band, easting, northing)


def from_utm(zone: int, south: bool, easting: float, northing: float) -> tuple[float, float]:
    """(lat, lon) of a UTM position; refuses numbers no UTM zone can hold."""
    if not 1 <= zone <= 60:
        raise CoordinateError(f"UTM zone {zone} does not exist (zones are 1 to 60)")
    if not 100_000 <= easting <= 900_000:
        raise CoordinateError(f"UTM easting {easting:.0f} is outside 100000..900000 m: check the digits")
    if not 0 <= northing <= 10_100_000:  # a southern square may spill just over the equator
        raise CoordinateError(f"UTM northing {northing:.0f} is outside 0..10000000 m: check the digits")
    lon, lat = _transformer(zone, south).transform(easting, northing, direction="INVERSE")
    return lat, (lon + 180.0) % 360.0 - 180.0


# --- MGRS --------------------------------------------------------------------------------------

def _square_letters(zone: int, easting: float, northing: float) -> str:
    column = COLUMN_SETS[zone % 3][int(easting // 100_000) - 1]
    row_offset = 5 if zone % 2 == 0 else 0  # even zones start their rows at F
    row = ROW_LETTERS[(int(northing // 100_000) + row_offset) % 20]
    return column + row


def to_mgrs(lat: float, lon: float, digits: int = 5, spaced: bool = True) -> str:
    """The MGRS (UTMREF) reference of the square of 10**(5-digits) metres holding the point.

    Digits are truncated, never rounded, as the standard says: the reference names the square
    the point is in.
    """
    if not 0 <= digits <= 5:
        raise CoordinateError(f"MGRS precision of {digits} digits: use 0 (100 km) to 5 (1 m)")
    utm = to_utm(lat, lon)
    letters = _square_letters(utm.zone, utm.easting, utm.northing)
    unit = 10 ** (5 - digits)
    e = int(utm.easting % 100_000 // unit)
    n = int(utm.northing % 100_000 // unit)
    parts = [f"{utm.zone:02d}{utm.band}", letters]  # zero-padded zone, as GEOTRANS writes it
    if digits:
        parts += [f"{e:0{digits}d}", f"{n:0{digits}d}"]
    return " ".join(parts) if spaced else "".join(parts)


_MGRS = re.compile(r"^(\d{1,2})\s*([A-Z])\s*([A-Z])([A-Z])\s*(\d*)\s*(\d*)$")


def _from_mgrs_match(m: re.Match[str], text: str) -> ParsedPosition:
    zone, band, col, row = int(m.group(1)), m.group(2), m.group(3), m.group(4)
    digits = m.group(5) + m.group(6)
    if m.group(5) and m.group(6) and len(m.group(5)) != len(m.group(6)):
        raise CoordinateError(f"MGRS {text!r}: the easting and northing need the same number of digits")
    if not 1 <= zone <= 60:
        raise CoordinateError(f"MGRS {text!r}: zone {zone} does not exist (zones are 1 to 60)")
    if band not in BANDS:
        raise CoordinateError(f"MGRS {text!r}: {band!r} is not a latitude band (C to X, without I and O); "
                              "polar A, B, Y, Z (UPS) are not supported")
    if band == "X" and zone in SVALBARD_MISSING_ZONES:
        raise CoordinateError(f"MGRS {text!r}: zone {zone}X does not exist "
                              "(around Svalbard only 31X, 33X, 35X and 37X are used)")
    columns = COLUMN_SETS[zone % 3]
    if col not in columns:
        raise CoordinateError(f"MGRS {text!r}: column letter {col!r} is not used in zone {zone} "
                              f"(it uses {columns[0]}..{columns[-1]}): check the zone and the letters")
    if row not in ROW_LETTERS:
        raise CoordinateError(f"MGRS {text!r}: row letter {row!r} is not an MGRS row letter (A to V, without I and O)")
    if len(digits) % 2 or len(digits) > 10:
        raise CoordinateError(f"MGRS {text!r}: the easting and northing need the same number of digits, "
                              "0 to 5 each (e.g. 32U LV 26936 81868)")
    half = len(digits) // 2
    unit = 10.0 ** (5 - half)
    e_in = int(digits[:half]) * unit if half else 0.0
    n_in = int(digits[half:]) * unit if half else 0.0
    easting = (columns.index(col) + 1) * 100_000 + e_in + unit / 2  # the centre of the named square
    row_offset = 5 if zone % 2 == 0 else 0
    row_northing = ((ROW_LETTERS.index(row) - row_offset) % 20) * 100_000 + n_in + unit / 2

    # The row letters repeat every 2000 km: the band tells which repetition is meant.
    south_edge, north_edge = _band_limits(band)
    south = band < "N"
    best: tuple[float, float, float] | None = None
    for cycle in range(6):
        northing = row_northing + cycle * 2_000_000
        if northing > 10_100_000:
            break
        lat, lon = from_utm(zone, south, easting, northing)
        miss = max(south_edge - lat, lat - north_edge, 0.0)
        if best is None or miss < best[0]:
            best = (miss, lat, lon)
    assert best is not None
    miss, lat, lon = best
    if miss > 0.1:  # GEOTRANS also tolerates a small overlap across band edges
        raise CoordinateError(f"MGRS {text!r}: square {col}{row} does not lie in latitude band {band} "
                              f"of zone {zone} ({south_edge:g}° to {north_edge:g}°): check the letters")
    return ParsedPosition(lat, lon, CoordinateFormat.MGRS, unit)


def from_mgrs(text: str) -> tuple[float, float]:
    """(lat, lon) of the centre of the square an MGRS (UTMREF) reference names."""
    m = _MGRS.match(_normalise(text))
    if m is None:
        raise CoordinateError(f"MGRS {text!r}: expected zone, band, two square letters and digits, "
                              "e.g. 32U LV 26936 81868")
    p = _from_mgrs_match(m, text)
    return p.lat, p.lon


# --- degrees -----------------------------------------------------------------------------------

def format_dd(lat: float, lon: float, decimals: int = 6) -> str:
    check_latlon(lat, lon)
    return f"{lat:.{decimals}f}, {lon:.{decimals}f}"


def _dms(value: float, positive: str, negative: str, decimals: int) -> str:
    hemisphere = positive if value >= 0 else negative
    # Round once in whole units of the last decimal so 59.999" never shows as 60".
    scale = 10 ** decimals
    total = round(abs(value) * 3600 * scale)
    degrees, rest = divmod(total, 3600 * scale)
    minutes, seconds = divmod(rest, 60 * scale)
    sec = f"{seconds / scale:0{3 + decimals if decimals else 2}.{decimals}f}"
    return f"{degrees}°{minutes:02d}'{sec}\"{hemisphere}"


def format_dms(lat: float, lon: float, decimals: int = 2) -> str:
    check_latlon(lat, lon)
    return f"{_dms(lat, 'N', 'S', decimals)} {_dms(lon, 'E', 'W', decimals)}"


def format_utm(lat: float, lon: float) -> str:
    utm = to_utm(lat, lon)
    return f"{utm.zone}{utm.band} {round(utm.easting):d} {round(utm.northing):d}"


def format_position(lat: float, lon: float, form: CoordinateFormat | str) -> str:
    """A position as text in the operator's chosen form (what the copy button puts on the clipboard)."""
    form = CoordinateFormat(form)
    if form is CoordinateFormat.DD:
        return format_dd(lat, lon)
    if form is CoordinateFormat.DMS:
        return format_dms(lat, lon)
    if form is CoordinateFormat.UTM:
        return format_utm(lat, lon)
    return to_mgrs(lat, lon)


# --- reading what an operator typed --------------------------------------------------------------

def _normalise(text: str) -> str:
    t = text.strip().upper()
    for symbols, ascii_ in (("°º˚", "°"), ("′’‘`´", "'"), ("″“”", '"')):
        for s in symbols:
            t = t.replace(s, ascii_)
    return t.replace("''", '"')


_NUMBER = r"\d+(?:[.,]\d+)?"
_ANGLE = re.compile(rf"^([-+])?\s*({_NUMBER})\s*(?:°|\s|$)\s*(?:({_NUMBER})\s*(?:'|\s|$)\s*(?:({_NUMBER})\s*\"?)?)?$")
_HEMISPHERE_WORDS = {"NORTH": False, "NORD": False, "SOUTH": True, "SUD": True, "SÜD": True}
_UTM = re.compile(rf"^(\d{{1,2}})\s*([A-Z]|{'|'.join(_HEMISPHERE_WORDS)})?\s+({_NUMBER})(?:\s*M?E)?(?:\s*[,;]\s*|\s+)"
                  rf"({_NUMBER})\s*(?:M?N)?$")


def _number(text: str) -> float:
    return float(text.replace(",", "."))


def _angle(body: str, original: str) -> tuple[float, int]:
    """An angle in degrees from '49', '49.47', '49°28.2'', '49 28 12.5'; also how many parts it had."""
    body = body.strip().strip(",;").strip()
    m = _ANGLE.match(body)
    if m is None:
        raise CoordinateError(f"{original!r}: cannot read {body!r} as an angle "
                              "(e.g. 49.47, 49°28.2' or 49°28'12\")")
    sign, parts = m.group(1), [p for p in m.group(2, 3, 4) if p is not None]
    if any(("." in p or "," in p) for p in parts[:-1]):
        raise CoordinateError(f"{original!r}: only the last of degrees, minutes and seconds may have decimals")
    values = [_number(p) for p in parts]
    if any(v >= 60 for v in values[1:]):
        raise CoordinateError(f"{original!r}: minutes and seconds must be below 60 in {body!r}")
    degrees = sum(v / 60**i for i, v in enumerate(values))
    return (-degrees if sign == "-" else degrees), len(values)


def _parse_geographic(text: str, original: str) -> ParsedPosition:
    if re.search(r"(?<![A-Z])O(?![A-Z])", text):
        raise CoordinateError(f"{original!r}: 'O' means East in German (Ost) but West in French (Ouest); "
                              "write E or W")
    if re.search(r"[A-DF-MO-RT-VX-Z]", text.replace("°", "")):
        raise CoordinateError(f"{original!r}: not a position. Type degrees (49.47, 6.37 or 49°28'12\"N 6°22'12\"E), "
                              "UTM (32U 326936 5481868) or MGRS/UTMREF (32U LV 26936 81868)")
    halves: list[tuple[str | None, str]]  # (hemisphere letter, angle text)
    tokens = [t for t in re.split(r"([NSEW])", text) if t.strip(" ,;")]
    letters = [t for t in tokens if t in "NSEW"]
    if letters:
        if len(letters) != 2 or len(tokens) != 4:
            raise CoordinateError(f"{original!r}: give one N/S and one E/W, each before or after its number")
        prefix = tokens[0] in "NSEW"
        pairs = [(tokens[0], tokens[1]), (tokens[2], tokens[3])] if prefix else \
                [(tokens[1], tokens[0]), (tokens[3], tokens[2])]
        if any(not body.strip(" ,;") or body.strip(" ,;") in "NSEW" for _, body in pairs):
            raise CoordinateError(f"{original!r}: give one N/S and one E/W, each before or after its number")
        halves = list(pairs)
    elif ";" in text:
        parts = text.split(";")
        halves = [(None, p) for p in parts]
    elif text.count(",") == 1:
        halves = [(None, p) for p in text.split(",")]
    else:
        halves = [(None, p) for p in text.split()]
        if len(halves) != 2:
            raise CoordinateError(f"{original!r}: cannot tell where the latitude ends: separate latitude and "
                                  "longitude with a comma, or add N/S and E/W")
    if len(halves) != 2:
        raise CoordinateError(f"{original!r}: expected a latitude and a longitude")

    lat = lon = None
    most_parts = 1
    for index, (letter, body) in enumerate(halves):
        value, n_parts = _angle(body, original)
        most_parts = max(most_parts, n_parts)
        if letter is not None and value < 0:
            raise CoordinateError(f"{original!r}: use either a minus sign or a hemisphere letter, not both")
        is_lat = letter in ("N", "S") if letter else index == 0
        if letter in ("S", "W"):
            value = -value
        if is_lat:
            if lat is not None:
                raise CoordinateError(f"{original!r}: two latitudes (N/S) and no longitude (E/W)")
            lat = value
        else:
            if lon is not None:
                raise CoordinateError(f"{original!r}: two longitudes (E/W) and no latitude (N/S)")
            lon = value
    assert lat is not None and lon is not None
    if not -90 <= lat <= 90:
        raise CoordinateError(f"{original!r}: latitude {lat:g} is outside -90..90 (latitude comes first)")
    if not -180 <= lon <= 180:
        raise CoordinateError(f"{original!r}: longitude {lon:g} is outside -180..180")
    form = CoordinateFormat.DD if most_parts == 1 else CoordinateFormat.DMS
    return ParsedPosition(lat, lon, form)


def _parse_utm(m: re.Match[str], original: str) -> ParsedPosition:
    zone, letter = int(m.group(1)), m.group(2)
    easting, northing = _number(m.group(3)), _number(m.group(4))
    if letter is None:
        raise CoordinateError(f"UTM {original!r}: add the latitude band after the zone (e.g. 32U), "
                              "or the hemisphere (32 north / 32 south)")
    if letter in _HEMISPHERE_WORDS:
        lat, lon = from_utm(zone, _HEMISPHERE_WORDS[letter], easting, northing)
        return ParsedPosition(lat, lon, CoordinateFormat.UTM)
    if letter not in BANDS:
        raise CoordinateError(f"UTM {original!r}: {letter!r} is not a latitude band (C to X, without I and O)")
    lat, lon = from_utm(zone, letter < "N", easting, northing)
    south_edge, north_edge = _band_limits(letter)
    if letter == "N" and lat >= 0:
        pass  # band N or northern hemisphere: the same point either way
    elif not south_edge - 0.1 <= lat <= north_edge + 0.1:
        actual = latitude_band(lat) if MIN_LAT <= lat <= MAX_LAT else "none"
        hint = f"; for the southern hemisphere write '{zone} south ...'" if letter == "S" else ""
        raise CoordinateError(f"UTM {original!r}: that northing is at latitude {lat:.4f}, in band {actual}, "
                              f"not band {letter}: check the band letter and the northing{hint}")
    return ParsedPosition(lat, lon, CoordinateFormat.UTM)


def parse_position(text: str) -> ParsedPosition:
    """Read a position typed in any of the four forms; a CoordinateError says what could not be read.

    Decimal degrees and DMS are latitude first unless N/S and E/W say otherwise; decimal commas
    are understood when latitude and longitude are separated by ';' or a space.
    """
    if not isinstance(text, str) or not text.strip():
        raise CoordinateError("empty position: type degrees, DMS, UTM or MGRS/UTMREF")
    t = _normalise(text)
    compact = re.sub(r"\s+", " ", t)
    m = _MGRS.match(compact)
    if m is not None:
        return _from_mgrs_match(m, text)
    m = _UTM.match(compact)
    if m is not None:
        return _parse_utm(m, text)
    return _parse_geographic(compact, text)
