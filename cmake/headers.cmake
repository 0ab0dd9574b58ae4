# Every public header, listed explicitly. joinedup::core's headers are the domain (header-only);
# joinedup::joinedup's headers declare what src/ compiles.
set(JOINEDUP_CORE_HEADERS
    include/joinedup/joinedup.hpp
    include/joinedup/core/allocate.hpp
    include/joinedup/core/decimal.hpp
    include/joinedup/core/diagnostics.hpp
    include/joinedup/core/error.hpp
    include/joinedup/core/format.hpp
    include/joinedup/core/ids.hpp
    include/joinedup/core/money.hpp
    include/joinedup/core/period.hpp
    include/joinedup/core/rate.hpp
    include/joinedup/core/ratio.hpp
    include/joinedup/core/result.hpp
    include/joinedup/core/rounding.hpp)

set(JOINEDUP_LIBRARY_HEADERS
    include/joinedup/io/file.hpp
    include/joinedup/io/json.hpp
    include/joinedup/io/area.hpp
    include/joinedup/report/diagnostics.hpp)

set(JOINEDUP_LIBRARY_SOURCES
    src/io/file.cpp
    src/io/json.cpp
    src/io/json_reader.cpp
    src/io/area.cpp
    src/report/diagnostics.cpp)
