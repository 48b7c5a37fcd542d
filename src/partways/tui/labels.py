"""Key labels in the current language, worked out where they are shown.

Textual fixes a binding's description when its class is defined (a frozen dataclass) and offers
no public way to change it (asked in Textualize/textual#1410; Textual 8.2 has none). The key bar
and the keys dialog are ours and read the public `Screen.active_bindings`, so they name each key
here, in the language of the moment: switching language rewrites no node's bindings, it only
redraws the bar.
"""

from __future__ import annotations

from textual.binding import Binding

from partways.tui.strings import BINDING_LABELS, s


def binding_label(node: object, binding: Binding, lang: str) -> str:
    """What the key bar and the keys dialog call `binding` of `node` in `lang`: the node's own
    word from its `key_label(action)` method if it has one (the review's V says "Debrief" in a
    workshop, the details form's Enter what its button says), else the catalogue's label for the
    action, else the description written in BINDINGS."""
    own = getattr(node, "key_label", None)
    label = own(binding.action) if callable(own) else None
    if label:
        return str(label)
    key = BINDING_LABELS.get(binding.action)
    return s(key, lang) if key else binding.description
