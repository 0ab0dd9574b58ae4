# report/board_pack: the board pack (`joinedup report`): sections of key figures, tables, bar
# charts, Making Data Count SPC charts and funnel plots, rendered as one self-contained HTML page
# and as a list of tables for a workbook or a JSON document.
list(APPEND JOINEDUP_LIBRARY_HEADERS include/joinedup/report/board_pack.hpp)
list(APPEND JOINEDUP_LIBRARY_SOURCES src/report/board_pack.cpp)
