# Installing baocao (issue 21): `cmake --install build` puts it in the FHS places of its prefix
# (default /usr), and `cmake --build build --target deb` makes the .deb of them with CPack.
#   <prefix>/bin/baocao                              the CLI
#   <prefix>/lib/baocao/libbaocao_ocr.so             the OCR module (ocr/loader.cc looks here)
#   <prefix>/share/baocao/rules/                     the rules (pipeline/engine.cc looks here)
#   <prefix>/share/man/man1/baocao.1, <prefix>/share/bash-completion/completions/baocao
#   <prefix>/share/doc/baocao/                       README.md and docs/*.md
#   <prefix>/lib/systemd/system/baocao.service       `baocao serve` as the user baocao
#   /etc/baocao/baocao.conf (<prefix>/etc/... for a prefix other than /usr)   its settings
# The binary finds the rules and the module relative to itself, so any prefix works.
# The module and the rules go to lib/baocao and share/baocao whatever GNUInstallDirs would say
# for libraries (lib/x86_64-linux-gnu on Debian): they are the binary's private files.
include(GNUInstallDirs)
# Installing (and cpack, which installs first) builds nothing of its own: the `deb` target below
# builds what goes into the package, not the whole tree with its tests and benchmarks.
set(CMAKE_SKIP_INSTALL_ALL_DEPENDENCY ON)
install(TARGETS baocao RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(TARGETS baocao_ocr_module LIBRARY DESTINATION lib/baocao)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/rules/ DESTINATION share/baocao/rules)
install(FILES ${PROJECT_SOURCE_DIR}/README.md DESTINATION ${CMAKE_INSTALL_DOCDIR})
file(GLOB BAOCAO_DOCS CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/docs/*.md)
install(FILES ${BAOCAO_DOCS} DESTINATION ${CMAKE_INSTALL_DOCDIR})
install(FILES ${CMAKE_BINARY_DIR}/baocao.1 DESTINATION ${CMAKE_INSTALL_MANDIR}/man1 OPTIONAL)
install(FILES ${CMAKE_BINARY_DIR}/baocao.bash DESTINATION share/bash-completion/completions
        RENAME baocao OPTIONAL)
install(CODE "set(BAOCAO_PACKAGING_DIR \"${PROJECT_SOURCE_DIR}/packaging\")
set(BAOCAO_STAGING_DIR \"${CMAKE_BINARY_DIR}/packaging\")
include(\"${PROJECT_SOURCE_DIR}/packaging/install-config.cmake\")")

# The .deb: its library dependencies from dpkg-shlibdeps (dpkg-dev), plus the data and scripts
# the binary uses at run time that no library link shows.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME baocao)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(BAOCAO_PACKAGE_MAINTAINER "baocao maintainers <root@localhost>" CACHE STRING "The .deb's Maintainer")
set(CPACK_PACKAGE_CONTACT "${BAOCAO_PACKAGE_MAINTAINER}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "extracts structured data from Vietnamese administrative reports")
set(CPACK_PACKAGE_DESCRIPTION "baocao reads reports (text, PDF, scanned PDF, images, Word) and extracts
their dates, amounts, indicators and places, audits their numbers, stores them (SQLite) and
serves an upload service with a web page for auditors (baocao serve, a systemd service).")
set(CPACK_DEBIAN_PACKAGE_SECTION text)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
set(CPACK_DEBIAN_PACKAGE_DEPENDS "adduser, tesseract-ocr-vie, tesseract-ocr-eng, tesseract-ocr-osd, libjs-pdf")
# LibreOffice converts .doc, .odt and RTF (without it they are refused); libpq is loaded by
# `export --postgres` only.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "libreoffice-writer, libpq5")
set(CPACK_DEBIAN_PACKAGE_CONTROL_EXTRA ${PROJECT_SOURCE_DIR}/packaging/debian/postinst
    ${PROJECT_SOURCE_DIR}/packaging/debian/prerm ${PROJECT_SOURCE_DIR}/packaging/debian/postrm
    ${PROJECT_SOURCE_DIR}/packaging/debian/conffiles)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
# Installed with DESTDIR and the prefix /usr, so that install-config.cmake sees /usr and puts
# the config in /etc.
set(CPACK_SET_DESTDIR ON)
set(CPACK_INSTALL_PREFIX /usr)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
include(CPack)
add_custom_target(deb
  COMMAND ${CMAKE_CPACK_COMMAND} -G DEB --config ${CMAKE_BINARY_DIR}/CPackConfig.cmake
  WORKING_DIRECTORY ${CMAKE_BINARY_DIR}
  COMMENT "Making the .deb (build/baocao_${PROJECT_VERSION}_*.deb)"
  VERBATIM)
add_dependencies(deb baocao baocao_ocr_module)
if(TARGET baocao_help_docs)
  add_dependencies(deb baocao_help_docs)
endif()
