"""nbconvert's ExecutePreprocessor for Deno's Jupyter kernel (used by scripts/notebooks.mjs).

Deno's kernel (2.9) sometimes publishes a cell's "idle" status before the cell's last outputs
(its execute_result, or a stream), while nbclient stops collecting a cell's outputs at "idle":
a plain `jupyter nbconvert --execute` then drops outputs at random. This preprocessor keeps
reading the cell's messages after "idle" until the kernel has been quiet for QUIET seconds.
"""
import asyncio
import os
import queue

from nbclient.exceptions import CellExecutionComplete
from nbclient.util import ensure_async
from nbconvert.preprocessors import ExecutePreprocessor

# Seconds of silence after "idle" that end a cell. Late messages seen here came within milliseconds;
# the margin is for a loaded machine (the kernel may be descheduled). NOTEBOOK_QUIET_SECONDS overrides.
QUIET = float(os.environ.get("NOTEBOOK_QUIET_SECONDS", "0.5"))


class DenoExecutePreprocessor(ExecutePreprocessor):
    async def _async_poll_output_msg(self, parent_msg_id, cell, cell_index):
        assert self.kc is not None
        complete = False
        while True:
            try:
                msg = await ensure_async(self.kc.iopub_channel.get_msg(timeout=QUIET if complete else None))
            except (queue.Empty, asyncio.TimeoutError, TimeoutError):
                return
            if msg["parent_header"].get("msg_id") != parent_msg_id:
                continue
            try:
                self.process_message(msg, cell, cell_index)
            except CellExecutionComplete:
                complete = True
