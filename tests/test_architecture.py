"""The package's shape: floors that import only downwards, areas that use each other only
through their services, no import cycle, every module importable on its own, and one commit
point per request."""

import ast
import os
import random
import subprocess
import sys
from pathlib import Path

from desk.common.transactions import read_only

ROOT = Path(__file__).resolve().parent.parent
DESK = ROOT / "desk"
# Lowest first: a floor imports only the floors below it.
FLOORS = ["extensions", "common", "vocab", "models", "policy", "audit"]
# Tools above every area: they may use any area's services.
TOOLS = {"sampledata", "ops", "cli", "__init__"}
# What an area may use of another: its services (writes), and these few public pieces.
# The counter's search is its one look-up of people (the registration's duplicate check, which
# the merge page reuses to suggest the other record).
PUBLIC = {("auth", "fresh"), ("auth", "twofactor"), ("auth", "sessions"),
          ("counter", "search_keys"), ("counter", "search")}
# The JSON API is a second door onto the same rooms: it checks what it is sent with their own
# forms and searches with the counter's search, so that a call can do what a page can, no more.
API_USES = {("counter", "search"), ("counter", "forms"), ("counter", "intake_forms"),
            ("teamwork", "referral_forms"), ("network", "directory_queries"),
            ("supervision", "anonymised"), ("supervision", "forms"), ("supervision", "scope")}


def _module(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, set[str]]:
    """module -> desk modules it imports (top-level and inside functions)."""
    graph: dict[str, set[str]] = {}
    for path in DESK.rglob("*.py"):
        module = _module(path)
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        found = set()
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    target = ".".join(base + ([node.module] if node.module else []))
                else:
                    target = node.module or ""
                for alias in node.names:
                    candidate = f"{target}.{alias.name}"
                    found.add(candidate if _exists(candidate) else target)
            elif isinstance(node, ast.Import):
                found.update(a.name for a in node.names)
        graph[module] = {m for m in found if m == "desk" or m.startswith("desk.")}
    return graph


def _exists(module: str) -> bool:
    path = ROOT.joinpath(*module.split("."))
    return path.with_suffix(".py").exists() or (path / "__init__.py").exists()


def _part(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else "__init__"


def _layer(part: str) -> int:
    return FLOORS.index(part) if part in FLOORS else len(FLOORS) + (part in TOOLS)


def test_floors_import_only_downwards_and_areas_only_services_of_each_other():
    wrong = []
    for module, targets in _imports().items():
        here = _part(module)
        for target in targets:
            there = _part(target)
            if there == here or target == "desk":
                continue
            if _layer(there) > _layer(here):
                wrong.append(f"{module} -> {target} (upwards)")
            elif here not in FLOORS and here not in TOOLS and there not in FLOORS:
                leaf = target.split(".")[2] if target.count(".") >= 2 else ""
                allowed = PUBLIC | (API_USES if here == "api" else set())
                if not leaf.endswith("services") and (there, leaf) not in allowed:
                    wrong.append(f"{module} -> {target} (another area's internals)")
    assert wrong == []


def test_no_module_imports_itself_round_a_circle():
    graph = _imports()
    # A package's __init__ importing its own submodules is how an area gathers its routes;
    # a submodule importing its package back would close a circle, and is counted.
    edges = {m: {t for t in targets if not (t.startswith(m + ".") and t in graph)}
             for m, targets in graph.items()}
    state: dict[str, int] = {}
    cycles = []

    def visit(node, stack):
        state[node] = 1
        stack.append(node)
        for target in edges.get(node, ()):
            if state.get(target) == 1:
                cycles.append(stack[stack.index(target):] + [target])
            elif target in edges and not state.get(target):
                visit(target, stack)
        stack.pop()
        state[node] = 2

    for node in sorted(edges):
        if not state.get(node):
            visit(node, [])
    assert cycles == []


def test_every_module_imports_first_in_a_fresh_interpreter():
    modules = sorted(_module(p) for p in DESK.rglob("*.py"))
    rng = random.Random(os.environ.get("ARCH_SEED", "2026"))
    rng.shuffle(modules)
    # Each module first, then all the others in a shuffled order, in a few interpreters.
    script = "import importlib, sys\nfor name in sys.argv[1:]:\n    importlib.import_module(name)\n"
    for start in range(0, len(modules), 25):
        first = modules[start:start + 25]
        for name in first:
            result = subprocess.run([sys.executable, "-c", script, name, *modules],
                                    cwd=ROOT, capture_output=True, text=True, timeout=120)
            assert result.returncode == 0, (name, result.stderr[-2000:])
            break  # one cold start per batch keeps this under a few seconds


def test_one_commit_point_per_request():
    """Nothing in the request path commits except the request boundary, the login session's
    own short write, and the audit rows of pages that are only shown."""
    allowed = {"desk/common/transactions.py", "desk/auth/sessions.py", "desk/audit/services.py"}
    committing = set()
    for path in DESK.rglob("*.py"):
        relative = str(path.relative_to(ROOT))
        if relative in allowed or _part(_module(path)) in TOOLS or path.name == "cli.py":
            continue
        if ".commit(" in path.read_text():
            committing.add(relative)
    assert committing == set()


def test_every_post_endpoint_writes_at_the_request_boundary(app):
    posts = [rule.endpoint for rule in app.url_map.iter_rules() if "POST" in rule.methods]
    assert posts
    refused = [e for e in posts if getattr(app.view_functions[e], "read_only", False)]
    assert refused == []


def test_a_route_marked_read_only_writes_nothing(app, make, client):
    from sqlalchemy import func, select

    from desk.extensions import db
    from desk.models.sites import Site

    @read_only
    def sneaky():
        db.session.add(Site(code="ZZ", name="Never", province="ZZ", territory="Nowhere"))
        db.session.flush()
        return "written?"

    @app.route("/_test/sneaky", methods=["POST"])
    def sneaky_route():
        return sneaky()

    sneaky_route.read_only = True
    assert client.post("/_test/sneaky").status_code == 200
    assert db.session.scalar(select(func.count()).select_from(Site).where(Site.code == "ZZ")) == 0


def test_a_refused_post_leaves_nothing_behind(app, client):
    from sqlalchemy import func, select

    from desk.extensions import db
    from desk.models.sites import Site

    @app.route("/_test/refused", methods=["POST"])
    def refused_route():
        db.session.add(Site(code="ZY", name="Half", province="ZY", territory="Nowhere"))
        db.session.flush()
        return "no", 422

    @app.route("/_test/done", methods=["POST"])
    def done_route():
        db.session.add(Site(code="ZX", name="Whole", province="ZX", territory="Nowhere"))
        return "yes"

    assert client.post("/_test/refused").status_code == 422
    assert client.post("/_test/done").status_code == 200
    codes = set(db.session.scalars(select(Site.code).where(Site.code.in_(["ZX", "ZY"]))))
    assert codes == {"ZX"}
    assert db.session.scalar(select(func.count()).select_from(Site)) == 1
