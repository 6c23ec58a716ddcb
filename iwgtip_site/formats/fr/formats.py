# Dates as Canada.ca writes them in French: "25 novembre 2005"; numbers: "1 000 000".
DATE_FORMAT = "j F Y"
THOUSAND_SEPARATOR = "\u00a0"
# Moments dans l'historique et le journal, à la seconde : « 1 décembre 2026 à 14:58:07 ».
DATETIME_FORMAT = "j F Y à H:i:s"
