#!/usr/bin/env python3
"""run_scenarios.py: runs API scenario files (tests/api/*.test) against a real pcmd.

    run_scenarios.py --bin build/dev/src/app/pcmd [--engine sqlite|postgresql] [-j N] [-v] FILES...

Each file gets its own server on a fresh store (Ninh Bình units loaded), started with
tests/harness/pcmd_server.py; `--engine postgresql` needs PCMD_TEST_PG_URL (run it under
tests/harness/with_postgres.sh). At the end of a file the server is stopped with SIGTERM and must
exit 0, and its stderr must hold no sanitizer report. Exit status: 0 when every block of every file
passed, 1 otherwise.

THE FORMAT (in the style of DuckDB's sqllogictest `.test` files)
================================================================

A file is a sequence of blocks separated by blank lines. Lines starting with `#` are comments
(except inside a request body, which runs verbatim up to `----`).

    # rename keeps the old name before the effective date
    request PATCH /api/units/14347
    {"change": "rename", "effective": "2024-07-01", "name": "Xã Ninh Nhất Mới"}
    ----
    status 200
    json-subset {"code": "14347", "name": "Xã Ninh Nhất Mới"}

A block is `request METHOD TARGET`, then optional request lines, then `----`, then expectations.
TARGET is sent with spaces and non-ASCII characters percent-encoded (UTF-8), so
`request GET /api/units?q=NINH NHẤT` works; `%XX` already present is kept.

Request lines (before `----`):
    header NAME: VALUE     adds a request header (`header NAME:` with nothing after the colon
                           removes a header the client would send, e.g. the CSRF token)
    body-size N            the body is a generated JSON object of exactly N bytes
    body-escaped TEXT      the body is TEXT with Python bytes escapes (\\xNN) decoded: for bytes
                           that are not UTF-8
    anything else          body text, sent verbatim (lines joined with "\\n"); no body when there
                           are no such lines

Expectations (after `----`, until a blank line):
    status N               the reply status is N
    json-subset JSON       the reply body contains JSON (the definition is below)
    json-equal JSON        the reply body is exactly JSON
    json-path EXPR OP VALUE   a check on part of the reply (below)
    header NAME: VALUE     the reply has header NAME (any case) equal to VALUE
    header-present NAME    the reply has header NAME
    header-absent NAME     the reply has no header NAME
    header-contains NAME: TEXT      header NAME contains TEXT
    header-not-matches NAME: REGEX  header NAME is present and REGEX (Python re) does not match it
    body-contains TEXT     the decoded body contains TEXT
    body-not-contains TEXT the decoded body does not contain TEXT
    body-matches REGEX     the decoded body matches REGEX (Python re, re.search; `(?m)` for lines,
                           `^\ufeff` for a byte order mark)
    capture-body NAME      stores the decoded body (a CSV export, say) for later `${NAME}`
    gzip                   the reply is gzip-encoded (Content-Encoding: gzip) and decodes
    not-gzip               the reply is not gzip-encoded
    capture NAME EXPR      stores the value at EXPR for later `${NAME}` (see below)
JSON after json-subset/json-equal may continue over the next lines until it parses.
Without a `status` line any status below 500 passes; 5xx always fails unless stated.

Top-level directives (outside blocks):
    require engine NAME    skip the whole file unless --engine is NAME
    session admin          later requests are signed in as the first administrator (the default;
                           until the binary has accounts, this is the same as anonymous)
    session anonymous      later requests carry no session cookie and no CSRF token
    session ROLE@UNIT      later requests are signed in as an account of role ROLE at unit UNIT
                           (e.g. `session province_officer@37`), made for the file the first time
                           with `pcmd user add sc.ROLE.UNIT --keep-password` and signed in with
                           TOTP enrolment when the role needs it (tests/harness/access_kit.py);
                           its id is `${ACCOUNT_ROLE_UNIT}` (e.g. `${ACCOUNT_province_officer_37}`)
    always EXPECTATION     EXPECTATION is checked on every later reply in the file too
                           (e.g. `always header X-Content-Type-Options: nosniff`)

json-subset — "the reply contains this JSON":
  * an object matches an object that has every key it lists, each value matching recursively;
    keys it does not list are ignored;
  * an array matches an array at least as long, element i matching element i, in order, for the
    listed prefix (`[]` matches any array; use `json-path len($.items) == N` for an exact length);
  * a string, number, boolean or null matches an equal value of the same JSON type (1 matches 1.0;
    1 does not match true; null matches only null).

json-path EXPR OP VALUE:
  EXPR is `$` followed by `.key`, `["key"]`, `[N]` (N may be negative) or `[*]` (every element),
  or `len(EXPR)` for the length of an array, object or string. With `[*]` every selected value
  must pass and there must be at least one. OP is one of:
    ==  !=  <  <=  >  >=    compare with VALUE (JSON)
    contains VALUE          string contains the string VALUE, or array has an element == VALUE
    has JSON                array has an element that json-subset-matches JSON
    matches REGEX           string matches the regex (re.search)
    exists / absent         the path selects something / nothing (no VALUE)

Substitutions: `${NAME}` in targets, headers, bodies and expectations is replaced by a captured
value (strings as is, other values as JSON), `${TODAY}` by today's date (YYYY-MM-DD) and
`${ENGINE}` by the engine (sqlite or postgresql).
"""

