"""The `partways` command. Headless commands import neither Textual nor questionary."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from partways import startup
from partways.errors import PartwaysError, clean_text, shown

if TYPE_CHECKING:
    from partways.assessment import Assessment
    from partways.case import Case
    from partways.flow import Flow

EXIT_OK, EXIT_USER, EXIT_INTERRUPT = 0, 1, 130


def _add_lang(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--lang", choices=["fr", "en"], help="language (default: the case's, else the locale)"
    )


def _add_partial(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--partial",
        action="store_true",
        help="accept a case with unanswered questions: the verdict is marked provisional "
        "(without it such a case is refused with exit 1)",
    )


def _add_interactive(p: argparse.ArgumentParser) -> None:
    """The arguments the wizard and the prompt mode share."""
    p.add_argument("case", nargs="?", help="case file to resume or create (YAML)")
    p.add_argument("--flow", help="flow id or path (default: client-review)")
    _add_lang(p)


class _VersionAction(argparse.Action):
    """`--version` reads the installed package's metadata only when asked."""

    def __init__(self, option_strings: Sequence[str], dest: str, **kwargs: object) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show the version and exit")

    def __call__(
        self,
        parser: argparse.ArgumentParser,
        namespace: argparse.Namespace,
        values: object,
        option_string: str | None = None,
    ) -> None:
        import partways

        print(f"partways {partways.__version__}")
        parser.exit()


class _OneLineParser(argparse.ArgumentParser):
    """Command-line mistakes as one line plus where to look, exit 2 (argparse's convention)."""

    def error(self, message: str) -> NoReturn:
        command = self.prog.removeprefix("partways").strip()
        see = f"partways {command} --help" if command else "partways --help"
        self.exit(2, f"{self.prog}: error: {message} (see {see})\n")


def _parser_run(sub: Any) -> None:
    run = sub.add_parser(
        "run",
        help="full-screen wizard (the default)",
        description="Walk through the flow full screen; with CASE, resume it and autosave into it.",
    )
    _add_interactive(run)


def _parser_ask(sub: Any) -> None:
    ask = sub.add_parser(
        "ask",
        help="the same flow as plain prompts",
        description="Walk through the flow with plain prompts (no full screen).",
    )
    _add_interactive(ask)
    ask.add_argument(
        "--again",
        action="store_true",
        help="review the client again: every question from the first, each previous answer "
        "pre-selected; the verdict is added to the case's history",
    )


def _parser_workshop(sub: Any) -> None:
    ws = sub.add_parser(
        "workshop",
        help="facilitator mode for a team case study",
        description="Walk a team through a case study: notes, votes, debrief.",
    )
    ws.add_argument("case", nargs="?", help="case study id (see --list) or case file")
    ws.add_argument("--list", action="store_true", help="list the shipped case studies")
    _add_lang(ws)


def _parser_assess(sub: Any) -> None:
    from partways.flow import VERDICTS

    assess = sub.add_parser(
        "assess",
        help="verdict, reasons, figures and steps (no UI)",
        description="Print the verdict, its reasons, the figures and the steps.",
    )
    assess.add_argument("case", help="case file (YAML)")
    assess.add_argument("--json", action="store_true", help="machine-readable output")
    assess.add_argument(
        "--why-not",
        metavar="VERDICT",
        choices=VERDICTS,
        help="say which rule decided instead of VERDICT and which conditions of the rules "
        f"leading to it do not hold ({', '.join(VERDICTS)})",
    )
    _add_partial(assess)
    _add_lang(assess)


def _parser_draft(sub: Any) -> None:
    from partways.flow import LETTER_KINDS

    draft = sub.add_parser(
        "draft",
        help="the letter as Markdown",
        description="Draft the letter that goes with the verdict (or --letter).",
    )
    draft.add_argument("case", help="case file (YAML)")
    draft.add_argument(
        "--letter", choices=LETTER_KINDS, help="letter kind (default: the verdict's)"
    )
    draft.add_argument("-o", "--output", metavar="FILE.md", help="write to FILE instead of stdout")
    draft.add_argument(
        "--fresh",
        action="store_true",
        help="ignore the edited letter saved in the case and render the template",
    )
    _add_partial(draft)
    _add_lang(draft)


