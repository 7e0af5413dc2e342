// What the files of core/proc share and nothing else should call.
#pragma once
#include <proc/exit.hpp>
#include <proc/process.hpp>

namespace proc {

// process_table.cpp: gives a process made by create_process() its pid and its place in
// the table (when its first thread starts).
void list_process(Process& process, uint32_t pid);

// Every listed process, in pid order, zombies included: for walks inside core/proc (signals
// to a group, orphaned groups), with interrupts disabled for the whole walk.
using ProcessList = kstd::IntrusiveList<Process, &Process::table_node>;
ProcessList& listed_processes();

} // namespace proc
