"""Links that went out keep working: a build that would break one stops, says which, and says how to keep it.

What went out is the record (published.py, data/published.yml): page addresses and their paragraphs' ids.
- A recorded address with no page and no redirect (a column's file renamed or removed): the build names the
  address and the mkdocs.yml lines that send it to the page's new address (mkdocs-redirects), or how to let it
  go.
- A recorded paragraph id that no paragraph has any more (its opening words were reworded, so its id, made of
  them, changed): the build names the paragraph that stands where it stood, its opening words, and the line that
  pins the old id to it, or how to let it go. Nothing is guessed on the page itself: the id stays visible in the
  source, where an editor put it.

Functions of the record, the build's pages and texts: check_addresses before any page is built (on_files),
check_paragraphs on each finished page (on_post_page)."""

from __future__ import annotations

import difflib
from collections.abc import Callable

from column import paragraphs as paragraph_links
from column import published, redirect_pages
from column.body import shortest_beginning, split_body
from column.data import InputError
from column.pages import Column
from column.published import Record, quoted
from column.settings import Site

OPENING_WORDS = 8  # how much of a paragraph a message quotes
REDIRECTS_EXAMPLE = "NEW-FILE.md"  # the target written when the build cannot tell which page is new


def stopped(problems: list[str]) -> InputError:
    count = len(problems)
    return InputError(f"{count} link{'' if count == 1 else 's'} that went out would break:\n" + "\n".join(problems))


# --- pages ---------------------------------------------------------------------------------------------


def check_addresses(site: Site, pages: dict[str, str], columns: set[str]) -> dict[str, list[str]]:
    """Before any page is built: every recorded address has a page or a redirect (mkdocs.yml), and no redirect
    replaces a page. `pages`: each page's file in the site (such as "second/index.html") -> its source
    ("second.md"); `columns`: the sources that are columns (a plain page has no paragraph links, so no record).
    Returns, by source, the addresses a link to that page may have: its own, and the old ones redirected to
    it."""
    by_address = {published.address_of(path): source for path, source in pages.items()}
    addresses = {source: [address] for address, source in by_address.items()}
    for old, new in site.redirects.items():
        target = new.partition("#")[0]
        if target not in addresses:
            continue  # mkdocs-redirects says so itself, and strict mode stops the build
        address = redirect_pages.old_address(old, site.use_directory_urls)
        if address in by_address:
            raise InputError(
                f"mkdocs.yml: redirects: '{old}': expected the old address of a page that is gone, got the address "
                f"of docs/{by_address[address]}, which the redirect page would replace."
            )
        addresses[target].append(address)
    redirected = {address for found in addresses.values() for address in found[1:]}
    problems = page_problems(site.record, by_address, redirected, columns)
    if problems:
        raise stopped(problems)
    return addresses


def source_of(address: str) -> str:
    """The Markdown file (in docs/) that has the page at `address`: "/" -> "index.md", "/old/" -> "old.md",
    "/a.html" -> "a.md" (what mkdocs-redirects takes as an old address)."""
    path = address.strip("/")
    if not path:
        return "index.md"
    return (path[: -len(".html")] if path.endswith(".html") else path) + ".md"


def page_problems(record: Record, pages: dict[str, str], redirected: set[str], columns: set[str]) -> list[str]:
    """A recorded address that this build neither has a page at (`pages`: address -> its docs/ file) nor
    redirects (`redirected`: addresses mkdocs.yml redirects), each said with the lines that fix it; the
    redirect's target is the one column (of `columns`) that the record does not have, if there is one."""
    new_pages = sorted(s for address, s in pages.items() if address not in record.pages and s in columns)
    target = new_pages[0] if len(new_pages) == 1 else REDIRECTS_EXAMPLE
    problems = []
    for address in record.pages:
        if address in pages or address in redirected:
            continue
        old = source_of(address)
        where = f"{record.file}, line {record.line(address)}" if record.line(address) else record.file
        count = len(record.pages[address])
        problems.append(
            f"{where}: the address {address} went out (readers have links to it) and no page of this build is "
            f"there: docs/{old} was renamed or removed.\n"
            f"  If the column moved, send the old address to its new page: in mkdocs.yml, under plugins, the "
            f"redirects entry reads (keep any redirects already there"
            f"{'' if target != REDIRECTS_EXAMPLE else '; ' + REDIRECTS_EXAMPLE + ' is the file the column is in now'}"
            f"):\n"
            f"  - redirects:\n"
            f"      redirect_maps:\n"
            f"        {old}: {target}\n"
            f"  If the page was removed on purpose, let its links go: delete {where_in_record(record, address)} "
            f"from {record.file}, and the {count} id line{'' if count == 1 else 's'} under it."
        )
    return problems


