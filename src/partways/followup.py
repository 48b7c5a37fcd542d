"""The headless follow-up commands: `reassess`, `diff` and `clients` (see cli.py for the flags).

Kept out of cli.py so the command table stays short; like the other headless commands they
import neither Textual nor questionary.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path
from typing import Any

from partways.errors import PartwaysError, clean_text, shown
from partways.history import ht
from partways.i18n import colon_for

EXIT_OK = 0


def add_parsers(sub: Any, add_lang: Any) -> None:
    """Register the three subcommands on the `partways` parser."""
    reassess = sub.add_parser(
        "reassess",
        help="re-assess a client: change answers, record a dated assessment",
        description="Start from the case's answers, apply each --set, record today's "
        "assessment in the case's history and print the verdict and what changed.",
    )
    reassess.add_argument("case", help="case file (YAML)")
    reassess.add_argument(
        "--set",
        dest="sets",
        action="append",
        default=[],
        metavar="QID=VALUE",
        help="new answer, typed as in the prompts (boundary_reaction=accepted, hours_spent=40)",
    )
    reassess.add_argument(
        "--review", metavar="YYYY-MM-DD", help="next review date (default: the verdict's)"
    )
    reassess.add_argument("--json", action="store_true", help="machine-readable output")
    add_lang(reassess)

    diff = sub.add_parser(
        "diff",
        help="what changed between two assessments of a case",
        description="Answers, figures and verdict that changed between two dated assessments "
        "(default: the last two).",
    )
    diff.add_argument("case", help="case file (YAML)")
    diff.add_argument(
        "--from", dest="start", metavar="YYYY-MM-DD", help="first assessment on or after"
    )
    diff.add_argument("--to", dest="end", metavar="YYYY-MM-DD", help="last assessment on or before")
    diff.add_argument("--json", action="store_true", help="machine-readable output")
    add_lang(diff)

    clients = sub.add_parser(
        "clients",
        help="every client at a glance: verdict, friction, next review",
        description="One line per case file in FOLDER (default: your cases folder), overdue "
        "reviews first.",
    )
    clients.add_argument("folder", nargs="?", help="folder of case files")
    clients.add_argument("--json", action="store_true", help="machine-readable output")
    clients.add_argument(
        "--due", action="store_true", help="only overdue reviews (exit 0 either way; for cron)"
    )
    add_lang(clients)


def _day(value: str | None, flag: str) -> dt.date | None:
    from partways.case import parse_date

    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        raise PartwaysError(f"{flag} {value!r}: {exc}") from None


def apply_sets(case: Any, flow: Any, sets: list[str]) -> list[str]:
    """Apply `qid=value` changes (typed as in the prompts); one bad one refuses them all."""
    from partways.answers import parse_input
    from partways.errors import AnswerError

    changed = []
    for item in sets:
        qid, sep, text = item.partition("=")
        qid = qid.strip()
        if not sep or not qid:
            raise PartwaysError(f"--set {item!r}: expected QUESTION=VALUE")
        question = flow.by_id.get(qid)
        if question is None:
            raise PartwaysError(f"--set {qid}: no question '{qid}' in flow {flow.id}")
        try:
            value = parse_input(question, text)
        except AnswerError as exc:
            raise PartwaysError(f"--set {qid}: {exc.message}") from None
        if value is None:
            case.answers.pop(qid, None)
        else:
            case.answers[qid] = value
        changed.append(qid)
    return changed


def _baseline(case: Any, flow: Any) -> None:
    """A case with no history yet gets its current state recorded first, dated by the file's
    last change, so the first re-assessment has something to compare with."""
    from partways.formats import today
    from partways.history import record_assessment

    if case.history or case.path is None:
        return
    try:
        day = dt.date.fromtimestamp(Path(case.path).stat().st_mtime)
    except OSError:
        return
    if day < today():
        record_assessment(case, flow, day=day)


def cmd_reassess(args: argparse.Namespace) -> int:
    from partways.assessment import assess_engine, incomplete_error
    from partways.case import open_case, save_case
    from partways.engine import Engine
    from partways.history import diff_entries, diff_lines, next_review, record_assessment
    from partways.i18n import resolve_lang
    from partways.present import date_text

    case, flow = open_case(args.case)
    review = _day(args.review, "--review")
    lang = resolve_lang(args.lang, case.lang)
    _baseline(case, flow)
    apply_sets(case, flow, args.sets)
    engine = Engine(flow, case.answers, case.skipped)
    result = assess_engine(engine, lang)
    if result.provisional:
        raise incomplete_error(engine, args.case, lang)
    entry = record_assessment(case, flow, result)
    assert entry is not None  # a complete verdict is always recorded
    if review is not None:
        case.next_review = review
    save_case(case, flow=flow)
    previous = case.history[-2] if len(case.history) > 1 else None
    d = diff_entries(flow, previous, entry) if previous else None
    if args.json:
        data = result.to_json()
        data["date"] = entry["date"].isoformat()
        data["next_review"] = next_review(case).isoformat()  # type: ignore[union-attr]
        data["changes"] = d.to_json() if d else None
        print(json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False))
        return EXIT_OK
    colon = colon_for(lang)
    lines = [f"{ht('verdict', lang)}{colon} {result.label} ({result.verdict})", result.summary]
    day = next_review(case)
    if day is not None:
        lines.append(f"{ht('next_review', lang)}{colon} {date_text(day, lang)}")
    if d is not None:
        lines += ["", *diff_lines(flow, d, lang)]
    sys.stdout.write(clean_text("\n".join(lines) + "\n"))
    recorded = ht("recorded", lang, date=date_text(entry["date"], lang), path=shown(case.path))
    print(recorded, file=sys.stderr)
    return EXIT_OK


def cmd_diff(args: argparse.Namespace) -> int:
    from partways.case import open_case
    from partways.history import diff_entries, diff_lines, pick_entries
    from partways.i18n import resolve_lang

    case, flow = open_case(args.case)
    start, end = _day(args.start, "--from"), _day(args.end, "--to")
    lang = resolve_lang(args.lang, case.lang)
    pair = pick_entries(case, start, end)
    if pair is None:
        if not case.history:
            raise PartwaysError(ht("no_history", lang), file=args.case)
        if start is None and end is None:
            raise PartwaysError(
                ht("one_entry", lang, date=case.history[-1]["date"].isoformat()), file=args.case
            )
        raise PartwaysError(
            ht("no_entry", lang, start=start or "…", end=end or "…"), file=args.case
        )
    d = diff_entries(flow, *pair)
    if args.json:
        print(json.dumps(d.to_json(), ensure_ascii=False, indent=2, allow_nan=False))
    else:
        sys.stdout.write(clean_text("\n".join(diff_lines(flow, d, lang)) + "\n"))
    return EXIT_OK


def cmd_clients(args: argparse.Namespace) -> int:
    from partways.i18n import resolve_lang
    from partways.paths import cases_dir
    from partways.portfolio import clients_json, clients_lines, portfolio

    folder = Path(args.folder) if args.folder else cases_dir()
    if args.folder and not folder.is_dir():
        raise PartwaysError("not a folder", file=folder)
    lang = resolve_lang(args.lang)
    rows = portfolio(folder)
    if args.due:
        rows = [r for r in rows if r.overdue]
    if args.json:
        print(json.dumps(clients_json(rows), ensure_ascii=False, indent=2, allow_nan=False))
    elif args.due and not rows:  # a sentence reads better in a cron mail than a bare header
        from partways.history import ht

        print(ht("none_due", lang))
    else:
        sys.stdout.write(clean_text("\n".join(clients_lines(rows, lang)) + "\n"))
    return EXIT_OK
