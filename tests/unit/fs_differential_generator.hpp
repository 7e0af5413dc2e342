// The random sequences of the file system differential test (fs_differential_test.cpp):
// a Generator, seeded with the sequence's number, draws the umask, the length and then each
// call. The calls are weighted towards the common ones and take their names from a small
// pool, so that most of them meet something: existing and missing names, files where
// directories are expected, "." and "..", doubled and trailing slashes, hard links, and
// symbolic links that dangle, loop, or point at directories.
#pragma once
#include "fs_differential_operations.hpp"

#include <random>
#include <string>
#include <vector>

namespace fs_differential {

class Generator {
public:
    explicit Generator(unsigned seed) : m_random(seed) {}

    // The next call, when `open_count` descriptors are open (MAX_OPEN at most).
    Operation next(size_t open_count);
    // How many calls the sequence has.
    unsigned operation_count();
    unsigned umask();

private:
    size_t below(size_t bound) { return static_cast<size_t>(m_random() % bound); }
    bool chance(size_t one_in) { return below(one_in) == 0; }
    template<typename T>
    const T& pick(const std::vector<T>& choices) { return choices[below(choices.size())]; }

    const std::string& path();

    std::mt19937 m_random;
};

} // namespace fs_differential
