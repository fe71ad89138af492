"""Dictionaries: each entry a block with its headword, pronunciation and grammar, numbered
senses, translations and examples, cross-references as links, and an alphabetical index,
in every format."""

from __future__ import annotations

import pytest

from tests.formats.html_support import unresolved_links
from tests.genres.support import NS, XML_ID, build, words


@pytest.fixture(scope="module")
def dictionary(tmp_path_factory):
    return build("dictionary", tmp_path_factory.mktemp("dictionary"))


@pytest.fixture(scope="module")
def minimal(tmp_path_factory):
    return build("dict-minimal", tmp_path_factory.mktemp("minimal"))


def test_each_entry_is_a_block_with_its_headword(dictionary):
    index = dictionary.index
    entries = dictionary.tei_xpath("//t:entry")
    articles = index.xpath("//article[@class='dict-entry']")
    assert [a.get("id") for a in articles] == [e.get(XML_ID) for e in entries]
    for entry, article in zip(entries, articles, strict=True):
        orth = entry.xpath("string(t:form[@type='lemma']/t:orth)", namespaces=NS)
        assert article.xpath("string(p[@class='form']//dfn[@class='orth'])") == orth
        assert article.get("lang") == "sr"
    drug = articles[0]
    assert drug.xpath("string(.//span[@class='pron'])") == "/drûːg/"
    assert words(drug.xpath("string(.//span[@class='gramGrp'])")) == "n. m."


def test_senses_translations_and_examples(dictionary):
    drug = dictionary.index.xpath("//article[@id='drug']")[0]
    senses = drug.xpath("ol[@class='senses']/li")
    assert [s.get("value") for s in senses] == ["1", "2"]
    assert drug.xpath("string(.//li[1]//span[@class='trans'][1])") == "friend"
    assert words(drug.xpath("string(.//span[@class='example'])")) == (
        "Он је мој стари друг. – He is my old friend."
    )
    nested = dictionary.index.xpath("//article[@id='prijatelj']//ol[@class='senses'][@type='a']/li")
    assert [s.get("value") for s in nested] == ["1", "2"]
    text = dictionary.text
    assert "друг /drûːg/ n. m.\n1.  friend" in text
    assert "\na)  friend\nb)  (regional) in-law\n" in text


def test_cross_references_link_to_their_entries(dictionary):
    index = dictionary.index
    links = {a.text: a.get("href") for a in index.xpath("//a[@class='xr-ref']")}
    # One points at its entry, the other names a headword only.
    assert links == {"пријатељ": "#prijatelj", "друг": "#drug"}
    assert unresolved_links(dictionary.html_dir) == []


def test_alphabetical_index_in_every_format(dictionary, minimal):
    page = dictionary.pages["headwords.html"]
    assert [h.text for h in page.xpath("//main//h2")] == ["Д", "М", "П"]
    assert [a.text for a in page.xpath("//ul[@class='headwords']//a")] == [
        "добар",
        "друг",
        "мој",
        "пријатељ",
    ]
    assert all(h.startswith("index.html#") for h in page.xpath("//ul[@class='headwords']//a/@href"))
    assert "headwords.xhtml" in dictionary.epub_docs
    assert "Д  добар, друг\nМ  мој\nП  пријатељ" in dictionary.text
    # The minimal dictionary (entries straight in the body) is no run-on paragraph.
    assert len(minimal.index.xpath("//article[@class='dict-entry']")) == 2
    assert "друг n.\nfriend" in minimal.text
