/* sigtests: signals, with output that must be the same on Linux and Keel.
 *
 * Usage: sigtests [BIN_DIR]   (where to find itself for the exec test; default
 * $KEEL_USER_BIN, else "/bin").
 *
 * Handlers with siginfo (si_code, si_pid, si_value) and the ucontext (its saved mask, the
 * general registers, and changed ones that sigreturn honours); the FPU registers kept
 * across a handler; masks,
 * pending signals, standard signals merged and real-time ones queued in order; the order
 * of nested deliveries; SA_RESETHAND, SA_NODEFER, SA_RESTART against EINTR (pipe read,
 * wait4, nanosleep, pause); sigsuspend, sigtimedwait, sigaltstack; CPU faults as SIGSEGV
 * (SEGV_MAPERR, SEGV_ACCERR, SI_KERNEL), SIGBUS, SIGFPE, SIGILL and SIGTRAP caught and
 * survived, and fatal when blocked; the default actions; SIGCHLD with its codes, SIGCHLD
 * ignored (no zombies); stop and continue seen through wait4; kill to a group; tgkill;
 * alarm and setitimer; SIGPIPE; what execve keeps and resets; the sets /proc/self/status
 * shows, and a stopped process's state in /proc/<pid>/stat.
 *
 * Not compared: pids (only their relations), the core-dump bit (the host's core_pattern
 * and ulimit decide it), times (only bounds).
 */
#define _GNU_SOURCE
#include "test_support.h"
#include "periodic_timer.h"

#include <fcntl.h>
#include <poll.h>
#include <setjmp.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <ucontext.h>

/* A real-time signal both libcs let a program use (glibc's SIGRTMIN is 34, musl's 35). */
#define SIG_RT 40

static char self_path[512];

/* What the handlers saw. */
static volatile int handled_count;
static volatile int handled_signal, handled_code, handled_pid, handled_value;
static volatile int handled_order[8];
static volatile int handled_order_count;
static void *volatile handled_address;

static void install(int signal, void (*handler)(int, siginfo_t *, void *), int flags, const sigset_t *mask)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_sigaction = handler;
    action.sa_flags = flags | SA_SIGINFO;
    if (mask)
        action.sa_mask = *mask;
    else
        sigemptyset(&action.sa_mask);
    if (sigaction(signal, &action, NULL) != 0)
        printf("# sigaction(%d) failed: %s\n", signal, errno_name(errno));
}

static void set_default(int signal)
{
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = SIG_DFL;
    sigaction(signal, &action, NULL);
}

static void block_only(const int *signals, int count)
{
    sigset_t set;
    sigemptyset(&set);
    for (int index = 0; index < count; ++index)
        sigaddset(&set, signals[index]);
    sigprocmask(SIG_SETMASK, &set, NULL);
}

static void unblock_all(void)
{
    sigset_t set;
    sigemptyset(&set);
    sigprocmask(SIG_SETMASK, &set, NULL);
}

static void record(int signal, siginfo_t *info, void *context)
{
    (void)context;
    handled_count++;
    handled_signal = signal;
    handled_code = info->si_code;
    handled_pid = info->si_pid;
    handled_value = info->si_value.sival_int;
    handled_address = info->si_addr;
    if (handled_order_count < 8)
        handled_order[handled_order_count++] = signal;
}

static void reset_record(void)
{
    handled_count = handled_signal = handled_code = handled_pid = handled_value = 0;
    handled_order_count = 0;
    handled_address = NULL;
}

static void basic_handlers(void)
{
    install(SIGUSR1, record, 0, NULL);
    reset_record();
    kill(getpid(), SIGUSR1);
    check(handled_count == 1 && handled_signal == SIGUSR1, "kill to self runs the handler once",
          "count %d signal %d", handled_count, handled_signal);
    check(handled_code == SI_USER && handled_pid == getpid(), "kill's siginfo: SI_USER and the sender's pid",
          "code %d pid %d (self %d)", handled_code, handled_pid, getpid());

    reset_record();
    syscall(SYS_tgkill, getpid(), (pid_t)syscall(SYS_gettid), SIGUSR1);
    check(handled_count == 1 && handled_code == SI_TKILL, "tgkill to self: SI_TKILL", "count %d code %d",
          handled_count, handled_code);
    errno = 0;
    expect("tgkill with a wrong thread group is ESRCH", syscall(SYS_tgkill, getpid() + 100000,
           (pid_t)syscall(SYS_gettid), SIGUSR1), "ESRCH");
    expect("tgkill with signal 65 is EINVAL", syscall(SYS_tgkill, getpid(), (pid_t)syscall(SYS_gettid), 65),
           "EINVAL");
    expect("kill with signal 0 only checks", kill(getpid(), 0), "ret 0");
    expect("kill with signal -1 is EINVAL", kill(getpid(), -1), "EINVAL");

    struct sigaction old;
    sigaction(SIGUSR1, NULL, &old);
    check(old.sa_sigaction == record && (old.sa_flags & SA_SIGINFO), "sigaction reports the installed action",
          "flags %#x", (unsigned)old.sa_flags);
    struct sigaction kill_action;
    memset(&kill_action, 0, sizeof kill_action);
    kill_action.sa_handler = SIG_IGN;
    expect("sigaction(SIGKILL) is EINVAL", sigaction(SIGKILL, &kill_action, NULL), "EINVAL");
    expect("sigaction(SIGSTOP) is EINVAL", sigaction(SIGSTOP, &kill_action, NULL), "EINVAL");
    expect("sigaction(0) is EINVAL", sigaction(0, &kill_action, NULL), "EINVAL");
    expect("sigaction(65) is EINVAL", syscall(SYS_rt_sigaction, 65, NULL, NULL, 8), "EINVAL");
    expect("rt_sigaction with a bad sigsetsize is EINVAL", syscall(SYS_rt_sigaction, SIGUSR1, NULL, NULL, 4),
           "EINVAL");
    expect("rt_sigprocmask with a bad sigsetsize is EINVAL",
           syscall(SYS_rt_sigprocmask, SIG_BLOCK, NULL, NULL, 16), "EINVAL");
    expect("rt_sigprocmask with a bad how is EINVAL", syscall(SYS_rt_sigprocmask, 7, &old.sa_mask, NULL, 8),
           "EINVAL");
    expect("sigaction with a bad pointer is EFAULT", syscall(SYS_rt_sigaction, SIGUSR1, (void *)16, NULL, 8),
           "EFAULT");
}

