# cmake -DNPM=npm -DSRC=<example dir> -DDST=<build dir> -P npm_ci.cmake
# Installs the packages SRC/package-lock.json pins into DST/node_modules
# with `npm ci`, unless DST already holds that exact lock file's install.
foreach(file package.json package-lock.json)
  file(SHA256 ${SRC}/${file} want_${file})
  set(have_${file} "")
  if(EXISTS ${DST}/${file})
    file(SHA256 ${DST}/${file} have_${file})
  endif()
endforeach()
if(EXISTS ${DST}/node_modules/.package-lock.json
   AND "${want_package.json}" STREQUAL "${have_package.json}"
   AND "${want_package-lock.json}" STREQUAL "${have_package-lock.json}")
  message(STATUS "${DST}/node_modules is up to date")
  return()
endif()
file(MAKE_DIRECTORY ${DST})
file(COPY ${SRC}/package.json ${SRC}/package-lock.json DESTINATION ${DST})
# --ignore-scripts: the packages need no install scripts.
execute_process(
  COMMAND ${NPM} ci --no-audit --no-fund --ignore-scripts
  WORKING_DIRECTORY ${DST} RESULT_VARIABLE result)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "npm ci in ${DST} failed (${result})")
endif()
