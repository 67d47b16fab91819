#!/usr/bin/env python3
"""End-to-end: the client commands (`rampart project …`, `rampart requirement …`)
against a real `rampart serve` on loopback, through the real binary.

    cli_client_test.py RAMPART WORK_DIR SHARED_DIR
"""
import json
import os
import shutil
import signal
import socket
import struct
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zipfile
import zlib

RAMPART, WORK, SHARED = sys.argv[1], sys.argv[2], sys.argv[3]
MODEL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "examples",
                     "payments.rampart.yaml")
shutil.rmtree(WORK, ignore_errors=True)
os.makedirs(WORK)
DB = os.path.join(WORK, "client.db")
BASE_ENV = {k: v for k, v in os.environ.items() if not k.startswith("RAMPART_")}
BASE_ENV["RAMPART_LOG_LEVEL"] = "warn"
passed = failed = 0

# Exit codes of the error table (src/core/error.h).
EXIT = {"BAD_USER_INPUT": 2, "INVALID_DATA": 3, "NOT_FOUND": 4, "CONFLICT": 5, "UNAUTHENTICATED": 7,
        "SERVICE_UNAVAILABLE": 9}


def check(name, condition, detail=""):
    global passed, failed
    if condition:
        passed += 1
        print(f"ok      {name}")
    else:
        failed += 1
        print(f"FAILED  {name}\n{detail}")


def local(*args):
    return subprocess.run([RAMPART, "--db", DB, *args], env=BASE_ENV, capture_output=True, text=True, timeout=300)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def last_line(text):
    lines = text.strip().splitlines()
    return lines[-1].strip() if lines else ""


def as_json(result):
    try:
        return json.loads(result.stdout)
    except ValueError:
        return None


def output(result):
    return f"exit {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"


def png_bytes():
    """A valid 1x1 PNG, so the server's content check sees a real image."""
    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")


imported = local("catalog", "import", os.path.join(SHARED, "catalogs"))
check("the catalogs import", imported.returncode == 0, output(imported))
created = local("admin", "create-key", "--company", "Acme", "--email", "a@example.com", "--role", "admin")
KEY = last_line(created.stdout)
check("an admin key for Acme", created.returncode == 0 and KEY.startswith("rk_"), output(created))
# The model's team must be members of the company.
for member in ("alice@example.com", "bob@example.com"):
    joined = local("admin", "create-key", "--company", "Acme", "--email", member, "--role", "developer")
    check(f"{member} joins Acme", joined.returncode == 0, output(joined))
other = local("admin", "create-key", "--company", "Globex", "--email", "g@example.com", "--role", "admin")
OTHER_KEY = last_line(other.stdout)
check("an admin key for Globex", other.returncode == 0 and OTHER_KEY.startswith("rk_"), output(other))

PORT = free_port()
URL = f"http://127.0.0.1:{PORT}"
CLIENT_ENV = dict(BASE_ENV, RAMPART_URL=URL, RAMPART_API_KEY=KEY)


def client(*args, env=None, key=None):
    run_env = dict(env if env is not None else CLIENT_ENV)
    if key is not None:
        run_env["RAMPART_API_KEY"] = key
    return subprocess.run([RAMPART, *args], env=run_env, capture_output=True, text=True, timeout=300)


# Before the server runs: the settings and an unreachable server.
down = client("project", "list")
check("server down: connection refused, names `rampart serve` and RAMPART_URL (exit 9)",
      down.returncode == EXIT["SERVICE_UNAVAILABLE"] and "connection refused" in down.stderr
      and "rampart serve" in down.stderr and "RAMPART_URL" in down.stderr and URL in down.stderr, output(down))
no_url = client("project", "list", env={k: v for k, v in CLIENT_ENV.items() if k != "RAMPART_URL"})
check("no RAMPART_URL: says which variable and flag (exit 2)",
      no_url.returncode == 2 and "RAMPART_URL" in no_url.stderr and "--url" in no_url.stderr, output(no_url))
no_key = client("project", "list", env={k: v for k, v in CLIENT_ENV.items() if k != "RAMPART_API_KEY"})
check("no RAMPART_API_KEY: says which variable and flag (exit 2)",
      no_key.returncode == 2 and "RAMPART_API_KEY" in no_key.stderr and "--api-key" in no_key.stderr, output(no_key))
https = client("project", "list", "--url", "https://127.0.0.1:1")
check("an https URL is refused clearly (exit 2)", https.returncode == 2 and "http://" in https.stderr, output(https))
helped = client("requirement", "finish", "--help")
check("requirement finish --help lists its options",
      helped.returncode == 0 and "--evidence" in helped.stdout and "--file" in helped.stdout
      and "--expected-version" in helped.stdout and "RAMPART_URL" in helped.stdout, output(helped))

