"""MkDocs hooks: a thin adapter. All logic lives in the popatlas package."""
from popatlas.mkdocs_adapter import (  # noqa: F401  (MkDocs looks these names up)
    on_config,
    on_files,
    on_page_content,
    on_page_context,
    on_page_markdown,
    on_post_build,
    on_post_page,
    on_post_template,
    on_startup,
    on_template_context,
)
