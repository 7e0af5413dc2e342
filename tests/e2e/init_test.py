"""Keel boots into init, Debian's busybox init as pid 1, as Linux does:

    init_test.py sim SIMULATOR      (with init=/sbin/init on the command line)
    init_test.py qemu ISO           (the ISO's default entry, which names no init)

init reads /etc/inittab: it runs the sysinit line (hostname -F /etc/hostname, which needs
sethostname) and respawns a login shell on each terminal, the console's (/dev/tty1: the
screen and keyboard) and the serial line's (/dev/ttyS0). The test checks, through the
serial line's shell: init is pid 1 with parent 0 and is the shell's parent; there is a
shell on each terminal, and (in QEMU) a line typed on the keyboard runs in the console's
shell, on the screen, without reaching the serial line; a 6,000-byte burst on the serial
line reaches cat whole (flow control); signals init has no
handler for do not reach it, SIGKILL included; an orphan is adopted by init, and reaped
by it once it ends; busybox dmesg reads and clears the kernel log through syslog(2); mount
mounts a ramfs and remounts it read-only (EROFS for every change, EBUSY while a file is
open for writing) and back, and umount unmounts it once it is no longer in use; the
shell comes back after `exit`; `poweroff` makes init kill every process and call
reboot(2), which powers the machine off. In QEMU, a second boot checks Ctrl+Alt+Delete on
the keyboard: init asked for it as SIGINT (reboot(2)'s CAD_OFF), and its inittab line
restarts the machine. (The sim's window test presses it in the sim.) In the sim, four
more boots: an init that is not executable and one that does not exist are reported and
the kernel shell runs instead; an init that exits is a panic that says how it ended; the
command line's words that are not the kernel's are init's arguments and environment
(echo and env as init print them); and
on a host pseudo-terminal, the serial line's terminal takes its size and follows a resize,
which signals SIGWINCH to the foreground program.
"""
import hashlib
import os
import re
import subprocess
import sys
import time
from keel_e2e import ShellSession, fail, plain, set_terminal_size, sim_command, started_on_terminal

PROMPT = "root@keel:/# "
BANNER = "built-in shell (ash)"

kind, machine = sys.argv[1], sys.argv[2]


def check_sim_boot(cmdline: str, status: int, wanted: list) -> None:
    """Boots the sim with `cmdline`, types poweroff, and checks its exit status and that its
    output has each of `wanted` in order."""
    result = subprocess.run(sim_command(machine, "--headless", "--cmdline", cmdline), input=b"poweroff\n",
                            capture_output=True, timeout=120)
    output, mark = plain(result.stdout), 0
    for text in wanted:
        found = output.find(text, mark)
        if found < 0:
            fail(f"init={cmdline}: no {text!r} in the output", result.stdout)
        mark = found + len(text)
    if result.returncode != status:
        fail(f"init={cmdline}: the sim exited with {result.returncode}, not {status}", result.stdout)


def check_host_terminal_size() -> None:
    """keel-sim --headless on a terminal: the serial line's terminal has the host terminal's
    size, and a resize reaches it, with SIGWINCH for its foreground program."""
    command = sim_command(machine, "--headless", "--cmdline", "init=/sbin/init")
    with started_on_terminal(command, 30, 100) as (sim, master, output):
        mark = output.wait_for(PROMPT)
        os.write(master, b"stty size\r")
        mark = output.wait_for("\n30 100\n" + PROMPT, mark)
        os.write(master, b"sh -c 'trap \"echo got-winch\" WINCH; echo trap-set; sleep 5; stty size'\r")
        mark = output.wait_for("\ntrap-set\n", mark)
        set_terminal_size(master, 40, 132)
        mark = output.wait_for("got-winch\n40 132\n" + PROMPT, mark)
        os.write(master, b"poweroff\r")
        if sim.wait(timeout=60) != 0:
            fail(f"poweroff: the sim exited with {sim.returncode}", bytes(output.collected))
    print("ok: on a host terminal, ttyS0 has its size and follows a resize (SIGWINCH)")


