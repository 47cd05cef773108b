#!/usr/bin/env python3
"""authz_matrix.py: every route × every role × every target scope, against an oracle of our own.

    authz_matrix.py --bin build/dev/src/app/pcmd [--engine sqlite|postgresql] [-j 4] [-v]

The route table comes from the server (`GET /api/openapi.json`, each operation's `x-access`:
"public", "session" or "resource:action"). The expectation does NOT come from the server or from
src/access/policy.cc: ORACLE below is written from the role descriptions of README.md ("Accounts
and access") and docs/contract.md ("Accounts, sessions and access"). An `x-access` the oracle has
no row for fails the run ("new route without an expectation"): whoever adds a route adds its row.

Accounts: every role at the province (37), a district (369) and a commune under it (14347), plus
administrators at the other district (374) and a commune under it (14530), created with
`pcmd user add … --keep-password` before serving, signed in once (TOTP roles enrol with codes
computed here). Target records: an account at each of 37, 369, 374, 14347, 14350 (14347's sibling)
and 14530, the same units for the unit routes, and ids/codes that do not exist. Every actor probes
every route with every target; the target's place relative to the actor is one of own unit, below,
parent unit, ancestor, sibling, other district.

Checks per probe:
  allowed        2xx for reads; for writes with deliberately invalid bodies 2xx or a 4xx that is not
                 401/403/404 (so nothing changes); creates naming an in-scope unit are not refused
                 with `out_of_scope`
  denied role    403 on a collection, 404 on a record path
  out of scope   404 on a record path (never 403), and the very same reply as for a record that does
                 not exist; a create naming an out-of-scope unit gets 422 with field code
                 `out_of_scope`
  anonymous      401 everywhere but the public routes
  no leak        no reply names (id or user name) an account the actor may not read (the audit log's
                 ids excepted: the dpo reads the log)
  lists          `GET /api/accounts` (unfiltered, by unit, by role, paged) returns exactly the rows in
                 scope, and `total` counts only those
Then the state-changing writes (create, role change, disable, password reset) on throw-away
accounts, in scope and out of it, and finally every actor's logout (the old cookie then gets 401).
Prints `authz matrix: N probes, L leaks, M mismatches`; exit 1 on any mismatch or leak.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import os
import re
import sys
import threading
import time
import traceback
import urllib.parse
from dataclasses import dataclass
from typing import Any, Callable

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "harness"))
from pcmd_server import Client, HarnessError, PcmdServer, Response  # noqa: E402
from access_kit import ROLES, TestAccount, UnitTree, add_accounts, sign_in  # noqa: E402

# --------------------------------------------------------------------------------------------
# THE ORACLE: (x-access, role) -> scope, from the documents, not from the code.
#
#   ALL   every record of the type
#   UNIT  records of the actor's unit and below
#   MINE  records assigned to the actor (within its unit and below)
#   NONE  nothing: 403 on a collection, 404 on a record path
#
# README "Accounts and access":
#   admin      "accounts and units of its unit and below; no client records, no audit log"
#   province_officer, district_officer, commune_officer, inspector, intake_officer,
#   social_worker, peer_educator: programme, enforcement and support records (no such routes yet)
#   viewer     "read-only, suppressed aggregates and reports"
#   dpo        "the audit log, consent and incident registers without content"
# docs/contract.md "Accounts, sessions and access":
#   "Units: every signed-in role reads them; POST/PATCH /api/units… are for admin only."
#   "GET /api/roles" is a route every signed-in role needs (the sign-in screens name the role).
#   "Accounts (admin only, within the admin's unit)"; "Audit (dpo only)".
#   "Out of scope (another unit's record, another worker's client) is 404, never 403."

ALL, UNIT, MINE, NONE = "all", "unit", "mine", "none"


def _only(**grants: str) -> dict[str, str]:
    """A row: the roles named get the scope given, every other role NONE (spelled out, so that a
    new role is a KeyError until someone decides)."""
    for role in grants:
        if role not in ROLES:
            raise KeyError(role)
    return {role: grants.get(role, NONE) for role in ROLES}


def _everyone(scope: str) -> dict[str, str]:
    return {role: scope for role in ROLES}


ORACLE: dict[str, dict[str, str]] = {
    # reference data: every signed-in role reads it; only an administrator writes units, and only
    # within its unit
    "unit:read": _everyone(ALL),
    "unit:create": _only(admin=UNIT),
    "unit:update": _only(admin=UNIT),
    "role:read": _everyone(ALL),
    # accounts: admin only, within its unit and below
    "account:read": _only(admin=UNIT),
    "account:create": _only(admin=UNIT),
    "account:update": _only(admin=UNIT),
    # the audit log: dpo only (the whole log: it has no unit)
    "audit:read": _only(dpo=ALL),
}
# "public" routes answer everyone, anonymous included; "session" routes every signed-in account.
SPECIAL_ACCESS = ("public", "session")

# Record types whose records are assigned to a worker ("another worker's client"): probing them
# needs an "another worker's record" target. None of them has a route yet.
ASSIGNED_RESOURCES = {"client", "client_contact", "peer_group", "tip", "inspection"}

# --------------------------------------------------------------------------------------------
# Units and accounts of the run

PROVINCE, DISTRICT, DISTRICT2, COMMUNE, SIBLING, COMMUNE2 = "37", "369", "374", "14347", "14350", "14530"
TARGET_UNITS = (PROVINCE, DISTRICT, DISTRICT2, COMMUNE, SIBLING, COMMUNE2)
ACTOR_UNITS = (PROVINCE, DISTRICT, COMMUNE)
EXTRA_ADMIN_UNITS = (DISTRICT2, COMMUNE2)
MISSING_ID = "00000000-0000-4000-8000-00000000dead"
MISSING_UNIT = "99999"

# Request bodies for writes. Each is valid enough to pass the body checks and reach the access
# decision, but is refused afterwards by a rule of the data, so allowed probes change nothing.
RECORD_WRITE_BODIES: dict[tuple[str, str], Any] = {
    # stale version: 409 when allowed, 404 when not
    ("PATCH", "/api/accounts/{id}"): {"version": 0, "display_name": "Không đổi"},
    # a parent that does not exist: 422 when allowed, 404 when not
    ("PATCH", "/api/units/{code}"): {"change": "move", "effective": "2024-07-01", "parent_code": "00000"},
    ("POST", "/api/accounts/{id}/password-reset"): None,  # no body; changes the target's password
}


def _account_create_body(tree: UnitTree, unit: str) -> dict:
    # an invalid user name: refused after the scope decision, so nothing is created
    return {"username": "Tên Sai!", "display_name": "Thử", "role": "viewer", "unit_code": unit}


def _unit_create_body(tree: UnitTree, unit: str) -> dict:
    # a unit of the parent's own level under it: refused by the tree after the scope decision
    return {"code": "99901", "name": "Đơn vị thử", "level": tree.level[unit], "type": "Xã",
            "parent_code": unit, "valid_from": "2021-01-01"}


# Collections whose create names a unit: (method, path) -> (body for a unit, field refused when
# the unit is out of scope)
UNIT_NAMING_CREATES: dict[tuple[str, str], tuple[Callable[[UnitTree, str], dict], str]] = {
    ("POST", "/api/accounts"): (_account_create_body, "unit_code"),
    ("POST", "/api/units"): (_unit_create_body, "parent_code"),
}
# Bodies of the other writes (minimal: {} unless listed; None sends no body)
OTHER_WRITE_BODIES: dict[tuple[str, str], Any] = {
    ("POST", "/api/auth/login"): {},
    ("POST", "/api/auth/password"): {},
    ("POST", "/api/auth/totp/confirm"): {},
    ("POST", "/api/auth/totp/enrol"): None,
}
# Routes probed in a phase of their own at the end
LAST = {("POST", "/api/auth/logout")}


@dataclass
class Actor:
    acct: TestAccount | None  # None: anonymous
    client: Client | None = None

    @property
    def role(self) -> str:
        return self.acct.role if self.acct else "anonymous"

    @property
    def unit(self) -> str:
        return self.acct.unit if self.acct else "-"

    @property
    def name(self) -> str:
        return self.acct.username if self.acct else "anonymous"


@dataclass
class Target:
    label: str            # own unit, below, sibling, ... or "missing"
    key: str              # id or code in the path
    unit: str | None      # the record's unit (None: no such record)
    account: TestAccount | None = None


@dataclass
class Probe:
    actor: Actor
    method: str
    path: str             # pattern
    access: str
    url: str
    body: Any
    target: Target | None
    kind: str             # "record", "create", "list", "plain"
    expect: str           # allowed, denied, out_of_scope, missing, unauth
    resp: Response | None = None


ACTOR_FIELDS = {"actor", "entity_id", "replaced_by"}


def split_actor_fields(doc: Any) -> tuple[str, str]:
    """(every string of the JSON document except those under ACTOR_FIELDS, those strings)."""
    rest, actors = [], []

    def walk(v: Any, under_actor: bool) -> None:
        if isinstance(v, dict):
            for k, x in v.items():
                rest.append(str(k))
                walk(x, under_actor or k in ACTOR_FIELDS)
        elif isinstance(v, list):
            for x in v:
                walk(x, under_actor)
        elif isinstance(v, str):
            (actors if under_actor else rest).append(v)

    walk(doc, False)
    return "\n".join(rest), "\n".join(actors)


class Run:
    def __init__(self, a):
        self.a = a
        self.tree = UnitTree()
        self.lock = threading.Lock()
        self.mismatches: list[str] = []
        self.leaks: list[str] = []
        self.probes = 0
        self.notes: list[str] = []
        self.observed: dict[tuple[str, str], set[str]] = {}
        self.accounts: list[TestAccount] = []   # every account the run knows of, first admin too
        self.actor_ids_seen: set[tuple[str, str, str, str]] = set()
        self.places: dict[str, int] = {}  # probes by the target's place relative to the actor
        self.server: PcmdServer | None = None

    # ---- bookkeeping ------------------------------------------------------------------------

    def mismatch(self, msg: str) -> None:
        with self.lock:
            self.mismatches.append(msg)

    def count(self, n: int = 1) -> None:
        with self.lock:
            self.probes += n

    def scope_of(self, role: str, access: str) -> str:
        row = ORACLE.get(access)
        if row is None:
            raise KeyError(access)
        return row[role]

    def readable_accounts(self, actor: Actor) -> list[TestAccount]:
        if actor.acct is None:
            return []
        scope = self.scope_of(actor.role, "account:read")
        if scope == ALL:
            return list(self.accounts)
        if scope == UNIT:
            return [x for x in self.accounts if self.tree.contains(actor.unit, x.unit)]
        return []

    # ---- probing ----------------------------------------------------------------------------

    def send(self, actor: Actor, method: str, url: str, body: Any) -> Response:
        c = actor.client
        if body is None:
            return c.request(method, url)
        return c.request(method, url, body)

    def check_leaks(self, probe: Probe, resp: Response) -> None:
        """No reply names an account the actor may not read: its user name never; its id not in
        a refused reply, nor in an allowed one outside the fields that refer to accounts by
        design (ACTOR_FIELDS: the audit log's `actor` and `entity_id`, an account version's
        `replaced_by`). Ids met in those fields are reported as a note."""
        actor = probe.actor
        readable = {x.username for x in self.readable_accounts(actor)}
        text = resp.text
        refused = resp.status >= 300
        id_text, actor_text = text, ""
        if not refused:
            try:
                id_text, actor_text = split_actor_fields(resp.json())
            except Exception:
                pass
        for x in self.accounts:
            if x.username in readable or (actor.acct and x.username == actor.acct.username):
                continue
            found = []
            if x.username != "admin" and x.username in text:  # "admin" is also a role id
                found.append(x.username)
            if x.id and x.id in id_text:
                found.append(x.id)
            for t in found:
                with self.lock:
                    self.leaks.append(f"{actor.role}@{actor.unit} {probe.method} {probe.url} -> {resp.status}: "
                                      f"names {x.username} ({t}) of unit {x.unit}")
            if not found and x.id and x.id in actor_text:
                with self.lock:
                    self.actor_ids_seen.add((probe.method, probe.path, actor.role, x.username))

    def run_probe(self, probe: Probe) -> None:
        resp = self.send(probe.actor, probe.method, probe.url, probe.body)
        probe.resp = resp
        self.count()
        if probe.target is not None and probe.actor.acct is not None:
            with self.lock:
                self.places[probe.target.label] = self.places.get(probe.target.label, 0) + 1
        self.check_leaks(probe, resp)
        err = self.judge(probe, resp)
        where = (f"{probe.actor.role}@{probe.actor.unit} {probe.method} {probe.url}"
                 + (f" [{probe.target.label}]" if probe.target else "") + f" ({probe.access})")
        if err:
            self.mismatch(f"{where}: expected {probe.expect}, {err}\n    {resp.describe(400, headers=False)}")
        if probe.actor.acct is not None and probe.access not in SPECIAL_ACCESS and \
                not (probe.target and probe.target.unit is None):
            with self.lock:
                self.observed.setdefault((probe.actor.role, probe.access), set()).add(
                    "allowed" if self.looks_allowed(probe, resp) else "refused")

    @staticmethod
    def error_code(resp: Response) -> str | None:
        try:
            return resp.json().get("error", {}).get("code")
        except Exception:
            return None

    @staticmethod
    def field_codes(resp: Response) -> set[tuple[str, str]]:
        try:
            return {(f.get("field"), f.get("code")) for f in resp.json()["error"].get("fields", [])}
        except Exception:
            return set()

    def looks_allowed(self, probe: Probe, resp: Response) -> bool:
        if resp.status < 300:
            return True
        if resp.status in (401, 403, 404):
            return False
        return not any(code == "out_of_scope" for _, code in self.field_codes(resp))

    def judge(self, probe: Probe, resp: Response) -> str | None:
        s = resp.status
        if s >= 500:
            return f"got {s}"
        e = probe.expect
        if e == "unauth":
            return None if s == 401 else f"got {s}"
        if e == "denied":
            want = 404 if probe.kind == "record" else 403
            if s != want:
                return f"got {s} (want {want})"
            if want == 403 and self.error_code(resp) != "forbidden":
                return f"got code {self.error_code(resp)} (want forbidden)"
            return None
        if e in ("out_of_scope", "missing"):
            if probe.kind == "create":
                field_name = UNIT_NAMING_CREATES[(probe.method, probe.path)][1]
                if s == 422 and (field_name, "out_of_scope") in self.field_codes(resp):
                    return None
                return f"got {s} (want 422 with {field_name} out_of_scope)"
            if s != 404:
                return f"got {s} (want 404)"
            return None
        # allowed
        if probe.method in ("GET", "HEAD"):
            if s != 200:
                return f"got {s} (want 200)"
            return self.check_read_body(probe, resp)
        if s < 300:
            return None
        if s in (401, 403, 404):
            return f"got {s} (want 2xx or a validation error)"
        if any(code == "out_of_scope" for _, code in self.field_codes(resp)):
            return f"got {s} out_of_scope for an in-scope target"
        return None

    def check_read_body(self, probe: Probe, resp: Response) -> str | None:
        try:
            body = resp.json()
        except Exception:
            return "reply is not JSON"
        if probe.path == "/api/accounts/{id}" and probe.target and probe.target.account:
            if body.get("id") != probe.target.account.id or body.get("username") != probe.target.account.username:
                return f"got another account: {body.get('username')}"
        if probe.kind == "record" and probe.path == "/api/units/{code}":
            if body.get("code") != probe.target.key:
                return f"got unit {body.get('code')}"
        if probe.path == "/api/auth/me":
            if (body.get("user") or {}).get("username") != probe.actor.acct.username:
                return f"me is {(body.get('user') or {}).get('username')}"
        if probe.kind == "list":
            return self.check_account_list(probe, body)
        return None

    def check_account_list(self, probe: Probe, body: dict) -> str | None:
        q = urllib.parse.parse_qs(urllib.parse.urlsplit(probe.url).query)
        rows = self.readable_accounts(probe.actor)
        if "unit" in q:
            rows = [x for x in rows if self.tree.contains(q["unit"][0], x.unit)]
        if "role" in q:
            rows = [x for x in rows if x.role == q["role"][0]]
        want = sorted(x.username for x in rows)
        got = [i.get("username") for i in body.get("items", [])]
        offset = int(q.get("offset", ["0"])[0])
        limit = int(q.get("limit", ["50"])[0])
        msgs = []
        if body.get("total") != len(want):
            msgs.append(f"total {body.get('total')} (want {len(want)})")
        if limit >= len(want) and offset == 0:
            extra, missing = sorted(set(got) - set(want)), sorted(set(want) - set(got))
            if extra or missing or len(got) != len(want):
                msgs.append(f"rows differ: extra {extra}, missing {missing}")
        else:
            if got != want[offset:offset + limit]:
                msgs.append(f"page {got} (want {want[offset:offset + limit]})")
        return "; ".join(msgs) or None

    # ---- generation -------------------------------------------------------------------------

    def expectation(self, actor: Actor, access: str, kind: str, target: Target | None) -> str:
        if access == "public":
            return "allowed"
        if actor.acct is None:
            return "unauth"
        if access == "session":
            return "allowed"
        scope = self.scope_of(actor.role, access)
        if scope == NONE:
            return "denied"
        if target is None:
            return "allowed"
        if target.unit is None:
            return "missing"
        if scope == ALL:
            return "allowed"
        if scope == UNIT:
            return "allowed" if self.tree.contains(actor.unit, target.unit) else "out_of_scope"
        raise HarnessError(f"scope {scope} needs targets assigned to workers")

    def probes_for(self, actor: Actor, ops: list[dict], account_targets: list[TestAccount]) -> list[Probe]:
        out: list[Probe] = []
        for op in ops:
            method, path, access = op["method"], op["path"], op["access"]
            if (method, path) in LAST:
                continue
            params = re.findall(r"\{([^}]+)\}", path)
            resource = access.split(":")[0]
            if params:
                targets = self.record_targets(actor, resource, account_targets)
                body = RECORD_WRITE_BODIES.get((method, path), {}) if method != "GET" else None
                for t in targets:
                    url = path.replace("{" + params[0] + "}", urllib.parse.quote(t.key, safe=""))
                    out.append(Probe(actor, method, path, access, url, body, t, "record",
                                     self.expectation(actor, access, "record", t)))
            elif (method, path) in UNIT_NAMING_CREATES:
                make_body = UNIT_NAMING_CREATES[(method, path)][0]
                for u in TARGET_UNITS:
                    t = Target(self.tree.relation(actor.unit, u) if actor.acct else "-", u, u)
                    out.append(Probe(actor, method, path, access, path, make_body(self.tree, u), t,
                                     "create", self.expectation(actor, access, "create", t)))
            elif (method, path) == ("GET", "/api/accounts"):
                urls = [path + "?limit=1000", path + "?limit=2&offset=1", path + "?role=viewer&limit=1000",
                        path + "?role=admin&limit=1000"]
                urls += [path + f"?unit={u}&limit=1000" for u in TARGET_UNITS]
                for url in urls:
                    out.append(Probe(actor, method, path, access, url, None, None, "list",
                                     self.expectation(actor, access, "list", None)))
            else:
                body = OTHER_WRITE_BODIES.get((method, path), {}) if method != "GET" else None
                out.append(Probe(actor, method, path, access, path, body, None, "plain",
                                 self.expectation(actor, access, "plain", None)))
        return out

    def record_targets(self, actor: Actor, resource: str, account_targets: list[TestAccount]) -> list[Target]:
        rel = (lambda u: self.tree.relation(actor.unit, u)) if actor.acct else (lambda u: "-")
        if resource == "account":
            ts = [Target(rel(x.unit), x.id, x.unit, x) for x in account_targets]
            return ts + [Target("missing", MISSING_ID, None)]
        if resource == "unit":
            return [Target(rel(u), u, u) for u in TARGET_UNITS] + [Target("missing", MISSING_UNIT, None)]
        if resource in ASSIGNED_RESOURCES:
            raise HarnessError(f"a route takes a {resource} record: add its targets, including "
                               "another worker's record, to authz_matrix.py")
        raise HarnessError(f"a route takes a {resource} record and the matrix has no targets for it")


def load_routes(run: Run, c: Client) -> list[dict]:
    doc = c.get_json("/api/openapi.json")
    ops, problems = [], []
    for path, item in doc.get("paths", {}).items():
        for method, op in item.items():
            if method.upper() not in ("GET", "POST", "PUT", "PATCH", "DELETE") or not isinstance(op, dict):
                continue
            access = op.get("x-access")
            if not access:
                problems.append(f"{method.upper()} {path} has no x-access")
                continue
            if access not in SPECIAL_ACCESS and access not in ORACLE:
                problems.append(f"{method.upper()} {path}: x-access {access!r} — new route without an "
                                "expectation (add a row to ORACLE)")
                continue
            ops.append({"method": method.upper(), "path": path, "access": access})
    for p in problems:
        run.mismatch(p)
    return sorted(ops, key=lambda o: (o["path"], o["method"]))


# --------------------------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--engine", choices=("sqlite", "postgresql"), default="sqlite")
    ap.add_argument("-j", dest="jobs", type=int, default=4, help="threads sending probes")
    ap.add_argument("-v", dest="verbose", action="store_true")
    a = ap.parse_args()
    if a.engine == "postgresql" and not os.environ.get("PCMD_TEST_PG_URL"):
        print("authz_matrix: --engine postgresql needs PCMD_TEST_PG_URL; run under "
              "tests/harness/with_postgres.sh", file=sys.stderr)
        return 2
    started = time.monotonic()
    run = Run(a)
    server = PcmdServer(a.bin, engine=a.engine, name="authz", threads=4)
    run.server = server
    ok = False
    try:
        ok = matrix(run, server, started)
    except Exception as e:
        detail = str(e) if isinstance(e, HarnessError) else traceback.format_exc()
        print(f"authz matrix: ERROR {detail}\n{server.stderr_tail()}")
    finally:
        try:
            server.close(check_exit=True)
        except HarnessError as e:
            print(f"authz matrix: {e}")
            ok = False
    return 0 if ok else 1


def matrix(run: Run, server: PcmdServer, started: float) -> bool:
    tree = run.tree
    server.init()
    actors_accts = [TestAccount(f"mx.{role}.{unit}.z", role, unit, display_name=f"Người thử {role} {unit}")
                    for unit in ACTOR_UNITS for role in ROLES]
    actors_accts += [TestAccount(f"mx.admin.{unit}.z", "admin", unit) for unit in EXTRA_ADMIN_UNITS]
    targets = [TestAccount(f"tg.{u}.z", "commune_officer" if tree.level[u] == "commune" else "viewer", u,
                           display_name=f"Đích {u}") for u in TARGET_UNITS]
    throwaways = [TestAccount(f"tw.{u}.z", "viewer", u) for u in TARGET_UNITS]
    add_accounts(server, actors_accts + targets + throwaways)
    server.start()
    first_admin = TestAccount(server.admin_username, "admin", PROVINCE)
    with server.admin_client() as c:
        first_admin.id = c.user["id"]
        first_admin.password = server.admin_password
        ops = load_routes(run, c)
        # ids of the targets as the server sees them
        listing = {i["username"]: i for i in c.get_json("/api/accounts?limit=1000")["items"]}
    for x in targets + throwaways + actors_accts:
        if x.id is None and x.username in listing:
            x.id = listing[x.username]["id"]
    run.accounts = [first_admin] + actors_accts + targets + throwaways
    t_setup = time.monotonic()

    # sign everyone in (TOTP roles enrol)
    actors = [Actor(x) for x in actors_accts]
    with concurrent.futures.ThreadPoolExecutor(run.a.jobs) as ex:
        clients = list(ex.map(lambda x: sign_in(server, x), actors_accts))
    for actor, c in zip(actors, clients):
        actor.client = c
    anonymous = Actor(None, server.client())
    t_signin = time.monotonic()

    if not any(op["access"].split(":")[0] in ASSIGNED_RESOURCES for op in ops):
        run.notes.append("target 'another worker's record': no route takes an assigned record "
                         "(client, tip, inspection, peer group) yet, skipped")

    # phase 1: every route × every actor × every target; probes of one actor in order, actors in
    # parallel (each has its own keep-alive connection)
    def probe_actor(actor: Actor) -> None:
        try:
            probes = run.probes_for(actor, ops, targets)
            for p in probes:
                run.run_probe(p)
            same_reply_as_missing(run, probes)
        except Exception:
            run.mismatch(f"{actor.name}: {traceback.format_exc()}")

    all_actors = actors + [anonymous]
    with concurrent.futures.ThreadPoolExecutor(run.a.jobs) as ex:
        list(ex.map(probe_actor, all_actors))
    t_phase1 = time.monotonic()

    # phase 2: state-changing writes on throw-away accounts, admins one after the other
    admins = [x for x in actors if x.role == "admin"]
    root_admin = next(x for x in admins if x.unit == PROVINCE)
    tw = {x.unit: x for x in throwaways}
    for adm in admins:
        state_changing_writes(run, adm, root_admin, tw)
    # the whole universe as the province administrator sees it afterwards
    check_list(run, root_admin, "/api/accounts?limit=1000")
    for adm in admins:
        check_list(run, adm, "/api/accounts?limit=1000")
    t_phase2 = time.monotonic()

    # phase 3: logout ends each session
    def logout(actor: Actor) -> None:
        r = actor.client.post("/api/auth/logout")
        run.count()
        if r.status != 200:
            run.mismatch(f"{actor.name} logout: {r.describe(300, headers=False)}")
        r = actor.client.get("/api/auth/me")
        run.count()
        if r.status != 401:
            run.mismatch(f"{actor.name} after logout: {r.describe(300, headers=False)}")

    with concurrent.futures.ThreadPoolExecutor(run.a.jobs) as ex:
        list(ex.map(logout, actors))
    r = anonymous.client.post("/api/auth/logout")
    run.count()
    if r.status != 401:
        run.mismatch(f"anonymous logout: {r.describe(300, headers=False)}")
    for actor in all_actors:
        actor.client.close()
    t_end = time.monotonic()

    server.stop()
    reports = server.sanitizer_reports()
    if reports:
        run.mismatch("sanitizer reports:\n" + "\n".join(reports[:10]))

    # report
    if run.a.verbose or run.mismatches:
        print_observed(run, ops)
    if run.actor_ids_seen:
        where = sorted({f"{m} {p}" for m, p, _, _ in run.actor_ids_seen})
        run.notes.append(f"ids of accounts outside the reader's scope appear in actor fields "
                         f"({', '.join(sorted(ACTOR_FIELDS))}) of {', '.join(where)} "
                         f"({len(run.actor_ids_seen)} reader/account pairs; ids only, no names)")
    for n in run.notes:
        print(f"note: {n}")
    print("targets by place: " + ", ".join(f"{k} {v}" for k, v in sorted(run.places.items())))
    for m in run.mismatches[:60]:
        print(f"MISMATCH {m}")
    if len(run.mismatches) > 60:
        print(f"... and {len(run.mismatches) - 60} more mismatches")
    for l in run.leaks[:30]:
        print(f"LEAK {l}")
    print(f"timing: setup {t_setup - started:.1f} s, sign-in {t_signin - t_setup:.1f} s, "
          f"probes {t_phase1 - t_signin:.1f} s, writes {t_phase2 - t_phase1:.1f} s, "
          f"logout {t_end - t_phase2:.1f} s")
    print(f"authz matrix: {run.probes} probes, {len(run.leaks)} leaks, {len(run.mismatches)} mismatches "
          f"({len(ops)} routes, {len(actors)} accounts in {len(ROLES)} roles + anonymous, "
          f"{server.engine}, {time.monotonic() - started:.1f} s)")
    return not run.mismatches and not run.leaks


def same_reply_as_missing(run: Run, probes: list[Probe]) -> None:
    """A record out of scope answers exactly like a record that does not exist."""
    missing = {(p.method, p.path): p.resp for p in probes
               if p.kind == "record" and p.target and p.target.unit is None and p.resp is not None}
    for p in probes:
        if p.kind != "record" or p.expect not in ("out_of_scope", "denied") or p.resp is None:
            continue
        m = missing.get((p.method, p.path))
        if m is None:
            continue
        if (p.resp.status, p.resp.body) != (m.status, m.body):
            run.mismatch(f"{p.actor.role}@{p.actor.unit} {p.method} {p.url} [{p.target.label}]: the reply "
                         f"differs from the one for a record that does not exist:\n    {p.resp.describe(300, headers=False)}"
                         f"\n    vs {m.describe(300, headers=False)}")


def check_list(run: Run, actor: Actor, url: str) -> None:
    p = Probe(actor, "GET", "/api/accounts", "account:read", url, None, None, "list",
              run.expectation(actor, "account:read", "list", None))
    run.run_probe(p)


def state_changing_writes(run: Run, adm: Actor, root: Actor, tw: dict[str, TestAccount]) -> None:
    c, tree = adm.client, run.tree

    def step(what: str, r: Response, want: int) -> Any:
        run.count()
        if r.status != want:
            run.mismatch(f"{adm.name} {what}: want {want}\n    {r.describe(400, headers=False)}")
            return None
        try:
            return r.json()
        except Exception:
            return None

    def version_of(x: TestAccount) -> int:
        return root.client.get_json(f"/api/accounts/{x.id}")["version"]

    # create in scope: a real account with a one-time password
    name = f"nw.{adm.unit}.z"
    out = step("create in scope", c.post("/api/accounts", {"username": name, "display_name": "Tài khoản mới",
                                                           "role": "viewer", "unit_code": adm.unit}), 201)
    if out:
        if not out.get("one_time_password") or not out.get("must_change_password"):
            run.mismatch(f"{adm.name} create: no one-time password or no forced change: {out}")
        run.accounts.append(TestAccount(name, "viewer", adm.unit, id=out["id"]))
    # create out of scope: refused, nothing created
    outside = next((u for u in TARGET_UNITS if not tree.contains(adm.unit, u)), None)
    if outside:
        r = c.post("/api/accounts", {"username": f"nx.{adm.unit}.z", "role": "viewer", "unit_code": outside})
        run.count()
        if r.status != 422 or ("unit_code", "out_of_scope") not in Run.field_codes(r):
            run.mismatch(f"{adm.name} create in {outside}: want 422 unit_code out_of_scope\n    {r.describe(300, headers=False)}")
        if f"nx.{adm.unit}.z" in root.client.get("/api/accounts?limit=1000").text:
            run.mismatch(f"{adm.name} create in {outside}: the account exists anyway")

    # role change, stale version, disable, password reset on the throw-away of its own unit
    mine = tw[adm.unit]
    v = version_of(mine)
    out = step("role change", c.patch(f"/api/accounts/{mine.id}", {"version": v, "role": "inspector",
                                                                  "display_name": "Đã đổi"}), 200)
    if out and (out.get("role") != "inspector" or out.get("version") != v + 1):
        run.mismatch(f"{adm.name} role change: {out}")
    mine.role = "inspector"
    step("stale version", c.patch(f"/api/accounts/{mine.id}", {"version": v, "role": "viewer"}), 409)
    out = step("disable", c.patch(f"/api/accounts/{mine.id}", {"version": v + 1, "is_disabled": True}), 200)
    if out and out.get("is_disabled") is not True:
        run.mismatch(f"{adm.name} disable: {out}")
    out = step("password reset", c.post(f"/api/accounts/{mine.id}/password-reset"), 200)
    if out is not None and not out.get("one_time_password"):
        run.mismatch(f"{adm.name} password reset: {out}")
    # own account: role, unit and disabling refused
    r = c.patch(f"/api/accounts/{adm.acct.id}", {"version": version_of(adm.acct), "role": "viewer"})
    run.count()
    if r.status != 422:
        run.mismatch(f"{adm.name} changes its own role: want 422\n    {r.describe(300, headers=False)}")

    # the same writes out of scope: 404 and nothing changes
    if outside:
        other = tw[outside]
        before = root.client.get_json(f"/api/accounts/{other.id}")
        for what, r in (("role change", c.patch(f"/api/accounts/{other.id}", {"version": before["version"],
                                                                             "role": "dpo"})),
                        ("disable", c.patch(f"/api/accounts/{other.id}", {"version": before["version"],
                                                                        "is_disabled": True})),
                        ("password reset", c.post(f"/api/accounts/{other.id}/password-reset"))):
            run.count()
            if r.status != 404:
                run.mismatch(f"{adm.name} {what} of {other.username} ({outside}): want 404\n    {r.describe(300, headers=False)}")
            if other.username in r.text or other.id in r.text:
                run.leaks.append(f"{adm.name} {what} of {other.username}: the reply names it")
        after = root.client.get_json(f"/api/accounts/{other.id}")
        if after != before:
            run.mismatch(f"{adm.name}: out-of-scope writes changed {other.username}: {before} -> {after}")
        # a move of an in-scope account into an out-of-scope unit is refused too
        v = version_of(mine)
        r = c.patch(f"/api/accounts/{mine.id}", {"version": v, "unit_code": outside})
        run.count()
        if r.status != 422 or ("unit_code", "out_of_scope") not in Run.field_codes(r):
            run.mismatch(f"{adm.name} moves an account to {outside}: want 422 unit_code out_of_scope\n"
                         f"    {r.describe(300, headers=False)}")


def print_observed(run: Run, ops: list[dict]) -> None:
    accesses = sorted({op["access"] for op in ops if op["access"] not in SPECIAL_ACCESS})
    width = max(len(x) for x in accesses)
    print("observed (A allowed on every target, S on some, - none) vs oracle:")
    print(" " * 18 + " ".join(r[:6].rjust(6) for r in ROLES))
    for acc in accesses:
        cells = []
        for role in ROLES:
            seen = run.observed.get((role, acc), set())
            mark = "A" if seen == {"allowed"} else "S" if "allowed" in seen else "-"
            want = {ALL: "A", UNIT: "S", MINE: "S", NONE: "-"}[ORACLE[acc][role]]
            cells.append((mark if mark == want else f"{mark}!{want}").rjust(6))
        print(acc.ljust(18)[:18] + " ".join(cells))


if __name__ == "__main__":
    sys.exit(main())
