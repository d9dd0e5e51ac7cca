"""MkDocs hook: MkDocs' events, handed to policysite's MkDocs adapter.

Everything that knows MkDocs, Material or mkdocs-static-i18n is in
`policysite/mkdocs/` (its `adapter.py` answers each event, with its priority); this
file only names the events, as mkdocs.yml's `hooks:` needs a file to load. MkDocs
loads it once per process.
"""

from __future__ import annotations

from pathlib import Path

from policysite.mkdocs.adapter import Adapter

_adapter = Adapter(hook_file=Path(__file__))

on_startup = _adapter.on_startup
on_config = _adapter.on_config
on_files = _adapter.on_files
on_nav = _adapter.on_nav
on_env = _adapter.on_env
on_page_content = _adapter.on_page_content
on_page_context = _adapter.on_page_context
on_post_page = _adapter.on_post_page
on_template_context = _adapter.on_template_context
on_post_template = _adapter.on_post_template
on_post_build = _adapter.on_post_build
on_serve = _adapter.on_serve
on_shutdown = _adapter.on_shutdown
