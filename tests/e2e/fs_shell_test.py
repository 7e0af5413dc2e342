"""Uses the file commands of the shell, in the sim (headless) or in QEMU:

    fs_shell_test.py sim SIMULATOR
    fs_shell_test.py qemu ISO

A session builds a small tree under /tmp (mkdir -p, echo with > and >>, cp, ln -s),
looks at it (ls, ls -l, tree, cat), moves it (mv), removes it (rm -r), and checks each
command's whole output; then a few errors, the initial RAM disk's /etc/motd, and mount
and df showing the file systems the kernel mounted at boot (ramfs on /, /proc, /dev); mv of
a tree to another file system (a ramfs mounted for it), copies to a full ramfs that stop at
the first failed write, and rm -rf /proc reporting each file it cannot remove.
"""
import re
import sys
from keel_e2e import PROMPT, ShellSession

NOTES = "first line\nsecond line\n"

# (command, expected output): a string is the exact output, a pattern must match it.
STEPS = [
    ("mkdir -p /tmp/e2e/docs/old", ""),
    ("cd /tmp/e2e", ""),
    ("pwd", "/tmp/e2e\n"),
    ("echo first line > docs/notes.txt", ""),
    ("echo second line >> docs/notes.txt", ""),
    ("cat docs/notes.txt", NOTES),
    ("cp docs/notes.txt docs/old", ""),
    ("ln -s docs/notes.txt latest", ""),
    ("ls", "docs    latest\n"),
    ("ls -l", re.compile(r"\Adrwxr-xr-x +3 +\d+ docs\nlrwxrwxrwx +1 +14 latest -> docs/notes.txt\n\Z")),
    ("ls -l docs/old", re.compile(r"\A-rw-r--r-- +1 +23 notes.txt\n\Z")),
    ("cat latest docs/old/notes.txt", NOTES + NOTES),
    ("tree", ".\n|-- docs\n|   |-- notes.txt\n|   `-- old\n|       `-- notes.txt\n`-- latest -> docs/notes.txt\n"
             "\n2 directories, 3 files\n"),
    ("mv docs papers", ""),
    ("ls", "latest  papers\n"),
    ("cat latest", "cat: latest: No such file or directory\n"),  # the link now points nowhere
    ("cat papers/notes.txt", NOTES),
    ("rm papers", "rm: cannot remove 'papers': Is a directory\n"),
    ("rmdir papers", "rmdir: failed to remove 'papers': Directory not empty\n"),
    ("mkdir papers", "mkdir: cannot create directory 'papers': File exists\n"),
    ("echo oops > papers", "shell: papers: Is a directory\n"),
    ("cd /nope", "cd: /nope: No such file or directory\n"),
    ("rm -r papers latest", ""),
    ("ls -a", ".   ..\n"),
    ("cd /", ""),
    ("rmdir /tmp/e2e", ""),
    ("ls /tmp", ""),
    ("cat /etc/motd", re.compile(r"\AWelcome to Keel!\n")),
    ("mount", re.compile(r"^\S+ on / type ramfs \(rw\)\n(.*\n)*\S+ on /proc type proc \(rw\)\n(.*\n)*"
                         r"\S+ on /dev type devfs \(rw\)\n", re.M)),
    ("df", re.compile(r"\AFilesystem +1K-blocks +Used +Available +Use% +Mounted on\n"
                      r"\S+ +[1-9]\d* +\d+ +\d+ +\d+% /\n")),
    # mv to another file system copies the tree, then removes it; mv onto itself is refused.
    ("mkdir -p /tmp/moving/tree/sub /tmp/elsewhere", ""),
    ("mount -t ramfs none /tmp/elsewhere", ""),
    ("echo deep > /tmp/moving/tree/sub/file", ""),
    ("ln -s sub/file /tmp/moving/tree/link", ""),
    ("mv /tmp/moving/tree /tmp/elsewhere", ""),
    ("ls -a /tmp/moving", ".   ..\n"),
    ("tree /tmp/elsewhere", "/tmp/elsewhere\n`-- tree\n    |-- link -> sub/file\n    `-- sub\n        `-- file\n"
                            "\n2 directories, 2 files\n"),
    ("cat /tmp/elsewhere/tree/link", "deep\n"),
    ("cd /tmp/elsewhere/tree", ""),
    ("mv link ../tree/link", "mv: 'link' and '../tree/link' are the same file\n"),
    ("cd /", ""),
    # A copy to a full file system stops at the first failed write (a ramfs of 64 KiB: df
    # shows that size), and the space comes back.
    ("mkdir /tmp/small", ""),
    ("mount -t ramfs -o size=64k small /tmp/small", ""),
    ("cat /dev/zero > /tmp/small/zeros", "cat: write error: No space left on device\n"),
    ("cp /dev/zero /tmp/small/more", "cp: error writing '/tmp/small/more': No space left on device\n"),
    ("df", re.compile(r"^small +64 +64 +0 +100% /tmp/small$", re.M)),
    ("rm /tmp/small/zeros /tmp/small/more", ""),
    ("df", re.compile(r"^small +64 +0 +64 +0% /tmp/small$", re.M)),
    # rm -rf /proc: every file that cannot go is reported, not only the first (the six of
    # /proc/0: cmdline, exe, fd, maps, stat, status).
    ("rm -rf /proc", re.compile(r"\A(rm: cannot remove '/proc/0/[a-z]+': Operation not permitted\n){6}"
                                r"(rm: cannot remove '/proc/\d+/status': Operation not permitted\n){2,}"
                                r"(rm: cannot remove '/proc/[a-z]+': Operation not permitted\n)*"
                                r"rm: cannot remove '/proc/meminfo': Operation not permitted\n"
                                r"(rm: cannot remove '/proc/[a-z]+': Operation not permitted\n)*\Z")),
]


session = ShellSession(sys.argv[1:])
try:
    session.run_steps(STEPS, session.wait_for(PROMPT.decode(), 0))
    session.power_off()
finally:
    session.kill()
print(f"PASS: file commands in {'the sim' if sys.argv[1] == 'sim' else 'QEMU'}")
