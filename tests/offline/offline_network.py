"""Cutting the network for a test build: every socket connection attempt fails. Used at start-up by the
builds the tests run as a command (sitecustomize.py, beside this file) and around the builds they run in
their own process (build_harness.network_cut)."""

import socket

MESSAGE = "network access is cut for this build (tests/offline/offline_network.py)"
# What opens a connection: the socket's own methods, and the module's helpers that resolve and connect.
METHODS = ("connect", "connect_ex")
FUNCTIONS = ("create_connection", "getaddrinfo")


def _refuse(*args, **kwargs):
    raise OSError(MESSAGE)


def cut():
    """Refuse every connection from now on; returns a function that puts the network back."""
    saved = [(socket.socket, name, getattr(socket.socket, name)) for name in METHODS]
    saved += [(socket, name, getattr(socket, name)) for name in FUNCTIONS]
    for owner, name, _ in saved:
        setattr(owner, name, _refuse)

    def restore():
        for owner, name, original in saved:
            setattr(owner, name, original)

    return restore
