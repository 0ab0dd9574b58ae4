// joinedup: whole-file reading and atomic writing.
#include "joinedup/io/file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <istream>

JOINEDUP_BEGIN_NAMESPACE
namespace io {

namespace {

/// What kind of thing a stat describes, in words, for a file that is not a regular file.
std::string kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

failure not_regular(const std::string& path, mode_t mode) {
  return fail("io.file.read", "'" + path + "' is " + kind_of(mode) +
                                  ", not a file joinedup can read; give the path of a file, or - "
                                  "to read standard input");
}

failure cannot_open(const std::string& path, int err) {
  return fail("io.file.read", "cannot open '" + path + "': " + std::strerror(err) +
                                  "; check the path and that the file is readable");
}

/// Reads `fd` to its end, refusing more than `max_bytes`.
result<std::string> read_all(int fd, const std::string& name, std::size_t max_bytes) {
  std::string text;
  char buffer[65536];
  while (true) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail("io.file.read", "error while reading '" + name + "': " + std::strerror(errno));
    }
    if (n == 0) return text;
    if (text.size() + static_cast<std::size_t>(n) > max_bytes) {
      return fail("io.file.read", "'" + name + "' is larger than " + std::to_string(max_bytes) +
                                      " bytes, the most joinedup reads as one document; reading "
                                      "stopped");
    }
    text.append(buffer, static_cast<std::size_t>(n));
  }
}

}  // namespace

line_status read_line(std::istream& in, std::string& out, std::size_t max_bytes) {
  out.clear();
  std::streambuf* buf = in.rdbuf();
  if (buf == nullptr || !in.good()) return line_status::end;
  while (true) {
    const int c = buf->sbumpc();
    if (c == std::char_traits<char>::eof()) {
      in.setstate(std::ios::eofbit);
      if (out.empty()) return line_status::end;
      return line_status::last;
    }
    if (c == '\n') {
      return line_status::line;
    }
    if (out.size() >= max_bytes) return line_status::too_long;
    out += static_cast<char>(c);
  }
}

result<done> check_input_file(const std::string& path) {
  if (path == "-") return done{};
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0) return cannot_open(path, errno);
  if (!S_ISREG(st.st_mode)) return not_regular(path, st.st_mode);
  if (::access(path.c_str(), R_OK) != 0) return cannot_open(path, errno);
  return done{};
}

result<std::string> read_file(const std::string& path, std::size_t max_bytes) {
  if (path == "-") return read_all(STDIN_FILENO, "standard input", max_bytes);
  // O_NONBLOCK so that opening a FIFO with no writer does not hang; fstat then refuses it.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
  if (fd < 0) return cannot_open(path, errno);
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    const int err = errno;
    ::close(fd);
    return cannot_open(path, err);
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return not_regular(path, st.st_mode);
  }
  if (static_cast<std::size_t>(st.st_size) > max_bytes) {
    ::close(fd);
    return fail("io.file.read", "'" + path + "' is " + std::to_string(st.st_size) +
                                    " bytes, more than the " + std::to_string(max_bytes) +
                                    " bytes joinedup reads as one document");
  }
  result<std::string> text = read_all(fd, path, max_bytes);
  ::close(fd);
  return text;
}

result<done> write_all(int fd, std::string_view content, const std::string& name) {
  const char* data = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    const ssize_t n = ::write(fd, data, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      return fail("io.file.write", "cannot write " + name + ": " + std::strerror(errno));
    }
    data += n;
    left -= static_cast<std::size_t>(n);
  }
  return done{};
}

result<done> write_file_atomic(const std::string& path, std::string_view content) {
  const std::string temp = path + ".tmp-" + std::to_string(::getpid());
  const int fd = ::open(temp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) {
    return fail("io.file.write", "cannot create '" + temp + "': " + std::strerror(errno));
  }
  if (const result<done> w = write_all(fd, content, "'" + temp + "'"); !w) {
    ::close(fd);
    ::unlink(temp.c_str());
    return w;
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
