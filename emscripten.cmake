# CMake toolchain file for Debian's Emscripten (apt-get install emscripten).
# Usage: cmake -S . -B build/wasm -DCMAKE_TOOLCHAIN_FILE=emscripten.cmake
# Equivalent to emcmake; Emscripten's library cache is Debian's prebuilt,
# read-only one (do not set EM_CACHE).
if(NOT EXISTS /usr/share/emscripten/cmake/Modules/Platform/Emscripten.cmake)
  message(FATAL_ERROR "Debian's Emscripten is missing: run npm run setup (apt-get install emscripten)")
endif()
include(/usr/share/emscripten/cmake/Modules/Platform/Emscripten.cmake)
