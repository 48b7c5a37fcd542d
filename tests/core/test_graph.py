"""`flow graph`: Mermaid and dot output that parses, with every part of the flow in it, and the
README's graph equal to what the command prints."""

from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest

from partways.flow import load_flow
from partways.graph import render

ROOT = Path(__file__).resolve().parents[2]
ID = r"[A-Za-z][A-Za-z0-9_]*"
SHAPES = [
    r'\["(?P<a>[^"]*)"\]',
    r'\{\{"(?P<b>[^"]*)"\}\}',
    r'\{"(?P<c>[^"]*)"\}',
    r'\(\["(?P<d>[^"]*)"\]\)',
    r'\(\("(?P<e>[^"]*)"\)\)',
]
MERMAID_NODE = re.compile(rf"^(?P<id>{ID})(?:{'|'.join(SHAPES)})$")
MERMAID_EDGE = re.compile(
    rf"^(?P<src>{ID}) (?:-->|-\.->)(?:\|(?P<label>[^|\"]+)\|)? (?P<dst>{ID})$"
)
MERMAID_GROUP = re.compile(rf'^subgraph (?P<id>{ID})\["[^"]*"\]$')


def parse_mermaid(text: str) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """Nodes (id → label) and edges of our Mermaid subset; any other line fails the test."""
    lines = text.splitlines()
    assert lines[0] == "flowchart TD"
    nodes: dict[str, str] = {}
    edges: list[tuple[str, str, str]] = []
    depth = 0
    for line in lines[1:]:
        line = line.strip()
        if m := MERMAID_GROUP.match(line):
            depth += 1
            assert m["id"] not in nodes
            continue
        if line == "end":
            depth -= 1
            assert depth >= 0
            continue
        if m := MERMAID_NODE.match(line):
            assert m["id"] not in nodes, f"declared twice: {m['id']}"
            nodes[m["id"]] = next(m[g] for g in "abcde" if m[g] is not None)
            continue
        m = MERMAID_EDGE.match(line)
        assert m, f"not a node, edge or subgraph line: {line!r}"
        edges.append((m["src"], m["dst"], m["label"] or ""))
    assert depth == 0
    return nodes, edges


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_mermaid_declares_every_node_it_links(lang):
    flow = load_flow()
    nodes, edges = parse_mermaid(render(flow, "mermaid", lang))
    for src, dst, _ in edges:
        assert src in nodes and dst in nodes, (src, dst)
    # every question, signal and rule is drawn; the rules are chained in order
    assert {f"q_{q.id}" for q in flow.questions} <= nodes.keys()
    assert {f"sig_{s.id}" for s in flow.signals} <= nodes.keys()
    chain = [(a, b) for a, b, label in edges if label == "no"]
    rules = [f"r_{r.id}" for r in flow.rules]
    assert chain == list(itertools.pairwise(rules))
    decides = {a: b for a, b, label in edges if label == "yes"}
    assert decides == {f"r_{r.id}": f"v_{r.verdict}" for r in flow.rules}
    assert nodes["r_healthy"] == f"{len(flow.rules)}. healthy"
    # `when`: boundaries_set opens boundary_reaction
    assert ("q_boundaries_set", "q_boundary_reaction", "when") in edges


def test_mermaid_escapes_quotes_in_labels(tmp_path):
    text = (ROOT / "flows" / "client-review.yaml").read_text(encoding="utf-8")
    old = "en: Keep the client}"
    assert old in text
    text = text.replace(old, 'en: Keep the "good" <client>}', 1)
    flow_path = tmp_path / "flow.yaml"
    flow_path.write_text(text, encoding="utf-8")
    flow = load_flow(flow_path)
    nodes, _ = parse_mermaid(render(flow, "mermaid", "en"))
    assert nodes["v_keep"] == "Keep the #quot;good#quot; #lt;client#gt;"
    assert 'label="Keep the \\"good\\" <client>"' in render(flow, "dot", "en")


DOT_NODE = re.compile(rf'^(?P<id>{ID}) \[label="(?:[^"\\]|\\.)*", shape=\w+\];$')
DOT_EDGE = re.compile(rf"^(?P<src>{ID}) -> (?P<dst>{ID})(?: \[[^\]]*\])?;$")


def test_dot_declares_every_node_and_balances_braces():
    flow = load_flow()
    text = render(flow, "dot", "en")
    assert text.count("{") == text.count("}")
    depth = 0
    nodes: set[str] = set()
    edges: list[tuple[str, str]] = []
    for line in text.splitlines():
        line = line.strip()
        depth += line.count("{") - line.count("}")
        assert depth >= 0
        if m := DOT_NODE.match(line):
            nodes.add(m["id"])
        elif m := DOT_EDGE.match(line):
            edges.append((m["src"], m["dst"]))
    assert depth == 0
    assert edges
    for src, dst in edges:
        assert src in nodes and dst in nodes, (src, dst)
    _, mermaid_edges = parse_mermaid(render(flow, "mermaid", "en"))
    assert len(edges) == len(mermaid_edges)


def test_readme_graph_is_the_commands_output():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"<!-- flow-graph -->\n```mermaid\n(.*?)```\n", readme, re.S)
    assert block, "README lacks the built-in flow's graph"
    assert block[1] == render(load_flow(), "mermaid", "en")
