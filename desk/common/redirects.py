"""Redirect targets that cannot leave the site."""

from urllib.parse import urlsplit


def safe_next(target: str | None, default: str) -> str:
    """Accept only a local absolute path: no scheme, no host, no '//' or backslash tricks."""
    if not target:
        return default
    target = target.strip()
    if any(ch in target for ch in ("\\", "\r", "\n", "\t")) or not target.startswith("/"):
        return default
    if target.startswith("//"):
        return default
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return default
    return target
