"""Garbage is collected on the GUI thread only (a Qt object destroyed on a worker thread crashes the app)."""

import gc
import threading
import weakref

from workbench.ui.collector import GuiThreadCollector


class Node:
    pass


def test_workers_never_collect_and_the_gui_thread_does(qtbot):
    collector = GuiThreadCollector(interval_ms=60_000)  # the test calls it itself
    assert not gc.isenabled()
    node = Node()
    node.me = node  # a cycle: only a collection frees it
    alive = weakref.ref(node)
    del node
    garbage = threading.Thread(target=lambda: [[[]] for _ in range(200_000)])  # far past the thresholds
    garbage.start()
    garbage.join()
    assert alive() is not None  # the worker's allocations started no collection
    collector.threshold = (0, 0, 0)
    collector.collect()
    assert alive() is None
