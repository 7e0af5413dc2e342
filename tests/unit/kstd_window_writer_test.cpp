// kstd::WindowWriter: whatever the pieces a text is written in and wherever the window
// lies, the window gets exactly the bytes of the whole text at its place.
#include <gtest/gtest.h>

#include <kstd/window_writer.hpp>

#include <string>
#include <vector>

namespace {

// The window [start, start + size) of `pieces` written one after another.
std::string window_of(const std::vector<std::string>& pieces, uint64_t start, size_t size)
{
    std::string window(size, '#');
    kstd::WindowWriter out(start, { reinterpret_cast<uint8_t*>(window.data()), window.size() });
    for (const std::string& piece : pieces)
        out.write({ piece.data(), piece.size() });
    window.resize(out.kept());
    return window;
}

TEST(WindowWriter, KeepsExactlyTheWindowOfTheWholeText)
{
    std::vector<std::string> pieces { "Mem", "Total:", "", " 1234 kB\n", "x", "MemFree: 12 kB\n" };
    std::string whole;
    for (const std::string& piece : pieces)
        whole += piece;
    for (size_t start = 0; start <= whole.size() + 2; ++start) {
        for (size_t size = 0; size <= whole.size() + 2; ++size)
            EXPECT_EQ(window_of(pieces, start, size), whole.substr(std::min(start, whole.size()), size))
                << "start " << start << ", size " << size;
    }
}

TEST(WindowWriter, FormatsIntoTheWindow)
{
    uint8_t bytes[4];
    kstd::WindowWriter out(3, bytes);
    kstd::format_to(out, "{} and {}", 12345, "more");
    ASSERT_EQ(out.kept(), 4u);
    EXPECT_EQ(std::string(reinterpret_cast<char*>(bytes), 4), "45 a");
}

} // namespace
