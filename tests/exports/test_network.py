"""network.gexf, read back with networkx (what Gephi users script with)."""

from __future__ import annotations

from collections import Counter
from itertools import combinations

import networkx as nx
from lxml import etree

from toolkit.source import TEI_NS

NS = {"tei": TEI_NS}
REGISTERS = ("listPerson", "listPlace", "listOrg", "listBibl", "teiHeader")
BLOCKS = ("p", "ab", "head", "l", "item", "label", "cell", "byline", "dateline", "titlePart")


def read(rendered, tmp_path) -> nx.Graph:
    path = tmp_path / "network.gexf"
    path.write_bytes(rendered["network.gexf"])
    return nx.read_gexf(path)


def expected_edges(root: etree._Element) -> Counter:
    """Windows found top-down: each note, and each block outside notes, with the persons
    named in it (not in a note or a block inside it)."""
    persons = set(root.xpath("//tei:listPerson//tei:person/@xml:id", namespaces=NS))
    windows = root.xpath(
        "//tei:text//tei:note | //tei:text//*[" + " or ".join(f"self::tei:{b}" for b in BLOCKS)
        + "][not(ancestor::tei:note)]", namespaces=NS)  # fmt: skip
    edges: Counter = Counter()
    for window in windows:
        if any(etree.QName(a).localname in REGISTERS for a in window.iterancestors()):
            continue
        named = set()
        for el in window.iterdescendants(f"{{{TEI_NS}}}persName", f"{{{TEI_NS}}}rs"):
            for ancestor in el.iterancestors():
                if ancestor is window:
                    break
                if etree.QName(ancestor).localname in ("note", *BLOCKS):
                    break  # named in a window inside this one
            else:
                continue
            if ancestor is not window:
                continue
            named.update(t[1:] for t in (el.get("ref") or "").split() if t[1:] in persons)
        edges.update(combinations(sorted(named), 2))
    return edges


def test_networkx_reads_nodes_with_labels_dates_mentions(both, tmp_path):
    graph = read(both, tmp_path)
    root = both.edition.source.root
    ids = root.xpath("//tei:listPerson//tei:person/@xml:id", namespaces=NS)
    assert sorted(graph.nodes) == sorted(ids)
    assert not graph.is_directed()
    for node, data in graph.nodes(data=True):
        person = root.xpath(f"//tei:person[@xml:id='{node}']", namespaces=NS)[0]
        assert data["label"] == both.edition.registers.by_id[node].label
        born = person.xpath("tei:birth/@when", namespaces=NS)
        assert data.get("birth") == (born[0] if born else None)
        assert isinstance(data["mentions"], int)


def test_networkx_reads_the_expected_edges_and_weights(both, tmp_path):
    graph = read(both, tmp_path)
    got = {tuple(sorted((a, b))): d["weight"] for a, b, d in graph.edges(data=True)}
    want = expected_edges(both.edition.source.root)
    assert got == dict(want)
    assert got, "some persons co-occur"


def test_fixture_edges_by_hand(back, tmp_path):
    graph = read(back, tmp_path)
    # p1: Trotsky, Serge; note n1: Sedov, Serge; p2: Serge, Sedov; p3: Trotsky, Serge.
    assert {tuple(sorted(e)): graph.edges[e]["weight"] for e in graph.edges} == {
        ("serge", "trotsky"): 2.0,
        ("sedov", "serge"): 2.0,
    }
    assert graph.nodes["unmentioned"]["mentions"] == 0
    assert graph.nodes["serge"]["mentions"] == 4


def test_the_window_is_stated_in_the_file(both):
    root = etree.fromstring(both["network.gexf"])
    description = root.findtext("{http://gexf.net/1.3}meta/{http://gexf.net/1.3}description")
    assert "same window" in description and "note" in description and "paragraph" in description
    assert "weight is the number of windows" in description
