// Test helper for tests/hostile/run.sh: exits 0 when standard input is exactly one JSON
// document (white space around it allowed), 1 otherwise. Uses nlohmann's parser, not the
// project's own, so the check is independent of the code under test.
#include <iostream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>

int main() {
  const std::string text{std::istreambuf_iterator<char>(std::cin),
                         std::istreambuf_iterator<char>()};
  return nlohmann::json::accept(text) ? 0 : 1;
}
