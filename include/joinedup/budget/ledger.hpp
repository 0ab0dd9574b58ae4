// joinedup: the ledger of a pooled fund. Transactions (actual, accrual, commitment, adjustment)
// are summarised as they stream in, per expenditure line, per day of the financial year and per
// kind, so that monthly, quarterly and year-to-date figures can be asked for afterwards without
// keeping the transactions. Roll-ups by scheme, funding source and partner share money exactly.
//
// What counts as spend: actual + accrual + adjustment. Commitments (orders raised but not yet
// invoiced) are a separate measure, "commitments outstanding", and are never spend.
// Definitions and a worked example: docs/budget-ledger.md.
#pragma once

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "joinedup/budget/pooled_fund.hpp"
#include "joinedup/core/allocate.hpp"
#include "joinedup/core/money.hpp"
#include "joinedup/core/period.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace budget {

/// The kind of a ledger transaction.
enum class transaction_kind : std::uint8_t {
  actual,   ///< money paid or invoiced: spend
  accrual,  ///< spend incurred but not yet invoiced (reversed by a negative accrual later): spend
  commitment,  ///< an order raised and not yet invoiced: not spend (negative when discharged)
  adjustment,  ///< a journal correcting spend (recharges, miscodings): spend
};

/// How many transaction kinds there are.
inline constexpr std::size_t transaction_kind_count = 4;

/// The kinds in order, for iteration.
inline constexpr std::array<transaction_kind, transaction_kind_count> transaction_kinds = {
    transaction_kind::actual, transaction_kind::accrual, transaction_kind::commitment,
    transaction_kind::adjustment};

/// The snake_case name of a kind ("actual", "accrual", "commitment", "adjustment").
constexpr std::string_view to_string(transaction_kind k) noexcept {
  switch (k) {
    case transaction_kind::actual:
      return "actual";
    case transaction_kind::accrual:
      return "accrual";
    case transaction_kind::commitment:
      return "commitment";
    case transaction_kind::adjustment:
      return "adjustment";
  }
  return "actual";
}

/// The kind named exactly by `text` (one of the names to_string gives), or nullopt.
constexpr std::optional<transaction_kind> parse_transaction_kind(std::string_view text) noexcept {
  for (transaction_kind k : transaction_kinds) {
    if (to_string(k) == text) return k;
  }
  return std::nullopt;
}

/// True for the kinds that count as spend: actual, accrual and adjustment (not commitment).
constexpr bool counts_as_spend(transaction_kind k) noexcept {
  return k != transaction_kind::commitment;
}

/// One ledger transaction against an expenditure line.
struct transaction {
  std::chrono::year_month_day date{};  ///< the transaction date (must fall in the fund's year)
  std::string line;                    ///< expenditure line id
  money amount;                        ///< signed amount: a credit or reversal is negative
  transaction_kind kind = transaction_kind::actual;  ///< actual, accrual, commitment, adjustment
  std::string reference;        ///< the finance system's reference (invoice, journal, order number)
  std::size_t source_line = 0;  ///< 1-based line of the source file it came from (0: not a file)
  /// Memberwise equality.
  friend bool operator==(const transaction&, const transaction&) = default;
};

/// Amounts of each transaction kind, with the derived measures spend and commitments.
struct kind_totals {
  std::array<money, transaction_kind_count> amounts{};  ///< indexed by transaction_kind

  /// The amount of kind `k`.
  [[nodiscard]] constexpr money operator[](transaction_kind k) const noexcept {
    return amounts[static_cast<std::size_t>(k)];
  }
  /// The amount of kind `k`, for update.
  [[nodiscard]] constexpr money& operator[](transaction_kind k) noexcept {
    return amounts[static_cast<std::size_t>(k)];
  }
  /// Spend: actual + accrual + adjustment (checked).
  [[nodiscard]] constexpr money spend() const {
    return (*this)[transaction_kind::actual] + (*this)[transaction_kind::accrual] +
           (*this)[transaction_kind::adjustment];
  }
  /// Commitments: the net of commitment transactions (raised minus discharged).
  [[nodiscard]] constexpr money commitments() const noexcept {
    return (*this)[transaction_kind::commitment];
  }
  /// Every kind added together: the control total of the transactions (checked).
  [[nodiscard]] constexpr money total() const { return spend() + commitments(); }
  /// Adds another set of totals kind by kind (checked).
  constexpr kind_totals& operator+=(const kind_totals& other) {
    for (std::size_t i = 0; i < transaction_kind_count; ++i)
      amounts[i] += other.amounts[i];
    return *this;
  }
  /// Memberwise equality.
  friend constexpr bool operator==(const kind_totals&, const kind_totals&) = default;
};

