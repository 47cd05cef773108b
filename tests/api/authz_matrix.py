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
"Programme records", "Files of records", "Support services (issue 6)", "Peer groups, self-help groups
and clubs"); only where they are silent
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
Types assigned to workers (a field of kind "accounts": inspections' `members`, peer groups' `leaders`,
their activities' `facilitators`) get targets assigned to the district's worker of the type's role
(WORKER_ROLE: inspector, peer educator), in its subtree and out of it, and one assigned to the
commune's in its subtree ("another worker's record"); a record that refers to one assigned to workers
refers to one of the same workers (an activity to a group its facilitator leads; see GROUPS for the
peer groups' members, attendance and their extra activity). Some optional fields of the targets
are filled so that the plan's targets count them (TARGET_VALUES), and three more tips are handled
on time today (HANDLED_TIP_UNITS: T8). Also an existing and a missing code list, and
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
a referral of the client's own for the routes that name one). The peer groups' record types are
probed by every actor that reads them (GROUPS).

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
  peer groups    a group's members are its very memberships with their clients' codes to those who
                 may change the group, to its other readers no item and counts with 1-4 hidden
                 (member ids, client ids and UICs in no reply to anyone else: the leak check); an
                 activity's attendance its recorded memberships; a client's groups (and in its
                 subject access, with the activities it attended) its memberships; T13
                 (`GET /api/peer-groups/summary`) counts the target groups, activities and members
                 of the unit asked and each unit below it, member counts suppressed by the rule
  indicators     `GET /api/plans` the plans of data/plans as their files define them; `GET
                 /api/indicators` (aggregate readers, at units in and out of their scope, several
                 periods, with the units below) the numerators the plan file counts over the run's
                 facts (Run.measure), no record id at all, T12's counts 1-4 null and "<5" (and no
                 total with its parts with exactly one hidden); `GET /api/indicators/{target}/records`
                 for every target of the plan the facts behind the numerator that the actor reads
                 (each record's own read row: a commune officer never an inspection or a tip, the
                 administrator, viewer and dpo nothing), `not_shown` the others, T12 403
                 `counts_only`; a unit out of the actor's aggregate scope 422 `unit` `out_of_scope`
                 (see INDICATORS)
  reports        `GET /api/report-rounds` the rounds the actor runs or reports in; a round's reports
                 exactly those of its units that the actor reads; a report to the readers of its unit and
                 above (a unit that is not the round's: 404), saved and submitted by its own unit's
                 officers, returned and approved by those who run the round (403 to its other readers,
                 404 to the rest); its sections (markers) to no one else (see REPORT_ROUNDS)
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
write to another worker's client); providers by the province officer; peer group members and
attendance around the commune's peer educator's group (peer_group_writes: its own client added,
ended and present, a client it does not read and a group it does not lead refused as if they did
not exist, the district officer refused, the district social worker's client added); a district's report
through submit, return and approval, refused to the others (report_writes); the lists and
exports again;
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
from pcmd_server import REPO_ROOT, Client, HarnessError, PcmdServer, Response  # noqa: E402
from access_kit import ROLES, TestAccount, UnitTree, add_accounts, sign_in  # noqa: E402

# --------------------------------------------------------------------------------------------
# THE ORACLE: (x-access, role) -> scope, from the documents, not from the code.
#
#   ALL   every record of the type
#   UNIT  records of the actor's unit and below
#   MINE  records assigned to the actor (within its unit and below)
#   OWN   records of the actor's own unit only (not of the units below it)
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

ALL, UNIT, MINE, NONE, OWN = "all", "unit", "mine", "none", "own"


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
    # The provider directory ("Providers (reference data; access: read with the `peer_group` read
    # grant — province, district officers, social workers, peer educators"): its routes carry the
    # x-access peer_group:read, but what they serve is reference data, the whole directory (a
    # provider's unit only filters the list, `?unit=`: providers at that unit or above; a commune's
    # worker refers to the province's clinic), hence ALL, under an access of its own that
    # load_routes gives those routes (PROVIDER_READ_ROUTES). Providers are written with
    # code_list:update (the province officer, above).
    "provider:read": _only(province_officer=ALL, district_officer=ALL, social_worker=ALL,
                           peer_educator=ALL),
    # Peer groups, self-help groups and clubs and their activities (record types `peer-groups`,
    # `peer-group-activities`, resource peer_group, the support world; members and attendance by
    # client code). docs/contract.md "Peer groups, self-help groups and clubs": "Access (policy):
    # province officers read/write in their subtree, district officers read, social workers read
    # and create in their subtree, peer educators read and create those naming them [a group's
    # `leaders`, an activity's `facilitators`: MINE]; nobody else, in particular no enforcement
    # role"; the member codes "only for those who may change the group (its leaders, social workers
    # and province officers of its unit)", and attendance "for those who may change the group";
    # README: "a peer educator reaches only the groups they lead", the district officer "reads ...
    # peer groups", the inspector "never the support world". So update is the leaders', the social
    # workers' and the province officers' (the members section); the documents DISAGREE with the
    # policy on delete: "read and create" for social workers and peer educators, where the table of
    # src/access/policy.cc has one write scope for create, update and delete (subtree for social
    # workers, assigned for peer educators): the delete row follows the policy and says so here
    # (reported, not decided by this file). Export: the documents name none; the policy gives the
    # province officer its subtree (policy).
    "peer_group:read": _only(province_officer=UNIT, district_officer=UNIT, social_worker=UNIT,
                             peer_educator=MINE),
    "peer_group:create": _only(province_officer=UNIT, social_worker=UNIT, peer_educator=MINE),
    "peer_group:update": _only(province_officer=UNIT, social_worker=UNIT, peer_educator=MINE),
    "peer_group:delete": _only(province_officer=UNIT, social_worker=UNIT, peer_educator=MINE),
    "peer_group:export": _only(province_officer=UNIT),
    # aggregates (T12, `GET /api/clients/service-access`, counts 1-4 shown as "<5"; the indicators,
    # `GET /api/indicators` and `GET /api/indicators/{target}/records`: "the unit must be in the
    # caller's aggregate scope"): the README gives the viewer "suppressed aggregates"; for the
    # officers the documents say nothing, nor for the administrator and the dpo (whose README rows
    # list what they reach and not aggregates, the way the intake officer's omits establishments):
    # those rows follow the policy (every one of them in its unit and below). Support and
    # enforcement roles: none (policy; the workers have their clients' lists instead; the
    # indicators.test has the inspector refused). Which records behind a value an aggregate reader
    # sees is not this row's but each record's own read row (INDICATORS).
    "aggregate:read": _only(admin=UNIT, province_officer=UNIT, district_officer=UNIT,
                            commune_officer=UNIT, viewer=UNIT, dpo=UNIT),
    # Reporting rounds and the units' reports (docs/contract.md "Reporting rounds (issue 8)"; README:
    # the viewer reads "reports"): "a round is made, and its reports returned or approved, by the
    # province officer of the round's unit or above (report_round create / update); it is seen by the
    # officers and viewers of its unit and above (report_round read) and by those who read the report
    # of one of the units that must report. A report is read by the officers and viewers of its unit
    # and above (report read) and saved and submitted by the officers of its own unit only (report
    # update); enforcement, support, administration and data-protection roles reach neither". Which
    # rounds and reports an actor reaches is worked out in Run.report_probes (REPORT_ROUNDS).
    "report_round:read": _only(province_officer=UNIT, district_officer=UNIT, commune_officer=UNIT, viewer=UNIT),
    "report_round:create": _only(province_officer=UNIT),
    "report_round:update": _only(province_officer=UNIT),
    "report:read": _only(province_officer=UNIT, district_officer=UNIT, commune_officer=UNIT, viewer=UNIT),
    "report:update": _only(province_officer=OWN, district_officer=OWN, commune_officer=OWN),
    # Yearly plans and their tasks (README.md "Yearly plans": "`yearly_plan` (read: officers of the
    # plan's unit and above, viewers; write: the unit's own officers) and `plan_task` (read: officers
    # of the assignee unit and above, viewers; progress: the assignee unit's own officers);
    # enforcement, support, administration and data-protection roles reach neither"). Which plans
    # and tasks an actor reaches is worked out in Run.yearly_plan_probes (YEARLY_PLANS).
    "yearly_plan:read": _only(province_officer=UNIT, district_officer=UNIT, commune_officer=UNIT, viewer=UNIT),
    "yearly_plan:create": _only(province_officer=OWN, district_officer=OWN, commune_officer=OWN),
    "yearly_plan:update": _only(province_officer=OWN, district_officer=OWN, commune_officer=OWN),
    "plan_task:read": _only(province_officer=UNIT, district_officer=UNIT, commune_officer=UNIT, viewer=UNIT),
    "plan_task:update": _only(province_officer=OWN, district_officer=OWN, commune_officer=OWN),
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
    "provider": "provider:read",
    "aggregate": "aggregate:read",
    "report_round": "report_round:read",
    "report": "report:read",
}
TYPE_READ.update({"yearly_plan": "yearly_plan:read", "plan_task": "plan_task:read"})
# Record paths whose record is of another type than the route's x-access names: a provider is
# changed with code_list:update, but it is read with the peer_group read grant (provider:read
# above; "404 on record paths of a type the role cannot read at all": the type is the provider's)
TYPE_READ_BY_PATH = {
    "/api/providers/{id}": "provider:read",
}

# Record types whose records are assigned to a worker ("another worker's client"): probing them
# needs an "another worker's record" target. The record types among them name their workers in a
# field of kind "accounts" (inspections: `members`), and the run makes such targets for them;
# a route of one of the others fails the run until it has targets.
ASSIGNED_RESOURCES = {"client", "client_contact", "peer_group", "tip", "inspection"}

# Server bugs this matrix found, reported and not fixed yet: (the route they are on, a regular
# expression on a mismatch's kind (a leak's: "LEAK <method> <path>: holds the id|a marker of a
# <collection> record"), the bug). Their mismatches and leaks are counted and printed apart
# ("KNOWN BUG") and do not fail the run; an entry that no longer meets any mismatch while its route
# is served fails it (the bug is gone: remove the entry). Empty the list to see them fail again.
KNOWN_BUGS: list[tuple[tuple[str, str], str, str]] = [
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
    # a reorganisation's files (unit:update, the administrator): a unit file with a wrong header,
    # refused (422 units_csv: header) after the access decision, so nothing is loaded
    ("POST", "/api/units/import"): {"effective": "2025-01-01", "units_csv": "ma,ten\n1,Một\n"},
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
# The provider directory's reads: x-access peer_group:read, probed as provider:read (ORACLE): the
# peer_group rows are the peer groups'
PROVIDER_READ_ROUTES = {("GET", PROVIDERS), ("GET", PROVIDERS + "/{id}")}
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

# Peer groups and their activities (record types of the support world, resource peer_group; see
# ORACLE), probed like the other types assigned to workers, from every actor that reads them as
# well. Targets (make_records, make_peer_groups): groups at the commune 14347 led by the district's
# peer educator (A) and by the commune's (B, "another worker's record" to the first), one at the
# other district 374 (C); an activity of each group facilitated by its leader, and one more of A
# (D) facilitated by the commune's peer educator, who does not lead A. Members (by client code,
# joined on the records' date): A the clients of the district's peer educator (at 369), of the
# commune's and the district's social workers (14347, 14350), each added by its worker, and the
# province peer educator's (at 37), added by the province officer (5 in the district with B's: a
# count T13 shows); B the commune peer educator's, C the province social worker's (at 14530); the
# activities' attendance is their group's members (D's none). Their own routes (docs/contract.md
# "Peer groups, self-help groups and clubs"; src/api/peer_groups_api.cc):
#   GET /api/peer-groups/summary?unit=&year= (T13): the groups, activities and members of the unit
#     asked (default the caller's) and of each unit directly below it; "peer_group read at the
#     guard; the store needs peer_group read at that unit without assignment, or aggregate read:
#     peer educators 403" (and so does anyone asking for a unit out of its own); member counts are
#     client-derived: 1-4 hidden ("<5"), never exactly one hidden cell among a total and its parts
#   GET /api/peer-groups/{id}/members: to whoever reads the group; the member codes (items with
#     client ids and UICs) "only for those who may change the group", the others get `items: []`
#     and the counts with 1-4 as null/"<5"; POST …/members and …/members/{member_id}/end: the
#     group's update right (404 when the group is not read); "the client must be one the caller
#     reads (422 `client_id` `not_found`)"
#   GET|PUT /api/peer-group-activities/{id}/attendance: the activity read (else 404), "for those who
#     may change the group (others who read the activity: 403)"
#   GET /api/clients/{id}/groups (`client:read`): the client's memberships; its subject access
#     lists them too, with the activities it attended
GROUPS, ACTIVITIES = "/api/peer-groups", "/api/peer-group-activities"
ATTENDANCE = ACTIVITIES + "/{id}/attendance"
ATTENDANCE_ROUTES = {("GET", ATTENDANCE), ("PUT", ATTENDANCE)}
# the role of the workers the records of an assigned resource are assigned to (the district's
# account of that role is the targets' assignee, the commune's "another worker")
WORKER_ROLE = {"inspection": "inspector", "peer_group": "peer_educator"}
# Writes refused after the access decision: a client that does not exist (422 client_id
# not_found), a stale membership version (409), a member id that is none of the group's (422)
RECORD_WRITE_BODIES[("POST", GROUPS + "/{id}/members")] = {"client_id": MISSING_ID}
RECORD_WRITE_BODIES[("POST", GROUPS + "/{id}/members/{member_id}/end")] = {"version": 0}
RECORD_WRITE_BODIES[("PUT", ATTENDANCE)] = {"member_ids": ["mx-no-such-member"]}

# Indicators (docs/contract.md "Indicators (issue 7)", docs/plans.md, README "Indicators";
# src/api/indicators_api.cc): the plans of data/plans/*.toml (PLAN_FILES, read here with tomllib:
# the same files the server loads) and their targets T1-T14, evaluated over the facts of the run's
# records for a unit and period.
#   GET /api/plans (signed in): the plans loaded and their targets, as the files define them
#   GET /api/indicators?plan=&unit=&period=&target=&children= (aggregate:read; defaults: the first
#     plan, the caller's unit, this year (at most the plan's last)): "the unit must be in the
#     caller's aggregate scope, else 422 `unit` `out_of_scope`; bad `period` / unknown `plan` /
#     `target`: 422 naming the field"; every target's current value, its trend (the plan's years up
#     to the period, or the quarters / months of its year) and with children=true each unit directly
#     below. Counts only: no record's id (nor marker) in any reply. Each numerator is the one the
#     plan file defines over the run's facts (Run.measure); client-derived targets (T12) publish
#     counts 1-4 as null with "<5", the value and status with them ("primary and secondary rule over
#     the unit and its children": the trend's values under the first rule alone), and no total with
#     its parts has exactly one hidden cell (the statement of analytics::Suppress, as for T13)
#   GET /api/indicators/{target}/records?plan=&unit=&period=&limit=&offset= (aggregate:read; the
#     same unit rule): "the facts the numerator counts (for `units` measures, the facts of the units
#     counted) ... only those the caller may read (`not_shown` counts the others); client-derived
#     targets: 403 `counts_only`"; an unknown target 404 (the route's own). Whether the caller may
#     read a record is the ORACLE's read row of its resource (the leak check holds every reply to
#     it as well): officers their unit's records of the types they read, the administrator, viewer
#     and dpo none at all, and nobody a client. A `distinct` measure counts values: one fact for
#     each value counted (which one, when several share a value, the documents do not say).
# Aggregate readers probe them at the units of INDICATOR_UNITS (in and out of their scope) and at
# a unit that does not exist, for every target of the plan over INDICATOR_PERIODS (and this year:
# every target's values; the records of T8's handled tips and T12; T1 a quarter too), with the defaults, a page, and a bad period,
# plan and target (422 naming the field; the records route's unknown target 404); the others a few,
# refused at the guard (403 on /api/indicators; 404 on the records route, a record path of a type
# they cannot read at all).
INDICATORS, PLAN_LIST = "/api/indicators", "/api/plans"
INDICATOR_RECORDS = INDICATORS + "/{target}/records"
# GET /api/indicators/export?plan=&unit=&period=&tree= (aggregate:read, the same unit rule): the
# values of /api/indicators with children=true as an XLSX workbook (a zip: "PK"); counts only.
INDICATOR_EXPORT = INDICATORS + "/export"
# GET /api/indicators/report (the same rules): a report of them as a Word document (a zip: "PK"),
# or with format=pdf as a PDF.
INDICATOR_REPORT = INDICATORS + "/report"
# GET /api/indicators/dhis2?plan=&unit=&period=&tree=&children=&format=json|adx (the same rules; docs/dhis2.md):
# the values of /api/indicators as a DHIS2 dataValueSets document or an ADX message (tests/api/dhis2_test.py
# checks their content); counts only.
INDICATOR_DHIS2 = INDICATORS + "/dhis2"
PLAN_FILES = os.path.join(REPO_ROOT, "data", "plans")
INDICATOR_UNITS = (PROVINCE, DISTRICT, DISTRICT2, COMMUNE, COMMUNE2)
# the records' year and the whole plan (T10 counts the year of the period's end: none in 2025); T1
# counts communes with an activity in every quarter: only a quarter of the records' year has one
INDICATOR_PERIODS = (RECORD_DATE[:4], "P2021-2025")
INDICATOR_EXTRA_PERIODS = {"T1": (f"{RECORD_DATE[:4]}Q{(int(RECORD_DATE[5:7]) + 2) // 3}",)}
# the targets whose records route is probed for this year too: T8 (the tips handled today) and
# the client-derived ones (the clients are assessed and served today)
THIS_YEAR_TARGETS = {"T8"}
# Optional fields the target records fill so that more targets count them (RecType.target_values):
# trainings completed (T14), district plans implemented and integrated with a programme (T6, T7),
# officials active (T14's denominator)
TARGET_VALUES = {("training-participants", "completed"), ("district-plans", "is_implemented"),
                 ("district-plans", "integrated_with"), ("officials", "is_active")}
# Tips handled on time (T8 counts the tips received in the period and settled by their deadline;
# the target tips stay open): received today by the province's intake officer, verified, classified,
# assigned to an inspector (unit, its role, its unit) and handled by it (make_handled_tips). Not
# targets of the tip routes; their lists and exports show them (run.records), and T8 this year lists
# them to the readers of tips.
HANDLED_TIP_UNITS = ((COMMUNE, "inspector", COMMUNE), (SIBLING, "inspector", DISTRICT),
                     (COMMUNE2, "inspector", PROVINCE))


# Reporting rounds (docs/contract.md "Reporting rounds (issue 8)"; src/api/reporting_api.cc): not a
# record type. The run makes two rounds of the province for the records' year (make_report_rounds),
# one for every district (REPORT_LEVELS "district") and one for every commune, by its province
# officer; the district 369's officer saves its report in the first, the commune 14347's in the
# second, each with a marker of its own as its results (a "report-rounds" record to the leak check,
# read by the report readers of its unit and above). Targets of the report routes: those two
# reports, a unit of each round with nothing saved (374, 14350, 14530: "missing" reports, which the
# readers of the unit still read), a unit that is not the round's (14347 in the districts' round:
# 404 to everyone) and a round that does not exist. Writes in phase 1 send a stale version (409
# when allowed) or, for a round, a due date before the period (422); report_writes does the real
# steps. A round is seen by the readers of rounds at its unit and by the readers of one of its
# units' reports ("a round the caller runs or reports in"); a report's write needs its own unit,
# a return or approval the round's unit (else 403 to a reader of the report, 404 to the others).
REPORT_ROUNDS = "/api/report-rounds"
REPORT = REPORT_ROUNDS + "/{id}/reports/{unit}"
REPORT_LEVELS = ("district", "commune")
REPORT_STALE = 999999
RECORD_WRITE_BODIES[("PUT", REPORT)] = {"version": REPORT_STALE, "results": "MX"}
RECORD_WRITE_BODIES[("POST", REPORT + "/submit")] = {"version": REPORT_STALE}
RECORD_WRITE_BODIES[("POST", REPORT + "/return")] = {"version": REPORT_STALE, "comment": "MX"}
RECORD_WRITE_BODIES[("POST", REPORT + "/approve")] = {"version": REPORT_STALE}
RECORD_WRITE_BODIES[("POST", REPORT + "/unlock")] = {"version": REPORT_STALE, "comment": "MX"}
# A round's consolidated documents (src/api/round_documents_api.cc): made by the round's approver
# ("report_round" update at its unit; a reader of the round otherwise gets 403, others 404), listed
# and read by the readers of rounds at its unit only (a unit that sees the round through its own
# report gets 404). make_report_rounds keeps one XLSX per round to read.
REPORT_DOCUMENTS = REPORT_ROUNDS + "/{id}/documents"
REPORT_DOCUMENT = REPORT_DOCUMENTS + "/{document}"
RECORD_WRITE_BODIES[("POST", REPORT_DOCUMENTS)] = {"format": "xlsx"}
# The DHIS2 import into a round (docs/dhis2.md): the round's approver only ("report_round" update at the
# round's unit; a reader of the round gets 403, others 404); the body's one row names no mapped data
# element, so an allowed import is refused after the access decision (422) and stores nothing. The
# values imported are read as the round is (GET .../dhis2-values).
REPORT_DHIS2 = REPORT_ROUNDS + "/{id}/dhis2"
REPORT_DHIS2_VALUES = REPORT_ROUNDS + "/{id}/dhis2-values"
RECORD_WRITE_BODIES[("POST", REPORT_DHIS2)] = {
    "dataValues": [{"dataElement": "MXnoSuchDe1", "orgUnit": "37", "period": RECORD_DATE[:4], "value": "1"}]}
UNIT_NAMING_CREATES[("POST", REPORT_ROUNDS)] = (
    lambda tree, u, actor=None: {"name": "MX", "kind": "year", "period": RECORD_DATE[:4], "unit": u,
                                 "level": "commune", "due_on": "2001-01-01"}, "unit")

# Yearly plans and their tasks (README.md "Yearly plans"; src/api/yearly_plans_api.cc):
# not a record type. The run makes (make_yearly_plans) the province's plan for the records' year,
# issued, with a task for each of the district 369, the district 374 and the commune 14347, and the
# district 369's own plan, a draft, with a task for its commune 14347; the district's officer
# reports progress on its task. Each task is a "plan_task" record of its assignee unit to the leak
# check (its title a marker), the draft plan a "yearly_plan" record of 369 (its title a marker; the
# province's plan header is shown to the assignees by design, so it has none). A plan is seen by
# the readers of plans at its unit (with every task) and, once issued, by the readers of tasks at
# one of its assignee units (with those tasks only); a plan's writes need its own unit (else 403 to
# a reader, 404 to the rest), a progress report the task's own assignee unit. Writes in phase 1 send a
# stale version (409 when allowed) or, adding a task, an assignee unit that does not exist (422).
YEARLY_PLANS, PLAN_TASKS = "/api/yearly-plans", "/api/plan-tasks"
YP_TASK = YEARLY_PLANS + "/{id}/tasks/{task}"
RECORD_WRITE_BODIES[("PATCH", YEARLY_PLANS + "/{id}")] = {"version": REPORT_STALE, "title": "MX"}
RECORD_WRITE_BODIES[("POST", YEARLY_PLANS + "/{id}/issue")] = {"version": REPORT_STALE}
RECORD_WRITE_BODIES[("POST", YEARLY_PLANS + "/{id}/tasks")] = {
    "title": "MX", "assignee_unit": MISSING_UNIT, "deadline": f"{RECORD_DATE[:4]}-06-30"}
RECORD_WRITE_BODIES[("PATCH", YP_TASK)] = {"version": REPORT_STALE, "title": "MX"}
RECORD_WRITE_BODIES[("POST", YP_TASK + "/progress")] = {"version": REPORT_STALE, "status": "in_progress"}
UNIT_NAMING_CREATES[("POST", YEARLY_PLANS)] = (
    lambda tree, u, actor=None: {"unit": u, "year": 1999, "title": "MX"}, "unit")


def load_plan_files() -> list[dict]:
    """The plans of PLAN_FILES, in file name order, as tomllib reads them."""
    import tomllib
    out = []
    for name in sorted(os.listdir(PLAN_FILES)):
        if name.endswith(".toml"):
            with open(os.path.join(PLAN_FILES, name), "rb") as f:
                out.append(tomllib.load(f))
    return out


def period_span(period: str) -> tuple[str, str] | None:
    """A period id (docs/contract.md: YYYY, YYYYQn, YYYYMM, PYYYY-YYYY) as its first and last day."""
    def last_of_month(y: int, m: int) -> str:
        return (datetime.date(y + m // 12, m % 12 + 1, 1) - datetime.timedelta(days=1)).isoformat()

    if m := re.fullmatch(r"(\d{4})", period):
        y = int(m.group(1))
        return f"{y}-01-01", f"{y}-12-31"
    if m := re.fullmatch(r"(\d{4})Q([1-4])", period):
        y, q = int(m.group(1)), int(m.group(2))
        return f"{y}-{3 * q - 2:02d}-01", last_of_month(y, 3 * q)
    if m := re.fullmatch(r"(\d{4})(0[1-9]|1[0-2])", period):
        y, mo = int(m.group(1)), int(m.group(2))
        return f"{y}-{mo:02d}-01", last_of_month(y, mo)
    if m := re.fullmatch(r"P(\d{4})-(\d{4})", period):
        return f"{m.group(1)}-01-01", f"{m.group(2)}-12-31"
    return None


def trend_periods(period: str, plan: dict) -> list[str]:
    """docs/contract.md: "Value for each year of the plan up to the period (quarters / months of
    its year for a quarter / month)"."""
    first, last = period_span(period)
    y = int(last[:4])
    if re.fullmatch(r"\d{4}Q[1-4]", period):
        return [f"{y}Q{q}" for q in range(1, int(period[-1]) + 1)]
    if re.fullmatch(r"\d{6}", period):
        return [f"{y}{m:02d}" for m in range(1, int(period[4:]) + 1)]
    return [str(x) for x in range(plan["start"].year, min(y, plan["end"].year) + 1)]


@dataclass
class Fact:
    """What a plan counts (docs/plans.md "A measure"): a record of the run as a fact of its type."""
    rec: "MadeRecord"
    type: str
    unit: str
    date: str
    values: dict


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
    expect: str           # allowed, denied, refused (403 after the access decision), out_of_scope, missing,
    #                       unauth, invalid (the error `want` names)
    resp: Response | None = None
    check: Callable[[Response], str | None] | None = None  # of an allowed 2xx reply, instead of the usual
    # expect "invalid": (status, field, code): a 422 naming the field with that code, or (field None)
    # an error of that machine code
    want: tuple[int, str | None, str] | None = None


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
    type_id: str = ""              # communication_activity: the fact type of the plans (docs/plans.md)

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

    def target_values(self) -> dict[str, Any]:
        """The optional fields TARGET_VALUES fills in the target records: a flag true, a code list
        field its first code."""
        out: dict[str, Any] = {}
        for f in self.fields:
            if (self.path, f["name"]) not in TARGET_VALUES:
                continue
            if f["kind"] == "boolean":
                out[f["name"]] = True
            elif f["kind"] == "codes":
                out[f["name"]] = self.codes[f["code_list"]][:1]
            else:
                raise HarnessError(f"{self.path}.{f['name']}: TARGET_VALUES fills flags and code lists only")
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
                "recorded_by",  # who recorded a client's consent, assessment, referral, incident
                "submitted_by", "returned_by", "approved_by"}  # the steps of a unit's report
ACTOR_FIELDS |= {"issued_by", "reported_by"}  # who issued a yearly plan, who reported a task's progress

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
        # resource -> (the district's worker, the commune's) of its WORKER_ROLE
        self.workers: dict[str, tuple[TestAccount, TestAccount]] = {}
        self.never: list[str] = []   # markers no reply may hold (a UIC's answers, an erased UIC)
        self.today: str | None = None  # the server's date (a client's default registered_on)
        self.plans: list[dict] = load_plan_files()  # the plans the server loads (PLAN_FILES)
        self.measured: dict[tuple, tuple[int, list[list[Fact]]]] = {}  # Run.measure's
        # what the indicator checks met: records listed behind values, records not shown, hidden
        # client-derived counts (none of one: the check is blind)
        self.indicator_seen = {"listed": 0, "not_shown": 0, "hidden": 0}
        # the reporting rounds the run made (make_report_rounds): id, unit, units, the units probed
        # (targets) and the saved reports' results by unit
        self.report_rounds: list[dict] = []
        # the yearly plans the run made (make_yearly_plans): id, unit, status, tasks [{id, unit}]
        self.yearly_plans: list[dict] = []

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
        if scope == OWN:
            return actor.unit == unit
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

    def refs_for(self, pt: RecType, unit: str, assignees: list[str] | None = None) -> dict[str, str]:
        """Values for `pt`'s reference fields of a record at `unit`: a target record of the
        referred type at that unit, else below it, else (never for the targets) any. With
        `assignees` (a record assigned to workers), one naming them all is preferred (an
        activity's facilitators lead its group: a peer educator refers only to its own groups)."""
        out = {}
        with self.lock:
            records = [r for r in self.records if r.id in self.target_ids and not r.deleted]
        for name in pt.ref_fields():
            cands = [r for r in records if r.path == pt.refs[name]]
            theirs = [r for r in cands if assignees and set(assignees) <= set(r.assignees)]
            best = ([r for r in theirs if r.unit == unit] or
                    [r for r in theirs if self.tree.contains(unit, r.unit)] or
                    [r for r in cands if r.unit == unit] or
                    [r for r in cands if self.tree.contains(unit, r.unit)] or cands)
            if best:
                out[name] = best[0].id
        return out

    def worker_pair(self, resource: str) -> tuple[TestAccount, TestAccount]:
        """The workers a resource's target records are assigned to: the district's (the
        targets') and the commune's ("another worker")."""
        if resource not in self.workers:
            raise HarnessError(f"records of {resource} are assigned to workers: add its role to WORKER_ROLE")
        return self.workers[resource]

    def groups_of_client(self, client: MadeRecord) -> list[MadeRecord]:
        with self.lock:
            return [g for g in self.records if g.path == GROUPS.removeprefix("/api/") and
                    any(x["client"] is client for x in g.info.get("members", []))]

    def attended_by(self, client: MadeRecord) -> list[MadeRecord]:
        """The activities whose attendance holds one of the client's memberships."""
        mine = set(client.info.get("memberships", []))
        with self.lock:
            return [a for a in self.records if a.path == ACTIVITIES.removeprefix("/api/") and
                    mine & set(a.info.get("attendance", []))]

    def record_by_id(self, rid: str) -> MadeRecord | None:
        with self.lock:
            return next((r for r in self.records if r.id == rid), None)

    def group_of(self, rec: MadeRecord | None) -> MadeRecord | None:
        """A peer group record itself, or the group a group activity refers to."""
        if rec is None:
            return None
        if rec.path == GROUPS.removeprefix("/api/"):
            return rec
        return self.record_by_id(rec.refs[0]) if rec.refs else None

    def runs_group(self, actor: Actor, group: MadeRecord | None) -> bool:
        """Whoever may change a group runs it (docs/contract.md: "its leaders, social workers and
        province officers of its unit"): its members' codes are theirs to see, its activities'
        attendance theirs to read and record."""
        return group is not None and actor.acct is not None and \
            self.in_scope(actor, "peer_group:update", group.unit, group.assignees)

    def member_codes_shown(self, probe: "Probe") -> set[str]:
        """What a reply on a group's members or an activity's attendance shows by design to those
        who run the group: its members' client ids, codes (UIC) and membership ids. A client's
        memberships (`GET /api/clients/{id}/groups`; in its subject access with the activities it
        attended: docs/contract.md) are the client's own data: they name its groups (and there
        the activities) to whoever reads the client, also those the reader does not read (noted)."""
        url_path = urllib.parse.urlsplit(probe.url).path
        m = re.match(r"^/api/clients/([^/?]+)/(groups|subject-access)$", url_path)
        if m:
            client = self.record_by_id(m.group(1))
            if client is None or not self.in_scope(probe.actor, "client:read", client.unit, client.assignees):
                return set()
            shown = self.groups_of_client(client)
            if m.group(2) == "subject-access":
                shown += self.attended_by(client)
            unread = [r for r in shown if not self.in_scope(probe.actor, "peer_group:read", r.unit, r.assignees)]
            note = f"GET /api/clients/{{id}}/{m.group(2)}"
            if unread and not self.notes_have(note):
                with self.lock:
                    self.notes.append(f"{note} names to a reader of the client the groups it belongs to"
                                      + (" and the activities it attended" if m.group(2) != "groups" else "")
                                      + f", also those the reader does not read (e.g. {probe.actor.role}@"
                                      f"{probe.actor.unit}, a {unread[0].path} record at {unread[0].unit}): "
                                      "the client's own data (docs/contract.md)")
            return {r.id for r in shown}
        m = re.match(r"^/api/(peer-groups|peer-group-activities)/([^/?]+)/(members|attendance)", url_path)
        if not m:
            return set()
        group = self.group_of(self.record_by_id(m.group(2)))
        if not self.runs_group(probe.actor, group):
            return set()
        out: set[str] = set()
        for mem in group.info.get("members", []):
            out |= {mem["id"], mem["client"].id, mem["client"].info["uic"]}
        return out

    def leak(self, msg: str, kind: str) -> None:
        """A leak; one that a KNOWN_BUGS entry describes is counted apart (see mismatch)."""
        known = next((i for i, (_, pattern, _) in enumerate(KNOWN_BUGS) if re.search(pattern, kind)), None)
        with self.lock:
            if known is not None:
                self.known[known] = self.known.get(known, 0) + 1
            else:
                self.leaks.append(msg)

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
        deleted; the markers of Run.never in no reply at all. A group's members (client ids, UICs,
        membership ids) are shown by design to those who run the group, and a client's groups
        (and attended activities) to its readers (Run.member_codes_shown). A leak that KNOWN_BUGS
        describes is counted apart. `POST /api/uic` answers with the UIC
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
        shown_by_design = self.member_codes_shown(probe)
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
                if t in shown_by_design:
                    continue
                self.leak(f"{actor.role}@{actor.unit} {probe.method} {probe.url} -> {resp.status}: "
                          f"holds {t} of the {r.path} record {r.id} of unit {r.unit}",
                          f"LEAK {probe.method} {probe.path}: holds "
                          f"{'the id' if t == r.id else 'a marker'} of a {r.path} record")

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
        if e == "invalid":
            status, fld, code = probe.want
            got = f"{s} {self.error_code(resp)} {sorted(self.field_codes(resp))}"
            if s != status:
                return f"got {got} (want {status} {fld or ''} {code})"
            if fld is not None and (fld, code) not in self.field_codes(resp):
                return f"got {got} (want field {fld} {code})"
            if fld is None and self.error_code(resp) != code:
                return f"got {got} (want code {code})"
            return None
        if e == "denied":
            want = self.denied_status(probe)
            if s != want:
                return f"got {s} (want {want})"
            if want == 403 and self.error_code(resp) != "forbidden":
                return f"got code {self.error_code(resp)} (want forbidden)"
            return None
        if e == "refused":
            # the role may do the action, this record or unit is not for it (a rule after the
            # access decision): 403 forbidden
            if s != 403 or self.error_code(resp) != "forbidden":
                return f"got {s} {self.error_code(resp)} (want 403 forbidden)"
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
        if probe.kind == "record" and probe.path == GROUPS + "/{id}/members" and probe.target.record:
            return self.check_members(probe, resp)
        if probe.kind == "record" and probe.path == ATTENDANCE and probe.target.record:
            want = sorted(probe.target.record.info.get("attendance", []))
            got = sorted(i.get("id") for i in body_items(resp))
            return None if got == want else f"attendance {got} (want {want})"
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
        if probe.path == REPORT_DOCUMENT:
            if not resp.body.startswith(b"PK"):
                return f"got {len(resp.body)} bytes ({resp.header('Content-Type')}), not the XLSX kept"
            return None if "attachment" in (resp.header("Content-Disposition") or "") else \
                f"Content-Disposition {resp.header('Content-Disposition')!r} (want an attachment)"
        if probe.path == TIPS + "/{id}/denouncer" and probe.target and probe.target.record:
            want = probe.target.record.secret
            try:
                got = resp.json().get("name")
            except Exception:
                return "reply is not JSON"
            return None if got == want else f"denouncer {got!r} (want {want!r})"
        if probe.path == "/api/notifications":
            # the caller's open tips, those assigned to it (the tips the run made are open but
            # those handled for T8: make_handled_tips)
            want = sorted(r.id for r in self.readable_records(probe.actor, TIPS.removeprefix("/api/"))
                          if not r.deleted and not r.info.get("handled") and probe.actor.acct and
                          probe.actor.acct.id in r.assignees)
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
        if probe.path == "/api/unit-accounts":
            # accounts of units closed by a reorganisation (account:read, within the administrator's
            # unit): the run closes no unit, so none, and no account is named
            return None if body.get("items") == [] and body.get("total") == 0 else \
                f"accounts of closed units {body.get('items')!r:.300} (the run closes no unit)"
        if probe.path == "/api/unit-versions":
            # the versions of the tree (unit:read): every signed-in role reads the same list
            items = body.get("items")
            if not items or any(set(v) != {"from", "to", "levels"} or
                                set(v["levels"]) != {"province", "district", "commune"} for v in items):
                return f"versions {items!r:.300}"
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
        if sub == "/groups":
            err = same_list("memberships", doc.get("items"))
            if err:
                return err
            bad = [i for i in doc.get("items") or [] if i.get("client_id") != rec.id or i.get("uic") != info["uic"]]
            return f"memberships of another client: {bad}" if bad else None
        if sub == "/contact":
            want = info["contact"]
            got = {k: doc.get(k) for k in want}
            return None if got == want else f"contact {got} (want {want})"
        if sub == "/subject-access":
            if (doc.get("client") or {}).get("id") != rec.id:
                return f"subject access of another client: {(doc.get('client') or {}).get('id')}"
            for name in ("consents", "assessments", "referrals", "incidents", "memberships"):
                err = same_list(name, doc.get(name))
                if err:
                    return err
            attended, want = sorted(doc.get("attended_activities") or []), sorted(a.id for a in self.attended_by(rec))
            if attended != want:
                return f"attended_activities {attended} (want {want})"
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

    # ---- peer groups ---------------------------------------------------------------------

    def summary_probes(self, actor: Actor, method: str, path: str, access: str) -> list[Probe]:
        """`GET /api/peer-groups/summary` for the caller's unit (this year and the records' year)
        and for the province, the districts and the commune (the records' year): allowed when the
        caller reads every group of the unit asked (peer_group:read in its unit and below), else
        403 forbidden (the guard for the roles that read no group; the store for the others)."""
        year, this_year = int(RECORD_DATE[:4]), int((self.today or RECORD_DATE)[:4])
        cases = [(path, actor.unit, this_year), (path + f"?year={year}", actor.unit, year)]
        cases += [(path + f"?unit={u}&year={year}", u, year) for u in (PROVINCE, DISTRICT, DISTRICT2, COMMUNE)]
        out = []
        for url, unit, y in cases:
            expect = self.expectation(actor, access, "list", None)
            if expect == "allowed" and (self.scope_of(actor.role, access) not in (UNIT, ALL) or
                                        not self.tree.contains(actor.unit, unit)):
                expect = "refused"
            p = Probe(actor, method, path, access, url, None, None, "list", expect)
            p.check = (lambda resp, unit=unit, y=y: self.check_t13(resp, unit, y))
            out.append(p)
        return out

    def check_t13(self, resp: Response, unit: str, year: int) -> str | None:
        """T13 of `unit` in `year`: a total row and one row for each unit directly below it; the
        target groups existing in the year (founded by its end, not dissolved before it) of the
        unit and below, in the row of the unit below that holds them (a group of the unit itself
        in the total only), those with an activity in the year, the activities and what they
        counted, and the clients who were members in the year. Member counts are client-derived
        (the documents' rule, as for T12): 1-4 null and "<5", any other count shown exactly or
        hidden so that no total with its parts has exactly one hidden cell (analytics::Suppress's
        statement of the rule; a total without parts is under the first rule only)."""
        first, last = f"{year}-01-01", f"{year}-12-31"
        children = sorted(c for c, p in self.tree.parent.items() if p == unit)
        counted = ("activities", "participants", "condoms", "lubricant", "leaflets", "referrals_made")
        rows = {u: {"groups": 0, "active_groups": 0, **{k: 0 for k in counted}} for u in [unit] + children}
        members: dict[str, set[str]] = {u: set() for u in rows}
        with self.lock:
            records = [r for r in self.records if r.id in self.target_ids and not r.deleted]

        def row_of(u: str) -> str | None:
            return next((c for c in children if self.tree.contains(c, u)), None)

        groups = {}
        for g in records:
            v = g.info.get("values", {})
            if g.path != GROUPS.removeprefix("/api/") or not self.tree.contains(unit, g.unit) or \
                    v.get("date", "") > last or (v.get("ended_on") or "9999") < first:
                continue
            groups[g.id] = g
            for mem in g.info.get("members", []):
                if mem["joined_on"] <= last and (mem["left_on"] or "9999") >= first:
                    for u in {unit, row_of(g.unit)} - {None}:
                        members[u].add(mem["client"].id)
        active = set()
        for a in records:
            v = a.info.get("values", {})
            if a.path != ACTIVITIES.removeprefix("/api/") or not a.refs or a.refs[0] not in groups or \
                    not first <= v.get("date", "") <= last:
                continue
            active.add(a.refs[0])
            for u in {unit, row_of(groups[a.refs[0]].unit)} - {None}:
                rows[u]["activities"] += 1
                for k in counted[1:]:
                    rows[u][k] += int(v.get(k) or 0)
        for g in groups.values():
            for u in {unit, row_of(g.unit)} - {None}:
                rows[u]["groups"] += 1
                rows[u]["active_groups"] += g.id in active
        doc = resp.json()
        got_rows = [doc.get("total") or {}] + list(doc.get("items") or [])
        if doc.get("year") != year or got_rows[0].get("unit") != unit or \
                sorted(r.get("unit") for r in got_rows[1:]) != children:
            return (f"T13 of year {doc.get('year')}, unit {got_rows[0].get('unit')}, rows "
                    f"{sorted(r.get('unit') for r in got_rows[1:])} (want {year}, {unit}, {children})")
        hidden = 0
        for r in got_rows:
            u = r.get("unit")
            want = rows[u]
            got = {k: r.get(k) for k in want}
            if got != want:
                return f"T13 {year} row {u}: {got} (want {want})"
            n = len(members[u])
            if r.get("members") is None:
                hidden += 1
                if r.get("members_shown") != "<5":
                    return f"T13 {year} row {u}: members hidden, shown {r.get('members_shown')!r} (want '<5')"
            elif 1 <= n <= 4 or r.get("members") != n or r.get("members_shown") != str(n):
                return (f"T13 {year} row {u}: members {r.get('members')} shown {r.get('members_shown')!r} "
                        f"(want {n}, hidden when 1-4)")
        if hidden == 1 and children:  # a total without parts gives nothing away by subtraction
            return f"T13 {year} of {unit}: exactly one member count hidden among the total and its parts"
        if hidden and not any(1 <= len(m) <= 4 for m in members.values()):
            return f"T13 {year} of {unit}: {hidden} member counts hidden, none of them 1-4"
        return None

    def check_members(self, probe: Probe, resp: Response) -> str | None:
        """`GET /api/peer-groups/{id}/members`: to those who run the group (Run.runs_group) every
        membership with its client and code, and the counts (members today; clients ever); to the
        others no item, and the counts with 1-4 hidden ("<5")."""
        group, doc = probe.target.record, resp.json()
        mems = group.info.get("members", [])
        today = self.today or RECORD_DATE
        counts = {"current": sum(1 for m in mems if m["joined_on"] <= today and (m["left_on"] or "9999") >= today),
                  "ever": len({m["client"].id for m in mems})}
        runs = self.runs_group(probe.actor, group)
        if doc.get("shows_codes") is not runs:
            return f"shows_codes {doc.get('shows_codes')} (want {runs})"
        items = doc.get("items") or []
        if runs:
            want = sorted((m["id"], m["client"].id, m["client"].info["uic"]) for m in mems)
            got = sorted((i.get("id"), i.get("client_id"), i.get("uic")) for i in items)
            if got != want:
                return f"members {got} (want {want})"
        elif items:
            return f"{len(items)} members listed to a reader who does not run the group"
        for k, n in counts.items():
            hide = not runs and 1 <= n <= 4
            want = (None if hide else n, "<5" if hide else str(n))
            if (doc.get(k), doc.get(k + "_shown")) != want:
                return f"{k} {doc.get(k)!r} shown {doc.get(k + '_shown')!r} (want {want[0]!r}, {want[1]!r})"
        return None

    # ---- indicators ------------------------------------------------------------------------

    def facts(self) -> list[Fact]:
        """The run's records as facts (docs/plans.md "A measure"): every record of a record type (of
        its type id), the tips ("tip": `settled`, `on_time`, `establishment`), and of the target
        clients "client_eligible" (assessed today as needing and eligible for a service) and
        "client_served" (a referral for it received today)."""
        with self.lock:
            records = [r for r in self.records if not r.deleted]
        out = []
        for r in records:
            values = r.info.get("values")
            if r.path in self.rtypes and values is not None:
                out.append(Fact(r, self.rtypes[r.path].type_id, r.unit, values.get("date") or RECORD_DATE, values))
            elif r.path == TIPS.removeprefix("/api/") and values is not None:
                out.append(Fact(r, "tip", r.unit, values["date"], values))
            elif r.path == "clients" and r.info.get("eligible") and not r.info.get("erased"):
                out.append(Fact(r, "client_eligible", r.unit, self.today, {"client": r.id}))
                if r.info.get("received"):
                    out.append(Fact(r, "client_served", r.unit, self.today, {"client": r.id}))
        return out

    def measure(self, plan: dict, m: dict, unit: str, period: str) -> tuple[int, list[list[Fact]]]:
        """The value of the measure `m` (a numerator or denominator of the plan file, docs/plans.md)
        over the run's facts of `unit` and below for `period`, and the facts behind it as groups of
        which the records route lists one each: every fact a group of its own, but for a `distinct`
        measure, whose groups are the facts of one value counted. Kept while the records stay as
        they are (the probes of phase 1 change none)."""
        with self.lock:
            state = (len(self.records), sum(1 for r in self.records if r.deleted))
            key = (plan["id"], id(m), unit, period, state)
            if key in self.measured:
                return self.measured[key]
        out = self._measure(plan, m, unit, period)
        with self.lock:
            self.measured[key] = out
        return out

    def _measure(self, plan: dict, m: dict, unit: str, period: str) -> tuple[int, list[list[Fact]]]:
        first, last = period_span(period)
        as_of = min(last, self.today or RECORD_DATE)
        kind = m["measure"]

        def months(a: str, b: str) -> list[tuple[int, int]]:
            out, y, mo = [], int(a[:4]), int(a[5:7])
            while (y, mo) <= (int(b[:4]), int(b[5:7])):
                out.append((y, mo))
                y, mo = (y + 1, 1) if mo == 12 else (y, mo + 1)
            return out

        if kind == "months":
            return (len(months(first, as_of)) if as_of >= first else 0), []
        span = m.get("span", "period")
        window = {"period": (first, last), "year": (f"{last[:4]}-01-01", f"{last[:4]}-12-31"),
                  "plan_to_date": (str(plan["start"]), last), "existing": ("1900-01-01", last),
                  "all": None}[span]
        variables = {"$year": last[:4], "$start": first, "$end": last, "$asof": as_of}

        def text(v: Any) -> str:
            if isinstance(v, bool):
                return "true" if v else "false"
            if v is None or isinstance(v, (list, dict)):
                return ""
            return str(v)

        def resolve(v: Any) -> str:
            return variables.get(v, v) if isinstance(v, str) else text(v)

        def holds(f: Fact, name: str, want: Any) -> bool:
            v = f.unit if name == "unit" else f.date if name == "date" else f.values.get(name)
            t = text(v)
            if isinstance(want, dict):
                if len(want) != 1:
                    raise HarnessError(f"a condition of the plan the matrix cannot read: {name} = {want}")
                (op, arg), = want.items()
                if op == "present":
                    return (bool(v) if isinstance(v, list) else t != "") == bool(arg)
                if op == "has_any":
                    return isinstance(v, list) and bool(v) and (arg is True or bool(set(v) & set(arg)))
                if op in ("before", "on_or_after"):
                    bound = resolve(arg.isoformat() if isinstance(arg, datetime.date) else arg)
                    return t != "" and (t < bound if op == "before" else t >= bound)
                raise HarnessError(f"a condition of the plan the matrix cannot read: {name} = {want}")
            if isinstance(want, list):
                return t in [text(x) for x in want]
            return t != "" and t == resolve(want)

        def matches(f: Fact) -> bool:
            if not all(holds(f, k, v) for k, v in m.get("where", {}).items()):
                return False
            any_of = m.get("where_any", [])
            return not any_of or any(all(holds(f, k, v) for k, v in conj.items()) for conj in any_of)

        facts = []
        for f in self.facts():
            if f.type != m.get("of") or not self.tree.contains(unit, f.unit):
                continue
            if window is not None and not window[0] <= f.date <= window[1]:
                continue
            if span == "existing" and "" < text(f.values.get(m.get("until", ""))) < first:
                continue
            if matches(f):
                facts.append(f)
        if kind == "count":
            return len(facts), [[f] for f in facts]
        if kind == "sum":
            fs = [f for f in facts if isinstance(f.values.get(m["field"]), int) and
                  not isinstance(f.values.get(m["field"]), bool)]
            return sum(f.values[m["field"]] for f in fs), [[f] for f in fs]
        if kind == "distinct":
            only = None
            if m.get("within_denominator"):
                # "a distinct numerator counts only values the (distinct) denominator counts"
                den = next(t["denominator"] for t in plan["targets"] if t.get("numerator") is m)
                only = {f.unit if den["field"] == "unit" else text(f.values.get(den["field"]))
                        for g in self.measure(plan, den, unit, period)[1] for f in g}
            groups: dict[str, list[Fact]] = {}
            for f in facts:
                v = f.unit if m["field"] == "unit" else text(f.values.get(m["field"]))
                if v and (only is None or v in only):
                    groups.setdefault(v, []).append(f)
            return len(groups), list(groups.values())
        if kind == "months_with":
            kept = [f for f in facts if f.date <= as_of]
            per_month: dict[str, int] = {}
            for f in kept:
                per_month[f.date[:7]] = per_month.get(f.date[:7], 0) + 1
            return sum(1 for n in per_month.values() if n >= m.get("min_count", 1)), [[f] for f in kept]
        if kind == "units":
            level = m["level"]
            units = {u for u, lv in self.tree.level.items() if lv == level and self.tree.contains(unit, u)}
            if not m.get("of"):
                return len(units), []

            def owner(u: str) -> str | None:
                return next((x for x in [u] + self.tree.ancestors(u) if self.tree.level.get(x) == level and
                             x in units), None)

            each = m.get("each", "")
            kept: dict[str, list[Fact]] = {}
            for f in facts:
                o = owner(f.unit)
                if o is None or (each and f.date > as_of):
                    continue
                kept.setdefault(o, []).append(f)

            def bucket(d: str) -> Any:
                y, mo = int(d[:4]), int(d[5:7])
                return (y, mo) if each == "month" else (y, (mo - 1) // 3) if each == "quarter" else 0

            if each and as_of < first:
                needed = []
            elif each:
                needed = sorted({bucket(f"{y}-{mo:02d}-01") for y, mo in months(first, as_of)})
            else:
                needed = [0]
            min_count = m.get("min_count", 1)
            counted = [o for o, fs in kept.items() if needed and
                       all(sum(1 for f in fs if bucket(f.date) == b) >= min_count for b in needed)]
            return len(counted), [[f] for o in counted for f in kept[o]]
        raise HarnessError(f"a measure the matrix cannot evaluate: {m}")

    def reads_fact(self, actor: Actor, f: Fact) -> bool:
        """Whether the actor may read the record behind a fact (the ORACLE's read row of its
        resource; a client's facts are counts only)."""
        return self.in_scope(actor, f"{f.rec.resource}:read", f.unit, f.rec.assignees)

    def indicator_expectation(self, actor: Actor, access: str, unit: str,
                              want: tuple[int, str | None, str] | None) -> tuple[str, Any]:
        """The guard's answer (anonymous 401, no aggregate grant 403), then a unit that does not
        exist (422 `unit` `not_found`, docs/contract.md "Indicators"), then the unit out of the
        caller's aggregate scope (422 `unit` `out_of_scope`), then `want` (an error of the query),
        else allowed."""
        base = self.expectation(actor, access, "list", None)
        if base != "allowed":
            return base, None
        if unit not in self.tree.level:
            return "invalid", (422, "unit", "not_found")
        if not self.in_scope(actor, access, unit):
            return "invalid", (422, "unit", "out_of_scope")
        if want is not None:
            return "invalid", want
        return "allowed", None

    def indicator_probes(self, actor: Actor, method: str, path: str, access: str) -> list[Probe] | None:
        """The probes of GET /api/plans, /api/indicators and /api/indicators/{target}/records (None:
        not one of them). An actor without aggregate read (or anonymous) gets a few: the guard
        refuses it whatever the query."""
        if (method, path) == ("GET", PLAN_LIST):
            return [Probe(actor, method, path, access, path, None, None, "plain",
                          self.expectation(actor, access, "plain", None), check=self.check_plans)]
        if (method, path) not in (("GET", INDICATORS), ("GET", INDICATOR_RECORDS), ("GET", INDICATOR_EXPORT),
                                  ("GET", INDICATOR_REPORT), ("GET", INDICATOR_DHIS2)):
            return None
        plan = self.plans[0]  # the server's default: the first plan
        today = self.today or RECORD_DATE
        pid, this_year = plan["id"], today[:4]
        default_period = str(min(int(this_year), plan["end"].year))
        own = actor.unit if actor.acct else PROVINCE
        few = self.expectation(actor, access, "list", None) != "allowed"
        out: list[Probe] = []

        # /api/indicators/{target}/records names a target of the aggregates: a record path to the
        # documents' rule ("404 on record paths of a type the role cannot read at all")
        kind = "record" if path == INDICATOR_RECORDS else "list"

        def add(url: str, unit: str, check: Callable[[Response], str | None] | None = None,
                want: tuple[int, str | None, str] | None = None) -> None:
            label = self.tree.relation(own, unit) if unit in self.tree.level else "missing"
            t = Target(label if actor.acct else "-", {"unit": unit}, unit if unit in self.tree.level else None)
            expect, w = self.indicator_expectation(actor, access, unit, want)
            out.append(Probe(actor, method, path, access, url, None, t, kind, expect,
                             check=check if expect == "allowed" else None, want=w))

        def q(base: str, **params: str) -> str:
            return base + "?" + urllib.parse.urlencode(params)

        if path in (INDICATOR_EXPORT, INDICATOR_REPORT, INDICATOR_DHIS2):
            def workbook(resp: Response) -> str | None:
                kind = resp.header("Content-Type") or ""
                if path == INDICATOR_DHIS2:
                    if kind.startswith("application/adx+xml"):
                        return None if b"urn:ihe:qrph:adx:2015" in resp.body else "not an ADX message"
                    return None if kind.startswith("application/json") and "dataValues" in resp.json() \
                        else f"not a dataValueSets document ({kind})"
                want = "spreadsheetml" if path == INDICATOR_EXPORT else "wordprocessingml"
                if not resp.body.startswith(b"PK") or want not in kind:
                    return f"not an Office document ({kind}, {resp.body[:8]!r}; want {want})"
                return None

            add(path, own, workbook)
            if few:
                add(q(path, plan=pid, unit=DISTRICT, period=RECORD_DATE[:4]), DISTRICT)
                return out
            for u in INDICATOR_UNITS:
                add(q(path, plan=pid, unit=u, period=RECORD_DATE[:4]), u, workbook)
                if path == INDICATOR_DHIS2:
                    add(q(path, plan=pid, unit=u, period=RECORD_DATE[:4], children="true", format="adx"), u, workbook)
            add(q(path, plan=pid, unit=MISSING_UNIT, period=RECORD_DATE[:4]), MISSING_UNIT)
            add(q(path, unit=own, period=RECORD_DATE[:4] + "Q5"), own, want=(422, "period", "invalid_value"))
            add(q(path, unit=own, tree="not-a-day"), own, want=(422, "tree", "invalid_value"))
            if path == INDICATOR_REPORT:  # the same report as a PDF (format=pdf); another format a 422
                def pdf(resp: Response) -> str | None:
                    kind = resp.header("Content-Type") or ""
                    return None if resp.body.startswith(b"%PDF-") and kind == "application/pdf" else \
                        f"not a PDF ({kind}, {resp.body[:8]!r})"

                add(q(path, unit=own, period=RECORD_DATE[:4], format="pdf"), own, pdf)
                add(q(path, unit=own, format="odt"), own, want=(422, "format", "invalid_value"))
            return out

        if path == INDICATORS:
            def check(unit: str, period: str, target: str | None = None, children: bool = False) -> Callable:
                return lambda resp: self.check_indicators(resp, plan, unit, period, target, children)

            add(path, own, check(own, default_period))
            if few:
                add(q(path, plan=pid, unit=DISTRICT, period=RECORD_DATE[:4]), DISTRICT)
                return out
            client_targets = [t["id"] for t in plan["targets"] if t.get("client_derived")]
            for u in INDICATOR_UNITS:
                add(q(path, plan=pid, unit=u, period=RECORD_DATE[:4], children="true"), u,
                    check(u, RECORD_DATE[:4], children=True))
                add(q(path, plan=pid, unit=u, period="P2021-2025"), u, check(u, "P2021-2025"))
                add(q(path, plan=pid, unit=u, period=this_year, children="true"), u,
                    check(u, this_year, children=True))
                for tid in client_targets:
                    add(q(path, plan=pid, unit=u, period=this_year, target=tid), u, check(u, this_year, tid))
            add(q(path, plan=pid, unit=MISSING_UNIT, period=RECORD_DATE[:4]), MISSING_UNIT)
            # the caller's unit by default; this year's quarter and month of today
            quarter, month = f"{this_year}Q{(int(today[5:7]) + 2) // 3}", today[:4] + today[5:7]
            for tid in client_targets + ["T8"]:
                add(q(path, period=quarter, target=tid, children="true"), own, check(own, quarter, tid, True))
                add(q(path, period=month, target=tid), own, check(own, month, tid))
            add(q(path, unit=own, period=RECORD_DATE[:4] + "Q5"), own, want=(422, "period", "invalid_value"))
            add(q(path, plan="mx-no-such-plan", unit=own), own, want=(422, "plan", "not_found"))
            add(q(path, plan=pid, unit=own, target="T99"), own, want=(422, "target", "not_found"))
            return out

        def rcheck(t: dict, unit: str, period: str, limit: int = 1000, offset: int = 0) -> Callable:
            return lambda resp: self.check_indicator_records(actor, resp, plan, t, unit, period, limit, offset)

        base = INDICATORS + "/{}/records"
        for t in plan["targets"]:
            if few and t["id"] not in ("T10", "T12"):
                continue
            want = (403, None, "counts_only") if t.get("client_derived") else None
            periods = INDICATOR_PERIODS + INDICATOR_EXTRA_PERIODS.get(t["id"], ()) + \
                ((this_year,) if t["id"] in THIS_YEAR_TARGETS or t.get("client_derived") else ())
            for u in ((DISTRICT,) if few else INDICATOR_UNITS):
                for period in (periods[:1] if few else periods):
                    add(q(base.format(t["id"]), plan=pid, unit=u, period=period, limit="1000"), u,
                        rcheck(t, u, period), want)
        if few:
            return out
        by_id = {t["id"]: t for t in plan["targets"]}
        if "T1" in by_id:  # a page: the second of T1's records (three communes' activities at the province)
            q2 = INDICATOR_EXTRA_PERIODS["T1"][0]
            add(q(base.format("T1"), plan=pid, unit=own, period=q2, limit="1", offset="1"), own,
                rcheck(by_id["T1"], own, q2, 1, 1))
        if "T10b" in by_id:  # the defaults: the first plan, the caller's unit, this year (at most the plan's last)
            add(base.format("T10b"), own, rcheck(by_id["T10b"], own, default_period, 100))
        add(q(base.format("T10"), plan=pid, unit=MISSING_UNIT, period=RECORD_DATE[:4]), MISSING_UNIT)
        add(q(base.format("T99"), plan=pid, unit=own), own, want=(404, None, "not_found"))
        add(q(base.format("T10"), unit=own, period=RECORD_DATE[:4] + "13"), own, want=(422, "period", "invalid_value"))
        add(q(base.format("T10"), plan="mx-no-such-plan", unit=own), own, want=(422, "plan", "not_found"))
        return out

    def check_plans(self, resp: Response) -> str | None:
        """`GET /api/plans`: the plans of PLAN_FILES and their targets as the files define them."""
        got = {p.get("id"): p for p in body_items(resp)}
        if sorted(got) != sorted(p["id"] for p in self.plans):
            return f"plans {sorted(got)} (want {sorted(p['id'] for p in self.plans)})"
        for want in self.plans:
            p = got[want["id"]]
            head = {"name_vi": want["name_vi"], "name_en": want["name_en"], "start": str(want["start"]),
                    "end": str(want["end"]), "units": list(want["units"])}
            if {k: p.get(k) for k in head} != head:
                return f"plan {want['id']}: {({k: p.get(k) for k in head})} (want {head})"
            ids = [t.get("id") for t in p.get("targets") or []]
            if ids != [t["id"] for t in want["targets"]]:
                return f"plan {want['id']}: targets {ids} (want {[t['id'] for t in want['targets']]})"
            for t, g in zip(want["targets"], p["targets"]):
                wt = {"name_vi": t["name_vi"], "name_en": t["name_en"], "level": t["level"], "period": t["period"],
                      "value": t["value"], "comparison": t["comparison"], "target": float(t["target"]),
                      "target_max": float(t["target_max"]) if "target_max" in t else None,
                      "is_client_derived": bool(t.get("client_derived")),
                      "goal_at_plan_end": bool(t.get("goal_at_plan_end")),
                      "note_vi": t.get("note_vi"), "note_en": t.get("note_en")}
                gt = {k: g.get(k) for k in wt}
                if gt != wt:
                    return f"target {t['id']}: {gt} (want {wt})"
        return None

    def check_indicators(self, resp: Response, plan: dict, unit: str, period: str, target: str | None,
                         children: bool) -> str | None:
        """`GET /api/indicators`: the plan, unit and period asked (or their defaults); every target
        (or the one asked) with its current value, trend and (children=true) each unit directly
        below; numerators as the plan file counts the run's facts; client-derived counts
        suppressed; no record id at all."""
        doc = resp.json()
        first, last = period_span(period)
        head = {"plan": plan["id"], "unit": unit, "period": period, "from": first, "to": last}
        if {k: doc.get(k) for k in head} != head:
            return f"reply for {({k: doc.get(k) for k in head})} (want {head})"
        with self.lock:
            ids = [r.id for r in self.records if r.id in resp.text]
        if ids:
            return f"the reply holds the ids of records {ids[:3]}"
        targets = [t for t in plan["targets"] if target is None or t["id"] == target]
        items = doc.get("items") or []
        if [i.get("id") for i in items] != [t["id"] for t in targets]:
            return f"targets {[i.get('id') for i in items]} (want {[t['id'] for t in targets]})"
        kids = sorted(c for c, p in self.tree.parent.items() if p == unit)
        for t, item in zip(targets, items):
            err = self.check_indicator_item(plan, t, item, unit, period, kids if children else None)
            if err:
                return f"{t['id']} of {unit} in {period}: {err}"
        return None

    def check_indicator_item(self, plan: dict, t: dict, item: dict, unit: str, period: str,
                             kids: list[str] | None) -> str | None:
        client = bool(t.get("client_derived"))
        trend = item.get("trend") or []
        want_trend = trend_periods(period, plan)
        if [v.get("period") for v in trend] != want_trend:
            return f"trend over {[v.get('period') for v in trend]} (want {want_trend})"
        rows = item.get("children")
        if kids is None and rows is not None:
            return "children without children=true"
        if kids is not None and sorted(v.get("unit") for v in rows or []) != kids:
            return f"children {sorted(v.get('unit') for v in rows or [])} (want {kids})"

        def small(n: int | None) -> bool:
            return n is not None and 1 <= n <= 4

        def counts(u: str, p: str) -> tuple[int, int | None]:
            n = self.measure(plan, t["numerator"], u, p)[0]
            d = self.measure(plan, t["denominator"], u, p)[0] if client and t["value"] == "percent" else None
            return n, d

        def value(v: dict, u: str, p: str, rule: str) -> str | None:
            """One Value; `rule`: "primary" (a trend's: both counts hidden when one is 1-4), "cell"
            (the current value without children: each count hidden when 1-4), "group" (among a
            total and its parts: hidden when 1-4, or by the secondary rule)."""
            if v.get("unit") != u or v.get("period") != p:
                return f"a value of {v.get('unit')} in {v.get('period')} (want {u} in {p})"
            n, d = counts(u, p)
            if not client:
                return None if v.get("numerator") == n else f"{u} {p}: numerator {v.get('numerator')} (want {n})"
            hn, hd = v.get("numerator") is None, d is not None and v.get("denominator") is None
            shown = v.get("shown") or {}
            for name, hidden, count in (("numerator", hn, n), ("denominator", hd, d)):
                if count is None:
                    continue
                if hidden and shown.get(name) != "<5":
                    return f"{u} {p}: {name} hidden, shown {shown.get(name)!r} (want '<5')"
                if not hidden and (small(count) or v.get(name) != count or shown.get(name) != str(count)):
                    return (f"{u} {p}: {name} {v.get(name)} shown {shown.get(name)!r} (want {count}, hidden "
                            "when 1-4)")
            if rule == "primary" and not hn == hd == (small(n) or small(d)):
                return f"{u} {p}: trend counts hidden {hn}, {hd} (want both {small(n) or small(d)}: {n} of {d})"
            if rule == "cell" and (hn, hd) != (small(n), small(d)):
                return f"{u} {p}: counts hidden {hn}, {hd} (want {small(n)}, {small(d)}: {n} of {d})"
            if (hn or hd) and (v.get("value") is not None or v.get("status") != "suppressed" or
                               v.get("is_suppressed") is not True):
                return f"{u} {p}: counts hidden but value {v.get('value')}, status {v.get('status')}"
            if hn or hd:
                with self.lock:
                    self.indicator_seen["hidden"] += 1
            if not (hn or hd) and v.get("is_suppressed") is not False:
                return f"{u} {p}: is_suppressed {v.get('is_suppressed')} with every count shown"
            return None

        # a total without parts (a commune) is under the first rule only, as every count alone
        err = value(item.get("current") or {}, unit, period, "group" if kids else "cell")
        for v, p in zip(trend, want_trend):
            err = err or value(v, unit, p, "primary")
        for v in rows or []:
            err = err or value(v, v.get("unit"), period, "group")
        if err or not client or not kids:
            return err
        # a total and its parts: never exactly one hidden cell; none hidden without a 1-4 among them
        cells = [item.get("current") or {}] + list(rows or [])
        for name in ("numerator", "denominator"):
            hidden = [c for c in cells if c.get(name) is None]
            if len(hidden) == 1:
                return f"exactly one {name} hidden among the total and its parts ({hidden[0].get('unit')})"
            smalls = [c for c in cells if small(counts(c.get("unit"), period)[0 if name == "numerator" else 1])]
            if hidden and not smalls:
                return f"{len(hidden)} {name}s hidden, none of them 1-4"
        return None

    def check_indicator_records(self, actor: Actor, resp: Response, plan: dict, t: dict, unit: str, period: str,
                                limit: int, offset: int) -> str | None:
        """`GET /api/indicators/{target}/records`: the facts the numerator counts (Run.measure: one of
        each value of a distinct measure), those the actor reads listed (newest first) and counted
        in `total`, the others in `not_shown`."""
        doc = resp.json()
        head = {"target": t["id"], "unit": unit, "period": period}
        if {k: doc.get(k) for k in head} != head:
            return f"reply for {({k: doc.get(k) for k in head})} (want {head})"
        n, groups = self.measure(plan, t["numerator"], unit, period)
        where = {f.rec.id: (g, f) for g, fs in enumerate(groups) for f in fs}
        items, listed = doc.get("items") or [], set()
        for i in items:
            g, f = where.get(i.get("id"), (None, None))
            if f is None:
                return f"lists {i.get('type')} {i.get('id')} of {i.get('unit')}, which the numerator ({n}) does not count"
            if g in listed:
                return f"lists two records of one value: {[x.rec.id for x in groups[g]]}"
            listed.add(g)
            want = {"type": f.type, "id": f.rec.id, "unit": f.unit, "date": f.date, "path": f.rec.path}
            if {k: i.get(k) for k in want} != want:
                return f"item {({k: i.get(k) for k in want})} (want {want})"
            if not self.reads_fact(actor, f):
                return f"lists the {f.rec.path} record {f.rec.id} of {f.unit}, which the caller may not read"
        dates = [i.get("date") for i in items]
        if dates != sorted(dates, reverse=True):
            return f"not newest first: {dates}"
        every = sum(1 for fs in groups if all(self.reads_fact(actor, f) for f in fs))
        some = sum(1 for fs in groups if any(self.reads_fact(actor, f) for f in fs))
        total, hidden = doc.get("total"), doc.get("not_shown")
        if not isinstance(total, int) or not isinstance(hidden, int) or total + hidden != len(groups) or \
                not every <= total <= some:
            return (f"total {total}, not_shown {hidden} (want {every} of the {len(groups)} records behind the "
                    f"numerator {n}, as the caller reads them)")
        if len(items) != max(0, min(limit, total - offset)):
            return f"{len(items)} items at {offset} (limit {limit}) of {total}"
        if offset == 0 and limit >= total and len(listed) < every:
            return f"{len(listed)} records listed, {every} read"
        with self.lock:
            self.indicator_seen["listed"] += len(items)
            self.indicator_seen["not_shown"] += hidden
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
        if (method, path) == ("GET", GROUPS + "/summary"):
            return self.summary_probes(actor, method, path, access)
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

    def round_visible(self, actor: Actor, rnd: dict) -> bool:
        """A round is seen by the readers of rounds at its unit and by the readers of the report of
        one of the units that must report."""
        return self.in_scope(actor, "report_round:read", rnd["unit"]) or \
            any(self.in_scope(actor, "report:read", u) for u in rnd["units"])

    def check_round(self, actor: Actor, rnd: dict, resp: Response) -> str | None:
        """A round read: that round, its reports exactly those the actor reads, none saved but the
        run's own."""
        doc = resp.json()
        if doc.get("id") != rnd["id"] or sorted(doc.get("units", [])) != sorted(rnd["units"]):
            return f"round {doc.get('id')} with units {doc.get('units')!r:.200}"
        want = sorted(u for u in rnd["units"] if self.in_scope(actor, "report:read", u))
        got = sorted(r.get("unit") for r in doc.get("reports", []))
        if got != want:
            return f"reports of units {got} (want {want})"
        saved = sorted(r.get("unit") for r in doc.get("reports", []) if r.get("status") != "missing")
        want_saved = sorted(u for u in rnd["saved"] if u in want)
        if saved != want_saved or doc.get("counts", {}).get("expected") != len(want):
            return f"saved reports {saved} (want {want_saved}), counts {doc.get('counts')}"
        return None

    def check_report(self, rnd: dict, unit: str, resp: Response) -> str | None:
        """A report read: that unit's in that round, its saved results (the run's marker), or none."""
        doc = resp.json()
        want = rnd["saved"].get(unit, "")
        if doc.get("round") != rnd["id"] or doc.get("unit") != unit or doc.get("results") != want:
            return f"report {doc.get('round')}/{doc.get('unit')} with results {doc.get('results')!r:.80} (want {want!r})"
        if doc.get("status") != ("draft" if want else "missing") or not isinstance(doc.get("values"), dict):
            return f"report status {doc.get('status')}, values {doc.get('values')!r:.80}"
        return None

    def report_probes(self, actor: Actor, method: str, path: str, access: str) -> list[Probe] | None:
        """The probes of the reporting routes (None: not one of them); see REPORT_ROUNDS."""
        if path != REPORT_ROUNDS and not path.startswith(REPORT_ROUNDS + "/"):
            return None
        rounds = self.report_rounds
        guard = self.expectation(actor, access, "list", None)
        out: list[Probe] = []
        rel = (lambda u: self.tree.relation(actor.unit, u)) if actor.acct else (lambda u: "-")
        if (method, path) == ("GET", REPORT_ROUNDS):
            def listed(resp: Response) -> str | None:
                got = sorted(i.get("id") for i in body_items(resp))
                want = sorted(r["id"] for r in rounds if self.round_visible(actor, r))
                return None if got == want else f"rounds {got} (want {want})"
            return [Probe(actor, method, path, access, path, None, None, "list", guard, check=listed)]
        if (method, path) == ("POST", REPORT_ROUNDS):
            make_body = UNIT_NAMING_CREATES[(method, path)][0]
            for u in (PROVINCE, DISTRICT2, COMMUNE):
                t = Target(rel(u), {"unit": u}, u)
                out.append(Probe(actor, method, path, access, path, make_body(self.tree, u, actor), t, "create",
                                 self.expectation(actor, access, "create", t)))
            return out
        body = RECORD_WRITE_BODIES.get((method, path)) if method != "GET" else None
        if path == REPORT_ROUNDS + "/{id}":
            for rnd in rounds:
                t = Target(rel(rnd["unit"]), {"id": rnd["id"]}, rnd["unit"])
                expect = guard if guard != "allowed" else "allowed" if self.round_visible(actor, rnd) else "out_of_scope"
                check = (lambda resp, rnd=rnd: self.check_round(actor, rnd, resp)) if expect == "allowed" else None
                out.append(Probe(actor, method, path, access, f"{REPORT_ROUNDS}/{rnd['id']}", body, t, "record", expect,
                                 check=check))
            t = Target("missing", {"id": MISSING_ID}, None)
            out.append(Probe(actor, method, path, access, f"{REPORT_ROUNDS}/{MISSING_ID}", body, t, "record",
                             guard if guard != "allowed" else "missing"))
            return out
        if path in (REPORT_DOCUMENTS, REPORT_DOCUMENT):
            for rnd in rounds:
                t = Target(rel(rnd["unit"]), {"id": rnd["id"]}, rnd["unit"])
                expect = guard
                if guard == "allowed":
                    if not self.round_visible(actor, rnd):
                        expect = "out_of_scope"
                    elif method == "POST":
                        expect = "allowed" if self.in_scope(actor, access, rnd["unit"]) else "refused"
                    elif not self.in_scope(actor, "report_round:read", rnd["unit"]):
                        expect = "out_of_scope"
                url = path.replace("{id}", rnd["id"]).replace("{document}", rnd["document"])
                out.append(Probe(actor, method, path, access, url, body, t, "record", expect))
            t = Target("missing", {"id": MISSING_ID}, None)
            out.append(Probe(actor, method, path, access, path.replace("{id}", MISSING_ID).replace("{document}", MISSING_ID),
                             body, t, "record", guard if guard != "allowed" else "missing"))
            return out
        if path in (REPORT_DHIS2, REPORT_DHIS2_VALUES):
            for rnd in rounds:
                t = Target(rel(rnd["unit"]), {"id": rnd["id"]}, rnd["unit"])
                expect = guard
                if guard == "allowed":
                    if not self.round_visible(actor, rnd):
                        expect = "out_of_scope"
                    elif method == "POST":
                        expect = "allowed" if self.in_scope(actor, access, rnd["unit"]) else "refused"
                out.append(Probe(actor, method, path, access, path.replace("{id}", rnd["id"]), body, t, "record",
                                 expect))
            t = Target("missing", {"id": MISSING_ID}, None)
            out.append(Probe(actor, method, path, access, path.replace("{id}", MISSING_ID), body, t, "record",
                             guard if guard != "allowed" else "missing"))
            return out
        if not path.startswith(REPORT):
            raise HarnessError(f"{method} {path}: a reporting route the matrix has no targets for")
        suffix = path[len(REPORT):]
        for rnd in rounds:
            for u in rnd["targets"]:
                t = Target(rel(u), {"id": rnd["id"], "unit": u}, u)
                url = f"{REPORT_ROUNDS}/{rnd['id']}/reports/{u}{suffix}"
                expect, check = guard, None
                if guard == "allowed":
                    if u not in rnd["units"] or not self.in_scope(actor, "report:read", u):
                        expect = "out_of_scope"
                    elif access == "report:update":
                        expect = "allowed" if self.in_scope(actor, access, u) else "refused"
                    elif access == "report_round:update":
                        expect = "allowed" if self.in_scope(actor, access, rnd["unit"]) else "refused"
                    else:
                        check = (lambda resp, rnd=rnd, u=u: self.check_report(rnd, u, resp))
                out.append(Probe(actor, method, path, access, url, body, t, "record", expect, check=check))
        t = Target("missing", {"id": MISSING_ID, "unit": MISSING_UNIT}, None)
        out.append(Probe(actor, method, path, access, f"{REPORT_ROUNDS}/{MISSING_ID}/reports/{MISSING_UNIT}{suffix}",
                         body, t, "record", guard if guard != "allowed" else "missing"))
        return out

    def plan_visible(self, actor: Actor, plan: dict) -> bool:
        return self.in_scope(actor, "yearly_plan:read", plan["unit"]) or \
            (plan["status"] == "issued" and any(self.in_scope(actor, "plan_task:read", t["unit"]) for t in plan["tasks"]))

    def plan_tasks_seen(self, actor: Actor, plan: dict) -> list[str]:
        if self.in_scope(actor, "yearly_plan:read", plan["unit"]):
            return sorted(t["id"] for t in plan["tasks"])
        if plan["status"] != "issued":
            return []
        return sorted(t["id"] for t in plan["tasks"] if self.in_scope(actor, "plan_task:read", t["unit"]))

    def yearly_plan_probes(self, actor: Actor, method: str, path: str, access: str) -> list[Probe] | None:
        """The probes of the yearly plan routes (None: not one of them); see YEARLY_PLANS."""
        if path not in (YEARLY_PLANS, PLAN_TASKS) and not path.startswith(YEARLY_PLANS + "/"):
            return None
        plans = self.yearly_plans
        guard = self.expectation(actor, access, "list", None)
        rel = (lambda u: self.tree.relation(actor.unit, u)) if actor.acct else (lambda u: "-")
        out: list[Probe] = []
        if (method, path) == ("GET", YEARLY_PLANS):
            def listed(resp: Response) -> str | None:
                got = sorted(i.get("id") for i in body_items(resp))
                want = sorted(p["id"] for p in plans if self.plan_visible(actor, p))
                return None if got == want else f"plans {got} (want {want})"
            return [Probe(actor, method, path, access, path, None, None, "list", guard, check=listed)]
        if (method, path) == ("GET", PLAN_TASKS):
            def tasks_listed(resp: Response) -> str | None:
                got = sorted(i.get("id") for i in body_items(resp))
                want = sorted(t for p in plans if p["status"] == "issued" for t in self.plan_tasks_seen(actor, p))
                return None if got == want else f"tasks {got} (want {want})"
            return [Probe(actor, method, path, access, url, None, None, "list", guard, check=tasks_listed)
                    for url in (path, path + "?overdue=true")]
        if (method, path) == ("POST", YEARLY_PLANS):
            make_body = UNIT_NAMING_CREATES[(method, path)][0]
            for u in (PROVINCE, DISTRICT, DISTRICT2, COMMUNE):
                t = Target(rel(u), {"unit": u}, u)
                expect = guard if guard != "allowed" else "allowed" if actor.unit == u else "out_of_scope"
                out.append(Probe(actor, method, path, access, path, make_body(self.tree, u, actor), t, "create", expect))
            return out
        body = RECORD_WRITE_BODIES.get((method, path)) if method != "GET" else None
        if not path.startswith(YP_TASK):
            for plan in plans:
                t = Target(rel(plan["unit"]), {"id": plan["id"]}, plan["unit"])
                expect, check = guard, None
                if guard == "allowed":
                    if not self.plan_visible(actor, plan):
                        expect = "out_of_scope"
                    elif access == "yearly_plan:update":
                        expect = "allowed" if self.in_scope(actor, access, plan["unit"]) else "refused"
                    else:
                        def check(resp: Response, plan=plan) -> str | None:
                            doc = resp.json()
                            got = sorted(x.get("id") for x in doc.get("tasks", []))
                            want = self.plan_tasks_seen(actor, plan)
                            if doc.get("id") != plan["id"] or got != want:
                                return f"plan {doc.get('id')} with tasks {got} (want {want})"
                            return None
                url = path.replace("{id}", plan["id"])
                out.append(Probe(actor, method, path, access, url, body, t, "record", expect, check=check))
            t = Target("missing", {"id": MISSING_ID}, None)
            out.append(Probe(actor, method, path, access, path.replace("{id}", MISSING_ID), body, t, "record",
                             guard if guard != "allowed" else "missing"))
            return out
        for plan in plans:
            for task in plan["tasks"]:
                t = Target(rel(task["unit"]), {"id": plan["id"], "task": task["id"]}, task["unit"])
                expect = guard
                if guard == "allowed":
                    if task["id"] not in self.plan_tasks_seen(actor, plan):
                        expect = "out_of_scope"
                    elif access == "yearly_plan:update":
                        expect = "allowed" if self.in_scope(actor, access, plan["unit"]) else "refused"
                    else:
                        expect = "allowed" if self.in_scope(actor, access, task["unit"]) else "refused"
                url = path.replace("{id}", plan["id"]).replace("{task}", task["id"])
                out.append(Probe(actor, method, path, access, url, body, t, "record", expect))
        t = Target("missing", {"id": MISSING_ID, "task": MISSING_ID}, None)
        out.append(Probe(actor, method, path, access, path.replace("{id}", MISSING_ID).replace("{task}", MISSING_ID),
                         body, t, "record", guard if guard != "allowed" else "missing"))
        return out

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
            read_scope = self.scope_of(actor.role, access.split(":")[0] + ":read") \
                if narrow and actor.acct else NONE
            if narrow and actor.acct and actor.unit != DISTRICT and \
                    not (assigned and read_scope == MINE) and \
                    not (ptype is not None and ptype.resource == "peer_group" and read_scope != NONE):
                # the other record types, the inspection plans and tips: every role, from the
                # district only (its commune below, the other district out of scope), to keep the
                # run short; the types assigned to workers also from every worker they may be
                # assigned to. The support world's routes: every actor; its record types (peer
                # groups) every actor that reads them, the others from the district.
                continue
            special = self.support_probes(actor, method, path, access)
            if special is None:
                special = self.report_probes(actor, method, path, access)
            if special is None:
                special = self.yearly_plan_probes(actor, method, path, access)
            if special is None:
                special = self.indicator_probes(actor, method, path, access)
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
                    if expect == "allowed" and (method, path) in ATTENDANCE_ROUTES and \
                            not self.runs_group(actor, self.group_of(t.record)):
                        # the activity is read, its group not run by the caller
                        expect = "refused"
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
        if path.startswith("/api/unit-changes/"):
            # change rows between tree versions have no unit (the run loads no reorganisation:
            # server_test.py's the_2025_reorganisations… covers them); an id that is no row
            return [Target("missing", {"id": "999999"}, None)]
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
            if (method.upper(), path) in PROVIDER_READ_ROUTES:
                if access != "peer_group:read":
                    problems.append(f"{method.upper()} {path}: x-access {access!r}, not the peer_group read grant "
                                    "that docs/contract.md names for the provider directory")
                    continue
                access = "provider:read"
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
                     full=t["path"] in FULL_TYPES, type_id=t.get("id", ""))
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
            lambda tree, u, actor, pt=pt: pt.body(u, "MX", invalid=True, refs=run.refs_for(pt, u, assignees(pt, actor)),
                                                  assignees=assignees(pt, actor)), "unit")
        # a file whose line 2 is a valid row naming the unit, line 3 the same made invalid (so an
        # import in scope stores nothing)
        UNIT_NAMING_CREATES[("POST", base + "/import")] = (
            lambda tree, u, actor, pt=pt: pt.csv([
                pt.body(u, "MX", rid=str(uuid.uuid4()), refs=run.refs_for(pt, u, assignees(pt, actor)),
                        assignees=assignees(pt, actor)),
                pt.body(u, "MX", rid=str(uuid.uuid4()), invalid=True, refs=run.refs_for(pt, u, assignees(pt, actor)),
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


def make_report_rounds(run: Run, maker: Actor, actors: list[Actor]) -> None:
    """The reporting rounds to probe (REPORT_ROUNDS): one of the province for every unit of each of
    REPORT_LEVELS below it, made by its province officer; the district's and the commune's officers
    save their own reports, with a marker as their results."""
    for level, saver_unit, others in (("district", DISTRICT, (DISTRICT2, COMMUNE)),
                                      ("commune", COMMUNE, (SIBLING, COMMUNE2))):
        r = maker.client.post(REPORT_ROUNDS, {"name": f"Báo cáo năm {RECORD_DATE[:4]} ({level})", "kind": "year",
                                              "period": RECORD_DATE[:4], "unit": PROVINCE, "level": level,
                                              "due_on": f"{int(RECORD_DATE[:4]) + 1}-01-15"})
        if r.status != 201:
            raise HarnessError(f"the province officer cannot start a reporting round:\n{r.describe(800)}")
        doc = r.json()
        want = sorted(u for u, lv in run.tree.level.items() if lv == level and run.tree.contains(PROVINCE, u))
        if sorted(doc.get("units", [])) != want:
            run.mismatch(f"the {level} round's units {doc.get('units')!r:.200} are not every {level} of {PROVINCE}")
        rnd = {"id": doc["id"], "unit": PROVINCE, "units": doc["units"], "saved": {},
               "targets": (saver_unit,) + others}
        saver = next(x for x in actors if x.role == f"{level}_officer" and x.unit == saver_unit)
        marker = "MXRP" + secrets.token_hex(6)
        r = saver.client.request("PUT", f"{REPORT_ROUNDS}/{doc['id']}/reports/{saver_unit}",
                                 {"version": 0, "results": marker})
        if r.status != 200:
            raise HarnessError(f"the {level} officer cannot save its report:\n{r.describe(800)}")
        rnd["saved"][saver_unit] = marker
        r = maker.client.post(f"{REPORT_ROUNDS}/{doc['id']}/documents", {"format": "xlsx"})
        if r.status != 201:
            raise HarnessError(f"the province officer cannot make a round's document:\n{r.describe(800)}")
        rnd["document"] = r.json()["id"]
        run.report_rounds.append(rnd)
        with run.lock:
            run.records.append(MadeRecord(REPORT_ROUNDS.removeprefix("/api/"), f"{doc['id']}/{saver_unit}", saver_unit,
                                          [marker], resource="report"))


def make_yearly_plans(run: Run, actors: list[Actor]) -> None:
    """The yearly plans to probe (YEARLY_PLANS): the province's, issued, with tasks for 369, 374 and
    14347; the district 369's, a draft, with a task for 14347; progress on the district's task."""
    year = RECORD_DATE[:4]

    def who(role: str, unit: str) -> Actor:
        return next(x for x in actors if x.role == role and x.unit == unit)

    def ok(r: Response, what: str, want: int = 201) -> dict:
        if r.status != want:
            raise HarnessError(f"{what}:\n{r.describe(800)}")
        return r.json()

    for maker, unit, assignees, issue in ((who("province_officer", PROVINCE), PROVINCE, (DISTRICT, DISTRICT2, COMMUNE), True),
                                          (who("district_officer", DISTRICT), DISTRICT, (COMMUNE,), False)):
        c = maker.client
        marker = "MXYP" + secrets.token_hex(6)
        doc = ok(c.post(YEARLY_PLANS, {"unit": unit, "year": int(year), "title": f"Kế hoạch {marker}",
                                       "document_number": "45/KH-UBND", "document_date": f"{year}-01-20"}),
                 f"the {maker.role} cannot draft a yearly plan")
        plan = {"id": doc["id"], "unit": unit, "status": "draft", "tasks": []}
        for u in assignees:
            task_marker = "MXPT" + secrets.token_hex(6)
            t = ok(c.post(f"{YEARLY_PLANS}/{doc['id']}/tasks",
                          {"title": f"Nhiệm vụ {task_marker}", "assignee_unit": u, "deadline": f"{year}-06-30",
                           "targets": ["T1"]}), f"the {maker.role} cannot add a task")
            plan["tasks"].append({"id": t["id"], "unit": u})
            with run.lock:
                run.records.append(MadeRecord(YEARLY_PLANS.removeprefix("/api/"), t["id"], u, [task_marker],
                                              resource="plan_task"))
        if issue:
            ok(c.post(f"{YEARLY_PLANS}/{doc['id']}/issue", {"version": doc["version"]}),
               f"the {maker.role} cannot issue its plan", 200)
            plan["status"] = "issued"
        else:
            with run.lock:
                run.records.append(MadeRecord(YEARLY_PLANS.removeprefix("/api/"), doc["id"], unit, [marker],
                                              resource="yearly_plan"))
        run.yearly_plans.append(plan)
    province_plan = run.yearly_plans[0]
    task = next(t for t in province_plan["tasks"] if t["unit"] == DISTRICT)
    ok(who("district_officer", DISTRICT).client.post(
        f"{YEARLY_PLANS}/{province_plan['id']}/tasks/{task['id']}/progress",
        {"version": 1, "status": "in_progress", "note": "MX"}), "the district cannot report progress", 200)


def report_writes(run: Run, actors: list[Actor]) -> None:
    """The steps of the district's report in the districts' round (REPORT_ROUNDS), each by the one
    it is for and refused to the others: submitted by its unit's officer; not approved by that
    officer, a viewer of the province, a province officer bound to the district or a commune officer
    (403), nor submitted by the commune's officer or approved by an inspector (404); not returned
    without a comment (422); returned with one, submitted again, approved by the
    province's officer; unlocked by that officer only, with a reason; read throughout by no one who
    may not (the leak check)."""
    rnd = next((r for r in run.report_rounds if DISTRICT in r["saved"]), None)
    if rnd is None:
        return
    url = f"{REPORT_ROUNDS}/{rnd['id']}/reports/{DISTRICT}"

    def who(role: str, unit: str) -> Actor:
        return next(x for x in actors if x.role == role and x.unit == unit)

    def send(actor: Actor, what: str, method: str, sub: str, body: Any, want: int) -> dict | None:
        access = "report:update" if sub in ("", "/submit") else "report_round:update"
        p = Probe(actor, method, REPORT + sub, access, url + sub, body, None, "write", "allowed")
        r = run.send(actor, method, url + sub, body)
        run.count()
        run.check_leaks(p, r)
        if r.status != want:
            run.mismatch(f"{actor.role}@{actor.unit} {what}: want {want}\n    {r.describe(400, headers=False)}",
                         f"report steps: {what}: want {want}, got {r.status}")
            return None
        return r.json()

    district, province = who("district_officer", DISTRICT), who("province_officer", PROVINCE)
    doc = send(district, "submits its report", "POST", "/submit", {"version": 1}, 200)
    if doc is None or doc.get("status") != "submitted":
        return
    # 403: the guard (their role may not decide; it reads rounds) or the store (they read the report)
    for x in (district, who("viewer", PROVINCE), who("province_officer", DISTRICT), who("commune_officer", COMMUNE)):
        send(x, "approves the district's report", "POST", "/approve", {"version": 2}, 403)
    # 404: a commune reads no report of its district; an inspector neither rounds nor reports
    send(who("commune_officer", COMMUNE), "submits the district's report", "POST", "/submit", {"version": 2}, 404)
    send(who("inspector", PROVINCE), "approves the district's report", "POST", "/approve", {"version": 2}, 404)
    send(province, "returns a report without a comment", "POST", "/return", {"version": 2}, 422)
    send(province, "returns a report", "POST", "/return", {"version": 2, "comment": "MX bổ sung"}, 200)
    send(district, "submits its report again", "POST", "/submit", {"version": 3}, 200)
    doc = send(province, "approves a report", "POST", "/approve", {"version": 4}, 200)
    if doc is not None and (doc.get("status"), doc.get("version")) != ("approved", 5):
        run.mismatch(f"the approved report is {doc.get('status')} version {doc.get('version')}")
    send(district, "saves an approved report", "PUT", "", {"version": 5, "results": "MX"}, 409)
    # the approval locked the district's records of the year until the province unlocks, with a reason
    send(district, "unlocks its own report", "POST", "/unlock", {"version": 5, "comment": "MX"}, 403)
    send(province, "unlocks a report without a reason", "POST", "/unlock", {"version": 5}, 422)
    doc = send(province, "unlocks a report", "POST", "/unlock", {"version": 5, "comment": "MX mở khóa"}, 200)
    if doc is not None and (doc.get("status"), doc.get("version")) != ("returned", 6):
        run.mismatch(f"the unlocked report is {doc.get('status')} version {doc.get('version')}")


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
                         resource="tip", assignees=[handler.id], secret=secret,
                         info={"values": {"date": tip["received_on"], "settled": False, "on_time": False,
                                          **({"establishment": est} if est else {})}})
        denouncer = MadeRecord("tip-denouncers", f"denouncer-of-{tip['id']}", unit, [secret], resource="denouncer")
        run.records += [rec, denouncer]
        run.target_ids.add(rec.id)


def make_handled_tips(run: Run, maker: Actor, actors: list[Actor]) -> None:
    """The tips of HANDLED_TIP_UNITS (T8), received today by the intake officer of the province
    (`maker`), verified, classified, assigned to an inspector and handled by it the same day: by
    their deadline (docs/contract.md "Tips": the kind's days, 15 at least, from receipt)."""
    c = maker.client
    codes = {lst: [x["code"] for x in c.get_json(f"/api/code-lists/{lst}")["items"] if x.get("is_active", True)]
             for lst in ("tip_channel", "tip_kind")}
    today = run.today or (datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(hours=7)).date().isoformat()
    for unit, role, at in HANDLED_TIP_UNITS:
        handler = next(x for x in actors if x.role == role and x.unit == at)
        marker = "MXH" + secrets.token_hex(6)
        r = c.post(TIPS, {"unit": unit, "channel": codes["tip_channel"][0], "kind": codes["tip_kind"][0],
                          "received_at": today, "place": marker, "content": marker})
        if r.status != 201:
            raise HarnessError(f"the intake officer cannot receive a tip at {unit}:\n{r.describe(800)}")
        tip = r.json()
        for w, step in ((c, {"step": "verify"}), (c, {"step": "classify", "kind": tip["kind"]}),
                        (c, {"step": "assign", "assignee": handler.acct.id}),
                        (handler.client, {"step": "handle", "note": marker})):
            r = w.post(f"{TIPS}/{tip['id']}/steps", {**step, "version": tip["version"]})
            if r.status != 200:
                raise HarnessError(f"step {step['step']} of a tip at {unit}:\n{r.describe(800)}")
            tip = r.json()
        rec = MadeRecord(TIPS.removeprefix("/api/"), tip["id"], unit, [marker], resource="tip",
                         assignees=[handler.acct.id],
                         info={"handled": True, "values": {"date": tip["received_on"], "settled": True, "on_time": True}})
        with run.lock:
            run.records.append(rec)


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
                           "referrals": [], "incidents": [], "open": [], "overdue": [], "memberships": []})
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
        rec = MadeRecord("providers", r.json()["id"], u, [marker], resource="provider",
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


def add_member(run: Run, w: Actor, group: MadeRecord, client: MadeRecord, mid: str | None = None,
               joined_on: str = RECORD_DATE) -> tuple[Response, dict | None]:
    """`w` adds `client` to `group` (joined on `joined_on`); when it is stored (201), the membership
    joins the group's members and the client's memberships (its id a marker of the client)."""
    body = {"client_id": client.id, "joined_on": joined_on, **({"id": mid} if mid else {})}
    r = w.client.post(f"{GROUPS}/{group.id}/members", body)
    if r.status != 201:
        return r, None
    doc = r.json()
    mem = {"id": doc["id"], "client": client, "joined_on": joined_on, "left_on": None}
    with run.lock:
        group.info.setdefault("members", []).append(mem)
        group.keys.setdefault("member_id", doc["id"])
        client.info.setdefault("memberships", []).append(doc["id"])
        client.markers.append(doc["id"])
    return r, mem


def make_peer_groups(run: Run, root: Actor, actors: list[Actor]) -> None:
    """The peer groups' targets beyond make_records' (see GROUPS): the activity D of the group A
    facilitated by the commune's peer educator (who does not lead A), made by the province
    officer; the members, each added by the worker of its client; the attendance of each activity
    (its group's members), recorded by the group's leader, or the province officer where the
    leader does not reach the group."""
    worker, other = run.worker_pair("peer_group")
    by_acct = {x.acct.id: x for x in actors}
    with run.lock:
        targets = [r for r in run.records if r.id in run.target_ids]
    groups = [r for r in targets if r.path == GROUPS.removeprefix("/api/")]
    a = next(g for g in groups if g.unit == COMMUNE and g.assignees == [worker.id])
    b = next(g for g in groups if g.unit == COMMUNE and g.assignees == [other.id])
    c = next(g for g in groups if g.unit == DISTRICT2)
    for g in groups:
        g.info["members"] = []
    pt = run.rtypes[ACTIVITIES.removeprefix("/api/")]
    marker = "MXG" + secrets.token_hex(6)
    r = root.client.post(ACTIVITIES, pt.body(COMMUNE, marker, refs={"group": a.id}, assignees=[other.id]))
    if r.status != 201:
        raise HarnessError("the province officer cannot record an activity of another leader's group:\n"
                           f"{r.describe(800)}")
    rec = MadeRecord(pt.path, r.json()["id"], COMMUNE, [marker], [a.id], resource=pt.resource,
                     assignees=[other.id], info={"values": r.json()})
    run.records.append(rec)
    run.target_ids.add(rec.id)

    def worker_of(role: str, unit: str) -> Actor:
        return next(x for x in actors if x.role == role and x.unit == unit)

    def client_of(w: Actor) -> MadeRecord:
        return next(x for x in run.support_targets() if x.assignees == [w.acct.id])

    for group, adder, client in (
            (a, worker_of("peer_educator", DISTRICT), client_of(worker_of("peer_educator", DISTRICT))),
            (a, worker_of("social_worker", COMMUNE), client_of(worker_of("social_worker", COMMUNE))),
            (a, worker_of("social_worker", DISTRICT), client_of(worker_of("social_worker", DISTRICT))),
            # the province officer runs the groups of the province and reads its clients: it adds the
            # province peer educator's, who does not lead A
            (a, root, client_of(worker_of("peer_educator", PROVINCE))),
            (b, worker_of("peer_educator", COMMUNE), client_of(worker_of("peer_educator", COMMUNE))),
            (c, worker_of("social_worker", PROVINCE), client_of(worker_of("social_worker", PROVINCE)))):
        r, _ = add_member(run, adder, group, client)
        if r.status != 201:
            raise HarnessError(f"{adder.role}@{adder.unit} cannot add a client of {client.unit} to the group at "
                               f"{group.unit}:\n{r.describe(800)}")
    with run.lock:
        acts = [x for x in run.records if x.id in run.target_ids and x.path == pt.path]
    for act in acts:
        act.info["attendance"] = []
        group = run.group_of(act)
        if act is rec or not group.info["members"]:
            continue
        leader = by_acct.get(group.assignees[0])
        w = leader if leader and run.tree.contains(leader.unit, group.unit) else root
        ids = [m["id"] for m in group.info["members"]]
        r = w.client.request("PUT", f"{ACTIVITIES}/{act.id}/attendance", {"member_ids": ids})
        if r.status != 200:
            raise HarnessError(f"{w.role}@{w.unit} cannot record the attendance of an activity at {act.unit}:\n"
                               f"{r.describe(800)}")
        act.info["attendance"] = ids


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
    whoever reads the referring record reads the referred one too (a record assigned to workers
    refers to one assigned to the same workers: an activity to a group its facilitator leads).
    Referred types first. A type assigned to workers gets its records assigned to the district's
    worker of its WORKER_ROLE (inspector, peer educator), and in the district's subtree one more
    assigned to the commune's (another worker's record for the district's worker, and the
    reverse)."""
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
                worker, other = run.worker_pair(pt.resource)
                plan.append((u, [worker.id]))
                if run.tree.contains(DISTRICT, u):
                    plan.append((u, [other.id]))
            for u, assignees in plan:
                marker = "MXR" + secrets.token_hex(6)
                files = upload(run, c, pt)

                def make() -> Response:
                    return c.post(f"/api/{pt.path}", {**pt.body(u, marker, refs=run.refs_for(pt, u, assignees),
                                                                assignees=assignees or None, files=files),
                                                      **pt.target_values()})

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
                                 assignees=list(assignees), files={f: TINY_PNG for f in files},
                                 info={"values": doc})
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
    for resource, role in WORKER_ROLE.items():
        run.workers[resource] = tuple(next(x.acct for x in actors if x.role == role and x.unit == u)
                                      for u in (DISTRICT, COMMUNE))
    make_records(run, root_officer)
    if ("POST", PLANS) in run.routes:
        make_plans(run, root_officer)
    if ("POST", TIPS) in run.routes and ("POST", TIPS + "/{id}/steps") in run.routes:
        make_tips(run, next(x for x in actors if x.role == "intake_officer" and x.unit == PROVINCE), actors)
    if ("POST", REPORT_ROUNDS) in run.routes:
        make_report_rounds(run, root_officer, actors)
    if ("POST", YEARLY_PLANS) in run.routes:
        make_yearly_plans(run, actors)
    # the support world: providers by the province officer, clients by the workers
    support = ("POST", CLIENTS) in run.routes
    if support:
        make_support(run, root_officer, actors)
    peer_groups = support and all(rt in run.rtypes for rt in ("peer-groups", "peer-group-activities")) and \
        ("POST", GROUPS + "/{id}/members") in run.routes
    if peer_groups:
        make_peer_groups(run, root_officer, actors)
    if ("POST", TIPS) in run.routes and ("POST", TIPS + "/{id}/steps") in run.routes:
        make_handled_tips(run, next(x for x in actors if x.role == "intake_officer" and x.unit == PROVINCE), actors)
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
    if peer_groups:
        peer_group_writes(run, root_officer, actors)
    report_writes(run, actors)
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
    if ("GET", INDICATOR_RECORDS) in run.routes:
        seen = run.indicator_seen
        print(f"indicators: {seen['listed']} records listed behind values, {seen['not_shown']} not shown to "
              f"their askers, {seen['hidden']} client-derived values hidden")
        blind = [k for k, n in seen.items() if not n]
        if blind:
            run.mismatch(f"the indicator checks met no {', '.join(blind)}: they are blind")
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
    worker, second = run.worker_pair(rt.resource)
    other = second if w.acct.id == worker.id else worker
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
    refs = run.refs_for(rt, unit, [w.acct.id])
    for name, rid in list(refs.items()):
        ref = run.record_by_id(rid)
        referred = run.rtypes.get(rt.refs[name])
        if ref is not None and referred is not None and referred.assigned and w.acct.id not in ref.assignees:
            # a record assigned to workers refers to one of its writer's (an activity to a group the
            # peer educator leads): one made for it by the province officer
            ref_marker = "MXA" + secrets.token_hex(6)
            r = root.client.post(f"/api/{referred.path}",
                                 referred.body(unit, ref_marker, refs=run.refs_for(referred, unit),
                                               assignees=[w.acct.id]))
            if r.status != 201:
                fail(f"a {referred.path} record for the writer", f"the province officer gets {r.status}\n"
                     f"    {r.describe(400, headers=False)}")
                return
            with run.lock:
                run.records.append(MadeRecord(referred.path, r.json()["id"], unit, [ref_marker],
                                              resource=referred.resource, assignees=[w.acct.id],
                                              info={"values": r.json(), "members": []}))
            refs[name] = r.json()["id"]

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


def peer_group_writes(run: Run, root: Actor, actors: list[Actor]) -> None:
    """Members and attendance, by the commune's peer educator (`w`, leader of the group B) and
    around it (see GROUPS):
      a throw-away client of `w` is added to B (201; the same id again 200; again with another id
      422 client_id already_member) and shows in its memberships; a client `w` does not read (the
      commune social worker's, of the same unit) is refused exactly like one that does not exist
      (422 client_id not_found, the same reply); the group A, which `w` does not lead, answers
      every member write exactly like a group that does not exist (404); the district officer,
      who reads B, may not add to it (403); the social worker of the district adds its client of
      the commune 14350 to B (201): `w` then sees that member's code, the district officer the
      counts only; `w` ends its client's membership (200; the same version again 409) and records
      it as present at B's activity (200); an activity `w` records naming A, or the group C out of
      its unit, is refused exactly like one naming a group that does not exist (422 group
      not_found). Every reply goes through the leak check."""
    worker, other = run.worker_pair("peer_group")
    w = next(x for x in actors if x.acct is other)
    sw = next(x for x in actors if x.role == "social_worker" and x.unit == DISTRICT)
    do = next(x for x in actors if x.role == "district_officer" and x.unit == DISTRICT)
    with run.lock:
        targets = [r for r in run.records if r.id in run.target_ids]
    groups = [r for r in targets if r.path == GROUPS.removeprefix("/api/")]
    a = next(g for g in groups if g.unit == COMMUNE and g.assignees == [worker.id])
    b = next(g for g in groups if g.unit == COMMUNE and g.assignees == [other.id])
    c = next(g for g in groups if g.unit == DISTRICT2)
    act_b = next(r for r in targets if r.path == ACTIVITIES.removeprefix("/api/") and r.refs == [b.id])
    who = f"{w.role}@{w.unit}"

    def fail(what: str, msg: str) -> None:
        run.mismatch(f"{who} peer groups: {what}: {msg}", f"peer groups, {what}: "
                     + re.sub(r"[0-9a-f]{8}-[0-9a-f-]{27}", "ID", msg.split("\n", 1)[0])[:160], who)

    def send(actor: Actor, what: str, method: str, path: str, url: str, body: Any, want: int) -> Response:
        r = run.send(actor, method, url, body)
        run.count()
        run.check_leaks(Probe(actor, method, path, "peer_group:write", url, body, None, "write", "allowed"), r)
        if r.status != want:
            fail(what, f"{actor.role}@{actor.unit}: want {want}, got {r.status}\n    {r.describe(400, headers=False)}")
        return r

    def same(what: str, r1: Response, r2: Response) -> None:
        if (r1.status, r1.body) != (r2.status, r2.body):
            fail(what, f"the reply differs from the one for a record that does not exist:\n"
                       f"    {r1.describe(300, headers=False)}\n    vs {r2.describe(300, headers=False)}")

    members, end = GROUPS + "/{id}/members", GROUPS + "/{id}/members/{member_id}/end"
    made = register_client(run, w, COMMUNE, "throw-away")
    if made is None:
        return
    t, _ = made
    run.count()
    mid = str(uuid.uuid4())
    r, mem = add_member(run, w, b, t, mid)
    run.count()
    run.check_leaks(Probe(w, "POST", members, "peer_group:write", f"{GROUPS}/{b.id}/members", None, None,
                          "write", "allowed"), r)
    if mem is None:
        fail("add its client to the group it leads", f"want 201, got {r.status}\n    {r.describe(400, headers=False)}")
        return
    if r.json().get("uic") != t.info["uic"] or r.json().get("client_id") != t.id:
        fail("add its client to the group it leads", f"the membership is not its client's: {r.text[:300]}")
    r = send(w, "the same membership again", "POST", members, f"{GROUPS}/{b.id}/members",
             {"id": mid, "client_id": t.id, "joined_on": RECORD_DATE}, 200)
    if r.status == 200 and r.json().get("id") != mid:
        fail("the same membership again", r.text[:300])
    r = send(w, "a second membership of a member", "POST", members, f"{GROUPS}/{b.id}/members",
             {"client_id": t.id}, 422)
    if r.status == 422 and ("client_id", "already_member") not in Run.field_codes(r):
        fail("a second membership of a member", f"want client_id already_member: {r.text[:300]}")
    send(w, "the memberships of its client", "GET", CLIENTS + "/{id}/groups", f"{CLIENTS}/{t.id}/groups", None, 200)
    # a client it does not read: as if it did not exist
    theirs = next(x for x in run.support_targets() if x.unit == COMMUNE and w.acct.id not in x.assignees)
    r1 = send(w, "add a client it does not read", "POST", members, f"{GROUPS}/{b.id}/members",
              {"client_id": theirs.id}, 422)
    r2 = send(w, "add a client that does not exist", "POST", members, f"{GROUPS}/{b.id}/members",
              {"client_id": MISSING_ID}, 422)
    if r2.status == 422 and ("client_id", "not_found") not in Run.field_codes(r2):
        fail("add a client that does not exist", f"want client_id not_found: {r2.text[:300]}")
    same("add a client it does not read", r1, r2)
    # a group it does not lead: as if it did not exist
    for what, method, path, url, body in (
            ("add a member", "POST", members, f"{GROUPS}/{{}}/members", {"client_id": t.id}),
            ("end a membership", "POST", end, f"{GROUPS}/{{}}/members/{a.keys['member_id']}/end", {"version": 1}),
            ("read the members", "GET", members, f"{GROUPS}/{{}}/members", None)):
        r1 = send(w, f"{what} of a group it does not lead", method, path, url.format(a.id), body, 404)
        r2 = send(w, f"{what} of a group that does not exist", method, path, url.format(MISSING_ID), body, 404)
        same(f"{what} of a group it does not lead", r1, r2)
    r = send(do, "the district officer adds a member", "POST", members, f"{GROUPS}/{b.id}/members",
             {"client_id": t.id}, 403)
    # the district's social worker runs B too: its client joins
    sw_client = next(x for x in run.support_targets() if x.assignees == [sw.acct.id] and x.unit == SIBLING)
    r, mem2 = add_member(run, sw, b, sw_client)
    run.count()
    run.check_leaks(Probe(sw, "POST", members, "peer_group:write", f"{GROUPS}/{b.id}/members", None, None,
                          "write", "allowed"), r)
    if mem2 is None:
        fail("the district's social worker adds its client", f"want 201, got {r.status}\n"
             f"    {r.describe(400, headers=False)}")
    for x in (w, do, sw):
        p = Probe(x, "GET", members, "peer_group:read", f"{GROUPS}/{b.id}/members", None,
                  Target(run.tree.relation(x.unit, b.unit), {"id": b.id}, b.unit, record=b), "record", "allowed")
        run.run_probe(p)
    # its client's membership ended (today), then as present at B's activity (of the records' date)
    r = send(w, "end a membership", "POST", end, f"{GROUPS}/{b.id}/members/{mid}/end", {"version": 1}, 200)
    if r.status == 200:
        mem["left_on"] = r.json().get("left_on")
        if r.json().get("version") != 2 or not mem["left_on"]:
            fail("end a membership", r.text[:300])
    send(w, "end a membership again (stale)", "POST", end, f"{GROUPS}/{b.id}/members/{mid}/end", {"version": 1}, 409)
    ids = act_b.info.get("attendance", []) + [mid]
    r = send(w, "record attendance", "PUT", ATTENDANCE, f"{ACTIVITIES}/{act_b.id}/attendance", {"member_ids": ids}, 200)
    if r.status == 200:
        act_b.info["attendance"] = ids
        p = Probe(w, "GET", ATTENDANCE, "peer_group:read", f"{ACTIVITIES}/{act_b.id}/attendance", None,
                  Target("own unit", {"id": act_b.id}, act_b.unit, record=act_b), "record", "allowed")
        run.run_probe(p)
    # an activity naming a group it does not lead, or one out of its unit
    pt = run.rtypes[ACTIVITIES.removeprefix("/api/")]
    r_none = send(w, "an activity of a group that does not exist", "POST", ACTIVITIES, ACTIVITIES,
                  pt.body(COMMUNE, "MX", refs={"group": MISSING_ID}, assignees=[w.acct.id]), 422)
    if r_none.status == 422 and ("group", "not_found") not in Run.field_codes(r_none):
        fail("an activity of a group that does not exist", f"want group not_found: {r_none.text[:300]}")
    for g, what in ((a, "a group it does not lead"), (c, "a group out of its unit")):
        r = send(w, f"an activity of {what}", "POST", ACTIVITIES, ACTIVITIES,
                 pt.body(COMMUNE, "MX", refs={"group": g.id}, assignees=[w.acct.id]), 422)
        same(f"an activity of {what}", r, r_none)


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
        run.records.append(MadeRecord("providers", doc["id"], DISTRICT, [marker], resource="provider",
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
            want = {ALL: "A", UNIT: some, MINE: some, OWN: some, NONE: "-"}[ORACLE[acc][role]]
            cells.append((mark if mark == want else f"{mark}!{want}").rjust(6))
        print(acc.ljust(24)[:24] + " ".join(cells))


if __name__ == "__main__":
    sys.exit(main())
