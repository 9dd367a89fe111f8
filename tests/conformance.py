#!/usr/bin/env python3
"""Conformance of `bokseup scan --json` with the bench kit's independent review-model implementation.

Generates deterministic vaults with ../shared/bench/gen_vault.py (real-vault variations, broken
files, skipped folders) and checks, for every file of the manifest: broken files are reported as
issues and nothing else is; notes with flag keys are review notes; and each one's day 0, status
and next due date match the manifest. Usage: tests/conformance.py BOKSEUP_BINARY
"""
import json
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GEN = os.path.join(ROOT, "..", "shared", "bench", "gen_vault.py")
STATE = {"due_today": "due", "overdue": "overdue", "upcoming": "upcoming", "not_started": "not_started", "long_term": "long_term"}
CASES = [("600", "7", "2026-11-28"), ("600", "42", "2024-10-27"), ("300", "3", "2025-03-01")]


def check(binary, notes, seed, today):
    with tempfile.TemporaryDirectory() as tmp:
        vault = os.path.join(tmp, "vault")
        subprocess.run([sys.executable, GEN, vault, "--notes", notes, "--seed", seed, "--today", today],
                       check=True, stdout=subprocess.DEVNULL)
        manifest = json.load(open(os.path.join(vault, ".bench", "manifest.json"), encoding="utf-8"))
        out = subprocess.run([binary, "scan", vault, "--today", today, "--json"], check=True,
                             capture_output=True, text=True).stdout
    report = json.loads(out)
    notes_by_path = {n["path"]: n for n in report["notes"]}
    issues = {i["path"] for i in report["issues"]}
    problems = []
    for rec in manifest["files"]:
        path = rec["path"]
        if rec["expect"] == "fail":
            if path not in issues:
                problems.append(f"{path}: broken ({rec['kind']}) but not reported")
            continue
        note = notes_by_path.get(path)
        if note is None:
            problems.append(f"{path}: missing from notes (issue: {path in issues})")
            continue
        if rec["with_flags"] != (note["kind"] == "review"):
            problems.append(f"{path}: kind {note['kind']}, with_flags {rec['with_flags']}")
        if not rec["with_flags"]:
            continue
        want = (rec["first"], STATE[rec["state"]], rec["next_due"])
        got = (note["day0"], note["status"], note["next_due"])
        if want != got:
            problems.append(f"{path}: (day0, status, next_due) {got} != manifest {want}")
    extra = set(notes_by_path) | issues
    extra -= {r["path"] for r in manifest["files"]}
    problems += [f"{p}: scanned but not in the manifest (should have been skipped)" for p in sorted(extra)]
    return len(manifest["files"]), problems


def main():
    if not os.path.exists(GEN):
        print(f"conformance: skipped, {GEN} not found")
        return 0
    passed = failed = 0
    for notes, seed, today in CASES:
        count, problems = check(sys.argv[1], notes, seed, today)
        name = f"{notes} notes, seed {seed}, today {today}"
        if problems:
            failed += 1
            print(f"not ok - {name}: {len(problems)} of {count} files differ")
            for p in problems[:20]:
                print(f"    {p}")
        else:
            passed += 1
            print(f"ok - {name}: all {count} files agree")
    print(f"# pass {passed}\n# fail {failed}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