/// A hash index from expenditure line id to the line's position in the fund, built once.
/// Open addressing with linear probing over a power-of-two table at most half full; exact
/// byte-for-byte matching of ids. The first of duplicate ids wins (duplicates are a fund
/// validation error elsewhere).
class line_index {
 public:
  /// Marks "not found".
  static constexpr std::size_t npos = std::numeric_limits<std::size_t>::max();

  /// An index of no lines.
  line_index() = default;
  /// An index of `ids` in order: find(ids[i]) == i.
  explicit line_index(std::vector<std::string> ids) : ids_(std::move(ids)) {
    std::size_t capacity = 8;
    while (capacity < 2 * ids_.size())
      capacity *= 2;
    slots_.assign(capacity, 0);
    mask_ = capacity - 1;
    for (std::size_t i = 0; i < ids_.size(); ++i) {
      if (find(ids_[i]) != npos) continue;
      std::size_t s = static_cast<std::size_t>(hash(ids_[i])) & mask_;
      while (slots_[s] != 0)
        s = (s + 1) & mask_;
      slots_[s] = i + 1;
    }
  }
  /// An index of the fund's expenditure line ids, in the fund's line order.
  explicit line_index(const pooled_fund& fund) : line_index(ids_of(fund)) {}

  /// The position of the line with this id, or npos.
  [[nodiscard]] std::size_t find(std::string_view id) const noexcept {
    if (slots_.empty()) return npos;
    std::size_t s = static_cast<std::size_t>(hash(id)) & mask_;
    while (true) {
      const std::size_t slot = slots_[s];
      if (slot == 0) return npos;
      if (equal(ids_[slot - 1], id)) return slot - 1;
      s = (s + 1) & mask_;
    }
  }
  /// The number of ids indexed (including any duplicates).
  [[nodiscard]] std::size_t size() const noexcept { return ids_.size(); }
  /// The id at position `i` (precondition: i < size()).
  [[nodiscard]] const std::string& id(std::size_t i) const {
    JOINEDUP_EXPECTS(i < ids_.size());
    return ids_[i];
  }
  /// The ids in order.
  [[nodiscard]] const std::vector<std::string>& ids() const noexcept { return ids_; }

  /// True when the two ids are byte-for-byte equal (inline for the short ids funds use).
  [[nodiscard]] static bool equal(std::string_view a, std::string_view b) noexcept {
    const std::size_t n = a.size();
    if (n != b.size()) return false;
    if (n <= 16) {
      for (std::size_t i = 0; i < n; ++i) {
        if (a[i] != b[i]) return false;
      }
      return true;
    }
    return std::memcmp(a.data(), b.data(), n) == 0;
  }
  /// A 64-bit hash of a short id: its length and up to its first and last eight bytes, mixed
  /// (a murmur-style finaliser). Fast for the short ids funds use; not for untrusted keys at
  /// scale (the table only holds the fund's own ids, so hostile input cannot grow it).
  [[nodiscard]] static std::uint64_t hash(std::string_view id) noexcept {
    std::uint64_t a = 0;
    std::uint64_t b = 0;
    const std::size_t n = id.size();
    if (n >= 8) {
      std::memcpy(&a, id.data(), 8);
      std::memcpy(&b, id.data() + n - 8, 8);
    } else {
      for (std::size_t i = 0; i < n; ++i)
        a |= std::uint64_t{static_cast<unsigned char>(id[i])} << (8 * i);
    }
    std::uint64_t h = a * 0x9E3779B97F4A7C15ULL ^ (b + n) * 0xC2B2AE3D27D4EB4FULL;
    for (std::size_t i = 16; i < n; ++i)  // long ids: the middle bytes too
      h = (h ^ static_cast<unsigned char>(id[i - 8])) * 0x100000001B3ULL;
    h ^= h >> 33;
    h *= 0xFF51AFD7ED558CCDULL;
    h ^= h >> 33;
    return h;
  }

