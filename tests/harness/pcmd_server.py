"""A PcmdServer is one real `pcmd` process on a fresh store, driven over HTTP by tests.

The store is a new SQLite folder (`pcmd init --data DIR --units FILE`) or a new PostgreSQL
database `pcmd_test_<random>` created in the cluster named by `pg_url` (normally
$PCMD_TEST_PG_URL from tests/harness/with_postgres.sh). `start()` runs `pcmd serve` on a free
127.0.0.1 port and returns once `/api/health` answers; `stop()` sends SIGTERM and requires exit 0;
`kill()` sends SIGKILL; `start()` again serves the same store. `close()` stops the process and
removes the store (folder or database).

`config=` (TOML text) is written to `<workdir>/pcmd.toml` and passed as `--config`; `cli(ARGS)`
runs `pcmd ARGS <store args>` on the same store.

Every start's stderr goes to its own file; `sanitizer_reports()` finds AddressSanitizer,
LeakSanitizer and UndefinedBehaviorSanitizer reports in all of them and `stderr_tail()` gives what
to print when a test fails. The environment gets ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 and
UBSAN_OPTIONS=print_stacktrace=1 unless the caller set them.

Sessions: when `pcmd init` prints `first administrator: admin / PASSWORD` (the access module),
`admin_client()` signs in as that administrator, changes the one-time password when asked to, and
returns a Client that carries the session cookie and the CSRF token. Before the access module
exists it returns a plain client. `client()` is always anonymous.

Python 3 standard library only. Not thread-safe: one thread drives a PcmdServer; each thread uses
its own Client.
"""

from __future__ import annotations

import gzip
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.parse
from dataclasses import dataclass, field
from typing import Any, Iterable

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DEFAULT_UNITS = os.path.join(REPO_ROOT, "data", "units", "ninh-binh-units.csv")
DEFAULT_WEB = os.path.join(REPO_ROOT, "web", "dist")

SANITIZER_PATTERNS = (
    "ERROR: AddressSanitizer",
    "ERROR: LeakSanitizer",
    "runtime error:",
    "WARNING: ThreadSanitizer",
)

_FIRST_ADMIN = re.compile(r"first administrator:\s*(\S+)\s*/\s*(\S+)")


class HarnessError(AssertionError):
    """A failure of the server under test (not of the harness itself)."""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def sanitizer_env(env: dict[str, str] | None = None) -> dict[str, str]:
    env = dict(os.environ if env is None else env)
    env.setdefault("ASAN_OPTIONS", "detect_leaks=1:abort_on_error=1")
    env.setdefault("UBSAN_OPTIONS", "print_stacktrace=1")
    return env


# --------------------------------------------------------------------------------------------
# HTTP


@dataclass
class Response:
    """One HTTP reply. `raw` is the body as received; `body` is it after gzip decoding."""

    status: int
    reason: str
    headers: list[tuple[str, str]]
    raw: bytes
    method: str = ""
    path: str = ""

    def header(self, name: str) -> str | None:
        """The first header `name` (case-insensitive), or None."""
        name = name.lower()
        for k, v in self.headers:
            if k.lower() == name:
                return v
        return None

    def header_all(self, name: str) -> list[str]:
        name = name.lower()
        return [v for k, v in self.headers if k.lower() == name]

    @property
    def body(self) -> bytes:
        if (self.header("Content-Encoding") or "").lower() == "gzip":
            return gzip.decompress(self.raw)
        return self.raw

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", errors="replace")

    def json(self) -> Any:
        return json.loads(self.body.decode("utf-8"))

    def describe(self, limit: int = 2000, headers: bool = True) -> str:
        head = "\n".join(f"  {k}: {v}" for k, v in self.headers) if headers else ""
        try:
            body = self.text
        except Exception as e:  # undecodable gzip, for instance
            body = f"<{len(self.raw)} bytes, not decodable: {e}>"
        if len(body) > limit:
            body = body[:limit] + f"... ({len(body)} chars)"
        if not headers:
            return f"{self.method} {self.path} -> {self.status} {body}"
        return f"{self.method} {self.path} -> {self.status} {self.reason}\n{head}\n  {body}"


