// The kernel log's clear (syslog(2)'s, for dmesg -c): records logged before it are left
// out of for_each_record_since_clear, and for_each_record still visits them.
#include <gtest/gtest.h>
#include <log/log.hpp>

#include <string>

namespace {

std::string texts(void (*each)(void (*)(const klog::Record&, void*), void*))
{
    std::string joined;
    each(
        [](const klog::Record& record, void* context) {
            auto& out = *static_cast<std::string*>(context);
            out.append(record.text.view().data(), record.text.view().size());
            out += ';';
        },
        &joined);
    return joined;
}

TEST(KernelLog, ClearLeavesEarlierRecordsOutOfTheReadsSinceClearOnly)
{
    klog::info("log test: before");
    klog::mark_cleared();
    EXPECT_EQ(texts(klog::for_each_record_since_clear), "");
    klog::info("log test: after");
    EXPECT_EQ(texts(klog::for_each_record_since_clear), "log test: after;");
    std::string all = texts(klog::for_each_record);
    EXPECT_NE(all.find("log test: before;log test: after;"), std::string::npos) << all;
}

TEST(KernelLog, AClearOlderThanTheRingLeavesEveryKeptRecordReadable)
{
    klog::mark_cleared();
    for (size_t i = 0; i < klog::RECORD_CAPACITY + 5; ++i)
        klog::info("log test: {}", i);
    std::string since_clear = texts(klog::for_each_record_since_clear);
    EXPECT_EQ(since_clear, texts(klog::for_each_record));
    EXPECT_EQ(since_clear.find("log test: 5;"), 0u) << since_clear; // 0 to 4 pushed out
}

} // namespace
