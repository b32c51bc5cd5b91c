# The examples in README.md and the man page source run as tests.
add_test(NAME docs.examples
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/docs/examples.py $<TARGET_FILE:tact>)
