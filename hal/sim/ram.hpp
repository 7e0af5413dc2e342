// The sim's RAM as the rest of hal/sim sees it: a memory file and its one mapping.
//
// memory.cpp creates it; kernel_window.cpp maps the same file a second time to mirror the
// pages core maps in its kernel window.
#pragma once
#include <stddef.h>
#include <stdint.h>

namespace sim {

struct Ram {
    uint8_t* base; // where the whole file is mapped: physical RAM_PHYSICAL_BASE is here
    size_t length; // bytes (the --mem size)
    int file;      // the memfd; file offset = physical address - RAM_PHYSICAL_BASE
};

// Created and mapped on first use; from then on the RAM size is fixed.
const Ram& ram();
// Whether [physical, physical + length) lies inside the RAM.
bool in_ram(uint64_t physical, uint64_t length);

} // namespace sim
