// apps::HighScore: one game's best score, kept in /var/games/NAME.score and in memory.
//
//     static HighScore record("snake");
//     uint32_t best = record.load(shell.files());
//     ...
//     record.save(shell.files(), game.best());
//
// The file holds the score as a decimal number and a new line, so `cat` shows it and
// `echo 0 > /var/games/snake.score` resets it. The record also keeps the best score in
// memory, for as long as the kernel runs: when there is no file system (a null Context),
// or the file cannot be read or written, the game goes on with that and a warning in the
// kernel log says why. A missing file is no warning: nobody has played yet. save()
// creates /var/games when it is missing and writes only a score that beats the best.
#pragma once
#include <fs/context.hpp>
#include <kstd/string_view.hpp>
#include <stdint.h>

namespace apps {

class HighScore {
public:
    static constexpr kstd::StringView DIRECTORY = "/var/games";

    // `name` names the file (NAME.score) and the game in warnings; it must outlive the record.
    explicit constexpr HighScore(kstd::StringView name) : m_name(name) {}

    // The higher of the file's score and the one in memory.
    uint32_t load(fs::Context* files);
    // Keeps `score` if it beats the best: in memory, and in the file when possible.
    void save(fs::Context* files, uint32_t score);

private:
    kstd::Result<uint32_t> read_file(fs::Context& files) const;
    kstd::Result<void> write_file(fs::Context& files, uint32_t score) const;

    kstd::StringView m_name;
    uint32_t m_best = 0;
};

} // namespace apps
