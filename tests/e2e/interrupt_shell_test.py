"""Ctrl+C stops the shell's running command, in the sim (headless) or in QEMU:

    interrupt_shell_test.py sim SIMULATOR
    interrupt_shell_test.py qemu ISO

Ctrl+C comes as byte 0x03 on the serial line (the sim's stdin, QEMU's serial socket) and,
in QEMU, also as Ctrl+C on the PS/2 keyboard (the monitor's `sendkey ctrl-c`); the sim's
keyboard gets it in sim_window_test.py. Each command here would run for a day or for ever
without it: `sleep 100000` (an interruptible wait), `cat /dev/zero` (a loop printing to the
console), `cat /dev/zero > /zeros` (a loop filling a file) and `cat /dev/console` (a read
waiting for keys). After Ctrl+C the shell prints "^C" and its prompt, and the next command
runs. At the prompt, Ctrl+C abandons the line typed so far instead of running it.
In the sim, also with a terminal (a pty) on stdin, every key is Keel's: Ctrl-C reaches the
kernel rather than ending the simulator, Ctrl-\\ ends Keel's program with SIGQUIT, Ctrl-Z
stops a job of busybox sh, Ctrl-A Ctrl-A sends a Ctrl-A, and Ctrl-A x ends the simulator
(QEMU's escape key).
"""
import os
import subprocess
import sys
import time
from keel_e2e import PROMPT, ProcessOutput, Qemu, fail, plain, sim_command, started_on_terminal

# Commands that run until interrupted.
ENDLESS = ["sleep 100000", "cat /dev/zero", "cat /dev/zero > /zeros", "cat /dev/console"]


def run(send_line, send_interrupt_ways, wait_for) -> int:
    """Interrupts each ENDLESS command each way; returns the output offset reached."""
    mark = wait_for(PROMPT.decode(), 0)
    number = 0
    for command in ENDLESS:
        for way, send_interrupt in send_interrupt_ways:
            number += 1
            send_line(command)
            mark = wait_for(command + "\n", mark)  # the echo: the shell runs it right after
            time.sleep(1)  # (a Ctrl+C typed ahead, before the command starts, is a key)
            send_interrupt()
            mark = wait_for("^C\n" + PROMPT.decode(), mark)
            send_line(f"echo after-{number}")
            mark = wait_for(f"\nafter-{number}\n", mark)
            print(f"ok: Ctrl+C ({way}) stopped '{command}'")
    send_line("rm /zeros")
    return wait_for("rm /zeros\n" + PROMPT.decode(), mark)


def check_prompt_cancel(send_text, send_interrupt, send_line, wait_for, output_so_far, mark) -> None:
    """At the prompt, Ctrl+C abandons the line: it is not run."""
    send_text("echo abandoned")
    typed = wait_for("echo abandoned", mark)
    send_interrupt()
    mark = wait_for("echo abandoned^C\n" + PROMPT.decode(), typed - len("echo abandoned"))
    send_line("echo done")
    wait_for("\ndone\n", mark)
    if "\nabandoned\n" in output_so_far():
        fail("the line abandoned with Ctrl+C ran")


def sim_on_a_terminal() -> None:
    """keel-sim with a pty on stdin: every key is Keel's, and Ctrl-A x quits, as in QEMU."""
    with started_on_terminal(sim_command(sys.argv[2], "--headless")) as (session, master, output):
        wait_for = output.wait_for
        mark = wait_for(PROMPT.decode(), 0)
        os.write(master, b"sleep 100000\r")
        mark = wait_for("sleep 100000\n", mark)
        time.sleep(1)
        os.write(master, b"\x03")  # the terminal's Ctrl-C
        mark = wait_for("^C\n" + PROMPT.decode(), mark)
        print("ok: a terminal's Ctrl-C reaches the kernel")
        os.write(master, b"ending spin\r")
        mark = wait_for("ending spin\n", mark)
        time.sleep(1)
        os.write(master, b"\x1c")  # Ctrl-\: SIGQUIT, for Keel's program
        mark = wait_for("ending: killed by SIGQUIT (core dumped)\n" + PROMPT.decode(), mark)
        print("ok: a terminal's Ctrl-\\ reaches Keel's program")
        os.write(master, b"sh\r")
        mark = wait_for("/ # ", mark)
        os.write(master, b"sleep 300\r")
        mark = wait_for("sleep 300\n", mark)
        time.sleep(1)
        os.write(master, b"\x1a")  # Ctrl-Z: SIGTSTP, for busybox sh's job
        mark = wait_for("[1]+  Stopped                    sleep 300\n/ # ", mark)
        os.write(master, b"kill -9 %1\r")
        mark = wait_for("/ # ", mark)
        os.write(master, b"jobs\r")  # the killed job, reported once
        mark = wait_for("[1]+  Killed                     sleep 300\n/ # ", mark)
        os.write(master, b"exit\r")
        mark = wait_for(PROMPT.decode(), mark)
        print("ok: a terminal's Ctrl-Z stops Keel's job")
        os.write(master, b"cho a-sent\x01\x01e\r")  # Ctrl-A Ctrl-A: one Ctrl-A, to the line's start
        mark = wait_for("\na-sent\n" + PROMPT.decode(), mark)
        os.write(master, b"\x01x")  # Ctrl-A x: the simulator's, as in QEMU
        status = session.wait(timeout=30)
        if status != 0:
            fail(f"Ctrl-A x did not end the sim with status 0 (status {status})", bytes(output.collected))
    print("ok: Ctrl-A Ctrl-A sends Ctrl-A, and Ctrl-A x ends the sim")


if sys.argv[1] == "sim":
    session = subprocess.Popen(sim_command(sys.argv[2], "--headless"), stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE)
    output = ProcessOutput(session)
    wait_for = output.wait_for

    def send_text(text: str) -> None:
        session.stdin.write(text.encode())
        session.stdin.flush()

    try:
        interrupt = lambda: send_text("\x03")
        mark = run(lambda line: send_text(line + "\n"), [("serial 0x03", interrupt)], wait_for)
        check_prompt_cancel(send_text, interrupt, lambda line: send_text(line + "\n"), wait_for,
                            output.text, mark)
        send_text("poweroff\n")
        if session.wait(timeout=30) != 0:
            fail("poweroff did not end the sim cleanly", bytes(output.collected))
    finally:
        if session.poll() is None:
            session.kill()
    sim_on_a_terminal()
    print("PASS: Ctrl+C stops commands in the sim")
else:
    qemu = Qemu(sys.argv[2])
    try:
        wait_for = lambda text, after: qemu.wait_for(text, after)
        send_text = qemu.send_serial
        serial_interrupt = lambda: send_text("\x03")
        keyboard_interrupt = lambda: qemu.monitor_command("sendkey ctrl-c")
        mark = run(lambda line: send_text(line + "\r"),
                   [("serial 0x03", serial_interrupt), ("PS/2 keyboard", keyboard_interrupt)], wait_for)
        check_prompt_cancel(send_text, keyboard_interrupt, lambda line: send_text(line + "\r"), wait_for,
                            lambda: plain(qemu.output), mark)
        qemu.send_serial("poweroff\r")
        if qemu.wait_for_exit() != 0:
            fail("poweroff did not end QEMU cleanly", qemu.output)
    finally:
        qemu.kill()
    print("PASS: Ctrl+C stops commands in QEMU")
