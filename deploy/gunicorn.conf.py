"""gunicorn settings for the production mode (`make serve`, Procfile.production).

Threaded workers: a chat turn waits on Rasa for up to RASA_TIMEOUT seconds, and a thread
waiting on the network must not hold a whole process. No access log: the site writes its own
request line without the client's address (rightcall/request_log.py).
"""
import multiprocessing
import os

bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('WEB_PORT', '8000')}"
workers = int(os.environ.get("WEB_WORKERS", multiprocessing.cpu_count() * 2))
worker_class = "gthread"
threads = int(os.environ.get("WEB_THREADS", "2"))
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
