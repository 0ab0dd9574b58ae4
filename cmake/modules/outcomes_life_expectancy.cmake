# outcomes, life expectancy: Chiang's abridged life table with Silcocks' variance term
# (PHEindicatormethods' phe_life_expectancy), and its `outcomes stats` method.
list(APPEND JOINEDUP_CORE_HEADERS include/joinedup/outcomes/life_expectancy.hpp)

list(APPEND JOINEDUP_LIBRARY_SOURCES src/io/stats_life_expectancy.cpp)
