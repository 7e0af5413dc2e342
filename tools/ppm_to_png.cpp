// keel-ppm-to-png IN.ppm OUT.png: converts a binary PPM (P6, 8 bits a channel), as QEMU's
// monitor command `screendump` writes it, to PNG with the simulator's own encoder
// (sim/png_writer.hpp), so that the screenshots tool (tools/screenshots.py) needs nothing
// beyond what Keel builds. Exit status 0 on success, 1 with a message on stderr if not.
#include <png_writer.hpp>

#include <cctype>
#include <cstdio>
#include <fstream>
#include <iterator>

namespace {

constexpr unsigned MAX_SIDE = 16384;

// The next header number, skipping white space and '#' comments; false if there is none.
bool read_header_number(const std::vector<uint8_t>& data, size_t& position, unsigned& number)
{
    while (position < data.size() && (isspace(data[position]) || data[position] == '#')) {
        if (data[position] == '#')
            while (position < data.size() && data[position] != '\n')
                ++position;
        else
            ++position;
    }
    size_t start = position;
    number = 0;
    while (position < data.size() && isdigit(data[position]) && number <= MAX_SIDE)
        number = number * 10 + unsigned(data[position++] - '0');
    return position > start;
}

// Fills `image` from the PPM in `data`; false with `error` set for anything else.
bool parse_ppm(const std::vector<uint8_t>& data, frontend::RgbImage& image, std::string& error)
{
    size_t position = 2;
    unsigned max_value = 0;
    if (data.size() < 2 || data[0] != 'P' || data[1] != '6') {
        error = "not a binary PPM (P6)";
        return false;
    }
    if (!read_header_number(data, position, image.width) || !read_header_number(data, position, image.height)
        || !read_header_number(data, position, max_value) || position >= data.size()) {
        error = "bad PPM header";
        return false;
    }
    if (max_value != 255 || image.width == 0 || image.height == 0 || image.width > MAX_SIDE
        || image.height > MAX_SIDE) {
        error = "unsupported PPM: " + std::to_string(image.width) + "x" + std::to_string(image.height)
                + ", maximum value " + std::to_string(max_value);
        return false;
    }
    ++position; // the single white-space byte that ends the header
    size_t bytes = size_t(image.width) * image.height * 3;
    if (data.size() - position < bytes) {
        error = "the PPM is cut short";
        return false;
    }
    image.rgb.assign(data.begin() + ptrdiff_t(position), data.begin() + ptrdiff_t(position + bytes));
    return true;
}

} // namespace

int main(int argc, char** argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: %s IN.ppm OUT.png\n", argv[0]);
        return 1;
    }
    std::ifstream file(argv[1], std::ios::binary);
    std::vector<uint8_t> data { std::istreambuf_iterator<char>(file), {} };
    frontend::RgbImage image;
    std::string error;
    if (!file.is_open())
        error = "cannot read it";
    else if (parse_ppm(data, image, error) && frontend::write_png(argv[2], image, error))
        return 0;
    fprintf(stderr, "keel-ppm-to-png: %s: %s\n", argv[1], error.c_str());
    return 1;
}
