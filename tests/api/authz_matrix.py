#!/usr/bin/env python3
"""authz_matrix.py: every route × every role × every target scope, against an oracle of our own.

    authz_matrix.py --bin build/dev/src/app/pcmd [--engine sqlite|postgresql] [-j 8] [-v]

The route table comes from the server (`GET /api/openapi.json`, each operation's `x-access`:
"public", "session", "signed_in" or "resource:action"), and so do the programme record types'
fields (`GET /api/record-types`, to make valid records). The expectation does NOT come from the
server or from src/access/policy.cc: ORACLE below is written from the role descriptions of
README.md ("Accounts and access") and docs/contract.md ("Accounts, sessions and access",
"Programme records"). An `x-access` the oracle has no row for fails the run ("new route without an
expectation"): whoever adds a route adds its row.

Accounts: every role at the province (37), a district (369) and a commune under it (14347), plus
administrators at the other district (374) and a commune under it (14530), created with
`pcmd user add … --keep-password` before serving, signed in once (TOTP roles enrol with codes
computed here). Target records: an account at each of 37, 369, 374, 14347, 14350 (14347's sibling)
and 14530, the same units for the unit routes, a record of every programme record type at each of
those units its type is recorded at (communication activities at all six, press items at 37; the
types other than FULL_TYPES only at 14347 and 374, or what their levels allow; made by a province
officer, references at or below the referring record's unit, every text field a marker of its
own), an existing and a missing code list, and ids/codes that do not exist. Every actor probes
every route with every target (the routes of the types other than FULL_TYPES: the actors of the
district 369 and the anonymous one); the target's place relative to the actor is one of own unit,
below, parent unit, ancestor, sibling, other district.

Checks per probe:
  allowed        2xx for reads; for writes with deliberately invalid bodies (or stale versions) 2xx
                 or a 4xx that is not 401/403/404 (so nothing changes); creates and imports naming
                 an in-scope unit are not refused with `out_of_scope`
  denied role    403 `forbidden` on a collection and on a record path of a type the role reads
                 (units, code lists, ...); 404 on a record path of a type the role cannot read
  out of scope   404 on a record path (never 403), and the very same reply as for a record that does
                 not exist; a create naming an out-of-scope unit gets 422 with field code
                 `out_of_scope`, an import of such a row 422 with a problem (line, `unit`,
                 `out_of_scope`)
  anonymous      401 everywhere but the public routes
  no leak        no reply names (id or user name) an account the actor may not read (ids in the
                 fields that refer to accounts by design excepted: the audit log's actor fields,
                 `created_by`/`updated_by`/`changed_by`, `replaced_by`; the dpo reads the whole log),
                 and no reply holds the id or a marker of a programme record the actor may not read
  lists          `GET /api/accounts` (unfiltered, by unit, by role, paged) and the programme lists
                 (unfiltered, by unit, by period, paged) and CSV exports return exactly the rows in
                 scope, and `total` counts only those
Then the state-changing writes, one actor after the other: accounts (create, role change,
disable, password reset) on throw-away accounts and programme records (create, re-send, change,
move out of scope, delete, imports with all-valid / out-of-scope rows in both modes, a reference
to a record out of scope), in scope and out of it; the lists and exports again; finally every actor's logout (the old cookie then gets 401).
Prints `authz matrix: N probes, L leaks, M mismatches`; exit 1 on any mismatch or leak.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import csv
import io
import os
import re
import secrets
import sys
import threading
import time
import traceback
import urllib.parse
import uuid
from dataclasses import dataclass, field
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
#   NONE  nothing: 403 on a collection, 403 or 404 on a record path (TYPE_READ below)
#
# README "Accounts and access":
#   admin      "accounts and units of its unit and below; no client records, no audit log"
#   province_officer "programme and enforcement records of the province"; district_officer,
#   commune_officer "records of their unit and below"
#   inspector, intake_officer: enforcement records (establishments, inspections, tips): no
#              programme records
#   social_worker, peer_educator: clients assigned to them
#   viewer     "read-only, suppressed aggregates and reports"
#   dpo        "the audit log, consent and incident registers without content"
# docs/contract.md "Accounts, sessions and access":
#   "Units: every signed-in role reads them; POST/PATCH /api/units… are for admin only."
#   "GET /api/roles" is a route every signed-in role needs (the sign-in screens name the role).
#   "Accounts (admin only, within the admin's unit)"; "Audit (dpo only)"; "The dpo reads the
#   whole log."
#   "Out of scope (another unit's record, another worker's client) is 404, never 403. A role that
#   may not do an action: 403 forbidden on collections and on record paths of a type the role
#   reads; 404 on record paths of a type the role cannot read at all."
# docs/contract.md "Programme records":
#   "GET /api/record-types (any signed-in account)", "GET /api/code-lists/{list}; PUT
#   /api/code-lists/{list}/{code} (province officer)"; "Access resource: programme_record
#   (province, district and commune officers, social workers and peer educators, in their unit
#   and below)". Exports: the officers (a social worker or a peer educator exports nothing:
#   they work on people, not on the programme's spreadsheets).

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


_PROGRAMME_WORKERS = dict(province_officer=UNIT, district_officer=UNIT, commune_officer=UNIT,
                          social_worker=UNIT, peer_educator=UNIT)
_OFFICERS = dict(province_officer=UNIT, district_officer=UNIT, commune_officer=UNIT)

ORACLE: dict[str, dict[str, str]] = {
    # reference data: every signed-in role reads it; only an administrator writes units, and only
    # within its unit
    "unit:read": _everyone(ALL),
    "unit:create": _only(admin=UNIT),
    "unit:update": _only(admin=UNIT),
    "role:read": _everyone(ALL),
    # record types and code lists: any signed-in account (a full session); the province officer
    # edits the code lists (they have no unit: wherever that officer's account sits)
    "signed_in": _everyone(ALL),
    "code_list:update": _only(province_officer=ALL),
    # accounts: admin only, within its unit and below
    "account:read": _only(admin=UNIT),
    "account:create": _only(admin=UNIT),
    "account:update": _only(admin=UNIT),
    # the audit log: dpo only (the whole log: it has no unit)
    "audit:read": _only(dpo=ALL),
    # programme records (communication activities, press items, plans, pilot models)
    "programme_record:read": _only(**_PROGRAMME_WORKERS),
    "programme_record:create": _only(**_PROGRAMME_WORKERS),
    "programme_record:update": _only(**_PROGRAMME_WORKERS),
    "programme_record:delete": _only(**_PROGRAMME_WORKERS),
    "programme_record:export": _only(**_OFFICERS),
}
# "public" routes answer everyone, anonymous included; "session" routes every signed-in account
# (limited sessions too).
SPECIAL_ACCESS = ("public", "session")

# Which x-access reads a record of a resource: a role denied an action on a record path gets 403
# when it reads the type, 404 when it does not (a new resource is a KeyError until decided).
TYPE_READ = {
    "account": "account:read",
    "unit": "unit:read",
    "code_list": "signed_in",
    "signed_in": "signed_in",
    "programme_record": "programme_record:read",
    "audit": "audit:read",
}

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
CODE_LIST, MISSING_CODE_LIST = "communication_form", "mx_no_such_list"
RECORD_DATE = "2023-05-15"

# Request bodies for writes. Each is valid enough to pass the body checks and reach the access
# decision, but is refused afterwards by a rule of the data, so allowed probes change nothing.
RECORD_WRITE_BODIES: dict[tuple[str, str], Any] = {
    # stale version: 409 when allowed, 404 when not
    ("PATCH", "/api/accounts/{id}"): {"version": 0, "display_name": "Không đổi"},
    # a parent that does not exist: 422 when allowed, 404 when not
    ("PATCH", "/api/units/{code}"): {"change": "move", "effective": "2024-07-01", "parent_code": "00000"},
    ("POST", "/api/accounts/{id}/password-reset"): None,  # no body; changes the target's password
    # a code's own labels, order and flag again: 200 when allowed (nothing changes), 404 for a
    # list that does not exist
    ("PUT", "/api/code-lists/{list}/{code}"): {"label_vi": "Hình thức khác", "label_en": "Other",
                                                "sort": 99, "is_active": True},
}
# Programme record paths (any type): PATCH with a stale version, DELETE with a stale version
PROGRAMME_PATCH_BODY = {"version": 0}
PROGRAMME_DELETE_QUERY = "?version=999999"


def _account_create_body(tree: UnitTree, unit: str) -> dict:
    # an invalid user name: refused after the scope decision, so nothing is created
    return {"username": "Tên Sai!", "display_name": "Thử", "role": "viewer", "unit_code": unit}


def _unit_create_body(tree: UnitTree, unit: str) -> dict:
    # a unit of the parent's own level under it: refused by the tree after the scope decision
    return {"code": "99901", "name": "Đơn vị thử", "level": tree.level[unit], "type": "Xã",
            "parent_code": unit, "valid_from": "2021-01-01"}


# Collections whose create names a unit: (method, path) -> (body for a unit, field refused when
# the unit is out of scope). Programme record creates and imports are added from the record types.
UNIT_NAMING_CREATES: dict[tuple[str, str], tuple[Callable[[UnitTree, str], Any], str]] = {
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
    key: dict[str, str]   # path parameter -> value
    unit: str | None      # the record's unit (None: no such record; "-" for records without a unit)
    account: TestAccount | None = None
    record: "ProgRecord | None" = None


@dataclass
class Probe:
    actor: Actor
    method: str
    path: str             # pattern
    access: str
    url: str
    body: Any
    target: Target | None
    kind: str             # "record", "create", "import", "list", "export", "plain"
    expect: str           # allowed, denied, out_of_scope, missing, unauth
    resp: Response | None = None


# --------------------------------------------------------------------------------------------
# Programme records: types from /api/record-types, records the run made


@dataclass
class ProgType:
    path: str                      # communication-activities
    unit_levels: list[str]
    fields: list[dict]
    codes: dict[str, list[str]]    # code list -> its codes
    header: list[str] = field(default_factory=list)  # the CSV header of an export
    refs: dict[str, str] = field(default_factory=dict)  # reference field -> the referred type's path
    full: bool = False             # targets at every unit of TARGET_UNITS its levels allow
    optional_ref: str | None = None  # an optional reference the type's rules want filled

    def allowed_units(self, tree: UnitTree) -> list[str]:
        return [u for u in TARGET_UNITS if tree.level[u] in self.unit_levels]

    def target_units(self, tree: UnitTree) -> list[str]:
        """Where the run makes this type's target records: every allowed unit for the types
        probed in full; else a commune (14347) and another district (374), or what the levels
        allow (every type is served by the same code, so two places suffice there)."""
        ok = self.allowed_units(tree)
        if self.full:
            return ok
        pick = [u for u in (COMMUNE, DISTRICT2) if u in ok]
        for u in ok:
            if len(pick) >= 2:
                break
            if u not in pick:
                pick.append(u)
        return pick

    def create_units(self) -> tuple[str, ...]:
        """Units named by the probes of the create and import routes."""
        return TARGET_UNITS if self.full else (PROVINCE, DISTRICT2, COMMUNE)

    def ref_fields(self) -> list[str]:
        return [f["name"] for f in self.fields if f["kind"] == "reference" and
                (f.get("required") or f["name"] == self.optional_ref)]

    def body(self, unit: str, marker: str, rid: str | None = None, invalid: bool = False,
             refs: dict[str, str] | None = None) -> dict:
        """A record of this type (every text field holds `marker`; references from `refs`).
        `invalid`: refused by the server after the scope decision: the first text field one
        character too long, or without text fields the first integer field below its minimum,
        or without those a required field left out."""
        out: dict[str, Any] = {"unit": unit, "date": RECORD_DATE}
        if rid:
            out["id"] = rid
        spoil = invalid
        for f in self.fields:
            kind, name = f["kind"], f["name"]
            if kind == "text":
                n = int(f.get("max_length") or 100)
                out[name] = ("x" * (n + 1)) if spoil else marker[:n]
                spoil = False
            elif kind == "reference":
                if refs and name in refs:
                    out[name] = refs[name]
            elif kind == "url":  # also when optional: a rule may want a link or a file
                out[name] = "https://example.org/" + marker
            elif not f.get("required"):
                continue
            elif kind == "integer":
                out[name] = max(int(f.get("min", 0)), min(int(f.get("max", 2023)), 2023))
            elif kind == "date":
                out[name] = RECORD_DATE
            elif kind == "code":
                out[name] = self.codes[f["code_list"]][0]
            elif kind == "codes":
                out[name] = self.codes[f["code_list"]][:1]
            elif kind == "boolean":
                out[name] = False
            elif kind == "unit":
                out[name] = unit
            else:
                raise HarnessError(f"{self.path}: field {name} of kind {kind}: the matrix cannot fill it")
        if spoil:
            f = next((f for f in self.fields if f["kind"] == "integer"), None)
            if f is not None:
                out[f["name"]] = int(f.get("min", 0)) - 1
            else:  # a required field left out
                f = next((f for f in self.fields if f.get("required")), None)
                if f is None:
                    raise HarnessError(f"{self.path}: no field to make an invalid record with")
                out.pop(f["name"], None)
        return out

    def csv(self, rows: list[dict]) -> bytes:
        """A CSV file laid out like this type's export (header "Nhãn (field)"), one line a row."""
        names = []
        for h in self.header:
            m = re.search(r"\(([^()]*)\)\s*$", h)
            names.append(m.group(1) if m else h)
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(self.header)
        for row in rows:
            line = []
            for n in names:
                v = row.get(n, "")
                if isinstance(v, bool):
                    v = "true" if v else "false"
                elif isinstance(v, list):
                    v = ";".join(v)
                line.append("" if v is None else str(v))
            w.writerow(line)
        return ("\ufeff" + buf.getvalue()).encode("utf-8")


