"""HTML to plain text: block tags become line breaks, entities are decoded, scripts dropped."""

from __future__ import annotations

import html
import re
from functools import lru_cache

from selectolax.lexbor import LexborHTMLParser

# Only real HTML tag names count, so "John <john@x.com>" or "<ticket id>" is not taken for markup.
_TAG_NAMES = (
    "a|abbr|address|article|b|big|blockquote|body|br|center|cite|code|dd|del|div|dl|dt|em|font|"
    "footer|h[1-6]|head|header|hr|html|i|img|ins|li|link|mark|meta|o:p|ol|p|pre|q|s|section|"
    "small|span|strike|strong|style|script|sub|sup|table|tbody|td|tfoot|th|thead|title|tr|tt|u|ul"
)
HTML_TAG_RE = re.compile(rf"<(?:/?(?:{_TAG_NAMES})(?=[\s/>])[^<>]{{0,2000}}>|!--|!doctype\b)", re.I)
# RE2 syntax (run by pyarrow over a whole column, see voc.clean.batch): on ASCII text, strip_html
# returns its input unchanged unless this matches (a tag-like "<name", "<!--", or "&" + "#"/letter).
HTML_MAY_CHANGE = rf"(?i)<(?:/?(?:{_TAG_NAMES})|!--|!doctype)|&[#A-Za-z]"
HTML_ENTITY_RE = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
# Our own layout markers: block boundary, line break, table cell. Removed from input first.
_BLOCK, _BREAK, _CELL = "\x00", "\x01", "\x02"
MARKER_CHARS_RE = re.compile(r"[\x00-\x02]")
_DROPPED_TAGS = ["head", "title", "style", "script", "noscript", "template"]
_BLOCK_SELECTOR = (
    "p,div,li,tr,table,ul,ol,h1,h2,h3,h4,h5,h6,blockquote,hr,pre,section,article,header,footer,"
    "address,dl,dt,dd,center"
)
# A run of HTML whitespace that is not already a single space (replacing " " by " " is slow).
HTML_WHITESPACE_RE = re.compile(r"(?: [ \t\n\r\f]+|[\t\n\r\f][ \t\n\r\f]*)")
# A run of block boundaries and breaks, with the spaces and cells after it; with the spaces and
# cells before it, it becomes one or more newlines (see _lay_out). Starting at a marker lets
# ``re`` skip to the markers instead of trying the pattern at every space.
LAYOUT_RUN_RE = re.compile(r"([\x00\x01][ \x00-\x02]*)")
# A table cell's opening tag: without one, no cell needs marking.
TABLE_CELL_TAG_RE = re.compile(r"<t[dh][\s/>]", re.I)
CELL_RE = re.compile(r" ?\x02 ?")


def strip_html(text: str) -> str:
    """Turn an HTML body into plain text; return other text unchanged.

    Text counts as HTML when it holds a known tag (``<p>``, ``<br/>``, ``</div>`` ...). Block tags
    (``<p>``, ``<div>``, ``<li>``, ``<tr>`` ...) and ``<br>`` become newlines, scripts, styles and
    the head are dropped, and entities are decoded. Text without tags only has its entities decoded
    (``&amp;`` -> ``&``), so its newlines survive. Markup that only uses inline tags keeps its raw
    newlines too, since they are then the only layout there is.

    Example:
        >>> strip_html("<p>Hi&nbsp;team,</p><p>It&#39;s down<br>again</p>")
        "Hi team,\\nIt's down\\nagain"
    """
    if "<" not in text and "&" not in text:
        return text
    if not HTML_TAG_RE.search(text):
        if "&" not in text:
            return text
        decoded = HTML_ENTITY_RE.sub(lambda m: html.unescape(m.group()), text)
        return decoded.replace("\xa0", " ")
    has_markers = "\x00" in text or "\x01" in text or "\x02" in text
    source = MARKER_CHARS_RE.sub("", text) if has_markers else text
    tree = LexborHTMLParser(source)
    tree.strip_tags(_DROPPED_TAGS)
    for node in tree.css("br"):
        node.replace_with(_BREAK)
    for node in tree.css(_BLOCK_SELECTOR):
        node.insert_before(_BLOCK)
        node.insert_after(_BLOCK)
    if TABLE_CELL_TAG_RE.search(source):
        for node in tree.css("td,th"):
            node.insert_after(_CELL)
    root = tree.body or tree.root
    out = root.text() if root is not None else ""
    if _BLOCK in out or _BREAK in out:
        # Layout comes from the markup, so raw newlines are just spaces, as in a browser.
        if "  " in out or "\n" in out or "\t" in out or "\r" in out or "\f" in out:
            out = HTML_WHITESPACE_RE.sub(" ", out)
        out = _lay_out(out)
    if _CELL in out:
        out = CELL_RE.sub(" ", out)
    return out.replace("\xa0", " ").strip()


def _lay_out(text: str) -> str:
    """Each run of layout markers, with the spaces and cells around it, as its newlines."""
    parts = LAYOUT_RUN_RE.split(text)  # text, run, text, run, ..., text
    out = []
    for i in range(1, len(parts), 2):
        out.append(parts[i - 1].rstrip(" " + _CELL))
        out.append(_layout_newlines(parts[i]))
    out.append(parts[-1])
    return "".join(out)


@lru_cache(maxsize=256)
def _layout_newlines(run: str) -> str:
    """Newlines for a run of block edges and breaks, as a browser lays them out.

    A ``<br>`` always ends a line; a block edge ends one only if the line is not ended yet. So
    ``a<br></p><p>b`` is two lines, while ``a</div><div><br></div><div>b`` has a blank line.
    """
    newlines = 0
    at_line_start = False
    for char in run:
        if char == _BREAK or (char == _BLOCK and not at_line_start):
            newlines += 1
            at_line_start = True
    return "\n" * newlines
