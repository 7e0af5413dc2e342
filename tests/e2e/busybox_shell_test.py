"""Debian's busybox sh, interactive, on Keel's console: what a person types at it, in the
sim (headless) or in QEMU, over the serial line (and in QEMU on the PS/2 keyboard too):

    busybox_shell_test.py sim SIMULATOR
    busybox_shell_test.py qemu ISO

`sh` started from Keel's shell finds a terminal on its standard files (isatty, TCGETS)
and is interactive, with job control (the console is its controlling terminal: it makes
its own process group the foreground, and each foreground job's in turn; `jobs`, `kill
%1`): it prints its prompt, reads keys raw through its own line editor
(Backspace, the Up arrow's escape sequence recalling history, Ctrl+C abandoning a line)
and gives the terminal back in canonical mode while a command runs, so that Ctrl+C then
interrupts the command (SIGINT to the terminal's foreground process group: the command
ends with status 130 and sh stays). Ctrl+Z stops the running command, which reads
nothing (the terminal takes keys as they come): `jobs` lists it stopped, `bg` continues it
and `fg` brings it back, as on Linux. vi edits a file full-screen, top shows its table
and quits on q, less pages a file on Space (in QEMU their screens are checked in VGA text
memory). `exit` returns to Keel's shell.
"""
import sys
from keel_e2e import PROMPT, ShellSession, fail

SH_PROMPT = "/ # "
UP = b"\x1b[A"
BACKSPACE = b"\x7f"
CTRL_C = b"\x03"
CTRL_Z = b"\x1a"
ESCAPE = b"\x1b"


def start_full_screen(session: ShellSession, command: str, mark: int) -> int:
    """Types `command`, and Enter only once sh's line editor has echoed it. After each
    prompt the editor asks the terminal where its cursor is (ESC [ 6n) unless input is
    waiting, before it reads: a line typed at once may reach the terminal before that
    question, and the answer then comes after the Enter and reaches the command as a key
    (busybox's comment on ask_terminal says so), which makes vi complain and less shrink
    its page to the cursor's row. Once the editor echoes, the answer is ahead of the
    Enter. Returns the offset after the echo."""
    session.send_keys(command.encode())
    mark = session.wait_for(command, mark)
    session.send_keys(enter)
    return mark


def expect_line_then_prompt(session: ShellSession, output: str, mark: int) -> int:
    """Waits for `output` on a line of its own, then for sh's next prompt."""
    end = session.wait_for("\n" + output + "\n", mark)
    return session.wait_for(SH_PROMPT, end)