# The types probed at every target unit; the others at two (ProgType.target_units)
FULL_TYPES = ("communication-activities", "press-items")


@dataclass
class ProgRecord:
    path: str
    id: str
    unit: str
    markers: list[str]
    refs: list[str] = field(default_factory=list)  # ids of the records it refers to
    deleted: bool = False


ACTOR_FIELDS = {"actor", "actor_username", "entity_id", "replaced_by", "created_by", "updated_by",
                "changed_by"}


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


def csv_ids(text: str) -> list[str] | None:
    """The `(id)` column of a CSV export, or None when there is none."""
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    if not rows:
        return None
    col = next((i for i, h in enumerate(rows[0]) if h.strip().endswith("(id)")), None)
    if col is None:
        return None
    return [r[col] for r in rows[1:] if len(r) > col]


class Run:
    def __init__(self, a):
        self.a = a
        self.tree = UnitTree()
        self.lock = threading.Lock()
        self.mismatches: list[str] = []
        self.groups: dict[str, list] = {}  # mismatch kind -> [count, actors, first message]
        self.leaks: list[str] = []
        self.probes = 0
        self.notes: list[str] = []
        self.observed: dict[tuple[str, str], set[str]] = {}
        self.targeted: set[str] = set()  # accesses probed with targets (not only on collections)
        self.accounts: list[TestAccount] = []   # every account the run knows of, first admin too
        self.actor_ids_seen: set[tuple[str, str, str, str]] = set()
        self.places: dict[str, int] = {}  # probes by the target's place relative to the actor
        self.server: PcmdServer | None = None
        self.ptypes: dict[str, ProgType] = {}     # by path ("communication-activities")
        self.records: list[ProgRecord] = []       # every programme record the run made
        self.target_ids: set[str] = set()         # those made for phase 1 (the targets)
        self.seen_in_scope = 0  # record ids met in replies to readers in scope (the check sees ids)

    # ---- bookkeeping ------------------------------------------------------------------------

    def mismatch(self, msg: str, kind: str | None = None, who: str = "") -> None:
        """Records a mismatch; mismatches of one `kind` (a route, an expectation and what came
        instead) are printed as one group with the actors that met it."""
        kind = kind or re.sub(r"[0-9a-f]{8}-[0-9a-f-]{27}", "ID", msg.split("\n", 1)[0])
        with self.lock:
            self.mismatches.append(msg)
            g = self.groups.setdefault(kind, [0, set(), msg])
            g[0] += 1
            if who:
                g[1].add(who)

    def count(self, n: int = 1) -> None:
        with self.lock:
            self.probes += n

    def scope_of(self, role: str, access: str) -> str:
        row = ORACLE.get(access)
        if row is None:
            raise KeyError(access)
        return row[role]

    def in_scope(self, actor: Actor, access: str, unit: str) -> bool:
        if actor.acct is None:
            return False
        scope = self.scope_of(actor.role, access)
        return scope == ALL or (scope == UNIT and self.tree.contains(actor.unit, unit))

    def readable_accounts(self, actor: Actor) -> list[TestAccount]:
        if actor.acct is None:
            return []
        return [x for x in self.accounts if self.in_scope(actor, "account:read", x.unit)]

    def readable_records(self, actor: Actor, path: str | None = None) -> list[ProgRecord]:
        with self.lock:
            records = list(self.records)
        return [r for r in records if (path is None or r.path == path)
                and self.in_scope(actor, "programme_record:read", r.unit)]

    def refs_for(self, pt: ProgType, unit: str) -> dict[str, str]:
        """Values for `pt`'s reference fields of a record at `unit`: a target record of the
        referred type at that unit, else below it, else (never for the targets) any."""
        out = {}
        with self.lock:
            records = [r for r in self.records if r.id in self.target_ids]
        for name in pt.ref_fields():
            cands = [r for r in records if r.path == pt.refs[name]]
            best = ([r for r in cands if r.unit == unit] or
                    [r for r in cands if self.tree.contains(unit, r.unit)] or cands)
            if best:
                out[name] = best[0].id
        return out

    def prog_type_of(self, path: str) -> ProgType | None:
        m = re.match(r"^/api/([a-z0-9-]+)", path)
        return self.ptypes.get(m.group(1)) if m else None

    # ---- probing ----------------------------------------------------------------------------

    def send(self, actor: Actor, method: str, url: str, body: Any) -> Response:
        c = actor.client
        if isinstance(body, bytes):
            return c.request(method, url, raw=body, headers={"Content-Type": "text/csv; charset=utf-8"})
        if body is None:
            return c.request(method, url)
        return c.request(method, url, body)

    def check_leaks(self, probe: Probe, resp: Response) -> None:
        """No reply names an account the actor may not read: not its user name, and not its id
        outside the fields that refer to accounts by design (ACTOR_FIELDS: the audit log's `actor`,
        `actor_username` and `entity_id`, an account version's `replaced_by`, a record's
        `created_by`/`updated_by`/`changed_by`, also in a 409's `current`). Ids met in
        those fields are reported as a note. No reply holds the id (outside those fields) or a
        marker of a programme record the actor may not read."""
        actor = probe.actor
        readable = {x.username for x in self.readable_accounts(actor)}
        text = resp.text
        id_text, actor_text = text, ""
        try:
            id_text, actor_text = split_actor_fields(resp.json())
        except Exception:
            pass
        for x in self.accounts:
            if x.username in readable or (actor.acct and x.username == actor.acct.username):
                continue
            found = []
            if x.username != "admin" and x.username in id_text:  # "admin" is also a role id
                found.append(x.username)
            if x.id and x.id in id_text:
                found.append(x.id)
            for t in found:
                with self.lock:
                    self.leaks.append(f"{actor.role}@{actor.unit} {probe.method} {probe.url} -> {resp.status}: "
                                      f"names {x.username} ({t}) of unit {x.unit}")
            if not found and ((x.id and x.id in actor_text) or
                              (x.username != "admin" and x.username in actor_text)):
                with self.lock:
                    self.actor_ids_seen.add((probe.method, probe.path, actor.role, x.username))
        readable_ids = {r.id for r in self.readable_records(actor)}
        with self.lock:
            records = list(self.records)
        for r in records:
            if r.id in readable_ids:
                if r.id in id_text:
                    with self.lock:
                        self.seen_in_scope += 1
                continue
            found = [r.id] if r.id in id_text else []
            found += [m for m in r.markers if m in text]
            for t in found:
                with self.lock:
                    self.leaks.append(f"{actor.role}@{actor.unit} {probe.method} {probe.url} -> {resp.status}: "
                                      f"holds {t} of the {r.path} record {r.id} of unit {r.unit}")

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
            ptype = self.prog_type_of(probe.path)
            pattern = probe.path.replace(f"/api/{ptype.path}", "/api/<programme type>") if ptype else probe.path
            self.mismatch(f"{where}: expected {probe.expect}, {err}\n    {resp.describe(400, headers=False)}",
                          f"{probe.method} {pattern} ({probe.access}): expected {probe.expect}, "
                          + re.sub(r"[0-9a-f]{8}-[0-9a-f-]{27}", "ID", err),
                          f"{probe.actor.role}@{probe.actor.unit}" + (f"#{ptype.path}" if ptype else ""))
        if probe.actor.acct is not None and probe.access not in SPECIAL_ACCESS and \
                not (probe.target and probe.target.unit is None):
            with self.lock:
                self.observed.setdefault((probe.actor.role, probe.access), set()).add(
                    "allowed" if self.looks_allowed(probe, resp) else "refused")
                if probe.target is not None:
                    self.targeted.add(probe.access)

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

    @staticmethod
    def problems(resp: Response) -> list[dict]:
        """An import report's problems (an import refused with an error envelope has none)."""
        try:
            doc = resp.json()
            return list(doc.get("problems", [])) if isinstance(doc, dict) else []
        except Exception:
            return []

    def looks_allowed(self, probe: Probe, resp: Response) -> bool:
        if resp.status < 300:
            return True
        if resp.status in (401, 403, 404):
            return False
        if any(p.get("code") == "out_of_scope" for p in self.problems(resp)):
            return False
        return not any(code == "out_of_scope" for _, code in self.field_codes(resp))

    def denied_status(self, probe: Probe) -> int:
        """403 on a collection or on a record path of a type the role reads; 404 on a record
        path of a type it cannot read."""
        if probe.kind != "record":
            return 403
        resource = probe.access.split(":")[0]
        if resource not in TYPE_READ:
            raise HarnessError(f"{probe.method} {probe.path}: which x-access reads a {resource} record? "
                               "(add it to TYPE_READ)")
        return 403 if self.scope_of(probe.actor.role, TYPE_READ[resource]) != NONE else 404

    def judge(self, probe: Probe, resp: Response) -> str | None:
        s = resp.status
        if s >= 500:
            return f"got {s}"
        e = probe.expect
        if e == "unauth":
            return None if s == 401 else f"got {s}"
        if e == "denied":
            want = self.denied_status(probe)
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
            if probe.kind == "import":
                # the file names a unit out of scope on line 2: a problem of the report
                if s == 422 and any(p.get("line") == 2 and p.get("field") == "unit" and
                                    p.get("code") == "out_of_scope" for p in self.problems(resp)):
                    return None
                return f"got {s} (want 422 with a problem {{line 2, unit, out_of_scope}})"
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
        if any(code == "out_of_scope" for _, code in self.field_codes(resp)) or \
                any(p.get("code") == "out_of_scope" for p in self.problems(resp)):
            return f"got {s} out_of_scope for an in-scope target"
        return None

    def check_read_body(self, probe: Probe, resp: Response) -> str | None:
        if probe.kind == "export":
            return self.check_export(probe, resp)
        try:
            body = resp.json()
        except Exception:
            return "reply is not JSON"
        if probe.path == "/api/accounts/{id}" and probe.target and probe.target.account:
            if body.get("id") != probe.target.account.id or body.get("username") != probe.target.account.username:
                return f"got another account: {body.get('username')}"
        if probe.kind == "record" and probe.path == "/api/units/{code}":
            if body.get("code") != probe.target.key["code"]:
                return f"got unit {body.get('code')}"
        if probe.kind == "record" and probe.target and probe.target.record:
            rec = probe.target.record
            items = body.get("items") if probe.path.endswith("/history") else [body]
            if not items or any(i.get("id") != rec.id or i.get("unit") != rec.unit for i in items):
                return f"got another record: {[(i.get('id'), i.get('unit')) for i in items or []]}"
        if probe.kind == "record" and probe.path == "/api/code-lists/{list}":
            if not body.get("items"):
                return "the code list is empty"
        if probe.path == "/api/auth/me":
            if (body.get("user") or {}).get("username") != probe.actor.acct.username:
                return f"me is {(body.get('user') or {}).get('username')}"
        if probe.kind == "list":
            if probe.path == "/api/accounts":
                return self.check_account_list(probe, body)
            return self.check_record_list(probe, body)
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

    def expected_records(self, probe: Probe) -> list[ProgRecord]:
        """The programme records a list or export URL should return to the actor."""
        q = urllib.parse.parse_qs(urllib.parse.urlsplit(probe.url).query)
        ptype = self.prog_type_of(probe.path)
        rows = [r for r in self.readable_records(probe.actor, ptype.path) if not r.deleted]
        if "unit" in q:
            rows = [r for r in rows if self.tree.contains(q["unit"][0], r.unit)]
        if "period" in q and q["period"][0] != RECORD_DATE[:4]:
            rows = []
        return rows

    def check_record_list(self, probe: Probe, body: dict) -> str | None:
        q = urllib.parse.parse_qs(urllib.parse.urlsplit(probe.url).query)
        want = sorted(r.id for r in self.expected_records(probe))
        got = [i.get("id") for i in body.get("items", [])]
        offset = int(q.get("offset", ["0"])[0])
        limit = int(q.get("limit", ["50"])[0])
        msgs = []
        if body.get("total") != len(want):
            msgs.append(f"total {body.get('total')} (want {len(want)})")
        if offset == 0 and limit >= len(want):
            extra, missing = sorted(set(got) - set(want)), sorted(set(want) - set(got))
            if extra or missing or len(got) != len(want):
                msgs.append(f"rows differ: extra {extra}, missing {missing}")
        else:
            if len(got) != max(0, min(limit, len(want) - offset)) or not set(got) <= set(want):
                msgs.append(f"page {got} is not {limit} rows at {offset} of {want}")
        return "; ".join(msgs) or None

    def check_export(self, probe: Probe, resp: Response) -> str | None:
        body = resp.body
        if not body.startswith(b"\xef\xbb\xbf"):
            return "the export has no UTF-8 BOM"
        ids = csv_ids(body.decode("utf-8", "replace"))
        if ids is None:
            return "the export has no (id) column"
        want = sorted(r.id for r in self.expected_records(probe))
        if sorted(ids) != want:
            return (f"export rows differ: extra {sorted(set(ids) - set(want))}, "
                    f"missing {sorted(set(want) - set(ids))}")
        return None

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
        rel = (lambda u: self.tree.relation(actor.unit, u)) if actor.acct else (lambda u: "-")
        for op in ops:
            method, path, access = op["method"], op["path"], op["access"]
            if (method, path) in LAST:
                continue
            params = re.findall(r"\{([^}]+)\}", path)
            ptype = self.prog_type_of(path)
            if ptype and not ptype.full and actor.acct and actor.unit != DISTRICT:
                # the other programme types: every role, from the district only (its commune
                # below, the other district out of scope), to keep the run short
                continue
            if params:
                for t in self.record_targets(actor, path, access, account_targets):
                    url = path
                    for p in params:
                        url = url.replace("{" + p + "}", urllib.parse.quote(t.key[p], safe=""))
                    if ptype and method == "PATCH":
                        body = PROGRAMME_PATCH_BODY
                    elif ptype and method == "DELETE":
                        body, url = None, url + PROGRAMME_DELETE_QUERY
                    else:
                        body = RECORD_WRITE_BODIES.get((method, path), {}) if method != "GET" else None
                    out.append(Probe(actor, method, path, access, url, body, t, "record",
                                     self.expectation(actor, access, "record", t)))
            elif (method, path) in UNIT_NAMING_CREATES:
                make_body = UNIT_NAMING_CREATES[(method, path)][0]
                kind = "import" if path.endswith("/import") else "create"
                for u in (ptype.create_units() if ptype else TARGET_UNITS):
                    t = Target(rel(u), {"unit": u}, u)
                    out.append(Probe(actor, method, path, access, path, make_body(self.tree, u), t,
                                     kind, self.expectation(actor, access, kind, t)))
            elif (method, path) == ("GET", "/api/accounts"):
                urls = [path + "?limit=1000", path + "?limit=2&offset=1", path + "?role=viewer&limit=1000",
                        path + "?role=admin&limit=1000"]
                urls += [path + f"?unit={u}&limit=1000" for u in TARGET_UNITS]
                for url in urls:
                    out.append(Probe(actor, method, path, access, url, None, None, "list",
                                     self.expectation(actor, access, "list", None)))
            elif ptype and method == "GET" and path == f"/api/{ptype.path}":
                for url in self.record_list_urls(ptype, path):
                    out.append(Probe(actor, method, path, access, url, None, None, "list",
                                     self.expectation(actor, access, "list", None)))
            elif ptype and method == "GET" and path == f"/api/{ptype.path}/export":
                for url in (path + "?format=csv", path + f"?format=csv&unit={DISTRICT}"):
                    out.append(Probe(actor, method, path, access, url, None, None, "export",
                                     self.expectation(actor, access, "export", None)))
            else:
                body = OTHER_WRITE_BODIES.get((method, path), {}) if method != "GET" else None
                out.append(Probe(actor, method, path, access, path, body, None, "plain",
                                 self.expectation(actor, access, "plain", None)))
        return out

    def record_list_urls(self, ptype: ProgType, path: str) -> list[str]:
        if not ptype.full:
            return [path + "?limit=1000", path + f"?unit={DISTRICT}&limit=1000"]
        urls = [path + "?limit=1000", path + "?limit=2&offset=1", path + f"?period={RECORD_DATE[:4]}&limit=1000",
                path + "?period=2022&limit=1000"]
        units = TARGET_UNITS if len(ptype.allowed_units(self.tree)) > 2 else (PROVINCE, DISTRICT)
        return urls + [path + f"?unit={u}&limit=1000" for u in units]

    def record_targets(self, actor: Actor, path: str, access: str,
                       account_targets: list[TestAccount]) -> list[Target]:
        rel = (lambda u: self.tree.relation(actor.unit, u)) if actor.acct else (lambda u: "-")
        resource = access.split(":")[0]
        if path.startswith("/api/accounts/"):
            ts = [Target(rel(x.unit), {"id": x.id}, x.unit, x) for x in account_targets]
            return ts + [Target("missing", {"id": MISSING_ID}, None)]
        if path.startswith("/api/units/"):
            return [Target(rel(u), {"code": u}, u) for u in TARGET_UNITS] + \
                [Target("missing", {"code": MISSING_UNIT}, None)]
        if path.startswith("/api/code-lists/"):
            # code lists have no unit
            return [Target("no unit", {"list": CODE_LIST, "code": "other"}, "-"),
                    Target("missing", {"list": MISSING_CODE_LIST, "code": "other"}, None)]
        ptype = self.prog_type_of(path)
        if ptype is not None:
            with self.lock:
                records = [r for r in self.records if r.path == ptype.path and r.id in self.target_ids]
            return [Target(rel(r.unit), {"id": r.id}, r.unit, record=r) for r in records] + \
                [Target("missing", {"id": MISSING_ID}, None)]
        if resource in ASSIGNED_RESOURCES:
            raise HarnessError(f"a route takes a {resource} record: add its targets, including "
                               "another worker's record, to authz_matrix.py")
        raise HarnessError(f"{path} takes a {resource} record and the matrix has no targets for it")

    def notes_have(self, text: str) -> bool:
        return any(text in n for n in self.notes)


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


