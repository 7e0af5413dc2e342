"""Uses the thread commands of the shell, in the sim (headless) or in QEMU:

    threads_shell_test.py sim SIMULATOR
    threads_shell_test.py qemu ISO

`busy` starts a killable spinning thread; the shell must stay responsive beside it (the
spinner has a lower priority, and preemption takes the CPU back from a thread that never
yields). `ps` lists it with its priority, `nice` changes that, `kill` ends it, `sleep`
waits about as long as asked, and bad ids, priorities and numbers get clear errors.
"""
import re
import select
import subprocess
import sys
import time
from keel_e2e import PROMPT, Qemu, fail, plain, sim_command, wait_for_text

STEPS = [
    ("busy spinner", "' spins at priority "),  # the end of the line, so the id is in
    ("ps", "spinner"),
    ("nice {id} 8", None),
    ("ps", None),
    ("sleep 300", None),
    ("kill 1", "kill: 1: Operation not permitted"),
    ("kill 424242", "kill: 424242: No such process"),
    ("nice {id} 99", "nice: priority '99' is not a number from 0 to 31"),
    ("sleep soon", "sleep: 'soon' is not a number of milliseconds"),
    ("kill {id}", None),
    ("sleep 100", None),
    ("ps", None),
]


def check(output: str, raw: bytes, spinner: str) -> None:
    priorities = [int(match.group(1)) for match in
                  re.finditer(rf"^\s*{spinner}\s+spinner\s+(\d+)\s", output, re.M)]
    if priorities[:2] != [4, 8]:
        fail(f"ps did not show the spinner at priority 4 and then 8: {priorities}", raw)
    last_ps = output.rsplit("keel> ps", 1)[1]
    if re.search(rf"^\s*{spinner}\s+spinner", last_ps, re.M):
        fail("the killed spinner is still listed", raw)


def run(send, wait_for) -> str:
    """Goes through STEPS; returns the spinner's thread id."""
    spinner = None
    mark = wait_for(PROMPT.decode(), 0)
    for command, expected in STEPS:
        if "{id}" in command:
            command = command.format(id=spinner)
        started = time.time()
        send(command)
        mark = wait_for(expected or PROMPT.decode(), mark)
        if command.startswith("busy"):
            spinner = re.search(r"busy: thread (\d+)", output_so_far()).group(1)
        if command == "sleep 300" and time.time() - started < 0.25:
            fail("sleep 300 returned too early")
        if expected:
            mark = wait_for(PROMPT.decode(), mark)
    return spinner


if sys.argv[1] == "sim":
    session = subprocess.Popen(sim_command(sys.argv[2], "--headless"), stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE)
    collected = bytearray()

    def output_so_far() -> str:
        return plain(bytes(collected))

    def read_more() -> bytes:
        ready, _, _ = select.select([session.stdout], [], [], 0.2)
        if ready:
            collected.extend(session.stdout.read1(65536))
        return bytes(collected)

    def wait_for(text: str, after: int) -> int:
        return wait_for_text(text, read_more, session, 30, after)

    def send(command: str) -> None:
        session.stdin.write(command.encode() + b"\n")
        session.stdin.flush()

    spinner = run(send, wait_for)
    send("poweroff")
    session.wait(timeout=30)
    check(output_so_far(), bytes(collected), spinner)
    print("PASS: thread commands in the sim")
else:
    qemu = Qemu(sys.argv[2])
    try:
        def output_so_far() -> str:
            return plain(qemu.output)

        spinner = run(lambda command: qemu.send_serial(command + "\r"), lambda text, after: qemu.wait_for(text, after))
        check(output_so_far(), qemu.output, spinner)
        qemu.send_serial("poweroff\r")
        if qemu.wait_for_exit() != 0:
            fail("poweroff did not end QEMU cleanly", qemu.output)
    finally:
        qemu.kill()
    print("PASS: thread commands in QEMU")
