"""The persons' co-occurrence network as GEXF 1.3, for Gephi, networkx and Cytoscape.

Nodes are the persons of the register; an undirected edge joins two persons named in the
same window, its weight the number of windows naming both. A window is a note, or else a
paragraph-level block of the text (p, ab, head, l, item ...): a note is a window of its own,
apart from the paragraph it hangs on, since notes cite and discuss other people than the
sentence they annotate. The file's description says so too, for whoever opens it later.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from itertools import combinations

from lxml import etree

from toolkit.exports import Export, register
from toolkit.exports.data import Edition, dates_of, uris

GEXF_NS = "http://gexf.net/1.3"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
SCHEMA_LOCATION = "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd"

#: Node attributes: (id, title, GEXF type).
NODE_ATTRIBUTES = (
    ("birth", "birth", "string"),
    ("death", "death", "string"),
    ("mentions", "mentions", "integer"),
    ("uris", "uris", "string"),
)


def description(edition: Edition) -> str:
    return (
        f"Co-occurrence network of the persons named in {edition.name}. Nodes: the persons "
        "of the register (label: main name; birth and death: ISO 8601; mentions: how often "
        "the text, notes included, names them). Edges: two persons are linked when both are "
        "named in the same window, a window being one note, or else one paragraph-level "
        "block of the text (p, ab, head, l, item and the like) outside notes; a note is a "
        "window of its own, apart from the paragraph it is attached to. An edge's weight is "
        "the number of windows naming both persons."
    )


def cooccurrences(edition: Edition) -> Counter:
    """(person id, person id) -> number of windows naming both, the ids in sorted order."""
    windows: dict[etree._Element, set[str]] = defaultdict(set)
    for placed in edition.text_mentions:
        if placed.entry.kind == "person":
            windows[placed.window].add(placed.target)
    pairs: Counter = Counter()
    for persons in windows.values():
        pairs.update(combinations(sorted(persons), 2))
    return pairs


def _sub(parent: etree._Element, name: str, **attrs: str) -> etree._Element:
    return etree.SubElement(parent, f"{{{GEXF_NS}}}{name}", {k: v for k, v in attrs.items()})


def network_gexf(edition: Edition) -> bytes:
    root = etree.Element(
        f"{{{GEXF_NS}}}gexf",
        {f"{{{XSI_NS}}}schemaLocation": SCHEMA_LOCATION, "version": "1.3"},
        nsmap={None: GEXF_NS, "xsi": XSI_NS},
    )
    meta = _sub(root, "meta")
    _sub(meta, "creator").text = "teikit"
    _sub(meta, "description").text = description(edition)
    graph = _sub(root, "graph", mode="static", defaultedgetype="undirected")
    attributes = _sub(graph, "attributes", **{"class": "node", "mode": "static"})
    for ident, title, kind in NODE_ATTRIBUTES:
        _sub(attributes, "attribute", id=ident, title=title, type=kind)
    nodes = _sub(graph, "nodes")
    for entry in edition.entries("person"):
        node = _sub(nodes, "node", id=entry.id, label=entry.label)
        values = {
            "birth": dates_of(entry, "birth"),
            "death": dates_of(entry, "death"),
            "mentions": str(edition.mention_counts.get(entry.id, 0)),
            "uris": " ".join(uris(entry)),
        }
        attvalues = _sub(node, "attvalues")
        for ident, _title, _kind in NODE_ATTRIBUTES:
            if values[ident]:
                _sub(attvalues, "attvalue", **{"for": ident, "value": values[ident]})
    edges = _sub(graph, "edges")
    for (source, target), weight in sorted(cooccurrences(edition).items()):
        _sub(
            edges,
            "edge",
            id=f"{source}--{target}",
            source=source,
            target=target,
            weight=str(weight),
        )
    etree.indent(root, space="  ")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") + b"\n"


FIELDS = (
    ("node id, label", "the person's xml:id and main name"),
    ("birth, death", "ISO 8601 dates (node attributes)"),
    ("mentions", "how often the text, notes included, names the person"),
    ("uris", "authority URIs, space-separated"),
    ("edge weight", "the number of windows (a note, or a paragraph outside notes) naming both"),
)

register(
    Export(
        "network.gexf",
        "co-occurrence network of the persons (same paragraph or same note), GEXF 1.3",
        "Gephi, networkx, Cytoscape",
        network_gexf,
        FIELDS,
        lambda edition: (
            f"{len(edition.entries('person'))} nodes, {len(cooccurrences(edition))} edges"
        ),
    )
)
