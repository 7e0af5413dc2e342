// The status line's layout: figures -> a row of coloured cells (see status_line.hpp).
//
//      Keel │ up 1:02:03 │ free 118 of 127 MiB │ 7 threads
//
// The separators are code page 437's vertical bar: the row is only ever drawn on the
// screen, never sent to a terminal.
#include <console/color.hpp>
#include <console/status_line.hpp>
#include <kstd/format.hpp>

namespace console {
namespace {

constexpr Color BAR = Color::Blue;
constexpr char SEPARATOR = '\xB3';
constexpr uint64_t NS_PER_SECOND = 1'000'000'000;
constexpr uint64_t SECONDS_PER_DAY = 86'400;

// Writes formatted text into the row of cells in the current style, dropping what does
// not fit.
class CellWriter final : public kstd::Writer {
public:
    explicit CellWriter(kstd::Span<hal::Cell> cells) : m_cells(cells) {}

    void write(kstd::StringView text) override
    {
        for (char character : text) {
            if (m_col < m_cells.size())
                m_cells[m_col++] = { static_cast<uint8_t>(character), m_style.attribute() };
        }
    }
    template<typename... Args>
    void put(Color color, kstd::StringView format, const Args&... args)
    {
        m_style = colors(color, BAR);
        kstd::format_to(*this, format, args...);
    }
    void separator()
    {
        char text[] = { ' ', SEPARATOR, ' ' };
        put(Color::Cyan, kstd::StringView(text, sizeof text));
    }
    void fill_rest()
    {
        m_style = colors(Color::LightGray, BAR);
        while (m_col < m_cells.size())
            write(" ");
    }

private:
    kstd::Span<hal::Cell> m_cells;
    size_t m_col = 0;
    Style m_style;
};

void put_uptime(CellWriter& out, uint64_t uptime_ns)
{
    uint64_t seconds = uptime_ns / NS_PER_SECOND;
    uint64_t days = seconds / SECONDS_PER_DAY;
    seconds %= SECONDS_PER_DAY;
    out.put(Color::LightGray, "up ");
    if (days != 0)
        out.put(Color::Yellow, "{}d ", days);
    out.put(Color::Yellow, "{}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60);
}

} // namespace

void render_status_line(const StatusFigures& figures, kstd::Span<hal::Cell> cells)
{
    CellWriter out(cells);
    out.put(Color::LightCyan, " Keel");
    out.separator();
    put_uptime(out, figures.uptime_ns);
    out.separator();
    out.put(Color::LightGray, "free ");
    out.put(Color::LightGreen, "{}", figures.free_bytes >> 20);
    out.put(Color::LightGray, " of {} MiB", figures.total_bytes >> 20);
    out.separator();
    out.put(Color::White, "{}", figures.threads);
    out.put(Color::LightGray, figures.threads == 1 ? " thread" : " threads");
    out.fill_rest();
}

} // namespace console
