"""Boots the real ISO in QEMU and uses the shell through the PS/2 keyboard and the serial line.

Checks: the banner and prompt; a command typed with `sendkey` runs, its output is on the
serial line and in VGA memory; an unknown command gets a clear error and the shell goes on;
a command typed on the serial terminal runs too; `poweroff` really turns QEMU off.
"""
import sys
from keel_e2e import PROMPT, Qemu, fail

qemu = Qemu(sys.argv[1])
try:
    qemu.wait_for("Keel ")
    mark = qemu.wait_for(PROMPT.decode())

    qemu.type_keys("echo typed-on-ps2\n")
    mark = qemu.wait_for("\ntyped-on-ps2\n", mark)
    rows = qemu.screen_rows()
    if "typed-on-ps2" not in rows or not any(row.startswith("keel> echo typed-on-ps2") for row in rows):
        fail("the command and its output are not in VGA memory:\n" + "\n".join(rows))

    qemu.type_keys("nosuchcommand\n")
    mark = qemu.wait_for("nosuchcommand: command not found", mark)

    qemu.send_serial("echo 'from the serial line'\r")
    mark = qemu.wait_for("\nfrom the serial line\n", mark)
    qemu.send_serial("uptime\r")
    mark = qemu.wait_for("timer ticks", mark)

    qemu.type_keys("poweroff\n")
    status = qemu.wait_for_exit()
    if status != 0:
        fail(f"poweroff: QEMU exited with status {status}, expected 0 (ACPI power-off)", qemu.output)
    print("PASS: QEMU shell over PS/2 and serial, VGA contents, poweroff")
finally:
    qemu.kill()
