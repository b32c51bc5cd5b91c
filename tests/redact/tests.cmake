# tests/redact: properties of safe versions over realistic posts (property.py):
# the replacements rebuild the output, no identifier survives, the output
# re-screens clean (pseudonymise: only the inserted surrogates), valid UTF-8.
add_test(NAME redact.property
         COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_LIST_DIR}/property.py
                 $<TARGET_FILE:tact> ${CMAKE_CURRENT_LIST_DIR}/posts.jsonl)
