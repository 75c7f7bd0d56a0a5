# sa_embed_text(OUT_HEADER VAR FILE): a header defining `inline constexpr std::string_view VAR` with the
# file's text, so the binaries carry their schema and default templates without the source tree.
function(sa_embed_text out_header var file)
  file(READ ${file} content)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${file})
  file(WRITE ${out_header}.tmp
    "// Generated from ${file} by cmake/SaEmbed.cmake; do not edit.\n#pragma once\n#include <string_view>\n"
    "inline constexpr std::string_view ${var} = R\"sa_embed(${content})sa_embed\";\n")
  file(COPY_FILE ${out_header}.tmp ${out_header} ONLY_IF_DIFFERENT)
endfunction()
