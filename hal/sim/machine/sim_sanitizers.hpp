// Which sanitizer this file is being compiled under, for the few places in hal/sim that
// must tell ASan or TSan about something it cannot see (stack switches, a reused signal
// stack), and for host tests whose expectations differ under one (TSan defers signals).
// GCC says so with __SANITIZE_*__, Clang with __has_feature.
#pragma once

#if defined(__SANITIZE_ADDRESS__)
#    define KEEL_SIM_ASAN 1
#elif defined(__has_feature)
#    if __has_feature(address_sanitizer)
#        define KEEL_SIM_ASAN 1
#    endif
#endif

#if defined(__SANITIZE_THREAD__)
#    define KEEL_SIM_TSAN 1
#elif defined(__has_feature)
#    if __has_feature(thread_sanitizer)
#        define KEEL_SIM_TSAN 1
#    endif
#endif

#ifndef KEEL_SIM_ASAN
#    define KEEL_SIM_ASAN 0
#endif
#ifndef KEEL_SIM_TSAN
#    define KEEL_SIM_TSAN 0
#endif
