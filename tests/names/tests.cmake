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

# The practitioner-post reader (tools/practitioner-conll.py -> a #TACTSPANS
# file -> train-tagger): a made-up sample (tests/names/spans-sample.jsonl,
# spans with multi-byte letters, a tab and a newline in the text, a name
# inside a name, a name inside a hashtag) gives exactly the expected gold
# tokens (12 person, 6 location: library tokens starting in a span; the
# hashtag token starts before its span and stays O), --repeat works, and
# the dev split is fixed (3 train posts, 2 dev posts).
add_test(NAME names_spans_reader
         COMMAND sh -c "set -e
                        $2 $3 $1 > s.spans
                        $2 $3 --part train $1 | grep -c . | grep -qx 4
                        $2 $3 --part dev $1 | grep -c . | grep -qx 3
                        $4 --epochs 2 --bits 12 --dev s.spans s.bin --repeat 3 s.spans > s.log
                        grep -q '^train-tagger: 15 training posts, 5 dev posts' s.log
                        grep -q 'spans *PER .*(gold tokens 12)' s.log
                        grep -q 'spans *LOC .*(gold tokens 6)' s.log"
                 sh ${CMAKE_CURRENT_LIST_DIR}/spans-sample.jsonl ${Python3_EXECUTABLE}
                    ${CMAKE_SOURCE_DIR}/tools/practitioner-conll.py $<TARGET_FILE:tact-train-tagger>
         WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
