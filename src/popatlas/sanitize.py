"""The one policy for contributed text.

Directory entries, taxonomy labels and source titles come from people the
maintainers may not know. Everything they write reaches a page through one of
three functions here:

- `markdown_html`: a description's Markdown -> HTML that can only format text
  and link out (an explicit allow-list of tags and attributes; no `title`,
  `lang`, `style`, `class` or `id`, which nh3 would otherwise keep on any tag);
- `markdown_text`: plain text made inert inside a Markdown page we generate;
- `link_problem`: whether an address may become a link at all (https only, no
  protocol-relative or credentials, `mailto:` without parameters).

The validator reports what the sanitiser would remove (`markdown_problems`), so
nothing a contributor wrote disappears without a word.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import markdown
import nh3
from markupsafe import Markup, escape

from .htmltokens import END, START, join, tokenize
from .problems import visible

ALLOWED_TAGS = frozenset({"p", "em", "strong", "a", "ul", "ol", "li", "br", "code", "blockquote"})
# "*": set() empties nh3's generic attributes (title and lang by default).
ALLOWED_ATTRIBUTES: dict[str, set[str]] = {"a": {"href"}, "*": set()}
LINK_REL = "noopener noreferrer nofollow"
# A role address: one local part and a domain, nothing after it (no ?cc=, ?bcc=, ?body=).
# (The domain may be internationalised; look-alike domains are a warning, see popatlas.suspicious.)
EMAIL = re.compile(r"^[A-Za-z0-9](?:[A-Za-z0-9._+-]{0,62}[A-Za-z0-9])?@[A-Za-z0-9\u00a1-\uffff-]+(?:\.[A-Za-z0-9\u00a1-\uffff-]+)+$")
_HOST = re.compile(r"^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|>.-])")
# nh3's output form of a link left without an address (links never nest).
_md = markdown.Markdown(extensions=[], output_format="html")


def link_problem(url: str, mail: bool = False) -> str:
    """Empty when `url` may be a link in contributed text; otherwise what is wrong, in plain words."""
    if any(c.isspace() or ord(c) < 32 or c == "\\" for c in url):
        return "contains a space, a backslash or a control character"
    if url[:7].lower() == "mailto:":
        if not mail:
            return "a mail link is not allowed here"
        if not EMAIL.match(url[7:]):
            return "a mail link must be one plain address with nothing after it (no ?cc=, ?bcc= or ?subject=)"
        return ""
    if not url.startswith("https://"):
        return "only full https:// addresses are allowed"
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError:
        return "is not a well-formed web address"
    if "@" in parts.netloc:
        return "contains a user name or password before the host"
    try:
        ascii_host = host.encode("idna").decode("ascii")  # an internationalised domain, written as DNS sees it
    except UnicodeError:
        return f"'{host}' is not a valid host name"
    if not _HOST.match(ascii_host) or host.replace(".", "").isdigit():
        return f"'{host}' is not a public web host"
    return ""


def _keep_safe_links(tag: str, attribute: str, value: str) -> str | None:
    if tag == "a" and attribute == "href":
        return value if not link_problem(value, mail=True) else None
    return value


def _to_html(text: str) -> str:
    _md.reset()
    return _md.convert(text)


def markdown_html(text: str) -> Markup:
    """Contributed Markdown -> HTML that can only format text and link out safely."""
    clean = nh3.clean(_to_html(text), tags=set(ALLOWED_TAGS), attributes=ALLOWED_ATTRIBUTES,
                      attribute_filter=_keep_safe_links, url_schemes={"https", "mailto"}, url_relative="deny",
                      link_rel=LINK_REL, strip_comments=True)
    return Markup(_unlink_refused(clean))


def _unlink_refused(html: str) -> str:
    """A link whose address was refused keeps only its words: it must not look like a link."""
    tokens = tokenize(html)
    open_links: list[bool] = []  # for each open <a>: was it dropped?
    for token in tokens:
        if token.kind == START and token.tag == "a":
            token.dropped = not token.has("href")
            open_links.append(token.dropped)
        elif token.kind == END and token.tag == "a" and open_links:
            token.dropped = open_links.pop()
    return join(tokens)


def markdown_text(text: str) -> str:
    """Contributed plain text made inert inside Markdown: HTML-escaped, then Markdown-escaped.

    Escaping `{` and `}` keeps an attribute list (`{: onclick=...}`) from turning
    a label into markup; `[`, `]`, `(` and `)` keep it from becoming a link.
    """
    return _MD_SPECIAL.sub(r"\\\1", str(escape(text)))


class _Inventory(HTMLParser):
    """The tags, attributes and links of an HTML fragment, in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []  # (message, hint)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.found.append((f"contains HTML (<{tag}>), which is not allowed", _PLAIN))
            return
        for name, value in attrs:
            if tag == "a" and name == "href":
                problem = link_problem(value or "", mail=True)
                if problem:
                    self.found.append((f"the link to '{_short(value or '')}' is refused: {problem}", _LINK))
            elif tag == "a" and name == "title":
                self.found.append(("a link title (text in quotes after the address) is not allowed",
                                   "put those words in the sentence instead"))
            else:
                self.found.append((f"contains HTML (<{tag} {name}=...>), which is not allowed", _PLAIN))

    def handle_comment(self, data: str) -> None:
        self.found.append(("contains an HTML comment (<!-- -->), which is not allowed", _PLAIN))


def _short(text: str) -> str:
    shown = visible(text)
    return shown if len(shown) <= 60 else shown[:57] + "..."


_PLAIN = "write plain sentences; Markdown links, lists and *emphasis* are fine"
_LINK = "write links as [words](https://www.example.org/) or [words](mailto:info@example.org)"


def markdown_problems(text: str) -> list[tuple[str, str]]:
    """What `markdown_html` would remove or refuse in this text, as (message, hint), first seen first."""
    if "<" not in text and "[" not in text:
        return []  # no HTML, no link, no image: nothing to remove (and no Markdown to convert)
    inventory = _Inventory()
    inventory.feed(_to_html(text))
    inventory.close()
    return list(dict.fromkeys(inventory.found))
