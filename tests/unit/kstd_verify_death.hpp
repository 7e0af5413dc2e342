// EXPECT_VERIFY_FAILS(statement): the statement breaks a kernel invariant and panics.
// EXPECT_PANIC_MATCHING(statement, regex): the same, and the report matches regex.
//
// In the host tests a failed VERIFY panics through the real panic path, which halts the
// simulated CPU; with no CPU thread running, the sim then exits the process with
// sim::HALT_EXIT_STATUS. The panic report goes to the sim's serial line (stdout), so only
// the exit status is checked; a sanitizer report or a crash exits differently and fails.
// EXPECT_PANIC_MATCHING has the child send stdout to stderr, where the death test looks
// for the message.
#pragma once
#include <gtest/gtest.h>

#include <sim_machine.hpp>
#include <unistd.h>

#define EXPECT_VERIFY_FAILS(statement)                                                     \
    EXPECT_EXIT(statement, ::testing::ExitedWithCode(::sim::HALT_EXIT_STATUS), "")

#define EXPECT_PANIC_MATCHING(statement, regex)                                            \
    EXPECT_EXIT(                                                                           \
        {                                                                                  \
            dup2(STDERR_FILENO, STDOUT_FILENO);                                            \
            statement;                                                                     \
        },                                                                                 \
        ::testing::ExitedWithCode(::sim::HALT_EXIT_STATUS), regex)