static void masks(void)
{
    install(SIGUSR1, record, 0, NULL);
    int usr1[] = { SIGUSR1, SIGKILL, SIGSTOP };
    block_only(usr1, 3);
    sigset_t current;
    sigprocmask(SIG_BLOCK, NULL, &current);
    check(sigismember(&current, SIGUSR1) && !sigismember(&current, SIGKILL) && !sigismember(&current, SIGSTOP),
          "SIGKILL and SIGSTOP cannot be blocked", "usr1 %d kill %d stop %d", sigismember(&current, SIGUSR1),
          sigismember(&current, SIGKILL), sigismember(&current, SIGSTOP));
    reset_record();
    kill(getpid(), SIGUSR1);
    kill(getpid(), SIGUSR1);
    sigset_t pending;
    sigpending(&pending);
    check(handled_count == 0 && sigismember(&pending, SIGUSR1), "a blocked signal waits, pending",
          "count %d pending %d", handled_count, sigismember(&pending, SIGUSR1));
    unblock_all();
    check(handled_count == 1, "unblocking delivers a standard signal sent twice once", "count %d",
          handled_count);
    sigpending(&pending);
    check(!sigismember(&pending, SIGUSR1), "and it is no longer pending", "pending");

    install(SIG_RT, record, 0, NULL);
    int rt[] = { SIG_RT };
    block_only(rt, 1);
    reset_record();
    for (int value = 1; value <= 3; ++value)
        sigqueue(getpid(), SIG_RT, (union sigval) { .sival_int = value * 10 });
    unblock_all();
    check(handled_count == 3 && handled_value == 30 && handled_code == SI_QUEUE,
          "real-time signals queue: three sigqueue values, the last delivered last",
          "count %d last value %d code %d", handled_count, handled_value, handled_code);

    struct sigaction ignore;
    memset(&ignore, 0, sizeof ignore);
    ignore.sa_handler = SIG_IGN;
    sigaction(SIGUSR2, &ignore, NULL);
    kill(getpid(), SIGUSR2);
    sigpending(&pending);
    check(!sigismember(&pending, SIGUSR2), "an ignored, unblocked signal is discarded", "pending");
    int usr2[] = { SIGUSR2 };
    block_only(usr2, 1);
    kill(getpid(), SIGUSR2);
    sigpending(&pending);
    check(sigismember(&pending, SIGUSR2), "an ignored but blocked signal stays pending", "not pending");
    install(SIGUSR2, record, 0, NULL);
    reset_record();
    unblock_all();
    check(handled_count == 1 && handled_signal == SIGUSR2, "and reaches a handler installed meanwhile",
          "count %d", handled_count);

    block_only(usr2, 1);
    kill(getpid(), SIGUSR2);
    sigaction(SIGUSR2, &ignore, NULL);
    sigpending(&pending);
    check(!sigismember(&pending, SIGUSR2), "setting SIG_IGN discards a pending signal, even a blocked one",
          "still pending");
    unblock_all();
}

/* Blocks the three signals, sends them highest first, and unblocks them all at once. */
static void send_blocked_then_unblock(const int three[3])
{
    block_only(three, 3);
    for (int index = 2; index >= 0; --index)
        kill(getpid(), three[index]);
    reset_record();
    unblock_all();
}

static void order_of_delivery(void)
{
    install(SIGUSR1, record, 0, NULL);
    install(SIGUSR2, record, 0, NULL);
    install(SIG_RT, record, 0, NULL);
    int three[] = { SIGUSR1, SIGUSR2, SIG_RT };
    send_blocked_then_unblock(three);
    check(handled_order_count == 3 && handled_order[0] == SIG_RT && handled_order[1] == SIGUSR2
              && handled_order[2] == SIGUSR1,
          "three unblocked at once nest: the highest number's handler runs first", "order %d %d %d",
          handled_order[0], handled_order[1], handled_order[2]);

    sigset_t all;
    sigemptyset(&all);
    for (int index = 0; index < 3; ++index)
        sigaddset(&all, three[index]);
    for (int index = 0; index < 3; ++index)
        install(three[index], record, 0, &all);
    send_blocked_then_unblock(three);
    check(handled_order_count == 3 && handled_order[0] == SIGUSR1 && handled_order[1] == SIGUSR2
              && handled_order[2] == SIG_RT,
          "with sa_mask blocking the others they run one by one, lowest number first", "order %d %d %d",
          handled_order[0], handled_order[1], handled_order[2]);
}

static volatile int depth, max_depth, blocked_inside, runs;

static void recursive(int signal, siginfo_t *info, void *context)
{
    (void)info;
    (void)context;
    depth++;
    runs++;
    if (depth > max_depth)
        max_depth = depth;
    sigset_t mask;
    sigprocmask(SIG_BLOCK, NULL, &mask);
    blocked_inside = sigismember(&mask, signal);
    if (runs < 3)
        raise(signal);
    depth--;
}

static void handler_flags(void)
{
    install(SIGUSR1, recursive, SA_NODEFER, NULL);
    max_depth = runs = 0;
    raise(SIGUSR1);
    check(max_depth == 3 && !blocked_inside, "SA_NODEFER: the handler interrupts itself", "depth %d blocked %d",
          max_depth, blocked_inside);

    install(SIGUSR1, recursive, 0, NULL);
    max_depth = runs = 0;
    raise(SIGUSR1);
    check(max_depth == 1 && runs == 3 && blocked_inside, "without it the signal is blocked in its handler, then delivered",
          "depth %d blocked %d", max_depth, blocked_inside);

    install(SIGUSR1, record, SA_RESETHAND, NULL);
    reset_record();
    raise(SIGUSR1);
    struct sigaction now;
    sigaction(SIGUSR1, NULL, &now);
    check(handled_count == 1 && now.sa_handler == SIG_DFL, "SA_RESETHAND: once, then the default",
          "count %d", handled_count);
}

