// Reading the executable's ELF symbol table (see own_symbols.hpp).
//
// Only what a lookup needs is read, with pread(): the ELF header, the section headers, the
// SHT_SYMTAB section and its string table. Function symbols are sorted by address once; the
// load bias of the position-independent executable is the difference between where the
// kernel says the entry point is (AT_ENTRY) and where the file says it is (e_entry).
#include "own_symbols.hpp"

#include <algorithm>
#include <elf.h>
#include <fcntl.h>
#include <sys/auxv.h>
#include <unistd.h>
#include <vector>

namespace {

struct FunctionSymbol {
    uintptr_t start;
    uintptr_t size;
    const char* name;
};

bool loaded = false;
std::vector<FunctionSymbol>& functions()
{
    static auto& table = *new std::vector<FunctionSymbol>; // lives as long as the process
    return table;
}

bool read_exactly(int file, void* buffer, size_t size, off_t offset)
{
    return pread(file, buffer, size, offset) == static_cast<ssize_t>(size);
}

void read_symbols(int file)
{
    Elf64_Ehdr header;
    if (!read_exactly(file, &header, sizeof header, 0) || header.e_shentsize != sizeof(Elf64_Shdr))
        return;
    std::vector<Elf64_Shdr> sections(header.e_shnum);
    if (!read_exactly(file, sections.data(), sections.size() * sizeof(Elf64_Shdr), off_t(header.e_shoff)))
        return;
    auto symbol_table = std::find_if(sections.begin(), sections.end(),
                                     [](const Elf64_Shdr& section) { return section.sh_type == SHT_SYMTAB; });
    if (symbol_table == sections.end() || symbol_table->sh_link >= sections.size())
        return;
    const Elf64_Shdr& string_table = sections[symbol_table->sh_link];

    std::vector<Elf64_Sym> symbols(symbol_table->sh_size / sizeof(Elf64_Sym));
    auto* names = new char[string_table.sh_size + 1]; // kept: the table points into it
    names[string_table.sh_size] = '\0';
    if (!read_exactly(file, symbols.data(), symbols.size() * sizeof(Elf64_Sym), off_t(symbol_table->sh_offset))
        || !read_exactly(file, names, string_table.sh_size, off_t(string_table.sh_offset)))
        return;

    uintptr_t load_bias = getauxval(AT_ENTRY) - header.e_entry;
    for (const Elf64_Sym& symbol : symbols) {
        if (ELF64_ST_TYPE(symbol.st_info) != STT_FUNC || symbol.st_value == 0 || symbol.st_name >= string_table.sh_size)
            continue;
        functions().push_back({ symbol.st_value + load_bias, symbol.st_size, names + symbol.st_name });
    }
    std::sort(functions().begin(), functions().end(),
              [](const FunctionSymbol& a, const FunctionSymbol& b) { return a.start < b.start; });
}

} // namespace

namespace sim {

void load_own_symbols()
{
    if (loaded)
        return;
    loaded = true;
    int file = open("/proc/self/exe", O_RDONLY | O_CLOEXEC);
    if (file < 0)
        return;
    read_symbols(file);
    close(file);
}

bool find_own_symbol(uintptr_t address, const char*& mangled_name, uintptr_t& start)
{
    load_own_symbols();
    const auto& table = functions();
    auto after = std::upper_bound(table.begin(), table.end(), address,
                                  [](uintptr_t value, const FunctionSymbol& symbol) { return value < symbol.start; });
    if (after == table.begin())
        return false;
    const FunctionSymbol& symbol = *(after - 1);
    if (address >= symbol.start + symbol.size)
        return false;
    mangled_name = symbol.name;
    start = symbol.start;
    return true;
}

} // namespace sim
