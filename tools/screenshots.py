#!/usr/bin/env python3
"""Takes the README's screenshots (docs/screenshots/TARGET-SHOT.png) from the sim and QEMU.

Each shot boots a fresh machine, types its keys and saves the screen, on both targets:
- sim: `keel-sim --headless` (no display needed) with the keys on stdin, its serial line;
  SIGUSR2 makes keel-sim save its screen as a PNG (720x400, the pixels its window shows)
  and say where on stderr;
- qemu: the x86_64 ISO that boots the kernel shell (keel-kshell.iso) in QEMU (TCG, no display) with the keys sent through the monitor's
  `sendkey` (the PS/2 keyboard), and the screen from the monitor's `screendump` (a PPM,
  720x400 in text mode; repeated until two in a row agree, so that a game is not caught
  halfway through drawing a frame), turned into a PNG by keel-ppm-to-png with the sim's
  encoder.

A shot's keys are text, with {up} {down} {left} {right} for the arrow keys, {prompt} to
wait until the shell prompts again, and {pause SECONDS}. If the shell answers a line with
"command not found" (a game that has not landed yet), the shot fails and says so.

    tools/screenshots.py [--sim PATH] [--iso PATH] [--ppm-to-png PATH] [--out DIR]
                         [--target sim|qemu] [SHOT...]

The defaults are the `sim` and `x86_64` preset builds (`./keel screenshots` builds them and
runs this) and every shot. Python 3 with the standard library only.
"""
import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time

REPOSITORY = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(REPOSITORY, "tests", "e2e"))
from keel_e2e import PROMPT, Qemu, plain, sim_command  # noqa: E402

SHOTS = {
    "shell": "ls -l /etc\n{prompt}cat /etc/motd\n{prompt}ps\n{prompt}",
    # The games with a fixed seed, so every run starts alike.
    "snake": "snake --seed 1\n{pause 0.3}{up}{pause 0.75}{left}{pause 1.5}"  # eats the first food
             "{down}{pause 0.3}{right}{pause 0.25}",
    "flappy": "flappy --seed 1\n{pause 0.5}" + " {pause 0.3}" * 4,
}
ARROWS = {"up": "A", "down": "B", "right": "C", "left": "D"}  # the keys' ESC [ final bytes
TOKEN = re.compile(r"\{(\w+)(?: ([0-9.]+))?\}")
NOT_FOUND = re.compile(r"(\S+): command not found")
TIMEOUT = 60


class ShotFailed(Exception):
    pass


class Sim:
    """keel-sim --headless in a directory of its own, where its screenshots land."""

    def __init__(self, simulator: str):
        self.directory = tempfile.mkdtemp(prefix="keel-screenshots-")
        self.stdout = open(os.path.join(self.directory, "serial.log"), "w+b")
        self.stderr = open(os.path.join(self.directory, "stderr.log"), "w+")
        self.process = subprocess.Popen(sim_command(os.path.abspath(simulator), "--headless"),
                                        cwd=self.directory, stdin=subprocess.PIPE,
                                        stdout=self.stdout, stderr=self.stderr)

    def output(self) -> str:
        self.stdout.seek(0)
        return plain(self.stdout.read())

    def type(self, text: str) -> None:
        self.process.stdin.write(text.encode())
        self.process.stdin.flush()

    def arrow(self, name: str) -> None:
        self.type("\x1b[" + ARROWS[name])

    def save_screen(self, path: str) -> None:
        self.process.send_signal(signal.SIGUSR2)
        deadline = time.time() + TIMEOUT
        while True:
            self.stderr.seek(0)
            saved = re.search(r"screenshot saved to (.+\.png)\n", self.stderr.read())
            if saved:
                shutil.move(saved.group(1), path)
                return
            if time.time() > deadline or self.process.poll() is not None:
                self.stderr.seek(0)
                raise ShotFailed(f"keel-sim saved no screenshot: {self.stderr.read()[-2000:]}")
            time.sleep(0.1)

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()
        self.stdout.close()
        self.stderr.close()
        shutil.rmtree(self.directory)