static volatile int mask_had_usr2;

static void look_at_context(int signal, siginfo_t *info, void *context)
{
    (void)signal;
    (void)info;
    ucontext_t *uc = context;
    mask_had_usr2 = sigismember(&uc->uc_sigmask, SIGUSR2);
}

extern char sigtests_ud2[];

static void skip_ud2(int signal, siginfo_t *info, void *context)
{
    ucontext_t *uc = context;
    handled_signal = signal;
    handled_code = info->si_code;
    handled_address = info->si_addr;
    uc->uc_mcontext.gregs[REG_RIP] += 2;
}

/* The general registers at a kill() to oneself, as the handler finds them in its ucontext;
 * it changes two, which sigreturn must put back in their registers. */
enum { WATCHED_COUNT = 9 };
static const int watched[WATCHED_COUNT] = { REG_R8, REG_R9, REG_R10, REG_R12, REG_R13, REG_R14, REG_R15,
                                            REG_RBX, REG_RDX };
static volatile unsigned long seen_watched[WATCHED_COUNT], seen_rdi, seen_rsi, seen_rax, seen_rip;

static unsigned long pattern_of(int index) { return 0x1122334455667700UL + (unsigned long)index; }

static void look_at_registers(int signal, siginfo_t *info, void *context)
{
    (void)signal;
    (void)info;
    ucontext_t *uc = context;
    for (int index = 0; index < WATCHED_COUNT; ++index)
        seen_watched[index] = (unsigned long)uc->uc_mcontext.gregs[watched[index]];
    seen_rdi = (unsigned long)uc->uc_mcontext.gregs[REG_RDI];
    seen_rsi = (unsigned long)uc->uc_mcontext.gregs[REG_RSI];
    seen_rax = (unsigned long)uc->uc_mcontext.gregs[REG_RAX];
    seen_rip = (unsigned long)uc->uc_mcontext.gregs[REG_RIP];
    uc->uc_mcontext.gregs[REG_R13] = (long long)0x1313131313131313UL;
    uc->uc_mcontext.gregs[REG_RBX] = (long long)0x0b0b0b0b0b0b0b0bUL;
}

extern char sigtests_after_kill[];

/* kill(self, SIGUSR1) with the watched registers holding pattern_of(their index); what they
 * hold after it, in the same order. */
__attribute__((noinline)) static void registers_around_kill(unsigned long after[WATCHED_COUNT])
{
    long self = getpid(); /* before the register variables: a call may change them */
    register unsigned long r8 __asm__("r8") = pattern_of(0), r9 __asm__("r9") = pattern_of(1);
    register unsigned long r10 __asm__("r10") = pattern_of(2), r12 __asm__("r12") = pattern_of(3);
    register unsigned long r13 __asm__("r13") = pattern_of(4), r14 __asm__("r14") = pattern_of(5);
    register unsigned long r15 __asm__("r15") = pattern_of(6), rbx __asm__("rbx") = pattern_of(7);
    register unsigned long rdx __asm__("rdx") = pattern_of(8);
    long number = SYS_kill;
    __asm__ volatile("syscall\n\t"
                     ".globl sigtests_after_kill\nsigtests_after_kill:"
                     : "+a"(number), "+r"(r8), "+r"(r9), "+r"(r10), "+r"(r12), "+r"(r13), "+r"(r14),
                       "+r"(r15), "+r"(rbx), "+r"(rdx)
                     : "D"(self), "S"((long)SIGUSR1)
                     : "rcx", "r11", "memory");
    unsigned long values[WATCHED_COUNT] = { r8, r9, r10, r12, r13, r14, r15, rbx, rdx };
    for (int index = 0; index < WATCHED_COUNT; ++index)
        after[index] = values[index];
}

static void general_registers(void)
{
    install(SIGUSR1, look_at_registers, 0, NULL);
    unsigned long after[WATCHED_COUNT];
    registers_around_kill(after);
    set_default(SIGUSR1);
    int seen_right = seen_rdi == (unsigned long)getpid() && seen_rsi == SIGUSR1 && seen_rax == 0
        && seen_rip == (unsigned long)sigtests_after_kill;
    int first_wrong = -1;
    for (int index = 0; index < WATCHED_COUNT; ++index) {
        if (seen_watched[index] != pattern_of(index) && first_wrong < 0)
            first_wrong = index;
    }
    check(seen_right && first_wrong < 0, "a handler's ucontext holds the general registers of the interrupted code",
          "rdi %#lx rsi %#lx rax %#lx rip %#lx (after the syscall %p); first wrong: gregs[%d] %#lx",
          seen_rdi, seen_rsi, seen_rax, seen_rip, (void *)sigtests_after_kill,
          first_wrong < 0 ? -1 : watched[first_wrong], first_wrong < 0 ? 0 : seen_watched[first_wrong]);
    first_wrong = -1;
    for (int index = 0; index < WATCHED_COUNT; ++index) {
        unsigned long expected = pattern_of(index);
        if (watched[index] == REG_R13)
            expected = 0x1313131313131313UL;
        else if (watched[index] == REG_RBX)
            expected = 0x0b0b0b0b0b0b0b0bUL;
        if (after[index] != expected && first_wrong < 0)
            first_wrong = index;
    }
    check(first_wrong < 0, "sigreturn puts back the general registers, with the handler's changes",
          "first wrong: gregs[%d] is %#lx", first_wrong < 0 ? -1 : watched[first_wrong],
          first_wrong < 0 ? 0 : after[first_wrong]);
}

