"""One case being worked on, whatever the face: open, answer, save, assess, letter.

The wizard and `partways ask` both drive this object, so "every confirmed answer is on disk",
"opening a case and quitting leaves the file alone" and "a file changed by someone else is
never silently overwritten" are enforced once. It holds no business rules: validation,
relevance and the verdict all come from the core modules it calls; no face is imported here.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from partways import case_cache
from partways.answers import parse_input
from partways.case import Case, case_text, open_case
from partways.engine import Engine
from partways.errors import PartwaysError
from partways.files import decode_text, read_bytes, write_atomic
from partways.flow import Flow, Question
from partways.record import record
from partways.yamlio import dump_yaml, parse_yaml

if TYPE_CHECKING:
    from partways.assessment import Assessment
    from partways.whatif import WhatIf

#: What a face decides when the case file changed on disk since it was read.
Conflict = Literal["overwrite", "reload", "cancel"]


class CaseChangedOnDisk(PartwaysError):
    """The case file was changed by someone else (another session, an editor) since it was read;
    raised by `Session.save` when the face gave no `on_conflict` decider."""


@record
class DiskState:
    """What the file looked like when this session last read or wrote it: a cheap stat first,
    then its bytes, to tell a real change from a mere touch (a case is a few kB: comparing them
    costs less than importing hashlib at start-up)."""

    mtime_ns: int
    size: int
    content: bytes

    @classmethod
    def written(cls, path: Path, text: str) -> DiskState | None:
        """The state of a file this process has just written `text` to (no need to read it)."""
        try:
            info = os.stat(path)
        except OSError:
            return None
        return cls(info.st_mtime_ns, info.st_size, text.encode("utf-8"))

    @classmethod
    def of(cls, path: Path) -> DiskState | None:
        try:
            info = os.stat(path)
            data = path.read_bytes()
        except OSError:
            return None
        return cls(info.st_mtime_ns, info.st_size, data)


def _text_of(disk: DiskState | None) -> str | None:
    """The text of a file as read into `disk` (None: unreadable or not UTF-8)."""
    if disk is None:
        return None
    try:
        return disk.content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None


@record
class OpenedCase:
    """A case file just read for a session: the case, its flow, and the file as it was."""

    case: Case
    flow: Flow
    disk: DiskState | None
    text: str


def read_case_file(path: str | Path, flow_ref: str | None = None) -> OpenedCase:
    """Read a case file and its flow (answers checked) for a session, once: its bytes give the
    case, its state on disk and its text. A file partways saved is taken from the case cache,
    without YAML (see case_cache); another is parsed, then kept there for next time."""
    path = Path(path)
    try:
        info: os.stat_result | None = os.stat(path)  # before reading: see changed_on_disk
    except OSError:
        info = None  # read_bytes says what is wrong
    raw = read_bytes(path)
    text = decode_text(raw, path)
    data = case_cache.cached_data(path, raw)
    parsed = data is None
    if data is None:
        data = parse_yaml(text, path)
    case, flow = open_case(path, flow_ref, data)
    if parsed:
        case_cache.remember(path, raw, data)
    disk = DiskState(info.st_mtime_ns, info.st_size, raw) if info is not None else None
    return OpenedCase(case, flow, disk, text)


def _remember_parsed(path: Path, text: str) -> None:
    """Keep the parse of a text partways just wrote, so the next start reads it without YAML
    (see case_cache)."""
    try:
        data = parse_yaml(text, path)
    except PartwaysError:
        return
    case_cache.remember(path, text.encode("utf-8"), data)


class Session:
    """A case being worked on; every mutating method saves, but only what changed (answers,
    skips and notes possibly a moment later: see `schedule_save`)."""

    def __init__(
        self,
        case: Case,
        flow: Flow,
        lang: str,
        on_conflict: Callable[[Path], Conflict] | None = None,
        *,
        opened: OpenedCase | None = None,
    ) -> None:
        """`opened`: the file as `read_case_file` has just read it (else it is read here)."""
        self.case = case
        self.flow = flow
        self.lang = lang
        #: Asked when the file changed on disk since it was read; without it, save raises.
        self.on_conflict = on_conflict
        self.engine = Engine(flow, case.answers, case.skipped)
        #: Letter kinds whose missing details were asked already (asked once per session).
        self.details_asked: set[str] = set()
        #: When a face sets it, an answer, a skip or a note is saved through it, soon rather
        #: than at once: it is given `flush` to call (the wizard calls it once its next frame
        #: is drawn, so writing the file is not part of a keypress). Without it, at once.
        self.schedule_save: Callable[[Callable[[], object]], object] | None = None
        self._pending = False
        #: The last what-if search: the flow and the answers it ran on, and what it found.
        self._what_if: tuple[Flow, str, list[WhatIf]] | None = None
        #: What was last read or written, in partways' layout (see `_saved`).
        self._saved_text: str | None = None
        #: A copy of the case's data as read, until its text is needed (see `_saved`).
        self._saved_data: dict[str, Any] | None = None
        self._disk: DiskState | None = None
        self._original: str | None = None
        if opened is None:
            self._remember_disk()
        else:
            self._disk, self._original = opened.disk, opened.text
            self._saved_later()

    # -- opening -----------------------------------------------------------------------------
    @classmethod
    def open(
        cls,
        path: str | Path,
        flow_ref: str | None = None,
        lang: str | None = None,
        on_conflict: Callable[[Path], Conflict] | None = None,
    ) -> Session:
        """Read a case file and its flow (answers checked); `lang` overrides the case's."""
        from partways.i18n import resolve_lang

        opened = read_case_file(path, flow_ref)
        case, flow = opened.case, opened.flow
        return cls(case, flow, resolve_lang(lang, case.lang), on_conflict, opened=opened)

    @classmethod
    def new(
        cls,
        case: Case,
        flow: Flow,
        path: str | Path,
        lang: str,
        on_conflict: Callable[[Path], Conflict] | None = None,
    ) -> Session:
        """A case that has no file yet, written at once (so it shows among recent cases)."""
        case.path = Path(path)
        session = cls(case, flow, lang, on_conflict)
        session._saved = None  # written even if a file of that name is there already
        session.save(force=True)
        return session

    def _remember_disk(self) -> None:
        """Take what is in memory as what is on disk (after reading or writing it)."""
        path = self.case.path
        self._disk = DiskState.of(path) if path is not None else None
        self._original = _text_of(self._disk)  # the same read: one look at the file
        if self._disk is not None:
            self._saved_later()
        else:
            self._saved = None  # a case with no file yet is written by its first save

    def _saved_later(self) -> None:
        """Take the case as it is now for what is on disk, without writing its text yet:
        that needs PyYAML's emitter, which the first frame can do without (see `_saved`)."""
        self._sync()
        self._saved_data = copy.deepcopy(self.case.to_data(self.flow))
        self._saved_text = None

    @property
    def _saved(self) -> str | None:
        """The text of the case as last read or written, in partways' layout (None: not on
        disk yet); compared with the text of the case now to know whether it changed."""
        if self._saved_data is not None:
            self._saved_text, self._saved_data = dump_yaml(self._saved_data), None
        return self._saved_text

    @_saved.setter
    def _saved(self, text: str | None) -> None:
        self._saved_text, self._saved_data = text, None

    def _dump(self) -> str:
        self._sync()
        return dump_yaml(self.case.to_data(self.flow))

    def _sync(self) -> None:
        self.case.answers = dict(self.engine.answers)
        self.case.skipped = sorted(self.engine.skipped)

    # -- persistence -------------------------------------------------------------------------
    @property
    def dirty(self) -> bool:
        """True when the case in memory differs from what was last read or written."""
        return self._dump() != self._saved

    def changed_on_disk(self) -> bool:
        """True when the file is no longer what this session read or wrote (mtime and size
        first; a touched file with the same content is not a change)."""
        path = self.case.path
        if path is None or self._disk is None:
            return False
        try:
            info = os.stat(path)
        except OSError:
            return False  # removed: writing it again loses nothing
        if (info.st_mtime_ns, info.st_size) == (self._disk.mtime_ns, self._disk.size):
            return False
        now = DiskState.of(path)
        return now is not None and now.content != self._disk.content

    def save(self, force: bool = False) -> Path | None:
        """Write the case if it changed (`force`: write it even over a change on disk).

        Returns the path written or left as it was; None when nothing was written because the
        face chose to cancel over a change on disk (or the case has no file). A file the user
        edited by hand keeps its comments and key order (see `case.save_case`).
        """
        path = self.case.path
        self._pending = False  # whatever this save decides, a waiting one is covered by it
        if path is None:
            return None
        text = self._dump()
        if text == self._saved and not force:
            return path
        if not force and self.changed_on_disk():
            decision: Conflict
            if self.on_conflict is None:
                raise CaseChangedOnDisk(
                    "changed on disk since it was opened (another window or an editor); "
                    "not overwritten",
                    file=path,
                )
            decision = self.on_conflict(path)
            if decision == "reload":
                self.reload()
                return path
            if decision != "overwrite":
                return None
        # a file in partways' own layout is simply written again; one shaped by hand is kept
        original = self._original if self._original != self._saved else None
        written = case_text(self.case, self.flow, original, plain=text)
        write_atomic(path, written)
        self._saved, self._original = text, written
        self._disk = DiskState.written(path, written)
        _remember_parsed(path, written)
        return path

    @property
    def pending(self) -> bool:
        """True while a change handed to `schedule_save` has not been written yet."""
        return self._pending

    def flush(self) -> Path | None:
        """Write the change `schedule_save` was given, if it is still waiting (any other save
        since wrote it already); see `save` for what is returned."""
        if not self._pending:
            return self.case.path
        return self.save()

    def _changed(self) -> None:
        """An answer, a skip or a note changed: saved now, or through `schedule_save` (once
        however many changes come before it runs)."""
        if self.schedule_save is None:
            self.save()
        elif not self._pending:
            self._pending = True
            self.schedule_save(self.flush)

    def reload(self) -> None:
        """Read the file again, dropping what this session had not saved."""
        assert self.case.path is not None
        self._pending = False
        fresh = Session.open(self.case.path, None, self.lang, self.on_conflict)
        self.case, self.flow, self.engine = fresh.case, fresh.flow, fresh.engine
        self._saved_text, self._saved_data = fresh._saved_text, fresh._saved_data
        self._disk, self._original = fresh._disk, fresh._original

    # -- answers -----------------------------------------------------------------------------
    def question(self, qid: str) -> Question:
        return self.flow.by_id[qid]

    def answer_text(self, qid: str, text: str) -> Any:
        """Parse typed text the way every front end does, record it, save. Raises AnswerError."""
        value = parse_input(self.question(qid), text)
        return self.answer(qid, value)

    def answer(self, qid: str, value: Any) -> Any:
        value = self.engine.answer(qid, value)
        self._changed()
        return value

    def skip(self, qid: str) -> None:
        self.engine.skip(qid)
        self._changed()

    def set_note(self, qid: str, text: str, save: bool = True) -> None:
        text = text.strip()
        if text == self.case.notes.get(qid, ""):
            return
        if text:
            self.case.notes[qid] = text
        else:
            self.case.notes.pop(qid, None)
        if save:
            self._changed()

    def set_lang(self, lang: str) -> None:
        self.lang = lang
        self.case.lang = lang
        self.save()

    # -- navigation helpers ------------------------------------------------------------------
    def resume_question(self) -> Question | None:
        """Where a resume lands: the first relevant question neither answered nor skipped."""
        return self.engine.next_question()

    def after(self, qid: str) -> Question | None:
        """The question to show after confirming `qid`: the next one in flow order, or, at the
        end, any relevant question still open (None when all are done)."""
        nxt = self.engine.following_question(qid)
        return nxt if nxt is not None else self.engine.next_question()

    # -- results -----------------------------------------------------------------------------
    def assessment(self, lang: str | None = None) -> Assessment:
        """The verdict so far; `provisional` when required questions are still unanswered."""
        from partways.assessment import assess_engine  # not needed to ask the first question

        return assess_engine(self.engine, lang or self.lang)

    def what_if(self) -> list[WhatIf]:
        """What would change the verdict (`whatif.what_if`; [] while it is provisional). The
        search takes tens of milliseconds and its result does not depend on the language: it is
        run again only once the answers changed, not at every switch of language or return to
        the verdict."""
        from partways.whatif import what_if_engine

        answers = repr(sorted(self.engine.answers.items()))
        last = self._what_if
        # the flow too: reloading a file changed on disk may bring another version of it
        if last is None or last[0] is not self.flow or last[1] != answers:
            last = self._what_if = (self.flow, answers, what_if_engine(self.engine))
        return list(last[2])

    def letter_kind(self, kind: str | None = None, lang: str | None = None) -> str:
        """The kind asked for, else the verdict's letter."""
        return kind or self.assessment(lang).letter

    def letter(self, kind: str | None = None, lang: str | None = None, fresh: bool = False) -> str:
        """The letter a face shows or writes: see `letters.letter_text`."""
        from partways.letters import letter_text

        self._sync()
        return letter_text(self.case, self.flow, kind, fresh, lang or self.lang)

    def export_path(self, what: str, kind: str | None, lang: str) -> Path:
        """Where a letter (`<case>-<kind>-<lang>.md`) or report (`<case>-report-<lang>.md`) is
        written by default: beside the case file."""
        base = self.case.path if self.case.path is not None else Path.cwd() / "case.yaml"
        middle = "report" if what == "report" else self.letter_kind(kind, lang)
        return base.with_name(f"{base.stem}-{middle}-{lang}.md")

    def steps_done(self) -> set[str]:
        return set(self.case.steps_done)

    def set_steps_done(self, done: set[str]) -> None:
        self.case.steps_done = sorted(done)
        self.save()

    # -- workshop ----------------------------------------------------------------------------
    def record_votes(self, qid: str, counts: dict[str, int], decision: str | None = None) -> Any:
        """Store the team's vote counts; the majority (or `decision` on a tie) is the answer.
        Raises AnswerError."""
        from partways.workshop import record_votes

        value = record_votes(self.engine, self.case, qid, counts, decision)
        self.save()
        return value

    def clear_votes(self, qid: str, save: bool = True) -> None:
        if self.case.votes.pop(qid, None) is not None and save:
            self.save()

    def add_log(self, kind: str, text: str, day: str | None = None) -> dict[str, str]:
        """Append a dated entry to the communications log and save. Raises PartwaysError."""
        from partways.workshop import add_log_entry

        entry = add_log_entry(self.case, kind, text, day or None)
        self.save()
        return entry

    def set_lesson(self, lesson_id: str, text: str, save: bool = True) -> None:
        text = text.strip()
        if text == self.case.lessons.get(lesson_id, ""):
            return
        if text:
            self.case.lessons[lesson_id] = text
        else:
            self.case.lessons.pop(lesson_id, None)
        if save:
            self.save()

    def letter_text_saved(self, kind: str, lang: str) -> bool:
        """True when the user keeps an edit of this kind in this language."""
        return self.case.letter_text(kind, lang) is not None

    def set_letter_details(self, values: dict[str, Any]) -> None:
        """Keep details a letter names (new_lead, next_provider, contract_date…) and save."""
        self.case.letter.update(values)
        self.save()

    def save_letter(self, kind: str, lang: str, text: str) -> None:
        """Keep the user's edit of this kind in this language; edits of other kinds and
        languages and the other letter details (new_fee, new_lead…) stay."""
        self.case.set_letter_text(kind, lang, text)
        self.save()

    def forget_letter(self, kind: str, lang: str) -> None:
        """Drop the edit of this kind in this language (the letter is rendered afresh)."""
        self.case.set_letter_text(kind, lang, None)
        self.save()
