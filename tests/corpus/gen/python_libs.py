"""Print log lines with the real Python libraries, one library per output file.

Run by ./run (needs structlog, python-json-logger, loguru in a venv). Every
line in tests/corpus/libraries/<lib>.jsonl was printed by the library itself.
"""
import io
import json
import logging
import sys

OUT = sys.argv[1]


def boom():
    raise ValueError("bad value 42")


def exc_info():
    try:
        boom()
    except ValueError:
        return sys.exc_info()


def stdlib_logger(name, fmt_obj):
    buf = io.StringIO()
    h = logging.StreamHandler(buf)
    h.setFormatter(fmt_obj)
    log = logging.getLogger(name)
    log.handlers[:] = [h]
    log.setLevel(logging.DEBUG)
    log.propagate = False
    return log, buf


def write(name, text):
    with open(f"{OUT}/{name}.jsonl", "w") as f:
        f.write(text)


# python-json-logger: the formatter most stdlib users reach for.
try:
    from pythonjsonlogger.json import JsonFormatter
except ImportError:  # older releases
    from pythonjsonlogger.jsonlogger import JsonFormatter

log, buf = stdlib_logger("app.payments", JsonFormatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
log.debug("debug detail", extra={"order_id": 7})
log.info("payment accepted", extra={"amount": 12.5})
log.warning("retrying charge")
log.error("charge failed")
log.critical("ledger unreachable")
try:
    boom()
except ValueError:
    log.exception("charge crashed")
# Every reserved LogRecord field asked for, as people do with a long format.
log2, buf2 = stdlib_logger(
    "app.verbose",
    JsonFormatter(
        "%(asctime)s %(created)f %(filename)s %(funcName)s %(levelname)s %(levelno)s "
        "%(lineno)d %(module)s %(msecs)d %(name)s %(pathname)s %(process)d "
        "%(processName)s %(relativeCreated)d %(thread)d %(threadName)s %(message)s"
    ),
)
log2.info("all the fields")
log2.error("all the fields, failing", exc_info=exc_info())
write("python-json-logger", buf.getvalue() + buf2.getvalue())


# stdlib logging with a hand-written JSON formatter, as in the logging cookbook.
class CookbookJson(logging.Formatter):
    def format(self, record):
        d = {
            "time": self.formatTime(record),
            "name": record.name,
            "levelname": record.levelname,
            "levelno": record.levelno,
            "message": record.getMessage(),
        }
        if record.exc_info:
            d["exc_info"] = self.formatException(record.exc_info)
        return json.dumps(d)


log, buf = stdlib_logger("worker", CookbookJson())
for lv in (logging.DEBUG, logging.INFO, logging.WARNING, logging.ERROR, logging.CRITICAL):
    log.log(lv, "job %s at %s", "resize", logging.getLevelName(lv))
log.error("job crashed", exc_info=exc_info())
write("stdlib-logging", buf.getvalue())


# structlog with its production JSON setup.
import structlog

buf = io.StringIO()
structlog.configure(
    processors=[
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.processors.ExceptionRenderer(
            structlog.tracebacks.ExceptionDictTransformer(show_locals=False)
        ),
        structlog.processors.JSONRenderer(),
    ],
    wrapper_class=structlog.make_filtering_bound_logger(logging.DEBUG),
    logger_factory=structlog.PrintLoggerFactory(file=buf),
    cache_logger_on_first_use=False,
)
slog = structlog.get_logger()
slog.debug("cache lookup", key="user:1")
slog.info("user logged in", user_id=1)
slog.warning("slow query", ms=1200)
slog.error("query failed", table="orders")
slog.critical("db down")
try:
    boom()
except ValueError:
    slog.exception("handler crashed")
# The plain format_exc_info processor: the traceback as one string.
structlog.configure(
    processors=[
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso"),
        structlog.processors.format_exc_info,
        structlog.processors.JSONRenderer(),
    ],
    logger_factory=structlog.PrintLoggerFactory(file=buf),
)
slog = structlog.get_logger()
try:
    boom()
except ValueError:
    slog.exception("handler crashed, text traceback")
write("structlog", buf.getvalue())


# loguru with serialize=True.
from loguru import logger

buf = io.StringIO()
logger.remove()
logger.add(buf, serialize=True, level="TRACE")
logger.trace("tracing")
logger.debug("debugging")
logger.info("hello {}", "world")
logger.success("done")
logger.warning("careful")
logger.error("failed")
logger.critical("dead")
try:
    boom()
except ValueError:
    logger.exception("loguru caught")
write("loguru", buf.getvalue())
