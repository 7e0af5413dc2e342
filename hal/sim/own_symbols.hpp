// The simulator's own function symbols, read from its executable's .symtab.
//
// dladdr() only sees the dynamic symbol table, which leaves out every function with
// internal linkage (static functions, anonymous namespaces, test bodies). Panic backtraces
// in the sim should name those as well as the x86_64 kernel does, so the full table is read
// once from /proc/self/exe. A stripped executable simply has no table: lookups then fail
// and the caller falls back to dladdr().
#pragma once
#include <stdint.h>

namespace sim {

// Reads the table (idempotent). Done at CPU start-up so a panic needs no file access.
void load_own_symbols();
// The mangled name and start address of the function containing `address`.
bool find_own_symbol(uintptr_t address, const char*& mangled_name, uintptr_t& start);

} // namespace sim
