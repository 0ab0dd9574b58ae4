# care: people, care plans (Care Act 2014 ss24-27, NHS CHC), named case managers, reviews,
# guarantee measures and plan costing; plus their JSON I/O and reports.
list(
  APPEND
  JOINEDUP_CORE_HEADERS
  include/joinedup/care.hpp
  include/joinedup/care/assignment.hpp
  include/joinedup/care/costing.hpp
  include/joinedup/care/guarantee.hpp
  include/joinedup/care/lifecycle.hpp
  include/joinedup/care/model.hpp
  include/joinedup/care/review.hpp
  include/joinedup/care/validate.hpp
  include/joinedup/care/detail/validate.hpp)

list(APPEND JOINEDUP_LIBRARY_HEADERS include/joinedup/io/care.hpp include/joinedup/report/care.hpp)

list(APPEND JOINEDUP_LIBRARY_SOURCES src/io/care_policy.cpp src/io/care_records.cpp
     src/report/care.cpp)

# care import: a case-management system's exports assembled into the care records document.
list(APPEND JOINEDUP_LIBRARY_HEADERS include/joinedup/io/care_import.hpp)
list(APPEND JOINEDUP_LIBRARY_SOURCES src/io/care_import.cpp)