from __future__ import annotations

import argparse
import codecs
import concurrent.futures
import datetime
import gzip
import json
import os
import re
import sys
import threading
import time
import traceback
import urllib.parse
from dataclasses import dataclass, field
from typing import Any

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "harness"))
import pcmd_server  # noqa: E402
import access_kit  # noqa: E402

_ROLE_SESSION = re.compile(r"^([a-z_]+)@([0-9]+)$")


class ScenarioError(Exception):
    pass


# --------------------------------------------------------------------------------------------
# Matching



def vietnam_today() -> datetime.date:
    """Today in Vietnam (UTC+7), the day pcmd dates things by (base::Date::Today), whatever the
    machine's time zone: between 17:00 and 24:00 UTC it is already tomorrow there."""
    return (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=7)).date()

def json_type(v: Any) -> str:
    if v is None:
        return "null"
    if isinstance(v, bool):
        return "boolean"
    if isinstance(v, (int, float)):
        return "number"
    if isinstance(v, str):
        return "string"
    if isinstance(v, list):
        return "array"
    return "object"


def subset_mismatch(expected: Any, actual: Any, where: str = "$") -> str | None:
    """None when `actual` contains `expected` (see the module docstring), else where it differs."""
    et, at = json_type(expected), json_type(actual)
    if et != at:
        return f"{where}: expected {et} {json.dumps(expected, ensure_ascii=False)[:200]}, " \
               f"got {at} {json.dumps(actual, ensure_ascii=False)[:200]}"
    if et == "object":
        for k, v in expected.items():
            if k not in actual:
                return f"{where}: missing key {k!r} (keys: {sorted(actual)[:30]})"
            m = subset_mismatch(v, actual[k], f"{where}.{k}")
            if m:
                return m
        return None
    if et == "array":
        if len(actual) < len(expected):
            return f"{where}: expected at least {len(expected)} elements, got {len(actual)}"
        for i, v in enumerate(expected):
            m = subset_mismatch(v, actual[i], f"{where}[{i}]")
            if m:
                return m
        return None
    if expected != actual:
        return f"{where}: expected {json.dumps(expected, ensure_ascii=False)}, " \
               f"got {json.dumps(actual, ensure_ascii=False)}"
    return None


def json_equal(a: Any, b: Any) -> bool:
    return json_type(a) == json_type(b) and (
        all(json_equal(x, y) for x, y in zip(a, b)) and len(a) == len(b) if isinstance(a, list) else
        (a.keys() == b.keys() and all(json_equal(a[k], b[k]) for k in a)) if isinstance(a, dict) else
        a == b)


