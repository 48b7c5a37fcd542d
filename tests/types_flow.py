"""A small flow with a `multi` and a `date` question, written into a test's tmp_path.

Shared by the core, wizard and prompt tests so each face is tried on the same questions,
without touching the built-in flow. Every verdict has a rule, so `flow check` finds it clean.
"""

from __future__ import annotations

from pathlib import Path

from partways.yamlio import dump_yaml

TYPES_FLOW = """\
format: partways-flow/1
id: types-demo
title: {fr: Essai des types, en: Question types demo}
labels:
  "yes": {fr: Oui, en: "Yes"}
  "no": {fr: Non, en: "No"}
sections:
  - id: talk
    title: {fr: La discussion, en: The conversation}
questions:
  - id: concerns_topics
    section: talk
    type: multi
    text:
      fr: Quels sujets vous inquiètent ?
      en: Which topics worry you?
    help:
      fr: Cochez tout ce qui s'applique, ou rien.
      en: Tick all that apply, or none.
    choices:
      - {value: scope, label: {fr: Le périmètre, en: Scope}}
      - {value: payment, label: {fr: Les paiements, en: Payment}}
      - {value: tone, label: {fr: Le ton, en: Tone}}
  - id: conversation_date
    section: talk
    type: date
    optional: true
    when: "'payment' in concerns_topics"
    text:
      fr: Quand en avez-vous parlé ?
      en: When did you talk about it?
    help:
      fr: La date de la conversation.
      en: The date of the conversation.
  - id: still_friendly
    section: talk
    type: boolean
    when: "conversation_date >= '2026-01-01'"
    text:
      fr: L'échange est-il resté cordial ?
      en: Did the exchange stay friendly?
    help:
      fr: Depuis cette date.
      en: Since that date.
verdicts:
  keep: {letter: check_in, label: {fr: Garder, en: Keep}}
  set_boundaries: {letter: boundaries, label: {fr: Limites, en: Boundaries}}
  reassign_lead: {letter: new_lead, label: {fr: Référent, en: New lead}}
  renegotiate: {letter: renegotiation, label: {fr: Renégocier, en: Renegotiate}}
  raise_price: {letter: price_increase, label: {fr: Prix, en: Price}}
  part_ways: {letter: separation, label: {fr: Séparation, en: Part ways}}
rules:
  - id: everything
    when: "concerns_topics == ['scope', 'payment', 'tone']"
    verdict: part_ways
    summary: {fr: Tout va mal., en: Everything is wrong.}
  - id: unfriendly
    when: "still_friendly == false"
    verdict: reassign_lead
    summary: {fr: Le ton s'est durci., en: The tone hardened.}
  - id: scope_and_payment
    when: "'scope' in concerns_topics and 'payment' in concerns_topics"
    verdict: raise_price
    summary: {fr: Trop pour le prix., en: Too much for the price.}
  - id: payment
    when: "'payment' in concerns_topics"
    verdict: renegotiate
    summary: {fr: Les paiements., en: Payment.}
  - id: scope
    when: "'scope' in concerns_topics"
    verdict: set_boundaries
    summary: {fr: Le périmètre., en: Scope.}
  - id: calm
    when: true
    verdict: keep
    summary: {fr: Rien de grave., en: Nothing serious.}
"""


def write_types_flow(folder: Path, text: str = TYPES_FLOW) -> Path:
    path = folder / "types-flow.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def write_types_case(folder: Path, answers: dict | None = None, lang: str = "en") -> Path:
    """A case on the types flow with its parties filled in, so a front end opens at question 1."""
    flow = write_types_flow(folder)
    data = {
        "format": "partways/1",
        "flow": str(flow),
        "lang": lang,
        "client": {"name": "Acme", "contact": "Ann"},
        "provider": {"name": "Studio", "signer": "Sam"},
        "answers": answers or {},
    }
    path = folder / "case.yaml"
    path.write_text(dump_yaml(data), encoding="utf-8")
    return path
