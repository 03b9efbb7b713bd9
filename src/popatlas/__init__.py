"""PoP Atlas: load, validate, render and export the Principles of Practice directory."""

__version__ = "0.1.0"

LANGUAGES: tuple[str, ...] = ("en", "es", "fr", "ar")
DEFAULT_LANGUAGE = "en"
RTL_LANGUAGES: frozenset[str] = frozenset({"ar"})