if kind == "sim":
    check_sim_boot("init=/etc/passwd", 0, ["warn: init: cannot run /etc/passwd: Permission denied", "keel> "])
    check_sim_boot("init=/nonexistent", 0, ["warn: init: cannot run /nonexistent: No such file", "keel> "])
    print("ok: an init that cannot run is reported, and the kernel shell runs instead")
    check_sim_boot("init=/bin/true", 3, ["KERNEL PANIC", "init ended: exit status 0", "The system is halted."])
    print("ok: init's end is a panic that says how it ended")
    # The words that are not the kernel's: arguments (all of them after --) and variables.
    check_sim_boot("init=/bin/echo heap=list from-the-cmdline usbcore.autosuspend=1 -- TERM=x",
                   3, ["\nfrom-the-cmdline TERM=x\n", "init ended: exit status 0"])
    check_sim_boot("init=/usr/bin/env status=off KEEL_GREETING=hello",
                   3, ["\nHOME=/\nTERM=linux\nKEEL_GREETING=hello\n", "init ended: exit status 0"])
    print("ok: the command line's words that are not the kernel's go to init, as on Linux")
    check_host_terminal_size()


options = ["--cmdline", "init=/sbin/init"] if kind == "sim" else []
session = ShellSession([kind, machine, *options], timeout=120)


def run(command: str, expected, mark: int) -> int:
    """Types `command` (short enough not to wrap after the prompt) at the shell and checks
    that it printed exactly `expected`, a string or a compiled pattern."""
    session.send(command)
    end = session.wait_for(PROMPT, mark)
    echoed_and_output = session.text()[mark:end - len(PROMPT)]
    output = echoed_and_output.split("\n", 1)[1] if "\n" in echoed_and_output else ""
    if not (expected.fullmatch(output) if isinstance(expected, re.Pattern) else output == expected):
        wanted = expected.pattern if isinstance(expected, re.Pattern) else expected
        fail(f"{command!r} printed {output!r}, expected {wanted!r}", session.raw()[-3000:])
    return end


