"""`partways flow graph`: the flow drawn as Mermaid or Graphviz dot.

A consultancy reading a 1000-line flow file cannot see which answer opens which question, what
feeds the friction, or in which order the rules are tried. The graph shows exactly that: one box
per section holding its questions, dotted arrows for `when` (asked only if), each signal fed by
its question, and the rules as the chain the engine walks — first rule that holds decides.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from partways.flow import Flow
from partways.i18n import tr
from partways.present import verdict_label

FORMATS = ("mermaid", "dot")


@dataclass(frozen=True)
class Node:
    id: str
    label: str
    shape: str  # question, signal, rule, verdict, friction


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    label: str = ""
    dotted: bool = False


@dataclass
class Graph:
    groups: list[tuple[str, str, list[Node]]] = field(default_factory=list)  # id, title, nodes
    nodes: list[Node] = field(default_factory=list)  # outside any group
    edges: list[Edge] = field(default_factory=list)


def _id(prefix: str, name: str) -> str:
    return f"{prefix}_{re.sub(r'[^A-Za-z0-9_]', '_', name)}"


def flow_graph(flow: Flow, lang: str) -> Graph:
    """The nodes and edges, the same for both formats."""
    g = Graph()
    questions = {q.id for q in flow.questions}
    for section in flow.sections:
        nodes = [
            Node(_id("q", q.id), q.id, "question")
            for q in flow.questions
            if q.section == section.id
        ]
        if nodes:
            g.groups.append((_id("s", section.id), tr(section.title, lang), nodes))
    sectioned = {s.id for s in flow.sections}
    g.nodes += [
        Node(_id("q", q.id), q.id, "question") for q in flow.questions if q.section not in sectioned
    ]
    for q in flow.questions:
        if q.when is not None:
            for name in sorted(q.when.names & questions):
                g.edges.append(Edge(_id("q", name), _id("q", q.id), "when", dotted=True))
    g.nodes.append(Node("friction", "friction", "friction"))
    for s in flow.signals:
        sid = _id("sig", s.id)
        g.nodes.append(Node(sid, f"{s.id} ×{s.weight:g}", "signal"))
        feeds = sorted(s.active.names & questions) if s.active is not None else []
        for name in feeds or ([s.id] if s.id in questions else []):
            g.edges.append(Edge(_id("q", name), sid))
        g.edges.append(Edge(sid, "friction"))
    used = {r.verdict for r in flow.rules}
    for verdict in flow.verdicts:
        if verdict in used:
            g.nodes.append(Node(_id("v", verdict), verdict_label(flow, verdict, lang), "verdict"))
    for n, rule in enumerate(flow.rules, 1):
        rid = _id("r", rule.id)
        g.nodes.append(Node(rid, f"{n}. {rule.id}", "rule"))
        g.edges.append(Edge(rid, _id("v", rule.verdict), "yes"))
        if n < len(flow.rules):
            g.edges.append(Edge(rid, _id("r", flow.rules[n].id), "no"))
    if flow.rules:
        g.edges.append(Edge("friction", _id("r", flow.rules[0].id), "rules", dotted=True))
    return g


# -- Mermaid ---------------------------------------------------------------------------------

_MERMAID_SHAPES = {
    "question": ('["', '"]'),
    "signal": ('{{"', '"}}'),
    "rule": ('{"', '"}'),
    "verdict": ('(["', '"])'),
    "friction": ('(("', '"))'),
}


def _mermaid_text(text: str) -> str:
    return (
        text.replace("&", "#amp;").replace('"', "#quot;").replace("<", "#lt;").replace(">", "#gt;")
    )


def _mermaid_node(node: Node) -> str:
    start, end = _MERMAID_SHAPES[node.shape]
    return f"{node.id}{start}{_mermaid_text(node.label)}{end}"


def mermaid(graph: Graph) -> str:
    lines = ["flowchart TD"]
    for gid, title, nodes in graph.groups:
        lines.append(f'  subgraph {gid}["{_mermaid_text(title)}"]')
        lines += [f"    {_mermaid_node(n)}" for n in nodes]
        lines.append("  end")
    lines += [f"  {_mermaid_node(n)}" for n in graph.nodes]
    for e in graph.edges:
        arrow = "-.->" if e.dotted else "-->"
        label = f"|{_mermaid_text(e.label)}|" if e.label else ""
        lines.append(f"  {e.source} {arrow}{label} {e.target}")
    return "\n".join(lines) + "\n"


# -- Graphviz dot ----------------------------------------------------------------------------

_DOT_SHAPES = {
    "question": "box",
    "signal": "hexagon",
    "rule": "diamond",
    "verdict": "oval",
    "friction": "circle",
}


def _dot_text(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _dot_node(node: Node) -> str:
    return f"{node.id} [label={_dot_text(node.label)}, shape={_DOT_SHAPES[node.shape]}];"


def dot(graph: Graph, name: str) -> str:
    lines = [f"digraph {_dot_text(name)} {{", "  rankdir=TB;"]
    for gid, title, nodes in graph.groups:
        lines.append(f"  subgraph cluster_{gid} {{")
        lines.append(f"    label={_dot_text(title)};")
        lines += [f"    {_dot_node(n)}" for n in nodes]
        lines.append("  }")
    lines += [f"  {_dot_node(n)}" for n in graph.nodes]
    for e in graph.edges:
        attrs = []
        if e.label:
            attrs.append(f"label={_dot_text(e.label)}")
        if e.dotted:
            attrs.append("style=dashed")
        tail = f" [{', '.join(attrs)}]" if attrs else ""
        lines.append(f"  {e.source} -> {e.target}{tail};")
    lines.append("}")
    return "\n".join(lines) + "\n"


def render(flow: Flow, fmt: str = "mermaid", lang: str = "en") -> str:
    graph = flow_graph(flow, lang)
    return mermaid(graph) if fmt == "mermaid" else dot(graph, flow.id)