_MISSING = object()
_TOKEN = re.compile(r'\.([A-Za-z_][A-Za-z0-9_\-]*)|\[(-?\d+)\]|\[\*\]|\["((?:[^"\\]|\\.)*)"\]')


def select(expr: str, doc: Any) -> tuple[list[Any], bool]:
    """Values selected by EXPR, and whether EXPR had a wildcard."""
    expr = expr.strip()
    if expr.startswith("len(") and expr.endswith(")"):
        values, wild = select(expr[4:-1], doc)
        out = []
        for v in values:
            if not isinstance(v, (list, dict, str)):
                raise ScenarioError(f"len() of a {json_type(v)} in {expr}")
            out.append(len(v))
        return out, wild
    if not expr.startswith("$"):
        raise ScenarioError(f"a path starts with $: {expr!r}")
    pos, current, wild = 1, [doc], False
    while pos < len(expr):
        m = _TOKEN.match(expr, pos)
        if not m:
            raise ScenarioError(f"cannot parse path {expr!r} at {expr[pos:]!r}")
        nxt = []
        for v in current:
            if m.group(1) is not None or m.group(3) is not None:
                key = m.group(1) if m.group(1) is not None else json.loads(f'"{m.group(3)}"')
                if isinstance(v, dict) and key in v:
                    nxt.append(v[key])
            elif m.group(2) is not None:
                i = int(m.group(2))
                if isinstance(v, list) and -len(v) <= i < len(v):
                    nxt.append(v[i])
            else:
                wild = True
                if isinstance(v, list):
                    nxt.extend(v)
                elif isinstance(v, dict):
                    nxt.extend(v.values())
        current, pos = nxt, m.end()
    return current, wild


_OPS = ("==", "!=", "<=", ">=", "<", ">", "contains", "has", "matches", "exists", "absent")


def check_json_path(spec: str, doc: Any) -> str | None:
    spec = spec.strip()
    if spec.startswith("len("):
        depth, end = 0, None
        for i, ch in enumerate(spec):
            depth += ch == "("
            depth -= ch == ")"
            if depth == 0 and ch == ")":
                end = i + 1
                break
        if end is None:
            raise ScenarioError(f"unbalanced len( in {spec!r}")
        expr, rest = spec[:end], spec[end:].strip()
    else:
        parts = spec.split(None, 1)
        expr, rest = parts[0], (parts[1] if len(parts) > 1 else "")
    op_parts = rest.split(None, 1)
    if not op_parts or op_parts[0] not in _OPS:
        raise ScenarioError(f"json-path needs an operator ({' '.join(_OPS)}): {spec!r}")
    op = op_parts[0]
    arg = op_parts[1].strip() if len(op_parts) > 1 else ""
    values, wild = select(expr, doc)
    if op == "exists":
        return None if values else f"{expr}: selects nothing"
    if op == "absent":
        return None if not values else f"{expr}: selects {json.dumps(values, ensure_ascii=False)[:200]}"
    if not values:
        return f"{expr}: selects nothing"
    if not wild and len(values) != 1:
        raise ScenarioError(f"{expr} selected {len(values)} values")
    if op == "matches":
        rx = re.compile(arg)
    else:
        try:
            want = json.loads(arg)
        except json.JSONDecodeError as e:
            raise ScenarioError(f"json-path value is not JSON: {arg!r} ({e})")
    for v in values:
        ok: bool
        if op == "==":
            ok = json_equal(v, want)
        elif op == "!=":
            ok = not json_equal(v, want)
        elif op in ("<", "<=", ">", ">="):
            if json_type(v) != json_type(want) or json_type(v) not in ("number", "string"):
                return f"{expr}: cannot compare {json_type(v)} {v!r} {op} {want!r}"
            ok = {"<": v < want, "<=": v <= want, ">": v > want, ">=": v >= want}[op]
        elif op == "contains":
            if isinstance(v, str) and isinstance(want, str):
                ok = want in v
            elif isinstance(v, list):
                ok = any(json_equal(x, want) for x in v)
            else:
                return f"{expr}: contains needs a string or an array, got {json_type(v)}"
        elif op == "has":
            if not isinstance(v, list):
                return f"{expr}: has needs an array, got {json_type(v)}"
            ok = any(subset_mismatch(want, x) is None for x in v)
        else:  # matches
            ok = isinstance(v, str) and rx.search(v) is not None
        if not ok:
            shown = json.dumps(v, ensure_ascii=False)
            return f"{expr} {op} {arg}: value is {shown[:300]}"
    return None


