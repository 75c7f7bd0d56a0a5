# sa_warnings: one INTERFACE target that every project target links, so warning policy lives in one place.
add_library(sa_warnings INTERFACE)
target_compile_options(sa_warnings INTERFACE
  $<$<COMPILE_LANGUAGE:CXX>:-Wall -Wextra -Wshadow -Wnon-virtual-dtor -Wpedantic>)
if(SA_WERROR)
  target_compile_options(sa_warnings INTERFACE $<$<COMPILE_LANGUAGE:CXX>:-Werror>)
endif()
