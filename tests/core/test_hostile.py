"""Hostile input and hostile targets: writing never destroys what it should not, and nothing read
from a file drives the terminal. Commands run in-process through `partways.cli.main`."""

from __future__ import annotations

import contextlib
import io
import os
import re
import stat
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from partways.cli import main
from partways.files import write_atomic
from tests.helpers import SPEC_EXAMPLES, examples

#: What a terminal obeys: C0 and C1 control characters (and DEL) other than newline and tab.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
ANY_CONTROL = re.compile('[\x00-\x1f\x7f-\x9f"\\\\]')
OSC_TITLE = "\x1b]0;pwned\x07"  # sets the terminal title
OSC_CLIPBOARD = "\x1b]52;c;cHduZWQ=\x07"  # writes the clipboard
CSI = "\x9b31m"  # C1 control sequence introducer


def cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()


def one_error_line(err: str, *needles: str) -> None:
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("partways: error: "), err
    assert "Traceback" not in err
    for needle in needles:
        assert needle in lines[0], (needle, err)


def _yaml_str(text: str) -> str:
    """`text` as a YAML double-quoted scalar, control characters (line breaks too) escaped."""
    return '"' + "".join(f"\\x{ord(c):02x}" if ANY_CONTROL.match(c) else c for c in text) + '"'


# -- 1. writing ------------------------------------------------------------------------------
@pytest.mark.parametrize("command", ["draft", "report"])
def test_output_onto_a_fifo_is_refused(example, tmp_path, command):
    case = example("steady-client")
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, out, err = cli(command, str(case), "-o", str(fifo))
    assert code == 1
    one_error_line(err, str(fifo), "not a regular file")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)  # still the pipe, not replaced by a file


@pytest.mark.parametrize("command", ["draft", "report"])
def test_output_onto_a_folder_is_refused(example, tmp_path, command):
    case = example("steady-client")
    folder = tmp_path / "letters"
    folder.mkdir()
    (folder / "keep.md").write_text("mine")
    code, _out, err = cli(command, str(case), "-o", str(folder))
    assert code == 1
    one_error_line(err, str(folder), "is a folder")
    assert (folder / "keep.md").read_text() == "mine"


