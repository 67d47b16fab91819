#!/usr/bin/env python3
"""Golden-file tests for the rampart command line.

Each case is a file `NAME.cmd` holding one rampart command line (without the
program name); `{shared}` stands for the shared folder and `{data}` for
tests/data. The case's expected output sits beside it in `NAME.expected`:
the exit code, standard output and standard error, as the command printed
them. The catalogs of ../shared/catalogs are imported once into a fresh
database that every case reads.

    run_golden.py --rampart PATH --shared DIR --work DIR [--rebaseline] [CASE…]

--rebaseline rewrites the .expected files from what the commands print now;
review the diff before committing it.
"""
import argparse
import difflib
import os
import re
import shlex
import shutil
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))


def render(code, out, err):
    return f"exit: {code}\n--- stdout\n{out}--- stderr\n{err}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rampart", required=True)
    parser.add_argument("--shared", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--rebaseline", action="store_true")
    parser.add_argument("cases", nargs="*")
    args = parser.parse_args()

    shared = os.path.abspath(args.shared)
    data = os.path.join(os.path.dirname(HERE), "data")
    shutil.rmtree(args.work, ignore_errors=True)
    os.makedirs(args.work)
    db = os.path.join(args.work, "golden.db")
    env = dict(os.environ, RAMPART_DB=db, RAMPART_LOG_LEVEL="warn", LC_ALL="C.UTF-8")
    env.pop("RAMPART_CATALOG_DIR", None)
    setup = subprocess.run([args.rampart, "catalog", "import", os.path.join(shared, "catalogs")], env=env,
                           capture_output=True, text=True)
    if setup.returncode != 0:
        print("importing the catalogs failed:\n" + setup.stdout + setup.stderr)
        return 1

    cases = []
    for root, _, files in os.walk(HERE):
        for name in sorted(files):
            if name.endswith(".cmd"):
                cases.append(os.path.join(root, name))
    cases.sort()
    if args.cases:
        cases = [c for c in cases if os.path.basename(c)[:-4] in args.cases]
        if not cases:
            print("no case matches " + " ".join(args.cases))
            return 1

    passed = failed = 0
    for case in cases:
        with open(case, encoding="utf-8") as f:
            line = f.read().strip()
        argv = [a.replace("{shared}", shared).replace("{data}", data) for a in shlex.split(line)]
        run = subprocess.run([args.rampart] + argv, env=env, capture_output=True, text=True)
        # Paths differ between machines; the expectations name them by placeholder.
        actual = render(run.returncode, run.stdout, run.stderr).replace(shared, "{shared}").replace(data, "{data}")
        actual = re.sub(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z", "{time}", actual)
        expected_path = case[:-4] + ".expected"
        name = os.path.relpath(case, HERE)[:-4]
        if args.rebaseline:
            with open(expected_path, "w", encoding="utf-8") as f:
                f.write(actual)
            print(f"rebaselined {name}")
            passed += 1
            continue
        try:
            with open(expected_path, encoding="utf-8") as f:
                expected = f.read()
        except FileNotFoundError:
            expected = None
        if expected == actual:
            passed += 1
            print(f"ok      {name}")
        else:
            failed += 1
            print(f"FAILED  {name}")
            if expected is None:
                print(f"  no {expected_path}; run with --rebaseline to create it")
            else:
                sys.stdout.writelines(difflib.unified_diff(expected.splitlines(True), actual.splitlines(True),
                                                           "expected", "actual"))
    print(f"golden: {passed} passed, {failed} failed")
    return 1 if failed or not cases else 0


if __name__ == "__main__":
    sys.exit(main())
