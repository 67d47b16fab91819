#!/usr/bin/env python3
"""End-to-end GraphQL conformance: the real `rampart serve` checked by graphql-js,
graphql-http's audit and three GraphQL clients (Node.js scripts beside this file).

    run_conformance.py RAMPART_BINARY WORK_DIR [--catalogs DIR] [--sdl FILE]

The catalogs default to $RAMPART_SHARED_DIR/catalogs, else ../shared/catalogs
beside the repository; the SDL to src/api/schema.graphql of the repository.
Prints each step ok/FAILED; exit 1 on any failure.
"""
import argparse
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
EMAIL = "admin@example.com"


def parse_args():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rampart", help="the rampart binary")
    parser.add_argument("work_dir", help="a scratch folder, emptied first")
    shared = os.environ.get("RAMPART_SHARED_DIR") or os.path.join(os.path.dirname(REPO), "shared")
    parser.add_argument("--catalogs", default=os.path.join(shared, "catalogs"), help="the catalog folder")
    parser.add_argument("--sdl", default=os.path.join(REPO, "src", "api", "schema.graphql"),
                        help="the schema the server must introspect as")
    parser.add_argument("--timeout", type=float, default=180, help="seconds each Node.js step may take")
    return parser.parse_args()


class Steps:
    """Prints each step as it ends and remembers whether any failed."""

    def __init__(self):
        self.failed = []

    def report(self, name, ok, detail=""):
        print(f"{'ok     ' if ok else 'FAILED '} {name}", flush=True)
        if detail and (not ok or os.environ.get("VERBOSE")):
            print("\n".join("        " + line for line in detail.rstrip().splitlines()), flush=True)
        if not ok:
            self.failed.append(name)
        return ok

    def run(self, name, command, timeout=120, **kwargs):
        """Runs a command; the step fails on a non-zero exit. Answers the completed process or None."""
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, **kwargs)
        except subprocess.TimeoutExpired as expired:
            out = (expired.stdout or b"").decode() if isinstance(expired.stdout, bytes) else (expired.stdout or "")
            self.report(name, False, f"timed out after {timeout} s\n{out}")
            return None
        except OSError as error:
            self.report(name, False, str(error))
            return None
        self.report(name, done.returncode == 0,
                    f"$ {' '.join(command)}\nexit {done.returncode}\n{done.stdout}{done.stderr}")
        return done if done.returncode == 0 else None


def free_port():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_healthy(base, server, seconds=30):
    deadline = time.monotonic() + seconds
    last = "no answer"
    while time.monotonic() < deadline:
        if server.poll() is not None:
            return False, f"the server exited with {server.returncode} before answering"
        try:
            with urllib.request.urlopen(base + "/healthz", timeout=2) as answer:
                if answer.status == 200:
                    return True, ""
                last = f"HTTP {answer.status}"
        except urllib.error.HTTPError as error:
            last = f"HTTP {error.code}"
        except (urllib.error.URLError, OSError) as error:
            last = str(error)
        time.sleep(0.1)
    return False, f"no 200 from /healthz within {seconds} s (last: {last})"


def tail(path, lines=40):
    try:
        with open(path, encoding="utf-8", errors="replace") as log:
            return "".join(log.readlines()[-lines:])
    except OSError:
        return ""


def main():
    options = parse_args()
    rampart = os.path.abspath(options.rampart)
    work = os.path.abspath(options.work_dir)
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    db = os.path.join(work, "conformance.db")
    env = dict(os.environ, RAMPART_LOG_LEVEL=os.environ.get("RAMPART_LOG_LEVEL", "warn"))
    env.pop("RAMPART_DB", None)
    steps = Steps()

    node = shutil.which("node")
    npm = shutil.which("npm")
    if not steps.report("node and npm are installed", bool(node and npm), "run scripts/setup.sh"):
        return 1
    if not steps.report("the schema file exists", os.path.isfile(options.sdl), options.sdl):
        return 1

    if not steps.run("catalog import", [rampart, "--db", db, "catalog", "import", options.catalogs], env=env):
        return 1
    created = steps.run("admin create-key",
                        [rampart, "--db", db, "admin", "create-key", "--company", "Acme", "--email", EMAIL,
                         "--role", "admin"], env=env)
    if not created:
        return 1
    key = created.stdout.strip().splitlines()[-1].strip()

    printed = steps.run("schema print", [rampart, "schema", "print"], env=env)
    if printed:
        printed_file = os.path.join(work, "printed.graphql")
        with open(printed_file, "w", encoding="utf-8") as out:
            out.write(printed.stdout)

    if not os.path.isdir(os.path.join(HERE, "node_modules")):
        if not steps.run("npm ci", [npm, "ci", "--no-audit", "--no-fund"], timeout=600, cwd=HERE):
            return 1

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    url = base + "/graphql"
    log_path = os.path.join(work, "server.log")
    with open(log_path, "w", encoding="utf-8") as log:
        server = subprocess.Popen(
            [rampart, "--db", db, "--catalog-dir", options.catalogs, "serve", "--listen", f"127.0.0.1:{port}"],
            stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        healthy, why = wait_healthy(base, server)
        if not steps.report(f"rampart serve answers /healthz on port {port}", healthy, why + "\n" + tail(log_path)):
            return 1

        scripts = [
            ("introspection roundtrip (graphql-js)", ["introspection_roundtrip.mjs", url, key, options.sdl]),
            ("GraphQL over HTTP audit (graphql-http)", ["audit.mjs", url, key]),
            ("clients: graphql-request, urql, Apollo", ["clients.mjs", url, key, options.sdl, EMAIL]),
        ]
        if printed:
            scripts.insert(0, ("`rampart schema print` is the schema file",
                               ["compare_sdl.mjs", options.sdl, printed_file]))
        for name, command in scripts:
            steps.run(name, [node, *command], timeout=options.timeout, cwd=HERE, env=env)
            if server.poll() is not None:
                steps.report("the server is still running", False,
                             f"exited with {server.returncode}\n{tail(log_path)}")
                return 1
    finally:
        if server.poll() is None:
            server.send_signal(signal.SIGTERM)
            try:
                code = server.wait(timeout=10)
                steps.report("SIGTERM stops the server with exit 0 within 10 s", code == 0,
                             f"exit {code}\n{tail(log_path)}")
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
                steps.report("SIGTERM stops the server with exit 0 within 10 s", False,
                             "still running after 10 s; killed\n" + tail(log_path))

    if steps.failed:
        print(f"conformance: {len(steps.failed)} step(s) FAILED: {', '.join(steps.failed)} (server log: {log_path})")
        return 1
    print("conformance: all steps ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