# --------------------------------------------------------------------------------------------
# Parsing


@dataclass
class Expectation:
    kind: str
    arg: str
    line: int


@dataclass
class Block:
    line: int
    method: str = ""
    target: str = ""
    headers: list[tuple[str, str]] = field(default_factory=list)
    body_lines: list[str] = field(default_factory=list)
    body_size: int | None = None
    body_escaped: bytes | None = None
    expectations: list[Expectation] = field(default_factory=list)
    comment: str = ""


@dataclass
class Directive:
    line: int
    kind: str  # session | always
    arg: Any


@dataclass
class Scenario:
    path: str
    items: list[Any]  # Block | Directive
    requires_engine: str | None = None


_EXPECT_KINDS = ("status", "json-subset", "json-equal", "json-path", "body-matches", "capture-body",
                 "header", "header-present",
                 "header-absent", "header-contains", "header-not-matches", "body-contains",
                 "body-not-contains", "gzip",
                 "not-gzip", "capture")


def _parse_expectation(lines: list[str], i: int, path: str) -> tuple[Expectation, int]:
    raw = lines[i]
    kind, _, arg = raw.strip().partition(" ")
    if kind not in _EXPECT_KINDS:
        raise ScenarioError(f"{path}:{i + 1}: unknown expectation {kind!r}")
    arg = arg.strip()
    j = i + 1
    if kind in ("json-subset", "json-equal"):
        # JSON may run over the next lines until it parses.
        text = arg
        while True:
            try:
                json.loads(text)
                break
            except json.JSONDecodeError:
                if j >= len(lines) or lines[j].strip() == "":
                    raise ScenarioError(f"{path}:{i + 1}: {kind} is not valid JSON: {text[:200]!r}")
                text += "\n" + lines[j]
                j += 1
        arg = text
    return Expectation(kind, arg, i + 1), j


def parse(path: str) -> Scenario:
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    sc = Scenario(path, [])
    i, comment = 0, []
    while i < len(lines):
        stripped = lines[i].strip()
        if stripped == "":
            comment = []
            i += 1
            continue
        if stripped.startswith("#"):
            comment.append(stripped.lstrip("# "))
            i += 1
            continue
        word, _, rest = stripped.partition(" ")
        rest = rest.strip()
        if word == "require":
            what, _, value = rest.partition(" ")
            if what != "engine" or value.strip() not in ("sqlite", "postgresql"):
                raise ScenarioError(f"{path}:{i + 1}: require engine sqlite|postgresql")
            sc.requires_engine = value.strip()
            i += 1
        elif word == "session":
            if rest not in ("admin", "anonymous") and not _ROLE_SESSION.match(rest):
                raise ScenarioError(f"{path}:{i + 1}: session admin|anonymous|ROLE@UNIT")
            sc.items.append(Directive(i + 1, "session", rest))
            i += 1
        elif word == "always":
            e, consumed = _parse_expectation([rest] + lines[i + 1:], 0, path)
            e.line = i + 1
            sc.items.append(Directive(e.line, "always", e))
            i += consumed
        elif word == "request":
            method, _, target = rest.partition(" ")
            if not method or not target.strip():
                raise ScenarioError(f"{path}:{i + 1}: request METHOD TARGET")
            b = Block(i + 1, method.upper(), target.strip(), comment=" ".join(comment))
            comment = []
            i += 1
            # Request headers come first; then the body runs up to ----.
            while i < len(lines) and lines[i].strip() != "----":
                line = lines[i]
                if not b.body_lines and line.startswith("header "):
                    name, sep, value = line[len("header "):].partition(":")
                    if not sep:
                        raise ScenarioError(f"{path}:{i + 1}: header NAME: VALUE")
                    b.headers.append((name.strip(), value.strip()))
                elif not b.body_lines and line.startswith("body-size "):
                    b.body_size = int(line.split()[1])
                elif not b.body_lines and line.startswith("body-escaped "):
                    b.body_escaped = codecs.escape_decode(
                        line[len("body-escaped "):].encode("utf-8"))[0]
                elif not b.body_lines and line.strip() == "":
                    raise ScenarioError(f"{path}:{i + 1}: blank line before ---- (a block needs "
                                        f"---- and expectations)")
                else:
                    b.body_lines.append(line)
                i += 1
            if i >= len(lines):
                raise ScenarioError(f"{path}:{b.line}: request without ----")
            i += 1
            while i < len(lines) and lines[i].strip() != "":
                if lines[i].strip().startswith("#"):
                    i += 1
                    continue
                e, i = _parse_expectation(lines, i, path)
                b.expectations.append(e)
            sc.items.append(b)
        else:
            raise ScenarioError(f"{path}:{i + 1}: expected request, session, always or require; "
                                f"got {stripped[:60]!r}")
    return sc


