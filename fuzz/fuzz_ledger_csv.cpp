// Fuzz target: joinedup::io::read_ledger_csv and the streaming ledger_csv_reader, then forecast
// and settlement on what was accepted. Invariants: every data row is either accepted or rejected;
// the control total is the sum of the kinds; reading the text in two blocks split anywhere gives
// the same counts and totals as reading it whole; and the settlement of the forecast balances to
// the penny (variance = partners' shares + pool movements). A forecast beyond the range of
// money is the one documented exception (overflow_error).
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <joinedup/budget/forecast.hpp>
#include <joinedup/budget/settle.hpp>
#include <joinedup/core/diagnostics.hpp>
#include <joinedup/io/ledger_csv.hpp>
#include <string_view>

#include "fuzz_check.hpp"

namespace {

/// A small 2025-26 fund: an ICB and a council, three lines (L01 NHS, L02 council, L03 joint).
joinedup::budget::pooled_fund make_fund() {
  using namespace joinedup::budget;
  pooled_fund f;
  f.name = "Fuzz fund";
  f.year = joinedup::financial_year::starting(2025);
  partner icb;
  icb.id = "icb";
  icb.kind = partner_kind::icb;
  partner council;
  council.id = "council";
  council.kind = partner_kind::council;
  f.partners = {icb, council};
  f.host = "council";
  contribution a;
  a.partner = "icb";
  a.source = "nhs_minimum";
  a.amount = joinedup::money::from_pence(300'000'00);
  contribution b;
  b.partner = "council";
  b.source = "la_better_care_grant";
  b.amount = joinedup::money::from_pence(100'000'00);
  f.contributions = {a, b};
  expenditure_line l1;
  l1.id = "L01";
  l1.scheme = "S1";
  l1.commissioner = commissioner_kind::nhs;
  l1.source = "nhs_minimum";
  l1.planned = joinedup::money::from_pence(300'000'00);
  expenditure_line l2 = l1;
  l2.id = "L02";
  l2.commissioner = commissioner_kind::local_authority;
  l2.source = "la_better_care_grant";
  l2.planned = joinedup::money::from_pence(60'000'00);
  expenditure_line l3 = l2;
  l3.id = "L03";
  l3.scheme = "S2";
  l3.risk = risk_class::fixed;
  l3.planned = joinedup::money::from_pence(40'000'00);
  f.lines = {l1, l2, l3};
  f.risk_share.default_rule = {overspend_rule::proportional_to_contributions,
                               underspend_rule::return_pro_rata};
  f.risk_share.offset_underspends = true;
  f.risk_share.risk_pool = joinedup::money::from_pence(5'000'00);
  return f;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  return joinedup_fuzz::run([&] {
    static const joinedup::budget::pooled_fund fund = make_fund();
    const std::string_view text = joinedup_fuzz::as_text(data, size);
    joinedup::diagnostics diags;
    const joinedup::io::ledger_load whole = joinedup::io::read_ledger_csv(text, fund, diags);
    const joinedup::io::ledger_control_totals& c = whole.control;
    JOINEDUP_FUZZ_CHECK(c.rows_read == c.rows_accepted + c.rows_rejected);
    JOINEDUP_FUZZ_CHECK(c.total == c.by_kind.total());
    JOINEDUP_FUZZ_CHECK(c.rows_rejected == 0 || diags.has_errors());

    // The same text in two blocks, split at a point taken from the input's length.
    const std::size_t cut = text.empty() ? 0 : (text.size() * 7 / 13);
    joinedup::diagnostics split_diags;
    joinedup::io::ledger_csv_reader reader(fund, split_diags);
    reader.feed(text.substr(0, cut));
    reader.feed(text.substr(cut));
    const joinedup::io::ledger_load split = reader.finish();
    JOINEDUP_FUZZ_CHECK(split.control.rows_read == c.rows_read);
    JOINEDUP_FUZZ_CHECK(split.control.rows_accepted == c.rows_accepted);
    JOINEDUP_FUZZ_CHECK(split.control.total == c.total);
    JOINEDUP_FUZZ_CHECK(split.control.by_kind == c.by_kind);

    // Forecast mid-year and settle: the identity holds exactly whatever was accepted.
    const std::chrono::year_month_day as_of{std::chrono::year{2025}, std::chrono::November,
                                            std::chrono::day{30}};
    joinedup::budget::outturns outs;
    try {  // documented: a forecast beyond the range of money throws overflow_error
      outs = joinedup::budget::forecast_outturns(fund, whole.summary, as_of,
                                                 joinedup::budget::forecast_method::run_rate);
    } catch (const joinedup::overflow_error&) {
      return;
    }
    joinedup::diagnostics settle_diags;
    const joinedup::result<joinedup::budget::settlement> s =
        joinedup::budget::try_settle(fund, outs, &settle_diags);
    if (s) JOINEDUP_FUZZ_CHECK(s->balances());
  });
}
