#!/usr/bin/env python3
"""audit_test.py: the audit log through the API and `pcmd audit verify`, then tampered with.

    audit_test.py --bin build/dev/src/app/pcmd [--engine sqlite|postgresql]

README.md: "Every write, login, denial and audit read is in the hash-chained audit log";
docs/contract.md: `GET /api/audit` (dpo only) with filters actor, action, entity, entity_id,
outcome, from, to; `GET /api/audit/verify`; `pcmd audit verify` exits 0 with
`audit chain ok: N entries, head H`, or 1 naming the first bad entry.

One server: sign-ins that succeed and fail (wrong password, unknown name, wrong TOTP code),
denials (role, scope, CSRF), writes (account create, change, password reset, own password change,
unit rename), logout. Then, as the dpo: each of those is in the log with the right actor, action,
entity and outcome; the filters return exactly the matching entries and count them; no field of
any entry (API, `actor_username` excepted, and the table itself) holds a password, one-time password, display name, user
name, TOTP secret, recovery code or free text that was sent; the chain verifies. After SIGTERM:
`pcmd audit verify` exits 0; then three copies of the store are tampered with directly (sqlite3,
or psql on copies of the test database): one field of one entry changed, one entry deleted, two
entries' contents swapped; each must make `pcmd audit verify` exit 1 naming the first bad entry.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
import traceback
import urllib.parse

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "harness"))
from pcmd_server import HarnessError, PcmdServer, Response, run_psql  # noqa: E402
from access_kit import TestAccount, add_accounts, sign_in, totp_code, current_step  # noqa: E402


class Failures:
    def __init__(self):
        self.items: list[str] = []
        self.checks = 0

    def expect(self, cond: bool, msg: str) -> bool:
        self.checks += 1
        if not cond:
            self.items.append(msg)
            print(f"FAIL {msg}", flush=True)
        return cond


def status_is(f: Failures, r: Response, status: int, what: str) -> bool:
    return f.expect(r.status == status, f"{what}: want {status}, {r.describe(500, headers=False)}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--engine", choices=("sqlite", "postgresql"), default="sqlite")
    a = ap.parse_args()
    if a.engine == "postgresql" and not os.environ.get("PCMD_TEST_PG_URL"):
        print("audit_test: --engine postgresql needs PCMD_TEST_PG_URL; run under "
              "tests/harness/with_postgres.sh", file=sys.stderr)
        return 2
    started = time.monotonic()
    f = Failures()
    server = PcmdServer(a.bin, engine=a.engine, name="audit")
    copies: list[str] = []
    try:
        run(f, server, copies)
    except Exception as e:
        detail = str(e) if isinstance(e, HarnessError) else traceback.format_exc()
        f.items.append(f"error: {detail}")
        print(f"FAIL error: {detail}\n{server.stderr_tail()}")
    finally:
        for db in copies:
            try:
                run_psql(server.cluster_url, f'DROP DATABASE IF EXISTS "{db}" WITH (FORCE)')
            except HarnessError as e:
                print(f"warning: {e}")
        try:
            server.close(check_exit=False)
        except Exception as e:
            print(f"warning: {e}")
    n_fail = len(f.items)
    print(f"\naudit: {f.checks - n_fail} checks passed, {n_fail} failed, "
          f"{time.monotonic() - started:.1f} s on {a.engine}")
    return 1 if n_fail else 0


def run(f: Failures, server: PcmdServer, copies: list[str]) -> None:
    server.init()
    dpo = TestAccount("a.dpo", "dpo", "37", display_name="Trần Thị Bảo Mật")
    admin = TestAccount("a.admin", "admin", "369", display_name="Lê Văn Quản Trị")
    worker = TestAccount("a.worker", "social_worker", "14347", display_name="Phạm Thị Công Tác")
    viewer = TestAccount("a.viewer", "viewer", "374", display_name="Vũ Minh Người Xem")
    add_accounts(server, [dpo, admin, worker, viewer])
    server.start()
    secrets = {x.password for x in (dpo, admin, worker, viewer)}
    names = {x.display_name for x in (dpo, admin, worker, viewer)} | {x.username for x in (dpo, admin, worker, viewer)}
    free_text: set[str] = set()

    # ---- activity ---------------------------------------------------------------------------
    vc = sign_in(server, viewer)
    ac = sign_in(server, admin)
    wc = sign_in(server, worker)
    secrets.add(worker.totp_secret)
    secrets.update(worker.recovery_codes)
    ids = {x.username: x.id for x in (viewer, admin, worker)}

    anon = server.client()
    wrong_pw = "Sai-Mat-Khau-Cua-Nguoi-Xem-1"
    secrets.add(wrong_pw)
    status_is(f, anon.login(viewer.username, wrong_pw), 401, "wrong password")
    status_is(f, anon.login("a.nobody.here", "Mat-Khau-Nguoi-La-2"), 401, "unknown name")
    secrets.add("Mat-Khau-Nguoi-La-2")
    names.add("a.nobody.here")
    bad_code = totp_code(worker.totp_secret, current_step() + 9)
    status_is(f, anon.login(worker.username, worker.password, bad_code), 401, "wrong TOTP code")

    # denials: role, scope (record path), CSRF
    status_is(f, vc.get("/api/accounts"), 403, "viewer lists accounts")
    status_is(f, vc.get("/api/audit"), 403, "viewer reads the audit log")
    status_is(f, wc.get(f"/api/accounts/{admin.id}"), 404, "worker reads an account")
    r = ac.post("/api/accounts", {"username": "a.csrf", "role": "viewer", "unit_code": "369"},
                headers={"X-CSRF-Token": None, "Origin": "https://evil.example"})
    status_is(f, r, 403, "create without CSRF token")

    # writes
    created_name, created_display = "a.created", "Đỗ Thị Bí Mật"
    names.update({created_name, created_display})
    r = ac.post("/api/accounts", {"username": created_name, "display_name": created_display, "role": "viewer",
                                  "unit_code": "14347"})
    status_is(f, r, 201, "admin creates an account")
    created = r.json()
    secrets.add(created["one_time_password"])
    new_display = "Hoàng Văn Riêng Tư"
    names.add(new_display)
    r = ac.patch(f"/api/accounts/{created['id']}", {"version": created["version"], "display_name": new_display})
    status_is(f, r, 200, "admin renames the account")
    r = ac.post(f"/api/accounts/{created['id']}/password-reset")
    status_is(f, r, 200, "admin resets its password")
    secrets.add(r.json().get("one_time_password", ""))
    new_unit_name = "Xã Ninh Nhất Kiểm Toán"
    free_text.add(new_unit_name)
    r = ac.patch("/api/units/14347", {"change": "rename", "effective": "2025-01-01", "name": new_unit_name})
    status_is(f, r, 200, "admin renames a commune")
    new_pw = "Mat-Khau-Moi-Cua-Nguoi-Xem-3"
    secrets.add(new_pw)
    status_is(f, vc.post("/api/auth/password", {"current_password": viewer.password, "new_password": new_pw}),
              200, "viewer changes its password")
    weak_pw = "password"
    r = vc.post("/api/auth/password", {"current_password": new_pw, "new_password": weak_pw})
    status_is(f, r, 422, "weak password refused")
    status_is(f, vc.post("/api/auth/logout"), 200, "viewer logs out")
    status_is(f, wc.get("/api/units?q=" + urllib.parse.quote("Ninh Nhất Bí Mật")), 200, "a search with free text")
    free_text.add("Ninh Nhất Bí Mật")
    for c in (vc, ac, wc, anon):
        c.close()

    # ---- the dpo reads ----------------------------------------------------------------------
    dc = sign_in(server, dpo)
    ids[dpo.username] = dpo.id
    status_is(f, dc.get("/api/accounts"), 403, "dpo lists accounts")
    v = dc.get_json("/api/audit/verify")
    f.expect(v.get("ok") is True and v.get("entries", 0) > 20 and not v.get("first_bad_seq") and v.get("head_hash"),
             f"GET /api/audit/verify before tampering: {v}")
    everything = dc.get_json("/api/audit?limit=1000")
    items = everything["items"]
    f.expect(everything["total"] == len(items) and len(items) > 20, f"total {everything['total']} vs {len(items)} items")
    seqs = [i["seq"] for i in items]
    f.expect(seqs == sorted(seqs, reverse=True), "entries are not newest first")
    f.expect(set(items[0]) >= {"seq", "at", "actor", "role", "action", "entity", "entity_id", "outcome",
                                "request_id", "hash"}, f"entry fields: {sorted(items[0])}")

    def has(what: str, **want) -> None:
        found = [i for i in items if all(i.get(k) == v for k, v in want.items())]
        f.expect(bool(found), f"no audit entry for {what}: {want}")

    has("viewer's login", action="login", outcome="ok", entity="account", entity_id=viewer.id, actor=viewer.id)
    has("admin's login", action="login", outcome="ok", entity_id=admin.id)
    has("worker's login", action="login", outcome="ok", entity_id=worker.id)
    has("wrong password", action="login", outcome="failed", entity="account", entity_id=viewer.id)
    has("unknown name", action="login", outcome="failed", entity="account", entity_id="")
    has("wrong TOTP code", action="login", entity_id=worker.id, outcome="failed_totp")
    has("viewer denied the accounts list", action="deny", outcome="denied", actor=viewer.id, entity="account")
    has("viewer denied the audit log", action="deny", outcome="denied", actor=viewer.id, entity="audit")
    has("worker denied an account", action="deny", outcome="denied", actor=worker.id, entity="account")
    has("missing CSRF token", action="deny", outcome="denied", actor=admin.id, entity="csrf")
    has("account creation", action="create", entity="account", entity_id=created["id"], actor=admin.id,
        outcome="ok")
    has("account change", action="update", entity="account", entity_id=created["id"], actor=admin.id)
    has("password reset", action="password_reset", entity="account", entity_id=created["id"], actor=admin.id)
    has("unit rename", entity="unit", entity_id="14347", actor=admin.id, outcome="ok")
    has("own password change", action="password_change", entity="account", entity_id=viewer.id, actor=viewer.id)
    has("logout", action="logout", actor=viewer.id)
    has("TOTP enrolment", action="totp_enrol", entity_id=worker.id)
    # roles of the actors
    for i in items:
        if i["actor"] in (admin.id,) and i["action"] == "create":
            f.expect(i["role"] == "admin", f"creation by {i['role']!r}")
    # the dpo's reading is audited too (this read is newer than the list above)
    later = dc.get_json(f"/api/audit?actor={dpo.id}&action=read&limit=1000")
    f.expect(any(i["entity"] == "audit" for i in later["items"]), f"the dpo's audit read is not audited: {later}")

    # filters: exactly the matching entries, and `total` counts them
    for query in ({"entity": "account"}, {"action": "login"}, {"outcome": "failed"}, {"outcome": "denied"},
                  {"actor": admin.id}, {"actor": viewer.id, "action": "login"}, {"entity_id": created["id"]},
                  {"entity": "account", "action": "login", "outcome": "failed"}, {"action": "no_such_action"}):
        want = [i["seq"] for i in items if all(i[k] == v for k, v in query.items())]
        qs = urllib.parse.urlencode({**query, "limit": 1000})
        got = dc.get_json(f"/api/audit?{qs}")
        got_seqs = [i["seq"] for i in got["items"] if i["seq"] <= items[0]["seq"]]
        f.expect(got_seqs == want, f"filter {query}: seqs {got_seqs[:20]} want {want[:20]}")
        newer = sum(1 for i in got["items"] if i["seq"] > items[0]["seq"])
        f.expect(got["total"] == len(want) + newer, f"filter {query}: total {got['total']} want {len(want) + newer}")
        f.expect(all(all(i[k] == v for k, v in query.items()) for i in got["items"]), f"filter {query}: other rows")
    # paging
    page = dc.get_json("/api/audit?limit=5&offset=2")
    f.expect(len(page["items"]) == 5 and page["total"] >= len(items), f"paging: {len(page['items'])} {page['total']}")
    # from / to: nothing before 2000, everything in the current year
    f.expect(dc.get_json("/api/audit?to=2000-01-01")["total"] == 0, "to=2000-01-01 finds entries")
    year = items[0]["at"][:4]
    f.expect(dc.get_json(f"/api/audit?from={year}-01-01&limit=1")["total"] >= len(items), "from= this year")

    # no secrets, names or free text in any field of any entry
    def scan(rows: list[list[str]] | list[dict], where: str) -> None:
        f.expect(len(rows) > 20, f"{where}: only {len(rows)} rows to scan")
        bad = []
        for row in rows:
            values = list(row.values()) if isinstance(row, dict) else row
            blob = "\x1f".join(str(x) for x in values)
            for s in secrets | names | free_text:
                if s and s in blob:
                    bad.append(f"{s!r} in {values}")
        f.expect(not bad, f"{where}: {len(bad)} entries hold secrets or names: {bad[:5]}")

    everything = dc.get_json("/api/audit?limit=1000")["items"]
    # contract: items carry `actor_username` (the dpo reads who did what); it names the entry's
    # actor and nothing else, and the other fields still hold no name
    by_id = {v: k for k, v in ids.items()}
    wrong_names = [i for i in everything
                   if i.get("actor") in by_id and i.get("actor_username") != by_id[i["actor"]]]
    f.expect("actor_username" in everything[0] and not wrong_names,
             f"actor_username does not name the actor: {wrong_names[:3] or everything[0]}")
    scan([{k: v for k, v in i.items() if k != "actor_username"} for i in everything], "GET /api/audit")
    by_name = dc.get_json(f"/api/audit?actor={admin.username}&limit=1000")
    by_uuid = dc.get_json(f"/api/audit?actor={admin.id}&limit=1000")
    f.expect(by_name["total"] == by_uuid["total"] > 0 and
             [i["seq"] for i in by_name["items"]] == [i["seq"] for i in by_uuid["items"]],
             f"actor=<user name> ({by_name['total']}) and actor=<id> ({by_uuid['total']}) differ")
    scan(server.sql("SELECT * FROM audit_log"), "the audit_log table")
    # and not in the change log either
    scan(server.sql("SELECT * FROM change_log"), "the change_log table")
    dc.close()
    server.stop()

    # ---- pcmd audit verify ------------------------------------------------------------------
    head = server.sql("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1")[0]
    p = server.cli("audit", "verify")
    m = re.search(r"audit chain ok: (\d+) entries, head ([0-9a-f]+)", p.stdout)
    f.expect(p.returncode == 0 and m is not None and m.group(1) == head[0] and m.group(2) == head[1],
             f"pcmd audit verify on the untouched store: exit {p.returncode}, {p.stdout!r} {p.stderr[-500:]!r} "
             f"(head {head})")
    n = int(head[0])

    # ---- tampering --------------------------------------------------------------------------
    def seq_of(sql_where: str) -> int:
        return int(server.sql(f"SELECT MIN(seq) FROM audit_log WHERE {sql_where}")[0][0])

    failed_login = seq_of("action = 'login' AND outcome = 'failed'")
    deny = seq_of("action = 'deny'")
    middle = n // 2
    cases = [
        ("one field changed (a failed login made ok)", f"UPDATE audit_log SET outcome = 'ok' WHERE seq = {failed_login}",
         failed_login),
        ("one entry deleted (a denial)", f"DELETE FROM audit_log WHERE seq = {deny}", deny + 1),
        ("two entries' contents swapped",
         f"UPDATE audit_log SET seq = -1 WHERE seq = {middle}; "
         f"UPDATE audit_log SET seq = {middle} WHERE seq = {middle + 1}; "
         f"UPDATE audit_log SET seq = {middle + 1} WHERE seq = -1", middle),
    ]
    for what, sql, first_bad in cases:
        store_args = tampered_copy(server, sql, copies)
        p = subprocess.run([server.binary, "audit", "verify", *store_args], capture_output=True, text=True,
                           env=server.env, timeout=120)
        out = p.stdout + p.stderr
        m = re.search(r"entry (\d+)", out)
        named = int(m.group(1)) if m else None
        f.expect(p.returncode == 1 and named == first_bad and "audit chain ok" not in out,
                 f"{what}: want exit 1 naming entry {first_bad}, got exit {p.returncode}: {out.strip()[:400]!r}")
        print(f"{'ok' if p.returncode == 1 and named == first_bad else 'BAD'}: {what} -> exit {p.returncode}: "
              f"{p.stdout.strip()[:200]}", flush=True)
    reports = server.sanitizer_reports()
    f.expect(not reports, f"sanitizer reports: {reports[:5]}")


_copies = 0


def tampered_copy(server: PcmdServer, sql: str, copies: list[str]) -> list[str]:
    """A copy of the (stopped) server's store with `sql` applied behind pcmd's back; its store args."""
    global _copies
    _copies += 1
    n = _copies
    if server.engine == "sqlite":
        target = os.path.join(server.workdir, f"tampered-{n}")
        shutil.copytree(server.data_dir, target)
        p = subprocess.run(["sqlite3", os.path.join(target, "pcmd.sqlite"), f"BEGIN; {sql}; COMMIT;"],
                           capture_output=True, text=True, timeout=60)
        if p.returncode != 0:
            raise HarnessError(f"sqlite3 {sql!r}: {p.stderr}")
        return ["--data", target]
    name = f"{server.db_name}_t{n}"
    run_psql(server.cluster_url, f'CREATE DATABASE "{name}" TEMPLATE "{server.db_name}"')
    copies.append(name)
    parts = urllib.parse.urlsplit(server.db_url)
    url = urllib.parse.urlunsplit(parts._replace(path="/" + name))
    run_psql(url, f"BEGIN; {sql}; COMMIT;")
    return ["--db", url]


if __name__ == "__main__":
    sys.exit(main())
