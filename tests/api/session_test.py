#!/usr/bin/env python3
"""session_test.py: sessions, CSRF, forced password change, throttling, TOTP, password policy.

    session_test.py --bin build/dev/src/app/pcmd [--engine sqlite|postgresql] [-k NAME]

docs/contract.md "Accounts, sessions and access" and README.md "Accounts and access", checked
against the real binary: logout ends the session and its token is refused afterwards; a 2-second
idle timeout (`[security] idle_timeout_seconds = 2`) ends an idle session but not one in use,
which the absolute timeout ends; disabling an account
or changing its role or unit (API or `pcmd user disable`) ends its sessions; a state-changing
request without `X-CSRF-Token` is refused with 403 `csrf` and changes nothing; a password change
ends the account's other sessions; an account created by an administrator must change its
password before anything but `/api/auth/*` and `/api/roles` (record types and code lists need a
full session); ten failures lock a user name (429 `throttled`,
`Retry-After`), a name without an account alike; TOTP enrolment, codes, replay and recovery codes;
the password rules.

Two servers (one store each): one with the default configuration for most checks, one with a
2-second idle and a 6-second absolute timeout. Accounts are made with `pcmd user add` before serving. Each check uses its
own accounts, so the checks are independent. Exit status 0 when every check passed.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
import traceback
import urllib.parse

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "harness"))
from pcmd_server import Client, HarnessError, PcmdServer, Response  # noqa: E402
from access_kit import TestAccount, add_accounts, current_step, enrol_totp, sign_in, totp_code  # noqa: E402

CHECKS = []


def check(fn):
    CHECKS.append(fn)
    return fn


def expect(cond: bool, msg: str) -> None:
    if not cond:
        raise HarnessError(msg)


def code_of(r: Response) -> str | None:
    try:
        return r.json().get("error", {}).get("code")
    except Exception:
        return None


def expect_status(r: Response, status: int, code: str | None = None, what: str = "") -> None:
    ok = r.status == status and (code is None or code_of(r) == code)
    expect(ok, f"{what}: want {status}{' ' + code if code else ''}\n{r.describe(800)}")


def field_codes(r: Response) -> set[tuple[str, str]]:
    try:
        return {(f["field"], f["code"]) for f in r.json()["error"].get("fields", [])}
    except Exception:
        return set()


class Ctx:
    """The servers and the accounts of the run."""

    def __init__(self, a):
        self.a = a
        self.accounts: dict[str, TestAccount] = {}
        self.main: PcmdServer | None = None
        self.idle: PcmdServer | None = None
        self._admin: Client | None = None

    def acct(self, name: str) -> TestAccount:
        return self.accounts[name]

    def admin(self) -> Client:
        if self._admin is None:
            self._admin = self.main.admin_client()
        return self._admin

    def account_json(self, username: str) -> dict:
        items = self.admin().get_json(f"/api/accounts?q={urllib.parse.quote(username)}&limit=1000")["items"]
        found = [i for i in items if i["username"] == username]
        expect(len(found) == 1, f"account {username} not listed once: {items}")
        return found[0]


# Accounts of the main server: name -> (role, unit)
MAIN_ACCOUNTS = {
    "s.logout": ("viewer", "369"),
    "s.disable": ("viewer", "14347"),
    "s.disable.cli": ("commune_officer", "14347"),
    "s.role": ("district_officer", "369"),
    "s.unit": ("viewer", "14347"),
    "s.rename": ("viewer", "14347"),
    "s.csrf.admin": ("admin", "369"),
    "s.password": ("viewer", "374"),
    "s.throttle": ("viewer", "374"),
    "s.totp": ("commune_officer", "14530"),
    "s.policy": ("viewer", "374"),
}
IDLE_ACCOUNTS = {
    "i.idle": ("viewer", "369"),
    "i.active": ("viewer", "369"),
}


# --------------------------------------------------------------------------------------------


@check
def logout_ends_the_session_and_its_token_is_refused(ctx: Ctx):
    a = ctx.acct("s.logout")
    c = ctx.main.client()
    r = c.login(a.username, a.password)
    expect_status(r, 200, what="sign-in")
    # contract: the cookie `__Host-pcmd_session` (Secure, HttpOnly, SameSite=Strict, Path=/)
    set_cookie = r.header_all("Set-Cookie")
    expect(len(set_cookie) == 1, f"Set-Cookie: {set_cookie}")
    attrs = [x.strip() for x in set_cookie[0].split(";")]
    name, _, token = attrs[0].partition("=")
    lower = {x.lower() for x in attrs[1:]}
    expect(name == "__Host-pcmd_session" and len(token) >= 32 and {"secure", "httponly", "samesite=strict",
                                                                    "path=/"} <= lower
           and not any(x.startswith("domain") for x in lower), f"session cookie: {set_cookie[0]}")
    me = c.get("/api/auth/me")
    expect_status(me, 200, what="me before logout")
    expect(me.json().get("csrf_token") == r.json()["csrf_token"] and
           me.json()["user"] == r.json()["user"], f"me is not the login object: {me.text} vs {r.text}")
    cookies, csrf = dict(c.cookies), c.csrf_token
    expect(cookies, "login set no cookie")
    expect_status(c.post("/api/auth/logout"), 200, what="logout")
    expect(not c.cookies, f"logout did not clear the cookie: {c.cookies}")
    # the old token replayed, on a new connection, for a read and for a write
    with ctx.main.client() as replay:
        replay.cookies, replay.csrf_token = cookies, csrf
        expect_status(replay.get("/api/auth/me"), 401, "unauthenticated", "old cookie after logout")
        expect_status(replay.get("/api/units"), 401, "unauthenticated", "old cookie on /api/units")
        expect_status(replay.post("/api/auth/logout"), 401, what="second logout with the old cookie")
    c.close()


@check
def idle_session_expires(ctx: Ctx):
    a = ctx.acct("i.idle")
    c = sign_in(ctx.idle, a)
    expect_status(c.get("/api/auth/me"), 200, what="right after sign-in")
    time.sleep(3.2)
    expect_status(c.get("/api/auth/me"), 401, "unauthenticated", "after 3 s idle with a 2-s idle timeout")
    expect_status(c.get("/api/units"), 401, what="still refused")
    # signing in again works
    c.cookies.clear()
    c = sign_in(ctx.idle, a)
    expect_status(c.get("/api/units?limit=1"), 200, what="signed in again")
    c.close()


@check
def a_session_in_use_outlives_the_idle_timeout_but_not_the_absolute_one(ctx: Ctx):
    # "30 min idle / 12 h absolute": the idle timeout counts from the last request, the absolute
    # one from the sign-in. Here 2 s and 6 s; one request every 0.5 s.
    a = ctx.acct("i.active")
    c = sign_in(ctx.idle, a)
    started = time.monotonic()
    n, ended = 0, None
    while time.monotonic() - started < 9.0:
        r = c.get("/api/auth/me")
        n += 1
        elapsed = time.monotonic() - started
        if r.status != 200:
            expect(r.status == 401, f"request {n}: {r.describe(300, headers=False)}")
            ended = elapsed
            break
        time.sleep(0.5)
    expect(ended is not None, "the session outlived the 6-s absolute timeout")
    expect(ended > 5.0, f"a session in use (a request every 0.5 s) ended {ended:.1f} s after sign-in: "
                        "before the 6-s absolute timeout, so the 2-s idle timeout counted from an "
                        "earlier request than the last one")
    c.close()


@check
def disabling_an_account_ends_its_sessions(ctx: Ctx):
    a = ctx.acct("s.disable")
    c = sign_in(ctx.main, a)
    expect_status(c.get("/api/units?limit=1"), 200, what="before")
    info = ctx.account_json(a.username)
    r = ctx.admin().patch(f"/api/accounts/{info['id']}", {"version": info["version"], "is_disabled": True})
    expect_status(r, 200, what="admin disables")
    expect_status(c.get("/api/units?limit=1"), 401, "unauthenticated", "next request of the disabled account")
    with ctx.main.client() as again:
        r = again.login(a.username, a.password)
        expect_status(r, 401, "invalid_credentials", "sign-in of a disabled account")
    c.close()


@check
def cli_user_disable_ends_the_sessions_of_a_running_server(ctx: Ctx):
    a = ctx.acct("s.disable.cli")
    c = sign_in(ctx.main, a)
    expect_status(c.get("/api/units?limit=1"), 200, what="before")
    p = ctx.main.cli("user", "disable", a.username)
    expect(p.returncode == 0, f"pcmd user disable exited {p.returncode}: {p.stdout}{p.stderr[-1500:]}")
    expect_status(c.get("/api/units?limit=1"), 401, "unauthenticated", "after `pcmd user disable`")
    c.close()


@check
def a_role_or_unit_change_ends_the_sessions_and_a_name_change_does_not(ctx: Ctx):
    for name, change in (("s.role", {"role": "commune_officer"}), ("s.unit", {"unit_code": "14350"})):
        a = ctx.acct(name)
        c = sign_in(ctx.main, a)
        expect_status(c.get("/api/units?limit=1"), 200, what=f"{name} before")
        info = ctx.account_json(a.username)
        r = ctx.admin().patch(f"/api/accounts/{info['id']}", {"version": info["version"], **change})
        expect_status(r, 200, what=f"admin changes {change}")
        expect_status(c.get("/api/units?limit=1"), 401, "unauthenticated", f"{name} after {change}")
        c.close()
    a = ctx.acct("s.rename")
    c = sign_in(ctx.main, a)
    info = ctx.account_json(a.username)
    r = ctx.admin().patch(f"/api/accounts/{info['id']}", {"version": info["version"], "display_name": "Tên mới"})
    expect_status(r, 200, what="admin renames")
    r = c.get("/api/auth/me")
    expect_status(r, 200, what="after a display-name change the session goes on")
    c.close()


@check
def a_write_without_the_csrf_token_is_refused_and_changes_nothing(ctx: Ctx):
    a = ctx.acct("s.csrf.admin")
    c = sign_in(ctx.main, a)
    evil = {"Origin": "https://evil.example", "Referer": "https://evil.example/page", "X-CSRF-Token": None}
    before_total = c.get_json("/api/accounts?limit=1000")["total"]
    r = c.post("/api/accounts", {"username": "csrf.victim", "role": "admin", "unit_code": "369"}, headers=evil)
    expect_status(r, 403, "csrf", "POST /api/accounts without the token, from another origin")
    r = c.post("/api/units", {"code": "99401", "name": "Xã Giả Mạo", "level": "commune", "type": "Xã",
                              "parent_code": "369", "valid_from": "2021-01-01"}, headers=evil)
    expect_status(r, 403, "csrf", "POST /api/units without the token")
    mine = [i for i in c.get_json("/api/accounts?limit=1000")["items"]
            if i["username"] != a.username and not i["is_disabled"]][0]
    r = c.request("PATCH", f"/api/accounts/{mine['id']}", {"version": mine["version"], "is_disabled": True},
                  headers=evil)
    expect_status(r, 403, "csrf", "PATCH /api/accounts/{id} without the token")
    r = c.post(f"/api/accounts/{mine['id']}/password-reset", headers=evil)
    expect_status(r, 403, "csrf", "password reset without the token")
    r = c.post("/api/auth/logout", headers={"X-CSRF-Token": "0" * 32, "Origin": "https://evil.example"})
    expect_status(r, 403, "csrf", "logout with a wrong token")
    # nothing changed, and the session is still there
    after = c.get_json("/api/accounts?limit=1000")
    expect(after["total"] == before_total, f"account count changed: {before_total} -> {after['total']}")
    expect(all(i["username"] != "csrf.victim" for i in after["items"]), "csrf.victim was created")
    now = [i for i in after["items"] if i["id"] == mine["id"]][0]
    expect(now == mine, f"{mine['username']} changed: {mine} -> {now}")
    expect_status(c.get("/api/units/99401"), 404, what="the unit was not created")
    expect_status(c.get("/api/auth/me"), 200, what="session after the refused logout")
    c.close()


@check
def a_password_change_ends_the_other_sessions(ctx: Ctx):
    a = ctx.acct("s.password")
    one, two = sign_in(ctx.main, a), sign_in(ctx.main, a)
    expect_status(two.get("/api/auth/me"), 200, what="second session")
    new = "Doi-Mat-Khau-" + a.password[-8:]
    r = one.post("/api/auth/password", {"current_password": "wrong-" + a.password, "new_password": new})
    expect(r.status == 422 and ("current_password", "incorrect") in field_codes(r),
           f"wrong current password: {r.describe(500)}")
    r = one.post("/api/auth/password", {"current_password": a.password, "new_password": new})
    expect_status(r, 200, what="password change")
    expect_status(one.get("/api/auth/me"), 200, what="the session that changed the password")
    expect_status(two.get("/api/auth/me"), 401, "unauthenticated", "the other session")
    with ctx.main.client() as c:
        expect_status(c.login(a.username, a.password), 401, "invalid_credentials", "old password")
    a.password = new
    with ctx.main.client() as c:
        expect_status(c.login(a.username, new), 200, what="new password")
    one.close()
    two.close()


@check
def an_account_made_by_an_admin_must_change_its_password_first(ctx: Ctx):
    admin = ctx.admin()
    for username, role in (("s.fresh", "viewer"), ("s.fresh.totp", "social_worker")):
        r = admin.post("/api/accounts", {"username": username, "display_name": "Người Mới", "role": role,
                                         "unit_code": "14347"})
        expect_status(r, 201, what=f"create {username}")
        created = r.json()
        otp = created.get("one_time_password")
        expect(otp and created.get("must_change_password") is True, f"create: {created}")
        c = ctx.main.client()
        r = c.login(username, otp)
        expect_status(r, 200, what="sign-in with the one-time password")
        expect(r.json().get("must_change_password") is True, f"login: {r.text}")
        expect_status(c.get("/api/units"), 403, "password_change_required", "/api/units before the change")
        # contract: "GET /api/roles answers in limited sessions too"; the `signed_in` routes
        # (record types, code lists) need a full session
        expect_status(c.get("/api/roles"), 200, what="/api/roles in a limited session")
        expect_status(c.get("/api/record-types"), 403, "password_change_required",
                      "/api/record-types before the change")
        expect_status(c.get("/api/code-lists/communication_form"), 403, "password_change_required",
                      "/api/code-lists before the change")
        expect_status(c.get("/api/auth/me"), 200, what="/api/auth/me answers a limited session")
        new = "Mat-Khau-Moi-2024-" + username
        expect_status(c.post("/api/auth/password", {"current_password": otp, "new_password": new}), 200,
                      what="password change")
        if role == "viewer":
            expect_status(c.get("/api/units?limit=1"), 200, what="/api/units after the change")
            me = c.get_json("/api/auth/me")
            expect(me["must_change_password"] is False, f"me after the change: {me}")
        else:
            # a role that needs TOTP: still limited until it enrols
            expect_status(c.get("/api/units"), 403, "totp_enrolment_required", "TOTP role after the change")
            expect_status(c.get("/api/record-types"), 403, "totp_enrolment_required",
                          "/api/record-types before TOTP enrolment")
            expect_status(c.get("/api/roles"), 200, what="/api/roles before TOTP enrolment")
            acct = TestAccount(username, role, "14347", password=new)
            enrol_totp(c, acct)
            expect_status(c.get("/api/units?limit=1"), 200, what="after TOTP enrolment")
        c.close()
    # an administrator's password reset ends the account's sessions and forces the change again
    signed_in = sign_in(ctx.main, TestAccount("s.fresh", "viewer", "14347", password="Mat-Khau-Moi-2024-s.fresh"))
    expect_status(signed_in.get("/api/units?limit=1"), 200, what="s.fresh signed in")
    info = ctx.account_json("s.fresh")
    r = admin.post(f"/api/accounts/{info['id']}/password-reset")
    expect_status(r, 200, what="password reset")
    expect_status(signed_in.get("/api/units?limit=1"), 401, "unauthenticated", "session after a password reset")
    signed_in.close()
    otp = r.json()["one_time_password"]
    with ctx.main.client() as c:
        r = c.login("s.fresh", otp)
        expect(r.status == 200 and r.json()["must_change_password"] is True, f"after reset: {r.describe(500)}")
        expect_status(c.get("/api/units"), 403, "password_change_required", "after reset")


@check
def ten_failures_lock_a_user_name_whether_or_not_it_exists(ctx: Ctx):
    a = ctx.acct("s.throttle")
    ghost = "s.ghost.nobody"
    replies: dict[str, list[Response]] = {a.username: [], ghost: []}
    with ctx.main.client() as c:
        for name in (a.username, ghost):
            for i in range(10):
                r = c.login(name, f"wrong-password-{i}")
                replies[name].append(r)
                expect_status(r, 401, "invalid_credentials", f"failure {i + 1} for {name}")
        expect(replies[a.username][0].body == replies[ghost][0].body,
               f"wrong password vs no such user differ:\n{replies[a.username][0].text}\n{replies[ghost][0].text}")
        locked = c.login(a.username, a.password)
        expect_status(locked, 429, "throttled", "11th attempt, right password")
        retry = locked.header("Retry-After")
        expect(retry is not None and retry.isdigit() and 0 < int(retry) <= 15 * 60,
               f"Retry-After {retry!r}")
        locked_ghost = c.login(ghost, "whatever-password")
        expect(locked_ghost.status == locked.status and locked_ghost.body == locked.body and
               locked_ghost.header("Retry-After") == retry,
               f"a name without an account is not locked alike:\n{locked.describe(500)}\n"
               f"{locked_ghost.describe(500)}")
        # the lock is per name: another account still signs in
        other = sign_in(ctx.main, ctx.acct("s.policy"))
        expect_status(other.get("/api/auth/me"), 200, what="another name is not locked")
        other.close()


@check
def totp_enrolment_codes_replay_and_recovery_codes(ctx: Ctx):
    a = ctx.acct("s.totp")
    c = ctx.main.client()
    r = c.login(a.username, a.password)
    expect_status(r, 200, what="first sign-in")
    expect(r.json()["must_enrol_totp"] is True, f"must_enrol_totp: {r.text}")
    expect_status(c.get("/api/units"), 403, "totp_enrolment_required", "before enrolment")
    r = c.post("/api/auth/totp/enrol")
    expect_status(r, 200, what="enrol")
    e = r.json()
    secret = e["secret"]
    uri = urllib.parse.urlsplit(e["otpauth_uri"])
    q = urllib.parse.parse_qs(uri.query)
    expect(uri.scheme == "otpauth" and uri.netloc == "totp" and uri.path == f"/pcmd:{a.username}" and
           q.get("secret") == [secret] and q.get("issuer") == ["pcmd"] and q.get("digits") == ["6"] and
           q.get("period") == ["30"] and q.get("algorithm", ["SHA1"]) == ["SHA1"],
           f"otpauth_uri: {e['otpauth_uri']}")
    now = current_step()
    wrong = totp_code(secret, now + 5)
    r = c.post("/api/auth/totp/confirm", {"code": wrong})
    expect(r.status == 422 and ("code", "incorrect") in field_codes(r), f"wrong code: {r.describe(500)}")
    a.totp_secret, a.last_step = secret, -1
    code, _ = a.next_totp()
    r = c.post("/api/auth/totp/confirm", {"code": code})
    expect_status(r, 200, what="confirm")
    recovery = r.json()["recovery_codes"]
    expect(len(recovery) == 10 and len(set(recovery)) == 10, f"recovery codes: {recovery}")
    expect_status(c.get("/api/units?limit=1"), 200, what="the enrolling session after confirmation")
    c.close()

    with ctx.main.client() as c:
        r = c.login(a.username, a.password)
        expect_status(r, 401, "totp_required", "password only")
        r = c.login(a.username, a.password, totp_code(secret, current_step() + 7))
        expect_status(r, 401, "totp_required", "a wrong code")
        code, _ = a.next_totp()
        r = c.login(a.username, a.password, code)
        expect_status(r, 200, what="password and code")
        expect(r.json()["user"]["totp_enabled"] is True and r.json()["must_enrol_totp"] is False, r.text)
        expect_status(c.get("/api/units?limit=1"), 200, what="full session")
    with ctx.main.client() as c:
        r = c.login(a.username, a.password, code)
        expect_status(r, 401, "totp_required", "the same code again (replay)")
        r = c.login(a.username, "wrong-" + a.password, totp_code(secret, current_step()))
        expect_status(r, 401, "invalid_credentials", "a good code with a wrong password")
    with ctx.main.client() as c:
        r = c.login(a.username, a.password, recovery[3])
        expect_status(r, 200, what="a recovery code")
    with ctx.main.client() as c:
        r = c.login(a.username, a.password, recovery[3])
        expect_status(r, 401, "totp_required", "the same recovery code again")
        r = c.login(a.username, a.password, recovery[4].upper())
        expect_status(r, 200, what="another recovery code, upper case")


@check
def password_rules(ctx: Ctx):
    a = ctx.acct("s.policy")
    c = sign_in(ctx.main, a)
    cases = [
        ("Ab1-xyz", "too_short"),
        ("x" * 129, "too_long"),
        ("password", "too_common"),
        ("12345678", "too_common"),
        (a.username, "same_as_username"),
        (a.username.upper(), "same_as_username"),
    ]
    for pw, code in cases:
        r = c.post("/api/auth/password", {"current_password": a.password, "new_password": pw})
        expect(r.status == 422 and ("new_password", code) in field_codes(r),
               f"new password {pw[:20]!r}: want 422 new_password {code}\n{r.describe(600)}")
    # 8 characters and 128 characters are fine, and nothing changed by the refusals
    expect_status(c.get("/api/auth/me"), 200, what="still signed in")
    with ctx.main.client() as other:
        expect_status(other.login(a.username, a.password), 200, what="the old password still works")
    for pw in ("Tám-ký-t", "y" * 127 + "z"):
        r = c.post("/api/auth/password", {"current_password": a.password, "new_password": pw})
        expect_status(r, 200, what=f"a {len(pw)}-character password")
        a.password = pw
    c.close()


# --------------------------------------------------------------------------------------------


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", required=True)
    ap.add_argument("--engine", choices=("sqlite", "postgresql"), default="sqlite")
    ap.add_argument("-k", dest="only", default=None, help="run only checks whose name has this")
    a = ap.parse_args()
    if a.engine == "postgresql" and not os.environ.get("PCMD_TEST_PG_URL"):
        print("session_test: --engine postgresql needs PCMD_TEST_PG_URL; run under "
              "tests/harness/with_postgres.sh", file=sys.stderr)
        return 2
    started, failed, passed = time.monotonic(), [], 0
    ctx = Ctx(a)
    ctx.main = PcmdServer(a.bin, engine=a.engine, name="session")
    ctx.idle = PcmdServer(a.bin, engine=a.engine, name="session-idle",
                          config="[security]\nidle_timeout_seconds = 2\nabsolute_timeout_seconds = 6\n")
    try:
        for server, accounts in ((ctx.main, MAIN_ACCOUNTS), (ctx.idle, IDLE_ACCOUNTS)):
            server.init()
            made = [TestAccount(n, role, unit, display_name=f"Người {n}") for n, (role, unit) in accounts.items()]
            add_accounts(server, made)
            for x in made:
                ctx.accounts[x.username] = x
            server.start()
        print(f"setup {time.monotonic() - started:.1f} s", flush=True)
        for fn in CHECKS:
            if a.only and a.only not in fn.__name__:
                continue
            t = time.monotonic()
            try:
                fn(ctx)
                passed += 1
                print(f"PASS {fn.__name__} ({time.monotonic() - t:.1f} s)", flush=True)
            except Exception as e:
                failed.append(fn.__name__)
                detail = str(e) if isinstance(e, HarnessError) else traceback.format_exc()
                print(f"FAIL {fn.__name__} ({time.monotonic() - t:.1f} s)\n  " +
                      detail.replace("\n", "\n  "), flush=True)
        if ctx._admin:
            ctx._admin.close()
        for server in (ctx.main, ctx.idle):
            server.stop()
            reports = server.sanitizer_reports()
            if reports:
                failed.append("sanitizers")
                print("FAIL sanitizer reports:\n  " + "\n  ".join(reports[:10]) + "\n" + server.sanitizer_context())
    except Exception as e:
        failed.append("setup")
        detail = str(e) if isinstance(e, HarnessError) else traceback.format_exc()
        print(f"FAIL setup/teardown\n  {detail}")
    finally:
        for server in (ctx.main, ctx.idle):
            try:
                server.close(check_exit=False)
            except Exception as e:
                print(f"warning: {e}")
    print(f"\n{passed} passed, {len(failed)} failed, {time.monotonic() - started:.1f} s on {a.engine}")
    if failed:
        print("failed: " + " ".join(failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
