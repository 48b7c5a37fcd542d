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
        "none_chosen": "none",
        "skipped": "don't know",
        "not_relevant": "not relevant here",
        "service_ratio_pct": "Time spent vs time paid",
        "monthly_shortfall": "Monthly shortfall",
        "revenue_share": "Share of revenue at risk",
        "no_figures": "No figures: the hours and fee were not given.",
        "source": "source",
        "sources": "sources",
        "votes": "Team votes",
        "split": "split vote",
        "log": "Communications log",
        "lessons": "Lessons learnt",
        "date": "Date",
        "kind": "Kind",
        "what": "What",
        "friction": "Friction score",
        "friction_line": "signals {pct} of the maximum",
        "figure": "Figure",
        "value": "Value",
        "debrief_title": "Workshop debrief — {client}",
        "disagreements": "Where the team disagreed",
        "no_disagreement": "The team agreed on every vote.",
        "study_conclusion": "The authors of the study concluded: {verdict}.",
        "study_agrees": "The team's verdict is the same.",
        "study_differs": "The team's verdict differs: worth discussing why.",
        "tie": "tied vote, facilitator's decision",
        "to_discuss": "to discuss",
        "log_email": "Email",
        "log_call": "Call",
        "log_meeting": "Meeting",
        "log_invoice_reminder": "Invoice reminder",
        "log_other": "Other",
        "incomplete": "incomplete: no answer to '{qid}' (\"{text}\"); answer it with "
        "partways ask {path}, or use --partial for a provisional verdict",
        "provisional": "Provisional verdict: {count} unanswered",
        "provisional_why": "An unanswered question counts as “never” or “no”: the verdict may "
        "change once it is answered.",
        "draft_provisional": "this letter follows a provisional verdict "
        "({count} unanswered: {which}); check it again once the case is complete",
        "questions_one": "1 question",
        "questions_many": "{n} questions",
        "and_more": "{shown} and {n} more",
        "what_if": "What would change the verdict",
        "what_if_none": "No change of one or two answers changes the verdict.",
        "what_if_if": "If",
        "what_if_were": "{question} were {answer}",
        "what_if_and": " and ",
        "what_if_discuss": "What would change the verdict — to discuss",
        "what_if_prompt": "For the team: which of these changes is within our reach, and "
        "would we want it?",
        "rule_named": "rule {rule}",
        "why_not_title": "Why not {verdict}?",
        "why_not_already": "It is the verdict (rule {rule}).",
        "why_not_decided": "Rule {rule} decided first: {verdict}.",
        "why_not_no_rule": "No rule of this flow leads to it.",
        "why_not_fails": "does not hold",
        "why_not_later": "holds, but comes after rule {rule}",
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
        "none_chosen": "aucun",
        "skipped": "je ne sais pas",
        "not_relevant": "sans objet ici",
        "service_ratio_pct": "Temps passé / temps payé",
        "monthly_shortfall": "Manque à gagner mensuel",
        "revenue_share": "Part du chiffre d'affaires en jeu",
        "no_figures": "Pas de chiffres : les heures et les honoraires n'ont pas été donnés.",
        "source": "source",
        "sources": "sources",
        "votes": "Votes de l'équipe",
        "split": "vote partagé",
        "log": "Journal des échanges",
        "lessons": "Leçons tirées",
        "date": "Date",
        "kind": "Type",
        "what": "Quoi",
        "friction": "Score de friction",
        "friction_line": "signaux à {pct} du maximum",
        "figure": "Indicateur",
        "value": "Valeur",
        "debrief_title": "Débrief d'atelier — {client}",
        "disagreements": "Là où l'équipe n'était pas d'accord",
        "no_disagreement": "L'équipe était d'accord sur chaque vote.",
        "study_conclusion": "Les auteurs de l'étude concluaient : {verdict}.",
        "study_agrees": "Le verdict de l'équipe est le même.",
        "study_differs": "Le verdict de l'équipe diffère : à discuter.",
        "tie": "égalité, décision de l'animateur",
        "to_discuss": "à discuter",
        "log_email": "E-mail",
        "log_call": "Appel",
        "log_meeting": "Réunion",
        "log_invoice_reminder": "Relance de facture",
        "log_other": "Autre",
        "incomplete": "incomplet : pas de réponse à '{qid}' (« {text} ») ; répondez-y avec "
        "partways ask {path}, ou utilisez --partial pour un verdict provisoire",
        "provisional": "Verdict provisoire : {count} sans réponse",
        "provisional_why": "Une question sans réponse compte comme « jamais » ou « non » : le "
        "verdict peut changer une fois qu'elle aura une réponse.",
        "draft_provisional": "cette lettre suit un verdict provisoire "
        "({count} sans réponse : {which}) ; relisez-la une fois le dossier complet",
        "questions_one": "1 question",
        "questions_many": "{n} questions",
        "and_more": "{shown} et {n} autres",
        "what_if": "Ce qui changerait le verdict",
        "what_if_none": "Aucun changement d'une ou deux réponses ne change le verdict.",
        "what_if_if": "Si",
        "what_if_were": "{question} était {answer}",
        "what_if_and": " et ",
        "what_if_discuss": "Ce qui changerait le verdict — à discuter",
        "what_if_prompt": "Pour l'équipe\u00a0: lequel de ces changements est à notre portée, "
        "et le voudrions-nous\u00a0?",
        "rule_named": "règle {rule}",
        "why_not_title": "Pourquoi pas {verdict} ?",
        "why_not_already": "C'est le verdict (règle {rule}).",
        "why_not_decided": "La règle {rule} a décidé avant : {verdict}.",
        "why_not_no_rule": "Aucune règle de ce parcours n'y mène.",
        "why_not_fails": "ne tient pas",
        "why_not_later": "tient, mais vient après la règle {rule}",
    },
}


def lookup(catalog: dict[str, dict[str, str]], key: str, lang: str, **values: object) -> str:
    """A word from a {lang: {key: text}} catalog: English when missing, then the key itself.

    The core's catalog and each front end's own share this one lookup.
    """
    table = catalog.get(lang, catalog["en"])
    text = table.get(key) or catalog["en"].get(key, key)
    return text.format(**values) if values else text


def t(key: str, lang: str, **values: object) -> str:
    return lookup(MESSAGES, key, lang, **values)
