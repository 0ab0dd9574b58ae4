// joinedup: whole-file reading and atomic writing.
#include "joinedup/io/file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

JOINEDUP_BEGIN_NAMESPACE
namespace io {

result<std::string> read_file(const std::string& path) {
  if (path == "-") {
    std::ostringstream buffer;
    buffer << std::cin.rdbuf();
    return buffer.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    return fail("io.file.read", "cannot open '" + path + "': " + std::strerror(errno) +
                                    "; check the path and that the file is readable");
  }
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return fail("io.file.read", "error while reading '" + path + "'");
  return text;
}

result<done> write_file_atomic(const std::string& path, std::string_view content) {
  const std::string temp = path + ".tmp-" + std::to_string(::getpid());
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    return fail("io.file.write", "cannot create '" + temp + "': " + std::strerror(errno));
  }
  const char* data = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      const std::string why = std::strerror(errno);
      ::close(fd);
      ::unlink(temp.c_str());
      return fail("io.file.write", "cannot write '" + temp + "': " + why);
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(temp.c_str());
    return fail("io.file.write", "cannot flush '" + temp + "': " + why);
  }
  if (std::rename(temp.c_str(), path.c_str()) != 0) {
    const std::string why = std::strerror(errno);
    ::unlink(temp.c_str());
    return fail("io.file.write", "cannot replace '" + path + "': " + why);
  }
  return done{};
}

}  // namespace io
JOINEDUP_END_NAMESPACE
