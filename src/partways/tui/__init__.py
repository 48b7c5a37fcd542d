"""The full-screen Textual wizard. Only `partways run` imports this package: the core and the
headless commands never do (an import-linter contract checks it)."""
