"""Positions in DD, DMS, UTM and MGRS (UTMREF), checked against GEOTRANS and published examples.

The independent reference is the `mgrs` package (NGA's GEOTRANS C code); our MGRS lettering is
our own, over pyproj's UTM.
"""

from __future__ import annotations

import mgrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from missions.coordinates import (
    CoordinateError, CoordinateFormat, format_dms, format_position, format_utm, from_mgrs, parse_position,
    to_mgrs, to_utm, utm_zone,
)
from missions.geodesy import LatLon, distance

GEOTRANS = mgrs.MGRS()


def metres(a: tuple[float, float], b: tuple[float, float]) -> float:
    return distance(LatLon(*a), LatLon(*b))


# --- published examples ----------------------------------------------------------------------------

def test_cn_tower_utm_as_published():
    # Wikipedia's UTM example: CN Tower, 43°38'33.24"N 79°23'13.7"W = zone 17, 630084 E 4833439 N.
    utm = to_utm(43 + 38 / 60 + 33.24 / 3600, -(79 + 23 / 60 + 13.7 / 3600))
    assert (utm.zone, utm.band) == (17, "T")
    assert utm.easting == pytest.approx(630084, abs=1)
    assert utm.northing == pytest.approx(4833439, abs=1)


def test_geotrans_reference_string_read_back():
    # Schengen tripoint area, as GEOTRANS writes it; our reading is the centre of the 1 m square.
    lat, lon = from_mgrs("32ULV0946283030")
    sw_lat, sw_lon = GEOTRANS.toLatLon("32ULV0946283030")
    assert metres((lat, lon), (sw_lat, sw_lon)) < 1.0
    assert metres((lat, lon), (49.47, 6.37)) < 1.0


@pytest.mark.parametrize("lat, lon, expected", [
    (49.47, 6.37, "32ULV0946283030"),          # Schengen, where FR, LU and DE meet
    (43.6425667, -79.3871389, "17TPJ3008433438"),
    (-33.9, 151.2, "56HLH3356847473"),         # southern hemisphere
    (0.0, 0.0, "31NAA6602100000"),             # equator, Greenwich
    (0.0, 180.0, "01NAA6602100000"),           # the antimeridian belongs to zone 1
    (-80.0, 5.0, "31CEM3876417747"),           # southern limit of the grid
    (84.0, 5.0, "31XEP2333528498"),            # northern limit: band X is 12° tall
    (72.0, 5.0, "31XEV6896990077"),            # band edge W|X
    (71.99999, 5.0, "31WEV6896990076"),
    (56.0, 3.0, "32VJH2604922336"),            # Norway: 32V starts at 3°E
    (55.9999, 3.5, "31UEC3118306181"),         # just south of it, ordinary 31U
    (60.5, 5.5, "32VLN0779312209"),            # Bergen area is in 32V, not 31V
    (64.0, 5.0, "31WEL9781298548"),            # the Norway exception ends at 64°N
    (78.0, 10.0, "33XUG8408563320"),           # Svalbard: 33X spans 9°E..21°E
    (78.0, 9.0, "33XUG6097365496"),
    (78.0, 20.0, "33XXG1591463320"),
    (78.0, 30.0, "35XNG6960060152"),           # 35X spans 21°E..33°E
    (78.0, 33.0, "37XCG6097365496"),           # 37X spans 33°E..42°E
    (78.0, 40.0, "37XEG2320858567"),
    (78.0, 42.0, "38XMM3039960152"),
])
def test_mgrs_matches_geotrans_at_zone_and_band_edges(lat, lon, expected):
    assert GEOTRANS.toMGRS(lat, lon) == expected  # the reference agrees with what we wrote down
    assert to_mgrs(lat, lon, spaced=False) == expected
    assert metres(from_mgrs(expected), (lat, lon)) < 1.0


def test_zone_exceptions():
    assert utm_zone(60.0, 4.0) == 32 and utm_zone(60.0, 2.9) == 31
    assert utm_zone(65.0, 4.0) == 31
    assert [utm_zone(75.0, lon) for lon in (8.9, 9.0, 20.9, 21.0, 32.9, 33.0, 41.9, 42.0)] == \
           [31, 33, 33, 35, 35, 37, 37, 38]
    assert utm_zone(71.9, 10.0) == 32  # band W keeps the ordinary zones


def test_formats_for_the_clipboard():
    assert format_position(49.47, 6.37, "dd") == "49.470000, 6.370000"
    assert format_position(49.47, 6.37, CoordinateFormat.DMS) == "49°28'12.00\"N 6°22'12.00\"E"
    assert format_position(49.47, 6.37, "utm") == "32U 309462 5483030"
    assert format_position(49.47, 6.37, "mgrs") == "32U LV 09462 83030"
    assert to_mgrs(49.47, 6.37, digits=2) == "32U LV 09 83"
    assert format_dms(-33.9999999, -0.5) == "34°00'00.00\"S 0°30'00.00\"W"  # no 60" ever shown


# --- the search box ---------------------------------------------------------------------------------

