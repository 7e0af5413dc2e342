"""Plays snake and flappy from the shell, in the sim (headless) or in QEMU:

    games_test.py sim SIMULATOR
    games_test.py qemu ISO

The screen is read where each target shows it: in the sim from the serial mirror (the
game's cells arrive as cursor-addressed ANSI on the terminal's alternate screen, which a
small model of the terminal below replays), in QEMU from VGA text memory. Things are found
by their colours as well as their characters (the mirror sends CP437 pictures as UTF-8,
which the model decodes; QEMU's memory holds the CP437 bytes themselves).
Keys go to the sim through its stdin (escape sequences for arrows) and to QEMU through the
monitor's sendkey (the PS/2 keyboard); shell commands go over the serial line.

snake --seed 16 starts with its first food straight ahead (the unit tests check that), so
without a key the snake moves, scores a point and hits the wall; then r restarts, p
pauses and resumes, Up turns, Esc quits. flappy --seed 3 waits for the first flap, a
space sets the bird moving, without more flaps it falls to the ground, r gets it ready
again, q quits. After each game the shell prompt must be back: in QEMU the VGA screen is
exactly what it was before the game (plus the next prompt), in the sim the terminal has
left the alternate screen; and the snake's best score is in /var/games/snake.score.
"""
import re
import select
import subprocess
import sys
import time
from keel_e2e import PROMPT, Qemu, fail, sim_command, wait_for_text

COLS, ROWS = 80, 25
DEFAULT = 0x07
SNAKE_HEAD = 0x2E  # yellow on green
BIRD = 0x1E        # yellow on blue
FIELD_COL, FIELD_ROW = 1, 2
SNAKE_START = (FIELD_COL + 2 * 19, FIELD_ROW + 11)  # the head's first cell, column 19, row 11 of the field
BIRD_START_ROW = FIELD_ROW + 21 // 2
SECONDS = 60  # for any one wait: a TSan sim boots in 8 s alone, and took over 20 on a loaded machine

# VGA colour index <-> ANSI colour number (the same swap both ways).
ANSI_OF_VGA = [0, 4, 2, 6, 1, 5, 3, 7]
SEQUENCE = re.compile(rb"\x1b\[([0-9;?]*)([A-Za-z])|\x1b|([\xc0-\xef][\x80-\xbf]+|[^\x1b])", re.S)


class Screen:
    """80x25 cells as (character, attribute)."""

    def __init__(self, cells):
        self.cells = cells

    def rows(self) -> list:
        return ["".join(cell[0] for cell in row) for row in self.cells]

    def text(self) -> str:
        return "\n".join(row.rstrip() for row in self.rows())

    def find(self, attribute: int) -> list:
        """The (col, row) of every cell of the field (below the title bar) in `attribute`."""
        return [(col, row) for row in range(FIELD_ROW, ROWS) for col in range(COLS)
                if self.cells[row][col][1] == attribute]


def attribute_of_sgr(parameters: str) -> int:
    foreground, background = 7, 0
    for code in (int(part) for part in parameters.split(";") if part):
        if 30 <= code <= 37 or 90 <= code <= 97:
            foreground = ANSI_OF_VGA[code % 10] + (8 if code >= 90 else 0)
        elif 40 <= code <= 47 or 100 <= code <= 107:
            background = ANSI_OF_VGA[code % 10] + (8 if code >= 100 else 0)
        elif code == 0:
            foreground, background = 7, 0
    return background << 4 | foreground


def alternate_screen(output: bytes) -> Screen:
    """Replays what the sim sent since it last entered the alternate screen."""
    cells = [[(" ", DEFAULT)] * COLS for _ in range(ROWS)]
    start = output.rfind(b"\x1b[?1049h")
    row = col = 0
    attribute = DEFAULT
    for match in SEQUENCE.finditer(output, start if start >= 0 else len(output)):
        parameters, final, byte = match.group(1), match.group(2), match.group(3)
        if byte is not None:
            if byte == b"\r":
                col = 0
            elif byte == b"\n":
                row = min(row + 1, ROWS - 1)
            elif row < ROWS and col < COLS:
                cells[row][col] = (byte.decode("utf-8", "replace"), attribute)
                col += 1
            continue
        if final is None:
            continue
        parameters = parameters.decode()
        if final == b"H":
            numbers = [int(part) if part else 1 for part in parameters.split(";")] if parameters else [1, 1]
            row, col = numbers[0] - 1, (numbers[1] if len(numbers) > 1 else 1) - 1
        elif final == b"m":
            attribute = attribute_of_sgr(parameters or "0")
        elif final == b"J" and parameters == "2":
            cells = [[(" ", attribute)] * COLS for _ in range(ROWS)]
        elif final == b"K":
            cells[row][col:] = [(" ", attribute)] * (COLS - col)
    return Screen(cells)


