"""Loaded by every Python process the tests start with this folder on PYTHONPATH: cuts the network,
so a build that tried to download anything (fonts, say) would fail."""

import socket


def _refuse(*args, **kwargs):
    raise OSError("network access is cut for this build (tests/offline/sitecustomize.py)")


socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.create_connection = _refuse
socket.getaddrinfo = _refuse
