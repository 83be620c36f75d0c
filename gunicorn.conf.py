"""gunicorn settings shared by `make run` and `make bench` (override with GUNICORN_CMD_ARGS).

gthread workers: a candidate's browser keeps its connection between autosaves, so idle
keep-alive connections must not tie up a worker. Keep-alive is longer than a client's idle
gap, so a reused connection is not closed under a request in flight. A thread still waits up
to 5 s on a connection that sends no request (a browser's preconnect): in production nginx
stands in front and passes only complete requests (deploy/nginx). Each worker holds at most
2 x threads + 2 PostgreSQL connections (exam.config.engine_options and the lean autosave).
"""

import os

bind = os.environ.get("THITUYEN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("THITUYEN_WORKERS", "4"))
worker_class = "gthread"
threads = int(os.environ.get("THITUYEN_THREADS", "4"))
keepalive = 30
timeout = 60
graceful_timeout = 10
worker_connections = 2000
accesslog = os.environ.get("THITUYEN_ACCESS_LOG")
# The access log leaves out the pages of irregularity reports (who filed, from where, when).
logger_class = "exam.accesslog.AccessLogger"
