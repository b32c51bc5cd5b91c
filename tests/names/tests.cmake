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

# tact-train-clusters: word classes from unlabelled text for the tagger's
# features (data/models/clusters.bin; tools/train.sh, make train). It links
# the library so that words are the library's own token hashes.
add_executable(tact-train-clusters ${CMAKE_SOURCE_DIR}/tools/train-clusters.c)
target_include_directories(tact-train-clusters PRIVATE ${CMAKE_SOURCE_DIR}/src/lib)
target_compile_options(tact-train-clusters PRIVATE ${TACT_WARNINGS})
target_link_libraries(tact-train-clusters PRIVATE tact_static Threads::Threads m)

# The cluster trainer is deterministic and its table loads: two runs on a
# small made-up text give the same bytes (tests/names/clusters-sample.txt).
add_test(NAME names_clusters_deterministic
         COMMAND sh -c "$<TARGET_FILE:tact-train-clusters> --levels 2,2 --min 2 a.bin \"$1\" >/dev/null && $<TARGET_FILE:tact-train-clusters> --levels 2,2 --min 2 b.bin \"$1\" >/dev/null && cmp a.bin b.bin"
                 sh ${CMAKE_CURRENT_LIST_DIR}/clusters-sample.txt
         WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
