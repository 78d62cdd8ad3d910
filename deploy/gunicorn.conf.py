"""gunicorn settings for the production mode (`make serve`, Procfile.production).

Two pools of the same app use it (docs/deploy.md):
- ``web`` (pages, CPU-bound): 2 × cores processes of gunicorn's ``sync`` worker, one request at
  a time each. Behind nginx (deploy/nginx.conf), which buffers slow readers, this is gunicorn's
  own recommended setup. Measured with bench/page_throughput.py on 2 cores: the ``gthread``
  worker with one thread spent ~550 µs of CPU per request in its poller-to-thread hand-over
  (a cached page got 81-92 % of a bare endpoint's requests/s, p99 68-104 ms); ``sync`` serves the
  same page at 100-114 % with p99 31-34 ms.
- ``chat`` (``WEB_THREADS=8``, ``WEB_WORKERS=2``): a chat turn mostly waits on Rasa, so the
  ``gthread`` worker with many threads and keep-alive; nginx sends ``/api/chat`` and the chat
  pages there.
No access log: the site writes its own request line without the client's address
(rightcall/request_log.py).
"""
import gc
import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('WEB_PORT', '8000')}"
workers = int(os.environ.get("WEB_WORKERS", multiprocessing.cpu_count() * 2))
threads = int(os.environ.get("WEB_THREADS", "1"))
worker_class = "gthread" if threads > 1 else "sync"
backlog = 2048
timeout = 30
graceful_timeout = 20
keepalive = int(os.environ.get("WEB_KEEPALIVE", "5"))        # gthread only: sync closes each connection
# Recycle a process now and then, as a guard against slow leaks (every cache is bounded). Rarely:
# starting one costs ~2 s of CPU, which every 20,000 requests took ~13 % of the machine in a spike.
max_requests = 200_000
max_requests_jitter = 20_000
accesslog = None
errorlog = "-"
loglevel = "warning"
proc_name = "rightcall-web"


def post_worker_init(worker):
    """The app is loaded: move its ~140,000 long-lived objects out of the garbage collector's
    sight (gc.freeze), so a full collection scans only what requests made since — 70 ms pauses
    that were among the slowest answers become a few milliseconds."""
    gc.freeze()