try:
    mark = session.wait_for(BANNER, 0)
    if "sethostname" in session.text()[:mark]:
        fail("init's sysinit line failed", session.raw())
    mark = session.wait_for(PROMPT, mark)
    mark = run("echo ppid=$PPID", "ppid=1\n", mark)
    mark = run("echo $(ps -o pid,ppid,comm | grep init)", "1 0 init\n", mark)
    print("ok: init is pid 1, the kernel's child, and the login shell's parent")

    # Two terminals, as the inittab asks: this shell's is the serial line's, /dev/ttyS0, and
    # a second login shell has the console's, /dev/tty1 (busybox ps shows major,minor).
    mark = run("tty", "/dev/ttyS0\n", mark)
    mark = run("ps -o tty,comm > /tmp/ps; grep ' sh$' /tmp/ps", "4,1    sh\n4,64   sh\n", mark)
    if kind == "qemu":
        # Keys typed on the keyboard go to the console's shell and its echo stays on the
        # screen: nothing of it reaches the serial line.
        typed = "echo $(tty) >/tmp/typed"
        session.qemu.type_keys(typed + "\n")
        deadline = time.time() + 60
        while (PROMPT + typed + "\n" + PROMPT.rstrip()) not in "\n".join(session.qemu.screen_rows()):
            if time.time() > deadline:
                fail("the console's shell did not run the line typed on the keyboard",
                     "\n".join(session.qemu.screen_rows()).encode())
            time.sleep(0.5)
        mark = run("cat /tmp/typed", "/dev/tty1\n", mark)
        if typed in session.text():
            fail("the keyboard's line reached the serial line", session.raw())
    print("ok: a login shell on each terminal, tty1 (screen and keyboard) and ttyS0 (serial line)")

    # A burst larger than the terminal's input buffer (4 KiB) arrives whole: the serial line
    # is held back while cat does not read, and no byte is lost.
    burst = "".join(f"{line:04d}" + "x" * 95 + "\n" for line in range(60)).encode()
    session.send("cat > /tmp/burst")
    session.send_keys(burst + b"\x04")
    mark = session.wait_for(PROMPT, mark)
    mark = run("wc -c < /tmp/burst; md5sum < /tmp/burst",
               f"{len(burst)}\n{hashlib.md5(burst).hexdigest()}  -\n", mark)
    print("ok: the serial line's flow control loses nothing of a 6,000-byte burst")

    mark = run("kill -KILL 1; kill -STOP 1; echo $(ps -o pid,stat,comm | grep init)",
               "1 S init\n", mark)
    print("ok: SIGKILL and SIGSTOP do not reach init")

    mark = run("sh -c 'sleep 60 & echo $! > /tmp/orphan'", "", mark)
    mark = run("echo $(ps -o ppid,comm | grep sleep)", "1 sleep\n", mark)
    mark = run("kill $(cat /tmp/orphan); sleep 1; ps -o comm | grep -c sleep", "0\n", mark)
    print("ok: init adopts an orphan and reaps it")

    # busybox dmesg reads the log through syslog(2): Linux's "<level>[time] text" lines,
    # and -c clears what later reads return. (The write is on the console too: the log's.)
    mark = run("echo hello-kmsg > /dev/kmsg; dmesg -r | tail -1",
               re.compile(r"(\[ *\d+\.\d{6}\] info: hello-kmsg\n)?<6>\[ *\d+\.\d{6}\] hello-kmsg\n"), mark)
    mark = run("dmesg -c > /dev/null; dmesg | wc -l", "0\n", mark)
    print("ok: dmesg reads and clears the kernel log (syslog(2))")

    # busybox mount and umount (mount(2), umount2(2)), with Linux's answers.
    mark = run("mkdir /mnt; mount -t ramfs -o size=64k small /mnt", "", mark)
    mark = run("mount | grep /mnt", "small on /mnt type ramfs (rw)\n", mark)
    # Read-only, by a remount (MS_REMOUNT | MS_RDONLY): every change is EROFS, reading goes
    # on, and a file open for writing keeps the remount away.
    mark = run("echo kept > /mnt/f; mount -o remount,ro /mnt; mount | grep /mnt",
               "small on /mnt type ramfs (ro)\n", mark)
    mark = run("touch /mnt/g; cat /mnt/f; rm -f /mnt/f",
               "touch: /mnt/g: Read-only file system\nkept\nrm: can't remove '/mnt/f': Read-only file system\n",
               mark)
    mark = run("mount -o remount,rw /mnt; exec 3>>/mnt/f; mount -o remount,ro /mnt",
               "mount: mounting small on /mnt failed: Device or resource busy\n", mark)
    mark = run("exec 3>&-; mount -o remount,ro /mnt", "", mark)
    mark = run("mount -o remount,rw /mnt; rm /mnt/f; ls /mnt", "", mark)
    mark = run("cd /mnt; umount /mnt; cd /", "umount: can't unmount /mnt: Device or resource busy\n", mark)
    mark = run("umount /mnt; mount | grep -c /mnt", "0\n", mark)
    mark = run("umount /mnt", "umount: can't unmount /mnt: Invalid argument\n", mark)
    print("ok: mount, read-only remounts, and umount, which refuses a file system in use")

    session.send("exit")
    mark = session.wait_for(BANNER, mark)
    mark = session.wait_for(PROMPT, mark)
    mark = run("echo ppid=$PPID", "ppid=1\n", mark)
    print("ok: init respawns the shell that exited")

    session.send("poweroff")
    for line in ("Sent SIGTERM to all processes", "Sent SIGKILL to all processes",
                 "Requesting system poweroff", "reboot: Power down"):
        mark = session.wait_for(line, mark)
    if kind == "sim":
        if session.process.wait(timeout=30) != 0:
            fail(f"poweroff: the sim exited with {session.process.returncode}", session.raw())
    elif session.qemu.wait_for_exit() != 0:
        fail("poweroff did not end QEMU cleanly", session.raw())
    print("ok: poweroff asks init, which ends every process and powers off")

    if kind == "qemu":
        session = ShellSession([kind, machine], timeout=120)
        mark = session.wait_for(PROMPT, session.wait_for(BANNER, 0))
        session.qemu.monitor_command("sendkey ctrl-alt-delete")
        for line in ("The system is going down NOW!", "Requesting system reboot", "reboot: Restarting system"):
            mark = session.wait_for(line, mark)
        if session.qemu.wait_for_exit() != 0:
            fail("the restart did not end QEMU cleanly", session.raw())
        print("ok: Ctrl+Alt+Delete goes to init, whose inittab restarts the machine")
except BaseException:
    session.kill()
    raise
print(f"PASS: busybox init as pid 1 in {'the sim' if kind == 'sim' else 'QEMU'}")
