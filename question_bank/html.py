"""Safe HTML for question text: an allow-list sanitiser (nh3) shared by imports and pages.

Question files come from other systems and other people, and their HTML reaches
candidates' screens: only formatting tags survive (no links: a candidate never leaves
the paper, and a link's text is kept), and images only as embedded ``data:image/…``
(images travel inside the item version, and the paper never loads anything from
elsewhere: that would tell a third party who is sitting which question when).
"""

from __future__ import annotations

import html
import re

import nh3

__all__ = ["html_to_text", "sanitize", "text_to_html"]

TAGS = {
    "b", "blockquote", "br", "caption", "code", "col", "colgroup", "dd", "div", "dl", "dt",
    "em", "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "ol", "p", "pre", "s", "span", "strong",
    "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}
ATTRIBUTES = {
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
    "ol": {"start"},
}
_DATA_IMAGE = re.compile(r"^data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]+$")


def _attribute(element: str, attribute: str, value: str) -> str | None:
    if element == "img" and attribute == "src":
        return value if _DATA_IMAGE.match(value) else None
    return value


def sanitize(markup: str) -> str:
    """The markup with only allow-listed tags and attributes; scripts and styles dropped."""
    return nh3.clean(markup, tags=TAGS, attributes=ATTRIBUTES, attribute_filter=_attribute,
                     url_schemes={"data"}, link_rel=None).strip()


_BLOCK_END = re.compile(r"</(p|div|li|tr|h[3-6]|blockquote|pre)>|<br\s*/?>", re.IGNORECASE)


def html_to_text(markup: str) -> str:
    """Readable plain text of some HTML (answers and feedback are plain text here)."""
    text = _BLOCK_END.sub("\n", markup)
    text = html.unescape(nh3.clean(text, tags=set()))
    lines = [" ".join(line.split()) for line in text.splitlines()]
    return "\n".join(line for line in lines if line).strip()


def text_to_html(text: str) -> str:
    """Plain text as HTML: escaped, line breaks kept."""
    return "<br>".join(html.escape(line, quote=False) for line in text.split("\n"))
