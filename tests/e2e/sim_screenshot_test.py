"""Screenshots from a script, without a display: keel-sim --headless saves its screen as a
PNG in its current directory on SIGUSR2 and says where on stderr. Two signals in a row make
two files (the second with -2 if they fall in the same second), each 720x400 (80x25 cells
of 9x16 pixels) showing the screen: the prompt's light green is in it. The machine goes on
running, and `poweroff` still ends it with status 0.
"""
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from keel_e2e import fail, plain, read_png, sim_command, wait_for_text

simulator = os.path.abspath(sys.argv[1])
PROMPT_GREEN = b"\x55\xff\x55"  # VGA colour 10, light green
directory = tempfile.mkdtemp(prefix="keel-screenshot-")
output_file = tempfile.TemporaryFile()
sim = subprocess.Popen(sim_command(simulator, "--headless"), cwd=directory, stdin=subprocess.PIPE,
                       stdout=output_file, stderr=subprocess.STDOUT)


def read_more() -> bytes:
    time.sleep(0.1)
    output_file.seek(0)
    return output_file.read()


try:
    wait_for_text("keel> ", read_more, sim, 30)
    sim.send_signal(signal.SIGUSR2)
    after = wait_for_text("screenshot saved to ", read_more, sim, 30)
    sim.send_signal(signal.SIGUSR2)
    wait_for_text("screenshot saved to ", read_more, sim, 30, after)
    paths = re.findall(r"screenshot saved to (\S+)\n", plain(read_more()))
    if len(paths) != 2 or len(set(paths)) != 2:
        fail(f"expected two different screenshot files, got {paths}", read_more())
    for path in paths:
        if not re.fullmatch(re.escape(directory) + r"/keel-\d{8}-\d{6}(-\d+)?\.png", path):
            fail(f"screenshot {path} is not keel-YYYYMMDD-HHMMSS.png in the current directory")
        width, height, rows = read_png(path)
        if (width, height) != (720, 400):
            fail(f"{path} is {width}x{height}, not 720x400")
        if not any(PROMPT_GREEN in row for row in rows):
            fail(f"{path} does not show the light green prompt")
    sim.stdin.write(b"poweroff\n")
    sim.stdin.flush()
    if sim.wait(timeout=30) != 0:
        fail(f"keel-sim exited with {sim.returncode} after poweroff", read_more())
    print(f"PASS: SIGUSR2 saved {', '.join(os.path.basename(path) for path in paths)} (720x400)")
finally:
    if sim.poll() is None:
        sim.kill()
    shutil.rmtree(directory)
