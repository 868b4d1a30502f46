"""The API's reference, readable in a browser: the OpenAPI document as a plain page, served
by the app itself (no CDN, no script)."""

from flask import Blueprint, render_template

from ..common.transactions import read_only
from ..extensions import api_spec

docs_bp = Blueprint("api_reference", __name__, template_folder="templates")

METHODS = ("get", "post", "put", "patch", "delete")


def _operations(spec: dict) -> list[dict]:
    found = []
    for path, item in spec.get("paths", {}).items():
        for method in METHODS:
            if method in item:
                found.append({"path": path, "method": method.upper(), **item[method]})
    return sorted(found, key=lambda op: ((op.get("tags") or [""])[0], op["path"], op["method"]))


@docs_bp.route("/api/v1/docs")
@read_only
def reference():
    spec = api_spec.spec.to_dict()
    return render_template("api/reference.html", spec=spec, operations=_operations(spec))
