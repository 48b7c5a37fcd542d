"""partways: decide what to do about a difficult client, then draft the letter."""

__version__ = "0.1.0"
