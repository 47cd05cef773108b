#!/usr/bin/env python3
"""authz_matrix.py: every route × every role × every target scope, against an oracle of our own.

    authz_matrix.py --bin build/dev/src/app/pcmd [--engine sqlite|postgresql] [-j 8] [-v]

The route table comes from the server (`GET /api/openapi.json`, each operation's `x-access`:
"public", "session", "signed_in" or "resource:action"), and so do the record types with their
resources and fields (`GET /api/record-types`, to make valid records): programme records
(`programme_record`) and enforcement records (`establishment`, `inspection`, `crime_statistic`,
...), all served by the same generic routes `/api/<path>...`. The expectation does NOT come from the
server or from src/access/policy.cc: ORACLE below is written from the role descriptions of
README.md ("Accounts and access") and docs/contract.md ("Accounts, sessions and access",
"Programme records", "Files of records", "Support services (issue 6)"); only where they are silent
does a row follow the table of src/access/policy.cc, and it says so. An `x-access` the oracle has no row for fails the run
("new route without an expectation"): whoever adds a route adds its row.

Accounts: every role at the province (37), a district (369) and a commune under it (14347), plus
administrators at the other district (374) and a commune under it (14530), created with
`pcmd user add … --keep-password` before serving, signed in once (TOTP roles enrol with codes
computed here). Target records: an account at each of 37, 369, 374, 14347, 14350 (14347's sibling)
and 14530, the same units for the unit routes, a record of every record type at each of
those units its type is recorded at (communication activities at all six, press items at 37; the
types other than FULL_TYPES only at one unit in the district 369's subtree and one out of it
(14347 and 374, or what their levels allow); made by a province officer, references at or below the
referring record's unit, every text field a marker of its own, a small PNG in every file field).
Types assigned to workers (a field of kind "accounts": inspections' `members`) get targets
assigned to the district's inspector, in its subtree and out of it, and one assigned to another
inspector in its subtree ("another worker's record"). Also an existing and a missing code list, and
ids/codes that do not exist. Every actor probes every route with every target (the routes of the
types other than FULL_TYPES: the actors of the district 369, the anonymous one, and for the
assigned types every actor whose scope on them is "assigned"); the target's place relative to the
actor is one of own unit, below, parent unit, ancestor, sibling, other district, another worker's
record. The collections served by code of their own get targets of their own: inspection plans
(`/api/inspection-plans…`) one at 369 and one at 374 (see PLANS); tips (`/api/tips…`) three at
the communes, each with a denouncer and assigned to an inspector (see TIPS), probed like the types
assigned to workers. The support world (see CLIENT_UNITS; probed by every actor): two providers,
and seven clients registered through the API (UIC answers) by the peer educators and social workers
of the run, each assigned to the one who registered it, at every target unit: "another worker's
record" to the other workers, with consents, contact fields, an assessment, an incident and
referrals, so that every `/api/clients/{id}/…` route has a target (MadeRecord.keys: a consent and
a referral of the client's own for the routes that name one).

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
                 `created_by`/`updated_by`/`changed_by`, `replaced_by`, a record's fields of kind
                 "accounts" such as `members`; the dpo reads the whole log), and no reply holds the
                 id or a marker of a record (of any type) the actor may not read
  lists          `GET /api/accounts` (unfiltered, by unit, by role, paged) and the record lists
                 (unfiltered, by unit, by period, paged) and CSV exports return exactly the rows in
                 scope (for an "assigned" scope: the records naming the actor), and `total` counts
                 only those
  files          `GET /api/<path>/{id}/files/{field}` returns the very bytes uploaded for a record in
                 scope; `POST /api/<path>/files` gets a few bytes that are no file type (refused
                 after the access decision)
  derived lists  `GET /api/<path>/duplicates` (asked with a target's own text at its unit) returns
                 that record exactly when the actor reads it; `GET /api/<path>/assignable-accounts`
                 the accounts that would reach a record at the unit, nothing for a unit out of the
                 actor's (and no other account is named); `GET /api/establishment-status` the
                 establishments the actor reads; `GET /api/inspection-plans` the plans it reads;
                 `GET /api/notifications` the open tips assigned to the actor; a tip's denouncer
                 (`GET /api/tips/{id}/denouncer`) is the one recorded, and appears nowhere else
  support world  a client's record paths return exactly its own UIC, workers, history, consents,
                 assessments, referrals, incidents; its contact fields (markers of their own) appear
                 only on its contact route and in its subject access, to its assigned workers, and
                 never once deleted; the answers a UIC is derived from, and an erased UIC, in no
                 reply at all; `POST /api/uic` with a target's answers lists it in `existing` exactly
                 when the actor reads it; `GET /api/clients/referrals` the open (overdue) referrals
                 of the clients the actor reads; `GET /api/providers` the directory (by unit and
                 above, by service); T12 (`GET /api/clients/service-access`) counts the target
                 clients of the unit asked within the actor's, 1-4 shown as "<5"
Then the state-changing writes, one actor after the other: accounts (create, role change,
disable, password reset) on throw-away accounts and programme records (create, re-send, change,
move out of scope, delete, imports with all-valid / out-of-scope rows in both modes, a reference
to a record out of scope, a merge into a record out of scope), in scope and out of it; records
assigned to workers by the roles whose
scope on them is "assigned" (create naming itself or only another worker, change and delete its own
and another worker's, hand its own over to another worker); clients by every peer educator and
social worker on throw-away clients (support_writes: registration, UIC collisions, consent,
contact fields recorded, withdrawn and deleted, restriction, erasure, moves and hand-overs, every
write to another worker's client); providers by the province officer; the lists and exports again;
finally every actor's logout (the old cookie then gets 401).
Prints `authz matrix: N probes, L leaks, M mismatches`; exit 1 on any mismatch or leak.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import csv
import datetime
import io
import json
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
# docs/contract.md "Files of records": `POST /api/<path>/files` is the create right on the type,
#   `GET /api/<path>/{id}/files/{field}` the read right and scope as for the record.
#
# Enforcement records (establishments and their workforce: resource establishment; inspections;
# crime statistics; tips; a tip's denouncer). README "Accounts and access" names who reaches them:
#   province_officer "programme and enforcement records of the province"
#   district_officer, commune_officer "records of their unit and below"
#   inspector  "establishments, inspections and tips assigned to them; never a denouncer"
#   intake_officer "tips and complaints; the only role that sees a denouncer's identity"
#   social_worker, peer_educator "never tips, denouncers or inspections"
#   viewer, dpo, admin: no records
# and "the two worlds are checked by role before the table". The documents do not split reading
# from writing and exporting for these types, do not say which enforcement types the district and
# commune officers reach (the README's "records" is not specific), nor say anything of crime
# statistics or of establishments for intake officers and the support roles: there the rows follow
# the table of src/access/policy.cc, marked "policy" below, and they are the policy's statement
# checked against the server, not an independent one.

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
    # prone establishments and their workforce by year (no assignee: an inspector's establishments
    # are those of its unit and below, policy). Read: the officers and the inspector (README);
    # intake officers, social workers and peer educators read them too (policy: the documents are
    # silent). Writes: the officers and the inspector (policy); export: province and district
    # officers (policy).
    "establishment:read": _only(**_OFFICERS, inspector=UNIT, intake_officer=UNIT, social_worker=UNIT,
                                peer_educator=UNIT),
    "establishment:create": _only(**_OFFICERS, inspector=UNIT),
    "establishment:update": _only(**_OFFICERS, inspector=UNIT),
    "establishment:delete": _only(**_OFFICERS, inspector=UNIT),
    "establishment:export": _only(province_officer=UNIT, district_officer=UNIT),
    # inspections: the province officer (README: enforcement records of the province), the
    # inspectors on the inspections whose team (`members`) names them (README: "assigned to them");
    # never the support roles (README). The district officer reads them, the commune officer does
    # not, neither writes nor exports them (policy: the README's "records of their unit and below"
    # does not say which); only the province officer exports (policy).
    "inspection:read": _only(province_officer=UNIT, district_officer=UNIT, inspector=MINE),
    "inspection:create": _only(province_officer=UNIT, inspector=MINE),
    "inspection:update": _only(province_officer=UNIT, inspector=MINE),
    "inspection:delete": _only(province_officer=UNIT, inspector=MINE),
    "inspection:export": _only(province_officer=UNIT),
    # crime statistics: the documents name them nowhere but in the province officer's
    # "enforcement records": the rest is policy (the district officer reads and exports, the
    # inspector (police) reads and writes, the commune officer has none: they are kept for the
    # province and its districts only)
    "crime_statistic:read": _only(province_officer=UNIT, district_officer=UNIT, inspector=UNIT),
    "crime_statistic:create": _only(province_officer=UNIT, inspector=UNIT),
    "crime_statistic:update": _only(province_officer=UNIT, inspector=UNIT),
    "crime_statistic:delete": _only(province_officer=UNIT, inspector=UNIT),
    "crime_statistic:export": _only(province_officer=UNIT, district_officer=UNIT),
    # tips (README: the province officer, the inspectors on the tips assigned to them, the intake
    # officers; never the support roles). The district officer reads them (policy); only the
    # province officer exports (policy).
    "tip:read": _only(province_officer=UNIT, district_officer=UNIT, inspector=MINE, intake_officer=UNIT),
    "tip:create": _only(province_officer=UNIT, inspector=MINE, intake_officer=UNIT),
    "tip:update": _only(province_officer=UNIT, inspector=MINE, intake_officer=UNIT),
    "tip:delete": _only(province_officer=UNIT, inspector=MINE, intake_officer=UNIT),
    "tip:export": _only(province_officer=UNIT),
    # a tip's denouncer: intake officers only (README: "the only role that sees a denouncer's
    # identity"), in their unit and below (policy); nobody exports it (policy)
    "denouncer:read": _only(intake_officer=UNIT),
    "denouncer:create": _only(intake_officer=UNIT),
    "denouncer:update": _only(intake_officer=UNIT),
    "denouncer:delete": _only(intake_officer=UNIT),
    "denouncer:export": _only(),
    # The support world (docs/contract.md "Support services (issue 6)", README "Accounts and
    # access"). Clients: "peer educators and social workers the clients assigned to them (lists
    # filter; others 404); province officers read the clients of their unit and below, pseudonymous
    # only (never `client_contact`), and write nothing but erasure; district and commune officers,
    # viewers, the dpo, administrators and the enforcement roles (inspector, intake officer):
    # nothing (403 on collections, 404 on client paths)". The routes of a client's consents,
    # assessments, referrals and incidents, its history, subject access and `POST /api/uic` are
    # client:read / client:create / client:update ("Same access as the client"). Erasure is
    # x-access client:read: "the store allows province officers of the unit or above and an
    # assigned social worker; peer educators 403" (RULE_REFUSALS). Nobody exports clients (no
    # route; the documents name none: policy).
    "client:read": _only(province_officer=UNIT, social_worker=MINE, peer_educator=MINE),
    "client:create": _only(social_worker=MINE, peer_educator=MINE),
    "client:update": _only(social_worker=MINE, peer_educator=MINE),
    "client:delete": _only(social_worker=MINE, peer_educator=MINE),
    "client:export": _only(),
    # contact fields: "only the assigned peer educators and social workers (everyone else 404)"
    "client_contact:read": _only(social_worker=MINE, peer_educator=MINE),
    "client_contact:create": _only(social_worker=MINE, peer_educator=MINE),
    "client_contact:update": _only(social_worker=MINE, peer_educator=MINE),
    "client_contact:delete": _only(social_worker=MINE, peer_educator=MINE),
    "client_contact:export": _only(),
    # peer_group:read is, so far, only the provider directory's read ("Providers (reference data;
    # access: read with the `peer_group` read grant — province, district officers, social workers,
    # peer educators"): reference data, the whole directory (a provider's unit only filters the
    # list, `?unit=`: providers at that unit or above; a commune's worker refers to the province's
    # clinic), hence ALL. Peer groups themselves are assigned to peer educators (policy): when their
    # routes come, load_routes fails until they get a row of their own (see PEER_GROUP_ROUTES).
    # Providers are written with code_list:update (the province officer, above).
    "peer_group:read": _only(province_officer=ALL, district_officer=ALL, social_worker=ALL,
                             peer_educator=ALL),
    # aggregates (T12, `GET /api/clients/service-access`, counts 1-4 shown as "<5"): the README
    # gives the viewer "suppressed aggregates"; for the officers the documents say nothing, nor for
    # the administrator and the dpo (whose README rows list what they reach and not aggregates,
    # the way the intake officer's omits establishments): those rows follow the policy (every one
    # of them in its unit and below). Support and enforcement roles: none (policy; the workers have
    # their clients' lists instead).
    "aggregate:read": _only(admin=UNIT, province_officer=UNIT, district_officer=UNIT,
                            commune_officer=UNIT, viewer=UNIT, dpo=UNIT),
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
    "establishment": "establishment:read",
    "inspection": "inspection:read",
    "crime_statistic": "crime_statistic:read",
    "tip": "tip:read",
    "denouncer": "denouncer:read",
    "client": "client:read",
    "client_contact": "client_contact:read",
    "peer_group": "peer_group:read",
    "aggregate": "aggregate:read",
}
# Record paths whose record is of another type than the route's x-access names: a provider is
# changed with code_list:update, but it is read with peer_group:read ("404 on record paths of a
# type the role cannot read at all": the type is the provider's)
TYPE_READ_BY_PATH = {
    "/api/providers/{id}": "peer_group:read",
}

# Record types whose records are assigned to a worker ("another worker's client"): probing them
# needs an "another worker's record" target. The record types among them name their workers in a
# field of kind "accounts" (inspections: `members`), and the run makes such targets for them;
# a route of one of the others fails the run until it has targets.
ASSIGNED_RESOURCES = {"client", "client_contact", "peer_group", "tip", "inspection"}

# Server bugs this matrix found, reported and not fixed yet: (the route they are on, a regular
# expression on a mismatch's kind, the bug). Their mismatches are counted and printed apart
# ("KNOWN BUG") and do not fail the run; an entry that no longer meets any mismatch while its route
# is served fails it (the bug is gone: remove the entry). Empty the list to see them fail again.
KNOWN_BUGS: list[tuple[tuple[str, str], str, str]] = [
    (("PATCH", "/api/providers/{id}"),
     r"^PATCH /api/providers/\{id\} \(code_list:update\): expected denied, got 403 \(want 404\)",
     "PATCH /api/providers/{id} answers 403 forbidden to the roles that cannot read providers at all "
     "(admin, commune officer, inspector, intake officer, viewer, dpo: GET /api/providers/{id} is 404 to "
     "them) where docs/contract.md wants 404 (\"404 on record paths of a type the role cannot read at "
     "all\"): the guard (src/api/guard.cc) takes the type from the route's x-access, code_list:update, and "
     "every role reads code lists. The answer is the same for every id, existing or not, so it reveals no "
     "provider; the route would need the provider's read grant (peer_group:read) as its type."),
]

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
# Record paths (any type): PATCH with a stale version, DELETE with a stale version, a merge into a
# record that does not exist
PROGRAMME_PATCH_BODY = {"version": 0}
PROGRAMME_DELETE_QUERY = "?version=999999"
RECORD_MERGE_BODY = {"into": MISSING_ID, "version": 999999}


def _account_create_body(tree: UnitTree, unit: str, actor: Any = None) -> dict:
    # an invalid user name: refused after the scope decision, so nothing is created
    return {"username": "Tên Sai!", "display_name": "Thử", "role": "viewer", "unit_code": unit}


def _unit_create_body(tree: UnitTree, unit: str, actor: Any = None) -> dict:
    # a unit of the parent's own level under it: refused by the tree after the scope decision
    return {"code": "99901", "name": "Đơn vị thử", "level": tree.level[unit], "type": "Xã",
            "parent_code": unit, "valid_from": "2021-01-01"}


# Collections whose create names a unit: (method, path) -> (body for a unit and the actor, field
# refused when the unit is out of scope). Record creates and imports are added from the record types.
UNIT_NAMING_CREATES: dict[tuple[str, str], tuple[Callable[[UnitTree, str, Any], Any], str]] = {
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

# Inspection plans (resource inspection; not a record type): a draft plan of a unit and a year with
# its teams. The documents say nothing of them yet: as src/domain/enforcement/inspection_plans.cc
# states it, a plan "concerns everyone of the unit who inspects" (the inspectors read the plans of
# their unit and below, as if assigned to each), and "no one is assigned" to change one (the
# inspectors neither create nor change plans). The run makes one at the district 369 and one at
# the other district 374; a team's id is the plan's marker.
PLANS = "/api/inspection-plans"
PLAN_UNITS = (DISTRICT, DISTRICT2)


def _plan_team(team_id: str) -> dict:
    return {"id": team_id, "monthly_capacity": [1] * 12, "districts": []}


# Tips (resource tip, its denouncer resource denouncer; not a record type), with their workflow.
# The run makes three at the communes, each with a denouncer of its own (the only role that may
# record one, the intake officer of the province, receives them), verified, classified and
# assigned: at 14347 one to the district's inspector and one to the commune's, at 14530 one to the
# province's (an inspector may be assigned a tip of its unit and below only). The tip's content and
# place are its marker; the denouncer's name and address a marker of their own, which only the
# readers of the denouncer resource may ever see (the denouncer is a record of its own to the leak
# check). The documents say only who reaches tips (README); as src/domain/enforcement/tip_store.cc
# states it, "roles whose write scope is 'assigned' only record the handling of their tips" (the
# step `handle`): changing or deleting one of its own tips is refused to an inspector by that rule,
# after the scope decision (RULE_REFUSALS), and creating one is not for it at all (403).
TIPS = "/api/tips"
TIP_UNITS = ((COMMUNE, "inspector", DISTRICT), (COMMUNE, "inspector", COMMUNE),  # (unit, handler's role, its unit)
             (COMMUNE2, "inspector", PROVINCE))
RECORD_WRITE_BODIES[("PATCH", TIPS + "/{id}")] = {"version": 0}  # assigned tips change no more: 409/422
RECORD_WRITE_BODIES[("POST", TIPS + "/{id}/steps")] = {"step": "handle", "version": 0, "note": "MX"}  # stale
RECORD_WRITE_BODIES[("PUT", TIPS + "/{id}/denouncer")] = {"phone": "no phone!"}  # refused after the scope
# a tip whose channel is no code (422 after the scope decision)
UNIT_NAMING_CREATES[("POST", TIPS)] = (
    lambda tree, u, actor=None: {"unit": u, "channel": "mx_no_such_channel", "kind": "complaint",
                                 "received_at": RECORD_DATE, "content": "MX"}, "unit")
# the roles a tip may be assigned to (docs/contract.md "Tips", step `assign`)
TIP_HANDLER_ROLES = ("inspector", "intake_officer", "district_officer", "province_officer")
# Writes refused by a rule after the scope decision, with 403 forbidden, to a role on the records in
# its scope: (method, path) -> roles
RULE_REFUSALS: dict[tuple[str, str], set[str]] = {
    ("PATCH", TIPS + "/{id}"): {"inspector"},
    ("DELETE", TIPS + "/{id}"): {"inspector"},
}
# Collections served by code of their own, not by the record types' (see PLANS, TIPS)
OWN_COLLECTIONS = (PLANS, TIPS)

# a stale version (409 when in scope); an approval with a stale version (409)
RECORD_WRITE_BODIES[("PATCH", PLANS + "/{id}")] = {"version": 0, "teams": [_plan_team("MX")], "items": []}
RECORD_WRITE_BODIES[("POST", PLANS + "/{id}/approve")] = {"version": 0}
# a plan of a year out of range (422 after the scope decision); a proposal (stores nothing)
UNIT_NAMING_CREATES[("POST", PLANS)] = (
    lambda tree, u, actor=None: {"unit": u, "year": 1999, "teams": [_plan_team("MX")], "items": []}, "unit")
UNIT_NAMING_CREATES[("POST", PLANS + "/proposals")] = (
    lambda tree, u, actor=None: {"unit": u, "year": int(RECORD_DATE[:4]), "teams": [_plan_team("MX")]}, "unit")

# The support world (docs/contract.md "Support services (issue 6)"; not record types): clients
# (`/api/clients…`, resource client; their contact fields, resource client_contact), the provider
# directory (`/api/providers…`) and the UIC (`/api/uic…`). Every actor probes these routes (they
# are not narrowed to the district's actors). Target clients (see make_support): registered by the
# peer educators and social workers of the run, each assigned to the one who registered it, at
# (unit, worker's role, worker's unit):
CLIENT_UNITS = ((COMMUNE, "peer_educator", COMMUNE), (COMMUNE, "social_worker", COMMUNE),
                (DISTRICT, "peer_educator", DISTRICT), (SIBLING, "social_worker", DISTRICT),
                (DISTRICT2, "peer_educator", PROVINCE), (COMMUNE2, "social_worker", PROVINCE),
                (PROVINCE, "peer_educator", PROVINCE))
# each with consents (record keeping, referral to the first provider, contact), contact fields
# (markers of their own: a record "client-contacts" to the leak check, shown only on the contact
# routes and in subject access, to the assigned workers), a needs assessment (eligible for
# SERVICE), an incident, an open overdue referral (referred 30 days ago) and a referral of today,
# received except for the last client's (open, not yet due): so T12 counts 7 and 6 at the
# province, and "<5" below it. The answers' names are markers that no reply may ever hold (never
# stored); so is a client's UIC once it is erased. Providers: one at the province offering SERVICE
# and OTHER_SERVICE, one at the other district offering OTHER_SERVICE.
CLIENTS, PROVIDERS, UIC = "/api/clients", "/api/providers", "/api/uic"
SUPPORT_COLLECTIONS = (CLIENTS, PROVIDERS)
OWN_COLLECTIONS = OWN_COLLECTIONS + SUPPORT_COLLECTIONS
SERVICE, OTHER_SERVICE = "prep", "legal_aid"
DEFAULT_RECIPE = "sex,birth_year2,mother_given:1,father_given:1,given:1"
# the routes that may show a client's contact fields (to its assigned workers, for that client)
CONTACT_PATHS = {CLIENTS + "/{id}/contact", CLIENTS + "/{id}/subject-access"}
# routes using peer_group:read that the row above (the provider directory's) is meant for
PEER_GROUP_ROUTES = {("GET", PROVIDERS), ("GET", PROVIDERS + "/{id}")}
# Writes refused after the scope decision (so an allowed probe changes nothing): a stale version
# (409), a date out of range, a code that is no code, a provider that does not exist (422)
RECORD_WRITE_BODIES[("PATCH", CLIENTS + "/{id}")] = {"version": 0}
RECORD_WRITE_BODIES[("POST", CLIENTS + "/{id}/erase")] = {"version": 0}
RECORD_WRITE_BODIES[("PUT", CLIENTS + "/{id}/contact")] = {"phone": "no phone!"}
RECORD_WRITE_BODIES[("POST", CLIENTS + "/{id}/consents")] = {"purpose": "contact", "notice_version": "MX",
                                                              "method": "mx_no_such_method"}
# (a withdrawal dated before the consent was given; an assessment of a need that is no code)
RECORD_WRITE_BODIES[("POST", CLIENTS + "/{id}/consents/{consent_id}/withdraw")] = {"withdrawn_on": "2001-01-01"}
RECORD_WRITE_BODIES[("POST", CLIENTS + "/{id}/assessments")] = {"assessed_on": RECORD_DATE,
                                                                 "needs": ["mx_no_such_need"], "eligible": []}
RECORD_WRITE_BODIES[("POST", CLIENTS + "/{id}/referrals")] = {"provider_id": MISSING_ID, "service": SERVICE}
RECORD_WRITE_BODIES[("PATCH", CLIENTS + "/{id}/referrals/{referral_id}")] = {"version": 0, "outcome": "received"}
RECORD_WRITE_BODIES[("POST", CLIENTS + "/{id}/incidents")] = {"kind": "mx_no_such_kind", "occurred_on": RECORD_DATE,
                                                               "place_type": "mx_no_such_place"}
RECORD_WRITE_BODIES[("PATCH", PROVIDERS + "/{id}")] = {"version": 0}
OTHER_WRITE_BODIES[("PUT", UIC + "/recipe")] = {"recipe": "mx_no_such_part"}
# a client whose answers give no UIC (sex "Q"): 422 after the scope decision
UNIT_NAMING_CREATES[("POST", CLIENTS)] = (
    lambda tree, u, actor=None: {"unit": u, "answers": {"sex": "Q", "birth_year": 1950}}, "unit")
# "peer educators 403" on erasure (the store's rule, after the scope decision)
RULE_REFUSALS[("POST", CLIENTS + "/{id}/erase")] = {"peer_educator"}
# Routes whose allowed probes would change state even so (deleting a contact takes no version):
# phase 1 probes them only where they are refused; support_writes does them on throw-away clients
WRITE_PHASE_ONLY = {("DELETE", CLIENTS + "/{id}/contact")}


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
    record: "MadeRecord | None" = None
    assignees: list[str] = field(default_factory=list)  # a create's: the accounts its body names


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
    check: Callable[[Response], str | None] | None = None  # of an allowed 2xx reply, instead of the usual


# --------------------------------------------------------------------------------------------
# Records: types from /api/record-types (every resource), records the run made


ACCOUNT_KINDS = ("accounts", "account")  # fields naming accounts: a list of ids, or one id


@dataclass
class RecType:
    path: str                      # communication-activities
    resource: str                  # programme_record, establishment, inspection, ...
    unit_levels: list[str]
    fields: list[dict]
    codes: dict[str, list[str]]    # code list -> its codes
    header: list[str] = field(default_factory=list)  # the CSV header of an export
    refs: dict[str, str] = field(default_factory=dict)  # reference field -> the referred type's path
    full: bool = False             # targets at every unit of TARGET_UNITS its levels allow
    optional_ref: str | None = None  # an optional reference the type's rules want filled

    def access(self, action: str) -> str:
        return f"{self.resource}:{action}"

    @property
    def account_fields(self) -> list[str]:
        """Fields naming the workers a record is assigned to (inspections: `members`)."""
        return [f["name"] for f in self.fields if f["kind"] in ACCOUNT_KINDS]

    @property
    def file_fields(self) -> list[str]:
        return [f["name"] for f in self.fields if f["kind"] == "file"]

    @property
    def assigned(self) -> bool:
        return bool(self.account_fields)

    def allowed_units(self, tree: UnitTree) -> list[str]:
        return [u for u in TARGET_UNITS if tree.level[u] in self.unit_levels]

    def target_units(self, tree: UnitTree) -> list[str]:
        """Where the run makes this type's target records: every allowed unit for the types
        probed in full; else one unit in the district 369's subtree (the commune 14347, or the
        district itself) and one out of it (the other district 374 or its commune 14530), or what
        the levels allow (every type is served by the same code, so two places suffice there)."""
        ok = self.allowed_units(tree)
        if self.full:
            return ok
        inside = next((u for u in (COMMUNE, DISTRICT, SIBLING) if u in ok), None)
        outside = next((u for u in (DISTRICT2, COMMUNE2, PROVINCE) if u in ok), None)
        pick = [u for u in (inside, outside) if u]
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
             refs: dict[str, str] | None = None, assignees: list[str] | None = None,
             files: dict[str, str] | None = None) -> dict:
        """A record of this type (every text field holds `marker`; references from `refs`; the
        fields naming accounts name `assignees`; file fields from `files`, else left out).
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
            elif kind in ACCOUNT_KINDS:
                if not assignees:
                    raise HarnessError(f"{self.path}.{name}: a record needs the accounts it is assigned to")
                out[name] = list(assignees) if kind == "accounts" else assignees[0]
            elif kind == "file":  # optional: a file is uploaded first, for the target records only
                if files and name in files:
                    out[name] = files[name]
                elif f.get("required"):
                    raise HarnessError(f"{self.path}.{name}: a required file; the matrix uploads none here")
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


