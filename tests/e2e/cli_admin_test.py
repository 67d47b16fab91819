#!/usr/bin/env python3
"""End-to-end: `rampart admin` on a fresh database, through the real binary.

    cli_admin_test.py RAMPART WORK_DIR
"""
import json
import os
import shutil
import subprocess
import sys

RAMPART, WORK = sys.argv[1], sys.argv[2]
shutil.rmtree(WORK, ignore_errors=True)
os.makedirs(WORK)
ENV = dict(os.environ, RAMPART_DB=os.path.join(WORK, "admin.db"), RAMPART_LOG_LEVEL="warn")
passed = failed = 0


def run(*args):
    return subprocess.run([RAMPART, *args], env=ENV, capture_output=True, text=True)


def check(name, condition, detail=""):
    global passed, failed
    if condition:
        passed += 1
        print(f"ok      {name}")
    else:
        failed += 1
        print(f"FAILED  {name}\n{detail}")


created = run("admin", "create-key", "--company", "Acme", "--email", "Alice@Example.com", "--role", "admin")
key = created.stdout.strip().splitlines()[-1] if created.stdout.strip() else ""
check("create-key prints the key as the last line", created.returncode == 0 and key.startswith("rk_"),
      created.stdout + created.stderr)
prefix = "_".join(key.split("_")[:2])

stored = open(os.path.join(WORK, "admin.db"), "rb").read()
for suffix in ("-wal",):
    if os.path.exists(os.path.join(WORK, "admin.db" + suffix)):
        stored += open(os.path.join(WORK, "admin.db" + suffix), "rb").read()
check("the key itself is not stored", key.encode() not in stored and prefix.encode() in stored)

second = run("admin", "create-key", "--company", "Acme", "--email", "bob@example.com", "--role", "developer", "--json")
check("create-key --json", second.returncode == 0 and json.loads(second.stdout)["role"] == "developer", second.stderr)

listed = run("admin", "list-keys", "--company", "Acme", "--json")
keys = json.loads(listed.stdout)["keys"] if listed.returncode == 0 else []
check("list-keys shows both keys with prefix, user and no use yet",
      len(keys) == 2 and keys[0]["prefix"] == prefix and keys[0]["email"] == "alice@example.com"
      and keys[0]["lastUsedAt"] is None and keys[0]["revokedAt"] is None, listed.stdout + listed.stderr)

revoked = run("admin", "revoke-key", "--company", "Acme", prefix)
check("revoke-key", revoked.returncode == 0, revoked.stderr)
again = run("admin", "revoke-key", "--company", "Acme", prefix)
check("revoking twice is not found (exit 4)", again.returncode == 4, again.stderr)
listed = run("admin", "list-keys", "--company", "Acme", "--json")
check("the revoked key is listed as revoked", json.loads(listed.stdout)["keys"][0]["revokedAt"] is not None)

other = run("admin", "revoke-key", "--company", "Globex", prefix)
check("another company cannot revoke it (exit 4)", other.returncode == 4, other.stderr)
bad_role = run("admin", "create-key", "--company", "Acme", "--email", "c@example.com", "--role", "owner")
check("an unknown role is a usage error (exit 2)", bad_role.returncode == 2 and "unknown role" in bad_role.stderr,
      bad_role.stderr)
missing = run("admin", "create-key", "--email", "c@example.com")
check("a missing --company is a usage error (exit 2)", missing.returncode == 2, missing.stderr)

print(f"cli admin: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
