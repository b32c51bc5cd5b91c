# tests/names/tests.cmake - the names subsystem's extra targets.
#
# tact-train-tagger: trains data/models/ner.bin (tools/train.sh, make train).
# It links the library so that it computes exactly the features the
# library computes at run time.
add_executable(tact-train-tagger ${CMAKE_SOURCE_DIR}/tools/train-tagger.c)
target_include_directories(tact-train-tagger PRIVATE ${CMAKE_SOURCE_DIR}/src/lib)
target_compile_options(tact-train-tagger PRIVATE ${TACT_WARNINGS})
target_link_libraries(tact-train-tagger PRIVATE tact_static Threads::Threads m)

# tact-names-debug: what the tagger alone tagged and the names-stage
# candidates, for eval/20-names.py (where person recall is lost).
add_executable(tact-names-debug ${CMAKE_SOURCE_DIR}/tools/names-debug.c)
target_include_directories(tact-names-debug PRIVATE ${CMAKE_SOURCE_DIR}/src/lib)
target_compile_options(tact-names-debug PRIVATE ${TACT_WARNINGS})
target_link_libraries(tact-names-debug PRIVATE tact_static Threads::Threads m)