 private:
  static std::vector<std::string> ids_of(const pooled_fund& fund) {
    std::vector<std::string> ids;
    ids.reserve(fund.lines.size());
    for (const expenditure_line& l : fund.lines)
      ids.push_back(l.id);
    return ids;
  }

  std::vector<std::string> ids_;
  std::vector<std::size_t> slots_;  // 0 empty, else position + 1
  std::size_t mask_ = 0;
};

/// What happened to a transaction offered to a ledger_summary.
enum class add_outcome : std::uint8_t {
  added,         ///< summarised
  unknown_line,  ///< no expenditure line has that id (or position)
  outside_year,  ///< the date is not in the summary's financial year (or is not a real date)
  out_of_range,  ///< the sum of the magnitudes of all amounts would pass the range of money
};

/// The snake_case name of an outcome ("added", "unknown_line", "outside_year", "out_of_range").
constexpr std::string_view to_string(add_outcome o) noexcept {
  switch (o) {
    case add_outcome::added:
      return "added";
    case add_outcome::unknown_line:
      return "unknown_line";
    case add_outcome::outside_year:
      return "outside_year";
    case add_outcome::out_of_range:
      return "out_of_range";
  }
  return "added";
}

/// The ledger of a pooled fund for one financial year, summarised as transactions stream in:
/// for each expenditure line, each day of the year and each kind, the net amount. Nothing else
/// of a transaction is kept, so memory is (lines × days in the year × 4) amounts, about 11.7 KB
/// a line, whatever the number of transactions.
///
/// Measures (all exact, in pence):
/// - spend = actual + accrual + adjustment; commitments = net commitment transactions;
/// - a month, a quarter or any date range: the transactions dated in it;
/// - year to date as of D: the transactions dated 1 April up to and including D (nothing before
///   the year starts, the whole year on or after 31 March);
/// - commitments outstanding as of D: commitment transactions dated on or before D.
///
/// Every amount accepted is bounded so that the sum of the magnitudes of all amounts fits in
/// money; hence no total the summary gives (any line, day, kind or roll-up) can overflow.
class ledger_summary {
 public:
  /// An empty summary of no lines for 2025-26.
  ledger_summary() = default;
  /// An empty summary of the fund's lines (in the fund's order) for the fund's year.
  explicit ledger_summary(const pooled_fund& fund) : ledger_summary(fund.year, line_index(fund)) {}
  /// An empty summary of the indexed lines for financial year `year`.
  ledger_summary(financial_year year, line_index lines)
      : year_(year),
        start_(std::chrono::sys_days{year.first_day()}),
        days_(static_cast<std::size_t>(year.days())),
        lines_(std::move(lines)),
        cells_(lines_.size() * days_ * transaction_kind_count, 0),
        line_counts_(lines_.size(), 0),
        day_counts_(days_, 0) {}

  /// Adds a transaction by line position and day. Returns added, or why it was not: the line
  /// position is not < line_count() (unknown_line), the day is outside the year (outside_year),
  /// or the amount would take the gross total past the range of money (out_of_range). A
  /// transaction that is not added changes nothing.
  add_outcome add(std::size_t line, std::chrono::sys_days date, money amount,
                  transaction_kind kind) noexcept {
    if (line >= lines_.size()) return add_outcome::unknown_line;
    const auto offset = (date - start_).count();
    if (offset < 0 || static_cast<std::size_t>(offset) >= days_) return add_outcome::outside_year;
    const std::int64_t p = amount.pence();
    const std::uint64_t magnitude =
        p < 0 ? std::uint64_t{0} - static_cast<std::uint64_t>(p) : static_cast<std::uint64_t>(p);
    if (magnitude > gross_limit - gross_) return add_outcome::out_of_range;
    gross_ += magnitude;
    const std::size_t day = static_cast<std::size_t>(offset);
    cells_[(line * days_ + day) * transaction_kind_count + static_cast<std::size_t>(kind)] += p;
    ++line_counts_[line];
    ++day_counts_[day];
    ++count_;
    return add_outcome::added;
  }
  /// Adds a transaction by line id and calendar date (see the other overload). A date that is
  /// not ok() is outside_year.
  add_outcome add(const transaction& t) noexcept {
    const std::size_t line = lines_.find(t.line);
    if (line == line_index::npos) return add_outcome::unknown_line;
    if (!t.date.ok()) return add_outcome::outside_year;
    return add(line, std::chrono::sys_days{t.date}, t.amount, t.kind);
  }

