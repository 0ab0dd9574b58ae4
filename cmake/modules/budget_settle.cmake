# budget settlement: the risk share and settlement of a pooled fund's variance, and its JSON, CSV
# and table output; and the helpers the budget headers' internals share (budget/detail/).
list(APPEND JOINEDUP_CORE_HEADERS include/joinedup/budget/settle.hpp
     include/joinedup/budget/detail/common.hpp)

list(APPEND JOINEDUP_LIBRARY_HEADERS include/joinedup/io/settlement.hpp)

list(APPEND JOINEDUP_LIBRARY_SOURCES src/io/settlement.cpp)
