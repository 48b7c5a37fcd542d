"""Hostile or broken input: every case ends in exit 1 and one `file[:line]: message` line.

Each test feeds one class of bad input (issue 13, sections 3-5) and would fail if partways hung,
ran out of memory, printed a traceback or an "internal error", or exited with another code.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from partways.cli import main

SRC = Path(__file__).resolve().parents[2] / "src"
FLOW = Path(__file__).resolve().parents[2] / "flows" / "client-review.yaml"


def one_line_error(capsys: pytest.CaptureFixture[str], argv: list[str], *must: str) -> str:
    """Exit 1 and one line (stderr, or stdout for `flow check`, which lists problems)."""
    code = main(argv)
    captured = capsys.readouterr()
    err = captured.err or captured.out
    assert code == 1, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert argv[0] == "flow" or lines[0].startswith("partways: error: "), err
    assert "internal error" not in err and "Traceback" not in err
    for text in must:
        assert text in lines[0], err
    return lines[0]


def run_guarded(*args: str) -> subprocess.CompletedProcess[str]:
    """A subprocess with a timeout: for input that used to hang partways."""
    env = {**os.environ, "PYTHONPATH": str(SRC)}
    return subprocess.run(
        [sys.executable, "-m", "partways", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=30,
        stdin=subprocess.DEVNULL,
    )


def case_with_flow(tmp_path: Path, example, flow: Path | str) -> Path:
    case = example("scope-creep")
    text = case.read_text(encoding="utf-8")
    lines = [f"flow: {flow}" if ln.startswith("flow:") else ln for ln in text.splitlines()]
    case.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return case


# -- 3. reading is bounded ---------------------------------------------------------------------


def test_fifo_case_and_flow_are_refused_without_hanging(tmp_path, example):
    fifo = tmp_path / "case.yaml"
    os.mkfifo(fifo)
    for args in (["assess", str(fifo)], ["flow", "check", str(fifo)]):
        out = run_guarded(*args)
        assert out.returncode == 1, out.stderr
        text = (out.stderr + out.stdout).strip()
        assert text.splitlines() == [text]
        assert f"{fifo}: not a regular file" in text
    out = run_guarded("assess", str(case_with_flow(tmp_path, example, fifo)))
    assert out.returncode == 1 and f"{fifo}: not a regular file" in out.stderr


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_devices_are_not_read(capsys, device):
    if not Path(device).exists():
        pytest.skip(f"no {device}")
    one_line_error(capsys, ["assess", device], f"{device}: not a regular file")
    one_line_error(capsys, ["flow", "check", device], f"{device}: not a regular file")


def test_case_file_size_is_capped(capsys, tmp_path):
    big = tmp_path / "big.yaml"
    big.write_text("# " + "x" * 5_000_001 + "\n", encoding="utf-8")
    one_line_error(capsys, ["assess", str(big)], f"{big}: file too large")


def test_alias_bomb_is_refused(capsys, tmp_path):
    bomb = tmp_path / "bomb.yaml"
    rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for prev, name in zip("abcdefgh", "bcdefghi", strict=True):
        rows.append(f"{name}: &{name} [" + ",".join([f"*{prev}"] * 9) + "]")
    bomb.write_text("\n".join(rows) + "\n", encoding="utf-8")
    for argv in (["assess", str(bomb)], ["flow", "check", str(bomb)]):
        one_line_error(capsys, argv, f"{bomb}:", "aliases")


def test_the_builtin_flow_uses_no_alias():
    from partways.yamlio import load_yaml

    load_yaml(FLOW)  # raises if the flow used an anchor, now refused


@pytest.mark.parametrize("depth", [60, 200, 990])
def test_deep_nesting_is_refused_with_its_line(capsys, tmp_path, depth):
    deep = tmp_path / "deep.yaml"
    deep.write_text("format: partways/1\nanswers: " + "[" * depth + "]" * depth + "\n")
    line = one_line_error(capsys, ["assess", str(deep)], f"{deep}:2:", "nested")
    assert "internal error" not in line
    one_line_error(capsys, ["flow", "check", str(deep)], f"{deep}:2:", "nested")


def test_symlink_loop_as_flow_is_one_line(capsys, tmp_path, example):
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(loop)
    one_line_error(capsys, ["flow", "check", str(loop)], f"{loop}: cannot read")
    case = case_with_flow(tmp_path, example, loop)
    one_line_error(capsys, ["assess", str(case)], f"{loop}: cannot read")


# -- 3. expressions in custom flows ------------------------------------------------------------


def custom_flow(tmp_path: Path, *, rule_when: str | None = None, derived: str = "") -> Path:
    """The built-in flow with its first rule's condition or extra derived entries replaced."""
    text = FLOW.read_text(encoding="utf-8")
    if rule_when is not None:
        old = "    when: at_least(disrespect, 'often')"
        assert old in text
        text = text.replace(old, f"    when: {rule_when}", 1)
    if derived:
        text = text.replace("derived:\n", "derived:\n" + derived, 1)
    target = tmp_path / "custom.yaml"
    target.write_text(text, encoding="utf-8")
    (tmp_path / "templates").symlink_to(FLOW.parents[1] / "templates")
    return target


