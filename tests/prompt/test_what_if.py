"""`partways ask` prints what would change the verdict with the verdict, in both languages."""

from __future__ import annotations

import pytest

from partways.case import open_case
from partways.messages import t
from partways.whatif import what_if, what_if_text
from tests.prompt.helpers import ENTER, EXPECTED, drive, example_data, flat

NO = f"2{ENTER}"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_ask_prints_the_what_if_after_the_reasons(example, name: str):
    path = example(name)
    case, flow = open_case(path)
    lang = example_data(name)["lang"]
    expected = what_if(flow, case.answers)
    run = drive(path, [ENTER, NO, NO])  # resume → review → verdict, no letter, no export
    assert run.code == 0, run.out
    out = flat(run.out)
    heading = t("what_if", lang)
    assert heading in out
    assert out.index(t("reasons", lang)) < out.index(heading) < out.index(t("figures", lang))
    if expected:
        for item in expected:
            assert flat(what_if_text(flow, item, lang)) in out
    else:
        assert t("what_if_none", lang) in out
