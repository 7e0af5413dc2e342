// The IRQ side of input: device bytes -> decoders -> the key queue (see input.hpp).
#include <console/print.hpp>
#include <hal/console.hpp>
#include <hal/cpu.hpp>
#include <hal/irq.hpp>
#include <hal/keyboard.hpp>
#include <hal/timer.hpp>
#include <input/input.hpp>
#include <input/scancode_decoder.hpp>
#include <input/serial_decoder.hpp>
#include <kstd/ring_buffer.hpp>
#include <log/log.hpp>
#include <sched/interrupt.hpp>
#include <sched/scheduler.hpp>
#include <sync/interrupt_guard.hpp>
#include <time/timers.hpp>

namespace input {

namespace {
kstd::RingBuffer<KeyEvent, KEY_QUEUE_CAPACITY> key_queue;
ScancodeDecoder scancode_decoder;
SerialDecoder serial_decoder;
bool dropping_keys = false; // one warning per run of dropped keys, not one per key
KeyArrivalHook arrival_hook = nullptr;
void* arrival_hook_context = nullptr;
sched::WaitQueue readers; // threads in read_key() waiting for the queue to fill
sched::Thread* foreground = nullptr; // whom Ctrl+C interrupts
CtrlAltDeleteHandler ctrl_alt_delete_handler = nullptr;

bool is_ctrl_alt_delete(const KeyEvent& event)
{
    return event.pressed && event.key == Key::Delete && event.has(modifier::CTRL) && event.has(modifier::ALT);
}

// Offers the event to the console (its scrollback keys), then to the hook, then takes
// Ctrl+C as an interrupt of the foreground thread, then queues it. Returns true when the
// hook or the interrupt took it (and so probably woke someone).
bool enqueue(const KeyEvent& event)
{
    if (console::kernel_console().handle_key(event))
        return false;
    if (arrival_hook && arrival_hook(arrival_hook_context, event))
        return true;
    if (foreground && is_interrupt_key(event)) {
        sched::interrupt(*foreground);
        return true;
    }
    bool queued = key_queue.try_push(event);
    if (queued)
        readers.wake_all_boosted(sched::INTERACTIVE_PRIORITY); // the user is waiting for them
    if (!queued && !dropping_keys)
        klog::warn("input: key queue full ({} events); dropping keys", KEY_QUEUE_CAPACITY);
    dropping_keys = !queued;
    return false;
}

// Reschedule when a hook took events or a woken reader should run now.
hal::IrqResult handled_or_reschedule(bool hook_took_events)
{
    return hook_took_events ? hal::IrqResult::Reschedule : sched::irq_result();
}

hal::IrqResult on_keyboard_irq(void*)
{
    bool hook_took_events = false;
    uint8_t scancode;
    while (hal::keyboard_read(scancode)) {
        unsigned unknown_before = scancode_decoder.unknown_codes();
        KeyEvent event;
        if (scancode_decoder.feed(scancode, event)) {
            if (ctrl_alt_delete_handler && is_ctrl_alt_delete(event)) {
                ctrl_alt_delete_handler();
                hook_took_events = true; // init may have been woken
            } else {
                hook_took_events |= enqueue(event);
            }
        } else if (scancode_decoder.unknown_codes() != unknown_before) {
            klog::warn("keyboard: unknown scancode {:#04x} ignored", scancode);
        }
    }
    return handled_or_reschedule(hook_took_events);
}

// Serial input has flow control, so a pasted or piped burst is never cut: when the queue
// cannot take the two events one byte may make, the bytes stay in the device (the UART's
// FIFO, the sim's line buffer) and the serial IRQ is masked until the reader has drained
// the queue to half. (The keyboard has no such brake: a full queue drops keys.)
constexpr size_t EVENTS_PER_SERIAL_BYTE = 2;
bool serial_paused = false;
bool serial_released = false; // the serial line is its own terminal's

// Returns true when the hook took some of the events.
bool drain_serial_line_or_pause()
{
    bool hook_took_events = false;
    while (key_queue.size() + EVENTS_PER_SERIAL_BYTE <= KEY_QUEUE_CAPACITY) {
        int byte = hal::debug_getc();
        if (byte < 0)
            return hook_took_events;
        KeyEvent events[EVENTS_PER_SERIAL_BYTE];
        unsigned count = serial_decoder.feed(static_cast<uint8_t>(byte), events);
        for (unsigned index = 0; index < count; ++index)
            hook_took_events |= enqueue(events[index]);
    }
    serial_paused = true;
    hal::irq_mask(hal::SERIAL_IRQ);
    return hook_took_events;
}

// An ESC with nothing after it for this long was the Escape key (terminals send a key's
// escape sequence in one burst). Checked at the first tick after it: 10-20 ms later.
constexpr uint64_t LONE_ESCAPE_NS = 10'000'000;
ktime::Timer lone_escape_timer;

void on_lone_escape_timer(ktime::Timer&)
{
    KeyEvent event;
    if (serial_decoder.finish_escape(event))
        (void)enqueue(event);
}

// After a burst of serial bytes: a trailing ESC is settled by the timer, unless more come.
void watch_for_lone_escape()
{
    if (serial_decoder.is_after_escape() && !lone_escape_timer.is_armed())
        ktime::timers().arm(lone_escape_timer, hal::clock_ns() + LONE_ESCAPE_NS, on_lone_escape_timer);
}

// Called with interrupts disabled after the reader took an event.
void resume_serial_line_if_drained()
{
    if (!serial_paused || serial_released || key_queue.size() > KEY_QUEUE_CAPACITY / 2)
        return;
    serial_paused = false;
    hal::irq_unmask(hal::SERIAL_IRQ);
    (void)drain_serial_line_or_pause(); // a hook it woke runs when this reader yields
    watch_for_lone_escape();
}

// With interrupts disabled: takes the front event, if any.
kstd::Optional<KeyEvent> take_queued_key()
{
    kstd::Optional<KeyEvent> next = key_queue.try_pop();
    if (next)
        resume_serial_line_if_drained();
    return next;
}

hal::IrqResult on_serial_irq(void*)
{
    bool hook_took_events = drain_serial_line_or_pause();
    watch_for_lone_escape();
    return handled_or_reschedule(hook_took_events);
}
} // namespace

void init()
{
    hal::set_irq_handler(hal::KEYBOARD_IRQ, on_keyboard_irq, nullptr);
    hal::set_irq_handler(hal::SERIAL_IRQ, on_serial_irq, nullptr);
    klog::info("input: PS/2 keyboard on IRQ {}, serial terminal on IRQ {}", hal::KEYBOARD_IRQ,
               hal::SERIAL_IRQ);
}

// Checking and waiting with interrupts off closes the race with an IRQ arriving in
// between. With the scheduler running, the reader sleeps on a wait queue (other threads
// run); before it, the CPU idles (cpu_idle enables interrupts and waits in one step).
KeyEvent read_key()
{
    ksync::InterruptGuard guard;
    kstd::Optional<KeyEvent> next;
    while (!(next = take_queued_key())) {
        hal::debug_flush(); // the prompt must show before we wait
        if (!sched::is_running()) {
            hal::cpu_idle();
            hal::irq_disable();
        } else {
            readers.wait();
        }
    }
    return next.value();
}

kstd::Optional<KeyEvent> try_read_key()
{
    ksync::InterruptGuard guard;
    return take_queued_key();
}

kstd::Optional<KeyEvent> peek_key()
{
    ksync::InterruptGuard guard;
    if (key_queue.is_empty())
        return {};
    return key_queue.at(0);
}

void put_back_keys(kstd::Span<const KeyEvent> events)
{
    ksync::InterruptGuard guard;
    size_t newer = key_queue.size();
    for (const KeyEvent& event : events)
        if (!key_queue.try_push(event))
            break;
    for (size_t moved = 0; moved < newer; ++moved) // the newer ones go behind them
        (void)key_queue.try_push(key_queue.try_pop().value());
    if (!key_queue.is_empty())
        readers.wake_all_boosted(sched::INTERACTIVE_PRIORITY);
}

void feed_serial_bytes(kstd::StringView bytes)
{
    ksync::InterruptGuard guard;
    bool hook_took_events = false;
    for (char byte : bytes) {
        KeyEvent events[EVENTS_PER_SERIAL_BYTE];
        unsigned count = serial_decoder.feed(static_cast<uint8_t>(byte), events);
        for (unsigned index = 0; index < count; ++index)
            hook_took_events |= enqueue(events[index]);
    }
    (void)hook_took_events; // whoever it woke runs when this thread next yields
    watch_for_lone_escape();
}

void release_serial_line()
{
    ksync::InterruptGuard guard;
    serial_released = true;
}

void set_ctrl_alt_delete_handler(CtrlAltDeleteHandler handler)
{
    ksync::InterruptGuard guard;
    ctrl_alt_delete_handler = handler;
}

void set_key_arrival_hook(KeyArrivalHook hook, void* context)
{
    ksync::InterruptGuard guard;
    VERIFY(!hook || !arrival_hook);
    arrival_hook = hook;
    arrival_hook_context = context;
}

bool is_interrupt_key(const KeyEvent& event)
{
    return event.pressed && event.key == Key::Character && event.has(modifier::CTRL)
        && (event.character == 'c' || event.character == 'C');
}

void set_foreground(sched::Thread* thread)
{
    ksync::InterruptGuard guard;
    foreground = thread;
}

} // namespace input