@pytest.mark.parametrize("typed, form", [
    ("49.47, 6.37", CoordinateFormat.DD),
    ("49.47 6.37", CoordinateFormat.DD),
    ("49,47; 6,37", CoordinateFormat.DD),                     # decimal commas, as typed in FR/DE
    ("49,47 6,37", CoordinateFormat.DD),
    ("49.47N 6.37E", CoordinateFormat.DD),
    ("6.37E, 49.47N", CoordinateFormat.DD),                   # letters decide, not order
    ("49°28'12\"N 6°22'12\"E", CoordinateFormat.DMS),
    ("49° 28′ 12″ N, 6° 22′ 12″ E", CoordinateFormat.DMS),      # typographic primes
    ("N 49 28 12 E 6 22 12", CoordinateFormat.DMS),
    ("49°28.2'N 6°22.2'E", CoordinateFormat.DMS),             # degrees and decimal minutes
    ("32U 309462 5483030", CoordinateFormat.UTM),
    ("32U 309462mE 5483030mN", CoordinateFormat.UTM),
    ("32 north 309462 5483030", CoordinateFormat.UTM),
    ("32N 309462 5483030", CoordinateFormat.UTM),             # band N or hemisphere N: same point
    ("32U LV 09462 83030", CoordinateFormat.MGRS),
    ("32ulv0946283030", CoordinateFormat.MGRS),
])
def test_search_box_reads_every_form(typed, form):
    p = parse_position(typed)
    assert p.form is form
    assert metres((p.lat, p.lon), (49.47, 6.37)) < 1.0


def test_search_box_mgrs_square_size():
    p = parse_position("32U LV 094 830")
    assert p.square_m == 100.0
    assert metres((p.lat, p.lon), (49.47, 6.37)) < 100


def test_southern_utm_written_with_hemisphere():
    p = parse_position("56 south 333569 6247473")
    assert metres((p.lat, p.lon), (-33.9, 151.2)) < 1.0


@pytest.mark.parametrize("typed, says", [
    ("", "empty"),
    ("Schengen", "not a position"),
    ("49.47N 6.37O", "Ost"),                                  # O is East in German, West in French
    ("49 28 12 6 22 12", "where the latitude ends"),
    ("91, 6", "latitude 91"),
    ("49, 181", "longitude 181"),
    ("49°61'N 6°E", "below 60"),
    ("-49N 6E", "minus sign or a hemisphere"),
    ("49N 6N", "N/S"),
    ("32S 309462 5483030", "southern hemisphere write"),      # S is a band letter, not 'south'
    ("32T 309462 5483030", "in band U, not band T"),
    ("32U 309462", "not a position"),
    ("61U 309462 5483030", "zone 61"),
    ("32U 9462 5483030", "easting"),
    ("32X LV 1 1", "Svalbard"),
    ("32U AV 1 1", "column letter 'A'"),
    ("32U LW 1 1", "row letter 'W'"),
    ("32U LV 123 12", "same number of digits"),
    ("32U LV 12 3456", "same number of digits"),
    ("32A LV 1 1", "UPS"),
    ("32U LV 1234567 1234567", "0 to 5 each"),
    ("32X LV 1 1", "31X, 33X, 35X and 37X"),
])
def test_search_box_says_what_it_could_not_read(typed, says):
    with pytest.raises(CoordinateError, match=None) as err:
        parse_position(typed)
    assert says in str(err.value)


def test_polar_positions_refused_clearly():
    with pytest.raises(CoordinateError, match="UPS"):
        to_mgrs(85.0, 10.0)
    with pytest.raises(CoordinateError, match="UPS"):
        format_utm(-81.0, 10.0)


def test_mgrs_letters_outside_band_refused():
    # In zone 32 the row letter M falls at 41.5°N or 59.5°N, never in band U (48°N..56°N).
    with pytest.raises(CoordinateError, match="does not lie in latitude band U"):
        from_mgrs("32U LM 09462 83030")


# --- round trips (hypothesis) ---------------------------------------------------------------------

grid_lat = st.floats(min_value=-80.0, max_value=84.0, allow_nan=False)
any_lon = st.floats(min_value=-180.0, max_value=180.0, allow_nan=False)


@settings(max_examples=300, deadline=None)
@given(grid_lat, any_lon)
def test_every_form_round_trips_within_a_metre(lat, lon):
    for form in CoordinateFormat:
        text = format_position(lat, lon, form)
        back = parse_position(text)
        assert back.form is form, text
        assert metres((back.lat, back.lon), (lat, lon)) < 1.0, text


@settings(max_examples=300, deadline=None)
@given(grid_lat, any_lon)
def test_mgrs_agrees_with_geotrans(lat, lon):
    ours = to_mgrs(lat, lon, spaced=False)
    theirs = GEOTRANS.toMGRS(lat, lon)
    # Same zone, band and 100 km square; the digits may differ by one at a metre line (float noise).
    assert ours[:5] == theirs[:5] or metres(from_mgrs(ours), from_mgrs(theirs)) < 2.0
    assert metres(from_mgrs(theirs), (lat, lon)) < 1.0
    assert metres(GEOTRANS.toLatLon(ours), (lat, lon)) < 1.5  # GEOTRANS reads the south-west corner
