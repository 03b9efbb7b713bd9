"""MkDocs hooks: call the generate stage on every (re)build and harden after the last one."""
from popatlas.mkdocs_adapter import *  # noqa: F401,F403  (MkDocs looks the on_* names up)
