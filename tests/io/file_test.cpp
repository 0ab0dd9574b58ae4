// Tests for joinedup/io/file.hpp: reading and atomic writing.
#include "joinedup/io/file.hpp"

#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

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

TEST_CASE("only regular files are read: directories, FIFOs and devices are io.file.read") {
  const auto dir = std::filesystem::temp_directory_path() / "joinedup-file-kinds";
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir);
  const auto dir_read = joinedup::io::read_file(dir.string());
  CHECK(dir_read.error().code == "io.file.read");
  CHECK(dir_read.error().message.find("a directory") != std::string::npos);
  CHECK(joinedup::io::check_input_file(dir.string()).error().code == "io.file.read");
  // A FIFO with no writer: refused at once, without waiting for one.
  const std::string fifo = (dir / "pipe").string();
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  const auto fifo_read = joinedup::io::read_file(fifo);
  CHECK(fifo_read.error().message.find("FIFO") != std::string::npos);
  // An endless device is refused before a byte is read.
  const auto zero = joinedup::io::read_file("/dev/zero");
  CHECK(zero.error().message.find("a device") != std::string::npos);
  CHECK(joinedup::io::check_input_file("/dev/zero").error().code == "io.file.read");
  CHECK(joinedup::io::check_input_file("-").has_value());
  std::filesystem::remove_all(dir);
}

TEST_CASE("reads are bounded: a file larger than the limit is refused, not read") {
  const auto dir = std::filesystem::temp_directory_path() / "joinedup-file-limit";
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "big.json").string();
  REQUIRE(joinedup::io::write_file_atomic(path, std::string(1000, ' ')).has_value());
  CHECK(joinedup::io::read_file(path, 1000).value().size() == 1000);
  const auto over = joinedup::io::read_file(path, 999);
  CHECK(over.error().code == "io.file.read");
  CHECK(over.error().message.find("999 bytes") != std::string::npos);
  std::filesystem::remove_all(dir);
}

TEST_CASE("write_all reports a full device as io.file.write") {
  const int fd = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
  REQUIRE(fd >= 0);
  const auto w = joinedup::io::write_all(fd, "some output", "standard output");
  ::close(fd);
  CHECK(w.error().code == "io.file.write");
  CHECK(w.error().message.find("standard output") != std::string::npos);
}
