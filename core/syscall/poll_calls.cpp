// System calls that wait for descriptors to become ready: poll, ppoll, select, pselect6.
//
// Each pass asks every descriptor for its poll bits (fs::Context::poll_events); when none
// is ready the thread sleeps until something pollable changes (fs/poll.hpp), the deadline
// passes or a signal arrives, and passes again. As Linux's do_poll and do_select: a pass
// that finds descriptors ready wins over a pending signal and a passed deadline; with
// none ready, a deliverable signal ends the call with ERESTARTNOHAND (EINTR when a
// handler runs, the call again when none does), then a passed deadline with 0.
//
// Linux's details kept: poll's nfds above RLIMIT_NOFILE (Context::OPEN_MAX) is EINVAL, a
// negative fd is skipped (revents 0), a closed one answers POLLNVAL, POLLERR and POLLHUP
// are reported whether asked or not, revents are written back even when interrupted.
// select's nfds is cut to the descriptor table's size, a set bit for a closed descriptor
// is EBADF, each ready bit counts once, the sets are written back only on success, and
// the timeout (select's timeval, pselect6's and ppoll's timespec) is written back with the
// time left, unless it was zero (a failing write-back turns a restart into EINTR, since
// the restarted call could not know the time left). ppoll and pselect6 install their
// signal mask for the call as rt_sigsuspend does; it comes back at once unless the call
// was interrupted, and then after the handler (proc::SignalState::restore_mask).
// Unlike Linux, an interrupted poll with a timeout restarts with its whole timeout
// (Linux resumes it through restart_syscall with the time left).
#include <fs/context.hpp>
#include <fs/poll.hpp>
#include <hal/timer.hpp>
#include <proc/process.hpp>
#include <proc/signal_delivery.hpp>
#include <proc/user_copy.hpp>
#include <sched/interrupt.hpp>
#include <sync/interrupt_guard.hpp>
#include <syscall/durations.hpp>
#include <syscall/handler.hpp>
#include <syscall/linux_stat.hpp>

