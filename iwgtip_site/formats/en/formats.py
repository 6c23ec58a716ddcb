# Dates as Canada.ca writes them in English: "November 25, 2005".
DATE_FORMAT = "F j, Y"
