"""The passage toolbar's text-directive generator (overrides/assets/passage.js) on the kinds of page that
Google's generator (npm text-fragments-polyfill, fragment-generation-utils) is tested on: exact and
range matches, block boundaries, <br>, tables, context at a block's edges, repeated short and long
passages, hidden text, punctuation, case and accents, words without spaces. Each generated directive is
then opened in Chromium, which must highlight the selected words and no other occurrence."""

from __future__ import annotations

from pathlib import Path

import pytest

from page_scripts import occurrences

ROOT = Path(__file__).resolve().parents[2]
PASSAGE_JS = ROOT / "overrides" / "assets" / "passage.js"
FIXTURE_ORIGIN = "https://fixture.example"
STYLE = "<style>body { margin: 1rem; width: 36rem; font: 18px/1.6 serif; } td { padding: 0 1rem; }</style>"


def contents_of(element: str) -> str:
    """JS for a Range over all of an element's contents (what a triple click selects)."""
    return f"(() => {{ const r = document.createRange(); r.selectNodeContents({element}); return r }})()"


def characters_of(paragraph: int, start: int, end: int) -> str:
    """JS for a Range over characters start..end of the text of the paragraph at that index."""
    return (
        f"(() => {{ const t = document.querySelectorAll('p')[{paragraph}].firstChild;"
        f" const r = document.createRange(); r.setStart(t, {start}); r.setEnd(t, {end}); return r }})()"
    )


# name: (body HTML, JS that returns the Range a reader selected, the phrase to look for once the link is
# opened, which of its occurrences must be the highlighted one)
CASES = {
    "exact match": (
        "<p>This is a trivial test of the marking logic.</p>",
        contents_of("document.querySelector('p')"),
        "trivial test",
        0,
    ),
    "across block boundaries": (
        "<div>This is <div>a really elaborate</div> <div>fancy</div> div with lots of different stuff in it.</div>",
        """(() => { const divs = document.querySelectorAll('div div'); const r = document.createRange();
           r.setStart(divs[0].firstChild, 9); r.setEnd(document.querySelector('div').lastChild, 35); return r })()""",
        "elaborate",
        0,
    ),
    "long passage in one text node": (
        "<p>"
        + " ".join(f"word{i} filler" for i in range(60))
        + "</p><p>word1 filler word2 filler again, and word59 filler at the end.</p>",
        contents_of("document.querySelector('p')"),
        "word0 filler",
        0,
    ),
    "br tags": (
        "<p>Il était une fois<br>elle a brisé la glace<br>et puis plus rien</p><p>elle a brisé</p>",
        """(() => { const p = document.querySelector('p'); const r = document.createRange();
           r.setStart(p.childNodes[0], 8); r.setEnd(p.childNodes[2], 12); return r })()""",
        "une fois",
        0,
    ),
    "prefix without suffix": (
        "<p>target first</p><p>the prefix target</p><p>another target here</p>",
        characters_of(1, 11, 17),
        "target",
        1,
    ),
    "suffix without prefix": (
        "<p>here is a</p><p>target suffix words</p><p>and a target</p>",
        characters_of(1, 0, 6),
        "target",
        0,
    ),
    "short ambiguous match": (
        """<div id="root">
  prefix1 <i id="target1">target</i> suffix1 prefix2
  <i id="target2">target</i> suffix2 prefix1 <i id="target3">target</i> suffix2
  prefix2 <i id="target4">target</i> suffix1
</div>""",
        contents_of("document.getElementById('target3')"),
        "target",
        2,
    ),
    "long ambiguous match": (
        "".join(
            f"<p>{before}. Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor "
            f"incididunt ut labore et dolore magna aliqua recteque qui ei. {after}</p>"
            for before, after in (("First", "Alpha"), ("Prefix", "Suffix"), ("Third", "Omega"))
        ),
        """(() => { const t = document.querySelectorAll('p')[1].firstChild; const r = document.createRange();
           r.setStart(t, 8); r.setEnd(t, t.data.length - 8); return r })()""",
        "Lorem ipsum",
        1,
    ),
    "table cell": (
        "<table><tr><td>First named entity</td><td>June 3, 2014</td></tr>"
        "<tr><td>Second named entity</td><td>May 9, 2015</td></tr></table>",
        """(() => { const t = document.querySelectorAll('td')[2].firstChild; const r = document.createRange();
           r.setStart(t, 7); r.setEnd(t, 12); return r })()""",
        "named",
        1,
    ),
    "across table cells": (
        "<table><tr><td>First named entity</td><td>June 3, 2014</td></tr>"
        "<tr><td>Second named entity</td><td>June 3, 2014</td></tr></table>",
        """(() => { const cells = document.querySelectorAll('td'); const r = document.createRange();
           r.setStart(cells[2].firstChild, 0); r.setEnd(cells[3].firstChild, 12); return r })()""",
        "Second named",
        0,
    ),
    "boundaries on elements, not text": (
        "<p>Some words</p><div><p id=one>text</p><p id=two>and more text</p></div><p>text again</p>",
        """(() => { const r = document.createRange(); r.setStartBefore(document.getElementById('one'));
           r.setEndAfter(document.getElementById('two')); return r })()""",
        "and more",
        0,
    ),
    "hidden text inside the passage": (
        "<p>visible1 <span style='display:none'>hidden</span> visible2 and more</p><p>visible1 visible2 too</p>",
        contents_of("document.querySelector('p')"),
        "visible2 and",
        0,
    ),
    "characters the directive syntax uses": (
        "<p>Fish, chips &amp; peas - the best-known dish, by far.</p><p>Fish, chips &amp; peas</p>",
        contents_of("document.querySelector('p')"),
        "best-known",
        0,
    ),
    "case and accents": (
        "<p>The Café Society met on Monday.</p><p>Later the CAFE SOCIETY met again.</p>",
        characters_of(1, 10, 22),
        "society",
        1,
    ),
    "a word that is part of a longer one": (
        "<p>Syria’s forces held.</p><p>Syria forces held too.</p>",
        characters_of(1, 0, 5),
        "Syria",
        1,
    ),
    "words without spaces": (
        "<p lang=ja>メガドライブゲームギアソニックドリームキャスト</p><p lang=ja>ソニック</p>",
        contents_of("document.querySelectorAll('p')[1]"),
        "ソニック",
        1,
    ),
}


