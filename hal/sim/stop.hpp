// Stopping the simulated machine from the CPU thread (power off, halt, test exit, reboot).
//
// The request is handed to the front end's main thread, which carries it out (see
// sim::carry_out), while the CPU thread parks for good. Without a started CPU thread (a
// host test calling the HAL directly) the request is carried out on the spot.
#pragma once
#include <sim_machine.hpp>

namespace sim {

// Called by start_cpu(): from now on the front end stops the machine under a running CPU.
void note_cpu_started();
[[noreturn]] void stop_machine(StopRequest request);

} // namespace sim
