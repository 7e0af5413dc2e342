"""Debian's busybox-static on Keel, compared with the very same binary run on this host
(the differential test), in the sim (headless) or in QEMU:

    busybox_test.py sim SIMULATOR STAGING_DIR
    busybox_test.py qemu ISO STAGING_DIR

STAGING_DIR is the initramfs's staging tree (build/PRESET/initramfs-root), the files the
archive holds. Each step is one command line typed at Keel's shell, from its working
folder /, with paths relative to it (etc/passwd). The expected output is what the same
busybox (STAGING_DIR/bin/busybox) prints on the host when it runs the same words in a copy
of that tree, with a PATH of links to busybox alone, so that `xargs wc` or `find -exec`
find busybox's applets there too, on a pseudo-terminal of 80x25 as Keel's programs run on
its console (so `ls` prints columns on both). Each step must succeed on the host (exit 0), so Keel's
shell must print no "exit status" line either. Steps that change files (tmp/) do the same
on both sides in the same order.

The console wraps lines at 80 columns and the serial line mirrors it, so the host's
output is wrapped the same way before the comparison. QEMU (TCG) is slow: it runs the
first QEMU_STEPS steps only.
"""
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from keel_e2e import console_lines, PROMPT, run_on_terminal, ShellSession, fail

# Each step: the words typed at Keel's shell. The first word is a program (by name, found
# in /bin, /usr/bin, ...: not one of the shell's built-in commands, so /bin/cat and not
# cat), run on the host as `busybox NAME ARGS...`.
STEPS = [
    ["busybox", "echo", "hi", "there"],
    ["sh", "-c", "for i in 1 2 3; do echo $i; done"],
    ["/bin/cat", "etc/passwd"],
    ["sh", "-c", "ls bin | sort | head -4"],
    ["md5sum", "bin/busybox"],
    ["sh", "-c", "dd if=/dev/zero bs=1M count=8 2>/dev/null | md5sum"],
    # Up to here in QEMU as well.
    ["sh", "-c", "echo a; echo b; echo $(echo x) $((6 * 7))"],
    ["sh", "-c", "grep -r Keel etc | sort"],
    ["sed", "-n", "s/e/3/gp", "etc/hostname"],
    ["awk", "-F:", "{ print $1, $3 + 1 }", "etc/passwd"],
    ["sh", "-c", "find etc -name 'p*' | sort"],
    ["find", "etc", "-name", "passwd", "-exec", "wc", "-l", "{}", ";"],
    ["sh", "-c", "echo etc/passwd etc/group | xargs wc -c"],
    ["sha256sum", "etc/passwd"],
    ["wc", "etc/passwd"],
    ["sort", "-t:", "-k3n", "etc/passwd"],
    ["head", "-n", "2", "etc/passwd"],
    ["tail", "-n", "1", "etc/passwd"],
    ["cut", "-d:", "-f1,7", "etc/passwd"],
    ["sh", "-c", "tr a-z A-Z < etc/hostname"],
    ["sh", "-c", "printf 'b\\na\\nb\\n' | sort | uniq -c"],
    ["sh", "-c", "tar cf tmp/t.tar etc/passwd etc/group && tar tf tmp/t.tar"],
    ["sh", "-c", "mkdir tmp/x && tar xf tmp/t.tar -C tmp/x && md5sum tmp/x/etc/*"],
    ["sh", "-c", "mkdir -p tmp/d/e && rmdir tmp/d/e && echo f > tmp/d/f"],
    ["sh", "-c", "cd tmp/d && mv f g && cp g h && ln -s g l && ln g hl && ls"],
    ["sh", "-c", "cd tmp/d && readlink l && cat l hl"],
    ["/bin/stat", "-c", "%s %h %F %a", "tmp/d/g", "tmp/d/l", "tmp/d"],
    ["sh", "-c", "rm -r tmp/d tmp/x tmp/t.tar && ls tmp"],
    ["sh", "-c", "echo x > tmp/a && chmod 640 tmp/a && chmod u+x,g-r tmp/a"],
    ["/bin/stat", "-c", "%A %a %s", "tmp/a"],
    ["/bin/touch", "-d", "2020-01-02 03:04:05", "tmp/a"],
    ["sh", "-c", "cp -p tmp/a tmp/b && touch -r tmp/a tmp/c && chmod 4755 tmp/c"],
    ["/bin/stat", "-c", "%a %Y %n", "tmp/a", "tmp/b", "tmp/c"],
    ["sh", "-c", "rm tmp/a tmp/b tmp/c && ls tmp"],
    ["sh", "-c", "gzip -c etc/passwd | zcat | md5sum"],
    ["sh", "-c", "seq 1 5 | tac | paste -s -d,"],
    ["expr", "6", "*", "7"],
    ["printf", "%05d %s\\n", "42", "x"],
    ["basename", "/a/b/c.txt", ".txt"],
    ["dirname", "/a/b/c.txt"],
    ["sh", "-c", "test -f etc/passwd && test ! -d etc/passwd && echo yes"],
    ["sh", "-c", "umask; umask 027; umask"],
    ["env", "-i", "FOO=1", "env"],
    ["od", "-c", "etc/hostname"],
    ["hexdump", "-C", "etc/hostname"],
    ["sh", "-c", "echo '3 + 4 * 2' | bc"],
    ["sh", "-c", "cd usr/share && basename $(pwd)"],
    # The terminal: its settings as stty shows them, changed and put back.
    ["/bin/stty", "-a"],
    ["sh", "-c", "stty raw -echo; stty -g; stty sane; stty -g"],
    # Signals: SIGPIPE ends yes, SIGCHLD and wait, kill of a background job, a trap.
    ["sh", "-c", "yes | head -3"],
    ["sh", "-c", "sleep 1 & wait; echo done $?"],
    # wait prints "Terminated" when it, and not an earlier reap, sees the job die: a race
    # on Linux too, so that line is left out.
    ["sh", "-c", "sleep 5 & kill $!; wait $! 2>/dev/null; echo $?"],
    ["sh", "-c", "trap 'echo caught' USR1; kill -USR1 $$; echo after"],
    ["sh", "-c", "timeout 1 sleep 5; echo $?"],
]
QEMU_STEPS = 6
# Longer lines scroll sideways in the shell's line editor (80 columns with the prompt).
LINE_MAX = 72


