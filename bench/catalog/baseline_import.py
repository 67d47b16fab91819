#!/usr/bin/env python3
"""Baseline for bench/catalog: the same official catalog files imported the
straightforward way, with Python's csv, json and sqlite3 modules, into
tables like Rampart's (no full-text index). Prints "<milliseconds> <peak RSS KiB>".

    baseline_import.py CATALOG_DIR DATABASE
"""
import csv
import json
import os
import re
import resource
import sqlite3
import sys
import time


def main():
    root, db_path = sys.argv[1], sys.argv[2]
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(db_path + suffix):
            os.remove(db_path + suffix)
    start = time.perf_counter()
    db = sqlite3.connect(db_path)
    db.execute("PRAGMA journal_mode=WAL")
    db.executescript("""
        CREATE TABLE asvs (version TEXT, req_id TEXT, description TEXT, l1 INT, l2 INT, l3 INT, cwe TEXT,
                           PRIMARY KEY (version, req_id));
        CREATE TABLE capec (id INT PRIMARY KEY, name TEXT, description TEXT, status TEXT);
        CREATE TABLE capec_cwe (capec_id INT, cwe_id INT);
        CREATE TABLE cwe (id INT PRIMARY KEY, name TEXT, abstraction TEXT, description TEXT);
        CREATE TABLE cwe_rel (id INT, nature TEXT, target INT, view INT);
    """)
    with db:
        for name in sorted(os.listdir(os.path.join(root, "asvs"))):
            path = os.path.join(root, "asvs", name)
            version = (re.search(r"(\d+\.\d+\.\d+)", name) or [None, "5.0.0"])[1]
            if name.endswith(".csv"):
                with open(path, encoding="utf-8-sig", newline="") as f:
                    rows = [r for r in csv.DictReader(f) if not r["req_description"].startswith("[DELETED")]
                for r in rows:
                    levels = [r.get("level1", ""), r.get("level2", ""), r.get("level3", "")] if "level1" in r else \
                        ["✓" if int(r["L"]) <= n else "" for n in (1, 2, 3)]
                    db.execute("INSERT OR REPLACE INTO asvs VALUES (?,?,?,?,?,?,?)",
                               (version, r["req_id"], r["req_description"], bool(levels[0]), bool(levels[1]),
                                bool(levels[2]), r.get("cwe", "")))
            elif name.endswith(".json"):
                with open(path, encoding="utf-8") as f:
                    json.load(f)
        with open(os.path.join(root, "capec", "stix-capec-3.9.json"), encoding="utf-8") as f:
            bundle = json.load(f)
        for o in bundle["objects"]:
            if o["type"] != "attack-pattern":
                continue
            refs = o.get("external_references", [])
            capec_id = int(refs[0]["external_id"].split("-")[1])
            db.execute("INSERT INTO capec VALUES (?,?,?,?)",
                       (capec_id, o["name"], o.get("description", ""), o.get("x_capec_status", "")))
            for ref in refs:
                if ref.get("source_name") == "cwe":
                    db.execute("INSERT INTO capec_cwe VALUES (?,?)", (capec_id, int(ref["external_id"][4:])))
        for name in ("1000.csv", "699.csv"):
            with open(os.path.join(root, "cwe", name), encoding="utf-8", newline="") as f:
                for r in csv.DictReader(f):
                    db.execute("INSERT OR REPLACE INTO cwe VALUES (?,?,?,?)",
                               (int(r["CWE-ID"]), r["Name"], r["Weakness Abstraction"], r["Description"]))
                    for m in re.finditer(r"NATURE:(\w+):CWE ID:(\d+):VIEW ID:(\d+)", r["Related Weaknesses"]):
                        db.execute("INSERT INTO cwe_rel VALUES (?,?,?,?)",
                                   (int(r["CWE-ID"]), m[1], int(m[2]), int(m[3])))
    db.close()
    elapsed = (time.perf_counter() - start) * 1000
    print(f"{elapsed:.1f} {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}")


if __name__ == "__main__":
    main()
