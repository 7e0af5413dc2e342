// The kernel log on the kernel console: each record in the colour of its level.
//
// init_kernel_console() makes print_log_record the log's sink, so records appear as they
// are logged; `dmesg` prints the kept ones with it too. A full-screen program (a game)
// owns the screen: records that come meanwhile wait in the log for dmesg.
#pragma once
#include <log/log.hpp>

namespace console {

// Prints "[    1.234567] warn: text" on the kernel console, the time grey, the rest in
// the level's colour.
void print_log_record(const klog::Record& record);
// The log's sink: print_log_record for all but debug records (kept for dmesg, as
// Linux's console log level hides KERN_DEBUG), unless a full-screen program owns the screen.
void show_log_record(const klog::Record& record);

} // namespace console
