"""Time `check_letter` on a two-page letter, as the wizard's editor calls it while one types.

Usage: PYTHONPATH=src python bench/lettercheck.py [--runs 500]
Prints the median and the 95th percentile (ms) per language, for the editor's call (the case's
facts computed once, as the letter screen does) and for a call that assesses the case itself
(`check-letter --case`); the first call, which compiles letters-checks.yaml, is timed apart.
Target: a two-page letter in well under 10 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CASE = ROOT / "tests" / "data" / "spec-examples" / "scope-creep.yaml"
NB, NNB = "\u00a0", "\u202f"

# About one page each; the bench checks three of them together (~2 pages, ~1,000 words).
PAGE = {
    "en": """\
26 November 2026

For the attention of Ms Anne Girard, Librairie des Quais

**Subject: The end of our collaboration**

Dear Ms Girard,

After careful thought we have decided to end our collaboration. This was not an easy decision,
and we wanted to tell you directly and openly, as we did when we met on 3 November 2026.

Over the last three months the team spent about 49 hours a month on your projects, against the
35 hours set out in our agreement: around 140% of the time your fee of €3,000 covers, or about
€1,200 a month. You keep asking for more, which is unacceptable. [Reason to fill in].

In line with the 30-day notice in our agreement, our work together ends on 26 December 2026.
Until then we remain fully committed: we will complete the work in progress, hand over every
file, document and access to your account, and hold a handover meeting with you.

We will send the final invoice by 20 December 2026, for the work done until the end date and
what remains due. See https://example.com/terms or write to julien@example.com.

Thank you sincerely for these two years of collaboration and for everything we built together.

Yours sincerely,

Julien Roux
""",
    "fr": f"""\
Lyon, le 26 novembre 2026

À l’attention de Mme Anne Girard — Librairie des Quais

**Objet{NB}: la fin de notre collaboration**

Madame,

Après mûre réflexion, nous avons décidé de mettre fin à notre collaboration. Ce choix n'a pas
été facile, et nous tenions à vous l’annoncer directement, comme lors de notre rendez-vous.

Ces derniers mois, l’équipe a consacré en moyenne 49{NB}heures par mois à vos projets, contre
35{NB}heures prévues dans notre accord, soit environ 140{NB}% du temps couvert par vos
honoraires de 3 000 € ; l’écart représente environ 1{NNB}200{NB}€ par mois. Vous ne cessez de
demander davantage. [Raison à compléter].

Conformément au préavis de 30 jours prévu dans notre accord, notre collaboration prendra fin
le 26 décembre 2026. D’ici là, nous mènerons à bien les travaux en cours, nous vous remettrons
l’ensemble des fichiers, documents et accès liés à votre compte{NNB}; une réunion de passation
est prévue. « Une transition{NNB}» sereine nous tient à cœur{NNB}!

La dernière facture vous parviendra le 20 décembre 2026, avec le solde restant dû. Voir
https://exemple.fr/conditions ou écrire à julien@exemple.fr.

Merci sincèrement pour ces deux années de collaboration.

Je vous prie d’agréer, Madame, l’expression de mes salutations distinguées.

Julien Roux
""",
}


def timed(fn, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=500)
    args = parser.parse_args()
    os.environ.setdefault("PARTWAYS_TODAY", "2026-11-26")
    sys.path.insert(0, str(ROOT / "src"))
    from partways.case import open_case
    from partways.lettercheck import check_letter, checks_for
    from partways.letters import letter_facts

    case, flow = open_case(CASE)
    case.client["civility"] = "ms"
    start = time.perf_counter()
    checks_for(flow)
    first = (time.perf_counter() - start) * 1000
    print(f"compiling letter-checks.yaml (once per file version): {first:.1f} ms")
    print(f"median / p95 of {args.runs} runs, Python {sys.version.split()[0]}")
    for lang, page in PAGE.items():
        text = page * 3
        facts = letter_facts(case, flow, lang)
        problems = check_letter(text, lang, "separation", case, flow, facts=facts)

        def editor(text: str = text, lang: str = lang, facts=facts) -> None:
            check_letter(text, lang, "separation", case, flow, facts=facts)

        def command(text: str = text, lang: str = lang) -> None:
            check_letter(text, lang, case=case, flow=flow)

        lines, words = text.count("\n"), len(text.split())
        for label, fn in (("editor (facts once)", editor), ("with assess", command)):
            times = sorted(timed(fn, args.runs))
            p95 = times[int(len(times) * 0.95) - 1]
            print(
                f"{lang} {lines} lines, {words} words, {len(problems)} problems, {label}: "
                f"{statistics.median(times):.2f} ms / {p95:.2f} ms"
            )


if __name__ == "__main__":
    main()