static unsigned long xmm_after(void)
{
    unsigned long pattern = 0x0123456789abcdefUL, after = 0;
    long number = SYS_kill;
    pid_t self = getpid();
    __asm__ volatile("movq %[pattern], %%xmm7\n\t"
                     "syscall\n\t"
                     "movq %%xmm7, %[after]"
                     : [after] "=r"(after), "+a"(number)
                     : [pattern] "r"(pattern), "D"((long)self), "S"((long)SIGUSR1)
                     : "rcx", "r11", "xmm7", "memory");
    return after;
}

static void clobber_fpu(int signal, siginfo_t *info, void *context)
{
    (void)signal;
    (void)info;
    (void)context;
    __asm__ volatile("pxor %%xmm7, %%xmm7" ::: "xmm7");
    volatile double x = 1.5;
    handled_count = (int)(x * x * 4);
}

static void contexts(void)
{
    install(SIGUSR1, look_at_context, 0, NULL);
    int usr2[] = { SIGUSR2 };
    block_only(usr2, 1);
    raise(SIGUSR1);
    unblock_all();
    check(mask_had_usr2, "the ucontext holds the mask from before the handler", "no SIGUSR2");

    install(SIGILL, skip_ud2, 0, NULL);
    reset_record();
    __asm__ volatile(".globl sigtests_ud2\nsigtests_ud2: ud2");
    check(handled_signal == SIGILL && handled_code == ILL_ILLOPN && handled_address == sigtests_ud2,
          "ud2 is SIGILL, ILL_ILLOPN at its address; a handler moving rip past it resumes there",
          "signal %d code %d address %p (ud2 at %p)", handled_signal, handled_code, handled_address,
          (void *)sigtests_ud2);
    set_default(SIGILL);

    install(SIGUSR1, clobber_fpu, 0, NULL);
    handled_count = 0;
    unsigned long after = xmm_after();
    check(after == 0x0123456789abcdefUL && handled_count == 9, "SSE registers survive a handler that uses them",
          "xmm7 %#lx count %d", after, handled_count);

    general_registers();
}

static sigjmp_buf fault_jump;

static void jump_back(int signal, siginfo_t *info, void *context)
{
    (void)context;
    handled_signal = signal;
    handled_code = info->si_code;
    handled_address = info->si_addr;
    siglongjmp(fault_jump, 1);
}

/* Runs fault(), which must raise `signal` through the CPU; the handler jumps back. */
static void caught_fault(const char *name, int signal, void (*fault)(void *), void *argument, int code,
                         void *address, int check_address)
{
    install(signal, jump_back, 0, NULL);
    reset_record();
    if (sigsetjmp(fault_jump, 1) == 0) {
        fault(argument);
        check(0, name, "no signal");
    } else {
        check(handled_signal == signal && handled_code == code && (!check_address || handled_address == address),
              name, "signal %d code %d address %p (want %d %d %p)", handled_signal, handled_code,
              handled_address, signal, code, address);
    }
    set_default(signal);
}

static void write_to(void *address) { *(volatile int *)address = 1; }
static volatile int zero = 0;
static void divide_by_zero(void *unused) { (void)unused; handled_count = 100 / zero; }
static void breakpoint(void *unused) { (void)unused; __asm__ volatile("int3"); }
static void privileged(void *unused) { (void)unused; __asm__ volatile("hlt"); }
static void read_from(void *address) { handled_count = *(volatile char *)address; }

static void faults(void)
{
    caught_fault("null write: SIGSEGV, SEGV_MAPERR, si_addr 0", SIGSEGV, write_to, NULL, SEGV_MAPERR, NULL, 1);
    char *page = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    caught_fault("write to a read-only page: SEGV_ACCERR at its address", SIGSEGV, write_to, page + 8,
                 SEGV_ACCERR, page + 8, 1);
    munmap(page, 4096);
    caught_fault("divide by zero: SIGFPE, FPE_INTDIV", SIGFPE, divide_by_zero, NULL, FPE_INTDIV, NULL, 0);
    caught_fault("int3: SIGTRAP, SI_KERNEL", SIGTRAP, breakpoint, NULL, SI_KERNEL, NULL, 0);
    caught_fault("hlt in user mode: SIGSEGV, SI_KERNEL", SIGSEGV, privileged, NULL, SI_KERNEL, NULL, 0);

    char path[] = "/tmp/sigtests-XXXXXX";
    int fd = mkstemp(path);
    if (fd >= 0) {
        ftruncate(fd, 4096);
        char *mapped = mmap(NULL, 8192, PROT_READ, MAP_PRIVATE, fd, 0);
        caught_fault("a file mapping past the end of the file: SIGBUS, BUS_ADRERR", SIGBUS, read_from,
                     mapped + 4096 + 16, BUS_ADRERR, mapped + 4096 + 16, 1);
        munmap(mapped, 8192);
        close(fd);
        unlink(path);
    }
    sigset_t mask;
    sigprocmask(SIG_BLOCK, NULL, &mask);
    check(!sigismember(&mask, SIGSEGV), "siglongjmp restored the mask", "SIGSEGV still blocked");
}

static void blocked_fault(void *unused)
{
    (void)unused;
    install(SIGSEGV, jump_back, 0, NULL);
    int segv[] = { SIGSEGV };
    block_only(segv, 1);
    write_to(NULL);
}

static void ignored_fault(void *unused)
{
    (void)unused;
    signal(SIGSEGV, SIG_IGN);
    write_to(NULL);
}

static void send_self(void *signal)
{
    set_default((int)(long)signal);
    raise((int)(long)signal);
}