class Sim:
    KEYS = {"up": b"\x1b[A", "esc": b"\x1b\n", "spc": b" "}  # a lone ESC shows once the next byte comes

    def __init__(self, simulator: str):
        self.process = subprocess.Popen(sim_command(simulator, "--headless"), stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE)
        self.output = bytearray()

    def read_more(self, seconds: float = 0.05) -> bytes:
        ready, _, _ = select.select([self.process.stdout], [], [], seconds)
        if ready:
            self.output.extend(self.process.stdout.read1(65536))
        return bytes(self.output)

    def wait_for(self, text: str, after: int = 0) -> int:
        return wait_for_text(text, self.read_more, self.process, SECONDS, after)

    def command(self, line: str) -> None:
        self.process.stdin.write(line.encode() + b"\n")
        self.process.stdin.flush()

    def press(self, key: str) -> None:
        self.process.stdin.write(self.KEYS.get(key, key.encode()))
        self.process.stdin.flush()

    def screen(self) -> Screen:
        return alternate_screen(bytes(self.read_more()))

    def shell_screen(self):
        return None  # the terminal keeps the shell's screen itself

    def left_full_screen(self) -> bool:
        output = bytes(self.output)
        return output.rfind(b"\x1b[?1049l") > output.rfind(b"\x1b[?1049h")

    def power_off(self) -> None:
        self.command("poweroff")
        if self.process.wait(timeout=30) != 0:
            fail(f"poweroff: the sim exited with {self.process.returncode}", bytes(self.output))

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.kill()


class Machine:
    """QEMU: the VGA screen from memory, game keys through sendkey, commands over serial."""

    def __init__(self, iso: str):
        self.qemu = Qemu(iso)
        self.process = self.qemu.process

    @property
    def output(self) -> bytes:
        return self.qemu.output

    def wait_for(self, text: str, after: int = 0) -> int:
        return self.qemu.wait_for(text, after)

    def command(self, line: str) -> None:
        self.qemu.send_serial(line + "\r")

    def press(self, key: str) -> None:
        self.qemu.monitor_command("sendkey " + key)

    def screen(self) -> Screen:
        self.qemu.read_serial(0.05)  # keep the serial line flowing: the guest waits for it
        memory = self.qemu.settled_vga_cells()
        return Screen([[(chr(memory[2 * (row * COLS + col)]), memory[2 * (row * COLS + col) + 1])
                        for col in range(COLS)] for row in range(ROWS)])

    def shell_screen(self):
        return self.screen().rows()

    def left_full_screen(self) -> bool:
        return True  # checked on the VGA screen instead

    def power_off(self) -> None:
        self.command("poweroff")
        if self.qemu.wait_for_exit() != 0:
            fail("poweroff did not end QEMU cleanly", self.qemu.output)

    def kill(self) -> None:
        self.qemu.kill()


def wait_until(machine, what: str, test, seconds: float = SECONDS) -> Screen:
    """Reads the screen until test(screen) is true; fails with `what` after `seconds`."""
    deadline = time.time() + seconds
    while True:
        screen = machine.screen()
        if test(screen):
            return screen
        if time.time() > deadline or machine.process.poll() is not None:
            fail(f"{what}; the screen:\n{screen.text()}", bytes(machine.output))
        time.sleep(0.02)


def head(screen: Screen):
    """The snake head's left cell, or None."""
    cells = screen.find(SNAKE_HEAD)
    return cells[0] if cells else None


def bird_row(screen: Screen):
    cells = screen.find(BIRD)
    return cells[0][1] if cells else None


def start(machine, command: str, mark: int):
    """Runs a game from the prompt; returns what the shell's screen should be once the game
    is over (QEMU: the VGA rows before it, the command line, and a new prompt) and the mark."""
    machine.command(f"echo before {command}")
    mark = machine.wait_for(PROMPT.decode(), machine.wait_for(f"\nbefore {command}\n", mark))
    expected = machine.shell_screen()
    if expected is not None:
        expected = [row.rstrip() for row in expected]
        prompt = max(index for index, row in enumerate(expected) if row.startswith(PROMPT.decode().rstrip()))
        expected[prompt] = PROMPT.decode() + command
        if prompt + 1 < ROWS:
            expected[prompt + 1] = PROMPT.decode().rstrip()
        else:
            expected = expected[1:] + [PROMPT.decode().rstrip()]
    machine.command(command)
    return expected, mark


