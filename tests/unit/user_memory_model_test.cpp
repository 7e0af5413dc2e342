// mm::UserMemory against a reference model: random mmap (fixed and not), munmap,
// mprotect, user reads and writes, fork and exit of children, over a small window of
// pages. The model is a map from page to (protection, contents byte) per address space;
// after every step each space's regions and every byte the test wrote must agree with
// it, and at the end every frame is back.
#include "user_memory_test_support.hpp"

#include <map>
#include <random>

namespace user_memory_test {
namespace {

constexpr VirtualAddress WINDOW = 0x5000'0000;
constexpr uint64_t WINDOW_PAGES = 48;

struct ModelPage {
    Protection protection;
    uint8_t byte; // at offset (page index * 13) % PAGE_SIZE
};
using Model = std::map<uint64_t, ModelPage>; // page index -> page

struct Space {
    UserMemory* memory;
    Model model;
};

uint64_t offset_in_page(uint64_t index)
{
    return (index * 13) % PAGE_SIZE;
}

struct UserMemoryModelTest : UserMemoryTest {
    void check(Space& space)
    {
        auto all = regions(space.memory);
        for (uint64_t index = 0; index < WINDOW_PAGES; ++index) {
            VirtualAddress page = WINDOW + index * PAGE_SIZE;
            const UserRegionInfo* found = nullptr;
            for (const UserRegionInfo& region : all) {
                if (page >= region.start && page < region.end)
                    found = &region;
            }
            auto modelled = space.model.find(index);
            ASSERT_EQ(found != nullptr, modelled != space.model.end()) << "page " << index;
            if (!found)
                continue;
            ASSERT_EQ(found->protection, modelled->second.protection) << "page " << index;
            bool readable = modelled->second.protection != NONE;
            FaultOutcome read = user_touch(space.memory, page + offset_in_page(index), Access::Read);
            ASSERT_EQ(read, readable ? FaultOutcome::Resolved : FaultOutcome::ProtectionViolation);
            if (readable) {
                ASSERT_EQ(user_read(space.memory, page + offset_in_page(index)), modelled->second.byte) << index;
            }
        }
    }
};

TEST_F(UserMemoryModelTest, RandomOperationsAgreeWithTheModel)
{
    const Protection protections[] = { NONE, R, RW, R | X, W };
    for (unsigned seed = 1; seed <= 8; ++seed) {
        std::mt19937 random(seed);
        std::vector<Space> spaces { { memory, {} } };
        for (int step = 0; step < 250; ++step) {
            size_t which = random() % spaces.size();
            Space& space = spaces[which];
            uint64_t first = random() % WINDOW_PAGES;
            uint64_t count = 1 + random() % (WINDOW_PAGES - first < 6 ? WINDOW_PAGES - first : 6);
            VirtualAddress start = WINDOW + first * PAGE_SIZE;
            Protection protection = protections[random() % 5];
            switch (random() % 8) {
            case 0: { // mmap, fixed
                MapRequest request;
                request.hint = start;
                request.length = count * PAGE_SIZE;
                request.protection = protection;
                request.fixed = true;
                ASSERT_EQ(space.memory->map(request).value(), start);
                for (uint64_t i = first; i < first + count; ++i)
                    space.model[i] = { protection, 0 };
                break;
            }
            case 1: { // mmap with a hint: there if free, elsewhere (outside the window) if not
                MapRequest request;
                request.hint = start;
                request.length = count * PAGE_SIZE;
                request.protection = protection;
                bool free = true;
                for (uint64_t i = first; i < first + count; ++i)
                    free = free && !space.model.count(i);
                auto mapped = space.memory->map(request);
                ASSERT_FALSE(mapped.is_error());
                if (free) {
                    ASSERT_EQ(mapped.value(), start);
                    for (uint64_t i = first; i < first + count; ++i)
                        space.model[i] = { protection, 0 };
                } else {
                    ASSERT_TRUE(mapped.value() + count * PAGE_SIZE <= WINDOW
                                || mapped.value() >= WINDOW + WINDOW_PAGES * PAGE_SIZE);
                    ASSERT_FALSE(space.memory->unmap(mapped.value(), count * PAGE_SIZE).is_error());
                }
                break;
            }
            case 2: // munmap
                ASSERT_FALSE(space.memory->unmap(start, count * PAGE_SIZE).is_error());
                for (uint64_t i = first; i < first + count; ++i)
                    space.model.erase(i);
                break;
            case 3: { // mprotect: ENOMEM with nothing changed over a hole
                bool covered = true;
                for (uint64_t i = first; i < first + count; ++i)
                    covered = covered && space.model.count(i);
                auto result = space.memory->protect(start, count * PAGE_SIZE, protection);
                ASSERT_EQ(result.is_error(), !covered);
                if (covered) {
                    for (uint64_t i = first; i < first + count; ++i)
                        space.model[i].protection = protection;
                }
                break;
            }
            case 4:
            case 5: { // a user write
                auto page = space.model.find(first);
                VirtualAddress address = start + offset_in_page(first);
                FaultOutcome outcome = user_touch(space.memory, address, Access::Write);
                if (page == space.model.end()) {
                    ASSERT_EQ(outcome, FaultOutcome::NoRegion);
                } else if (!mm::allows(page->second.protection, W)) {
                    ASSERT_EQ(outcome, FaultOutcome::ProtectionViolation);
                } else {
                    ASSERT_EQ(outcome, FaultOutcome::Resolved);
                    uint8_t value = uint8_t(random());
                    user_write(space.memory, address, value);
                    page->second.byte = value;
                }
                break;
            }
            case 6: // fork
                if (spaces.size() < 4) {
                    auto child = space.memory->fork();
                    ASSERT_FALSE(child.is_error());
                    Model copy = space.model;
                    spaces.push_back({ child.value(), copy });
                }
                break;
            case 7: // a child exits
                if (which > 0) {
                    UserMemory::destroy(space.memory);
                    spaces.erase(spaces.begin() + long(which));
                }
                break;
            }
            for (Space& each : spaces)
                ASSERT_NO_FATAL_FAILURE(check(each)) << "seed " << seed << " step " << step;
        }
        for (size_t i = 1; i < spaces.size(); ++i)
            UserMemory::destroy(spaces[i].memory);
        UserMemory::destroy(memory);
        EXPECT_EQ(frames->allocated_frame_count(), baseline_frames) << "seed " << seed;
        memory = created();
    }
}

} // namespace
} // namespace user_memory_test