static void default_actions(void)
{
    check(strcmp(status_text(run_in_child(blocked_fault, NULL)), "signal SIGSEGV") == 0,
          "a fault with its signal blocked still kills", "%s", status_text(run_in_child(blocked_fault, NULL)));
    check(strcmp(status_text(run_in_child(ignored_fault, NULL)), "signal SIGSEGV") == 0,
          "a fault with its signal ignored still kills", "%s", status_text(run_in_child(ignored_fault, NULL)));
    struct {
        int signal;
        const char *want;
    } cases[] = {
        { SIGTERM, "signal SIGTERM" }, { SIGUSR1, "signal 10" }, { SIGALRM, "signal 14" },
        { SIGABRT, "signal SIGABRT" }, { SIGQUIT, "signal 3" }, { SIG_RT, "signal 40" },
        { SIGCHLD, "exit 0" }, { SIGWINCH, "exit 0" }, { SIGURG, "exit 0" }, { SIGCONT, "exit 0" },
    };
    for (size_t index = 0; index < sizeof cases / sizeof cases[0]; ++index) {
        char name[64];
        snprintf(name, sizeof name, "default action of signal %d: %s", cases[index].signal, cases[index].want);
        int status = run_in_child(send_self, (void *)(long)cases[index].signal);
        check(strcmp(status_text(status), cases[index].want) == 0, name, "%s", status_text(status));
    }
}

static int pipe_ends[2];

static void write_to_pipe(int signal, siginfo_t *info, void *context)
{
    (void)info;
    (void)context;
    handled_signal = signal;
    char byte = 'x';
    write(pipe_ends[1], &byte, 1);
}

static void arm_timer_ms(long milliseconds)
{
    struct itimerval timer = { { 0, 0 }, { milliseconds / 1000, (milliseconds % 1000) * 1000 } };
    setitimer(ITIMER_REAL, &timer, NULL);
}

static void interrupted_calls(void)
{
    pipe(pipe_ends);
    char byte;
    install(SIGALRM, record, 0, NULL);
    arm_periodic_timer_ms(10);
    long got = read(pipe_ends[0], &byte, 1);
    disarm_timer();
    expect("a read interrupted by a handler without SA_RESTART is EINTR", got, "EINTR");

    /* The same result whether the signal comes during the read or just before it. */
    install(SIGALRM, write_to_pipe, SA_RESTART, NULL);
    arm_timer_ms(30);
    got = read(pipe_ends[0], &byte, 1);
    expect("with SA_RESTART the read restarts and gets the handler's byte", got, "ret 1");

    pid_t child = fork();
    if (child == 0) {
        struct timespec pause_time = { 0, 300 * 1000 * 1000 };
        nanosleep(&pause_time, NULL);
        _exit(7);
    }
    install(SIGALRM, record, SA_RESTART, NULL);
    arm_timer_ms(30);
    int status = 0;
    got = waitpid(child, &status, 0);
    check(got == child && WIFEXITED(status) && WEXITSTATUS(status) == 7, "wait4 restarts under SA_RESTART",
          "got %s", result_text(got));
    /* This child outlives the interrupted wait, which the parent then ends with SIGKILL
     * (its 10 s only end the wait on a kernel that does not interrupt it). */
    child = fork();
    if (child == 0) {
        struct timespec long_pause = { 10, 0 };
        nanosleep(&long_pause, NULL);
        _exit(7);
    }
    install(SIGALRM, record, 0, NULL);
    arm_periodic_timer_ms(10);
    got = waitpid(child, &status, 0);
    disarm_timer();
    expect("and is EINTR without it", got, "EINTR");
    kill(child, SIGKILL);
    waitpid(child, &status, 0);

    install(SIGALRM, record, SA_RESTART, NULL);
    arm_periodic_timer_ms(10);
    struct timespec long_sleep = { 5, 0 }, remaining = { 0, 0 };
    got = nanosleep(&long_sleep, &remaining);
    disarm_timer();
    check(got == -1 && errno == EINTR && remaining.tv_sec >= 3 && remaining.tv_sec <= 5,
          "nanosleep is EINTR even under SA_RESTART, with the time left", "got %s, %ld s left",
          result_text(got), (long)remaining.tv_sec);

    reset_record();
    arm_periodic_timer_ms(10);
    got = pause();
    disarm_timer();
    check(got == -1 && errno == EINTR && handled_signal == SIGALRM, "pause returns EINTR after the handler",
          "got %s", result_text(got));
    close(pipe_ends[0]);
    close(pipe_ends[1]);
}

static void waiting_for_signals(void)
{
    install(SIGALRM, record, 0, NULL);
    int alarm_only[] = { SIGALRM };
    block_only(alarm_only, 1);
    reset_record();
    arm_timer_ms(20);
    sigset_t none;
    sigemptyset(&none);
    long got = sigsuspend(&none);
    sigset_t after;
    sigprocmask(SIG_BLOCK, NULL, &after);
    check(got == -1 && errno == EINTR && handled_signal == SIGALRM && sigismember(&after, SIGALRM),
          "sigsuspend: the handler runs, EINTR, the old mask is back", "got %s signal %d", result_text(got),
          handled_signal);

    int usr1[] = { SIGUSR1 };
    block_only(usr1, 1);
    raise(SIGUSR1);
    sigset_t wanted;
    sigemptyset(&wanted);
    sigaddset(&wanted, SIGUSR1);
    siginfo_t info;
    got = sigwaitinfo(&wanted, &info);
    /* raise() is tgkill, SI_TKILL; glibc's sigwaitinfo reports that as SI_USER. */
    check(got == SIGUSR1 && info.si_signo == SIGUSR1 && (info.si_code == SI_TKILL || info.si_code == SI_USER),
          "sigwaitinfo takes a pending blocked signal with its siginfo", "got %s code %d", result_text(got),
          info.si_code);
    struct timespec short_wait = { 0, 20 * 1000 * 1000 };
    got = sigtimedwait(&wanted, &info, &short_wait);
    expect("sigtimedwait with nothing pending times out: EAGAIN", got, "EAGAIN");
    sigset_t pending;
    sigpending(&pending);
    check(!sigismember(&pending, SIGUSR1), "nothing left pending", "SIGUSR1 pending");
    unblock_all();
}

