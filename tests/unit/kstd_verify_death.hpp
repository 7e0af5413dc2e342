// EXPECT_VERIFY_FAILS(statement): the statement breaks a kernel invariant: a VERIFY fails
// and the kernel panics with a whole report.
// EXPECT_PANIC_MATCHING(statement, regex): the statement panics and the report matches regex.
//
// In the host tests a failed VERIFY panics through the real panic path, which halts the
// simulated CPU; with no CPU thread running, the sim then exits the process with
// sim::HALT_EXIT_STATUS (a sanitizer report or a crash exits differently and fails). The
// panic report goes to the sim's serial line (stdout), which the child sends to stderr,
// where the death test looks for the text. EXPECT_VERIFY_FAILS wants the report's parts:
// the heading, "VERIFY(...) failed" (which the 80-column screen may wrap) with its
// file:line, the registers and a backtrace whose first frame is named.
#pragma once
#include <gtest/gtest.h>

#include <sim_machine.hpp>
#include <unistd.h>

#define KEEL_VERIFY_REPORT                                                                 \
    "KERNEL PANIC.*VERIFY\\(.*  at [A-Za-z0-9_./]+\\.[ch]pp:[0-9]+.*Registers:.*RIP=[0-9a-f]{16}" \
    ".*Backtrace:.* #0  0x[0-9a-f]+ [A-Za-z_]"

#define EXPECT_VERIFY_FAILS(statement) EXPECT_PANIC_MATCHING(statement, KEEL_VERIFY_REPORT)

#define EXPECT_PANIC_MATCHING(statement, regex)                                            \
    EXPECT_EXIT(                                                                           \
        {                                                                                  \
            dup2(STDERR_FILENO, STDOUT_FILENO);                                            \
            statement;                                                                     \
        },                                                                                 \
        ::testing::ExitedWithCode(::sim::HALT_EXIT_STATUS), regex)