  /// The financial year summarised.
  [[nodiscard]] financial_year year() const noexcept { return year_; }
  /// The number of lines.
  [[nodiscard]] std::size_t line_count() const noexcept { return lines_.size(); }
  /// The line index (ids in fund order).
  [[nodiscard]] const line_index& lines() const noexcept { return lines_; }
  /// The position of the line with this id, or line_index::npos.
  [[nodiscard]] std::size_t find_line(std::string_view id) const noexcept {
    return lines_.find(id);
  }
  /// The number of transactions added.
  [[nodiscard]] std::size_t transaction_count() const noexcept { return count_; }
  /// The number of transactions added against line `line` (precondition: line < line_count()).
  [[nodiscard]] std::size_t transaction_count(std::size_t line) const {
    JOINEDUP_EXPECTS(line < lines_.size());
    return line_counts_[line];
  }
  /// The number of transactions dated after `as_of` (those year to date as of `as_of` leaves
  /// out).
  [[nodiscard]] std::size_t transactions_after(std::chrono::year_month_day as_of) const {
    std::size_t n = 0;
    for (std::size_t d = days_through(as_of); d < days_; ++d)
      n += day_counts_[d];
    return n;
  }
  /// The earliest and latest transaction dates, or nullopt when there are no transactions.
  [[nodiscard]] std::optional<date_range> dates() const {
    std::size_t first = 0;
    while (first < days_ && day_counts_[first] == 0)
      ++first;
    if (first == days_) return std::nullopt;
    std::size_t last = days_ - 1;
    while (day_counts_[last] == 0)
      --last;
    return date_range(day(first), day(last));
  }
  /// The sum of the magnitudes of every amount added (a measure of ledger activity).
  [[nodiscard]] money gross() const noexcept {
    return money::from_pence(static_cast<std::int64_t>(gross_));
  }

  /// Line `line`'s transactions dated in `range` (clipped to the year; nothing when the range
  /// and the year do not overlap), by kind. Precondition: line < line_count().
  [[nodiscard]] kind_totals in_range(std::size_t line, const date_range& range) const {
    JOINEDUP_EXPECTS(line < lines_.size());
    kind_totals out;
    const std::optional<date_range> clipped = range.intersection(year_.range());
    if (!clipped) return out;
    const auto from = static_cast<std::size_t>((clipped->first() - start_).count());
    const auto to = static_cast<std::size_t>((clipped->last() - start_).count());
    std::array<std::int64_t, transaction_kind_count> sum{};
    const std::int64_t* cell = &cells_[(line * days_ + from) * transaction_kind_count];
    for (std::size_t d = from; d <= to; ++d) {
      for (std::size_t k = 0; k < transaction_kind_count; ++k)
        sum[k] += *cell++;
    }
    for (std::size_t k = 0; k < transaction_kind_count; ++k)
      out.amounts[k] = money::from_pence(sum[k]);
    return out;
  }
  /// Line `line`'s transactions in financial month `m` (nothing when `m` is in another year).
  [[nodiscard]] kind_totals in_month(std::size_t line, const financial_month& m) const {
    return in_range(line, m.range());
  }
  /// Line `line`'s transactions in financial quarter `q` (nothing when in another year).
  [[nodiscard]] kind_totals in_quarter(std::size_t line, const financial_quarter& q) const {
    return in_range(line, q.range());
  }
  /// Line `line`'s transactions for the whole year.
  [[nodiscard]] kind_totals year_total(std::size_t line) const {
    return in_range(line, year_.range());
  }
  /// Line `line`'s transactions year to date: dated 1 April to `as_of` inclusive (nothing
  /// before the year starts; the whole year on or after its end).
  [[nodiscard]] kind_totals to_date(std::size_t line, std::chrono::year_month_day as_of) const {
    JOINEDUP_EXPECTS(line < lines_.size());
    const std::size_t through = days_through(as_of);
    if (through == 0) return kind_totals{};
    return in_range(line, date_range(start_, day(through - 1)));
  }
  /// Line `line`'s spend (actual + accrual + adjustment) year to date as of `as_of`.
  [[nodiscard]] money spend_to_date(std::size_t line, std::chrono::year_month_day as_of) const {
    return to_date(line, as_of).spend();
  }
  /// Line `line`'s commitments outstanding as of `as_of`: commitment transactions dated on or
  /// before `as_of` (raised minus discharged; may be negative if discharges were over-recorded).
  [[nodiscard]] money commitments_outstanding(std::size_t line,
                                              std::chrono::year_month_day as_of) const {
    return to_date(line, as_of).commitments();
  }
  /// Line `line`'s spend in each financial month, M01 (April) to M12 (March).
  [[nodiscard]] std::array<money, 12> monthly_spend(std::size_t line) const {
    std::array<money, 12> out{};
    for (int m = 1; m <= 12; ++m)
      out[static_cast<std::size_t>(m - 1)] = in_month(line, year_.month(m)).spend();
    return out;
  }
  /// Line `line`'s spend in each financial quarter, Q1 (April-June) to Q4 (January-March).
  [[nodiscard]] std::array<money, 4> quarterly_spend(std::size_t line) const {
    std::array<money, 4> out{};
    for (int q = 1; q <= 4; ++q)
      out[static_cast<std::size_t>(q - 1)] = in_quarter(line, year_.quarter(q)).spend();
    return out;
  }

