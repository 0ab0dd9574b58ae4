# outcomes batch: the columnar path of the indicator statistics (many proportions, crude rates and
# DSRs per call, a status per element) and the block answering of `outcomes stats` built on it.
list(APPEND JOINEDUP_CORE_HEADERS include/joinedup/outcomes/batch.hpp)

list(APPEND JOINEDUP_LIBRARY_HEADERS include/joinedup/io/stats_batch.hpp)

list(APPEND JOINEDUP_LIBRARY_SOURCES src/io/stats_batch.cpp)