RULE_LINE = (
    FLOW.read_text(encoding="utf-8").splitlines().index("    when: at_least(disrespect, 'often')")
    + 1
)


@pytest.mark.parametrize(
    ("when", "reason"),
    [
        ("\"'a' * 1000000000 == 1\"", "repeating a text"),
        ("count_at_least(disrespect)", "takes 2 arguments"),
        ("monthly_fee == " + "9" * 400, "number too large"),
        ("not " * 5000 + "true", "condition too long"),
        ("not " * 400 + "true", "nested too deep"),
    ],
)
def test_bad_conditions_are_refused_when_compiled(capsys, tmp_path, example, when, reason):
    flow = custom_flow(tmp_path, rule_when=when)
    one_line_error(capsys, ["flow", "check", str(flow)], f"{flow}:{RULE_LINE}:", reason)
    case = case_with_flow(tmp_path, example, flow)
    one_line_error(capsys, ["assess", str(case)], f"{flow}:{RULE_LINE}:", reason)


def test_runtime_failure_names_rule_and_line(capsys, tmp_path, example):
    flow = custom_flow(tmp_path, rule_when='"-disrespect == 1"')
    case = case_with_flow(tmp_path, example, flow)
    one_line_error(
        capsys, ["assess", str(case)], f"{flow}:{RULE_LINE}: rule 'disrespect_serious': '-'"
    )


def test_squaring_derived_entries_stop_at_the_number_cap(capsys, tmp_path, example):
    entries = "".join(
        f"  - id: d{i}\n    expr: {'monthly_fee' if i == 0 else f'd{i - 1} * d{i - 1}'}\n"
        for i in range(40)
    )
    flow = custom_flow(tmp_path, derived=entries)
    case = case_with_flow(tmp_path, example, flow)
    line = one_line_error(capsys, ["assess", str(case)], f"{flow}:", "derived 'd", "too large")
    assert f"{flow}:" in line


# -- 3. letter templates -----------------------------------------------------------------------


def flow_with_templates(tmp_path: Path, example) -> tuple[Path, Path, Path]:
    """A copy of the built-in flow with its own copy of the templates; returns (flow, the
    renegotiation template the scope-creep case drafts, the case)."""
    import shutil

    folder = tmp_path / "letters"
    shutil.copytree(FLOW.parents[1] / "templates", folder)
    flow = tmp_path / "custom.yaml"
    flow.write_text(
        FLOW.read_text(encoding="utf-8").replace(
            "\nid: client-review\n", "\nid: custom\ntemplates: letters\n", 1
        ),
        encoding="utf-8",
    )
    case = case_with_flow(tmp_path, example, flow)
    return flow, folder / "en" / "renegotiation.md.j2", case


