"""Paragraph ids and permalinks (issue 12): an id from each paragraph's own words, the same in every build,
unmoved by edits elsewhere, unique with a "-2", "-3" suffix; a plain link to each paragraph."""

from __future__ import annotations

import re

import pytest
from lxml import html as lxml_html

from column import paragraphs
from support import build, copy_project

# The ids the rule gives the column's paragraphs, worked out by hand from the text (source/column.txt):
# the first six words, lower case, "2,000" read as 2000.
COLUMN_IDS = [
    "on-27-march-the-syrian-army",  # the standfirst, paragraph 1
    "the-liberation-of-palmyra-is-compelling",
    "russia-has-contributed-to-the-battle",
    "over-2000-targets-were-struck-including",
    "a-huge-amount-of-work-has",
    "it-is-very-important-that-military",
    "the-recent-acts-of-terror-in",
]


def words(text: str) -> str:
    return " ".join(text.split())


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


def test_a_collision_gets_a_numbered_suffix_in_document_order():
    same = "We hope that representatives of the Syrian Government"
    ids = paragraphs.paragraph_ids([same, "Other words here.", same + " again.", same + ", and more."])
    assert ids == [
        "we-hope-that-representatives-of-the",
        "other-words-here",
        "we-hope-that-representatives-of-the-2",
        "we-hope-that-representatives-of-the-3",
    ]
    assert len(set(ids)) == len(ids)
    # A paragraph added after the first one with the same opening leaves the first one's id alone.
    assert paragraphs.paragraph_ids([same, "Other words here."])[0] == ids[0]


def test_a_suffix_never_takes_another_paragraphs_own_id_or_one_the_page_uses():
    ids = paragraphs.paragraph_ids(["Spring came.", "Spring came 2.", "Spring came!", "Spring came 3"])
    assert ids == ["spring-came", "spring-came-2", "spring-came-4", "spring-came-3"]
    # The page's own ids (the template's) are taken before any paragraph's.
    assert paragraphs.paragraph_ids(["OC column.", "Oc column!"], reserved=("oc-column",)) == [
        "oc-column-2",
        "oc-column-3",
    ]


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
    assert words(tree.text_content()) == words(original.text_content())
    assert re.sub(r'<a class="oc-permalink"[^>]*></a>| id="[^"]*"', "", linked) == BODY


def test_built_paragraphs_carry_their_ids_and_links(page, seed):
    standfirst = page.cssselect("p.oc-standfirst")[0]
    body = page.cssselect(".oc-body > p[id]:not(.oc-standfirst)")
    assert [words(p.text_content()) for p in [standfirst, *body]] == [seed.standfirst, *seed.body]
    assert [p.get("id") for p in [standfirst, *body]] == COLUMN_IDS
    for number, p in enumerate([standfirst, *body], start=1):
        (link,) = p.cssselect("a.oc-permalink")
        assert link.get("href") == "#" + p.get("id")
        assert link.get("aria-label") == f"Link to paragraph {number}"
    ids = page.xpath("//@id")
    assert len(ids) == len(set(ids))


LINKS = (
    "See [the battle](#russia-has-contributed-to-the-battle), [the start](#oc-column) "
    "and [above](#on-27-march-the-syrian-army)."
)


@pytest.fixture(scope="module")
def edited_site(tmp_path_factory):
    """The column with two paragraphs inserted before the third (one of '#' links to the page, and one whose
    first words, "OC author", make the id of the bio, which the page already has) and the fifth reworded."""
    work = tmp_path_factory.mktemp("edited")
    project = copy_project(work / "project")
    index = project / "docs" / "index.md"
    front, body = index.read_text(encoding="utf-8").split("\n---\n", 1)
    blocks = body.strip().split("\n\n")
    blocks[2:2] = [LINKS, "OC author."]
    blocks[6] = blocks[6].replace("very important", "most important")
    index.write_text(front + "\n---\n\n" + "\n\n".join(blocks) + "\n", encoding="utf-8")
    result = build(project, work / "site")
    assert result.returncode == 0, result.stderr
    return lxml_html.fromstring((work / "site" / "index.html").read_bytes())


def test_an_edit_elsewhere_moves_no_other_link_and_no_id_is_taken_twice(edited_site):
    ids = [p.get("id") for p in edited_site.cssselect(".oc-body > p[id]")]
    inserted = ["see-the-battle-the-start-and", "oc-author-2"]  # the bio is "oc-author"
    reworded = "it-is-most-important-that-military"
    assert ids == [*COLUMN_IDS[:3], *inserted, *COLUMN_IDS[3:5], reworded, COLUMN_IDS[6]]
    every_id = edited_site.xpath("//@id")
    assert len(every_id) == len(set(every_id)) and "oc-author" in every_id


def test_the_body_may_link_to_a_paragraph_or_a_part_of_the_page(edited_site):
    # MkDocs cannot see the paragraphs' ids (they come after Markdown); the hooks check '#' links on the
    # finished page, so a link to a paragraph, the standfirst or the column's start builds and lands.
    (paragraph,) = [p for p in edited_site.cssselect(".oc-body > p") if p.text_content().startswith("See the battle")]
    targets = [a.get("href") for a in paragraph.cssselect("a:not(.oc-permalink)")]
    assert targets == ["#russia-has-contributed-to-the-battle", "#oc-column", "#on-27-march-the-syrian-army"]
    for target in targets:
        assert len(edited_site.xpath(f"//*[@id='{target[1:]}']")) == 1
