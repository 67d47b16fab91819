#!/usr/bin/env python3
"""The Python half of bench/graphql/run.sh (standard library only).

    bench.py free-port
    bench.py wait-healthy BASE_URL PID [SECONDS]
    bench.py make-project URL KEY OUT_DIR [--requirements N] [--level L]
    bench.py capture URL KEY PROJECT_ID OUT_DIR
    bench.py check-same URL KEY BODY_FILE EXPECTED_DATA_FILE
    bench.py wrk-parse WRK_OUTPUT_FILE
    bench.py report RESULTS_TSV
"""
import json
import os
import re
import socket
import sys
import time
import urllib.error
import urllib.request

TYPENAME_QUERY = "{ __typename }"

PROJECT_QUERY = """query Project($id: ID!) {
  project(id: $id) {
    id
    name
    status
    asvsVersion
    asvsLevel
    items { key kind name attackPatternIds }
    requirements(limit: 1000) {
      metadata { currentPage limitValue totalCount totalPages }
      collection {
        id
        itemKey
        asvsId
        chapterName
        sectionName
        description
        level
        match
        status
        traces { attackPatternId patternCweId requirementCweId asvsId match }
      }
    }
  }
}"""

# Architecture items to draw the benchmark model from, in order; the list is
# walked again with numbered keys until the model has enough requirements.
ITEM_POOL = [
    ("gateway", "api", "Public payments API", [66, 88, 115, 125, 94]),
    ("payments-db", "database", "Payments database", [66, 7, 108, 116]),
    ("checkout", "user_interface", "Checkout pages", [63, 592, 62, 103]),
    ("login", "identity_provider", "Company identity provider", [49, 600, 593, 196]),
    ("orders", "service", "Order service", [66, 88, 248, 122, 1]),
    ("uploads", "file_upload", "Receipt uploads", [1, 126, 17, 23]),
    ("events", "queue", "Payment events queue", [94, 157, 125]),
    ("mobile", "mobile_app", "Shop mobile app", [37, 204, 115, 63]),
]


def fail(message):
    print(f"bench: {message}", file=sys.stderr)
    sys.exit(1)


def graphql(url, key, query, variables=None, timeout=120):
    """POSTs one operation; answers the parsed answer (fails on HTTP or GraphQL errors)."""
    body = json.dumps({"query": query, "variables": variables or {}}).encode()
    request = urllib.request.Request(url, data=body, method="POST", headers={
        "content-type": "application/json",
        "accept": "application/graphql-response+json, application/json;q=0.9",
        "x-api-key": key,
    })
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            text = response.read().decode()
    except urllib.error.HTTPError as error:
        fail(f"HTTP {error.code} from {url}: {error.read().decode(errors='replace')[:2000]}")
    except (urllib.error.URLError, OSError) as error:
        fail(f"no answer from {url}: {error}")
    answer = json.loads(text)
    if "errors" in answer:
        fail(f"GraphQL errors from {url}: {json.dumps(answer['errors'])[:2000]}")
    return answer


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        print(probe.getsockname()[1])


def wait_healthy(base, pid, seconds="30"):
    deadline = time.monotonic() + float(seconds)
    while time.monotonic() < deadline:
        if not os.path.exists(f"/proc/{pid}"):
            fail(f"process {pid} exited before {base}/healthz answered")
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return
        except (urllib.error.URLError, OSError):
            pass
        time.sleep(0.1)
    fail(f"{base}/healthz did not answer 200 within {seconds} s")


def model_items(count):
    items = []
    for index in range(count):
        key, kind, name, patterns = ITEM_POOL[index % len(ITEM_POOL)]
        round_ = index // len(ITEM_POOL)
        if round_:
            key, name = f"{key}-{round_ + 1}", f"{name} {round_ + 1}"
        items.append({"key": key, "kind": kind, "name": name, "patterns": patterns})
    return items


def preview_count(url, key, items, level):
    model = {
        "name": "GraphQL benchmark",
        "asvsLevel": level,
        "items": [{"key": i["key"], "kind": i["kind"].upper(), "name": i["name"], "attackPatterns": i["patterns"]}
                  for i in items],
    }
    answer = graphql(url, key, "query Preview($model: ThreatModelInput!) { previewRequirements(model: $model) "
                               "{ requirements { asvsId traces { asvsId } } } }", {"model": model})
    requirements = answer["data"]["previewRequirements"]["requirements"]
    return len(requirements), sum(len(r["traces"]) for r in requirements)


def model_yaml(items, level):
    lines = [
        "# The model of the GraphQL benchmark (bench/graphql/run.sh).",
        "rampart: 1",
        "project:",
        "  name: GraphQL benchmark",
        "  goal: A project large enough to make the project query do real work.",
        "  tags: [bench]",
        f"  asvs: {{ version: \"4.0.3\", level: {level} }}",
        "items:",
    ]
    for item in items:
        lines += [f"  - key: {item['key']}", f"    kind: {item['kind']}", f"    name: {item['name']}",
                  f"    attack_patterns: [{', '.join(f'CAPEC-{p}' for p in item['patterns'])}]"]
    return "\n".join(lines) + "\n"