def _parser_report(sub: Any) -> None:
    report = sub.add_parser(
        "report",
        help="the whole case as Markdown",
        description="Answers, verdict, reasons, figures, steps and letter.",
    )
    report.add_argument("case", help="case file (YAML)")
    report.add_argument("-o", "--output", metavar="FILE.md", help="write to FILE instead of stdout")
    _add_partial(report)
    _add_lang(report)


def _parser_check_letter(sub: Any) -> None:
    from partways.flow import LETTER_KINDS

    letter = sub.add_parser(
        "check-letter",
        help="check a letter before sending it",
        description="Check a Markdown letter: blaming phrasings, placeholders left, figures "
        "that differ from the case, elements its kind needs, typography, salutation. Every "
        "problem is printed as LETTER.md:LINE: message; exit 1 when there is any.",
    )
    letter.add_argument("letter", metavar="LETTER.md", help="the letter (Markdown, UTF-8)")
    letter.add_argument(
        "--case", help="case file: check figures, dates and the salutation against it"
    )
    letter.add_argument(
        "--kind",
        choices=LETTER_KINDS,
        help="letter kind (default: the case's letter, else guessed from the subject line)",
    )
    letter.add_argument(
        "--flow", help="flow id or path whose letter-checks.yaml applies (default: the case's)"
    )
    letter.add_argument(
        "--lang",
        choices=["fr", "en"],
        help="language of the letter and of the messages (default: messages in the case's "
        "language, else the locale's; the letter's guessed from its words)",
    )


def _parser_flow(sub: Any) -> None:
    flow = sub.add_parser("flow", help="work with flow files", description="Work with flow files.")
    flow_sub = flow.add_subparsers(dest="flow_command", metavar="ACTION")
    check = flow_sub.add_parser(
        "check",
        help="validate flows and their templates",
        description="Validate flows and their letter templates; every "
        "problem is printed as file:line: message. Without FLOW, checks "
        "every built-in flow.",
    )
    check.add_argument("flows", nargs="*", metavar="FLOW", help="flow id or .yaml path")
    check.add_argument(
        "--coverage",
        action="store_true",
        help="also print, for each rule, a case in which it decides (YAML: rule id → verdict, "
        "line, answers), usable as a test fixture",
    )
    graph = flow_sub.add_parser(
        "graph",
        help="draw a flow as Mermaid or Graphviz dot",
        description="Print the flow's sections, questions, `when` dependencies, signals and "
        "rules (in order, with their verdicts) as a Mermaid flowchart or Graphviz dot.",
    )
    graph.add_argument(
        "flow", nargs="?", default="client-review", metavar="FLOW", help="flow id or .yaml path"
    )
    graph.add_argument(
        "--format", choices=["mermaid", "dot"], default="mermaid", help="default: mermaid"
    )
    _add_lang(graph)


def _parser_followup(sub: Any) -> None:
    from partways.followup import add_parsers

    add_parsers(sub, _add_lang)


def _parser_schema(sub: Any) -> None:
    schema = sub.add_parser(
        "schema",
        help="print the JSON Schema of case or flow files",
        description="Print the JSON Schema of the case or the flow format, for an editor: save "
        "it next to your files and start them with "
        "'# yaml-language-server: $schema=flow.schema.json'.",
    )
    schema.add_argument("kind", choices=["case", "flow"], help="which format")


