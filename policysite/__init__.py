"""Publish versioned policies kept as Markdown in git as a static site.

The core of the pipeline; it never imports MkDocs (see hooks/policies.py).
"""

__version__ = "0.1.0"
