"""The base of every dialog: a box over the current screen, its sheet read on first showing."""

from __future__ import annotations

from typing import ClassVar, TypeVar

from textual.screen import ModalScreen

from partways.tui.styles import sheet

ResultT = TypeVar("ResultT")


class Dialog(ModalScreen[ResultT]):
    """A modal dialog (export, confirm, conflict, letter check, details, help, log, why not)."""

    DEFAULT_CSS: ClassVar[str] = sheet("dialogs")
    SCOPED_CSS: ClassVar[bool] = False
