// Reading and writing a game's best score (see high_score.hpp).
#include <apps/high_score.hpp>
#include <kstd/fixed_string.hpp>
#include <kstd/parse_number.hpp>
#include <log/log.hpp>

namespace apps {

namespace {

using ScorePath = kstd::FixedString<64>;

ScorePath score_path(kstd::StringView name)
{
    ScorePath path;
    kstd::format_to(path, "{}/{}.score", HighScore::DIRECTORY, name);
    return path;
}

// The digits of a score file: what comes before the first new line.
kstd::StringView first_line(kstd::StringView text)
{
    size_t end = text.find('\n');
    return end == kstd::StringView::npos ? text : text.substring(0, end);
}

} // namespace

uint32_t HighScore::load(fs::Context* files)
{
    if (!files) {
        klog::warn("{}: no file system; high score kept in memory", m_name);
        return m_best;
    }
    kstd::Result<uint32_t> stored = read_file(*files);
    if (stored.is_error()) {
        if (stored.error().code() != kstd::Errno::NoSuchEntry)
            klog::warn("{}: cannot read {}: {}; high score kept in memory", m_name,
                       score_path(m_name).view(), stored.error().description());
    } else if (stored.value() > m_best) {
        m_best = stored.value();
    }
    return m_best;
}

void HighScore::save(fs::Context* files, uint32_t score)
{
    if (score <= m_best)
        return;
    m_best = score;
    if (!files)
        return; // load() has said so
    if (auto written = write_file(*files, score); written.is_error())
        klog::warn("{}: cannot write {}: {}; high score kept in memory", m_name,
                   score_path(m_name).view(), written.error().description());
}

kstd::Result<uint32_t> HighScore::read_file(fs::Context& files) const
{
    int fd = TRY(files.open(score_path(m_name).view(), fs::open_flags::READ_ONLY));
    char text[16];
    kstd::Result<size_t> length = files.read(fd, { reinterpret_cast<uint8_t*>(text), sizeof text });
    (void)files.close(fd);
    auto score = kstd::parse_unsigned(first_line({ text, TRY(length) }), UINT32_MAX);
    if (!score)
        return kstd::Errno::InvalidArgument;
    return static_cast<uint32_t>(score.value());
}

kstd::Result<void> HighScore::write_file(fs::Context& files, uint32_t score) const
{
    kstd::Result<void> made = files.mkdir(DIRECTORY, 0755);
    if (made.is_error() && made.error().code() != kstd::Errno::AlreadyExists)
        return made.error();
    using namespace fs::open_flags;
    int fd = TRY(files.open(score_path(m_name).view(), WRITE_ONLY | CREATE | TRUNCATE, 0644));
    kstd::FixedString<16> text;
    kstd::format_to(text, "{}\n", score);
    kstd::Result<size_t> written =
        files.write(fd, { reinterpret_cast<const uint8_t*>(text.view().data()), text.length() });
    kstd::Result<void> closed = files.close(fd);
    if (written.is_error())
        return written.error();
    if (written.value() != text.length())
        return kstd::Errno::NoSpace; // a short write: the file system is full
    return closed;
}

} // namespace apps