  /// Every line's spend year to date as of `as_of`, in line order.
  [[nodiscard]] std::vector<money> spend_to_date(std::chrono::year_month_day as_of) const {
    std::vector<money> out(lines_.size());
    for (std::size_t i = 0; i < lines_.size(); ++i)
      out[i] = spend_to_date(i, as_of);
    return out;
  }
  /// Every line's commitments outstanding as of `as_of`, in line order.
  [[nodiscard]] std::vector<money> commitments_outstanding(
      std::chrono::year_month_day as_of) const {
    std::vector<money> out(lines_.size());
    for (std::size_t i = 0; i < lines_.size(); ++i)
      out[i] = commitments_outstanding(i, as_of);
    return out;
  }
  /// Every line's spend in `range`, in line order.
  [[nodiscard]] std::vector<money> spend_in(const date_range& range) const {
    std::vector<money> out(lines_.size());
    for (std::size_t i = 0; i < lines_.size(); ++i)
      out[i] = in_range(i, range).spend();
    return out;
  }
  /// All lines' transactions in `range`, by kind (the fund level).
  [[nodiscard]] kind_totals fund_in_range(const date_range& range) const {
    kind_totals out;
    for (std::size_t i = 0; i < lines_.size(); ++i)
      out += in_range(i, range);
    return out;
  }
  /// All lines' transactions year to date as of `as_of`, by kind (the fund level).
  [[nodiscard]] kind_totals fund_to_date(std::chrono::year_month_day as_of) const {
    kind_totals out;
    for (std::size_t i = 0; i < lines_.size(); ++i)
      out += to_date(i, as_of);
    return out;
  }

  /// How many days of the year fall on or before `as_of` (0 before 1 April, all on or after
  /// 31 March).
  [[nodiscard]] std::size_t days_through(std::chrono::year_month_day as_of) const {
    const auto n = (std::chrono::sys_days{as_of} - start_).count() + 1;
    if (n <= 0) return 0;
    return static_cast<std::size_t>(n) < days_ ? static_cast<std::size_t>(n) : days_;
  }

  /// Memberwise equality.
  friend bool operator==(const ledger_summary& a, const ledger_summary& b) {
    return a.year_ == b.year_ && a.lines_.ids() == b.lines_.ids() && a.cells_ == b.cells_ &&
           a.line_counts_ == b.line_counts_ && a.day_counts_ == b.day_counts_;
  }

 private:
  static constexpr std::uint64_t gross_limit =
      static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max());

  [[nodiscard]] std::chrono::sys_days day(std::size_t offset) const {
    return start_ + std::chrono::days{static_cast<std::int64_t>(offset)};
  }

  financial_year year_ = financial_year::starting(2025);
  std::chrono::sys_days start_{std::chrono::sys_days{financial_year::starting(2025).first_day()}};
  std::size_t days_ = 365;
  line_index lines_;
  std::vector<std::int64_t> cells_;  // [line][day][kind], pence
  std::vector<std::size_t> line_counts_;
  std::vector<std::size_t> day_counts_;
  std::size_t count_ = 0;
  std::uint64_t gross_ = 0;
};

/// An amount under a key (a scheme id, a funding source or a partner id).
struct keyed_amount {
  std::string key;  ///< what the amount belongs to
  money amount;     ///< the amount
  /// Memberwise equality.
  friend bool operator==(const keyed_amount&, const keyed_amount&) = default;
};

