"""gunicorn settings for the production mode (`make serve`, Procfile.production).

Two pools of the same app use it (docs/deploy.md):
- ``web`` (pages, CPU-bound): one thread per process, 2 × cores processes — no threads of one
  process fighting over the GIL, which measured 75-80 % of a bare Flask endpoint's requests/s
  against 56-62 % with 2 threads (bench/page_throughput.py);
- ``chat`` (``WEB_THREADS=8``, ``WEB_WORKERS=2``): a chat turn mostly waits on Rasa, so many
  threads; nginx sends ``/api/chat`` and the chat pages there.
No access log: the site writes its own request line without the client's address
(rightcall/request_log.py).
"""
import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('WEB_PORT', '8000')}"
workers = int(os.environ.get("WEB_WORKERS", multiprocessing.cpu_count() * 2))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "1"))
backlog = 2048
timeout = 30
graceful_timeout = 20
keepalive = int(os.environ.get("WEB_KEEPALIVE", "5"))
max_requests = 20000            # recycle workers now and then (bounded memory)
max_requests_jitter = 2000
accesslog = None
errorlog = "-"
loglevel = "warning"
proc_name = "rightcall-web"
