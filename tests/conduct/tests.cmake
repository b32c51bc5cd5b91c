# Conduct area: a small scorer the offensive-language evaluation runs
# (eval/45-offensive.py finds it next to tact or in tests/).
add_executable(tact-offensive-score ${CMAKE_CURRENT_LIST_DIR}/offensive_score.c)
target_include_directories(tact-offensive-score PRIVATE ${CMAKE_SOURCE_DIR}/src/lib)
target_link_libraries(tact-offensive-score PRIVATE tact_static Threads::Threads)
target_compile_options(tact-offensive-score PRIVATE ${TACT_WARNINGS})
set_target_properties(tact-offensive-score PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR})

# The conduct corpus: positives of every conduct type must be found, ordinary
# professional posts must get no conduct finding (tests/conduct/corpus/).
add_test(NAME conduct.corpus
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/corpus_check.py
                 $<TARGET_FILE:tact> ${CMAKE_CURRENT_LIST_DIR}/corpus)

# The learned conduct model's feature dump, for tools/train-conduct.py (the
# trainer and src/lib/conduct_model.c share one feature function).
add_executable(tact-conduct-features ${CMAKE_SOURCE_DIR}/tools/conduct-features.c)
target_include_directories(tact-conduct-features PRIVATE ${CMAKE_SOURCE_DIR}/src/lib)
target_link_libraries(tact-conduct-features PRIVATE tact_static Threads::Threads)
target_compile_options(tact-conduct-features PRIVATE ${TACT_WARNINGS})
set_target_properties(tact-conduct-features PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR})

# the whole-post reading's features, for tools/train-verdict.py
add_executable(tact-verdict-features ${CMAKE_SOURCE_DIR}/tools/verdict-features.c)
target_include_directories(tact-verdict-features PRIVATE ${CMAKE_SOURCE_DIR}/src/lib)
target_link_libraries(tact-verdict-features PRIVATE tact_static Threads::Threads)
target_compile_options(tact-verdict-features PRIVATE ${TACT_WARNINGS})
set_target_properties(tact-verdict-features PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR})
# the library scores as the trainer does (tools/train-verdict.py --check)
add_test(NAME model.verdict_scorer
         COMMAND python3 ${CMAKE_SOURCE_DIR}/tools/train-verdict.py --check --build ${CMAKE_BINARY_DIR})