# --------------------------------------------------------------------------------------------
# Running


_SAFE = "/?&=%:+,;@$!*'()~[]-._"


def encode_target(target: str) -> str:
    return urllib.parse.quote(target, safe=_SAFE)


def make_body(size: int) -> bytes:
    """A syntactically valid JSON object of exactly `size` bytes."""
    head, tail = b'{"code":"99999","name":"', b'"}'
    if size < len(head) + len(tail):
        raise ScenarioError(f"body-size {size} is too small")
    return head + b"x" * (size - len(head) - len(tail)) + tail


@dataclass
class FileResult:
    path: str
    passed: int = 0
    failed: int = 0
    skipped: bool = False
    seconds: float = 0.0
    output: list[str] = field(default_factory=list)
    crashed: bool = False


class Runner:
    def __init__(self, sc: Scenario, server: pcmd_server.PcmdServer, verbose: bool, result: FileResult):
        self.sc, self.server, self.verbose, self.result = sc, server, verbose, result
        self.vars: dict[str, Any] = {"TODAY": vietnam_today().isoformat(),
                                     "ENGINE": server.engine}
        self.always: list[Expectation] = []
        self.clients: dict[str, pcmd_server.Client] = {}
        self.session = "admin"

    def sub(self, text: str) -> str:
        def repl(m: re.Match) -> str:
            name = m.group(1)
            if name not in self.vars:
                raise ScenarioError(f"${{{name}}} is not captured")
            v = self.vars[name]
            return v if isinstance(v, str) else json.dumps(v, ensure_ascii=False)
        return re.sub(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}", repl, text)

    def client(self) -> pcmd_server.Client:
        if self.session not in self.clients:
            m = _ROLE_SESSION.match(self.session)
            if m:
                role, unit = m.groups()
                if role not in access_kit.ROLES:
                    raise ScenarioError(f"session {self.session}: no role {role!r}")
                acct = access_kit.TestAccount(f"sc.{role}.{unit}", role, unit,
                                              display_name=f"Kịch bản {role} {unit}")
                access_kit.add_accounts(self.server, [acct])
                self.clients[self.session] = access_kit.sign_in(self.server, acct)
                self.vars[f"ACCOUNT_{role}_{unit}"] = acct.id
            elif self.session == "admin":
                self.clients[self.session] = self.server.admin_client()
            else:
                self.clients[self.session] = self.server.client()
        return self.clients[self.session]

    def close(self) -> None:
        for c in self.clients.values():
            c.close()

    def run(self) -> None:
        for item in self.sc.items:
            if isinstance(item, Directive):
                if item.kind == "session":
                    self.session = item.arg
                else:
                    self.always.append(item.arg)
                continue
            try:
                problems, resp = self.run_block(item)
            except ScenarioError:
                raise
            except Exception as e:  # a dropped connection, a timeout...
                problems, resp = [f"request failed: {type(e).__name__}: {e}"], None
            label = f"{self.sc.path}:{item.line}: {item.method} {item.target}"
            if problems:
                self.result.failed += 1
                out = [f"FAIL {label}"]
                if item.comment:
                    out.append(f"  ({item.comment})")
                out += [f"  - {p}" for p in problems]
                if resp is not None:
                    out.append("  reply: " + resp.describe(1500).replace("\n", "\n  "))
                self.result.output.append("\n".join(out))
            else:
                self.result.passed += 1
                if self.verbose:
                    self.result.output.append(f"ok   {label}")

    def run_block(self, b: Block) -> tuple[list[str], pcmd_server.Response]:
        target = encode_target(self.sub(b.target))
        headers: dict[str, str | None] = {}
        for k, v in b.headers:
            v = self.sub(v)
            headers[k] = v if v != "" else None
        raw: bytes | None = None
        if b.body_size is not None:
            raw = make_body(b.body_size)
        elif b.body_escaped is not None:
            raw = b.body_escaped
        elif b.body_lines:
            raw = self.sub("\n".join(b.body_lines)).encode("utf-8")
        if raw is not None and not any(k.lower() == "content-type" for k in headers):
            headers["Content-Type"] = "application/json"
        resp = self.client().request(b.method, target, headers=headers, raw=raw)
        problems = []
        if not any(e.kind == "status" for e in b.expectations) and resp.status >= 500:
            problems.append(f"status {resp.status} (a 5xx needs an explicit `status` line)")
        for e in self.always + b.expectations:
            try:
                p = self.check(e, resp)
            except ScenarioError as err:
                raise ScenarioError(f"{self.sc.path}:{e.line}: {err}")
            if p:
                where = "" if e in b.expectations else f" (always, line {e.line})"
                problems.append(f"{e.kind} {e.arg[:300]}{where}: {p}")
        return problems, resp

    def check(self, e: Expectation, resp: pcmd_server.Response) -> str | None:
        arg = self.sub(e.arg)
        if e.kind == "status":
            return None if resp.status == int(arg) else f"got {resp.status}"
        if e.kind in ("json-subset", "json-equal", "json-path", "capture"):
            try:
                doc = resp.json()
            except Exception as err:
                return f"reply is not JSON ({err})"
            if e.kind == "json-subset":
                return subset_mismatch(json.loads(arg), doc)
            if e.kind == "json-equal":
                want = json.loads(arg)
                return None if json_equal(want, doc) else "reply differs"
            if e.kind == "json-path":
                return check_json_path(arg, doc)
            name, _, expr = arg.partition(" ")
            values, _ = select(expr.strip(), doc)
            if len(values) != 1:
                return f"{expr} selected {len(values)} values"
            self.vars[name] = values[0]
            return None
        if e.kind in ("header", "header-contains", "header-not-matches"):
            name, sep, value = arg.partition(":")
            if not sep:
                raise ScenarioError(f"{e.kind} NAME: VALUE")
            name, value = name.strip(), value.strip()
            got = resp.header(name)
            if got is None:
                return f"no {name} header"
            if e.kind == "header":
                return None if got == value else f"{name} is {got!r}"
            if e.kind == "header-contains":
                return None if value in got else f"{name} is {got!r}"
            m = re.search(value, got)
            return None if m is None else f"{name} is {got!r}; {m.group(0)!r} matches"
        if e.kind == "header-present":
            return None if resp.header(arg) is not None else f"no {arg} header"
        if e.kind == "header-absent":
            got = resp.header(arg)
            return None if got is None else f"{arg} is {got!r}"
        if e.kind == "body-contains":
            return None if arg in resp.text else "not in the body"
        if e.kind == "body-not-contains":
            return None if arg not in resp.text else "in the body"
        if e.kind == "body-matches":
            return None if re.search(arg, resp.text) else "no match in the body"
        if e.kind == "capture-body":
            self.vars[arg.strip()] = resp.text
            return None
        if e.kind == "gzip":
            if (resp.header("Content-Encoding") or "").lower() != "gzip":
                return f"Content-Encoding is {resp.header('Content-Encoding')!r}"
            try:
                gzip.decompress(resp.raw)
            except Exception as err:
                return f"body does not gunzip: {err}"
            return None
        if e.kind == "not-gzip":
            got = resp.header("Content-Encoding")
            return None if got is None or got.lower() == "identity" else f"Content-Encoding is {got!r}"
        raise ScenarioError(f"unknown expectation {e.kind}")


