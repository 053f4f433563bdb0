import threading

import pytest

from workbench.core.jobs import CancelToken, Cancelled, Progress, WorkbenchError


def test_cancel_token_across_threads():
    token = CancelToken()
    seen = []

    def worker():
        token.wait(5)
        seen.append(token.cancelled)

    t = threading.Thread(target=worker)
    t.start()
    token.cancel()
    t.join(2)
    assert seen == [True]
    with pytest.raises(Cancelled):
        token.raise_if_cancelled()


def test_progress_fraction_and_error_text():
    assert Progress(5, 10).fraction == 0.5
    assert Progress(5).fraction is None
    err = WorkbenchError("Row 3 is empty.", "Fill it in.")
    assert str(err) == "Row 3 is empty. Fill it in."
