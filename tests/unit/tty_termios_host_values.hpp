// The host's Linux terminal constants, gathered by tty_termios_host_values.cpp, which alone
// includes <asm/termbits.h> (its macros have the names tty/termios.hpp uses).
#pragma once
#include <stddef.h>
#include <stdint.h>

struct HostTermiosValues {
    size_t termios_size, output_flags_offset, local_flags_offset, line_offset, control_characters_offset;
    size_t control_character_count, winsize_size, columns_offset;
    size_t control_characters[17];
    uint32_t input[15], output[10], control[11], local[16];
    unsigned long requests[15];
    int arguments[7];
};

const HostTermiosValues& host_termios_values();
