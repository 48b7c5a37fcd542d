"""Every drafted letter, for thousands of generated cases, is safe to send once the user fills in
what only they know: the letter checker finds nothing but placeholders, and a placeholder stands
only where the case does not know the fact."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from partways.assessment import assess
from partways.case import Case
from partways.engine import Engine
from partways.flow import LETTER_KINDS, load_flow
from partways.lettercheck import check_letter
from partways.letters import letter_facts, render_letter
from tests.core.helpers import complete_answers
from tests.helpers import examples

FLOW = load_flow()
DAY = dt.date(2026, 11, 27)

#: placeholder → the fact whose absence allows it
PLACEHOLDERS = {
    "[end date]": "end_date",
    "[date de fin]": "end_date",
    "[new monthly fee]": "new_fee",
    "[nouveaux honoraires mensuels]": "new_fee",
    "[date of our conversation]": "conversation_date",
    "[date de notre échange]": "conversation_date",
    "[name of the new account lead]": "new_lead",
    "[nom du nouveau référent]": "new_lead",
}
JUNK = ("None", "none", "{{", "}}", "{%", "%}", "\n\n\n", " ,", " .", "[]", "()")

names = st.sampled_from(["Bertrand Vasseur", "Anne Girard", "Élodie Martin", "Omar Haddad", ""])
clients = st.fixed_dictionaries(
    {"name": st.sampled_from(["Halden Foods", "Librairie des Quais", "Atelier Ouest"])},
    optional={"contact": names, "civility": st.sampled_from(["ms", "mr", "none"])},
)
providers = st.fixed_dictionaries(
    {"name": st.sampled_from(["Studio Nord", "Clearpath"]), "signer": st.just("Paul Martin")},
    optional={
        "role": st.sampled_from(["Gérant", {"fr": "Gérante", "en": "Managing director"}]),
        "city": st.sampled_from(["Lyon", "Nantes"]),
    },
)
details = st.fixed_dictionaries(
    {},
    optional={
        "new_fee": st.integers(500, 20_000),
        "new_lead": st.fixed_dictionaries(
            {"name": st.just("Inès Roy")}, optional={"role": st.just("Cheffe de projet")}
        ),
        "next_provider": st.just("Agence Lumen"),
        "contract_date": st.dates(dt.date(2019, 1, 1), dt.date(2026, 10, 1)),
    },
)


def _case(client: dict[str, Any], provider: dict[str, Any], answers, letter) -> Case:
    client = {k: v for k, v in client.items() if v != ""}
    if answers.get("conversation_date", "") > DAY.isoformat():  # a conversation took place
        answers = {**answers, "conversation_date": "2026-10-05"}
    return Case(client=client, provider=provider, answers=answers, letter=dict(letter))


@settings(
    max_examples=examples(2000, 150),
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(answers=complete_answers(), client=clients, provider=providers, letter=details)
def test_every_drafted_letter_passes_the_checker(answers, client, provider, letter):
    case = _case(client, provider, answers, letter)
    for lang in ("fr", "en"):
        result = assess(FLOW, Engine(FLOW, case.answers).effective_answers(), lang)
        facts = letter_facts(case, FLOW, lang, result, DAY)
        known = {
            "end_date": facts.end_date,
            "new_fee": facts.new_fee,
            "conversation_date": facts.conversation_date,
            "new_lead": letter.get("new_lead"),
        }
        for kind in LETTER_KINDS:
            text = render_letter(case, FLOW, result, kind=kind, lang=lang, day=DAY)
            for bad in JUNK:
                assert bad not in text, (kind, lang, bad, text)
            problems = check_letter(text, lang, kind=kind, case=case, flow=FLOW, facts=facts)
            serious = [p for p in problems if p.severity != "info"]
            assert not serious, (kind, lang, [p.format("letter.md", "en") for p in serious], text)
            for found in re.findall(r"\[[^\]]+\]", text):
                assert found in PLACEHOLDERS, (kind, lang, found)
                assert known[PLACEHOLDERS[found]] is None, (kind, lang, found)
            # a sentence about extra hours only when the team spends more than the contract
            if facts.hours_extra is None:
                assert not re.search(r"more each month|de plus chaque mois", text), (kind, lang)