def where_in_record(record: Record, address: str) -> str:
    line = record.line(address)
    return f"line {line} ('{quoted(address)}:')" if line else f"the line '{quoted(address)}:'"


# --- paragraphs ----------------------------------------------------------------------------------------


def opening(text: str) -> str:
    words = text.split()
    return " ".join(words[:OPENING_WORDS]) + ("…" if len(words) > OPENING_WORDS else "")


def standing_in(recorded: list[str], now: list[str]) -> dict[str, list[int]]:
    """For each recorded id that no paragraph has now: the positions (0-based, in `now`) of the paragraphs that
    stand where it stood, by the ids around it that are still there. One position when as many paragraphs stand
    between those neighbours as recorded ids are missing there (each took the place of one); all of them when
    the numbers differ; none when nothing stands there (the paragraph was removed or moved)."""
    found: dict[str, list[int]] = {}
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(None, recorded, now, autojunk=False).get_opcodes():
        missing = [index for index in range(i1, i2) if recorded[index] not in now]
        for offset, index in enumerate(range(i1, i2)):
            if index not in missing:
                continue
            if tag == "replace" and i2 - i1 == j2 - j1:
                found[recorded[index]] = [j1 + offset]
            else:
                found[recorded[index]] = list(range(j1, j2)) if tag == "replace" else []
    return found


def check_paragraphs(
    record: Record, addresses: list[str], column: Column, render: Callable[[str], str], page_html: str
) -> None:
    """On a finished page, reached at `addresses` (check_addresses): every id recorded under one of them is a
    linked paragraph's. `render` turns Markdown into HTML as the build does (to name the line of a pin)."""
    if not any(address in record.pages for address in addresses):
        return
    now, last_line = published.paragraphs(page_html), last_lines(column.source, render)
    problems = [
        problem for address in addresses for problem in paragraph_problems(record, address, column.file, now, last_line)
    ]
    if problems:
        raise stopped(problems)


def paragraph_problems(
    record: Record,
    address: str,
    file: str,
    now: list[tuple[str, str]],
    last_line: Callable[[int], int | None],
) -> list[str]:
    """What stops the build for the page at `address` (from `file`): each recorded id that none of its linked
    paragraphs `now` ((id, text), paragraph 1 the standfirst) has, with the paragraph standing in its place and
    how to pin the old id to it (`last_line(n)`: the line of `file` where paragraph n, from 1, ends), or how to
    let the link go."""
    ids = [id_ for id_, _ in now]
    places = standing_in(record.pages.get(address, []), ids)
    problems = []
    for old in record.pages.get(address, []):
        if old in ids:
            continue
        line = record.line(address, old)
        lines = [
            f"{file}: #{old} went out as a link to a paragraph of {address} "
            f"({record.file}{f', line {line}' if line else ''}), and no paragraph has that id now."
        ]
        if not places[old]:
            lines.append(f"  No paragraph stands where it stood. If it moved, pin {{#{old}}} to the one it became.")
        for position in places[old]:
            number = position + 1
            lines.append(f"  Paragraph {number} stands where it stood, and now begins “{opening(now[position][1])}”.")
            lines.append(
                f"  If it is that paragraph reworded, keep the old id: {pin_instruction(old, number, last_line)}"
            )
        removal = f"delete line {line} ('  - \"{old}\"')" if line else f"delete '{old}'"
        lines.append(
            f"  If it was removed on purpose, let its links lead to the top of the page: {removal} from {record.file}."
        )
        problems.append("\n".join(lines))
    return problems


def pin_instruction(old: str, number: int, last_line: Callable[[int], int | None]) -> str:
    """How to pin `old` to paragraph `number`: in the front matter for the standfirst, after its last line else."""
    if number == 1:
        return f'add the line  description_id: "{old}"  to the front matter (paragraph 1 is the description).'
    line = last_line(number)
    after = f"line {line}, the paragraph's last" if line else "the paragraph's last line"
    return f"add the line  {{#{old}}}  right after {after}."


def last_lines(source: str, render: Callable[[str], str]) -> Callable[[int], int | None]:
    """`last_line(n)` for paragraph_problems: the line of `source` (a page) where its paragraph n ends (1 is the
    standfirst, in the front matter: None), found by rendering ever longer beginnings of the body until that
    paragraph is whole. Renders nothing until it is asked."""
    first_line, body = split_body(source)

    def texts(markdown: str) -> list[str]:
        return [paragraph.words for paragraph in paragraph_links.column_paragraphs(render(markdown))]

    def last_line(number: int) -> int | None:
        index, whole = number - 2, texts(body)
        if not 0 <= index < len(whole):
            return None

        def complete(beginning: str) -> bool:
            found = texts(beginning)
            return len(found) > index and found[index] == whole[index]

        return first_line + shortest_beginning(body, complete) - 1

    return last_line