class QemuMachine:
    """The ISO in QEMU; screendump's PPM goes through keel-ppm-to-png. A thread reads the
    serial line all the time: a guest whose serial line is full stops, halfway through
    drawing a game's frame as likely as not."""

    def __init__(self, iso: str, ppm_to_png: str):
        self.qemu = Qemu(iso, timeout=TIMEOUT)
        self.ppm_to_png = ppm_to_png
        self.reading = True
        self.reader = threading.Thread(target=self.read_serial_line)
        self.reader.start()

    def read_serial_line(self) -> None:
        while self.reading:
            self.qemu.read_serial(0.1)

    def output(self) -> str:
        return plain(self.qemu.output)

    def type(self, text: str) -> None:
        self.qemu.type_keys(text)

    def arrow(self, name: str) -> None:
        self.qemu.monitor_command("sendkey " + name)

    def save_screen(self, path: str) -> None:
        """Dumps the screen until two dumps in a row agree: a game redraws cell by cell, and
        under TCG a dump can catch it halfway through a frame."""
        dumps = [os.path.join(self.qemu.directory, f"screen-{index}.ppm") for index in range(2)]
        for attempt in range(50):
            self.qemu.monitor_command(f"screendump {dumps[attempt % 2]}")
            if attempt > 0 and same_contents(*dumps):
                subprocess.run([self.ppm_to_png, dumps[0], path], check=True)
                return
        raise ShotFailed("the screen never held still for two screendumps in a row")

    def stop(self) -> None:
        self.reading = False
        self.reader.join()
        self.qemu.kill()
        shutil.rmtree(self.qemu.directory)


def same_contents(first: str, second: str) -> bool:
    with open(first, "rb") as one, open(second, "rb") as other:
        return one.read() == other.read()


def wait_for_prompt(machine, prompts_before: int) -> None:
    """Waits until the output holds more prompts than `prompts_before`."""
    deadline = time.time() + TIMEOUT
    while machine.output().count(PROMPT.decode()) <= prompts_before:
        check_commands_found(machine)
        if time.time() > deadline:
            raise ShotFailed("the shell did not prompt again")
        time.sleep(0.1)


def check_commands_found(machine) -> None:
    missing = NOT_FOUND.search(machine.output())
    if missing:
        raise ShotFailed(f"the kernel has no '{missing.group(1)}' command (has it landed yet?)")


def play(machine, keys: str) -> None:
    """Types `keys` (see the top of this file) into `machine`."""
    position = 0
    for token in TOKEN.finditer(keys):
        prompts = machine.output().count(PROMPT.decode())
        machine.type(keys[position:token.start()])
        name, argument = token.groups()
        if name == "prompt":
            wait_for_prompt(machine, prompts)
        elif name == "pause":
            time.sleep(float(argument))
        elif name in ARROWS:
            machine.arrow(name)
        else:
            raise ValueError(f"unknown key token {token.group(0)!r}")
        position = token.end()
    machine.type(keys[position:])


def take(machine, keys: str, path: str) -> None:
    try:
        wait_for_prompt(machine, 0)
        play(machine, keys)
        time.sleep(0.5)  # let the screen settle after the last key
        check_commands_found(machine)
        machine.save_screen(path)
    finally:
        machine.stop()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sim", default=os.path.join(REPOSITORY, "build/sim/keel-sim"))
    parser.add_argument("--iso", default=os.path.join(REPOSITORY, "build/x86_64/keel-kshell.iso"))
    parser.add_argument("--ppm-to-png", default=os.path.join(REPOSITORY, "build/sim/keel-ppm-to-png"))
    parser.add_argument("--out", default=os.path.join(REPOSITORY, "docs/screenshots"))
    parser.add_argument("--target", choices=("sim", "qemu"), action="append")
    parser.add_argument("shots", nargs="*", metavar="SHOT", help=f"{', '.join(SHOTS)} (default: all)")
    options = parser.parse_args()
    for shot in options.shots:
        if shot not in SHOTS:
            parser.error(f"no shot named {shot!r}")
    os.makedirs(options.out, exist_ok=True)
    machines = {"sim": lambda: Sim(options.sim),
                "qemu": lambda: QemuMachine(options.iso, options.ppm_to_png)}
    for shot in options.shots or SHOTS:
        for target in options.target or machines:
            path = os.path.join(options.out, f"{target}-{shot}.png")
            start = time.time()
            try:
                take(machines[target](), SHOTS[shot], path)
            except ShotFailed as failure:
                print(f"screenshots: {shot} on {target}: {failure}", file=sys.stderr)
                return 1
            print(f"{os.path.relpath(path)}: {os.path.getsize(path)} bytes, {time.time() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
