# Cross-builds 64-bit Windows programs on Debian with mingw-w64.
# The -posix compilers are the ones whose C++ library has std::thread and
# std::mutex (GoogleTest needs them); the -win32 ones do not.
set(CMAKE_SYSTEM_NAME Windows)
set(CMAKE_SYSTEM_PROCESSOR x86_64)

set(CMAKE_C_COMPILER x86_64-w64-mingw32-gcc-posix)
set(CMAKE_CXX_COMPILER x86_64-w64-mingw32-g++-posix)
set(CMAKE_RC_COMPILER x86_64-w64-mingw32-windres)

# Headers and libraries come from the mingw-w64 tree only, never from the
# build machine's /usr/include; programs (cmake's helpers) from the host.
set(CMAKE_FIND_ROOT_PATH /usr/x86_64-w64-mingw32)
set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_PACKAGE ONLY)

# Lets ctest and custom commands run the programs it builds.
find_program(CACHAIN_WINE wine)
if(CACHAIN_WINE)
  set(CMAKE_CROSSCOMPILING_EMULATOR ${CACHAIN_WINE})
endif()
