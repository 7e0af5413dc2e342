"""Runs user programs from the shell, in the sim (headless) or in QEMU:

    programs_test.py sim SIMULATOR
    programs_test.py qemu ISO

The programs are Linux static executables from the initial RAM disk's /bin, each built
with musl (NAME) and with glibc (NAME.glibc) from user/. The shell runs one by name or by
path with its arguments, its output redirected with `>` as a built-in's is, and says how
it ended: nothing for status 0, "exit status N", or "killed by SIGNAL" (and the kernel log
has Linux's "segfault at" line, for dmesg). Ctrl+C ends a program that spins in user mode and one
that sleeps in a system call. Bad executables get the shell's error line.
"""
import re
import sys
import time
from keel_e2e import PROMPT, ShellSession, fail

HELLO = 'hello from user space\nargc = 3\nargv[0] = "{}"\nargv[1] = "a"\nargv[2] = "b c"\n'



STEPS = [
    ('hello a "b c"', HELLO.format("hello")),  # argv[0] is the word typed, as in sh
    ('hello.glibc a "b c"', HELLO.format("hello.glibc")),
    ('/bin/hello a "b c"', HELLO.format("/bin/hello")),
    ("cd /bin", ""),
    ('./hello.glibc a "b c"', HELLO.format("./hello.glibc")),
    ("cd /", ""),
    ('hello a "b c" > /tmp/hello.out', ""),
    ("cat /tmp/hello.out", HELLO.format("hello")),
    ("true", ""),
    ("ending exit 7", "ending: exit status 7\n"),
    ("ending.glibc exit 7", "ending.glibc: exit status 7\n"),
    ("ending segv", "ending: killed by SIGSEGV (core dumped)\n"),
    ("ending.glibc kernel", "ending.glibc: killed by SIGSEGV (core dumped)\n"),
    ("ending ill", "ending: killed by SIGILL (core dumped)\n"),
    ("ending fpe", "ending: killed by SIGFPE (core dumped)\n"),
    # (dmesg's lines wrap at the console's 80 columns: a newline may fall anywhere.)
    ("dmesg", re.compile(r"ending\[\d+\]: segfault at 0 ip [0-9a-f\n]{16,17} sp [0-9a-f\n]{16,17} error\n? 6")),
    # glibc asks for rseq, which Keel does not have: ENOSYS, logged once, for dmesg only.
    ("dmesg", re.compile(r"debug: hello\.glibc\[\d+\]: system call 334 is not implemented \(ENOSYS\n?\)")),
    ("no_such_program", "no_such_program: command not found (try 'help')\n"),
    ("/bin/no_such_program", "/bin/no_such_program: No such file or directory\n"),
    ("/etc/motd", "/etc/motd: Permission denied\n"),
    ("echo words > /tmp/words", ""),
    ("/tmp/words", "/tmp/words: Permission denied\n"),
]


def interrupt_programs(session: ShellSession, mark: int) -> int:
    """Ctrl+C ends a spinning program and a sleeping one."""
    for how in ["spin", "sleep"]:
        session.send(f"ending {how}")
        mark = session.wait_for(f"ending {how}\n", mark)
        time.sleep(1)
        session.send_interrupt()
        mark = session.wait_for("^C\n" + PROMPT.decode(), mark)
        print(f"ok: Ctrl+C ended 'ending {how}'")
    return mark


session = ShellSession(sys.argv[1:])
try:
    mark = session.run_steps(STEPS, session.wait_for(PROMPT.decode(), 0))
    mark = interrupt_programs(session, mark)
    session.power_off()
finally:
    session.kill()
print(f"PASS: programs in {'the sim' if sys.argv[1] == 'sim' else 'QEMU'}")
