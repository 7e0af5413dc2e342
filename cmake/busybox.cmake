# Debian's busybox-static, unmodified, for the initramfs (initramfs.cmake puts it in /bin
# with its applet links, tools/stage_busybox.sh). The package is fetched once with
# `apt-get download busybox-static` (tools/fetch_busybox.sh, also run by ./keel deps)
# into KEEL_DOWNLOAD_DIR, a folder outside the source tree shared by every build folder,
# then unpacked with dpkg-deb -x into ${CMAKE_BINARY_DIR}/busybox.
#
# Sets KEEL_BUSYBOX (the binary).
find_program(KEEL_DPKG_DEB dpkg-deb REQUIRED)

if(DEFINED ENV{KEEL_DOWNLOAD_DIR})
  set(keel_default_download_dir $ENV{KEEL_DOWNLOAD_DIR})
elseif(DEFINED ENV{XDG_CACHE_HOME})
  set(keel_default_download_dir $ENV{XDG_CACHE_HOME}/keel/downloads)
else()
  set(keel_default_download_dir $ENV{HOME}/.cache/keel/downloads)
endif()
set(KEEL_DOWNLOAD_DIR ${keel_default_download_dir} CACHE PATH
  "Where Debian packages the build needs (busybox-static) are downloaded to, once")

set(busybox_deb ${KEEL_DOWNLOAD_DIR}/busybox-static.deb)
set(busybox_root ${CMAKE_BINARY_DIR}/busybox)
set(KEEL_BUSYBOX ${busybox_root}/bin/busybox)

add_custom_command(OUTPUT ${busybox_deb}
  COMMAND ${PROJECT_SOURCE_DIR}/tools/fetch_busybox.sh ${KEEL_DOWNLOAD_DIR}
  COMMENT "Downloading Debian's busybox-static (apt-get download)"
  VERBATIM)
add_custom_command(OUTPUT ${KEEL_BUSYBOX}
  COMMAND ${CMAKE_COMMAND} -E rm -rf ${busybox_root}
  COMMAND ${KEEL_DPKG_DEB} -x ${busybox_deb} ${busybox_root}
  # dpkg-deb keeps the package's dates: touch, so the rule is not run again.
  COMMAND ${CMAKE_COMMAND} -E touch ${KEEL_BUSYBOX}
  DEPENDS ${busybox_deb}
  COMMENT "Unpacking busybox-static"
  VERBATIM)
add_custom_target(keel-busybox DEPENDS ${KEEL_BUSYBOX})
