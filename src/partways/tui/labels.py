"""Relabelling key bindings in the current language.

Textual binding descriptions are fixed when a class is defined; the footer must follow the
language the user switches to at run time, so each node's own copy of its bindings is rewritten.
"""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from partways.tui.strings import BINDING_LABELS, s


def relabel_bindings(node: DOMNode, lang: str) -> bool:
    """Rewrite binding descriptions of `node` whose action has a label (per-instance copy).

    Returns whether any description changed, so callers refresh the footer only then: each
    refresh recomposes the footer, which was most of the wizard's start-up time.
    """
    mapping = node._bindings.key_to_bindings  # noqa: SLF001 - no public API for this
    changed = False
    for key, bindings in list(mapping.items()):
        if not any(b.action in BINDING_LABELS for b in bindings):
            continue
        relabelled = [
            replace(b, description=s(BINDING_LABELS[b.action], lang))
            if b.action in BINDING_LABELS
            else b
            for b in bindings
        ]
        if relabelled != bindings:
            mapping[key] = relabelled
            changed = True
    return changed


def relabel_tree(root: DOMNode, lang: str) -> bool:
    changed = relabel_bindings(root, lang)
    for node in root.walk_children():
        if node.BINDINGS and relabel_bindings(node, lang):
            changed = True
    return changed


def relabel_action(node: DOMNode, action: str, description: str) -> None:
    """Give one action of `node` another label (the review's V says "Debrief" in a workshop)."""
    mapping = node._bindings.key_to_bindings  # noqa: SLF001 - no public API for this
    for key, bindings in list(mapping.items()):
        mapping[key] = [
            replace(b, description=description) if b.action == action else b for b in bindings
        ]
