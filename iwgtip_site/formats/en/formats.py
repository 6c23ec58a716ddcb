# Dates as Canada.ca writes them in English: "November 25, 2005".
DATE_FORMAT = "F j, Y"
# Moments in the history and the audit log, to the second: "December 1, 2026, 2:58:07 p.m.".
DATETIME_FORMAT = "F j, Y, g:i:s a"
