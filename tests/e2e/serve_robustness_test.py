#!/usr/bin/env python3
"""End-to-end: hostile and broken requests against the real `rampart serve`.

    serve_robustness_test.py RAMPART WORK_DIR

Starts the server on a fresh database (the first start creates the admin key
and prints it), sends every kind of bad request the HTTP and GraphQL layers
must answer cleanly, and checks after each group that the server still
serves a normal query. Ends with SIGTERM and expects a clean exit.
"""
import concurrent.futures
import http.client
import json
import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import time

RAMPART, WORK = sys.argv[1], sys.argv[2]
# A thousand client sockets need more descriptors than the usual soft limit.
_soft, _hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (min(max(_soft, 4096), _hard), _hard))
shutil.rmtree(WORK, ignore_errors=True)
os.makedirs(WORK)
passed = failed = 0


def check(name, condition, detail=""):
    global passed, failed
    if condition:
        passed += 1
        print(f"ok      {name}")
    else:
        failed += 1
        print(f"FAILED  {name}\n        {detail}"[:2000])


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


PORT = free_port()
env = dict(os.environ, RAMPART_DB=os.path.join(WORK, "serve.db"), RAMPART_LOG_LEVEL="warn",
           RAMPART_RATE_LIMIT="0")
server = subprocess.Popen([RAMPART, "serve", "--listen", f"127.0.0.1:{PORT}", "--threads", "2"], env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
KEY = None
lines = []
deadline = time.time() + 30
while time.time() < deadline and KEY is None:
    line = server.stdout.readline()
    if not line:
        break
    lines.append(line)
    if line.startswith("rk_"):
        KEY = line.strip()
check("the first start prints an API key", KEY is not None, "".join(lines) + (server.stderr.read() if KEY is None else ""))
if KEY is None:
    server.kill()
    sys.exit(1)


def request(method, path, body=None, headers=None, timeout=30):
    conn = http.client.HTTPConnection("127.0.0.1", PORT, timeout=timeout)
    all_headers = {"x-api-key": KEY, "content-type": "application/json", "accept": "application/graphql-response+json"}
    all_headers.update(headers or {})
    all_headers = {k: v for k, v in all_headers.items() if v is not None}
    conn.request(method, path, body=body, headers=all_headers)
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response.status, dict((k.lower(), v) for k, v in response.getheaders()), data


def graphql(query, variables=None, operation=None, headers=None):
    body = {"query": query}
    if variables is not None:
        body["variables"] = variables
    if operation is not None:
        body["operationName"] = operation
    status, response_headers, data = request("POST", "/graphql", json.dumps(body).encode(), headers)
    try:
        return status, response_headers, json.loads(data)
    except ValueError:
        return status, response_headers, {"raw": data[:200]}


def still_serving(after):
    status, _, body = graphql("{ __typename }")
    check(f"still serving after {after}", status == 200 and body == {"data": {"__typename": "Query"}}, f"{status} {body}")


def error_messages(body):
    return " | ".join(e.get("message", "") for e in body.get("errors", []))


# --- health and plain success ---
status, _, data = request("GET", "/healthz", headers={"x-api-key": None})
check("/healthz answers 200 without a key", status == 200, f"{status} {data[:200]}")
status, headers, body = graphql("{ __typename }")
check("a query answers 200 with data and no errors key", status == 200 and "errors" not in body, f"{status} {body}")
check("security headers are set", headers.get("x-content-type-options") == "nosniff", str(headers))

# --- authentication ---
status, _, body = graphql("{ __typename }", headers={"x-api-key": None})
check("no key: 401", status == 401, f"{status} {body}")
status, _, body = graphql("{ __typename }", headers={"x-api-key": "rk_nothere0_" + "A" * 43})
check("unknown key: 401", status == 401, f"{status} {body}")
status, _, body = graphql("{ __typename }", headers={"x-api-key": None, "X-Api-Key": KEY})
check("the header name is case-insensitive", status == 200, f"{status} {body}")

# --- malformed bodies ---
status, _, data = request("POST", "/graphql", b'{"query": "{ __typename }"')
check("malformed JSON: 400", status == 400 and b"errors" in data, f"{status} {data[:200]}")
status, _, data = request("POST", "/graphql", b'[1, 2]')
check("a JSON array body: 400", status == 400, f"{status} {data[:200]}")
status, _, data = request("POST", "/graphql", b'{"query": 42}')
check("a query that is not a string: 400", status == 400, f"{status} {data[:200]}")
status, _, data = request("POST", "/graphql", b'{"query": "{ __typename }", "variables": "x"}')
check("variables that are not an object: 400", status == 400, f"{status} {data[:200]}")
status, _, data = request("POST", "/graphql", b'{"query": "{ __typename \xff\xfe }"}')
check("invalid UTF-8: 400", status == 400, f"{status} {data[:200]}")
still_serving("malformed bodies")

# --- malformed GraphQL ---
status, _, body = graphql("{ project(id: ")
check("a syntax error: 400 with line and column", status == 400 and body.get("errors", [{}])[0].get("locations"),
      f"{status} {body}")
check("a syntax error has no data key", "data" not in body, str(body))
status, _, body = graphql("{ noSuchField }")
check("an unknown field: 400 validation error", status == 400 and "noSuchField" in error_messages(body),
      f"{status} {body}")
status, _, body = graphql("{" * 10000 + "}" * 10000)
check("10,000 nested braces: 400, no crash", status == 400 and "errors" in body, f"{status} {str(body)[:300]}")
status, _, body = graphql("{ __typename(x: " + "[" * 10000 + "]" * 10000 + ") }")
check("10,000 nested list brackets: 400, no crash", status == 400, f"{status} {str(body)[:300]}")
deep = "{ me { " * 20 + "}" * 20
status, _, body = graphql(deep)
check("a query deeper than allowed is refused", status == 400 and "errors" in body, f"{status} {str(body)[:300]}")
status, _, body = graphql("query A { __typename } query B { __typename }", operation="C")
check("an unknown operation name: 400", status == 400 and "C" in error_messages(body), f"{status} {body}")
status, _, body = graphql("query A { __typename } query B { __typename }")
check("several operations without a name: 400", status == 400, f"{status} {body}")
status, _, body = graphql("query Q($id: ID!) { project(id: $id) { id } }", variables={"id": {"a": 1}})
check("a variable of the wrong type: 400", status == 400 and "$id" in error_messages(body), f"{status} {body}")
status, _, body = graphql("query Q($id: ID!) { project(id: $id) { id } }")
check("a missing required variable: 400", status == 400, f"{status} {body}")
big_string = "x" * (2 * 1024 * 1024)
status, _, data = request("POST", "/graphql", json.dumps({"query": "{ __typename }", "variables": {"s": big_string}}).encode())
check("a body over the limit: 413", status == 413, f"{status} {data[:200]}")
huge_list = "[" + ",".join(["1"] * 50000) + "]"
status, _, body = graphql("{ __typename(x: " + huge_list + ") }")
check("a huge list literal is refused cleanly", status in (400, 413), f"{status} {str(body)[:300]}")
still_serving("malformed GraphQL")

# --- methods and media types ---
status, _, data = request("PUT", "/graphql", b"{}")
check("PUT /graphql: 405", status == 405, f"{status}")
status, _, data = request("POST", "/graphql", b"query", headers={"content-type": "text/plain"})
check("text/plain body: 415", status == 415, f"{status} {data[:200]}")
status, _, data = request("GET", "/graphql?query=" + "mutation%20%7B%20__typename%20%7D")
check("a mutation over GET: 405", status == 405, f"{status} {data[:200]}")
status, _, data = request("GET", "/graphql?query=%7B__typename%7D")
check("a query over GET: 200", status == 200 and b"Query" in data, f"{status} {data[:200]}")
status, _, data = request("GET", "/no/such/page", headers={"x-api-key": None})
check("an unknown path: 404", status == 404, f"{status}")
still_serving("method errors")

# --- slow client: sends part of its headers and stops ---
slow = socket.create_connection(("127.0.0.1", PORT))
slow.sendall(b"POST /graphql HTTP/1.1\r\nHost: x\r\n")
still_serving("a slow client opened a connection")
slow.close()

# --- 1,000 concurrent connections ---
socks = []
try:
    for _ in range(1000):
        socks.append(socket.create_connection(("127.0.0.1", PORT), timeout=10))
except OSError as error:
    check("1,000 connections opened", False, str(error))
else:
    check("1,000 connections opened", True)
body = json.dumps({"query": "{ __typename }"}).encode()
raw = (f"POST /graphql HTTP/1.1\r\nHost: x\r\nx-api-key: {KEY}\r\ncontent-type: application/json\r\n"
       f"content-length: {len(body)}\r\nconnection: close\r\n\r\n").encode() + body


def roundtrip(sock):
    try:
        sock.sendall(raw)
        chunks = b""
        while True:
            chunk = sock.recv(65536)
            if not chunk:
                break
            chunks += chunk
        return chunks.startswith(b"HTTP/1.1 200")
    except OSError:
        return False
    finally:
        sock.close()


with concurrent.futures.ThreadPoolExecutor(max_workers=100) as pool:
    answered = sum(pool.map(roundtrip, socks))
check("1,000 concurrent connections each answered 200", answered == len(socks), f"{answered} of {len(socks)}")
still_serving("1,000 concurrent connections")

# --- graceful stop ---
server.send_signal(signal.SIGTERM)
try:
    code = server.wait(timeout=15)
    check("SIGTERM stops the server cleanly", code == 0, f"exit code {code}: {server.stderr.read()[-2000:]}")
except subprocess.TimeoutExpired:
    server.kill()
    check("SIGTERM stops the server cleanly", False, "still running after 15 s")

print(f"\n{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
