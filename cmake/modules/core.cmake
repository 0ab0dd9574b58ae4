# core: money, rates, ratios, allocation, periods, identifiers, diagnostics; plus the shared
# io and report pieces every module uses.
list(
  APPEND
  JOINEDUP_CORE_HEADERS
  include/joinedup/core/allocate.hpp
  include/joinedup/core/decimal.hpp
  include/joinedup/core/diagnostics.hpp
  include/joinedup/core/error.hpp
  include/joinedup/core/fields.hpp
  include/joinedup/core/format.hpp
  include/joinedup/core/ids.hpp
  include/joinedup/core/money.hpp
  include/joinedup/core/number_text.hpp
  include/joinedup/core/period.hpp
  include/joinedup/core/rate.hpp
  include/joinedup/core/ratio.hpp
  include/joinedup/core/result.hpp
  include/joinedup/core/rounding.hpp)

list(APPEND JOINEDUP_LIBRARY_HEADERS include/joinedup/io/area.hpp include/joinedup/io/date_format.hpp
     include/joinedup/io/file.hpp
     include/joinedup/io/json.hpp include/joinedup/report/diagnostics.hpp
     include/joinedup/report/table.hpp)

list(APPEND JOINEDUP_LIBRARY_SOURCES src/io/area.cpp src/io/date_format.cpp src/io/file.cpp src/io/json.cpp
     src/io/json_reader.cpp src/io/json_parse.cpp src/report/diagnostics.cpp
     src/report/table.cpp)
