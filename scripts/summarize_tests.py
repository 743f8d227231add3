#!/usr/bin/env python3
"""Adds up the test counts of every suite CTest ran and prints one line: "N passed, N failed".

Each suite prints its own count (doctest: "test cases: 9 | 9 passed | 0 failed", the browser
suite: "e2e: 8 passed, 0 failed", the fuzz targets: "fuzz: 8 passed, 0 failed"); a suite that
failed without printing one (a crash) counts as one failure, and so does a preset whose build
failed. Exits 1 when anything failed.
"""
import pathlib
import re
import sys
import xml.etree.ElementTree as ET

DOCTEST = re.compile(r"test cases:\s*(\d+)\s*\|\s*(\d+) passed\s*\|\s*(\d+) failed")
E2E = re.compile(r"^[a-z0-9_-]+: (\d+) passed, (\d+) failed", re.M)  # "e2e", "cli", "fuzz", ...


def counts(output: str):
    if m := DOCTEST.search(output):
        return int(m[2]), int(m[3])
    if m := E2E.search(output):
        return int(m[1]), int(m[2])
    return None


def main(results_dir: str) -> int:
    passed = failed = 0
    folder = pathlib.Path(results_dir)
    for marker in sorted(folder.glob("*.build-failed")):
        print(f"build of preset {marker.stem} failed")
        failed += 1
    for junit in sorted(folder.glob("*.xml")):
        for case in ET.parse(junit).getroot().iter("testcase"):
            output = "".join(case.findtext(tag) or "" for tag in ("system-out", "system-err"))
            ok = case.get("status") == "run" and case.find("failure") is None
            found = counts(output)
            p, f = found if found else (1, 0) if ok else (0, 1)
            if not ok and f == 0:
                f = 1  # the suite failed after reporting success (e.g. a crash at exit)
            passed += p
            failed += f
    if not any(folder.glob("*.xml")) and failed == 0:
        print("no test results found")
        failed = 1
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "build/test-results"))
