// joinedup: reading and writing the care review policy (data/care/review-policy.json), through
// the field lists of its document.
#include "fields_json.hpp"
#include "joinedup/io/care.hpp"

JOINEDUP_BEGIN_NAMESPACE
namespace io {
namespace {

/// The rule for requested reviews, as the document writes it.
struct request_rule {
  std::int64_t due_days = 28;  ///< a requested review is due this many days later
  std::string source;          ///< where the rule comes from
  std::string confidence;      ///< "C", "R" or "U"
};

/// The review policy document: a rule for Care Act plans, one for CHC plans, one for requests.
struct policy_document {
  care::review_rule care_act;  ///< Care Act 2014 plans
  care::review_rule chc;       ///< NHS Continuing Healthcare plans
  request_rule on_request;     ///< requested reviews
};

}  // namespace
}  // namespace io

/// The fields of a review rule (here rather than beside the struct: only this document reads
/// rules).
template <>
inline constexpr auto fields_of<care::review_rule> =
    std::tuple{field("first_review_earliest_days", &care::review_rule::first_earliest_days),
               field("first_review_due_days", &care::review_rule::first_due_days),
               field("first_review_due_months", &care::review_rule::first_due_months),
               field("interval_months", &care::review_rule::interval_months),
               field("source", &care::review_rule::source),
               field("confidence", &care::review_rule::confidence)};

/// The fields of the rule for requested reviews.
template <>
inline constexpr auto fields_of<io::request_rule> = std::tuple{
    field("due_days", &io::request_rule::due_days), field("source", &io::request_rule::source),
    field("confidence", &io::request_rule::confidence)};

/// The fields of the review policy document ("notes" is for people and not read).
template <>
inline constexpr auto fields_of<io::policy_document> = std::tuple{
    field("care_act", &io::policy_document::care_act), field("chc", &io::policy_document::chc),
    field("on_request", &io::policy_document::on_request)};

namespace io {
namespace {

/// Largest count accepted for any policy interval (100 years in months).
constexpr std::int64_t max_count = 1200;

/// Adds care.policy.value when the count `key` of the object at `at` is outside 0 to max_count.
void check_count(std::int64_t v, const json_pointer& at, std::string_view key, diagnostics& diags) {
  if (v >= 0 && v <= max_count) return;
  diags.error("care.policy.value", at.key(key).str(),
              "'" + std::string(key) + "' must be a whole number from 0 to " +
                  std::to_string(max_count) + ", found " + std::to_string(v));
}

/// Checks a rule's counts.
void check_rule(const care::review_rule& r, const json_pointer& at, diagnostics& diags) {
  check_count(r.first_earliest_days, at, "first_review_earliest_days", diags);
  check_count(r.first_due_days, at, "first_review_due_days", diags);
  check_count(r.first_due_months, at, "first_review_due_months", diags);
  check_count(r.interval_months, at, "interval_months", diags);
}

}  // namespace

std::optional<care::review_policy> read_review_policy(std::string_view json_text,
                                                      diagnostics& diags) {
  const std::optional<detail::json> doc = detail::parse_json(json_text, diags);
  if (!doc || !detail::check_schema(*doc, care_review_policy_schema, diags)) return std::nullopt;
  policy_document in;
  (void)detail::read_fields(*doc, in, json_pointer{}, diags, {"schema", "notes"});
  const json_pointer root;
  check_rule(in.care_act, root.key("care_act"), diags);
  check_rule(in.chc, root.key("chc"), diags);
  check_count(in.on_request.due_days, root.key("on_request"), "due_days", diags);
  return care::review_policy{std::move(in.care_act), std::move(in.chc), in.on_request.due_days,
                             std::move(in.on_request.source), std::move(in.on_request.confidence)};
}

std::string write_review_policy(const care::review_policy& p) {
  return detail::write_document(
      policy_document{
          p.care_act, p.chc, {p.request_due_days, p.request_source, p.request_confidence}},
      care_review_policy_schema);
}

}  // namespace io
JOINEDUP_END_NAMESPACE