def run_file(path: str, args: argparse.Namespace) -> FileResult:
    result = FileResult(path)
    started = time.monotonic()
    try:
        sc = parse(path)
    except ScenarioError as e:
        result.failed, result.crashed = 1, True
        result.output.append(f"FAIL {path}: {e}")
        return result
    if sc.requires_engine and sc.requires_engine != args.engine:
        result.skipped = True
        result.output.append(f"skip {path} (requires engine {sc.requires_engine})")
        return result
    server = pcmd_server.PcmdServer(args.bin, engine=args.engine,
                                    name="scenario-" + os.path.splitext(os.path.basename(path))[0])
    runner = None
    try:
        server.start()
        runner = Runner(sc, server, args.verbose, result)
        runner.run()
        runner.close()
        runner = None
        server.stop()  # SIGTERM, exit 0
    except Exception as e:
        result.failed += 1
        result.crashed = True
        detail = str(e) if isinstance(e, (pcmd_server.HarnessError, ScenarioError)) else \
            traceback.format_exc()
        result.output.append(f"FAIL {path}: {detail}")
    finally:
        if runner is not None:
            runner.close()
        reports = server.sanitizer_reports()
        if reports:
            result.failed += 1
            result.output.append(f"FAIL {path}: sanitizer report in pcmd's stderr:\n" +
                                 server.sanitizer_context())
        if result.failed and not result.crashed and not reports:
            result.output.append(server.stderr_tail(30))
        elif result.crashed and server.runs and "pcmd stderr" not in "\n".join(result.output):
            result.output.append(server.stderr_tail(30))
        try:
            server.close(check_exit=False)
        except Exception as e:
            result.output.append(f"warning: cleanup of {path}: {e}")
    result.seconds = time.monotonic() - started
    return result


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bin", required=True, help="the pcmd binary")
    ap.add_argument("--engine", choices=("sqlite", "postgresql"), default="sqlite")
    ap.add_argument("-j", "--jobs", type=int, default=1, help="files run in parallel (default 1)")
    ap.add_argument("-v", "--verbose", action="store_true", help="print every passing block too")
    ap.add_argument("files", nargs="+")
    args = ap.parse_args()
    if args.engine == "postgresql" and not os.environ.get("PCMD_TEST_PG_URL"):
        print("run_scenarios: --engine postgresql needs PCMD_TEST_PG_URL; run under "
              "tests/harness/with_postgres.sh", file=sys.stderr)
        return 2

    started = time.monotonic()
    lock = threading.Lock()
    results: list[FileResult] = []

    def one(path: str) -> None:
        r = run_file(path, args)
        with lock:
            results.append(r)
            for line in r.output:
                print(line)
            if not r.skipped:
                verdict = "PASS" if r.failed == 0 else "FAIL"
                print(f"{verdict} {r.path}: {r.passed} passed, {r.failed} failed "
                      f"({r.seconds:.1f} s, {args.engine})", flush=True)

    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
        list(pool.map(one, args.files))

    passed = sum(r.passed for r in results)
    failed = sum(r.failed for r in results)
    bad_files = [r.path for r in results if r.failed]
    skipped = sum(1 for r in results if r.skipped)
    print(f"\n{len(results) - skipped} files ({skipped} skipped), {passed} blocks passed, "
          f"{failed} failed, {time.monotonic() - started:.1f} s on {args.engine}")
    if bad_files:
        print("failed files: " + " ".join(bad_files))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
