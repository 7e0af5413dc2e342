// main() of the simulator: parse the options, build the machine, run the kernel on it.
//
// The kernel runs on the CPU thread that hal/sim starts. The main thread either runs the
// SDL window or, with --headless, just waits; in both cases it is the main thread that
// carries out what the kernel finally asks for (power off, halt, test exit, reboot). The
// serial line is the terminal in both modes. The --initrd file is read before the machine
// starts: one that cannot be read is a bad option (exit 2), not a kernel that boots
// without its files. Before any thread starts, main() sets up screenshots on SIGUSR2,
// which work in both modes (screenshot.hpp).
#include "options.hpp"
#include "psf_font.hpp"
#include "screen_window.hpp"
#include "screenshot.hpp"

#include <hal/boot.hpp>
#include <sim_machine.hpp>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

namespace {

// Reads the whole regular file at `path`; false with `error` set when it cannot.
bool read_file(const std::string& path, std::vector<uint8_t>& bytes, std::string& error)
{
    std::error_code status;
    if (!std::filesystem::is_regular_file(path, status)) {
        error = "'" + path + "' is not a file" + (status ? ": " + status.message() : "");
        return false;
    }
    std::ifstream file(path, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(file), {});
    if (!file.is_open() || file.bad()) {
        error = "cannot read '" + path + "': " + strerror(errno);
        return false;
    }
    return true;
}

[[noreturn]] void run_headless()
{
    sim::start_serial_input();
    sim::start_cpu(kernel_main);
    sim::carry_out(sim::wait_for_stop_request());
}

[[noreturn]] void run_with_window(const frontend::Options& options)
{
    std::string error;
    std::unique_ptr<frontend::PsfFont> font = frontend::PsfFont::load_console_font(options.font_path, error);
    if (!font) {
        fprintf(stderr, "keel-sim: %s\n", error.c_str());
        exit(1);
    }
    std::unique_ptr<frontend::ScreenWindow> window
        = frontend::ScreenWindow::create(*font, options.scale, error);
    if (!window) {
        fprintf(stderr, "keel-sim: cannot open a window: %s (try --headless)\n", error.c_str());
        exit(1);
    }
    sim::start_serial_input();
    sim::start_cpu(kernel_main);
    sim::StopRequest request = window->run();
    window.reset();
    sim::carry_out(request);
}

} // namespace

int main(int argc, char** argv)
{
    frontend::Options options;
    std::string error;
    switch (frontend::parse_options(argc, argv, options, error)) {
    case frontend::ParseOutcome::ShowHelp:
        frontend::print_usage(argv[0], false);
        return 0;
    case frontend::ParseOutcome::Invalid:
        fprintf(stderr, "keel-sim: %s\n", error.c_str());
        frontend::print_usage(argv[0], true);
        return frontend::USAGE_EXIT_STATUS;
    case frontend::ParseOutcome::Run:
        break;
    }
    frontend::take_screenshots_on_signal(options.font_path);
    // parse_options() accepts only a valid_ram_size(), and nothing has used the RAM yet.
    if (!sim::set_ram_size(options.ram_bytes))
        abort();
    sim::set_cmdline(options.cmdline.c_str());
    if (!options.initrd_path.empty()) {
        std::vector<uint8_t> initrd;
        if (!read_file(options.initrd_path, initrd, error)) {
            fprintf(stderr, "keel-sim: --initrd: %s\n", error.c_str());
            return frontend::USAGE_EXIT_STATUS;
        }
        sim::set_initrd(initrd.data(), initrd.size());
    }
    sim::set_reboot_arguments(argv);
    if (options.headless)
        run_headless();
    run_with_window(options);
}
