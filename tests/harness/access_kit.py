"""Accounts for tests that sign in: RFC 6238 codes, `pcmd user add`, sign-in with TOTP enrolment,
and the unit tree of the shipped CSV (to compute "this unit and below" without asking the server).

    acct = TestAccount("mx.admin.37.z", "admin", "37")
    add_accounts(server, [acct, ...])        # `pcmd user add … --keep-password`, before serving
    client = sign_in(server, acct)            # enrols TOTP when the role needs it

TOTP replay rule: the server accepts a code of the steps now-1..now+1 once per account and never a
step at or before the last one used, so `TestAccount.next_totp()` hands out increasing steps (the
current one, then the next) and waits for the clock when both are used up.

Python 3 standard library only.
"""

from __future__ import annotations

import base64
import concurrent.futures
import csv
import hashlib
import hmac
import struct
import threading
import time
from dataclasses import dataclass, field

from pcmd_server import DEFAULT_UNITS, Client, HarnessError, PcmdServer

ROLES = ("admin", "province_officer", "district_officer", "commune_officer", "inspector",
         "intake_officer", "social_worker", "peer_educator", "viewer", "dpo")
# docs/contract.md: "Roles that need it (every role except admin, viewer, dpo)".
TOTP_ROLES = frozenset(ROLES) - {"admin", "viewer", "dpo"}

TOTP_PERIOD = 30


def totp_code(secret_b32: str, step: int, digits: int = 6) -> str:
    """RFC 6238 / RFC 4226 with HMAC-SHA1."""
    secret_b32 = secret_b32.strip().replace(" ", "").upper()
    key = base64.b32decode(secret_b32 + "=" * (-len(secret_b32) % 8))
    mac = hmac.new(key, struct.pack(">Q", step), hashlib.sha1).digest()
    offset = mac[-1] & 0x0F
    number = struct.unpack(">I", mac[offset:offset + 4])[0] & 0x7FFFFFFF
    return str(number % 10 ** digits).zfill(digits)


def current_step(now: float | None = None) -> int:
    return int(time.time() if now is None else now) // TOTP_PERIOD


@dataclass
class TestAccount:
    username: str
    role: str
    unit: str
    password: str = ""
    display_name: str = ""
    id: str | None = None
    totp_secret: str | None = None
    recovery_codes: list[str] = field(default_factory=list)
    last_step: int = -1
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def __post_init__(self):
        if not self.password:
            # unique per account, long, not common, not the user name
            self.password = "Pw-" + hashlib.sha256(self.username.encode()).hexdigest()[:20]

    def next_totp(self) -> tuple[str, int]:
        """A code the server accepts now and has not seen: (code, step)."""
        if not self.totp_secret:
            raise HarnessError(f"{self.username} has no TOTP secret")
        with self._lock:
            while True:
                now = current_step()
                # the current step first: a code of the step before can fall out of the server's
                # window when a step boundary passes between here and there
                step = max(now, self.last_step + 1)
                if step <= now + 1:
                    self.last_step = step
                    return totp_code(self.totp_secret, step), step
                time.sleep(0.5)


def add_accounts(server: PcmdServer, accounts: list[TestAccount], workers: int = 1) -> None:
    """`pcmd user add NAME --role R --unit U [--display-name T] --keep-password` for each account,
    password on standard input. Fills in `id` from the command's output."""

    def add(a: TestAccount) -> None:
        args = ["user", "add", a.username, "--role", a.role, "--unit", a.unit, "--keep-password"]
        if a.display_name:
            args += ["--display-name", a.display_name]
        p = server.cli(*args, input=a.password + "\n")
        if p.returncode != 0:
            raise HarnessError(f"pcmd {' '.join(args)} exited {p.returncode}:\n{p.stdout}\n{p.stderr[-2000:]}")
        out = p.stdout
        marker = "id "
        if marker in out:
            a.id = out.rsplit(marker, 1)[1].strip().rstrip(")").strip()

    if workers <= 1:
        for a in accounts:
            add(a)
    else:
        with concurrent.futures.ThreadPoolExecutor(workers) as ex:
            list(ex.map(add, accounts))


def sign_in(server: PcmdServer, acct: TestAccount, enrol: bool = True) -> Client:
    """A client signed in as `acct`. When the session is limited because the role needs TOTP,
    enrols through /api/auth/totp/enrol + /confirm (the session then leaves the limited state)."""
    c = server.client()
    code = acct.next_totp()[0] if acct.totp_secret else None
    r = c.login(acct.username, acct.password, code)
    if r.status != 200:
        raise HarnessError(f"sign-in of {acct.username} failed:\n{r.describe()}")
    body = r.json()
    acct.id = body["user"]["id"]
    if body.get("must_enrol_totp") and enrol:
        enrol_totp(c, acct)
    return c


def enrol_totp(c: Client, acct: TestAccount) -> list[str]:
    r = c.post("/api/auth/totp/enrol")
    if r.status != 200:
        raise HarnessError(f"TOTP enrolment of {acct.username}:\n{r.describe()}")
    acct.totp_secret = r.json()["secret"]
    acct.last_step = -1
    code, _ = acct.next_totp()
    r = c.post("/api/auth/totp/confirm", {"code": code})
    if r.status != 200:
        raise HarnessError(f"TOTP confirmation of {acct.username}:\n{r.describe()}")
    acct.recovery_codes = list(r.json()["recovery_codes"])
    return acct.recovery_codes


class UnitTree:
    """The unit file's tree: parent of each code (the file has no history, so this is today's)."""

    def __init__(self, path: str = DEFAULT_UNITS):
        self.parent: dict[str, str | None] = {}
        self.level: dict[str, str] = {}
        self.name: dict[str, str] = {}
        with open(path, encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                self.parent[row["code"]] = row["parent_code"] or None
                self.level[row["code"]] = row["level"]
                self.name[row["code"]] = row["name"]

    def ancestors(self, code: str) -> list[str]:
        out, p = [], self.parent.get(code)
        while p:
            out.append(p)
            p = self.parent.get(p)
        return out

    def contains(self, ancestor: str, code: str) -> bool:
        """`code` is `ancestor` or below it."""
        return code == ancestor or ancestor in self.ancestors(code)

    def relation(self, actor_unit: str, target_unit: str) -> str:
        """Where the target sits seen from the actor: own, below, parent, ancestor, sibling, other."""
        if target_unit == actor_unit:
            return "own unit"
        if self.contains(actor_unit, target_unit):
            return "below"
        if self.parent.get(actor_unit) == target_unit:
            return "parent unit"
        if target_unit in self.ancestors(actor_unit):
            return "ancestor"
        if self.parent.get(actor_unit) is not None and self.parent.get(actor_unit) == self.parent.get(target_unit):
            return "sibling"
        return "other district"
