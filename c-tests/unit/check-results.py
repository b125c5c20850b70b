#!/usr/bin/env python3
"""Runs a Unity test program and judges its results against c-tests/xfail.txt.

    check-results.py --xfail FILE -- COMMAND [ARG...]

COMMAND (normally with-peers.sh PROGRAM) runs with its output passed through.
Unity prints one line per test, "FILE:LINE:TEST:PASS" or
"FILE:LINE:TEST:FAIL: message". The run passes only when

  * every failing test is listed in the xfail file (expected failure),
  * no listed test passes (the list can only shrink: remove the line),
  * the program printed Unity's summary line ("N Tests M Failures ...")
    and was not killed by a signal (a crash or hang is never expected).

The xfail file: one test per line, "TEST_NAME | reason | later issue";
blank lines and lines starting with '#' are ignored. Test names are unique
across all programs, so one file serves them all; entries for tests that a
program does not contain are ignored for that program.

The last line printed is the summary "check-results: N passed, M failed ...".
Exit status 0 when the run passes, 1 otherwise.
"""

import argparse
import ctypes
import os
import re
import signal
import subprocess
import sys

RESULT = re.compile(r"^(?P<file>.*?):(?P<line>\d+):(?P<test>[A-Za-z_]\w*):(?P<verdict>PASS|FAIL|IGNORE)(?::\s*(?P<msg>.*))?$")
SUMMARY = re.compile(r"^(\d+) Tests (\d+) Failures (\d+) Ignored")


def read_xfail(path):
    listed = {}
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            fields = [x.strip() for x in line.split("|")]
            if not re.fullmatch(r"[A-Za-z_]\w*", fields[0]):
                sys.exit("check-results: %s:%d: bad test name %r" % (path, n, fields[0]))
            listed[fields[0]] = fields[1] if len(fields) > 1 else ""
    return listed


def die_with_parent():
    """In the child: get SIGKILL if this script dies (ctest timeout)."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--xfail", required=True)
    ap.add_argument("command", nargs=argparse.REMAINDER)
    args = ap.parse_args()
    cmd = args.command[1:] if args.command[:1] == ["--"] else args.command
    if not cmd:
        ap.error("no command")
    listed = read_xfail(args.xfail)

    child = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                             preexec_fn=die_with_parent)

    def forward(signum, _frame):
        try:
            child.send_signal(signal.SIGTERM)
            child.wait(timeout=2)
        except (OSError, subprocess.TimeoutExpired):
            child.kill()
        sys.exit(128 + signum)

    signal.signal(signal.SIGTERM, forward)
    signal.signal(signal.SIGINT, forward)

    results = []  # (test, verdict, message)
    summary = None
    for raw in child.stdout:
        sys.stdout.buffer.write(raw)
        sys.stdout.flush()
        line = raw.decode(errors="replace").rstrip("\r\n")
        m = RESULT.match(line)
        if m:
            results.append((m.group("test"), m.group("verdict"), m.group("msg") or ""))
            continue
        m = SUMMARY.match(line)
        if m:
            summary = m
    status = child.wait()

    passed = [t for t, v, _ in results if v == "PASS"]
    failed = [t for t, v, _ in results if v == "FAIL"]
    ignored = [t for t, v, _ in results if v == "IGNORE"]
    expected = [t for t in failed if t in listed]
    unexpected = [t for t in failed if t not in listed]
    xpassed = [t for t in passed if t in listed]

    problems = []
    for t in unexpected:
        problems.append("unexpected failure: %s" % t)
    for t in xpassed:
        problems.append("unexpected pass: %s is listed in %s (%s): remove the line"
                        % (t, os.path.basename(args.xfail), listed[t]))
    if summary is None:
        problems.append("no Unity summary line: the program crashed, hung or exited early (status %d)" % status)
    elif int(summary.group(1)) != len(results):
        problems.append("Unity counted %s tests, %d result lines seen" % (summary.group(1), len(results)))
    if status < 0:
        problems.append("the program was killed by signal %d" % -status)
    elif summary is not None and status != min(len(failed), 255):
        problems.append("exit status %d, but %d tests failed" % (status, len(failed)))

    print()
    for t in expected:
        print("check-results: expected failure: %s (%s)" % (t, listed[t]))
    for p in problems:
        print("check-results: %s" % p)
    print("check-results: %d passed, %d failed (%d expected, %d unexpected), %d ignored, %d unexpected passes: %s"
          % (len(passed), len(failed), len(expected), len(unexpected), len(ignored), len(xpassed),
             "OK" if not problems else "FAILED"))
    sys.stdout.flush()
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
