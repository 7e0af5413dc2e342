// Helpers for the console's tests: a row of what the console shows, as text.
#pragma once
#include <console/console.hpp>
#include <string>

// The characters at `row` of what the console shows, without trailing blanks.
inline std::string row_text(const console::Console& console, uint16_t row)
{
    std::string text;
    for (uint16_t col = 0; col < console.cols(); ++col)
        text += static_cast<char>(console.cell_at(col, row).character);
    return text.substr(0, text.find_last_not_of(' ') + 1);
}
