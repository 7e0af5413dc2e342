// Snake on the text screen: the game's state drawn into a Frame.
//
// A field cell is two screen columns wide, so the snake moves as fast across as down
// (text cells are twice as tall as they are wide): the 39x22 field fills the 78x22 inside
// of the border. The snake is green blocks (coloured background, so it also shows on a
// serial terminal) with its eyes on the head (":>" heading right); food is a red square
// (CP437 half blocks). Walls are a cyan border; a field that wraps around has a dim one.
#pragma once
#include <apps/frame.hpp>
#include <apps/snake/snake_game.hpp>

namespace apps::snake {

inline constexpr uint8_t BODY_ATTRIBUTE = attribute(console::Color::Green, console::Color::Green);
inline constexpr uint8_t HEAD_ATTRIBUTE = attribute(console::Color::Yellow, console::Color::Green);
inline constexpr uint8_t DEAD_HEAD_ATTRIBUTE = attribute(console::Color::White, console::Color::Red);
inline constexpr uint8_t FOOD_ATTRIBUTE = attribute(console::Color::LightRed);

void draw(const Game& game, Frame& frame);

} // namespace apps::snake