def load_programme_types(run: Run, c: Client) -> None:
    """The programme record types (fields, unit levels, code lists, references) and their
    creates/imports as unit-naming writes."""
    items = [t for t in c.get_json("/api/record-types")["items"] if t.get("resource") == "programme_record"]
    paths = [t["path"] for t in items]
    for t in items:
        codes = {}
        for f in t["fields"]:
            if f.get("code_list") and f["code_list"] not in codes:
                codes[f["code_list"]] = [x["code"] for x in c.get_json(f"/api/code-lists/{f['code_list']}")["items"]
                                         if x.get("is_active", True)]
        pt = ProgType(t["path"], list(t["unit_levels"]), list(t["fields"]), codes, full=t["path"] in FULL_TYPES)
        for f in t["fields"]:
            if f["kind"] == "reference":
                # reference_type is the referred type's id ("industrial_zone"); its path is the id
                # in the plural with dashes ("industrial-zones")
                ref = f.get("reference_type", "")
                hits = [p for p in paths if p.replace("-", "_") in (ref, ref + "s", ref + "es")]
                if len(hits) != 1:
                    raise HarnessError(f"{pt.path}.{f['name']}: which type is reference_type {ref!r}? {hits}")
                pt.refs[f["name"]] = hits[0]
        run.ptypes[pt.path] = pt
        base = f"/api/{pt.path}"
        # a record naming the unit, refused after the scope decision (ProgType.body's `invalid`)
        UNIT_NAMING_CREATES[("POST", base)] = (
            lambda tree, u, pt=pt: pt.body(u, "MX", invalid=True, refs=run.refs_for(pt, u)), "unit")
        # a file whose line 2 is a valid row naming the unit, line 3 the same made invalid (so an
        # import in scope stores nothing)
        UNIT_NAMING_CREATES[("POST", base + "/import")] = (
            lambda tree, u, pt=pt: pt.csv([pt.body(u, "MX", rid=str(uuid.uuid4()), refs=run.refs_for(pt, u)),
                                           pt.body(u, "MX", rid=str(uuid.uuid4()), invalid=True,
                                                   refs=run.refs_for(pt, u))]), "unit")


