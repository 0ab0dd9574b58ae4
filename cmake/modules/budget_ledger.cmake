# budget ledger: transactions summarised by line, day and kind; forecast outturn and variance;
# the streaming ledger CSV reader; the forecast report as JSON, CSV and a table.
list(APPEND JOINEDUP_CORE_HEADERS include/joinedup/budget.hpp include/joinedup/budget/forecast.hpp
     include/joinedup/budget/ledger.hpp)

list(APPEND JOINEDUP_LIBRARY_HEADERS include/joinedup/io/forecast.hpp include/joinedup/io/ledger_csv.hpp)

list(APPEND JOINEDUP_LIBRARY_SOURCES src/io/forecast.cpp src/io/ledger_csv.cpp)

# budget ledger import: a finance system's export read into the ledger CSV.
list(APPEND JOINEDUP_LIBRARY_HEADERS include/joinedup/io/ledger_import.hpp)
list(APPEND JOINEDUP_LIBRARY_SOURCES src/io/ledger_import.cpp)
