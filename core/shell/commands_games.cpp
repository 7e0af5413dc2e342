// Commands that start the games of core/apps: `snake [--wrap] [--seed N]` and
// `flappy [--seed N]`. The shell waits while the game runs full screen and prompts again
// once the player has quit and the screen is back. --seed makes the game the same every
// time (the end-to-end test uses it); --wrap takes snake's walls away.
#include <apps/apps.hpp>
#include <kstd/parse_number.hpp>
#include <shell/commands.hpp>
#include <shell/shell.hpp>

namespace shell {

namespace {

using Play = kstd::Result<void> (*)(const apps::GameOptions& options, fs::Context* files);

// Reads --seed N and, if the game takes it, --wrap; false after complaining.
bool parse_options(Shell& shell, const Arguments& arguments, bool takes_wrap, apps::GameOptions& options)
{
    for (size_t index = 1; index < arguments.count(); ++index) {
        kstd::StringView word = arguments[index];
        if (takes_wrap && word == "--wrap") {
            options.wrap = true;
        } else if (word == "--seed" && index + 1 < arguments.count()) {
            auto seed = kstd::parse_unsigned(arguments[++index]);
            if (!seed) {
                shell.error("{}: '{}' is not a seed (a number)", arguments[0], arguments[index]);
                return false;
            }
            options.seed = seed.value();
        } else {
            print_usage(*find_command(arguments[0]));
            return false;
        }
    }
    return true;
}

int run_game(Shell& shell, const Arguments& arguments, bool takes_wrap, Play play)
{
    apps::GameOptions options;
    if (!parse_options(shell, arguments, takes_wrap, options))
        return STATUS_USAGE;
    if (auto played = play(options, shell.files()); played.is_error()) {
        shell.error("{}: {}", arguments[0], played.error().description());
        return STATUS_FAILURE;
    }
    return STATUS_OK;
}

} // namespace

int command_snake(Shell& shell, const Arguments& arguments)
{
    return run_game(shell, arguments, true, apps::play_snake);
}

int command_flappy(Shell& shell, const Arguments& arguments)
{
    return run_game(shell, arguments, false, apps::play_flappy);
}

} // namespace shell