server_log = open(os.path.join(WORK, "serve.log"), "w")
server = subprocess.Popen([RAMPART, "--db", DB, "serve", "--listen", f"127.0.0.1:{PORT}"], env=BASE_ENV,
                          stdout=server_log, stderr=subprocess.STDOUT)
deadline = time.time() + 60
healthy = False
while time.time() < deadline and server.poll() is None:
    try:
        with urllib.request.urlopen(f"{URL}/healthz", timeout=2) as answer:
            healthy = answer.status == 200
    except (urllib.error.URLError, OSError):
        pass
    if healthy:
        break
    time.sleep(0.2)
check("rampart serve answers /healthz", healthy, open(os.path.join(WORK, "serve.log")).read())
if not healthy:
    server.kill()
    print(f"cli client: {passed} passed, {failed} failed")
    sys.exit(1)

try:
    # Projects.
    made = client("project", "create", "--model", MODEL)
    PROJECT = last_line(made.stdout)
    check("project create prints the new id as the last line",
          made.returncode == 0 and PROJECT.isdigit() and "Payments API" in made.stdout, output(made))
    made_json = client("project", "create", "--model", MODEL, "--json")
    second = as_json(made_json) or {}
    check("project create --json answers the project",
          made_json.returncode == 0 and second.get("name") == "Payments API" and second.get("status") == "PLANNED"
          and len(second.get("items", [])) == 4 and second.get("progress", {}).get("total", 0) > 0,
          output(made_json))

    listed = client("project", "list")
    check("project list shows both projects in a table",
          listed.returncode == 0 and "NAME" in listed.stdout and listed.stdout.count("Payments API") == 2
          and "PLANNED" in listed.stdout and "Page 1 of 1" in listed.stdout, output(listed))
    page = as_json(client("project", "list", "--json", "--limit", "1")) or {}
    check("project list --limit 1 --json pages",
          page.get("metadata", {}).get("totalCount") == 2 and page.get("metadata", {}).get("totalPages") == 2
          and len(page.get("collection", [])) == 1, json.dumps(page))
    running = as_json(client("project", "list", "--json", "--status", "running")) or {}
    check("project list --status filters (none RUNNING yet)",
          running.get("metadata", {}).get("totalCount") == 0, json.dumps(running))
    bad_filter = client("project", "list", "--status", "ARCHIVED")
    check("project list --status with an unknown status (exit 2)",
          bad_filter.returncode == 2 and "unknown project status" in bad_filter.stderr, output(bad_filter))

    shown = client("project", "show", PROJECT)
    check("project show: fields, progress bar, counts per status, items",
          shown.returncode == 0 and "Payments API" in shown.stdout and "PLANNED" in shown.stdout
          and "Progress" in shown.stdout and "░" in shown.stdout and "0% settled" in shown.stdout
          and "NOT_STARTED" in shown.stdout and "NOT_APPLICABLE" in shown.stdout and "gateway" in shown.stdout
          and "payments-db" in shown.stdout and "CAPEC-66" in shown.stdout and "ASVS 4.0.3 level 2" in shown.stdout,
          output(shown))
    detail = as_json(client("project", "show", PROJECT, "--json")) or {}
    TOTAL = detail.get("progress", {}).get("total", 0)
    check("project show --json", detail.get("id") == PROJECT and TOTAL > 0 and len(detail.get("items", [])) == 4
          and detail.get("attachmentsUrl", "").startswith("/files/"), json.dumps(detail)[:2000])

    moved = client("project", "status", PROJECT, "RUNNING", "--reason", "kick-off")
    check("project status PLANNED → RUNNING", moved.returncode == 0 and "RUNNING" in moved.stdout, output(moved))
    bad_status = client("project", "status", PROJECT, "FINISHED")
    check("project status with an unknown status (exit 2)",
          bad_status.returncode == 2 and "unknown project status 'FINISHED'" in bad_status.stderr
          and "PLANNED, RUNNING, FIXING or DONE" in bad_status.stderr, output(bad_status))
    bad_move = client("project", "status", PROJECT, "DONE")
    check("project status RUNNING → DONE is refused with the server's reason (CONFLICT, exit 5)",
          bad_move.returncode == EXIT["CONFLICT"] and "CONFLICT" in bad_move.stderr
          and "RUNNING" in bad_move.stderr, output(bad_move))

    # Requirements.
    reqs = client("project", "requirements", PROJECT)
    check("project requirements: id, ASVS id, status, title",
          reqs.returncode == 0 and "ASVS" in reqs.stdout and "TITLE" in reqs.stdout and "NOT_STARTED" in reqs.stdout
          and " V" in reqs.stdout, output(reqs))
    all_reqs = as_json(client("project", "requirements", PROJECT, "--json", "--limit", "1000")) or {}
    collection = all_reqs.get("collection", [])
    check("project requirements --json lists every requirement",
          len(collection) == TOTAL and all(r.get("status") == "NOT_STARTED" for r in collection),
          json.dumps(all_reqs)[:2000])
    ids = [r["id"] for r in collection]
    if len(ids) < 4:
        raise SystemExit("too few requirements to go on")
    R1, R2, R3, R4 = ids[:4]

    started = client("requirement", "start", R1, "--reason", "picked up")
    check("requirement start", started.returncode == 0 and "IN_PROGRESS" in started.stdout, output(started))
    evidence_txt = os.path.join(WORK, "evidence.txt")
    with open(evidence_txt, "w") as f:
        f.write("Parameterised queries everywhere; see the code review of 2024-05.\n")
    evidence_png = os.path.join(WORK, "screenshot.png")
    with open(evidence_png, "wb") as f:
        f.write(png_bytes())
    finished = client("requirement", "finish", R1, "--evidence", "Queries are parameterised", "--file", evidence_txt,
                      "--file", evidence_png, "--json")
    answer = as_json(finished) or {}
    names = sorted(f.get("name") for f in answer.get("evidenceFiles", []))
    check("requirement finish with text and two files (multipart upload)",
          finished.returncode == 0 and answer.get("status") == "DONE"
          and answer.get("evidenceText") == "Queries are parameterised" and names == ["evidence.txt", "screenshot.png"],
          output(finished))
    fake = os.path.join(WORK, "fake.png")
    with open(fake, "w") as f:
        f.write("this is text, not an image\n")
    refused = client("requirement", "finish", R4, "--file", fake)
    check("requirement finish with a file whose content is not its type is refused (non-zero, names the file)",
          refused.returncode != 0 and "fake.png" in refused.stderr, output(refused))
    still = as_json(client("project", "requirements", PROJECT, "--json", "--status", "done")) or {}
    check("nothing was written for the refused file", still.get("metadata", {}).get("totalCount") == 1,
          json.dumps(still)[:1000])

    not_applied = client("requirement", "not-apply", R2, "--justification", "No SQL behind this item")
    check("requirement not-apply", not_applied.returncode == 0 and "NOT_APPLICABLE" in not_applied.stdout,
          output(not_applied))
    no_reason = client("requirement", "not-apply", R3)
    check("requirement not-apply without --justification is a usage error (exit 2)",
          no_reason.returncode == 2 and "justification" in no_reason.stderr, output(no_reason))
    restarted = client("requirement", "restart", R2, "--reason", "it does apply after all")
    check("requirement restart", restarted.returncode == 0 and "NOT_STARTED" in restarted.stdout, output(restarted))
    stale = client("requirement", "start", R3, "--expected-version", "99")
    check("requirement start with a stale --expected-version (CONFLICT, exit 5)",
          stale.returncode == EXIT["CONFLICT"] and "CONFLICT" in stale.stderr, output(stale))
    current = next(r for r in collection if r["id"] == R3)["version"]
    fresh = client("requirement", "start", R3, "--expected-version", str(current))
    check("requirement start with the current --expected-version", fresh.returncode == 0, output(fresh))
    twice = client("requirement", "start", R3)
    check("starting twice is refused (CONFLICT, exit 5)", twice.returncode == EXIT["CONFLICT"], output(twice))
    missing_req = client("requirement", "start", "999999")
    check("an unknown requirement id (NOT_FOUND, exit 4)",
          missing_req.returncode == EXIT["NOT_FOUND"] and "NOT_FOUND" in missing_req.stderr, output(missing_req))

    done_list = as_json(client("project", "requirements", PROJECT, "--json", "--status", "DONE")) or {}
    check("project requirements --status DONE",
          [r["id"] for r in done_list.get("collection", [])] == [R1], json.dumps(done_list)[:1000])
    shown = as_json(client("project", "show", PROJECT, "--json")) or {}
    progress = shown.get("progress", {})
    check("the progress counts follow", progress.get("done") == 1 and progress.get("inProgress") == 1
          and progress.get("settled") == 1, json.dumps(progress))
    human = client("project", "show", PROJECT)
    check("project show counts the settled requirement", human.returncode == 0
          and f"settled (1 of {TOTAL})" in human.stdout and "IN_PROGRESS" in human.stdout, output(human))

    history = client("project", "history", PROJECT)
    check("project history: who, what, from → to, why",
          history.returncode == 0 and "project.status" in history.stdout and "a@example.com" in history.stdout
          and "kick-off" in history.stdout and "requirement.finish" in history.stdout and "→" in history.stdout,
          output(history))
    events = as_json(client("project", "history", PROJECT, "--json", "--limit", "2")) or {}
    check("project history --json --limit 2 pages", len(events.get("collection", [])) == 2
          and events.get("metadata", {}).get("totalCount", 0) >= 6, json.dumps(events)[:1000])

    archive = os.path.join(WORK, "attachments.zip")
    downloaded = client("project", "attachments", PROJECT, "--output", archive)
    members = []
    if downloaded.returncode == 0 and zipfile.is_zipfile(archive):
        members = zipfile.ZipFile(archive).namelist()
    check("project attachments downloads the evidence zip",
          downloaded.returncode == 0 and any(m.endswith("evidence.txt") for m in members)
          and any(m.endswith("screenshot.png") for m in members), output(downloaded) + f"\n{members}")
    empty_zip = os.path.join(WORK, "empty.zip")
    empty = client("project", "attachments", second.get("id", "0"), "--output", empty_zip, "--json")
    check("project attachments of a project without evidence", empty.returncode == 0
          and (as_json(empty) or {}).get("file") == empty_zip, output(empty))

    # Errors from the server.
    unknown = client("project", "show", "999999")
    check("an unknown project id (NOT_FOUND, exit 4)",
          unknown.returncode == EXIT["NOT_FOUND"] and "NOT_FOUND" in unknown.stderr and "project" in unknown.stderr,
          output(unknown))
    unknown_json = client("project", "show", "999999", "--json")
    check("an unknown project id with --json answers the error as JSON",
          unknown_json.returncode == EXIT["NOT_FOUND"]
          and (as_json(unknown_json) or {}).get("error", {}).get("code") == "NOT_FOUND", output(unknown_json))
    other_company = client("project", "show", PROJECT, key=OTHER_KEY)
    check("another company's key does not see the project (NOT_FOUND, exit 4)",
          other_company.returncode == EXIT["NOT_FOUND"], output(other_company))
    other_zip = client("project", "attachments", PROJECT, "--output", os.path.join(WORK, "other.zip"), key=OTHER_KEY)
    check("nor its attachments", other_zip.returncode == EXIT["NOT_FOUND"]
          and not os.path.exists(os.path.join(WORK, "other.zip")), output(other_zip))
    bad_key = client("project", "list", key="rk_nothere_0123456789abcdef0123456789abcdef")
    check("a bad key: the server refused the API key (exit 7), without printing the key",
          bad_key.returncode == EXIT["UNAUTHENTICATED"] and "refused the API key" in bad_key.stderr
          and "0123456789abcdef" not in bad_key.stderr, output(bad_key))
    flags = client("project", "list", "--url", URL, "--api-key", KEY,
                   env=dict(BASE_ENV, RAMPART_URL="http://127.0.0.1:1", RAMPART_API_KEY="rk_wrong_key"))
    check("--url and --api-key win over the environment", flags.returncode == 0 and "Payments API" in flags.stdout,
          output(flags))
    graphql_url = client("project", "list", "--url", URL + "/graphql")
    check("a URL ending in /graphql is accepted", graphql_url.returncode == 0, output(graphql_url))
    missing_model = client("project", "create", "--model", os.path.join(WORK, "nope.yaml"))
    check("project create with a missing model file (non-zero, names it)",
          missing_model.returncode != 0 and "nope.yaml" in missing_model.stderr, output(missing_model))
    broken_model = os.path.join(WORK, "broken.rampart.yaml")
    with open(broken_model, "w") as f:
        f.write("rampart: 1\nproject:\n  name: [unclosed\n")
    broken = client("project", "create", "--model", broken_model)
    check("project create with a broken model file: the server's INVALID_DATA (exit 3)",
          broken.returncode == EXIT["INVALID_DATA"] and "INVALID_DATA" in broken.stderr, output(broken))
finally:
    server.send_signal(signal.SIGTERM)
    try:
        code = server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        code = None
    server_log.close()
check("rampart serve stops on SIGTERM", code == 0, f"exit {code}\n" + open(os.path.join(WORK, "serve.log")).read())
after = client("project", "list")
check("after the server stopped: connection refused again (exit 9)",
      after.returncode == EXIT["SERVICE_UNAVAILABLE"] and "connection refused" in after.stderr, output(after))

print(f"cli client: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
