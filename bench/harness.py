"""A real server and browser-like clients for the soak and the benchmark.

`serve()` runs the app under gunicorn on a loopback port; `Browser` keeps one keep-alive
connection and its cookies, and submits forms the way a browser does (hidden fields, CSRF
token, selected options and ticked boxes), so the tests need no knowledge of field names
beyond the few they fill in.
"""

import http.client
import os
import re
import secrets
import signal
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

PROJECT = Path(__file__).resolve().parent.parent
# Forms of the page layout (language switch, sign-out), never the one a flow means.
LAYOUT_FORMS = ("/auth/locale", "/auth/logout")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serve(database_url: str, workers: int = 2, threads: int = 4, log_dir: Path | None = None,
          extra_env: dict | None = None):
    """Run `gunicorn wsgi:app` on 127.0.0.1 (free port); yields (port, error_log_path)."""
    port = free_port()
    log_dir = Path(log_dir or PROJECT / "instance" / "bench")
    log_dir.mkdir(parents=True, exist_ok=True)
    error_log = log_dir / f"gunicorn-{port}.log"
    # extra_env may name its own SECRET_KEY (instances that share sessions share the key).
    env = dict(os.environ, DATABASE_URL=database_url, SPORTELLO_CONFIG="development",
               SECRET_KEY=secrets.token_hex(16))
    env.update(extra_env or {})
    command = [sys.executable, "-m", "gunicorn", "wsgi:app", "--bind", f"127.0.0.1:{port}",
               "--workers", str(workers), "--threads", str(threads),
               "--worker-class", "gthread", "--error-logfile", str(error_log),
               "--log-level", "warning", "--timeout", "300"]
    # Recent gunicorn (27.0.1 here) opens a control socket at one fixed path per user: two servers
    # on one machine (two instances, or two test runs side by side) would fight over it.
    if _has_control_socket():
        command.append("--no-control-socket")
    # Its own process group, so that no worker outlives the run (seen under faketime: the
    # master gone, a worker still serving).
    process = subprocess.Popen(command, cwd=PROJECT, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        _wait_until_up(port, process, error_log)
        yield port, error_log
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass


def _has_control_socket() -> bool:
    from gunicorn.config import KNOWN_SETTINGS

    return any(setting.name == "control_socket_disable" for setting in KNOWN_SETTINGS)


def _wait_until_up(port: int, process: subprocess.Popen, error_log: Path) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError("gunicorn exited:\n" + error_log.read_text(errors="replace")[-3000:])
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
        try:
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return
        except OSError:
            pass
        finally:
            connection.close()
        time.sleep(0.2)
    raise RuntimeError("gunicorn did not answer /healthz within 60 s")


def server_errors(error_log: Path) -> list[str]:
    """Tracebacks gunicorn / Flask wrote to the error log (a 500 always leaves one)."""
    if not error_log.exists():
        return []
    text = error_log.read_text(errors="replace")
    return [block for block in text.split("\n[") if "Traceback" in block or "ERROR" in block]


@dataclass
class Form:
    action: str
    method: str
    fields: list[tuple[str, str]] = field(default_factory=list)  # what a browser would send
    names: set[str] = field(default_factory=set)  # every control, sent or not


class _FormParser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._select: tuple[str, bool] | None = None
        self._options: list[tuple[str, bool]] = []
        self._option_value: str | None = None
        self._textarea: str | None = None
        self._text = ""

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        if tag == "form":
            self.forms.append(Form(a.get("action", ""), a.get("method", "get").lower()))
        if not self.forms:
            return
        form = self.forms[-1]
        name = a.get("name")
        if tag == "input" and name:
            form.names.add(name)
            kind = a.get("type", "text").lower()
            if kind in ("submit", "button", "image", "reset", "file"):
                return
            if kind in ("checkbox", "radio") and "checked" not in a:
                return
            form.fields.append((name, a.get("value", "on" if kind == "checkbox" else "")))
        elif tag == "select" and name:
            form.names.add(name)
            self._select, self._options = (name, "multiple" in a), []
        elif tag == "option" and self._select:
            self._option_value = a.get("value")
            self._options.append((a.get("value", ""), "selected" in a))
            self._text = ""
        elif tag == "textarea" and name:
            form.names.add(name)
            self._textarea, self._text = name, ""

    def handle_data(self, data):
        self._text += data
        if self._select and self._option_value is None and self._options:
            value, selected = self._options[-1]
            self._options[-1] = (value or self._text.strip(), selected)

    def handle_endtag(self, tag):
        if tag == "select" and self._select and self.forms:
            name, multiple = self._select
            chosen = [v for v, selected in self._options if selected]
            if not chosen and not multiple and self._options:
                chosen = [self._options[0][0]]
            self.forms[-1].fields.extend((name, v) for v in chosen)
            self._select = None
        elif tag == "textarea" and self._textarea and self.forms:
            text = self._text[1:] if self._text.startswith("\n") else self._text
            text = self._text[2:] if self._text.startswith("\r\n") else text
            self.forms[-1].fields.append((self._textarea, text))
            self._textarea = None
        elif tag == "option":
            self._option_value = None


def parse_forms(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


@dataclass
class Response:
    status: int
    headers: dict
    body: bytes
    seconds: float
    url: str

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    @property
    def location(self) -> str | None:
        return self.headers.get("location")


class Browser:
    """One user's browser: a keep-alive connection to the server and its cookies."""

    def __init__(self, port: int, cookies: dict | None = None):
        self.port = port
        self.cookies: dict[str, str] = dict(cookies or {})
        self.connection: http.client.HTTPConnection | None = None

    def request(self, method: str, path: str, fields=None) -> Response:
        body = urlencode(fields, doseq=True).encode() if fields is not None else None
        headers = {"Accept-Language": "it", "Host": f"127.0.0.1:{self.port}"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if body is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in (1, 2):
            if self.connection is None:
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
            started = time.perf_counter()
            try:
                self.connection.request(method, path, body=body, headers=headers)
                raw = self.connection.getresponse()
                data = raw.read()
            except (http.client.RemoteDisconnected, ConnectionError, http.client.BadStatusLine):
                self.close()  # the server closed an idle keep-alive connection: reconnect once
                if attempt == 2:
                    raise
                continue
            elapsed = time.perf_counter() - started
            for name, value in raw.getheaders():
                if name.lower() == "set-cookie":
                    key, _, rest = value.partition("=")
                    cookie_value = rest.split(";", 1)[0]
                    if "max-age=0" in value.lower() or "expires=thu, 01 jan 1970" in value.lower():
                        self.cookies.pop(key.strip(), None)
                    else:
                        self.cookies[key.strip()] = cookie_value
            headers_out = {k.lower(): v for k, v in raw.getheaders()}
            return Response(raw.status, headers_out, data, elapsed, path)
        raise AssertionError("unreachable")

    def get(self, path: str, follow: bool = False) -> Response:
        response = self.request("GET", path)
        while follow and response.status in (301, 302, 303) and response.location:
            response = self.request("GET", _local(response.location))
        return response

    def post(self, path: str, fields) -> Response:
        return self.request("POST", path, fields)

    def submit(self, page: Response | str, fill: dict | None = None, form_index=None,
               has_field: str | None = None) -> Response:
        """Submit a form of `page` as a browser would, with `fill` replacing its values.

        A list value sends the name several times (ticked boxes); None removes the field.
        """
        if isinstance(page, str):
            page = self.get(page, follow=True)
        forms = [f for f in parse_forms(page.text)
                 if f.method == "post" and not f.action.endswith(LAYOUT_FORMS)]
        if has_field:
            forms = [f for f in forms if has_field in f.names]
        if not forms:
            raise LookupError(f"no matching form on {page.url} ({page.status})")
        form = forms[form_index or 0]
        fill = fill or {}
        fields = [(k, v) for k, v in form.fields if k not in fill]
        for key, value in fill.items():
            if value is None:
                continue
            fields.extend((key, v) for v in (value if isinstance(value, list) else [value]))
        action = urljoin(page.url, unescape(form.action) or page.url)
        return self.post(_local(action), fields)

    def login(self, email: str, password: str, totp_secret: str | None = None) -> None:
        response = self.submit("/auth/login", {"email": email, "password": password},
                               has_field="password")
        if response.status not in (302, 303):
            raise RuntimeError(f"sign-in of {email} refused ({response.status})")
        location = _local(response.location)
        if "two-factor" in location:
            import pyotp

            totp = pyotp.TOTP(totp_secret)
            for _attempt in range(2):
                page = self.get(location, follow=True)
                response = self.submit(page, {"code": totp.now()}, has_field="code")
                if response.status in (302, 303):
                    return
                # A code is accepted once: if this 30-second step's code was already used
                # (another sign-in of the same account), wait for the next one.
                time.sleep(totp.interval - time.time() % totp.interval + 0.5)
            raise RuntimeError(f"second factor of {email} refused ({response.status})")

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def _local(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + (f"?{parts.query}" if parts.query else "")


def first_int(pattern: str, text: str) -> int | None:
    match = re.search(pattern, text)
    return int(match.group(1)) if match else None
