# tact serve: API tests and browser tests (node's test runner; the browser
# tests drive /usr/bin/chromium with playwright-core from node_modules and
# save screenshots in <build>/screenshots). Included by tests/CMakeLists.txt.
find_program(TACT_NODE node)
if(TARGET tact_srv AND TACT_NODE)
  add_test(NAME server.api
           COMMAND ${TACT_NODE} --test ${CMAKE_CURRENT_LIST_DIR}/api.test.mjs
           WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties(server.api PROPERTIES
                       ENVIRONMENT "TACT=$<TARGET_FILE:tact>" TIMEOUT 120)
  add_test(NAME server.browser
           COMMAND ${TACT_NODE} --test ${CMAKE_CURRENT_LIST_DIR}/browser.test.mjs
           WORKING_DIRECTORY ${CMAKE_SOURCE_DIR})
  set_tests_properties(server.browser PROPERTIES
                       ENVIRONMENT "TACT=$<TARGET_FILE:tact>;TACT_SCREENSHOTS=${CMAKE_BINARY_DIR}/screenshots"
                       TIMEOUT 180 RUN_SERIAL TRUE)
endif()

# libmicrohttpd is loaded by `tact serve` alone (src/server/http.c), not
# linked into tact, so that other commands start without it.
find_program(TACT_READELF readelf)
if(TARGET tact_srv AND TACT_READELF)
  add_test(NAME server.not_linked
           COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/not_linked.py
                   $<TARGET_FILE:tact> ${TACT_READELF})
endif()