def test_huge_power_in_a_template_is_refused_quickly(tmp_path, example):
    flow, template, case = flow_with_templates(tmp_path, example)
    template.write_text("{{ 7 ** 1000000000 }}\n" + template.read_text(encoding="utf-8"))
    out = run_guarded("draft", str(case), "--lang", "en")
    assert out.returncode == 1, out.stderr
    assert out.stderr.strip().splitlines() == [out.stderr.strip()]
    assert f"{template}:1: template refused" in out.stderr and "'**'" in out.stderr


def test_template_symlink_outside_its_folder_is_refused(capsys, tmp_path, example):
    flow, template, case = flow_with_templates(tmp_path, example)
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-API-KEY-12345\n")
    template.unlink()
    template.symlink_to(secret)
    line = one_line_error(capsys, ["draft", str(case), "--lang", "en"], "outside its folder")
    assert "SECRET" not in line and "SECRET" not in capsys.readouterr().out


def test_refused_include_says_what_was_refused(capsys, tmp_path, example):
    flow, template, case = flow_with_templates(tmp_path, example)
    template.write_text('{% include "../../secret.txt" %}\n')
    one_line_error(
        capsys,
        ["draft", str(case), "--lang", "en"],
        f"{template}:1:",
        "includes '../../secret.txt'",
    )


# -- 3. a `flow:` that is not a flow; 5. the parsed-flow cache ---------------------------------


def test_a_yaml_file_that_is_not_a_flow_is_not_quoted_nor_cached(capsys, tmp_path, example):
    from partways.paths import yaml_cache_dir

    settings = tmp_path / "settings.yaml"
    settings.write_text("format: SECRET-API-KEY-12345\ntoken: SECRET-API-KEY-12345\n")
    case = case_with_flow(tmp_path, example, settings)
    line = one_line_error(capsys, ["assess", str(case)], f"{settings}:1:", "not a flow file")
    assert "SECRET" not in line
    cache = yaml_cache_dir()
    assert not cache.is_dir() or not any(
        "SECRET" in p.read_text(errors="replace") for p in cache.iterdir()
    )
    assert not cache.is_dir() or not list(cache.iterdir())


def cache_entry(tmp_path: Path) -> Path:
    """The cache entry of the built-in flow, after one run has written it."""
    from partways import flow as flow_module
    from partways.paths import yaml_cache_dir

    flow_module._CACHE.clear()
    flow_module.load_flow("client-review")
    entries = list(yaml_cache_dir().glob("*.marshal"))
    assert len(entries) == 1
    assert yaml_cache_dir().stat().st_mode & 0o777 == 0o700
    flow_module._CACHE.clear()
    return entries[0]


def assess_ok(capsys, example) -> None:
    assert main(["assess", str(example("scope-creep")), "--json"]) == 0, capsys.readouterr().err
    assert '"verdict": "renegotiate"' in capsys.readouterr().out


@pytest.mark.parametrize(
    "payload",
    [
        ("d", 1, []),  # valid marshal data, wrong shape (no header)
        ("partways-yaml-cache/2", "0" * 64, 1, ("d", 1, [])),  # an older format
        ("partways-yaml-cache/4", (3, 11), b"id: other\n", ("d", 1, [])),  # another source
        float("inf"),
        ("l",) * 1,
    ],
)
def test_a_bad_cache_entry_is_a_miss(capsys, tmp_path, example, payload):
    import marshal

    entry = cache_entry(tmp_path)
    entry.write_bytes(marshal.dumps(payload))
    assess_ok(capsys, example)


def test_a_tampered_or_deep_cache_entry_is_a_miss(capsys, tmp_path, example):
    import marshal

    entry = cache_entry(tmp_path)
    header, version, source, data = marshal.loads(entry.read_bytes())
    deep: object = ("d", 1, [])
    for _ in range(600):
        deep = ("l", 1, [(1, deep)])
    for body in (("d", 1, [("id", 1, float("inf"))]), deep, ("d", 1.5, [])):
        entry.write_bytes(marshal.dumps((header, version, source, body)))
        assess_ok(capsys, example)


