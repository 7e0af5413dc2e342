// Flappy on the text screen: the game's state drawn into a Frame.
//
// The sky is the blue field inside the border, with the ground in its last row; the game's
// columns and rows are the field's. Pipes are green (coloured background, so they also
// show on a serial terminal) with a lighter rim at the gap; the bird is a wing and a
// yellow CP437 face, the wing down while it rises.
#pragma once
#include <apps/flappy/flappy_game.hpp>
#include <apps/frame.hpp>

namespace apps::flappy {

inline constexpr uint8_t SKY_ATTRIBUTE = attribute(console::Color::White, console::Color::Blue);
inline constexpr uint8_t BIRD_ATTRIBUTE = attribute(console::Color::Yellow, console::Color::Blue);
inline constexpr uint8_t PIPE_ATTRIBUTE = attribute(console::Color::Green, console::Color::Green);

void draw(const Game& game, Frame& frame);

} // namespace apps::flappy
