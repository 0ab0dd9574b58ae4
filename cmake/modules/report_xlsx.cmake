# report xlsx: report tables as an Excel workbook (--format xlsx, the board pack), written with
# libxlsxwriter as the fund workbook is. docs/formats.md, "Output: xlsx".
list(APPEND JOINEDUP_LIBRARY_HEADERS include/joinedup/report/xlsx.hpp)
list(APPEND JOINEDUP_LIBRARY_SOURCES src/report/xlsx.cpp)