static char alternate_stack[65536];
static volatile int on_alternate, flags_inside, change_inside;

static void check_stack(int signal, siginfo_t *info, void *context)
{
    (void)signal;
    (void)info;
    (void)context;
    char local;
    on_alternate = &local >= alternate_stack && &local < alternate_stack + sizeof alternate_stack;
    stack_t now;
    sigaltstack(NULL, &now);
    flags_inside = now.ss_flags;
    stack_t other = { .ss_sp = alternate_stack, .ss_size = sizeof alternate_stack, .ss_flags = 0 };
    change_inside = sigaltstack(&other, NULL) == -1 ? errno : 0;
}

static void alternate_stacks(void)
{
    stack_t small = { .ss_sp = alternate_stack, .ss_size = 1024, .ss_flags = 0 };
    expect("sigaltstack smaller than MINSIGSTKSZ is ENOMEM", sigaltstack(&small, NULL), "ENOMEM");
    stack_t bad_flags = { .ss_sp = alternate_stack, .ss_size = sizeof alternate_stack, .ss_flags = 4 };
    expect("sigaltstack with unknown flags is EINVAL", sigaltstack(&bad_flags, NULL), "EINVAL");
    stack_t stack = { .ss_sp = alternate_stack, .ss_size = sizeof alternate_stack, .ss_flags = 0 };
    expect("sigaltstack installs a stack", sigaltstack(&stack, NULL), "ret 0");
    install(SIGUSR1, check_stack, SA_ONSTACK, NULL);
    raise(SIGUSR1);
    check(on_alternate && flags_inside == SS_ONSTACK && change_inside == EPERM,
          "SA_ONSTACK runs the handler there; SS_ONSTACK inside; changing it there is EPERM",
          "on %d flags %d change %s", on_alternate, flags_inside, errno_name(change_inside));
    install(SIGUSR1, check_stack, 0, NULL);
    raise(SIGUSR1);
    check(!on_alternate && flags_inside == 0, "without SA_ONSTACK the handler stays on the normal stack",
          "on %d flags %d", on_alternate, flags_inside);
    stack_t disable = { .ss_sp = NULL, .ss_size = 0, .ss_flags = SS_DISABLE }, old;
    sigaltstack(&disable, &old);
    check(old.ss_sp == alternate_stack && old.ss_size == sizeof alternate_stack && old.ss_flags == 0,
          "sigaltstack reports the old stack", "sp %p size %zu flags %d", old.ss_sp, old.ss_size, old.ss_flags);
    sigaltstack(NULL, &old);
    check(old.ss_flags == SS_DISABLE, "SS_DISABLE turns it off", "flags %d", old.ss_flags);
}

static volatile int child_codes[4], child_statuses[4], child_pids[4], child_events;

static void on_child(int signal, siginfo_t *info, void *context)
{
    (void)signal;
    (void)context;
    if (child_events < 4) {
        child_codes[child_events] = info->si_code;
        child_statuses[child_events] = info->si_status;
        child_pids[child_events] = info->si_pid;
    }
    child_events++;
}

/* Waits (in sigsuspend) until the SIGCHLD handler has run `count` times. */
static void wait_for_child_events(int count)
{
    sigset_t chld, old;
    sigemptyset(&chld);
    sigaddset(&chld, SIGCHLD);
    sigprocmask(SIG_BLOCK, &chld, &old);
    while (child_events < count)
        sigsuspend(&old);
    sigprocmask(SIG_SETMASK, &old, NULL);
}

static void children(void)
{
    install(SIGCHLD, on_child, 0, NULL);
    child_events = 0;
    pid_t child = fork();
    if (child == 0)
        _exit(5);
    int status;
    waitpid(child, &status, 0);
    check(child_events == 1 && child_codes[0] == CLD_EXITED && child_statuses[0] == 5 && child_pids[0] == child,
          "SIGCHLD on exit: CLD_EXITED, the status and pid", "events %d code %d status %d", child_events,
          child_codes[0], child_statuses[0]);

    /* The child waits on a pipe after it continues, so the SIGCHLD of the continue (sent
     * by the child as it resumes) and the one of the exit cannot merge into one. */
    int go[2];
    pipe(go);
    child_events = 0;
    child = fork();
    if (child == 0) {
        raise(SIGSTOP);
        char byte;
        read(go[0], &byte, 1);
        _exit(3);
    }
    while (waitpid(child, &status, WUNTRACED) != child && errno == EINTR)
        ;
    check(WIFSTOPPED(status) && WSTOPSIG(status) == SIGSTOP, "WUNTRACED reports a stop by SIGSTOP",
          "status %#x", status);
    kill(child, SIGCONT);
    while (waitpid(child, &status, WCONTINUED) != child && errno == EINTR)
        ;
    check(WIFCONTINUED(status), "WCONTINUED reports the continue", "status %#x", status);
    wait_for_child_events(2);
    write(go[1], "x", 1);
    while (waitpid(child, &status, 0) != child && errno == EINTR)
        ;
    check(WIFEXITED(status) && WEXITSTATUS(status) == 3, "then it exits", "status %#x", status);
    wait_for_child_events(3);
    check(child_events == 3 && child_codes[0] == CLD_STOPPED && child_statuses[0] == SIGSTOP
              && child_codes[1] == CLD_CONTINUED && child_statuses[1] == SIGCONT && child_codes[2] == CLD_EXITED,
          "SIGCHLD for the stop, the continue and the exit", "events %d codes %d %d %d", child_events,
          child_codes[0], child_codes[1], child_codes[2]);
    close(go[0]);
    close(go[1]);

    child_events = 0;
    child = fork();
    if (child == 0) {
        raise(SIGTERM);
        _exit(0);
    }
    while (waitpid(child, &status, 0) != child && errno == EINTR)
        ;
    check(child_events == 1 && child_codes[0] == CLD_KILLED && child_statuses[0] == SIGTERM,
          "SIGCHLD for a kill: CLD_KILLED and the signal", "events %d code %d status %d", child_events,
          child_codes[0], child_statuses[0]);

    struct sigaction nocldstop;
    memset(&nocldstop, 0, sizeof nocldstop);
    nocldstop.sa_sigaction = on_child;
    nocldstop.sa_flags = SA_SIGINFO | SA_NOCLDSTOP;
    sigaction(SIGCHLD, &nocldstop, NULL);
    child_events = 0;
    child = fork();
    if (child == 0) {
        raise(SIGSTOP);
        _exit(4);
    }
    while (waitpid(child, &status, WUNTRACED) != child && errno == EINTR)
        ;
    kill(child, SIGCONT);
    while (waitpid(child, &status, 0) != child && errno == EINTR)
        ;
    check(child_events == 1 && child_codes[0] == CLD_EXITED, "SA_NOCLDSTOP: SIGCHLD only for the exit",
          "events %d", child_events);

    signal(SIGCHLD, SIG_IGN);
    child = fork();
    if (child == 0)
        _exit(0);
    long got = waitpid(child, &status, 0);
    expect("SIGCHLD ignored: children leave no zombie, wait is ECHILD", got, "ECHILD");
    set_default(SIGCHLD);
}

