# outcomes, funnel plots (PHEindicatormethods 2.1.0 calculate_funnel_limits,
# assign_funnel_significance, calculate_funnel_points): the header, its arithmetic in
# outcomes/detail/, and the `outcomes stats` methods funnel_limits, funnel_significance and
# funnel_points.
list(APPEND JOINEDUP_CORE_HEADERS include/joinedup/outcomes/funnel.hpp
     include/joinedup/outcomes/detail/funnel_engine.hpp)

list(APPEND JOINEDUP_LIBRARY_SOURCES src/io/stats_funnel.cpp)
