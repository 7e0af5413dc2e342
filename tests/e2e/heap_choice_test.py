"""Boots Keel with each `heap=` choice and uses the shell a little on each.

    heap_choice_test.py qemu ISO_DIRECTORY      (ISOs keel-heap-<name>.iso, made by CMake)
    heap_choice_test.py sim SIMULATOR

For every heap (slab, list, block, bump) the kernel must boot to the prompt with that heap
in effect (`mem` names it), run commands that allocate, and power off cleanly. A bad
choice (`heap=nonsense`, sim only: the ISOs are fixed) must be reported and fall back to
slab instead of stopping the boot.
"""
import os
import subprocess
import sys
from keel_e2e import PROMPT, Qemu, fail, plain, sim_command

HEAPS = ["slab", "list", "block", "bump"]
COMMANDS = ["mem", "history", "dmesg", "mem", "poweroff"]


def check_session(output: str, heap: str, raw: bytes) -> None:
    if f"heap={heap}" not in output:
        fail(f"heap={heap}: the boot log does not name the heap", raw)
    if output.count(f"heap: {heap}") < 2:
        fail(f"heap={heap}: `mem` did not report the {heap} heap twice", raw)
    if "bytes in use" not in output:
        fail(f"heap={heap}: `mem` printed no heap statistics", raw)


def run_sim(simulator: str) -> None:
    for heap in HEAPS + ["nonsense"]:
        result = subprocess.run(sim_command(simulator, "--headless", "--cmdline", f"heap={heap}"),
                                input=("\n".join(COMMANDS) + "\n").encode(), capture_output=True, timeout=60)
        output = plain(result.stdout)
        if result.returncode != 0:
            fail(f"heap={heap}: keel-sim exited with {result.returncode}", result.stdout)
        if heap == "nonsense":
            if "heap=nonsense: no such heap" not in output:
                fail("heap=nonsense was not reported", result.stdout)
            check_session(output.replace("heap=nonsense", ""), "slab", result.stdout)
        else:
            check_session(output, heap, result.stdout)
        print(f"ok: sim with heap={heap}")


def run_qemu(iso_directory: str) -> None:
    for heap in HEAPS:
        qemu = Qemu(os.path.join(iso_directory, f"keel-heap-{heap}.iso"))
        try:
            mark = qemu.wait_for(PROMPT.decode())
            for command in COMMANDS[:-1]:
                qemu.send_serial(command + "\r")
                mark = qemu.wait_for(PROMPT.decode(), mark)
            check_session(plain(qemu.output), heap, qemu.output)
            qemu.send_serial("poweroff\r")
            if qemu.wait_for_exit() != 0:
                fail(f"heap={heap}: poweroff did not end QEMU cleanly", qemu.output)
        finally:
            qemu.kill()
        print(f"ok: QEMU with heap={heap}")


if sys.argv[1] == "sim":
    run_sim(sys.argv[2])
else:
    run_qemu(sys.argv[2])
print("PASS: every heap= choice boots and runs the shell")
