"""Page numbers in a text stream, furniture (``pipeline.template.furniture``) left out.

A text export of a PDF mixes each page's header and footer ("Tjänsteutlåtande",
"Sid 12 (22)", "start.stockholm", an address, a phone number) into the running text, often
in the middle of a paragraph. This module drops those lines and gives every remaining line
the page it most likely stood on:

- a form feed from the extractor (``Line.page`` already set) is authoritative;
- a "Sid N (M)" header sets the page to N and the page count to M;
- otherwise a block of furniture, or a line that starts with a single space right after a
  non-blank line (some extractors indent the first line of each page), starts a new page.
"""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.model import Line
from pipeline.rules import Rules
from pipeline.template.furniture import furniture_flags


@dataclass
class PagedText:
    lines: list[Line]  # furniture removed, pages assigned
    n_pages: int | None
    furniture: list[Line]  # what was removed, for the record


def _on_page(line: Line, page: int | None) -> Line:
    """``line`` on ``page``: made from its fields (``dataclasses.replace`` inspects the class
    on every call, a line a call: most of this stage's own time), or itself when it is there
    already (a Line is frozen)."""
    return line if line.page == page else Line(**{**line.__dict__, "page": page})


def _starts_page(raw: str, previous_raw: str | None) -> bool:
    """The page-start hint: one leading space on a line that directly follows text."""
    return (
        len(raw) > 1
        and raw[0] == " "
        and not raw[1].isspace()
        and previous_raw is not None
        and previous_raw.strip() != ""
    )


def strip_page_furniture(lines: list[Line], rules: Rules, estimate_pages: bool = True) -> PagedText:
    """Furniture out, pages assigned; ``estimate_pages=False`` (a format without pages) keeps
    every page and the count unknown."""
    has_form_feeds = any(line.page is not None for line in lines)
    page = 1
    n_pages: int | None = None
    kept: list[Line] = []
    removed: list[Line] = []
    in_furniture_block = False
    block_had_number = False
    previous_raw: str | None = None

    flags = furniture_flags(lines, rules)
    for line, furniture in zip(lines, flags, strict=True):
        stripped = line.text.strip()
        if furniture:
            removed.append(line)
            number = rules.page_number.search(stripped)
            if number and not has_form_feeds:
                page = int(number["page"])
                n_pages = max(n_pages or 0, int(number["pages"]))
                block_had_number = True
            in_furniture_block = True
            previous_raw = None
            continue

        if has_form_feeds:
            page = line.page or page
        elif stripped:
            if in_furniture_block:
                if not block_had_number and kept:
                    page += 1
                in_furniture_block = False
                block_had_number = False
            elif _starts_page(line.text, previous_raw):
                page += 1
        kept.append(_on_page(line, page))
        previous_raw = line.text

    if not estimate_pages:
        return PagedText([_on_page(line, None) for line in kept], None, removed)
    if has_form_feeds:
        n_pages = max((line.page or 1) for line in lines) if lines else None
    elif n_pages is None and kept:
        n_pages = max(line.page or 1 for line in kept)
    return PagedText(kept, n_pages, removed)
