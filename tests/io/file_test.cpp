// Tests for joinedup/io/file.hpp: reading and atomic writing.
#include "joinedup/io/file.hpp"

#include <doctest/doctest.h>

#include <filesystem>

TEST_CASE("write_file_atomic replaces the file whole and read_file reads it back") {
  const auto dir = std::filesystem::temp_directory_path() / "joinedup-file-test";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "out.json").string();
  REQUIRE(joinedup::io::write_file_atomic(path, "first").has_value());
  REQUIRE(joinedup::io::write_file_atomic(path, "second, longer content").has_value());
  CHECK(joinedup::io::read_file(path).value() == "second, longer content");
  // No temporary file is left behind.
  std::size_t files = 0;
  for ([[maybe_unused]] const auto& e : std::filesystem::directory_iterator(dir))
    ++files;
  CHECK(files == 1);
  std::filesystem::remove_all(dir);
}

TEST_CASE("file errors are diagnostics, not exceptions") {
  const auto missing = joinedup::io::read_file("/nonexistent/joinedup/x.json");
  CHECK(missing.error().code == "io.file.read");
  CHECK(missing.error().message.find("/nonexistent/joinedup/x.json") != std::string::npos);
  const auto unwritable = joinedup::io::write_file_atomic("/nonexistent/joinedup/x.json", "x");
  CHECK(unwritable.error().code == "io.file.write");
}
