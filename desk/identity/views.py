"""The identity area's pages."""
