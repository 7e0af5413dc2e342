// load_elf(): an executable's segments and its initial stack in a new address space.
#include <fs/context.hpp>
#include <hal/user.hpp>
#include <log/log.hpp>
#include <mm/address_space.hpp>
#include <mm/heap/kmalloc.hpp>
#include <mm/mm.hpp>
#include <mm/user_memory.hpp>
#include <proc/elf.hpp>
#include <proc/image_loader.hpp>
#include <proc/initial_stack.hpp>
#include <proc/process.hpp>
#include <random/random.hpp>

namespace proc {
namespace {

// Room the stack region has beyond the initial stack's bytes (Linux's stack_expand).
constexpr uint64_t STACK_HEADROOM = 128 * 1024;

class FileReader final : public elf::Reader {
public:
    FileReader(fs::Context& files, int fd, uint64_t size) : m_files(files), m_fd(fd), m_size(size) {}

    kstd::Result<size_t> read(uint64_t offset, void* buffer, size_t length) override
    {
        TRY(m_files.lseek(m_fd, int64_t(offset), fs::Whence::Set));
        size_t done = 0;
        while (done < length) {
            size_t count = TRY(m_files.read(m_fd, { static_cast<uint8_t*>(buffer) + done, length - done }));
            if (count == 0)
                break;
            done += count;
        }
        return done;
    }
    uint64_t size() const override { return m_size; }

private:
    fs::Context& m_files;
    int m_fd;
    uint64_t m_size;
};

class MemoryStackWriter final : public StackWriter {
public:
    explicit MemoryStackWriter(mm::UserMemory& memory) : m_memory(memory) {}
    kstd::Result<void> write(uint64_t user_address, const void* bytes, size_t length) override
    {
        return m_memory.write(user_address, bytes, length);
    }

private:
    mm::UserMemory& m_memory;
};

// Copies a segment's file part into the new memory a page at a time.
kstd::Result<void> copy_segment(mm::UserMemory& memory, elf::Reader& file, const elf::Segment& segment,
                                uint64_t bias, uint8_t* page)
{
    for (uint64_t done = 0; done < segment.file_size;) {
        size_t chunk = segment.file_size - done < mm::PAGE_SIZE ? segment.file_size - done : mm::PAGE_SIZE;
        size_t count = TRY(file.read(segment.file_offset + done, page, chunk));
        if (count != chunk)
            return kstd::Errno::IoError; // the file shrank under us
        TRY(memory.write(segment.virtual_address + bias + done, page, chunk));
        done += chunk;
    }
    return {};
}

kstd::Result<void> map_segments(mm::UserMemory& memory, elf::Reader& file, const elf::Image& image, uint64_t bias)
{
    for (size_t i = 0; i < image.segment_count; ++i) {
        const elf::Segment& segment = image.segments[i];
        if (mm::allows(segment.protection, mm::Protection::Write | mm::Protection::Execute)) {
            klog::debug("exec: a segment both writable and executable: refused (W^X)");
            return kstd::Errno::ExecFormatError;
        }
        uint64_t start = mm::align_down(segment.virtual_address + bias, mm::PAGE_SIZE);
        uint64_t end = mm::align_up(segment.virtual_address + bias + segment.memory_size, mm::PAGE_SIZE);
        TRY(memory.map({ .hint = start, .length = end - start, .protection = segment.protection, .fixed = true }));
    }
    auto* page = static_cast<uint8_t*>(mm::kmalloc(mm::PAGE_SIZE));
    if (!page)
        return kstd::Errno::OutOfMemory;
    kstd::Result<void> copied {};
    for (size_t i = 0; i < image.segment_count && !copied.is_error(); ++i)
        copied = copy_segment(memory, file, image.segments[i], bias, page);
    mm::kfree(page);
    return copied;
}

kstd::Result<uint64_t> build_stack(mm::UserMemory& memory, const elf::Image& image, uint64_t bias,
                                   const ProgramArguments& program, kstd::StringView executable_path)
{
    const Credentials& credentials = current().credentials;
    StackContents contents {
        .arguments = program.arguments,
        .environment = program.environment,
        .executable_path = executable_path,
        .auxiliary = {},
    };
    AuxiliaryValues& auxiliary = contents.auxiliary;
    auxiliary.program_headers_address = image.program_headers_address ? image.program_headers_address + bias : 0;
    auxiliary.program_header_size = image.program_header_size;
    auxiliary.program_header_count = image.program_header_count;
    auxiliary.entry = image.entry + bias;
    auxiliary.uid = credentials.uid;
    auxiliary.euid = credentials.effective_uid;
    auxiliary.gid = credentials.gid;
    auxiliary.egid = credentials.effective_gid;
    auxiliary.hardware_capabilities = hal::user_hardware_capabilities();
    auxiliary.platform = hal::user_platform();
    krandom::fill({ auxiliary.random, sizeof auxiliary.random });

    uint64_t top = hal::user_address_end();
    uint64_t size = TRY(initial_stack_size(contents));
    TRY(memory.create_stack(top, mm::align_up(size, mm::PAGE_SIZE) + STACK_HEADROOM, STACK_LIMIT));
    MemoryStackWriter writer(memory);
    InitialStack stack = TRY(build_initial_stack(writer, top, contents));
    return stack.stack_pointer;
}

} // namespace

uint64_t position_independent_base()
{
    return mm::align_down(hal::user_address_end() / 3 * 2, mm::PAGE_SIZE);
}

kstd::Result<LoadedImage> load_elf(fs::Context& files, int fd, const ProgramArguments& program,
                                   kstd::StringView executable_path)
{
    fs::Stat status = TRY(files.fstat(fd));
    FileReader file(files, fd, status.size);
    elf::Image image = TRY(elf::parse(file, hal::user_address_end()));
    uint64_t bias = image.position_independent ? position_independent_base() : 0;
    mm::UserMemory* memory = TRY(mm::UserMemory::create(mm::frames(), mm::kernel_address_space().page_table()));
    // No process may map more than the machine has RAM (Linux would refuse it through its
    // overcommit heuristic or RLIMIT_AS): the heap and mmap then end in ENOMEM.
    mm::FrameStatistics frames = mm::frame_statistics();
    memory->set_size_limit((frames.total_frames + frames.reserved_frames) * mm::PAGE_SIZE);
    auto stack_pointer = [&]() -> kstd::Result<uint64_t> {
        TRY(map_segments(*memory, file, image, bias));
        memory->set_initial_break(image.highest_address + bias);
        return build_stack(*memory, image, bias, program, executable_path);
    }();
    if (stack_pointer.is_error()) {
        mm::UserMemory::destroy(memory);
        return stack_pointer.error();
    }
    return LoadedImage { memory, image.entry + bias, stack_pointer.value(), {} };
}

hal::UserRegisters initial_registers(const LoadedImage& image)
{
    hal::UserRegisters registers {};
    registers.rip = image.entry;
    registers.rsp = image.stack_pointer;
    registers.rflags = 0x202; // IF, and the bit that is always 1
    return registers;
}

} // namespace proc
