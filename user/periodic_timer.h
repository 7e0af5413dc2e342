/* periodic_timer.h: a signal that interrupts a blocking call whenever it starts waiting,
 * for the tests whose point is the interruption (sigtests, pollops).
 *
 * A one-shot timer fires before the call it should interrupt has started when the process
 * waits that long for a CPU (a loaded machine): its handler runs first and the call then
 * blocks for good, so the check fails or hangs. A repeating ITIMER_REAL does not care:
 * whenever the call starts waiting, the next expiry interrupts it (the handler may have
 * run before that as well). Stop it right after the call.
 */
#ifndef KEEL_USER_PERIODIC_TIMER_H
#define KEEL_USER_PERIODIC_TIMER_H

#include <errno.h>
#include <sys/time.h>

static void arm_periodic_timer_ms(long milliseconds)
{
    struct itimerval timer = { { 0, milliseconds * 1000 }, { 0, milliseconds * 1000 } };
    setitimer(ITIMER_REAL, &timer, NULL);
}

/* Stops the timer, keeping errno (the result of the call just checked). */
static void disarm_timer(void)
{
    int saved = errno;
    struct itimerval off = { { 0, 0 }, { 0, 0 } };
    setitimer(ITIMER_REAL, &off, NULL);
    errno = saved;
}

#endif
