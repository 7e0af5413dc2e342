// The newc reader of cpio_newc.hpp: one entry at a time, every length checked against
// what is left of the archive before a byte of it is read.
//
// Offsets are size_t and sizes at most 2^32 - 1, and each check compares a size with the
// bytes remaining (never offset + size with the end), so no sum can wrap.
#include <fs/initramfs/cpio_newc.hpp>

#include <kstd/align.hpp>

namespace fs::cpio {
namespace {

constexpr size_t HEADER_SIZE = 110;
constexpr size_t MAGIC_SIZE = 6;
constexpr size_t FIELD_DIGITS = 8;
constexpr size_t ALIGNMENT = 4;
constexpr kstd::StringView TRAILER_NAME = "TRAILER!!!";
constexpr uint32_t MODE_TYPE_MASK = 0170000;
constexpr uint32_t MODE_REGULAR_FILE = 0100000;

// The header's fields after the magic, in order.
enum Field : size_t {
    INODE,
    MODE,
    UID,
    GID,
    LINK_COUNT,
    MODIFIED,
    FILE_SIZE,
    DEVICE_MAJOR,
    DEVICE_MINOR,
    RDEVICE_MAJOR,
    RDEVICE_MINOR,
    NAME_SIZE,
    CHECKSUM,
    FIELD_COUNT,
};
static_assert(MAGIC_SIZE + FIELD_COUNT * FIELD_DIGITS == HEADER_SIZE);

struct Header {
    uint32_t fields[FIELD_COUNT];
    bool has_checksum; // magic 070702
};

kstd::Error malformed(const char* detail)
{
    return kstd::Error::with_detail(kstd::Errno::InvalidArgument, detail);
}

int hex_digit_value(uint8_t digit)
{
    if (digit >= '0' && digit <= '9')
        return digit - '0';
    if (digit >= 'a' && digit <= 'f')
        return digit - 'a' + 10;
    if (digit >= 'A' && digit <= 'F')
        return digit - 'A' + 10;
    return -1;
}

// `bytes` holds HEADER_SIZE bytes.
kstd::Result<Header> parse_header(const uint8_t* bytes)
{
    Header header {};
    kstd::StringView magic(reinterpret_cast<const char*>(bytes), MAGIC_SIZE);
    if (magic == "070702")
        header.has_checksum = true;
    else if (magic != "070701")
        return malformed("cpio: bad magic (not a newc archive)");
    const uint8_t* digits = bytes + MAGIC_SIZE;
    for (uint32_t& field : header.fields) {
        for (size_t index = 0; index < FIELD_DIGITS; ++index) {
            int value = hex_digit_value(*digits++);
            if (value < 0)
                return malformed("cpio: a header field has a non-hex digit");
            field = field << 4 | uint32_t(value);
        }
    }
    return header;
}

// The name field without its NUL; an error unless it is one non-empty string ending in
// the field's last byte.
kstd::Result<kstd::StringView> name_of(kstd::Span<const uint8_t> field)
{
    if (field.empty() || field[field.size() - 1] != '\0')
        return malformed("cpio: a name without its NUL");
    kstd::StringView name(reinterpret_cast<const char*>(field.data()), field.size() - 1);
    if (name.empty())
        return malformed("cpio: an empty name");
    if (name.find('\0') != kstd::StringView::npos)
        return malformed("cpio: a NUL inside a name");
    return name;
}

uint32_t checksum_of(kstd::Span<const uint8_t> data)
{
    uint32_t sum = 0;
    for (uint8_t byte : data)
        sum += byte;
    return sum;
}

} // namespace

kstd::Result<bool> Reader::next(Entry& entry)
{
    while (!m_at_end) {
        if (TRY(read_entry(entry)))
            return true;
    }
    return false;
}

// Reads the entry at m_offset and moves past it. False for an entry the caller does not
// see: the trailer (m_at_end is then set) and ".".
kstd::Result<bool> Reader::read_entry(Entry& entry)
{
    size_t remaining = m_archive.size() - m_offset;
    if (remaining == 0)
        return malformed("cpio: the archive ends without a TRAILER!!! entry");
    if (remaining < HEADER_SIZE)
        return malformed("cpio: a truncated header");
    Header header = TRY(parse_header(m_archive.data() + m_offset));

    size_t name_size = header.fields[NAME_SIZE];
    if (name_size > remaining - HEADER_SIZE)
        return malformed("cpio: a truncated name");
    kstd::StringView name = TRY(name_of(m_archive.subspan(m_offset + HEADER_SIZE, name_size)));
    if (name == TRAILER_NAME) {
        m_at_end = true;
        return false;
    }

    size_t data_offset = kstd::align_up(m_offset + HEADER_SIZE + name_size, ALIGNMENT);
    size_t file_size = header.fields[FILE_SIZE];
    if (data_offset > m_archive.size() || file_size > m_archive.size() - data_offset)
        return malformed("cpio: truncated data");
    kstd::Span<const uint8_t> data = m_archive.subspan(data_offset, file_size);
    bool regular_file = (header.fields[MODE] & MODE_TYPE_MASK) == MODE_REGULAR_FILE;
    if (header.has_checksum && regular_file && checksum_of(data) != header.fields[CHECKSUM])
        return malformed("cpio: the data does not match its checksum");
    // The padding after the data may be cut off; the next read then finds nothing.
    size_t next_offset = kstd::align_up(data_offset + file_size, ALIGNMENT);
    m_offset = next_offset < m_archive.size() ? next_offset : m_archive.size();

    if (name.starts_with("./"))
        name = name.substring(2);
    if (name == "." || name.empty())
        return false;
    entry = { name, header.fields[MODE], header.fields[INODE], header.fields[LINK_COUNT],
              header.fields[MODIFIED], data };
    return true;
}

} // namespace fs::cpio
