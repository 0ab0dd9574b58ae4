# outcomes: indicator definitions and catalogue, statistics with confidence intervals
# (PHEindicatormethods), benchmark comparison, targets and trajectories, SPC (NHSRplotthedots),
# the scorecard; plus its io (catalogue, framework, measurements CSV, JSON lines) and report.
list(
  APPEND
  JOINEDUP_CORE_HEADERS
  include/joinedup/outcomes.hpp
  include/joinedup/outcomes/benchmark.hpp
  include/joinedup/outcomes/distributions.hpp
  include/joinedup/outcomes/indicator.hpp
  include/joinedup/outcomes/scorecard.hpp
  include/joinedup/outcomes/spc.hpp
  include/joinedup/outcomes/statistics.hpp
  include/joinedup/outcomes/target.hpp)

list(APPEND JOINEDUP_LIBRARY_HEADERS include/joinedup/io/outcomes.hpp
     include/joinedup/report/outcomes.hpp)

list(APPEND JOINEDUP_LIBRARY_SOURCES src/io/outcomes.cpp src/io/outcomes_jsonl.cpp
     src/io/stats_methods.cpp
     src/report/outcomes.cpp)

# outcomes import: a Fingertips data download read into the measurements CSV.
list(APPEND JOINEDUP_LIBRARY_HEADERS include/joinedup/io/fingertips_import.hpp)
list(APPEND JOINEDUP_LIBRARY_SOURCES src/io/fingertips_import.cpp)
