"""Boots Keel with each `heap=` choice and uses the shell a little on each.

    heap_choice_test.py qemu ISO_DIRECTORY      (ISOs keel-heap-<name>.iso, made by CMake,
                                                 which boot the kernel shell: init=kshell)
    heap_choice_test.py sim SIMULATOR

For every heap (slab, list, block, bump) the kernel must boot to the prompt with that heap
in effect (`mem` names it), run commands that allocate, and power off cleanly. A bad
choice (sim only: the ISOs are fixed) must be reported in the boot log and fall back to
slab instead of stopping the boot; so must an empty `heap=` and any option value outside
its set (`status=maybe`), all in the same words.
"""
import os
import re
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


# Command lines with values outside their option's set, and the warnings they must log.
HEAP_WARNING = "warn: cmdline: heap={}: unknown value (slab, list, block or bump); using slab"
STATUS_WARNING = "warn: cmdline: status=maybe: unknown value (off or on); using off"
BAD_LINES = {
    "heap=nonsense": [HEAP_WARNING.format("nonsense")],
    "heap=": [HEAP_WARNING.format("")],
    "status=maybe heap=": [STATUS_WARNING, HEAP_WARNING.format("")],
}


def unwrapped(output: str) -> str:
    """The output with the console's line wraps undone: a full 80-column line goes on."""
    return re.sub(r"^(.{80})\n", r"\1", output, flags=re.M)


def run_sim_with(simulator: str, cmdline: str) -> tuple[str, bytes]:
    result = subprocess.run(sim_command(simulator, "--headless", "--cmdline", f"{cmdline} init=kshell"),
                            input=("\n".join(COMMANDS) + "\n").encode(), capture_output=True, timeout=60)
    if result.returncode != 0:
        fail(f"{cmdline}: keel-sim exited with {result.returncode}", result.stdout)
    return unwrapped(plain(result.stdout)), result.stdout


def run_sim(simulator: str) -> None:
    for heap in HEAPS:
        output, raw = run_sim_with(simulator, f"heap={heap}")
        check_session(output, heap, raw)
        print(f"ok: sim with heap={heap}")
    for cmdline, warnings in BAD_LINES.items():
        output, raw = run_sim_with(simulator, cmdline)
        for warning in warnings:
            if warning not in output:
                fail(f"{cmdline!r}: the boot log lacks {warning!r}", raw)
            output = output.replace(warning, "")
        check_session(output, "slab", raw)
        print(f"ok: sim with {cmdline!r} warns and uses the defaults")


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
