# Replay every fuzz corpus without libFuzzer (included by tests/CMakeLists.txt).
# Each fuzz/fuzz_<target>.c is linked with fuzz/replay.c into replay_<target>,
# and the test fuzz.<target> feeds it every file of fuzz/corpus/<target>:
# the seeds and every regression input, in the normal and the ASan build.
file(GLOB TACT_FUZZ_REPLAY_SOURCES CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/fuzz/fuzz_*.c)
foreach(src ${TACT_FUZZ_REPLAY_SOURCES})
  get_filename_component(fname ${src} NAME_WE)
  string(REGEX REPLACE "^fuzz_" "" target ${fname})
  if(target STREQUAL "http" AND NOT TARGET tact_srv)
    continue()
  endif()
  if(NOT IS_DIRECTORY ${CMAKE_SOURCE_DIR}/fuzz/corpus/${target})
    continue()
  endif()
  add_executable(replay_${target} ${src} ${CMAKE_SOURCE_DIR}/fuzz/replay.c)
  target_compile_options(replay_${target} PRIVATE ${TACT_WARNINGS})
  target_compile_definitions(replay_${target} PRIVATE _POSIX_C_SOURCE=200809L TACT_FUZZ_REPLAY)
  target_include_directories(replay_${target} PRIVATE ${CMAKE_SOURCE_DIR}/src/lib
                             ${CMAKE_SOURCE_DIR}/src/cli ${CMAKE_SOURCE_DIR}/fuzz)
  target_link_libraries(replay_${target} PRIVATE tact_static PkgConfig::CJSON Threads::Threads)
  if(target STREQUAL "jsonl")
    target_sources(replay_${target} PRIVATE ${CMAKE_SOURCE_DIR}/src/cli/jsonl.c)
  endif()
  if(TARGET tact_srv AND target STREQUAL "http")
    target_link_libraries(replay_${target} PRIVATE tact_srv)
  endif()
  add_test(NAME fuzz.${target} COMMAND replay_${target} ${CMAKE_SOURCE_DIR}/fuzz/corpus/${target})
endforeach()
