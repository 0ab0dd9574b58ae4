# budget settlement: the risk share and settlement of a pooled fund's variance (the engine in
# budget/detail/, with the helpers the budget headers' internals share), its steps in English, and
# its JSON, CSV and table output.
list(APPEND JOINEDUP_CORE_HEADERS include/joinedup/budget/settle.hpp
     include/joinedup/budget/detail/settle_engine.hpp include/joinedup/budget/detail/common.hpp)

list(APPEND JOINEDUP_LIBRARY_HEADERS include/joinedup/io/settlement.hpp
     include/joinedup/report/settlement.hpp)

list(APPEND JOINEDUP_LIBRARY_SOURCES src/io/settlement.cpp src/report/settlement.cpp)