static void group_kill(void)
{
    int ready[2];
    pipe(ready);
    pid_t leader = fork();
    if (leader == 0) {
        setpgid(0, 0);
        if (fork() == 0) {
            write(ready[1], "g", 1);
            for (;;)
                pause();
        }
        write(ready[1], "l", 1);
        int status;
        wait(&status);
        _exit(WIFSIGNALED(status) ? 100 + WTERMSIG(status) : 1);
    }
    setpgid(leader, leader);
    char bytes[2];
    read(ready[0], bytes, 1);
    read(ready[0], bytes + 1, 1);
    expect("kill to a process group", kill(-leader, SIGTERM), "ret 0");
    int status;
    waitpid(leader, &status, 0);
    check(WIFSIGNALED(status) && WTERMSIG(status) == SIGTERM, "reaches its leader", "%s", status_text(status));
    expect("kill to a pid nobody has is ESRCH", kill(0x7ffffff0, 0), "ESRCH");
    expect("kill to a group nobody has is ESRCH", kill(-0x7ffffff0, 0), "ESRCH");
    close(ready[0]);
    close(ready[1]);
}

static void timers(void)
{
    expect("alarm with none pending returns 0", alarm(100), "ret 0");
    expect("alarm(0) returns the seconds left, rounded", alarm(0), "ret 100");
    install(SIGALRM, record, 0, NULL);
    struct itimerval periodic = { { 0, 10000 }, { 0, 10000 } }, now;
    setitimer(ITIMER_REAL, &periodic, NULL);
    reset_record();
    int alarm_only[] = { SIGALRM };
    block_only(alarm_only, 1);
    sigset_t none;
    sigemptyset(&none);
    for (int round = 0; round < 3; ++round)
        sigsuspend(&none);
    getitimer(ITIMER_REAL, &now);
    check(handled_count == 3 && now.it_interval.tv_usec == 10000, "a periodic ITIMER_REAL fires again and again",
          "count %d interval %ld", handled_count, (long)now.it_interval.tv_usec);
    struct itimerval off = { { 0, 0 }, { 0, 0 } };
    setitimer(ITIMER_REAL, &off, &now);
    check(now.it_value.tv_sec == 0 && now.it_value.tv_usec <= 10000 && now.it_interval.tv_usec == 10000,
          "setitimer returns the old timer", "value %ld.%06ld", (long)now.it_value.tv_sec,
          (long)now.it_value.tv_usec);
    getitimer(ITIMER_REAL, &now);
    check(now.it_value.tv_sec == 0 && now.it_value.tv_usec == 0, "and a disarmed one reads zero", "value %ld",
          (long)now.it_value.tv_usec);
    unblock_all();
    struct itimerval bad = { { 0, 0 }, { 0, 1000000 } };
    expect("setitimer with 1,000,000 microseconds is EINVAL", setitimer(ITIMER_REAL, &bad, NULL), "EINVAL");
}

static void pipe_without_readers(void *unused)
{
    (void)unused;
    int ends[2];
    pipe(ends);
    close(ends[0]);
    write(ends[1], "x", 1);
}

static void broken_pipes(void)
{
    int status = run_in_child(pipe_without_readers, NULL);
    check(strcmp(status_text(status), "signal SIGPIPE") == 0, "writing to a pipe without readers: SIGPIPE",
          "%s", status_text(status));
    signal(SIGPIPE, SIG_IGN);
    int ends[2];
    pipe(ends);
    close(ends[0]);
    expect("with SIGPIPE ignored it is EPIPE", write(ends[1], "x", 1), "EPIPE");
    close(ends[1]);
    set_default(SIGPIPE);
}

/* Run as "sigtests --after-exec": what survived execve. */
static int after_exec(void)
{
    struct sigaction usr1, usr2;
    sigaction(SIGUSR1, NULL, &usr1);
    sigaction(SIGUSR2, NULL, &usr2);
    sigset_t mask;
    sigprocmask(SIG_BLOCK, NULL, &mask);
    stack_t stack;
    sigaltstack(NULL, &stack);
    int ok = usr1.sa_handler == SIG_DFL && usr2.sa_handler == SIG_IGN && sigismember(&mask, SIGTERM)
        && stack.ss_flags == SS_DISABLE;
    return ok ? 0 : 1;
}

static void across_exec(void)
{
    pid_t child = fork();
    if (child == 0) {
        install(SIGUSR1, record, 0, NULL);
        signal(SIGUSR2, SIG_IGN);
        int term[] = { SIGTERM };
        block_only(term, 1);
        stack_t stack = { .ss_sp = alternate_stack, .ss_size = sizeof alternate_stack, .ss_flags = 0 };
        sigaltstack(&stack, NULL);
        char *argv[] = { self_path, "--after-exec", NULL };
        execv(self_path, argv);
        _exit(2);
    }
    int status;
    waitpid(child, &status, 0);
    check(WIFEXITED(status) && WEXITSTATUS(status) == 0,
          "execve: handlers back to default, ignored stays ignored, mask kept, no altstack", "%s",
          status_text(status));
}

