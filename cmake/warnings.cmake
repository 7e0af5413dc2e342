# Warning policy shared by every target: -Wall -Wextra -Werror everywhere.
add_library(keel_warnings INTERFACE)
target_compile_options(keel_warnings INTERFACE
  -Wall -Wextra -Werror -Wshadow -Wnon-virtual-dtor -Wcast-align -Wunused -Woverloaded-virtual
  -Wnull-dereference -Wimplicit-fallthrough)
