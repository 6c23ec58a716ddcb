# Dates as Canada.ca writes them in French: "25 novembre 2005", but "1er novembre 2005" on the first of a month,
# which one Django format string cannot say: iwgtip_site.formats.date_in_words uses the FIRST_DAY_ variant then.
DATE_FORMAT = "j F Y"
FIRST_DAY_DATE_FORMAT = r"j\e\r F Y"
# "25 novembre 2005, 14 h 30"
DATETIME_FORMAT = r"j F Y, G \h i"
FIRST_DAY_DATETIME_FORMAT = r"j\e\r F Y, G \h i"
# Numbers: "1 000 000".
THOUSAND_SEPARATOR = "\u00a0"
