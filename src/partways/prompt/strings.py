"""Words of `partways ask` itself, in French and English.

Question texts, help notes, option labels, verdicts and steps come from the flow and the core's
catalog (`partways.messages`); only the prompt mode's own chrome lives here.
"""

from __future__ import annotations

from partways.messages import lookup

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "no_tty": "partways ask needs an interactive terminal (stdin is not a TTY); "
        "for scripts use `partways assess CASE` or `partways draft CASE`",
        "error": "partways: error: {message}",
        "new_case": "New case — first, a few details for the letter.",
        "client_name": "Client's name (company or person)",
        "client_contact": "Who do you write to at the client? (empty: the client's name)",
        "provider_name": "Your company's name",
        "provider_signer": "Who signs the letter? (empty: your company's name)",
        "provider_role": "The signer's role (optional)",
        "client_civility": "How should the letter address {contact}?",
        "civility_ms": "Ms",
        "civility_mr": "Mr",
        "civility_none": "No title (name only)",
        "provider_city": "Your city, for the date line (optional)",
        "contract_date": "Date of the contract with the client (empty: leave it out)",
        "date_hint": "(YYYY-MM-DD)",
        "bad_date": "Write a real date as YYYY-MM-DD (e.g. 2024-03-12), or leave it empty.",
        "required": "An answer is needed here.",
        "created": "Case saved to {path} — every answer is saved as you go.",
        "resumed": "Resuming {path}: {done} of {total} questions already answered.",
        "keys_select": "(number + Enter, or arrows)",
        "keys_arrows": "(arrows + Enter)",
        "keys_select_question": "(number + Enter · ? why this matters · < go back · n note)",
        "keys_select_optional": "(number + Enter · ? why · < go back · - don't know · n note)",
        "keys_text": "(? why this matters · < go back · n note)",
        "keys_text_optional": "(? why · < go back · empty or - for don't know · n note)",
        "keys_multi": "(space ticks · Enter confirms · ? why this matters · < go back · n note)",
        "keys_multi_optional": "(space ticks · Enter confirms · ? why · < go back · "
        "- don't know · n note)",
        "keys_note": "(Enter saves · empty removes the note)",
        "note_prompt": "Your note on this question (facts, dates, who said what)",
        "note_choice": "Add a note",
        "note_edit_choice": "Edit the note",
        "note_saved": "Note saved.",
        "note_removed": "Note removed.",
        "date_form": "YYYY-MM-DD or DD/MM/YYYY",
        "help_choice": "Why this matters",
        "skip_choice": "Don't know",
        "back_choice": "← Go back",
        "yes": "Yes",
        "no": "No",
        "no_help": "No note for this question.",
        "first_question": "This is the first question: there is nothing before it.",
        "refused": "Not accepted: {message}",
        "review_title": "Review your answers — pick one to change it, or see the verdict",
        "see_verdict": "✓ See the verdict",
        "skipped": "don't know",
        "review_back": "← Back to the list (keep the answer)",
        "interrupted": "Interrupted. {count} answer(s) saved in {path}.",
        "resume_hint": "Resume with: partways ask {path}",
        "nothing_saved": "Interrupted. Nothing was saved.",
        "offer_letter": "Write the letter that goes with “{verdict}” to a Markdown file?",
        "offer_report": "Write the full report to a Markdown file?",
        "check_title_one": "This letter has 1 thing to check:",
        "check_title_many": "This letter has {n} things to check:",
        "check_item": "line {line} — {message}",
        "write_anyway": "Write it anyway? (you can edit the file afterwards)",
        "file_path": "File",
        "overwrite": "{path} already exists. Replace it?",
        "written": "Written: {path}",
        "not_written": "Not written.",
        "changed_on_disk": "{path} changed on disk since it was opened (another window or an "
        "editor). Overwrite it with this session's answers?",
        "not_saved": "Not saved: the file on disk is kept; your answers stay in this session.",
        "report_unavailable": "The report is not available here; try `partways report {path}`.",
        "all_saved": "Your answers are saved in {path}.",
        "new_lead": "Who becomes the new account lead? (name; empty: leave it out)",
        "next_provider": "Another provider to suggest to the client? (empty: none)",
        "friction": "Friction score",
        "verdict_heading": "Verdict",
        "why": "Why it matters",
        "no_reasons": "No warning signal in the answers.",
    },
    "fr": {
        "no_tty": "partways ask a besoin d'un terminal interactif (l'entrée standard n'est pas "
        "un TTY) ; pour un script, utilisez `partways assess DOSSIER` ou "
        "`partways draft DOSSIER`",
        "error": "partways: error: {message}",
        "new_case": "Nouveau dossier — d'abord quelques informations pour la lettre.",
        "client_name": "Nom du client (entreprise ou personne)",
        "client_contact": "À qui écrivez-vous chez le client ? (vide : le nom du client)",
        "provider_name": "Le nom de votre entreprise",
        "provider_signer": "Qui signe la lettre ? (vide : le nom de votre entreprise)",
        "provider_role": "La fonction du signataire (facultatif)",
        "client_civility": "Comment la lettre s'adresse-t-elle à {contact} ?",
        "civility_ms": "Madame",
        "civility_mr": "Monsieur",
        "civility_none": "Sans civilité (le nom seul)",
        "provider_city": "Votre ville, pour la ligne de date (facultatif)",
        "contract_date": "Date du contrat avec le client (vide : ne pas la citer)",
        "date_hint": "(AAAA-MM-JJ)",
        "bad_date": "Écrivez une date qui existe, sous la forme AAAA-MM-JJ (par ex. 2024-03-12), "
        "ou laissez vide.",
        "required": "Une réponse est nécessaire ici.",
        "created": "Dossier enregistré dans {path} — chaque réponse est enregistrée au fur et "
        "à mesure.",
        "resumed": "Reprise de {path} : {done} question(s) sur {total} déjà répondue(s).",
        "keys_select": "(numéro + Entrée, ou flèches)",
        "keys_arrows": "(flèches + Entrée)",
        "keys_select_question": "(numéro + Entrée · ? pourquoi c'est important · < revenir · "
        "n note)",
        "keys_select_optional": "(numéro + Entrée · ? pourquoi · < revenir · - je ne sais pas · "
        "n note)",
        "keys_text": "(? pourquoi c'est important · < revenir · n note)",
        "keys_text_optional": "(? pourquoi · < revenir · vide ou - : je ne sais pas · n note)",
        "keys_multi": "(espace coche · Entrée valide · ? pourquoi · < revenir · n note)",
        "keys_multi_optional": "(espace coche · Entrée valide · ? pourquoi · < revenir · "
        "- je ne sais pas · n note)",
        "keys_note": "(Entrée enregistre · vide efface la note)",
        "note_prompt": "Votre note sur cette question (faits, dates, qui a dit quoi)",
        "note_choice": "Ajouter une note",
        "note_edit_choice": "Modifier la note",
        "note_saved": "Note enregistrée.",
        "note_removed": "Note effacée.",
        "date_form": "JJ/MM/AAAA ou AAAA-MM-JJ",
        "help_choice": "Pourquoi c'est important",
        "skip_choice": "Je ne sais pas",
        "back_choice": "← Revenir en arrière",
        "yes": "Oui",
        "no": "Non",
        "no_help": "Pas de note pour cette question.",
        "first_question": "C'est la première question : il n'y a rien avant.",
        "refused": "Réponse refusée : {message}",
        "review_title": "Relisez vos réponses — choisissez-en une pour la modifier, ou voyez "
        "le verdict",
        "see_verdict": "✓ Voir le verdict",
        "skipped": "je ne sais pas",
        "review_back": "← Revenir à la liste (garder la réponse)",
        "interrupted": "Interrompu. {count} réponse(s) enregistrée(s) dans {path}.",
        "resume_hint": "Pour reprendre : partways ask {path}",
        "nothing_saved": "Interrompu. Rien n'a été enregistré.",
        "offer_letter": "Écrire la lettre qui va avec « {verdict} » dans un fichier Markdown ?",
        "offer_report": "Écrire le bilan complet dans un fichier Markdown ?",
        "check_title_one": "Cette lettre a 1 point à vérifier :",
        "check_title_many": "Cette lettre a {n} points à vérifier :",
        "check_item": "ligne {line} — {message}",
        "write_anyway": "L'écrire quand même ? (vous pourrez modifier le fichier ensuite)",
        "file_path": "Fichier",
        "overwrite": "{path} existe déjà. Le remplacer ?",
        "written": "Écrit : {path}",
        "not_written": "Pas écrit.",
        "changed_on_disk": "{path} a changé sur le disque depuis son ouverture (une autre "
        "fenêtre ou un éditeur). L’écraser avec les réponses de cette session ?",
        "not_saved": "Pas enregistré : le fichier sur le disque est gardé ; vos réponses restent "
        "dans cette session.",
        "report_unavailable": "Le bilan n'est pas disponible ici ; essayez "
        "`partways report {path}`.",
        "all_saved": "Vos réponses sont enregistrées dans {path}.",
        "new_lead": "Qui devient le nouveau responsable du compte ? (nom ; vide : ne pas le "
        "nommer)",
        "next_provider": "Un autre prestataire à suggérer au client ? (vide : aucun)",
        "friction": "Score de friction",
        "verdict_heading": "Verdict",
        "why": "Pourquoi c'est important",
        "no_reasons": "Aucun signal d'alerte dans les réponses.",
    },
}


def s(key: str, lang: str, **values: object) -> str:
    """The UI string `key` in `lang` (English when missing), formatted with `values`."""
    return lookup(STRINGS, key, lang, **values)
