# sa_add_test(NAME name SOURCES a.cpp ... LIBS lib ... LABELS unit ... [SERIAL]): one GoogleTest binary, its
# cases registered with CTest and labelled so `ctest -L unit` picks the fast ones; SERIAL ones run alone.
find_package(GTest REQUIRED)
include(GoogleTest)

function(sa_add_test)
  cmake_parse_arguments(T "SERIAL" "NAME;TIMEOUT" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${T_NAME} ${T_SOURCES})
  target_link_libraries(${T_NAME} PRIVATE ${T_LIBS} GTest::gtest GTest::gtest_main sa_warnings)
  target_include_directories(${T_NAME} PRIVATE ${PROJECT_SOURCE_DIR}/tests)  # tests/support/*
  target_compile_definitions(${T_NAME} PRIVATE
    SA_SOURCE_DIR="${PROJECT_SOURCE_DIR}" SA_BINARY_DIR="${PROJECT_BINARY_DIR}")
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 300)
  endif()
  set(serial FALSE)
  if(T_SERIAL)
    set(serial TRUE)
  endif()
  gtest_discover_tests(${T_NAME} DISCOVERY_TIMEOUT 60
    PROPERTIES LABELS "${T_LABELS}" TIMEOUT ${T_TIMEOUT} RUN_SERIAL ${serial})
endfunction()
