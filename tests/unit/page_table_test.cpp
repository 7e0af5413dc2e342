// PageTable: mappings in and out at many addresses, the bits they become, the errors a
// caller can cause, map_range's page sizes and its clean-up after failures, the shared
// kernel half, and no leaked table frames. Table frames come from a buddy allocator over
// the sim's RAM; mm_raw_page_walk.hpp reads the tables the way the MMU would.
#include "mm_page_table_fixture.hpp"

#include <map>

// In mm_test, next to the fixture and its vocabulary.
namespace mm_test {

TEST_F(PageTableTest, StartsEmpty)
{
    EXPECT_EQ(table.table_frame_count(), 1u);
    EXPECT_EQ(frames->allocated_frame_count(), 1u);
    EXPECT_TRUE(mm::is_aligned(table.root(), PAGE_SIZE));
    EXPECT_FALSE(table.translate(0));
    EXPECT_FALSE(table.translate(KERNEL_HALF));
    EXPECT_TRUE(mappings().empty());
}

TEST_F(PageTableTest, SmallPagesRoundTripInBothHalves)
{
    expect_round_trips(PageSize::Small);
}

TEST_F(PageTableTest, LargePagesRoundTripInBothHalves)
{
    expect_round_trips(PageSize::Large);
}

TEST_F(PageTableTest, EmptiedLowerHalfTablesAreFreed)
{
    ASSERT_FALSE(table.map(0x7f'1234'5000, 0x5000, PageSize::Small, READ).is_error());
    ASSERT_FALSE(table.map(0x7f'1234'6000, 0x6000, PageSize::Small, READ).is_error());
    EXPECT_EQ(table.table_frame_count(), 4u); // root, PDPT, PD, PT
    ASSERT_FALSE(table.unmap(0x7f'1234'5000, PageSize::Small).is_error());
    EXPECT_EQ(table.table_frame_count(), 4u); // the PT still holds a page
    ASSERT_FALSE(table.unmap(0x7f'1234'6000, PageSize::Small).is_error());
    EXPECT_EQ(table.table_frame_count(), 1u);
    EXPECT_EQ(frames->allocated_frame_count(), 1u);

    ASSERT_FALSE(table.map(KERNEL_HALF, 0x5000, PageSize::Small, READ).is_error());
    ASSERT_FALSE(table.unmap(KERNEL_HALF, PageSize::Small).is_error());
    EXPECT_EQ(table.table_frame_count(), 4u); // kernel-half tables stay
}

TEST_F(PageTableTest, ProtectionsBecomeTheRightBits)
{
    struct Case {
        Protection protection;
        uint64_t set;
        uint64_t clear;
    };
    const Case cases[] = {
        { READ, raw_bits::NO_EXECUTE, raw_bits::WRITABLE | raw_bits::USER | raw_bits::GLOBAL },
        { READ_WRITE, raw_bits::WRITABLE | raw_bits::NO_EXECUTE, raw_bits::USER },
        { READ | Protection::Execute, 0, raw_bits::NO_EXECUTE | raw_bits::WRITABLE },
        { READ_WRITE | Protection::User, raw_bits::USER | raw_bits::WRITABLE, 0 },
        { READ | Protection::Execute | Protection::Global, raw_bits::GLOBAL, raw_bits::NO_EXECUTE },
    };
    const VirtualAddress small = 0x40'0000'3000;
    const VirtualAddress large = KERNEL_HALF + 0x4000'0000;
    ASSERT_FALSE(table.map(small, 0x8000, PageSize::Small, READ).is_error());
    ASSERT_FALSE(table.map(large, 0x20'0000, PageSize::Large, READ).is_error());
    for (const Case& each : cases) {
        // Any address inside the page names it.
        ASSERT_FALSE(table.protect(small + 0x10, each.protection).is_error());
        ASSERT_FALSE(table.protect(large + 0x1f'f000, each.protection).is_error());
        for (VirtualAddress address : { small, large }) {
            uint64_t entry = raw_leaf(table.root(), address)->entry;
            EXPECT_EQ(entry & each.set, each.set) << std::hex << entry;
            EXPECT_EQ(entry & each.clear, 0u) << std::hex << entry;
            EXPECT_EQ(table.translate(address).value().protection, each.protection);
        }
        EXPECT_EQ(raw_leaf(table.root(), small)->entry & raw_bits::ADDRESS, 0x8000u);
        EXPECT_EQ(raw_leaf(table.root(), large)->entry & raw_bits::ADDRESS, 0x20'0000u);
        EXPECT_EQ(table.translate(large).value().size, PageSize::Large);
    }
}

TEST_F(PageTableTest, RejectsBadAddressesAndProtections)
{
    const kstd::Errno invalid = kstd::Errno::InvalidArgument;
    EXPECT_EQ(error_of(table.map(0x1234, 0x1000, PageSize::Small, READ)), invalid);
    EXPECT_EQ(error_of(table.map(0x1000, 0x1234, PageSize::Small, READ)), invalid);
    EXPECT_EQ(error_of(table.map(0x1000, 0x20'0000, PageSize::Large, READ)), invalid);
    EXPECT_EQ(error_of(table.map(0x20'0000, 0x1000, PageSize::Large, READ)), invalid);
    EXPECT_EQ(error_of(table.map(0x8000'0000'0000, 0x1000, PageSize::Small, READ)), invalid);
    EXPECT_EQ(error_of(table.map(0xffff'7fff'ffff'f000, 0x1000, PageSize::Small, READ)), invalid);
    EXPECT_EQ(error_of(table.map(0x1000, 1ull << 52, PageSize::Small, READ)), invalid);
    EXPECT_EQ(error_of(table.map(0x1000, 0x1000, PageSize::Small, Protection::Write)), invalid);
    EXPECT_EQ(error_of(table.unmap(0x8000'0000'0000, PageSize::Small)), invalid);
    EXPECT_EQ(error_of(table.unmap(0x1000, PageSize::Large)), invalid);
    EXPECT_EQ(error_of(table.protect(0xffff'0000'0000'0000, READ)), invalid);
    EXPECT_EQ(error_of(table.map_range(0x1000, 0x1000, 0x1800, READ)), invalid);
    EXPECT_EQ(error_of(table.map_range(0xffff'ffff'ffff'f000, 0x1000, 0x2000, READ)), invalid);
    EXPECT_FALSE(table.translate(0x8000'0000'0000));
    EXPECT_EQ(frames->allocated_frame_count(), 1u);
}

TEST_F(PageTableTest, ReportsWhatIsAlreadyMapped)
{
    const kstd::Errno exists = kstd::Errno::AlreadyExists;
    ASSERT_FALSE(table.map(0x1000, 0x1000, PageSize::Small, READ).is_error());
    ASSERT_FALSE(table.map(0x40'0000, 0x40'0000, PageSize::Large, READ).is_error());
    uint64_t allocated = frames->allocated_frame_count();
    EXPECT_EQ(error_of(table.map(0x1000, 0x9000, PageSize::Small, READ)), exists);
    EXPECT_EQ(error_of(table.map(0x4f'f000, 0x9000, PageSize::Small, READ)), exists); // inside 2 MiB
    EXPECT_EQ(error_of(table.map(0, 0x20'0000, PageSize::Large, READ)), exists);      // over a PT
    EXPECT_EQ(error_of(table.map(0x40'0000, 0x20'0000, PageSize::Large, READ)), exists);
    EXPECT_EQ(frames->allocated_frame_count(), allocated);
    EXPECT_EQ(table.translate(0x4f'f000).value().physical, 0x4f'f000u);
}

TEST_F(PageTableTest, UnmapAndProtectNeedAMappingOfThatSize)
{
    const kstd::Errno missing = kstd::Errno::NoSuchEntry;
    EXPECT_EQ(error_of(table.unmap(0x5000, PageSize::Small)), missing);
    EXPECT_EQ(error_of(table.protect(0x5000, READ)), missing);
    ASSERT_FALSE(table.map(0x20'0000, 0x20'0000, PageSize::Large, READ).is_error());
    ASSERT_FALSE(table.map(0x40'0000, 0x40'0000, PageSize::Small, READ).is_error());
    EXPECT_EQ(error_of(table.unmap(0x20'0000, PageSize::Small)), missing);
    EXPECT_EQ(error_of(table.unmap(0x20'1000, PageSize::Small)), missing);
    EXPECT_EQ(error_of(table.unmap(0x40'0000, PageSize::Large)), missing);
    EXPECT_EQ(error_of(table.unmap(0x40'1000, PageSize::Small)), missing);
    EXPECT_EQ(mappings().size(), 2u);
}

TEST_F(PageTableTest, ForEachMappingVisitsInAddressOrder)
{
    std::map<VirtualAddress, Mapping> expected;
    std::vector<VirtualAddress> addresses = spread_addresses(LARGE_PAGE_SIZE);
    std::shuffle(addresses.begin(), addresses.end(), std::mt19937(3));
    for (size_t i = 0; i < addresses.size(); ++i) {
        bool large = i % 3 == 0;
        VirtualAddress start = large ? addresses[i] : addresses[i] + 5 * PAGE_SIZE;
        PageSize size = large ? PageSize::Large : PageSize::Small;
        Protection protection = i % 2 ? READ_WRITE : READ | Protection::Execute | Protection::User;
        Mapping mapping { start, physical_for(i, mm::page_size_bytes(size)), size, protection };
        ASSERT_FALSE(table.map(start, mapping.physical_start, size, protection).is_error());
        expected[start] = mapping;
    }
    std::vector<Mapping> found = mappings();
    ASSERT_EQ(found.size(), expected.size());
    auto want = expected.begin();
    for (const Mapping& mapping : found) {
        EXPECT_EQ(mapping.virtual_start, want->second.virtual_start);
        EXPECT_EQ(mapping.physical_start, want->second.physical_start);
        EXPECT_EQ(mapping.size, want->second.size);
        EXPECT_EQ(mapping.protection, want->second.protection);
        ++want;
    }
}

TEST_F(PageTableTest, MapRangeUsesLargePagesWhereBothSidesAreAligned)
{
    // One 4 KiB page up to a 2 MiB boundary, two 2 MiB pages, then two 4 KiB pages.
    const VirtualAddress start = 0x40'0000 - PAGE_SIZE;
    const PhysicalAddress physical = 0x1'0040'0000 - PAGE_SIZE;
    const uint64_t length = PAGE_SIZE + 2 * LARGE_PAGE_SIZE + 2 * PAGE_SIZE;
    ASSERT_FALSE(table.map_range(start, physical, length, READ_WRITE).is_error());
    std::vector<Mapping> found = mappings();
    ASSERT_EQ(found.size(), 5u);
    const PageSize small = PageSize::Small;
    const PageSize large = PageSize::Large;
    const PageSize sizes[] = { small, large, large, small, small };
    uint64_t offset = 0;
    for (size_t i = 0; i < found.size(); ++i) {
        EXPECT_EQ(found[i].size, sizes[i]) << i;
        EXPECT_EQ(found[i].virtual_start, start + offset);
        EXPECT_EQ(found[i].physical_start, physical + offset);
        offset += mm::page_size_bytes(sizes[i]);
    }

    // 2 MiB-aligned virtual addresses alone are not enough.
    const VirtualAddress elsewhere = 0x80'0000'0000;
    ASSERT_FALSE(table.map_range(elsewhere, 0x1000, 2 * LARGE_PAGE_SIZE, READ).is_error());
    EXPECT_EQ(mappings().size(), 5u + 2 * LARGE_PAGE_SIZE / PAGE_SIZE);
    EXPECT_EQ(table.translate(elsewhere + LARGE_PAGE_SIZE).value().size, PageSize::Small);
}

TEST_F(PageTableTest, MapRangeUnmapsItsPagesWhenItMeetsAMapping)
{
    ASSERT_FALSE(table.map(0x40'3000, 0x7000, PageSize::Small, READ).is_error());
    uint64_t allocated = frames->allocated_frame_count();
    EXPECT_EQ(error_of(table.map_range(0x3f'0000, 0x3f'0000, 0x2'0000, READ)), kstd::Errno::AlreadyExists);
    EXPECT_EQ(mappings().size(), 1u);
    EXPECT_EQ(table.translate(0x40'3000).value().physical, 0x7000u);
    EXPECT_EQ(frames->allocated_frame_count(), allocated);
}

// Fails the Nth table-frame allocation of a map_range for N = 0, 1, 2, ... until the call
// gets through: every failure is ENOMEM and leaves the tables as they were.
TEST_F(PageTableTest, TableAllocationFailuresLeaveNothingBehind)
{
    // Small pages, then large ones across a 512 GiB boundary (a new PDPT), then small
    // ones again: five new tables, beside a mapping whose PDPT they share and which must
    // survive every failure.
    const VirtualAddress boundary = 0x80'0000'0000;
    const VirtualAddress start = boundary - LARGE_PAGE_SIZE - 2 * PAGE_SIZE;
    const uint64_t length = 2 * PAGE_SIZE + 2 * LARGE_PAGE_SIZE + 3 * PAGE_SIZE;
    ASSERT_FALSE(table.map(0x40'0000'0000, 0x3000, PageSize::Small, READ).is_error());
    const uint64_t allocated = frames->allocated_frame_count();
    const size_t tables = table.table_frame_count();

    unsigned failures = 0;
    for (;; ++failures) {
        frames->fail_after(failures);
        auto mapped = table.map_range(start, start, length, READ_WRITE);
        frames->stop_failing();
        if (!mapped.is_error())
            break;
        EXPECT_EQ(mapped.error().code(), kstd::Errno::OutOfMemory);
        EXPECT_EQ(frames->allocated_frame_count(), allocated) << "failing allocation " << failures;
        EXPECT_EQ(table.table_frame_count(), tables);
        EXPECT_EQ(mappings().size(), 1u);
    }
    EXPECT_EQ(failures, 5u);
    EXPECT_EQ(mappings().size(), 1u + 2 + 2 + 3);
    EXPECT_EQ(table.translate(boundary).value().size, PageSize::Large);
}

TEST_F(PageTableTest, SharedKernelHalfShowsLaterKernelMappings)
{
    PageTable kernel = created(*frames);
    ASSERT_FALSE(kernel.populate_kernel_half().is_error());
    EXPECT_EQ(kernel.table_frame_count(), 257u);
    const uint64_t with_kernel = frames->allocated_frame_count();

    auto shared = PageTable::create_sharing_kernel_half(*frames, kernel);
    ASSERT_FALSE(shared.is_error());
    PageTable& space = shared.value();
    const VirtualAddress kernel_page = 0xffff'c000'0020'0000;
    const Protection kernel_data = READ_WRITE | Protection::Global;
    ASSERT_FALSE(kernel.map(kernel_page, 0x5000, PageSize::Small, kernel_data).is_error());
    ASSERT_TRUE(space.translate(kernel_page + 8));
    EXPECT_EQ(space.translate(kernel_page + 8).value().physical, 0x5008u);

    ASSERT_FALSE(space.map(0x1000, 0x9000, PageSize::Small, READ | Protection::User).is_error());
    EXPECT_FALSE(kernel.translate(0x1000));
    // Links grant ring-3 access in the lower half only; the leaves decide the rest.
    auto root_entries = [](const PageTable& tables) {
        return static_cast<const uint64_t*>(hal::phys_to_virt(tables.root()));
    };
    EXPECT_EQ(root_entries(space)[0] & raw_bits::USER, raw_bits::USER);
    EXPECT_EQ(root_entries(space)[256], root_entries(kernel)[256]);
    EXPECT_EQ(root_entries(kernel)[511] & raw_bits::USER, 0u);
    EXPECT_EQ(error_of(space.map(KERNEL_HALF, 0x9000, PageSize::Small, READ)), kstd::Errno::InvalidArgument);
    EXPECT_EQ(error_of(space.unmap(kernel_page, PageSize::Small)), kstd::Errno::InvalidArgument);

    space.destroy(*frames);
    EXPECT_EQ(frames->allocated_frame_count(), with_kernel + 2); // the PD and PT under kernel_page
    EXPECT_TRUE(kernel.translate(kernel_page));
    kernel.destroy(*frames);
    EXPECT_EQ(frames->allocated_frame_count(), 1u);
}

TEST_F(PageTableTest, DestroyFreesEveryTableButNoPage)
{
    std::vector<VirtualAddress> addresses = spread_addresses(PAGE_SIZE);
    for (size_t i = 0; i < addresses.size(); ++i)
        ASSERT_FALSE(table.map(addresses[i], physical_for(i, PAGE_SIZE), PageSize::Small, READ).is_error());
    EXPECT_GT(table.table_frame_count(), 20u);
    EXPECT_EQ(frames->allocated_frame_count(), table.table_frame_count());
    // TearDown destroys the table and finds every frame back.
}

TEST_F(PageTableTest, ParkedPagesKeepTheirFrameUnmapped)
{
    const VirtualAddress page = 0x40'0000'3000;
    ASSERT_FALSE(table.map(page, 0x8000, PageSize::Small, READ_WRITE | Protection::User).is_error());
    auto parked = table.park(page);
    ASSERT_FALSE(parked.is_error());
    EXPECT_EQ(parked.value(), 0x8000u);
    uint64_t raw = raw_small_entry(table.root(), page).value();
    EXPECT_EQ(raw & raw_bits::PRESENT, 0u) << "the MMU sees no page";
    EXPECT_EQ(raw & raw_bits::ADDRESS, 0x8000u);
    EXPECT_FALSE(table.translate(page));
    EXPECT_TRUE(mappings().empty());
    EXPECT_EQ(table.parked(page).value(), 0x8000u);
    EXPECT_EQ(error_of(table.map(page, 0x9000, PageSize::Small, READ)), kstd::Errno::AlreadyExists);
    EXPECT_EQ(error_of(table.park(page)), kstd::Errno::NoSuchEntry);
    EXPECT_EQ(error_of(table.protect(page, READ)), kstd::Errno::NoSuchEntry);
    auto replaced = table.replace_frame(page, 0xa000, READ);
    ASSERT_FALSE(replaced.is_error());
    EXPECT_EQ(replaced.value(), 0x8000u);
    EXPECT_EQ(table.parked(page).value(), 0xa000u) << "still parked";
    ASSERT_FALSE(table.unpark(page, READ).is_error());
    EXPECT_EQ(table.translate(page).value().physical, 0xa000u);
    EXPECT_EQ(table.translate(page).value().protection, READ);
    EXPECT_FALSE(table.parked(page));
    EXPECT_EQ(error_of(table.unpark(page, READ)), kstd::Errno::NoSuchEntry);
    // unmap takes a parked page too, and then frees the tables.
    ASSERT_FALSE(table.park(page).is_error());
    EXPECT_EQ(table.unmap(page, PageSize::Small).value(), 0xa000u);
    EXPECT_EQ(table.table_frame_count(), 1u);
}

TEST_F(PageTableTest, ReplaceFrameKeepsTheTables)
{
    const VirtualAddress page = 0x7f'0000'0000;
    EXPECT_EQ(error_of(table.replace_frame(page, 0x5000, READ)), kstd::Errno::NoSuchEntry);
    ASSERT_FALSE(table.map(page, 0x4000, PageSize::Small, READ).is_error());
    size_t tables = table.table_frame_count();
    EXPECT_EQ(table.replace_frame(page, 0x5000, READ_WRITE).value(), 0x4000u);
    EXPECT_EQ(table.translate(page + 8).value().physical, 0x5008u);
    EXPECT_EQ(table.translate(page).value().protection, READ_WRITE);
    EXPECT_EQ(table.table_frame_count(), tables);
    ASSERT_FALSE(table.unmap(page, PageSize::Small).is_error());
}

TEST_F(PageTableTest, NextLeafSkipsEmptyTables)
{
    const VirtualAddress pages[] = { 0x1000, 0x20'0000, 0x40'0000'0000, 0x40'0000'5000, 0x7fff'ffff'f000 };
    for (size_t i = 0; i < 5; ++i)
        ASSERT_FALSE(table.map(pages[i], physical_for(i + 1, PAGE_SIZE), PageSize::Small, READ).is_error());
    ASSERT_FALSE(table.park(pages[3]).is_error());
    ASSERT_FALSE(table.map(0x80'0000, 0x20'0000, PageSize::Large, READ).is_error());
    std::vector<VirtualAddress> found;
    for (auto leaf = table.next_leaf(0, 0x8000'0000'0000); leaf;
         leaf = table.next_leaf(leaf.value().virtual_start + page_size_bytes(leaf.value().size), 0x8000'0000'0000)) {
        found.push_back(leaf.value().virtual_start);
        EXPECT_EQ(leaf.value().parked, leaf.value().virtual_start == pages[3]);
    }
    EXPECT_EQ(found, (std::vector<VirtualAddress> { 0x1000, 0x20'0000, 0x80'0000, 0x40'0000'0000, 0x40'0000'5000,
                                                     0x7fff'ffff'f000 }));
    EXPECT_EQ(table.next_leaf(0x80'1000, 0x90'0000).value().virtual_start, 0x80'0000u) << "the large page around it";
    EXPECT_FALSE(table.next_leaf(0x2000, 0x20'0000));
    EXPECT_FALSE(table.next_leaf(0x5000, 0x5000));
    EXPECT_EQ(table.next_leaf(0x40'0000'1000, 0x40'0000'6000).value().virtual_start, 0x40'0000'5000u);
    for (size_t i = 0; i < 5; ++i)
        ASSERT_FALSE(table.unmap(pages[i], PageSize::Small).is_error());
    ASSERT_FALSE(table.unmap(0x80'0000, PageSize::Large).is_error());
}

} // namespace mm_test
