# Dates as Canada.ca writes them in French: "25 novembre 2005"; numbers: "1 000 000".
DATE_FORMAT = "j F Y"
THOUSAND_SEPARATOR = "\u00a0"