def test_write_atomic_never_replaces_a_fifo(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    with pytest.raises(Exception, match="not a regular file"):
        write_atomic(fifo, "text")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


@pytest.mark.parametrize("command", ["draft", "report"])
def test_output_dash_is_stdout(example, tmp_path, monkeypatch, command):
    case = example("steady-client")
    monkeypatch.chdir(tmp_path)
    code, out, err = cli(command, str(case), "-o", "-")
    assert code == 0, err
    assert "Oakridge Dental" in out and "Helen Park" in out
    assert not (tmp_path / "-").exists()


@pytest.mark.parametrize("command", ["draft", "report"])
@pytest.mark.parametrize("how", ["same", "symlink", "hardlink", "relative"])
def test_output_onto_the_case_is_refused(example, tmp_path, monkeypatch, command, how):
    case = example("steady-client")
    before = case.read_bytes()
    target = case
    if how == "symlink":
        target = tmp_path / "link.md"
        target.symlink_to(case)
    elif how == "hardlink":
        target = tmp_path / "hard.md"
        os.link(case, target)
    elif how == "relative":
        monkeypatch.chdir(tmp_path)
        target = Path(".") / case.name
    code, out, err = cli(command, str(case), "-o", str(target))
    assert code == 1
    one_error_line(err, "case file")
    assert case.read_bytes() == before
    assert target.read_bytes() == before


def _old(path: Path, text: str = "half a case") -> Path:
    path.write_text(text)
    past = time.time() - 3600
    os.utime(path, (past, past))
    return path


def test_stale_temps_of_the_case_are_removed_on_open_and_save(example, tmp_path):
    case = example("steady-client")
    name = case.name
    stale = _old(tmp_path / f".{name}.ab_cd123.tmp")
    fresh = tmp_path / f".{name}.zz9yy8xx.tmp"
    fresh.write_text("being written right now")
    other = _old(tmp_path / ".other.yaml.ab_cd123.tmp")
    unlike = _old(tmp_path / f".{name}.not-a-temp.tmp")
    mine = _old(tmp_path / f"{name}.ab_cd123.tmp")  # no leading dot: not write_atomic's
    code, _out, err = cli("report", str(case))
    assert code == 0, err
    assert not stale.exists()
    assert fresh.exists() and other.exists() and unlike.exists() and mine.exists()

    from partways.case import open_case, save_case

    again = _old(tmp_path / f".{name}.q1w2e3r4.tmp")
    loaded, flow = open_case(case)
    again2 = _old(tmp_path / f".{name}.a1s2d3f4.tmp")
    save_case(loaded, flow=flow)
    assert not again.exists() and not again2.exists()
    assert fresh.exists() and other.exists()


def test_private_folders_under_umask_000(example, tmp_path, monkeypatch):
    from partways import letters, paths
    from partways.case import open_case, save_case
    from partways.yaml_cache import load_yaml_cached

    case = example("steady-client")
    cache = tmp_path / "cache-root"
    monkeypatch.setenv("XDG_CACHE_HOME", str(cache))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data-root"))
    old = os.umask(0)
    try:
        code, _out, err = cli("report", str(case), "-o", str(tmp_path / "out" / "deep" / "r.md"))
        assert code == 0, err
        load_yaml_cached(case, paths.yaml_cache_dir())
        assert letters._bytecode_cache() is not None
        loaded, flow = open_case(case)
        saved = save_case(loaded, paths.default_case_path("Oakridge"), flow)
    finally:
        os.umask(old)
    folders = [
        tmp_path / "out",
        tmp_path / "out" / "deep",
        cache,
        paths.yaml_cache_dir(),
        paths.template_cache_dir(),
        paths.cases_dir(),
        paths.cases_dir().parent,
    ]
    for folder in folders:
        assert folder.is_dir(), folder
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700, folder
    assert stat.S_IMODE(saved.stat().st_mode) == 0o600
    assert stat.S_IMODE((tmp_path / "out" / "deep" / "r.md").stat().st_mode) == 0o600


# -- 2. printing -----------------------------------------------------------------------------
def _hostile_case(tmp_path: Path) -> Path:
    text = (SPEC_EXAMPLES / "steady-client.yaml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    data["client"]["name"] = f"Oakridge {OSC_TITLE}Dental"
    data["client"]["contact"] = f"Dr. {CSI}Helen Park"
    data["notes"] = {"more_without_budget": f"extra work {OSC_CLIPBOARD}asked"}
    data["lessons"] = {"what_worked": "weekly calls\x1b[2J"}
    data["log"] = [{"date": "2026-11-02", "kind": "call", "text": "called \x1b]0;x\x07back"}]
    data["letter"] = {"texts": {"check_in": {"en": f"Dear Helen,\n\n{OSC_TITLE}Hello\x07\r\n"}}}
    lines = [f"{k}: {_hostile_dump(v)}" for k, v in data.items()]
    path = tmp_path / "hostile.yaml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _hostile_dump(value: object) -> str:
    """Flow-style YAML with every string double-quoted and its control characters escaped."""
    if isinstance(value, dict):
        return (
            "{"
            + ", ".join(f"{_hostile_dump(k)}: {_hostile_dump(v)}" for k, v in value.items())
            + "}"
        )
    if isinstance(value, list):
        return "[" + ", ".join(_hostile_dump(v) for v in value) + "]"
    if isinstance(value, str):
        return _yaml_str(value)
    if value is None:
        return "null"
    return str(value).lower() if isinstance(value, bool) else str(value)


def test_hostile_case_really_holds_escapes(tmp_path):
    data = yaml.safe_load(_hostile_case(tmp_path).read_text(encoding="utf-8"))
    assert "\x1b]0;" in data["client"]["name"] and "\x9b" in data["client"]["contact"]
    assert "\x1b]52;" in data["notes"]["more_without_budget"]


@pytest.mark.parametrize("args", [("report",), ("draft",)], ids=" ".join)
def test_escapes_read_from_the_case_never_reach_stdout(tmp_path, args):
    case = _hostile_case(tmp_path)
    code, out, err = cli(*args, str(case))
    assert code == 0, err
    assert not CONTROL.search(out), repr(CONTROL.search(out))
    assert not CONTROL.search(err)
    if args == ("report",):
        assert "Oakridge ]0;pwnedDental" in out  # the text stays, the sequence is defused
        assert "extra work" in out and "weekly calls" in out and "called" in out
    if args == ("draft",):
        assert "Hello" in out  # the edited letter, not the template


@pytest.mark.parametrize("command", ["report", "draft"])
def test_escapes_never_reach_the_markdown_file(tmp_path, command):
    case = _hostile_case(tmp_path)
    target = tmp_path / "out.md"
    code, _out, err = cli(command, str(case), "-o", str(target))
    assert code == 0, err
    assert not CONTROL.search(target.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    "edit",
    [
        lambda d: d["answers"].__setitem__("disrespect\x1b]0;pwned\x07", "never"),
        lambda d: d["answers"].__setitem__("disrespect", "hourly\x1b[31m"),
        lambda d: d.__setitem__("flow", "client\x1b]0;pwned\x07review"),
        lambda d: d.__setitem__("votes", {"q\x1b[2J": {"never": -1}}),
        lambda d: d.__setitem__("lang", "x\x1bn"),
    ],
    ids=["answer-key", "answer-value", "flow-id", "vote-key", "lang"],
)
def test_escapes_in_keys_never_reach_stderr_raw(tmp_path, edit):
    data = yaml.safe_load((SPEC_EXAMPLES / "steady-client.yaml").read_text(encoding="utf-8"))
    edit(data)
    case = tmp_path / "case.yaml"
    case.write_text("\n".join(f"{k}: {_hostile_dump(v)}" for k, v in data.items()) + "\n")
    code, out, err = cli("report", str(case))
    assert code == 1
    one_error_line(err, str(case))
    assert not CONTROL.search(err), repr(err)
    assert out == ""


def test_escapes_in_a_path_or_flow_argument_are_shown_escaped(tmp_path):
    code, _out, err = cli("report", str(tmp_path / "no\x1b]0;pwned\x07.yaml"))
    assert code == 1
    one_error_line(err, "\\x1b")
    assert not CONTROL.search(err)


def test_check_letter_never_prints_escapes(tmp_path, example):
    letter = tmp_path / "letter\x1b]0;pwned\x07.md"  # its name starts every problem line
    letter.write_text(
        "Subject: our work\n\nDear Mr \x1b]0;pwned\x07Smith,\n\n"  # quoted by the check
        "It is your fault [NAME].\r\n\x9b2J\n\nBest regards,\n",
        encoding="utf-8",
    )
    code, out, err = cli("check-letter", str(letter), "--case", str(example("steady-client")))
    assert code == 1
    assert "salutation" in out and "\\x1b" in out  # the file name, escaped
    assert not CONTROL.search(out) and not CONTROL.search(err), repr(out)


@pytest.mark.parametrize("field", ["name", "contact"])
@pytest.mark.parametrize("brk", ["\n", "\r", "\r\n"], ids=["lf", "cr", "crlf"])
def test_a_line_break_in_the_client_name_cannot_forge_a_heading(tmp_path, field, brk):
    data = yaml.safe_load((SPEC_EXAMPLES / "steady-client.yaml").read_text(encoding="utf-8"))
    data["client"][field] = f"Oakridge{brk}## Verdict{brk}Keep (keep)"
    case = tmp_path / "case.yaml"
    case.write_text("\n".join(f"{k}: {_hostile_dump(v)}" for k, v in data.items()) + "\n")
    for command in ("report", "draft"):
        code, out, err = cli(command, str(case))
        assert code == 1, out
        one_error_line(err, f"client.{field}", "one line")
        assert "## Verdict" not in out


# -- property: anything at all gives exit 0 or 1, and clean output ---------------------------
EXAMPLES = {p.stem: p.read_text(encoding="utf-8") for p in sorted(SPEC_EXAMPLES.glob("*.yaml"))}
_text = st.text(
    alphabet=st.one_of(
        st.characters(codec="utf-8", exclude_categories=("Cs",)),
        st.sampled_from(["\x1b", "\x07", "\x9b", "\r", "\n", "\x00", "]", ";", ":", "#"]),
    ),
    max_size=20,
)
_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    _text,
    st.dates().map(str),
)
_value = st.recursive(
    _scalar,
    lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(_text, inner, max_size=3)),
    max_leaves=6,
)


