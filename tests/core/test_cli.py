"""The `partways` command as scripts use it: exit codes, one-line errors, outputs."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.command import SRC, run, run_process
from tests.helpers import modules_loaded_by

__all__ = ["SRC", "run", "run_process"]  # other test files import them from here


def test_version_and_help_on_every_command():
    out = run("--version")
    assert out.returncode == 0 and out.stdout.startswith("partways ")
    for command in (
        ["run"],
        ["ask"],
        ["workshop"],
        ["assess"],
        ["draft"],
        ["report"],
        ["flow"],
        ["flow", "check"],
        ["check-letter"],
    ):
        result = run(*command, "--help")
        assert result.returncode == 0, command
        assert "usage: partways" in result.stdout


def test_assess_json_contract_shape(example):
    out = run("assess", str(example("scope-creep")), "--json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data["verdict"] == "renegotiate"
    assert data["letter"] == "renegotiation"
    assert data["figures"] == {
        "service_ratio_pct": 140.0,
        "monthly_shortfall": 1200.0,
        "currency": "EUR",
        "revenue_share": 18.0,
    }
    assert "raise_price" in data["alternatives"]
    assert set(data["reasons"][0]) >= {"signal", "answer", "why", "source"}
    assert all(isinstance(s, str) and s for s in data["steps"])


def test_assess_text_and_lang_override(example):
    out = run("assess", str(example("hostile-after-boundaries")), "--lang", "en")
    assert out.returncode == 0
    assert out.stdout.startswith("Verdict: Part ways (part_ways)")
    assert "Share of revenue at risk: 25%" in out.stdout


def test_draft_to_file_and_stdout(example, tmp_path):
    case = example("steady-client")
    out = run("draft", str(case))
    assert out.returncode == 0 and "Dr. Helen Park" in out.stdout and "Nora Blake" in out.stdout
    target = tmp_path / "letter.md"
    out = run("draft", str(case), "--letter", "separation", "-o", str(target))
    assert out.returncode == 0
    assert "Dr. Helen Park" in target.read_text(encoding="utf-8")


def test_draft_prefers_the_edited_letter(example):
    case = example("steady-client")
    text = case.read_text(encoding="utf-8")
    case.write_text(
        text + 'letter: {kind: check_in, lang: en, text: "Edited by hand."}\n', encoding="utf-8"
    )
    assert run("draft", str(case)).stdout == "Edited by hand.\n"
    assert "Dr. Helen Park" in run("draft", str(case), "--fresh").stdout


def test_report_contains_everything(example):
    out = run("report", str(example("scope-creep")))
    assert out.returncode == 0
    for part in (
        "# Bilan client — Librairie des Quais",
        "## Verdict\u00a0: Renégocier",
        "1 200 €",
        "Trois refontes de la page d'accueil",
        "- [ ] **",
        "## Lettre",
        "À l’attention d’Anne Girard — Librairie des Quais",
    ):
        assert part in out.stdout, part


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "format: partways/1\nanswers: {disrespect: hourly}\n",
            ":2: answers.disrespect: 'hourly' is not one of",
        ),
        (
            "format: partways/1\nanswers: {revenue_share: 140}\n",
            ":2: answers.revenue_share: 140 is out of range",
        ),
        ("format: partways/3\n", ":1: format: written by a newer partways"),
        ("format: partways/1\nx: !!python/object:os.system {}\n", "YAML tag"),
        ("format: partways/1\nanswers: {a: [\n", "case.yaml:"),
        ("format: partways/1\nflow: zzz\n", "unknown flow 'zzz'"),
    ],
)
def test_bad_input_is_one_line_exit_1(tmp_path, content, message):
    case = tmp_path / "case.yaml"
    case.write_text(content, encoding="utf-8")
    for command in ("assess", "draft", "report"):
        out = run(command, str(case))
        assert out.returncode == 1, out
        assert out.stdout == ""
        lines = out.stderr.strip().splitlines()
        assert len(lines) == 1 and "Traceback" not in out.stderr
        assert message in lines[0], lines[0]


def test_missing_and_binary_case_files(tmp_path):
    out = run("assess", str(tmp_path / "nope.yaml"))
    assert out.returncode == 1 and "nope.yaml: file not found" in out.stderr
    binary = tmp_path / "bin.yaml"
    binary.write_bytes(bytes(range(256)))
    out = run("assess", str(binary))
    assert out.returncode == 1 and "binary file" in out.stderr


def test_flow_check_exit_codes(tmp_path):
    assert run("flow", "check").returncode == 0
    broken = tmp_path / "broken.yaml"
    broken.write_text("format: partways-flow/1\nid: x\nquestions: 3\n", encoding="utf-8")
    out = run("flow", "check", str(broken))
    assert out.returncode == 1
    assert f"{broken}:3: questions: expected a list" in out.stdout


def test_works_from_any_directory(tmp_path, example):
    out = run("assess", str(example("steady-client")), "--json", cwd=tmp_path)
    assert out.returncode == 0 and json.loads(out.stdout)["verdict"] == "keep"


@pytest.mark.parametrize("command", ["assess", "draft", "report"])
def test_headless_commands_never_import_textual(example, command):
    faces = ("textual", "questionary", "prompt_toolkit", "jsonschema", "partways.tui")
    loaded = modules_loaded_by([command, str(example("scope-creep"))], (*faces, "partways.prompt"))
    assert loaded == []


def test_importtime_shows_no_textual(example):
    out = subprocess.run(
        [
            sys.executable,
            "-X",
            "importtime",
            "-m",
            "partways",
            "assess",
            str(example("scope-creep")),
        ],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(SRC)},
        timeout=60,
    )
    assert out.returncode == 0
    assert "babel" not in out.stderr and "jinja2" not in out.stderr
    assert " textual" not in out.stderr and "questionary" not in out.stderr
    assert " jsonschema" not in out.stderr  # the schema library is for `flow check` only


def test_the_version_is_the_package_metadata():
    from importlib.metadata import version

    assert run_process("--version").stdout == f"partways {version('partways')}\n"


@pytest.mark.parametrize(
    "argv",
    [
        ["draft", "c.yaml", "--letter", "separation", "--fresh", "-o", "x.md"],
        ["assess", "c.yaml", "--json", "--why-not", "keep", "--lang", "fr"],
        ["report", "c.yaml", "--partial"],
        ["check-letter", "l.md", "--case", "c.yaml", "--kind", "boundaries"],
        ["flow", "check", "a.yaml", "b.yaml"],
        ["run", "c.yaml", "--flow", "f.yaml"],
        ["ask"],
        ["workshop", "--list"],
    ],
)
def test_a_command_alone_parses_as_the_whole_command_line(argv: list[str]) -> None:
    from partways.cli import build_parser

    assert vars(build_parser(argv[0]).parse_args(argv)) == vars(build_parser().parse_args(argv))


#: One command line per command, run in a folder holding `case.yaml` (scope-creep) and
#: `letter.md`: every command once as a real process, the entry point included.
#: (`--version` is one in test_the_version_is_the_package_metadata.)
SMOKE = [
    ["run"],  # no terminal: refused in one line
    ["ask"],
    ["workshop", "--list", "--lang", "en"],
    ["assess", "case.yaml", "--json"],
    ["draft", "case.yaml", "-o", "out.md"],
    ["report", "case.yaml", "--lang", "en"],
    ["check-letter", "letter.md", "--case", "case.yaml"],
    ["flow", "check"],
    ["flow", "graph", "--format", "dot"],
    ["reassess", "case.yaml", "--set", "hours_spent=40"],
    ["diff", "case.yaml", "--lang", "fr"],
    ["clients", ".", "--json"],
    ["schema", "case"],
    ["draft"],  # a usage error: exit 2
]


@pytest.mark.parametrize("argv", SMOKE, ids=lambda argv: " ".join(argv))
def test_every_command_runs_as_a_process_and_in_process_alike(tmp_path, example, argv):
    """The real entry point works for each command, and `run` (in-process, what the other tests
    use) gives the same exit code, output and files as the process."""
    results = []
    for name, runner in (("process", run_process), ("inproc", run)):
        folder = tmp_path / name
        folder.mkdir()
        case = example("scope-creep").rename(folder / "case.yaml")
        (folder / "letter.md").write_text("Hello,\n\nThe fee stays 3 000 €.\n", encoding="utf-8")
        out = runner(*argv, cwd=folder)
        files = {p.name: p.read_bytes() for p in sorted(folder.iterdir())}
        results.append((out.returncode, out.stdout, out.stderr, files))
        assert case.exists()
    process, inproc = results
    assert process[0] in (0, 1, 2) and "Traceback" not in process[2], process[2]
    assert inproc == process


def test_partways_alone_declares_only_the_wizard_s_arguments(monkeypatch) -> None:
    """`partways` is `partways run`: the other commands' arguments are not declared (argparse
    was a few ms of the start screen's first frame)."""
    from partways import cli

    declared: list[str] = []

    def recording(name: str, declare):  # type: ignore[no-untyped-def]
        def wrapper(sub):  # type: ignore[no-untyped-def]
            declared.append(name)
            declare(sub)

        return wrapper

    subparsers = {name: recording(name, declare) for name, declare in cli._SUBPARSERS.items()}
    monkeypatch.setattr(cli, "_SUBPARSERS", subparsers)
    seen: list[object] = []
    monkeypatch.setattr(cli, "cmd_run", lambda args: seen.append(args) or 0)
    assert cli.main([]) == 0
    assert declared == ["run"]
    assert [(a.command, a.case, a.flow, a.lang) for a in seen] == [("run", None, None, None)]
