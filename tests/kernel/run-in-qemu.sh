#!/usr/bin/env bash
# Boots a Keel test ISO in QEMU under TCG (no KVM; the guest clock follows the host), with the
# serial line on stdout and the isa-debug-exit device. The test kernel writes 0x10 (pass)
# or 0x11 (fail) to port 0xf4, which QEMU turns into exit status 33 or 35.
#
#   run-in-qemu.sh ISO [CPU]     CPU: a -cpu model, e.g. qemu64,+rdrand (default qemu64)
set -u
iso=$1
cpu=${2:-qemu64}
timeout 240 qemu-system-x86_64 -accel tcg -cpu "$cpu" -m 128M -cdrom "$iso" -boot d \
  -display none -serial stdio -monitor none -no-reboot \
  -device isa-debug-exit,iobase=0xf4,iosize=0x04
status=$?
case $status in
  33) echo "run-in-qemu: tests passed"; exit 0 ;;
  35) echo "run-in-qemu: tests failed"; exit 1 ;;
  124) echo "run-in-qemu: timed out"; exit 1 ;;
  *) echo "run-in-qemu: QEMU exited with status $status (crash or triple fault?)"; exit 1 ;;
esac
