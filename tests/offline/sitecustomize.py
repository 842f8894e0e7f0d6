"""Loaded by every Python process the tests start with this folder on PYTHONPATH: cuts the network,
so a build that tried to download anything (fonts, say) would fail."""

import offline_network

offline_network.cut()
