// System calls about the machine as a whole: its names (uname, sethostname,
// setdomainname) and its power (reboot).
//
// uname says "Keel" with a Linux-shaped release ("6.1.0-keel-VERSION"), since glibc
// refuses to start on a kernel whose release reads older than 3.2. The host name starts
// as "keel" and the domain name as "(none)", as Linux's; root may change them (up to 64
// bytes, as Linux's __NEW_UTS_LEN).
//
// reboot(2) takes Linux's two magic numbers and a command: RESTART (and RESTART2, whose
// argument is not used), POWER_OFF and HALT act at once, as Linux's do (syncing is the
// caller's business: busybox's init and reboot sync first); the log says which, as
// Linux's "reboot: Power down". CAD_ON and CAD_OFF say what Ctrl+Alt+Delete on the
// keyboard does: restart at once (the default, as on Linux), or send init SIGINT (busybox's
// init asks for that, and runs its inittab's ctrlaltdel line).
#include <hal/cpu.hpp>
#include <hal/power.hpp>
#include <input/input.hpp>
#include <kstd/format.hpp>
#include <kstd/version.hpp>
#include <log/log.hpp>
#include <proc/process.hpp>
#include <proc/signals.hpp>
#include <proc/user_copy.hpp>
#include <sync/interrupt_guard.hpp>
#include <syscall/handler.hpp>

namespace syscalls {
namespace {

constexpr size_t NAME_MAX_LENGTH = 64;

struct Utsname {
    char sysname[65], nodename[65], release[65], version[65], machine[65], domainname[65];
};

// What sethostname and setdomainname set: the text and its length.
struct MachineName {
    char text[NAME_MAX_LENGTH];
    size_t length;
};

MachineName g_host_name = { "keel", 4 };
MachineName g_domain_name = { "(none)", 6 };

void put(char (&field)[65], kstd::StringView text)
{
    kstd::BufferWriter out(field, sizeof field);
    out.write(text);
}

Result uname_call(Call& call)
{
    Utsname name {};
    put(name.sysname, kstd::KERNEL_NAME);
    kstd::BufferWriter release(name.release, sizeof name.release);
    kstd::write_kernel_release(release);
    put(name.version, kstd::KERNEL_BUILD);
    put(name.machine, "x86_64");
    {
        ksync::InterruptGuard guard;
        put(name.nodename, { g_host_name.text, g_host_name.length });
        put(name.domainname, { g_domain_name.text, g_domain_name.length });
    }
    TRY(proc::write_user(call.argument(0), name));
    return 0;
}

Result set_name(Call& call, MachineName& name)
{
    if (!call.process().credentials.is_privileged())
        return kstd::Errno::NotPermitted;
    size_t length = call.argument(1);
    if (length > NAME_MAX_LENGTH)
        return kstd::Errno::InvalidArgument;
    char text[NAME_MAX_LENGTH];
    TRY(proc::copy_from_user(text, call.argument(0), length));
    ksync::InterruptGuard guard;
    for (size_t i = 0; i < length; ++i)
        name.text[i] = text[i];
    name.length = length;
    return 0;
}

Result sethostname_call(Call& call) { return set_name(call, g_host_name); }
Result setdomainname_call(Call& call) { return set_name(call, g_domain_name); }

namespace reboot_magic {
constexpr uint32_t FIRST = 0xfee1dead;
constexpr uint32_t SECOND[] = { 672274793, 85072278, 369367448, 537993216 };
} // namespace reboot_magic

namespace reboot_command {
constexpr uint32_t RESTART = 0x01234567;
constexpr uint32_t RESTART2 = 0xa1b2c3d4;
constexpr uint32_t HALT = 0xcdef0123;
constexpr uint32_t POWER_OFF = 0x4321fedc;
constexpr uint32_t CAD_ON = 0x89abcdef;
constexpr uint32_t CAD_OFF = 0;
} // namespace reboot_command

bool g_ctrl_alt_delete_restarts = true; // Linux's C_A_D

[[noreturn]] void restart()
{
    klog::info("reboot: Restarting system");
    hal::reboot();
}

// input's CtrlAltDeleteHandler, in the keyboard IRQ.
void on_ctrl_alt_delete()
{
    if (g_ctrl_alt_delete_restarts)
        restart();
    if (proc::Process* init = proc::init_process())
        proc::post_signal(*init, { .signal = proc::SIGINT, .code = proc::signal_code::KERNEL });
}

bool is_second_magic(uint32_t magic)
{
    for (uint32_t accepted : reboot_magic::SECOND)
        if (magic == accepted)
            return true;
    return false;
}

Result reboot_call(Call& call)
{
    if (!call.process().credentials.is_privileged())
        return kstd::Errno::NotPermitted;
    if (uint32_t(call.argument(0)) != reboot_magic::FIRST || !is_second_magic(uint32_t(call.argument(1))))
        return kstd::Errno::InvalidArgument;
    switch (uint32_t(call.argument(2))) {
    case reboot_command::CAD_ON:
    case reboot_command::CAD_OFF: {
        ksync::InterruptGuard guard;
        g_ctrl_alt_delete_restarts = uint32_t(call.argument(2)) == reboot_command::CAD_ON;
        return 0;
    }
    case reboot_command::RESTART:
    case reboot_command::RESTART2:
        restart();
    case reboot_command::POWER_OFF:
        klog::info("reboot: Power down");
        hal::power_off();
    case reboot_command::HALT:
        klog::info("reboot: System halted");
        hal::cpu_halt();
    default:
        return kstd::Errno::InvalidArgument;
    }
}

} // namespace

void register_machine_calls(Entry* table)
{
    ADD_CALL(table, uname);
    ADD_CALL(table, sethostname);
    ADD_CALL(table, setdomainname);
    ADD_CALL(table, reboot);
    input::set_ctrl_alt_delete_handler(on_ctrl_alt_delete);
}

} // namespace syscalls