# The types probed at every target unit; the others at two (RecType.target_units)
FULL_TYPES = ("communication-activities", "press-items")


@dataclass
class MadeRecord:
    path: str
    id: str
    unit: str
    markers: list[str]
    refs: list[str] = field(default_factory=list)  # ids of the records it refers to
    deleted: bool = False
    resource: str = "programme_record"
    assignees: list[str] = field(default_factory=list)  # account ids of its fields of kind accounts
    files: dict[str, bytes] = field(default_factory=dict)  # file field -> the bytes uploaded
    # assignees for the actions other than read, when they differ (an inspection plan: every
    # inspector of its unit reads it, "*"; nobody is assigned to change it)
    write_assignees: list[str] | None = None
    secret: str | None = None  # a tip: its denouncer's name (the marker of the denouncer record)
    keys: dict[str, str] = field(default_factory=dict)  # its other path parameters (a client's consent_id)
    info: dict[str, Any] = field(default_factory=dict)  # what the checks need (a client's UIC, consents, ...)

    def assignees_for(self, access: str) -> list[str]:
        if access.endswith(":read") or self.write_assignees is None:
            return self.assignees
        return self.write_assignees


# Fields that name accounts by design; load_record_types adds the record types' fields of kind
# "accounts" (inspections' `members`: the team, which the readers of the inspection see).
ACTOR_FIELDS = {"actor", "actor_username", "entity_id", "replaced_by", "created_by", "updated_by",
                "changed_by",
                "assignee",  # a tip's handler (in tips, their history, the summary's handlers)
                "assigned",  # a client's workers
                "recorded_by"}  # who recorded a client's consent, assessment, referral, incident

