"""The package reads in layers with arrows pointing one way (docs/architecture.md): a module may
import only from its own layer or the ones below (even inside a function or for type checking
only), and no two modules import each other when the program runs (inside functions too; a
type-checking import of a neighbour's class is no cycle: it never runs)."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "seoul_econ"

# layer → modules; a module not named here fails the test until it is given a layer.
LAYERS = {
    0: ("__init__", "errors", "hangul", "labels", "frozen", "models", "records", "machine", "schema"),
    1: ("yamlio", "quotes", "checker", "build", "proofs", "build_findings", "build_organisation", "search", "cache",
        "catalog", "files", "library", "coverage"),
    2: ("query", "divisions", "findings", "story", "export"),
    3: ("commands",),
    4: ("render",),
    5: ("spec", "fastlane", "runner", "outcome", "cli", "complete", "korean_help", "__main__"),
}
LAYER_OF = {module: layer for layer, modules in LAYERS.items() for module in modules}


def layer(module: str) -> int:
    """The layer of a dotted module name below seoul_econ (commands.answer → commands)."""
    return LAYER_OF[module.split(".")[0]]


def modules() -> dict[str, Path]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" and len(parts) > 1 else parts)] = path
    return found


def imports(name: str, path: Path, runtime_only: bool = False) -> set[str]:
    """The seoul_econ modules `name` imports, anywhere in its file (runtime_only: not counting
    the `if TYPE_CHECKING:` blocks)."""
    package = name.split(".")[:-1] if path.name != "__init__.py" else name.split(".")
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(inner) for node in ast.walk(tree) if isinstance(node, ast.If)
                   and isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"
                   for inner in ast.walk(node)}
    found = set()
    for node in ast.walk(tree):
        if runtime_only and id(node) in typing_only:
            continue
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package[:len(package) - node.level + 1] if node.level > 1 else package
                target = ".".join([*base, *(node.module.split(".") if node.module else [])])
            elif node.module and node.module.startswith("seoul_econ"):
                target = node.module.removeprefix("seoul_econ").lstrip(".")
            else:
                continue
            found.add(target or "__init__")
            for alias in node.names:   # `from . import query` imports the module query
                candidate = f"{target}.{alias.name}".lstrip(".")
                if candidate in modules() or candidate.split(".")[0] in LAYER_OF and not target:
                    found.add(candidate)
        elif isinstance(node, ast.Import):
            found.update(a.name.removeprefix("seoul_econ.") for a in node.names if a.name.startswith("seoul_econ."))
    return {module for module in found if module and module != name}


def test_every_module_has_a_layer():
    assert {name.split(".")[0] for name in modules()} <= set(LAYER_OF)


def test_imports_point_down_or_across_never_up():
    upward = [f"{name} (layer {layer(name)}) imports {target} (layer {layer(target)})"
              for name, path in modules().items() for target in imports(name, path)
              if target.split(".")[0] in LAYER_OF and layer(target) > layer(name)]
    assert not upward


def test_no_import_cycles():
    graph = {name: {t for t in imports(name, path, runtime_only=True) if t in modules()} for name, path in modules().items()}
    state: dict[str, str] = {}
    cycles: list[str] = []

    def visit(node: str, trail: list[str]) -> None:
        state[node] = "open"
        for target in graph[node]:
            if state.get(target) == "open":
                cycles.append(" → ".join([*trail[trail.index(target):], target]))
            elif target not in state:
                visit(target, [*trail, target])
        state[node] = "done"

    for name in graph:
        if name not in state:
            visit(name, [name])
    assert not cycles


def test_the_check_sees_an_upward_import(tmp_path):
    """The checker itself can fail: a model importing a renderer is reported."""
    fake = tmp_path / "models.py"
    fake.write_text("from .render import emit\n", encoding="utf-8")
    assert "render.emit" in imports("models", fake) or "render" in imports("models", fake)
