"""The user-space test programs of user/ on Keel, compared with the same binaries run
natively on this host (the differential test), in the sim (headless) or in QEMU:

    usertests_test.py sim SIMULATOR BIN_DIR
    usertests_test.py qemu ISO BIN_DIR

BIN_DIR holds the built programs (build/PRESET/user/bin), the very files the initramfs
carries in /bin. usertests (bad pointers into every system call, isolation, a fork bomb,
exhaustion, 1,000 fork+exec+wait cycles, malformed ELF files), fileops, procops, memops,
sysops, sigtests, pollops and ttyops print one "ok"/"not ok" line per check; every such
line must be the same on Keel as on Linux, and every check must pass. On the host each
runs on a pseudo-terminal of 80x25, as on Keel on the console. Lines starting with '#'
(counts, times, what only Keel checks) are not compared. Then the fuzzer makes 100,000
random system calls in the sim, 10,000 in QEMU (which runs slower), and the kernel must
still answer.

The console wraps lines at 80 columns and the serial line mirrors it, so the host's
output is wrapped the same way before the comparison.
"""
import os
import re
import subprocess
import sys
from keel_e2e import CONSOLE_COLUMNS, console_lines, PROMPT, run_on_terminal, ShellSession, fail

# (program, its arguments on the host; on Keel the programs find each other in /bin).
PROGRAMS = [
    ("usertests", ["{bin}"]),
    ("fileops", []),
    ("procops", ["{bin}"]),
    ("memops", []),
    ("sysops", []),
    ("sigtests", ["{bin}"]),
    ("pollops", []),
    ("ttyops", []),
    ("fileops.glibc", []),
    ("procops.glibc", ["{bin}"]),
    ("memops.glibc", []),
    ("sysops.glibc", []),
    ("sigtests.glibc", ["{bin}"]),
    ("pollops.glibc", []),
    ("ttyops.glibc", []),
]
FUZZ_CALLS = {"sim": 100000, "qemu": 10000}
# Programs that check job control need the terminal as their controlling one on the host
# too (on Keel the console is that of every program the kernel shell starts).
CONTROLLING_TERMINAL = {"ttyops", "ttyops.glibc"}


def compared(lines: list) -> list:
    """The result lines, whole again: a physical line of exactly 80 columns continues on
    the next; lines starting with '#' are left out."""
    logical, current, continues = [], "", False
    for line in lines:
        current = current + line if continues else line
        continues = len(line) == CONSOLE_COLUMNS
        if not continues:
            logical.append(current)
    return [line for line in logical if line.startswith("ok ") or line.startswith("not ok ")]


def on_host(bin_dir: str, name: str, arguments: list) -> list:
    command = [os.path.join(bin_dir, name)] + [argument.format(bin=bin_dir) for argument in arguments]
    status, output = run_on_terminal(command, timeout=600, controlling=name in CONTROLLING_TERMINAL)
    lines = compared(console_lines(output.decode("latin-1")))
    if status != 0 or not lines or any(line.startswith("not ok") for line in lines):
        fail(f"{name} fails on the host itself (exit {status})", output)
    return lines


def on_keel(session: ShellSession, name: str, mark: int) -> tuple:
    session.send(name)
    start = session.wait_for(name + "\n", mark)
    end = session.wait_for(PROMPT.decode(), start)
    output = session.text()[start:end - len(PROMPT)]
    return compared(output.split("\n")), output, end


def compare(name: str, host: list, keel: list, output: str) -> None:
    if keel == host:
        print(f"ok: {name}: {len(keel)} checks, the same as on Linux")
        return
    for index, (expected, got) in enumerate(zip(host, keel)):
        if expected != got:
            fail(f"{name}: check {index + 1} differs from Linux:\n  Linux: {expected}\n  Keel:  {got}",
                 output.encode()[-3000:])
    fail(f"{name}: {len(keel)} checks on Keel, {len(host)} on Linux", output.encode()[-3000:])


kind, machine, bin_dir = sys.argv[1], sys.argv[2], sys.argv[3]
expected = {name: on_host(bin_dir, name, arguments) for name, arguments in PROGRAMS}
session = ShellSession([kind, machine], timeout=600)
try:
    mark = session.wait_for(PROMPT.decode(), 0)
    for name, _ in PROGRAMS:
        keel, output, mark = on_keel(session, name, mark)
        compare(name, expected[name], keel, output)
    calls = FUZZ_CALLS[kind]
    session.send(f"fuzz 1 {calls}")
    mark = session.wait_for(f"fuzz: {calls} calls, seed 1\n", mark)
    session.send("echo still here")
    mark = session.wait_for("\nstill here\n", mark)
    print(f"ok: {calls} random system calls, and the kernel still answers")
    session.power_off()
finally:
    session.kill()
print(f"PASS: user test programs in {'the sim' if kind == 'sim' else 'QEMU'}, as on Linux")
