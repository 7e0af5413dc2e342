"""Uses the thread commands of the shell, in the sim (headless) or in QEMU:

    threads_shell_test.py sim SIMULATOR
    threads_shell_test.py qemu ISO

`busy` starts a killable spinning thread; the shell must stay responsive beside it (the
spinner has a lower priority, and preemption takes the CPU back from a thread that never
yields). `ps` lists it with its priority, indented under the kernel process (pid 0,
"kernel") as every kernel thread, `nice` changes that, `kill` ends it, `sleep`
waits about as long as asked, and bad ids, priorities and numbers get clear errors.

A user may not put a thread above priority 15 (the kernel's levels), and even with the
shell's own thread reniced to 0 below a spinner at 15, a line typed to the shell is
answered within a second or two (a reader woken by input runs boosted), not once every
7.5 s of aging. `ps` lists every thread (70 spinners, into a file: no cap at 64 rows) and
`kill` takes several ids, reporting each failure and killing the rest.
"""
import re
import subprocess
import sys
import time
from keel_e2e import PROMPT, ProcessOutput, Qemu, fail, plain, sim_command

MANY = 70  # more than the 64 rows ps used to stop at
ANSWER_SECONDS = 2.0  # generous: the starved shell answered once every 7.5 s

STEPS = [
    ("busy spinner", "' spins at priority "),  # the end of the line, so the id is in
    ("ps", "spinner"),
    ("nice {id} 8", None),
    ("ps", None),
    ("sleep 300", None),
    ("kill 0", "kill: 0: Operation not permitted"),
    ("kill 424242", "kill: 424242: No such process"),
    ("nice {id} 99", "nice: priority '99' is not a number from 0 to 31"),
    ("nice {id} 31", "nice: {id}: priority 31: Permission denied (above 15 is the kernel's)"),
    ("nice {id} 16", "nice: {id}: priority 16: Permission denied"),
    ("nice {id} 15", None),
    ("sleep soon", "sleep: 'soon' is not a number of milliseconds"),
    ("ps", None),
]
LAST_STEPS = [
    ("kill {id}", None),
    ("sleep 100", None),
    ("ps", None),
]


def check_layout(output: str, raw: bytes, spinner: str) -> None:
    """The first ps: the two headers, pid 0 "kernel", then its threads (the spinner among them)."""
    first_ps = output.split("keel> ps", 1)[1].split("keel> ", 1)[0]
    lines = [line for line in first_ps.splitlines() if line.strip()]
    if len(lines) < 4 or not re.fullmatch(r"\s*PID\s+PPID\s+STAT\s+CPU\(ms\)\s+COMMAND", lines[0]) \
            or not re.fullmatch(r"\s+TID\s+NAME\s+PRIO\s+STATE\s+CPU\(ms\)", lines[1]):
        fail(f"ps did not start with its two header lines: {lines[:2]}", raw)
    if not re.fullmatch(r"\s*0\s+0\s+R\s+\d+\s+kernel", lines[2]):
        fail(f"ps did not show the kernel process first: {lines[2]!r}", raw)
    threads = []
    for line in lines[3:]:  # indented thread lines, up to the next process if any
        if re.match(r"\s*\d+\s+\d+\s+[RSZ]\s+\d+\s", line):
            break
        threads.append(line)
    if not any(re.match(rf"\s*{spinner}\s+spinner\s", line) for line in threads):
        fail(f"ps did not show the spinner under pid 0: {threads}", raw)


def check(output: str, raw: bytes, spinner: str) -> None:
    check_layout(output, raw, spinner)
    priorities = [int(match.group(1)) for match in
                  re.finditer(rf"^\s*{spinner}\s+spinner\s+(\d+)\s", output, re.M)]
    if priorities[:3] != [4, 8, 15]:
        fail(f"ps did not show the spinner at priority 4, then 8, then 15: {priorities}", raw)
    last_ps = output.rsplit("keel> ps", 1)[1]
    if re.search(rf"^\s*{spinner}\s+spinner", last_ps, re.M):
        fail("the killed spinner is still listed", raw)