kind, machine = sys.argv[1], sys.argv[2]
session = ShellSession([kind, machine], timeout=120)
enter = b"\n" if kind == "sim" else b"\r"
try:
    mark = session.wait_for(PROMPT.decode(), 0)
    session.send("sh")
    started = mark
    mark = session.wait_for(SH_PROMPT, mark)
    if "job control turned off" in session.text()[started:mark]:
        fail("sh found no job control on the console (TIOCGPGRP, TIOCSPGRP)", session.raw())
    print("ok: sh is interactive, with job control: it printed its prompt")

    session.send_keys(b"echo hi $((6 * 7))" + enter)
    mark = expect_line_then_prompt(session, "hi 42", mark)
    print("ok: a command line")

    session.send_keys(UP + enter)
    mark = expect_line_then_prompt(session, "hi 42", mark)
    print("ok: the Up arrow recalls the last line")

    if kind == "qemu":  # the PS/2 keyboard too: QEMU's sendkey, scancodes, IRQ 1
        session.qemu.type_keys("echo typed\n")
        mark = expect_line_then_prompt(session, "typed", mark)
        session.qemu.monitor_command("sendkey up")
        session.qemu.monitor_command("sendkey ret")
        mark = expect_line_then_prompt(session, "typed", mark)
        print("ok: the keyboard types, and its Up arrow recalls the line")

    session.send_keys(b"echo abX" + BACKSPACE + b"c" + enter)
    mark = expect_line_then_prompt(session, "abc", mark)
    print("ok: Backspace takes back a character")

    session.send_keys(b"echo lost" + CTRL_C)
    session.send_keys(b"echo kept" + enter)
    after = expect_line_then_prompt(session, "kept", mark)
    if "\nlost\n" in session.text()[mark:after]:
        fail("Ctrl+C did not abandon the line being edited", session.raw())
    mark = after
    print("ok: Ctrl+C abandons the line being edited")

    # "started" comes from the command's own process, so sh has given the terminal back
    # (ISIG on: a Ctrl+C typed earlier would be a byte of input, on Linux too) and waits.
    session.send_keys(b"sh -c 'echo started; exec sleep 1000'" + enter)
    mark = session.wait_for("\nstarted\n", mark)
    session.send_keys(CTRL_C)
    mark = session.wait_for(SH_PROMPT, mark)
    session.send_keys(b"echo status $?" + enter)
    mark = expect_line_then_prompt(session, "status 130", mark)
    print("ok: Ctrl+C ends the running command (status 130), and sh stays")

    session.send_keys(b"sleep 100 &" + enter)
    mark = session.wait_for(SH_PROMPT, mark)
    session.send_keys(b"jobs" + enter)
    mark = expect_line_then_prompt(session, "[1]+  Running                    sleep 100", mark)
    session.send_keys(b"kill %1; wait %1; echo status $?" + enter)
    mark = expect_line_then_prompt(session, "status 143", mark)
    print("ok: a background job, listed and killed")

    # Job control, with lines taken from busybox sh on a Linux pty. The job says "resumed"
    # when it continues: after `fg` that shows sh has made it the foreground (sh prints
    # the job's name first), so the Ctrl+C typed next is the job's.
    session.send_keys(b"echo 'trap \"echo resumed\" CONT;echo started;while sleep 1;do :;done'>/tmp/j" + enter)
    mark = session.wait_for(SH_PROMPT, session.wait_for(">/tmp/j\n", mark))
    job = "sh /tmp/j"
    session.send_keys(job.encode() + enter)
    mark = session.wait_for("\nstarted\n", mark)
    session.send_keys(CTRL_Z)
    mark = session.wait_for(SH_PROMPT, session.wait_for(f"[1]+  Stopped                    {job}\n", mark))
    session.send_keys(b"jobs" + enter)
    mark = expect_line_then_prompt(session, f"[1]+  Stopped                    {job}", mark)
    session.send_keys(b"bg" + enter)
    mark = session.wait_for("resumed\n", session.wait_for(f"\n[1] {job}\n", mark))
    session.send_keys(b"jobs" + enter)
    mark = expect_line_then_prompt(session, f"[1]+  Running                    {job}", mark)
    session.send_keys(b"fg" + enter)
    mark = session.wait_for("resumed\n", session.wait_for(f"\n{job}\n", mark))
    session.send_keys(CTRL_C)
    mark = session.wait_for(SH_PROMPT, mark)
    session.send_keys(b"echo status $?" + enter)
    mark = expect_line_then_prompt(session, "status 130", mark)
    print("ok: Ctrl+Z stops a job; jobs, bg and fg")

    session.send_keys(b"stty size" + enter)
    mark = expect_line_then_prompt(session, "25 80", mark)
    print("ok: the terminal is 25 rows of 80 columns")

    # vi: raw keys, the alternate screen, a lone Escape (settled after a pause: no byte
    # follows it), and the file it writes. The text has no spaces: vi may draw a space
    # over a blank cell as a cursor move, so a space need not be in the output stream.
    mark = start_full_screen(session, "vi /tmp/notes", mark)
    mark = session.wait_for("/tmp/notes", mark)
    session.send_keys(b"ihello-from-vi")
    mark = session.wait_for("hello-from-vi", mark)
    if kind == "qemu":
        rows = session.qemu.screen_rows()
        if rows[0] != "hello-from-vi" or rows[1] != "~" or "/tmp/notes" not in rows[24]:
            fail("vi's screen is not in VGA memory:\n" + "\n".join(rows), session.raw())
    session.send_keys(ESCAPE)
    mark = session.wait_for("[Modified]", mark)
    session.send_keys(b":wq" + enter)
    mark = session.wait_for(SH_PROMPT, mark)
    session.send_keys(b"cat /tmp/notes" + enter)
    mark = expect_line_then_prompt(session, "hello-from-vi", mark)
    print("ok: vi edits and writes a file" + (", on the VGA screen" if kind == "qemu" else ""))

    # top and less, full screen in raw mode: a key ends top between its refreshes (it
    # polls the terminal), and less pages forward on Space and quits on q.
    mark = start_full_screen(session, "top", mark)
    mark = session.wait_for("PID  PPID USER     STAT", session.wait_for("\nMem: ", mark))
    if kind == "qemu":
        rows = session.qemu.screen_rows()
        if not rows[0].startswith("Mem: ") or not rows[3].lstrip().startswith("PID  PPID USER"):
            fail("top's screen is not in VGA memory:\n" + "\n".join(rows), session.raw())
    session.send_keys(b"q")
    mark = session.wait_for(SH_PROMPT, mark)
    mark = start_full_screen(session, "seq 1 100 > /tmp/n; less /tmp/n", mark)
    mark = session.wait_for("/tmp/n", session.wait_for("\n24\n", mark))
    session.send_keys(b" ")
    mark = session.wait_for("\n48\n", mark)
    if kind == "qemu":
        rows = session.qemu.screen_rows()
        if rows[0] != "25" or rows[23] != "48":
            fail("less's second page is not in VGA memory:\n" + "\n".join(rows), session.raw())
    session.send_keys(b"q")
    mark = session.wait_for(SH_PROMPT, mark)
    print("ok: top quits on q; less pages on Space and quits on q")

    session.send_keys(b"exit" + enter)
    mark = session.wait_for(PROMPT.decode(), mark)
    session.send("echo back")
    mark = session.wait_for("\nback\n", mark)
    print("ok: exit returns to Keel's shell")
    session.power_off()
finally:
    session.kill()
print(f"PASS: busybox sh, interactive, in {'the sim' if kind == 'sim' else 'QEMU'}")
