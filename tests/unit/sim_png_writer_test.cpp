// The simulator's PNG encoder (sim/png_writer.hpp) against an independent decoder: libpng
// reads what it writes, checks every chunk's CRC and the zlib stream, and must give back
// the same pixels.
#include <png_writer.hpp>

#include <gtest/gtest.h>
#include <png.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <unistd.h>

namespace {

using frontend::RgbImage;

// Pixels whose channels change from one to the next in different ways, so that a mix-up of
// channels, rows or columns shows.
RgbImage test_image(unsigned width, unsigned height)
{
    RgbImage image { width, height, {} };
    for (unsigned y = 0; y < height; ++y)
        for (unsigned x = 0; x < width; ++x)
            image.rgb.insert(image.rgb.end(),
                             { uint8_t(x * 7 + y), uint8_t(y * 13 + x * x), uint8_t(x ^ y * 31) });
    return image;
}

// libpng's reading of `png`: the size and the pixels as 8-bit RGB; fails the test on an error.
RgbImage decode_with_libpng(const std::vector<uint8_t>& png)
{
    png_image reader {};
    reader.version = PNG_IMAGE_VERSION;
    EXPECT_NE(png_image_begin_read_from_memory(&reader, png.data(), png.size()), 0) << reader.message;
    EXPECT_EQ(reader.format, PNG_FORMAT_RGB) << "colour type other than 8-bit RGB";
    reader.format = PNG_FORMAT_RGB;
    RgbImage image { reader.width, reader.height, std::vector<uint8_t>(PNG_IMAGE_SIZE(reader)) };
    EXPECT_NE(png_image_finish_read(&reader, nullptr, image.rgb.data(), 0, nullptr), 0) << reader.message;
    EXPECT_EQ(reader.warning_or_error, 0) << reader.message;
    return image;
}

std::vector<uint8_t> read_file(const std::filesystem::path& path)
{
    std::ifstream file(path, std::ios::binary);
    return { std::istreambuf_iterator<char>(file), {} };
}

} // namespace

TEST(SimPngWriter, LibpngReadsBackTheSamePixels)
{
    for (auto [width, height] : { std::pair { 1u, 1u }, { 3u, 2u }, { 17u, 9u }, { 300u, 200u } }) {
        RgbImage original = test_image(width, height);
        RgbImage decoded = decode_with_libpng(frontend::encode_png(original));
        EXPECT_EQ(decoded.width, width);
        EXPECT_EQ(decoded.height, height);
        EXPECT_EQ(decoded.rgb, original.rgb) << width << "x" << height;
    }
}

TEST(SimPngWriter, StartsWithTheSignatureAndHeader)
{
    std::vector<uint8_t> png = frontend::encode_png(test_image(720, 400));
    const uint8_t expected[] = {
        0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', // signature
        0, 0, 0, 13, 'I', 'H', 'D', 'R',             // the header chunk's length and type
        0, 0, 0x02, 0xD0, 0, 0, 0x01, 0x90,          // 720 x 400
        8, 2, 0, 0, 0,                               // 8-bit RGB, deflate, no interlace
    };
    ASSERT_GE(png.size(), sizeof expected);
    EXPECT_TRUE(std::equal(std::begin(expected), std::end(expected), png.begin()));
    const uint8_t end_chunk[] = { 0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82 };
    EXPECT_TRUE(std::equal(std::begin(end_chunk), std::end(end_chunk), png.end() - sizeof end_chunk));
}

TEST(SimPngWriter, CompressesATextScreenWell)
{
    // A white-on-black pattern of "glyphs" repeating across a 720x400 screen: raw, 864,000 bytes.
    RgbImage screen { 720, 400, {} };
    for (unsigned y = 0; y < screen.height; ++y)
        for (unsigned x = 0; x < screen.width; ++x) {
            uint8_t level = ((x % 9) * (y % 16) + x / 9) % 5 == 0 ? 0xAA : 0;
            screen.rgb.insert(screen.rgb.end(), { level, level, level });
        }
    std::vector<uint8_t> png = frontend::encode_png(screen);
    EXPECT_LT(png.size(), 20'000u);
    EXPECT_EQ(decode_with_libpng(png).rgb, screen.rgb);
}

TEST(SimPngWriter, WritesTheFileOrSaysWhyNot)
{
    std::filesystem::path path
        = std::filesystem::temp_directory_path() / ("keel-png-test-" + std::to_string(getpid()) + ".png");
    RgbImage image = test_image(40, 25);
    std::string error;
    ASSERT_TRUE(frontend::write_png(path, image, error)) << error;
    EXPECT_EQ(decode_with_libpng(read_file(path)).rgb, image.rgb);
    std::filesystem::remove(path);

    EXPECT_FALSE(frontend::write_png("/nonexistent-directory/keel.png", image, error));
    EXPECT_NE(error.find("/nonexistent-directory/keel.png"), std::string::npos) << error;
}
