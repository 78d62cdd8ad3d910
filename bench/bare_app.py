"""The yardstick for bench/page_throughput.py: a bare Flask app with one endpoint returning a
constant string, run under the same gunicorn configuration as the site."""
from flask import Flask

app = Flask(__name__)


@app.get("/constant")
def constant():
    return "Make the right call."
