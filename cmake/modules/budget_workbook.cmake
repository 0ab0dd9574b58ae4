# budget workbook: a pooled fund as an Excel workbook (the template written with libxlsxwriter,
# a filled one read back with libzip and expat). docs/budget-workbook.md.
list(APPEND JOINEDUP_LIBRARY_HEADERS include/joinedup/io/fund_workbook.hpp)
list(APPEND JOINEDUP_LIBRARY_SOURCES src/io/fund_workbook.cpp src/io/xlsx_read.cpp)