/* One of /proc/self/status's signal sets ("SigBlk" ...), as the bits of signals 1..64. */
static unsigned long long status_signal_set(const char *field)
{
    char text[4096];
    int fd = open("/proc/self/status", O_RDONLY);
    ssize_t length = fd >= 0 ? read(fd, text, sizeof text - 1) : -1;
    if (fd >= 0)
        close(fd);
    text[length > 0 ? length : 0] = 0;
    char key[16];
    snprintf(key, sizeof key, "\n%s:\t", field);
    const char *line = strstr(text, key);
    return line ? strtoull(line + strlen(key), NULL, 16) : ~0ull;
}

/* /proc/self/status shows the process's signal sets, as ps and the curious read them. */
static void status_sets(void)
{
    unsigned long long hup = 1ull << (SIGHUP - 1), usr1 = 1ull << (SIGUSR1 - 1), usr2 = 1ull << (SIGUSR2 - 1);
    unsigned long long these = hup | usr1 | usr2;
    install(SIGUSR1, record, 0, NULL);
    signal(SIGUSR2, SIG_IGN);
    int blocked[] = { SIGHUP };
    block_only(blocked, 1);
    kill(getpid(), SIGHUP);
    int blocked_ok = (status_signal_set("SigBlk") & these) == hup;
    int pending_ok = (status_signal_set("ShdPnd") & these) == hup;
    int ignored_ok = (status_signal_set("SigIgn") & these) == usr2;
    int caught_ok = (status_signal_set("SigCgt") & these) == usr1;
    check(blocked_ok && pending_ok && ignored_ok && caught_ok,
          "/proc/self/status: SigBlk, ShdPnd, SigIgn and SigCgt", "blk %llx pnd %llx ign %llx cgt %llx",
          status_signal_set("SigBlk"), status_signal_set("ShdPnd"), status_signal_set("SigIgn"),
          status_signal_set("SigCgt"));

    pid_t child = fork();
    if (child == 0) {
        for (;;)
            pause();
    }
    kill(child, SIGSTOP);
    int status;
    waitpid(child, &status, WUNTRACED);
    char path[64], stat_text[256] = "";
    snprintf(path, sizeof path, "/proc/%d/stat", (int)child);
    int fd = open(path, O_RDONLY);
    ssize_t length = fd >= 0 ? read(fd, stat_text, sizeof stat_text - 1) : -1;
    if (fd >= 0)
        close(fd);
    stat_text[length > 0 ? length : 0] = 0;
    const char *after_name = strrchr(stat_text, ')');
    check(WIFSTOPPED(status) && after_name && after_name[2] == 'T',
          "/proc/<pid>/stat: a stopped child is 'T'", "%s", stat_text);
    kill(child, SIGKILL);
    waitpid(child, &status, 0);

    signal(SIGHUP, SIG_IGN); /* discards the pending one */
    signal(SIGHUP, SIG_DFL);
    signal(SIGUSR1, SIG_DFL);
    signal(SIGUSR2, SIG_DFL);
    unblock_all();
}

/* A process group that an exit orphans while a member is stopped gets SIGHUP, then SIGCONT
 * (POSIX; Linux's kill_orphaned_pgrp), so a stopped job is not left stopped for ever. The
 * middle process puts its child in a group of its own, waits until the child has stopped,
 * and exits; the child, continued, says through a pipe whether SIGHUP came first. */
static volatile int hangups;
static void count_hangup(int signal)
{
    (void)signal;
    hangups++;
}

static void orphaned_groups(void)
{
    int report[2];
    pipe(report);
    pid_t middle = fork();
    if (middle == 0) {
        pid_t grandchild = fork();
        if (grandchild == 0) {
            signal(SIGHUP, count_hangup);
            setpgid(0, 0);
            raise(SIGSTOP);
            char byte = hangups == 1 ? 'h' : 'n';
            write(report[1], &byte, 1);
            _exit(0);
        }
        setpgid(grandchild, grandchild);
        write(report[1], &grandchild, sizeof grandchild);
        int status;
        while (waitpid(grandchild, &status, WUNTRACED) != grandchild && errno == EINTR)
            ;
        _exit(WIFSTOPPED(status) ? 0 : 1);
    }
    close(report[1]);
    pid_t grandchild = 0;
    read(report[0], &grandchild, sizeof grandchild);
    int status;
    while (waitpid(middle, &status, 0) != middle && errno == EINTR)
        ;
    struct pollfd reply = { .fd = report[0], .events = POLLIN };
    char byte = 0;
    int ready = poll(&reply, 1, 5000);
    if (ready == 1)
        read(report[0], &byte, 1);
    else
        kill(-grandchild, SIGKILL); /* left stopped: do not leave it behind */
    check(WIFEXITED(status) && WEXITSTATUS(status) == 0 && byte == 'h',
          "an exit that orphans a group with a stopped member sends it SIGHUP and SIGCONT",
          "middle status %#x, child said '%c'", status, byte ? byte : '-');
    close(report[0]);
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "--after-exec") == 0)
        return after_exec();
    const char *bin_dir = argc > 1 ? argv[1] : getenv("KEEL_USER_BIN") ? getenv("KEEL_USER_BIN") : "/bin";
    const char *name = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
    snprintf(self_path, sizeof self_path, "%s/%s", bin_dir, name);
    basic_handlers();
    masks();
    order_of_delivery();
    handler_flags();
    contexts();
    faults();
    default_actions();
    interrupted_calls();
    waiting_for_signals();
    alternate_stacks();
    children();
    group_kill();
    orphaned_groups();
    timers();
    broken_pipes();
    across_exec();
    status_sets();
    return test_done();
}
