"""The `panic` and `reboot` commands on the real ISO in QEMU.

`panic` must paint a readable report (title, message, file:line, registers, a backtrace
with symbol names) on the screen and the serial line, and halt. `reboot` must reset the
machine, which QEMU (started with -no-reboot) reports by exiting.
"""
import sys
import time
from keel_e2e import PROMPT, Qemu, fail

qemu = Qemu(sys.argv[1])
try:
    mark = qemu.wait_for(PROMPT.decode())
    qemu.type_keys("panic e2e\n")
    mark = qemu.wait_for("KERNEL PANIC", mark)
    qemu.wait_for("panic requested from the shell: e2e", mark)
    qemu.wait_for("at core/shell/commands_system.cpp:", mark)
    qemu.wait_for("Registers:", mark)
    qemu.wait_for("command_panic", mark)
    qemu.wait_for("The system is halted.", mark)
    rows = qemu.screen_rows()
    if not any("KERNEL PANIC" in row for row in rows):
        fail("no panic report in VGA memory:\n" + "\n".join(rows))
    qemu.type_keys("x")
    time.sleep(1)
    if qemu.process.poll() is not None:
        fail("QEMU stopped after the panic; it should stay halted")
finally:
    qemu.kill()

qemu = Qemu(sys.argv[1])
try:
    qemu.wait_for(PROMPT.decode())
    qemu.type_keys("reboot\n")
    qemu.wait_for_exit()
    print("PASS: panic report on screen and serial; reboot resets the machine")
finally:
    qemu.kill()
