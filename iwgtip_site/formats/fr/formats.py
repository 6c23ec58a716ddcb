# Dates as Canada.ca writes them in French: "25 novembre 2005", but "1er novembre 2005" on the first of a month,
# which one Django format string cannot say: iwgtip_site.formats.date_in_words uses the FIRST_DAY_ variant then.
DATE_FORMAT = "j F Y"
FIRST_DAY_DATE_FORMAT = r"j\e\r F Y"
# Moments in the history and the audit log, to the second: "25 novembre 2005, 14 h 30 min 07 s".
DATETIME_FORMAT = r"j F Y, G \h i \m\i\n s \s"
FIRST_DAY_DATETIME_FORMAT = r"j\e\r F Y, G \h i \m\i\n s \s"
# Numbers: "1 000 000".
THOUSAND_SEPARATOR = "\u00a0"
