"""The MkDocs adapter: the only part of policysite that imports MkDocs.

For now it holds the site's typed options (`options.py`), which the hook and the
command-line tools read alike; the hook's events live in `hooks/policies.py`.
"""
