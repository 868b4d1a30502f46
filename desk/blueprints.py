"""Blueprints whose view modules are imported when the app registers them.

An area's package (desk.cases, desk.teams, ...) is imported as soon as one of its models is,
often in the middle of importing another area's models. Importing the views (which import the
access rules, which import models) at that moment would close an import cycle; importing them
at registration time, after desk.models has loaded every table, does not.
"""

from importlib import import_module

from flask import Blueprint


class AreaBlueprint(Blueprint):
    def __init__(self, *args, view_modules: tuple[str, ...] = ("views",), **kwargs):
        super().__init__(*args, **kwargs)
        self._view_modules = view_modules

    def register(self, app, options):
        package = self.import_name
        for module in self._view_modules:
            import_module(f"{package}.{module}")
        super().register(app, options)
