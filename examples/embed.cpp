// The README's embedding example: read amounts exactly, share a total to the penny, and report
// bad input as diagnostics instead of crashing.
#include <fmt/format.h>

#include <joinedup/core/format.hpp>
#include <joinedup/joinedup.hpp>

int main() {
  using namespace joinedup;
  // Two partners' contributions to a pooled fund, read exactly from text.
  const money icb = money::parse("600,000.00").value();
  const money council = money::parse("400,000.00").value();
  // An overspend of £1,000,000.01 shared in proportion to contributions: parts add up exactly.
  const money overspend = money::parse("1000000.01").value();
  const money weights[] = {council, icb};
  const std::vector<money> shares = allocate(overspend, weights).value();
  fmt::print("Council {:>16}\nICB     {:>16}\nTotal   {:>16}\n", shares[0], shares[1],
             shares[0] + shares[1]);

  // Bad input is a diagnostic with a stable code, never a crash or a silent rounding.
  diagnostics diags;
  collect(money::parse("12.345"), diags, "/amounts/0");
  collect(nhs_number::parse("9434765918"), diags, "/people/0/nhs_number");
  for (const diagnostic& d : diags)
    fmt::print("{}\n", d);
  return diags.size() == 2 ? 0 : 1;
}