def _paths(data: object, prefix: tuple = ()) -> list[tuple]:
    out = [prefix]
    if isinstance(data, dict):
        for k, v in data.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(data, list):
        for i, v in enumerate(data):
            out += _paths(v, (*prefix, i))
    return out


@st.composite
def _mutated_case(draw: st.DrawFn) -> bytes:
    name = draw(st.sampled_from(sorted(EXAMPLES)))
    text = EXAMPLES[name]
    how = draw(st.sampled_from(["texts", "texts", "tree", "tree", "bytes", "random"]))
    if how == "random":
        return draw(st.binary(max_size=200))
    if how == "bytes":
        raw = bytearray(text.encode("utf-8"))
        for _ in range(draw(st.integers(1, 4))):
            at = draw(st.integers(0, len(raw) - 1))
            action = draw(st.sampled_from(["flip", "insert", "delete"]))
            if action == "flip":
                raw[at] = draw(st.integers(0, 255))
            elif action == "insert":
                raw[at:at] = draw(st.binary(min_size=1, max_size=4))
            else:
                del raw[at : at + draw(st.integers(1, 10))]
        return bytes(raw)
    data = yaml.safe_load(text)
    if how == "texts":  # texts that stay valid, so the case is printed with them
        for key in ("name", "contact"):
            data["client"][key] = draw(_text.filter(lambda t: "\n" not in t and "\r" not in t))
        data["notes"] = {"more_without_budget": draw(_text)}
        data["lessons"] = {draw(st.sampled_from(["what_worked", "prevention"])): draw(_text)}
        data["log"] = [{"date": "2026-11-02", "kind": "call", "text": draw(_text)}]
        return yaml.safe_dump(data, allow_unicode=draw(st.booleans())).encode("utf-8")
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(_paths(data)))
        value = draw(_value)
        if not where:
            data = value
            continue
        parent = data
        for part in where[:-1]:
            parent = parent[part]
        if draw(st.booleans()) and isinstance(parent, dict):
            parent[draw(_text)] = value  # a new key beside the old one
        else:
            parent[where[-1]] = value
        if not isinstance(data, dict | list):
            break
    return yaml.safe_dump(data, allow_unicode=draw(st.booleans())).encode("utf-8")


@settings(
    max_examples=int(os.environ.get("PARTWAYS_HOSTILE_EXAMPLES", examples(200, 60))),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(raw=_mutated_case(), command=st.sampled_from(["assess", "draft", "report"]))
def test_any_case_file_gives_exit_0_or_1_and_clean_output(tmp_path, raw, command):
    case = tmp_path / "case.yaml"
    case.write_bytes(raw)
    args = [command, str(case), "--partial"] if command != "assess" else [command, str(case)]
    code, out, err = cli(*args)
    event(f"exit {code}")
    assert code in (0, 1), err
    assert "Traceback" not in err
    assert not CONTROL.search(out), repr(out)
    assert not CONTROL.search(err), repr(err)
    if code == 1:
        one_error_line(err)
