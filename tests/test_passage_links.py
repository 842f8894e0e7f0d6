"""Links to a paragraph and to a passage: each paragraph gets an id from its own first words, the same in every
build, unmoved by edits elsewhere, unique with a "-2", "-3" suffix, and a plain link to it; a reworded paragraph
keeps the id it was published with when the editor pins it (`{#id}`); the passage toolbar's script is the one
the build wrote. Where those links land in a browser: tests/browser/test_passage.py and test_text_fragments.py."""

from __future__ import annotations

import re

import pytest
from lxml import html as lxml_html

from build_harness import ROOT, built, copy_project
from built_pages import one, parsed, words
from column import paragraphs
from project_edits import PUBLISHED_ID, REWORDED, edit
from suite_columns import COLUMN_IDS, SECOND_IDS


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The liberation of Palmyra is compelling proof the Syrian Army", "the-liberation-of-palmyra-is-compelling"),
        # Case, punctuation and accents go; apostrophes and digit groups join their word.
        ("“Café”, Syria’s 2,000 — UN-sponsored talks", "cafe-syrias-2000-un-sponsored-talks"),
        ("Освобождение Пальмиры — знак", "освобождение-пальмиры-знак"),
        ("— … —", "paragraph"),  # no letter or digit
        # At most 60 characters, of whole words: a word that would pass 60 is left out, one long word is cut.
        ("a" * 30 + " " + "b" * 29 + " c", "a" * 30 + "-" + "b" * 29),
        ("a" * 30 + " " + "b" * 30 + " c", "a" * 30),
        ("a" * 70 + " b", "a" * 60),
        ("x" * 500, "x" * 60),
    ],
)
def test_an_id_is_the_paragraphs_first_words(text, expected):
    assert paragraphs.paragraph_id(text) == expected


def test_ids_are_stable_and_independent_of_the_other_paragraphs():
    texts = ["Alpha beta gamma.", "Delta epsilon.", "Zeta eta theta."]
    first = paragraphs.paragraph_ids(texts)
    assert first == paragraphs.paragraph_ids(list(texts)) == ["alpha-beta-gamma", "delta-epsilon", "zeta-eta-theta"]
    # An edit elsewhere, a paragraph inserted at the start, in the middle, at the end: the others keep theirs.
    assert paragraphs.paragraph_ids([texts[0], "Delta epsilon, rewritten.", texts[2]])[::2] == first[::2]
    for at in range(len(texts) + 1):
        inserted = paragraphs.paragraph_ids([*texts[:at], "A new paragraph.", *texts[at:]])
        assert inserted[:at] + inserted[at + 1 :] == first


def test_a_collision_gets_a_numbered_suffix_that_takes_no_other_id():
    same = "We hope that representatives of the Syrian Government"
    ids = paragraphs.paragraph_ids([same, "Other words here.", same + " again.", same + ", and more."])
    base = "we-hope-that-representatives-of-the"
    assert ids == [base, "other-words-here", f"{base}-2", f"{base}-3"]
    # A paragraph added after the first one with the same opening leaves the first one's id alone.
    assert paragraphs.paragraph_ids([same, "Other words here."])[0] == base
    # A suffix never takes another paragraph's own id, nor one the page's template uses.
    ids = paragraphs.paragraph_ids(["Spring came.", "Spring came 2.", "Spring came!", "Spring came 3"])
    assert ids == ["spring-came", "spring-came-2", "spring-came-4", "spring-came-3"]
    assert paragraphs.paragraph_ids(["OC column.", "Oc column!"], reserved=("oc-column",)) == [
        "oc-column-2",
        "oc-column-3",
    ]
    # A pinned id stays with its paragraph; a paragraph whose words now make it gets a suffix.
    ids = paragraphs.paragraph_ids(["Alpha beta.", "Gamma.", "Alpha beta."], pinned=[None, "alpha-beta", None])
    assert ids == ["alpha-beta-2", "alpha-beta", "alpha-beta-3"]
    assert paragraphs.paragraph_ids(["One.", "Two."], pinned=[None, "kept-id"]) == ["one", "kept-id"]


BODY = """<blockquote>
<p>Quoted first.</p>
</blockquote>
<p>First <em>para</em>graph, with &amp; and &lt;b&gt;.</p>
<p>&Eacute;t&eacute; &amp; OC author.</p>
<p>OC author.</p>
<blockquote>
<p>Quoted paragraph.</p>
</blockquote>
<p>Second<br>
line.</p>
<ul>
<li>
<p>Item paragraph.</p>
</li>
</ul>"""


def test_link_paragraphs_gives_each_top_level_paragraph_its_id_and_link():
    linked, standfirst = paragraphs.link_paragraphs(
        BODY, "The standfirst.", "Link to paragraph {}".format, ("oc-author",)
    )
    assert standfirst["id"] == "the-standfirst"
    assert standfirst["permalink"] == (
        '<a class="oc-permalink" href="#the-standfirst" aria-label="Link to paragraph 1"'
        ' title="Link to paragraph 1"></a>'
    )
    tree = lxml_html.fragment_fromstring(linked, create_parent="div")
    top = tree.xpath("./p")
    # An accented letter written as a character reference is the letter; an id the page reserves is never taken.
    assert [p.get("id") for p in top] == ["first-paragraph-with-and-b", "ete-oc-author", "oc-author-2", "second-line"]
    for number, p in enumerate(top, start=2):
        (link,) = p.xpath("./a[@class='oc-permalink']")
        assert p[-1] is link and link.get("href") == "#" + p.get("id")
        assert link.get("aria-label") == f"Link to paragraph {number}" and not link.text_content()
    # Paragraphs inside other blocks are left alone, and every word is where it was.
    assert tree.xpath(".//blockquote/p/@id") == [] and tree.xpath(".//li/p/@id") == []
    original = lxml_html.fragment_fromstring(BODY, create_parent="div")
    assert words(tree) == words(original)
    assert re.sub(r'<a class="oc-permalink"[^>]*></a>| id="[^"]*"', "", linked) == BODY
    # A paragraph whose id the editor pinned keeps its own tag.
    linked, _ = paragraphs.link_paragraphs('<p id="kept-id">New.</p>\n<p>Other.</p>', "S.", "Link {}".format)
    assert linked == (
        '<p id="kept-id">New.<a class="oc-permalink" href="#kept-id" aria-label="Link 2" title="Link 2"></a></p>\n'
        '<p id="other">Other.<a class="oc-permalink" href="#other" aria-label="Link 3" title="Link 3"></a></p>'
    )


