# Test code need not be as fast as the library it tests: in an optimised
# build (RelWithDebInfo, Release), a test target compiles at -O1 with line
# tables only (-g1), which halves each test file's compile time against
# -O2 -g (9.1 s to 4.6 s for c_api_stores_test.cpp) and keeps file:line in
# a failure's backtrace. The library keeps its build type's own flags, so
# what the tests exercise is what ships. Debug builds (the sanitizer run)
# are left as they are.
function(cachain_quick_test_build target)
  target_compile_options(${target} PRIVATE $<$<CONFIG:RelWithDebInfo,Release>:-O1 -g1>)
endfunction()
