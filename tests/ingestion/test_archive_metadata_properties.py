"""The catalogue reader and the path-pattern matcher on random and mutated input: they give
a result or refuse the input with a coded error, never crash or hang."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.errors import Code
from pipeline.ingestion.catalogue import Catalogue, CatalogueError, parse_catalogue
from pipeline.ingestion.path_pattern import PathPattern, PathPatternError, compile_path_pattern
from pipeline.model import METADATA_FIELDS
from tests.strategies import mutated_lines

VALID = [
    "path,sha256,district,unit,plan_type,plan_year,dnr",
    "Farsta/2024/Hemtjänsten i Farsta.txt,,Farsta,Hemtjänsten i Farsta,Verksamhetsplan,2024,FA 2023/12",
    ',0123456789abcdef,Skärholmen,"Bredängs förskoleenhet, Sätra",,2022,',
    "a/b.pdf,,,,,,",
]
PATTERNS = ("{district}/{plan_year}/{unit}.pdf", "*/{district}_{plan_year}*", "{unit}.txt", "x/{dnr}/*")
_SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _read(text: str) -> Catalogue | None:
    try:
        return parse_catalogue(text, "cat.csv")
    except CatalogueError as exc:
        assert exc.code is Code.CATALOGUE_INVALID and str(exc).startswith("cat.csv")
        return None


def test_a_valid_catalogue_is_read():
    catalogue = parse_catalogue("\n".join(VALID) + "\n", "cat.csv")
    row = catalogue.lookup("Farsta/2024/Hemtjänsten i Farsta.txt", "f" * 64)
    assert row == {
        "district": "Farsta",
        "unit": "Hemtjänsten i Farsta",
        "plan_type": "Verksamhetsplan",
        "plan_year": 2024,
        "dnr": "FA 2023/12",
    }
    by_doc_id = catalogue.lookup("other.txt", "0123456789abcdef" + "0" * 48)
    assert by_doc_id["unit"] == "Bredängs förskoleenhet, Sätra"
    assert catalogue.lookup("a/b.pdf", "0" * 64) == {}


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "no header row"),
        ("colour,path\n", "unknown column 'colour'"),
        ("unit,district\nA,B\n", "no 'path' or 'sha256' column"),
        ("path,plan_year\na.txt,2024 or so\n", "line 2: plan_year '2024 or so' is not a year"),
        ("path,unit\na.txt,A\na.txt,B\n", "line 3: 'a.txt' named twice"),
        ("sha256,unit\nxyz,A\n", "line 2: sha256 'xyz' is not 16 or 64 hex digits"),
        ("path,unit\na.txt\n", "line 2: 1 cells where the header has 2"),
    ],
)
def test_a_bad_catalogue_is_refused_with_the_line_and_reason(text, reason):
    with pytest.raises(CatalogueError, match=reason.replace("(", r"\(")):
        parse_catalogue(text, "cat.csv")


@_SETTINGS
@given(st.text(max_size=400))
def test_random_text_is_read_or_refused(text):
    _read(text)


@_SETTINGS
@given(mutated_lines(VALID, max_edits=6))
def test_mutated_catalogues_are_read_or_refused(lines):
    catalogue = _read("\n".join(lines))
    if catalogue is not None:
        for fields in [*catalogue.by_path.values(), *catalogue.by_sha.values()]:
            assert set(fields) <= set(METADATA_FIELDS)
            assert all(isinstance(v, int) for k, v in fields.items() if k == "plan_year")


def _compile(pattern: str) -> PathPattern | None:
    try:
        return compile_path_pattern(pattern)
    except PathPatternError as exc:
        assert exc.code is Code.PATH_PATTERN_INVALID and "--path-pattern" in str(exc)
        return None


def test_a_pattern_reads_fields_off_the_end_of_the_path():
    pattern = compile_path_pattern("{district}/{plan_year}/{unit}.pdf")
    assert pattern.match("archive/Farsta/2024/Hemtjänsten i Farsta.pdf") == {
        "district": "Farsta",
        "plan_year": 2024,
        "unit": "Hemtjänsten i Farsta",
    }
    assert pattern.match("Farsta/tjugo/Hemtjänsten.pdf") == {}
    assert pattern.match("Farsta/2024/Hemtjänsten.txt") == {}


BAD_PATTERNS = ["", "{colour}/x", "{unit}/{unit}", "plans/*.pdf", "{unit", "a}b{district}"]


@pytest.mark.parametrize("pattern", BAD_PATTERNS)
def test_a_bad_pattern_is_refused(pattern):
    with pytest.raises(PathPatternError):
        compile_path_pattern(pattern)


_PATH_TEXT = st.text(alphabet=st.sampled_from("ab/._- {}*Å19202"), max_size=60)


@_SETTINGS
@given(
    st.one_of(_PATH_TEXT, st.text(max_size=60), st.sampled_from(PATTERNS)),
    st.lists(_PATH_TEXT, max_size=5),
)
def test_random_patterns_compile_or_are_refused_and_match_any_path(pattern, paths):
    compiled = _compile(pattern)
    if compiled is None:
        return
    for path in paths:
        fields = compiled.match(path)
        assert set(fields) <= set(METADATA_FIELDS)


@_SETTINGS
@given(
    st.sampled_from(["Farsta", "Hägersten-Älvsjö", "Skärholmen"]),
    st.integers(1990, 2099),
    st.text(
        alphabet=st.characters(blacklist_characters="/\\", blacklist_categories=("Cs", "Cc")), min_size=1
    ),
)
def test_values_put_in_a_path_are_read_back(district, year, unit):
    unit = " ".join(unit.split())
    if not unit:
        return
    pattern = compile_path_pattern("{district}/{plan_year}/{unit}.pdf")
    fields = pattern.match(f"x/{district}/{year}/{unit}.pdf")
    assert fields == {"district": district, "plan_year": year, "unit": unit}


def test_a_long_ambiguous_path_does_not_hang():
    pattern = compile_path_pattern("{district}{unit}{dnr}*x")
    assert pattern.match("a" * 5000) == {}
