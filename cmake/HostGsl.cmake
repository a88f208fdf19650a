# Microsoft GSL is header-only and the same on every platform, but when
# cross-compiling it lives in the build machine's /usr/include, which must not
# be on the Windows compiler's path (its C library headers would shadow
# mingw-w64's). Sets GSL_INCLUDE_DIR to a folder that holds only gsl/.
find_path(CACHAIN_HOST_GSL_DIR NAMES gsl/gsl PATHS /usr/include /usr/local/include
          NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH REQUIRED DOC "Microsoft GSL (Debian: libmsgsl-dev)")
set(cachain_gsl_only ${CMAKE_BINARY_DIR}/gsl-only)
file(MAKE_DIRECTORY ${cachain_gsl_only})
file(CREATE_LINK ${CACHAIN_HOST_GSL_DIR}/gsl ${cachain_gsl_only}/gsl SYMBOLIC)
set(GSL_INCLUDE_DIR ${cachain_gsl_only} CACHE PATH "a folder holding only Microsoft GSL's gsl/" FORCE)
