"""Finding a layer in a national service's long list: every typed word must be in the layer's title,
identifier or abstract, whatever the case and accents the operator types them with."""

from __future__ import annotations

import pytest

from groundstation.core.wmts import WmtsCapabilities, layer_matches, read_capabilities
from tests.maps.conftest import national_capabilities


@pytest.fixture(scope="module")
def national() -> WmtsCapabilities:
    return read_capabilities(national_capabilities("http://127.0.0.1:1/ign").encode(),
                             "http://127.0.0.1:1/ign/WMTSCapabilities.xml")


def titles(caps: WmtsCapabilities, query: str) -> list[str]:
    return [layer.title for layer in caps.layers if layer_matches(layer, query)]


def test_the_abstract_is_read_with_each_layer(national):
    assert len(national.layers) == 340
    dop = national.layer("BKG.DOP20.2021")
    assert dop.title == "Digitale Orthophotos (DOP20) 2021" and dop.abstract == "Luftbilder mit 20 cm Bodenauflösung"


def test_an_empty_query_keeps_every_layer(national):
    assert len(titles(national, "")) == len(titles(national, "  \t ")) == 340


def test_case_and_accents_do_not_matter(national):
    ortho = titles(national, "ortho")
    assert len(ortho) == 34 and all("Orthophotos" in title for title in ortho)
    assert titles(national, "ORTHO") == titles(national, "Ortho") == ortho
    forest = titles(national, "foret")  # "Forêt" typed on a keyboard without the circumflex
    assert forest == titles(national, "Forêt") == titles(national, "FORÊT")
    assert sorted({title[:-5] for title in forest}) == ["Carte forestière (BD Forêt® V2)", "Risque d'incendie de forêt"]
    assert titles(national, "strasse") == titles(national, "Straße") == [f"Straßennetz {y}" for y in range(2006, 2023)]
    assert titles(national, "hohenlinien") == titles(national, "Höhenlinien") != []


def test_every_word_must_match_in_any_field(national):
    assert titles(national, "incendie foret 2021") == ["Risque d'incendie de forêt 2021"]
    assert titles(national, "2021 forêt incendie") == ["Risque d'incendie de forêt 2021"]  # in any order
    # Only in the abstract ("Bodenauflösung"), only in the identifier (BKG.WALD), across both.
    assert {title[:-5] for title in titles(national, "bodenauflosung")} == {"Digitale Orthophotos (DOP20)"}
    assert titles(national, "bkg.wald.2010") == ["Waldflächen 2010"]
    assert titles(national, "hausumringe kataster 2022") == ["Hausumringe 2022"]
    assert titles(national, "foret wald") == [] and titles(national, "ortho 1999") == []
