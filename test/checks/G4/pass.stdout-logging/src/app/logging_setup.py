import logging, sys
from pythonjsonlogger import jsonlogger

# Not a FileHandler: a StreamHandler on stdout, as the logging contract says.
handler = logging.StreamHandler(sys.stdout)
handler.setFormatter(jsonlogger.JsonFormatter(
    '%(asctime)s %(levelname)s %(message)s',
    rename_fields={"asctime": "time", "levelname": "level", "message": "msg"}
))
logging.root.addHandler(handler)
with open("report.csv", "w") as report:
    report.write("id,total\n")