@pytest.mark.parametrize("path, ids", [("index.html", COLUMN_IDS), ("second/index.html", SECOND_IDS)])
def test_built_paragraphs_carry_their_ids_and_links(site, path, ids):
    page = parsed(site, path)
    found = page.cssselect(".oc-body > p[id]")
    assert [p.get("id") for p in found] == ids
    for number, p in enumerate(found, start=1):
        link = one(p, "a.oc-permalink")
        assert link.get("href") == "#" + p.get("id") and link.get("aria-label") == f"Link to paragraph {number}"
    every_id = page.xpath("//@id")
    assert len(every_id) == len(set(every_id))


def test_the_seeds_paragraphs_are_the_ones_with_ids(page, seed):
    assert [words(p) for p in page.cssselect(".oc-body > p[id]")] == [seed.standfirst, *seed.body]


LINKS = (
    "See [the battle](#russia-has-contributed-to-the-battle), [the start](#oc-column) "
    "and [above](#on-27-march-the-syrian-army)."
)


@pytest.fixture(scope="module")
def edited(tmp_path_factory):
    """The column with two paragraphs inserted before its body's third (one of '#' links to the page, and one whose
    first words, "OC author", make the id of the bio, which the page already has) and the fifth reworded."""
    work = tmp_path_factory.mktemp("edited")
    project = copy_project(work / "project")
    index = project / "docs" / "index.md"
    edit(index, r"^Over 2,000", f"{LINKS}\n\nOC author.\n\nOver 2,000")
    edit(index, "very important", "most important")
    return parsed(built(project, work / "site"))


def test_an_edit_elsewhere_moves_no_other_link_and_no_id_is_taken_twice(edited):
    ids = [p.get("id") for p in edited.cssselect(".oc-body > p[id]")]
    inserted = ["see-the-battle-the-start-and", "oc-author-2"]  # the bio is "oc-author"
    reworded = "it-is-most-important-that-military"
    assert ids == [*COLUMN_IDS[:3], *inserted, *COLUMN_IDS[3:5], reworded, COLUMN_IDS[6]]
    every_id = edited.xpath("//@id")
    assert len(every_id) == len(set(every_id)) and "oc-author" in every_id


def test_the_body_may_link_to_a_paragraph_or_a_part_of_the_page(edited, second):
    # MkDocs cannot see the paragraphs' ids (they come after Markdown); the hooks check '#' links on the
    # finished page, so a link to a paragraph, the standfirst or the column's start builds and lands.
    (paragraph,) = [p for p in edited.cssselect(".oc-body > p") if p.text_content().startswith("See the battle")]
    targets = [a.get("href") for a in paragraph.cssselect("a:not(.oc-permalink)")]
    assert targets == ["#russia-has-contributed-to-the-battle", "#oc-column", "#on-27-march-the-syrian-army"]
    for target in targets:
        assert len(edited.xpath(f"//*[@id='{target[1:]}']")) == 1
    (link,) = [a for a in second.cssselect(".oc-body > p[id] a") if "oc-permalink" not in (a.get("class") or "")]
    assert link.get("href") == "#what-a-ceasefire-needs-is-simple"


def test_a_reworded_paragraph_keeps_its_pinned_id(corrected_site):
    page = parsed(corrected_site)
    body_paragraphs = page.cssselect(".oc-body > p[id]:not(.oc-standfirst)")
    first = body_paragraphs[0]
    assert words(first).startswith(REWORDED) and "{#" not in first.text_content()
    assert first.get("id") == PUBLISHED_ID
    link = one(first, "a.oc-permalink")
    assert link.get("href") == f"#{PUBLISHED_ID}" and link.get("aria-label") == "Link to paragraph 2"
    # The other paragraphs keep theirs, and no id is written twice.
    assert body_paragraphs[1].get("id") == "russia-has-contributed-to-the-battle"
    ids = page.xpath("//@id")
    assert len(ids) == len(set(ids))
    assert b'id="' + PUBLISHED_ID.encode() + b'" id=' not in lxml_html.tostring(first)


def test_the_toolbar_loads_the_fingerprinted_script_beside_the_page(site, page):
    # column.js fetches this file on the first selection: it must be the script the build wrote, by a path
    # relative to the page (the policy allows 'self'), fingerprinted so that a new version is a new URL.
    script = one(page, "[data-oc-passage]").get("data-oc-script")
    assert re.fullmatch(r"\./assets/passage\.[0-9a-f]{10}\.js", script), script
    written = (site / script).read_text(encoding="utf-8")
    assert written == (ROOT / "overrides" / "assets" / "passage.js").read_text(encoding="utf-8")
