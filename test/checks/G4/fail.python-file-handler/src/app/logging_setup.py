import logging
from logging.handlers import RotatingFileHandler

# The creator's first try: logs to a file next to the app.
handler = RotatingFileHandler("/var/log/inventory/app.log", maxBytes=10_000_000, backupCount=3)
logging.root.addHandler(handler)
logging.basicConfig(
    level=logging.INFO,
    filename="app.log",
)
