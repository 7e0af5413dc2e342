// Writing PNG files (see png_writer.hpp).
//
// A PNG is the 8-byte signature and three chunks: IHDR (size, bit depth 8, colour type 2 =
// RGB), IDAT (the zlib stream of the rows, each preceded by its filter-type byte, 0 here)
// and IEND. A chunk is its data length (big-endian), a 4-letter type, the data and the
// CRC-32 of type and data; zlib provides both the deflate stream and the CRC.
#include "png_writer.hpp"

#include <cerrno>
#include <cstdio>
#include <cstring>

#include <zlib.h>

namespace frontend {

namespace {

constexpr uint8_t SIGNATURE[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n' };
constexpr uint8_t BIT_DEPTH = 8;
constexpr uint8_t COLOUR_TYPE_RGB = 2;
constexpr uint8_t FILTER_NONE = 0;
constexpr size_t BYTES_PER_PIXEL = 3;

void append_u32(std::vector<uint8_t>& out, uint32_t value)
{
    for (int shift = 24; shift >= 0; shift -= 8)
        out.push_back(uint8_t(value >> shift));
}

void append_chunk(std::vector<uint8_t>& out, const char (&type)[5], const std::vector<uint8_t>& data)
{
    append_u32(out, uint32_t(data.size()));
    size_t type_start = out.size();
    out.insert(out.end(), type, type + 4);
    out.insert(out.end(), data.begin(), data.end());
    uLong crc = crc32(0, &out[type_start], uInt(out.size() - type_start));
    append_u32(out, uint32_t(crc));
}

std::vector<uint8_t> header_data(const RgbImage& image)
{
    std::vector<uint8_t> data;
    append_u32(data, image.width);
    append_u32(data, image.height);
    // Bit depth, colour type, compression (deflate), filter method (adaptive), no interlace.
    data.insert(data.end(), { BIT_DEPTH, COLOUR_TYPE_RGB, 0, 0, 0 });
    return data;
}

// The rows with their filter bytes, deflated at zlib's best level; empty if zlib fails.
std::vector<uint8_t> compressed_rows(const RgbImage& image)
{
    size_t row_bytes = size_t(image.width) * BYTES_PER_PIXEL;
    std::vector<uint8_t> filtered;
    filtered.reserve((row_bytes + 1) * image.height);
    for (unsigned row = 0; row < image.height; ++row) {
        filtered.push_back(FILTER_NONE);
        auto start = image.rgb.begin() + ptrdiff_t(row * row_bytes);
        filtered.insert(filtered.end(), start, start + ptrdiff_t(row_bytes));
    }
    uLong filtered_size = uLong(filtered.size());
    uLongf size = compressBound(filtered_size);
    std::vector<uint8_t> compressed(size);
    if (compress2(compressed.data(), &size, filtered.data(), filtered_size, Z_BEST_COMPRESSION) != Z_OK)
        return {};
    compressed.resize(size);
    return compressed;
}

} // namespace

std::vector<uint8_t> encode_png(const RgbImage& image)
{
    std::vector<uint8_t> idat = compressed_rows(image);
    if (idat.empty())
        return {};
    std::vector<uint8_t> png(std::begin(SIGNATURE), std::end(SIGNATURE));
    append_chunk(png, "IHDR", header_data(image));
    append_chunk(png, "IDAT", idat);
    append_chunk(png, "IEND", {});
    return png;
}

bool write_png(const std::string& path, const RgbImage& image, std::string& error)
{
    std::vector<uint8_t> png = encode_png(image);
    if (png.empty()) {
        error = "out of memory compressing the image";
        return false;
    }
    FILE* file = fopen(path.c_str(), "wb");
    if (!file) {
        error = "cannot create '" + path + "': " + strerror(errno);
        return false;
    }
    bool written = fwrite(png.data(), 1, png.size(), file) == png.size();
    written = fclose(file) == 0 && written;
    if (!written) {
        error = "cannot write '" + path + "': " + strerror(errno);
        remove(path.c_str()); // no half-written image left behind
    }
    return written;
}

} // namespace frontend