namespace syscalls {
namespace {

namespace bits = fs::poll_bits;
using kstd::Errno;
using proc::SignalSet;

constexpr int DESCRIPTOR_MAX = fs::Context::OPEN_MAX;

// Passes over the descriptors (`check`: how many are ready, or an error) until one is
// ready, the deadline passes or a signal is deliverable (ERESTARTNOHAND).
template<typename Check>
kstd::Result<int> wait_until_ready(proc::Process& process, uint64_t deadline_ns, Check check)
{
    for (;;) {
        uint64_t seen = fs::poll_generation();
        int ready = TRY(check());
        if (ready > 0)
            return ready;
        ksync::InterruptGuard guard;
        if (proc::has_deliverable_signal(process))
            return Errno::RestartUnlessHandled;
        if (deadline_ns != UINT64_MAX && hal::clock_ns() >= deadline_ns)
            return 0;
        // An interrupt left by a signal that is blocked now would end every wait at once.
        sched::clear_interrupt();
        (void)fs::wait_for_poll_change(seen, deadline_ns);
    }
}

// ppoll's and pselect6's mask, for the call.
void install_mask(proc::Process& process, SignalSet mask)
{
    ksync::InterruptGuard guard;
    proc::SignalState& state = process.signals;
    state.mask_to_restore = state.blocked;
    state.restore_mask = true;
    state.blocked = mask & ~proc::UNBLOCKABLE;
}

// Linux's poll_select_finish: the old mask back now unless a signal interrupted the call
// (its handler runs under the call's mask), and the time left written to `timeout`.
template<typename Time>
kstd::Result<int> finish(Call& call, kstd::Result<int>&& result, uint64_t deadline_ns, uintptr_t timeout,
                         Time (*encode)(uint64_t))
{
    bool interrupted = result.is_error() && result.error().code() == Errno::RestartUnlessHandled;
    if (!interrupted) {
        ksync::InterruptGuard guard;
        proc::SignalState& state = call.process().signals;
        if (state.restore_mask) {
            state.blocked = state.mask_to_restore;
            state.restore_mask = false;
        }
    }
    if (!timeout || deadline_ns == 0 || deadline_ns == UINT64_MAX)
        return std::move(result);
    uint64_t now = hal::clock_ns();
    if (proc::write_user(timeout, encode(deadline_ns > now ? deadline_ns - now : 0)).is_error() && interrupted) {
        call.interruption_is_final = true;
        return Errno::Interrupted;
    }
    return std::move(result);
}

LinuxTime timespec_of(uint64_t ns)
{
    return { int64_t(ns / NS_PER_SECOND), int64_t(ns % NS_PER_SECOND) };
}

struct LinuxTimeval {
    int64_t seconds;
    int64_t microseconds;
};

LinuxTimeval timeval_of(uint64_t ns)
{
    return { int64_t(ns / NS_PER_SECOND), int64_t(ns % NS_PER_SECOND / 1000) };
}

// The deadline of a timespec at `address` (0: none, forever). A zero timeout is deadline
// 0: one pass.
kstd::Result<uint64_t> timespec_deadline(uintptr_t address)
{
    if (!address)
        return UINT64_MAX;
    uint64_t duration = TRY(duration_of(address));
    return duration == 0 ? 0 : deadline_after(duration);
}

// --- poll ----------------------------------------------------------------------------

struct LinuxPollFd {
    int32_t fd;
    uint16_t events;
    uint16_t revents;
};

kstd::Result<int> poll_descriptors(Call& call, uintptr_t address, uint64_t count, uint64_t deadline_ns)
{
    if (count > uint64_t(DESCRIPTOR_MAX))
        return Errno::InvalidArgument;
    LinuxPollFd fds[DESCRIPTOR_MAX];
    if (count)
        TRY(proc::copy_from_user(fds, address, count * sizeof(LinuxPollFd)));
    fs::Context& context = *call.process().files;
    auto result = wait_until_ready(call.process(), deadline_ns, [&]() -> kstd::Result<int> {
        int ready = 0;
        for (uint64_t index = 0; index < count; ++index) {
            LinuxPollFd& entry = fds[index];
            entry.revents = 0;
            if (entry.fd < 0)
                continue;
            uint32_t events = context.poll_events(entry.fd);
            if (events & bits::INVALID)
                entry.revents = bits::INVALID;
            else
                entry.revents = uint16_t(events & (entry.events | bits::ERROR | bits::HANG_UP));
            ready += entry.revents != 0;
        }
        return ready;
    });
    for (uint64_t index = 0; index < count; ++index)
        TRY(proc::write_user(address + index * sizeof(LinuxPollFd) + __builtin_offsetof(LinuxPollFd, revents),
                             fds[index].revents));
    return result;
}

Result poll_call(Call& call)
{
    int timeout_ms = call.int_argument(2);
    uint64_t deadline = timeout_ms < 0 ? UINT64_MAX
        : timeout_ms == 0               ? 0
                                        : deadline_after(uint64_t(timeout_ms) * 1'000'000);
    return TRY(poll_descriptors(call, call.argument(0), call.argument(1), deadline));
}

constexpr uint64_t SIGSET_SIZE = sizeof(SignalSet);

// ppoll(fds, nfds, timeout, sigmask, sigsetsize)
Result ppoll_call(Call& call)
{
    uint64_t deadline = TRY(timespec_deadline(call.argument(2)));
    if (call.argument(3)) {
        if (call.argument(4) != SIGSET_SIZE)
            return Errno::InvalidArgument;
        install_mask(call.process(), TRY(proc::read_user<SignalSet>(call.argument(3))));
    }
    auto result = poll_descriptors(call, call.argument(0), call.argument(1), deadline);
    return TRY(finish(call, std::move(result), deadline, call.argument(2), timespec_of));
}

// --- select --------------------------------------------------------------------------

// The three sets; the descriptor table has 64 entries, so one word each.
static_assert(DESCRIPTOR_MAX == 64);
struct Sets {
    uint64_t in = 0, out = 0, except = 0;
};

// What select counts in each set (Linux's POLLIN_SET, POLLOUT_SET, POLLEX_SET).
constexpr uint32_t IN_SET = bits::IN | bits::READ_NORMAL | bits::READ_BAND | bits::HANG_UP | bits::ERROR;
constexpr uint32_t OUT_SET = bits::OUT | bits::WRITE_NORMAL | bits::WRITE_BAND | bits::ERROR;
constexpr uint32_t EXCEPT_SET = bits::PRIORITY;

kstd::Result<int> select_descriptors(Call& call, int count, uint64_t deadline_ns)
{
    if (count < 0)
        return Errno::InvalidArgument;
    if (count > DESCRIPTOR_MAX)
        count = DESCRIPTOR_MAX;
    size_t bytes = size_t(count + 63) / 64 * sizeof(uint64_t);
    uint64_t mask = count == 64 ? ~uint64_t(0) : (uint64_t(1) << count) - 1;
    uintptr_t addresses[3] = { call.argument(1), call.argument(2), call.argument(3) };
    uint64_t wanted[3] = {};
    for (int set = 0; set < 3; ++set) {
        if (addresses[set] && bytes)
            TRY(proc::copy_from_user(&wanted[set], addresses[set], bytes));
        wanted[set] &= mask;
    }
    fs::Context& context = *call.process().files;
    uint64_t found[3] = {};
    bool first_pass = true;
    auto result = wait_until_ready(call.process(), deadline_ns, [&]() -> kstd::Result<int> {
        int ready = 0;
        found[0] = found[1] = found[2] = 0;
        uint64_t any = wanted[0] | wanted[1] | wanted[2];
        for (int fd = 0; fd < count; ++fd) {
            uint64_t bit = uint64_t(1) << fd;
            if (!(any & bit))
                continue;
            uint32_t events = context.poll_events(fd);
            if (events & bits::INVALID) {
                if (first_pass)
                    return Errno::BadFileDescriptor;
                continue;
            }
            constexpr uint32_t SETS[3] = { IN_SET, OUT_SET, EXCEPT_SET };
            for (int set = 0; set < 3; ++set) {
                if ((wanted[set] & bit) && (events & SETS[set])) {
                    found[set] |= bit;
                    ++ready;
                }
            }
        }
        first_pass = false;
        return ready;
    });
    int ready = TRY(result);
    for (int set = 0; set < 3; ++set) {
        if (addresses[set] && bytes)
            TRY(proc::copy_to_user(addresses[set], &found[set], bytes));
    }
    return ready;
}

constexpr int64_t MICROSECONDS_PER_SECOND = 1'000'000;

// select(nfds, readfds, writefds, exceptfds, timeout): the timeval's microseconds may
// exceed a second (Linux carries them over); negative parts are EINVAL.
Result select_call(Call& call)
{
    uintptr_t timeout = call.argument(4);
    uint64_t deadline = UINT64_MAX;
    if (timeout) {
        LinuxTimeval time = TRY(proc::read_user<LinuxTimeval>(timeout));
        if (time.seconds < 0 || time.microseconds < 0)
            return Errno::InvalidArgument;
        uint64_t seconds = uint64_t(time.seconds) + uint64_t(time.microseconds / MICROSECONDS_PER_SECOND);
        uint64_t ns = uint64_t(time.microseconds % MICROSECONDS_PER_SECOND) * 1000;
        uint64_t duration = seconds > (UINT64_MAX - ns) / NS_PER_SECOND ? UINT64_MAX : seconds * NS_PER_SECOND + ns;
        deadline = duration == 0 ? 0 : deadline_after(duration);
    }
    auto result = select_descriptors(call, call.int_argument(0), deadline);
    return TRY(finish(call, std::move(result), deadline, timeout, timeval_of));
}

// pselect6's sixth argument: where the mask is and its size.
struct MaskArgument {
    uint64_t set;
    uint64_t size;
};

// pselect6(nfds, readfds, writefds, exceptfds, timeout, {sigmask, sigsetsize})
Result pselect6_call(Call& call)
{
    uint64_t deadline = TRY(timespec_deadline(call.argument(4)));
    if (call.argument(5)) {
        auto mask_argument = TRY(proc::read_user<MaskArgument>(call.argument(5)));
        if (mask_argument.set) {
            if (mask_argument.size != SIGSET_SIZE)
                return Errno::InvalidArgument;
            install_mask(call.process(), TRY(proc::read_user<SignalSet>(mask_argument.set)));
        }
    }
    auto result = select_descriptors(call, call.int_argument(0), deadline);
    return TRY(finish(call, std::move(result), deadline, call.argument(4), timespec_of));
}

} // namespace

void register_poll_calls(Entry* table)
{
    ADD_CALL(table, poll);
    ADD_CALL(table, ppoll);
    ADD_CALL(table, select);
    ADD_CALL(table, pselect6);
}

} // namespace syscalls
