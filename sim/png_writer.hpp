// PNG files of the screen: the smallest encoder that makes a valid, well-compressed PNG.
//
// The simulator saves screenshots of its text screen (F12 in the window, SIGUSR2 from a
// script) and the screenshot tool converts QEMU's screendumps with it. An image is 8-bit
// RGB, rows top to bottom, no alpha, no interlacing. Every row uses filter type None:
// on text screens (few colours, long runs, rows that repeat) deflate at its best level
// alone beats the predictive filters (help's 720x400 screen: 5.8 KB against 6.5 KB with
// per-row filter choice).
#pragma once
#include <stdint.h>

#include <string>
#include <vector>

namespace frontend {

struct RgbImage {
    unsigned width = 0;
    unsigned height = 0;
    std::vector<uint8_t> rgb; // width * height * 3 bytes
};

// The bytes of a PNG file holding `image`; empty if zlib fails (out of memory).
std::vector<uint8_t> encode_png(const RgbImage& image);
// Encodes `image` into the file at `path`; false with `error` set when that fails.
bool write_png(const std::string& path, const RgbImage& image, std::string& error);

} // namespace frontend
