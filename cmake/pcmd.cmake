# pcmd_module(NAME SOURCES ... DEPS ... [TESTS ...]) builds library pcmd_NAME from SOURCES,
# links exactly DEPS (its row of the dependency table in CONVENTIONS.md), and, when TESTS are
# given, the test binary pcmd_NAME_tests registered with CTest.
# Designated initializers that leave fields to their defaults are idiomatic here.
set(PCMD_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wno-missing-field-initializers)

function(pcmd_apply_flags target)
  target_compile_options(${target} PRIVATE ${PCMD_WARNINGS})
  if(PCMD_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  target_include_directories(${target} PUBLIC ${PROJECT_SOURCE_DIR}/src)
endfunction()

if(PCMD_SANITIZE)
  # vptr checks need typeinfo that libsoci does not export.
  add_compile_options(-fsanitize=address,undefined -fno-sanitize=vptr -fno-omit-frame-pointer
                      -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
if(PCMD_TSAN)
  add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
  add_link_options(-fsanitize=thread)
endif()

function(pcmd_module name)
  cmake_parse_arguments(M "" "" "SOURCES;DEPS;TESTS;TEST_DEPS" ${ARGN})
  add_library(pcmd_${name} STATIC ${M_SOURCES})
  pcmd_apply_flags(pcmd_${name})
  target_link_libraries(pcmd_${name} PUBLIC ${M_DEPS})
  if(M_TESTS)
    add_executable(pcmd_${name}_tests ${M_TESTS})
    pcmd_apply_flags(pcmd_${name}_tests)
    target_link_libraries(pcmd_${name}_tests PRIVATE pcmd_${name} ${M_TEST_DEPS} GTest::gtest GTest::gmock GTest::gtest_main)
    gtest_discover_tests(pcmd_${name}_tests DISCOVERY_TIMEOUT 60 PROPERTIES LABELS unit)
  endif()
endfunction()
