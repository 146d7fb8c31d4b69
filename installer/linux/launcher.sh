#!/bin/sh
# Installed as /usr/bin/annual-target-planner by the .deb.
#
# The bundled Qt carries the IBus input-method plugin but not Fcitx's, which is
# built against a system Qt. Fcitx 5, the usual input method on UOS and Kylin,
# also answers on the IBus protocol, so Chinese input keeps working through it.
case "${QT_IM_MODULE:-}" in
    fcitx*) QT_IM_MODULE=ibus; export QT_IM_MODULE ;;
esac
exec /opt/annual-target-planner/annual-target-planner "$@"