def test_cache_entry_as_symlink_to_dev_zero_or_fifo_is_a_miss(tmp_path, example):
    entry = cache_entry(tmp_path)
    entry.unlink()
    entry.symlink_to("/dev/zero")
    case = example("scope-creep")
    env_cache = {"XDG_CACHE_HOME": os.environ["XDG_CACHE_HOME"]}
    out = subprocess.run(
        [sys.executable, "-m", "partways", "assess", str(case)],
        capture_output=True,
        text=True,
        timeout=30,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(SRC), **env_cache},
    )
    assert out.returncode == 0, out.stderr
    entry.unlink()
    os.mkfifo(entry)
    out = run_guarded("assess", str(case))
    assert out.returncode == 0, out.stderr


# -- 4. every bad value is a `file:line` error -------------------------------------------------


def edit_case(example, old: str, new: str) -> Path:
    case = example("scope-creep")
    text = case.read_text(encoding="utf-8")
    assert old in text
    case.write_text(text.replace(old, new, 1), encoding="utf-8")
    return case


def line_of(path: Path, text: str) -> int:
    return next(i for i, ln in enumerate(path.read_text().splitlines(), 1) if text in ln)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("monthly_fee: 3000", "monthly_fee: " + "9" * 400),
        ("monthly_fee: 3000", "monthly_fee: 1e308"),
        ("hours_spent: 49", "hours_spent: 1e300"),
        ("notice_days: 30", "notice_days: 100000000"),
        ("relationship_years: 2", "relationship_years: 1000"),
    ],
)
def test_out_of_range_answers_are_refused_with_their_line(capsys, example, old, new):
    case = edit_case(example, old, new)
    key = new.split(":")[0].strip()
    for argv in (["assess", str(case), "--json"], ["draft", str(case)]):
        line = one_line_error(capsys, argv, f"{case}:{line_of(case, new)}:")
        assert key in line


@pytest.mark.parametrize(
    "detail", ["new_fee: .inf", "new_fee: .nan", "new_fee: " + "9" * 400, "next_provider: {x: 1}"]
)
def test_bad_letter_details_are_refused_with_their_line(capsys, example, detail):
    case = example("scope-creep")
    text = case.read_text(encoding="utf-8")
    text = (
        text.replace("\nletter:\n", f"\nletter:\n  {detail}\n", 1)
        if "\nletter:\n" in text
        else (text + f"letter:\n  {detail}\n")
    )
    case.write_text(text, encoding="utf-8")
    one_line_error(capsys, ["draft", str(case)], f"{case}:{line_of(case, detail)}:")


@pytest.mark.parametrize(
    ("argv", "see"),
    [
        (["bogus"], "see partways --help"),
        (["assess"], "see partways assess --help"),
        (["assess", "x.yaml", "--lang", "de"], "see partways assess --help"),
    ],
)
def test_command_line_mistakes_are_one_line_exit_2(capsys, argv, see):
    with pytest.raises(SystemExit) as exc:
        main(argv)
    assert exc.value.code == 2
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1 and see in err and "usage:" not in err


@pytest.mark.parametrize(
    ("extra", "must"),
    [
        ("log:\n  - {date: '2026-11-01', kind: telepathy, text: hi}\n", "log kind must be"),
        ("votes:\n  disrespect: {often: 2, purple: 3}\n", "'purple' is not an answer"),
    ],
)
def test_unknown_log_kinds_and_impossible_votes_are_refused(capsys, example, extra, must):
    case = example("scope-creep")
    case.write_text(case.read_text(encoding="utf-8") + extra, encoding="utf-8")
    one_line_error(capsys, ["assess", str(case)], f"{case}:", must)
