"""Thin wrapper over questionary: every prompt goes through here, with injectable input/output.

Prompts use `.unsafe_ask()` so Ctrl+C raises KeyboardInterrupt (and Ctrl+D / a closed input
EOFError) up to the one handler in `session.run`, which saves and says how to resume.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import prompt_toolkit.application.application as _pt_application
import questionary
from prompt_toolkit.key_binding import KeyBindings, merge_key_bindings
from prompt_toolkit.keys import Keys
from questionary import Choice
from questionary.prompts.common import InquirerControl

from partways.prompt.strings import s


def _share_default_bindings() -> None:
    """Build prompt_toolkit's default key bindings once per process, not once per question.

    Every `Application` (questionary makes three per select: the prompt and two throw-away
    sessions) rebuilds the full emacs + vi tables, about 700 `KeyBindings.add` calls and half of
    a prompt's CPU before the user sees it. The tables hold no state of their own (handlers read
    `event.app`), so one copy serves every prompt in turn.
    """
    for name in ("load_key_bindings", "load_page_navigation_bindings"):
        loader = getattr(_pt_application, name)
        if not hasattr(loader, "cache_info"):
            setattr(_pt_application, name, functools.cache(loader))


def _share_style_parsing() -> None:
    """Parse each style string once per process, not once per question.

    Every `Application` merges the default UI style with questionary's into a new `Style`,
    which parses its few hundred rules again (`bg:#444 bold`…): a sixth of a plain-mode
    question's CPU. The parser is a pure function of the string and returns an immutable
    `Attrs`, so its results are shared.
    """
    import prompt_toolkit.styles.style as pt_style

    parse = getattr(pt_style, "_parse_style_str")  # noqa: B009 (a private name, on purpose)
    if not hasattr(parse, "cache_info"):
        setattr(pt_style, "_parse_style_str", functools.lru_cache(maxsize=4096)(parse))  # noqa: B010


_share_default_bindings()
_share_style_parsing()


def fit(message: str, instruction: str | None, width: int | None = None) -> tuple[str, str | None]:
    """Wrap a long prompt by words, not mid-word as the terminal would: the question on its
    lines (indented under the `? ` mark), the key hint on a line of its own below it."""
    import shutil
    import textwrap

    width = width or shutil.get_terminal_size((80, 24)).columns
    hint = instruction or ""
    if len(message) + len(hint) + 3 <= width:
        return message, instruction
    message = textwrap.fill(message, width - 2, subsequent_indent="  ", break_on_hyphens=False)
    if instruction:
        lines = textwrap.wrap(instruction, width - 2, break_on_hyphens=False)
        instruction = "\n  " + "\n  ".join(lines)
    return message, instruction


class Prompter:
    """Asks one thing at a time; `input`/`output` are prompt_toolkit objects (None: the TTY)."""

    def __init__(self, lang: str, input: Any = None, output: Any = None) -> None:  # noqa: A002
        self.lang = lang
        self._io: dict[str, Any] = {}
        if input is not None:
            self._io["input"] = input
        if output is not None:
            self._io["output"] = output

    def select(
        self,
        message: str,
        choices: Sequence[Choice],
        default: Any = None,
        shortcuts: bool = True,
        instruction: str | None = None,
        hotkeys: Mapping[str, Any] | None = None,
    ) -> Any:
        """A list to pick from. With `shortcuts`, choices are numbered (number + Enter); each
        `hotkeys` key picks the choice with that value at once (e.g. `?` for the help note)."""
        values = [c.value for c in choices]
        if default not in values:
            default = None
        if instruction is None:
            instruction = s("keys_select" if shortcuts else "keys_arrows", self.lang)
        message, instruction = fit(message, instruction)
        question = questionary.select(
            message,
            choices=list(choices),
            default=default,
            use_shortcuts=shortcuts,
            use_jk_keys=False,
            instruction=instruction,
            **self._io,
        )
        if hotkeys:
            _add_hotkeys(question, values, hotkeys)
        return question.unsafe_ask()

    def checkbox(
        self,
        message: str,
        choices: Sequence[Choice],
        shown: Callable[[list[Any]], str],
        instruction: str | None = None,
        hotkeys: Mapping[str, Any] | None = None,
    ) -> Any:
        """Answers to tick (space), confirmed with Enter: the ticked values in choice order, or
        a `hotkeys` value. `shown(values)` is what the transcript line says was chosen, in the
        user's language (questionary itself would write "done (2 selections)")."""
        message, instruction = fit(message, instruction)
        question = questionary.checkbox(
            message, choices=list(choices), instruction=instruction, use_jk_keys=False, **self._io
        )
        control = _inquirer(question)
        app = question.application
        bindings = KeyBindings()

        @bindings.add(Keys.ControlM, eager=True)
        def submit(event: Any) -> None:
            ticked = control.selected_options if control is not None else []
            values = [c.value for c in choices if c.value in ticked]
            if control is not None:
                # questionary prints a lone ticked answer as "[title]": show ours that way
                control.choices = [Choice(shown(values), value=_SHOWN)]
                control.selected_options = [_SHOWN]
                control.is_answered = True
            event.app.exit(result=values)

        for key, value in (hotkeys or {}).items():

            def pick(event: Any, value: Any = value) -> None:
                event.app.exit(result=value)

            bindings.add(key, eager=True)(pick)
        app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), bindings])
        return question.unsafe_ask()

    def text(
        self,
        message: str,
        default: str = "",
        validate: Callable[[str], bool | str] | None = None,
        instruction: str | None = None,
    ) -> str:
        message, instruction = fit(message, instruction)
        return str(
            questionary.text(
                message,
                default=default,
                validate=validate,
                instruction=instruction,
                **self._io,
            ).unsafe_ask()
        )

    def yes_no(self, message: str, default: bool = True) -> bool:
        """A confirm as a two-item select, so French users are not asked to press y/n."""
        choices = [Choice(s("yes", self.lang), value=True), Choice(s("no", self.lang), value=False)]
        return bool(self.select(message, choices, default=default))


#: The value of the one choice a confirmed checkbox leaves behind to name the answer.
_SHOWN = object()


def _inquirer(question: questionary.Question) -> InquirerControl | None:
    """The list control of a questionary select or checkbox."""
    controls = question.application.layout.find_all_controls()
    return next((c for c in controls if isinstance(c, InquirerControl)), None)


def _add_hotkeys(
    question: questionary.Question, values: list[Any], hotkeys: Mapping[str, Any]
) -> None:
    """One-key answers on a questionary select: the pointer moves to the choice first, so the
    transcript line questionary leaves behind names what was picked."""
    app = question.application
    control = _inquirer(question)
    bindings = KeyBindings()
    for key, value in hotkeys.items():
        if value not in values:
            continue

        def pick(event: Any, value: Any = value) -> None:
            if control is not None:
                control.pointed_at = values.index(value)
                control.is_answered = True
            event.app.exit(result=value)

        bindings.add(key, eager=True)(pick)
    app.key_bindings = merge_key_bindings([app.key_bindings or KeyBindings(), bindings])