def make_programme_records(run: Run, maker: Actor) -> None:
    """Records of every programme type at its target units (ProgType.target_units), made by a
    province officer of the province; every text field carries a marker of its own. A reference
    points at a record of the referred type at the same unit or below, so whoever reads the
    referring record reads the referred one too. Referred types first."""
    c = maker.client
    pending = list(run.ptypes.values())
    while pending:
        ready = [pt for pt in pending if all(run.ptypes[r].path not in [q.path for q in pending]
                                             for r in pt.refs.values())]
        if not ready:
            raise HarnessError(f"references in a circle: {[pt.path for pt in pending]}")
        for pt in ready:
            pending.remove(pt)
            r = c.get(f"/api/{pt.path}/export?format=csv")
            if r.status != 200:
                raise HarnessError(f"export of an empty {pt.path} list for its header:\n{r.describe(500)}")
            pt.header = next(csv.reader(io.StringIO(r.body.decode("utf-8").lstrip("\ufeff"))))
            for u in pt.target_units(run.tree):
                marker = "MXR" + secrets.token_hex(6)
                r = c.post(f"/api/{pt.path}", pt.body(u, marker, refs=run.refs_for(pt, u)))
                if r.status == 422 and pt.optional_ref is None:
                    # a rule may want one of the optional references (outreach: a zone or a school)
                    for f in pt.fields:
                        if f["kind"] == "reference" and not f.get("required"):
                            pt.optional_ref = f["name"]
                            r = c.post(f"/api/{pt.path}", pt.body(u, marker, refs=run.refs_for(pt, u)))
                            if r.status == 201:
                                break
                            pt.optional_ref = None
                if r.status != 201:
                    raise HarnessError(f"the province officer cannot create a {pt.path} record at {u}:\n"
                                       f"{r.describe(800)}")
                doc = r.json()
                refs = [doc[f] for f in pt.refs if doc.get(f)]
                rec = ProgRecord(pt.path, doc["id"], u, [marker], refs)
                run.records.append(rec)
                run.target_ids.add(rec.id)


