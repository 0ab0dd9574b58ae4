# budget (capitation): weighted capitation, payment models compared on one activity scenario,
# and alliance gain/loss share; the population CSV and payment scenario I/O.
list(APPEND JOINEDUP_CORE_HEADERS include/joinedup/budget/alliance.hpp
     include/joinedup/budget/capitation.hpp include/joinedup/budget/payment_models.hpp)

list(APPEND JOINEDUP_LIBRARY_HEADERS include/joinedup/io/capitation.hpp)

list(APPEND JOINEDUP_LIBRARY_SOURCES src/io/capitation.cpp)

# population import: estimates in their long layout aggregated to a capitation's bands.
list(APPEND JOINEDUP_LIBRARY_HEADERS include/joinedup/io/population_import.hpp)
list(APPEND JOINEDUP_LIBRARY_SOURCES src/io/population_import.cpp)
