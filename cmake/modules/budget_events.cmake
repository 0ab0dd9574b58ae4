# budget events: a pooled fund through its year — dated in-year events (contribution variations,
# virements, new schemes and lines, risk-share deviations, instalment schedules), the fund as it
# stands on a date, and the events read from their own document or from the audit trail.
list(APPEND JOINEDUP_CORE_HEADERS include/joinedup/budget/events.hpp)

list(APPEND JOINEDUP_LIBRARY_HEADERS include/joinedup/io/fund_events.hpp)

list(APPEND JOINEDUP_LIBRARY_SOURCES src/io/fund_events.cpp)

# More than one year: next year's fund from this year's and its settlement.
list(APPEND JOINEDUP_CORE_HEADERS include/joinedup/budget/roll_forward.hpp)
list(APPEND JOINEDUP_LIBRARY_HEADERS include/joinedup/io/roll_forward.hpp)
list(APPEND JOINEDUP_LIBRARY_SOURCES src/io/roll_forward.cpp)
