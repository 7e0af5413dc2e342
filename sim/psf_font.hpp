// A Linux console font (PSF1 or PSF2, plain or gzipped), as the window draws with it.
//
// Console fonts ship with Debian (console-data, console-setup-linux) and are read at run
// time. Their Unicode table says which glyph draws which character; glyph_for_cp437() looks
// a screen byte's character up there and falls back to the replacement character, then '?',
// then glyph 0. Fonts without a table are taken to be in code-page-437 order, like the
// VGA's own font.
#pragma once
#include <stddef.h>
#include <stdint.h>

#include <memory>
#include <string>
#include <unordered_map>
#include <vector>

namespace frontend {

class PsfFont {
public:
    // Reads and checks a font file; nullptr with `error` set when it cannot be used.
    static std::unique_ptr<PsfFont> load(const std::string& path, std::string& error);
    // The font at `chosen_path` or, when it is empty, the first of Debian's VGA fonts that
    // loads; nullptr with `error` set (saying which packages have them) when none does.
    static std::unique_ptr<PsfFont> load_console_font(const std::string& chosen_path, std::string& error);

    unsigned width() const { return m_width; }
    unsigned height() const { return m_height; }
    // Bytes per glyph row: bit 7 of the first byte is the leftmost pixel.
    unsigned row_bytes() const { return (m_width + 7) / 8; }
    const uint8_t* glyph_for_cp437(uint8_t byte) const;

private:
    bool parse_psf1(std::string& error);
    bool parse_psf2(std::string& error);
    bool take_glyphs(size_t offset, size_t count, size_t bytes_per_glyph, std::string& error);
    void map(char32_t character, size_t glyph);
    const uint8_t* glyph(size_t index) const { return &m_data[m_glyph_offset + index * m_bytes_per_glyph]; }

    std::vector<uint8_t> m_data;
    size_t m_glyph_offset = 0;
    size_t m_glyph_count = 0;
    size_t m_bytes_per_glyph = 0;
    unsigned m_width = 0;
    unsigned m_height = 0;
    std::unordered_map<char32_t, size_t> m_glyph_of;
};

} // namespace frontend