def host_tree(staging: str, work: str) -> tuple:
    """A copy of the staging tree to run in, and a folder of links to busybox for PATH."""
    busybox = os.path.join(staging, "bin", "busybox")
    tree = os.path.join(work, "root")
    shutil.copytree(staging, tree, symlinks=True)
    links = os.path.join(work, "path")
    os.mkdir(links)
    applets = subprocess.run([busybox, "--list"], stdout=subprocess.PIPE, check=True).stdout.decode().split()
    for applet in applets:
        os.symlink(busybox, os.path.join(links, applet))
    return busybox, tree, links


def on_host(busybox: str, tree: str, links: str, words: list) -> str:
    environment = {"PATH": links, "HOME": "/", "LC_ALL": "C", "TZ": "UTC"}
    command = [busybox, os.path.basename(words[0])] + words[1:]
    if words[0] == "busybox":
        command = [busybox] + words[1:]
    status, output = run_on_terminal(command, timeout=60, cwd=tree, env=environment)
    if status != 0:
        fail(f"{shlex.join(words)} fails on the host itself (exit {status})", output)
    return "\n".join(console_lines(output.decode("latin-1")))


kind, machine, staging = sys.argv[1], sys.argv[2], os.path.abspath(sys.argv[3])
steps = STEPS if kind == "sim" else STEPS[:QEMU_STEPS]
with tempfile.TemporaryDirectory() as work:
    busybox, tree, links = host_tree(staging, work)
    session = ShellSession([kind, machine], timeout=120)
    try:
        mark = session.run_steps([("cd /", "")], session.wait_for(PROMPT.decode(), 0))
        for words in steps:
            line = shlex.join(words)
            if len(line) > LINE_MAX:
                fail(f"{line!r} is longer than {LINE_MAX} characters")
            expected = on_host(busybox, tree, links, words)
            mark = session.run_steps([(line, expected)], mark)
            print(f"ok: {line}")
        session.power_off()
    finally:
        session.kill()
print(f"PASS: {len(steps)} busybox commands in {'the sim' if kind == 'sim' else 'QEMU'}, as on Linux")
