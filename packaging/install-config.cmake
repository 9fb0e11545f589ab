# Runs at install time (`cmake --install`, cpack), with the prefix being installed to: writes
# the systemd unit naming that prefix's binary, and the default config, which goes to
# /etc/baocao for the prefix /usr (FHS) and to <prefix>/etc/baocao for any other. An existing
# config is kept (an administrator's edits); the .deb marks it a conffile, so dpkg keeps it too.
# Set by the install(CODE) that includes this: BAOCAO_PACKAGING_DIR, BAOCAO_STAGING_DIR.
if(CMAKE_INSTALL_PREFIX STREQUAL "/usr")
  set(BAOCAO_SYSCONFDIR "/etc")
else()
  set(BAOCAO_SYSCONFDIR "${CMAKE_INSTALL_PREFIX}/etc")
endif()
set(BAOCAO_BINDIR "${CMAKE_INSTALL_PREFIX}/bin")
# Written first to a folder of this destination's own: two installs at once (the tests, cpack)
# must not swap units.
string(MD5 destination "$ENV{DESTDIR}${CMAKE_INSTALL_PREFIX}")
configure_file("${BAOCAO_PACKAGING_DIR}/baocao.service.in" "${BAOCAO_STAGING_DIR}/${destination}/baocao.service" @ONLY)
file(INSTALL DESTINATION "${CMAKE_INSTALL_PREFIX}/lib/systemd/system" TYPE FILE
     FILES "${BAOCAO_STAGING_DIR}/${destination}/baocao.service")
if(NOT EXISTS "$ENV{DESTDIR}${BAOCAO_SYSCONFDIR}/baocao/baocao.conf")
  file(INSTALL DESTINATION "${BAOCAO_SYSCONFDIR}/baocao" TYPE FILE FILES "${BAOCAO_PACKAGING_DIR}/baocao.conf")
endif()
