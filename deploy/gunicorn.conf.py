"""gunicorn settings for `make run`, the systemd unit and the container (see README, "Deployment").

Every value can be overridden from the environment: PORT and HOST for the address,
WEB_CONCURRENCY for the number of worker processes, GUNICORN_TIMEOUT in seconds.
"""

import multiprocessing
import os

wsgi_app = "theodoi.wsgi:application"

# Loopback by default: the reverse proxy (deploy/nginx.conf) is what faces the network.
bind = f"{os.environ.get('HOST', '127.0.0.1')}:{os.environ.get('PORT', '8000')}"

# Synchronous workers, one request each: the views are short and database-bound. Two per
# core plus one keeps a core busy while another worker waits on the database.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))

# Uploads are parsed within the request (DOCX/PDF readers are bounded); longer work belongs
# in the background worker, so a request that outlives this is killed and logged.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5

# Recycle workers now and then so that slow growth in memory never accumulates.
max_requests = 2000
max_requests_jitter = 200

# Access and error logs to stdout/stderr: journald or the container runtime keeps them.
accesslog = "-"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")

# Behind nginx on the same host the proxy's X-Forwarded-* headers are trusted from loopback only.
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")

# Workers' heartbeat files on tmpfs: on a slow or overlay disk a stalled write would look
# like a hung worker and get it killed.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None

proc_name = "theodoi"

# gunicorn's control socket lives at one path per user ($HOME/.gunicorn/gunicorn.ctl), so
# two instances on a host (tests, a second site) would take it from each other; systemd
# signals and `kill -HUP` are how this deployment reloads.
control_socket_disable = True
