"""Words of the core's own output (assess, report, errors) in French and English.

Front ends keep their own labels next to them; this catalog holds what the headless commands and
the shared presentation helpers print.
"""

from __future__ import annotations

MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "report_title": "Client review — {client}",
        "prepared": "Prepared by {provider} on {date} · flow {flow}",
        "verdict": "Verdict",
        "alternatives": "Alternatives",
        "figures": "Figures",
        "reasons": "Reasons",
        "steps": "Next steps",
        "answers": "Answers",
        "letter": "Letter",
        "note": "Note",
        "question": "Question",
        "answer": "Answer",
        "unanswered": "not answered",
        "skipped": "skipped",
        "not_relevant": "not relevant here",
        "service_ratio_pct": "Time spent vs time paid",
        "monthly_shortfall": "Monthly shortfall",
        "revenue_share": "Share of revenue at risk",
        "no_figures": "No figures: the hours and fee were not given.",
        "source": "source",
        "votes": "Team votes",
        "split": "split vote",
        "log": "Communications log",
        "lessons": "Lessons learnt",
        "date": "Date",
        "kind": "Kind",
        "what": "What",
        "friction": "Friction score",
        "figure": "Figure",
        "value": "Value",
    },
    "fr": {
        "report_title": "Bilan client — {client}",
        "prepared": "Préparé par {provider} le {date} · parcours {flow}",
        "verdict": "Verdict",
        "alternatives": "Autres options",
        "figures": "Chiffres",
        "reasons": "Raisons",
        "steps": "Prochaines étapes",
        "answers": "Réponses",
        "letter": "Lettre",
        "note": "Note",
        "question": "Question",
        "answer": "Réponse",
        "unanswered": "sans réponse",
        "skipped": "passée",
        "not_relevant": "sans objet ici",
        "service_ratio_pct": "Temps passé / temps payé",
        "monthly_shortfall": "Manque à gagner mensuel",
        "revenue_share": "Part du chiffre d'affaires en jeu",
        "no_figures": "Pas de chiffres : les heures et les honoraires n'ont pas été donnés.",
        "source": "source",
        "votes": "Votes de l'équipe",
        "split": "vote partagé",
        "log": "Journal des échanges",
        "lessons": "Leçons tirées",
        "date": "Date",
        "kind": "Type",
        "what": "Quoi",
        "friction": "Score de friction",
        "figure": "Indicateur",
        "value": "Valeur",
    },
}


def t(key: str, lang: str, **values: object) -> str:
    table = MESSAGES.get(lang, MESSAGES["en"])
    text = table.get(key) or MESSAGES["en"].get(key, key)
    return text.format(**values) if values else text