def make_project(url, key, out_dir, *rest):
    target, level = 200, 2
    for flag, value in zip(rest[::2], rest[1::2]):
        if flag == "--requirements":
            target = int(value)
        elif flag == "--level":
            level = int(value)
    count = 0
    # Add items until the preview reaches the target (the pool repeats).
    for size in range(1, 64):
        items = model_items(size)
        count, traces = preview_count(url, key, items, level)
        if count >= target * 0.95:
            break
    text = model_yaml(items, level)
    with open(os.path.join(out_dir, "bench.rampart.yaml"), "w", encoding="utf-8") as out:
        out.write(text)
    answer = graphql(url, key, "mutation Create($input: ModelFileInput!) { createProjectFromModelFile(input: $input) "
                               "{ id requirements(limit: 1) { metadata { totalCount } } } }",
                     {"input": {"text": text, "fileName": "bench.rampart.yaml"}})
    project = answer["data"]["createProjectFromModelFile"]
    saved = project["requirements"]["metadata"]["totalCount"]
    print(f"{project['id']} {saved} {traces} {len(items)}")


def capture(url, key, project_id, out_dir):
    bodies = {
        "typename": {"query": TYPENAME_QUERY},
        "project": {"query": PROJECT_QUERY, "variables": {"id": project_id}, "operationName": "Project"},
    }
    for name, body in bodies.items():
        with open(os.path.join(out_dir, f"{name}.body.json"), "w", encoding="utf-8") as out:
            json.dump(body, out)
    answer = graphql(url, key, PROJECT_QUERY, {"id": project_id})
    project = answer["data"]["project"]
    if project is None:
        fail(f"project {project_id} is null")
    page = project["requirements"]
    with open(os.path.join(out_dir, "project.data.json"), "w", encoding="utf-8") as out:
        json.dump(answer["data"], out)
    traces = sum(len(r["traces"]) for r in page["collection"])
    size = len(json.dumps(answer, separators=(",", ":")).encode())
    print(f"{len(page['collection'])} {page['metadata']['totalCount']} {traces} {size}")


def check_same(url, key, body_file, expected_file):
    with open(body_file, encoding="utf-8") as source:
        body = json.load(source)
    with open(expected_file, encoding="utf-8") as source:
        expected = json.load(source)
    answer = graphql(url, key, body["query"], body.get("variables"))
    if answer.get("data") != expected:
        fail(f"{url} answers other data than {expected_file}")


def wrk_parse(path):
    """Prints: requests/s, p50 ms, p99 ms, non-2xx responses, socket errors."""
    text = open(path, encoding="utf-8", errors="replace").read()
    units = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}

    def latency(percent):
        match = re.search(rf"^\s*{percent}%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M)
        return float(match.group(1)) * units[match.group(2)] if match else float("nan")

    rps = re.search(r"Requests/sec:\s+([\d.]+)", text)
    non2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", text)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", text)
    print(f"{float(rps.group(1)) if rps else float('nan'):.1f} {latency(50):.3f} {latency(99):.3f} "
          f"{int(non2xx.group(1)) if non2xx else 0} {sum(map(int, errors.groups())) if errors else 0}")


def report(results_tsv):
    rows = [line.rstrip("\n").split("\t") for line in open(results_tsv, encoding="utf-8") if line.strip()]
    print(f"{'server':<11} {'query':<44} {'requests/s':>11} {'p50 ms':>9} {'p99 ms':>9} {'non-2xx':>8} {'errors':>7}")
    by_query = {}
    for server, query, rps, p50, p99, non2xx, errors in rows:
        print(f"{server:<11} {query:<44} {float(rps):>11.0f} {float(p50):>9.2f} {float(p99):>9.2f} "
              f"{non2xx:>8} {errors:>7}")
        by_query.setdefault(query, {})[server] = (float(rps), float(p50), float(p99))
    print()
    print(f"{'Rampart / reference':<56} {'requests/s':>11} {'p50':>9} {'p99':>9}")
    for query, servers in by_query.items():
        if "rampart" in servers and "reference" in servers:
            ours, theirs = servers["rampart"], servers["reference"]
            ratios = [a / b if b else float("nan") for a, b in zip(ours, theirs)]
            print(f"{query:<56} {ratios[0]:>10.2f}x {ratios[1]:>8.2f}x {ratios[2]:>8.2f}x")


def main():
    if len(sys.argv) < 2:
        fail(__doc__)
    command, rest = sys.argv[1], sys.argv[2:]
    commands = {"free-port": free_port, "wait-healthy": wait_healthy, "make-project": make_project,
                "capture": capture, "check-same": check_same, "wrk-parse": wrk_parse, "report": report}
    if command not in commands:
        fail(__doc__)
    commands[command](*rest)


if __name__ == "__main__":
    main()
