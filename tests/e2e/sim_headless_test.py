"""Runs keel-sim --headless with commands piped to stdin, as a user of a terminal would.

Checks each command's output, that errors (unknown command, bad arguments, a line longer
than the editor holds, bad quoting) are one clear line in colour and the shell goes on,
that the Up key recalls history over the serial line, that `poweroff` ends the process
with 0, that `reboot` restarts the machine (the process starts itself again), and that an
--initrd file that does not exist is refused with status 2.
"""
import subprocess
import sys
from keel_e2e import ProcessOutput, fail, plain, sim_command

simulator = sys.argv[1]
commands = "\n".join([
    "echo hello from the pipe",
    "version",
    "nosuchcommand",
    "color pink",
    "echo 'unterminated",
    "echo " + "x" * 300,
    "echo history-works",
    "\x1b[A",            # Up: recall the previous line, then Enter runs it again
    "uptime",
    "poweroff",
]) + "\n"

result = subprocess.run(sim_command(simulator, "--headless"), input=commands.encode(),
                        capture_output=True, timeout=60)
output = plain(result.stdout)
if result.returncode != 0:
    fail(f"keel-sim exited with {result.returncode}; stderr: {result.stderr.decode()[-2000:]}", result.stdout)

expected = [
    "\nhello from the pipe\n",
    "\nKeel 0.",
    "nosuchcommand: command not found (try 'help')",
    "color: unknown colour 'pink'",
    "shell: unterminated quote",
    "shell: line too long (at most 160 characters); not run",
    "timer ticks",
    "shell: powering off",
]
position = 0
for text in expected:
    found = output.find(text, position)
    if found < 0:
        fail(f"missing {text!r} (in order) in the headless session", result.stdout)
    position = found + len(text)
if b"\x1b[0;91;40mnosuchcommand: command not found" not in result.stdout:
    fail("the error line is not light red (ANSI 91) on the terminal", result.stdout)
if output.count("\nhistory-works\n") != 2:
    fail("Up did not recall and rerun the previous line", result.stdout)

# Reboot: each line typed once the prompt it answers is there, since bytes in flight
# when the machine resets are lost, as on a real serial line.
session = subprocess.Popen(sim_command(simulator, "--headless"), stdin=subprocess.PIPE,
                           stdout=subprocess.PIPE)
reading = ProcessOutput(session)
mark = 0
for line, ready in (("echo before-reboot", "keel> "), ("reboot", "before-reboot\nkeel> "),
                    ("echo after-reboot", "Type 'help' for the commands.\nkeel> "), ("poweroff", "after-reboot\nkeel> ")):
    mark = reading.wait_for(ready, mark)
    session.stdin.write(line.encode() + b"\n")
    session.stdin.flush()
session.wait(timeout=30)
reading.read_more()
stdout = bytes(reading.collected)
rebooted = plain(stdout)
if session.returncode != 0 or rebooted.count("Keel 0.") < 2 or "\nafter-reboot\n" not in rebooted:
    fail(f"reboot did not restart the machine (status {session.returncode})", stdout)

# An --initrd that cannot be read is refused before the machine starts, like a bad option.
missing = subprocess.run([simulator, "--headless", "--initrd", "/nonexistent/initramfs.cpio"],
                         stdin=subprocess.DEVNULL, capture_output=True, timeout=30)
if missing.returncode != 2 or b"--initrd" not in missing.stderr:
    fail(f"a missing --initrd gave status {missing.returncode}: {missing.stderr.decode()[-500:]}",
         missing.stdout)
print("PASS: headless sim session with piped commands, a reboot, and a missing --initrd refused")
