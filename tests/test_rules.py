"""The rules' table columns: each names a field of the model and the word of its header."""

from __future__ import annotations

import dataclasses

from pipeline.model import Activity, Indicator
from pipeline.rules import load_rules

RULES = load_rules()
MODEL = {"indicator": Indicator, "activity": Activity}
PRINTED = {
    "indicator": "Indikator Årsmål KF:s årsmål år 2026 Periodicitet",
    "activity": "Aktivitet Startdatum Slutdatum",
}


def test_every_column_fills_a_field_of_the_model():
    assert set(RULES.table_columns) == set(MODEL)
    for kind, columns in RULES.table_columns.items():
        fields = {f.name for f in dataclasses.fields(MODEL[kind])}
        assert {c.field for c in columns} <= fields, kind
        assert len({c.field for c in columns}) == len(columns) == len(set(RULES.header_words(kind)))


def test_the_header_words_are_those_of_the_printed_header():
    patterns = {"indicator": RULES.indicator_header, "activity": RULES.activity_header}
    for kind, header in PRINTED.items():
        assert patterns[kind].match(header), kind
        words = header.casefold().translate(str.maketrans("åäö", "aao")).split()
        found = [w for w in words if w in RULES.header_words(kind)]
        assert list(dict.fromkeys(found)) == list(RULES.header_words(kind)), kind