/// A roll-up: amounts by key, in a stated order.
using rollup = std::vector<keyed_amount>;

/// The sum of per-line amounts (the fund total), checked.
[[nodiscard]] inline money fund_total(std::span<const money> per_line) {
  money total;
  for (money m : per_line)
    total += m;
  return total;
}

namespace detail {
/// Adds `amount` under `key`, appending the key when new.
inline void add_to(rollup& r, std::string_view key, money amount) {
  for (keyed_amount& k : r) {
    if (k.key == key) {
      k.amount += amount;
      return;
    }
  }
  r.push_back({std::string(key), amount});
}
}  // namespace detail

/// Per-line amounts (in fund line order) rolled up by scheme: the fund's schemes in order, then
/// any scheme id used by a line but not listed, in line order. Precondition: one amount per
/// line.
[[nodiscard]] inline rollup rollup_by_scheme(const pooled_fund& fund,
                                             std::span<const money> per_line) {
  JOINEDUP_EXPECTS(per_line.size() == fund.lines.size());
  rollup out;
  for (const scheme& s : fund.schemes)
    detail::add_to(out, s.id, money{});
  for (std::size_t i = 0; i < fund.lines.size(); ++i)
    detail::add_to(out, fund.lines[i].scheme, per_line[i]);
  return out;
}

/// Per-line amounts rolled up by funding source: sources in order of first appearance in the
/// contributions, then any further source used by a line, in line order. Precondition: one
/// amount per line.
[[nodiscard]] inline rollup rollup_by_source(const pooled_fund& fund,
                                             std::span<const money> per_line) {
  JOINEDUP_EXPECTS(per_line.size() == fund.lines.size());
  rollup out;
  for (const contribution& c : fund.contributions)
    detail::add_to(out, c.source, money{});
  for (std::size_t i = 0; i < fund.lines.size(); ++i)
    detail::add_to(out, fund.lines[i].source, per_line[i]);
  return out;
}

/// A roll-up by partner, with what could not be attributed to any partner.
struct partner_rollup {
  rollup partners;     ///< the fund's partners in order, then any other contributing partner
  money unattributed;  ///< amounts on funding sources with no positive contribution to split by
  /// partners' amounts plus unattributed: always equals the fund total (checked).
  [[nodiscard]] money total() const {
    money t = unattributed;
    for (const keyed_amount& k : partners)
      t += k.amount;
    return t;
  }
  /// Memberwise equality.
  friend bool operator==(const partner_rollup&, const partner_rollup&) = default;
};

/// Per-line amounts rolled up by partner through each line's funding source: the amount of each
/// source is shared among the partners in proportion to their contributions to that source
/// (joinedup::allocate, largest remainder, ties to the earlier partner), so no penny is lost:
/// partners plus unattributed always add up to fund_total(per_line) exactly. A source that no
/// partner contributes to, or whose contributions are not all zero or more with a positive
/// total, cannot be shared: its amount goes to `unattributed`. Partners are listed in the fund's
/// order, then any partner id found only in contributions. Precondition: one amount per line.
[[nodiscard]] inline partner_rollup rollup_by_partner(const pooled_fund& fund,
                                                      std::span<const money> per_line) {
  partner_rollup out;
  for (const partner& p : fund.partners)
    detail::add_to(out.partners, p.id, money{});
  for (const contribution& c : fund.contributions)
    detail::add_to(out.partners, c.partner, money{});
  const rollup sources = rollup_by_source(fund, per_line);
  std::vector<money> weights(out.partners.size());
  for (const keyed_amount& s : sources) {
    if (s.amount.is_zero()) continue;
    std::fill(weights.begin(), weights.end(), money{});
    for (const contribution& c : fund.contributions) {
      if (c.source != s.key) continue;
      for (std::size_t p = 0; p < out.partners.size(); ++p) {
        if (out.partners[p].key == c.partner) weights[p] += c.amount;
      }
    }
    const result<std::vector<money>> shares = allocate(s.amount, weights);
    if (!shares) {
      out.unattributed += s.amount;
      continue;
    }
    for (std::size_t p = 0; p < out.partners.size(); ++p)
      out.partners[p].amount += (*shares)[p];
  }
  return out;
}

}  // namespace budget
JOINEDUP_END_NAMESPACE