# --------------------------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--engine", choices=("sqlite", "postgresql"), default="sqlite")
    ap.add_argument("-j", dest="jobs", type=int, default=8, help="threads sending probes")
    ap.add_argument("--server-threads", type=int, default=8, help="pcmd serve --threads")
    ap.add_argument("-v", dest="verbose", action="store_true")
    a = ap.parse_args()
    if a.engine == "postgresql" and not os.environ.get("PCMD_TEST_PG_URL"):
        print("authz_matrix: --engine postgresql needs PCMD_TEST_PG_URL; run under "
              "tests/harness/with_postgres.sh", file=sys.stderr)
        return 2
    started = time.monotonic()
    run = Run(a)
    server = PcmdServer(a.bin, engine=a.engine, name="authz", threads=a.server_threads)
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
    add_accounts(server, actors_accts + targets + throwaways, workers=2)
    server.start()
    first_admin = TestAccount(server.admin_username, "admin", PROVINCE)
    with server.admin_client() as c:
        first_admin.id = c.user["id"]
        first_admin.password = server.admin_password
        ops = load_routes(run, c)
        load_programme_types(run, c)
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

    # the programme records to probe, made by the province officer of the province
    root_officer = next(x for x in actors if x.role == "province_officer" and x.unit == PROVINCE)
    make_programme_records(run, root_officer)
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

    # phase 2: state-changing writes, one actor after the other: accounts by the administrators
    # (on throw-away accounts), programme records by the roles that write them
    admins = [x for x in actors if x.role == "admin"]
    root_admin = next(x for x in admins if x.unit == PROVINCE)
    tw = {x.unit: x for x in throwaways}
    for adm in admins:
        state_changing_writes(run, adm, root_admin, tw)
    # the whole universe as the province administrator sees it afterwards
    check_list(run, root_admin, "/api/accounts?limit=1000")
    for adm in admins:
        check_list(run, adm, "/api/accounts?limit=1000")
    writers = [x for x in actors if run.scope_of(x.role, "programme_record:create") != NONE]
    for w in writers:
        programme_writes(run, w, root_officer)
    # every actor's lists and exports of communication activities after the writes
    ca = "/api/communication-activities"
    if ca.removeprefix("/api/") in run.ptypes:
        for actor in actors:
            for url, kind, access in ((ca + "?limit=1000", "list", "programme_record:read"),
                                      (ca + "/export?format=csv", "export", "programme_record:export")):
                path = ca if kind == "list" else ca + "/export"
                run.run_probe(Probe(actor, "GET", path, access, url, None, None, kind,
                                    run.expectation(actor, access, kind, None)))
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
        run.notes.append(f"accounts outside the reader's scope appear in actor fields "
                         f"({', '.join(sorted(ACTOR_FIELDS))}) of {', '.join(where)} "
                         f"({len(run.actor_ids_seen)} reader/account pairs)")
    for n in run.notes:
        print(f"note: {n}")
    print("targets by place: " + ", ".join(f"{k} {v}" for k, v in sorted(run.places.items())))
    print(f"programme record ids met in replies to readers in scope: {run.seen_in_scope} (out of scope: "
          f"{len(run.leaks)} leaks)")
    if not run.seen_in_scope:
        run.mismatch("no programme record id was met in any reply: the leak check is blind")
    for kind, (n, who, first) in sorted(run.groups.items(), key=lambda kv: -kv[1][0]):
        roles = sorted({w.split("@")[0] for w in who})
        types = sorted({w.split("#")[1] for w in who if "#" in w})
        print(f"MISMATCH [{n}x{', ' + ', '.join(roles) if roles else ''}] {kind}"
              + (f"\n  types: {', '.join(types)}" if types else "") + f"\n  e.g. {first}")
    for l in run.leaks[:30]:
        print(f"LEAK {l}")
    if len(run.leaks) > 30:
        print(f"... and {len(run.leaks) - 30} more leaks")
    print(f"timing: setup {t_setup - started:.1f} s, sign-in {t_signin - t_setup:.1f} s, "
          f"probes {t_phase1 - t_signin:.1f} s, writes {t_phase2 - t_phase1:.1f} s, "
          f"logout {t_end - t_phase2:.1f} s")
    print(f"authz matrix: {run.probes} probes, {len(run.leaks)} leaks, {len(run.mismatches)} mismatches "
          f"({len(ops)} routes, {len(actors)} accounts in {len(ROLES)} roles + anonymous, "
          f"{len(run.records)} programme records of {len(run.ptypes)} types, "
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
    out = step("stale version", c.patch(f"/api/accounts/{mine.id}", {"version": v, "role": "viewer"}), 409)
    if out is not None and ((out.get("error") or {}).get("code") != "stale_version" or
                            (out.get("current") or {}).get("version") != v + 1):
        run.mismatch(f"{adm.name} stale version: want stale_version with the current account: {out}")
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


def programme_writes(run: Run, w: Actor, root: Actor) -> None:
    """A role that writes programme records, on communication activities: in scope the writes
    take effect; out of scope they are refused (422 out_of_scope when the write names the unit,
    404 when it names the record) and change nothing; a reference to a record out of scope is
    refused like one to a record that does not exist. Every reply goes through the leak check."""
    pt = run.ptypes.get("communication-activities")
    if pt is None:
        return
    base = f"/api/{pt.path}"
    tree = run.tree
    who = f"{w.role}@{w.unit}"

    def send(what: str, method: str, url: str, body: Any, want: int) -> Response:
        p = Probe(w, method, base, "programme_record:write", url, body, None, "write", "allowed")
        r = run.send(w, method, url, body)
        run.count()
        run.check_leaks(p, r)
        if r.status != want:
            fail(what, f"want {want}, got {r.status}\n    {r.describe(400, headers=False)}")
        return r

    def root_get(rid: str) -> Response:
        return root.client.get(f"{base}/{rid}")

    def add(rid: str, unit: str, marker: str) -> ProgRecord:
        rec = ProgRecord(pt.path, rid, unit, [marker])
        with run.lock:
            run.records.append(rec)
        return rec

    outside = next((u for u in TARGET_UNITS if not tree.contains(w.unit, u)), None)

    def fail(what: str, msg: str) -> None:
        generic = re.sub(r"\b\d{2,5}\b", "<unit out of scope>", what)
        run.mismatch(f"{who} {what}: {msg}", f"programme records, {generic}: "
                     + re.sub(r"[0-9a-f]{8}-[0-9a-f-]{27}", "ID", msg.split("\n", 1)[0])[:160], who)

    # create with a client-made id, then the same again (200, still version 1)
    rid, marker = str(uuid.uuid4()), "MXW" + secrets.token_hex(6)
    body = pt.body(w.unit, marker, rid=rid)
    r = send("create in scope", "POST", base, body, 201)
    if r.status == 201:
        rec = add(rid, w.unit, marker)
        r = send("the same create again", "POST", base, body, 200)
        if r.status == 200 and (r.json().get("id") != rid or r.json().get("version") != 1):
            fail("the same create again", r.text[:300])
        # a change, then the same version again (409 with the record as it is now)
        marker2 = "MXW" + secrets.token_hex(6)
        text_field = next(f["name"] for f in pt.fields if f["kind"] == "text")
        r = send("change", "PATCH", f"{base}/{rid}", {"version": 1, text_field: marker2}, 200)
        if r.status == 200:
            rec.markers.append(marker2)
        r = send("stale change", "PATCH", f"{base}/{rid}", {"version": 1, text_field: "stale"}, 409)
        if r.status == 409:
            doc = r.json()
            if (doc.get("error") or {}).get("code") != "stale_version" or \
                    (doc.get("current") or {}).get("version") != 2 or (doc.get("current") or {}).get("id") != rid:
                fail("stale change", f"want stale_version with the current record (version 2): "
                             f"{r.text[:400]}")
        if outside:
            r = send(f"move to {outside}", "PATCH", f"{base}/{rid}", {"version": 2, "unit": outside}, 422)
            if r.status == 422 and ("unit", "out_of_scope") not in Run.field_codes(r):
                fail(f"move to {outside}", f"want field unit out_of_scope: {r.text[:300]}")
            now = root_get(rid)
            if now.status != 200 or now.json().get("unit") != w.unit:
                fail(f"move to {outside}", f"the record is now {now.text[:300]}")

    if outside:
        # a create naming an out-of-scope unit: 422 unit out_of_scope, nothing created
        rid_out = str(uuid.uuid4())
        r = send(f"create in {outside}", "POST", base, pt.body(outside, "MX", rid=rid_out), 422)
        if r.status == 422 and ("unit", "out_of_scope") not in Run.field_codes(r):
            fail(f"create in {outside}", f"want field unit out_of_scope: {r.text[:300]}")
        if root_get(rid_out).status != 404:
            fail(f"create in {outside}", "the record exists anyway")
        # change and delete a record out of scope (with its right version): 404, nothing changes
        victim = next(x for x in run.records if x.path == pt.path and x.unit == outside and x.id in run.target_ids)
        before = root_get(victim.id).json()
        text_field = next(f["name"] for f in pt.fields if f["kind"] == "text")
        send("change out of scope", "PATCH", f"{base}/{victim.id}",
             {"version": before["version"], text_field: "đổi"}, 404)
        send("delete out of scope", "DELETE", f"{base}/{victim.id}?version={before['version']}", None, 404)
        after = root_get(victim.id).json()
        if after != before:
            fail("out-of-scope writes", f"changed {victim.id}: {before} -> {after}")
        # a create re-using the id of an out-of-scope record: noted (ids are client-made UUIDs)
        r = run.send(w, "POST", base, pt.body(w.unit, "MX", rid=victim.id))
        run.count()
        if r.status not in (404, 422) and not run.notes_have("id_conflict"):
            run.notes.append(f"a create in scope with the id of an out-of-scope record answers {r.status} "
                             f"{Run.error_code(r)} (so an id's existence shows; ids are client-made UUIDs)")

    # imports: a valid row in scope (all), a row out of scope (all), one of each (valid)
    rid_i, marker_i = str(uuid.uuid4()), "MXI" + secrets.token_hex(6)
    r = send("import a row in scope", "POST", base + "/import",
             pt.csv([pt.body(w.unit, marker_i, rid=rid_i)]), 200)
    if r.status == 200:
        doc = r.json()
        if doc.get("stored") is not True or doc.get("created") != 1:
            fail("import a row in scope", r.text[:300])
        add(rid_i, w.unit, marker_i)
    if outside:
        rid_o = str(uuid.uuid4())
        r = send(f"import a row in {outside}", "POST", base + "/import",
                 pt.csv([pt.body(outside, "MX", rid=rid_o)]), 422)
        if r.status == 422 and not (r.json().get("stored") is False and any(
                p.get("line") == 2 and p.get("field") == "unit" and p.get("code") == "out_of_scope"
                for p in Run.problems(r))):
            fail(f"import a row in {outside}", f"want stored:false and a problem {{line 2, unit, "
                         f"out_of_scope}}\n    {r.describe(400, headers=False)}")
        if root_get(rid_o).status != 404:
            fail(f"import a row in {outside}", "the record exists anyway")
        rid_v, marker_v, rid_o2 = str(uuid.uuid4()), "MXI" + secrets.token_hex(6), str(uuid.uuid4())
        r = send(f"import mode=valid, one row in scope and one in {outside}", "POST",
                 base + "/import?mode=valid",
                 pt.csv([pt.body(w.unit, marker_v, rid=rid_v), pt.body(outside, "MX", rid=rid_o2)]), 200)
        if r.status == 200:
            doc = r.json()
            if doc.get("created") != 1 or doc.get("rejected") != 1 or not any(
                    p.get("line") == 3 and p.get("field") == "unit" and p.get("code") == "out_of_scope"
                    for p in Run.problems(r)):
                fail("import mode=valid", f"want created 1, rejected 1, a problem {{line 3, unit, "
                             f"out_of_scope}}: {r.text[:400]}")
        if root_get(rid_v).status == 200:
            add(rid_v, w.unit, marker_v)
        if root_get(rid_o2).status != 404:
            fail("import mode=valid", "the out-of-scope row was stored")

    # delete the record made above (with its version): then 404, and out of the lists
    if run.records and any(x.id == rid for x in run.records):
        rec = next(x for x in run.records if x.id == rid)
        r = send("delete in scope", "DELETE", f"{base}/{rid}?version=2", None, 200)
        if r.status == 200:
            rec.deleted = True
            send("read after delete", "GET", f"{base}/{rid}", None, 404)

    # a record in scope that refers to a record out of scope is refused like one that refers to a
    # record that does not exist (422 not_found on the field): the answer never depends on a
    # record the caller cannot read. One referring type is enough.
    for rt in run.ptypes.values():
        required = [f["name"] for f in rt.fields if f["kind"] == "reference" and f.get("required")]
        if not required or tree.level[w.unit] not in rt.unit_levels:
            continue
        name = required[0]
        with run.lock:
            targets = [x for x in run.records if x.id in run.target_ids]
        far = [x for x in targets if x.path == rt.refs[name] and not tree.contains(w.unit, x.unit)]
        refs = run.refs_for(rt, w.unit)
        unit_of = {x.id: x.unit for x in targets}
        if not far or any(n not in refs or not tree.contains(w.unit, unit_of[refs[n]]) for n in required):
            continue
        url = f"/api/{rt.path}"
        r_far = run.send(w, "POST", url, rt.body(w.unit, "MX", rid=str(uuid.uuid4()), refs={**refs, name: far[0].id}))
        r_none = run.send(w, "POST", url, rt.body(w.unit, "MX", rid=str(uuid.uuid4()), refs={**refs, name: MISSING_ID}))
        run.count(2)
        what = f"{rt.path} referring to a record out of scope"
        if r_none.status != 422 or (name, "not_found") not in Run.field_codes(r_none):
            fail(f"{rt.path} referring to a record that does not exist",
                 f"want 422 {name} not_found\n    {r_none.describe(300, headers=False)}")
        if r_far.status == 201:
            fail(what, f"accepted (201), {name} = a {far[0].path} record of unit {far[0].unit}; a missing one "
                       f"gets {r_none.status}\n    {r_far.describe(300, headers=False)}")
            run.send(w, "DELETE", f"{url}/{r_far.json()['id']}?version=1", None)
        elif (r_far.status, r_far.body) != (r_none.status, r_none.body):
            fail(what, f"the reply differs from the one for a missing record:\n    {r_far.describe(300, headers=False)}"
                       f"\n    vs {r_none.describe(300, headers=False)}")
        break


def print_observed(run: Run, ops: list[dict]) -> None:
    accesses = sorted({op["access"] for op in ops if op["access"] not in SPECIAL_ACCESS})
    print("observed (A allowed on every target, S on some, - none) vs oracle (X!Y: observed X, oracle Y):")
    print(" " * 24 + " ".join(r[:6].rjust(6) for r in ROLES))
    for acc in accesses:
        cells = []
        for role in ROLES:
            seen = run.observed.get((role, acc), set())
            mark = "A" if seen == {"allowed"} else "S" if "allowed" in seen else "-"
            # a unit-scoped access probed on collections only is allowed on all of them
            some = "S" if acc in run.targeted else "A"
            want = {ALL: "A", UNIT: some, MINE: some, NONE: "-"}[ORACLE[acc][role]]
            cells.append((mark if mark == want else f"{mark}!{want}").rjust(6))
        print(acc.ljust(24)[:24] + " ".join(cells))


if __name__ == "__main__":
    sys.exit(main())