# A PNG of one pixel: what the run uploads into the file fields of its target records
TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000b49444154789c6360000200000500017a5eab3f0000000049454e44ae426082")
# Bytes that are no file type: the upload probes (refused after the access decision)
NOT_A_FILE = b"MX: not a file\n"


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


def body_items(resp: Response) -> list[dict]:
    try:
        doc = resp.json()
        return list(doc.get("items", [])) if isinstance(doc, dict) else []
    except Exception:
        return []


def split_csv_actor_columns(text: str) -> tuple[str, str] | None:
    """A CSV export as (every cell but those of the ACTOR_FIELDS columns, those cells), or None
    when the text is not such a file (its header names columns "Nhãn (field)")."""
    try:
        rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    except csv.Error:
        return None
    if not rows or not any(re.search(r"\(([^()]*)\)\s*$", h) for h in rows[0]):
        return None
    names = [(re.search(r"\(([^()]*)\)\s*$", h) or re.match(r"(.*)", h)).group(1) for h in rows[0]]
    rest, actors = list(rows[0]), []
    for row in rows[1:]:
        for i, cell in enumerate(row):
            (actors if i < len(names) and names[i] in ACTOR_FIELDS else rest).append(cell)
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
        self.known: dict[int, int] = {}    # KNOWN_BUGS index -> mismatches met
        self.leaks: list[str] = []
        self.probes = 0
        self.notes: list[str] = []
        self.observed: dict[tuple[str, str], set[str]] = {}
        self.targeted: set[str] = set()  # accesses probed with targets (not only on collections)
        self.accounts: list[TestAccount] = []   # every account the run knows of, first admin too
        self.actor_ids_seen: set[tuple[str, str, str, str]] = set()
        self.places: dict[str, int] = {}  # probes by the target's place relative to the actor
        self.server: PcmdServer | None = None
        self.rtypes: dict[str, RecType] = {}     # by path ("communication-activities")
        self.records: list[MadeRecord] = []       # every record the run made (of every type)
        self.target_ids: set[str] = set()         # those made for phase 1 (the targets)
        self.seen_in_scope = 0  # record ids met in replies to readers in scope (the check sees ids)
        self.untargeted: set[tuple[str, str]] = set()  # routes without targets (reported once)
        self.routes: set[tuple[str, str]] = set()      # (method, path) of every route served
        self.inspector: TestAccount | None = None        # the district's: the records' assignee
        self.other_inspector: TestAccount | None = None  # the commune's: another worker
        self.never: list[str] = []   # markers no reply may hold (a UIC's answers, an erased UIC)
        self.today: str | None = None  # the server's date (a client's default registered_on)

    # ---- bookkeeping ------------------------------------------------------------------------

    def mismatch(self, msg: str, kind: str | None = None, who: str = "") -> None:
        """Records a mismatch; mismatches of one `kind` (a route, an expectation and what came
        instead) are printed as one group with the actors that met it."""
        kind = kind or re.sub(r"[0-9a-f]{8}-[0-9a-f-]{27}", "ID", msg.split("\n", 1)[0])
        known = next((i for i, (_, pattern, _) in enumerate(KNOWN_BUGS) if re.search(pattern, kind)), None)
        with self.lock:
            if known is not None:
                self.known[known] = self.known.get(known, 0) + 1
                return
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

    def in_scope(self, actor: Actor, access: str, unit: str, assignees: list[str] | None = None) -> bool:
        """`unit`: the record's unit; `assignees`: the accounts the record is assigned to (for the
        scope MINE: the record must name the actor, within its unit and below)."""
        if actor.acct is None:
            return False
        scope = self.scope_of(actor.role, access)
        if scope == MINE:
            return self.tree.contains(actor.unit, unit) and bool({actor.acct.id, "*"} & set(assignees or []))
        return scope == ALL or (scope == UNIT and self.tree.contains(actor.unit, unit))

    def readable_accounts(self, actor: Actor) -> list[TestAccount]:
        if actor.acct is None:
            return []
        return [x for x in self.accounts if self.in_scope(actor, "account:read", x.unit)]

    def readable_records(self, actor: Actor, path: str | None = None) -> list[MadeRecord]:
        with self.lock:
            records = list(self.records)
        return [r for r in records if (path is None or r.path == path)
                and self.in_scope(actor, f"{r.resource}:read", r.unit, r.assignees)]

    def refs_for(self, pt: RecType, unit: str) -> dict[str, str]:
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

    def rtype_of(self, path: str) -> RecType | None:
        m = re.match(r"^/api/([a-z0-9-]+)", path)
        return self.rtypes.get(m.group(1)) if m else None

    def coll_of(self, path: str) -> str | None:
        """The collection a path is of: a record type's path, or one of OWN_COLLECTIONS'."""
        rt = self.rtype_of(path)
        if rt is not None:
            return rt.path
        for base in OWN_COLLECTIONS:
            if path == base or path.startswith(base + "/"):
                return base.removeprefix("/api/")
        return None

    def assignees_for(self, actor: Actor | None) -> list[str]:
        """Whom a record made by (or for) `actor` is assigned to: the actor itself (a worker makes
        the records of its own team), else the district's inspector."""
        if actor is not None and actor.acct is not None and actor.acct.id:
            return [actor.acct.id]
        return [self.inspector.id]

    def file_name_of(self, rt: RecType) -> str:
        return rt.file_fields[0]

    # ---- probing ----------------------------------------------------------------------------

    def send(self, actor: Actor, method: str, url: str, body: Any) -> Response:
        c = actor.client
        if isinstance(body, bytes) and urllib.parse.urlsplit(url).path.endswith("/files"):
            return c.request(method, url, raw=body, headers={"Content-Type": "application/octet-stream",
                                                             "X-File-Name": "mx.txt"})
        if isinstance(body, bytes):
            return c.request(method, url, raw=body, headers={"Content-Type": "text/csv; charset=utf-8"})
        if body is None:
            return c.request(method, url)
        return c.request(method, url, body)

    def check_leaks(self, probe: Probe, resp: Response) -> None:
        """No reply names an account the actor may not read: not its user name, and not its id
        outside the fields that refer to accounts by design (ACTOR_FIELDS: the audit log's `actor`,
        `actor_username` and `entity_id`, an account version's `replaced_by`, a record's
        `created_by`/`updated_by`/`changed_by`, also in a 409's `current`, and a record's fields of
        kind "accounts"; in a CSV export, the columns of those fields). Ids met in those fields are
        reported as a note. No reply holds the id (outside those fields) or a marker of a record
        the actor may not read. A client's contact fields appear only on the contact routes and in
        subject access (CONTACT_PATHS) of that client, to its assigned workers, and never once
        deleted; the markers of Run.never in no reply at all. `POST /api/uic` answers with the UIC
        of the answers sent, which the caller knows already: its `uic` is left out of the check."""
        actor = probe.actor
        readable = {x.username for x in self.readable_accounts(actor)}
        if probe.path.endswith("/assignable-accounts") and probe.target is not None:
            # the accounts a record at the unit could be assigned to: named by design
            readable |= {x.username for x in self.assignable(probe)}
        text = resp.text
        id_text, actor_text = text, ""
        try:
            doc = resp.json()
            if probe.path == UIC and isinstance(doc, dict):
                doc = {k: v for k, v in doc.items() if k != "uic"}
                text = json.dumps(doc, ensure_ascii=False)
            id_text, actor_text = split_actor_fields(doc)
        except Exception:
            if resp.status == 200 and "csv" in (resp.header("Content-Type") or ""):
                id_text, actor_text = split_csv_actor_columns(text) or (text, "")
        with self.lock:
            never = list(self.never)
        for m in never:
            if m in text:
                with self.lock:
                    self.leaks.append(f"{actor.role}@{actor.unit} {probe.method} {probe.url} -> {resp.status}: "
                                      f"holds {m}, which no reply may hold (the answers of a UIC, an erased UIC)")
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
            if r.resource == "client_contact":
                shown = (r.id in readable_ids and not r.deleted and probe.path in CONTACT_PATHS and
                         bool(r.refs) and r.refs[0] in probe.url)
                for t in ([] if shown else [m for m in r.markers if m in text]):
                    with self.lock:
                        self.leaks.append(f"{actor.role}@{actor.unit} {probe.method} {probe.url} -> {resp.status}: "
                                          f"holds {t} of the contact fields of client {r.refs[0]} of unit {r.unit}"
                                          + (" (deleted)" if r.deleted else ""))
                continue
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
            ptype = self.rtype_of(probe.path)
            pattern = probe.path.replace(f"/api/{ptype.path}", "/api/<record type>") if ptype else probe.path
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
        read = TYPE_READ_BY_PATH.get(probe.path, TYPE_READ[resource])
        return 403 if self.scope_of(probe.actor.role, read) != NONE else 404

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
        if probe.actor.role in RULE_REFUSALS.get((probe.method, probe.path), set()):
            # refused by a rule after the scope decision (RULE_REFUSALS)
            if s == 403 and self.error_code(resp) == "forbidden":
                return None
            return f"got {s} {self.error_code(resp)} (want 403 forbidden: a rule refuses it to the role)"
        if s < 300:
            return probe.check(resp) if probe.check else None
        if s in (401, 403, 404):
            return f"got {s} (want 2xx or a validation error)"
        if any(code == "out_of_scope" for _, code in self.field_codes(resp)) or \
                any(p.get("code") == "out_of_scope" for p in self.problems(resp)):
            return f"got {s} out_of_scope for an in-scope target"
        return None

    def check_read_body(self, probe: Probe, resp: Response) -> str | None:
        if probe.check is not None:
            return probe.check(resp)
        if probe.kind == "record" and probe.path.startswith(CLIENTS + "/{id}") and probe.target and \
                probe.target.record:
            return self.check_client_read(probe, resp)
        if probe.kind == "export":
            return self.check_export(probe, resp)
        if probe.path.endswith("/files/{field}") and probe.target and probe.target.record:
            want = probe.target.record.files.get(probe.target.key["field"])
            if resp.body != want:
                return f"got {len(resp.body)} bytes ({resp.header('Content-Type')}), not the file uploaded"
            if "attachment" not in (resp.header("Content-Disposition") or ""):
                return f"Content-Disposition {resp.header('Content-Disposition')!r} (want an attachment)"
            return None
        if probe.kind == "list" and probe.path.endswith("/duplicates"):
            return self.check_duplicates(probe, resp)
        if probe.path == TIPS + "/{id}/denouncer" and probe.target and probe.target.record:
            want = probe.target.record.secret
            try:
                got = resp.json().get("name")
            except Exception:
                return "reply is not JSON"
            return None if got == want else f"denouncer {got!r} (want {want!r})"
        if probe.path == "/api/notifications":
            # the caller's open tips, those assigned to it (the tips the run made are all open)
            want = sorted(r.id for r in self.readable_records(probe.actor, TIPS.removeprefix("/api/"))
                          if not r.deleted and probe.actor.acct and probe.actor.acct.id in r.assignees)
            got = sorted(i.get("id") for i in body_items(resp))
            return None if got == want else f"notifications of tips {got} (want {want})"
        if probe.path == TIPS + "/{id}/history":
            return None if body_items(resp) else "no events"
        if probe.kind == "list" and probe.path == PLANS:
            want = sorted(r.id for r in self.readable_records(probe.actor, PLANS.removeprefix("/api/")))
            got = sorted(i.get("id") for i in body_items(resp))
            return None if got == want else f"plans {got} (want {want})"
        if probe.kind == "record" and probe.path.endswith("/{id}/export"):
            return None if resp.body.startswith(b"\xef\xbb\xbf") or probe.url.find("xlsx") >= 0 else \
                "the export has no UTF-8 BOM"
        if probe.kind == "list" and probe.path == "/api/establishment-status":
            # documents silent; the route's description: "Every establishment's inspection history
            # and risk": the establishments the actor reads (of the unit asked), each once
            q = urllib.parse.parse_qs(urllib.parse.urlsplit(probe.url).query)
            want = sorted(r.id for r in self.readable_records(probe.actor, "establishments") if not r.deleted
                          and ("unit" not in q or self.tree.contains(q["unit"][0], r.unit)))
            got = sorted(i.get("id") for i in body_items(resp))
            return None if got == want else f"establishments {got} (want {want})"
        if probe.kind == "list" and probe.path.endswith("/assignable-accounts"):
            want = sorted(x.username for x in self.assignable(probe))
            by_id = {x.id: x.username for x in self.accounts}
            got = sorted(by_id.get(i.get("id"), f"? {i.get('id')}") for i in body_items(resp))
            return None if got == want else f"accounts {got} (want {want})"
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

    def expected_records(self, probe: Probe) -> list[MadeRecord]:
        """The records a list or export URL of a record type should return to the actor."""
        q = urllib.parse.parse_qs(urllib.parse.urlsplit(probe.url).query)
        rows = [r for r in self.readable_records(probe.actor, self.coll_of(probe.path)) if not r.deleted]
        if "unit" in q:
            rows = [r for r in rows if self.tree.contains(q["unit"][0], r.unit)]
        if "period" in q and q["period"][0] != RECORD_DATE[:4]:
            rows = []
        if "uic" in q:  # clients: a prefix of the UIC, any case
            rows = [r for r in rows if str(r.info.get("uic", "")).upper().startswith(q["uic"][0].upper())]
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
        if target.record is not None and target.record.resource != access.split(":")[0]:
            # a route of another resource on a record (an establishment's status, drawn from the
            # inspections: inspection:read): the route's grant says whether the role may at all
            # (above) and limits it to its unit and below; which records it reaches is the
            # record's own read scope
            rec = target.record
            ok = self.in_scope(actor, f"{rec.resource}:read", rec.unit, rec.assignees) and \
                (scope != UNIT or self.tree.contains(actor.unit, rec.unit)) and \
                (scope != MINE or self.tree.contains(actor.unit, rec.unit))
            return "allowed" if ok else "out_of_scope"
        if scope == MINE:
            if kind in ("create", "import"):
                # the accounts the body names (Run.assignees_for: the actor itself); a body that
                # names nobody (an inspection plan) is a thing no worker is assigned: the role may
                # not make it at all
                if not target.assignees:
                    return "denied"
                assignees = target.assignees
            elif target.record is not None:
                assignees = target.record.assignees_for(access)
            else:
                raise HarnessError(f"{access}: scope {scope} on a target that is not a record")
            return "allowed" if self.in_scope(actor, access, target.unit, assignees) else "out_of_scope"
        raise HarnessError(f"scope {scope}?")

    def assignable(self, probe: Probe) -> list[TestAccount]:
        """`GET /api/<path>/assignable-accounts?unit=U` (documents silent; the route's OpenAPI
        description: "Accounts that could be named in a … record at a unit"): the accounts that
        would read a record of the type at U assigned to them; nothing for a U outside the
        caller's unit and below ("nobody learns who works elsewhere")."""
        actor, unit = probe.actor, probe.target.unit
        if actor.acct is None or not self.tree.contains(actor.unit, unit):
            return []
        if probe.path == TIPS + "/assignable-accounts":
            # "Who a tip of a unit may be assigned to (for those who assign tips there)": docs/
            # contract.md "Tips": the assignee of `assign` is "an active inspector, intake, district
            # or province officer whose unit is the tip's unit or above it"; those who run the
            # steps are the province and intake officers (tip:update in their unit); to the others
            # (district officers, inspectors) nobody
            if self.scope_of(actor.role, "tip:update") != UNIT:
                return []
            return [x for x in self.accounts if x.id and x.role in TIP_HANDLER_ROLES and
                    self.tree.contains(x.unit, unit)]
        access = self.rtype_of(probe.path).access("read")
        return [x for x in self.accounts if x.role in ROLES and x.id and
                self.in_scope(Actor(x), access, unit, [x.id])]

    def check_duplicates(self, probe: Probe, resp: Response) -> str | None:
        """`GET /api/<path>/duplicates?unit=U&<text fields>=a target record's marker`: that record
        when the actor reads it, else nothing."""
        rec = probe.target.record if probe.target else None
        readable = rec is not None and not rec.deleted and rec in self.readable_records(probe.actor, rec.path)
        want = [rec.id] if readable else []
        try:
            got = sorted(i.get("id") for i in resp.json().get("items", []))
        except Exception:
            return "reply is not JSON"
        return None if got == want else f"duplicates {got} (want {want})"

    # ---- the support world's replies -------------------------------------------------------

    def reads_client(self, actor: Actor, rec: MadeRecord, what: str = "client") -> bool:
        return self.in_scope(actor, f"{what}:read", rec.unit, rec.assignees)

    def check_client_read(self, probe: Probe, resp: Response) -> str | None:
        """A client's record paths (documents: "Client JSON … never a name or a contact"; the
        lists of its consents, assessments, referrals, incidents; its contact fields; subject
        access "contact only for the assigned workers"): exactly the client's own."""
        rec, info = probe.target.record, probe.target.record.info
        sub = probe.path.removeprefix(CLIENTS + "/{id}")
        try:
            doc = resp.json()
        except Exception:
            return "reply is not JSON"

        def ids(items: Any) -> list[str]:
            return sorted(i.get("id") for i in items or [])

        def same_list(name: str, items: Any) -> str | None:
            got, want = ids(items), sorted(info.get(name, []))
            return None if got == want else f"{name} {got} (want {want})"

        if sub == "":
            if doc.get("id") != rec.id or doc.get("unit") != rec.unit or doc.get("uic") != info["uic"]:
                return f"got another client: {(doc.get('id'), doc.get('unit'), doc.get('uic'))}"
            if sorted(doc.get("assigned") or []) != sorted(rec.assignees):
                return f"assigned {doc.get('assigned')} (want {rec.assignees})"
            extra = {"nickname", "phone", "note", "contact", "answers"} & set(doc)
            return f"the client carries {sorted(extra)}" if extra else None
        if sub == "/history":
            items = doc.get("items") or []
            if not items or any(i.get("id") != rec.id for i in items):
                return f"history of another client: {[i.get('id') for i in items]}"
            return None
        if sub in ("/consents", "/assessments", "/referrals", "/incidents"):
            return same_list(sub[1:], doc.get("items"))
        if sub == "/contact":
            want = info["contact"]
            got = {k: doc.get(k) for k in want}
            return None if got == want else f"contact {got} (want {want})"
        if sub == "/subject-access":
            if (doc.get("client") or {}).get("id") != rec.id:
                return f"subject access of another client: {(doc.get('client') or {}).get('id')}"
            for name in ("consents", "assessments", "referrals", "incidents"):
                err = same_list(name, doc.get(name))
                if err:
                    return err
            contact = info.get("contact_rec")
            if self.reads_client(probe.actor, rec, "client_contact") and contact is not None and \
                    not contact.deleted:
                got = {k: (doc.get("contact") or {}).get(k) for k in info["contact"]}
                return None if got == info["contact"] else f"contact {got} (want {info['contact']})"
            return "the contact fields are in it" if "contact" in doc else None
        return None

    def support_targets(self) -> list[MadeRecord]:
        with self.lock:
            return [r for r in self.records if r.path == "clients" and r.id in self.target_ids]

    def check_uic(self, actor: Actor, rec: MadeRecord, resp: Response) -> str | None:
        """`POST /api/uic` with a target's answers and unit: its UIC, and `existing` "the caller's
        clients of `unit` with that UIC": the target when the actor reads it, else nothing."""
        doc = resp.json()
        if doc.get("uic") != rec.info["uic"]:
            return f"uic {doc.get('uic')!r} (want {rec.info['uic']!r})"
        got = sorted(i.get("id") for i in doc.get("existing") or [])
        want = [rec.id] if self.reads_client(actor, rec) else []
        return None if got == want else f"existing {got} (want {want})"

    def check_open_referrals(self, probe: Probe, resp: Response) -> str | None:
        """`GET /api/clients/referrals?due=overdue|open`: the referrals without an outcome of the
        clients the actor reads (overdue: due before today; the default)."""
        q = urllib.parse.parse_qs(urllib.parse.urlsplit(probe.url).query)
        key = "open" if q.get("due", ["overdue"])[0] == "open" else "overdue"
        want = sorted(x for r in self.readable_records(probe.actor, "clients") if not r.info.get("erased")
                      for x in r.info.get(key, []))
        got = sorted(i.get("id") for i in body_items(resp))
        return None if got == want else f"referrals {got} (want {want})"

    def check_providers(self, probe: Probe, resp: Response) -> str | None:
        """`GET /api/providers?unit=&service=`: the directory (providers at that unit or above
        it, offering the service)."""
        q = urllib.parse.parse_qs(urllib.parse.urlsplit(probe.url).query)
        with self.lock:
            rows = [r for r in self.records if r.path == "providers"]
        if "unit" in q:
            rows = [r for r in rows if self.tree.contains(r.unit, q["unit"][0])]
        if "service" in q:
            rows = [r for r in rows if q["service"][0] in r.info["services"]]
        want = sorted(r.id for r in rows)
        got = sorted(i.get("id") for i in body_items(resp))
        return None if got == want else f"providers {got} (want {want})"

    def check_t12(self, probe: Probe, resp: Response) -> str | None:
        """`GET /api/clients/service-access?unit=` (T12): the target clients of the unit asked
        (default the actor's) and below, within the actor's unit and below; the denominator those
        assessed as eligible in the year, the numerator those of them with a received referral;
        counts 1-4 null with shown "<5" (the documents' rule)."""
        q = urllib.parse.parse_qs(urllib.parse.urlsplit(probe.url).query)
        unit = q.get("unit", [probe.actor.unit])[0]
        clients = [r for r in self.support_targets() if self.tree.contains(probe.actor.unit, r.unit)
                   and self.tree.contains(unit, r.unit)]
        den = sum(1 for r in clients if r.info.get("eligible"))
        num = sum(1 for r in clients if r.info.get("eligible") and r.info.get("received"))
        doc = resp.json()

        def small(n: int) -> bool:
            return 1 <= n <= 4

        want = {"denominator": None if small(den) else den, "numerator": None if small(num) else num,
                "shown": {"denominator": "<5" if small(den) else str(den),
                          "numerator": "<5" if small(num) else str(num)},
                "is_suppressed": small(den) or small(num)}
        got = {k: doc.get(k) for k in want}
        if got != want:
            return f"T12 {got} (want {want}: {den} and {num} of {[r.unit for r in clients]})"
        pct = doc.get("percent")
        if want["is_suppressed"] or den == 0:
            return None if pct is None else f"percent {pct} shown (want null)"
        if not isinstance(pct, (int, float)) or abs(pct - 100.0 * num / den) > 0.051:
            return f"percent {pct} (want {100.0 * num / den:.1f})"
        return None

    def support_probes(self, actor: Actor, method: str, path: str, access: str) -> list[Probe] | None:
        """The probes of the support world's collections and derived lists (None: not one of
        them)."""
        def probe(url: str, body: Any = None, kind: str = "list", check: Callable | None = None) -> Probe:
            return Probe(actor, method, path, access, url, body, None, kind,
                         self.expectation(actor, access, kind, None), check=check)

        if (method, path) == ("GET", CLIENTS):
            first_uic = self.support_targets()[0].info["uic"]
            return [probe(path + "?limit=1000"), probe(path + f"?unit={DISTRICT}&limit=1000"),
                    probe(path + "?limit=2&offset=1"), probe(path + f"?unit={COMMUNE2}&limit=1000"),
                    probe(path + f"?uic={first_uic[:3].lower()}&limit=1000")]
        if (method, path) == ("GET", CLIENTS + "/referrals"):
            out = [probe(path), probe(path + "?due=open")]
            for p in out:
                p.check = (lambda resp, p=p: self.check_open_referrals(p, resp))
            return out
        if (method, path) == ("GET", CLIENTS + "/service-access"):
            out = [probe(path)] + [probe(path + f"?unit={u}") for u in (PROVINCE, DISTRICT, DISTRICT2, COMMUNE)]
            for p in out:
                p.check = (lambda resp, p=p: self.check_t12(p, resp))
            return out
        if (method, path) == ("GET", PROVIDERS):
            out = [probe(path), probe(path + f"?unit={COMMUNE}"), probe(path + f"?service={SERVICE}")]
            for p in out:
                p.check = (lambda resp, p=p: self.check_providers(p, resp))
            return out
        if (method, path) == ("GET", UIC + "/recipe"):
            # documents: the default recipe, unchanged by the run
            def recipe(resp: Response) -> str | None:
                doc = resp.json()
                want = {"recipe": DEFAULT_RECIPE, "default": DEFAULT_RECIPE}
                return None if {k: doc.get(k) for k in want} == want else f"recipe {doc} (want {want})"
            return [probe(path, None, "plain", recipe)]
        if (method, path) == ("POST", UIC):
            # every target client's answers at its unit
            return [probe(path, {**r.info["answers"], "unit": r.unit}, "plain",
                          lambda resp, r=r: self.check_uic(actor, r, resp))
                    for r in self.support_targets()]
        return None

    def probes_for(self, actor: Actor, ops: list[dict], account_targets: list[TestAccount]) -> list[Probe]:
        out: list[Probe] = []
        rel = (lambda u: self.tree.relation(actor.unit, u)) if actor.acct else (lambda u: "-")
        for op in ops:
            method, path, access = op["method"], op["path"], op["access"]
            if (method, path) in LAST:
                continue
            params = re.findall(r"\{([^}]+)\}", path)
            ptype = self.rtype_of(path)
            own = ptype is None and self.coll_of(path) is not None
            support = own and "/api/" + self.coll_of(path) in SUPPORT_COLLECTIONS
            narrow = (ptype is not None and not ptype.full) or (own and not support)
            assigned = (ptype is not None and ptype.assigned) or own
            if narrow and actor.acct and actor.unit != DISTRICT and \
                    not (assigned and self.scope_of(actor.role, access.split(":")[0] + ":read") == MINE):
                # the other record types, the inspection plans and tips: every role, from the
                # district only (its commune below, the other district out of scope), to keep the
                # run short; the types assigned to workers also from every worker they may be
                # assigned to. The support world's routes: every actor.
                continue
            special = self.support_probes(actor, method, path, access)
            if special is not None:
                out += special
                continue
            if ptype and method == "GET" and path == f"/api/{ptype.path}/duplicates":
                # likely duplicates of a target record at its unit: that record when in scope
                text_fields = [f["name"] for f in ptype.fields if f["kind"] == "text"]
                for t in self.record_targets(actor, path + "/{id}", access, account_targets):
                    if t.record is None:
                        continue
                    q = {"unit": t.unit, **{n: t.record.markers[0] for n in text_fields}}
                    out.append(Probe(actor, method, path, access, path + "?" + urllib.parse.urlencode(q),
                                     None, t, "list", self.expectation(actor, access, "list", None)))
                continue
            if method == "GET" and (ptype and path == f"/api/{ptype.path}/assignable-accounts" or
                                    path == TIPS + "/assignable-accounts"):
                # the accounts a record at each unit could be assigned to (Run.assignable)
                for u in TARGET_UNITS:
                    t = Target(rel(u), {"unit": u}, u)
                    out.append(Probe(actor, method, path, access, f"{path}?unit={u}", None, t, "list",
                                     self.expectation(actor, access, "list", None)))
                continue
            if (method, path) == ("GET", TIPS):
                for url in (path + "?limit=1000", path + f"?unit={DISTRICT}&limit=1000",
                            path + "?limit=1&offset=1"):
                    out.append(Probe(actor, method, path, access, url, None, None, "list",
                                     self.expectation(actor, access, "list", None)))
                continue
            if (method, path) == ("GET", TIPS + "/export"):
                for url in (path + "?format=csv", path + f"?format=csv&unit={DISTRICT}"):
                    out.append(Probe(actor, method, path, access, url, None, None, "export",
                                     self.expectation(actor, access, "export", None)))
                continue
            if (method, path) == ("GET", PLANS):
                out.append(Probe(actor, method, path, access, path, None, None, "list",
                                 self.expectation(actor, access, "list", None)))
                continue
            if (method, path) == ("GET", "/api/establishment-status"):
                # every establishment's status: those the actor reads (Run.check_read_body)
                for url in (path, path + f"?unit={DISTRICT}"):
                    out.append(Probe(actor, method, path, access, url, None, None, "list",
                                     self.expectation(actor, access, "list", None)))
                continue
            if ptype and method == "POST" and path == f"/api/{ptype.path}/files":
                # a few bytes that are no file type: refused after the access decision
                out.append(Probe(actor, method, path, access, path, NOT_A_FILE, None, "plain",
                                 self.expectation(actor, access, "plain", None)))
                continue
            if params:
                try:
                    targets = self.record_targets(actor, path, access, account_targets)
                except HarnessError as e:
                    with self.lock:
                        first = (method, path) not in self.untargeted
                        self.untargeted.add((method, path))
                    if first:
                        self.mismatch(f"{method} {path} ({access}): {e}")
                    continue
                for t in targets:
                    url = path
                    for p in params:
                        url = url.replace("{" + p + "}", urllib.parse.quote(t.key[p], safe=""))
                    if ptype and method == "PATCH":
                        body = PROGRAMME_PATCH_BODY
                    elif (ptype or own) and method == "DELETE" and path.endswith("/{id}"):
                        body, url = None, url + PROGRAMME_DELETE_QUERY
                    elif ptype and method == "POST" and path.endswith("/{id}/merge"):
                        body = RECORD_MERGE_BODY
                    else:
                        body = RECORD_WRITE_BODIES.get((method, path), {}) if method != "GET" else None
                    expect = self.expectation(actor, access, "record", t)
                    if expect == "allowed" and (method, path) in WRITE_PHASE_ONLY:
                        continue  # it would change the target: support_writes does it
                    out.append(Probe(actor, method, path, access, url, body, t, "record", expect))
            elif (method, path) in UNIT_NAMING_CREATES:
                make_body = UNIT_NAMING_CREATES[(method, path)][0]
                kind = "import" if path.endswith("/import") else "create"
                units = ptype.create_units() if ptype else (PROVINCE, DISTRICT2, COMMUNE) if own and not support \
                    else TARGET_UNITS
                # a client is assigned to the worker who registers it (the default)
                by_worker = (ptype is not None and ptype.assigned) or path == CLIENTS
                for u in units:
                    t = Target(rel(u), {"unit": u}, u, assignees=self.assignees_for(actor) if by_worker else [])
                    out.append(Probe(actor, method, path, access, path, make_body(self.tree, u, actor), t,
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

    def record_list_urls(self, ptype: RecType, path: str) -> list[str]:
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
        coll = self.coll_of(path)
        if coll is not None:
            # the records of the type or collection the run made; the file routes name the type's
            # file field too, a client's consent and referral routes one of its own (MadeRecord.keys)
            with self.lock:
                made = [r for r in self.records if r.path == coll and r.id in self.target_ids]
            ptype = self.rtype_of(path)
            extra = {"field": self.file_name_of(ptype)} if ptype and "{field}" in path else {}
            others = [p for p in re.findall(r"\{([^}]+)\}", path) if p != "id" and p not in extra]
            for r in made:
                if any(p not in r.keys for p in others):
                    raise HarnessError(f"{path}: the target {r.id} has no {others} of its own (MadeRecord.keys)")
            read = ptype.access("read") if ptype else TYPE_READ_BY_PATH.get(path, resource + ":read")
            mine = actor.acct is not None and self.scope_of(actor.role, read) == MINE

            def place(r: MadeRecord) -> str:
                if mine and not {actor.acct.id, "*"} & set(r.assignees) and \
                        self.tree.contains(actor.unit, r.unit):
                    return "another worker's record"
                return rel(r.unit)

            return [Target(place(r), {"id": r.id, **extra, **{p: r.keys[p] for p in others}}, r.unit, record=r)
                    for r in made] + \
                [Target("missing", {"id": MISSING_ID, **extra, **{p: MISSING_ID for p in others}}, None)]
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
            if access.startswith("peer_group:") and (method.upper(), path) not in PEER_GROUP_ROUTES:
                problems.append(f"{method.upper()} {path}: x-access {access!r}: the peer_group rows of ORACLE "
                                "are the provider directory's (ALL); peer groups need rows of their own")
                continue
            ops.append({"method": method.upper(), "path": path, "access": access})
    for p in problems:
        run.mismatch(p)
    return sorted(ops, key=lambda o: (o["path"], o["method"]))


def load_record_types(run: Run, c: Client) -> None:
    """Every record type (resource, fields, unit levels, code lists, references) and their
    creates/imports as unit-naming writes; the fields naming accounts become actor fields."""
    items = c.get_json("/api/record-types")["items"]
    paths = {t["path"]: t.get("id", "") for t in items}
    for t in items:
        if not t.get("resource"):
            raise HarnessError(f"record type {t['path']} has no resource")
        codes = {}
        for f in t["fields"]:
            if f.get("code_list") and f["code_list"] not in codes:
                codes[f["code_list"]] = [x["code"] for x in c.get_json(f"/api/code-lists/{f['code_list']}")["items"]
                                         if x.get("is_active", True)]
        pt = RecType(t["path"], t["resource"], list(t["unit_levels"]), list(t["fields"]), codes,
                     full=t["path"] in FULL_TYPES)
        for f in t["fields"]:
            if f["kind"] == "reference":
                # reference_type is the referred type's id ("industrial_zone"); its path is the id
                # in the plural with dashes ("industrial-zones")
                ref = f.get("reference_type", "")
                hits = [p for p, i in paths.items() if i == ref] or \
                    [p for p in paths if p.replace("-", "_") in (ref, ref + "s", ref + "es")]
                if len(hits) != 1:
                    raise HarnessError(f"{pt.path}.{f['name']}: which type is reference_type {ref!r}? {hits}")
                pt.refs[f["name"]] = hits[0]
        ACTOR_FIELDS.update(pt.account_fields)
        run.rtypes[pt.path] = pt
        base = f"/api/{pt.path}"

        def assignees(pt: RecType, actor: Any) -> list[str] | None:
            return run.assignees_for(actor) if pt.assigned else None

        # a record naming the unit, refused after the scope decision (RecType.body's `invalid`)
        UNIT_NAMING_CREATES[("POST", base)] = (
            lambda tree, u, actor, pt=pt: pt.body(u, "MX", invalid=True, refs=run.refs_for(pt, u),
                                                  assignees=assignees(pt, actor)), "unit")
        # a file whose line 2 is a valid row naming the unit, line 3 the same made invalid (so an
        # import in scope stores nothing)
        UNIT_NAMING_CREATES[("POST", base + "/import")] = (
            lambda tree, u, actor, pt=pt: pt.csv([
                pt.body(u, "MX", rid=str(uuid.uuid4()), refs=run.refs_for(pt, u), assignees=assignees(pt, actor)),
                pt.body(u, "MX", rid=str(uuid.uuid4()), invalid=True, refs=run.refs_for(pt, u),
                        assignees=assignees(pt, actor))]), "unit")


def make_plans(run: Run, maker: Actor) -> None:
    """The inspection plans to probe (PLANS), made by the province officer of the province."""
    for u in PLAN_UNITS:
        marker = "MXP" + secrets.token_hex(6)
        r = maker.client.post(PLANS, {"unit": u, "year": int(RECORD_DATE[:4]), "teams": [_plan_team(marker)],
                                      "items": []})
        if r.status != 201:
            raise HarnessError(f"the province officer cannot store an inspection plan at {u}:\n{r.describe(800)}")
        rec = MadeRecord(PLANS.removeprefix("/api/"), r.json()["id"], u, [marker], resource="inspection",
                         assignees=["*"], write_assignees=[])
        run.records.append(rec)
        run.target_ids.add(rec.id)


def make_tips(run: Run, maker: Actor, actors: list[Actor]) -> None:
    """The tips to probe (TIPS), received by the intake officer of the province, each with a
    denouncer, and assigned to an inspector."""
    c = maker.client
    codes = {lst: [x["code"] for x in c.get_json(f"/api/code-lists/{lst}")["items"] if x.get("is_active", True)]
             for lst in ("tip_channel", "tip_kind")}
    for unit, role, at in TIP_UNITS:
        handler = next(x.acct for x in actors if x.role == role and x.unit == at)
        marker, secret = "MXT" + secrets.token_hex(6), "MXD" + secrets.token_hex(6)
        est = next((r.id for r in run.records if r.path == "establishments" and r.unit == unit and
                    r.id in run.target_ids), None)
        body = {"unit": unit, "channel": codes["tip_channel"][0], "kind": codes["tip_kind"][0],
                "received_at": RECORD_DATE, "place": marker, "content": marker,
                "denouncer": {"name": secret, "address": secret, "phone": "0912345678"}}
        if est:
            body["establishment_id"] = est
        r = c.post(TIPS, body)
        if r.status != 201:
            raise HarnessError(f"the intake officer cannot receive a tip at {unit}:\n{r.describe(800)}")
        tip = r.json()
        for step in ({"step": "verify"}, {"step": "classify", "kind": tip["kind"]},
                     {"step": "assign", "assignee": handler.id}):
            r = c.post(f"{TIPS}/{tip['id']}/steps", {**step, "version": tip["version"]})
            if r.status != 200:
                raise HarnessError(f"the intake officer cannot {step['step']} a tip at {unit}:\n{r.describe(800)}")
            tip = r.json()
        rec = MadeRecord(TIPS.removeprefix("/api/"), tip["id"], unit, [marker], [est] if est else [],
                         resource="tip", assignees=[handler.id], secret=secret)
        denouncer = MadeRecord("tip-denouncers", f"denouncer-of-{tip['id']}", unit, [secret], resource="denouncer")
        run.records += [rec, denouncer]
        run.target_ids.add(rec.id)


_answer_years = iter(range(1930, 2100))


def client_answers(run: Run) -> tuple[dict, str]:
    """Answers of a person of its own (a year of birth no other client of the run has; names
    whose last words are markers that no reply may hold: Run.never) and the UIC they give with
    the default recipe (sex, year in 2 digits, the first letters of the mother's, the father's and
    the person's own given names)."""
    year = next(_answer_years)
    mother, father, own = ("Qmx" + secrets.token_hex(5), "Xmx" + secrets.token_hex(5), "Zmx" + secrets.token_hex(5))
    with run.lock:
        run.never += [mother, father, own]
    answers = {"sex": "K", "birth_year": year, "mother_given_name": "Trần Thị " + mother,
               "father_given_name": "Nguyễn Văn " + father, "given_name": own}
    return answers, f"K{year % 100:02d}QXZ"


def days_from(day: str, n: int) -> str:
    return (datetime.date.fromisoformat(day) + datetime.timedelta(days=n)).isoformat()


def register_client(run: Run, w: Actor, unit: str, what: str = "target") -> tuple[MadeRecord, dict] | None:
    """A client registered by the worker `w` at `unit` (assigned to `w`, the default); its record
    (markers: its UIC; info: its answers and UIC) joins run.records. None (and a mismatch) when
    refused."""
    answers, uic = client_answers(run)
    cid = str(uuid.uuid4())
    r = w.client.post(CLIENTS, {"id": cid, "unit": unit, "answers": answers})
    if r.status != 201:
        run.mismatch(f"{w.role}@{w.unit} cannot register a {what} client at {unit}:\n    {r.describe(600, headers=False)}")
        return None
    doc = r.json()
    if doc.get("uic") != uic or doc.get("assigned") != [w.acct.id]:
        run.mismatch(f"{w.role}@{w.unit} registers a client: uic {doc.get('uic')} (want {uic}), assigned "
                     f"{doc.get('assigned')} (want the worker)")
    if run.today is None:
        run.today = doc["registered_on"]
    rec = MadeRecord("clients", cid, unit, [doc["uic"]], resource="client", assignees=[w.acct.id],
                     info={"uic": doc["uic"], "answers": answers, "consents": [], "assessments": [],
                           "referrals": [], "incidents": [], "open": [], "overdue": []})
    with run.lock:
        run.records.append(rec)
    return rec, doc


def add_contact(run: Run, w: Actor, rec: MadeRecord) -> MadeRecord | None:
    """Consent to contact, then contact fields of markers of their own: a record of its own to
    the leak check ("client-contacts"; its assignees the very list of the client's)."""
    base = f"{CLIENTS}/{rec.id}"
    r = w.client.post(base + "/consents", {"purpose": "contact", "notice_version": "2024.1", "method": "signed",
                                           "given_on": days_from(run.today, -60)})
    if r.status != 201:
        run.mismatch(f"{w.role}@{w.unit} cannot record consent to contact:\n    {r.describe(600, headers=False)}")
        return None
    rec.info["consents"].append(r.json()["id"])
    rec.info["contact_consent"] = r.json()["id"]
    rec.markers.append(r.json()["id"])
    contact = {"nickname": "MXN" + secrets.token_hex(6), "phone": "09" + "".join(secrets.choice("0123456789")
                                                                                   for _ in range(8)),
               "note": "MXO" + secrets.token_hex(6)}
    r = w.client.request("PUT", base + "/contact", contact)
    if r.status != 200:
        run.mismatch(f"{w.role}@{w.unit} cannot record contact fields:\n    {r.describe(600, headers=False)}")
        return None
    crec = MadeRecord("client-contacts", f"contact-of-{rec.id}", rec.unit, list(contact.values()), [rec.id],
                      resource="client_contact", assignees=rec.assignees)
    rec.info["contact"] = contact
    rec.info["contact_rec"] = crec
    with run.lock:
        run.records.append(crec)
    return crec


def make_support(run: Run, root: Actor, actors: list[Actor]) -> None:
    """The support world's targets: the providers (by the province officer of the province) and
    the clients of CLIENT_UNITS, each registered by its worker with everything its routes need."""
    c = root.client
    codes = {lst: [x["code"] for x in c.get_json(f"/api/code-lists/{lst}")["items"] if x.get("is_active", True)]
             for lst in ("gbv_kind", "gbv_place", "consent_method")}
    for u, services in ((PROVINCE, [SERVICE, OTHER_SERVICE]), (DISTRICT2, [OTHER_SERVICE])):
        marker = "MXV" + secrets.token_hex(6)
        r = c.post(PROVIDERS, {"name": marker, "unit": u, "services": services, "contact": marker + "c"})
        if r.status != 201:
            raise HarnessError(f"the province officer cannot add a provider at {u}:\n{r.describe(800)}")
        rec = MadeRecord("providers", r.json()["id"], u, [marker], resource="peer_group",
                         info={"services": services})
        run.records.append(rec)
        run.target_ids.add(rec.id)
    provider = next(r.id for r in run.records if r.path == "providers")
    for n, (unit, role, at) in enumerate(CLIENT_UNITS):
        w = next(x for x in actors if x.role == role and x.unit == at)
        made = register_client(run, w, unit)
        if made is None:
            raise HarnessError(f"{role}@{at} cannot register a client at {unit}")
        rec, _ = made
        base, info, today = f"{CLIENTS}/{rec.id}", rec.info, run.today
        run.target_ids.add(rec.id)

        def post(what: str, url: str, body: dict, want: int = 201) -> dict:
            r = w.client.post(url, body)
            if r.status != want:
                raise HarnessError(f"{role}@{at}: {what} of a client at {unit}:\n{r.describe(800)}")
            return r.json()

        for purpose, extra in (("record_keeping", {}), ("referral", {"provider_id": provider})):
            doc = post(f"{purpose} consent", base + "/consents",
                       {"purpose": purpose, "notice_version": "2024.1", "method": codes["consent_method"][0],
                        "given_on": days_from(today, -60), **extra})
            info["consents"].append(doc["id"])
            rec.markers.append(doc["id"])
            if purpose == "record_keeping":
                rec.keys["consent_id"] = doc["id"]
        if add_contact(run, w, rec) is None:
            raise HarnessError(f"{role}@{at}: contact fields of a client at {unit}")
        doc = post("assessment", base + "/assessments",
                   {"assessed_on": today, "needs": [SERVICE, OTHER_SERVICE], "eligible": [SERVICE]})
        info["assessments"].append(doc["id"])
        info["eligible"] = True
        doc = post("incident", base + "/incidents",
                   {"kind": codes["gbv_kind"][0], "occurred_on": days_from(today, -10),
                    "place_type": codes["gbv_place"][0], "services_offered": [SERVICE],
                    "services_accepted": [SERVICE]})
        info["incidents"].append(doc["id"])
        # an open referral past its due date (referred 30 days ago, due 14 days later)
        doc = post("overdue referral", base + "/referrals",
                   {"provider_id": provider, "service": SERVICE, "referred_on": days_from(today, -30)})
        info["referrals"].append(doc["id"])
        info["open"].append(doc["id"])
        info["overdue"].append(doc["id"])
        rec.keys["referral_id"] = doc["id"]
        # a referral of today: received, but the last client's stays open (not yet due)
        doc = post("referral", base + "/referrals", {"provider_id": provider, "service": SERVICE})
        info["referrals"].append(doc["id"])
        if n < len(CLIENT_UNITS) - 1:
            r = w.client.patch(f"{base}/referrals/{doc['id']}", {"version": doc["version"], "outcome": "received"})
            if r.status != 200:
                raise HarnessError(f"{role}@{at}: the outcome of a referral:\n{r.describe(800)}")
            info["received"] = True
        else:
            info["open"].append(doc["id"])
        rec.markers += info["assessments"] + info["incidents"] + info["referrals"]


def upload(run: Run, c: Client, pt: RecType) -> dict[str, str]:
    """A small PNG uploaded for each file field of the type: field -> the file's id."""
    out = {}
    for name in pt.file_fields:
        r = c.request("POST", f"/api/{pt.path}/files", raw=TINY_PNG,
                      headers={"Content-Type": "application/octet-stream", "X-File-Name": "mx.png"})
        if r.status != 201:
            raise HarnessError(f"the province officer cannot upload a file for {pt.path}:\n{r.describe(800)}")
        out[name] = r.json()["id"]
    return out


def make_records(run: Run, maker: Actor) -> None:
    """Records of every type at its target units (RecType.target_units), made by a province
    officer of the province; every text field carries a marker of its own, every file field a
    small PNG. A reference points at a record of the referred type at the same unit or below, so
    whoever reads the referring record reads the referred one too. Referred types first. A type
    assigned to workers gets its records assigned to the district's inspector, and in the
    district's subtree one more assigned to the commune's inspector (another worker's record for
    the district's inspector, and the reverse)."""
    c = maker.client
    pending = list(run.rtypes.values())
    while pending:
        ready = [pt for pt in pending if all(run.rtypes[r].path not in [q.path for q in pending]
                                             for r in pt.refs.values())]
        if not ready:
            raise HarnessError(f"references in a circle: {[pt.path for pt in pending]}")
        for pt in ready:
            pending.remove(pt)
            r = c.get(f"/api/{pt.path}/export?format=csv")
            if r.status != 200:
                raise HarnessError(f"export of an empty {pt.path} list for its header:\n{r.describe(500)}")
            pt.header = next(csv.reader(io.StringIO(r.body.decode("utf-8").lstrip("\ufeff"))))
            plan: list[tuple[str, list[str]]] = []
            for u in pt.target_units(run.tree):
                if not pt.assigned:
                    plan.append((u, []))
                    continue
                plan.append((u, [run.inspector.id]))
                if run.tree.contains(DISTRICT, u):
                    plan.append((u, [run.other_inspector.id]))
            for u, assignees in plan:
                marker = "MXR" + secrets.token_hex(6)
                files = upload(run, c, pt)

                def make() -> Response:
                    return c.post(f"/api/{pt.path}", pt.body(u, marker, refs=run.refs_for(pt, u),
                                                             assignees=assignees or None, files=files))

                r = make()
                if r.status == 422 and pt.optional_ref is None:
                    # a rule may want one of the optional references (outreach: a zone or a school)
                    for f in pt.fields:
                        if f["kind"] == "reference" and not f.get("required"):
                            pt.optional_ref = f["name"]
                            r = make()
                            if r.status == 201:
                                break
                            pt.optional_ref = None
                if r.status != 201:
                    raise HarnessError(f"the province officer cannot create a {pt.path} record at {u}:\n"
                                       f"{r.describe(800)}")
                doc = r.json()
                refs = [doc[f] for f in pt.refs if doc.get(f)]
                rec = MadeRecord(pt.path, doc["id"], u, [marker], refs, resource=pt.resource,
                                 assignees=list(assignees), files={f: TINY_PNG for f in files})
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
        run.routes = {(op["method"], op["path"]) for op in ops}
        load_record_types(run, c)
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

    # the records to probe, made by the province officer of the province; the types assigned to
    # workers name the district's inspector, or the commune's
    root_officer = next(x for x in actors if x.role == "province_officer" and x.unit == PROVINCE)
    run.inspector = next(x.acct for x in actors if x.role == "inspector" and x.unit == DISTRICT)
    run.other_inspector = next(x.acct for x in actors if x.role == "inspector" and x.unit == COMMUNE)
    make_records(run, root_officer)
    if ("POST", PLANS) in run.routes:
        make_plans(run, root_officer)
    if ("POST", TIPS) in run.routes and ("POST", TIPS + "/{id}/steps") in run.routes:
        make_tips(run, next(x for x in actors if x.role == "intake_officer" and x.unit == PROVINCE), actors)
    # the support world: providers by the province officer, clients by the workers
    support = ("POST", CLIENTS) in run.routes
    if support:
        make_support(run, root_officer, actors)
    if not any(rt.assigned for rt in run.rtypes.values()):
        run.notes.append("target 'another worker's record': no record type is assigned to workers "
                         "(client, tip, inspection, peer group) yet, skipped")
    for rt in run.rtypes.values():
        if rt.resource in ASSIGNED_RESOURCES and not rt.assigned:
            run.notes.append(f"{rt.path} ({rt.resource}) has no field naming accounts: no record of it "
                             "is anyone's, an 'assigned' scope reaches none")

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
    # a merge into a record out of scope, by the district's district officer
    for w in actors:
        if w.role == "district_officer" and w.unit == DISTRICT:
            merge_into_out_of_scope(run, w)
    # records assigned to workers, by the workers whose scope on them is "assigned"
    for rt in run.rtypes.values():
        if rt.assigned:
            for w in actors:
                if run.scope_of(w.role, rt.access("create")) == MINE:
                    assigned_writes(run, rt, w, root_officer, actors)
    # clients, by the peer educators and social workers; providers, by the province officer
    if support:
        for w in actors:
            if w.role in ("peer_educator", "social_worker"):
                support_writes(run, w, root_officer, actors)
        provider_writes(run, root_officer, actors)
    # every actor's lists and exports of communication activities after the writes, and its
    # lists of the types assigned to workers and of clients
    ca = "/api/communication-activities"
    if ca.removeprefix("/api/") in run.rtypes:
        for actor in actors:
            for url, kind, access in ((ca + "?limit=1000", "list", "programme_record:read"),
                                      (ca + "/export?format=csv", "export", "programme_record:export")):
                path = ca if kind == "list" else ca + "/export"
                run.run_probe(Probe(actor, "GET", path, access, url, None, None, kind,
                                    run.expectation(actor, access, kind, None)))
    for rt in run.rtypes.values():
        if rt.assigned:
            path, access = f"/api/{rt.path}", rt.access("read")
            for actor in actors:
                run.run_probe(Probe(actor, "GET", path, access, path + "?limit=1000", None, None, "list",
                                    run.expectation(actor, access, "list", None)))
    if support:
        for actor in actors:
            for p in run.support_probes(actor, "GET", CLIENTS, "client:read")[:1] + \
                    run.support_probes(actor, "GET", CLIENTS + "/referrals", "client:read"):
                run.run_probe(p)
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
    print(f"record ids met in replies to readers in scope: {run.seen_in_scope} (out of scope: "
          f"{len(run.leaks)} leaks)")
    if not run.seen_in_scope:
        run.mismatch("no record id was met in any reply: the leak check is blind")
    for i, (route, _, bug) in enumerate(KNOWN_BUGS):
        if i in run.known:
            print(f"KNOWN BUG [{run.known[i]}x]: {bug}")
        elif route in run.routes:
            run.mismatch(f"known bug no longer met (fixed? remove it from KNOWN_BUGS): {bug}")
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
          f"(+{sum(run.known.values())} on {len(run.known)} known server bugs) "
          f"({len(ops)} routes, {len(actors)} accounts in {len(ROLES)} roles + anonymous, "
          f"{len(run.records)} records of {len(run.rtypes)} types, "
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


def assigned_writes(run: Run, rt: RecType, w: Actor, root: Actor, actors: list[Actor]) -> None:
    """A worker whose scope on a type is "assigned" (an inspector on inspections), at a unit of
    its subtree: a record naming itself is created, read, changed, shared with another worker
    (who then reads it) and deleted; a record naming only another worker is refused (422, nothing
    created), like a change handing its own record over to another worker only (the write would
    leave the record out of the writer's scope, as a move to a unit out of scope does); another
    worker's record cannot be changed or deleted (404, nothing changes). Every reply goes through
    the leak check."""
    tree = run.tree
    base = f"/api/{rt.path}"
    who = f"{w.role}@{w.unit}"
    unit = next((u for u in rt.target_units(tree) if tree.contains(w.unit, u)), None)
    if unit is None:
        return
    other = run.other_inspector if w.acct.id == run.inspector.id else run.inspector
    other_actor = next(x for x in actors if x.acct is other)
    field_name = rt.account_fields[0]
    kind = next(f["kind"] for f in rt.fields if f["name"] == field_name)

    def team(*ids: str) -> Any:
        return list(ids) if kind == "accounts" else ids[0]

    def fail(what: str, msg: str) -> None:
        run.mismatch(f"{who} {rt.path}: {what}: {msg}",
                     f"records assigned to workers, {what}: "
                     + re.sub(r"[0-9a-f]{8}-[0-9a-f-]{27}", "ID", msg.split("\n", 1)[0])[:160], who)

    def send(actor: Actor, what: str, method: str, url: str, body: Any, want: int) -> Response:
        p = Probe(actor, method, base, rt.access("write"), url, body, None, "write", "allowed")
        r = run.send(actor, method, url, body)
        run.count()
        run.check_leaks(p, r)
        if r.status != want:
            fail(what, f"want {want}, got {r.status}\n    {r.describe(400, headers=False)}")
        return r

    def root_get(rid: str) -> Response:
        return root.client.get(f"{base}/{rid}")

    text_field = next(f["name"] for f in rt.fields if f["kind"] == "text")
    refs = run.refs_for(rt, unit)

    # a record naming itself: created, read, changed
    rid, marker = str(uuid.uuid4()), "MXA" + secrets.token_hex(6)
    r = send(w, "create naming itself", "POST", base,
             rt.body(unit, marker, rid=rid, refs=refs, assignees=[w.acct.id]), 201)
    if r.status == 201:
        rec = MadeRecord(rt.path, rid, unit, [marker], resource=rt.resource, assignees=[w.acct.id])
        with run.lock:
            run.records.append(rec)
        send(w, "read its own", "GET", f"{base}/{rid}", None, 200)
        send(other_actor, "another worker reads it", "GET", f"{base}/{rid}", None, 404)
        marker2 = "MXA" + secrets.token_hex(6)
        r = send(w, "change its own", "PATCH", f"{base}/{rid}", {"version": 1, text_field: marker2}, 200)
        if r.status == 200:
            rec.markers.append(marker2)
        # handed over to another worker only: refused, nothing changes
        before = root_get(rid).json()
        r = send(w, "hand its own over to another worker only", "PATCH", f"{base}/{rid}",
                 {"version": before["version"], field_name: team(other.id)}, 422)
        after = root_get(rid).json()
        if after != before:
            fail("hand its own over to another worker only", f"the record is now {after.get(field_name)}, "
                 f"version {after.get('version')}")
            now_team = after.get(field_name)
            rec.assignees = now_team if isinstance(now_team, list) else [now_team]
        # shared with another worker: both read it
        if w.acct.id in rec.assignees and kind == "accounts":
            r = send(w, "share its own with another worker", "PATCH", f"{base}/{rid}",
                     {"version": after["version"], field_name: team(w.acct.id, other.id)}, 200)
            if r.status == 200:
                rec.assignees = [w.acct.id, other.id]
                send(other_actor, "the other worker reads the shared record", "GET", f"{base}/{rid}", None, 200)
        # deleted: then gone
        if w.acct.id in rec.assignees:
            now = root_get(rid).json()
            r = send(w, "delete its own", "DELETE", f"{base}/{rid}?version={now['version']}", None, 200)
            if r.status == 200:
                rec.deleted = True
                send(w, "read after delete", "GET", f"{base}/{rid}", None, 404)

    # a record naming only another worker: refused (422), nothing created
    rid_o = str(uuid.uuid4())
    r = send(w, "create naming only another worker", "POST", base,
             rt.body(unit, "MXA" + secrets.token_hex(6), rid=rid_o, refs=refs, assignees=[other.id]), 422)
    if r.status == 422 and not any(code == "out_of_scope" for _, code in Run.field_codes(r)):
        fail("create naming only another worker", f"want a field out_of_scope: {r.text[:300]}")
    if root_get(rid_o).status != 404:
        fail("create naming only another worker", "the record exists anyway")
        run.send(root, "DELETE", f"{base}/{rid_o}?version=1", None)

    # another worker's record (a target in the writer's subtree): change and delete refused with
    # 404 (its right version), nothing changes
    with run.lock:
        theirs = [x for x in run.records if x.path == rt.path and x.id in run.target_ids and not x.deleted
                  and w.acct.id not in x.assignees and tree.contains(w.unit, x.unit)]
    if theirs:
        victim = theirs[0]
        before = root_get(victim.id).json()
        send(w, "change another worker's record", "PATCH", f"{base}/{victim.id}",
             {"version": before["version"], text_field: "đổi", field_name: team(w.acct.id)}, 404)
        send(w, "delete another worker's record", "DELETE", f"{base}/{victim.id}?version={before['version']}",
             None, 404)
        after = root_get(victim.id).json()
        if after != before:
            fail("writes to another worker's record", f"changed {victim.id}: {before} -> {after}")


def support_writes(run: Run, w: Actor, root: Actor, actors: list[Actor]) -> None:
    """A peer educator or a social worker (`w`) on clients of its own unit, throw-away ones
    registered here (documents: "Support services"):
      T1: registered (201; the same again 200), read by `w` and the province officer, not by the
          other worker of the unit (404); the same answers again: 409 uic_collision naming T1 to
          `w`, naming nothing to the other worker; a client naming only the other worker: 422
          assigned out_of_scope, nothing made; contact fields refused without consent (422
          consent), then recorded and read by `w` only (404 to the other worker and the province
          officer, whose subject access has no contact); the contact consent withdrawn: the
          contact fields are gone; record keeping withdrawn: 409 restricted on a new assessment;
          erased (a social worker: 200, a tombstone UIC, 409 erased afterwards; a peer educator:
          403, then the province officer erases it). The erased UIC may then appear nowhere.
      T2: contact fields deleted (200, then 404 twice); moved to a unit out of `w`'s scope (422
          unit out_of_scope) or handed over to the other worker only (422 assigned out_of_scope),
          nothing changes; shared with the other worker (200: it reads the client and its
          contact), who then removes `w` (200: `w` gets 404).
      another worker's target client in `w`'s subtree: every write with the right versions and
      ids is 404 and changes nothing.
    Every reply goes through the leak check."""
    tree = run.tree
    who = f"{w.role}@{w.unit}"
    other = next(x for x in actors if x.unit == w.unit and x.role in ("peer_educator", "social_worker")
                 and x.role != w.role)

    def fail(what: str, msg: str) -> None:
        run.mismatch(f"{who} clients: {what}: {msg}", f"clients, {what}: "
                     + re.sub(r"[0-9a-f]{8}-[0-9a-f-]{27}", "ID", msg.split("\n", 1)[0])[:160], who)

    def send(actor: Actor, what: str, method: str, path: str, url: str, body: Any, want: int) -> Response:
        access = "client_contact:write" if path == CLIENTS + "/{id}/contact" else "client:write"
        p = Probe(actor, method, path, access, url, body, None, "write", "allowed")
        r = run.send(actor, method, url, body)
        run.count()
        run.check_leaks(p, r)
        if r.status != want:
            fail(what, f"{actor.role}@{actor.unit}: want {want}, got {r.status}\n    {r.describe(400, headers=False)}")
        if (method, path) in WRITE_PHASE_ONLY and r.status < 300:
            with run.lock:  # the allowed probes phase 1 leaves out
                run.observed.setdefault((actor.role, "client_contact:delete"), set()).add("allowed")
        return r

    def root_get(rid: str, sub: str = "") -> Response:
        return root.client.get(f"{CLIENTS}/{rid}{sub}")

    def version(rid: str) -> int:
        return root_get(rid).json()["version"]

    one = CLIENTS + "/{id}"
    made = register_client(run, w, w.unit, "throw-away")
    if made is None:
        return
    t1, body1 = made
    u1 = f"{CLIENTS}/{t1.id}"
    run.count()
    again = send(w, "the same client again", "POST", CLIENTS, CLIENTS,
                 {"id": t1.id, "unit": w.unit, "answers": t1.info["answers"]}, 200)
    if again.status == 200 and (again.json().get("id") != t1.id or again.json().get("version") != 1):
        fail("the same client again", again.text[:300])
    send(w, "read its own", "GET", one, u1, None, 200)
    send(other, "another worker reads it", "GET", one, u1, None, 404)
    send(root, "the province officer reads it", "GET", one, u1, None, 200)
    # the same answers again
    r = send(w, "the same answers again", "POST", CLIENTS, CLIENTS, {"unit": w.unit, "answers": t1.info["answers"]}, 409)
    if r.status == 409 and (Run.error_code(r) != "uic_collision" or r.json().get("existing_client_ids") != [t1.id]):
        fail("the same answers again", f"want uic_collision naming {t1.id}: {r.text[:300]}")
    r = send(other, "the same answers by another worker", "POST", CLIENTS, CLIENTS,
             {"unit": w.unit, "answers": t1.info["answers"]}, 409)
    if r.status == 409 and (Run.error_code(r) != "uic_collision" or r.json().get("existing_client_ids") != []):
        fail("the same answers by another worker", f"want uic_collision naming nobody: {r.text[:300]}")
    # a client naming only the other worker
    rid = str(uuid.uuid4())
    answers, _ = client_answers(run)
    r = send(w, "register a client naming only another worker", "POST", CLIENTS, CLIENTS,
             {"id": rid, "unit": w.unit, "answers": answers, "assigned": [other.acct.id]}, 422)
    if r.status == 422 and ("assigned", "out_of_scope") not in Run.field_codes(r):
        fail("register a client naming only another worker", f"want assigned out_of_scope: {r.text[:300]}")
    if root_get(rid).status != 404:
        fail("register a client naming only another worker", "the client exists anyway")
    # contact fields: consent first
    r = send(w, "contact fields without consent", "PUT", CLIENTS + "/{id}/contact", u1 + "/contact",
             {"nickname": "MXNOCONSENT"}, 422)
    if r.status == 422 and ("consent", "consent_required") not in Run.field_codes(r):
        fail("contact fields without consent", f"want consent consent_required: {r.text[:300]}")
    run.count(3)
    crec = add_contact(run, w, t1)
    if crec is not None:
        r = send(w, "read its contact", "GET", CLIENTS + "/{id}/contact", u1 + "/contact", None, 200)
        if r.status == 200 and {k: r.json().get(k) for k in t1.info["contact"]} != t1.info["contact"]:
            fail("read its contact", r.text[:300])
        send(other, "another worker reads the contact", "GET", CLIENTS + "/{id}/contact", u1 + "/contact", None, 404)
        send(root, "the province officer reads the contact", "GET", CLIENTS + "/{id}/contact", u1 + "/contact",
             None, 404)
        r = send(root, "the province officer's subject access", "GET", CLIENTS + "/{id}/subject-access",
                 u1 + "/subject-access", None, 200)
        if r.status == 200 and "contact" in r.json():
            fail("the province officer's subject access", "holds the contact fields")
        r = send(w, "its subject access", "GET", CLIENTS + "/{id}/subject-access", u1 + "/subject-access", None, 200)
        if r.status == 200 and (r.json().get("contact") or {}).get("nickname") != t1.info["contact"]["nickname"]:
            fail("its subject access", f"no contact fields: {r.text[:300]}")
        # the consent to contact withdrawn: the contact fields are gone
        cons = t1.info["contact_consent"]
        r = send(w, "withdraw the consent to contact", "POST", CLIENTS + "/{id}/consents/{consent_id}/withdraw",
                 f"{u1}/consents/{cons}/withdraw", {}, 200)
        if r.status == 200:
            t1.info["consents"].append(r.json()["id"])
            crec.deleted = True
            send(w, "read the contact after the withdrawal", "GET", CLIENTS + "/{id}/contact", u1 + "/contact",
                 None, 404)
    # record keeping withdrawn: restricted
    r = send(w, "consent to record keeping", "POST", CLIENTS + "/{id}/consents", u1 + "/consents",
             {"purpose": "record_keeping", "notice_version": "2024.1", "method": "verbal"}, 201)
    if r.status == 201:
        t1.info["consents"].append(r.json()["id"])
        r = send(w, "withdraw the consent to record keeping", "POST",
                 CLIENTS + "/{id}/consents/{consent_id}/withdraw", f"{u1}/consents/{r.json()['id']}/withdraw", {}, 200)
        if r.status == 200:
            t1.info["consents"].append(r.json()["id"])
            r = send(w, "an assessment after the withdrawal", "POST", CLIENTS + "/{id}/assessments",
                     u1 + "/assessments", {"assessed_on": run.today, "needs": [SERVICE], "eligible": []}, 409)
            if r.status == 409 and Run.error_code(r) != "restricted":
                fail("an assessment after the withdrawal", f"want restricted: {r.text[:300]}")
    # erasure: an assigned social worker, or the province officer (a peer educator: 403)
    v = version(t1.id)
    old_uic = t1.info["uic"]
    if w.role == "peer_educator":
        r = send(w, "erase its own (a peer educator)", "POST", CLIENTS + "/{id}/erase", u1 + "/erase",
                 {"version": v}, 403)
        eraser = root
    else:
        eraser = w
    r = send(eraser, "erase", "POST", CLIENTS + "/{id}/erase", u1 + "/erase", {"version": v}, 200)
    if r.status == 200:
        doc = r.json()
        if not doc.get("is_erased") or not str(doc.get("uic", "")).startswith("X-") or doc.get("birth_year") is not None:
            fail("erase", f"want is_erased, a tombstone UIC, no year of birth: {r.text[:300]}")
        with run.lock:
            run.never.append(old_uic)
            t1.markers = [m for m in t1.markers if m != old_uic] + [doc["uic"]]
            t1.info.update(uic=doc["uic"], erased=True, consents=[])
        send(w, "change after the erasure", "PATCH", one, u1, {"version": doc["version"]}, 409)
        send(root, "subject access after the erasure", "GET", one + "/subject-access", u1 + "/subject-access",
             None, 200)
        r = send(w, "read the history after the erasure", "GET", one + "/history", u1 + "/history", None, 200)
        if r.status == 200 and (body_items(r) or [{}])[-1].get("op") != "erase":
            fail("read the history after the erasure", f"the last version is not the erasure: {r.text[:300]}")

    # T2: contact fields deleted; moves and hand-overs
    made = register_client(run, w, w.unit, "throw-away")
    if made is None:
        return
    t2, _ = made
    u2 = f"{CLIENTS}/{t2.id}"
    run.count()
    crec = add_contact(run, w, t2)
    run.count(2)
    if crec is not None:
        send(other, "another worker deletes the contact", "DELETE", CLIENTS + "/{id}/contact", u2 + "/contact", None, 404)
        send(root, "the province officer deletes the contact", "DELETE", CLIENTS + "/{id}/contact", u2 + "/contact",
             None, 404)
        r = send(w, "delete the contact", "DELETE", CLIENTS + "/{id}/contact", u2 + "/contact", None, 200)
        if r.status == 200:
            crec.deleted = True
            send(w, "read the deleted contact", "GET", CLIENTS + "/{id}/contact", u2 + "/contact", None, 404)
            send(w, "delete the deleted contact", "DELETE", CLIENTS + "/{id}/contact", u2 + "/contact", None, 404)
    before = root_get(t2.id).json()
    outside = next((u for u in (DISTRICT, PROVINCE, DISTRICT2) if not tree.contains(w.unit, u)), None)
    if outside:
        r = send(w, f"move to {outside}", "PATCH", one, u2, {"version": before["version"], "unit": outside}, 422)
        if r.status == 422 and ("unit", "out_of_scope") not in Run.field_codes(r):
            fail(f"move to {outside}", f"want unit out_of_scope: {r.text[:300]}")
    r = send(w, "hand over to another worker only", "PATCH", one, u2,
             {"version": before["version"], "assigned": [other.acct.id]}, 422)
    if r.status == 422 and ("assigned", "out_of_scope") not in Run.field_codes(r):
        fail("hand over to another worker only", f"want assigned out_of_scope: {r.text[:300]}")
    after = root_get(t2.id).json()
    if after != before:
        fail("refused changes", f"the client changed: {before} -> {after}")
    # only active peer educators and social workers reaching the unit may be assigned: never an
    # account of the enforcement world or an officer, nor a worker of a unit below the client's
    barred = [x for x in actors if x.unit == w.unit and x.role in ("inspector", "intake_officer", "province_officer")]
    barred += [x for x in actors if x.role in ("peer_educator", "social_worker") and x.unit != w.unit
               and tree.contains(w.unit, x.unit)][:1]
    for x in barred:
        r = send(w, f"share with a {x.role} of {x.unit}", "PATCH", one, u2,
                 {"version": before["version"], "assigned": [w.acct.id, x.acct.id]}, 422)
        if r.status == 422 and ("assigned", "invalid_role") not in Run.field_codes(r):
            fail(f"share with a {x.role}", f"want assigned invalid_role: {r.text[:300]}")
    r = send(w, "share with another worker", "PATCH", one, u2,
             {"version": before["version"], "assigned": [w.acct.id, other.acct.id]}, 200)
    if r.status == 200:
        t2.assignees[:] = [w.acct.id, other.acct.id]
        send(other, "the other worker reads the shared client", "GET", one, u2, None, 200)
        r = send(other, "the other worker removes the first", "PATCH", one, u2,
                 {"version": r.json()["version"], "assigned": [other.acct.id]}, 200)
        if r.status == 200:
            t2.assignees[:] = [other.acct.id]
            send(w, "read after the hand-over", "GET", one, u2, None, 404)
            send(w, "change after the hand-over", "PATCH", one, u2, {"version": r.json()["version"]}, 404)

    # another worker's target client in w's subtree: every write 404, nothing changes
    with run.lock:
        theirs = [x for x in run.records if x.path == "clients" and x.id in run.target_ids and
                  w.acct.id not in x.assignees and tree.contains(w.unit, x.unit)]
    if not theirs:
        return
    victim = theirs[0]
    uv = f"{CLIENTS}/{victim.id}"
    state = {sub: root_get(victim.id, sub).text for sub in ("", "/consents", "/assessments", "/referrals", "/incidents")}
    v = json.loads(state[""])["version"]
    provider = next(x.id for x in run.records if x.path == "providers")
    for what, method, path, url, body in (
            ("change", "PATCH", one, uv, {"version": v, "assigned": [w.acct.id]}),
            ("erase", "POST", one + "/erase", uv + "/erase", {"version": v}),
            ("record a consent", "POST", one + "/consents", uv + "/consents",
             {"purpose": "contact", "notice_version": "2024.1", "method": "verbal"}),
            ("withdraw a consent", "POST", one + "/consents/{consent_id}/withdraw",
             f"{uv}/consents/{victim.keys['consent_id']}/withdraw", {}),
            ("record an assessment", "POST", one + "/assessments", uv + "/assessments",
             {"assessed_on": run.today, "needs": [SERVICE], "eligible": [SERVICE]}),
            ("refer", "POST", one + "/referrals", uv + "/referrals", {"provider_id": provider, "service": SERVICE}),
            ("record a referral's outcome", "PATCH", one + "/referrals/{referral_id}",
             f"{uv}/referrals/{victim.keys['referral_id']}", {"version": 1, "outcome": "received"}),
            ("record an incident", "POST", one + "/incidents", uv + "/incidents",
             {"kind": "physical", "occurred_on": run.today, "place_type": "home"}),
            ("replace the contact", "PUT", one + "/contact", uv + "/contact", {"nickname": "MXW"}),
            ("delete the contact", "DELETE", one + "/contact", uv + "/contact", None)):
        send(w, f"{what} of another worker's client", method, path, url, body, 404)
    # ... nor through a client of its own: the consent or referral id of another client is 404
    with run.lock:
        own = next((x for x in run.records if x.path == "clients" and x.id in run.target_ids and
                    x.assignees == [w.acct.id]), None)
    if own is not None:
        uo = f"{CLIENTS}/{own.id}"
        send(w, "withdraw another client's consent through its own client", "POST",
             one + "/consents/{consent_id}/withdraw", f"{uo}/consents/{victim.keys['consent_id']}/withdraw", {}, 404)
        send(w, "record the outcome of another client's referral through its own client", "PATCH",
             one + "/referrals/{referral_id}", f"{uo}/referrals/{victim.keys['referral_id']}",
             {"version": 1, "outcome": "received"}, 404)
    now = {sub: root_get(victim.id, sub).text for sub in state}
    if now != state:
        fail("writes to another worker's client", f"{victim.id} changed: "
             f"{[k for k in state if state[k] != now[k]]}")
    owner = next((x for x in actors if x.acct.id in victim.assignees), None)
    contact = victim.info.get("contact_rec")
    if owner is not None and contact is not None and not contact.deleted:
        r = owner.client.get(uv + "/contact")
        run.count()
        if r.status != 200 or {k: r.json().get(k) for k in victim.info["contact"]} != victim.info["contact"]:
            fail("writes to another worker's client", f"its contact is now {r.text[:200]}")


def provider_writes(run: Run, root: Actor, actors: list[Actor]) -> None:
    """The province officer adds and changes a provider; a district officer (who reads the
    directory) may not change it (403), an inspector neither."""
    c = root.client
    marker = "MXV" + secrets.token_hex(6)
    r = c.post(PROVIDERS, {"name": marker, "unit": DISTRICT, "services": [SERVICE]})
    run.count()
    if r.status != 201:
        run.mismatch(f"the province officer adds a provider: want 201\n    {r.describe(300, headers=False)}")
        return
    doc = r.json()
    with run.lock:
        run.records.append(MadeRecord("providers", doc["id"], DISTRICT, [marker], resource="peer_group",
                                      info={"services": [SERVICE]}))
    r = c.patch(f"{PROVIDERS}/{doc['id']}", {"version": doc["version"], "services": [SERVICE, OTHER_SERVICE]})
    run.count()
    if r.status != 200 or r.json().get("version") != doc["version"] + 1:
        run.mismatch(f"the province officer changes a provider: want 200\n    {r.describe(300, headers=False)}")
    for x in actors:
        if x.role in ("district_officer", "peer_educator") and x.unit == DISTRICT:
            r = x.client.patch(f"{PROVIDERS}/{doc['id']}", {"version": doc["version"] + 1, "is_active": False})
            run.count()
            if r.status != 403 or Run.error_code(r) != "forbidden":
                run.mismatch(f"{x.role}@{x.unit} changes a provider: want 403 forbidden\n"
                             f"    {r.describe(300, headers=False)}")


def merge_into_out_of_scope(run: Run, w: Actor) -> None:
    """`POST /api/<path>/{id}/merge {"into": …}` names the record to keep, a reference: merging a
    record in scope into one out of scope is refused exactly like merging it into one that does
    not exist (the answer never depends on a record the caller cannot read), and changes
    nothing."""
    for rt in run.rtypes.values():
        if ("POST", f"/api/{rt.path}/{{id}}/merge") not in run.routes or \
                run.scope_of(w.role, rt.access("update")) != UNIT:
            continue
        with run.lock:
            targets = [x for x in run.records if x.path == rt.path and x.id in run.target_ids and not x.deleted]
        mine = next((x for x in targets if run.tree.contains(w.unit, x.unit)), None)
        far = next((x for x in targets if not run.tree.contains(w.unit, x.unit)), None)
        if mine is None or far is None:
            continue
        url = f"/api/{rt.path}/{mine.id}/merge"
        version = w.client.get_json(f"/api/{rt.path}/{mine.id}")["version"]
        r_far = run.send(w, "POST", url, {"into": far.id, "version": version})
        r_none = run.send(w, "POST", url, {"into": MISSING_ID, "version": version})
        run.count(2)
        p = Probe(w, "POST", url, rt.access("update"), url, None, None, "write", "allowed")
        run.check_leaks(p, r_far)
        if r_far.status < 300:
            run.mismatch(f"{w.role}@{w.unit} merges {rt.path} {mine.id} into {far.id} of unit {far.unit} (out of "
                         f"scope): accepted\n    {r_far.describe(300, headers=False)}")
        elif (r_far.status, r_far.body) != (r_none.status, r_none.body):
            run.mismatch(f"{w.role}@{w.unit} merges {rt.path} into a record out of scope: the reply differs from "
                         f"the one for a record that does not exist:\n    {r_far.describe(300, headers=False)}"
                         f"\n    vs {r_none.describe(300, headers=False)}")
        after = w.client.get(f"/api/{rt.path}/{mine.id}")
        if after.status != 200 or after.json().get("version") != version:
            run.mismatch(f"{w.role}@{w.unit} merges {rt.path} into a record out of scope: the record is now "
                         f"{after.describe(300, headers=False)}")


def programme_writes(run: Run, w: Actor, root: Actor) -> None:
    """A role that writes programme records, on communication activities: in scope the writes
    take effect; out of scope they are refused (422 out_of_scope when the write names the unit,
    404 when it names the record) and change nothing; a reference to a record out of scope is
    refused like one to a record that does not exist. Every reply goes through the leak check."""
    pt = run.rtypes.get("communication-activities")
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

    def add(rid: str, unit: str, marker: str) -> MadeRecord:
        rec = MadeRecord(pt.path, rid, unit, [marker])
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
    for rt in run.rtypes.values():
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