class Client:
    """A keep-alive HTTP/1.1 client for one server: JSON in and out, raw bytes when needed.

    `retry_stale`: a request that fails on a reused connection before any reply (the server closed
    an idle keep-alive connection) is sent once more on a fresh connection. Crash tests turn it
    off, because after a kill a resent write is not the write that was acknowledged.
    """

    def __init__(self, host: str, port: int, timeout: float = 30.0, retry_stale: bool = True):
        self.host, self.port, self.timeout, self.retry_stale = host, port, timeout, retry_stale
        self._conn: http.client.HTTPConnection | None = None
        self._used = False
        self.cookies: dict[str, str] = {}
        self.csrf_token: str | None = None
        self.user: dict | None = None

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
        self._conn, self._used = None, False

    def __enter__(self) -> "Client":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _connection(self) -> http.client.HTTPConnection:
        if self._conn is None:
            self._conn = http.client.HTTPConnection(self.host, self.port, timeout=self.timeout)
            self._used = False
        return self._conn

    def request(self, method: str, path: str, body: Any = None, headers: dict[str, str] | None = None,
                raw: bytes | str | None = None, json_body: bool = True) -> Response:
        """Sends one request. `body` (any JSON value) is encoded as JSON; `raw` is sent as is."""
        hdrs = {"Accept": "application/json"}
        payload: bytes | None = None
        if raw is not None:
            payload = raw.encode("utf-8") if isinstance(raw, str) else raw
        elif body is not None and json_body:
            payload = json.dumps(body, ensure_ascii=False).encode("utf-8")
        if payload is not None:
            hdrs["Content-Type"] = "application/json"
        if self.cookies:
            hdrs["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.csrf_token and method.upper() in ("POST", "PUT", "PATCH", "DELETE"):
            hdrs["X-CSRF-Token"] = self.csrf_token
        for k, v in (headers or {}).items():
            # A header given as None removes a default (e.g. {"X-CSRF-Token": None}).
            for existing in [e for e in hdrs if e.lower() == k.lower()]:
                del hdrs[existing]
            if v is not None:
                hdrs[k] = v
        attempts = 2 if self.retry_stale else 1
        for attempt in range(attempts):
            conn = self._connection()
            reused = self._used
            try:
                conn.request(method, path, body=payload, headers=hdrs)
                r = conn.getresponse()
                data = r.read()
            except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError,
                    http.client.CannotSendRequest, http.client.BadStatusLine):
                self.close()
                if reused and attempt + 1 < attempts:
                    continue
                raise
            except Exception:
                self.close()
                raise
            self._used = True
            resp = Response(r.status, r.reason, list(r.getheaders()), data, method, path)
            if r.will_close:
                self.close()
            self._remember_cookies(resp)
            return resp
        raise AssertionError("unreachable")

    def _remember_cookies(self, resp: Response) -> None:
        for line in resp.header_all("Set-Cookie"):
            first = line.split(";", 1)[0]
            if "=" not in first:
                continue
            name, value = first.split("=", 1)
            name, value = name.strip(), value.strip()
            attrs = line.lower()
            if value == "" or "max-age=0" in attrs or "expires=thu, 01 jan 1970" in attrs:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value

    def get(self, path: str, **kw) -> Response:
        return self.request("GET", path, **kw)

    def post(self, path: str, body: Any = None, **kw) -> Response:
        return self.request("POST", path, body, **kw)

    def patch(self, path: str, body: Any = None, **kw) -> Response:
        return self.request("PATCH", path, body, **kw)

    def delete(self, path: str, **kw) -> Response:
        return self.request("DELETE", path, **kw)

    def get_json(self, path: str, expect: int = 200) -> Any:
        r = self.get(path)
        if r.status != expect:
            raise HarnessError(f"expected {expect}:\n{r.describe()}")
        return r.json()

    def login(self, username: str, password: str, totp: str | None = None) -> Response:
        body = {"username": username, "password": password}
        if totp is not None:
            body["totp"] = totp
        r = self.post("/api/auth/login", body)
        if r.status == 200:
            out = r.json()
            self.csrf_token = out.get("csrf_token")
            self.user = out.get("user")
        return r


# --------------------------------------------------------------------------------------------
# The server


@dataclass
class _Run:
    proc: subprocess.Popen
    stderr_path: str
    stdout_path: str
    started_at: float = field(default_factory=time.monotonic)


