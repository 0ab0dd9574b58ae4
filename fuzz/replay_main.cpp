// A main() for the fuzz targets where libFuzzer is not available (g++, MSVC): runs every file
// named on the command line, or found in a directory named there, through
// LLVMFuzzerTestOneInput, then a fixed number of deterministic pseudo-random mutations of those
// inputs (bit flips, byte changes, insertions, erasures, truncations, duplications and splices).
//
//   fuzz_smoke_<target> [--runs=N] [--seed=S] <corpus directory or file>...
//
// N defaults to 2000 and S to a fixed value, so a run is repeatable. A target reports a failure
// by aborting; the driver then prints the input it was running, in hex, before the process dies
// (also on AddressSanitizer reports; UBSan under g++ does not call back, but a rerun with the
// same seed reproduces the run).
#include <algorithm>
#include <array>
#include <charconv>
#include <csignal>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#if __has_include(<unistd.h>)
#include <unistd.h>
#endif

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

#if defined(__GNUC__)
// Provided by the sanitizer runtimes when they are linked in: called before a sanitizer exits
// on an error it found.
extern "C" void __sanitizer_set_death_callback(void (*callback)()) __attribute__((weak));
#endif

namespace {

using bytes = std::vector<std::uint8_t>;

/// Longest input the mutator makes (libFuzzer's default -max_len for a small corpus).
constexpr std::size_t max_length = 4096;

// The input being run and where it came from, for the failure report.
const std::uint8_t* current_data = nullptr;
std::size_t current_size = 0;
const char* current_origin = "";

/// Writes to standard error with no allocation or locking (usable from a signal handler).
void write_stderr(const char* text, std::size_t size) {
#if __has_include(<unistd.h>)
  while (size > 0) {
    const ssize_t n = ::write(2, text, size);
    if (n <= 0) return;
    text += n;
    size -= static_cast<std::size_t>(n);
  }
#else
  std::fwrite(text, 1, size, stderr);
#endif
}

void write_stderr(const char* text) {
  std::size_t n = 0;
  while (text[n] != '\0')
    ++n;
  write_stderr(text, n);
}

/// Prints the input being run, in hex, to standard error (from a signal handler or a sanitizer's
/// death callback: no allocation).
void report_current_input() {
  if (current_data == nullptr) return;
  write_stderr("replay: failing input (");
  write_stderr(current_origin);
  if (current_size > max_length) {  // only a corpus file can be this long, and it is named
    write_stderr("), too long to print here\n");
    current_data = nullptr;
    return;
  }
  write_stderr("), hex: ");
  constexpr char digits[] = "0123456789abcdef";
  for (std::size_t i = 0; i < current_size; ++i) {
    const char pair[2] = {digits[current_data[i] >> 4], digits[current_data[i] & 0xF]};
    write_stderr(pair, 2);
  }
  write_stderr("\n");
  current_data = nullptr;
}

void on_fatal_signal(int sig) {
  report_current_input();
  std::signal(sig, SIG_DFL);
  std::raise(sig);
}

/// Runs one input from an exactly sized heap copy, so that reads past its end are caught.
void run_one(const bytes& input, const char* origin) {
  const std::unique_ptr<std::uint8_t[]> copy = std::make_unique<std::uint8_t[]>(input.size());
  std::copy(input.begin(), input.end(), copy.get());
  current_data = copy.get();
  current_size = input.size();
  current_origin = origin;
  LLVMFuzzerTestOneInput(copy.get(), input.size());
  current_data = nullptr;
}

/// splitmix64: small, fast and the same on every platform.
class random_bits {
 public:
  explicit random_bits(std::uint64_t seed) : state_(seed) {}

