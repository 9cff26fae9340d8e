"""Metadata from the document's own text: only what the text supports, marked as found there.

A place mentioned in passing is no evidence of the district, a sentence start no unit; on
generated plans whose text states neither (``plans_dev.synth.unstated``) nothing is wrong.
"""

from __future__ import annotations

import pytest

from pipeline.segment import segment
from plans_dev.measure.metadata import measure
from tests.conftest import source_from_text

_GOALS = """
KF:s inriktningsmål: 1. Ett Stockholm som håller ihop

KF:s mål för verksamhetsområdet: 1.1 Stockholm är en trygg stad

Nämndmål: {title}

Beskrivning

Nämnden arbetar för trygghet i hela staden.
"""

CASES = [
    # (introduction, nämndmål title, district, unit)
    (
        "Inom förskoleenheten arbetar omkring 40 medarbetare. Enheten deltar i en samverkan "
        "som leds av Skärholmens stadsdelsförvaltning.",
        "Barn lär sig mer",
        None,
        None,
    ),
    (
        "Förskolans uppdrag är att lägga grunden för ett livslångt lärande. Metoden har prövats "
        "i Farsta med goda resultat.",
        "Barn lär sig mer",
        None,
        None,
    ),
    (
        "Enheten för personligt stöd i Hägersten-Älvsjö består av två enhetschefer.",
        "Stödet är tillgängligt",
        "Hägersten-Älvsjö",
        "Enheten för personligt stöd i Hägersten-Älvsjö",
    ),
    (
        "Fritidsgården Rågsved vänder sig till unga. Verksamheten bedrivs inom stadsdelsområdet "
        "Enskede-Årsta-Vantör.",
        "Unga har en meningsfull fritid",
        "Enskede-Årsta-Vantör",
        "Fritidsgården Rågsved",
    ),
    (
        "I Resursenheten ingår administrationen, i samverkan med övriga enheter inom "
        "Hägersten-Älvsjös stadsdelsförvaltning.",
        "Stödet är tillgängligt",
        "Hägersten-Älvsjö",
        "Resursenheten",
    ),
    (  # the nämnd's own goal names its area
        "Vi arbetar med stöd till vuxna.",
        "Farsta stadsdelsområde är jämställt",
        "Farsta",
        None,
    ),
    (  # evidence that disagrees gives no district
        "Verksamheten bedrivs inom stadsdelsområdet Farsta och i Skärholmens stadsdelsförvaltning.",
        "Barn lär sig mer",
        None,
        None,
    ),
]


@pytest.mark.parametrize(("intro", "title", "district", "unit"), CASES)
def test_metadata_only_where_the_text_supports_it(intro, title, district, unit):
    text = f"Inledning\n\nEnhetens uppdrag\n\n{intro}\n{_GOALS.format(title=title)}"
    meta = segment(source_from_text(text, "plan.txt")).metadata
    assert (meta.district, meta.unit) == (district, unit)
    assert meta.district_source == (district and "document")
    assert meta.unit_source == (unit and "document")


def test_generated_plans_without_stated_metadata_get_no_wrong_value():
    counts = measure(60, seed=4242)
    assert counts["district"]["wrong"] == 0
    assert counts["unit"]["wrong"] == 0
    assert counts["plan_year"]["right"] == 60


def test_generated_plans_that_state_it_get_it_right():
    counts = measure(40, seed=4343, stated=True)
    assert counts["district"]["right"] == counts["unit"]["right"] == 40
