"""The `panic` and `reboot` commands on the real ISO in QEMU.

`panic` must paint a readable report (title, message, file:line, registers, a backtrace
with symbol names) on the screen and the serial line, and halt. `reboot` must reset the
machine, which QEMU (started with -no-reboot) reports by exiting; so must Ctrl+Alt+Delete
on the keyboard, as on Linux while no program has asked for it (reboot(2)'s CAD_OFF).
"""
import re
import sys
import time
from keel_e2e import PROMPT, Qemu, fail, plain

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
    # The whole report, in order: a report that lost its registers or its backtrace, or
    # whose frames were not named, would still have shown the lines above somewhere.
    report = plain(qemu.output)[plain(qemu.output).rfind("KERNEL PANIC"):]
    pattern = re.compile(r"KERNEL PANIC\n"
                         r"panic requested from the shell: e2e\n"
                         r"  at core/shell/commands_system\.cpp:\d+\n"
                         r"Registers:\n(?:(?: +[A-Z0-9]+=[0-9a-f]{16})+\n)+"
                         r"Backtrace:\n #0  0x[0-9a-f]{16} \S+\+0x[0-9a-f]+\n"
                         r"(?: #\d+ +0x[0-9a-f]{16} .*\n)*? #\d+ +0x[0-9a-f]{16} \S*command_panic\+0x[0-9a-f]+\n")
    if not pattern.match(report):
        fail("the panic report on the serial line is not whole", qemu.output)
    for register in ["RIP", "RSP", "RBP", "RFLAGS"]:
        if not re.search(rf" {register}=[0-9a-f]{{16}}", report):
            fail(f"the register dump lacks {register}", qemu.output)
    rows = qemu.screen_rows()
    for heading in ["KERNEL PANIC", "Registers:", "Backtrace:", "The system is halted."]:
        if not any(heading in row for row in rows):
            fail(f"no {heading!r} in the panic report in VGA memory:\n" + "\n".join(rows))
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
finally:
    qemu.kill()

qemu = Qemu(sys.argv[1])
try:
    mark = qemu.wait_for(PROMPT.decode())
    qemu.monitor_command("sendkey ctrl-alt-delete")
    qemu.wait_for("reboot: Restarting system", mark)
    qemu.wait_for_exit()
    print("PASS: panic report on screen and serial; reboot and Ctrl+Alt+Delete reset the machine")
finally:
    qemu.kill()