  std::uint64_t next() {
    std::uint64_t z = (state_ += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  /// A number in [0, n), or 0 when n is 0.
  std::size_t below(std::size_t n) { return n == 0 ? 0 : static_cast<std::size_t>(next() % n); }

 private:
  std::uint64_t state_;
};

/// Bytes and fragments that matter to joinedup's parsers: digits, signs, separators, the UTF-8
/// pound sign, JSON punctuation and values at the edges of 64-bit ranges.
constexpr std::array<std::string_view, 28> dictionary = {
    "0",
    "9",
    ".",
    ",",
    "-",
    "+",
    "(",
    ")",
    "%",
    "/",
    " ",
    "\t",
    "\xC2\xA3",
    "\"",
    "{",
    "}",
    "[",
    "]",
    ":",
    "FY",
    " to ",
    " Q",
    " M",
    "null",
    "1e999",
    "\\u0000",
    "9223372036854775807",
    "-9223372036854775808",
};

/// Applies one random edit to `b`; `corpus` supplies material for splices.
void mutate_once(bytes& b, const std::vector<bytes>& corpus, random_bits& rng) {
  switch (rng.below(8)) {
    case 0:  // flip a bit
      if (!b.empty()) b[rng.below(b.size())] ^= static_cast<std::uint8_t>(1U << rng.below(8));
      break;
    case 1:  // set a byte to any value
      if (!b.empty()) b[rng.below(b.size())] = static_cast<std::uint8_t>(rng.next());
      break;
    case 2: {  // insert a dictionary entry
      const std::string_view token = dictionary[rng.below(dictionary.size())];
      b.insert(b.begin() + static_cast<std::ptrdiff_t>(rng.below(b.size() + 1)), token.begin(),
               token.end());
      break;
    }
    case 3: {  // insert a few random bytes
      const std::size_t at = rng.below(b.size() + 1);
      const std::size_t n = 1 + rng.below(4);
      for (std::size_t i = 0; i < n; ++i) {
        b.insert(b.begin() + static_cast<std::ptrdiff_t>(at),
                 static_cast<std::uint8_t>(rng.next()));
      }
      break;
    }
    case 4: {  // erase a short range
      if (b.empty()) break;
      const std::size_t at = rng.below(b.size());
      const std::size_t n = 1 + rng.below(std::min<std::size_t>(8, b.size() - at));
      b.erase(b.begin() + static_cast<std::ptrdiff_t>(at),
              b.begin() + static_cast<std::ptrdiff_t>(at + n));
      break;
    }
    case 5:  // truncate
      b.resize(rng.below(b.size() + 1));
      break;
    case 6: {  // duplicate a range of the input inside itself
      if (b.empty()) break;
      const std::size_t from = rng.below(b.size());
      const std::size_t n = 1 + rng.below(std::min<std::size_t>(16, b.size() - from));
      const bytes chunk(b.begin() + static_cast<std::ptrdiff_t>(from),
                        b.begin() + static_cast<std::ptrdiff_t>(from + n));
      b.insert(b.begin() + static_cast<std::ptrdiff_t>(rng.below(b.size() + 1)), chunk.begin(),
               chunk.end());
      break;
    }
    default: {  // splice: this input's head and another input's tail
      const bytes& other = corpus[rng.below(corpus.size())];
      b.resize(rng.below(b.size() + 1));
      const std::size_t from = rng.below(other.size() + 1);
      b.insert(b.end(), other.begin() + static_cast<std::ptrdiff_t>(from), other.end());
      break;
    }
  }
  if (b.size() > max_length) b.resize(max_length);
}

bool read_file(const std::filesystem::path& path, bytes& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

bool parse_count(std::string_view text, std::uint64_t& out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc{} && end == text.data() + text.size();
}

int usage(const char* program) {
  std::fprintf(stderr, "usage: %s [--runs=N] [--seed=S] <corpus directory or file>...\n", program);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::uint64_t runs = 2000;
  std::uint64_t seed = 0x6A6F696E65647570ULL;  // "joinedup"
  std::vector<std::filesystem::path> files;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg.starts_with("--runs=") || arg.starts_with("-runs=")) {
      if (!parse_count(arg.substr(arg.find('=') + 1), runs)) return usage(argv[0]);
    } else if (arg.starts_with("--seed=")) {
      if (!parse_count(arg.substr(7), seed)) return usage(argv[0]);
    } else if (arg.starts_with("-")) {
      return usage(argv[0]);
    } else if (std::filesystem::is_directory(argv[i])) {
      std::vector<std::filesystem::path> found;
      for (const auto& entry : std::filesystem::directory_iterator(argv[i])) {
        if (entry.is_regular_file()) found.push_back(entry.path());
      }
      std::sort(found.begin(), found.end());
      files.insert(files.end(), found.begin(), found.end());
    } else if (std::filesystem::is_regular_file(argv[i])) {
      files.emplace_back(argv[i]);
    } else {
      std::fprintf(stderr, "%s: no such file or directory: %s\n", argv[0], argv[i]);
      return 2;
    }
  }

  // A sanitizer handles SIGSEGV and SIGFPE itself (on its own stack, so stack overflows are
  // reported too) and calls the death callback; aborts and traps reach the handler here.
  bool sanitized = false;
#if defined(__GNUC__)
  if (__sanitizer_set_death_callback != nullptr) {
    __sanitizer_set_death_callback(report_current_input);
    sanitized = true;
  }
#endif
  std::signal(SIGABRT, on_fatal_signal);
  std::signal(SIGILL, on_fatal_signal);
  if (!sanitized) {
    std::signal(SIGSEGV, on_fatal_signal);
    std::signal(SIGFPE, on_fatal_signal);
  }

  std::vector<bytes> corpus;
  for (const std::filesystem::path& path : files) {
    bytes input;
    if (!read_file(path, input)) {
      std::fprintf(stderr, "%s: cannot read %s\n", argv[0], path.string().c_str());
      return 2;
    }
    const std::string origin = path.string();
    run_one(input, origin.c_str());
    corpus.push_back(std::move(input));
  }
  if (corpus.empty()) corpus.emplace_back();

  random_bits rng(seed);
  for (std::uint64_t run = 0; run < runs; ++run) {
    bytes input = corpus[rng.below(corpus.size())];
    for (std::size_t edits = 1 + rng.below(4); edits > 0; --edits)
      mutate_once(input, corpus, rng);
    const std::string origin =
        "mutation " + std::to_string(run) + " of --seed=" + std::to_string(seed);
    run_one(input, origin.c_str());
  }

  std::printf("%llu inputs, 0 failures\n", static_cast<unsigned long long>(files.size() + runs));
  return 0;
}