def fixture_page(html: str) -> str:
    return f"<!doctype html><html lang=en><meta charset=utf-8><title>fixture</title>{STYLE}<body>{html}</body></html>"


@pytest.fixture
def fixture_context(browser):
    """Pages served at FIXTURE_ORIGIN from the cases above (no network): /NAME serves case NAME."""
    context = browser.new_context(viewport={"width": 800, "height": 600})
    names = {name.replace(" ", "-"): case for name, case in CASES.items()}

    def route(route):
        name = route.request.url[len(FIXTURE_ORIGIN) + 1 :].split("#")[0]
        route.fulfill(status=200, content_type="text/html; charset=utf-8", body=fixture_page(names[name][0]))

    context.route(f"{FIXTURE_ORIGIN}/**", route)
    yield context
    context.close()


def generate(context, name: str) -> dict | None:
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{FIXTURE_ORIGIN}/{name.replace(' ', '-')}")
    page.add_script_tag(path=str(PASSAGE_JS))
    result = page.evaluate(
        f"(() => {{ const p = ocTextDirective({CASES[name][1]}); return p && {{...p, start: null, end: null}} }})()"
    )
    assert errors == []
    page.close()
    return result


def terms(directive: str) -> dict:
    """prefix, start, end and suffix of "text=[prefix-,]start[,end][,-suffix]", still percent-encoded."""
    parts = directive.removeprefix("text=").split(",")
    found = {"prefix": None, "end": None, "suffix": None}
    if parts[0].endswith("-"):
        found["prefix"] = parts.pop(0)[:-1]
    if parts[-1].startswith("-"):
        found["suffix"] = parts.pop()[1:]
    found["start"] = parts[0]
    if len(parts) == 2:
        found["end"] = parts[1]
    assert len(parts) in (1, 2), directive
    return found


@pytest.mark.parametrize("name", list(CASES))
def test_the_generated_directive_highlights_the_selection_and_nothing_else(fixture_context, name):
    result = generate(fixture_context, name)
    assert result and result["directive"], result
    directive = result["directive"]
    # Every term is percent-encoded where the syntax would misread it.
    for term in terms(directive).values():
        assert term is None or not set(term) & set("-,& #"), directive

    page = fixture_context.new_page()
    page.goto(f"{FIXTURE_ORIGIN}/{name.replace(' ', '-')}#:~:{directive}")
    page.wait_for_timeout(200)
    _, _, phrase, index = CASES[name]
    found = occurrences(page, phrase)
    assert all(item["visible"] for item in found), found
    assert [i for i, item in enumerate(found) if item.get("highlighted")] == [index], (directive, found)


@pytest.mark.parametrize(
    ("name", "shape"),
    [
        (
            "exact match",
            {
                "prefix": None,
                "start": "This%20is%20a%20trivial%20test%20of%20the%20marking%20logic.",
                "end": None,
                "suffix": None,
            },
        ),
        # A term never crosses a block boundary: the passage is named by its first and last words.
        ("across block boundaries", {"end": "some", "prefix": None}),
        ("long passage in one text node", {"end": "some"}),
        ("br tags", {"end": "some"}),
        ("across table cells", {"end": "some"}),
        # Context only where it tells the occurrences apart.
        ("prefix without suffix", {"prefix": "prefix", "suffix": None, "end": None}),
        ("suffix without prefix", {"prefix": None, "suffix": "suffix", "end": None}),
        ("short ambiguous match", {"prefix": "some", "suffix": "some", "end": None}),
        ("a word that is part of a longer one", {"prefix": None, "start": "Syria", "end": None, "suffix": None}),
    ],
)
def test_directive_shape(fixture_context, name, shape):
    found = terms(generate(fixture_context, name)["directive"])
    for key, expected in shape.items():
        if expected == "some":
            assert found[key], (key, found)
        else:
            assert found[key] == expected, (key, found)


def test_a_selection_of_punctuation_only_gets_no_directive(fixture_context):
    page = fixture_context.new_page()
    body = fixture_page("<p>Hello ... world</p>")
    page.route(f"{FIXTURE_ORIGIN}/punctuation", lambda route: route.fulfill(body=body, content_type="text/html"))
    page.goto(f"{FIXTURE_ORIGIN}/punctuation")
    page.add_script_tag(path=str(PASSAGE_JS))
    result = page.evaluate(
        """(() => { const t = document.querySelector('p').firstChild; const r = document.createRange();
           r.setStart(t, 6); r.setEnd(t, 9); return ocTextDirective(r) })()"""
    )
    assert result is None
