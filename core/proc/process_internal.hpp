// What the files of core/proc share and nothing else should call.
#pragma once
#include <proc/exit.hpp>
#include <proc/process.hpp>

namespace proc {

// process_table.cpp: gives a process made by create_process() its pid and its place in
// the table (when its first thread starts).
void list_process(Process& process, uint32_t pid);

} // namespace proc