def back_at_the_prompt(machine, expected, mark: int) -> int:
    """The game has quit: the prompt is back and the shell's screen with it."""
    mark = machine.wait_for(PROMPT.decode(), mark)
    if not machine.left_full_screen():
        fail("the terminal was not taken off the alternate screen", bytes(machine.output))
    if expected is not None:
        wait_until(machine, "the shell's screen did not come back as it was:\n" + "\n".join(expected),
                   lambda screen: [row.rstrip() for row in screen.rows()] == expected, 5)
    machine.command("echo after the game")
    return machine.wait_for("\nafter the game\n", mark)


def play_snake(machine, mark: int) -> int:
    restored, mark = start(machine, "snake --seed 16", mark)
    screen = wait_until(machine, "snake did not start",
                        lambda screen: screen.rows()[0].startswith(" SNAKE  Score 0") and head(screen))
    first = head(screen)
    if first[1] != SNAKE_START[1] or abs(first[0] - SNAKE_START[0]) > 4:
        fail(f"the head started at {first}, expected near {SNAKE_START}", bytes(machine.output))
    wait_until(machine, "the snake did not move", lambda screen: head(screen) and head(screen)[0] > first[0])
    wait_until(machine, "the snake did not eat the food ahead (Score 1)",
               lambda screen: "Score 1  Best 1" in screen.rows()[0])
    wait_until(machine, "the snake did not hit the wall", lambda screen: "GAME OVER" in screen.text())

    machine.press("r")
    screen = wait_until(machine, "r did not start a new game",
                        lambda screen: "GAME OVER" not in screen.text() and "Score 0  Best 1" in screen.rows()[0])
    machine.press("p")
    screen = wait_until(machine, "p did not pause", lambda screen: "PAUSED" in screen.text())
    paused_at = head(screen)
    time.sleep(0.5)
    if head(machine.screen()) != paused_at:
        fail("the snake moved while paused", bytes(machine.output))
    machine.press("p")
    wait_until(machine, "p did not resume", lambda screen: "PAUSED" not in screen.text())
    machine.press("up")
    wait_until(machine, "Up did not turn the snake",
               lambda screen: head(screen) and head(screen)[1] < SNAKE_START[1]
               and screen.rows()[head(screen)[1]][head(screen)[0]:head(screen)[0] + 2] == "^^")
    machine.press("esc")
    mark = back_at_the_prompt(machine, restored, mark)
    machine.command("cat /var/games/snake.score")
    return machine.wait_for("\n1\n", mark)


def play_flappy(machine, mark: int) -> int:
    restored, mark = start(machine, "flappy --seed 3", mark)
    screen = wait_until(machine, "flappy did not start",
                        lambda screen: screen.rows()[0].startswith(" FLAPPY  Score 0") and "GET READY" in screen.text()
                        and bird_row(screen) is not None)
    if bird_row(screen) != BIRD_START_ROW:
        fail(f"the bird started on row {bird_row(screen)}, expected {BIRD_START_ROW}", bytes(machine.output))
    time.sleep(0.5)
    if bird_row(machine.screen()) != BIRD_START_ROW:
        fail("the bird moved before the first flap", bytes(machine.output))
    machine.press("spc")
    # Only a flap starts the game; the bird rises for about half a second, then falls.
    wait_until(machine, "a flap did not move the bird",
               lambda screen: "GET READY" not in screen.text() and bird_row(screen) != BIRD_START_ROW)
    wait_until(machine, "the bird did not fall to the ground", lambda screen: "GAME OVER" in screen.text())
    machine.press("r")
    wait_until(machine, "r did not make a new game ready", lambda screen: "GET READY" in screen.text())
    machine.press("q")
    return back_at_the_prompt(machine, restored, mark)


machine = Sim(sys.argv[2]) if sys.argv[1] == "sim" else Machine(sys.argv[2])
try:
    mark = machine.wait_for(PROMPT.decode())
    mark = play_snake(machine, mark)
    mark = play_flappy(machine, mark)
    machine.power_off()
finally:
    machine.kill()
print(f"PASS: snake and flappy in {'the sim' if sys.argv[1] == 'sim' else 'QEMU'}")