def run_steps(steps, spinner, send, wait_for, mark) -> tuple:
    for command, expected in steps:
        if "{id}" in command:
            command = command.format(id=spinner)
        if expected and "{id}" in expected:
            expected = expected.format(id=spinner)
        started = time.time()
        send(command)
        mark = wait_for(expected or PROMPT.decode(), mark)
        if command.startswith("busy"):
            spinner = re.search(r"busy: thread (\d+)", output_so_far()).group(1)
        if command == "sleep 300" and time.time() - started < 0.25:
            fail("sleep 300 returned too early")
        if expected:
            mark = wait_for(PROMPT.decode(), mark)
    return spinner, mark


def many_threads(send, wait_for, mark) -> int:
    """MANY spinners: all listed by ps into a file, then killed by a few kill commands."""
    for _ in range(MANY):  # typed ahead: the serial line holds what the shell has not read
        send("busy many")
    send('echo all"-"started')
    mark = wait_for(PROMPT.decode(), wait_for("all-started", mark))
    ids = re.findall(r"busy: thread (\d+) 'many'", output_so_far())
    if len(ids) != MANY:
        fail(f"busy started {len(ids)} threads, not {MANY}")
    send("ps > /tmp/ps-all")
    mark = wait_for(PROMPT.decode(), mark)
    send("cat /tmp/ps-all")
    mark = wait_for("keel> ", wait_for("cat /tmp/ps-all", mark))
    listed = output_so_far()[output_so_far().rfind("cat /tmp/ps-all"):]
    missing = [id for id in ids if not re.search(rf"^\s*{id}\s+many\s+4\s", listed, re.M)]
    if missing or "more" in listed:
        fail(f"ps into a file left out threads {missing}: {listed!r}")
    # kill with several ids: a bad one is reported and the others are killed all the same
    # (lines short enough for one screen row: a longer one scrolls, and redraws the prompt)
    batches = [ids[start:start + 12] for start in range(0, len(ids), 12)]
    batches[0] = ["424242"] + batches[0] + ["0"]
    for number, batch in enumerate(batches):
        send("kill " + " ".join(batch))
        if number == 0:
            mark = wait_for("kill: 424242: No such process", mark)
            mark = wait_for("kill: 0: Operation not permitted", mark)
        mark = wait_for(PROMPT.decode(), mark)
    send("sleep 100")
    mark = wait_for(PROMPT.decode(), mark)
    send("ps")
    mark = wait_for(PROMPT.decode(), wait_for("CPU(ms)", mark))
    last_ps = output_so_far()[output_so_far().rfind("CPU(ms)"):]
    if re.search(r"^\s*\d+\s+many\s", last_ps, re.M):
        fail(f"kill with several ids left spinners behind: {last_ps!r}")
    return mark


def answers_while_starved(send, wait_for, mark) -> int:
    """The shell's thread (id 1) at priority 0 below the spinner at 15 still answers at once."""
    send("nice 1 0")
    mark = wait_for(PROMPT.decode(), mark)
    for attempt in range(3):
        started = time.time()
        send(f'echo an"swer-"{attempt}')  # the output, not the typed line, has "answer-N"
        mark = wait_for(f"answer-{attempt}", mark)
        took = time.time() - started
        if took > ANSWER_SECONDS:
            fail(f"the shell took {took:.1f} s to answer echo beside a spinner at priority 15")
        mark = wait_for(PROMPT.decode(), mark)
    send("nice 1 16")  # and it cannot climb back over the user's limit
    mark = wait_for("nice: 1: priority 16: Permission denied", mark)
    return wait_for(PROMPT.decode(), mark)


def run(send, wait_for) -> str:
    """Goes through the steps; returns the spinner's thread id."""
    mark = wait_for(PROMPT.decode(), 0)
    spinner, mark = run_steps(STEPS, None, send, wait_for, mark)
    mark = many_threads(send, wait_for, mark)
    mark = answers_while_starved(send, wait_for, mark)
    spinner, mark = run_steps(LAST_STEPS, spinner, send, wait_for, mark)
    return spinner


if sys.argv[1] == "sim":
    session = subprocess.Popen(sim_command(sys.argv[2], "--headless"), stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE)
    output = ProcessOutput(session)
    output_so_far = output.text

    def send(command: str) -> None:
        session.stdin.write(command.encode() + b"\n")
        session.stdin.flush()

    try:
        spinner = run(send, output.wait_for)
        send("poweroff")
        session.wait(timeout=30)
    finally:
        if session.poll() is None:
            session.kill()  # a failed check leaves no simulator behind
    check(output_so_far(), bytes(output.collected), spinner)
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
