// What the rest of hal/sim must know about a context switch under way (see context.cpp).
#pragma once

namespace sim {

// True from the moment hal::context_switch() starts telling the sanitizers about a switch
// until the switched-to context has finished that handshake. An interrupt must not be
// taken in between: its handlers would run on one stack while ASan believes it is on the
// other, and a nested switch would begin before this one ended. Async-signal-safe.
bool context_switch_in_progress();

} // namespace sim
