// Parsing the simulator's command line (see options.hpp and print_usage below).
//
// Options take their value either as the next argument or after '=' (--mem 64M,
// --mem=64M). Sizes accept K, M and G suffixes (binary: 1K = 1024) and must satisfy the
// machine's RAM limits from sim_machine.hpp, so a bad --mem is caught here with a message
// instead of deep inside the kernel.
#include "options.hpp"

#include <sim_machine.hpp>

#include <cerrno>
#include <cstdio>
#include <cstdlib>

namespace frontend {

namespace {

constexpr int MAX_SCALE = 8;

bool parse_scale(const std::string& text, int& scale)
{
    char* end = nullptr;
    errno = 0;
    long value = strtol(text.c_str(), &end, 10);
    if (text.empty() || *end != '\0' || errno != 0 || value < 1 || value > MAX_SCALE)
        return false;
    scale = int(value);
    return true;
}

// Splits "--name=value" into name and value; a bare "--name" leaves has_value false.
struct Argument {
    std::string name;
    std::string value;
    bool has_value;
};

Argument split_argument(const std::string& text)
{
    size_t equals = text.find('=');
    if (equals == std::string::npos)
        return { text, "", false };
    return { text.substr(0, equals), text.substr(equals + 1), true };
}

// "64M", "1G", "512K" or a byte count; false for anything else (or above MAX_RAM_BYTES,
// which also keeps the shift from overflowing).
bool parse_size(const std::string& text, size_t& bytes)
{
    char* end = nullptr;
    errno = 0;
    if (text.empty() || text[0] < '0' || text[0] > '9')
        return false;
    unsigned long long value = strtoull(text.c_str(), &end, 10);
    if (errno != 0)
        return false;
    std::string suffix(end);
    unsigned shift = 0;
    if (suffix == "K" || suffix == "k")
        shift = 10;
    else if (suffix == "M" || suffix == "m")
        shift = 20;
    else if (suffix == "G" || suffix == "g")
        shift = 30;
    else if (!suffix.empty())
        return false;
    if (value > (sim::MAX_RAM_BYTES >> shift))
        return false;
    bytes = size_t(value) << shift;
    return true;
}

} // namespace

ParseOutcome parse_options(int argc, char** argv, Options& options, std::string& error)
{
    options.ram_bytes = sim::DEFAULT_RAM_BYTES;
    for (int index = 1; index < argc; ++index) {
        Argument argument = split_argument(argv[index]);
        const std::string& name = argument.name;
        if (name == "--help" || name == "-h")
            return ParseOutcome::ShowHelp;
        if (name == "--headless" && !argument.has_value) {
            options.headless = true;
            continue;
        }
        bool takes_value = name == "--mem" || name == "--cmdline" || name == "--font" || name == "--scale"
                           || name == "--initrd";
        if (!takes_value) {
            error = "unknown option '" + std::string(argv[index]) + "'";
            return ParseOutcome::Invalid;
        }
        if (!argument.has_value) {
            if (index + 1 == argc) {
                error = "option " + name + " needs a value";
                return ParseOutcome::Invalid;
            }
            argument.value = argv[++index];
        }
        const std::string& value = argument.value;
        if (name == "--mem") {
            if (!parse_size(value, options.ram_bytes) || !sim::valid_ram_size(options.ram_bytes)) {
                error = "bad memory size '" + value + "': give a multiple of 4K from 4M to 64G, e.g. 64M or 1G";
                return ParseOutcome::Invalid;
            }
        } else if (name == "--scale") {
            if (!parse_scale(value, options.scale)) {
                error = "bad scale '" + value + "': give a whole number from 1 to " + std::to_string(MAX_SCALE);
                return ParseOutcome::Invalid;
            }
        } else if (name == "--cmdline") {
            options.cmdline = value;
        } else if (name == "--initrd") {
            options.initrd_path = value;
        } else {
            options.font_path = value;
        }
    }
    return ParseOutcome::Run;
}

void print_usage(const char* program, bool to_stderr)
{
    fprintf(to_stderr ? stderr : stdout,
            "Usage: %s [options]\n"
            "Runs the Keel kernel as a Linux process: the screen in a window, the serial line\n"
            "on this terminal.\n"
            "\n"
            "  --headless         no window: use only the serial line (stdin/stdout; on a\n"
            "                     terminal every key is Keel's, and Ctrl-A x quits)\n"
            "  --mem SIZE         RAM size, e.g. 64M or 1G (default 128M, 4M to 64G)\n"
            "  --cmdline \"TEXT\"   the kernel command line\n"
            "  --initrd PATH      the initial RAM disk (a cpio archive, newc format), as\n"
            "                     GRUB loads it as the first module on x86_64\n"
            "  --font PATH        a PSF console font (.psf or .psf.gz), 8x16 looks like VGA\n"
            "  --scale N          the window's first size: N times the 720x400 screen, 1 to %d\n"
            "                     (default 2); resized, it shows the largest whole N that fits\n"
            "  --help             show this help\n"
            "\n"
            "F12 in the window saves a screenshot (PNG) in the current directory, as does the\n"
            "signal SIGUSR2 (kill -USR2 PID, also with --headless); stderr says where.\n"
            "\n"
            "Exit status: 0 powered off (or tests passed), 1 tests failed, 2 bad options,\n"
            "3 the kernel halted.\n",
            program, MAX_SCALE);
}

} // namespace frontend
