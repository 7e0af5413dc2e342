// Reading PSF console fonts (see psf_font.hpp).
//
// PSF1: 4-byte header (magic 36 04, mode, glyph height), 256 or 512 glyphs 8 pixels wide,
// then, if the mode says so, the Unicode table as little-endian 16-bit code points per
// glyph, each list ended by 0xFFFF (0xFFFE starts combining sequences, which are skipped).
// PSF2: 32-byte header (magic 72 b5 4a 86, version, header size, flags, glyph count, bytes
// per glyph, height, width), the glyphs, then the table in UTF-8, lists ended by 0xFF and
// sequences started by 0xFE. zlib's gzread reads gzipped and plain files alike.
#include "psf_font.hpp"

#include <console/cp437.hpp>

#include <algorithm>
#include <iterator>

#include <unistd.h>
#include <zlib.h>

namespace frontend {

namespace {

constexpr uint8_t PSF1_MAGIC[] = { 0x36, 0x04 };
constexpr uint8_t PSF1_MODE_512 = 0x01;
constexpr uint8_t PSF1_MODE_HAS_TABLE = 0x06;
constexpr uint16_t PSF1_SEQUENCE_START = 0xFFFE;
constexpr uint16_t PSF1_LIST_END = 0xFFFF;
constexpr size_t PSF1_HEADER_BYTES = 4;

constexpr uint8_t PSF2_MAGIC[] = { 0x72, 0xb5, 0x4a, 0x86 };
constexpr uint32_t PSF2_HAS_TABLE = 0x01;
constexpr uint8_t PSF2_SEQUENCE_START = 0xFE;
constexpr uint8_t PSF2_LIST_END = 0xFF;
constexpr size_t PSF2_HEADER_BYTES = 32;

constexpr size_t MAX_FONT_BYTES = 4 << 20;
constexpr unsigned MAX_GLYPH_SIDE = 64;
constexpr char32_t REPLACEMENT_CHARACTER = 0xFFFD;

// Debian's VGA fonts: console-data's copy of the IBM VGA font first, then console-setup's.
constexpr const char* DEFAULT_FONTS[] = {
    "/usr/share/consolefonts/default8x16.psf.gz",
    "/usr/share/consolefonts/Lat15-VGA16.psf.gz",
};

// Reads (and, if gzipped, inflates) the file; false with `error` set when it cannot be
// read or holds more than MAX_FONT_BYTES.
bool read_whole_file(const std::string& path, std::vector<uint8_t>& data, std::string& error)
{
    gzFile file = gzopen(path.c_str(), "rb");
    if (!file) {
        error = "cannot open " + path;
        return false;
    }
    uint8_t buffer[16384];
    int count = 0;
    while (data.size() <= MAX_FONT_BYTES && (count = gzread(file, buffer, sizeof buffer)) > 0)
        data.insert(data.end(), buffer, buffer + count);
    gzclose(file);
    if (data.size() > MAX_FONT_BYTES) {
        error = path + ": too large for a console font (over " + std::to_string(MAX_FONT_BYTES >> 20) + " MiB)";
        return false;
    }
    if (count < 0) {
        error = "cannot read " + path;
        return false;
    }
    return true;
}

uint32_t read_le32(const uint8_t* bytes)
{
    return uint32_t(bytes[0]) | uint32_t(bytes[1]) << 8 | uint32_t(bytes[2]) << 16 | uint32_t(bytes[3]) << 24;
}

// Decodes one UTF-8 character at `position`; false (and one byte skipped) when malformed.
bool decode_utf8(const std::vector<uint8_t>& data, size_t& position, char32_t& character)
{
    uint8_t lead = data[position++];
    unsigned extra = lead < 0x80 ? 0 : (lead >> 5) == 0x6 ? 1 : (lead >> 4) == 0xE ? 2 : (lead >> 3) == 0x1E ? 3 : 4;
    if (extra == 4 || position + extra > data.size())
        return false;
    character = extra == 0 ? lead : lead & (0x3F >> extra);
    for (unsigned index = 0; index < extra; ++index) {
        uint8_t next = data[position];
        if ((next & 0xC0) != 0x80)
            return false;
        character = character << 6 | (next & 0x3F);
        ++position;
    }
    return true;
}

} // namespace

std::unique_ptr<PsfFont> PsfFont::load(const std::string& path, std::string& error)
{
    std::unique_ptr<PsfFont> font(new PsfFont);
    if (!read_whole_file(path, font->m_data, error))
        return nullptr;
    const std::vector<uint8_t>& data = font->m_data;
    bool parsed;
    if (data.size() >= PSF2_HEADER_BYTES && std::equal(std::begin(PSF2_MAGIC), std::end(PSF2_MAGIC), data.begin()))
        parsed = font->parse_psf2(error);
    else if (data.size() >= PSF1_HEADER_BYTES && std::equal(std::begin(PSF1_MAGIC), std::end(PSF1_MAGIC), data.begin()))
        parsed = font->parse_psf1(error);
    else {
        error = "not a PSF font";
        parsed = false;
    }
    if (!parsed) {
        error = path + ": " + error;
        return nullptr;
    }
    return font;
}

std::unique_ptr<PsfFont> PsfFont::load_console_font(const std::string& chosen_path, std::string& error)
{
    if (!chosen_path.empty())
        return load(chosen_path, error);
    std::string load_error; // why the last default font that exists could not be used
    for (const char* path : DEFAULT_FONTS) {
        if (access(path, R_OK) != 0)
            continue;
        if (auto font = load(path, load_error))
            return font;
    }
    error = load_error.empty() ? "no console font found" : load_error;
    error += " (install console-data or console-setup-linux, or use --font)";
    return nullptr;
}

bool PsfFont::take_glyphs(size_t offset, size_t count, size_t bytes_per_glyph, std::string& error)
{
    if (m_width == 0 || m_height == 0 || m_width > MAX_GLYPH_SIDE || m_height > MAX_GLYPH_SIDE
        || bytes_per_glyph < size_t(row_bytes()) * m_height || count == 0) {
        error = "unsupported glyph size";
        return false;
    }
    if (offset > m_data.size() || (m_data.size() - offset) / bytes_per_glyph < count) {
        error = "truncated font";
        return false;
    }
    m_glyph_offset = offset;
    m_glyph_count = count;
    m_bytes_per_glyph = bytes_per_glyph;
    return true;
}

bool PsfFont::parse_psf1(std::string& error)
{
    uint8_t mode = m_data[2];
    m_width = 8;
    m_height = m_data[3];
    size_t count = (mode & PSF1_MODE_512) ? 512 : 256;
    if (!take_glyphs(PSF1_HEADER_BYTES, count, m_height, error))
        return false;
    if (!(mode & PSF1_MODE_HAS_TABLE))
        return true;
    size_t position = PSF1_HEADER_BYTES + count * m_height;
    for (size_t glyph_index = 0; glyph_index < count && position + 1 < m_data.size(); ++glyph_index) {
        bool in_sequence = false;
        while (position + 1 < m_data.size()) {
            uint16_t value = uint16_t(m_data[position] | m_data[position + 1] << 8);
            position += 2;
            if (value == PSF1_LIST_END)
                break;
            if (value == PSF1_SEQUENCE_START)
                in_sequence = true;
            else if (!in_sequence)
                map(value, glyph_index);
        }
    }
    return true;
}

bool PsfFont::parse_psf2(std::string& error)
{
    const uint8_t* header = m_data.data();
    uint32_t header_size = read_le32(header + 8);
    uint32_t flags = read_le32(header + 12);
    uint32_t count = read_le32(header + 16);
    uint32_t bytes_per_glyph = read_le32(header + 20);
    m_height = read_le32(header + 24);
    m_width = read_le32(header + 28);
    if (!take_glyphs(header_size, count, bytes_per_glyph, error))
        return false;
    if (!(flags & PSF2_HAS_TABLE))
        return true;
    size_t position = header_size + size_t(count) * bytes_per_glyph;
    for (size_t glyph_index = 0; glyph_index < count && position < m_data.size(); ++glyph_index) {
        bool in_sequence = false;
        while (position < m_data.size()) {
            uint8_t byte = m_data[position];
            if (byte == PSF2_LIST_END) {
                ++position;
                break;
            }
            if (byte == PSF2_SEQUENCE_START) {
                ++position;
                in_sequence = true;
                continue;
            }
            char32_t character;
            if (decode_utf8(m_data, position, character) && !in_sequence)
                map(character, glyph_index);
        }
    }
    return true;
}

void PsfFont::map(char32_t character, size_t glyph)
{
    m_glyph_of.emplace(character, glyph);
}

const uint8_t* PsfFont::glyph_for_cp437(uint8_t byte) const
{
    if (m_glyph_of.empty())
        return glyph(byte < m_glyph_count ? byte : 0);
    for (char32_t candidate : { console::cp437_to_unicode(byte), REPLACEMENT_CHARACTER, char32_t('?') }) {
        auto found = m_glyph_of.find(candidate);
        if (found != m_glyph_of.end())
            return glyph(found->second);
    }
    return glyph(0);
}

} // namespace frontend
