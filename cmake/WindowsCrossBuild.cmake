# cachain.dll: the same sources and CMake targets, configured a second time
# with the mingw-w64 toolchain into <build>/windows, against OpenSSL for
# mingw-w64 (scripts/setup-mingw-openssl.sh builds it from Debian's source and
# prints its folder; scripts/build.sh passes that folder here). The tests it
# builds are Windows programs: the build machine's ctest runs them under Wine
# (tests/windows/CMakeLists.txt), and the module stages its cachain.dll.
set(CACHAIN_WINDOWS_OPENSSL "" CACHE PATH
    "OpenSSL built for mingw-w64 (the folder scripts/setup-mingw-openssl.sh prints); empty: no Windows build")

if(NOT CACHAIN_WINDOWS_OPENSSL)
  message(STATUS "CaChain: no Windows build (CACHAIN_WINDOWS_OPENSSL is empty; scripts/build.sh sets it)")
  if(CACHAIN_BUILD_TESTS)
    # Loud, not silent: a test run without the Windows library is incomplete.
    add_test(NAME Windows.LibraryIsBuilt
             COMMAND sh -c "echo 'cachain.dll was not built: run scripts/build.sh, or pass -DCACHAIN_WINDOWS_OPENSSL=<the folder scripts/setup-mingw-openssl.sh prints>' >&2; exit 1")
  endif()
  return()
endif()

include(ExternalProject)
set(CACHAIN_WINDOWS_BUILD ${CMAKE_BINARY_DIR}/windows CACHE INTERNAL "the mingw-w64 build folder")
ExternalProject_Add(cachain_windows
  SOURCE_DIR ${CMAKE_SOURCE_DIR}
  BINARY_DIR ${CACHAIN_WINDOWS_BUILD}
  CMAKE_ARGS
    -DCMAKE_TOOLCHAIN_FILE=${CMAKE_SOURCE_DIR}/cmake/mingw-w64-x86_64.cmake
    -DCMAKE_BUILD_TYPE=Release
    -DOPENSSL_ROOT_DIR=${CACHAIN_WINDOWS_OPENSSL}
    -DOPENSSL_INCLUDE_DIR=${CACHAIN_WINDOWS_OPENSSL}/include
    # FindOpenSSL's names for the libraries on mingw-w64.
    -DLIB_EAY=${CACHAIN_WINDOWS_OPENSSL}/lib/libcrypto.a
    -DSSL_EAY=${CACHAIN_WINDOWS_OPENSSL}/lib/libssl.a
    -DCACHAIN_BUILD_MODULE=OFF
    -DCACHAIN_BUILD_DEMO=ON
    -DCACHAIN_BUILD_TESTS=${CACHAIN_BUILD_TESTS}
  INSTALL_COMMAND ""
  BUILD_ALWAYS ON)

