"""Case files: flake8's reports must equal the expect markers exactly."""

from __future__ import annotations

import pytest

import casefiles
from flake8_sched_robustness import codes

CASES = casefiles.all_cases()


@pytest.fixture(scope="session")
def reports() -> dict[str, set[casefiles.Key]]:
    return casefiles.run_grouped(CASES)


@pytest.mark.parametrize("case", CASES, ids=lambda case: case.name)
def test_case_reports_exactly_its_markers(case, reports):
    assert case.expected or case.near_misses, f"{case.name} has no markers"
    found = reports[case.name]
    missing = sorted(case.expected - found)
    extra = sorted(found - case.expected)
    assert not missing and not extra, f"missing: {missing}\nextra: {extra}"


def test_markers_do_not_contradict():
    for case in CASES:
        assert not case.expected & case.near_misses, case.name


@pytest.mark.parametrize("code", sorted(codes.CODES))
def test_every_code_has_both_sides(code):
    expects = [key for case in CASES for key in case.expected if key[2] == code]
    oks = [key for case in CASES for key in case.near_misses if key[2] == code]
    if not expects and not oks and code[:4] == "SRB3":
        pytest.skip(f"{code}: its family is not built yet")
    assert expects, f"no case expects {code}"
    assert oks, f"no near miss for {code}"