class PcmdServer:
    """See the module docstring. `engine` is "sqlite" or "postgresql"."""

    def __init__(self, binary: str, engine: str = "sqlite", pg_url: str | None = None,
                 units: str | None = DEFAULT_UNITS, web: str | None = DEFAULT_WEB,
                 threads: int | None = None, extra_args: Iterable[str] = (),
                 env: dict[str, str] | None = None, keep: bool = False, name: str = "pcmd",
                 config: str | None = None):
        if engine not in ("sqlite", "postgresql"):
            raise ValueError(f"unknown engine {engine!r}")
        self.binary = os.path.abspath(binary)
        if not os.access(self.binary, os.X_OK):
            raise HarnessError(f"pcmd binary not found or not executable: {self.binary}")
        self.engine = engine
        self.units = units
        self.web = web
        self.threads = threads
        self.extra_args = list(extra_args)
        self.env = sanitizer_env(env)
        self.keep = keep or os.environ.get("PCMD_TEST_KEEP") == "1"
        self.workdir = tempfile.mkdtemp(prefix=f"{name}-{engine}-")
        self.data_dir = os.path.join(self.workdir, "data")
        self.host = "127.0.0.1"
        self.port: int | None = None
        self.runs: list[_Run] = []
        self.init_output = ""
        self.admin_username: str | None = None
        self.admin_password: str | None = None
        self.db_url: str | None = None
        self.db_name: str | None = None
        self.cluster_url: str | None = None
        if engine == "postgresql":
            self.cluster_url = pg_url or os.environ.get("PCMD_TEST_PG_URL")
            if not self.cluster_url:
                raise HarnessError("engine postgresql needs PCMD_TEST_PG_URL "
                                   "(run under tests/harness/with_postgres.sh)")
        self._initialised = False
        self.config_path: str | None = None
        if config is not None:
            # A TOML configuration file for `pcmd serve --config` (e.g. a 2-s idle timeout).
            self.config_path = os.path.join(self.workdir, "pcmd.toml")
            with open(self.config_path, "w", encoding="utf-8") as f:
                f.write(config)
            self.extra_args += ["--config", self.config_path]

    # ---- store ------------------------------------------------------------------------------

    def store_args(self) -> list[str]:
        return ["--db", self.db_url] if self.engine == "postgresql" else ["--data", self.data_dir]

    def _create_pg_database(self) -> None:
        self.db_name = "pcmd_test_" + secrets.token_hex(6)
        run_psql(self.cluster_url, f'CREATE DATABASE "{self.db_name}"')
        parts = urllib.parse.urlsplit(self.cluster_url)
        self.db_url = urllib.parse.urlunsplit(parts._replace(path="/" + self.db_name))

    def init(self) -> str:
        """Creates the store and imports the units; returns init's output (stdout + stderr)."""
        if self.engine == "postgresql":
            self._create_pg_database()
        else:
            os.makedirs(self.data_dir, exist_ok=True)
        args = [self.binary, "init", *self.store_args()]
        if self.units:
            args += ["--units", self.units]
        p = subprocess.run(args, cwd=REPO_ROOT, env=self.env, capture_output=True, timeout=120)
        out = p.stdout.decode("utf-8", "replace")
        err = p.stderr.decode("utf-8", "replace")
        self.init_output = out + err
        with open(os.path.join(self.workdir, "init.log"), "w") as f:
            f.write(f"$ {' '.join(args)}\n--- stdout\n{out}\n--- stderr\n{err}\n")
        if p.returncode != 0:
            raise HarnessError(f"pcmd init exited {p.returncode}:\n{out}\n{err[-4000:]}")
        for report in _sanitizer_lines(err):
            raise HarnessError(f"pcmd init: sanitizer report: {report}\n{err[-4000:]}")
        m = _FIRST_ADMIN.search(self.init_output)
        if m:
            self.admin_username, self.admin_password = m.group(1), m.group(2)
        self._initialised = True
        return self.init_output

    def sql(self, query: str) -> list[list[str]]:
        """Runs one read query on the store with the engine's own CLI; rows of text fields."""
        if self.engine == "postgresql":
            out = run_psql(self.db_url, query)
        else:
            db = os.path.join(self.data_dir, "pcmd.sqlite")
            p = subprocess.run(["sqlite3", "-batch", "-noheader", "-separator", "\x1f",
                                "-cmd", ".timeout 10000", db, query],
                               capture_output=True, timeout=120)
            if p.returncode != 0:
                raise HarnessError(f"sqlite3 failed on {query!r}: {p.stderr.decode(errors='replace')}")
            out = p.stdout.decode("utf-8")
        return [line.split("\x1f") for line in out.splitlines() if line != ""]

    def cli(self, *args: str, input: str | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
        """Runs `pcmd ARGS... <store args>` (text mode) with the harness's environment."""
        return subprocess.run([self.binary, *args, *self.store_args()], cwd=REPO_ROOT, env=self.env,
                              input=input, capture_output=True, text=True, timeout=timeout)

    # ---- process ----------------------------------------------------------------------------

    def start(self, timeout: float = 60.0) -> "PcmdServer":
        if not self._initialised:
            self.init()
        if self.running:
            raise HarnessError("server already running")
        last_error = ""
        for _ in range(5):  # a free port can be taken by someone else before pcmd binds it
            port = self.port if self.port is not None else free_port()  # restarts keep it
            n = len(self.runs)
            err_path = os.path.join(self.workdir, f"serve-{n}.stderr")
            out_path = os.path.join(self.workdir, f"serve-{n}.stdout")
            args = [self.binary, "serve", *self.store_args(), "--listen", f"{self.host}:{port}"]
            if self.web:
                args += ["--web", self.web]
            if self.threads:
                args += ["--threads", str(self.threads)]
            args += self.extra_args
            with open(err_path, "wb") as err, open(out_path, "wb") as out:
                proc = subprocess.Popen(args, cwd=REPO_ROOT, env=self.env, stdout=out, stderr=err,
                                        stdin=subprocess.DEVNULL)
            run = _Run(proc, err_path, out_path)
            self.runs.append(run)
            self.port = port
            if self._wait_healthy(run, timeout):
                return self
            last_error = self.stderr_tail(30)
            if proc.poll() is None:
                self._hard_kill(proc)
                raise HarnessError(f"pcmd serve did not become healthy in {timeout}s:\n{last_error}")
            if not re.search(r"address already in use|bind", last_error, re.I):
                break
            self.port = None
        raise HarnessError(f"pcmd serve exited with {self.runs[-1].proc.returncode} before "
                           f"answering /api/health:\n{last_error}")

    def _wait_healthy(self, run: _Run, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if run.proc.poll() is not None:
                return False
            try:
                with Client(self.host, self.port, timeout=2.0) as c:
                    r = c.get("/api/health")
                    if r.status == 200:
                        return True
            except OSError:
                pass
            except http.client.HTTPException:
                pass
            time.sleep(0.05)
        return False

    @property
    def running(self) -> bool:
        return bool(self.runs) and self.runs[-1].proc.poll() is None

    @property
    def pid(self) -> int | None:
        return self.runs[-1].proc.pid if self.running else None

    def stop(self, timeout: float = 30.0, expect_exit: int | None = 0) -> int:
        """SIGTERM, wait, and (by default) require exit status 0."""
        if not self.runs:
            return 0
        proc = self.runs[-1].proc
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self._hard_kill(proc)
                raise HarnessError(f"pcmd did not exit within {timeout}s of SIGTERM:\n"
                                   f"{self.stderr_tail()}")
        rc = proc.returncode
        if expect_exit is not None and rc != expect_exit:
            raise HarnessError(f"pcmd exited {rc} after SIGTERM (expected {expect_exit}):\n"
                               f"{self.stderr_tail()}")
        return rc

    def kill(self) -> None:
        """SIGKILL: the crash. The store is left as the kill found it."""
        if self.runs and self.runs[-1].proc.poll() is None:
            self._hard_kill(self.runs[-1].proc)

    @staticmethod
    def _hard_kill(proc: subprocess.Popen) -> None:
        try:
            proc.send_signal(signal.SIGKILL)
        except ProcessLookupError:
            pass
        proc.wait()

    def restart(self, timeout: float = 60.0) -> "PcmdServer":
        self.stop()
        return self.start(timeout)

    def close(self, check_exit: bool = True) -> None:
        """Stops the server (SIGTERM, exit 0 when `check_exit`) and removes the store."""
        try:
            if self.running:
                self.stop(expect_exit=0 if check_exit else None)
        finally:
            if self.keep:
                print(f"[pcmd_server] kept {self.workdir}" +
                      (f" and database {self.db_name}" if self.db_name else ""))
            else:
                if self.db_name:
                    try:
                        run_psql(self.cluster_url, f'DROP DATABASE IF EXISTS "{self.db_name}" WITH (FORCE)')
                    except HarnessError as e:
                        print(f"[pcmd_server] warning: {e}")
                shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self) -> "PcmdServer":
        return self.start()

    def __exit__(self, exc_type, exc, tb) -> None:
        self.close(check_exit=exc_type is None)

    # ---- diagnostics ------------------------------------------------------------------------

    def stderr_of_all_runs(self) -> str:
        parts = []
        for i, run in enumerate(self.runs):
            try:
                with open(run.stderr_path, "rb") as f:
                    parts.append(f.read().decode("utf-8", "replace"))
            except FileNotFoundError:
                pass
        return "\n".join(parts)

    def stderr_tail(self, lines: int = 40) -> str:
        """The last `lines` lines of the latest start's stderr (and init's, before any start)."""
        if not self.runs:
            return self.init_output[-8000:]
        with open(self.runs[-1].stderr_path, "rb") as f:
            text = f.read().decode("utf-8", "replace")
        tail = text.splitlines()[-lines:]
        rc = self.runs[-1].proc.poll()
        state = "running" if rc is None else f"exited {rc}"
        return f"--- pcmd stderr (start #{len(self.runs) - 1}, {state}), last {len(tail)} lines:\n" + \
            "\n".join(tail)

    def sanitizer_reports(self) -> list[str]:
        """Sanitizer report lines in init's and every start's stderr."""
        return _sanitizer_lines(self.init_output + "\n" + self.stderr_of_all_runs())

    def check_sanitizers(self) -> None:
        reports = self.sanitizer_reports()
        if reports:
            raise HarnessError("sanitizer reports in pcmd's stderr:\n  " + "\n  ".join(reports[:20]) +
                               "\n" + self.sanitizer_context())

    def sanitizer_context(self, lines: int = 60) -> str:
        text = self.init_output + "\n" + self.stderr_of_all_runs()
        all_lines = text.splitlines()
        for i, line in enumerate(all_lines):
            if any(p in line for p in SANITIZER_PATTERNS):
                return "--- first sanitizer report:\n" + "\n".join(all_lines[max(0, i - 3):i + lines])
        return ""

    # ---- clients ----------------------------------------------------------------------------

    def client(self, timeout: float = 30.0, retry_stale: bool = True) -> Client:
        """An anonymous keep-alive client."""
        if self.port is None:
            raise HarnessError("server not started")
        return Client(self.host, self.port, timeout=timeout, retry_stale=retry_stale)

    @property
    def has_accounts(self) -> bool:
        return self.admin_password is not None

    def admin_client(self, timeout: float = 30.0, retry_stale: bool = True) -> Client:
        """A client signed in as the first administrator (anonymous when there are no accounts)."""
        c = self.client(timeout, retry_stale)
        if not self.has_accounts:
            return c
        r = c.login(self.admin_username, self.admin_password)
        if r.status != 200:
            raise HarnessError(f"admin login failed:\n{r.describe()}\n{self.stderr_tail()}")
        if r.json().get("must_change_password"):
            new_password = "Test-" + secrets.token_urlsafe(18)
            r = c.post("/api/auth/password",
                       {"current_password": self.admin_password, "new_password": new_password})
            if r.status != 200:
                raise HarnessError(f"admin password change failed:\n{r.describe()}")
            self.admin_password = new_password
            c.cookies.clear()
            c.csrf_token = None
            r = c.login(self.admin_username, self.admin_password)
            if r.status != 200:
                raise HarnessError(f"admin login after password change failed:\n{r.describe()}")
        return c


def run_psql(url: str, sql: str) -> str:
    """Runs one statement with psql (unaligned, tuples only, fields split by \\x1f)."""
    p = subprocess.run(["psql", url, "-X", "-q", "-A", "-t", "-F", "\x1f", "-v", "ON_ERROR_STOP=1",
                        "-c", sql], capture_output=True, timeout=120)
    if p.returncode != 0:
        raise HarnessError(f"psql failed on {sql!r}: {p.stderr.decode(errors='replace')}")
    return p.stdout.decode("utf-8")


def _sanitizer_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if any(p in line for p in SANITIZER_PATTERNS)]
