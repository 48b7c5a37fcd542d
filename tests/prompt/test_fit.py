"""Long prompts wrap by words under their `?` mark; the key hint goes on its own line."""

from __future__ import annotations

from partways.prompt.ui import fit


def test_a_short_prompt_is_left_as_it_is():
    assert fit("Hours?", "(? why)", width=80) == ("Hours?", "(? why)")


def test_a_long_prompt_wraps_by_words_and_the_hint_goes_below():
    message = "Le client demande-t-il toujours plus sans augmenter son budget\u202f?"
    hint = "(numéro + Entrée · ? pourquoi · < revenir · - je ne sais pas)"
    wrapped, below = fit(message, hint, width=40)
    lines = wrapped.split("\n")
    assert all(len(line) <= 38 for line in lines)
    assert all(line.startswith("  ") for line in lines[1:])  # indented under the mark
    words = message.split()
    assert wrapped.split() == words  # no word cut in two
    assert below is not None and below.startswith("\n  ") and "revenir" in below
