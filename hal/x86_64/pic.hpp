// The two cascaded 8259A interrupt controllers of the PC (ISA lines 0-15).
#pragma once

namespace hal::x86 {

// The master's line the slave is wired to; it stays unmasked.
inline constexpr unsigned PIC_CASCADE_LINE = 2;

void pic_mask(unsigned line);
void pic_unmask(unsigned line);
// Acknowledges `line` (both chips for lines 8-15).
void pic_end_of_interrupt(unsigned line);
// True when the PIC raised line 7 or 15 without a request in service (a glitch); the
// caller must not run a handler, and for line 15 must still acknowledge the master,
// which did see the cascade.
bool pic_is_spurious(unsigned line);
void pic_acknowledge_spurious(unsigned line);

} // namespace hal::x86
