# outcomes: quantile assignment (phe_quantile) and the slope index of inequality (phe_sii) of
# PHEindicatormethods 2.1.0, with their `outcomes stats` methods "quantile" and "sii".
list(APPEND JOINEDUP_CORE_HEADERS include/joinedup/outcomes/quantile.hpp
     include/joinedup/outcomes/sii.hpp)

list(APPEND JOINEDUP_LIBRARY_SOURCES src/io/stats_quantile.cpp src/io/stats_sii.cpp)
