// /dev/kmsg: the kernel log as a file.
//
// A read generates the text of every record the log still keeps, one line each as dmesg
// shows it ("[    1.234567] info: text"), and keeps the part at the reader's offset. The
// log is a ring, so once it is full the text shifts as new records push old ones out, and a
// reader going through it in pieces may see a line twice or miss one. A write logs each
// line of its bytes as one record at level info (cut at klog::Record::MAX_TEXT) and
// reports them all written.
#include <fs/devfs/devices.hpp>
#include <kstd/window_writer.hpp>
#include <log/log.hpp>

namespace fs {

kstd::Result<size_t> KmsgDevice::read(uint64_t offset, kstd::Span<uint8_t> buffer)
{
    kstd::WindowWriter out(offset, buffer);
    klog::for_each_record(
        [](const klog::Record& record, void* context) {
            klog::write_record(record, *static_cast<kstd::Writer*>(context));
        },
        &out);
    return out.kept();
}

kstd::Result<size_t> KmsgDevice::write(uint64_t, kstd::Span<const uint8_t> data)
{
    kstd::StringView rest(reinterpret_cast<const char*>(data.data()), data.size());
    while (!rest.empty()) {
        size_t end = rest.find('\n');
        klog::Record record;
        record.text.write(rest.substring(0, end));
        klog::append(record);
        rest = end == kstd::StringView::npos ? kstd::StringView() : rest.substring(end + 1);
    }
    return data.size();
}

} // namespace fs