_SUBPARSERS: dict[str, Callable[[Any], None]] = {
    "run": _parser_run,
    "ask": _parser_ask,
    "workshop": _parser_workshop,
    "assess": _parser_assess,
    "draft": _parser_draft,
    "report": _parser_report,
    "check-letter": _parser_check_letter,
    "flow": _parser_flow,
    "reassess": _parser_followup,  # declares reassess, diff and clients together
    "diff": _parser_followup,
    "clients": _parser_followup,
    "schema": _parser_schema,
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or only `command`'s part of it: `partways draft CASE` need not
    declare the seven other commands' arguments (about 5 ms of a headless command); the result
    parses that command's arguments, and words its errors and help, exactly as the whole."""
    parser = _OneLineParser(
        prog="partways",
        description="Decide what to do about a difficult client, then draft the letter. "
        "Without a command, opens the full-screen wizard.",
    )
    parser.add_argument("--version", action=_VersionAction)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    declared: set[Callable[[Any], None]] = set()
    for name, declare in _SUBPARSERS.items():
        if (command is None or name == command) and declare not in declared:
            declared.add(declare)
            declare(sub)
    return parser


def _write_or_print(text: str, output: str | None, case: Case) -> None:
    """`-o FILE` (a regular file, never the case itself) or stdout (no `-o`, or `-o -`); the
    text is cleaned of control characters either way, whatever a template put in it."""
    text = clean_text(text)
    if output and output != "-":
        from partways.files import write_atomic

        write_atomic(Path(output), text, mode=0o600, protect=(case.path,))
        print(shown(output), file=sys.stderr)
    else:
        sys.stdout.write(text)


def _open_checked(args: argparse.Namespace) -> tuple[Case, Flow, str, Assessment]:
    """Open the case and assess it; refuse an incomplete one unless `--partial` was given.

    The three headless commands share this so none of them turns missing answers into a
    silent verdict (unanswered signals would otherwise count as "never").
    """
    from partways.assessment import assess_case
    from partways.case import open_case
    from partways.i18n import resolve_lang

    case, flow = open_case(args.case)
    lang = resolve_lang(args.lang, case.lang)
    return case, flow, lang, assess_case(case, flow, lang, partial=args.partial)


def cmd_assess(args: argparse.Namespace) -> int:
    import json  # here, not at the top: the wizard's start need not load it

    from partways.whatif import what_if

    case, flow, lang, result = _open_checked(args)
    if args.why_not:
        from partways.whatif import why_not, why_not_lines

        answer = why_not(flow, result, args.why_not)
        if args.json:
            print(json.dumps(answer.to_json(flow, lang), ensure_ascii=False, indent=2))
        else:
            print("\n".join(why_not_lines(flow, answer, lang)))
        return EXIT_OK
    from partways.history import next_review, review_line

    changes = [] if result.provisional else what_if(flow, case.answers)
    review = next_review(case)
    if args.json:
        data = result.to_json()
        data["what_if"] = [w.to_json() for w in changes]
        if review is not None:  # only for a case followed over time: older outputs unchanged
            data["next_review"] = review.isoformat()
        print(json.dumps(data, ensure_ascii=False, indent=2, allow_nan=False))
        return EXIT_OK
    from partways.report import assessment_text

    text = assessment_text(flow, result, changes)
    line = review_line(case, lang)
    if line is not None:
        text += f"\n{line}\n"
    sys.stdout.write(clean_text(text))
    return EXIT_OK


def cmd_draft(args: argparse.Namespace) -> int:
    from partways.letters import letter_text

    case, flow, lang, result = _open_checked(args)
    text = letter_text(case, flow, args.letter, args.fresh, lang, assessment=result)
    if result.provisional:  # the letter stays clean: it may be sent; the warning is for the user
        from partways.messages import t
        from partways.present import missing_ids, question_count

        warning = t(
            "draft_provisional",
            lang,
            count=question_count(len(result.missing), lang),
            which=missing_ids(result.missing, lang),
        )
        # like errors: the fixed prefix and the file first, so the line greps the same way
        print(f"partways: warning: {shown(args.case)}: {shown(warning)}", file=sys.stderr)
    _write_or_print(text, args.output, case)
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    from partways.report import case_report

    case, flow, lang, _result = _open_checked(args)
    _write_or_print(case_report(case, flow, lang), args.output, case)
    return EXIT_OK


def cmd_flow(args: argparse.Namespace) -> int:
    return cmd_flow_graph(args) if args.flow_command == "graph" else cmd_flow_check(args)


def cmd_flow_check(args: argparse.Namespace) -> int:
    from partways.coverage import RuleCoverage
    from partways.flow import builtin_flows, find_flow
    from partways.flowcheck import check_flow

    refs = args.flows or list(builtin_flows().values())
    failed = 0
    for ref in refs:
        path = find_flow(ref)
        witnesses: list[RuleCoverage] = []
        problems = check_flow(path, witnesses)
        for line in problems:
            print(shown(line))
        if problems:
            failed += 1
        else:
            print(f"{shown(path)}: ok", file=sys.stderr)
        if args.coverage and not problems:
            from partways.coverage import witnesses_yaml

            if len(refs) > 1:
                print(f"# {shown(path)}")
            sys.stdout.write(clean_text(witnesses_yaml(witnesses)))
    return EXIT_USER if failed else EXIT_OK


def cmd_flow_graph(args: argparse.Namespace) -> int:
    from partways.flow import load_flow
    from partways.graph import render
    from partways.i18n import resolve_lang

    flow = load_flow(args.flow)
    sys.stdout.write(clean_text(render(flow, args.format, resolve_lang(args.lang))))
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    from partways.schema import schema_text

    sys.stdout.write(schema_text(args.kind))
    return EXIT_OK


def _read_letter(path: Path) -> str:
    from partways.files import read_bytes

    raw = read_bytes(path)
    if b"\x00" in raw:
        raise PartwaysError("binary file, expected a UTF-8 Markdown letter", file=path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PartwaysError(
            f"not UTF-8 text (byte {exc.start}); save the letter as UTF-8", file=path
        ) from None
    return clean_text(text)  # its lines are quoted in the problems printed


def cmd_check_letter(args: argparse.Namespace) -> int:
    """Like `flow check`: problems on stdout as file:line: message, a clean file said on stderr."""
    from partways.i18n import resolve_lang
    from partways.lettercheck import check_letter, guess_lang

    text = _read_letter(Path(args.letter))
    case = flow = None
    if args.case:
        from partways.case import open_case

        case, flow = open_case(args.case, args.flow)
    elif args.flow:
        from partways.flow import load_flow

        flow = load_flow(args.flow)
    lang = resolve_lang(args.lang, case.lang if case is not None else None)
    letter_lang = args.lang or guess_lang(text) or lang
    problems = check_letter(text, letter_lang, kind=args.kind, case=case, flow=flow)
    for problem in problems:
        print(shown(problem.format(args.letter, lang)))
    if problems:
        return EXIT_USER
    print(f"{shown(args.letter)}: {'aucun problème' if lang == 'fr' else 'ok'}", file=sys.stderr)
    return EXIT_OK


def cmd_run(args: argparse.Namespace) -> int:
    from partways.tui.launch import run_wizard

    return run_wizard(args.case, flow_ref=args.flow, lang=args.lang)


def cmd_ask(args: argparse.Namespace) -> int:
    from partways.prompt import run_prompt

    return run_prompt(args.case, flow_ref=args.flow, lang=args.lang, again=args.again)


def cmd_workshop(args: argparse.Namespace) -> int:
    if args.list:
        from partways.i18n import resolve_lang
        from partways.studies import list_studies

        lang = resolve_lang(args.lang)
        studies = [s for s in list_studies() if s.lang == lang] or list_studies()
        for study in studies:
            print(f"{study.id:24s} {study.title}")
        return EXIT_OK
    from partways.tui.launch import run_workshop

    return run_workshop(args.case, lang=args.lang, list_only=args.list)


def _followup(name: str) -> Callable[[argparse.Namespace], int]:
    """A handler of partways.followup, imported only when that command runs."""

    def run(args: argparse.Namespace) -> int:
        from partways import followup

        handler: Callable[[argparse.Namespace], int] = getattr(followup, name)
        return handler(args)

    return run


def main(argv: Sequence[str] | None = None) -> int:
    startup.pause()  # see startup.py: the wizard resumes it after its first frame
    try:
        return _main(argv)
    finally:
        startup.resume()


def _main(argv: Sequence[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv:  # `partways` alone is `partways run`: only its arguments need declaring
        argv = ["run"]
    parser = build_parser(argv[0] if argv and argv[0] in _SUBPARSERS else None)
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args(["run"])
    command = args.command
    if command == "flow" and not getattr(args, "flow_command", None):
        parser.parse_args(["flow", "--help"])
    handlers = {
        "run": cmd_run,
        "ask": cmd_ask,
        "workshop": cmd_workshop,
        "assess": cmd_assess,
        "draft": cmd_draft,
        "report": cmd_report,
        "flow": cmd_flow,
        "check-letter": cmd_check_letter,
        "reassess": _followup("cmd_reassess"),
        "diff": _followup("cmd_diff"),
        "clients": _followup("cmd_clients"),
        "schema": cmd_schema,
    }
    try:
        return handlers[command](args)
    except PartwaysError as exc:
        print(f"partways: error: {exc.one_line()}", file=sys.stderr)
        return EXIT_USER
    except KeyboardInterrupt:
        print("partways: interrupted", file=sys.stderr)
        return EXIT_INTERRUPT
    except BrokenPipeError:
        return EXIT_OK
    except Exception as exc:  # never a traceback for a user; PARTWAYS_DEBUG=1 shows it
        if os.environ.get("PARTWAYS_DEBUG"):
            raise
        print(
            f"partways: internal error: {type(exc).__name__}: {shown(exc)} "
            "(rerun with PARTWAYS_DEBUG=1 and report it)",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
